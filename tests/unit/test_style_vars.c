/* test_style_vars.c — custom properties cascade per element and var() is
 * substituted at computed-value time (CSS Custom Properties 1 §2, §3;
 * src/style/vars.h). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "render/display.h"
#include "style/style.h"
#include "text/fonts.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-6)

typedef struct fx {
    fo_diag diag;
    fo_sheet *sheet;
    char dir[64];
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    fo_diag_init(&f->diag);
    f->diag.out = NULL;
    f->diag.capture = true;
    strcpy(f->dir, "/tmp/folio-vars-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    fo_sheet_free(f->sheet);
    fo_diag_dispose(&f->diag);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static const char *captured(fx *f)
{
    return f->diag.captured ? f->diag.captured : "";
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static fo_status parse(fx *f, const char *css, bool strict)
{
    fo_sheet_free(f->sheet);
    f->sheet = NULL;
    return fo_sheet_parse(css, strlen(css), "v.css", strict, &f->sheet, &f->diag);
}

static void put(fx *f, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *o = fopen(path, "w");
    assert_non_null(o);
    fputs(text, o);
    fclose(o);
}

/* Computes the styles of a chain: path[0] is the root; each is "tag" or
 * "tag.class".  Returns the last element's style. */
static fo_style chain(const fo_sheet *s, int n, const char *const *path)
{
    fo_elem e[16];
    char tags[16][32];
    fo_style st[16];
    for (int i = 0; i < n; i++) {
        snprintf(tags[i], sizeof tags[i], "%s", path[i]);
        char *dot = strchr(tags[i], '.');
        if (dot)
            *dot = '\0';
        e[i] = (fo_elem){tags[i], dot ? dot + 1 : NULL, 1, i ? &e[i - 1] : NULL, NULL, 0};
        fo_style_compute(s, &e[i], i ? &st[i - 1] : NULL, &st[i]);
    }
    return st[n - 1];
}

#define CHAIN(s, ...) \
    chain((s), (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), \
          (const char *[]){__VA_ARGS__})

/* #036 and #900 */
#define IS_036(c) do { NEAR((c).r, 0); NEAR((c).g, 0x33 / 255.0); NEAR((c).b, 0x66 / 255.0); } while (0)
#define IS_900(c) do { NEAR((c).r, 0x99 / 255.0); NEAR((c).g, 0); NEAR((c).b, 0); } while (0)

/* The example: scoped values, inheritance to descendants, an
 * element resetting --accent affects only its subtree. */
static void test_scoped_accent(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ":root { --accent: #036; }\n"
                              ".toc { --accent: #900; }\n"
                              "h2, .toc a { color: var(--accent); }\n"
                              "blockquote { --rule: 2pt solid var(--accent); border-left: var(--rule); }\n"
                              ".warn { --accent: #f00 }\n",
                           true), FO_OK);
    assert_string_equal(captured(f), "");
    IS_036(CHAIN(f->sheet, "body", "h2").color);
    IS_036(CHAIN(f->sheet, "body", "div", "h2").color);
    IS_900(CHAIN(f->sheet, "body", "div.toc", "a").color);
    IS_900(CHAIN(f->sheet, "body", "div.toc", "p", "h2").color); /* inherited --accent */
    /* --rule is computed where it is declared, against that element's --accent */
    fo_style bq = CHAIN(f->sheet, "body", "blockquote");
    NEAR(bq.border_left_width, 2);
    assert_int_equal(bq.border_left_style, FO_BORDER_SOLID);
    IS_036(bq.border_left_color);
    NEAR(bq.border_top_width, 0);
    IS_900(CHAIN(f->sheet, "body", "div.toc", "blockquote").border_left_color);
    /* an element resetting --accent: only its subtree */
    fo_style w = CHAIN(f->sheet, "body", "div.toc", "p.warn", "a");
    NEAR(w.color.r, 1);
    NEAR(w.color.g, 0);
    IS_900(CHAIN(f->sheet, "body", "div.toc", "p", "a").color);
    IS_036(CHAIN(f->sheet, "body", "h2").color);
    /* elements without custom properties of their own share the parent's */
    fo_style a = CHAIN(f->sheet, "body", "div", "p");
    fo_style b = CHAIN(f->sheet, "body");
    assert_ptr_equal(a.vars, b.vars);
    assert_non_null(b.vars);
    fo_style t1 = CHAIN(f->sheet, "body", "div.toc");
    fo_style t2 = CHAIN(f->sheet, "body", "div", "div.toc");
    assert_ptr_equal(t1.vars, t2.vars); /* the same scope is built once */
    assert_ptr_not_equal(t1.vars, b.vars);
}

