/* test_mbox.c — page-margin boxes (CSS Paged Media 3 §5): the variable
 * dimension rules of §5.3.2 (against the numbers worked out in the WPT
 * css-page margin-boxes dimensions tests), box widths on laid-out pages,
 * running heads that wrap inside their box, vertical-align, padding and
 * borders, and the string() policies of GCPM 3 §1.2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "doc/doc.h"
#include "layout/lay.h"
#include "layout/layout.h"
#include "style/style.h"
#include "text/fonts.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 0.01)
#define MM (72 / 25.4)

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

static fo_display *typeset(const char *md, const char *css)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, &d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", true, &sheet, &d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, &d), FO_OK);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
    return dl;
}

static char *band(const fo_display *dl, int pn, double y0, double y1)
{
    GString *g = g_string_new(NULL);
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.y >= y0 && it->u.glyphs.y < y1)
            g_string_append_len(g, it->u.glyphs.text, it->u.glyphs.text_len);
    }
    return g_string_free(g, FALSE);
}

/* ---- §5.3.2 on numbers ---- */

static void widths(bool a, bool b, bool c, const double mn[3], const double mx[3],
                   double avail, double out[3])
{
    bool on[3] = {a, b, c};
    lay_margin_widths(on, mn, mx, NULL, avail, out);
}

static void test_rules(void **state)
{
    double o[3];
    /* dimensions-006: no centre box, max-content too wide, min fits:
     * start at min, share the rest by max - min */
    widths(true, false, true, (double[]){4, 0, 2}, (double[]){17, 0, 5}, 20, o);
    NEAR(o[0], 15.375);
    NEAR(o[2], 4.625);
    NEAR(o[1], 0);
    /* no centre, both fit: grow in proportion to max-content */
    widths(true, false, true, (double[]){1, 0, 1}, (double[]){6, 0, 2}, 20, o);
    NEAR(o[0], 15);
    NEAR(o[2], 5);
    /* dimensions-005: with a centre box, everything fits: the larger side
     * doubled (6) against the centre (2) share 20 as 6:2 */
    widths(true, true, true, (double[]){3, 2, 2}, (double[]){3, 2, 2}, 20, o);
    NEAR(o[1], 5);
    NEAR(o[0], 7.5);
    NEAR(o[2], 7.5);
    /* dimensions-007: centre 1..17, left 1..9, right 1..3 in 20 */
    widths(true, true, true, (double[]){1, 1, 1}, (double[]){9, 17, 3}, 20, o);
    NEAR(o[1], 9.5);
    NEAR(o[0], 5.25);
    NEAR(o[2], 5.25);
    /* dimensions-009: min-content too wide: shrink in proportion to min */
    widths(true, true, true, (double[]){18, 12, 6}, (double[]){18, 12, 6}, 20, o);
    NEAR(o[1], 5);
    NEAR(o[0], 7.5);
    /* one box alone takes the whole side; a centre box with one side keeps
     * the other side's share empty so that it stays centred */
    widths(false, true, false, (double[]){1, 1, 1}, (double[]){2, 2, 2}, 20, o);
    NEAR(o[1], 20);
    widths(true, false, false, (double[]){1, 1, 1}, (double[]){2, 2, 2}, 20, o);
    NEAR(o[0], 20);
    widths(false, false, true, (double[]){1, 1, 1}, (double[]){2, 2, 2}, 20, o);
    NEAR(o[2], 20);
    widths(false, true, true, (double[]){0, 2, 4}, (double[]){0, 2, 4}, 20, o);
    NEAR(o[1], 4);
    NEAR(o[0], 0);
    NEAR(o[2], 8);
}

/* Explicit widths (dimensions-011 and the rules without a centre box). */
static void test_rules_fixed(void **state)
{
    double o[3];
    bool all[3] = {true, true, true}, sides[3] = {true, false, true};
    /* a fixed 4em end box wider than the auto start box would flex: both
     * sides reserve 4, the centre gets 12 */
    lay_margin_widths(all, (double[]){1, 5, 0}, (double[]){1, 5, 0}, (double[]){-1, -1, 4}, 20, o);
    NEAR(o[1], 12);
    NEAR(o[0], 4);
    NEAR(o[2], 4);
    /* a fixed centre: the sides share the rest equally */
    lay_margin_widths(all, (double[]){1, 1, 1}, (double[]){9, 9, 1}, (double[]){-1, 6, -1}, 20, o);
    NEAR(o[1], 6);
    NEAR(o[0], 7);
    NEAR(o[2], 7);
    /* no centre: an auto box beside a fixed one takes the rest */
    lay_margin_widths(sides, (double[]){1, 0, 1}, (double[]){30, 0, 1}, (double[]){-1, -1, 3}, 20, o);
    NEAR(o[0], 17);
    NEAR(o[2], 3);
}

