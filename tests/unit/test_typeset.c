/* Typesetting tests on real layout: no glyph run crosses the text area in
 * the corpus (total-fit and first-fit), long URLs and words break inside the
 * measure, justification widens spaces only, right-to-left words sit in
 * visual order, soft hyphens draw a hyphen only at a line end, and
 * total-fit lowers the sum of squared adjustment ratios against first-fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "style/style.h"
#include "text/fonts.h"

static fo_fonts *fonts;

static int setup(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.quiet = true;
    int rc = fo_fonts_new("fonts", &fonts, &d) == FO_OK ? 0 : -1;
    fo_diag_dispose(&d);
    return rc;
}

static int teardown(void **state)
{
    fo_fonts_free(fonts);
    return 0;
}

/* Lays out `md` (named `name`) with `sheet`; NULL on failure. */
static fo_display *typeset(const char *md, size_t len, const char *name, const fo_sheet *sheet,
                           const fo_layout_options *opt)
{
    fo_diag d;
    fo_diag_init(&d);
    d.quiet = true;
    fo_doc *doc = NULL;
    fo_display *dl = NULL;
    if (fo_doc_parse(md, len, name, &doc, &d) == FO_OK)
        fo_layout_document(doc, sheet, fonts, opt, &dl, &d);
    fo_doc_free(doc);
    fo_diag_dispose(&d);
    return dl;
}

static fo_sheet *sheet_of(const char *css)
{
    fo_diag d;
    fo_diag_init(&d);
    d.quiet = true;
    fo_sheet *s = NULL;
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &s, &d), FO_OK);
    fo_diag_dispose(&d);
    return s;
}

static double run_width(const fo_glyph_run *r)
{
    double w = 0;
    for (int k = 0; k < r->nglyphs; k++)
        w += r->glyphs[k].advance;
    return w;
}

/* Counts glyph runs outside [left, right] (pt, with 0.05 pt slack).  A run
 * wholly left of the area is a list marker set outside (CSS Lists 3
 * list-style-position: outside) and is not counted. */
static int runs_outside(const fo_display *dl, double left, double right, const char *name)
{
    int bad = 0;
    for (int pn = 0; pn < dl->npages; pn++) {
        const fo_page *p = &dl->pages[pn];
        for (int i = 0; i < p->nitems; i++) {
            if (p->items[i].kind != FO_ITEM_GLYPHS)
                continue;
            const fo_glyph_run *r = &p->items[i].u.glyphs;
            double w = run_width(r);
            if (r->x + w <= left + 0.05)
                continue;
            if (r->x < left - 0.05 || r->x + w > right + 0.05) {
                if (bad++ < 3)
                    fprintf(stderr, "%s p%d: run '%.*s' spans %.2f..%.2f, area %.2f..%.2f\n",
                            name, pn + 1, r->text_len, r->text, r->x, r->x + w, left, right);
            }
        }
    }
    return bad;
}

static void corpus_files(GPtrArray *out, const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    const char *n;
    while ((n = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, n, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
            corpus_files(out, p);
            g_free(p);
        } else if (g_str_has_suffix(n, ".md")) {
            g_ptr_array_add(out, p);
        } else {
            g_free(p);
        }
    }
    g_dir_close(d);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every glyph run of every corpus document (and the sample report) stays
 * inside the text area, with both breakers; total-fit's sum of squared
 * adjustment ratios is below first-fit's. */
static void test_corpus_within_measure(void **state)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    corpus_files(files, "../shared/corpus");
    if (files->len == 0) {
        fprintf(stderr, "skipped: ../shared/corpus is absent\n");
        g_ptr_array_free(files, TRUE);
        skip();
    }
    g_ptr_array_sort(files, cmp_str);
    g_ptr_array_add(files, g_strdup("content/report.md"));
    char *css = NULL;
    gsize csslen = 0;
    assert_true(g_file_get_contents("styles/default.css", &css, &csslen, NULL));
    fo_sheet *sheet = sheet_of(css);
    fo_page_style ps;
    fo_sheet_page(sheet, &ps);
    double sq[2] = {0, 0};
    int docs = 0;
    for (guint f = 0; f < files->len; f++) {
        const char *path = files->pdata[f];
        char *md = NULL;
        gsize len = 0;
        if (!g_file_get_contents(path, &md, &len, NULL))
            continue;
        for (int g = 0; g < 2; g++) {
            fo_typo_stats ts = {0};
            fo_layout_options lo = {.max_pages = 2000, .greedy = g == 1, .stats = &ts};
            fo_display *dl = typeset(md, len, path, sheet, &lo);
            assert_non_null(dl);
            assert_int_equal(runs_outside(dl, ps.margin_left, ps.width - ps.margin_right, path),
                             0);
            assert_int_equal(ts.overfull, 0);
            sq[g] += ts.sum_sq;
            fo_display_free(dl);
        }
        docs++;
        g_free(md);
    }
    fprintf(stderr, "%d documents: sum of r^2 total-fit %.1f, first-fit %.1f\n", docs, sq[0],
            sq[1]);
    assert_true(sq[0] < sq[1]);
    fo_sheet_free(sheet);
    g_free(css);
    g_ptr_array_free(files, TRUE);
}

