/* test_borders.c — border styles (CSS Backgrounds 3 §4.2) from the style
 * sheet to both backends: the display items layout makes for dashed,
 * dotted, double and solid sides (deco.c), the `d` and `J` operators the
 * PDF writer emits for them, and the gaps cairo leaves in a dashed border.
 * Runs from the repository root (fonts at fonts/...). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem: the ASan build's CFLAGS do not define it */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <glib.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "render/display.h"
#include "render/pdf.h"
#include "render/png.h"
#include "style/style.h"
#include "text/fonts.h"

static fo_fonts *fonts;
static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    fo_diag d;
    fo_diag_init(&d);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/folio-test-borders-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    int rc = fo_fonts_new("fonts", &fonts, &d) == FO_OK ? 0 : -1;
    fo_diag_dispose(&d);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    fo_fonts_free(fonts);
    char cmd[512];
    if (getenv("FOLIO_KEEP_TMP"))
        return 0;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Lays out Markdown `md` with style sheet text `css`. */
static fo_display *typeset(const char *md, const char *css)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, &d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, &d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, &d), FO_OK);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
    return dl;
}

static const char *PARA =
    "A paragraph long enough to wrap onto a second and a third line of text: "
    "the quick brown fox jumps over the lazy dog, again and again, until the "
    "box around it is tall enough to show its side borders well.\n";

/* Is `x` a whole number, to 1e-6? */
static bool whole(double x)
{
    return fabs(x - floor(x + 0.5)) < 1e-6;
}

/* Items of page 0 that are lines with dash style `ds` and colour red `r`. */
static int lines_of(const fo_display *dl, fo_dash ds, double r, const fo_line_item **out,
                    int max)
{
    int n = 0;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_LINE && it->u.line.dash.style == ds &&
            fabs(it->u.line.color.r - r) < 1e-3) {
            if (n < max)
                out[n] = &it->u.line;
            n++;
        }
    }
    return n;
}

/* Rectangles of page 0 filled with red `r`. */
static int rects_of(const fo_display *dl, double r, const fo_rect_item **out, int max)
{
    int n = 0;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.fill.a > 0 &&
            fabs(it->u.rect.fill.r - r) < 1e-3 && it->u.rect.fill.g < 0.01) {
            if (n < max)
                out[n] = &it->u.rect;
            n++;
        }
    }
    return n;
}

/* A dashed border: four sides of dashed lines, 3 × the width long, fitted
 * so that each side starts and ends with a dash; the left and right sides,
 * drawn in strips box by box, are one pattern from corner to corner. */
static void test_dashed_items(void **state)
{
    (void)state;
    char md[1024];
    snprintf(md, sizeof md, "%s", PARA);
    fo_display *dl = typeset(md, "p { border: 2pt dashed #ff0000; padding: 6pt; }");
    const fo_line_item *l[64];
    int n = lines_of(dl, FO_DASH_DASHED, 1, l, 64);
    assert_true(n >= 4 && n <= 64);
    const fo_line_item *top = NULL, *bottom = NULL;
    double xl = 1e9, xr = -1e9;
    for (int i = 0; i < n; i++) {
        assert_true(fabs(l[i]->width - 2) < 1e-9);
        assert_true(fabs(l[i]->dash.on - 6) < 1e-9); /* 3 × 2 pt */
        assert_true(l[i]->dash.off > 3 - 1e-9);     /* at least half the nominal gap */
        assert_true(l[i]->dash.phase >= 0 && l[i]->dash.phase < l[i]->dash.on + l[i]->dash.off);
        if (l[i]->y1 == l[i]->y2) {
            if (!top || l[i]->y1 < top->y1)
                top = l[i];
            if (!bottom || l[i]->y1 > bottom->y1)
                bottom = l[i];
        } else {
            assert_true(l[i]->x1 == l[i]->x2);
            xl = fmin(xl, l[i]->x1);
            xr = fmax(xr, l[i]->x1);
        }
    }
    assert_non_null(top);
    assert_true(bottom != top);
    /* horizontal sides: n dashes and n - 1 gaps fill the length exactly */
    double len = top->x2 - top->x1, per = top->dash.on + top->dash.off;
    assert_true(whole((len + top->dash.off) / per));
    assert_true(top->dash.phase == 0);
    /* the vertical strips: one pattern from the top corner (top border's
     * outer edge) to the bottom corner */
    double y0 = top->y1 - 1, y1 = bottom->y1 + 1;
    int strips = 0;
    double vper = -1;
    for (int i = 0; i < n; i++) {
        if (l[i]->x1 != l[i]->x2)
            continue;
        assert_true(l[i]->x1 == xl || l[i]->x1 == xr);
        double p = l[i]->dash.on + l[i]->dash.off;
        if (vper < 0)
            vper = p;
        assert_true(fabs(p - vper) < 1e-9); /* one pattern on all strips */
        /* the strip starts `phase` into a period that began at the corner */
        assert_true(whole((l[i]->y1 - y0 - l[i]->dash.phase) / p));
        strips++;
    }
    assert_true(strips >= 2 * 3); /* spacer, lines, spacer on each side */
    assert_true(whole((y1 - y0 + (vper - 6)) / vper)); /* ends with a dash */
    /* and nothing of the border is drawn as a filled rectangle */
    const fo_rect_item *r[8];
    assert_int_equal(rects_of(dl, 1, r, 8), 0);
    fo_display_free(dl);
}

