/* test_pagekind.c — @page margins per page kind (CSS Paged Media 3 §4.1
 * :first, :left, :right; §4.2 the cascade by page-selector specificity):
 * the style cascade (fo_sheet_page_for), the paginator's per-page height
 * (fo_paginate_pages) and the laid-out pages (a deeper first page,
 * mirrored margins with a gutter, margin boxes following each page). */
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
#include "layout/paginate.h"
#include "style/style.h"
#include "text/fonts.h"

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

static fo_sheet *sheet_of(const char *css, fo_diag *d)
{
    fo_diag_init(d);
    d->out = NULL;
    d->capture = true;
    fo_sheet *s = NULL;
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &s, d), FO_OK);
    return s;
}

static const char *captured(const fo_diag *d)
{
    return d->captured ? d->captured : "";
}

/* ---- the cascade ------------------------------------------------------- */

static void test_cascade_by_specificity(void **state)
{
    fo_diag d;
    /* :first before :right in source order, and still winning on page 1 */
    fo_sheet *s = sheet_of("@page :first { margin-top: 200pt }\n"
                           "@page :right { margin-top: 100pt; margin-left: 60pt }\n"
                           "@page :left { margin-left: 80pt; margin-right: 20pt }\n"
                           "@page { margin: 50pt }\n",
                           &d);
    assert_int_equal(d.warnings, 0);
    fo_page_style pg;
    fo_sheet_page_for(s, FO_PAGE_FIRST | FO_PAGE_RIGHT, &pg);
    NEAR_PT(pg.margin_top, 200);   /* :first (0,1,0) over :right (0,0,1) */
    NEAR_PT(pg.margin_left, 60);   /* :right over @page */
    NEAR_PT(pg.margin_right, 50);  /* @page */
    NEAR_PT(pg.margin_bottom, 50);
    fo_sheet_page_for(s, FO_PAGE_RIGHT, &pg);
    NEAR_PT(pg.margin_top, 100);
    NEAR_PT(pg.margin_left, 60);
    fo_sheet_page_for(s, FO_PAGE_LEFT, &pg);
    NEAR_PT(pg.margin_top, 50);
    NEAR_PT(pg.margin_left, 80);
    NEAR_PT(pg.margin_right, 20);
    /* the default page: only @page without selectors */
    fo_sheet_page(s, &pg);
    NEAR_PT(pg.margin_top, 50);
    NEAR_PT(pg.margin_left, 50);
    fo_sheet_page_for(s, 0, &pg);
    NEAR_PT(pg.margin_left, 50);
    /* where the left margin of left pages comes from: line 3, col 15 */
    const char *path = NULL;
    int line = 0, col = 0;
    assert_true(fo_sheet_page_hsource(s, FO_PAGE_LEFT, &path, &line, &col));
    assert_string_equal(path, "t.css");
    assert_int_equal(line, 3);
    assert_int_equal(col, 34); /* the last of the winning left/right declarations */
    assert_false(fo_sheet_page_hsource(s, 0, &path, &line, &col));
    fo_sheet_free(s);
    fo_diag_dispose(&d);

    /* :first :left style compounds add up; two :right beat one :first? no:
     * :first counts 16, :right 1 */
    s = sheet_of("@page :right:first { margin-left: 1pt } @page :first { margin-left: 2pt }"
                 "@page :right { margin-left: 3pt }", &d);
    fo_sheet_page_for(s, FO_PAGE_FIRST | FO_PAGE_RIGHT, &pg);
    NEAR_PT(pg.margin_left, 1);
    fo_sheet_page_for(s, FO_PAGE_RIGHT, &pg);
    NEAR_PT(pg.margin_left, 3);
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

static void test_cascade_important_and_percent(void **state)
{
    fo_diag d;
    fo_sheet *s = sheet_of("@page { size: 400pt 600pt; margin-top: 10pt !important }"
                           "@page :first { margin-top: 200pt; margin-bottom: 10% }"
                           "@page :right { margin-left: 9pt !important }"
                           "@page :first { margin-left: 1pt; margin: 5% }",
                           &d);
    assert_int_equal(d.warnings, 0);
    fo_page_style pg;
    fo_sheet_page_for(s, FO_PAGE_FIRST | FO_PAGE_RIGHT, &pg);
    NEAR_PT(pg.margin_top, 10);     /* !important in @page beats :first */
    NEAR_PT(pg.margin_left, 9);     /* !important in :right beats :first */
    NEAR_PT(pg.margin_bottom, 30);  /* 5% of the 600 pt height (later :first rule) */
    NEAR_PT(pg.margin_right, 20);   /* 5% of the 400 pt width */
    NEAR_PT(pg.width, 400);
    NEAR_PT(pg.height, 600);
    fo_sheet_page_for(s, FO_PAGE_LEFT, &pg);
    NEAR_PT(pg.margin_left, 72);    /* nothing for left pages: the default */
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

static void test_size_with_selectors_warns(void **state)
{
    fo_diag d;
    fo_sheet *s = sheet_of("@page :first { size: A5; margin-top: 3cm }\n"
                           "@page :left { margin-left: -1pt; margin-right: red }\n",
                           &d);
    assert_non_null(strstr(captured(&d), "t.css:1:16: warning: 'size' is only supported in "
                                         "@page without page selectors"));
    assert_non_null(strstr(captured(&d), "t.css:2:28: warning: negative page margins"));
    assert_non_null(strstr(captured(&d), "t.css:2:48: warning: invalid value 'red' for "
                                         "'margin-right'"));
    assert_int_equal(d.warnings, 3);
    fo_page_style pg;
    fo_sheet_page_for(s, FO_PAGE_FIRST | FO_PAGE_RIGHT, &pg);
    NEAR_PT(pg.width, 595.276);     /* size dropped: A4 */
    NEAR_PT(pg.margin_top, 3 * 72 / 2.54);
    fo_sheet_page_for(s, FO_PAGE_LEFT, &pg);
    NEAR_PT(pg.margin_left, 0);     /* clamped */
    NEAR_PT(pg.margin_right, 72);   /* dropped */
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

/* ---- the paginator ----------------------------------------------------- */

static double heights(void *ctx, int page)
{
    (void)ctx;
    return page == 0 ? 35 : 100;
}

static void test_paginate_per_page_height(void **state)
{
    fo_pg_box b[20];
    for (int i = 0; i < 20; i++)
        b[i] = (fo_pg_box){.height = 10, .can_break_before = true};
    int n = fo_paginate_pages(b, 20, heights, NULL, NULL, 0, 0);
    assert_int_equal(n, 3);
    for (int i = 0; i < 20; i++) {
        int want = i < 3 ? 0 : i < 13 ? 1 : 2;
        if (b[i].page != want)
            fail_msg("box %d on page %d, want %d", i, b[i].page, want);
        double h = heights(NULL, b[i].page);
        assert_true(b[i].y + b[i].height <= h + 1e-9);
    }
    /* footnotes sit at the foot of their own page's area */
    fo_pg_box note = {.height = 5};
    for (int i = 0; i < 20; i++)
        b[i] = (fo_pg_box){.height = 10, .can_break_before = true};
    b[1].note_first = 0;
    b[1].note_count = 1;
    n = fo_paginate_pages(b, 20, heights, NULL, &note, 1, 2);
    assert_int_equal(note.page, 0);
    NEAR_PT(note.y + note.height, 35);
    /* 2 × 10 + 7 (note and separator) ≤ 35 < 3 × 10 + 7 */
    assert_true(b[1].page == 0 && b[2].page == 1);
    assert_int_equal(n, 3);
}

/* ---- layout ------------------------------------------------------------ */

static fo_display *typeset_diag(const char *md, const char *css, fo_diag *d, fo_status want)
{
    fo_diag_init(d);
    d->out = NULL;
    d->capture = true;
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, d), want);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    return dl;
}

static fo_display *typeset(const char *md, const char *css)
{
    fo_diag d;
    fo_display *dl = typeset_diag(md, css, &d, FO_OK);
    if (d.warnings)
        fail_msg("warnings: %s", captured(&d));
    fo_diag_dispose(&d);
    return dl;
}

/* The glyph run on page `pn` whose text starts with `word`, or NULL. */
static const fo_glyph_run *run_of(const fo_display *dl, int pn, const char *word)
{
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (p->items[i].kind == FO_ITEM_GLYPHS && r->text_len >= (int)strlen(word) &&
            strncmp(r->text, word, strlen(word)) == 0)
            return r;
    }
    return NULL;
}

