/* imgdiff — compares two page images, for the parity and reference tests.
 *
 * Usage: imgdiff [-t T] [-r R] [-f PAGE%] [-i INK%] [-m PX] [-d DIFF.png] A.png B.png
 *
 * Both images are reduced to luminance (0..255, Rec. 709 weights).  A pixel
 * "differs" when its luminance in A and in B differ by more than T (default
 * 64, a quarter of the range).  With -r R > 0 the comparison forgives
 * displacement up to R px: a pixel differs only when no pixel within R px
 * (a (2R+1)² window) of the other image is within T of it, looked at from
 * both images.  The images pass when at most PAGE % of all pixels differ
 * (default 0.5) and at most INK % of the inked pixels (darker than white by
 * more than T in either image; default 100, no limit) — unless no more than
 * PX pixels differ in all (default 0).  The ink-relative limit keeps a
 * nearly empty page as strict as a full one.  Images whose sizes differ by more than one pixel fail;
 * otherwise the common area is compared (rasterisers round page sizes
 * differently).
 *
 * With -d, a failing comparison writes DIFF.png: both pages faded to light
 * grey, pixels darker in A than in B in red, darker in B in blue.
 *
 * Prints one line ("A B: N of M pixels (P %) differ by more than T; limit
 * L %: ok|FAIL") and exits 0 when the images pass, 1 when they do not, 2 on
 * a usage or file error.  PNG reading and writing is cairo's (libpng).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

typedef struct grey {
    int w, h;
    unsigned char *p;
} grey;

static int load(const char *path, grey *g)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "imgdiff: cannot read %s: %s\n", path,
                cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return -1;
    }
    /* draw onto white RGB24 so every format (grey, alpha, palette) reads alike */
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(rgb);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(rgb);
    g->w = w;
    g->h = h;
    g->p = malloc((size_t)w * (size_t)h + 1);
    if (!g->p) {
        cairo_surface_destroy(rgb);
        cairo_surface_destroy(s);
        return -1;
    }
    const unsigned char *data = cairo_image_surface_get_data(rgb);
    int stride = cairo_image_surface_get_stride(rgb);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t v = row[x];
            double l = 0.2126 * ((v >> 16) & 255) + 0.7152 * ((v >> 8) & 255) + 0.0722 * (v & 255);
            g->p[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)lround(l);
        }
    }
    cairo_surface_destroy(rgb);
    cairo_surface_destroy(s);
    return 0;
}

/* True when no pixel of `o` within r px of (x, y) is within t of v. */
static int unmatched(const grey *o, int w, int h, int x, int y, int r, int v, int t)
{
    for (int dy = -r; dy <= r; dy++) {
        int yy = y + dy;
        if (yy < 0 || yy >= h)
            continue;
        for (int dx = -r; dx <= r; dx++) {
            int xx = x + dx;
            if (xx < 0 || xx >= w)
                continue;
            if (abs(o->p[(size_t)yy * (size_t)o->w + (size_t)xx] - v) <= t)
                return 0;
        }
    }
    return 1;
}

static int write_diff(const char *path, const grey *a, const grey *b, int w, int h,
                      const unsigned char *bad)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            int va = a->p[(size_t)y * (size_t)a->w + (size_t)x];
            int vb = b->p[(size_t)y * (size_t)b->w + (size_t)x];
            uint32_t px;
            if (bad[(size_t)y * (size_t)w + (size_t)x])
                px = va < vb ? 0xd00000u : 0x0030d0u;
            else {
                int l = 255 - (255 - (va < vb ? va : vb)) / 4; /* faded */
                px = (uint32_t)(l << 16 | l << 8 | l);
            }
            row[x] = px;
        }
    }
    cairo_surface_mark_dirty(s);
    cairo_status_t st = cairo_surface_write_to_png(s, path);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "imgdiff: cannot write %s: %s\n", path, cairo_status_to_string(st));
        return -1;
    }
    return 0;
}

static void usage(void)
{
    fputs("usage: imgdiff [-t T] [-r R] [-f PAGE%] [-i INK%] [-m PX] [-d DIFF.png] A.png B.png\n",
          stderr);
}

int main(int argc, char **argv)
{
    int t = 64, r = 0;
    double limit = 0.5, ink_limit = 100, min_px = 0;
    const char *diff = NULL, *pa = NULL, *pb = NULL;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (o[0] == '-' && o[1] && strchr("tfrdim", o[1]) && !o[2] && i + 1 < argc) {
            const char *v = argv[++i];
            char *end;
            if (o[1] == 'd') {
                diff = v;
                continue;
            }
            double n = strtod(v, &end);
            if (*end || end == v || n < 0) {
                usage();
                return 2;
            }
            if (o[1] == 't')
                t = (int)n;
            else if (o[1] == 'f')
                limit = n;
            else if (o[1] == 'i')
                ink_limit = n;
            else if (o[1] == 'm')
                min_px = n;
            else
                r = (int)n;
        } else if (o[0] == '-') {
            usage();
            return 2;
        } else if (!pa) {
            pa = o;
        } else if (!pb) {
            pb = o;
        } else {
            usage();
            return 2;
        }
    }
    if (!pb || r > 8) {
        usage();
        return 2;
    }
    grey a = {0}, b = {0};
    if (load(pa, &a) != 0 || load(pb, &b) != 0) {
        free(a.p);
        free(b.p);
        return 2;
    }
    if (abs(a.w - b.w) > 1 || abs(a.h - b.h) > 1) {
        printf("%s %s: sizes differ (%dx%d, %dx%d): FAIL\n", pa, pb, a.w, a.h, b.w, b.h);
        free(a.p);
        free(b.p);
        return 1;
    }
    int w = a.w < b.w ? a.w : b.w, h = a.h < b.h ? a.h : b.h;
    unsigned char *bad = calloc((size_t)w * (size_t)h + 1, 1);
    if (!bad) {
        free(a.p);
        free(b.p);
        return 2;
    }
    long nbad = 0, total = (long)w * h, ink = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int va = a.p[(size_t)y * (size_t)a.w + (size_t)x];
            int vb = b.p[(size_t)y * (size_t)b.w + (size_t)x];
            if (va < 255 - t || vb < 255 - t)
                ink++;
            if (abs(va - vb) <= t)
                continue;
            if (r > 0 && !unmatched(&b, w, h, x, y, r, va, t) &&
                !unmatched(&a, w, h, x, y, r, vb, t))
                continue;
            bad[(size_t)y * (size_t)w + (size_t)x] = 1;
            nbad++;
        }
    double pct = total ? 100.0 * (double)nbad / (double)total : 0;
    double ipct = ink ? 100.0 * (double)nbad / (double)ink : 0;
    int pass = (pct <= limit && ipct <= ink_limit) || (double)nbad <= min_px;
    printf("%s %s: %ld px differ by more than %d: %.3f %% of %ld px (limit %.3g %%), "
           "%.2f %% of %ld inked px (limit %.3g %%): %s\n",
           pa, pb, nbad, t, pct, total, limit, ipct, ink, ink_limit, pass ? "ok" : "FAIL");
    int rc = pass ? 0 : 1;
    if (!pass && diff && write_diff(diff, &a, &b, w, h, bad) != 0)
        rc = 2;
    free(bad);
    free(a.p);
    free(b.p);
    return rc;
}
