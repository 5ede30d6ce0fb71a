/* png_priv.h — internals of the cairo backend shared by png.c and
 * png_font.c.  Not a public header. */
#ifndef FO_PNG_PRIV_H
#define FO_PNG_PRIV_H

#include <cairo.h>

#include "../base/diag.h"
#include "display.h"

/* The faces of one display list as cairo font faces, each loaded with
 * FreeType on first use and kept for the whole walk. */
typedef struct fo_png_fonts fo_png_fonts;

/* Creates the (empty) face table for `d`.  FO_ERR_FONT when FreeType cannot
 * start, FO_ERR_NOMEM; reported to `diag`. */
fo_status fo_png_fonts_new(const fo_display *d, fo_diag *diag, fo_png_fonts **out);

/* Sets *face to the cairo face for d->faces[index] (borrowed, valid until
 * fo_png_fonts_free), loading the file on first use.  FO_ERR_FONT naming the
 * file when it cannot be loaded or the index is out of range. */
fo_status fo_png_fonts_face(fo_png_fonts *f, int index, cairo_font_face_t **face);

/* Sets the font options every page uses: no hinting, unhinted metrics, grey
 * anti-aliasing — the options layout measured with (src/text/fonts.c). */
void fo_png_fonts_apply_options(cairo_t *cr);

/* Releases the table.  Accepts NULL. */
void fo_png_fonts_free(fo_png_fonts *f);

/* Raster images (png_image.c), for FO_ITEM_IMAGE once the display list has
 * it: the decoded pixels come from render/image.h (fo_image_pixels_read). */

/* A cairo surface of `width` × `height` px from 8-bit pixels: `rgb` holds
 * width*height*3 bytes, row by row; `alpha` width*height bytes, or NULL for
 * an opaque image (RGB24).  Alpha is premultiplied, as cairo requires.
 * Returns a new surface the caller destroys, or NULL when out of memory or
 * a side is outside 1..32767 px. */
cairo_surface_t *fo_png_surface_from_rgb(int width, int height, const unsigned char *rgb,
                                         const unsigned char *alpha);

/* Paints `img` stretched into the box (x, y, w, h) in the user space of `cr`
 * (pt on a page), smoothed, edges padded rather than faded.  Draws nothing
 * for an empty box. */
void fo_png_draw_image(cairo_t *cr, cairo_surface_t *img, double x, double y, double w,
                       double h);

#endif
