/* test_style.c — style sheets: error recovery, values, cascade, @page. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/limits.h"
#include "style/style.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-6)
#define NEAR3(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-3)

/* ---- helpers ----------------------------------------------------------- */

typedef struct fx {
    fo_diag diag;
    fo_sheet *sheet;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    fo_diag_init(&f->diag);
    f->diag.out = NULL;
    f->diag.capture = true;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    fo_sheet_free(f->sheet);
    fo_diag_dispose(&f->diag);
    free(f);
    return 0;
}

static const char *captured(fx *f)
{
    return f->diag.captured ? f->diag.captured : "";
}

/* Parses `css` (non-strict) into f->sheet, replacing any previous sheet
 * and clearing captured diagnostics. */
static void parse(fx *f, const char *css)
{
    fo_sheet_free(f->sheet);
    f->sheet = NULL;
    fo_diag_dispose(&f->diag);
    f->diag.warnings = f->diag.errors = 0;
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &f->sheet, &f->diag),
                     FO_OK);
    assert_non_null(f->sheet);
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* Computes the style of the last element of a path like "body div p.x",
 * each element inheriting from the previous (the first is the root).
 * Elements are first children unless written "tag:2" (index 2). */
static void style_of(const fo_sheet *s, const char *path, fo_style *out)
{
    char buf[256];
    fo_elem elems[16];
    char *save = NULL, *tags[16];
    int n = 0;
    snprintf(buf, sizeof buf, "%s", path);
    for (char *w = strtok_r(buf, " ", &save); w && n < 16; w = strtok_r(NULL, " ", &save))
        tags[n++] = w;
    fo_style parent, cur;
    for (int i = 0; i < n; i++) {
        char *tag = tags[i];
        int index = 1;
        char *colon = strchr(tag, ':');
        if (colon) {
            *colon = '\0';
            index = atoi(colon + 1);
        }
        char *dot = strchr(tag, '.');
        char classes[64] = "";
        if (dot) {
            *dot = '\0';
            snprintf(classes, sizeof classes, "%s", dot + 1);
            for (char *c = classes; *c; c++)
                if (*c == '.')
                    *c = ' ';
        }
        static char class_store[16][64];
        snprintf(class_store[i], sizeof class_store[i], "%s", classes);
        elems[i] = (fo_elem){tag, dot ? class_store[i] : NULL, index,
                             i ? &elems[i - 1] : NULL, NULL, 0};
        fo_style_compute(s, &elems[i], i ? &parent : NULL, &cur);
        parent = cur;
    }
    *out = cur;
}

static fo_style style(fx *f, const char *path)
{
    fo_style s;
    style_of(f->sheet, path, &s);
    return s;
}

/* ---- initial values ----------------------------------------------------- */

static void test_initial(void **state)
{
    fo_style s;
    fo_style_initial(&s);
    assert_string_equal(s.font_family, "serif");
    NEAR(s.font_size, 11);
    assert_int_equal(s.font_weight, 400);
    assert_int_equal(s.font_style, FO_FONT_NORMAL);
    NEAR(s.line_height_factor, 1.3);
    NEAR(s.line_height, 14.3);
    NEAR(s.color.r + s.color.g + s.color.b, 0);
    NEAR(s.color.a, 1);
    NEAR(s.background_color.a, 0);
    assert_int_equal(s.text_align, FO_TEXT_LEFT);
    NEAR(s.text_indent + s.margin_top + s.margin_left + s.padding_bottom, 0);
    assert_int_equal(s.white_space, FO_WS_NORMAL);
    assert_int_equal(s.orphans, 2);
    assert_int_equal(s.widows, 2);
    assert_int_equal(s.break_before, FO_BREAK_AUTO);
    assert_int_equal(s.break_inside, FO_BREAK_AUTO);
    NEAR(s.root_font_size, 11);

    /* a NULL sheet computes the initial values; the root inherits them */
    fo_style c;
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_style_compute(NULL, &body, NULL, &c);
    assert_memory_equal(&c, &s, sizeof s);

    fo_page_style pg;
    fo_sheet_page(NULL, &pg);
    NEAR3(pg.width, 595.276);
    NEAR3(pg.height, 841.89);
    NEAR(pg.margin_top, 72);
    NEAR(pg.margin_left, 72);
}

/* ---- error recovery and diagnostics ------------------------------------ */

static void test_bad_declaration_dropped(void **state)
{
    fx *f = *state;
    parse(f, "p { color: red; margin-top: 12; padding-top: 3pt }");
    fo_style s = style(f, "p");
    NEAR(s.color.r, 1);
    NEAR(s.margin_top, 0);
    NEAR(s.padding_top, 3);
    assert_string_equal(captured(f),
                        "t.css:1:29: warning: invalid value '12' for 'margin-top' "
                        "(a length needs a unit); declaration dropped\n");
    assert_int_equal(f->diag.warnings, 1);

    parse(f, "p {\n  color: reed;\n  font-weight: bold;\n}\n");
    s = style(f, "p");
    assert_int_equal(s.font_weight, 700);
    NEAR(s.color.r, 0);
    assert_string_equal(captured(f),
                        "t.css:2:10: warning: invalid value 'reed' for 'color'; "
                        "declaration dropped\n");
}

