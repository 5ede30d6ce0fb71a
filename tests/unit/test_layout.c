/* Layout tests: the display list carries the glyphs Pango chose, pages
 * follow @page, headings are never stranded, page numbers are right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pango/pango.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "style/style.h"
#include "text/fonts.h"

static fo_fonts *fonts;

static int setup(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    return fo_fonts_new("fonts", &fonts, &d) == FO_OK ? 0 : -1;
}

static int teardown(void **state)
{
    fo_fonts_free(fonts);
    return 0;
}

/* Lays out Markdown `md` with style sheet text `css` (may be NULL). */
static fo_display *typeset(const char *md, const char *css, fo_diag *d)
{
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, d), FO_OK);
    if (css)
        assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, d), FO_OK);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    return dl;
}

static void test_glyphs_are_pangos(void **state)
{
    const char *css = "body { font-family: 'Noto Serif'; font-size: 12pt; text-align: left }";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset("office affluent", css, &d);
    /* The same text shaped by Pango directly. */
    PangoLayout *pl = pango_layout_new(fo_fonts_context(fonts));
    PangoFontDescription *fd = pango_font_description_from_string("Noto Serif 12");
    pango_layout_set_font_description(pl, fd);
    pango_layout_set_text(pl, "office affluent", -1);
    PangoLayoutLine *line = pango_layout_get_line_readonly(pl, 0);
    uint32_t want[64];
    int nwant = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *gi = r->data;
        for (int i = 0; i < gi->glyphs->num_glyphs && nwant < 64; i++)
            want[nwant++] = gi->glyphs->glyphs[i].glyph;
    }
    /* Ligatures: fewer glyphs than characters. */
    assert_true(nwant < (int)strlen("office affluent"));
    int got = 0;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        if (p->items[i].kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (r->text_len != (int)strlen("office affluent"))
            continue; /* the page number */
        for (int k = 0; k < r->nglyphs; k++) {
            assert_true(got < nwant);
            assert_int_equal(r->glyphs[k].gid, want[got]);
            got++;
        }
        assert_true(r->size == 12.0);
    }
    assert_int_equal(got, nwant);
    pango_font_description_free(fd);
    g_object_unref(pl);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

static void test_page_size_and_margins(void **state)
{
    const char *css = "@page { size: letter; margin: 1in 1.5in }";
    GString *md = g_string_new(NULL);
    for (int i = 0; i < 60; i++)
        g_string_append_printf(md, "Paragraph %d with enough words to fill a line or two of "
                                   "text on a letter page in the default style.\n\n", i);
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, css, &d);
    assert_true(dl->npages >= 2);
    for (int pn = 0; pn < dl->npages; pn++) {
        const fo_page *p = &dl->pages[pn];
        assert_true(p->width == 612 && p->height == 792);
        for (int i = 0; i < p->nitems; i++) {
            if (p->items[i].kind != FO_ITEM_GLYPHS)
                continue;
            const fo_glyph_run *r = &p->items[i].u.glyphs;
            double w = 0;
            for (int k = 0; k < r->nglyphs; k++)
                w += r->glyphs[k].advance;
            assert_true(r->x >= 108 - 0.01);
            assert_true(r->x + w <= 612 - 108 + 0.01);
            bool footer = r->y > 792 - 72;
            if (!footer)
                assert_true(r->y > 72 && r->y <= 792 - 72);
        }
    }
    fo_display_free(dl);
    g_string_free(md, TRUE);
    fo_diag_dispose(&d);
}

/* Text of a glyph run (its whole source text). */
static char *run_text(const fo_glyph_run *r)
{
    return g_strndup(r->text, (gsize)r->text_len);
}

static void test_headings_not_stranded_and_page_numbers(void **state)
{
    GString *md = g_string_new(NULL);
    for (int i = 0; i < 40; i++) {
        g_string_append_printf(md, "## Heading %d\n\n", i);
        for (int j = 0; j < (i % 4) + 1; j++)
            g_string_append(md, "Body text of a section, long enough to wrap onto a second "
                                "line in the measure of an A4 page set in eleven point type.\n\n");
    }
    fo_diag d;
    fo_diag_init(&d);
    /* the page number is a page-margin box of the style sheet */
    fo_display *dl = typeset(md->str, "@page { @bottom-center { content: counter(page) } }", &d);
    assert_true(dl->npages >= 3);
    int outlines = 0;
    for (int pn = 0; pn < dl->npages; pn++) {
        const fo_page *p = &dl->pages[pn];
        double last_heading = -1, last_body = -1, footer_y = -1;
        char *footer = NULL;
        for (int i = 0; i < p->nitems; i++) {
            const fo_item *it = &p->items[i];
            if (it->kind == FO_ITEM_OUTLINE) {
                outlines++;
                last_heading = it->u.outline.y;
            } else if (it->kind == FO_ITEM_GLYPHS) {
                if (it->u.glyphs.y > footer_y && it->u.glyphs.y > p->height - 72) {
                    footer_y = it->u.glyphs.y;
                    g_free(footer);
                    footer = run_text(&it->u.glyphs);
                } else if (it->u.glyphs.y > last_body) {
                    last_body = it->u.glyphs.y;
                }
            }
        }
        /* Something follows the last heading on the page. */
        if (last_heading >= 0)
            assert_true(last_body > last_heading + 20);
        char want[16];
        snprintf(want, sizeof want, "%d", pn + 1);
        assert_non_null(footer);
        assert_string_equal(footer, want);
        g_free(footer);
    }
    assert_int_equal(outlines, 40);
    fo_display_free(dl);
    g_string_free(md, TRUE);
    fo_diag_dispose(&d);
}

