/* vars.c — custom properties and var() at computed-value time.  See
 * vars.h for the model. */
#include "vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/limits.h"
#include "css_diag.h"

/* ---- data --------------------------------------------------------------- */

typedef struct var_val {
    const fo_css_token *tok; /* no var() left */
    uint32_t count;
    uint8_t depth;           /* longest chain of custom properties behind it */
} var_val;

/* A custom-property declaration (value of its FO_V_CUSTOM decl). */
typedef struct var_spec {
    uint32_t name;     /* custom-property id */
    uint32_t index;    /* into fo_var_cache.warned */
    fo_val_kind wide;  /* FO_V_NONE, or FO_V_INHERIT / INITIAL / UNSET */
    bool has_var;
    var_val val;       /* tokens as written, trimmed (sheet arena) */
    const char *text;  /* "--name" */
    const char *path;
    int line, col;
} var_spec;

/* A declaration using var() (value of its FO_V_PENDING decls). */
typedef struct var_pending {
    const char *prop;  /* property as written */
    uint32_t index;    /* into fo_var_cache.warned */
    const fo_css_token *tok;
    uint32_t count;
    const char *path;
    int line, col;
} var_pending;

/* One custom property of an environment; val NULL: declared but invalid
 * at computed-value time (the guaranteed-invalid value). */
typedef struct var_entry {
    uint32_t name;
    const var_val *val;
} var_entry;

struct fo_var_env {
    uint32_t n;
    const var_entry *e; /* sorted by name id */
};

typedef struct env_slot {
    uint64_t hash;
    const fo_var_env *parent;
    uint32_t n;
    const uint32_t *decls;  /* winning declarations, by name id */
    const fo_var_env *env;
} env_slot;

typedef struct val_res {
    bool ok;
    int n;
    fo_decl out[FO_PROP_MAX_EXPAND];
} val_res;

typedef struct val_slot {
    const var_pending *pend;
    const fo_var_env *env;
    const val_res *res;
} val_slot;

typedef struct var_decl {
    const var_spec *spec;       /* one of the two */
    const var_pending *pend;
} var_decl;

struct fo_var_cache {
    fo_arena *arena;          /* environments, substituted and parsed values */
    fo_diag *diag;
    bool strict;
    int reported;             /* warnings given at computed-value time */
    bool nomem_reported;
    /* custom-property names, interned: id = index */
    const char **names;
    size_t nnames, cap_names;
    uint32_t *index;          /* open addressing: id + 1, 0 empty */
    size_t cap_index;
    /* declarations using var() or defining custom properties */
    var_decl *vd;
    unsigned char *warned;
    size_t nvd, cap_vd, nchecked;
    /* the element being computed: winning custom declaration per name */
    uint64_t *wkey;
    const fo_decl **wdecl;
    uint32_t *touched;
    size_t ntouched, cap_scratch;
    /* interned environments and cached values (open addressing) */
    env_slot *envs;
    size_t nenvs, cap_envs;
    val_slot *vals;
    size_t nvals, cap_vals;
};

static const fo_value unset_value = {.kind = FO_V_UNSET};

/* ---- names -------------------------------------------------------------- */

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static int64_t name_find(const fo_var_cache *c, const char *name)
{
    if (!c->cap_index)
        return -1;
    size_t mask = c->cap_index - 1;
    for (size_t i = hash_bytes(14695981039346656037ull, name, strlen(name)) & mask;;
         i = (i + 1) & mask) {
        uint32_t v = c->index[i];
        if (!v)
            return -1;
        if (strcmp(c->names[v - 1], name) == 0)
            return v - 1;
    }
}

static void index_put(uint32_t *index, size_t cap, const char *name, uint32_t id)
{
    size_t mask = cap - 1;
    size_t i = hash_bytes(14695981039346656037ull, name, strlen(name)) & mask;
    while (index[i])
        i = (i + 1) & mask;
    index[i] = id + 1;
}