static void test_recovery_cases(void **state)
{
    fx *f = *state;
    /* missing colon */
    parse(f, "p { color red; font-weight: bold }");
    assert_int_equal(style(f, "p").font_weight, 700);
    NEAR(style(f, "p").color.r, 0);
    assert_non_null(strstr(captured(f), "t.css:1:11: warning: expected ':' after 'color', found 'red'"));

    /* junk, stray semicolons and at-rules inside a block */
    parse(f, "p { ;;; @foo x; 12px; } ; color: blue }");
    /* the block ends at the first '}' — the rest is a bad rule at top level */
    assert_non_null(strstr(captured(f), "'@foo' is not supported inside a style rule"));
    assert_non_null(strstr(captured(f), "expected a property name, found '12px'"));

    /* a bad string ends the declaration's value at the newline */
    parse(f, "p { font-family: \"abc\n; color: red }");
    NEAR(style(f, "p").color.r, 1);
    assert_string_equal(style(f, "p").font_family, "serif");
    assert_non_null(strstr(captured(f), "t.css:1:18: warning: invalid value"));

    /* blocks inside a value are skipped whole: ';' inside them does not end it */
    parse(f, "p { color: {red; blue}; font-weight: bold }");
    assert_int_equal(style(f, "p").font_weight, 700);
    NEAR(style(f, "p").color.b, 0);

    /* an unclosed block is closed at end of file */
    parse(f, "h1 { color: red");
    NEAR(style(f, "h1").color.r, 1);
    assert_non_null(strstr(captured(f), "t.css:1:4: warning: unclosed '{'"));

    /* empty value, empty selector, rule without block */
    parse(f, "p { color: ; font-style: italic } { color: red } , q { color: red } h2");
    assert_int_equal(style(f, "p").font_style, FO_FONT_ITALIC);
    assert_non_null(strstr(captured(f), "empty value for 'color'"));
    assert_int_equal(count_of(captured(f), "empty selector; rule dropped"), 2);
    assert_non_null(strstr(captured(f), "rule without a '{' block"));

    /* extra tokens after a valid value */
    parse(f, "p { font-style: italic bold; white-space: pre }");
    assert_int_equal(style(f, "p").font_style, FO_FONT_NORMAL);
    assert_int_equal(style(f, "p").white_space, FO_WS_PRE);
    assert_non_null(strstr(captured(f), "(unexpected extra value)"));

    /* the value quoted in a message is cut short and control bytes masked */
    parse(f, "p { color: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }");
    assert_non_null(strstr(captured(f), "aaaa...' for 'color'"));
}

static void test_unknown_property_once(void **state)
{
    fx *f = *state;
    parse(f, "p { foo: 1; color: red }\nh1 { FOO: 2; bar: 3 }\nh2 { foo: 4 }");
    assert_int_equal(count_of(captured(f), "unknown property"), 2);
    assert_non_null(strstr(captured(f), "t.css:1:5: warning: unknown property 'foo'\n"));
    assert_non_null(strstr(captured(f), "t.css:2:14: warning: unknown property 'bar'\n"));
    NEAR(style(f, "p").color.r, 1);
}

static void test_strict(void **state)
{
    fx *f = *state;
    fo_sheet *s = (fo_sheet *)1;
    const char *css = "p { colour: red }";
    assert_int_equal(fo_sheet_parse(css, strlen(css), "s.css", true, &s, &f->diag),
                     FO_ERR_STYLE);
    assert_null(s);
    assert_string_equal(captured(f), "s.css:1:5: error: unknown property 'colour'\n");
    assert_int_equal(f->diag.errors, 1);
    /* a clean sheet passes strict mode */
    css = "p { color: red }";
    assert_int_equal(fo_sheet_parse(css, strlen(css), "s.css", true, &s, &f->diag), FO_OK);
    fo_sheet_free(s);
}

static void test_load(void **state)
{
    fx *f = *state;
    fo_sheet *s = (fo_sheet *)1;
    assert_int_equal(fo_sheet_load("/nonexistent/x.css", false, NULL, NULL, &s, &f->diag), FO_ERR_IO);
    assert_null(s);
    assert_string_equal(captured(f),
                        "folio: error: cannot read /nonexistent/x.css: No such file or directory\n");

    char path[] = "/tmp/folio-style-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("p { color: navy }\n@import url(other.css);\n", fp);
    fclose(fp);
    fo_diag_dispose(&f->diag);
    assert_int_equal(fo_sheet_load(path, false, NULL, NULL, &f->sheet, &f->diag), FO_OK);
    NEAR(style(f, "p").color.b, 128 / 255.0);
    char want[128];
    snprintf(want, sizeof want, "%s:2:1: warning: @import after other rules is ignored", path);
    assert_non_null(strstr(captured(f), want));
    remove(path);
}

static void test_default_css(void **state)
{
    fx *f = *state;
    assert_int_equal(fo_sheet_load("styles/default.css", true, NULL, NULL, &f->sheet, &f->diag), FO_OK);
    assert_int_equal(f->diag.warnings + f->diag.errors, 0);
    fo_style body = style(f, "body");
    assert_true(strstr(body.font_family, "Noto Serif") != NULL);
    NEAR(body.font_size, 10.5);
    assert_int_equal(body.text_align, FO_TEXT_JUSTIFY);
    fo_style h1 = style(f, "body h1");
    assert_int_equal(h1.font_weight, 700);
    assert_true(h1.font_size > 20);
    assert_true(h1.margin_top >= h1.margin_bottom || h1.margin_top == 0);
    fo_style h2 = style(f, "body h2");
    assert_true(h2.margin_top > h2.margin_bottom);
    fo_style pre = style(f, "body pre");
    assert_int_equal(pre.white_space, FO_WS_PRE);
    assert_true(strstr(pre.font_family, "DejaVu Sans Mono") != NULL);
    NEAR(pre.font_size, 10.5 * 0.88);
    NEAR(style(f, "body pre code").font_size, 10.5 * 0.88);
    NEAR(style(f, "body p code").font_size, 10.5 * 0.88);
    assert_int_equal(style(f, "body blockquote p").font_style, FO_FONT_ITALIC);
    fo_page_style pg;
    fo_sheet_page(f->sheet, &pg);
    NEAR3(pg.width, 595.276);
    NEAR3(pg.margin_top, 25 * 72 / 25.4);
}

/* ---- units and values -------------------------------------------------- */

