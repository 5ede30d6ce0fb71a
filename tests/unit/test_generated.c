/* test_generated.c — generated content in the laid-out display list:
 * ::before/::after with counters (numbered headings), string-set and
 * string(), page-margin boxes with counter(page)/counter(pages) and
 * @page :first/:left/:right, list markers from list-style-type and
 * li::marker, var(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    return fo_fonts_new("fonts", &fonts, &d) == FO_OK ? 0 : -1;
}

static int teardown(void **state)
{
    fo_fonts_free(fonts);
    return 0;
}

static fo_display *typeset(const char *md, const char *css, fo_diag *d)
{
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, d), FO_OK);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    return dl;
}

/* The distinct source texts of the glyph runs of page `pn` in a band
 * [y0, y1) pt from the top, joined with '|'.  Caller g_free's. */
static char *texts(const fo_display *dl, int pn, double y0, double y1)
{
    GString *g = g_string_new(NULL);
    const char *last = NULL;
    double last_y = -1;
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS || it->u.glyphs.y < y0 || it->u.glyphs.y >= y1)
            continue;
        if (last == it->u.glyphs.text)
            continue;
        last = it->u.glyphs.text;
        /* runs on one baseline join directly; a new baseline adds '|' */
        g_string_append_printf(g, "%s%.*s", g->len && it->u.glyphs.y != last_y ? "|" : "",
                               it->u.glyphs.text_len, it->u.glyphs.text);
        last_y = it->u.glyphs.y;
    }
    return g_string_free(g, FALSE);
}

/* x of the first glyph run whose text is exactly `s` on page pn, or -1. */
static double x_of(const fo_display *dl, int pn, const char *s)
{
    const fo_page *p = &dl->pages[pn];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && (size_t)it->u.glyphs.text_len == strlen(s) &&
            memcmp(it->u.glyphs.text, s, strlen(s)) == 0)
            return it->u.glyphs.x;
    }
    return -1;
}

static void test_numbered_headings(void **state)
{
    const char *css =
        "h1 { counter-increment: chap; counter-reset: sec }"
        "h2 { counter-increment: sec }"
        "h1::before { content: counter(chap) \". \" }"
        "h2::before { content: counter(chap) \".\" counter(sec) \" \"; color: red }"
        "h2::after { content: \" (\" counter(sec, upper-roman) \")\" }";
    const char *md = "# Alpha\n\n## One\n\n## Two\n\n# Beta\n\n## Three\n\ntext\n";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md, css, &d);
    char *t = texts(dl, 0, 0, 1e9);
    assert_string_equal(t, "1. Alpha|1.1 One (I)|1.2 Two (II)|2. Beta|2.1 Three (I)|text");
    g_free(t);
    /* the ::before text is red, the heading text is not */
    const fo_page *p = &dl->pages[0];
    bool red = false, black = false;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS)
            continue;
        if (strncmp(it->u.glyphs.text, "1.1 ", 4) == 0)
            red = it->u.glyphs.color.r > 0.9 && it->u.glyphs.color.g < 0.1;
        if (strncmp(it->u.glyphs.text, "One", 3) == 0)
            black = it->u.glyphs.color.r < 0.1;
    }
    assert_true(red && black);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