/* A URL and a word longer than the measure break inside it (at '/' first),
 * never crossing the margin, across a style change too. */
static void test_long_words_break(void **state)
{
    fo_sheet *sheet = sheet_of("@page { size: 300pt 400pt; margin: 50pt }"
                               "body { font-size: 11pt; text-align: justify }");
    const char *md =
        "See https://example.com/a/very/long/path/that/goes/on/and_on/for/ever/index.html "
        "and Pneumonoultramicroscopicsilicovolcanoconiosis**Pneumonoultramicroscopic**"
        "silicovolcanoconiosis done.\n";
    fo_display *dl = typeset(md, strlen(md), "t.md", sheet, NULL);
    assert_non_null(dl);
    assert_int_equal(runs_outside(dl, 50, 250, "long words"), 0);
    /* some line ends just after a '/' */
    bool slash_end = false;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        if (p->items[i].kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (r->text_len > 0 && r->text[r->text_len - 1] == '/' &&
            r->x + run_width(r) > 240)
            slash_end = true;
    }
    assert_true(slash_end);
    fo_display_free(dl);
    fo_sheet_free(sheet);
}

/* Justified lines end at the measure and only space glyphs change their
 * advance: every other glyph keeps the advance of a ragged setting. */
static void test_justify_spaces_only(void **state)
{
    const char *md = "The quick brown fox jumps over the lazy dog while the five boxing "
                     "wizards jump quickly and a wafer-thin office affluent sphinx of black "
                     "quartz judges my vow of liquor jugs.\n";
    fo_sheet *js = sheet_of("@page { size: 300pt 400pt; margin: 50pt }"
                            "body { font-size: 11pt; text-align: justify }");
    fo_sheet *rs = sheet_of("@page { size: 300pt 400pt; margin: 50pt }"
                            "body { font-size: 11pt; text-align: left }");
    fo_display *a = typeset(md, strlen(md), "t.md", js, NULL);
    fo_display *b = typeset(md, strlen(md), "t.md", rs, NULL);
    assert_non_null(a);
    assert_non_null(b);
    /* Collect (char, advance) for glyphs of body text in both. */
    int lines_at_measure = 0, compared = 0;
    const fo_page *pa = &a->pages[0], *pb = &b->pages[0];
    GHashTable *adv = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (int i = 0; i < pb->nitems; i++) {
        if (pb->items[i].kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *r = &pb->items[i].u.glyphs;
        for (int k = 0; k < r->nglyphs; k++) {
            char key[32];
            snprintf(key, sizeof key, "%u", r->glyphs[k].gid);
            double *v = g_new(double, 1);
            *v = r->glyphs[k].advance;
            g_hash_table_replace(adv, g_strdup(key), v);
        }
    }
    for (int i = 0; i < pa->nitems; i++) {
        if (pa->items[i].kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *r = &pa->items[i].u.glyphs;
        if (r->y > 350)
            continue; /* page number */
        if (fabs(r->x + run_width(r) - 250) < 0.05)
            lines_at_measure++;
        for (int k = 0; k < r->nglyphs; k++) {
            const char *c = r->text + r->glyphs[k].cluster;
            if (*c == ' ')
                continue;
            char key[32];
            snprintf(key, sizeof key, "%u", r->glyphs[k].gid);
            double *v = g_hash_table_lookup(adv, key);
            if (!v)
                continue;
            /* kerning may differ per pair; an ordinary letter never grows */
            assert_true(r->glyphs[k].advance <= *v + 0.5);
            compared++;
        }
    }
    assert_true(lines_at_measure >= 2);
    assert_true(compared > 50);
    g_hash_table_destroy(adv);
    fo_display_free(a);
    fo_display_free(b);
    fo_sheet_free(js);
    fo_sheet_free(rs);
}

/* Two Hebrew words (the second bold, so in a run of its own) inside an
 * English line: both between their neighbours, the second one to the left
 * of the first (UAX #9 rule L2 over runs). */
static void test_rtl_word_order(void **state)
{
    const char *md = "hello \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d "
                     "**\xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d** world\n";
    fo_sheet *sheet = sheet_of("strong { font-weight: 700; color: #a00000 }");
    fo_display *dl = typeset(md, strlen(md), "t.md", sheet, NULL);
    fo_sheet_free(sheet);
    assert_non_null(dl);
    double xh = -1, x1 = -1, x2 = -1, xw = -1;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        if (p->items[i].kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (r->text_len >= 5 && strncmp(r->text, "hello", 5) == 0)
            xh = r->x;
        else if (r->rtl && strncmp(r->text, "\xd7\xa9", 2) == 0)
            x1 = r->x;
        else if (r->rtl && strncmp(r->text, "\xd7\xa2", 2) == 0)
            x2 = r->x;
        else if (r->text_len >= 5 && strncmp(r->text + r->text_len - 5, "world", 5) == 0)
            xw = r->x + run_width(r) - 1;
    }
    assert_true(xh >= 0 && x1 > xh && x2 > xh && xw > x1 && xw > x2);
    assert_true(x2 < x1);
    fo_display_free(dl);
}

/* A soft hyphen draws a hyphen only where a line breaks at it; the hyphen
 * run extracts as the rest of the word and that rest, drawn on the next
 * line, extracts as nothing (display.h actual_only). */
static void test_soft_hyphen(void **state)
{
    fo_sheet *sheet = sheet_of("@page { size: 150pt 400pt; margin: 40pt }"
                               "body { font-size: 11pt; text-align: left }");
#define SHY "\xc2\xad"
    const char *md = "Words and more words: extra" SHY "ordinarily long com" SHY "po" SHY "si" SHY
                     "tion of in" SHY "com" SHY "pre" SHY "hen" SHY "si" SHY "bil" SHY "i" SHY
                     "ty.\n";
    fo_display *dl = typeset(md, strlen(md), "t.md", sheet, NULL);
    assert_non_null(dl);
    int hyphens = 0, silent = 0;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        if (p->items[i].kind != FO_ITEM_GLYPHS)
            continue;
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (r->actual_only && r->text_len > 0) {
            hyphens++;
            assert_true(r->nglyphs == 1 && r->glyphs[0].gid != 0);
            /* the next silent run draws exactly the text this one extracts */
            for (int k = i + 1; k < p->nitems; k++) {
                if (p->items[k].kind != FO_ITEM_GLYPHS)
                    continue;
                const fo_glyph_run *q = &p->items[k].u.glyphs;
                assert_true(q->actual_only && q->text_len == 0);
                assert_ptr_equal(q->text, r->text);
                silent++;
                break;
            }
        }
    }
    assert_int_equal(runs_outside(dl, 40, 110, "soft hyphen"), 0);
    assert_true(hyphens >= 2);
    assert_int_equal(silent, hyphens);
    fo_display_free(dl);
    fo_sheet_free(sheet);
}

/* `dir: rtl` in the front matter sets paragraphs right to left: a short
 * line ends at the right edge of the text area. */
static void test_dir_rtl(void **state)
{
    fo_sheet *sheet = sheet_of("@page { size: 300pt 400pt; margin: 50pt }"
                               "body { font-size: 11pt; text-align: left }");
    const char *md = "---\ndir: rtl\n---\n\nhello world\n";
    fo_display *dl = typeset(md, strlen(md), "t.md", sheet, NULL);
    assert_non_null(dl);
    const char *md2 = "hello world\n";
    fo_display *dl2 = typeset(md2, strlen(md2), "t.md", sheet, NULL);
    assert_non_null(dl2);
    double right = 0, left = 1e9;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.y < 350)
            right = fmax(right, it->u.glyphs.x + run_width(&it->u.glyphs));
    }
    for (int i = 0; i < dl2->pages[0].nitems; i++) {
        const fo_item *it = &dl2->pages[0].items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.y < 350)
            left = fmin(left, it->u.glyphs.x);
    }
    assert_true(fabs(right - 250) < 0.05);
    assert_true(fabs(left - 50) < 0.05);
    fo_display_free(dl);
    fo_display_free(dl2);
    fo_sheet_free(sheet);
}