/* Cascade of custom properties: importance and specificity, inherit,
 * initial. */
static void test_custom_cascade(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ":root { --a: #ff0000 !important; --b: 1pt }\n"
                              "body.k { --a: #00ff00; --b: 2pt }\n"
                              "p { color: var(--a); margin-top: var(--b) }\n"
                              "p.i { --b: inherit } p.n { --b: initial; margin-top: var(--b, 9pt) }\n"
                              "em { --a: #0000ff }\n",
                           true), FO_OK);
    fo_style p = CHAIN(f->sheet, "body.k", "p");
    NEAR(p.color.r, 1);     /* !important */
    NEAR(p.margin_top, 2);  /* specificity */
    NEAR(CHAIN(f->sheet, "body", "p").margin_top, 1);
    NEAR(CHAIN(f->sheet, "body.k", "p.i").margin_top, 2);
    NEAR(CHAIN(f->sheet, "body.k", "p.n").margin_top, 9); /* guaranteed-invalid: fallback */
    NEAR(CHAIN(f->sheet, "body.k", "em", "p").color.b, 1);
}

static void test_fallback(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ".x { --tone: rgb(255, 0, 0) }\n"
                              "p { color: var(--tone, rgb(0, 255, 0)) }\n"
                              "em { color: var(--never, var(--tone, rgb(0, 0, 255))) }\n",
                           true), FO_OK);
    assert_string_equal(captured(f), ""); /* fallbacks: nothing to report */
    NEAR(CHAIN(f->sheet, "body", "p").color.g, 1);
    NEAR(CHAIN(f->sheet, "body", "div.x", "p").color.r, 1);
    NEAR(CHAIN(f->sheet, "body", "em").color.b, 1);
    NEAR(CHAIN(f->sheet, "body", "div.x", "em").color.r, 1);
    assert_string_equal(captured(f), "");
}

/* A cycle makes its members guaranteed-invalid; a property using one
 * without fallback is unset: the inherited colour stays. */
static void test_cycle_unset(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "body { color: rgb(0, 0, 255); background-color: rgb(1, 2, 3) }\n"
                              "p { --a: var(--b); --b: var(--a); color: var(--a);"
                              " background-color: var(--b) }\n"
                              "em { color: var(--a, rgb(0, 255, 0)) }\n",
                           false), FO_OK);
    assert_string_equal(captured(f), "");
    fo_style p = CHAIN(f->sheet, "body", "p");
    NEAR(p.color.b, 1); /* unset on an inherited property: inherit */
    NEAR(p.color.r, 0);
    NEAR(p.background_color.a, 0); /* unset on background-color: initial */
    assert_non_null(strstr(captured(f), "v.css:2:5: warning: custom property '--a' is part of a var() cycle"));
    assert_non_null(strstr(captured(f), "v.css:2:20: warning: custom property '--b' is part of a var() cycle"));
    assert_non_null(strstr(captured(f), "v.css:2:35: warning: custom property '--a' used in 'color' is invalid here"));
    /* the descendant inherits the guaranteed-invalid value: its fallback applies */
    NEAR(CHAIN(f->sheet, "body", "p", "em").color.g, 1);
    /* warned once per declaration */
    CHAIN(f->sheet, "body", "div", "p");
    assert_int_equal(count(captured(f), "part of a var() cycle"), 2);
    assert_int_equal(count(captured(f), "used in 'color'"), 1);
    /* a cycle member is invalid even when its var() has a fallback */
    assert_int_equal(parse(f, "p { --a: var(--b, rgb(255, 0, 0)); --b: var(--a);"
                              " color: var(--a, rgb(0, 255, 0)) }", false), FO_OK);
    fo_style q = CHAIN(f->sheet, "body", "p");
    NEAR(q.color.g, 1);
    NEAR(q.color.r, 0);
}

/* Invalid after substitution: unset (not "dropped": a lower declaration
 * does not come back), one warning at the declaration's line:col. */