/* Dotted: round dots the width across, centres about 2 × the width apart,
 * a dot centred half a width in from each corner. */
static void test_dotted_items(void **state)
{
    (void)state;
    fo_display *dl = typeset(PARA, "p { border: 1.5pt dotted #ff0000; padding: 6pt; }");
    const fo_line_item *l[64];
    int n = lines_of(dl, FO_DASH_DOTTED, 1, l, 64);
    assert_true(n >= 4 && n <= 64);
    for (int i = 0; i < n; i++) {
        assert_true(l[i]->dash.on == 0);
        double s = l[i]->dash.off;
        assert_true(s > 1.5 * 1.5 - 1e-9 && s < 1.5 * 3);
        if (l[i]->y1 == l[i]->y2) { /* a whole side: dots at both ends */
            double len = l[i]->x2 - l[i]->x1;
            assert_true(whole((len - 1.5) / s));
            /* the first dot at 0.75 pt: phase + 0.75 is a whole period */
            assert_true(whole((l[i]->dash.phase + 0.75) / s));
        }
    }
    fo_display_free(dl);
}

/* Double: two stripes a third of the width each with a third between;
 * thinner than 2.25 pt (3 px) it is solid.  Solid borders stay filled
 * rectangles without dash patterns. */
static void test_double_and_solid_items(void **state)
{
    (void)state;
    fo_display *dl = typeset(PARA, "p { border-top: 3pt double #ff0000; padding: 6pt; }");
    const fo_rect_item *r[8];
    assert_int_equal(rects_of(dl, 1, r, 8), 2);
    assert_true(fabs(r[0]->h - 1) < 1e-9 && fabs(r[1]->h - 1) < 1e-9);
    assert_true(fabs(fabs(r[1]->y - r[0]->y) - 2) < 1e-9); /* a 1 pt gap between */
    fo_display_free(dl);

    dl = typeset(PARA, "p { border-top: 2pt double #ff0000; padding: 6pt; }");
    assert_int_equal(rects_of(dl, 1, r, 8), 1);
    assert_true(fabs(r[0]->h - 2) < 1e-9);
    fo_display_free(dl);

    /* a double box: the inner stripes meet at the corners */
    dl = typeset(PARA, "p { border: 3pt double #ff0000; padding: 6pt; }");
    int n = rects_of(dl, 1, r, 8);
    assert_true(n >= 8);
    fo_display_free(dl);

    dl = typeset(PARA, "p { border: 2pt solid #ff0000; padding: 6pt; }");
    const fo_line_item *l[8];
    assert_int_equal(lines_of(dl, FO_DASH_DASHED, 1, l, 8), 0);
    assert_int_equal(lines_of(dl, FO_DASH_DOTTED, 1, l, 8), 0);
    assert_int_equal(lines_of(dl, FO_DASH_SOLID, 1, l, 8), 0);
    assert_true(rects_of(dl, 1, r, 8) >= 4);
    fo_display_free(dl);
}