static void test_units(void **state)
{
    fx *f = *state;
    parse(f, ".a { margin-top: 1in; margin-right: 25.4mm; margin-bottom: 12px; margin-left: 1pc }"
             ".b { margin-top: 2.54cm; margin-right: 0; margin-bottom: 4Q; margin-left: -3PT }"
             ".c { margin-top: 10; margin-right: 5%; margin-bottom: 3furlongs; letter-spacing: 5% }");
    fo_style a = style(f, "p.a");
    NEAR(a.margin_top, 72);
    NEAR(a.margin_right, 72);
    NEAR(a.margin_bottom, 9);
    NEAR(a.margin_left, 12);
    fo_style b = style(f, "p.b");
    NEAR(b.margin_top, 72);
    NEAR(b.margin_right, 0);
    NEAR(b.margin_bottom, 72 / 25.4);
    NEAR(b.margin_left, -3);
    fo_style c = style(f, "p.c");
    NEAR(c.margin_top + c.margin_right + c.margin_bottom, 0);
    /* 5% is a margin's percentage, resolved by layout (test_percent.c) */
    assert_int_equal(c.pct_set, 1u << FO_PCT_MARGIN_RIGHT);
    NEAR(c.pct[FO_PCT_MARGIN_RIGHT], 5);
    assert_int_equal(f->diag.warnings, 3);
    assert_non_null(strstr(captured(f), "(a length needs a unit)"));
    assert_non_null(strstr(captured(f), "(percentages are not supported here)"));
    assert_non_null(strstr(captured(f), "(unknown unit)"));
}

static void test_em_rem_percent(void **state)
{
    fx *f = *state;
    parse(f, "body { font-size: 10pt }"
             "h1 { font-size: 2em; margin-top: 1em; margin-bottom: 1rem }"
             "p { font-size: 150%; text-indent: 2em }"
             "span { font-size: 1rem; margin-left: 0.5rem; padding-left: 1em }"
             "small { font-size: smaller } big { font-size: larger }"
             ".m { font-size: medium } .xl { font-size: x-large }");
    fo_style h1 = style(f, "body h1");
    NEAR(h1.font_size, 20);
    NEAR(h1.margin_top, 20);    /* own font size */
    NEAR(h1.margin_bottom, 10); /* root font size */
    fo_style p = style(f, "body p");
    NEAR(p.font_size, 15);
    NEAR(p.text_indent, 30);
    fo_style span = style(f, "body h1 p span");
    NEAR(span.font_size, 10);
    NEAR(span.margin_left, 5);
    NEAR(span.padding_left, 10);
    NEAR(span.root_font_size, 10);
    NEAR(style(f, "body small").font_size, 10 / 1.2);
    NEAR(style(f, "body big").font_size, 12);
    NEAR(style(f, "body div.m").font_size, 11);
    NEAR(style(f, "body div.xl").font_size, 16.5);

    /* rem on the root's font-size refers to the initial 11pt */
    parse(f, "body { font-size: 2rem; margin-top: 1rem } p { margin-top: 1rem }");
    NEAR(style(f, "body").font_size, 22);
    NEAR(style(f, "body").margin_top, 22);
    NEAR(style(f, "body p").margin_top, 22);
    /* em on the root's font-size refers to the initial value too */
    parse(f, "body { font-size: 2em }");
    NEAR(style(f, "body").font_size, 22);
    /* negative font sizes are invalid */
    parse(f, "body { font-size: -2pt }");
    NEAR(style(f, "body").font_size, 11);
    assert_int_equal(f->diag.warnings, 1);
}

static void test_line_height(void **state)
{
    fx *f = *state;
    parse(f, "body { font-size: 10pt; line-height: 1.5 }"
             "h1 { font-size: 20pt }"
             "div { line-height: 12pt } div p { font-size: 30pt }"
             "blockquote { line-height: 150% } blockquote p { font-size: 20pt }"
             "pre { line-height: normal } code { line-height: 2em }");
    fo_style b = style(f, "body");
    NEAR(b.line_height, 15);
    NEAR(b.line_height_factor, 1.5);
    fo_style h1 = style(f, "body h1"); /* number inherited as the factor */
    NEAR(h1.line_height, 30);
    NEAR(h1.line_height_factor, 1.5);
    fo_style dp = style(f, "body div p"); /* length inherited as a length */
    NEAR(dp.line_height, 12);
    NEAR(dp.line_height_factor, 0);
    fo_style bq = style(f, "body blockquote p"); /* % computed, then inherited */
    NEAR(bq.line_height, 15);
    NEAR(style(f, "body pre").line_height, 12);
    NEAR(style(f, "body pre").line_height_factor, 1.2);
    NEAR(style(f, "body code").line_height, 20);
}

static void test_colors(void **state)
{
    fx *f = *state;
    static const struct {
        const char *value;
        double r, g, b, a;
    } ok[] = {
        {"navy", 0, 0, 128 / 255.0, 1},
        {"Grey", 128 / 255.0, 128 / 255.0, 128 / 255.0, 1},
        {"gray", 128 / 255.0, 128 / 255.0, 128 / 255.0, 1},
        {"maroon", 128 / 255.0, 0, 0, 1},
        {"teal", 0, 128 / 255.0, 128 / 255.0, 1},
        {"silver", 192 / 255.0, 192 / 255.0, 192 / 255.0, 1},
        {"white", 1, 1, 1, 1},
        {"rebeccapurple", 0x66 / 255.0, 0x33 / 255.0, 0x99 / 255.0, 1},
        {"aliceblue", 0xf0 / 255.0, 0xf8 / 255.0, 1, 1},
        {"yellowgreen", 0x9a / 255.0, 0xcd / 255.0, 0x32 / 255.0, 1},
        {"transparent", 0, 0, 0, 0},
        {"#abc", 0xaa / 255.0, 0xbb / 255.0, 0xcc / 255.0, 1},
        {"#abcd", 0xaa / 255.0, 0xbb / 255.0, 0xcc / 255.0, 0xdd / 255.0},
        {"#A0B1C2", 0xa0 / 255.0, 0xb1 / 255.0, 0xc2 / 255.0, 1},
        {"#a0b1c280", 0xa0 / 255.0, 0xb1 / 255.0, 0xc2 / 255.0, 0x80 / 255.0},
        {"rgb(255, 0, 0)", 1, 0, 0, 1},
        {"rgb(100%, 50%, 0%)", 1, 0.5, 0, 1},
        {"rgba(0, 0, 255, 0.5)", 0, 0, 1, 0.5},
        {"RGB(0 0 255 / 50%)", 0, 0, 1, 0.5},
        {"rgb(300, -5, 0)", 1, 0, 0, 1},
        {"hsl(120, 100%, 25%)", 0, 0.5, 0, 1},
        {"hsla(0deg 100% 50% / 0.25)", 1, 0, 0, 0.25},
        {"hsl(240, 100%, 50%)", 0, 0, 1, 1},
    };
    char css[256];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        snprintf(css, sizeof css, "p { color: %s }", ok[i].value);
        parse(f, css);
        fo_style s = style(f, "p");
        if (fabs(s.color.r - ok[i].r) > 1e-6 || fabs(s.color.g - ok[i].g) > 1e-6 ||
            fabs(s.color.b - ok[i].b) > 1e-6 || fabs(s.color.a - ok[i].a) > 1e-6)
            fail_msg("color %s gave %g %g %g %g", ok[i].value, s.color.r, s.color.g,
                     s.color.b, s.color.a);
        assert_int_equal(f->diag.warnings, 0);
    }
    static const char *const bad[] = {
        "#ab", "#ggg", "#abcde", "rgb(1, 2)", "rgb(1, 2, 3, 4, 5)", "reed",
        "rgb(1 2, 3)", "hsl(1, 2, 3)", "12", "\"red\"", "rgb(1,2,3) red",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(css, sizeof css, "p { color: %s }", bad[i]);
        parse(f, css);
        if (f->diag.warnings != 1)
            fail_msg("color %s was accepted", bad[i]);
    }
    /* currentcolor */
    parse(f, "body { color: red } p { color: blue; background-color: currentColor }"
             "em { color: currentcolor }");
    fo_style p = style(f, "body p");
    NEAR(p.background_color.b, 1);
    NEAR(p.background_color.a, 1);
    NEAR(style(f, "body p em").color.b, 1);
}

