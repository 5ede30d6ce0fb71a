/* css_parse.c — CSS Syntax 3 §5.  See css_parse.h. */
#include "css_parse.h"

#include <stdlib.h>

static bool is_opener(fo_css_tok_type t)
{
    return t == FO_TOK_LBRACE || t == FO_TOK_LBRACKET || t == FO_TOK_LPAREN ||
           t == FO_TOK_FUNCTION;
}

static fo_css_tok_type closer_of(fo_css_tok_type t)
{
    switch (t) {
    case FO_TOK_LBRACE: return FO_TOK_RBRACE;
    case FO_TOK_LBRACKET: return FO_TOK_RBRACKET;
    default: return FO_TOK_RPAREN;
    }
}

fo_status fo_css_parser_init(fo_css_parser *p, const fo_css_token_list *list,
                             fo_css_reporter *rep)
{
    p->tok = list->tok;
    p->count = list->count;
    p->rep = rep;
    p->match = NULL;
    if (p->count == 0)
        return FO_OK;
    p->match = malloc(p->count * sizeof *p->match);
    size_t *stack = malloc(p->count * sizeof *stack);
    if (!p->match || !stack) {
        free(p->match);
        free(stack);
        p->match = NULL;
        return FO_ERR_NOMEM;
    }
    size_t eof = p->count - 1, depth = 0;
    for (size_t i = 0; i < p->count; i++) {
        fo_css_tok_type t = p->tok[i].type;
        p->match[i] = i;
        if (is_opener(t)) {
            stack[depth++] = i;
        } else if (depth && t == closer_of(p->tok[stack[depth - 1]].type)) {
            p->match[stack[--depth]] = i;
        }
    }
    if (depth) {
        const fo_css_token *o = &p->tok[stack[0]];
        char what[64];
        fo_css_token_describe(o, what, sizeof what);
        fo_css_warn(rep, o->line, o->col,
                    "unclosed %s; closed at end of file", what);
        for (size_t k = 0; k < depth; k++)
            p->match[stack[k]] = eof;
    }
    free(stack);
    return FO_OK;
}

void fo_css_parser_dispose(fo_css_parser *p)
{
    free(p->match);
    p->match = NULL;
}

size_t fo_css_skip_component(const fo_css_parser *p, size_t i)
{
    if (i >= p->count - 1)
        return p->count - 1;
    if (is_opener(p->tok[i].type)) {
        size_t m = p->match[i];
        return m >= p->count - 1 ? p->count - 1 : m + 1;
    }
    return i + 1;
}

/* Block contents of the {} opening at `i`. */
static void block_range(const fo_css_parser *p, size_t i, size_t end,
                        size_t *b, size_t *e)
{
    size_t m = p->match[i];
    *b = i + 1;
    *e = m < end ? m : end;
}

/* §5.4.2, at the at-keyword. */
static void consume_at_rule(fo_css_parser *p, size_t *pos, size_t end,
                            fo_css_rule *out)
{
    const fo_css_token *k = &p->tok[*pos];
    out->is_at = true;
    out->name = k->value;
    out->line = k->line;
    out->col = k->col;
    out->has_block = false;
    size_t i = *pos + 1;
    out->prelude_begin = i;
    while (i < end) {
        fo_css_tok_type t = p->tok[i].type;
        if (t == FO_TOK_SEMICOLON) {
            out->prelude_end = i;
            *pos = i + 1;
            return;
        }
        if (t == FO_TOK_LBRACE) {
            out->prelude_end = i;
            out->has_block = true;
            block_range(p, i, end, &out->block_begin, &out->block_end);
            size_t after = fo_css_skip_component(p, i);
            *pos = after < end ? after : end;
            return;
        }
        i = fo_css_skip_component(p, i);
    }
    out->prelude_end = end;
    *pos = end;
}

