/* select.c — selectors.  See select.h. */
#include "select.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_NTH 16  /* position tests in one compound */
#define MAX_NOTS 16 /* :not() arguments in one compound */

static bool is_delim(const fo_css_token *t, char c)
{
    return t->type == FO_TOK_DELIM && t->delim == (uint32_t)c;
}

static char *lower_dup(fo_arena *a, const char *s)
{
    char *d = fo_arena_strdup(a, s);
    if (d)
        for (char *p = d; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p | 0x20);
    return d;
}

typedef enum { SEL_OK, SEL_BAD, SEL_NOMEM } sel_result;

static sel_result bad(fo_css_reporter *rep, const fo_css_token *t,
                      bool unsupported, const char *what)
{
    char desc[64];
    if (!what) {
        fo_css_token_describe(t, desc, sizeof desc);
        what = desc;
    }
    if (unsupported)
        fo_css_warn(rep, t->line, t->col, "unsupported selector %s; rule dropped", what);
    else
        fo_css_warn(rep, t->line, t->col,
                    "invalid selector: unexpected %s; rule dropped", what);
    return SEL_BAD;
}

/* What a compound parser needs: the tokens, the arena and the reporter. */
typedef struct sel_ctx {
    const fo_css_token *tok;
    fo_arena *arena;
    fo_css_reporter *rep;
} sel_ctx;

/* Specificity counts (Selectors 4 §17; folio has no ids). */
typedef struct spec {
    unsigned b; /* classes and pseudo-classes */
    unsigned c; /* types and pseudo-elements */
} spec;

static int clamp_int(double v)
{
    return v > 1e9 ? 1000000000 : v < -1e9 ? -1000000000 : (int)v;
}

/* Index of the ')' closing the function token at `f`, or `e` when the
 * block is not closed before `e`. */
static size_t closing_paren(const fo_css_token *tok, size_t f, size_t e)
{
    int depth = 0;
    for (size_t i = f; i < e; i++) {
        fo_css_tok_type t = tok[i].type;
        if (t == FO_TOK_FUNCTION || t == FO_TOK_LPAREN)
            depth++;
        else if (t == FO_TOK_RPAREN && --depth == 0)
            return i;
    }
    return e;
}

static sel_result bad_anb(sel_ctx *X, const fo_css_token *t, const char *fn, const char *why)
{
    char desc[64];
    if (!why) {
        fo_css_token_describe(t, desc, sizeof desc);
        why = desc;
    }
    fo_css_warn(X->rep, t->line, t->col,
                "invalid An+B in ':%.40s()': unexpected %s; rule dropped", fn, why);
    return SEL_BAD;
}

/* "n", "n-" or "n-<digits>" after the A part (ASCII case-insensitive).
 * Returns 0: just n, 1: n-, 2: n-digits (*b set), -1: anything else. */
static int n_suffix(const char *s, int *b)
{
    if (*s != 'n' && *s != 'N')
        return -1;
    s++;
    if (!*s)
        return 0;
    if (*s != '-')
        return -1;
    s++;
    if (!*s)
        return 1;
    double v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        if (v < 1e10)
            v = v * 10 + (*s - '0');
    }
    *b = clamp_int(-v);
    return 2;
}

/* The An+B microsyntax (CSS Syntax 3 §6.2) in tokens [i, e) — the
 * argument of a function whose name is `fn`.  Reports the first
 * offending token.  `close` is the ')' (for an empty argument). */
