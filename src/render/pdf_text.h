/* pdf_text.h — text-showing operators for glyph runs (internal to the PDF
 * backend).  See pdf_text.c. */
#ifndef FO_PDF_TEXT_H
#define FO_PDF_TEXT_H

#include "pdf_font.h"

/* What the current text object (BT … ET) has set: the origin of the text
 * line matrix (PDF pt, y up; Td moves it), the font and the fill colour.
 * Zero it (fo_pdf_text_begin) at each BT. */
typedef struct fo_pdf_text_state {
    double x, y;
    char font[32];   /* resource name of the current Tf, "" none */
    double size;
    double r, g, b;
    bool has_color;
} fo_pdf_text_state;

/* Resets `ts` for a new text object (BT sets the line matrix to identity). */
void fo_pdf_text_begin(fo_pdf_text_state *ts);

/* Appends to `out` the operators drawing `run` (PDF 1.7 §9.4): "/Fn size Tf"
 * and "r g b rg" when they differ from `ts`, "dx dy Td" (relative to the
 * line origin in `ts`, which it updates) and "[<gids> adj <gids>] TJ",
 * inside a text object the caller opens and closes (BT/ET); several runs
 * may share one text object.  `font_name` is the run's
 * resource name (e.g. "F0"); `page_h` the page height in pt (display y-down
 * coordinates become PDF y-up ones).  Glyph ids are 2-byte Identity-H codes.
 * The pen is re-positioned only where the advance accumulated from the /W
 * widths (fo_pdf_fonts_width) drifts from the display list's by more than
 * 0.005 pt or 1.5/1000 em, whichever is more (a TJ adjustment in whole
 * thousandths of an em), or where a glyph has an x/y offset (a new Td).
 * Clusters whose glyphs do not map back to their text through ToUnicode are
 * wrapped in "/Span <</ActualText …>> BDC … EMC" (§14.9.4).  Allocation
 * failure sets out->oom. */
void fo_pdf_text_run(const fo_pdf_fonts *fonts, const fo_glyph_run *run,
                     const char *font_name, double page_h,
                     fo_pdf_text_state *ts, fo_pdf_buf *out);

#endif
