/* select.c — selectors.  See select.h. */
#include "select.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct tmp_compound {
    size_t tag;        /* token index of the type, or SIZE_MAX */
    int class_first, nclasses; /* into the class token array */
    bool first_child;
    bool root;
    fo_combinator comb_left; /* combinator to the compound on its left */
} tmp_compound;

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

/* One complex selector in [b, e), whitespace already trimmed. */
static sel_result parse_complex(const fo_css_token *tok, size_t b, size_t e,
                                fo_arena *arena, fo_css_reporter *rep,
                                fo_selector *out)
{
    tmp_compound comp[FO_SELECTOR_MAX_COMPOUNDS];
    size_t cls[FO_SELECTOR_MAX_CLASSES];
    int ncomp = 0, ncls = 0;
    unsigned nb = 0, nc = 0;
    size_t i = b;
    fo_combinator comb = FO_COMB_NONE;
    char what[96];
    fo_pseudo pseudo = FO_PSEUDO_NONE;

    while (i < e) {
        if (ncomp == FO_SELECTOR_MAX_COMPOUNDS) {
            fo_css_warn(rep, tok[i].line, tok[i].col,
                        "selector too complex; rule dropped");
            return SEL_BAD;
        }
        tmp_compound *c = &comp[ncomp];
        c->tag = SIZE_MAX;
        c->class_first = ncls;
        c->nclasses = 0;
        c->first_child = false;
        c->root = false;
        c->comb_left = comb;
        bool any = false;
        const fo_css_token *t = &tok[i];
        if (t->type == FO_TOK_IDENT) {
            c->tag = i++;
            nc++;
            any = true;
        } else if (is_delim(t, '*')) {
            i++;
            any = true;
        }
        if (i < e && is_delim(&tok[i], '|'))
            return bad(rep, &tok[i], true, "namespace '|'");
        for (;;) {
            if (i >= e)
                break;
            t = &tok[i];
            if (is_delim(t, '.') && i + 1 < e && tok[i + 1].type == FO_TOK_IDENT) {
                if (ncls == FO_SELECTOR_MAX_CLASSES) {
                    fo_css_warn(rep, t->line, t->col, "selector too complex; rule dropped");
                    return SEL_BAD;
                }
                cls[ncls++] = i + 1;
                c->nclasses++;
                nb++;
                i += 2;
                any = true;
            } else if (t->type == FO_TOK_COLON) {
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
                    /* Selectors 4 §3.6: a pseudo-element ends the selector
                     * (CSS 2 :before/:after accepted too). */
                    size_t after = i + (two ? 3 : 2);
                    if (after < e)
                        return bad(rep, &tok[after], true,
                                   "text after a pseudo-element");
                    pseudo = pe;
                    nc++;
                    i = after;
                    any = true;
                    continue;
                }
                if (two) {
                    snprintf(what, sizeof what, "'::%.40s'",
                             w && (w->type == FO_TOK_IDENT || w->type == FO_TOK_FUNCTION) ? w->value : "");
                    return bad(rep, t, true, what);
                }
                if (u && u->type == FO_TOK_IDENT && fo_css_ascii_eq(u->value, "root")) {
                    c->root = true; /* Selectors 4 §14.1 */
                    nb++;
                    i += 2;
                    any = true;
                } else if (u && u->type == FO_TOK_IDENT && fo_css_ascii_eq(u->value, "first-child")) {
                    c->first_child = true;
                    nb++;
                    i += 2;
                    any = true;
                } else if (u && u->type == FO_TOK_IDENT) {
                    snprintf(what, sizeof what, "':%.40s'", u->value);
                    return bad(rep, t, true, what);
                } else if (u && u->type == FO_TOK_FUNCTION) {
                    snprintf(what, sizeof what, "':%.40s()'", u->value);
                    return bad(rep, t, true, what);
                } else {
                    return bad(rep, u ? u : t, false, NULL);
                }
            } else if (t->type == FO_TOK_HASH) {
                snprintf(what, sizeof what, "'#%.40s' (id selectors)", t->value);
                return bad(rep, t, true, what);
            } else if (t->type == FO_TOK_LBRACKET) {
                return bad(rep, t, true, "'[' (attribute selectors)");
            } else {
                break;
            }
        }
        if (!any)
            return bad(rep, &tok[i < e ? i : e - 1], false, i < e ? NULL : "end of selector");
        ncomp++;
        /* combinator */
        bool ws = false;
        while (i < e && tok[i].type == FO_TOK_WHITESPACE) {
            i++;
            ws = true;
        }
        if (i >= e)
            break;
        t = &tok[i];
        if (is_delim(t, '>')) {
            comb = FO_COMB_CHILD;
            i++;
            while (i < e && tok[i].type == FO_TOK_WHITESPACE)
                i++;
            if (i >= e)
                return bad(rep, t, false, "'>' at the end of the selector");
        } else if (is_delim(t, '+') || is_delim(t, '~')) {
            snprintf(what, sizeof what, "combinator '%c'", (char)t->delim);
            return bad(rep, t, true, what);
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
        const tmp_compound *c = &comp[ncomp - 1 - k];
        fo_compound *p = &parts[k];
        p->tag = NULL;
        if (c->tag != SIZE_MAX && !(p->tag = lower_dup(arena, tok[c->tag].value)))
            return SEL_NOMEM;
        p->nclasses = c->nclasses;
        p->classes = NULL;
        if (c->nclasses) {
            p->classes = fo_arena_alloc(arena, (size_t)c->nclasses * sizeof *p->classes);
            if (!p->classes)
                return SEL_NOMEM;
            for (int j = 0; j < c->nclasses; j++)
                p->classes[j] = tok[cls[c->class_first + j]].value;
        }
        p->first_child = c->first_child;
        p->root = c->root;
        p->comb = c->comb_left; /* relation to parts[k + 1] */
    }
    out->parts = parts;
    out->nparts = ncomp;
    out->pseudo = pseudo;
    out->specificity = (nb > 1023 ? 1023 : nb) << 10 | (nc > 1023 ? 1023 : nc);
    return SEL_OK;
}