static sel_result parse_anb(sel_ctx *X, size_t i, size_t e, const fo_css_token *close,
                            const char *fn, int *pa, int *pb)
{
    const fo_css_token *tok = X->tok;
    while (i < e && tok[i].type == FO_TOK_WHITESPACE)
        i++;
    while (e > i && tok[e - 1].type == FO_TOK_WHITESPACE)
        e--;
    if (i >= e)
        return bad_anb(X, close, fn, "')' (empty argument)");
    const fo_css_token *t = &tok[i];
    int a = 0, b = 0;
    if (t->type == FO_TOK_IDENT && fo_css_ascii_eq(t->value, "odd")) {
        a = 2, b = 1, i++;
    } else if (t->type == FO_TOK_IDENT && fo_css_ascii_eq(t->value, "even")) {
        a = 2, b = 0, i++;
    } else if (t->type == FO_TOK_NUMBER) {
        if (!t->is_integer)
            return bad_anb(X, t, fn, "a number that is not an integer");
        a = 0, b = clamp_int(t->number), i++;
    } else {
        /* '+'? n ... : the '+' must touch the ident (no whitespace). */
        bool plus = false;
        if (is_delim(t, '+') && i + 1 < e && tok[i + 1].type == FO_TOK_IDENT) {
            plus = true;
            t = &tok[++i];
        }
        const char *name;
        if (t->type == FO_TOK_IDENT) {
            name = t->value;
            a = 1;
            if (*name == '-' && !plus) {
                a = -1;
                name++;
            }
        } else if (t->type == FO_TOK_DIMENSION && t->is_integer) {
            name = t->value;
            a = clamp_int(t->number);
        } else {
            return bad_anb(X, t, fn, NULL);
        }
        int form = n_suffix(name, &b);
        if (form < 0)
            return bad_anb(X, t, fn, NULL);
        i++;
        if (form == 0 || form == 1) {
            while (i < e && tok[i].type == FO_TOK_WHITESPACE)
                i++;
            if (i < e) {
                const fo_css_token *u = &tok[i];
                int sign = 0;
                if (form == 0 && u->type == FO_TOK_NUMBER && u->is_integer && u->has_sign) {
                    b = clamp_int(u->number); /* n <signed-integer> */
                    i++;
                } else {
                    if (form == 1) {
                        sign = -1; /* n- <signless-integer> */
                    } else if (is_delim(u, '+') || is_delim(u, '-')) {
                        sign = is_delim(u, '+') ? 1 : -1; /* n ['+'|'-'] <signless> */
                        i++;
                        while (i < e && tok[i].type == FO_TOK_WHITESPACE)
                            i++;
                        if (i >= e)
                            return bad_anb(X, close, fn, "')' after the sign");
                        u = &tok[i];
                    } else {
                        return bad_anb(X, u, fn, NULL);
                    }
                    if (u->type != FO_TOK_NUMBER || !u->is_integer || u->has_sign)
                        return bad_anb(X, u, fn, NULL);
                    b = clamp_int(sign * u->number);
                    i++;
                }
            } else if (form == 1) {
                return bad_anb(X, close, fn, "')' after 'n-'");
            }
        }
    }
    while (i < e && tok[i].type == FO_TOK_WHITESPACE)
        i++;
    if (i < e)
        return bad_anb(X, &tok[i], fn, NULL);
    *pa = a;
    *pb = b;
    return SEL_OK;
}

static sel_result parse_compound(sel_ctx *X, size_t *pi, size_t e, fo_compound *out,
                                 spec *sp, fo_pseudo *pseudo);

/* :not( at tok[f] with arguments [f + 1, close): a list of compound
 * selectors (Selectors 4 §4.3).  Each argument becomes one entry of
 * nots[]; the pseudo-class takes the specificity of its most specific
 * argument (§17). */
static sel_result parse_not(sel_ctx *X, size_t f, size_t close, fo_compound *nots, int *nnots,
                            spec *sp)
{
    const fo_css_token *tok = X->tok;
    spec best = {0, 0};
    size_t b = f + 1;
    for (;;) {
        size_t e = b;
        int depth = 0;
        while (e < close && !(depth == 0 && tok[e].type == FO_TOK_COMMA)) {
            if (tok[e].type == FO_TOK_FUNCTION || tok[e].type == FO_TOK_LPAREN)
                depth++;
            else if (tok[e].type == FO_TOK_RPAREN)
                depth--;
            e++;
        }
        size_t i = b;
        while (i < e && tok[i].type == FO_TOK_WHITESPACE)
            i++;
        size_t te = e;
        while (te > i && tok[te - 1].type == FO_TOK_WHITESPACE)
            te--;
        if (i >= te)
            return bad(X->rep, &tok[e], false, e < close ? NULL : "')' (empty ':not()')");
        if (*nnots == MAX_NOTS) {
            fo_css_warn(X->rep, tok[i].line, tok[i].col, "selector too complex; rule dropped");
            return SEL_BAD;
        }
        spec one = {0, 0};
        sel_result r = parse_compound(X, &i, te, &nots[*nnots], &one, NULL);
        if (r != SEL_OK)
            return r;
        if (i < te) {
            const fo_css_token *t = &tok[i];
            if (t->type == FO_TOK_WHITESPACE || is_delim(t, '>') || is_delim(t, '+') ||
                is_delim(t, '~'))
                return bad(X->rep, t, true, "combinator inside ':not()'");
            return bad(X->rep, t, false, NULL);
        }
        nots[*nnots].comb = FO_COMB_NONE;
        (*nnots)++;
        if (one.b > best.b || (one.b == best.b && one.c > best.c))
            best = one;
        if (e >= close)
            break;
        b = e + 1;
    }
    sp->b += best.b;
    sp->c += best.c;
    return SEL_OK;
}