static void test_margin_boxes_pages_and_strings(void **state)
{
    const char *css =
        "@page { size: A5; margin: 20mm;"
        "  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages) }"
        "  @top-left { content: string(chapter); font-size: 8pt }"
        "  @top-right { content: string(title) } }"
        "@page :first { @top-left { content: none } @top-right { content: none } }"
        "@page :left { @bottom-left { content: \"even\" } }"
        "h1 { string-set: chapter content(); break-before: page }";
    GString *md = g_string_new("---\ntitle: The Report\n---\n\n");
    for (int c = 1; c <= 3; c++) {
        g_string_append_printf(md, "# Chapter %d\n\n", c);
        for (int i = 0; i < 12; i++)
            g_string_append(md, "A paragraph long enough to take a few lines of the A5 "
                                "measure, so that every chapter fills more than a page of "
                                "text and the running head has to repeat.\n\n");
    }
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, css, &d);
    int n = dl->npages;
    assert_true(n >= 6);
    double mm = 72 / 25.4;
    int chapter = 0;
    for (int pn = 0; pn < n; pn++) {
        const fo_page *p = &dl->pages[pn];
        char want[64];
        snprintf(want, sizeof want, "Page %d of %d", pn + 1, n);
        char *foot = texts(dl, pn, p->height - 20 * mm, p->height);
        char *head = texts(dl, pn, 0, 20 * mm);
        char *body = texts(dl, pn, 20 * mm, p->height - 20 * mm);
        /* counter(pages) is right on every page, :left pages add "even" */
        assert_non_null(strstr(foot, want));
        assert_int_equal(strstr(foot, "even") != NULL, (pn + 1) % 2 == 0);
        /* the page number is right-aligned at the right margin */
        double x = x_of(dl, pn, want);
        assert_true(x > p->width / 2 && x < p->width - 20 * mm);
        const char *h = strstr(body, "Chapter ");
        if (h && h == body)
            chapter = h[8] - '0'; /* break-before: page puts each h1 first */
        if (pn == 0) {
            assert_string_equal(head, ""); /* :first has no running head */
        } else {
            char wanth[64];
            snprintf(wanth, sizeof wanth, "Chapter %d", chapter);
            assert_non_null(strstr(head, wanth));
            assert_non_null(strstr(head, "The Report"));
            assert_true(x_of(dl, pn, wanth) < x_of(dl, pn, "The Report"));
        }
        g_free(foot);
        g_free(head);
        g_free(body);
    }
    assert_int_equal(chapter, 3);
    fo_display_free(dl);
    g_string_free(md, TRUE);
    fo_diag_dispose(&d);
}

static void test_list_markers(void **state)
{
    const char *css = "ol { list-style-type: upper-roman }"
                      "ul.x li::marker { content: \"-\" }"
                      "ol ol { list-style-type: lower-alpha }"
                      "ol ol li::marker { color: #ff0000 }";
    const char *md = "1. one\n2. two\n   1. sub\n   2. sub2\n3. three\n\n- bullet\n";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md, css, &d);
    char *t = texts(dl, 0, 0, 1e9);
    assert_string_equal(t, "I.one|II.two|a.sub|b.sub2|III.three|\u2022bullet");
    g_free(t);
    const fo_page *p = &dl->pages[0];
    bool red_b = false;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && strncmp(it->u.glyphs.text, "b.", 2) == 0)
            red_b = it->u.glyphs.color.r > 0.9 && it->u.glyphs.color.g < 0.1;
    }
    assert_true(red_b);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

static void test_var_palette(void **state)
{
    const char *css = ":root { --accent: #00ff00; --gap: 30pt }"
                      "body { --ink: rgb(0, 0, 255) }"
                      "h1 { color: var(--accent); margin-left: var(--gap) }"
                      "p { color: var(--ink) }"
                      ":root { --accent: #ff0000 }";
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    fo_display *dl = typeset("# Head\n\nbody\n", css, &d);
    const fo_page *p = &dl->pages[0];
    int seen = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind != FO_ITEM_GLYPHS)
            continue;
        if (strncmp(it->u.glyphs.text, "Head", 4) == 0) {
            /* the last definition wins, even after its use */
            assert_true(it->u.glyphs.color.r > 0.99 && it->u.glyphs.color.g < 0.01);
            assert_true(it->u.glyphs.x > 72 + 29);
            seen++;
        } else if (strncmp(it->u.glyphs.text, "body", 4) == 0) {
            assert_true(it->u.glyphs.color.b > 0.99);
            seen++;
        }
    }
    assert_int_equal(seen, 2);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

/* A boxed code block: four border rectangles around the code, the text
 * inset by border + padding; a paragraph's background spans its lines. */
