/* test_percent.c — percentages of the containing block: margin-*,
 * padding-* (CSS 2.1 §8.3, §8.4: of the containing block's width, top and
 * bottom too), text-indent (CSS Text 3 §8.1: of the block's own content
 * width, inherited as a percentage), @page margins (CSS 2.1 §13.2.2:
 * of the page width for left/right, height for top/bottom) and
 * page-margin box padding; font-size and line-height percentages (of a
 * font size) still work. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "style/style.h"
#include "text/fonts.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-6)
#define NEAR_PT(a, b)                                                                   \
    do {                                                                                \
        double a_ = (a), b_ = (b);                                                      \
        if (fabs(a_ - b_) > 0.01)                                                       \
            fail_msg("%s = %.3f, want %.3f", #a, a_, b_);                               \
    } while (0)

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

/* ---- the cascade ------------------------------------------------------- */

static fo_sheet *sheet_of(const char *css, fo_diag *d)
{
    fo_sheet *s = NULL;
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &s, d), FO_OK);
    return s;
}

/* The computed style of body > a > b (b may be NULL: of a). */
static fo_style style_of(const fo_sheet *s, const char *a, const char *b)
{
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0}, ea = {a, NULL, 1, &body, NULL, 0}, eb = {b, NULL, 1, &ea, NULL, 0};
    fo_style sb, sa, out;
    fo_style_compute(s, &body, NULL, &sb);
    fo_style_compute(s, &ea, &sb, &sa);
    if (!b)
        return sa;
    fo_style_compute(s, &eb, &sa, &out);
    return out;
}