/* One compound selector starting at tok[*pi]; stops before whitespace, a
 * combinator, or `e`.  `pseudo` is NULL inside :not() (no pseudo-elements
 * there, no nested :not()).  Adds to *sp. */
static sel_result parse_compound(sel_ctx *X, size_t *pi, size_t e, fo_compound *out,
                                 spec *sp, fo_pseudo *pseudo)
{
    const fo_css_token *tok = X->tok;
    const char *cls[FO_SELECTOR_MAX_CLASSES];
    fo_nth nth[MAX_NTH];
    fo_compound nots[MAX_NOTS];
    int ncls = 0, nnth = 0, nnots = 0;
    char what[96];
    size_t i = *pi;
    memset(out, 0, sizeof *out);
    bool any = false;
    const fo_css_token *t = &tok[i];
    if (t->type == FO_TOK_IDENT) {
        if (!(out->tag = lower_dup(X->arena, t->value)))
            return SEL_NOMEM;
        i++;
        sp->c++;
        any = true;
    } else if (is_delim(t, '*')) {
        i++;
        any = true;
    }
    if (i < e && is_delim(&tok[i], '|'))
        return bad(X->rep, &tok[i], true, "namespace '|'");
    while (i < e) {
        t = &tok[i];
        if (is_delim(t, '.') && i + 1 < e && tok[i + 1].type == FO_TOK_IDENT) {
            if (ncls == FO_SELECTOR_MAX_CLASSES) {
                fo_css_warn(X->rep, t->line, t->col, "selector too complex; rule dropped");
                return SEL_BAD;
            }
            cls[ncls++] = tok[i + 1].value;
            sp->b++;
            i += 2;
            any = true;
            continue;
        }
        if (t->type == FO_TOK_HASH) {
            snprintf(what, sizeof what, "'#%.40s' (id selectors)", t->value);
            return bad(X->rep, t, true, what);
        }
        if (t->type == FO_TOK_LBRACKET)
            return bad(X->rep, t, true, "'[' (attribute selectors)");
        if (t->type != FO_TOK_COLON)
            break;
        const fo_css_token *u = i + 1 < e ? &tok[i + 1] : NULL;
        bool two = u && u->type == FO_TOK_COLON;
        const fo_css_token *w = two ? (i + 2 < e ? &tok[i + 2] : NULL) : u;
        fo_pseudo pe = FO_PSEUDO_NONE;
        if (w && w->type == FO_TOK_IDENT) {
            if (fo_css_ascii_eq(w->value, "before"))
                pe = FO_PSEUDO_BEFORE;
            else if (fo_css_ascii_eq(w->value, "after"))
                pe = FO_PSEUDO_AFTER;
            else if (two && fo_css_ascii_eq(w->value, "marker"))
                pe = FO_PSEUDO_MARKER;
        }
        if (pe != FO_PSEUDO_NONE) {
            /* Selectors 4 §3.6: a pseudo-element ends the selector (CSS 2
             * :before/:after accepted too); none inside :not(). */
            if (!pseudo)
                return bad(X->rep, t, false, "pseudo-element inside ':not()'");
            size_t after = i + (two ? 3 : 2);
            if (after < e)
                return bad(X->rep, &tok[after], true, "text after a pseudo-element");
            *pseudo = pe;
            sp->c++;
            i = after;
            any = true;
            continue;
        }
        if (two) {
            snprintf(what, sizeof what, "'::%.40s'",
                     w && (w->type == FO_TOK_IDENT || w->type == FO_TOK_FUNCTION) ? w->value : "");
            return bad(X->rep, t, true, what);
        }
        if (!u)
            return bad(X->rep, t, false, NULL);
        if (nnth == MAX_NTH) {
            fo_css_warn(X->rep, t->line, t->col, "selector too complex; rule dropped");
            return SEL_BAD;
        }
        if (u->type == FO_TOK_IDENT) {
            /* Selectors 4 §14.1, §14.3, §14.4 */
            const char *v = u->value;
            if (fo_css_ascii_eq(v, "root"))
                out->root = true;
            else if (fo_css_ascii_eq(v, "first-child"))
                nth[nnth++] = (fo_nth){FO_NTH_CHILD, 0, 1};
            else if (fo_css_ascii_eq(v, "last-child"))
                nth[nnth++] = (fo_nth){FO_NTH_LAST_CHILD, 0, 1};
            else if (fo_css_ascii_eq(v, "only-child")) {
                if (nnth + 2 > MAX_NTH) {
                    fo_css_warn(X->rep, t->line, t->col, "selector too complex; rule dropped");
                    return SEL_BAD;
                }
                nth[nnth++] = (fo_nth){FO_NTH_CHILD, 0, 1};
                nth[nnth++] = (fo_nth){FO_NTH_LAST_CHILD, 0, 1};
            } else if (fo_css_ascii_eq(v, "first-of-type"))
                nth[nnth++] = (fo_nth){FO_NTH_OF_TYPE, 0, 1};
            else {
                snprintf(what, sizeof what, "':%.40s'", v);
                return bad(X->rep, t, true, what);
            }
            sp->b++;
            i += 2;
            any = true;
            continue;
        }
        if (u->type != FO_TOK_FUNCTION)
            return bad(X->rep, u, false, NULL);
        size_t close = closing_paren(tok, i + 1, e);
        if (close >= e) {
            snprintf(what, sizeof what, "':%.40s(' without ')'", u->value);
            return bad(X->rep, u, false, what);
        }
        fo_nth_kind kind;
        if (fo_css_ascii_eq(u->value, "nth-child"))
            kind = FO_NTH_CHILD;
        else if (fo_css_ascii_eq(u->value, "nth-last-child"))
            kind = FO_NTH_LAST_CHILD;
        else if (fo_css_ascii_eq(u->value, "nth-of-type"))
            kind = FO_NTH_OF_TYPE;
        else if (fo_css_ascii_eq(u->value, "not") && pseudo) {
            sel_result r = parse_not(X, i + 1, close, nots, &nnots, sp);
            if (r != SEL_OK)
                return r;
            i = close + 1;
            any = true;
            continue;
        } else {
            snprintf(what, sizeof what, "':%.40s()'%s", u->value,
                     pseudo ? "" : " inside ':not()'");
            return bad(X->rep, t, true, what);
        }
        /* `of S` (Selectors 4 §14.4.1) is not supported: parse_anb
         * reports the 'of' as unexpected. */
        int a, b;
        sel_result r = parse_anb(X, i + 2, close, &tok[close], u->value, &a, &b);
        if (r != SEL_OK)
            return r;
        nth[nnth++] = (fo_nth){kind, a, b};
        sp->b++;
        i = close + 1;
        any = true;
    }
    if (!any)
        return bad(X->rep, &tok[i < e ? i : e - 1], false, i < e ? NULL : "end of selector");
    if (ncls) {
        out->classes = fo_arena_alloc(X->arena, (size_t)ncls * sizeof *out->classes);
        if (!out->classes)
            return SEL_NOMEM;
        memcpy(out->classes, cls, (size_t)ncls * sizeof *cls);
        out->nclasses = ncls;
    }
    if (nnth) {
        fo_nth *d = fo_arena_alloc(X->arena, (size_t)nnth * sizeof *d);
        if (!d)
            return SEL_NOMEM;
        memcpy(d, nth, (size_t)nnth * sizeof *nth);
        out->nth = d;
        out->nnth = nnth;
    }
    if (nnots) {
        fo_compound *d = fo_arena_alloc(X->arena, (size_t)nnots * sizeof *d);
        if (!d)
            return SEL_NOMEM;
        memcpy(d, nots, (size_t)nnots * sizeof *nots);
        out->nots = d;
        out->nnots = nnots;
    }
    *pi = i;
    return SEL_OK;
}