/* Extent of the body text on page `pn`: leftmost x, first and last
 * baseline, number of distinct baselines (runs starting with "w", the
 * words of long_doc). */
typedef struct extent {
    double left, top, bottom;
    int lines;
} extent;

static extent text_extent(const fo_display *dl, int pn)
{
    extent e = {1e9, 1e9, -1e9, 0};
    const fo_page *p = &dl->pages[pn];
    double last_y = -1;
    for (int i = 0; i < p->nitems; i++) {
        const fo_glyph_run *r = &p->items[i].u.glyphs;
        if (p->items[i].kind != FO_ITEM_GLYPHS || r->text_len < 1 || r->text[0] != 'w')
            continue;
        if (r->x < e.left)
            e.left = r->x;
        if (r->y < e.top)
            e.top = r->y;
        if (r->y > e.bottom)
            e.bottom = r->y;
        if (fabs(r->y - last_y) > 0.01)
            e.lines++, last_y = r->y;
    }
    return e;
}

/* Many one-line paragraphs: "w1 word", "w2 word", ... */
static char *long_doc(int n)
{
    char *md = malloc((size_t)n * 32 + 1);
    size_t k = 0;
    for (int i = 1; i <= n; i++)
        k += (size_t)sprintf(md + k, "w%d word\n\n", i);
    md[k] = 0;
    return md;
}