/* A character no bundled face covers gets an outlined box over its advance. */
static void test_notdef_box(void **state)
{
    const char *md = "A hieroglyph \xf0\x93\x80\x80 here.\n";
    fo_display *dl = typeset(md, strlen(md), "t.md", NULL, NULL);
    assert_non_null(dl);
    int boxes = 0;
    for (int i = 0; i < dl->pages[0].nitems; i++) {
        const fo_item *it = &dl->pages[0].items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.stroke.a > 0 && it->u.rect.fill.a == 0)
            boxes++;
    }
    assert_int_equal(boxes, 1);
    fo_display_free(dl);
}

/* Preflight: a paragraph whose orphans/widows cannot both be met is
 * reported with its page and line; a link to a missing anchor and a
 * character no face covers are listed once each. */
static void test_preflight(void **state)
{
    fo_sheet *sheet = sheet_of("@page { size: 300pt 300pt; margin: 30pt }"
                               "body { font-size: 10pt; line-height: 12pt; text-align: left }"
                               "p { orphans: 15; widows: 15 }");
    GString *md = g_string_new("Intro with a [link](#nowhere) and \xf0\x93\x80\x80 and "
                               "\xf0\x93\x80\x80 again.\n\n");
    for (int i = 0; i < 40; i++)
        g_string_append_printf(md, "Line %d of a long paragraph.  ", i);
    g_string_append(md, "\n");
    fo_preflight pf = {0};
    fo_typo_stats ts = {0};
    fo_layout_options lo = {.preflight = &pf, .stats = &ts};
    fo_display *dl = typeset(md->str, md->len, "t.md", sheet, &lo);
    assert_non_null(dl);
    int counts[FO_PF_NKINDS] = {0};
    for (int i = 0; i < pf.n; i++) {
        counts[pf.v[i].kind]++;
        assert_true(pf.v[i].page >= 1 && pf.v[i].page <= dl->npages);
        if (pf.v[i].kind == FO_PF_WIDOW || pf.v[i].kind == FO_PF_ORPHAN)
            assert_int_equal(pf.v[i].line, 3);
    }
    assert_true(counts[FO_PF_WIDOW] + counts[FO_PF_ORPHAN] >= 1);
    assert_int_equal(ts.widows_orphans, counts[FO_PF_WIDOW] + counts[FO_PF_ORPHAN]);
    assert_int_equal(counts[FO_PF_MISSING_ANCHOR], 1);
    assert_int_equal(counts[FO_PF_MISSING_GLYPH], 1);
    assert_int_equal(counts[FO_PF_OVERFULL], 0);
    fo_preflight_free(&pf);
    fo_display_free(dl);
    g_string_free(md, TRUE);
    fo_sheet_free(sheet);
}