static int64_t name_intern(fo_var_cache *c, fo_arena *a, const char *name)
{
    int64_t id = name_find(c, name);
    if (id >= 0)
        return id;
    if (c->nnames == c->cap_names) {
        size_t ncap = c->cap_names ? c->cap_names * 2 : 16;
        const char **p = realloc(c->names, ncap * sizeof *p);
        if (!p)
            return -1;
        c->names = p;
        c->cap_names = ncap;
    }
    if ((c->nnames + 1) * 2 > c->cap_index) {
        size_t ncap = c->cap_index ? c->cap_index * 2 : 64;
        uint32_t *ix = calloc(ncap, sizeof *ix);
        if (!ix)
            return -1;
        for (size_t k = 0; k < c->nnames; k++)
            index_put(ix, ncap, c->names[k], (uint32_t)k);
        free(c->index);
        c->index = ix;
        c->cap_index = ncap;
    }
    const char *nm = fo_arena_strdup(a, name);
    if (!nm)
        return -1;
    c->names[c->nnames] = nm;
    index_put(c->index, c->cap_index, nm, (uint32_t)c->nnames);
    return (int64_t)c->nnames++;
}

/* ---- reading ------------------------------------------------------------- */

bool fo_vars_uses(const fo_css_token *t, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (t[i].type == FO_TOK_FUNCTION && fo_css_ascii_eq(t[i].value, "var"))
            return true;
    return false;
}

static bool is_var(const fo_css_token *t)
{
    return t->type == FO_TOK_FUNCTION && fo_css_ascii_eq(t->value, "var");
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

/* The parts of the var() whose function token is t[i], in [i, e): its
 * name token index, the fallback's first token (or 0: none) and the end
 * of its arguments.  Returns NULL or an explanation. */
static const char *var_parts(const fo_css_token *t, size_t i, size_t e, size_t *name,
                             size_t *fallback, size_t *args_end, size_t *next)
{
    size_t close = skip_to_close(t, i + 1, e);
    size_t end = close > i + 1 && t[close - 1].type == FO_TOK_RPAREN ? close - 1 : close;
    size_t j = i + 1;
    while (j < end && t[j].type == FO_TOK_WHITESPACE)
        j++;
    if (j >= end || t[j].type != FO_TOK_IDENT || strncmp(t[j].value, "--", 2) != 0)
        return "var() needs a custom property name such as --accent";
    *name = j++;
    while (j < end && t[j].type == FO_TOK_WHITESPACE)
        j++;
    *fallback = 0;
    if (j < end) {
        if (t[j].type != FO_TOK_COMMA)
            return "unexpected text in var()";
        *fallback = j + 1;
    }
    *args_end = end;
    *next = close;
    return NULL;
}

const char *fo_vars_syntax(const fo_css_token *t, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        if (!is_var(&t[i]))
            continue;
        size_t nm, fb, end, next;
        const char *why = var_parts(t, i, e, &nm, &fb, &end, &next);
        if (why)
            return why; /* nested var() in fallbacks are checked as i moves on */
    }
    return NULL;
}

static fo_css_token *copy_tokens(fo_arena *a, const fo_css_token *t, size_t b, size_t e)
{
    size_t n = e > b ? e - b : 0;
    fo_css_token *c = fo_arena_alloc(a, (n ? n : 1) * sizeof *c);
    if (c && n)
        memcpy(c, t + b, n * sizeof *c);
    return c;
}

static fo_var_cache *cache_of(fo_sheet *s)
{
    if (!s->vars)
        s->vars = calloc(1, sizeof *s->vars);
    return s->vars;
}

static bool push_decl(fo_sheet *s, const fo_decl *d)
{
    if (s->ndecls == s->cap_decls) {
        size_t ncap = s->cap_decls ? s->cap_decls * 2 : 64;
        fo_decl *p = realloc(s->decls, ncap * sizeof *p);
        if (!p)
            return false;
        s->decls = p;
        s->cap_decls = ncap;
    }
    s->decls[s->ndecls++] = *d;
    return true;
}

static bool push_vd(fo_var_cache *c, var_decl d, uint32_t *index)
{
    if (c->nvd == c->cap_vd) {
        size_t ncap = c->cap_vd ? c->cap_vd * 2 : 64;
        var_decl *p = realloc(c->vd, ncap * sizeof *p);
        if (!p)
            return false;
        c->vd = p;
        unsigned char *w = realloc(c->warned, ncap);
        if (!w)
            return false;
        c->warned = w;
        c->cap_vd = ncap;
    }
    *index = (uint32_t)c->nvd;
    c->warned[c->nvd] = 0;
    c->vd[c->nvd++] = d;
    return true;
}

