/* test_style_ext.c — the extended style language: @import, the user
 * origin, var(), generated content, @page selectors and margin boxes. */
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

#include "style/style.h"

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
    strcpy(f->dir, "/tmp/folio-style-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static void rm_rf(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int teardown(void **state)
{
    fx *f = *state;
    fo_sheet_free(f->sheet);
    fo_diag_dispose(&f->diag);
    rm_rf(f->dir);
    free(f);
    return 0;
}

static const char *captured(fx *f)
{
    return f->diag.captured ? f->diag.captured : "";
}

/* Writes `text` to DIR/name (creating DIR/sub when name has a slash). */
static void put(fx *f, const char *name, const char *text)
{
    char path[256];
    const char *slash = strrchr(name, '/');
    if (slash) {
        snprintf(path, sizeof path, "%s/%.*s", f->dir, (int)(slash - name), name);
        mkdir(path, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *o = fopen(path, "w");
    assert_non_null(o);
    fputs(text, o);
    fclose(o);
}

static fo_status load(fx *f, const char *name, bool strict)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    fo_sheet_free(f->sheet);
    f->sheet = NULL;
    return fo_sheet_load(path, strict, NULL, NULL, &f->sheet, &f->diag);
}

/* Style of `tag` (child of body, optional classes). */
static fo_style style_of(const fo_sheet *s, const char *tag, const char *cls)
{
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_elem e = {tag, cls, 1, &body, NULL, 0};
    fo_style root, out;
    fo_style_compute(s, &body, NULL, &root);
    fo_style_compute(s, &e, &root, &out);
    return out;
}

/* ---- @import ----------------------------------------------------------- */

static void test_import_order_and_relative(void **state)
{
    fx *f = *state;
    put(f, "base/base.css", "p { color: red; font-weight: bold }\n"
                            "@page { size: letter }\n");
    put(f, "house.css", "@charset \"utf-8\";\n@import \"base/base.css\";\n"
                        "p { color: blue }\n");
    assert_int_equal(load(f, "house.css", true), FO_OK);
    fo_style s = style_of(f->sheet, "p", NULL);
    NEAR(s.color.b, 1);  /* the importing sheet's later rule wins */
    NEAR(s.color.r, 0);
    assert_int_equal(s.font_weight, 700); /* the imported rule applies */
    fo_page_style pg;
    fo_sheet_page(f->sheet, &pg);
    NEAR(pg.width, 612);
    NEAR(pg.height, 792);
    /* url() form, nested relative to the imported sheet */
    put(f, "base/inner.css", "em { font-weight: 300 }\n");
    put(f, "base/mid.css", "@import url(inner.css);\n");
    put(f, "h2.css", "@import url(\"base/mid.css\");\n");
    assert_int_equal(load(f, "h2.css", true), FO_OK);
    assert_int_equal(style_of(f->sheet, "em", NULL).font_weight, 300);
}

static void test_import_cycle(void **state)
{
    fx *f = *state;
    put(f, "a.css", "@import \"b.css\";\np { color: red }\n");
    put(f, "b.css", "@import \"a.css\";\np { font-weight: bold }\n");
    assert_int_equal(load(f, "a.css", false), FO_OK);
    assert_non_null(strstr(captured(f), "b.css:1:9: warning: @import cycle"));
    fo_style s = style_of(f->sheet, "p", NULL);
    NEAR(s.color.r, 1);
    assert_int_equal(s.font_weight, 700);
    /* self-import; strict makes the cycle an error */
    put(f, "self.css", "@import 'self.css';");
    assert_int_equal(load(f, "self.css", true), FO_ERR_STYLE);
    assert_non_null(strstr(captured(f), "self.css:1:9: error: @import cycle"));
}

static void test_import_missing(void **state)
{
    fx *f = *state;
    put(f, "m.css", "/* x */\n\n  @import \"nope.css\";\np { color: red }\n");
    assert_int_equal(load(f, "m.css", false), FO_ERR_STYLE);
    assert_null(f->sheet);
    assert_non_null(strstr(captured(f), "m.css:3:11: error: cannot import"));
    assert_non_null(strstr(captured(f), "nope.css: No such file"));
}

static void test_import_misplaced(void **state)
{
    fx *f = *state;
    put(f, "x.css", "p { color: red }\n");
    put(f, "late.css", "p { font-weight: bold }\n@import \"x.css\";\n");
    assert_int_equal(load(f, "late.css", false), FO_OK);
    assert_non_null(strstr(captured(f), "late.css:2:1: warning: @import after other rules"));
    NEAR(style_of(f->sheet, "p", NULL).color.r, 0);
    put(f, "empty.css", "\n @import;\n@import \"x.css\" print;\n");
    assert_int_equal(load(f, "empty.css", false), FO_OK);
    assert_non_null(strstr(captured(f), "empty.css:2:2: warning: @import needs a file name"));
    assert_non_null(strstr(captured(f), "empty.css:3:17: warning: media queries"));
}

/* A bare file name not found beside the importing sheet is read from the
 * library folder (folio's styles/); a file beside the sheet wins; a path
 * with a slash is never looked up there. */
static void test_import_library(void **state)
{
    fx *f = *state;
    put(f, "lib/base.css", "p { color: rgb(0, 0, 255) }\n");
    put(f, "house/h.css", "@import \"base.css\";\np { font-weight: 700 }\n");
    char lib[256], path[256];
    snprintf(lib, sizeof lib, "%s/lib", f->dir);
    snprintf(path, sizeof path, "%s/house/h.css", f->dir);
    /* without a library: the import is an error */
    assert_int_equal(fo_sheet_load(path, false, NULL, NULL, &f->sheet, &f->diag), FO_ERR_STYLE);
    assert_non_null(strstr(captured(f), "h.css:1:9: error: cannot import"));
    assert_int_equal(fo_sheet_load(path, false, NULL, lib, &f->sheet, &f->diag), FO_OK);
    fo_style s = style_of(f->sheet, "p", NULL);
    NEAR(s.color.b, 1);
    assert_int_equal(s.font_weight, 700);
    fo_sheet_free(f->sheet);
    f->sheet = NULL;
    /* one beside the sheet comes first */
    put(f, "house/base.css", "p { color: rgb(255, 0, 0) }\n");
    assert_int_equal(fo_sheet_load(path, false, NULL, lib, &f->sheet, &f->diag), FO_OK);
    NEAR(style_of(f->sheet, "p", NULL).color.r, 1);
    fo_sheet_free(f->sheet);
    f->sheet = NULL;
    /* a path with a folder is relative to the sheet only */
    put(f, "house/h2.css", "@import \"sub/base.css\";\n");
    put(f, "lib/sub/base.css", "p { color: rgb(0, 255, 0) }\n");
    snprintf(path, sizeof path, "%s/house/h2.css", f->dir);
    assert_int_equal(fo_sheet_load(path, false, NULL, lib, &f->sheet, &f->diag), FO_ERR_STYLE);
}

/* ---- origins ------------------------------------------------------------ */

static void test_user_origin(void **state)
{
    fx *f = *state;
    put(f, "house.css", "body p.x { color: red !important; font-weight: bold }\n"
                        "p { font-variant: small-caps !important }\n"
                        "@page { size: A4 }");
    put(f, "user.css", "p { color: green !important; font-style: italic }\n"
                       "p.x { font-variant: normal }\n"
                       "* { font-weight: 300 }\n@page { size: letter }");
    assert_int_equal(load(f, "house.css", true), FO_OK);
    char path[256];
    snprintf(path, sizeof path, "%s/user.css", f->dir);
    assert_int_equal(fo_sheet_add_user(f->sheet, path, true, NULL, NULL, &f->diag), FO_OK);
    fo_style s = style_of(f->sheet, "p", "x");
    NEAR(s.color.g, 128.0 / 255); /* user beats house despite specificity */
    assert_int_equal(s.font_style, FO_FONT_ITALIC);
    assert_int_equal(s.font_weight, 300);
    assert_true(s.small_caps); /* house !important beats user normal (§6.1: importance before origin) */
    fo_page_style pg;
    fo_sheet_page(f->sheet, &pg);
    NEAR(pg.width, 612);
    snprintf(path, sizeof path, "%s/none.css", f->dir);
    assert_int_equal(fo_sheet_add_user(f->sheet, path, true, NULL, NULL, &f->diag), FO_ERR_IO);
}

/* ---- var() and :root ---------------------------------------------------- */

static fo_status parse(fx *f, const char *css, bool strict)
{
    fo_sheet_free(f->sheet);
    f->sheet = NULL;
    return fo_sheet_parse(css, strlen(css), "v.css", strict, &f->sheet, &f->diag);
}

static void test_var(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, ":root { --c: #0000ff; --m: 7pt; --m2: var(--m) }\n"
                              "p { color: var(--c); margin: var(--m2) 0 }\n"
                              "em { color: var(--nope, rgb(255, 0, 0)) }\n"
                              "h1 { color: var(--nope) }\n"
                              "h2 { --a: var(--b); --b: var(--a); color: var(--a) }\n"
                              "h3 { margin-top: var(--c) }\n"
                              "h4 { color: var(x) }\n", false), FO_OK);
    fo_style p = style_of(f->sheet, "p", NULL);
    NEAR(p.color.b, 1);
    NEAR(p.margin_top, 7);
    NEAR(p.margin_left, 0);
    NEAR(style_of(f->sheet, "em", NULL).color.r, 1);
    NEAR(style_of(f->sheet, "h1", NULL).color.b, 0);
    /* undefined everywhere: reported when the sheet is read, at the
     * declaration */
    assert_non_null(strstr(captured(f), "v.css:4:6: warning: undefined custom property '--nope' in 'color'"));
    /* the others when computed (Custom Properties 1 §3.1) */
    assert_null(strstr(captured(f), "cycle"));
    NEAR(style_of(f->sheet, "h2", NULL).color.b, 0);
    assert_non_null(strstr(captured(f), "v.css:5:6: warning: custom property '--a' is part of a var() cycle"));
    assert_non_null(strstr(captured(f), "v.css:5:36: warning: custom property '--a' used in 'color' is invalid here"));
    NEAR(style_of(f->sheet, "h3", NULL).margin_top, 0);
    assert_non_null(strstr(captured(f), "v.css:6:6: warning: invalid value for 'margin-top' after var()"));
    assert_non_null(strstr(captured(f), "v.css:7:13: warning: var() needs a custom property name"));
    assert_int_equal(parse(f, "p { color: var(--x) }", true), FO_ERR_STYLE);
    /* :root is body, the element without a parent */
    assert_int_equal(parse(f, ":root { margin-left: 5pt }", true), FO_OK);
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_style bs;
    fo_style_compute(f->sheet, &body, NULL, &bs);
    NEAR(bs.margin_left, 5);
    NEAR(style_of(f->sheet, "p", NULL).margin_left, 0);
}