/* One complex selector in [b, e), whitespace already trimmed. */
static sel_result parse_complex(const fo_css_token *tok, size_t b, size_t e,
                                fo_arena *arena, fo_css_reporter *rep,
                                fo_selector *out)
{
    sel_ctx X = {tok, arena, rep};
    fo_compound comp[FO_SELECTOR_MAX_COMPOUNDS];
    int ncomp = 0;
    spec sp = {0, 0};
    size_t i = b;
    fo_combinator comb = FO_COMB_NONE;
    fo_pseudo pseudo = FO_PSEUDO_NONE;

    while (i < e) {
        if (ncomp == FO_SELECTOR_MAX_COMPOUNDS) {
            fo_css_warn(rep, tok[i].line, tok[i].col,
                        "selector too complex; rule dropped");
            return SEL_BAD;
        }
        sel_result r = parse_compound(&X, &i, e, &comp[ncomp], &sp, &pseudo);
        if (r != SEL_OK)
            return r;
        comp[ncomp].comb = comb; /* towards the left for now */
        ncomp++;
        /* combinator */
        bool ws = false;
        while (i < e && tok[i].type == FO_TOK_WHITESPACE) {
            i++;
            ws = true;
        }
        if (i >= e)
            break;
        const fo_css_token *t = &tok[i];
        if (is_delim(t, '>') || is_delim(t, '+') || is_delim(t, '~')) {
            comb = is_delim(t, '>') ? FO_COMB_CHILD
                 : is_delim(t, '+') ? FO_COMB_NEXT : FO_COMB_SUBSEQUENT;
            i++;
            while (i < e && tok[i].type == FO_TOK_WHITESPACE)
                i++;
            if (i >= e) {
                char what[64];
                snprintf(what, sizeof what, "'%c' at the end of the selector", (char)t->delim);
                return bad(rep, t, false, what);
            }
        } else if (ws) {
            comb = FO_COMB_DESCENDANT;
        } else {
            return bad(rep, t, false, NULL);
        }
    }
    if (ncomp == 0)
        return SEL_BAD; /* caller reports empty selectors */

    fo_compound *parts = fo_arena_alloc(arena, (size_t)ncomp * sizeof *parts);
    if (!parts)
        return SEL_NOMEM;
    for (int k = 0; k < ncomp; k++) {
        parts[k] = comp[ncomp - 1 - k];
        parts[k].comb = comp[ncomp - 1 - k].comb; /* relation to parts[k + 1] */
    }
    out->parts = parts;
    out->nparts = ncomp;
    out->pseudo = pseudo;
    out->specificity = (sp.b > 1023 ? 1023 : sp.b) << 10 | (sp.c > 1023 ? 1023 : sp.c);
    return SEL_OK;
}