static fo_val_kind wide_keyword(const fo_css_token *t, size_t n)
{
    if (n != 1 || t[0].type != FO_TOK_IDENT)
        return FO_V_NONE;
    if (fo_css_ascii_eq(t[0].value, "inherit"))
        return FO_V_INHERIT;
    if (fo_css_ascii_eq(t[0].value, "initial"))
        return FO_V_INITIAL;
    if (fo_css_ascii_eq(t[0].value, "unset") || fo_css_ascii_eq(t[0].value, "revert") ||
        fo_css_ascii_eq(t[0].value, "revert-layer"))
        return FO_V_UNSET;
    return FO_V_NONE;
}

bool fo_vars_define(fo_sheet *s, const char *name, const fo_css_token *t,
                    size_t b, size_t e, bool important, fo_origin origin,
                    const char *path, int line, int col)
{
    fo_var_cache *c = cache_of(s);
    if (!c)
        return false;
    /* trim whitespace (Custom Properties 1 §2) */
    while (b < e && t[b].type == FO_TOK_WHITESPACE)
        b++;
    while (e > b && t[e - 1].type == FO_TOK_WHITESPACE)
        e--;
    int64_t id = name_intern(c, s->arena, name);
    var_spec *sp = fo_arena_alloc(s->arena, sizeof *sp);
    fo_css_token *tok = copy_tokens(s->arena, t, b, e);
    if (id < 0 || !sp || !tok)
        return false;
    *sp = (var_spec){.name = (uint32_t)id, .wide = wide_keyword(tok, e - b),
                     .has_var = fo_vars_uses(t, b, e),
                     .val = {tok, (uint32_t)(e - b), 1},
                     .text = c->names[id], .path = path, .line = line, .col = col};
    if (!push_vd(c, (var_decl){sp, NULL}, &sp->index))
        return false;
    fo_decl d = {.prop = FO_PROP_CUSTOM, .important = important, .origin = (uint8_t)origin,
                 .value = {.kind = FO_V_CUSTOM, .ptr = sp}};
    return push_decl(s, &d);
}

bool fo_vars_defer(fo_sheet *s, const char *name, const fo_css_token *t,
                   size_t b, size_t e, bool important, fo_origin origin,
                   const fo_prop_id *longhands, int n,
                   const char *path, int line, int col)
{
    fo_var_cache *c = cache_of(s);
    if (!c)
        return false;
    var_pending *pd = fo_arena_alloc(s->arena, sizeof *pd);
    fo_css_token *tok = copy_tokens(s->arena, t, b, e);
    const char *nm = fo_arena_strdup(s->arena, name);
    if (!pd || !tok || !nm)
        return false;
    *pd = (var_pending){.prop = nm, .tok = tok, .count = (uint32_t)(e > b ? e - b : 0),
                        .path = path, .line = line, .col = col};
    if (!push_vd(c, (var_decl){NULL, pd}, &pd->index))
        return false;
    for (int k = 0; k < n; k++) {
        fo_decl d = {.prop = longhands[k], .important = important, .origin = (uint8_t)origin,
                     .value = {.kind = FO_V_PENDING, .ptr = pd}};
        if (!push_decl(s, &d))
            return false;
    }
    return true;
}

/* ---- finishing a sheet -------------------------------------------------- */

static void clear_caches(fo_var_cache *c)
{
    free(c->envs);
    free(c->vals);
    c->envs = NULL;
    c->vals = NULL;
    c->nenvs = c->cap_envs = c->nvals = c->cap_vals = 0;
}

