/* test_warnings.c — layout warnings that must come once, not in floods,
 * and problems that must not pass silently: overfull lines (one warning
 * per paragraph, table or margin box, with file:line:col), margin-box
 * text taller than its margin, margins that put text off the page, and
 * table cell borders that must not overlap cell text (CSS 2.1 §17.6). */
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
#include "layout/layout.h"
#include "layout/preflight.h"
#include "render/display.h"
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

/* Typesets md with css; returns the messages (g_free) and, when asked,
 * the display list and the preflight counts by kind. */
static char *run(const char *md, const char *css, fo_display **dlp, int pf_counts[FO_PF_NKINDS],
                 int *warnings)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    fo_preflight pf = {0};
    fo_layout_options lo = {.preflight = &pf};
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, &d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, &d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, &lo, &dl, &d), FO_OK);
    if (pf_counts) {
        memset(pf_counts, 0, FO_PF_NKINDS * sizeof *pf_counts);
        for (int i = 0; i < pf.n; i++)
            pf_counts[pf.v[i].kind]++;
    }
    fo_preflight_free(&pf);
    if (dlp)
        *dlp = dl;
    else
        fo_display_free(dl);
    if (warnings)
        *warnings = d.warnings;
    char *msg = g_strdup(d.captured ? d.captured : "");
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
    return msg;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- 1. overfull lines ---- */

/* A 60-column table: one warning for the squeezed table and one for its
 * cells' overfull lines, with line and column; preflight still counts
 * every overfull line. */
static void test_table_overfull_once(void **state)
{
    GString *md = g_string_new(NULL);
    for (int r = 0; r < 5; r++) {
        g_string_append(md, "|");
        for (int c = 0; c < 60; c++)
            g_string_append_printf(md, r == 1 ? "--|" : "cell%d|", c * 7919);
        g_string_append(md, "\n");
    }
    int pf[FO_PF_NKINDS], w;
    char *msg = run(md->str, "", NULL, pf, &w);
    assert_int_equal(count(msg, "t.md:1:1: warning: "), 2);
    assert_int_equal(count(msg, "cells of this table have text wider than their column"), 1);
    assert_int_equal(count(msg, "overfull line:"), 0);
    assert_int_equal(w, 2);
    assert_true(pf[FO_PF_OVERFULL] > 200);
    g_free(msg);
    g_string_free(md, TRUE);
}

/* A paragraph whose every glyph is wider than the measure: one warning
 * for all its lines, at its line and column. */
static void test_paragraph_overfull_once(void **state)
{
    const char *css = "@page { size: 200pt 600pt; margin: 20pt 50pt; }\n"
                      "p { font-size: 120pt; line-height: 130pt; }\n";
    int pf[FO_PF_NKINDS], w;
    char *msg = run("# H\n\nWWW WWW\n", css, NULL, pf, &w);
    assert_int_equal(count(msg, "warning:"), 1);
    assert_non_null(strstr(msg, "t.md:3:1: warning: 6 overfull lines in this paragraph"));
    assert_int_equal(pf[FO_PF_OVERFULL], 6);
    g_free(msg);
}

/* A margin box too narrow for its text: one warning naming the box, in
 * the style sheet, and none per character. */
static void test_mbox_narrow(void **state)
{
    const char *css = "@page { @top-right { content: \"1234567890\"; width: 2pt; } }\n";
    char *msg = run("Text.\n\nMore.\n", css, NULL, NULL, NULL);
    assert_int_equal(count(msg, "t.css:1:9: warning: the @top-right box is too narrow for its text"),
                     1);
    assert_int_equal(count(msg, "overfull line"), 0);
    g_free(msg);
}

/* ---- 2. margin-box text taller than its margin ---- */

static void test_mbox_too_tall(void **state)
{
    const char *css =
        "@page { margin-top: 8mm; @top-left { content: \"A running head long enough to wrap "
        "onto a second line in its box, which it does at this width, certainly and surely, "
        "twice over\"; width: 120pt; } }\n";
    GString *md = g_string_new(NULL);
    for (int i = 0; i < 120; i++)
        g_string_append(md, "A paragraph of text to fill a few pages with lines.\n\n");
    fo_display *dl;
    int pf[FO_PF_NKINDS];
    char *msg = run(md->str, css, &dl, pf, NULL);
    assert_true(dl->npages >= 3);
    /* once per page kind (first, left, right), not once per page */
    int n = count(msg, "t.css:1:26: warning: the @top-left box's text (");
    assert_true(n >= 1 && n <= 3);
    assert_non_null(strstr(msg, "is taller than the top margin (22.7 pt); it overflows"));
    assert_int_equal(pf[FO_PF_OVERFLOW], n);
    fo_display_free(dl);
    g_free(msg);
    g_string_free(md, TRUE);
    /* a head that fits says nothing */
    msg = run("Text.\n", "@page { margin-top: 8mm; @top-left { content: \"Head\"; } }\n", NULL,
              pf, NULL);
    assert_int_equal(count(msg, "warning"), 0);
    assert_int_equal(pf[FO_PF_OVERFLOW], 0);
    g_free(msg);
}

/* ---- 3. negative margins that put text off the page ---- */