fo_status fo_selector_parse_list(const fo_css_token *tok, size_t begin,
                                 size_t end, fo_arena *arena,
                                 fo_css_reporter *rep, fo_selector **out,
                                 int *n)
{
    *out = NULL;
    *n = 0;
    /* Commas at the top level separate selectors; those inside
     * :not(...) separate its arguments. */
    int count = 1, depth = 0;
    for (size_t i = begin; i < end; i++) {
        if (tok[i].type == FO_TOK_FUNCTION || tok[i].type == FO_TOK_LPAREN)
            depth++;
        else if (tok[i].type == FO_TOK_RPAREN && depth > 0)
            depth--;
        else if (tok[i].type == FO_TOK_COMMA && depth == 0)
            count++;
    }
    fo_selector *sels = fo_arena_alloc(arena, (size_t)count * sizeof *sels);
    if (!sels)
        return FO_ERR_NOMEM;
    int k = 0;
    size_t b = begin;
    while (b <= end) {
        size_t e = b;
        depth = 0;
        while (e < end && !(tok[e].type == FO_TOK_COMMA && depth == 0)) {
            if (tok[e].type == FO_TOK_FUNCTION || tok[e].type == FO_TOK_LPAREN)
                depth++;
            else if (tok[e].type == FO_TOK_RPAREN && depth > 0)
                depth--;
            e++;
        }
        size_t tb = b, te = e;
        while (tb < te && tok[tb].type == FO_TOK_WHITESPACE)
            tb++;
        while (te > tb && tok[te - 1].type == FO_TOK_WHITESPACE)
            te--;
        if (tb == te) {
            const fo_css_token *at = &tok[e < end ? e : (begin < end ? begin : end)];
            fo_css_warn(rep, at->line, at->col, "empty selector; rule dropped");
            return FO_OK;
        }
        sel_result r = parse_complex(tok, tb, te, arena, rep, &sels[k]);
        if (r == SEL_NOMEM)
            return FO_ERR_NOMEM;
        if (r == SEL_BAD)
            return FO_OK;
        k++;
        b = e + 1;
    }
    *out = sels;
    *n = k;
    return FO_OK;
}

