/* test_png.c — unit tests of the cairo raster backend (render/png*).
 *
 * Builds display lists by hand (text shaped with HarfBuzz), draws them with
 * fo_png_write_pages / fo_png_contact_sheet, reads the PNGs back with cairo
 * and checks pixels: where rules and rectangles land, that a glyph's ink
 * sits where its outline says for the pen position the display list gives,
 * offsets, colours, page selection and errors.  Runs from the repository
 * root (fonts at fonts/...).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb.h>

#include "render/display.h"
#include "render/png.h"
#include "render/png_priv.h"

#define DEJAVU "fonts/DejaVuSans.ttf"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/folio-test-png-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    if (getenv("FOLIO_KEEP_TMP"))
        return 0;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A page image read back: luminance and colour per pixel. */
typedef struct img {
    cairo_surface_t *s;
    int w, h, stride;
    const unsigned char *data;
} img;

static img load(const char *dir, int page)
{
    char path[512];
    snprintf(path, sizeof path, "%s/page-%03d.png", dir, page);
    img m = {.s = cairo_image_surface_create_from_png(path)};
    assert_int_equal(cairo_surface_status(m.s), CAIRO_STATUS_SUCCESS);
    m.w = cairo_image_surface_get_width(m.s);
    m.h = cairo_image_surface_get_height(m.s);
    m.stride = cairo_image_surface_get_stride(m.s);
    m.data = cairo_image_surface_get_data(m.s);
    return m;
}

static uint32_t px(const img *m, int x, int y)
{
    return ((const uint32_t *)(m->data + (size_t)y * (size_t)m->stride))[x] & 0xffffff;
}

static int lum(const img *m, int x, int y)
{
    uint32_t v = px(m, x, y);
    return (int)(((v >> 16) & 255) * 2126 + ((v >> 8) & 255) * 7152 + (v & 255) * 722) / 10000;
}

/* Bounding box of pixels darker than 128 in [x0, x1) × [y0, y1); false when
 * there is none. */
static bool ink_box(const img *m, int x0, int y0, int x1, int y1, int box[4])
{
    box[0] = box[1] = INT32_MAX;
    box[2] = box[3] = -1;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            if (lum(m, x, y) < 128) {
                if (x < box[0]) box[0] = x;
                if (y < box[1]) box[1] = y;
                if (x > box[2]) box[2] = x;
                if (y > box[3]) box[3] = y;
            }
    return box[2] >= 0;
}

/* One glyph run of `text` in DejaVu Sans, shaped by HarfBuzz. */
static fo_item shape(fo_display *d, int face, const char *text, double size,
                     double x, double y, fo_color color)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(DEJAVU);
    assert_non_null(blob);
    hb_face_t *hf = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(hf);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double k = size / hb_face_get_upem(hf);
    fo_glyph *g = fo_display_alloc(d, n * sizeof *g);
    assert_non_null(g);
    for (unsigned i = 0; i < n; i++)
        g[i] = (fo_glyph){info[i].codepoint, pos[i].x_advance * k, pos[i].x_offset * k,
                          -pos[i].y_offset * k, info[i].cluster};
    fo_item it = {.kind = FO_ITEM_GLYPHS};
    it.u.glyphs = (fo_glyph_run){.face = face, .size = size, .color = color, .x = x, .y = y,
                                 .glyphs = g, .nglyphs = (int)n,
                                 .text = fo_display_strdup(d, text),
                                 .text_len = (int)strlen(text)};
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(hf);
    hb_blob_destroy(blob);
    return it;
}

/* The unhinted outline box of `ch` in DejaVu Sans at `size` pt, in pt,
 * y down from the baseline: [xmin, ymin, xmax, ymax]. */