/* Per-side styles through border-style's 1–4 values. */
static void test_per_side_styles(void **state)
{
    (void)state;
    fo_display *dl = typeset(PARA, "p { border: 2pt solid #ff0000;"
                                   " border-style: dashed dotted; padding: 6pt; }");
    const fo_line_item *l[64];
    int nd = lines_of(dl, FO_DASH_DASHED, 1, l, 64);
    assert_int_equal(nd, 2); /* top and bottom */
    for (int i = 0; i < nd; i++)
        assert_true(l[i]->y1 == l[i]->y2);
    int nt = lines_of(dl, FO_DASH_DOTTED, 1, l, 64);
    assert_true(nt >= 2);
    for (int i = 0; i < nt && i < 64; i++)
        assert_true(l[i]->x1 == l[i]->x2); /* left and right */
    fo_display_free(dl);
}

/* A dashed quote of one-line paragraphs broken across pages: on the next
 * page its side starts where its background does (the margin dropped at
 * the page top is clipped from both), and every strip of the side on a
 * page carries on one pattern. */
static void test_dashed_across_pages(void **state)
{
    (void)state;
    GString *md = g_string_new("");
    for (int i = 0; i < 90; i++)
        g_string_append_printf(md, "> Line %d of the quote.\n>\n", i);
    fo_display *dl = typeset(md->str, "blockquote { border-left: 3pt dashed #ff0000;"
                                      " background-color: #00ff00; }"
                                      " p { margin: 0 0 6pt; }");
    assert_true(dl->npages >= 2);
    const fo_page *p = &dl->pages[1];
    double bg_top = 1e9, line_top = 1e9, per = -1, ref = 0;
    int strips = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.fill.g > 0.9 && it->u.rect.fill.r < 0.1)
            bg_top = fmin(bg_top, it->u.rect.y);
        if (it->kind != FO_ITEM_LINE || it->u.line.dash.style != FO_DASH_DASHED)
            continue;
        const fo_line_item *l = &it->u.line;
        assert_true(l->x1 == l->x2);
        line_top = fmin(line_top, l->y1);
        double q = l->dash.on + l->dash.off;
        double o = fmod(l->y1 - l->dash.phase, q); /* where periods start */
        if (o < 0)
            o += q;
        if (per < 0) {
            per = q;
            ref = o;
        }
        assert_true(fabs(q - per) < 1e-9);
        double dd = fabs(o - ref);
        assert_true(dd < 1e-6 || fabs(dd - q) < 1e-6);
        strips++;
    }
    assert_true(strips > 10);
    assert_true(bg_top < 1e9);
    assert_true(fabs(line_top - bg_top) < 1e-6);
    fo_display_free(dl);
    g_string_free(md, TRUE);
}

/* Reads the whole file at `path` (malloc'd, NUL-terminated). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Occurrences of `s` in buf[0, n). */
static int count(const char *buf, size_t n, const char *s)
{
    int k = 0;
    size_t sl = strlen(s);
    for (size_t i = 0; i + sl <= n; i++)
        if (memcmp(buf + i, s, sl) == 0)
            k++;
    return k;
}

/* Writes `css` applied to PARA as an uncompressed PDF; returns its bytes. */
static char *pdf_of(const char *css, const char *name, size_t *len)
{
    fo_display *dl = typeset(PARA, css);
    char path[512];
    snprintf(path, sizeof path, "%s/%s.pdf", tmpdir, name);
    fo_diag diag;
    fo_diag_init(&diag);
    fo_pdf_options opt = {.compress = false};
    assert_int_equal(fo_pdf_write(dl, path, &opt, &diag), FO_OK);
    fo_diag_dispose(&diag);
    fo_display_free(dl);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    return slurp(path, len);
}

/* The PDF has a dash pattern (`d`) for a dashed border, round caps (`J`)
 * for a dotted one, neither for a solid one; `d` is written only when the
 * pattern changes (the strips of a side share one phase only by chance, so
 * at most one per line item, and the horizontal sides share theirs). */
