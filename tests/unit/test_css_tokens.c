/* test_css_tokens.c — the CSS Syntax 3 tokenizer (§4) and parser (§5). */
#include <float.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "style/css_parse.h"
#include "style/css_token.h"

typedef struct fx {
    fo_arena *arena;
    fo_diag diag;
    fo_css_reporter rep;
    fo_css_token_list list;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->arena = fo_arena_new();
    fo_diag_init(&f->diag);
    f->diag.out = NULL;
    f->diag.capture = true;
    f->rep = (fo_css_reporter){&f->diag, "t.css", false, 0};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    fo_css_token_list_free(&f->list);
    fo_arena_free(f->arena);
    fo_diag_dispose(&f->diag);
    free(f);
    return 0;
}

static void lexn(fx *f, const char *s, size_t n)
{
    fo_css_token_list_free(&f->list);
    assert_int_equal(fo_css_tokenize(s, n, f->arena, &f->rep, &f->list), FO_OK);
    assert_true(f->list.count >= 1);
    assert_int_equal(f->list.tok[f->list.count - 1].type, FO_TOK_EOF);
}

static void lex(fx *f, const char *s) { lexn(f, s, strlen(s)); }

/* The i-th non-whitespace token. */
static const fo_css_token *nth(fx *f, size_t i)
{
    for (size_t k = 0; k < f->list.count; k++)
        if (f->list.tok[k].type != FO_TOK_WHITESPACE && i-- == 0)
            return &f->list.tok[k];
    fail_msg("no token %zu", i);
    return NULL;
}

