/* pdf.h — the PDF backend: writes a display list with libharu.
 *
 * Text is written as the glyph ids Pango chose (PDF 1.7 §9.7 composite
 * fonts): each face becomes a Type0 font with /Identity-H encoding, a
 * CIDFontType2 descendant with /CIDToGIDMap /Identity and integer /W widths,
 * a FontFile2 subset made by HarfBuzz (hb-subset, glyph ids retained) and a
 * ToUnicode CMap (§9.10.3) mapping each glyph to its cluster's text.  Pages,
 * links, outlines, document info and compression use libharu's public API.
 */
#ifndef FO_PDF_H
#define FO_PDF_H

#include <stdbool.h>

#include "../base/diag.h"
#include "display.h"

typedef struct fo_pdf_options {
    bool compress;          /* Flate-compress content streams and fonts (default true) */
    const char *creator;    /* /Creator in the info dictionary, e.g. "folio 0.1"; may be NULL */
} fo_pdf_options;

/* Writes `d` to `path`.  The file is written to a temporary file in the same
 * directory and renamed over `path` only when complete, so a failure never
 * leaves a truncated PDF and never destroys an existing one.  `opt` may be
 * NULL (defaults).  Errors: FO_ERR_FONT when a face cannot be read or
 * subset (the message names the file), FO_ERR_PDF for a libharu error,
 * FO_ERR_IO when the file cannot be written; each is reported to `diag`. */
fo_status fo_pdf_write(const fo_display *d, const char *path,
                       const fo_pdf_options *opt, fo_diag *diag);

#endif
