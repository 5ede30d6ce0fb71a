/* vars.c — custom properties and var().  See vars.h. */
#include "vars.h"

#include <stdlib.h>
#include <string.h>

#include "css_diag.h"

bool fo_vars_uses(const fo_css_token *t, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (t[i].type == FO_TOK_FUNCTION && fo_css_ascii_eq(t[i].value, "var"))
            return true;
    return false;
}

static fo_css_token *copy_tokens(fo_arena *a, const fo_css_token *t, size_t b, size_t e)
{
    size_t n = e > b ? e - b : 0;
    fo_css_token *c = fo_arena_alloc(a, (n ? n : 1) * sizeof *c);
    if (c && n)
        memcpy(c, t + b, n * sizeof *c);
    return c;
}

bool fo_vars_define(fo_sheet *s, const char *name, const fo_css_token *t,
                    size_t b, size_t e)
{
    /* trim whitespace (Custom Properties 1 §2) */
    while (b < e && t[b].type == FO_TOK_WHITESPACE)
        b++;
    while (e > b && t[e - 1].type == FO_TOK_WHITESPACE)
        e--;
    fo_css_token *c = copy_tokens(s->arena, t, b, e);
    if (!c)
        return false;
    for (size_t k = s->ncustoms; k-- > 0;) {
        if (strcmp(s->customs[k].name, name) == 0) {
            s->customs[k].tok = c;
            s->customs[k].count = e - b;
            return true;
        }
    }
    if (s->ncustoms == s->cap_customs) {
        size_t ncap = s->cap_customs ? s->cap_customs * 2 : 16;
        fo_custom *p = realloc(s->customs, ncap * sizeof *p);
        if (!p)
            return false;
        s->customs = p;
        s->cap_customs = ncap;
    }
    const char *nm = fo_arena_strdup(s->arena, name);
    if (!nm)
        return false;
    s->customs[s->ncustoms++] = (fo_custom){nm, c, e - b};
    return true;
}

bool fo_vars_defer(fo_sheet *s, const char *name, const fo_css_token *t,
                   size_t b, size_t e, bool important, fo_origin origin,
                   const char *path, int line, int col)
{
    if (s->ndeferred == s->cap_deferred) {
        size_t ncap = s->cap_deferred ? s->cap_deferred * 2 : 16;
        fo_deferred *p = realloc(s->deferred, ncap * sizeof *p);
        if (!p)
            return false;
        s->deferred = p;
        s->cap_deferred = ncap;
    }
    fo_css_token *c = copy_tokens(s->arena, t, b, e);
    const char *nm = fo_arena_strdup(s->arena, name);
    if (!c || !nm)
        return false;
    fo_deferred d = {nm, c, e - b, (uint32_t)s->ndecls, important, (uint8_t)origin,
                     path, line, col, false};
    for (int k = 0; k < FO_PROP_MAX_EXPAND; k++) {
        if (s->ndecls == s->cap_decls) {
            size_t ncap = s->cap_decls ? s->cap_decls * 2 : 64;
            fo_decl *p = realloc(s->decls, ncap * sizeof *p);
            if (!p)
                return false;
            s->decls = p;
            s->cap_decls = ncap;
        }
        s->decls[s->ndecls++] = (fo_decl){.prop = FO_PROP_COUNT}; /* empty slot */
    }
    s->deferred[s->ndeferred++] = d;
    return true;
}

static const fo_custom *lookup(const fo_sheet *s, const char *name)
{
    for (size_t k = 0; k < s->ncustoms; k++)
        if (strcmp(s->customs[k].name, name) == 0)
            return &s->customs[k];
    return NULL;
}

typedef struct tokbuf {
    fo_css_token *t;
    size_t n, cap;
} tokbuf;

static bool push(tokbuf *b, const fo_css_token *t)
{
    if (b->n == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        if (ncap > 1u << 20)
            return false; /* a billion-laughs expansion */
        fo_css_token *p = realloc(b->t, ncap * sizeof *p);
        if (!p)
            return false;
        b->t = p;
        b->cap = ncap;
    }
    b->t[b->n++] = *t;
    return true;
}

/* Index just past the ')' closing the function or block opened at i - 1
 * (or e when unclosed). */
static size_t skip_to_close(const fo_css_token *t, size_t i, size_t e)
{
    int depth = 1;
    for (; i < e; i++) {
        fo_css_tok_type ty = t[i].type;
        if (ty == FO_TOK_FUNCTION || ty == FO_TOK_LPAREN)
            depth++;
        else if (ty == FO_TOK_RPAREN && --depth == 0)
            return i + 1;
    }
    return e;
}

