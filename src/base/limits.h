/* limits.h — the limits that stop runaway input with a clear error (or a
 * documented graceful fallback) instead of exhausting memory or time.
 * docs/reliability.md lists them with the behaviour at each limit.
 *
 * Every stage reads its limit from here so that the numbers live in one
 * place.  The values are plain constants (no run-time state); --max-pages
 * is the only one the command line changes (fo_layout_options.max_pages).
 */
#ifndef FO_LIMITS_H
#define FO_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

/* Default of --max-pages: a document needing more pages fails with
 * "needs more than N pages" (FO_ERR_LIMIT).  Layout stops as soon as the
 * boxes laid out so far cannot fit in N pages, so a runaway input fails
 * early instead of laying out everything first. */
#define FO_LIMIT_PAGES_DEFAULT 10000

/* Block containers (block quotes, lists, list items, footnotes) deeper than
 * this are laid out without further indentation: graceful flattening with
 * one warning, never an error.  Flattening also starts earlier when the
 * next level's measure would fall below 36 pt.  The layout walk is
 * iterative, so depth never costs stack; cmark-gfm's block parser is
 * iterative too. */
#define FO_LIMIT_NEST_INDENT 64

/* Images: the most pixels (width × height) a decoded image may have.  A
 * header announcing more is refused before any pixel memory is allocated
 * (100 000 × 100 000 px would need 40 GB as RGBA).  64 Mpx ≈ 256 MB RGBA. */
#define FO_LIMIT_IMAGE_PIXELS ((uint64_t)64 * 1000 * 1000)
/* Neither side may exceed this many pixels, whatever the product. */
#define FO_LIMIT_IMAGE_SIDE 65535u

/* Checks an image's announced dimensions (px) against the limits above.
 * Returns FO_OK, or FO_ERR_LIMIT after reporting
 * `file:line:col: error: image PATH is W x H px; the limit is ...` through
 * `diag` (file/line/col locate the reference in the document; path names
 * the image).  Zero width or height is also refused (FO_ERR_LIMIT).
 *
 * Image readers (PNG/JPEG) must call this right after reading the header
 * and before allocating the pixel buffer, e.g.
 *     if (fo_limit_image(w, h, img_path, doc_path, line, col, diag) != FO_OK)
 *         return FO_ERR_LIMIT;   // the caller may draw a placeholder */
fo_status fo_limit_image(uint64_t width, uint64_t height, const char *path,
                         const char *file, int line, int col, fo_diag *diag);

/* Font sizes outside [FO_LIMIT_FONT_MIN, FO_LIMIT_FONT_MAX] pt are clamped
 * with a warning by the style sheet reader (0 pt would make Pango divide by
 * zero; 10 000 pt lines never fit on a page). */
#define FO_LIMIT_FONT_MIN 1.0
#define FO_LIMIT_FONT_MAX 1000.0

/* Lengths in a style sheet larger in magnitude than this (pt) are clamped
 * with a warning (1e308pt would overflow every later sum to infinity). */
#define FO_LIMIT_LENGTH_MAX 100000.0

#endif