static void test_basic_types(void **state)
{
    fx *f = *state;
    lex(f, "@page p.x#id > a{b:c;d,[e](f)} <!-- --> 'str' url(u.png) rgb(1)");
    fo_css_tok_type want[] = {
        FO_TOK_AT_KEYWORD, FO_TOK_IDENT, FO_TOK_DELIM, FO_TOK_IDENT, FO_TOK_HASH,
        FO_TOK_DELIM, FO_TOK_IDENT, FO_TOK_LBRACE, FO_TOK_IDENT, FO_TOK_COLON,
        FO_TOK_IDENT, FO_TOK_SEMICOLON, FO_TOK_IDENT, FO_TOK_COMMA, FO_TOK_LBRACKET,
        FO_TOK_IDENT, FO_TOK_RBRACKET, FO_TOK_LPAREN, FO_TOK_IDENT, FO_TOK_RPAREN,
        FO_TOK_RBRACE, FO_TOK_CDO, FO_TOK_CDC, FO_TOK_STRING, FO_TOK_URL,
        FO_TOK_FUNCTION, FO_TOK_NUMBER, FO_TOK_RPAREN, FO_TOK_EOF,
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(nth(f, i)->type, want[i]);
    assert_string_equal(nth(f, 0)->value, "page");
    assert_string_equal(nth(f, 4)->value, "id");
    assert_true(nth(f, 4)->hash_is_id);
    assert_int_equal(nth(f, 5)->delim, '>');
    assert_string_equal(nth(f, 23)->value, "str");
    assert_string_equal(nth(f, 24)->value, "u.png");
    assert_string_equal(nth(f, 25)->value, "rgb");
    assert_int_equal(f->diag.warnings, 0);
}

static void test_escapes(void **state)
{
    fx *f = *state;
    /* one whitespace after a hex escape belongs to the escape */
    lex(f, "\\41 B \"\\41 x\\\"y\\\nz\" \\0  \\110000  \\D800  a\\-b #\\31 23 \\");
    assert_string_equal(nth(f, 0)->value, "AB");
    assert_string_equal(nth(f, 1)->value, "Ax\"yz"); /* escaped newline = continuation */
    assert_string_equal(nth(f, 2)->value, "\xEF\xBF\xBD"); /* \0 → U+FFFD */
    assert_string_equal(nth(f, 3)->value, "\xEF\xBF\xBD"); /* > U+10FFFF */
    assert_string_equal(nth(f, 4)->value, "\xEF\xBF\xBD"); /* surrogate */
    assert_string_equal(nth(f, 5)->value, "a-b");
    assert_int_equal(nth(f, 6)->type, FO_TOK_HASH);
    assert_string_equal(nth(f, 6)->value, "123");
    /* a lone backslash at EOF is a valid escape giving U+FFFD (§4.3.7) */
    assert_int_equal(nth(f, 7)->type, FO_TOK_IDENT);
    assert_string_equal(nth(f, 7)->value, "\xEF\xBF\xBD");
    /* backslash-newline outside a string is a delim (parse error) */
    lex(f, "\\\nx");
    assert_int_equal(nth(f, 0)->type, FO_TOK_DELIM);
    assert_int_equal(nth(f, 0)->delim, '\\');
}

static void test_numbers(void **state)
{
    fx *f = *state;
    lex(f, "12 1.5 -3 +.5 1e3 1E-2 10% 12px 2.5EM 12e -.0 7.foo 0.1 1.3");
    assert_int_equal(nth(f, 0)->type, FO_TOK_NUMBER);
    assert_true(nth(f, 0)->is_integer);
    assert_true(nth(f, 0)->number == 12);
    assert_false(nth(f, 1)->is_integer);
    assert_true(nth(f, 1)->number == 1.5);
    assert_true(nth(f, 2)->number == -3);
    assert_true(nth(f, 3)->number == 0.5);
    assert_true(nth(f, 4)->number == 1000);
    assert_false(nth(f, 4)->is_integer);
    assert_true(nth(f, 5)->number == 0.01);
    assert_int_equal(nth(f, 6)->type, FO_TOK_PERCENTAGE);
    assert_true(nth(f, 6)->number == 10);
    assert_int_equal(nth(f, 7)->type, FO_TOK_DIMENSION);
    assert_string_equal(nth(f, 7)->value, "px");
    assert_string_equal(nth(f, 8)->value, "EM");
    assert_int_equal(nth(f, 9)->type, FO_TOK_DIMENSION); /* "e" without digits is a unit */
    assert_string_equal(nth(f, 9)->value, "e");
    assert_true(nth(f, 10)->number == 0);
    /* "7." : number 7 then delim "." then ident */
    assert_true(nth(f, 11)->number == 7);
    assert_int_equal(nth(f, 12)->type, FO_TOK_DELIM);
    assert_true(nth(f, 14)->number == 0.1);
    assert_true(nth(f, 15)->number == 1.3);
}

static void test_huge_numbers(void **state)
{
    fx *f = *state;
    lex(f, "1e308 1e400 -1e99999999999 1e-400 123456789012345678901234567890 "
           "0.000000000000000000000000000000000001 1e+2");
    assert_true(nth(f, 0)->number == 1e308);
    assert_true(nth(f, 1)->number == DBL_MAX);
    assert_true(nth(f, 2)->number == -DBL_MAX);
    assert_true(nth(f, 3)->number == 0);
    assert_true(nth(f, 4)->number > 1.2345678e29 && nth(f, 4)->number < 1.2345679e29);
    assert_true(nth(f, 5)->number > 0.99e-36 && nth(f, 5)->number < 1.01e-36);
    assert_true(nth(f, 6)->number == 100);
}

static void test_unterminated(void **state)
{
    fx *f = *state;
    lex(f, "a \"abc");
    assert_int_equal(nth(f, 1)->type, FO_TOK_STRING);
    assert_string_equal(nth(f, 1)->value, "abc");
    assert_non_null(strstr(f->diag.captured, "t.css:1:3: warning: unterminated string at end of file"));

    lex(f, "'abc\ndef'");
    assert_int_equal(nth(f, 0)->type, FO_TOK_BAD_STRING);
    assert_int_equal(nth(f, 1)->type, FO_TOK_IDENT); /* def */
    assert_int_equal(nth(f, 2)->type, FO_TOK_STRING); /* unterminated "'" */

    lex(f, "x /* never closed");
    assert_int_equal(nth(f, 0)->type, FO_TOK_IDENT);
    assert_int_equal(nth(f, 1)->type, FO_TOK_EOF);
    assert_non_null(strstr(f->diag.captured, "t.css:1:3: warning: unterminated comment"));

    lex(f, "url(abc");
    assert_int_equal(nth(f, 0)->type, FO_TOK_URL);
    assert_string_equal(nth(f, 0)->value, "abc");
    lex(f, "url(a b) url(a\"b) url( \"q\" ) url(  x  )");
    assert_int_equal(nth(f, 0)->type, FO_TOK_BAD_URL);
    assert_int_equal(nth(f, 1)->type, FO_TOK_BAD_URL);
    assert_int_equal(nth(f, 2)->type, FO_TOK_FUNCTION);
    assert_int_equal(nth(f, 3)->type, FO_TOK_STRING);
    assert_int_equal(nth(f, 5)->type, FO_TOK_URL);
    assert_string_equal(nth(f, 5)->value, "x");
}

static void test_comments_skipped(void **state)
{
    fx *f = *state;
    lex(f, "a/* x */b /**/ /* * / */c");
    assert_string_equal(nth(f, 0)->value, "a");
    assert_string_equal(nth(f, 1)->value, "b");
    assert_string_equal(nth(f, 2)->value, "c");
    assert_int_equal(nth(f, 3)->type, FO_TOK_EOF);
}

static void test_positions(void **state)
{
    fx *f = *state;
    lex(f, "a\n  b\r\nc\rd\fe \xC3\xA9 f");
    assert_int_equal(nth(f, 0)->line, 1);
    assert_int_equal(nth(f, 0)->col, 1);
    assert_int_equal(nth(f, 1)->line, 2);
    assert_int_equal(nth(f, 1)->col, 3);
    assert_int_equal(nth(f, 2)->line, 3); /* CR LF is one newline */
    assert_int_equal(nth(f, 2)->col, 1);
    assert_int_equal(nth(f, 3)->line, 4); /* CR alone */
    assert_int_equal(nth(f, 4)->line, 5); /* FF */
    assert_int_equal(nth(f, 5)->col, 3);  /* é */
    assert_int_equal(nth(f, 6)->col, 6);  /* columns count bytes */
    assert_int_equal(nth(f, 6)->line, 5);
    const fo_css_token *eof = nth(f, 7);
    assert_int_equal(eof->type, FO_TOK_EOF);
    assert_int_equal(eof->col, 7);
    /* BOM is skipped and not counted */
    lex(f, "\xEF\xBB\xBFp");
    assert_string_equal(nth(f, 0)->value, "p");
    assert_int_equal(nth(f, 0)->col, 1);
    /* byte offsets */
    lex(f, "ab  cd");
    assert_int_equal(nth(f, 1)->start, 4);
    assert_int_equal(nth(f, 1)->end, 6);
}

static void test_nul_and_garbage(void **state)
{
    fx *f = *state;
    lexn(f, "a\0b", 3);
    assert_int_equal(nth(f, 0)->type, FO_TOK_IDENT);
    assert_string_equal(nth(f, 0)->value, "a\xEF\xBF\xBD" "b");
    lexn(f, "\xFF\xFE\xC0\x80 \xE2\x82", 7);
    /* invalid UTF-8 becomes U+FFFD, which is an ident code point */
    assert_int_equal(nth(f, 0)->type, FO_TOK_IDENT);
    assert_string_equal(nth(f, 0)->value,
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(nth(f, 1)->type, FO_TOK_IDENT);
    lexn(f, "\x01\x7f", 2);
    assert_int_equal(nth(f, 0)->type, FO_TOK_DELIM);
    assert_int_equal(nth(f, 0)->delim, 1);
    lexn(f, "", 0);
    assert_int_equal(f->list.count, 1);
}

/* ---- parser ------------------------------------------------------------ */

static void test_parser_rules_and_items(void **state)
{
    fx *f = *state;
    lex(f, "<!-- @charset \"x\"; p, q { color : red !important ; ; x: 1 ! IMPORTANT; "
           "9px; y z; w: } @media print { a {} } -->");
    fo_css_parser p;
    assert_int_equal(fo_css_parser_init(&p, &f->list, &f->rep), FO_OK);
    size_t pos = 0;
    fo_css_rule r;
    assert_true(fo_css_next_rule(&p, &pos, p.count - 1, true, &r));
    assert_true(r.is_at);
    assert_string_equal(r.name, "charset");
    assert_false(r.has_block);
    assert_true(fo_css_next_rule(&p, &pos, p.count - 1, true, &r));
    assert_false(r.is_at);
    assert_int_equal(p.tok[r.prelude_begin].type, FO_TOK_IDENT);

    size_t ipos = r.block_begin;
    fo_css_item it;
    assert_true(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_string_equal(it.name, "color");
    assert_true(it.important);
    assert_int_equal(it.value_end - it.value_begin, 1);
    assert_string_equal(p.tok[it.value_begin].value, "red");
    assert_true(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_string_equal(it.name, "x");
    assert_true(it.important);
    /* 9px; and "y z" are reported and skipped */
    assert_true(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_string_equal(it.name, "w");
    assert_int_equal(it.value_begin, it.value_end);
    assert_false(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_non_null(strstr(f->diag.captured, "expected a property name, found '9px'"));
    assert_non_null(strstr(f->diag.captured, "expected ':' after 'y', found 'z'"));

    assert_true(fo_css_next_rule(&p, &pos, p.count - 1, true, &r));
    assert_true(r.is_at);
    assert_string_equal(r.name, "media");
    assert_true(r.has_block);
    assert_false(fo_css_next_rule(&p, &pos, p.count - 1, true, &r));
    fo_css_parser_dispose(&p);
}

static void test_parser_unclosed(void **state)
{
    fx *f = *state;
    lex(f, "p { color: red; x: (a; b: c");
    fo_css_parser p;
    assert_int_equal(fo_css_parser_init(&p, &f->list, &f->rep), FO_OK);
    assert_non_null(strstr(f->diag.captured, "t.css:1:3: warning: unclosed '{'; closed at end of file"));
    size_t pos = 0;
    fo_css_rule r;
    assert_true(fo_css_next_rule(&p, &pos, p.count - 1, true, &r));
    size_t ipos = r.block_begin;
    fo_css_item it;
    assert_true(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_string_equal(it.name, "color");
    /* "(a; b: c" is one unclosed block: x's value swallows the rest */
    assert_true(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_string_equal(it.name, "x");
    assert_false(fo_css_next_item(&p, &ipos, r.block_end, &it));
    assert_false(fo_css_next_rule(&p, &pos, p.count - 1, true, &r));
    fo_css_parser_dispose(&p);
}

static void test_parser_deep_nesting(void **state)
{
    fx *f = *state;
    size_t depth = 100000;
    char *s = malloc(depth * 2 + 32);
    size_t n = 0;
    n += (size_t)sprintf(s, "p { a: ");
    for (size_t i = 0; i < depth; i++)
        s[n++] = "{[("[i % 3];
    s[n] = 0;
    lex(f, s);
    fo_css_parser p;
    assert_int_equal(fo_css_parser_init(&p, &f->list, &f->rep), FO_OK);
    size_t pos = 0;
    fo_css_rule r;
    int rules = 0;
    while (fo_css_next_rule(&p, &pos, p.count - 1, true, &r)) {
        size_t ip = r.block_begin;
        fo_css_item it;
        while (fo_css_next_item(&p, &ip, r.block_end, &it))
            ;
        rules++;
    }
    assert_int_equal(rules, 1);
    fo_css_parser_dispose(&p);
    /* and matched nesting: 1000 levels of closed blocks */
    n = 0;
    for (int i = 0; i < 1000; i++)
        s[n++] = '{';
    for (int i = 0; i < 1000; i++)
        s[n++] = '}';
    s[n] = 0;
    lex(f, s);
    assert_int_equal(fo_css_parser_init(&p, &f->list, &f->rep), FO_OK);
    assert_int_equal(p.match[0], 1999);
    assert_int_equal(p.match[999], 1000);
    fo_css_parser_dispose(&p);
    free(s);
}

static void test_describe(void **state)
{
    fx *f = *state;
    char buf[64];
    lex(f, "foo 12px 50% ; \x01");
    fo_css_token_describe(nth(f, 0), buf, sizeof buf);
    assert_string_equal(buf, "'foo'");
    fo_css_token_describe(nth(f, 1), buf, sizeof buf);
    assert_string_equal(buf, "'12px'");
    fo_css_token_describe(nth(f, 2), buf, sizeof buf);
    assert_string_equal(buf, "'50%'");
    fo_css_token_describe(nth(f, 3), buf, sizeof buf);
    assert_string_equal(buf, "';'");
    fo_css_token_describe(nth(f, 4), buf, sizeof buf);
    assert_string_equal(buf, "U+0001");
    fo_css_token_describe(nth(f, 5), buf, sizeof buf);
    assert_string_equal(buf, "end of file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_basic_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unterminated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nul_and_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parser_rules_and_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parser_unclosed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parser_deep_nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe, setup, teardown),
    };
    return cmocka_run_group_tests_name("css_tokens", tests, NULL, NULL);
}
