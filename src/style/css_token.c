/* css_token.c — CSS Syntax 3 §4 tokenizer.  See css_token.h.
 *
 * The input is first decoded into code points (with their byte offsets) so
 * the algorithms of §4.3 can look three code points ahead as written. */
#include "css_token.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CP_EOF (-1)

typedef struct lexer {
    const int32_t *cp;   /* decoded code points */
    const uint32_t *off; /* byte offset of each code point; off[n] = length */
    size_t n, pos;
    /* position tracking for line/column */
    size_t lpos;
    int line;
    uint32_t line_start;
    /* scratch for token strings */
    char *buf;
    size_t blen, bcap;
    bool oom;
    fo_arena *arena;
    fo_css_reporter *rep;
    fo_css_token *toks;
    size_t ntok, cap;
} lexer;

/* ---- decoding (§3.3 preprocessing) ------------------------------------ */

static size_t decode_utf8(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; v = c & 0x07; min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < need + 1) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = (int32_t)v;
    return need + 1;
}

/* ---- helpers ---------------------------------------------------------- */

static int32_t peek(const lexer *lx, size_t k)
{
    return lx->pos + k < lx->n ? lx->cp[lx->pos + k] : CP_EOF;
}

static int32_t next(lexer *lx)
{
    int32_t c = peek(lx, 0);
    if (lx->pos < lx->n)
        lx->pos++;
    return c;
}

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static bool is_hex(int32_t c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int hex_val(int32_t c)
{
    return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
static bool is_newline(int32_t c) { return c == '\n'; } /* CR, FF folded */
static bool is_ws(int32_t c) { return c == '\n' || c == '\t' || c == ' '; }
static bool is_ident_start(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
           c == '_';
}
static bool is_ident_cp(int32_t c)
{
    return is_ident_start(c) || is_digit(c) || c == '-';
}
static bool is_nonprintable(int32_t c)
{
    return (c >= 0 && c <= 8) || c == 0x0B || (c >= 0x0E && c <= 0x1F) ||
           c == 0x7F;
}

/* §4.3.8 */
static bool valid_escape(int32_t c1, int32_t c2)
{
    return c1 == '\\' && !is_newline(c2);
}

/* §4.3.9 */
static bool starts_ident(int32_t c1, int32_t c2, int32_t c3)
{
    if (c1 == '-')
        return is_ident_start(c2) || c2 == '-' || valid_escape(c2, c3);
    if (is_ident_start(c1))
        return true;
    if (c1 == '\\')
        return valid_escape(c1, c2);
    return false;
}

/* §4.3.10 */
static bool starts_number(int32_t c1, int32_t c2, int32_t c3)
{
    if (c1 == '+' || c1 == '-')
        return is_digit(c2) || (c2 == '.' && is_digit(c3));
    if (c1 == '.')
        return is_digit(c2);
    return is_digit(c1);
}

static void buf_reset(lexer *lx) { lx->blen = 0; }

static void buf_put(lexer *lx, int32_t c)
{
    if (lx->oom)
        return;
    if (lx->bcap - lx->blen < 5) {
        size_t ncap = lx->bcap ? lx->bcap * 2 : 64;
        char *p = realloc(lx->buf, ncap);
        if (!p) {
            lx->oom = true;
            return;
        }
        lx->buf = p;
        lx->bcap = ncap;
    }
    uint32_t u = (uint32_t)c;
    char *o = lx->buf + lx->blen;
    if (u < 0x80) {
        o[0] = (char)u;
        lx->blen += 1;
    } else if (u < 0x800) {
        o[0] = (char)(0xC0 | (u >> 6));
        o[1] = (char)(0x80 | (u & 0x3F));
        lx->blen += 2;
    } else if (u < 0x10000) {
        o[0] = (char)(0xE0 | (u >> 12));
        o[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        o[2] = (char)(0x80 | (u & 0x3F));
        lx->blen += 3;
    } else {
        o[0] = (char)(0xF0 | (u >> 18));
        o[1] = (char)(0x80 | ((u >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((u >> 6) & 0x3F));
        o[3] = (char)(0x80 | (u & 0x3F));
        lx->blen += 4;
    }
}

static const char *buf_take(lexer *lx)
{
    if (lx->oom)
        return "";
    char *s = fo_arena_strndup(lx->arena, lx->buf ? lx->buf : "", lx->blen);
    if (!s) {
        lx->oom = true;
        return "";
    }
    return s;
}

/* Line and column of code point index `i`; i never decreases between calls. */
static void position(lexer *lx, size_t i, int *line, int *col)
{
    for (; lx->lpos < i; lx->lpos++) {
        if (lx->cp[lx->lpos] == '\n') {
            lx->line++;
            lx->line_start = lx->off[lx->lpos + 1];
        }
    }
    *line = lx->line;
    *col = (int)(lx->off[i] - lx->line_start) + 1;
}

/* ---- consume algorithms (§4.3) ---------------------------------------- */

/* §4.3.7, after the backslash. */
static int32_t consume_escape(lexer *lx)
{
    int32_t c = next(lx);
    if (c == CP_EOF)
        return 0xFFFD;
    if (is_hex(c)) {
        uint32_t v = (uint32_t)hex_val(c);
        for (int k = 1; k < 6 && is_hex(peek(lx, 0)); k++)
            v = v * 16 + (uint32_t)hex_val(next(lx));
        if (is_ws(peek(lx, 0)))
            next(lx);
        if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
            return 0xFFFD;
        return (int32_t)v;
    }
    return c;
}

/* §4.3.11: consume an ident sequence into the buffer. */
static void consume_ident_seq(lexer *lx)
{
    for (;;) {
        int32_t c = peek(lx, 0);
        if (is_ident_cp(c)) {
            buf_put(lx, next(lx));
        } else if (valid_escape(c, peek(lx, 1))) {
            next(lx);
            buf_put(lx, consume_escape(lx));
        } else {
            return;
        }
    }
}

/* §4.3.12, with the value computed digit by digit (no strtod: it depends on
 * the locale).  Up to 19 significant digits are kept. */
static double consume_number(lexer *lx, bool *is_integer)
{
    bool neg = false;
    uint64_t mant = 0;
    int sig = 0;
    long exp10 = 0;
    *is_integer = true;
    if (peek(lx, 0) == '+' || peek(lx, 0) == '-')
        neg = next(lx) == '-';
    while (is_digit(peek(lx, 0))) {
        int d = next(lx) - '0';
        if (sig < 19) {
            mant = mant * 10 + (uint64_t)d;
            if (mant)
                sig++;
        } else {
            exp10++;
        }
    }
    if (peek(lx, 0) == '.' && is_digit(peek(lx, 1))) {
        next(lx);
        *is_integer = false;
        while (is_digit(peek(lx, 0))) {
            int d = next(lx) - '0';
            if (sig < 19) {
                mant = mant * 10 + (uint64_t)d;
                if (mant)
                    sig++;
                exp10--;
            }
        }
    }
    int32_t e1 = peek(lx, 1);
    if ((peek(lx, 0) == 'e' || peek(lx, 0) == 'E') &&
        (is_digit(e1) || ((e1 == '+' || e1 == '-') && is_digit(peek(lx, 2))))) {
        next(lx);
        *is_integer = false;
        bool eneg = false;
        if (peek(lx, 0) == '+' || peek(lx, 0) == '-')
            eneg = next(lx) == '-';
        long ev = 0;
        while (is_digit(peek(lx, 0))) {
            int d = next(lx) - '0';
            if (ev < 100000)
                ev = ev * 10 + d;
        }
        exp10 += eneg ? -ev : ev;
    }
    double v;
    if (mant == 0)
        v = 0.0;
    else if (exp10 >= 0)
        v = (double)mant * pow(10.0, (double)(exp10 > 400 ? 400 : exp10));
    else
        v = (double)mant / pow(10.0, (double)(-exp10 > 400 ? 400 : -exp10));
    if (!isfinite(v) || v > DBL_MAX)
        v = DBL_MAX;
    return neg ? -v : v;
}

static fo_css_token *emit(lexer *lx, fo_css_tok_type type, size_t start_cp)
{
    if (lx->oom)
        return NULL;
    if (lx->ntok == lx->cap) {
        size_t ncap = lx->cap ? lx->cap * 2 : 256;
        fo_css_token *p = realloc(lx->toks, ncap * sizeof *p);
        if (!p) {
            lx->oom = true;
            return NULL;
        }
        lx->toks = p;
        lx->cap = ncap;
    }
    fo_css_token *t = &lx->toks[lx->ntok++];
    memset(t, 0, sizeof *t);
    t->type = type;
    t->value = "";
    position(lx, start_cp, &t->line, &t->col);
    t->start = lx->off[start_cp];
    t->end = lx->off[lx->pos];
    return t;
}

/* §4.3.3 */
static void consume_numeric(lexer *lx, size_t start)
{
    bool is_int;
    bool sign = peek(lx, 0) == '+' || peek(lx, 0) == '-';
    double v = consume_number(lx, &is_int);
    fo_css_tok_type type = FO_TOK_NUMBER;
    const char *unit = "";
    if (starts_ident(peek(lx, 0), peek(lx, 1), peek(lx, 2))) {
        buf_reset(lx);
        consume_ident_seq(lx);
        unit = buf_take(lx);
        type = FO_TOK_DIMENSION;
    } else if (peek(lx, 0) == '%') {
        next(lx);
        type = FO_TOK_PERCENTAGE;
    }
    fo_css_token *t = emit(lx, type, start);
    if (t) {
        t->number = v;
        t->is_integer = is_int;
        t->has_sign = sign;
        t->value = unit;
    }
}

/* §4.3.15: remnants of a bad url. */
static void consume_bad_url(lexer *lx)
{
    for (;;) {
        int32_t c = next(lx);
        if (c == ')' || c == CP_EOF)
            return;
        if (valid_escape(c, peek(lx, 0)))
            consume_escape(lx);
    }
}

/* §4.3.6, after "url(" and any whitespace. */
static void consume_url(lexer *lx, size_t start)
{
    buf_reset(lx);
    while (is_ws(peek(lx, 0)))
        next(lx);
    for (;;) {
        int32_t c = next(lx);
        if (c == ')')
            break;
        if (c == CP_EOF) {
            fo_css_token *t = emit(lx, FO_TOK_URL, start);
            if (t) {
                fo_css_warn(lx->rep, t->line, t->col, "unterminated url()");
                t->value = buf_take(lx);
            }
            return;
        }
        if (is_ws(c)) {
            while (is_ws(peek(lx, 0)))
                next(lx);
            if (peek(lx, 0) == ')' || peek(lx, 0) == CP_EOF) {
                next(lx);
                break;
            }
            consume_bad_url(lx);
            emit(lx, FO_TOK_BAD_URL, start);
            return;
        }
        if (c == '"' || c == '\'' || c == '(' || is_nonprintable(c)) {
            consume_bad_url(lx);
            emit(lx, FO_TOK_BAD_URL, start);
            return;
        }
        if (c == '\\') {
            if (valid_escape(c, peek(lx, 0))) {
                buf_put(lx, consume_escape(lx));
            } else {
                consume_bad_url(lx);
                emit(lx, FO_TOK_BAD_URL, start);
                return;
            }
            continue;
        }
        buf_put(lx, c);
    }
    fo_css_token *t = emit(lx, FO_TOK_URL, start);
    if (t)
        t->value = buf_take(lx);
}

/* §4.3.4 */
static void consume_ident_like(lexer *lx, size_t start)
{
    buf_reset(lx);
    consume_ident_seq(lx);
    bool is_url = lx->blen == 3 && (lx->buf[0] | 0x20) == 'u' &&
                  (lx->buf[1] | 0x20) == 'r' && (lx->buf[2] | 0x20) == 'l';
    if (is_url && peek(lx, 0) == '(') {
        next(lx);
        size_t k = 0;
        while (is_ws(peek(lx, k)))
            k++;
        int32_t q = peek(lx, k);
        if (q == '"' || q == '\'') {
            const char *name = buf_take(lx);
            fo_css_token *t = emit(lx, FO_TOK_FUNCTION, start);
            if (t)
                t->value = name;
            return;
        }
        consume_url(lx, start);
        return;
    }
    const char *name = buf_take(lx);
    fo_css_tok_type type = FO_TOK_IDENT;
    if (peek(lx, 0) == '(') {
        next(lx);
        type = FO_TOK_FUNCTION;
    }
    fo_css_token *t = emit(lx, type, start);
    if (t)
        t->value = name;
}

/* §4.3.5, after the opening quote. */
static void consume_string(lexer *lx, int32_t quote, size_t start)
{
    buf_reset(lx);
    for (;;) {
        int32_t c = peek(lx, 0);
        if (c == CP_EOF) {
            fo_css_token *t = emit(lx, FO_TOK_STRING, start);
            if (t) {
                fo_css_warn(lx->rep, t->line, t->col,
                            "unterminated string at end of file");
                t->value = buf_take(lx);
            }
            return;
        }
        next(lx);
        if (c == quote)
            break;
        if (is_newline(c)) {
            lx->pos--; /* reconsume the newline */
            emit(lx, FO_TOK_BAD_STRING, start);
            return;
        }
        if (c == '\\') {
            int32_t d = peek(lx, 0);
            if (d == CP_EOF)
                continue;
            if (is_newline(d)) {
                next(lx); /* line continuation */
                continue;
            }
            buf_put(lx, consume_escape(lx));
            continue;
        }
        buf_put(lx, c);
    }
    fo_css_token *t = emit(lx, FO_TOK_STRING, start);
    if (t)
        t->value = buf_take(lx);
}

/* §4.3.2 */
static void consume_comments(lexer *lx)
{
    while (peek(lx, 0) == '/' && peek(lx, 1) == '*') {
        size_t start = lx->pos;
        lx->pos += 2;
        for (;;) {
            if (peek(lx, 0) == CP_EOF) {
                int line, col;
                position(lx, start, &line, &col);
                fo_css_warn(lx->rep, line, col, "unterminated comment");
                return;
            }
            if (peek(lx, 0) == '*' && peek(lx, 1) == '/') {
                lx->pos += 2;
                break;
            }
            lx->pos++;
        }
    }
}

static void delim(lexer *lx, size_t start, int32_t c)
{
    fo_css_token *t = emit(lx, FO_TOK_DELIM, start);
    if (t)
        t->delim = (uint32_t)c;
}

/* §4.3.1 */
static void consume_token(lexer *lx)
{
    consume_comments(lx);
    size_t start = lx->pos;
    int32_t c = next(lx);
    switch (c) {
    case CP_EOF:
        return;
    case '\n': case '\t': case ' ':
        while (is_ws(peek(lx, 0)))
            next(lx);
        emit(lx, FO_TOK_WHITESPACE, start);
        return;
    case '"': case '\'':
        consume_string(lx, c, start);
        return;
    case '#':
        if (is_ident_cp(peek(lx, 0)) || valid_escape(peek(lx, 0), peek(lx, 1))) {
            bool id = starts_ident(peek(lx, 0), peek(lx, 1), peek(lx, 2));
            buf_reset(lx);
            consume_ident_seq(lx);
            const char *name = buf_take(lx);
            fo_css_token *t = emit(lx, FO_TOK_HASH, start);
            if (t) {
                t->value = name;
                t->hash_is_id = id;
            }
        } else {
            delim(lx, start, c);
        }
        return;
    case '(': emit(lx, FO_TOK_LPAREN, start); return;
    case ')': emit(lx, FO_TOK_RPAREN, start); return;
    case '[': emit(lx, FO_TOK_LBRACKET, start); return;
    case ']': emit(lx, FO_TOK_RBRACKET, start); return;
    case '{': emit(lx, FO_TOK_LBRACE, start); return;
    case '}': emit(lx, FO_TOK_RBRACE, start); return;
    case ',': emit(lx, FO_TOK_COMMA, start); return;
    case ':': emit(lx, FO_TOK_COLON, start); return;
    case ';': emit(lx, FO_TOK_SEMICOLON, start); return;
    case '+': case '.':
        if (starts_number(c, peek(lx, 0), peek(lx, 1))) {
            lx->pos = start;
            consume_numeric(lx, start);
        } else {
            delim(lx, start, c);
        }
        return;
    case '-':
        if (starts_number(c, peek(lx, 0), peek(lx, 1))) {
            lx->pos = start;
            consume_numeric(lx, start);
        } else if (peek(lx, 0) == '-' && peek(lx, 1) == '>') {
            lx->pos += 2;
            emit(lx, FO_TOK_CDC, start);
        } else if (starts_ident(c, peek(lx, 0), peek(lx, 1))) {
            lx->pos = start;
            consume_ident_like(lx, start);
        } else {
            delim(lx, start, c);
        }
        return;
    case '<':
        if (peek(lx, 0) == '!' && peek(lx, 1) == '-' && peek(lx, 2) == '-') {
            lx->pos += 3;
            emit(lx, FO_TOK_CDO, start);
        } else {
            delim(lx, start, c);
        }
        return;
    case '@':
        if (starts_ident(peek(lx, 0), peek(lx, 1), peek(lx, 2))) {
            buf_reset(lx);
            consume_ident_seq(lx);
            const char *name = buf_take(lx);
            fo_css_token *t = emit(lx, FO_TOK_AT_KEYWORD, start);
            if (t)
                t->value = name;
        } else {
            delim(lx, start, c);
        }
        return;
    case '\\':
        if (valid_escape(c, peek(lx, 0))) {
            lx->pos = start;
            consume_ident_like(lx, start);
        } else {
            delim(lx, start, c); /* parse error */
        }
        return;
    default:
        if (is_digit(c)) {
            lx->pos = start;
            consume_numeric(lx, start);
        } else if (is_ident_start(c)) {
            lx->pos = start;
            consume_ident_like(lx, start);
        } else {
            delim(lx, start, c);
        }
        return;
    }
}

fo_status fo_css_tokenize(const char *text, size_t len, fo_arena *arena,
                          fo_css_reporter *rep, fo_css_token_list *out)
{
    out->tok = NULL;
    out->count = 0;
    if (len > FO_CSS_MAX_INPUT)
        return FO_ERR_LIMIT;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3; /* BOM */

    int32_t *cp = malloc((len - i + 1) * sizeof *cp);
    uint32_t *off = malloc((len - i + 1) * sizeof *off);
    if (!cp || !off) {
        free(cp);
        free(off);
        return FO_ERR_NOMEM;
    }
    size_t n = 0;
    while (i < len) {
        int32_t c;
        size_t k;
        off[n] = (uint32_t)i;
        if (s[i] == '\r') {
            c = '\n';
            k = (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
        } else if (s[i] == '\f') {
            c = '\n';
            k = 1;
        } else if (s[i] == 0) {
            c = 0xFFFD;
            k = 1;
        } else {
            k = decode_utf8(s + i, len - i, &c);
        }
        cp[n++] = c;
        i += k;
    }
    off[n] = (uint32_t)len;

    lexer lx = {
        .cp = cp, .off = off, .n = n, .line = 1,
        .line_start = (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0,
        .arena = arena, .rep = rep,
    };
    while (lx.pos < lx.n && !lx.oom)
        consume_token(&lx);
    fo_css_token *eof = emit(&lx, FO_TOK_EOF, lx.n);
    (void)eof;
    free(lx.buf);
    free(cp);
    free(off);
    if (lx.oom) {
        free(lx.toks);
        return FO_ERR_NOMEM;
    }
    out->tok = lx.toks;
    out->count = lx.ntok;
    return FO_OK;
}

void fo_css_token_list_free(fo_css_token_list *list)
{
    if (!list)
        return;
    free(list->tok);
    list->tok = NULL;
    list->count = 0;
}

void fo_css_token_describe(const fo_css_token *t, char *buf, size_t size)
{
    static const char *const fixed[] = {
        [FO_TOK_EOF] = "end of file",
        [FO_TOK_BAD_STRING] = "unterminated string",
        [FO_TOK_BAD_URL] = "bad url()",
        [FO_TOK_WHITESPACE] = "whitespace",
        [FO_TOK_CDO] = "'<!--'",
        [FO_TOK_CDC] = "'-->'",
        [FO_TOK_COLON] = "':'",
        [FO_TOK_SEMICOLON] = "';'",
        [FO_TOK_COMMA] = "','",
        [FO_TOK_LBRACKET] = "'['",
        [FO_TOK_RBRACKET] = "']'",
        [FO_TOK_LPAREN] = "'('",
        [FO_TOK_RPAREN] = "')'",
        [FO_TOK_LBRACE] = "'{'",
        [FO_TOK_RBRACE] = "'}'",
    };
    if (size == 0)
        return;
    switch (t->type) {
    case FO_TOK_IDENT:
        snprintf(buf, size, "'%.40s'", t->value);
        break;
    case FO_TOK_FUNCTION:
        snprintf(buf, size, "'%.40s('", t->value);
        break;
    case FO_TOK_AT_KEYWORD:
        snprintf(buf, size, "'@%.40s'", t->value);
        break;
    case FO_TOK_HASH:
        snprintf(buf, size, "'#%.40s'", t->value);
        break;
    case FO_TOK_STRING:
        snprintf(buf, size, "string \"%.40s\"", t->value);
        break;
    case FO_TOK_URL:
        snprintf(buf, size, "url(%.40s)", t->value);
        break;
    case FO_TOK_NUMBER:
    case FO_TOK_PERCENTAGE:
    case FO_TOK_DIMENSION:
        snprintf(buf, size, "'%s%g%s%.20s'", t->has_sign && t->number >= 0 ? "+" : "", t->number,
                 t->type == FO_TOK_PERCENTAGE ? "%" : "", t->value);
        break;
    case FO_TOK_DELIM:
        if (t->delim >= 0x20 && t->delim < 0x7F)
            snprintf(buf, size, "'%c'", (char)t->delim);
        else
            snprintf(buf, size, "U+%04X", (unsigned)t->delim);
        break;
    default:
        snprintf(buf, size, "%s", fixed[t->type] ? fixed[t->type] : "token");
        break;
    }
}

bool fo_css_ascii_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x |= 0x20;
        if (y >= 'A' && y <= 'Z')
            y |= 0x20;
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}