bool fo_css_next_rule(fo_css_parser *p, size_t *pos, size_t end,
                      bool top_level, fo_css_rule *out)
{
    if (end > p->count - 1)
        end = p->count - 1;
    while (*pos < end) {
        const fo_css_token *t = &p->tok[*pos];
        if (t->type == FO_TOK_WHITESPACE ||
            (top_level && (t->type == FO_TOK_CDO || t->type == FO_TOK_CDC))) {
            (*pos)++;
            continue;
        }
        if (t->type == FO_TOK_AT_KEYWORD) {
            consume_at_rule(p, pos, end, out);
            return true;
        }
        /* §5.4.3 qualified rule: prelude up to a {} block. */
        out->is_at = false;
        out->name = NULL;
        out->line = t->line;
        out->col = t->col;
        out->prelude_begin = *pos;
        size_t i = *pos;
        while (i < end && p->tok[i].type != FO_TOK_LBRACE)
            i = fo_css_skip_component(p, i);
        if (i >= end) {
            fo_css_warn(p->rep, t->line, t->col,
                        "rule without a '{' block at end of file; dropped");
            *pos = end;
            return false;
        }
        out->prelude_end = i;
        out->has_block = true;
        block_range(p, i, end, &out->block_begin, &out->block_end);
        size_t after = fo_css_skip_component(p, i);
        *pos = after < end ? after : end;
        return true;
    }
    return false;
}

static size_t skip_ws(const fo_css_parser *p, size_t i, size_t end)
{
    while (i < end && p->tok[i].type == FO_TOK_WHITESPACE)
        i++;
    return i;
}

/* Index of the next top-level ';' in [i, end), or end. */
static size_t find_semicolon(const fo_css_parser *p, size_t i, size_t end)
{
    while (i < end && p->tok[i].type != FO_TOK_SEMICOLON)
        i = fo_css_skip_component(p, i);
    return i < end ? i : end;
}

bool fo_css_next_item(fo_css_parser *p, size_t *pos, size_t end,
                      fo_css_item *out)
{
    if (end > p->count - 1)
        end = p->count - 1;
    while (*pos < end) {
        const fo_css_token *t = &p->tok[*pos];
        if (t->type == FO_TOK_WHITESPACE || t->type == FO_TOK_SEMICOLON) {
            (*pos)++;
            continue;
        }
        if (t->type == FO_TOK_AT_KEYWORD) {
            out->is_at = true;
            out->line = t->line;
            out->col = t->col;
            consume_at_rule(p, pos, end, &out->at);
            return true;
        }
        size_t stop = find_semicolon(p, *pos, end);
        if (t->type != FO_TOK_IDENT) {
            char what[64];
            fo_css_token_describe(t, what, sizeof what);
            fo_css_warn(p->rep, t->line, t->col,
                        "expected a property name, found %s; skipped to the next ';'",
                        what);
            *pos = stop;
            continue;
        }
        /* §5.4.6 consume a declaration over [*pos, stop). */
        size_t i = skip_ws(p, *pos + 1, stop);
        if (i >= stop || p->tok[i].type != FO_TOK_COLON) {
            const fo_css_token *bad = &p->tok[i < stop ? i : stop];
            char what[64];
            fo_css_token_describe(bad, what, sizeof what);
            fo_css_warn(p->rep, bad->line, bad->col,
                        "expected ':' after '%s', found %s; declaration dropped",
                        t->value, what);
            *pos = stop;
            continue;
        }
        out->is_at = false;
        out->name = t->value;
        out->line = t->line;
        out->col = t->col;
        out->important = false;
        size_t vb = skip_ws(p, i + 1, stop), ve = stop;
        while (ve > vb && p->tok[ve - 1].type == FO_TOK_WHITESPACE)
            ve--;
        /* "!" "important" at the end (§5.4.6 step 5). */
        if (ve > vb && p->tok[ve - 1].type == FO_TOK_IDENT &&
            fo_css_ascii_eq(p->tok[ve - 1].value, "important")) {
            size_t k = ve - 1;
            while (k > vb && p->tok[k - 1].type == FO_TOK_WHITESPACE)
                k--;
            if (k > vb && p->tok[k - 1].type == FO_TOK_DELIM &&
                p->tok[k - 1].delim == '!') {
                out->important = true;
                ve = k - 1;
                while (ve > vb && p->tok[ve - 1].type == FO_TOK_WHITESPACE)
                    ve--;
            }
        }
        out->value_begin = vb;
        out->value_end = ve;
        const fo_css_token *vt = &p->tok[vb < stop ? vb : stop];
        out->value_line = vt->line;
        out->value_col = vt->col;
        *pos = stop;
        return true;
    }
    return false;
}
