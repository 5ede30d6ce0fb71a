/* png.h — the raster backend: draws a display list with cairo.
 *
 * Pages are drawn from the same display list the PDF backend writes, into
 * cairo image surfaces (RGB, 8 bits a channel, white page), and saved as PNG.
 * Glyphs are drawn by glyph id with cairo_show_glyphs from a FreeType face
 * loaded once per fo_face (unhinted, grey anti-aliasing, as layout measured
 * them), at exactly the pen positions the display list gives (run origin +
 * sum of advances + each glyph's offsets).  Rectangles and lines use the same
 * geometry as the PDF backend (butt caps, miter joins), with the stroke
 * adjustment PDF viewers apply: horizontal and vertical strokes and filled
 * rectangles cover whole device pixels, at least one a side (an edge moves
 * by at most half a pixel).  Dashed and dotted lines (fo_line_dash) use the
 * PDF backend's dash pattern, dots with round caps; dashes get the stroke
 * adjustment across the line only.  Links,
 * anchors and outline entries have no picture and are skipped.
 *
 * Units: the display list is in points (1/72 in); `dpi` sets pixels per inch,
 * so a page of W pt is ceil(W × dpi / 72) pixels wide.
 */
#ifndef FO_PNG_H
#define FO_PNG_H

#include <stdbool.h>

#include "../base/diag.h"
#include "display.h"

/* Largest resolution accepted, pixels per inch; also every page image must
 * stay under 32767 px a side (cairo's limit). */
#define FO_PNG_MAX_DPI 2400

typedef struct fo_png_options {
    double dpi;      /* pixels per inch for page images; ≤ 0: 96 */
    int first_page;  /* 1-based, inclusive; ≤ 0: the first page */
    int last_page;   /* 1-based, inclusive; ≤ 0 or past the end: the last page */
    int thumb_width; /* contact sheet: width of one page thumbnail, px; ≤ 0: 180 */
} fo_png_options;

/* Parses a page range as given to --pages: "N" or "N-M" (1 ≤ N ≤ M), or
 * "N-" (from N to the end).  Sets *first and *last (1-based; *last = 0 for
 * "to the end").  Returns false, leaving them unchanged, on anything else. */
bool fo_png_parse_pages(const char *s, int *first, int *last);

/* Writes the selected pages of `d` as DIR/page-001.png, page-002.png, ...
 * (numbered by page number in the document, three digits at least).  DIR is
 * created when missing, with its parents (as mkdir -p).  Each file is
 * written to a temporary file in DIR and renamed into place, so a failure
 * never leaves a truncated PNG.  Files DIR/page-NNN.png numbered past the
 * document's last page (left by an earlier, longer document) are removed.  `opt` may be NULL (96 dpi, every page).  Errors:
 * FO_ERR_FONT when a face cannot be loaded (the message names the file),
 * FO_ERR_IO when a file cannot be written or the range selects no page,
 * FO_ERR_LIMIT when the image would be too large, FO_ERR_NOMEM; each is
 * reported to `diag`.  On success *written (may be NULL) is the number of
 * pages written. */
fo_status fo_png_write_pages(const fo_display *d, const char *dir,
                             const fo_png_options *opt, int *written,
                             fo_diag *diag);

/* Writes the selected pages as thumbnails `opt->thumb_width` px wide on one
 * PNG image at `path` (grey background, rows of up to 6 pages, each page
 * framed), atomically as above.  Errors as for fo_png_write_pages. */
fo_status fo_png_contact_sheet(const fo_display *d, const char *path,
                               const fo_png_options *opt, fo_diag *diag);

#endif