bool fo_elem_has_class(const fo_elem *elem, const char *cls, size_t len)
{
    const char *s = elem->classes;
    if (!s)
        return false;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        const char *w = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n')
            s++;
        if ((size_t)(s - w) == len && len && memcmp(w, cls, len) == 0)
            return true;
    }
    return false;
}

/* p = a·n + b for some integer n ≥ 0 (Selectors 4 §14.4.1). */
static bool nth_holds(long long a, long long b, long long p)
{
    if (a == 0)
        return p == b;
    long long d = p - b;
    return d % a == 0 && d / a >= 0;
}

static bool same_type(const fo_elem *x, const fo_elem *y)
{
    return x->tag && y->tag && fo_css_ascii_eq(x->tag, y->tag);
}

static bool position_matches(const fo_nth *n, const fo_elem *e)
{
    if (e->index < 1)
        return false;
    switch (n->kind) {
    case FO_NTH_CHILD:
        return nth_holds(n->a, n->b, e->index);
    case FO_NTH_LAST_CHILD:
        return e->nsiblings >= e->index && nth_holds(n->a, n->b, e->nsiblings - e->index + 1);
    case FO_NTH_OF_TYPE: {
        int chain = 0, pos = 1;
        for (const fo_elem *p = e->prev; p && chain < e->index; p = p->prev) {
            chain++;
            if (same_type(p, e))
                pos++;
        }
        /* every earlier sibling must be known */
        return chain == e->index - 1 && nth_holds(n->a, n->b, pos);
    }
    }
    return false;
}

static bool compound_matches(const fo_compound *c, const fo_elem *e)
{
    if (c->tag && (!e->tag || !fo_css_ascii_eq(c->tag, e->tag)))
        return false;
    if (c->root && e->parent)
        return false;
    for (int k = 0; k < c->nclasses; k++)
        if (!fo_elem_has_class(e, c->classes[k], strlen(c->classes[k])))
            return false;
    for (int k = 0; k < c->nnth; k++)
        if (!position_matches(&c->nth[k], e))
            return false;
    for (int k = 0; k < c->nnots; k++)
        if (compound_matches(&c->nots[k], e))
            return false;
    return true;
}

/* Results of matching part of a selector (as in browsers' engines):
 * M_RESTART: this element fails, a caller may try another one;
 * M_SIBLINGS: every later sibling of this element fails too (the `~`
 * search stops); M_GLOBAL: no ancestor further up can match either. */
enum { M_MATCH, M_RESTART, M_SIBLINGS, M_GLOBAL };

/* Selectors 4 §3.2 right-to-left matching of parts[j..] at `e`. */
static int match_from(const fo_selector *s, int j, const fo_elem *e)
{
    if (!compound_matches(&s->parts[j], e))
        return M_RESTART;
    if (j == s->nparts - 1)
        return M_MATCH;
    switch (s->parts[j].comb) {
    case FO_COMB_CHILD: {
        if (!e->parent)
            return M_GLOBAL;
        int r = match_from(s, j + 1, e->parent);
        return r == M_SIBLINGS ? M_RESTART : r;
    }
    case FO_COMB_NEXT:
        return e->prev ? match_from(s, j + 1, e->prev) : M_SIBLINGS;
    case FO_COMB_SUBSEQUENT:
        for (const fo_elem *p = e->prev; p; p = p->prev) {
            int r = match_from(s, j + 1, p);
            if (r != M_RESTART)
                return r;
        }
        return M_SIBLINGS;
    default:
        for (const fo_elem *a = e->parent; a; a = a->parent) {
            int r = match_from(s, j + 1, a);
            if (r == M_MATCH || r == M_GLOBAL)
                return r;
        }
        return M_GLOBAL;
    }
}

bool fo_selector_matches(const fo_selector *sel, const fo_elem *elem)
{
    return sel->pseudo == FO_PSEUDO_NONE && sel->nparts > 0 &&
           match_from(sel, 0, elem) == M_MATCH;
}

bool fo_selector_matches_pseudo(const fo_selector *sel, const fo_elem *elem,
                                fo_pseudo pseudo)
{
    return sel->pseudo == pseudo && sel->nparts > 0 &&
           match_from(sel, 0, elem) == M_MATCH;
}