fo_status fo_vars_finish(fo_sheet *s, fo_diag *diag, bool strict, int *problems)
{
    fo_var_cache *c = s->vars;
    if (!c)
        return FO_OK;
    c->diag = diag;
    c->strict = strict;
    clear_caches(c);
    if (c->cap_scratch < c->nnames) {
        size_t n = c->nnames;
        uint64_t *k = realloc(c->wkey, n * sizeof *k);
        if (k)
            c->wkey = k;
        const fo_decl **d = realloc(c->wdecl, n * sizeof *d);
        if (d)
            c->wdecl = d;
        uint32_t *t = realloc(c->touched, n * sizeof *t);
        if (t)
            c->touched = t;
        if (!k || !d || !t)
            return FO_ERR_NOMEM;
        memset(c->wdecl, 0, n * sizeof *c->wdecl);
        c->cap_scratch = n;
    }
    /* var() references, outside fallbacks and without their own
     * fallback, to names no rule defines: invalid for every element */
    for (size_t k = c->nchecked; k < c->nvd; k++) {
        const var_decl *vd = &c->vd[k];
        const fo_css_token *t = vd->spec ? vd->spec->val.tok : vd->pend->tok;
        size_t n = vd->spec ? vd->spec->val.count : vd->pend->count;
        for (size_t i = 0; i < n && !c->warned[k]; i++) {
            if (!is_var(&t[i]))
                continue;
            size_t nm, fb, end, next;
            if (var_parts(t, i, n, &nm, &fb, &end, &next))
                break; /* checked when read */
            if (!fb && name_find(c, t[nm].value) < 0) {
                fo_css_reporter rep = {diag, vd->spec ? vd->spec->path : vd->pend->path,
                                       strict, 0};
                fo_css_warn(&rep, vd->spec ? vd->spec->line : vd->pend->line,
                            vd->spec ? vd->spec->col : vd->pend->col,
                            "undefined custom property '%.60s' in '%.60s'; the "
                            "declaration is invalid for every element (as unset)",
                            t[nm].value, vd->spec ? vd->spec->text : vd->pend->prop);
                *problems += rep.count;
                c->warned[k] = 1;
            }
            i = next - 1;
        }
    }
    c->nchecked = c->nvd;
    return FO_OK;
}

void fo_vars_cache_free(fo_var_cache *c)
{
    if (!c)
        return;
    fo_arena_free(c->arena);
    free(c->names);
    free(c->index);
    free(c->vd);
    free(c->warned);
    free(c->wkey);
    free(c->wdecl);
    free(c->touched);
    free(c->envs);
    free(c->vals);
    free(c);
}

/* ---- computed-value time ------------------------------------------------- */

/* Reports a declaration invalid at computed-value time, once. */
static void invalid_once(fo_var_cache *c, uint32_t index, const char *path, int line,
                         int col, const char *fmt, const char *a, const char *b)
{
    if (c->warned[index])
        return;
    c->warned[index] = 1;
    fo_css_reporter rep = {c->diag, path, c->strict, c->reported};
    fo_css_warn(&rep, line, col, fmt, a, b);
    c->reported = rep.count;
}

static void nomem(fo_var_cache *c)
{
    if (c->nomem_reported)
        return;
    c->nomem_reported = true;
    fo_error(c->diag, NULL, 0, 0,
             "out of memory substituting var(); custom properties dropped");
}

void fo_vars_note(const fo_sheet *s, const fo_decl *d, uint64_t key)
{
    fo_var_cache *c = s->vars;
    const var_spec *sp = d->value.ptr;
    uint32_t id = sp->name;
    if (!c || id >= c->cap_scratch)
        return;
    if (!c->wdecl[id]) {
        c->touched[c->ntouched++] = id;
    } else if (key <= c->wkey[id]) {
        return;
    }
    c->wdecl[id] = d;
    c->wkey[id] = key;
}

typedef struct tokbuf {
    fo_css_token *t;
    size_t n, cap;
} tokbuf;

static bool push(tokbuf *b, const fo_css_token *t, size_t n)
{
    if (n == 0)
        return true;
    if (b->n + n > FO_VAR_MAX_TOKENS)
        return false;
    if (b->n + n > b->cap) {
        size_t ncap = b->cap ? b->cap : 64;
        while (ncap < b->n + n)
            ncap *= 2;
        fo_css_token *p = realloc(b->t, ncap * sizeof *p);
        if (!p)
            return false;
        b->t = p;
        b->cap = ncap;
    }
    memcpy(b->t + b->n, t, n * sizeof *t);
    b->n += n;
    return true;
}

typedef enum {
    WHY_NONE, WHY_UNDEFINED, WHY_INVALID, WHY_CYCLE, WHY_DEPTH, WHY_SIZE, WHY_NOMEM
} why_t;

/* An environment being built: entries in name order; own[k] is the
 * declaration to resolve for entry k (NULL: inherited or done). */
typedef struct builder {
    fo_var_cache *c;
    var_entry *e;
    uint32_t n;
    const var_spec **own;
    uint8_t *state; /* 0 done, 1 to resolve, 2 resolving */
    uint8_t *cycle;
    uint32_t stack[FO_VAR_MAX_DEPTH + 2];
    int top;
} builder;