static void test_negative_margins(void **state)
{
    const char *md = "Para one.\n\nPara two.\n\n- item a\n- item b\n";
    int pf[FO_PF_NKINDS];
    fo_display *dl;
    /* body starts 72 pt in (default @page margin): -3cm is x = -13 pt */
    char *msg = run(md, "@page { margin: 72pt; } p { margin-left: -3cm; }", &dl, pf, NULL);
    assert_int_equal(count(msg, "warning:"), 1); /* once for the kind p */
    assert_non_null(strstr(msg, "t.md:1:1: warning: the margins, borders, padding or text-indent of this p place its text "
                                "outside the page (x = -13 pt)"));
    assert_int_equal(pf[FO_PF_OVERFLOW], 4); /* every paragraph, list items' too */
    /* kept all the same: CSS allows negative margins */
    bool off = false;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.x < 0)
            off = true;
    }
    assert_true(off);
    fo_display_free(dl);
    g_free(msg);
    /* far off the page: still one warning, with where it went */
    msg = run(md, "p { margin-left: -1e9pt; }", NULL, pf, NULL);
    assert_int_equal(count(msg, "warning: the margins, borders, padding or text-indent of this p"), 1);
    g_free(msg);
    /* the right edge: only the container whose margin does it is named */
    msg = run(md, "ul { margin-right: -5cm; }", NULL, pf, NULL);
    assert_int_equal(count(msg, "warning:"), 1);
    assert_non_null(strstr(msg, "t.md:5:1: warning: the margins, borders or padding of this ul "
                                "place its text outside the page (x + width = "));
    assert_int_equal(pf[FO_PF_OVERFLOW], 1);
    g_free(msg);
    /* a negative text-indent that takes the first line off the page, and
     * a table moved off it by its margin */
    msg = run(md, "p { text-indent: -10cm }", NULL, pf, NULL);
    assert_int_equal(count(msg, "warning: the margins, borders, padding or text-indent of this p"), 1);
    assert_int_equal(pf[FO_PF_OVERFLOW], 4);
    g_free(msg);
    msg = run("| a | b |\n|---|---|\n| 1 | 2 |\n", "table { margin-left: -3cm }", NULL, pf, NULL);
    assert_int_equal(count(msg, "warning: the margins, borders, padding or text-indent of this table"), 1);
    assert_int_equal(pf[FO_PF_OVERFLOW], 1);
    g_free(msg);
    /* a negative margin that stays on the page says nothing */
    msg = run(md, "p { margin-left: -20pt; }", NULL, pf, NULL);
    assert_int_equal(count(msg, "warning"), 0);
    assert_int_equal(pf[FO_PF_OVERFLOW], 0);
    g_free(msg);
}

/* ---- 4. table cell borders (CSS 2.1 §17.6.1) ---- */

/* The glyph run whose text starts with `t` on page 1: its x and y. */
static bool glyph_at(const fo_display *dl, const char *t, double *x, double *y)
{
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && (size_t)it->u.glyphs.text_len >= strlen(t) &&
            strncmp(it->u.glyphs.text, t, strlen(t)) == 0) {
            *x = it->u.glyphs.x;
            *y = it->u.glyphs.y;
            return true;
        }
    }
    return false;
}

static void test_cell_borders(void **state)
{
    const char *md = "| a | b |\n|---|---|\n| Hello world | xyz |\n\nAfter.\n";
    fo_display *d0, *d1;
    char *m0 = run(md, "td { padding: 2pt 3pt; }", &d0, NULL, NULL);
    char *m1 = run(md,
                   "td { padding: 2pt 3pt; } td:first-child { border: 4.5pt double #00c; "
                   "border-bottom-width: 6pt; }",
                   &d1, NULL, NULL);
    double hx0, hy0, hx1, hy1, xx0, xy0, xx1, xy1, ax0, ay0, ax1, ay1;
    assert_true(glyph_at(d0, "Hello", &hx0, &hy0) && glyph_at(d1, "Hello", &hx1, &hy1));
    assert_true(glyph_at(d0, "xyz", &xx0, &xy0) && glyph_at(d1, "xyz", &xx1, &xy1));
    assert_true(glyph_at(d0, "After", &ax0, &ay0) && glyph_at(d1, "After", &ax1, &ay1));
    /* the text moves in by the left and top border widths */
    assert_true(fabs(hx1 - hx0 - 4.5) < 0.01);
    assert_true(fabs(hy1 - hy0 - 4.5) < 0.01);
    /* the column is wider by both side borders: the next cell moves right */
    assert_true(fabs(xx1 - xx0 - 9) < 0.01);
    /* the row is taller by the top and bottom borders */
    assert_true(fabs(ay1 - ay0 - 10.5) < 0.01);
    fo_display_free(d0);
    fo_display_free(d1);
    g_free(m0);
    g_free(m1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_overfull_once),
        cmocka_unit_test(test_paragraph_overfull_once),
        cmocka_unit_test(test_mbox_narrow),
        cmocka_unit_test(test_mbox_too_tall),
        cmocka_unit_test(test_negative_margins),
        cmocka_unit_test(test_cell_borders),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