/* Headings keep at least two lines of what follows on their page, also
 * when a list or code follows; no page is left blank.  Swept over page
 * heights so that every heading meets the page foot once. */
static void test_heading_keeps_two_lines(void **state)
{
    GString *md = g_string_new("# Title\n\n");
    for (int i = 0; i < 8; i++)
        g_string_append_printf(md, "Filler paragraph number %d with some words.\n\n", i);
    g_string_append(md, "## A heading before a list\n\n");
    for (int i = 0; i < 6; i++)
        g_string_append_printf(md, "- item %d\n", i);
    g_string_append(md, "\nAfter.\n\n## Heading before code\n\n```\nline 1\nline 2\nline 3\n"
                        "```\n\nEnd.\n");
    int stranded = 0;
    for (int h = 200; h <= 420; h += 2) {
        char css[128];
        snprintf(css, sizeof css, "@page { size: 300pt %dpt; margin: 20pt }", h);
        fo_sheet *sheet = sheet_of(css);
        fo_preflight pf = {0};
        fo_layout_options lo = {.preflight = &pf};
        fo_display *dl = typeset(md->str, md->len, "t.md", sheet, &lo);
        assert_non_null(dl);
        for (int i = 0; i < pf.n; i++)
            stranded += pf.v[i].kind == FO_PF_STRANDED_HEADING;
        for (int p = 0; p < dl->npages; p++) {
            int body_runs = 0; /* glyph runs inside the text area (not furniture) */
            for (int i = 0; i < dl->pages[p].nitems; i++) {
                const fo_item *it = &dl->pages[p].items[i];
                body_runs += it->kind == FO_ITEM_GLYPHS && it->u.glyphs.y > 20 &&
                             it->u.glyphs.y < h - 20;
            }
            assert_true(body_runs >= 1);
        }
        fo_preflight_free(&pf);
        fo_display_free(dl);
        fo_sheet_free(sheet);
    }
    assert_int_equal(stranded, 0);
    g_string_free(md, TRUE);
}