static void test_content_values(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "h2::before { content: counter(a) \".\" counters(b, '-', lower-roman) string(t) }"
                              "h2 { counter-reset: a b 3; counter-increment: a -2; string-set: t content(), u 'x' }"
                              "h3:after { content: none }", true), FO_OK);
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_elem h2 = {"h2", NULL, 1, &body, NULL, 0};
    fo_style bs, hs, ps;
    fo_style_compute(f->sheet, &body, NULL, &bs);
    fo_style_compute(f->sheet, &h2, &bs, &hs);
    assert_null(hs.content); /* the element itself has no content */
    assert_int_equal(hs.counter_reset->n, 2);
    assert_int_equal(hs.counter_reset->values[0], 0);
    assert_int_equal(hs.counter_reset->values[1], 3);
    assert_int_equal(hs.counter_increment->values[0], -2);
    assert_int_equal(hs.string_set->n, 2);
    assert_int_equal(hs.string_set->values[0].items[0].kind, FO_CONTENT_SELF);
    fo_style_compute_pseudo(f->sheet, &h2, FO_PSEUDO_BEFORE, &hs, &ps);
    assert_non_null(ps.content);
    assert_int_equal(ps.content->n, 4);
    assert_int_equal(ps.content->items[2].kind, FO_CONTENT_COUNTERS);
    assert_string_equal(ps.content->items[2].sep, "-");
    assert_int_equal(ps.content->items[2].style, FO_LIST_LOWER_ROMAN);
    fo_style_compute_pseudo(f->sheet, &h2, FO_PSEUDO_AFTER, &hs, &ps);
    assert_null(ps.content);
    static const char *bad[] = {
        "p::before { content: counter() }", "p::before { content: attr(x) }",
        "p::before { content: 'a', 'b' }", "p { counter-reset: a 1.5 }",
        "p { string-set: content() }", "p::before { content: counters(a) }",
        "p::before { content: counter(a, klingon) }",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(f, bad[i], false), FO_OK);
        if (!strstr(captured(f), "declaration dropped"))
            fail_msg("accepted: %s", bad[i]);
        fo_diag_dispose(&f->diag);
    }
    char buf[32];
    fo_counter_format(1994, FO_LIST_UPPER_ROMAN, buf, sizeof buf);
    assert_string_equal(buf, "MCMXCIV");
    fo_counter_format(28, FO_LIST_LOWER_ALPHA, buf, sizeof buf);
    assert_string_equal(buf, "ab");
    fo_counter_format(0, FO_LIST_LOWER_ALPHA, buf, sizeof buf);
    assert_string_equal(buf, "0");
    fo_counter_format(7, FO_LIST_DECIMAL_LEADING_ZERO, buf, sizeof buf);
    assert_string_equal(buf, "07");
    fo_counter_format(-5, FO_LIST_DECIMAL_LEADING_ZERO, buf, sizeof buf);
    assert_string_equal(buf, "-05");
    fo_counter_format(123, FO_LIST_DECIMAL_LEADING_ZERO, buf, sizeof buf);
    assert_string_equal(buf, "123");
}