static void test_invalid_after_substitution(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "body { color: rgb(0, 0, 255) }\n"
                              ":root { --len: 7pt; --c: rgb(255, 0, 0) }\n"
                              ".red { --len: rgb(255, 0, 0) }\n"
                              "p { margin-left: 3pt; color: rgb(0, 255, 0) }\n"
                              "p {\n  margin-left: var(--c);\n    color: var(--len) }\n",
                           false), FO_OK);
    assert_string_equal(captured(f), "");
    fo_style p = CHAIN(f->sheet, "body", "p");
    NEAR(p.margin_left, 0); /* initial, not the 3pt of the earlier rule */
    NEAR(p.color.b, 1);     /* inherited */
    NEAR(p.color.g, 0);
    assert_int_equal(count(captured(f), "v.css:6:3: warning: invalid value for 'margin-left' after var() substitution"), 1);
    assert_int_equal(count(captured(f), "v.css:7:5: warning: invalid value for 'color' after var() substitution"), 1);
    /* a scope where --len is a colour: valid there */
    fo_style r = CHAIN(f->sheet, "body", "div.red", "p");
    NEAR(r.color.r, 1);
    CHAIN(f->sheet, "body", "div", "p");
    CHAIN(f->sheet, "body", "div.red", "div", "p");
    assert_int_equal(count(captured(f), "after var() substitution"), 2);
    assert_int_equal(f->diag.errors, 0);
    /* --strict: the same problem is an error (the caller fails) */
    assert_int_equal(parse(f, ":root { --len: 7pt } p { color: var(--len) }", true), FO_OK);
    CHAIN(f->sheet, "body", "p");
    assert_int_equal(f->diag.errors, 1);
    assert_non_null(strstr(captured(f), "v.css:1:26: error: invalid value for 'color'"));
    /* font sizes from var() are clamped as written ones are */
    assert_int_equal(parse(f, ":root { --s: 0pt } p { font-size: var(--s) }", false), FO_OK);
    NEAR(CHAIN(f->sheet, "body", "p").font_size, 1);
    assert_non_null(strstr(captured(f), "v.css:1:24: warning: font-size 0pt is out of range; clamped to 1pt"));
    /* a name no rule defines is reported when the sheet is read */
    assert_int_equal(parse(f, "p { color: var(--x) }", true), FO_ERR_STYLE);
}

/* The user sheet and an importing sheet override a palette. */
static void test_user_and_import_override(void **state)
{
    fx *f = *state;
    put(f, "base.css", ":root { --accent: rgb(255, 0, 0); --gap: 3pt }\n"
                       "h1 { color: var(--accent); margin-top: var(--gap) }\n");
    put(f, "house.css", "@import \"base.css\";\n:root { --gap: 5pt }\n");
    put(f, "user.css", ":root { --accent: rgb(0, 128, 0) }\n");
    char path[256];
    snprintf(path, sizeof path, "%s/house.css", f->dir);
    assert_int_equal(fo_sheet_load(path, true, NULL, NULL, &f->sheet, &f->diag), FO_OK);
    fo_style h = CHAIN(f->sheet, "body", "h1");
    NEAR(h.color.r, 1);
    NEAR(h.margin_top, 5);
    snprintf(path, sizeof path, "%s/user.css", f->dir);
    assert_int_equal(fo_sheet_add_user(f->sheet, path, true, NULL, NULL, &f->diag), FO_OK);
    h = CHAIN(f->sheet, "body", "h1");
    NEAR(h.color.r, 0);
    NEAR(h.color.g, 128.0 / 255);
    NEAR(h.margin_top, 5);
    assert_string_equal(captured(f), "");
}

static void test_shorthand(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ":root { --b: 1.5pt dashed rgb(0, 0, 255); --m: 4pt 8pt }\n"
                              "p { border: var(--b); margin: var(--m) }\n"
                              "pre { margin: 1pt; padding: 2pt; border-top: 3pt solid red }\n"
                              "pre { margin: var(--b); border-top: 1pt var(--m) }\n",
                           false), FO_OK);
    fo_style p = CHAIN(f->sheet, "body", "p");
    NEAR(p.border_top_width, 1.5);
    NEAR(p.border_left_width, 1.5);
    assert_int_equal(p.border_bottom_style, FO_BORDER_DASHED);
    NEAR(p.border_right_color.b, 1);
    NEAR(p.margin_top, 4);
    NEAR(p.margin_right, 8);
    NEAR(p.margin_bottom, 4);
    NEAR(p.margin_left, 8);
    /* invalid after substitution: every longhand of the shorthand unset */
    fo_style pre = CHAIN(f->sheet, "body", "pre");
    NEAR(pre.margin_top, 0);
    NEAR(pre.margin_left, 0);
    NEAR(pre.padding_top, 2);
    NEAR(pre.border_top_width, 0);
    assert_int_equal(pre.border_top_style, FO_BORDER_NONE);
    assert_int_equal(count(captured(f), "invalid value for 'margin' after var()"), 1);
    assert_int_equal(count(captured(f), "invalid value for 'border-top' after var()"), 1);
}