/* ---- boxes on pages ---- */

/* The filled rectangle of colour (r, g, b) on page pn, or NULL. */
static const fo_rect_item *rect_of(const fo_display *dl, int pn, double r, double g, double b)
{
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.fill.a > 0 &&
            fabs(it->u.rect.fill.r - r) < 0.01 && fabs(it->u.rect.fill.g - g) < 0.01 &&
            fabs(it->u.rect.fill.b - b) < 0.01)
            return &it->u.rect;
    }
    return NULL;
}

/* The horizontal extent and baselines of the glyph runs whose text starts
 * with `prefix` bytes of text found in `s` on page pn (the runs of one
 * box's lines): x0..x1, first and last baseline, number of baselines. */
typedef struct extent {
    double x0, x1, y_first, y_last;
    int nlines;
} extent;

static extent runs_of(const fo_display *dl, int pn, double y0, double y1, double xa, double xb)
{
    extent e = {1e9, -1e9, 1e9, -1e9, 0};
    double last_y = -1;
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *g = &it->u.glyphs;
        if (g->y < y0 || g->y >= y1 || g->x < xa || g->x >= xb)
            continue;
        double w = 0;
        for (int k = 0; k < g->nglyphs; k++)
            w += g->glyphs[k].advance;
        if (g->x < e.x0)
            e.x0 = g->x;
        if (g->x + w > e.x1)
            e.x1 = g->x + w;
        if (g->y < e.y_first)
            e.y_first = g->y;
        if (g->y > e.y_last)
            e.y_last = g->y;
        if (g->y != last_y)
            e.nlines++;
        last_y = g->y;
    }
    return e;
}

#define PAGE "@page { size: 150mm 100mm; margin: 20mm; "
#define RED "background-color: #ff0000"
#define GREEN "background-color: #00ff00"
#define BLUE "background-color: #0000ff"

static void test_only_centre(void **state)
{
    fo_display *dl = typeset("text\n", PAGE "@top-center { content: 'Head'; " GREEN " } }");
    const fo_rect_item *c = rect_of(dl, 0, 0, 1, 0);
    assert_non_null(c);
    NEAR(c->x, 20 * MM);
    NEAR(c->w, 110 * MM);
    NEAR(c->y, 0);
    NEAR(c->h, 20 * MM);
    /* centred text */
    extent e = runs_of(dl, 0, 0, 20 * MM, 0, 1e9);
    assert_int_equal(e.nlines, 1);
    assert_true(fabs((e.x0 + e.x1) / 2 - 75 * MM) < 0.5);
    fo_display_free(dl);
}

static void test_long_left_short_right(void **state)
{
    fo_display *dl = typeset("text\n", PAGE
                             "@top-left { content: 'A rather long running head on the left'; "
                             RED " } @top-right { content: 'p. 7'; " BLUE " } }");
    const fo_rect_item *l = rect_of(dl, 0, 1, 0, 0), *r = rect_of(dl, 0, 0, 0, 1);
    assert_non_null(l);
    assert_non_null(r);
    NEAR(l->x, 20 * MM);
    NEAR(r->x + r->w, 130 * MM);
    assert_true(l->w > 3 * r->w);           /* the long text gets more room */
    assert_true(l->x + l->w <= r->x + 0.01); /* and no overlap */
    NEAR(l->w + r->w, 110 * MM);
    /* each text inside its own box: left text left-aligned, right text
     * right-aligned (the defaults of §5.3) */
    extent el = runs_of(dl, 0, 0, 20 * MM, l->x, l->x + l->w);
    extent er = runs_of(dl, 0, 0, 20 * MM, r->x, r->x + r->w);
    assert_int_equal(el.nlines, 1);
    assert_int_equal(er.nlines, 1);
    NEAR(el.x0, l->x);
    assert_true(el.x1 <= l->x + l->w + 0.01);
    assert_true(fabs(er.x1 - (r->x + r->w)) < 0.05);
    fo_display_free(dl);
}