static void test_computed_percentages(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    fo_sheet *s = sheet_of("blockquote { margin-left: 10%; padding: 1% 2% 3% 4%; text-indent: 5% }"
                           "p { margin: 10% -20% }"
                           "pre { margin-left: inherit; padding-top: 6pt; text-indent: 1em }",
                           &d);
    assert_int_equal(d.warnings, 0);
    fo_style bq = style_of(s, "blockquote", NULL);
    assert_int_equal(bq.pct_set,
                     1u << FO_PCT_MARGIN_LEFT | 1u << FO_PCT_PADDING_TOP | 1u << FO_PCT_PADDING_RIGHT |
                         1u << FO_PCT_PADDING_BOTTOM | 1u << FO_PCT_PADDING_LEFT |
                         1u << FO_PCT_TEXT_INDENT);
    NEAR(bq.pct[FO_PCT_MARGIN_LEFT], 10);
    NEAR(bq.pct[FO_PCT_PADDING_TOP], 1);
    NEAR(bq.pct[FO_PCT_PADDING_LEFT], 4);
    NEAR(bq.pct[FO_PCT_TEXT_INDENT], 5);
    NEAR(bq.margin_left, 0); /* not resolved yet: layout knows the width */
    /* text-indent is inherited as the percentage, margins and padding are
     * not inherited at all */
    fo_style p = style_of(s, "blockquote", "p");
    assert_int_equal(p.pct_set, 15u << FO_PCT_MARGIN_TOP | 1u << FO_PCT_TEXT_INDENT);
    NEAR(p.pct[FO_PCT_MARGIN_TOP], 10);
    NEAR(p.pct[FO_PCT_MARGIN_RIGHT], -20); /* negative margins are allowed */
    NEAR(p.pct[FO_PCT_TEXT_INDENT], 5);
    /* inherit takes the parent's percentage; a length replaces one */
    fo_style pre = style_of(s, "blockquote", "pre");
    assert_int_equal(pre.pct_set, 1u << FO_PCT_MARGIN_LEFT);
    NEAR(pre.pct[FO_PCT_MARGIN_LEFT], 10);
    NEAR(pre.padding_top, 6);
    NEAR(pre.text_indent, 11);

    /* resolution: horizontal and vertical against their bases; text-indent
     * against the content width left by margins, borders and padding */
    fo_style r = p;
    fo_style_resolve_box(&r, 400, 400);
    NEAR(r.margin_top, 40);
    NEAR(r.margin_bottom, 40); /* of the width, not of a height */
    NEAR(r.margin_left, -80);
    NEAR(r.margin_right, -80);
    NEAR(r.text_indent, 0.05 * (400 + 80 + 80));
    assert_int_equal(r.pct_set, p.pct_set); /* still percentages for children */
    r = bq;
    r.border_left_width = 10;
    fo_style_resolve_box(&r, 500, 1000);
    NEAR(r.padding_top, 10);    /* 1% of the vertical base */
    NEAR(r.padding_right, 10);  /* 2% of the horizontal base */
    NEAR(r.padding_bottom, 30);
    NEAR(r.padding_left, 20);
    NEAR(r.text_indent, 0.05 * (500 - 50 - 10 - 10 - 20));
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

static void test_negative_padding_rejected(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    fo_sheet *s = sheet_of("p {\n  padding: -5%;\n  padding-left: -1%;\n  padding-right: 2%\n}", &d);
    assert_int_equal(d.warnings, 2);
    assert_non_null(strstr(d.captured, "t.css:2:12: warning: invalid value '-5%' for 'padding' "
                                       "(negative values are not allowed)"));
    assert_non_null(strstr(d.captured, "t.css:3:17: warning: invalid value '-1%' for "
                                       "'padding-left'"));
    fo_style p = style_of(s, "p", NULL);
    assert_int_equal(p.pct_set, 1u << FO_PCT_PADDING_RIGHT);
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

/* font-size % is of the parent's font size, line-height % of the
 * element's own (CSS Fonts 4 §2.5, CSS 2.1 §10.8.1): unchanged. */
static void test_font_percentages(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_sheet *s = sheet_of("body { font-size: 10pt; line-height: 1.2 }"
                           "blockquote { font-size: 150%; line-height: 200% }"
                           "p { font-size: 50% }",
                           &d);
    assert_int_equal(d.warnings, 0);
    fo_style bq = style_of(s, "blockquote", NULL);
    NEAR(bq.font_size, 15);
    NEAR(bq.line_height, 30);
    fo_style p = style_of(s, "blockquote", "p");
    NEAR(p.font_size, 7.5);
    NEAR(p.line_height, 30); /* a percentage line-height inherits as the length */
    assert_int_equal(p.pct_set, 0);
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

/* ---- @page ------------------------------------------------------------- */

static void test_page_margins(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    fo_page_style pg;
    /* the size may come after the margins: they resolve against it */
    fo_sheet *s = sheet_of("@page { margin: 10% } @page { size: 400pt 600pt }", &d);
    fo_sheet_page(s, &pg);
    NEAR(pg.margin_left, 40);
    NEAR(pg.margin_right, 40);
    NEAR(pg.margin_top, 60);
    NEAR(pg.margin_bottom, 60);
    fo_sheet_free(s);
    /* a later length replaces a percentage; !important wins; negative
     * percentages are clamped to 0 with a warning */
    s = sheet_of("@page { size: letter; margin: 5% 10% !important; margin-top: 1in }\n"
                 "@page { margin-left: 2in; margin-bottom: 3% }",
                 &d);
    fo_sheet_page(s, &pg);
    NEAR(pg.margin_top, 0.05 * 792);
    NEAR(pg.margin_right, 0.10 * 612);
    NEAR(pg.margin_left, 0.10 * 612);
    NEAR(pg.margin_bottom, 0.05 * 792);
    assert_int_equal(d.warnings, 0);
    fo_sheet_free(s);
    s = sheet_of("@page { size: letter; margin: 5%; margin-left: 1in; margin-top: -3% }", &d);
    fo_sheet_page(s, &pg);
    NEAR(pg.margin_left, 72);
    NEAR(pg.margin_right, 0.05 * 612);
    NEAR(pg.margin_top, 0);
    NEAR(pg.margin_bottom, 0.05 * 792);
    assert_int_equal(d.warnings, 1);
    assert_non_null(strstr(d.captured, "t.css:1:65: warning: negative page margins are not allowed"));
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

/* ---- layout ------------------------------------------------------------ */

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
    assert_int_equal(d.warnings, 0);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
    return dl;
}

/* The glyph run on page `pn` whose text starts with `word`. */
static const fo_glyph_run *run_of(const fo_display *dl, int pn, const char *word)
{
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (p->items[i].kind == FO_ITEM_GLYPHS && r->text_len >= (int)strlen(word) &&
            strncmp(r->text, word, strlen(word)) == 0)
            return r;
    }
    fail_msg("no run starting with '%s' on page %d", word, pn + 1);
    return NULL;
}

/* The leftmost x of the glyph runs on the baseline `y` of page 1. */
static double line_left(const fo_display *dl, double y)
{
    const fo_page *p = &dl->pages[0];
    double left = 1e9;
    for (int i = 0; i < p->nitems; i++) {
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (p->items[i].kind == FO_ITEM_GLYPHS && fabs(r->y - y) < 0.01 && r->x < left)
            left = r->x;
    }
    return left;
}

/* A 400 × 600 pt page with 50 pt margins: the body's measure is 300 pt. */
#define PAGE "@page { size: 400pt 600pt; margin: 50pt }" \
             "body { margin: 0; padding: 0; font-size: 10pt; text-align: left; text-indent: 0 }"

static void test_margin_percent_of_containing_block(void **state)
{
    const char *md = "Alpha para.\n\n> Beta para.\n>\n> > Gamma para.\n";
    fo_display *dl = typeset(md, PAGE "p { margin: 0 0 0 10% }"
                                      "blockquote { margin: 0 0 0 20%; padding: 0; border: none }");
    /* body 300 pt wide at x 50: p at 50 + 30 */
    NEAR_PT(run_of(dl, 0, "Alpha")->x, 80);
    /* the quote's content box: x 50 + 60 = 110, 240 wide; its p at + 24 */
    NEAR_PT(run_of(dl, 0, "Beta")->x, 134);
    /* the nested quote: 110 + 48 = 158, 192 wide; its p at + 19.2 */
    NEAR_PT(run_of(dl, 0, "Gamma")->x, 177.2);
    fo_display_free(dl);

    /* negative percentages pull the block out of its container */
    dl = typeset("> Delta para.\n", PAGE "blockquote { margin: 0 0 0 20%; padding: 0; border: none }"
                                         "p { margin: 0 0 0 -10% }");
    NEAR_PT(run_of(dl, 0, "Delta")->x, 110 - 24);
    fo_display_free(dl);

    /* padding-left % too */
    dl = typeset("> Echo para.\n", PAGE "blockquote { margin: 0; padding: 0 0 0 10%; border: none }"
                                        "p { margin: 0; padding-left: 10% }");
    NEAR_PT(run_of(dl, 0, "Echo")->x, 50 + 30 + 27);
    fo_display_free(dl);

    /* a table cell's padding refers to the table's width */
    dl = typeset("| Head |\n|---|\n| Cell |\n",
                 PAGE "table { margin: 0 0 0 10% } th, td { padding: 0 0 0 10% }");
    NEAR_PT(run_of(dl, 0, "Cell")->x, 50 + 30 + 27);
    fo_display_free(dl);
}

/* Vertical margins and padding refer to the width too (CSS 2.1 §8.3). */
static void test_vertical_percent_of_width(void **state)
{
    const char *md = "First para.\n\nSecond para.\n";
    fo_display *a = typeset(md, PAGE "p { margin: 0 }");
    fo_display *b = typeset(md, PAGE "p { margin: 10% 0 0 0 }");
    fo_display *c = typeset(md, PAGE "p { margin: 0; padding-top: 5% }");
    double gap_a = run_of(a, 0, "Second")->y - run_of(a, 0, "First")->y;
    double gap_b = run_of(b, 0, "Second")->y - run_of(b, 0, "First")->y;
    double gap_c = run_of(c, 0, "Second")->y - run_of(c, 0, "First")->y;
    NEAR_PT(gap_b - gap_a, 30); /* 10% of 300 pt, not of the 500 pt area height */
    NEAR_PT(gap_c - gap_a, 15);
    fo_display_free(a);
    fo_display_free(b);
    fo_display_free(c);
}

static void test_text_indent_percent(void **state)
{
    const char *md = "Indented first line of a paragraph long enough to need a second line "
                     "and a third, so that the lines after the first start at the measure's "
                     "left edge.\n\n> Quoted first line of a paragraph long enough to wrap "
                     "onto a second line in the quote's narrower measure.\n";
    fo_display *dl = typeset(md, PAGE "body { text-indent: 5% }"
                                      "p { margin: 0 } blockquote { margin: 0 0 0 20%; "
                                      "padding: 0; border: none }");
    const fo_glyph_run *r = run_of(dl, 0, "Indented");
    NEAR_PT(r->x, 50 + 15); /* 5% of the 300 pt measure */
    /* the second line starts at the edge */
    double y2 = 1e9;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++)
        if (p->items[i].kind == FO_ITEM_GLYPHS && p->items[i].u.glyphs.y > r->y + 1 &&
            p->items[i].u.glyphs.y < y2)
            y2 = p->items[i].u.glyphs.y;
    NEAR_PT(line_left(dl, y2), 50);
    /* inherited as 5%, resolved against the quote's 240 pt, not 15 pt */
    NEAR_PT(run_of(dl, 0, "Quoted")->x, 110 + 12);
    fo_display_free(dl);
}

static void test_page_margin_percent_layout(void **state)
{
    fo_display *dl = typeset("Text on the page.\n",
                             "@page { size: 400pt 600pt; margin: 10%;"
                             "  @top-left { content: 'Head'; padding-left: 10% } }"
                             "body { margin: 0; padding: 0; text-indent: 0 }");
    assert_true(dl->pages[0].width == 400 && dl->pages[0].height == 600);
    const fo_glyph_run *r = run_of(dl, 0, "Text");
    NEAR_PT(r->x, 40);
    assert_true(r->y > 60 && r->y < 60 + 30);
    /* the margin box's padding: 10% of the page width, from the page
     * area's left edge */
    NEAR_PT(run_of(dl, 0, "Head")->x, 40 + 40);
    fo_display_free(dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_computed_percentages),
        cmocka_unit_test(test_negative_padding_rejected),
        cmocka_unit_test(test_font_percentages),
        cmocka_unit_test(test_page_margins),
        cmocka_unit_test(test_margin_percent_of_containing_block),
        cmocka_unit_test(test_vertical_percent_of_width),
        cmocka_unit_test(test_text_indent_percent),
        cmocka_unit_test(test_page_margin_percent_layout),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
