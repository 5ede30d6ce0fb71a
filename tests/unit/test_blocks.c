/* Block layout tests: automatic table column widths, running table
 * headers, images, task lists, footnotes at the page foot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
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
    lay_table_widths((double[]){10, 20}, (double[]){30, 40}, 2, 100, false, out);
    assert_true(out[0] == 30 && out[1] == 40);
    /* Between: min + share of (max - min) in proportion. */
    lay_table_widths((double[]){10, 20}, (double[]){110, 60}, 2, 80, false, out);
    assert_float_equal(out[0], 10 + 100 * 50.0 / 140, 1e-9);
    assert_float_equal(out[1], 20 + 40 * 50.0 / 140, 1e-9);
    assert_float_equal(out[0] + out[1], 80, 1e-9);
    /* Even the minimum does not fit: the minimum scaled to the measure. */
    lay_table_widths((double[]){60, 90}, (double[]){80, 120}, 2, 100, false, out);
    assert_float_equal(out[0], 40, 1e-9);
    assert_float_equal(out[1], 60, 1e-9);
    /* A table with a width: max widths scaled up to fill it. */
    lay_table_widths((double[]){10, 20}, (double[]){30, 50}, 2, 160, true, out);
    assert_float_equal(out[0], 60, 1e-9);
    assert_float_equal(out[1], 100, 1e-9);
}

/* Horizontal extent of the widest line item on page 0 (a table's rules). */
static void widest_rule(const fo_display *dl, double *x1, double *x2)
{
    *x1 = *x2 = 0;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_LINE && it->u.line.x2 - it->u.line.x1 > *x2 - *x1) {
            *x1 = it->u.line.x1;
            *x2 = it->u.line.x2;
        }
    }
}

/* width and auto margins on a table (CSS 2.1 §17.5.2.2, §10.3.3): the
 * default table shrinks to its content at the left edge; width: 100%
 * fills the measure; a fixed width with margin: 0 auto is centred;
 * margin-left: auto alone sets it flush right. */
static void test_table_width_and_auto_margins(void **state)
{
    const char *md = "| A | B |\n|---|---|\n| one | two |\n";
    const double left = 72, right = 595.276 - 72, measure = right - left;
    fo_diag d;
    fo_diag_init(&d);
    double x1, x2;
    fo_display *dl = typeset(md, NULL, &d);
    widest_rule(dl, &x1, &x2);
    assert_float_equal(x1, left, 0.01);
    assert_true(x2 - x1 < measure / 3);
    fo_display_free(dl);

    dl = typeset(md, "table { width: 100% }", &d);
    widest_rule(dl, &x1, &x2);
    assert_float_equal(x1, left, 0.01);
    assert_float_equal(x2, right, 0.01);
    fo_display_free(dl);

    dl = typeset(md, "table { width: 200pt; margin: 0 auto }", &d);
    widest_rule(dl, &x1, &x2);
    assert_float_equal(x2 - x1, 200, 0.01);
    assert_float_equal(x1, left + (measure - 200) / 2, 0.01);
    fo_display_free(dl);

    dl = typeset(md, "table { width: 50%; max-width: 150pt; margin-left: auto }", &d);
    widest_rule(dl, &x1, &x2);
    assert_float_equal(x2 - x1, 150, 0.01);
    assert_float_equal(x2, right, 0.01);
    fo_display_free(dl);
}

/* The title block's parts are blocks: a border and background on .title
 * are drawn (corporate.css rules its title). */
static void test_title_block_decorated(void **state)
{
    const char *md = "---\ntitle: The Title\n---\n\nBody.\n";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md, ".title { border-bottom: 3pt solid rgb(255, 0, 0);"
                                 " background-color: rgb(0, 0, 255) }", &d);
    int red = 0, blue = 0;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind != FO_ITEM_RECT)
            continue;
        fo_color c = it->u.rect.fill;
        red += c.r == 1 && c.g == 0 && c.b == 0 && c.a > 0;
        blue += c.r == 0 && c.g == 0 && c.b == 1 && c.a > 0;
    }
    assert_int_equal(red, 1);
    assert_int_equal(blue, 1);
    fo_display_free(dl);
}

/* hr: a plain rule by default; with borders it is an empty block drawn by
 * them, so `hr { border-top: 2pt dashed }` gives a dashed rule. */