static void test_borders_and_backgrounds(void **state)
{
    const char *css = "@page { size: A4; margin: 72pt }"
                      "pre { border: 2pt solid #ff0000; padding: 10pt 6pt; margin: 0;"
                      "      font-family: 'DejaVu Sans Mono'; font-size: 10pt; white-space: pre }"
                      "p { background-color: #0000ff; padding: 5pt 0 }";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset("```\ncode\nmore\n```\n\npara\n", css, &d);
    const fo_page *p = &dl->pages[0];
    int red = 0, blue = 0;
    double code_x = -1, code_y = -1, top = 1e9, left = 1e9, blue_top = 1e9, blue_bottom = -1;
    double para_y = -1;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.fill.r > 0.9 && it->u.rect.fill.b < 0.1) {
            red++;
            if (it->u.rect.y < top)
                top = it->u.rect.y;
            if (it->u.rect.x < left)
                left = it->u.rect.x;
        } else if (it->kind == FO_ITEM_RECT && it->u.rect.fill.b > 0.9) {
            blue++;
            if (it->u.rect.y < blue_top)
                blue_top = it->u.rect.y;
            if (it->u.rect.y + it->u.rect.h > blue_bottom)
                blue_bottom = it->u.rect.y + it->u.rect.h;
        } else if (it->kind == FO_ITEM_GLYPHS && code_x < 0) {
            code_x = it->u.glyphs.x;
            code_y = it->u.glyphs.y;
        } else if (it->kind == FO_ITEM_GLYPHS && strncmp(it->u.glyphs.text, "para", 4) == 0) {
            para_y = it->u.glyphs.y;
        }
    }
    /* top, bottom and a left and right strip for each of the 2 lines */
    assert_true(red >= 4);
    assert_true(top >= 72 - 0.01 && top < 72 + 0.01);
    assert_true(left >= 72 - 0.01 && left < 72 + 0.01);
    assert_true(code_x > 72 + 2 + 6 - 0.01 && code_x < 72 + 2 + 6 + 0.01);
    assert_true(code_y > 72 + 2 + 10);
    /* the paragraph's background covers its line and its padding */
    assert_true(blue >= 3);
    assert_true(blue_top < para_y - 5 && blue_bottom > para_y + 5);
    fo_display_free(dl);
    /* table cells: background and a border per cell */
    dl = typeset("| a | b |\n|---|---|\n| c | d |\n",
                 "td { background-color: #0000ff; border-left: 1pt solid #ff0000 }", &d);
    p = &dl->pages[0];
    red = blue = 0;
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.fill.r > 0.9 && it->u.rect.fill.b < 0.1)
            red++;
        else if (it->kind == FO_ITEM_RECT && it->u.rect.fill.b > 0.9 && it->u.rect.fill.r < 0.1)
            blue++;
    }
    assert_int_equal(blue, 2); /* two td cells; th cells are not td */
    assert_int_equal(red, 2);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

/* The first glyph run whose text starts with `s` on page 0. */
static const fo_glyph_run *run_of(const fo_display *dl, const char *s)
{
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && strncmp(it->u.glyphs.text, s, strlen(s)) == 0)
            return &it->u.glyphs;
    }
    return NULL;
}

/* Sum of the glyph advances on the baseline y of page 0. */
static double line_width(const fo_display *dl, double y)
{
    double w = 0;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.y == y)
            for (int k = 0; k < it->u.glyphs.nglyphs; k++)
                w += it->u.glyphs.glyphs[k].advance;
    }
    return w;
}

static int count_lines(const fo_display *dl)
{
    int n = 0;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++)
        n += p->items[i].kind == FO_ITEM_LINE;
    return n;
}

