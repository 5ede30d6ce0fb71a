/* image.h — reading raster images (PNG through libpng, JPEG through
 * libjpeg) for layout (size, validity) and backends (8-bit pixels).
 *
 * Layout calls fo_image_load once per image to learn its size and to make
 * sure it decodes (an unreadable image becomes a placeholder and a warning
 * there, never an error in a backend).  Backends call fo_image_pixels to
 * get 8-bit samples: 16-bit PNGs are reduced to 8 bits, palettes and gray
 * expanded, alpha split into its own plane.
 */
#ifndef FO_IMAGE_H
#define FO_IMAGE_H

#include <stddef.h>

#include "../base/diag.h"

typedef enum fo_image_format { FO_IMAGE_PNG = 1, FO_IMAGE_JPEG = 2 } fo_image_format;

/* What fo_image_load learns about an image file. */
typedef struct fo_image_info {
    fo_image_format format;
    int width, height;  /* pixels */
    int components;     /* JPEG: 1 (gray), 3 (RGB/YCbCr) or 4 (CMYK); PNG: 3 or 4 */
    double dpi_x, dpi_y;/* resolution from the file (PNG pHYs, JPEG JFIF), 0 when absent */
} fo_image_info;

/* Reads and fully decodes the image at `path` (sniffed by its signature,
 * not its name) to check it and fill *info.  On failure returns
 * FO_ERR_IO (cannot open), FO_ERR_DOC (not PNG/JPEG, corrupt, or over the
 * pixel limits of base/limits.h, checked from the header before decoding)
 * or FO_ERR_NOMEM, and writes a one-line reason into `why` (`why_len`
 * bytes, NUL-terminated): "bad PNG: ...", "corrupt JPEG: <libjpeg's
 * message>", "PNG/JPEG too large (W x H px)".  A JPEG libjpeg only warns
 * about (cut short, undecodable data) is corrupt too: its DCT data would be
 * copied into the PDF as is.  Never aborts, never prints. */
fo_status fo_image_load(const char *path, fo_image_info *info, char *why, size_t why_len);

/* 8-bit pixels of an image.  `rgb` holds width*height*3 bytes (gray images
 * are expanded to RGB); `alpha` holds width*height bytes, or is NULL when
 * the image is opaque.  Free with fo_image_pixels_free. */
typedef struct fo_image_pixels {
    int width, height;
    unsigned char *rgb;
    unsigned char *alpha;
} fo_image_pixels;

/* Decodes the PNG or JPEG at `path` into 8-bit RGB (+ alpha).  Errors as
 * for fo_image_load; on failure *px is zeroed and owns nothing. */
fo_status fo_image_pixels_read(const char *path, fo_image_pixels *px, char *why, size_t why_len);
void fo_image_pixels_free(fo_image_pixels *px);

#endif