typedef struct sub {
    fo_var_cache *c;
    builder *b;            /* resolving a custom property: look up in b */
    const fo_var_env *env; /* else: look up here */
    tokbuf out;
    int depth;             /* longest chain used */
    bool guard;            /* a reference was too deep to resolve now */
    why_t why;
    const char *name;      /* the custom property concerned */
} sub;

static int64_t entry_find(const var_entry *e, uint32_t n, uint32_t name)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e[mid].name == name)
            return mid;
        if (e[mid].name < name)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void resolve_entry(builder *b, uint32_t k);

/* The value of custom property `name` for a var(); NULL when undefined
 * or invalid (*why says which). */
static const var_val *lookup(sub *x, const char *name, why_t *why)
{
    int64_t id = name_find(x->c, name);
    *why = WHY_UNDEFINED;
    if (id < 0)
        return NULL;
    if (x->b) {
        builder *b = x->b;
        int64_t k = entry_find(b->e, b->n, (uint32_t)id);
        if (k < 0)
            return NULL;
        if (b->state[k] == 2) { /* a cycle: every member is invalid */
            for (int i = b->top - 1; i >= 0; i--) {
                b->cycle[b->stack[i]] = 1;
                if (b->stack[i] == (uint32_t)k)
                    break;
            }
            *why = WHY_CYCLE;
            return NULL;
        }
        if (b->state[k] == 1) {
            if (b->top < FO_VAR_MAX_DEPTH + 1)
                resolve_entry(b, (uint32_t)k);
            if (b->state[k] == 1) { /* too deep to resolve from here */
                x->guard = true;
                *why = WHY_DEPTH;
                return NULL;
            }
        }
        *why = b->cycle[k] ? WHY_CYCLE : WHY_INVALID;
        return b->e[k].val;
    }
    if (!x->env)
        return NULL;
    int64_t k = entry_find(x->env->e, x->env->n, (uint32_t)id);
    if (k < 0)
        return NULL;
    *why = WHY_INVALID;
    return x->env->e[k].val;
}

/* Appends tokens [b, e) to x->out with var() substituted; false when
 * invalid (x->why). */
static bool substitute(sub *x, const fo_css_token *t, size_t b, size_t e, int fdepth)
{
    if (fdepth > FO_VAR_MAX_DEPTH) {
        x->why = WHY_DEPTH;
        return false;
    }
    for (size_t i = b; i < e; i++) {
        if (!is_var(&t[i])) {
            size_t j = i;
            while (j < e && !is_var(&t[j]))
                j++;
            if (!push(&x->out, t + i, j - i)) {
                x->why = x->out.n + (j - i) > FO_VAR_MAX_TOKENS ? WHY_SIZE : WHY_NOMEM;
                return false;
            }
            i = j - 1;
            continue;
        }
        size_t nm, fb, end, next;
        if (var_parts(t, i, e, &nm, &fb, &end, &next)) {
            x->why = WHY_INVALID; /* reported when read */
            x->name = "";
            return false;
        }
        why_t why;
        const var_val *v = lookup(x, t[nm].value, &why);
        if (v) {
            if (v->depth > x->depth)
                x->depth = v->depth;
            if (!push(&x->out, v->tok, v->count)) {
                x->why = x->out.n + v->count > FO_VAR_MAX_TOKENS ? WHY_SIZE : WHY_NOMEM;
                return false;
            }
        } else if (fb) {
            if (!substitute(x, t, fb, end, fdepth + 1))
                return false;
        } else {
            x->why = why;
            x->name = t[nm].value;
            return false;
        }
        i = next - 1;
    }
    return true;
}

