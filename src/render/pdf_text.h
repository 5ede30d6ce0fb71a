/* pdf_text.h — text-showing operators for glyph runs (internal to the PDF
 * backend).  See pdf_text.c. */
#ifndef FO_PDF_TEXT_H
#define FO_PDF_TEXT_H

#include "pdf_font.h"

/* Appends to `out` the operators drawing `run` (PDF 1.7 §9.4): "/Fn size Tf",
 * "r g b rg", "1 0 0 1 x y Tm" and "[<gids> adj <gids>] TJ", inside a text
 * object the caller opens and closes (BT/ET).  `font_name` is the run's
 * resource name (e.g. "F0"); `page_h` the page height in pt (display y-down
 * coordinates become PDF y-up ones).  Glyph ids are 2-byte Identity-H codes.
 * The pen is re-positioned only where the advance accumulated from the /W
 * widths (fo_pdf_fonts_width) drifts from the display list's by more than
 * 0.005 pt (a TJ adjustment) or where a glyph has an x/y offset (a new Tm).
 * Clusters whose glyphs do not map back to their text through ToUnicode are
 * wrapped in "/Span <</ActualText …>> BDC … EMC" (§14.9.4).  Allocation
 * failure sets out->oom. */
void fo_pdf_text_run(const fo_pdf_fonts *fonts, const fo_glyph_run *run,
                     const char *font_name, double page_h, fo_pdf_buf *out);

#endif