static void test_margin_box_cascade(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "@page { color: #ff0000; @top-left { content: 'a' } "
                              "@bottom-center { content: counter(page); text-align: left } }\n"
                              "@page :first { @top-left { content: 'first'; font-size: 20pt } }\n"
                              "@page :right { @top-left { content: 'right' } }\n"
                              "@page :blank { @top-left { content: none } }\n", true), FO_OK);
    fo_style root, s;
    fo_style_initial(&root);
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_LEFT, FO_MB_TOP_LEFT, &root, &s));
    assert_string_equal(s.content->items[0].text, "a");
    NEAR(s.color.r, 1); /* inherited from the page context */
    assert_int_equal(s.text_align, FO_TEXT_LEFT);
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_RIGHT, FO_MB_TOP_LEFT, &root, &s));
    assert_string_equal(s.content->items[0].text, "right");
    /* :first beats :right whatever the order */
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_FIRST | FO_PAGE_RIGHT, FO_MB_TOP_LEFT,
                                    &root, &s));
    assert_string_equal(s.content->items[0].text, "first");
    NEAR(s.font_size, 20);
    assert_false(fo_sheet_margin_box(f->sheet, FO_PAGE_BLANK | FO_PAGE_LEFT, FO_MB_TOP_LEFT,
                                     &root, &s));
    assert_false(fo_sheet_margin_box(f->sheet, FO_PAGE_LEFT, FO_MB_TOP_RIGHT, &root, &s));
    assert_true(fo_sheet_margin_box(f->sheet, FO_PAGE_LEFT, FO_MB_BOTTOM_CENTER, &root, &s));
    assert_int_equal(s.text_align, FO_TEXT_LEFT); /* its own, not the centre default */
    assert_int_equal(parse(f, "@page { @bottom-right { content: 'x' } }", true), FO_OK);
    assert_true(fo_sheet_margin_box(f->sheet, 0, FO_MB_BOTTOM_RIGHT, &root, &s));
    assert_int_equal(s.text_align, FO_TEXT_RIGHT);
}

