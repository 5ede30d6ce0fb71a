/* css_token.h — a CSS Syntax Level 3 tokenizer (§4).
 *
 * Hand-written on purpose: Debian has no maintained C library for CSS
 * Syntax Level 3.  libcroco, the only candidate, implements the CSS 2
 * grammar, is unmaintained (archived by GNOME) and has a history of memory
 * safety bugs on malformed input; libcss (NetSurf) is not packaged as a
 * development library and brings its own selection engine.  The tokenizer
 * is small, and owning it lets folio report byte-exact positions.
 *
 * Input is UTF-8.  Preprocessing (§3.3) is applied on the fly: CR LF, CR
 * and FF count as one newline, NUL and invalid UTF-8 bytes become U+FFFD, a
 * leading BOM is skipped.  Comments are skipped (§4.3.2).  Lines and columns
 * are 1-based; columns count bytes from the start of the line.
 *
 * Private to src/style/.
 */
#ifndef FO_CSS_TOKEN_H
#define FO_CSS_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "css_diag.h"

/* Largest input accepted, in bytes (offsets are 32-bit). */
#define FO_CSS_MAX_INPUT (64u * 1024 * 1024)

/* Token types of CSS Syntax 3 §4. */
typedef enum fo_css_tok_type {
    FO_TOK_EOF,
    FO_TOK_IDENT,       /* value = name */
    FO_TOK_FUNCTION,    /* value = name, without "(" */
    FO_TOK_AT_KEYWORD,  /* value = name, without "@" */
    FO_TOK_HASH,        /* value = name, without "#"; hash_is_id */
    FO_TOK_STRING,      /* value = contents, escapes decoded */
    FO_TOK_BAD_STRING,
    FO_TOK_URL,         /* value = the URL */
    FO_TOK_BAD_URL,
    FO_TOK_DELIM,       /* delim = the code point */
    FO_TOK_NUMBER,      /* number, is_integer */
    FO_TOK_PERCENTAGE,  /* number (50% → 50) */
    FO_TOK_DIMENSION,   /* number, is_integer, value = unit as written */
    FO_TOK_WHITESPACE,
    FO_TOK_CDO,         /* <!-- */
    FO_TOK_CDC,         /* --> */
    FO_TOK_COLON,
    FO_TOK_SEMICOLON,
    FO_TOK_COMMA,
    FO_TOK_LBRACKET,
    FO_TOK_RBRACKET,
    FO_TOK_LPAREN,
    FO_TOK_RPAREN,
    FO_TOK_LBRACE,
    FO_TOK_RBRACE,
} fo_css_tok_type;

typedef struct fo_css_token {
    fo_css_tok_type type;
    const char *value;   /* NUL-terminated UTF-8 in the arena, "" if none */
    double number;       /* finite; magnitudes beyond DBL_MAX are clamped */
    bool is_integer;     /* number had no "." and no exponent */
    bool has_sign;       /* number/percentage/dimension written with a
                            leading '+' or '-' (the "sign character" of
                            CSS Syntax 3 §4.2; An+B §6.2 needs it) */
    bool hash_is_id;     /* hash would start an identifier (§4.3.1) */
    uint32_t delim;      /* FO_TOK_DELIM: the code point */
    int line, col;       /* 1-based position of the first byte */
    size_t start, end;   /* byte offsets [start, end) in the input */
} fo_css_token;

/* A tokenized sheet.  tok[count - 1] is always FO_TOK_EOF, positioned at
 * the end of the input. */
typedef struct fo_css_token_list {
    fo_css_token *tok; /* malloc'd; strings live in the arena */
    size_t count;
} fo_css_token_list;

/* Tokenizes `len` bytes of `text` (CSS Syntax 3 §4.3.1, repeatedly until
 * EOF).  Token strings are allocated in `arena`, the token array with
 * malloc; the caller frees it with fo_css_token_list_free.  Unterminated
 * comments and strings at end of file are reported through `rep` (they are
 * parse errors, §4.3.2, §4.3.5) and tokenizing continues.  Never fails on
 * any byte sequence.  Returns FO_ERR_NOMEM on allocation failure and
 * FO_ERR_LIMIT when len > FO_CSS_MAX_INPUT (out is then empty). */
fo_status fo_css_tokenize(const char *text, size_t len, fo_arena *arena,
                          fo_css_reporter *rep, fo_css_token_list *out);

/* Frees the token array (not the arena strings).  Accepts NULL. */
void fo_css_token_list_free(fo_css_token_list *list);

/* Writes a short human description of `t` for messages ("'color'",
 * "'{'", "end of file", "string") into buf (always NUL-terminated). */
void fo_css_token_describe(const fo_css_token *t, char *buf, size_t size);

/* ASCII case-insensitive comparison, as CSS keywords compare (CSS Syntax 3
 * §2.1 / Values 4).  Returns true when a equals b. */
bool fo_css_ascii_eq(const char *a, const char *b);

#endif