static void test_margin_boxes_and_pseudo(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ":root { --brand: rgb(255, 0, 0); --label: \"Draft\" }\n"
                              "body.alt { --label: \"Final\" }\n"
                              "@page { --size: 9pt; @top-center { content: var(--label);"
                              " color: var(--brand); font-size: var(--size) } }\n"
                              "@page :first { @top-center { font-size: var(--nope-here, 14pt) } }\n"
                              "h2::before { content: var(--label) \" \" }\n"
                              ".toc { --label: \"TOC\" }\n",
                           true), FO_OK);
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_style root, mb;
    fo_style_compute(f->sheet, &body, NULL, &root);
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_RIGHT, FO_MB_TOP_CENTER, &root, &mb));
    assert_string_equal(mb.content->items[0].text, "Draft");
    NEAR(mb.color.r, 1);
    NEAR(mb.font_size, 9);
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_FIRST, FO_MB_TOP_CENTER, &root, &mb));
    NEAR(mb.font_size, 14);
    /* the page context inherits the root's custom properties */
    fo_elem alt = {"body", "alt", 1, NULL, NULL, 0};
    fo_style_compute(f->sheet, &alt, NULL, &root);
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_RIGHT, FO_MB_TOP_CENTER, &root, &mb));
    assert_string_equal(mb.content->items[0].text, "Final");
    /* pseudo-elements inherit their element's */
    fo_elem toc = {"div", "toc", 1, &body, NULL, 0};
    fo_elem h2 = {"h2", NULL, 1, &toc, NULL, 0};
    fo_style sb, st, sh, ps;
    fo_style_compute(f->sheet, &body, NULL, &sb);
    fo_style_compute(f->sheet, &toc, &sb, &st);
    fo_style_compute(f->sheet, &h2, &st, &sh);
    fo_style_compute_pseudo(f->sheet, &h2, FO_PSEUDO_BEFORE, &sh, &ps);
    assert_non_null(ps.content);
    assert_string_equal(ps.content->items[0].text, "TOC");
    fo_elem h2b = {"h2", NULL, 1, &body, NULL, 0};
    fo_style_compute(f->sheet, &h2b, &sb, &sh);
    fo_style_compute_pseudo(f->sheet, &h2b, FO_PSEUDO_BEFORE, &sh, &ps);
    assert_string_equal(ps.content->items[0].text, "Draft");
    assert_string_equal(captured(f), "");
}

/* A chain of FO_VAR_MAX_DEPTH (16) custom properties resolves; one more
 * is invalid. */
static void test_deep_chain(void **state)
{
    fx *f = *state;
    char css[4096];
    size_t n = 0;
    n += (size_t)snprintf(css + n, sizeof css - n, ":root { --v16: var(--v15); --v0: 3pt;");
    for (int i = 1; i < 16; i++)
        n += (size_t)snprintf(css + n, sizeof css - n, " --v%d: var(--v%d);", i, i - 1);
    n += (size_t)snprintf(css + n, sizeof css - n,
                          " }\np { margin-top: var(--v15) }\nh1 { margin-top: var(--v16) }\n");
    /* the same chain built one level per element */
    n += (size_t)snprintf(css + n, sizeof css - n, "div { --d0: 2pt }\n");
    for (int i = 1; i < 16; i++)
        n += (size_t)snprintf(css + n, sizeof css - n, ".l%d { --d%d: var(--d%d) }\n", i, i,
                              i - 1);
    n += (size_t)snprintf(css + n, sizeof css - n, "em { margin-top: var(--d15, 1pt) }\n");
    assert_int_equal(parse(f, css, false), FO_OK);
    NEAR(CHAIN(f->sheet, "body", "p").margin_top, 3);
    NEAR(CHAIN(f->sheet, "body", "h1").margin_top, 0);
    assert_non_null(strstr(captured(f), "v.css:1:9: warning: var() nested too deeply in '--v16'"));
    assert_non_null(strstr(captured(f), "'--v16' used in 'margin-top' is invalid here"));
    fo_elem e[18];
    fo_style st[18];
    char cls[18][16];
    e[0] = (fo_elem){"body", NULL, 1, NULL, NULL, 0};
    fo_style_compute(f->sheet, &e[0], NULL, &st[0]);
    e[1] = (fo_elem){"div", NULL, 1, &e[0], NULL, 0};
    fo_style_compute(f->sheet, &e[1], &st[0], &st[1]);
    for (int i = 1; i < 16; i++) {
        snprintf(cls[i], sizeof cls[i], "l%d", i);
        e[i + 1] = (fo_elem){"span", cls[i], 1, &e[i], NULL, 0};
        fo_style_compute(f->sheet, &e[i + 1], &st[i], &st[i + 1]);
    }
    fo_elem em = {"em", NULL, 1, &e[16], NULL, 0};
    fo_style se;
    fo_style_compute(f->sheet, &em, &st[16], &se);
    NEAR(se.margin_top, 2);
}