static void test_text_properties(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    const char *md = "abc def\n\n# ABC\n\n## abc\n";
    fo_display *plain = typeset(md, "p { font: italic bold 12pt/2 'Noto Serif' }", &d);
    fo_display *styled = typeset(md, "p { font: italic bold 12pt/2 'Noto Serif'; letter-spacing: 2pt;"
                                     "     word-spacing: 5pt; text-decoration: underline }"
                                     "h1, h2 { font: 12pt 'Noto Serif' }"
                                     "h1 { text-transform: lowercase }", &d);
    const fo_glyph_run *a = run_of(plain, "abc"), *b = run_of(styled, "abc");
    assert_non_null(a);
    assert_non_null(b);
    /* 2pt between each of the 7 characters, 5pt more after the space */
    double wa = line_width(plain, a->y), wb = line_width(styled, b->y);
    if (!(wb > wa + 6 * 2 + 5 - 0.5)) /* Pango adds no spacing at the line ends */
        fail_msg("widths %g %g", wa, wb);
    assert_int_equal(count_lines(plain), 0);
    assert_true(count_lines(styled) >= 1); /* the underline */
    /* text-transform: lowercase shapes "ABC" as "abc": the glyphs of the plain "abc" */
    const fo_glyph_run *h = run_of(styled, "ABC"), *l = run_of(styled, "abc\0");
    assert_non_null(h);
    const fo_page *p = &styled->pages[0];
    for (int i = 0; i < p->nitems; i++) /* the h2's run: the last "abc" */
        if (p->items[i].kind == FO_ITEM_GLYPHS && strncmp(p->items[i].u.glyphs.text, "abc", 3) == 0)
            l = &p->items[i].u.glyphs;
    assert_true(l != b);
    for (int i = 0; i < 3; i++)
        assert_int_equal(h->glyphs[i].gid, l->glyphs[i].gid);
    fo_display_free(plain);
    fo_display_free(styled);
    fo_diag_dispose(&d);
}

/* @font-face: a TrueType file under a new family name is used by layout;
 * a file that is not a font, a missing file and a CFF font are errors
 * naming the file at the rule's position. */