static void test_all_three(void **state)
{
    fo_display *dl = typeset("text\n", PAGE
                             "@top-left { content: 'Left head'; " RED " }"
                             "@top-center { content: 'The centre box, longer'; " GREEN " }"
                             "@top-right { content: 'R'; " BLUE " } }");
    const fo_rect_item *l = rect_of(dl, 0, 1, 0, 0), *c = rect_of(dl, 0, 0, 1, 0),
                       *r = rect_of(dl, 0, 0, 0, 1);
    assert_non_null(l);
    assert_non_null(c);
    assert_non_null(r);
    /* the centre box is centred on the page area, the sides share the rest */
    NEAR(c->x + c->w / 2, 75 * MM);
    NEAR(l->w, r->w);
    NEAR(l->x, 20 * MM);
    NEAR(l->x + l->w, c->x);
    NEAR(c->x + c->w, r->x);
    NEAR(r->x + r->w, 130 * MM);
    /* the centre text is wider than the left text and gets more room */
    assert_true(c->w > l->w);
    fo_display_free(dl);
}

/* A box squeezed by a long neighbour keeps its min-content width: its
 * longest word is not broken. */
static void test_min_content(void **state)
{
    fo_display *dl = typeset("text\n", PAGE
                             "@top-left { content: 'Incomprehensibilities x'; " RED " }"
                             "@top-right { content: 'A very long neighbour that goes on and on "
                             "and on, far longer than the whole width of the page area, so that "
                             "it has to wrap onto line after line after line, and then wraps "
                             "again, and again, and again, before it comes to an end at last "
                             "somewhere near the foot of its box'; font-size: 5pt; "
                             "line-height: 5.5pt; " BLUE " } }");
    const fo_rect_item *l = rect_of(dl, 0, 1, 0, 0);
    assert_non_null(l);
    extent el = runs_of(dl, 0, 0, 20 * MM, l->x, l->x + l->w);
    assert_int_equal(el.nlines, 2);
    assert_true(el.x1 <= l->x + l->w + 0.01);
    /* the second line is the "x" alone, not the end of a broken word */
    extent last = runs_of(dl, 0, el.y_last - 0.01, el.y_last + 0.01, l->x, l->x + l->w);
    assert_true(last.x1 - last.x0 < 3 * MM);
    /* and it is not much wider than that word: the neighbour needs the room */
    assert_true(l->w < 55 * MM);
    fo_display_free(dl);
}

/* A runaway running head is cut at 2000 bytes with one warning. */
static void test_long_text_cut(void **state)
{
    GString *md = g_string_new("---\nrun: ");
    for (int i = 0; i < 2000; i++)
        g_string_append(md, "word ");
    g_string_append(md, "\n---\n\ntext\n\n# Two\n\ntext\n");
    const char *css = "@page { @top-center { content: string(run); font-size: 2pt } }"
                      "h1 { break-before: page }";
    fo_diag d;
    fo_diag_init(&d);
    d.quiet = true;
    d.capture = true;
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md->str, md->len, "t.md", &doc, &d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", true, &sheet, &d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, &d), FO_OK);
    assert_int_equal(dl->npages, 2);
    assert_non_null(d.captured);
    const char *w = strstr(d.captured, "page-margin box's text is 9999 bytes long; only its first 2000");
    assert_non_null(w);
    assert_null(strstr(w + 1, "page-margin box's text")); /* once per document */
    char *head = band(dl, 0, 0, 72);
    assert_true(strlen(head) > 1000 && strlen(head) <= 2000 + 3);
    g_free(head);
    fo_display_free(dl);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
    g_string_free(md, TRUE);
}

