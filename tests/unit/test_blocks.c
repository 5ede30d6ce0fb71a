/* Block layout tests: automatic table column widths, running table
 * headers, images, task lists, footnotes at the page foot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc/doc.h"
#include "layout/lay.h"
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

/* Number of glyph runs on page `p` whose text starts with `s`. */
static int runs_with(const fo_page *p, const char *s)
{
    int n = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.text_len >= (int)strlen(s) &&
            strncmp(it->u.glyphs.text, s, strlen(s)) == 0)
            n++;
    }
    return n;
}

static void test_table_widths(void **state)
{
    double out[2];
    /* Everything fits: max content widths. */
    lay_table_widths((double[]){10, 20}, (double[]){30, 40}, 2, 100, out);
    assert_true(out[0] == 30 && out[1] == 40);
    /* Between: min + share of (max - min) in proportion. */
    lay_table_widths((double[]){10, 20}, (double[]){110, 60}, 2, 80, out);
    assert_float_equal(out[0], 10 + 100 * 50.0 / 140, 1e-9);
    assert_float_equal(out[1], 20 + 40 * 50.0 / 140, 1e-9);
    assert_float_equal(out[0] + out[1], 80, 1e-9);
    /* Even the minimum does not fit: the minimum scaled to the measure. */
    lay_table_widths((double[]){60, 90}, (double[]){80, 120}, 2, 100, out);
    assert_float_equal(out[0], 40, 1e-9);
    assert_float_equal(out[1], 60, 1e-9);
}

/* A table longer than a page: its header row is on every page it spans,
 * and nowhere twice. */
static void test_table_header_on_every_page(void **state)
{
    GString *md = g_string_new("| Num | Description |\n|---:|---|\n");
    for (int i = 0; i < 120; i++)
        g_string_append_printf(md, "| %d | Row %d of a long table with a longer description cell |\n", i, i);
    g_string_append(md, "\nAfter.\n");
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, NULL, &d);
    assert_true(dl->npages >= 3);
    int last = -1;
    for (int p = 0; p < dl->npages; p++) {
        if (runs_with(&dl->pages[p], "Row "))
            last = p;
        if (runs_with(&dl->pages[p], "Row ") || p == 0)
            assert_int_equal(runs_with(&dl->pages[p], "Description"), 1);
    }
    assert_true(last >= 2);
    fo_display_free(dl);
    g_string_free(md, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_widths),
        cmocka_unit_test(test_table_header_on_every_page),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
