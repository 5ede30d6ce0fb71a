/* pdf_font.h — embedded composite fonts of the PDF backend (internal).
 *
 * One set per document: for each face of the display list that glyph runs
 * use, it loads the file with HarfBuzz, collects the glyph ids used and the
 * text each maps back to, and finally writes through libharu's object layer
 * a Type0 font (/Identity-H, PDF 1.7 §9.7.6), its CIDFontType2 descendant
 * (§9.7.4, /CIDToGIDMap /Identity, integer /W widths), a FontDescriptor
 * (§9.8), a FontFile2 subset made by hb-subset with glyph ids retained
 * (§9.9) and a ToUnicode CMap (§9.10.3).
 *
 * Use: fo_pdf_fonts_new; fo_pdf_fonts_note_run for every run of the document
 * (a pre-pass, so the text mapping is final before content is written);
 * fo_pdf_fonts_type0 / _width / _unicode while writing pages;
 * fo_pdf_fonts_finish before saving; fo_pdf_fonts_free.
 */
#ifndef FO_PDF_FONT_H
#define FO_PDF_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "pdf_priv.h"

typedef struct fo_pdf_fonts fo_pdf_fonts;

/* Creates the font set for `d`'s faces.  Nothing is loaded yet.  Returns
 * FO_ERR_NOMEM (reported to c->diag) on allocation failure.  The caller
 * frees *out with fo_pdf_fonts_free; `c` and `d` must outlive it. */
fo_status fo_pdf_fonts_new(fo_pdf_ctx *c, const fo_display *d,
                           fo_pdf_fonts **out);

/* Frees the set and its HarfBuzz objects (libharu objects belong to the
 * document).  Accepts NULL. */
void fo_pdf_fonts_free(fo_pdf_fonts *f);

/* Records the glyphs of `run` and the text of their clusters, loading the
 * run's face on first use.  ToUnicode policy (one entry per glyph id):
 *   3  a glyph alone in its cluster maps to the whole cluster text
 *      (a ligature maps to several characters);
 *   2  a glyph of a multi-glyph cluster that is the face's nominal glyph
 *      (cmap) of one of the cluster's characters maps to that character;
 *   1  the first other glyph of a multi-glyph cluster maps to the
 *      characters not claimed by rule 2 (e.g. a Devanagari half form to
 *      "न्"); further glyphs get no candidate.
 * A higher rule replaces a lower one; between equals, the first wins.
 * Clusters whose glyphs do not map back to exactly their text are marked
 * with /ActualText by the text writer (pdf_text.c).
 * Errors: FO_ERR_FONT (reported; names the file) when the face cannot be
 * read, is not TrueType (glyf) — e.g. CFF — or a glyph id exceeds 0xFFFF;
 * FO_ERR_NOMEM. */
fo_status fo_pdf_fonts_note_run(fo_pdf_fonts *f, const fo_glyph_run *run);

/* Advance of `gid` in face `face` in 1/1000 em, rounded, exactly as written
 * in /W.  0 for an unknown glyph or an unloaded face. */
int fo_pdf_fonts_width(const fo_pdf_fonts *f, int face, uint32_t gid);

/* The ToUnicode text of `gid` in `face` as UTF-16 code units (*len units;
 * NULL and 0 when the glyph has none).  Owned by the set. */
const uint16_t *fo_pdf_fonts_unicode(const fo_pdf_fonts *f, int face,
                                     uint32_t gid, size_t *len);

/* The Type0 font dictionary of `face`, created (empty, indirect) on first
 * call and filled by fo_pdf_fonts_finish.  The face must have been noted
 * (fo_pdf_fonts_note_run).  NULL after a libharu error (recorded in the
 * context; report it with fo_pdf_herror) or for a face never noted. */
HPDF_Dict fo_pdf_fonts_type0(fo_pdf_fonts *f, int face);

/* Fills every Type0 font created so far: descendant, descriptor, /W,
 * FontFile2 subset (Flate-compressed when c->compress; /Length1 is the
 * uncompressed length) and ToUnicode CMap.  Errors: FO_ERR_FONT (reported,
 * names the file) when subsetting fails, FO_ERR_PDF (reported) on a libharu
 * error, FO_ERR_NOMEM. */
fo_status fo_pdf_fonts_finish(fo_pdf_fonts *f);

#endif