/* break-before/after to a side (CSS Fragmentation 3 §3.1, §3.4): recto and
 * verso are right and left (pages progress left to right). */
static void test_break_sides(void **state)
{
    fx *f = *state;
    parse(f, "h1 { break-before: right; break-after: left }"
             "h2 { break-before: recto; break-after: verso }"
             "h3 { page-break-before: left; page-break-after: right }");
    fo_style h = style(f, "body h1");
    assert_int_equal(h.break_before, FO_BREAK_RIGHT);
    assert_int_equal(h.break_after, FO_BREAK_LEFT);
    h = style(f, "body h2");
    assert_int_equal(h.break_before, FO_BREAK_RIGHT);
    assert_int_equal(h.break_after, FO_BREAK_LEFT);
    h = style(f, "body h3");
    assert_int_equal(h.break_before, FO_BREAK_LEFT);
    assert_int_equal(h.break_after, FO_BREAK_RIGHT);
    assert_int_equal(f->diag.warnings, 0);
}

static void test_keyword_properties(void **state)
{
    fx *f = *state;
    parse(f, "body { font-weight: 300; text-align: end; white-space: nowrap; orphans: 3;"
             " widows: 4; font-family: Times  New Roman, \"Noto Serif\",serif }"
             "b { font-weight: bolder } b b { font-weight: bolder } i { font-weight: lighter }"
             "h1 { break-before: page; break-after: avoid; break-inside: avoid-page }"
             "h2 { page-break-before: always; page-break-after: avoid; page-break-inside: avoid }"
             "h3 { text-align: center; font-style: oblique } h4 { text-align: start }"
             "h5 { font-weight: 650 } h6 { font-style: ITALIC; white-space: pre-wrap }");
    fo_style b = style(f, "body");
    assert_int_equal(b.font_weight, 300);
    assert_int_equal(b.text_align, FO_TEXT_RIGHT);
    assert_int_equal(b.white_space, FO_WS_NOWRAP);
    assert_int_equal(b.orphans, 3);
    assert_int_equal(b.widows, 4);
    assert_string_equal(b.font_family, "Times New Roman, Noto Serif, serif");
    assert_int_equal(style(f, "body b").font_weight, 400);
    assert_int_equal(style(f, "body b b").font_weight, 700);
    assert_int_equal(style(f, "body i").font_weight, 100);
    fo_style h1 = style(f, "body h1");
    assert_int_equal(h1.break_before, FO_BREAK_PAGE);
    assert_int_equal(h1.break_after, FO_BREAK_AVOID);
    assert_int_equal(h1.break_inside, FO_BREAK_AVOID);
    fo_style h2 = style(f, "body h2");
    assert_int_equal(h2.break_before, FO_BREAK_PAGE);
    assert_int_equal(h2.break_after, FO_BREAK_AVOID);
    assert_int_equal(h2.break_inside, FO_BREAK_AVOID);
    assert_int_equal(style(f, "body h3").text_align, FO_TEXT_CENTER);
    assert_int_equal(style(f, "body h3").font_style, FO_FONT_OBLIQUE);
    assert_int_equal(style(f, "body h4").text_align, FO_TEXT_LEFT);
    assert_int_equal(style(f, "body h5").font_weight, 650);
    assert_int_equal(style(f, "body h6").font_style, FO_FONT_ITALIC);
    assert_int_equal(style(f, "body h6").white_space, FO_WS_PRE_WRAP);
    assert_int_equal(f->diag.warnings, 0);

    static const char *const bad[] = {
        "orphans: 0", "widows: 2.5", "orphans: -1", "font-weight: 0", "font-weight: 1001",
        "font-weight: heavy", "text-align: middle", "white-space: pre-line",
        "break-before: always", "page-break-inside: always", "font-family: serif,",
        "font-family: 12pt", "font-family: inherit, serif", "font-style: bold",
        "padding-left: -1pt", "line-height: -1", "font-size: big",
        "margin: 1pt 2pt 3pt 4pt 5pt", "margin: auto auto 1pt 1pt 1pt", "padding: auto",
        "text-indent: auto", "width: -1pt", "width: none", "max-width: auto",
        "list-style: inside outside", "list-style: disc square", "list-style-position: middle",
    };
    char css[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(css, sizeof css, "p { %s }", bad[i]);
        parse(f, css);
        if (f->diag.warnings != 1)
            fail_msg("'%s' was accepted", bad[i]);
    }
}

