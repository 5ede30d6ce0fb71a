/* test_select.c — Selectors 4 sibling combinators, tree-structural
 * pseudo-classes, :not() and the An+B microsyntax (CSS Syntax 3 §6):
 * matching, specificity and diagnostics. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "style/style.h"

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

/* A body with element children as layout builds them: 1-based index,
 * prev chain, sibling count `nsib` (0: unknown). */
#define MAXK 16
typedef struct kids {
    fo_elem body;
    fo_elem k[MAXK];
    int n;
} kids;

static void make_kids(kids *s, const char *const *tags, const char *const *classes, int n,
                      int nsib)
{
    s->body = (fo_elem){"body", NULL, 1, NULL, NULL, 1};
    s->n = n;
    for (int i = 0; i < n; i++)
        s->k[i] = (fo_elem){tags[i], classes ? classes[i] : NULL, i + 1, &s->body,
                            i ? &s->k[i - 1] : NULL, nsib};
}

/* Red channel × 255 of `e`'s colour (parent style: body's). */
static int red(fx *f, const fo_elem *e)
{
    fo_style body, s;
    const fo_elem *chain[16];
    int n = 0;
    for (const fo_elem *a = e; a && n < 16; a = a->parent)
        chain[n++] = a;
    fo_style_compute(f->sheet, chain[n - 1], NULL, &body);
    fo_style parent = body;
    s = body;
    for (int i = n - 2; i >= 0; i--) {
        fo_style_compute(f->sheet, chain[i], &parent, &s);
        parent = s;
    }
    return (int)lround(s.color.r * 255);
}

/* Bit i set when child i + 1 is red. */
static unsigned red_mask(fx *f, const kids *s)
{
    unsigned m = 0;
    for (int i = 0; i < s->n; i++)
        if (red(f, &s->k[i]) == 255)
            m |= 1u << i;
    return m;
}

static void test_anb_table(void **state)
{
    fx *f = *state;
    static const char *const p10[10] = {"p", "p", "p", "p", "p", "p", "p", "p", "p", "p"};
    kids s;
    make_kids(&s, p10, NULL, 10, 10);
#define ODD 0x155u
#define EVEN 0x2aau
#define ALL 0x3ffu
    static const struct {
        const char *sel;
        unsigned want; /* bit i: position i + 1 */
    } cases[] = {
        {":nth-child(odd)", ODD},
        {":nth-child(ODD)", ODD},
        {":nth-child(even)", EVEN},
        {":nth-child(2n+1)", ODD},
        {":nth-child(2n + 1)", ODD},
        {":nth-child( 2n - 1 )", ODD},
        {":nth-child(2n- 1)", ODD},
        {":nth-child(2n-1)", ODD},
        {":nth-child(2n)", EVEN},
        {":nth-child(-n+3)", 0x7u},
        {":nth-child(-n+ 3)", 0x7u},
        {":nth-child(-n + 3)", 0x7u},
        {":nth-child(n)", ALL},
        {":nth-child(N)", ALL},
        {":nth-child(+n)", ALL},
        {":nth-child(n-1)", ALL},
        {":nth-child(+n-1)", ALL},
        {":nth-child(-n-1)", 0},
        {":nth-child(+5)", 1u << 4},
        {":nth-child(5)", 1u << 4},
        {":nth-child(-2)", 0},
        {":nth-child(0n+0)", 0},
        {":nth-child(3n)", 0x124u},
        {":nth-child(3n-2)", 0x249u},
        {":nth-child(-3n+10)", 0x249u},
        {":nth-child(n+8)", 0x380u},
        {":nth-child(99999999999999)", 0},
        {":nth-child(-99999999999999n+3)", 1u << 2},
        {":first-child", 1u},
        {":last-child", 1u << 9},
        {":only-child", 0},
        {":nth-last-child(1)", 1u << 9},
        {":nth-last-child(-n+2)", 0x300u},
        {":nth-last-child(odd)", EVEN},
        {":first-of-type", 1u},
        {":nth-of-type(2n)", EVEN},
        {":not(:nth-child(odd))", EVEN},
        {":not(:first-child, :last-child)", 0x1feu},
    };
    char css[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(css, sizeof css, "body { color: blue } p%s { color: rgb(255,0,0) }",
                 cases[i].sel);
        parse(f, css);
        if (f->diag.warnings)
            fail_msg("'%s': %s", cases[i].sel, captured(f));
        unsigned got = red_mask(f, &s);
        if (got != cases[i].want)
            fail_msg("'%s' matched mask %#x, want %#x", cases[i].sel, got, cases[i].want);
    }
}