static void resolve_entry(builder *b, uint32_t k)
{
    const var_spec *sp = b->own[k];
    fo_var_cache *c = b->c;
    b->state[k] = 2;
    b->stack[b->top++] = k;
    sub x = {.c = c, .b = b};
    bool ok = substitute(&x, sp->val.tok, 0, sp->val.count, 0);
    b->top--;
    if (x.guard && b->top > 0) {
        /* Resolved from too deep a chain: leave it to be resolved on its
         * own (the chain above it is too deep anyway), so its validity
         * does not depend on the order of resolution. */
        free(x.out.t);
        b->state[k] = 1;
        return;
    }
    if (ok && x.depth + 1 > FO_VAR_MAX_DEPTH) {
        ok = false;
        x.why = WHY_DEPTH;
    }
    if (b->cycle[k]) {
        ok = false;
        x.why = WHY_CYCLE;
    }
    var_val *v = NULL;
    if (ok) {
        v = fo_arena_alloc(c->arena, sizeof *v);
        fo_css_token *tok = v ? copy_tokens(c->arena, x.out.t, 0, x.out.n) : NULL;
        if (!tok) {
            nomem(c);
            v = NULL;
        } else {
            *v = (var_val){tok, (uint32_t)x.out.n, (uint8_t)(x.depth + 1)};
        }
    } else {
        switch (x.why) {
        case WHY_CYCLE:
            invalid_once(c, sp->index, sp->path, sp->line, sp->col,
                         "custom property '%.60s' is part of a var() cycle%.0s; it is "
                         "invalid here (guaranteed-invalid)", sp->text, "");
            break;
        case WHY_UNDEFINED:
            invalid_once(c, sp->index, sp->path, sp->line, sp->col,
                         "undefined custom property '%.60s' in '%.60s' here; it is "
                         "invalid (guaranteed-invalid)", x.name, sp->text);
            break;
        case WHY_INVALID:
            invalid_once(c, sp->index, sp->path, sp->line, sp->col,
                         "custom property '%.60s' used in '%.60s' is invalid here; it is "
                         "invalid too (guaranteed-invalid)", x.name, sp->text);
            break;
        case WHY_DEPTH:
            invalid_once(c, sp->index, sp->path, sp->line, sp->col,
                         "var() nested too deeply in '%.60s'%.0s (at most 16 levels); it "
                         "is invalid here", sp->text, "");
            break;
        case WHY_SIZE:
            invalid_once(c, sp->index, sp->path, sp->line, sp->col,
                         "var() substitution in '%.60s'%.0s is too large; it is "
                         "invalid here", sp->text, "");
            break;
        default:
            nomem(c);
        }
    }
    free(x.out.t);
    b->e[k].val = v;
    b->state[k] = 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static bool grow_envs(fo_var_cache *c)
{
    size_t ncap = c->cap_envs ? c->cap_envs * 2 : 64;
    env_slot *t = calloc(ncap, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < c->cap_envs; i++) {
        if (!c->envs[i].env)
            continue;
        size_t j = c->envs[i].hash & (ncap - 1);
        while (t[j].env)
            j = (j + 1) & (ncap - 1);
        t[j] = c->envs[i];
    }
    free(c->envs);
    c->envs = t;
    c->cap_envs = ncap;
    return true;
}

/* Builds (or finds) the environment of an element whose parent has
 * `parent` and whose winning custom declarations are the touched ones. */
static const fo_var_env *build_env(const fo_sheet *s, fo_var_cache *c,
                                   const fo_var_env *parent)
{
    uint32_t n = (uint32_t)c->ntouched;
    qsort(c->touched, n, sizeof *c->touched, cmp_u32);
    uint32_t stackbuf[64];
    uint32_t *key = n <= 64 ? stackbuf : malloc(n * sizeof *key);
    if (!key) {
        nomem(c);
        return parent;
    }
    uint64_t h = hash_bytes(14695981039346656037ull, &parent, sizeof parent);
    for (uint32_t k = 0; k < n; k++) {
        key[k] = (uint32_t)(c->wdecl[c->touched[k]] - s->decls);
        h = hash_bytes(h, &key[k], sizeof key[k]);
    }
    const fo_var_env *result = parent;
    if (c->cap_envs) {
        for (size_t i = h & (c->cap_envs - 1);; i = (i + 1) & (c->cap_envs - 1)) {
            const env_slot *sl = &c->envs[i];
            if (!sl->env)
                break;
            if (sl->hash == h && sl->parent == parent && sl->n == n &&
                memcmp(sl->decls, key, n * sizeof *key) == 0) {
                result = sl->env;
                goto out;
            }
        }
    }
    if (!c->arena && !(c->arena = fo_arena_new())) {
        nomem(c);
        goto out;
    }
    {
        uint32_t pn = parent ? parent->n : 0;
        var_entry *e = fo_arena_alloc(c->arena, (pn + n + 1) * sizeof *e);
        const var_spec **own = calloc(pn + n + 1, sizeof *own);
        uint8_t *state = calloc(pn + n + 1, 2);
        uint32_t *keep = fo_arena_alloc(c->arena, (n ? n : 1) * sizeof *keep);
        fo_var_env *env = fo_arena_alloc(c->arena, sizeof *env);
        if (!e || !own || !state || !keep || !env ||
            ((c->nenvs + 1) * 2 > c->cap_envs && !grow_envs(c))) {
            free(own);
            free(state);
            nomem(c);
            goto out;
        }
        /* merge the parent's entries with the element's own */
        uint32_t m = 0, i = 0;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t id = c->touched[k];
            const var_spec *sp = c->wdecl[id]->value.ptr;
            while (i < pn && parent->e[i].name < id)
                e[m++] = parent->e[i++];
            bool inherited = i < pn && parent->e[i].name == id;
            if (sp->wide == FO_V_INHERIT || sp->wide == FO_V_UNSET) {
                if (inherited)
                    e[m++] = parent->e[i++];
                continue;
            }
            if (inherited)
                i++;
            if (sp->wide == FO_V_INITIAL)
                continue; /* the guaranteed-invalid value: as undefined */
            e[m] = (var_entry){id, &sp->val};
            if (sp->has_var) {
                own[m] = sp;
                state[m] = 1;
            }
            m++;
        }
        while (i < pn)
            e[m++] = parent->e[i++];
        builder b = {.c = c, .e = e, .n = m, .own = own, .state = state,
                     .cycle = state + pn + n + 1};
        for (bool again = true; again;) {
            again = false;
            for (uint32_t k = 0; k < m; k++) {
                if (state[k] == 1) {
                    resolve_entry(&b, k);
                    again = true;
                }
            }
        }
        free(own);
        free(state);
        *env = (fo_var_env){m, e};
        memcpy(keep, key, n * sizeof *key);
        size_t j = h & (c->cap_envs - 1);
        while (c->envs[j].env)
            j = (j + 1) & (c->cap_envs - 1);
        c->envs[j] = (env_slot){h, parent, n, keep, env};
        c->nenvs++;
        result = env; /* an empty environment is NULL for styles (below) */
    }
out:
    if (key != stackbuf)
        free(key);
    if (result && result->n == 0)
        result = NULL;
    return result;
}