/* width and height on margin boxes (content box, as in CSS 2.1). */
static void test_fixed_on_page(void **state)
{
    fo_display *dl = typeset("text\n", PAGE
                             "@top-left { content: 'A rather long running head on the left'; "
                             RED " } @top-right { content: 'p. 7'; width: 30mm; padding: 0 2mm; "
                             BLUE " } @left-top { content: 'Side'; height: 20mm; " GREEN " } }");
    const fo_rect_item *l = rect_of(dl, 0, 1, 0, 0), *r = rect_of(dl, 0, 0, 0, 1),
                       *g = rect_of(dl, 0, 0, 1, 0);
    assert_non_null(l);
    assert_non_null(r);
    assert_non_null(g);
    NEAR(r->w, 34 * MM); /* 30 mm content + 2 × 2 mm padding */
    NEAR(r->x + r->w, 130 * MM);
    NEAR(l->w, 76 * MM);
    NEAR(g->h, 20 * MM);
    NEAR(g->y, 20 * MM); /* left-top: at the top of the page area */
    NEAR(g->w, 20 * MM);
    fo_display_free(dl);
}

/* A running head too long for its box wraps onto lines inside the box and
 * stays in the top margin; padding and a bottom border frame it. */
static void test_wrap(void **state)
{
    const char *css = PAGE "@top-left { content: 'Folio'; }"
                           "@top-center { content: 'A very long running head that cannot "
                           "possibly fit on one line of the centre box and must wrap'; "
                           "font-size: 8pt; line-height: 10pt; padding: 2pt 4pt; "
                           "border-bottom: 0.5pt solid #00ff00; } }";
    fo_display *dl = typeset("text\n", css);
    /* the border under the box at the foot of the margin */
    const fo_rect_item *b = rect_of(dl, 0, 0, 1, 0);
    assert_non_null(b);
    NEAR(b->h, 0.5);
    NEAR(b->y + b->h, 20 * MM);
    assert_true(b->x > 20 * MM && b->x + b->w < 130 * MM); /* room left for "Folio" */
    extent c = runs_of(dl, 0, 0, 20 * MM, b->x, b->x + b->w);
    assert_true(c.nlines >= 2);
    assert_true(c.x0 >= 20 * MM && c.x1 <= 130 * MM + 0.01);
    assert_true(c.y_first > 0 && c.y_last < 20 * MM);
    /* lines 10 pt apart */
    NEAR((c.y_last - c.y_first) / (c.nlines - 1), 10);
    assert_true(c.y_last < b->y);
    extent f = runs_of(dl, 0, 0, 20 * MM, 0, b->x);
    assert_int_equal(f.nlines, 1);
    NEAR(f.x0, 20 * MM);
    /* padding: the text starts 4 pt inside the box's left edge or later */
    assert_true(c.x0 >= b->x + 4 - 0.01);
    assert_true(c.x1 <= b->x + b->w - 4 + 0.01);
    fo_display_free(dl);
}

static double baseline(const char *valign)
{
    char css[256];
    snprintf(css, sizeof css, PAGE "@bottom-center { content: 'Foot'; %s } }", valign);
    fo_display *dl = typeset("text\n", css);
    extent e = runs_of(dl, 0, 80 * MM, 100 * MM, 0, 1e9);
    assert_int_equal(e.nlines, 1);
    fo_display_free(dl);
    return e.y_first;
}

static void test_vertical_align(void **state)
{
    double dflt = baseline(""), mid = baseline("vertical-align: middle");
    double top = baseline("vertical-align: top"), bot = baseline("vertical-align: bottom");
    NEAR(dflt, mid); /* bottom-center: middle by default (§5.3) */
    assert_true(top < mid - 5 && mid < bot - 5);
    assert_true(top > 80 * MM && bot < 100 * MM);
    /* symmetric about the middle */
    assert_true(fabs((mid - top) - (bot - mid)) < 0.01);
}