static void test_font_face(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    d.capture = true;
    const char *css = "@font-face { font-family: 'Brand Mono'; font-weight: bold;"
                      "  src: url(fonts/DejaVuSansMono.ttf) format('truetype') }"
                      "p { font-family: 'Brand Mono', serif; font-weight: bold }";
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    fo_fonts *own = NULL;
    assert_int_equal(fo_fonts_new("fonts", &own, &d), FO_OK);
    assert_int_equal(fo_doc_parse("text", 4, "t.md", &doc, &d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", true, &sheet, &d), FO_OK);
    const fo_font_face *ff;
    assert_int_equal(fo_sheet_font_faces(sheet, &ff), 1);
    assert_string_equal(ff[0].family, "Brand Mono");
    assert_string_equal(ff[0].path, "fonts/DejaVuSansMono.ttf");
    assert_int_equal(ff[0].weight, 700);
    assert_int_equal(fo_fonts_add_face(own, ff[0].path, ff[0].family, ff[0].weight, false,
                                       ff[0].sheet, ff[0].line, ff[0].col, &d), FO_OK);
    assert_int_equal(fo_layout_document(doc, sheet, own, NULL, &dl, &d), FO_OK);
    const fo_glyph_run *r = run_of(dl, "text");
    assert_non_null(r);
    assert_non_null(strstr(dl->faces[r->face].path, "DejaVuSansMono.ttf"));
    fo_display_free(dl);
    fo_sheet_free(sheet);
    fo_doc_free(doc);

    /* a CFF-flavoured sfnt: 'OTTO', one table 'CFF ' */
    char cff[] = "/tmp/folio-cff-XXXXXX";
    int fd = mkstemp(cff);
    assert_true(fd >= 0);
    static const unsigned char sfnt[] = {
        'O', 'T', 'T', 'O', 0, 1, 0, 16, 0, 0, 0, 0,
        'C', 'F', 'F', ' ', 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 4,
        1, 0, 4, 1,
    };
    assert_int_equal(write(fd, sfnt, sizeof sfnt), (ssize_t)sizeof sfnt);
    close(fd);
    assert_int_equal(fo_fonts_add_face(own, cff, "X", 400, false, "t.css", 3, 7, &d), FO_ERR_FONT);
    char want[128];
    snprintf(want, sizeof want, "t.css:3:7: error: @font-face: cannot embed %s: it has CFF outlines", cff);
    assert_non_null(strstr(d.captured, want));
    remove(cff);
    assert_int_equal(fo_fonts_add_face(own, "tests/unit/test_generated.c", "X", 400, false,
                                       "t.css", 4, 1, &d), FO_ERR_FONT);
    assert_non_null(strstr(d.captured, "t.css:4:1: error: @font-face: tests/unit/test_generated.c is not"));
    assert_int_equal(fo_fonts_add_face(own, "no/such.ttf", "X", 400, false, "t.css", 5, 1, &d),
                     FO_ERR_FONT);
    assert_non_null(strstr(d.captured, "t.css:5:1: error: @font-face: cannot read font file no/such.ttf"));
    fo_fonts_free(own);
    fo_diag_dispose(&d);
}

/* string-set on the title block; string() of a front-matter key; a
 * counter never reset; ::after with string(). */
static void test_strings_from_front_matter(void **state)
{
    const char *css = "@page { @top-center { content: string(head) \" \" string(client) } }"
                      ".subtitle { string-set: head \"[\" content() \"]\" }"
                      "p::after { content: \" \" counter(never) string(client) }";
    const char *md = "---\ntitle: T\nsubtitle: Sub\nclient: ACME Corp\n---\n\nbody\n";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md, css, &d);
    char *head = texts(dl, 0, 0, 72);
    assert_string_equal(head, "[Sub] ACME Corp");
    g_free(head);
    char *body = texts(dl, 0, 72, dl->pages[0].height - 72);
    assert_non_null(strstr(body, "body 0ACME Corp"));
    g_free(body);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

/* counters() over nested lists: each ol's reset makes a nested instance
 * that ends with the ol's parent (CSS Lists 3 §4.3). */
static void test_nested_counters(void **state)
{
    const char *css = "ol { counter-reset: item } li { counter-increment: item }"
                      "li::marker { content: counters(item, \".\") \")\" }";
    const char *md = "1. a\n2. b\n   1. c\n   2. d\n      1. e\n3. f\n\n"
                     "para\n\n1. g\n";
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md, css, &d);
    char *t = texts(dl, 0, 0, 1e9);
    assert_string_equal(t, "1)a|2)b|2.1)c|2.2)d|2.2.1)e|3)f|para|1)g");
    g_free(t);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* A shaded block quote of many paragraphs: its background has no gap
 * between paragraphs or above the bottom padding, and where it breaks
 * across pages it never reaches into the top margin. */
static void test_background_continuous(void **state)
{
    const char *css = "@page { size: 300pt 300pt; margin: 50pt }"
                      "blockquote { background-color: #0000ff; padding: 6pt; margin: 0 }"
                      "p { margin: 0 0 8pt }";
    GString *md = g_string_new(NULL);
    for (int i = 0; i < 30; i++)
        g_string_append(md, "> A paragraph of a long quotation.\n>\n");
    fo_diag d;
    fo_diag_init(&d);
    fo_display *dl = typeset(md->str, css, &d);
    assert_true(dl->npages >= 2);
    for (int pn = 0; pn < dl->npages; pn++) {
        const fo_page *p = &dl->pages[pn];
        double iv[2048][2];
        int n = 0;
        for (int i = 0; i < p->nitems && n < 2048; i++) {
            const fo_item *it = &p->items[i];
            if (it->kind == FO_ITEM_RECT && it->u.rect.fill.b > 0.9 && it->u.rect.fill.r < 0.1) {
                assert_true(it->u.rect.y >= 50 - 1e-6); /* never in the top margin */
                iv[n][0] = it->u.rect.y;
                iv[n][1] = it->u.rect.y + it->u.rect.h;
                n++;
            }
        }
        assert_true(n > 0);
        qsort(iv, (size_t)n, sizeof iv[0], cmp_double);
        double reach = iv[0][1];
        for (int k = 1; k < n; k++) {
            if (iv[k][0] > reach + 1e-6)
                fail_msg("page %d: gap in the background from %g to %g", pn + 1, reach, iv[k][0]);
            if (iv[k][1] > reach)
                reach = iv[k][1];
        }
    }
    fo_display_free(dl);
    g_string_free(md, TRUE);
    fo_diag_dispose(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbered_headings),
        cmocka_unit_test(test_margin_boxes_pages_and_strings),
        cmocka_unit_test(test_list_markers),
        cmocka_unit_test(test_var_palette),
        cmocka_unit_test(test_borders_and_backgrounds),
        cmocka_unit_test(test_text_properties),
        cmocka_unit_test(test_font_face),
        cmocka_unit_test(test_strings_from_front_matter),
        cmocka_unit_test(test_nested_counters),
        cmocka_unit_test(test_background_continuous),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