static void test_hr_border(void **state)
{
    const char *md = "Before.\n\n---\n\nAfter.\n";
    fo_diag d;
    fo_diag_init(&d);
    for (int styled = 0; styled < 2; styled++) {
        fo_display *dl = typeset(md, styled ? "hr { border-top: 2pt dashed rgb(200, 0, 0) }"
                                            : NULL, &d);
        int solid = 0, dashed = 0;
        for (int i = 0; i < dl->pages[0].nitems; i++) {
            const fo_item *it = &dl->pages[0].items[i];
            if (it->kind != FO_ITEM_LINE)
                continue;
            if (it->u.line.dash.style == FO_DASH_DASHED) {
                dashed++;
                assert_float_equal(it->u.line.width, 2, 1e-9);
            } else {
                solid++;
            }
        }
        assert_int_equal(solid, styled ? 0 : 1);
        assert_int_equal(dashed, styled ? 1 : 0);
        fo_display_free(dl);
    }
}

/* x of the first glyph run on page 0 whose text starts with `s` (-1: none). */
static double run_x(const fo_display *dl, const char *s)
{
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.text_len >= (int)strlen(s) &&
            strncmp(it->u.glyphs.text, s, strlen(s)) == 0)
            return it->u.glyphs.x;
    }
    return -1;
}

/* list-style-position (CSS Lists 3 §3.3): outside hangs the marker left of
 * the content edge; inside starts the first line with it, and the next
 * line returns to the content edge. */
static void test_list_style_position(void **state)
{
    const char *md = "- alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
                     "omicron pi rho sigma tau upsilon phi chi psi omega and then some more\n";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md, "ul { list-style: square }", &d);
    double marker = run_x(dl, "\xe2\x96\xaa"), first = run_x(dl, "alpha");
    assert_true(marker >= 0 && first > marker);
    double edge = first; /* outside: the text starts at the content edge */
    fo_display_free(dl);

    dl = typeset(md, "ul { list-style: inside square }", &d);
    marker = run_x(dl, "\xe2\x96\xaa");
    first = run_x(dl, "alpha");
    assert_float_equal(marker, edge, 0.01);
    assert_true(first > marker + 4);
    /* the second line starts at the content edge again */
    bool found = false;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS && fabs(it->u.glyphs.x - edge) < 0.01 &&
            it->u.glyphs.text[0] != '\xe2')
            found = true;
    }
    assert_true(found);
    fo_display_free(dl);
    assert_int_equal(d.warnings, 0);
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

/* Page holding an item of `kind` whose name/dest is `name`, or -1. */
static int page_of(const fo_display *dl, fo_item_kind kind, const char *name)
{
    for (int p = 0; p < dl->npages; p++)
        for (int i = 0; i < dl->pages[p].nitems; i++) {
            const fo_item *it = &dl->pages[p].items[i];
            const char *s = kind == FO_ITEM_ANCHOR ? it->u.anchor.name
                            : kind == FO_ITEM_LINK ? it->u.link.dest : NULL;
            if (it->kind == kind && s && strcmp(s, name) == 0)
                return p;
        }
    return -1;
}

/* Every note is on the page of its reference, below the text, and links
 * back to it. */
static void test_footnotes_at_page_foot(void **state)
{
    GString *md = g_string_new(NULL);
    for (int i = 1; i <= 120; i++)
        g_string_append_printf(md, "Paragraph %d with several words in it so that it fills a line or "
                                   "two of the page.%s\n\n", i, i % 7 == 0 ? "[^x]" : "");
    g_string_append(md, "Another[^y] reference.\n\n[^x]: The note x.\n\n[^y]: The note y.\n");
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, NULL, &d);
    int ref = page_of(dl, FO_ITEM_ANCHOR, "fnref-1");
    int note = page_of(dl, FO_ITEM_ANCHOR, "fn-1");
    assert_true(ref >= 0);
    assert_int_equal(note, ref);
    assert_int_equal(page_of(dl, FO_ITEM_LINK, "fnref-1"), ref); /* note → reference */
    assert_int_equal(page_of(dl, FO_ITEM_LINK, "fn-1"), ref);    /* reference → note */
    int ref2 = page_of(dl, FO_ITEM_ANCHOR, "fnref-2");
    assert_int_equal(page_of(dl, FO_ITEM_ANCHOR, "fn-2"), ref2);
    assert_true(ref2 > ref);
    /* The note is below every line of text on its page. */
    const fo_page *p = &dl->pages[ref];
    double note_y = 0, text_y = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS)
            continue;
        if (strncmp(it->u.glyphs.text, "The note x", 10) == 0)
            note_y = it->u.glyphs.y;
        else if (strncmp(it->u.glyphs.text, "Paragraph", 9) == 0 && it->u.glyphs.y > text_y)
            text_y = it->u.glyphs.y;
    }
    assert_true(note_y > text_y);
    fo_display_free(dl);
    g_string_free(md, TRUE);
}