/* 33 one-line paragraphs fill 33 of the 34 lines of the text area; a
 * heading would fit on the 34th: it must go to the next page with its
 * paragraph instead. */
static void test_heading_at_foot_moves(void **state)
{
    const char *css = "@page { size: A4; margin: 72pt }"
                      "body { font-size: 10pt; line-height: 20pt; text-align: left }"
                      "p, h2 { margin: 0; font-size: 10pt; line-height: 20pt }";
    GString *md = g_string_new(NULL);
    for (int i = 0; i < 33; i++)
        g_string_append_printf(md, "Line %d.\n\n", i);
    g_string_append(md, "## The heading\n\nFirst line after.\n");
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, css, &d);
    assert_int_equal(dl->npages, 2);
    int page_of_outline = -1;
    for (int pn = 0; pn < dl->npages; pn++)
        for (int i = 0; i < dl->pages[pn].nitems; i++)
            if (dl->pages[pn].items[i].kind == FO_ITEM_OUTLINE)
                page_of_outline = pn;
    assert_int_equal(page_of_outline, 1);
    fo_display_free(dl);
    g_string_free(md, TRUE);
    fo_diag_dispose(&d);
}

/* Right edge (pt) of the glyph runs on the line with baseline `y`. */
static double line_right(const fo_page *p, double y, double *left)
{
    double r = -1;
    *left = 1e9;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS || it->u.glyphs.y != y)
            continue;
        double w = 0;
        for (int k = 0; k < it->u.glyphs.nglyphs; k++)
            w += it->u.glyphs.glyphs[k].advance;
        if (it->u.glyphs.x + w > r)
            r = it->u.glyphs.x + w;
        if (it->u.glyphs.x < *left)
            *left = it->u.glyphs.x;
    }
    return r;
}

/* text-align-last (CSS Text 3 §6.3) moves or fills the last line only. */
static void test_text_align_last(void **state)
{
    const char *md = "A paragraph long enough to need several lines in this measure, so that "
                     "its last line is clearly shorter than the others are.\n";
    const char *values[] = {"auto", "right", "center", "justify"};
    double right[4], left[4];
    for (int v = 0; v < 4; v++) {
        char css[256];
        snprintf(css, sizeof css,
                 "@page { size: 300pt 400pt; margin: 50pt } body { font-size: 10pt; "
                 "text-align: justify; text-align-last: %s }",
                 values[v]);
        fo_diag d;
        fo_diag_init(&d);
        fo_display *dl = typeset(md, css, &d);
        const fo_page *p = &dl->pages[0];
        /* The last body line: the largest baseline above the footer. */
        double ylast = 0;
        for (int i = 0; i < p->nitems; i++)
            if (p->items[i].kind == FO_ITEM_GLYPHS && p->items[i].u.glyphs.y < 350 &&
                p->items[i].u.glyphs.y > ylast)
                ylast = p->items[i].u.glyphs.y;
        right[v] = line_right(p, ylast, &left[v]);
        fo_display_free(dl);
        fo_diag_dispose(&d);
    }
    /* auto: ragged at the start; right: flush with the measure's right edge
     * (250 pt); center: equal space both sides; justify: both edges. */
    assert_true(left[0] < 50.5 && right[0] < 240);
    assert_true(right[1] > 249.5 && right[1] < 250.5 && left[1] > 60);
    assert_true(left[2] - 50 > 5 && fabs((left[2] - 50) - (250 - right[2])) < 0.5);
    assert_true(left[3] < 50.5 && right[3] > 249.5);
}

static void test_missing_glyph_warned_with_line(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    fo_display *dl = typeset("First.\n\nAn Egyptian hieroglyph \xf0\x93\x80\x80 and again "
                             "\xf0\x93\x80\x80.\n",
                             NULL, &d);
    assert_int_equal(d.warnings, 1); /* reported once */
    assert_non_null(strstr(d.captured, "t.md:3"));
    assert_non_null(strstr(d.captured, "U+13000"));
    /* Drawn as .notdef (glyph 0), not dropped. */
    bool notdef = false;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS)
            for (int k = 0; k < it->u.glyphs.nglyphs; k++)
                notdef |= it->u.glyphs.glyphs[k].gid == 0;
    }
    assert_true(notdef);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

static void test_no_room_for_text(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    const char *css = "@page { size: A5; margin: 100mm }";
    assert_int_equal(fo_doc_parse("x", 1, "t.md", &doc, &d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, &d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, &d), FO_ERR_STYLE);
    assert_null(dl);
    assert_non_null(strstr(d.captured, "no room for text"));
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glyphs_are_pangos),
        cmocka_unit_test(test_page_size_and_margins),
        cmocka_unit_test(test_headings_not_stranded_and_page_numbers),
        cmocka_unit_test(test_heading_at_foot_moves),
        cmocka_unit_test(test_text_align_last),
        cmocka_unit_test(test_missing_glyph_warned_with_line),
        cmocka_unit_test(test_no_room_for_text),
    };
    return cmocka_run_group_tests_name("layout", tests, setup, teardown);
}
