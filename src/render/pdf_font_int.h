/* pdf_font_int.h — the font set's data, shared by pdf_font.c (loading,
 * glyph and ToUnicode bookkeeping) and pdf_fontobj.c (the PDF objects).
 * Internal to the PDF backend. */
#ifndef FO_PDF_FONT_INT_H
#define FO_PDF_FONT_INT_H

#include <hb.h>

#include "pdf_font.h"

/* ToUnicode text of one glyph: UTF-16 units and the rule (1..3, see
 * fo_pdf_fonts_note_run) that set it; prio 0 = none. */
typedef struct tu_entry {
    uint16_t *u;
    uint16_t len;
    uint8_t prio;
} tu_entry;

/* One face of the display list; loaded on first use. */
typedef struct pdf_face {
    const fo_face *src;
    bool loaded;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    unsigned nglyphs;
    hb_set_t *used;
    tu_entry *map;        /* nglyphs entries */
    int *width;           /* nglyphs entries: advance in 1/1000 em, as in /W */
    HPDF_Dict type0;
} pdf_face;

struct fo_pdf_fonts {
    fo_pdf_ctx *c;
    const fo_display *d;
    pdf_face *faces;
    int nfaces;
};

#endif