static void test_margin_shorthand(void **state)
{
    fx *f = *state;
    parse(f, ".a { margin: 1pt } .b { margin: 1pt 2pt } .c { margin: 1pt 2pt 3pt }"
             ".d { margin: 1pt 2pt 3pt 4pt; margin-left: 9pt } .e { padding: 1pt 2pt 3pt 4pt }");
    fo_style s = style(f, "p.a");
    NEAR(s.margin_top + s.margin_right + s.margin_bottom + s.margin_left, 4);
    s = style(f, "p.b");
    assert_true(s.margin_top == 1 && s.margin_right == 2 && s.margin_bottom == 1 &&
                s.margin_left == 2);
    s = style(f, "p.c");
    assert_true(s.margin_top == 1 && s.margin_right == 2 && s.margin_bottom == 3 &&
                s.margin_left == 2);
    s = style(f, "p.d");
    assert_true(s.margin_top == 1 && s.margin_right == 2 && s.margin_bottom == 3 &&
                s.margin_left == 9);
    s = style(f, "p.e");
    assert_true(s.padding_top == 1 && s.padding_right == 2 && s.padding_bottom == 3 &&
                s.padding_left == 4);
    assert_int_equal(s.margin_auto, 0);
    NEAR(s.width, -1);
    NEAR(s.max_width, -1);
    /* auto margins: 0 pt plus a bit per side (1 top, 2 right, 4 bottom,
     * 8 left); width / max-width lengths and percentages */
    parse(f, ".a { margin: 1pt auto } .b { margin-left: auto; width: 120pt; max-width: 50% }"
             ".c { margin: 0 auto; margin-right: 3pt } .d { margin: inherit }");
    s = style(f, "p.a");
    assert_int_equal(s.margin_auto, 2 | 8);
    assert_true(s.margin_top == 1 && s.margin_left == 0 && s.margin_right == 0);
    s = style(f, "p.b");
    assert_int_equal(s.margin_auto, 8);
    NEAR(s.width, 120);
    assert_true(s.pct_set & (1u << FO_PCT_MAX_WIDTH));
    NEAR(s.pct[FO_PCT_MAX_WIDTH], 50);
    fo_style_resolve_box(&s, 400, 400);
    NEAR(s.max_width, 200);
    s = style(f, "p.c");
    assert_int_equal(s.margin_auto, 8);
    NEAR(s.margin_right, 3);
    assert_int_equal(f->diag.warnings, 0);
}

static void test_huge_values(void **state)
{
    fx *f = *state;
    parse(f, "p { margin-top: 1e308mm; margin-bottom: -1e308pt; font-size: 1e308pt;"
             " orphans: 99999999999999999999; text-indent: 1e400em }"
             "q { font-size: 1e308em; line-height: 1e308 }");
    fo_style s = style(f, "p");
    NEAR(s.margin_top, 1e6);
    NEAR(s.margin_bottom, -1e6);
    NEAR(s.font_size, FO_LIMIT_FONT_MAX); /* clamped with a warning */
    assert_int_equal(s.orphans, 1000000);
    NEAR(s.text_indent, 1e6);
    fo_style q = style(f, "q");
    assert_true(isfinite(q.font_size) && q.font_size <= FO_LIMIT_FONT_MAX);
    assert_true(isfinite(q.line_height));
    assert_int_equal(f->diag.warnings, 1); /* font-size 1e308pt: clamped */
    assert_non_null(strstr(captured(f), "font-size 1e+06pt is out of range; clamped to 1000pt"));
}

/* ---- cascade ------------------------------------------------------------ */

static void test_inheritance(void **state)
{
    fx *f = *state;
    parse(f, "body { color: #ff0000; margin-left: 30pt; background-color: yellow;"
             " font-family: \"Noto Sans\"; text-indent: 5pt; padding-top: 4pt;"
             " break-before: page }");
    fo_style p = style(f, "body div p");
    NEAR(p.color.r, 1);                  /* inherited */
    assert_string_equal(p.font_family, "Noto Sans");
    NEAR(p.text_indent, 5);              /* inherited */
    NEAR(p.margin_left, 0);              /* not inherited */
    NEAR(p.padding_top, 0);
    NEAR(p.background_color.a, 0);
    assert_int_equal(p.break_before, FO_BREAK_AUTO);

    /* out may alias parent */
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_elem div = {"div", NULL, 1, &body, NULL, 0};
    fo_style st;
    fo_style_compute(f->sheet, &body, NULL, &st);
    NEAR(st.margin_left, 30);
    fo_style_compute(f->sheet, &div, &st, &st);
    NEAR(st.color.r, 1);
    NEAR(st.margin_left, 0);
}

static void test_inherit_initial_unset(void **state)
{
    fx *f = *state;
    parse(f, "body { color: red; margin-left: 30pt; font-size: 20pt }"
             "div { margin: inherit; color: initial; font-size: unset }"
             "p { margin-left: unset; color: inherit; font-weight: initial }"
             "span { padding: initial; line-height: inherit; font-size: 10pt;"
             " background-color: inherit; margin-top: revert }");
    fo_style div = style(f, "body div");
    NEAR(div.margin_left, 30);
    NEAR(div.color.r, 0);
    NEAR(div.font_size, 20);
    fo_style p = style(f, "body div p");
    NEAR(p.margin_left, 0);
    NEAR(p.color.r, 0);
    assert_int_equal(p.font_weight, 400);
    fo_style span = style(f, "body span");
    NEAR(span.line_height, 13); /* factor 1.3 inherited, own 10pt */
    assert_int_equal(f->diag.warnings, 0);
    /* a CSS-wide keyword must be alone */
    parse(f, "p { color: inherit red; margin: 1pt inherit }");
    assert_int_equal(f->diag.warnings, 2);
}