/* A heading whose section is a single line that fits on its page is not
 * stranded, even when a forced break follows (the next chapter starts a
 * page); a heading that really sits alone at a page foot still is.  Swept
 * over page heights so the short section meets the page foot. */
static void test_single_line_section_not_stranded(void **state)
{
    GString *md = g_string_new("# Title\n\n");
    for (int i = 0; i < 8; i++)
        g_string_append_printf(md, "Filler paragraph number %d with some words in it.\n\n", i);
    g_string_append(md, "## Short section\n\nOne line.\n\n# Next chapter\n\nMore text.\n\n"
                        "And more.\n");
    int false_pos = 0, runs = 0;
    for (int h = 200; h <= 420; h += 4) {
        char css[160];
        snprintf(css, sizeof css,
                 "@page { size: 300pt %dpt; margin: 20pt } h1 { break-before: page }", h);
        fo_sheet *sheet = sheet_of(css);
        fo_preflight pf = {0};
        fo_layout_options lo = {.preflight = &pf};
        fo_display *dl = typeset(md->str, md->len, "t.md", sheet, &lo);
        assert_non_null(dl);
        for (int i = 0; i < pf.n; i++)
            false_pos += pf.v[i].kind == FO_PF_STRANDED_HEADING && pf.v[i].line == 19;
        runs++;
        fo_preflight_free(&pf);
        fo_display_free(dl);
        fo_sheet_free(sheet);
    }
    assert_true(runs > 40);
    assert_int_equal(false_pos, 0);
    g_string_free(md, TRUE);

    /* still reported: a heading followed by a forced break before its text */
    const char *alone = "# Title\n\n## Alone\n\n```\ncode 1\ncode 2\n```\n";
    fo_sheet *sheet = sheet_of("pre { break-before: page }");
    fo_preflight pf = {0};
    fo_layout_options lo = {.preflight = &pf};
    fo_display *dl = typeset(alone, strlen(alone), "t.md", sheet, &lo);
    assert_non_null(dl);
    int stranded = 0;
    for (int i = 0; i < pf.n; i++)
        stranded += pf.v[i].kind == FO_PF_STRANDED_HEADING && pf.v[i].line == 3;
    assert_int_equal(dl->npages, 2);
    assert_int_equal(stranded, 1);
    fo_preflight_free(&pf);
    fo_display_free(dl);
    fo_sheet_free(sheet);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_within_measure),
        cmocka_unit_test(test_long_words_break),
        cmocka_unit_test(test_justify_spaces_only),
        cmocka_unit_test(test_rtl_word_order),
        cmocka_unit_test(test_soft_hyphen),
        cmocka_unit_test(test_dir_rtl),
        cmocka_unit_test(test_single_line_section_not_stranded),
        cmocka_unit_test(test_notdef_box),
        cmocka_unit_test(test_preflight),
        cmocka_unit_test(test_heading_keeps_two_lines),
    };
    return cmocka_run_group_tests_name("typeset", tests, setup, teardown);
}