static void test_pdf_dash_operators(void **state)
{
    (void)state;
    size_t n;
    char *b = pdf_of("p { border: 2pt solid #ff0000; padding: 6pt; }", "solid", &n);
    assert_int_equal(count(b, n, " d\n"), 0);
    assert_int_equal(count(b, n, " J\n"), 0);
    free(b);

    b = pdf_of("p { border: 2pt dashed #ff0000; padding: 6pt; }", "dashed", &n);
    assert_true(count(b, n, "[6 ") >= 1); /* dash 6 pt */
    int d = count(b, n, " d\n");
    assert_true(d >= 1);
    assert_int_equal(count(b, n, " J\n"), 0);
    int strokes = count(b, n, " l\nS\n");
    assert_true(strokes >= 4);
    assert_true(d <= strokes);
    free(b);

    b = pdf_of("p { border-top: 2pt dotted #ff0000; padding: 6pt; }", "dotted", &n);
    assert_int_equal(count(b, n, " d\n"), 1);
    const char *op = memmem(b, n, " d\n", 3);
    assert_non_null(op);
    while (op > b && *op != '[')
        op--;
    assert_memory_equal(op, "[0 ", 3); /* zero-length dashes: dots */
    assert_int_equal(count(b, n, "1 J\n"), 1);
    free(b);
}

/* Luminance-free test of ink: a pixel at least half red. */
static bool red(const unsigned char *row, int x)
{
    uint32_t p = ((const uint32_t *)row)[x];
    int r = (p >> 16) & 255, g = (p >> 8) & 255;
    return r > 200 && g < 128;
}

/* Runs of red pixels along row `y` of the image between x0 and x1. */
static int red_runs(cairo_surface_t *s, int y, int x0, int x1)
{
    const unsigned char *row = cairo_image_surface_get_data(s) +
                               (size_t)y * cairo_image_surface_get_stride(s);
    int runs = 0;
    bool in = false;
    for (int x = x0; x <= x1; x++) {
        bool r = red(row, x);
        if (r && !in)
            runs++;
        in = r;
    }
    return runs;
}

/* Draws PARA with `css` at 144 dpi; counts the red runs along the middle
 * of its top border; *dashes gets the number the display list asks for. */
static int png_top_runs(const char *css, const char *name, int *dashes)
{
    fo_display *dl = typeset(PARA, css);
    const fo_rect_item *r[8];
    const fo_line_item *l[64];
    double y, x0, x1;
    int nl = lines_of(dl, FO_DASH_DASHED, 1, l, 64);
    const fo_line_item *top = NULL;
    for (int i = 0; i < nl && i < 64; i++)
        if (l[i]->y1 == l[i]->y2 && (!top || l[i]->y1 < top->y1))
            top = l[i];
    if (top) {
        y = top->y1, x0 = top->x1, x1 = top->x2;
        *dashes = (int)floor((x1 - x0 + top->dash.off) / (top->dash.on + top->dash.off) + 0.5);
    } else {
        assert_true(rects_of(dl, 1, r, 8) >= 1);
        y = r[0]->y + r[0]->h / 2, x0 = r[0]->x, x1 = r[0]->x + r[0]->w;
        *dashes = 1;
    }
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
    fo_diag diag;
    fo_diag_init(&diag);
    fo_png_options o = {.dpi = 144, .first_page = 1, .last_page = 1};
    assert_int_equal(fo_png_write_pages(dl, dir, &o, NULL, &diag), FO_OK);
    fo_diag_dispose(&diag);
    fo_display_free(dl);
    char path[600];
    snprintf(path, sizeof path, "%s/page-001.png", dir);
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    int k = 2; /* px per pt */
    int runs = red_runs(s, (int)(y * k), (int)(x0 * k) + 1, (int)(x1 * k) - 2);
    cairo_surface_destroy(s);
    return runs;
}

/* cairo leaves gaps in a dashed border (one run of red per dash) and none
 * in a solid one. */
static void test_png_dash_gaps(void **state)
{
    (void)state;
    int want;
    int runs = png_top_runs("p { border: 2pt solid #ff0000; padding: 6pt; }", "solid", &want);
    assert_int_equal(runs, 1);
    runs = png_top_runs("p { border: 2pt dashed #ff0000; padding: 6pt; }", "dashed", &want);
    assert_true(want > 10);
    assert_int_equal(runs, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dashed_items),
        cmocka_unit_test(test_dotted_items),
        cmocka_unit_test(test_double_and_solid_items),
        cmocka_unit_test(test_per_side_styles),
        cmocka_unit_test(test_dashed_across_pages),
        cmocka_unit_test(test_pdf_dash_operators),
        cmocka_unit_test(test_png_dash_gaps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