static void test_specificity_table(void **state)
{
    fx *f = *state;
    static const struct {
        const char *css;
        const char *path;
        int want; /* expected red channel × 255 */
    } cases[] = {
        {"p { color: rgb(1,0,0) } * { color: rgb(2,0,0) }", "body p", 1},
        {"* { color: rgb(2,0,0) } p { color: rgb(1,0,0) }", "body p", 1},
        {".x { color: rgb(3,0,0) } p { color: rgb(1,0,0) }", "body p.x", 3},
        {"p.x { color: rgb(4,0,0) } .x { color: rgb(3,0,0) }", "body p.x", 4},
        {"body p { color: rgb(5,0,0) } p { color: rgb(1,0,0) }", "body p", 5},
        {"body p { color: rgb(5,0,0) } .x { color: rgb(3,0,0) }", "body p.x", 3},
        {".x.y { color: rgb(6,0,0) } p.x { color: rgb(4,0,0) }", "body p.x.y", 6},
        {"p:first-child { color: rgb(7,0,0) } body p { color: rgb(5,0,0) }", "body p", 7},
        {"p:first-child { color: rgb(7,0,0) } body p { color: rgb(5,0,0) }", "body p:2", 5},
        {"p { color: rgb(1,0,0) } p { color: rgb(8,0,0) }", "body p", 8},
        {"body > p { color: rgb(9,0,0) } body p { color: rgb(5,0,0) }", "body p", 5},
        {"body p { color: rgb(5,0,0) } body > p { color: rgb(9,0,0) }", "body p", 9},
        {"p { color: rgb(10,0,0) !important } p.x.y { color: rgb(6,0,0) }", "body p.x.y", 10},
        {".y { color: rgb(11,0,0) !important } p { color: rgb(12,0,0) !important }", "body p.y", 11},
        {"p { color: rgb(12,0,0) !important } p { color: rgb(13,0,0) !important }", "body p", 13},
        {"p { color: rgb(13,0,0) !important } p { color: rgb(1,0,0) }", "body p", 13},
        {"h1, p.x { color: rgb(14,0,0) } p { color: rgb(1,0,0) }", "body p.x", 14},
        {"h1, p { color: rgb(14,0,0) } .x { color: rgb(3,0,0) }", "body p.x", 3},
        {"P { color: rgb(15,0,0) }", "body p", 15},
        {"p { color: rgb(15,0,0) }", "body P", 15},
        {".X { color: rgb(16,0,0) }", "body p.x", 0}, /* classes are case-sensitive */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parse(f, cases[i].css);
        fo_style s = style(f, cases[i].path);
        int got = (int)lround(s.color.r * 255);
        if (got != cases[i].want)
            fail_msg("case %zu: %s on %s gave %d, want %d", i, cases[i].css, cases[i].path,
                     got, cases[i].want);
    }
}

static void test_selectors_matching(void **state)
{
    fx *f = *state;
    parse(f, "blockquote p { font-weight: 700 }"
             "ul > li { font-style: italic }"
             "li:first-child { orphans: 5 }"
             "* { widows: 3 }"
             ".a.b { text-indent: 7pt }"
             "div .note em { white-space: pre }"
             "table td, table th { padding-left: 2pt }");
    assert_int_equal(style(f, "body blockquote div div p").font_weight, 700);
    assert_int_equal(style(f, "body div p").font_weight, 400);
    assert_int_equal(style(f, "body ul li").font_style, FO_FONT_ITALIC);
    assert_int_equal(style(f, "body ul ol li").font_style, FO_FONT_NORMAL);
    assert_int_equal(style(f, "body ol li").orphans, 5);
    assert_int_equal(style(f, "body ol li:3").orphans, 2);
    assert_int_equal(style(f, "body p").widows, 3);
    NEAR(style(f, "body p.a.b").text_indent, 7);
    NEAR(style(f, "body p.b.a").text_indent, 7);
    NEAR(style(f, "body p.a").text_indent, 0);
    assert_int_equal(style(f, "body div section.x.note p em").white_space, FO_WS_PRE);
    assert_int_equal(style(f, "body section.note p em").white_space, FO_WS_NORMAL);
    NEAR(style(f, "body table tr td").padding_left, 2);
    NEAR(style(f, "body table tr th").padding_left, 2);
    assert_int_equal(f->diag.warnings, 0);
}

static void test_unsupported_selectors(void **state)
{
    fx *f = *state;
    static const struct {
        const char *sel;
        const char *msg;
    } cases[] = {
        {"p, a:hover", "t.css:1:5: warning: unsupported selector ':hover'; rule dropped"},
        {"p::first-line", "unsupported selector '::first-line'"},
        {"p::before span", "unsupported selector text after a pseudo-element"},
        {"p:not(div p)", "t.css:1:10: warning: unsupported selector combinator inside ':not()'"},
        {"p:not(:not(.x))", "unsupported selector ':not()' inside ':not()'"},
        {"p:last-of-type", "unsupported selector ':last-of-type'"},
        {"p:has(a)", "unsupported selector ':has()'"},
        {"#main", "unsupported selector '#main' (id selectors)"},
        {"p[lang]", "unsupported selector '[' (attribute selectors)"},
        {"h1 +", "invalid selector: unexpected '+' at the end"},
        {"~ p", "invalid selector: unexpected '~'"},
        {"svg|a", "unsupported selector namespace '|'"},
        {"p >", "invalid selector"},
        {"> p", "invalid selector: unexpected '>'"},
        {"p \"x\"", "invalid selector: unexpected string"},
        {"p,, q", "empty selector"},
        {"*p", "invalid selector: unexpected 'p'"},
    };
    char css[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(css, sizeof css, "%s { color: red }", cases[i].sel);
        parse(f, css);
        if (!strstr(captured(f), cases[i].msg))
            fail_msg("selector '%s': got \"%s\"", cases[i].sel, captured(f));
        /* the whole list is dropped: p is not red */
        NEAR(style(f, "body p").color.r, 0);
    }
}