static void test_anb_invalid(void **state)
{
    fx *f = *state;
    static const struct {
        const char *arg;
        int col; /* of the offending token on line 2 ("li:nth-child(" is 13 bytes) */
    } cases[] = {
        {"2n + +1", 19},  {"+ n", 14},   {"", 14},      {"2.5n", 14}, {"n 5", 16},
        {"2n+", 17},      {"odd 1", 18}, {"n- +1", 17}, {"-n-", 17},  {"1 of p", 16},
        {"2 n", 16},      {"n-a", 14},   {"+-n", 15},   {"foo", 14},  {"1.5", 14},
        {"2n - -1", 19},  {"3n 4", 17},  {"--n", 14},
    };
    char css[200], want[96];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(css, sizeof css, "p { color: blue }\nli:nth-child(%s) { color: red }",
                 cases[i].arg);
        parse(f, css);
        snprintf(want, sizeof want, "t.css:2:%d: warning: invalid An+B in ':nth-child()'",
                 cases[i].col);
        if (!strstr(captured(f), want) || f->diag.warnings != 1)
            fail_msg("'%s': want \"%s\", got \"%s\"", cases[i].arg, want, captured(f));
        if (i == 0 && !strstr(captured(f), "unexpected '+1'"))
            fail_msg("the signed number is shown with its sign: %s", captured(f));
        /* the rule is dropped, the one before it kept */
        fo_elem body = {"body", NULL, 1, NULL, NULL, 1};
        fo_elem li = {"li", NULL, 1, &body, NULL, 1};
        assert_int_equal(red(f, &li), 0);
    }
    /* --strict makes it an error */
    const char *css2 = "li:nth-child(2x) { color: red }";
    fo_sheet *sh = NULL;
    fo_diag_dispose(&f->diag);
    f->diag.warnings = f->diag.errors = 0;
    assert_int_equal(fo_sheet_parse(css2, strlen(css2), "t.css", true, &sh, &f->diag),
                     FO_ERR_STYLE);
    assert_null(sh);
    assert_non_null(strstr(captured(f), "t.css:1:14: error: invalid An+B"));
}

static void test_sibling_combinators(void **state)
{
    fx *f = *state;
    static const char *const tags[] = {"h1", "p", "p", "h2", "p", "ul"};
    static const char *const cls[] = {NULL, NULL, "x", NULL, "x y", NULL};
    kids s;
    make_kids(&s, tags, cls, 6, 6);
    static const struct {
        const char *sel;
        unsigned want;
    } cases[] = {
        {"h1 + p", 1u << 1},
        {"h1 ~ p", 0x16u},
        {"h2 ~ p", 1u << 4},
        {"h2~p", 1u << 4},
        {"h1 + p + p", 1u << 2},
        {"p + p", 1u << 2},
        {"p ~ p", 0x14u},
        {"h1 ~ h2 + p", 1u << 4},
        {"h1 + h2", 0},
        {"body > h1 ~ ul", 1u << 5},
        {"body h2 ~ *", 0x30u},
        {"div > h1 ~ ul", 0},
        {"h1 ~ .x", 0x14u},
        {"p.x ~ p.y", 1u << 4},
        {"ul:last-child", 1u << 5},
        {"p:last-child", 0},
        {"p:first-of-type", 1u << 1},
        {"p:nth-of-type(2)", 1u << 2},
        {"p:nth-of-type(3)", 1u << 4},
        {"*:first-of-type", 0x2bu},
        {"p:not(.x)", 1u << 1},
        {"p:not(h1, .y)", 0x6u},
        {":not(p)", 0x29u},
        {"p:not(:first-of-type):not(.y)", 1u << 2},
        {":root > h2 + p", 1u << 4},
    };
    char css[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* body's own colour, so that a match on body is not inherited */
        snprintf(css, sizeof css, "body { color: blue !important } %s { color: rgb(255,0,0) }",
                 cases[i].sel);
        parse(f, css);
        if (f->diag.warnings)
            fail_msg("'%s': %s", cases[i].sel, captured(f));
        unsigned got = red_mask(f, &s);
        if (got != cases[i].want)
            fail_msg("'%s' matched mask %#x, want %#x", cases[i].sel, got, cases[i].want);
    }
    /* combinators on ancestors: an em inside each p */
    parse(f, "h1 + p em, h2 ~ p > em { color: rgb(255,0,0) }");
    int want[] = {0, 1, 0, 0, 1, 0};
    for (int i = 0; i < 6; i++) {
        fo_elem em = {"em", NULL, 1, &s.k[i], NULL, 1};
        if ((red(f, &em) == 255) != want[i])
            fail_msg("em in child %d", i + 1);
    }
}