static void outline_box(unsigned ch, double size, double b[4])
{
    FT_Library lib;
    FT_Face face;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Face(lib, DEJAVU, 0, &face), 0);
    assert_int_equal(FT_Load_Glyph(face, FT_Get_Char_Index(face, ch), FT_LOAD_NO_SCALE), 0);
    FT_BBox bb;
    FT_Outline_Get_CBox(&face->glyph->outline, &bb);
    double k = size / face->units_per_EM;
    b[0] = bb.xMin * k;
    b[1] = -bb.yMax * k;
    b[2] = bb.xMax * k;
    b[3] = -bb.yMin * k;
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
}

static const fo_color BLACK = {0, 0, 0, 1};

static void test_parse_pages(void **state)
{
    (void)state;
    int f = -7, l = -7;
    assert_true(fo_png_parse_pages("3", &f, &l));
    assert_int_equal(f, 3);
    assert_int_equal(l, 3);
    assert_true(fo_png_parse_pages("2-5", &f, &l));
    assert_int_equal(f, 2);
    assert_int_equal(l, 5);
    assert_true(fo_png_parse_pages("4-", &f, &l));
    assert_int_equal(f, 4);
    assert_int_equal(l, 0);
    const char *bad[] = {"", "0", "-1", "-", "5-2", "1-2-3", "x", "1x", "1-x", "+1", "1-+2",
                         "99999999999999999999", "1 - 2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        f = l = -7;
        assert_false(fo_png_parse_pages(bad[i], &f, &l));
        assert_int_equal(f, -7);
    }
}

/* A filled rectangle and rules land on the pixels their points say, at two
 * resolutions; a 0.4 pt rule is one full pixel (stroke adjustment). */
static void test_rects_and_rules(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    fo_page *pg = fo_display_add_page(d, 100, 50);
    fo_item r = {.kind = FO_ITEM_RECT};
    r.u.rect = (fo_rect_item){.x = 10, .y = 10, .w = 20, .h = 10, .fill = {1, 0, 0, 1}};
    assert_int_equal(fo_page_add(d, pg, &r), FO_OK);
    fo_item hl = {.kind = FO_ITEM_LINE};
    hl.u.line = (fo_line_item){40, 30.2, 90, 30.2, BLACK, 0.4, FO_LINE_SOLID};
    assert_int_equal(fo_page_add(d, pg, &hl), FO_OK);
    fo_item thin = {.kind = FO_ITEM_RECT}; /* a border drawn as a fill */
    thin.u.rect = (fo_rect_item){.x = 40, .y = 40.3, .w = 50, .h = 0.75, .fill = BLACK};
    assert_int_equal(fo_page_add(d, pg, &thin), FO_OK);
    fo_item vl = {.kind = FO_ITEM_LINE};
    vl.u.line = (fo_line_item){60, 2, 60, 8, {0, 0, 1, 1}, 2, FO_LINE_SOLID};
    assert_int_equal(fo_page_add(d, pg, &vl), FO_OK);

    for (int dpi = 72; dpi <= 144; dpi += 72) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/rules-%d", tmpdir, dpi);
        fo_diag diag;
        fo_diag_init(&diag);
        int written = 0;
        fo_png_options o = {.dpi = dpi};
        assert_int_equal(fo_png_write_pages(d, dir, &o, &written, &diag), FO_OK);
        assert_int_equal(written, 1);
        img m = load(dir, 1);
        int k = dpi / 72;
        assert_int_equal(m.w, 100 * k);
        assert_int_equal(m.h, 50 * k);
        /* the red rectangle covers [10, 30) × [10, 20) pt exactly */
        assert_int_equal(px(&m, 10 * k, 10 * k), 0xff0000);
        assert_int_equal(px(&m, 30 * k - 1, 20 * k - 1), 0xff0000);
        assert_int_equal(px(&m, 10 * k - 1, 15 * k), 0xffffff);
        assert_int_equal(px(&m, 30 * k, 15 * k), 0xffffff);
        assert_int_equal(px(&m, 20 * k, 20 * k), 0xffffff);
        /* the 0.4 pt rule at y = 30.2 pt: one solid black row at 72 dpi
         * (edges 30.0 and 30.4 round to 30 and 30, widened to one pixel) and
         * at 144 dpi (60.4, 60.8 → 60, 61) */
        int row = dpi == 72 ? 30 : 60;
        int solid = 0;
        for (int y = row - 3; y <= row + 3; y++)
            if (lum(&m, 50 * k, y) < 16)
                solid++;
        assert_int_equal(solid, 1);
        assert_true(lum(&m, 50 * k, row) < 16);
        assert_int_equal(px(&m, 39 * k, row), 0xffffff);
        /* the 0.75 pt fill at y = 40.3: one solid row (72 dpi: edges 40.3,
         * 41.05 → 40, 41; 144 dpi: 80.6, 82.1 → 81, 82) */
        row = dpi == 72 ? 40 : 81;
        solid = 0;
        for (int y = row - 3; y <= row + 3; y++)
            if (lum(&m, 50 * k, y) < 16)
                solid++;
        assert_int_equal(solid, 1);
        assert_true(lum(&m, 50 * k, row) < 16);
        /* the 2 pt blue rule at x = 60: columns [59, 61) pt */
        assert_int_equal(px(&m, 59 * k, 5 * k), 0x0000ff);
        assert_int_equal(px(&m, 61 * k - 1, 5 * k), 0x0000ff);
        assert_int_equal(px(&m, 61 * k, 5 * k), 0xffffff);
        assert_int_equal(px(&m, 60 * k, 9 * k), 0xffffff);
        cairo_surface_destroy(m.s);
        fo_diag_dispose(&diag);
    }
    fo_display_free(d);
}