/* Task-list items get drawn check boxes (a stroked square; a tick of two
 * strokes when done) left of the text, and no "[ ]" text or ballot glyph. */
static void test_task_boxes(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset("- [ ] open\n- [x] done\n", NULL, &d);
    const fo_page *p = &dl->pages[0];
    int squares = 0, ticks = 0;
    double text_x = 1e9, box_right = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.stroke.a > 0 && it->u.rect.fill.a == 0) {
            squares++;
            assert_float_equal(it->u.rect.w, it->u.rect.h, 1e-9);
            if (it->u.rect.x + it->u.rect.w > box_right)
                box_right = it->u.rect.x + it->u.rect.w;
        } else if (it->kind == FO_ITEM_LINE) {
            ticks++;
        } else if (it->kind == FO_ITEM_GLYPHS && strncmp(it->u.glyphs.text, "open", 4) == 0) {
            text_x = it->u.glyphs.x;
        } else if (it->kind == FO_ITEM_GLYPHS) {
            assert_null(strstr(it->u.glyphs.text, "\xe2\x98")); /* no U+2610.. glyphs */
            assert_null(strstr(it->u.glyphs.text, "[ ]"));
        }
    }
    assert_int_equal(squares, 2);
    assert_int_equal(ticks, 2);
    assert_true(box_right < text_x);
    fo_display_free(dl);
}

/* A code line longer than the measure wraps; each continuation line (and
 * only those) gets a "↪" mark left of the code's edge. */
static void test_code_continuation_marks(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    GString *md = g_string_new("```\nshort\n");
    for (int i = 0; i < 40; i++)
        g_string_append_printf(md, "word%d ", i);
    g_string_append(md, "\nshort again\n```\n");
    fo_display *dl = typeset(md->str, NULL, &d);
    const fo_page *p = &dl->pages[0];
    int marks = 0, lines = 0;
    double code_x = 1e9, mark_x = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS)
            continue;
        if (strncmp(it->u.glyphs.text, "\xe2\x86\xaa", 3) == 0) {
            marks++;
            mark_x = it->u.glyphs.x;
        } else if (it->u.glyphs.text_len > 0 && strncmp(it->u.glyphs.text, "short", 5) == 0) {
            code_x = it->u.glyphs.x;
        } else if (strstr(it->u.glyphs.text, "word") && it->u.glyphs.text_len > 0) {
            lines++;
        }
    }
    (void)lines;
    assert_true(marks >= 1);
    assert_true(mark_x < code_x);
    fo_display_free(dl);
    /* No wrapped line, no mark. */
    dl = typeset("```\nshort\nlines\n```\n", NULL, &d);
    p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++)
        if (p->items[i].kind == FO_ITEM_GLYPHS)
            assert_true(strncmp(p->items[i].u.glyphs.text, "\xe2\x86\xaa", 3) != 0);
    fo_display_free(dl);
    g_string_free(md, TRUE);
}

/* The line before a hard break is not justified. */
static void test_hard_break_not_justified(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset("Line one  \nand then a second line of text that is long enough to fill "
                             "the whole measure and wrap onto another line for sure, yes indeed.\n",
                             "body { text-align: justify }", &d);
    const fo_page *p = &dl->pages[0];
    double first_y = -1, right = 0, left = 1e9;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS || it->u.glyphs.nglyphs == 0)
            continue;
        const fo_glyph_run *r = &it->u.glyphs;
        if (first_y < 0)
            first_y = r->y;
        if (r->y != first_y)
            continue;
        double w = 0;
        for (int k = 0; k < r->nglyphs; k++)
            w += r->glyphs[k].advance;
        if (r->x < left)
            left = r->x;
        if (r->x + w > right)
            right = r->x + w;
    }
    /* "Line one" at 12pt is well under 100 pt wide when not stretched. */
    assert_true(right - left < 100);
    fo_display_free(dl);
}

/* `#anchor` links and heading slugs become internal links to anchors that
 * exist; external ones stay URIs. */
static void test_internal_links(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset("# Part One\n\nSee [two](#part-two) and [site](https://example.org).\n\n"
                             "# Part Two\n\nText.\n", NULL, &d);
    assert_int_equal(page_of(dl, FO_ITEM_ANCHOR, "part-two"), 0);
    assert_int_equal(page_of(dl, FO_ITEM_ANCHOR, "part-one"), 0);
    assert_int_equal(page_of(dl, FO_ITEM_LINK, "part-two"), 0);
    bool uri = false;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_LINK && it->u.link.uri)
            uri = strcmp(it->u.link.uri, "https://example.org") == 0;
    }
    assert_true(uri);
    fo_display_free(dl);
}

