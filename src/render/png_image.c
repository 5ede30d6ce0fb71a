/* png_image.c — raster images for the cairo backend (see png_priv.h). */
#include "png_priv.h"

#include <stdint.h>

cairo_surface_t *fo_png_surface_from_rgb(int width, int height, const unsigned char *rgb,
                                         const unsigned char *alpha)
{
    if (width <= 0 || height <= 0 || width > 32767 || height > 32767 || !rgb)
        return NULL;
    cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32
                                                          : CAIRO_FORMAT_RGB24,
                                                    width, height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < height; y++) {
        uint32_t *row = (uint32_t *)(data + (size_t)y * (size_t)stride);
        const unsigned char *p = rgb + (size_t)y * (size_t)width * 3;
        const unsigned char *a = alpha ? alpha + (size_t)y * (size_t)width : NULL;
        for (int x = 0; x < width; x++, p += 3) {
            uint32_t r = p[0], g = p[1], b = p[2], al = a ? a[x] : 255;
            if (al != 255) { /* cairo wants premultiplied alpha */
                r = (r * al + 127) / 255;
                g = (g * al + 127) / 255;
                b = (b * al + 127) / 255;
            }
            row[x] = al << 24 | r << 16 | g << 8 | b;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

void fo_png_draw_image(cairo_t *cr, cairo_surface_t *img, double x, double y, double w,
                       double h)
{
    int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    if (iw <= 0 || ih <= 0 || !(w > 0) || !(h > 0))
        return;
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / iw, h / ih);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_t *pat = cairo_get_source(cr);
    /* PAD: the edges sample their own pixels, not transparent black */
    cairo_pattern_set_extend(pat, CAIRO_EXTEND_PAD);
    cairo_pattern_set_filter(pat, CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
}