static void test_unknown_siblings(void **state)
{
    fx *f = *state;
    static const char *const tags[] = {"p", "p", "p"};
    kids s;
    make_kids(&s, tags, NULL, 3, 0); /* count unknown */
    parse(f, "p:last-child, p:only-child, p:nth-last-child(n) { color: rgb(255,0,0) }");
    assert_int_equal(red_mask(f, &s), 0);
    make_kids(&s, tags, NULL, 3, 3);
    assert_int_equal(red_mask(f, &s), 0x7u); /* nth-last-child(n) */
    parse(f, "p:only-child { color: rgb(255,0,0) }");
    assert_int_equal(red_mask(f, &s), 0);
    make_kids(&s, tags, NULL, 1, 1);
    assert_int_equal(red_mask(f, &s), 1u);
    /* :nth-of-type() with a broken prev chain does not guess */
    make_kids(&s, tags, NULL, 3, 3);
    s.k[2].prev = NULL;
    parse(f, "p:first-of-type { color: rgb(255,0,0) }");
    assert_int_equal(red_mask(f, &s), 1u);
}

static void test_specificity(void **state)
{
    fx *f = *state;
    static const char *const tags[] = {"h1", "p", "p"};
    static const char *const cls[] = {NULL, "z w", "z"};
    kids s;
    make_kids(&s, tags, cls, 3, 3);
    static const struct {
        const char *css;
        int child; /* 1-based */
        int want;
    } cases[] = {
        /* a pseudo-class counts as a class (Selectors 4 §17) */
        {"p:nth-child(2) { color: rgb(1,0,0) } p.z { color: rgb(2,0,0) }", 2, 2},
        {"p.z { color: rgb(2,0,0) } p:nth-child(2) { color: rgb(1,0,0) }", 2, 1},
        {"p:last-child { color: rgb(1,0,0) } p { color: rgb(2,0,0) }", 3, 1},
        /* combinators add nothing */
        {"h1 + p { color: rgb(3,0,0) } body p { color: rgb(4,0,0) }", 2, 4},
        {"body p { color: rgb(4,0,0) } h1 + p { color: rgb(3,0,0) }", 2, 3},
        {"h1 ~ p { color: rgb(3,0,0) } p { color: rgb(4,0,0) }", 3, 3},
        /* :not() takes its argument's specificity, the most specific one */
        {"p:not(.a.b) { color: rgb(5,0,0) } p.z { color: rgb(6,0,0) }", 2, 5},
        {"p.z.w { color: rgb(6,0,0) } p:not(.a, .b) { color: rgb(5,0,0) }", 2, 6},
        {"p:not(.a, .b.c) { color: rgb(5,0,0) } p.z.w { color: rgb(6,0,0) }", 2, 6},
        {"p.z.w { color: rgb(6,0,0) } p:not(.a, .b.c) { color: rgb(5,0,0) }", 2, 5},
        {"p:not(h1) { color: rgb(7,0,0) } body p { color: rgb(8,0,0) }", 2, 8},
        {"body p { color: rgb(8,0,0) } p:not(h1) { color: rgb(7,0,0) }", 2, 7},
        {"p:not(h1) { color: rgb(7,0,0) } p { color: rgb(8,0,0) }", 2, 7},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parse(f, cases[i].css);
        if (f->diag.warnings)
            fail_msg("%s: %s", cases[i].css, captured(f));
        int got = red(f, &s.k[cases[i].child - 1]);
        if (got != cases[i].want)
            fail_msg("case %zu: %s gave %d, want %d", i, cases[i].css, got, cases[i].want);
    }
}

static void test_sibling_walk_long(void **state)
{
    /* 2000 siblings and a `~` that never matches: must stay fast and
     * correct (each element walks back once). */
    fx *f = *state;
    enum { N = 2000 };
    fo_elem body = {"body", NULL, 1, NULL, NULL, 1};
    fo_elem *k = calloc(N, sizeof *k);
    assert_non_null(k);
    for (int i = 0; i < N; i++)
        k[i] = (fo_elem){"p", NULL, i + 1, &body, i ? &k[i - 1] : NULL, N};
    parse(f, "h6 ~ p, h6 + p ~ p, p:nth-of-type(1999) { color: rgb(255,0,0) }");
    int reds = 0;
    for (int i = 0; i < N; i++)
        reds += red(f, &k[i]) == 255;
    assert_int_equal(reds, 1);
    assert_int_equal(red(f, &k[1998]), 255);
    free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_anb_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anb_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sibling_combinators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_siblings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_specificity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sibling_walk_long, setup, teardown),
    };
    return cmocka_run_group_tests_name("select", tests, NULL, NULL);
}