static bool grow_vals(fo_var_cache *c)
{
    size_t ncap = c->cap_vals ? c->cap_vals * 2 : 256;
    val_slot *t = calloc(ncap, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < c->cap_vals; i++) {
        if (!c->vals[i].res)
            continue;
        size_t j = hash_bytes(hash_bytes(14695981039346656037ull, &c->vals[i].pend,
                                         sizeof(void *)), &c->vals[i].env, sizeof(void *)) &
                   (ncap - 1);
        while (t[j].res)
            j = (j + 1) & (ncap - 1);
        t[j] = c->vals[i];
    }
    free(c->vals);
    c->vals = t;
    c->cap_vals = ncap;
    return true;
}

/* The parsed value of `pd` substituted in `env`; NULL when out of
 * memory. */
static const val_res *pending_value(fo_var_cache *c, const var_pending *pd,
                                    const fo_var_env *env)
{
    uint64_t h = hash_bytes(hash_bytes(14695981039346656037ull, &pd, sizeof pd), &env,
                            sizeof env);
    if (c->cap_vals) {
        for (size_t i = h & (c->cap_vals - 1);; i = (i + 1) & (c->cap_vals - 1)) {
            const val_slot *sl = &c->vals[i];
            if (!sl->res)
                break;
            if (sl->pend == pd && sl->env == env)
                return sl->res;
        }
    }
    if ((!c->arena && !(c->arena = fo_arena_new())) ||
        ((c->nvals + 1) * 2 > c->cap_vals && !grow_vals(c)))
        return NULL;
    val_res *r = fo_arena_alloc(c->arena, sizeof *r);
    if (!r)
        return NULL;
    sub x = {.c = c, .env = env};
    bool ok = substitute(&x, pd->tok, 0, pd->count, 0);
    if (ok && x.depth > FO_VAR_MAX_DEPTH) {
        ok = false;
        x.why = WHY_DEPTH;
    }
    fo_css_token eof = {.type = FO_TOK_EOF, .value = ""};
    if (ok && !push(&x.out, &eof, 1)) {
        ok = false;
        x.why = WHY_SIZE;
    }
    const char *why = NULL;
    if (ok) {
        fo_prop_result pr = fo_prop_parse(pd->prop, x.out.t, 0, x.out.n - 1, c->arena,
                                          r->out, &r->n, &why);
        if (pr == FO_PROP_NOMEM) {
            free(x.out.t);
            return NULL;
        }
        r->ok = pr == FO_PROP_OK;
        for (int i = 0; r->ok && i < r->n; i++) {
            /* as when the sheet is read (sheet.c, base/limits.h) */
            fo_value *v = &r->out[i].value;
            if (r->out[i].prop != FO_P_FONT_SIZE || v->kind != FO_V_PT)
                continue;
            double cl = v->num < FO_LIMIT_FONT_MIN   ? FO_LIMIT_FONT_MIN
                        : v->num > FO_LIMIT_FONT_MAX ? FO_LIMIT_FONT_MAX
                                                     : v->num;
            if (cl != v->num) {
                char a[32], b[32];
                snprintf(a, sizeof a, "%gpt", v->num);
                snprintf(b, sizeof b, "%gpt", cl);
                invalid_once(c, pd->index, pd->path, pd->line, pd->col,
                             "font-size %s is out of range; clamped to %s", a, b);
                v->num = cl;
            }
        }
        if (!r->ok) {
            char msg[160];
            snprintf(msg, sizeof msg, "%s%s%s", why ? " (" : "", why ? why : "",
                     why ? ")" : "");
            invalid_once(c, pd->index, pd->path, pd->line, pd->col,
                         "invalid value for '%.60s' after var() substitution%s; "
                         "the property is unset here", pd->prop, msg);
        }
    } else {
        r->ok = false;
        switch (x.why) {
        case WHY_UNDEFINED:
            invalid_once(c, pd->index, pd->path, pd->line, pd->col,
                         "undefined custom property '%.60s' in '%.60s'; the property is "
                         "unset here", x.name, pd->prop);
            break;
        case WHY_CYCLE: case WHY_INVALID:
            invalid_once(c, pd->index, pd->path, pd->line, pd->col,
                         "custom property '%.60s' used in '%.60s' is invalid here (a var() "
                         "cycle or an invalid value); the property is unset", x.name,
                         pd->prop);
            break;
        case WHY_DEPTH:
            invalid_once(c, pd->index, pd->path, pd->line, pd->col,
                         "var() nested too deeply in '%.60s'%.0s (at most 16 levels); the "
                         "property is unset here", pd->prop, "");
            break;
        case WHY_SIZE:
            invalid_once(c, pd->index, pd->path, pd->line, pd->col,
                         "var() substitution in '%.60s'%.0s is too large; the property is "
                         "unset here", pd->prop, "");
            break;
        default:
            free(x.out.t);
            return NULL;
        }
    }
    free(x.out.t);
    size_t j = h & (c->cap_vals - 1);
    while (c->vals[j].res)
        j = (j + 1) & (c->cap_vals - 1);
    c->vals[j] = (val_slot){pd, env, r};
    c->nvals++;
    return r;
}

const fo_var_env *fo_vars_apply(const fo_sheet *s, const fo_var_env *parent,
                                const fo_value *value[FO_PROP_COUNT])
{
    fo_var_cache *c = s->vars;
    if (!c)
        return parent;
    const fo_var_env *env = parent;
    if (c->ntouched) {
        env = build_env(s, c, parent);
        for (size_t k = 0; k < c->ntouched; k++)
            c->wdecl[c->touched[k]] = NULL;
        c->ntouched = 0;
    }
    for (int p = 0; p < FO_PROP_COUNT; p++) {
        if (!value[p] || value[p]->kind != FO_V_PENDING)
            continue;
        const val_res *r = pending_value(c, value[p]->ptr, env);
        const fo_value *v = &unset_value;
        if (!r)
            nomem(c);
        for (int i = 0; r && r->ok && i < r->n; i++)
            if (r->out[i].prop == (fo_prop_id)p)
                v = &r->out[i].value;
        value[p] = v;
    }
    return env;
}