typedef enum { SUB_OK, SUB_BAD, SUB_NOMEM } sub_result;

/* Appends tokens [b, e) to out with var() substituted. */
static sub_result substitute(const fo_sheet *s, const fo_css_token *t, size_t b, size_t e,
                             int depth, tokbuf *out, const char **why, const char **name)
{
    if (depth > FO_VAR_MAX_DEPTH) {
        *why = "var() nested too deeply or cyclic";
        return SUB_BAD;
    }
    for (size_t i = b; i < e; i++) {
        if (!(t[i].type == FO_TOK_FUNCTION && fo_css_ascii_eq(t[i].value, "var"))) {
            if (!push(out, &t[i]))
                return SUB_NOMEM;
            continue;
        }
        size_t close = skip_to_close(t, i + 1, e);
        size_t j = i + 1, end = close > i + 1 && t[close - 1].type == FO_TOK_RPAREN
                                    ? close - 1 : close;
        while (j < end && t[j].type == FO_TOK_WHITESPACE)
            j++;
        if (j >= end || t[j].type != FO_TOK_IDENT || strncmp(t[j].value, "--", 2) != 0) {
            *why = "var() needs a custom property name such as --accent";
            return SUB_BAD;
        }
        const char *vn = t[j].value;
        j++;
        while (j < end && t[j].type == FO_TOK_WHITESPACE)
            j++;
        bool has_fallback = false;
        if (j < end) {
            if (t[j].type != FO_TOK_COMMA) {
                *why = "unexpected text in var()";
                return SUB_BAD;
            }
            has_fallback = true;
            j++;
        }
        const fo_custom *c = lookup(s, vn);
        sub_result r;
        if (c)
            r = substitute(s, c->tok, 0, c->count, depth + 1, out, why, name);
        else if (has_fallback)
            r = substitute(s, t, j, end, depth + 1, out, why, name);
        else {
            *name = vn;
            *why = "undefined custom property";
            return SUB_BAD;
        }
        if (r != SUB_OK)
            return r;
        i = close - 1;
    }
    return SUB_OK;
}

fo_status fo_vars_resolve(fo_sheet *s, fo_diag *diag, bool strict, int *problems)
{
    tokbuf buf = {0};
    fo_status st = FO_OK;
    for (size_t k = 0; k < s->ndeferred && st == FO_OK; k++) {
        fo_deferred *d = &s->deferred[k];
        for (int i = 0; i < FO_PROP_MAX_EXPAND; i++)
            s->decls[d->slot + i] = (fo_decl){.prop = FO_PROP_COUNT};
        buf.n = 0;
        const char *why = NULL, *undefined = NULL;
        sub_result r = substitute(s, d->tok, 0, d->count, 0, &buf, &why, &undefined);
        fo_css_reporter rep = {d->reported ? NULL : diag, d->path, strict, 0};
        if (r == SUB_NOMEM) {
            st = FO_ERR_NOMEM;
            break;
        }
        if (r == SUB_BAD) {
            if (undefined)
                fo_css_warn(&rep, d->line, d->col,
                            "undefined custom property '%.60s' in '%.60s'; declaration dropped",
                            undefined, d->name);
            else
                fo_css_warn(&rep, d->line, d->col, "%s in '%.60s'; declaration dropped",
                            why, d->name);
        } else {
            fo_decl out[FO_PROP_MAX_EXPAND];
            int n;
            fo_css_token eof = {.type = FO_TOK_EOF, .value = ""};
            if (!push(&buf, &eof)) {
                st = FO_ERR_NOMEM;
                break;
            }
            fo_prop_result pr = fo_prop_parse(d->name, buf.t, 0, buf.n - 1, s->arena,
                                              out, &n, &why);
            if (pr == FO_PROP_NOMEM) {
                st = FO_ERR_NOMEM;
                break;
            }
            if (pr == FO_PROP_OK) {
                for (int i = 0; i < n; i++) {
                    out[i].important = d->important;
                    out[i].origin = d->origin;
                    s->decls[d->slot + i] = out[i];
                }
            } else {
                fo_css_warn(&rep, d->line, d->col,
                            "invalid value for '%.60s' after var() substitution%s%s%s; "
                            "declaration dropped",
                            d->name, why ? " (" : "", why ? why : "", why ? ")" : "");
            }
        }
        if (!d->reported)
            *problems += rep.count;
        d->reported = true;
    }
    free(buf.t);
    return st;
}