static void test_many_rules_index(void **state)
{
    fx *f = *state;
    /* 3000 rules over 1000 classes, types and the universal selector: the
     * index must find exactly the right ones, in cascade order. */
    size_t cap = 3000 * 64, n = 0;
    char *css = malloc(cap);
    for (int i = 0; i < 1000; i++) {
        n += (size_t)snprintf(css + n, cap - n, ".c%d { orphans: %d }\n", i, i + 1);
        n += (size_t)snprintf(css + n, cap - n, "t%d { widows: %d }\n", i, i + 1);
        n += (size_t)snprintf(css + n, cap - n, "* > t%d.c%d { text-indent: %dpt }\n", i, i, i);
    }
    parse(f, css);
    free(css);
    assert_int_equal(f->diag.warnings, 0);
    char path[64];
    for (int i = 0; i < 1000; i += 37) {
        snprintf(path, sizeof path, "body t%d.c%d.zz", i, i);
        fo_style s = style(f, path);
        assert_int_equal(s.orphans, i + 1);
        assert_int_equal(s.widows, i + 1);
        NEAR(s.text_indent, i);
    }
    /* many computes stay cheap (this would take long if every rule were
     * string-compared on every call under ASan) */
    fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
    fo_elem p = {"p", "c5 other", 1, &body, NULL, 0};
    fo_style root, out;
    fo_style_compute(f->sheet, &body, NULL, &root);
    for (int k = 0; k < 20000; k++)
        fo_style_compute(f->sheet, &p, &root, &out);
    assert_int_equal(out.orphans, 6);
}

/* ---- @page ---------------------------------------------------------------- */

static void page(fx *f, const char *css, fo_page_style *pg)
{
    parse(f, css);
    fo_sheet_page(f->sheet, pg);
}

static void test_page(void **state)
{
    fx *f = *state;
    fo_page_style pg;
    page(f, "@page { size: letter }", &pg);
    NEAR(pg.width, 612);
    NEAR(pg.height, 792);
    NEAR(pg.margin_top, 72);
    page(f, "@page { size: A4 landscape }", &pg);
    NEAR3(pg.width, 841.89);
    NEAR3(pg.height, 595.276);
    page(f, "@page { size: landscape a5 }", &pg);
    NEAR3(pg.width, 210 * 72 / 25.4);
    NEAR3(pg.height, 148 * 72 / 25.4);
    page(f, "@page { size: legal portrait }", &pg);
    NEAR(pg.width, 612);
    NEAR(pg.height, 1008);
    page(f, "@page { size: A3 } @page { size: B5 }", &pg);
    NEAR3(pg.width, 176 * 72 / 25.4);
    page(f, "@page { size: 100mm 200mm }", &pg);
    NEAR3(pg.width, 100 * 72 / 25.4);
    NEAR3(pg.height, 200 * 72 / 25.4);
    page(f, "@page { size: 5in }", &pg);
    NEAR(pg.width, 360);
    NEAR(pg.height, 360);
    page(f, "@page { size: 8in 5in portrait }", &pg);
    NEAR(pg.width, 360);
    NEAR(pg.height, 576);
    page(f, "@page { size: landscape }", &pg);
    NEAR3(pg.width, 841.89);
    page(f, "@page { margin: 10mm 20mm 30mm 40mm }", &pg);
    NEAR3(pg.margin_top, 10 * 72 / 25.4);
    NEAR3(pg.margin_right, 20 * 72 / 25.4);
    NEAR3(pg.margin_bottom, 30 * 72 / 25.4);
    NEAR3(pg.margin_left, 40 * 72 / 25.4);
    page(f, "@page { margin: 1in; margin-top: 2in } @page { margin-left: 0.5in }", &pg);
    NEAR(pg.margin_top, 144);
    NEAR(pg.margin_right, 72);
    NEAR(pg.margin_left, 36);
    page(f, "@page { margin: 1in !important } @page { margin: 2in; margin-top: 3in !important }", &pg);
    NEAR(pg.margin_top, 216);
    NEAR(pg.margin_left, 72);
    page(f, "@page { margin: 2em }", &pg);
    NEAR(pg.margin_top, 22);
    assert_int_equal(f->diag.warnings, 0);

    /* errors */
    page(f, "@page { size: A9; margin: 10%; colour: red; margin-top: 2in } @page :first { size: A5 }"
            "@page { @top-centre { content: 'x' } } @page :recto {} @page chapter {}", &pg);
    NEAR3(pg.width, 595.276);
    NEAR(pg.margin_top, 144); /* the valid declaration after the bad ones */
    NEAR3(pg.margin_left, 59.5276); /* 10% of the A4 width */
    assert_non_null(strstr(captured(f), "t.css:1:15: warning: invalid value 'A9' for 'size' (unknown page size)"));
    assert_null(strstr(captured(f), "'10%'"));
    assert_non_null(strstr(captured(f), "unknown property 'colour'"));
    assert_non_null(strstr(captured(f), "'size' is only supported in @page without page selectors"));
    assert_non_null(strstr(captured(f), "'@top-centre' is not supported inside @page"));
    assert_non_null(strstr(captured(f), "unknown page selector ':recto'"));
    assert_non_null(strstr(captured(f), "named pages are not supported"));
    page(f, "@page { size: 0 0 } @page { size: -5in } @page { size: A4 A5 } @page { size: 1em 2em }", &pg);
    assert_int_equal(f->diag.warnings, 4);
    NEAR3(pg.width, 595.276);
    /* at-rules folio does not know, or not yet */
    parse(f, "@media print { p { color: red } } @font-face { font-family: x } @foo bar; p { color: blue }");
    assert_non_null(strstr(captured(f), "t.css:1:1: warning: @media is not supported yet; skipped"));
    assert_non_null(strstr(captured(f), "@font-face needs font-family and src"));
    assert_non_null(strstr(captured(f), "unknown at-rule '@foo'; skipped"));
    NEAR(style(f, "p").color.b, 1);
}

/* ---- robustness ------------------------------------------------------------ */