/* A 400 × 600 pt page with 50 pt margins: the measure is 300 pt; lines
 * 12 pt apart, no space between paragraphs. */
#define PAGE "@page { size: 400pt 600pt; margin: 50pt }" \
             "body { margin: 0; padding: 0; font-size: 10pt; line-height: 12pt; "         \
             "text-align: left; text-indent: 0 } p { margin: 0 }"

static void test_first_page_deeper(void **state)
{
    char *md = long_doc(120);
    fo_display *a = typeset(md, PAGE);
    fo_display *b = typeset(md, PAGE "@page :first { margin-top: 150pt }");
    /* page 1 starts 100 pt lower; page 2 does not move */
    NEAR_PT(run_of(b, 0, "w1 ")->y - run_of(a, 0, "w1 ")->y, 100);
    extent a1 = text_extent(a, 0), b1 = text_extent(b, 0), b2 = text_extent(b, 1);
    NEAR_PT(text_extent(a, 1).top, b2.top);
    /* pagination used the smaller height on page 1: no line in the bottom
     * margin, and 100 pt fewer lines' worth */
    assert_true(b1.top > 150 && b1.top < 150 + 12);
    if (b1.bottom > 600 - 50)
        fail_msg("last baseline on page 1 at %.2f, in the bottom margin", b1.bottom);
    assert_true(b2.bottom <= 600 - 50);
    assert_int_equal(a1.lines, 500 / 12);
    assert_int_equal(b1.lines, 400 / 12);
    assert_int_equal(b2.lines, 500 / 12);
    NEAR_PT(b1.left, 50);
    fo_display_free(a);
    fo_display_free(b);
    free(md);
}

static void test_mirrored_margins(void **state)
{
    char *md = long_doc(150);
    fo_display *dl = typeset(md, PAGE "@page :left { margin-left: 70pt; margin-right: 30pt;"
                                      "  @bottom-left { content: 'L' counter(page) } }"
                                      "@page :right { margin-left: 30pt; margin-right: 70pt;"
                                      "  @bottom-right { content: 'R' counter(page) } }"
                                      "@page { @top-left { content: 'Head' } }");
    assert_true(dl->npages >= 4);
    for (int p = 0; p < 4; p++) {
        double want = p % 2 ? 70 : 30; /* page 2, 4: left pages */
        NEAR_PT(text_extent(dl, p).left, want);
        /* margin boxes follow the page's own margins */
        NEAR_PT(run_of(dl, p, "Head")->x, want);
        if (p % 2) {
            const fo_glyph_run *r = run_of(dl, p, "L");
            assert_non_null(r);
            NEAR_PT(r->x, 70);
            assert_null(run_of(dl, p, "R"));
        } else {
            const fo_glyph_run *r = run_of(dl, p, "R");
            assert_non_null(r);
            double w = 0;
            for (int g = 0; g < r->nglyphs; g++)
                w += r->glyphs[g].advance;
            NEAR_PT(r->x + w, 400 - 70); /* right-aligned at the right margin */
        }
    }
    fo_display_free(dl);
    free(md);
}

static void test_width_differs_warns(void **state)
{
    char *md = long_doc(60);
    fo_diag d;
    fo_display *dl = typeset_diag(md, PAGE "\n@page :left { margin-left: 100pt }", &d, FO_OK);
    assert_non_null(strstr(captured(&d), "t.css:2:15: warning: the text area of left pages is "
                                         "250.0 pt wide, the default page's 300.0 pt; folio "
                                         "keeps one measure; the text area is placed at the "
                                         "left margin"));
    assert_int_equal(d.warnings, 1);
    assert_true(dl->npages >= 2);
    NEAR_PT(text_extent(dl, 0).left, 50);
    NEAR_PT(text_extent(dl, 1).left, 100);
    fo_display_free(dl);
    fo_diag_dispose(&d);

    /* a :first margin that leaves no room is an error */
    dl = typeset_diag(md, PAGE "@page :first { margin-top: 520pt }", &d, FO_ERR_STYLE);
    assert_null(dl);
    assert_non_null(strstr(captured(&d), "the @page margins of the first page leave no room"));
    fo_diag_dispose(&d);
    free(md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cascade_by_specificity),
        cmocka_unit_test(test_cascade_important_and_percent),
        cmocka_unit_test(test_size_with_selectors_warns),
        cmocka_unit_test(test_paginate_per_page_height),
        cmocka_unit_test(test_first_page_deeper),
        cmocka_unit_test(test_mirrored_margins),
        cmocka_unit_test(test_width_differs_warns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