/* Substitution cannot blow up: a value quadrupling at each of 10 levels
 * (4^10 tokens) is refused, not computed. */
static void test_expansion_limit(void **state)
{
    fx *f = *state;
    char css[4096];
    size_t n = (size_t)snprintf(css, sizeof css, ":root { --x0: 1pt;");
    for (int i = 1; i < 10; i++)
        n += (size_t)snprintf(css + n, sizeof css - n,
                              " --x%d: var(--x%d)var(--x%d)var(--x%d)var(--x%d);", i, i - 1,
                              i - 1, i - 1, i - 1);
    snprintf(css + n, sizeof css - n, " } p { margin-top: var(--x9) }");
    assert_int_equal(parse(f, css, false), FO_OK);
    fo_style p = CHAIN(f->sheet, "body", "p");
    NEAR(p.margin_top, 0);
    assert_non_null(strstr(captured(f), "is too large"));
}

/* The scoped values reach the laid-out page: the colour of each glyph run,
 * and the border drawn for the quotation. */
static const fo_glyph_run *run_of(const fo_display *dl, const char *s)
{
    for (int pn = 0; pn < dl->npages; pn++) {
        const fo_page *p = &dl->pages[pn];
        for (int i = 0; i < p->nitems; i++) {
            const fo_item *it = &p->items[i];
            if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.text_len >= (int)strlen(s) &&
                memcmp(it->u.glyphs.text, s, strlen(s)) == 0)
                return &it->u.glyphs;
        }
    }
    return NULL;
}

static void test_display_list(void **state)
{
    fx *f = *state;
    fo_fonts *fonts = NULL;
    assert_int_equal(fo_fonts_new("fonts", &fonts, &f->diag), FO_OK);
    const char *md = "Plain words.\n\n> Quoted words.\n\nAfter words.\n";
    const char *css = ":root { --ink: rgb(0, 0, 255) }\n"
                      "blockquote { --ink: rgb(255, 0, 0); border-left: 3pt solid var(--ink) }\n"
                      "p { color: var(--ink) }\n";
    fo_doc *doc = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, &f->diag), FO_OK);
    assert_int_equal(parse(f, css, true), FO_OK);
    assert_int_equal(fo_layout_document(doc, f->sheet, fonts, NULL, &dl, &f->diag), FO_OK);
    const fo_glyph_run *a = run_of(dl, "Plain"), *q = run_of(dl, "Quoted"),
                       *z = run_of(dl, "After");
    assert_non_null(a);
    assert_non_null(q);
    assert_non_null(z);
    NEAR(a->color.b, 1);
    NEAR(q->color.r, 1);
    NEAR(q->color.b, 0);
    NEAR(z->color.b, 1);
    /* the quotation's left border, in its own --ink */
    bool border = false;
    const fo_page *p = &dl->pages[0];
    for (int i = 0; i < p->nitems; i++) {
        const fo_item *it = &p->items[i];
        if (it->kind == FO_ITEM_RECT && it->u.rect.fill.a > 0 && it->u.rect.fill.r > 0.99 &&
            fabs(it->u.rect.w - 3) < 1e-3)
            border = true;
    }
    assert_true(border);
    assert_string_equal(captured(f), "");
    fo_display_free(dl);
    fo_doc_free(doc);
    fo_fonts_free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scoped_accent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_custom_cascade, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cycle_unset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_after_substitution, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_and_import_override, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shorthand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_margin_boxes_and_pseudo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expansion_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_display_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