/* The defaults of §5.3's table, and vertical-align from the style sheet. */
static void test_defaults(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_sheet *sh = NULL;
    const char *css = "@page { @top-left-corner { content: 'a' } @top-right-corner { content: 'a' }"
                      "@left-top { content: 'a' } @right-bottom { content: 'a' }"
                      "@left-middle { content: 'a' } @bottom-left { content: 'a' }"
                      "@top-center { content: 'a'; vertical-align: bottom; text-align: left } }";
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", true, &sh, &d), FO_OK);
    fo_style root, s;
    fo_style_initial(&root);
    static const struct {
        fo_margin_box box;
        fo_text_align ta;
        fo_vertical_align va;
    } want[] = {
        {FO_MB_TOP_LEFT_CORNER, FO_TEXT_RIGHT, FO_VALIGN_MIDDLE},
        {FO_MB_TOP_RIGHT_CORNER, FO_TEXT_LEFT, FO_VALIGN_MIDDLE},
        {FO_MB_LEFT_TOP, FO_TEXT_CENTER, FO_VALIGN_TOP},
        {FO_MB_RIGHT_BOTTOM, FO_TEXT_CENTER, FO_VALIGN_BOTTOM},
        {FO_MB_LEFT_MIDDLE, FO_TEXT_CENTER, FO_VALIGN_MIDDLE},
        {FO_MB_BOTTOM_LEFT, FO_TEXT_LEFT, FO_VALIGN_MIDDLE},
        {FO_MB_TOP_CENTER, FO_TEXT_LEFT, FO_VALIGN_BOTTOM},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        assert_true(fo_sheet_margin_box(sh, FO_PAGE_RIGHT, want[k].box, &root, &s));
        assert_int_equal(s.text_align, want[k].ta);
        assert_int_equal(s.vertical_align, want[k].va);
    }
    fo_sheet_free(sh);
    /* a policy string() does not know is invalid (declaration dropped) */
    const char *bad = "@page { @top-left { content: string(x, middle) } }";
    assert_int_equal(fo_sheet_parse(bad, strlen(bad), "t.css", true, &sh, &d), FO_ERR_STYLE);
    fo_diag_dispose(&d);
}

/* ---- string() policies (GCPM 3 §1.2) ---- */

static void test_string_policies(void **state)
{
    /* page 1: a paragraph, then "One" and "Two" mid-page; page 2: no
     * assignment; page 3: "Three" first on the page, "Four" mid-page */
    const char *md = "Intro.\n\n## One\n\ntext\n\n## Two\n\ntext\n\n### Pause\n\ntext\n\n"
                     "# Three\n\ntext\n\n## Four\n\ntext\n";
    const char *css =
        "@page { size: 150mm 100mm; margin: 20mm;"
        "  @top-left { content: '[F:' string(chapter) ']' }"
        "  @top-right { content: '[S:' string(chapter, start) ']' }"
        "  @bottom-left { content: '[L:' string(chapter, last) ']' }"
        "  @bottom-right { content: '[X:' string(chapter, first-except) ']' } }"
        "h1, h2 { string-set: chapter content() }"
        "h1, h3 { break-before: page }";
    fo_display *dl = typeset(md, css);
    assert_int_equal(dl->npages, 3);
    static const char *want[3][4] = {
        {"[F:One]", "[S:]", "[L:Two]", "[X:]"},
        {"[F:Two]", "[S:Two]", "[L:Two]", "[X:Two]"},
        {"[F:Three]", "[S:Three]", "[L:Four]", "[X:]"},
    };
    for (int pn = 0; pn < 3; pn++) {
        char *head = band(dl, pn, 0, 20 * MM), *foot = band(dl, pn, 80 * MM, 100 * MM);
        for (int k = 0; k < 4; k++) {
            const char *in = k < 2 ? head : foot;
            if (!strstr(in, want[pn][k]))
                fail_msg("page %d: wanted %s in '%s'", pn + 1, want[pn][k], in);
        }
        g_free(head);
        g_free(foot);
    }
    fo_display_free(dl);
}

/* The entry value of a page with no assignment and before any: the
 * front-matter value; start with a value from front matter too. */
static void test_string_entry_from_front_matter(void **state)
{
    const char *md = "---\ntitle: Report\n---\n\nIntro.\n\n## Later\n\ntext\n";
    const char *css = "@page { @top-left { content: '[' string(title, start) ']' }"
                      "  @top-right { content: '[' string(title, last) ']' } }"
                      "h2 { string-set: title content() }";
    fo_display *dl = typeset(md, css);
    char *head = band(dl, 0, 0, 72);
    assert_non_null(strstr(head, "[Report]"));
    assert_non_null(strstr(head, "[Later]"));
    g_free(head);
    fo_display_free(dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rules_fixed),
        cmocka_unit_test(test_fixed_on_page),
        cmocka_unit_test(test_min_content),
        cmocka_unit_test(test_long_text_cut),
        cmocka_unit_test(test_only_centre),
        cmocka_unit_test(test_long_left_short_right),
        cmocka_unit_test(test_all_three),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_vertical_align),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_string_policies),
        cmocka_unit_test(test_string_entry_from_front_matter),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