/* Raw HTML: text kept, tags and comments dropped, one warning. */
static void test_raw_html_text_kept(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    fo_display *dl = typeset("<div class=\"x\">\nBlock <b>words</b> here\n</div>\n\n"
                             "Inline <span>kept</span> text <!-- gone > -->.\n", NULL, &d);
    GString *all = g_string_new(NULL);
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS)
            g_string_append_len(all, it->u.glyphs.text, it->u.glyphs.text_len);
    }
    assert_non_null(strstr(all->str, "Block"));
    assert_non_null(strstr(all->str, "words"));
    assert_non_null(strstr(all->str, "kept"));
    assert_null(strstr(all->str, "div"));
    assert_null(strstr(all->str, "gone"));
    assert_int_equal(d.warnings, 1);
    g_string_free(all, TRUE);
    fo_display_free(dl);
}

/* A row taller than a page is cut between its lines: nothing runs off a
 * page, and the header row tops every continued page. */
static void test_tall_row_splits(void **state)
{
    GString *md = g_string_new("| Key | Value |\n|---|---|\n| k | ");
    for (int i = 0; i < 1500; i++)
        g_string_append_printf(md, "word%d ", i);
    g_string_append(md, "|\n| next | row |\n");
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, NULL, &d);
    assert_true(dl->npages >= 2);
    int words = 0;
    for (int p = 0; p < dl->npages; p++) {
        const fo_page *pg = &dl->pages[p];
        int has_word = 0;
        for (int i = 0; i < pg->nitems; i++) {
            const fo_item *it = &pg->items[i];
            if (it->kind != FO_ITEM_GLYPHS)
                continue;
            if (strncmp(it->u.glyphs.text, "word", 4) == 0) {
                has_word = 1;
                words++;
                /* Above the bottom margin (the default is 72 pt or less). */
                assert_true(it->u.glyphs.y < pg->height - 30);
            }
        }
        if (has_word)
            assert_int_equal(runs_with(pg, "Value"), 1);
    }
    assert_true(words > 0);
    fo_display_free(dl);
    g_string_free(md, TRUE);
}

/* Lists and quotes nested 40 deep stay inside the page. */
static void test_deep_nesting_stays_on_page(void **state)
{
    GString *md = g_string_new(NULL);
    for (int i = 0; i < 40; i++) {
        for (int k = 0; k < i; k++)
            g_string_append(md, "  ");
        g_string_append_printf(md, "- level %d item text here\n", i);
    }
    g_string_append(md, "\n");
    for (int i = 0; i < 40; i++) {
        for (int k = 0; k <= i; k++)
            g_string_append_c(md, '>');
        g_string_append_printf(md, " quote %d\n", i);
    }
    fo_diag d;
    fo_diag_init(&d);
    gchar *css = NULL;
    assert_true(g_file_get_contents("styles/default.css", &css, NULL, NULL));
    fo_display *dl = typeset(md->str, css, &d);
    g_free(css);
    for (int p = 0; p < dl->npages; p++)
        for (int i = 0; i < dl->pages[p].nitems; i++) {
            const fo_item *it = &dl->pages[p].items[i];
            if (it->kind != FO_ITEM_GLYPHS)
                continue;
            double w = 0;
            for (int k = 0; k < it->u.glyphs.nglyphs; k++)
                w += it->u.glyphs.glyphs[k].advance;
            assert_true(it->u.glyphs.x >= 0);
            assert_true(it->u.glyphs.x + w <= dl->pages[p].width - 20);
        }
    fo_display_free(dl);
    g_string_free(md, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_widths),
        cmocka_unit_test(test_table_width_and_auto_margins),
        cmocka_unit_test(test_title_block_decorated),
        cmocka_unit_test(test_hr_border),
        cmocka_unit_test(test_list_style_position),
        cmocka_unit_test(test_table_header_on_every_page),
        cmocka_unit_test(test_footnotes_at_page_foot),
        cmocka_unit_test(test_task_boxes),
        cmocka_unit_test(test_code_continuation_marks),
        cmocka_unit_test(test_hard_break_not_justified),
        cmocka_unit_test(test_internal_links),
        cmocka_unit_test(test_tall_row_splits),
        cmocka_unit_test(test_deep_nesting_stays_on_page),
        cmocka_unit_test(test_raw_html_text_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