static void test_deep_nesting(void **state)
{
    fx *f = *state;
    char *css = malloc(300000);
    size_t n = 0;
    n += (size_t)sprintf(css, "p { color: red } ");
    for (int i = 0; i < 1000; i++)
        css[n++] = '{';
    css[n] = 0;
    parse(f, css);
    NEAR(style(f, "p").color.r, 1);
    /* 1000 nested blocks inside a declaration, closed */
    n = (size_t)sprintf(css, "p { color: red; margin: ");
    for (int i = 0; i < 1000; i++)
        css[n++] = "{(["[i % 3];
    for (int i = 999; i >= 0; i--)
        css[n++] = "})]"[i % 3];
    n += (size_t)sprintf(css + n, "; font-weight: bold }");
    parse(f, css);
    NEAR(style(f, "p").color.r, 1);
    assert_int_equal(style(f, "p").font_weight, 700);
    /* 100000 deep, unclosed, in a selector */
    n = 0;
    for (int i = 0; i < 100000; i++)
        css[n++] = '(';
    css[n] = 0;
    parse(f, css);
    free(css);
}

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static void fuzz_one(const char *text, size_t len)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    fo_sheet *s = NULL;
    fo_status st = fo_sheet_parse(text, len, "fuzz.css", (rnd() & 7) == 0, &s, &d);
    assert_true(st == FO_OK || st == FO_ERR_STYLE);
    assert_true((st == FO_OK) == (s != NULL));
    fo_elem body = {"body", "a b", 1, NULL, NULL, 0};
    fo_elem div = {"div", "x", 2, &body, NULL, 0};
    fo_elem p = {"p", "b", 1, &div, NULL, 0};
    fo_style sb, sd, sp;
    fo_style_compute(s, &body, NULL, &sb);
    fo_style_compute(s, &div, &sb, &sd);
    fo_style_compute(s, &p, &sd, &sp);
    assert_true(isfinite(sp.font_size) && isfinite(sp.line_height) && isfinite(sp.margin_top));
    assert_true(sp.font_size >= 0 && sp.orphans >= 1);
    fo_style pb, mb;
    fo_style_compute_pseudo(s, &p, FO_PSEUDO_BEFORE, &sp, &pb);
    assert_true(!pb.content || pb.content->n >= 1);
    assert_true(isfinite(pb.border_top_width) && pb.border_top_width >= 0);
    for (int box = 0; box < FO_MB_COUNT; box++)
        if (fo_sheet_margin_box(s, FO_PAGE_FIRST | FO_PAGE_RIGHT, (fo_margin_box)box, &sb, &mb))
            assert_true(mb.content && mb.content->n >= 1);
    fo_page_style pg;
    fo_sheet_page(s, &pg);
    assert_true(isfinite(pg.width) && pg.width > 0);
    fo_sheet_free(s);
    fo_diag_dispose(&d);
}

static void test_fuzz_random_bytes(void **state)
{
    char buf[600];
    rng_state = 12345;
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = rnd() % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = (char)(rnd() & 0xff);
        fuzz_one(buf, len);
    }
}

static void test_fuzz_css_fragments(void **state)
{
    static const char *const frag[] = {
        "{", "}", "(", ")", "[", "]", ";", ":", ",", " ", "\n", "\r\n", "\"", "'", "\\",
        "/*", "*/", "<!--", "-->", "@page", "@media", "@", "!important", "!", "p", "h1",
        ".x", "#id", "*", ">", "+", "url(", "rgb(", "hsl(", "color", "margin", "font-size",
        "font-family", "line-height", "size", "A4", "landscape", "12pt", "1e308", "-1e999",
        "50%", "2em", "1rem", "0", "inherit", "initial", "red", "#abc", "\\41", "\0",
        "\xff", "\xc3\xa9", "e", "-", ".", "1.5", "serif", "\"Noto Sans\"", "break-before",
        "page", "orphans", "3", "body", ":first-child", "a:hover",
        /* the extended language */
        "var(", "--a", "--b:", "--a:", ":root", "counter(", "counters(", "string(",
        "content", "content()", "counter-reset", "counter-increment", "string-set",
        "::before", "::after", "::marker", "@top-center", "@bottom-right", ":first", ":left",
        "border", "border-top", "solid", "thick", "font", "/", "@font-face", "src",
        "@import", "list-style-type", "upper-roman", "letter-spacing", "text-transform",
        "font-feature-settings", "\"tnum\"",
    };
    char buf[1200];
    size_t nfrag = sizeof frag / sizeof frag[0];
    rng_state = 777;
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = 0, count = rnd() % 80;
        for (size_t k = 0; k < count; k++) {
            const char *s = frag[rnd() % nfrag];
            size_t n = s[0] ? strlen(s) : 1; /* "\0" is one NUL byte */
            if (len + n >= sizeof buf)
                break;
            memcpy(buf + len, s, n);
            len += n;
        }
        fuzz_one(buf, len);
    }
}

static void test_fuzz_truncated_default(void **state)
{
    FILE *fp = fopen("styles/default.css", "rb");
    assert_non_null(fp);
    static char buf[65536];
    size_t len = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    rng_state = 99;
    for (size_t cut = 0; cut < len; cut += 1 + rnd() % 17)
        fuzz_one(buf, cut);
    /* and with random single-byte damage */
    for (int iter = 0; iter < 300; iter++) {
        size_t at = rnd() % len;
        char saved = buf[at];
        buf[at] = (char)(rnd() & 0xff);
        fuzz_one(buf, len);
        buf[at] = saved;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initial),
        cmocka_unit_test_setup_teardown(test_bad_declaration_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recovery_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_property_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_css, setup, teardown),
        cmocka_unit_test_setup_teardown(test_units, setup, teardown),
        cmocka_unit_test_setup_teardown(test_em_rem_percent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_height, setup, teardown),
        cmocka_unit_test_setup_teardown(test_colors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyword_properties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_sides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_margin_shorthand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inheritance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inherit_initial_unset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_specificity_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_selectors_matching, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsupported_selectors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_rules_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting, setup, teardown),
        cmocka_unit_test(test_fuzz_random_bytes),
        cmocka_unit_test(test_fuzz_css_fragments),
        cmocka_unit_test(test_fuzz_truncated_default),
    };
    return cmocka_run_group_tests_name("style", tests, NULL, NULL);
}