static void test_borders(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "p { color: #00ff00; border: 2pt solid; border-left: thick dashed #ff0000;"
                              " border-bottom-style: none }"
                              "pre { border-width: 1pt 2pt 3pt; border-style: solid; border-color: red blue }"
                              "h1 { border: 1pt solid red; border-top: inherit }", true), FO_OK);
    fo_style p = style_of(f->sheet, "p", NULL);
    NEAR(p.border_top_width, 2);
    assert_int_equal(p.border_top_style, FO_BORDER_SOLID);
    NEAR(p.border_top_color.g, 1); /* currentcolor */
    NEAR(p.border_left_width, 3.75);
    assert_int_equal(p.border_left_style, FO_BORDER_DASHED);
    NEAR(p.border_left_color.r, 1);
    NEAR(p.border_bottom_width, 0); /* style none: width 0 */
    fo_style pre = style_of(f->sheet, "pre", NULL);
    NEAR(pre.border_top_width, 1);
    NEAR(pre.border_right_width, 2);
    NEAR(pre.border_bottom_width, 3);
    NEAR(pre.border_left_width, 2);
    NEAR(pre.border_top_color.r, 1);
    NEAR(pre.border_right_color.b, 1);
    NEAR(pre.border_bottom_color.r, 1);
    fo_style h1 = style_of(f->sheet, "h1", NULL);
    NEAR(h1.border_top_width, 0); /* inherited from body: none */
    NEAR(h1.border_left_width, 1);
    static const char *bad[] = {"p { border: solid solid }", "p { border-width: -1pt }",
                                "p { border-style: wavy }", "p { border-top: 1pt 2pt }",
                                "p { border-color: red blue green black white }"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(f, bad[i], false), FO_OK);
        if (!strstr(captured(f), "declaration dropped"))
            fail_msg("accepted: %s", bad[i]);
        fo_diag_dispose(&f->diag);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_order_and_relative, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_library, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_misplaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_origin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_var, setup, teardown),
        cmocka_unit_test_setup_teardown(test_content_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_margin_box_cascade, setup, teardown),
        cmocka_unit_test_setup_teardown(test_borders, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