fo_status fo_selector_parse_list(const fo_css_token *tok, size_t begin,
                                 size_t end, fo_arena *arena,
                                 fo_css_reporter *rep, fo_selector **out,
                                 int *n)
{
    *out = NULL;
    *n = 0;
    int count = 1;
    for (size_t i = begin; i < end; i++)
        if (tok[i].type == FO_TOK_COMMA)
            count++;
    fo_selector *sels = fo_arena_alloc(arena, (size_t)count * sizeof *sels);
    if (!sels)
        return FO_ERR_NOMEM;
    int k = 0;
    size_t b = begin;
    while (b <= end) {
        size_t e = b;
        while (e < end && tok[e].type != FO_TOK_COMMA)
            e++;
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

static bool compound_matches(const fo_compound *c, const fo_elem *e)
{
    if (c->tag && (!e->tag || !fo_css_ascii_eq(c->tag, e->tag)))
        return false;
    if (c->first_child && e->index != 1)
        return false;
    if (c->root && e->parent)
        return false;
    for (int k = 0; k < c->nclasses; k++)
        if (!fo_elem_has_class(e, c->classes[k], strlen(c->classes[k])))
            return false;
    return true;
}

enum { M_MATCH, M_RESTART, M_GLOBAL };

/* Selectors 4 §3.2 right-to-left matching of parts[j..] at `e`.
 * M_RESTART: try the next ancestor of the nearest descendant combinator;
 * M_GLOBAL: no ancestor further up can match either. */
static int match_from(const fo_selector *s, int j, const fo_elem *e)
{
    if (!compound_matches(&s->parts[j], e))
        return M_RESTART;
    if (j == s->nparts - 1)
        return M_MATCH;
    if (s->parts[j].comb == FO_COMB_CHILD)
        return e->parent ? match_from(s, j + 1, e->parent) : M_GLOBAL;
    for (const fo_elem *a = e->parent; a; a = a->parent) {
        int r = match_from(s, j + 1, a);
        if (r != M_RESTART)
            return r;
    }
    return M_GLOBAL;
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