/* A glyph's ink sits where its outline puts it for the run's origin; moving
 * the origin by 1 pt moves the ink by 1 px at 72 dpi; y offsets move single
 * glyphs; the colour is the run's. */
static void test_glyph_positions(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    int face = fo_display_face(d, DEJAVU, 0, "DejaVu Sans", "DejaVuSans");
    fo_page *pg = fo_display_add_page(d, 200, 100);
    fo_item a = shape(d, face, "H", 40, 20, 60, BLACK);
    assert_int_equal(fo_page_add(d, pg, &a), FO_OK);
    fo_item b = shape(d, face, "H", 40, 101, 60, BLACK); /* 1 pt further right */
    assert_int_equal(fo_page_add(d, pg, &b), FO_OK);
    fo_display_add_page(d, 200, 100);
    pg = &d->pages[1];
    /* "HH" with the second glyph 10 pt lower (y_offset, down-positive) */
    fo_item c = shape(d, face, "HH", 40, 20, 50, (fo_color){0.8, 0, 0, 1});
    ((fo_glyph *)c.u.glyphs.glyphs)[1].y_offset = 10;
    assert_int_equal(fo_page_add(d, pg, &c), FO_OK);

    char dir[512];
    snprintf(dir, sizeof dir, "%s/glyphs", tmpdir);
    fo_diag diag;
    fo_diag_init(&diag);
    fo_png_options o = {.dpi = 72};
    assert_int_equal(fo_png_write_pages(d, dir, &o, NULL, &diag), FO_OK);

    double ob[4];
    outline_box('H', 40, ob);
    img m = load(dir, 1);
    int ba[4], bb[4];
    assert_true(ink_box(&m, 0, 0, 100, 100, ba));
    assert_true(ink_box(&m, 100, 0, 200, 100, bb));
    /* the stems of H are vertical: the ink starts within a pixel of the
     * outline's left edge and ends within a pixel of its right edge */
    assert_true(fabs(ba[0] - (20 + ob[0])) <= 1.0);
    assert_true(fabs(ba[2] + 1 - (20 + ob[2])) <= 1.0);
    assert_true(fabs(ba[1] - (60 + ob[1])) <= 1.0);
    assert_true(abs(ba[3] + 1 - 60) <= 1); /* H sits on the baseline */
    /* same glyph 81 pt further right: ink 81 px further right, same rows */
    assert_int_equal(bb[0] - ba[0], 81);
    assert_int_equal(bb[2] - ba[2], 81);
    assert_int_equal(bb[1], ba[1]);
    assert_int_equal(bb[3], ba[3]);
    cairo_surface_destroy(m.s);

    img n = load(dir, 2);
    const fo_glyph *g = c.u.glyphs.glyphs;
    int split = (int)lround(20 + g[0].advance); /* the second glyph's pen */
    int b1[4], b2[4];
    assert_true(ink_box(&n, 0, 0, split, 100, b1));
    assert_true(ink_box(&n, split, 0, 200, 100, b2));
    assert_int_equal(b2[1] - b1[1], 10);
    assert_int_equal(b2[3] - b1[3], 10);
    assert_true(abs((b2[0] - b1[0]) - (int)lround(g[0].advance)) <= 1);
    /* colour: the darkest ink pixel is the run's red */
    uint32_t v = px(&n, (b1[0] + 3), (b1[1] + b1[3]) / 2);
    assert_true(((v >> 16) & 255) > 150 && ((v >> 8) & 255) < 60 && (v & 255) < 60);
    cairo_surface_destroy(n.s);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* --pages selects files; the contact sheet holds every selected page. */
static void test_pages_and_sheet(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    for (int i = 0; i < 8; i++) {
        fo_page *pg = fo_display_add_page(d, 100, 200);
        fo_item r = {.kind = FO_ITEM_RECT};
        r.u.rect = (fo_rect_item){.x = 0, .y = 0, .w = 100, .h = 200, .fill = {0, 0, 0, 1}};
        assert_int_equal(fo_page_add(d, pg, &r), FO_OK);
    }
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/sel", tmpdir);
    fo_diag diag;
    fo_diag_init(&diag);
    int written = 0;
    fo_png_options o = {.dpi = 36, .first_page = 2, .last_page = 3};
    assert_int_equal(fo_png_write_pages(d, dir, &o, &written, &diag), FO_OK);
    assert_int_equal(written, 2);
    for (int p = 1; p <= 8; p++) {
        snprintf(path, sizeof path, "%s/page-%03d.png", dir, p);
        assert_int_equal(access(path, F_OK) == 0, p == 2 || p == 3);
    }
    /* past the end: an error, nothing written */
    o.first_page = 9;
    o.last_page = 0;
    diag.out = NULL;
    diag.capture = true;
    snprintf(dir, sizeof dir, "%s/past", tmpdir);
    assert_int_not_equal(fo_png_write_pages(d, dir, &o, NULL, &diag), FO_OK);
    assert_non_null(strstr(diag.captured, "has 8 pages"));
    assert_int_equal(access(dir, F_OK), -1);

    /* 8 black pages, 50 px thumbnails (100 px tall), 6 to a row, 12 px gaps */
    fo_png_options so = {.thumb_width = 50};
    snprintf(path, sizeof path, "%s/sheet.png", tmpdir);
    assert_int_equal(fo_png_contact_sheet(d, path, &so, &diag), FO_OK);
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    img m = {s, cairo_image_surface_get_width(s), cairo_image_surface_get_height(s),
             cairo_image_surface_get_stride(s), cairo_image_surface_get_data(s)};
    assert_int_equal(m.w, 12 + 6 * 62);
    assert_int_equal(m.h, 12 + 2 * 112);
    int black = 0;
    for (int row = 0; row < 2; row++)
        for (int col = 0; col < 6; col++)
            if (lum(&m, 12 + col * 62 + 25, 12 + row * 112 + 50) == 0)
                black++;
    assert_int_equal(black, 8);
    cairo_surface_destroy(s);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* A face that cannot be loaded: FO_ERR_FONT naming the file, no image. */
static void test_missing_font(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    int face = fo_display_face(d, "fonts/no-such-font.ttf", 0, "None", "");
    fo_page *pg = fo_display_add_page(d, 100, 100);
    static fo_glyph g = {36, 10, 0, 0, 0};
    fo_item it = {.kind = FO_ITEM_GLYPHS};
    it.u.glyphs = (fo_glyph_run){.face = face, .size = 10, .color = BLACK, .x = 10, .y = 50,
                                 .glyphs = &g, .nglyphs = 1, .text = "A", .text_len = 1};
    assert_int_equal(fo_page_add(d, pg, &it), FO_OK);
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    diag.capture = true;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/nofont", tmpdir);
    assert_int_equal(fo_png_write_pages(d, dir, NULL, NULL, &diag), FO_ERR_FONT);
    assert_non_null(strstr(diag.captured, "no-such-font.ttf"));
    snprintf(path, sizeof path, "%s/page-001.png", dir);
    assert_int_equal(access(path, F_OK), -1);
    /* an absurd resolution is refused before anything is drawn */
    fo_png_options o = {.dpi = 100000};
    assert_int_equal(fo_png_write_pages(d, dir, &o, NULL, &diag), FO_ERR_LIMIT);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* Image pixels: alpha premultiplied, drawn stretched into their box with
 * the edges padded. */
static void test_image_pixels(void **state)
{
    (void)state;
    /* 2 × 1: opaque red, then green at half alpha */
    const unsigned char rgb[] = {255, 0, 0, 0, 255, 0};
    const unsigned char alpha[] = {255, 128};
    cairo_surface_t *im = fo_png_surface_from_rgb(2, 1, rgb, alpha);
    assert_non_null(im);
    assert_int_equal(cairo_image_surface_get_format(im), CAIRO_FORMAT_ARGB32);
    const uint32_t *p = (const uint32_t *)cairo_image_surface_get_data(im);
    assert_int_equal(p[0], 0xffff0000u);
    assert_int_equal(p[1], 0x80008000u); /* 255 × 128/255 = 128 */
    assert_null(fo_png_surface_from_rgb(0, 1, rgb, NULL));
    cairo_surface_t *opaque = fo_png_surface_from_rgb(2, 1, rgb, NULL);
    assert_int_equal(cairo_image_surface_get_format(opaque), CAIRO_FORMAT_RGB24);
    cairo_surface_destroy(opaque);

    /* on a white 40 × 20 px page, into the box (10, 5, 20, 10) */
    cairo_surface_t *page = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20);
    cairo_t *cr = cairo_create(page);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    fo_png_draw_image(cr, im, 10, 5, 20, 10);
    cairo_destroy(cr);
    cairo_surface_flush(page);
    img m = {page, 40, 20, cairo_image_surface_get_stride(page),
             cairo_image_surface_get_data(page)};
    assert_int_equal(px(&m, 11, 6), 0xff0000);  /* left half red, to its edge */
    assert_int_equal(px(&m, 10, 14), 0xff0000);
    uint32_t v = px(&m, 28, 13);                 /* right half: green over white */
    assert_true(abs((int)((v >> 16) & 255) - 127) <= 2);
    assert_int_equal((v >> 8) & 255, 255);
    assert_int_equal(px(&m, 9, 10), 0xffffff);   /* nothing outside the box */
    assert_int_equal(px(&m, 30, 10), 0xffffff);
    assert_int_equal(px(&m, 20, 4), 0xffffff);
    assert_int_equal(px(&m, 20, 15), 0xffffff);
    cairo_surface_destroy(page);
    cairo_surface_destroy(im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_pages),
        cmocka_unit_test(test_rects_and_rules),
        cmocka_unit_test(test_glyph_positions),
        cmocka_unit_test(test_pages_and_sheet),
        cmocka_unit_test(test_missing_font),
        cmocka_unit_test(test_image_pixels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
