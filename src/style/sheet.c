/* sheet.c — fo_sheet_parse, fo_sheet_load, fo_sheet_free: reading a style
 * sheet into declarations, selector entries, the selector index and the
 * page geometry.  See style.h and sheet.h. */
#include "sheet.h"
#include "../base/confine.h"
#include <unistd.h>

#include "../base/limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "css_parse.h"
#include "vars.h"

/* The chain of sheets being read, outermost first, for @import cycle
 * detection (canonical paths, malloc'd). */
typedef struct import_ctx {
    char *stack[FO_IMPORT_MAX_DEPTH];
    int depth;
    fo_diag *diag;
    bool strict;
    int problems; /* warnings (strict errors) over all files */
    bool failed;  /* an error that fails the whole sheet (missing import) */
    const fo_confine *conf; /* where @import may read (NULL: anywhere) */
    const char *library;    /* folio's own styles folder, for @import by bare
                               name (NULL: none) */
} import_ctx;

typedef struct builder {
    fo_sheet *s;
    import_ctx *ic;
    fo_origin origin;
    bool rules_seen; /* a rule other than @charset/@import was read */
    fo_css_parser p;
    fo_css_reporter rep;
    const char *text;
    const char **warned; /* unknown property names already reported */
    size_t nwarned, cap_warned;
    fo_status status;
} builder;

/* Quotes the source text of tokens [b, e) for a message: at most 48
 * bytes, stopping at a newline, control bytes as '?'. */
static void quote(const builder *bd, size_t b, size_t e, char *buf, size_t size)
{
    size_t n = 0;
    if (b < e) {
        size_t from = bd->p.tok[b].start, to = bd->p.tok[e - 1].end;
        for (size_t i = from; i < to && n + 4 < size && n < 48; i++) {
            unsigned char c = (unsigned char)bd->text[i];
            if (c == '\n' || c == '\r')
                break;
            buf[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
        }
        if (n == 48 && size > 52) {
            memcpy(buf + n, "...", 3);
            n += 3;
        }
    }
    buf[n] = '\0';
}

static bool push_decl(builder *bd, const fo_decl *d)
{
    fo_sheet *s = bd->s;
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

static bool push_entry(builder *bd, const fo_selector *sel, uint32_t b, uint32_t e)
{
    fo_sheet *s = bd->s;
    if (s->nentries == s->cap_entries) {
        size_t ncap = s->cap_entries ? s->cap_entries * 2 : 64;
        fo_rule_entry *p = realloc(s->entries, ncap * sizeof *p);
        if (!p)
            return false;
        s->entries = p;
        s->cap_entries = ncap;
    }
    s->entries[s->nentries++] = (fo_rule_entry){sel, b, e};
    return true;
}

/* Reports an unknown property once per name per sheet. */
static void unknown_property(builder *bd, const fo_css_item *it)
{
    for (size_t i = 0; i < bd->nwarned; i++)
        if (fo_css_ascii_eq(bd->warned[i], it->name))
            return;
    if (bd->nwarned == bd->cap_warned) {
        size_t ncap = bd->cap_warned ? bd->cap_warned * 2 : 16;
        const char **p = realloc(bd->warned, ncap * sizeof *p);
        if (!p) {
            bd->status = FO_ERR_NOMEM;
            return;
        }
        bd->warned = p;
        bd->cap_warned = ncap;
    }
    bd->warned[bd->nwarned++] = it->name;
    fo_css_warn(&bd->rep, it->line, it->col, "unknown property '%.60s'", it->name);
}

static void invalid_value(builder *bd, const fo_css_item *it, const char *why)
{
    char q[64];
    quote(bd, it->value_begin, it->value_end, q, sizeof q);
    if (it->value_begin == it->value_end)
        fo_css_warn(&bd->rep, it->value_line, it->value_col,
                    "empty value for '%.60s'; declaration dropped", it->name);
    else
        fo_css_warn(&bd->rep, it->value_line, it->value_col,
                    "invalid value '%s' for '%.60s'%s%s%s; declaration dropped", q,
                    it->name, why ? " (" : "", why ? why : "", why ? ")" : "");
}

static void nested_at_rule(builder *bd, const fo_css_item *it, const char *where)
{
    fo_css_warn(&bd->rep, it->line, it->col,
                "'@%.60s' is not supported %s; skipped", it->at.name, where);
}

/* An absolute font size outside [FO_LIMIT_FONT_MIN, FO_LIMIT_FONT_MAX] pt
 * is clamped with a warning (base/limits.h): 0 pt draws nothing and makes
 * line heights zero, 10 000 pt fits no glyph on a page. */
static void clamp_font_size(builder *bd, const fo_css_item *it, fo_decl *d)
{
    if (d->prop != FO_P_FONT_SIZE || d->value.kind != FO_V_PT)
        return;
    double v = d->value.num;
    double c = v < FO_LIMIT_FONT_MIN ? FO_LIMIT_FONT_MIN : v > FO_LIMIT_FONT_MAX ? FO_LIMIT_FONT_MAX : v;
    if (c == v)
        return;
    fo_css_warn(&bd->rep, it->value_line, it->value_col,
                "font-size %gpt is out of range; clamped to %gpt", v, c);
    d->value.num = c;
}

/* One declaration of a style rule, margin box or page context: parsed and
 * appended to the sheet's declarations, or reported. */
static void declaration(builder *bd, const fo_css_item *it)
{
    bool custom = strncmp(it->name, "--", 2) == 0; /* Custom Properties 1 §2 */
    if (custom || fo_vars_uses(bd->p.tok, it->value_begin, it->value_end)) {
        const char *bad = fo_vars_syntax(bd->p.tok, it->value_begin, it->value_end);
        if (bad) { /* invalid at parse time (§3) */
            fo_css_warn(&bd->rep, it->value_line, it->value_col,
                        "%s in '%.60s'; declaration dropped", bad, it->name);
            return;
        }
    }
    if (custom) {
        if (!fo_vars_define(bd->s, it->name, bd->p.tok, it->value_begin, it->value_end,
                            it->important, bd->origin, bd->rep.path, it->line, it->col))
            bd->status = FO_ERR_NOMEM;
        return;
    }
    if (fo_vars_uses(bd->p.tok, it->value_begin, it->value_end)) {
        /* the longhands the property sets: those `name: inherit` sets */
        fo_css_token kw[2] = {{.type = FO_TOK_IDENT, .value = "inherit"},
                              {.type = FO_TOK_EOF, .value = ""}};
        fo_decl lh[FO_PROP_MAX_EXPAND];
        fo_prop_id ids[FO_PROP_MAX_EXPAND];
        int n;
        const char *why;
        fo_prop_result pr = fo_prop_parse(it->name, kw, 0, 1, bd->s->arena, lh, &n, &why);
        if (pr == FO_PROP_UNKNOWN) {
            unknown_property(bd, it);
            return;
        }
        if (pr == FO_PROP_NOMEM) {
            bd->status = FO_ERR_NOMEM;
            return;
        }
        if (pr != FO_PROP_OK) { /* every property takes `inherit`: not expected */
            invalid_value(bd, it, why);
            return;
        }
        for (int k = 0; k < n; k++)
            ids[k] = lh[k].prop;
        if (!fo_vars_defer(bd->s, it->name, bd->p.tok, it->value_begin, it->value_end,
                           it->important, bd->origin, ids, n, bd->rep.path, it->line,
                           it->col))
            bd->status = FO_ERR_NOMEM;
        return;
    }
    fo_decl d[FO_PROP_MAX_EXPAND];
    int n;
    const char *why;
    fo_prop_result pr = fo_prop_parse(it->name, bd->p.tok, it->value_begin,
                                      it->value_end, bd->s->arena, d, &n, &why);
    switch (pr) {
    case FO_PROP_OK:
        for (int k = 0; k < n; k++) {
            d[k].important = it->important;
            d[k].origin = (uint8_t)bd->origin;
            clamp_font_size(bd, it, &d[k]);
            if (!push_decl(bd, &d[k]))
                bd->status = FO_ERR_NOMEM;
        }
        break;
    case FO_PROP_UNKNOWN:
        unknown_property(bd, it);
        break;
    case FO_PROP_INVALID:
        invalid_value(bd, it, why);
        break;
    case FO_PROP_NOMEM:
        bd->status = FO_ERR_NOMEM;
        break;
    }
}

/* A style rule: selectors, then its declarations (CSS Syntax 3 §5.4.3,
 * §5.4.5). */
static void style_rule(builder *bd, const fo_css_rule *r)
{
    fo_selector *sels;
    int nsel;
    fo_status st = fo_selector_parse_list(bd->p.tok, r->prelude_begin, r->prelude_end,
                                          bd->s->arena, &bd->rep, &sels, &nsel);
    if (st != FO_OK) {
        bd->status = st;
        return;
    }
    if (nsel == 0)
        return; /* reported */
    uint32_t first = (uint32_t)bd->s->ndecls;
    size_t pos = r->block_begin;
    fo_css_item it;
    while (bd->status == FO_OK && fo_css_next_item(&bd->p, &pos, r->block_end, &it)) {
        if (it.is_at) {
            nested_at_rule(bd, &it, "inside a style rule");
            continue;
        }
        declaration(bd, &it);
    }
    uint32_t last = (uint32_t)bd->s->ndecls;
    if (first == last)
        return;
    for (int k = 0; k < nsel && bd->status == FO_OK; k++)
        if (!push_entry(bd, &sels[k], first, last))
            bd->status = FO_ERR_NOMEM;
}

/* A page selector list element: `:first`, `:left`, `:right`, `:blank`,
 * any number of them (Paged Media 3 §4.1).  Returns false (reported) for
 * anything else.  *spec counts :first/:blank ×16 and :left/:right ×1
 * (§4.2: g and h columns; named pages are not supported). */
static bool page_selector(builder *bd, const fo_css_rule *r, unsigned *flags,
                          unsigned *spec)
{
    *flags = 0;
    *spec = 0;
    size_t i = r->prelude_begin, e = r->prelude_end;
    while (i < e && bd->p.tok[i].type == FO_TOK_WHITESPACE)
        i++;
    while (e > i && bd->p.tok[e - 1].type == FO_TOK_WHITESPACE)
        e--;
    while (i < e) {
        const fo_css_token *t = &bd->p.tok[i];
        if (t->type == FO_TOK_COLON && i + 1 < e && bd->p.tok[i + 1].type == FO_TOK_IDENT) {
            const char *n = bd->p.tok[i + 1].value;
            unsigned f = fo_css_ascii_eq(n, "first") ? FO_PAGE_FIRST
                         : fo_css_ascii_eq(n, "left")  ? FO_PAGE_LEFT
                         : fo_css_ascii_eq(n, "right") ? FO_PAGE_RIGHT
                         : fo_css_ascii_eq(n, "blank") ? FO_PAGE_BLANK
                                                       : 0;
            if (f) {
                *flags |= f;
                *spec += (f == FO_PAGE_FIRST || f == FO_PAGE_BLANK) ? 16 : 1;
                i += 2;
                continue;
            }
            fo_css_warn(&bd->rep, t->line, t->col,
                        "unknown page selector ':%.40s'; @page rule ignored", n);
            return false;
        }
        fo_css_warn(&bd->rep, t->line, t->col,
                    t->type == FO_TOK_IDENT
                        ? "named pages are not supported; @page rule ignored"
                        : "invalid page selector; @page rule ignored");
        return false;
    }
    return true;
}

/* @page (CSS Paged Media 3 §4): size (only in @page without selectors:
 * every page has one size), margins (cascaded per page kind by
 * fo_sheet_page_for), page-context properties and margin boxes. */
static void page_rule(builder *bd, const fo_css_rule *r)
{
    unsigned flags, spec;
    if (!page_selector(bd, r, &flags, &spec))
        return;
    if (!r->has_block) {
        fo_css_warn(&bd->rep, r->line, r->col, "@page without a block; ignored");
        return;
    }
    uint32_t ctx_first = (uint32_t)bd->s->ndecls;
    /* page-context declarations go first, margin boxes after, so collect
     * the context's in one pass and the boxes' in a second */
    size_t pos = r->block_begin;
    fo_css_item it;
    while (bd->status == FO_OK && fo_css_next_item(&bd->p, &pos, r->block_end, &it)) {
        if (it.is_at)
            continue;
        const char *why = NULL;
        fo_page_result pr = FO_PAGE_UNKNOWN;
        bool size = fo_css_ascii_eq(it.name, "size");
        bool geometry = size || fo_css_ascii_eq(it.name, "margin") ||
                        (strncmp(it.name, "margin-", 7) == 0);
        if (size && flags) {
            fo_css_warn(&bd->rep, it.line, it.col,
                        "'size' is only supported in @page without page selectors "
                        "(every page has the same size); declaration dropped");
            continue;
        }
        fo_page_geom g = {0};
        if (geometry)
            pr = fo_page_geom_parse(it.name, bd->p.tok, it.value_begin, it.value_end,
                                    &g, &why);
        if (pr == FO_PAGE_UNKNOWN) {
            declaration(bd, &it); /* a page-context property */
            continue;
        }
        if (pr == FO_PAGE_INVALID) {
            invalid_value(bd, &it, why);
            continue;
        }
        if (why)
            fo_css_warn(&bd->rep, it.value_line, it.value_col, "%s", why);
        g.flags = flags;
        g.key = (uint64_t)it.important << 63 | (uint64_t)(bd->origin & 3) << 60 |
                (uint64_t)(spec & 0xfffff) << 36 | (uint64_t)bd->s->ngeoms;
        g.path = bd->rep.path;
        g.line = it.line;
        g.col = it.col;
        if (!fo_sheet_push_page_geom(bd->s, &g))
            bd->status = FO_ERR_NOMEM;
    }
    uint32_t ctx_last = (uint32_t)bd->s->ndecls;
    fo_page_rule ctx = {flags, spec, FO_MB_COUNT, ctx_first, ctx_last, (uint8_t)bd->origin,
                        bd->rep.path, r->line, r->col};
    if (ctx_last > ctx_first && !fo_sheet_push_page_rule(bd->s, &ctx))
        bd->status = FO_ERR_NOMEM;
    pos = r->block_begin;
    while (bd->status == FO_OK && fo_css_next_item(&bd->p, &pos, r->block_end, &it)) {
        if (!it.is_at)
            continue;
        int box = fo_margin_box_lookup(it.at.name);
        if (box < 0) {
            nested_at_rule(bd, &it, "inside @page");
            continue;
        }
        if (!it.at.has_block) {
            fo_css_warn(&bd->rep, it.line, it.col, "@%.40s without a block; ignored",
                        it.at.name);
            continue;
        }
        uint32_t first = (uint32_t)bd->s->ndecls;
        size_t bpos = it.at.block_begin;
        fo_css_item bi;
        while (bd->status == FO_OK &&
               fo_css_next_item(&bd->p, &bpos, it.at.block_end, &bi)) {
            if (bi.is_at)
                nested_at_rule(bd, &bi, "inside a margin box");
            else
                declaration(bd, &bi);
        }
        uint32_t last = (uint32_t)bd->s->ndecls;
        fo_page_rule br = {flags, spec, box, first, last, (uint8_t)bd->origin, bd->rep.path,
                           it.line, it.col};
        if (last > first && !fo_sheet_push_page_rule(bd->s, &br))
            bd->status = FO_ERR_NOMEM;
    }
}

static fo_status parse_into(fo_sheet *s, const char *text, size_t len,
                            const char *path, fo_origin origin, import_ctx *ic);
static fo_status load_into(fo_sheet *s, const char *path, fo_origin origin,
                           import_ctx *ic, const char *from, int line, int col);

/* The imported file's path: `url` as written when absolute, else relative
 * to the directory of the importing sheet `from` (the working directory
 * for built-in text).  Returns a malloc'd string or NULL. */
static char *resolve_relative(const char *from, const char *url)
{
    size_t dirlen = 0;
    if (url[0] != '/' && from) {
        const char *slash = strrchr(from, '/');
        if (slash)
            dirlen = (size_t)(slash - from) + 1;
    }
    size_t n = strlen(url);
    char *out = malloc(dirlen + n + 1);
    if (!out)
        return NULL;
    memcpy(out, from ? from : "", dirlen);
    memcpy(out + dirlen, url, n + 1);
    return out;
}

/* @import "file.css"; / @import url(file.css); (CSS Cascade 4 §2.1).  The
 * imported sheet's rules take its place in source order, so the importing
 * sheet's later rules win ties.  Media queries, layer() and supports() are
 * not supported: such an import is skipped with a warning. */
static void import_rule(builder *bd, const fo_css_rule *r)
{
    if (bd->rules_seen) {
        fo_css_warn(&bd->rep, r->line, r->col,
                    "@import after other rules is ignored (CSS Cascade 4 §2.1); "
                    "move it to the top of the sheet");
        return;
    }
    if (r->has_block) {
        fo_css_warn(&bd->rep, r->line, r->col, "@import with a block; skipped");
        return;
    }
    fo_vcur c = {bd->p.tok, r->prelude_begin, r->prelude_end, NULL};
    const fo_css_token *t = fo_vcur_next(&c);
    const char *url = NULL;
    if (t && (t->type == FO_TOK_STRING || t->type == FO_TOK_URL)) {
        url = t->value;
    } else if (t && t->type == FO_TOK_FUNCTION && fo_css_ascii_eq(t->value, "url")) {
        const fo_css_token *a = fo_vcur_next(&c);
        const fo_css_token *close = fo_vcur_next(&c);
        if (a && a->type == FO_TOK_STRING && close && close->type == FO_TOK_RPAREN)
            url = a->value;
    }
    if (!url || !*url) {
        fo_css_warn(&bd->rep, r->line, r->col,
                    "@import needs a file name: @import \"base.css\"; skipped");
        return;
    }
    if (!fo_vcur_done(&c)) {
        const fo_css_token *m = fo_vcur_peek(&c);
        fo_css_warn(&bd->rep, m->line, m->col,
                    "media queries, layer() and supports() on @import are not "
                    "supported; import skipped");
        return;
    }
    if (bd->ic->conf && fo_confine_is_url(url)) {
        fo_css_warn(&bd->rep, t->line, t->col, "@import of a URL (%s): folio never fetches URLs; skipped", url);
        return;
    }
    char *file = resolve_relative(bd->s->path_current, url);
    if (!file) {
        bd->status = FO_ERR_NOMEM;
        return;
    }
    /* A bare file name not found beside the importing sheet is looked up
     * in folio's styles folder: `@import "default.css";` extends the
     * shipped style from anywhere. */
    if (bd->ic->library && access(file, F_OK) != 0 && !strchr(url, '/')) {
        size_t n = strlen(bd->ic->library) + strlen(url) + 2;
        char *lib = malloc(n);
        if (!lib) {
            free(file);
            bd->status = FO_ERR_NOMEM;
            return;
        }
        snprintf(lib, n, "%s/%s", bd->ic->library, url);
        if (access(lib, F_OK) == 0) {
            free(file);
            file = lib;
        } else {
            free(lib);
        }
    }
    if (bd->ic->conf && access(file, F_OK) == 0) {
        /* A file that exists must lie in an allowed folder (a missing one
         * is the error load_into reports). */
        char *real = NULL;
        fo_confine_result cr = fo_confine_resolve(bd->ic->conf, NULL, file, bd->rep.path,
                                                  t->line, t->col, &real, bd->ic->diag);
        free(real);
        if (cr != FO_CONFINE_OK) {
            free(file);
            if (cr == FO_CONFINE_NOMEM)
                bd->status = FO_ERR_NOMEM;
            else
                bd->ic->problems++;
            return;
        }
    }
    const char *saved = bd->s->path_current;
    fo_status st = load_into(bd->s, file, bd->origin, bd->ic, bd->rep.path,
                             t->line, t->col);
    bd->s->path_current = saved;
    free(file);
    if (st == FO_ERR_NOMEM || st == FO_ERR_LIMIT)
        bd->status = st;
}

/* @font-face (CSS Fonts 4 §4): font-family, src (the first url(); a
 * format() hint is accepted and ignored; local() is not supported),
 * font-weight, font-style.  A rule without font-family or src is reported
 * and ignored. */
static void font_face_rule(builder *bd, const fo_css_rule *r)
{
    if (!r->has_block) {
        fo_css_warn(&bd->rep, r->line, r->col, "@font-face without a block; ignored");
        return;
    }
    fo_font_face ff = {NULL, NULL, 400, FO_FONT_NORMAL, bd->rep.path, r->line, r->col};
    size_t pos = r->block_begin;
    fo_css_item it;
    while (bd->status == FO_OK && fo_css_next_item(&bd->p, &pos, r->block_end, &it)) {
        if (it.is_at) {
            nested_at_rule(bd, &it, "inside @font-face");
            continue;
        }
        fo_vcur c = {bd->p.tok, it.value_begin, it.value_end, NULL};
        bool ok = false;
        if (fo_css_ascii_eq(it.name, "font-family")) {
            const fo_css_token *t = fo_vcur_next(&c);
            if (t && (t->type == FO_TOK_STRING || t->type == FO_TOK_IDENT) && fo_vcur_done(&c)) {
                ff.family = t->value;
                ok = true;
            }
        } else if (fo_css_ascii_eq(it.name, "src")) {
            const fo_css_token *t = fo_vcur_next(&c);
            const char *url = NULL;
            if (t && t->type == FO_TOK_URL) {
                url = t->value;
            } else if (t && t->type == FO_TOK_FUNCTION && fo_css_ascii_eq(t->value, "url")) {
                const fo_css_token *a = fo_vcur_next(&c), *close = fo_vcur_next(&c);
                if (a && a->type == FO_TOK_STRING && close && close->type == FO_TOK_RPAREN)
                    url = a->value;
            }
            if (url && *url) {
                char *file = resolve_relative(bd->s->path_current, url);
                if (!file) {
                    bd->status = FO_ERR_NOMEM;
                    return;
                }
                ff.path = fo_arena_strdup(bd->s->arena, file);
                free(file);
                if (!ff.path) {
                    bd->status = FO_ERR_NOMEM;
                    return;
                }
                ff.line = it.value_line;
                ff.col = it.value_col;
                ok = true; /* format() and further sources are ignored */
            }
        } else if (fo_css_ascii_eq(it.name, "font-weight") ||
                   fo_css_ascii_eq(it.name, "font-style")) {
            fo_decl d[FO_PROP_MAX_EXPAND];
            int n;
            const char *why;
            if (fo_prop_parse(it.name, bd->p.tok, it.value_begin, it.value_end,
                              bd->s->arena, d, &n, &why) == FO_PROP_OK &&
                d[0].value.kind != FO_V_INHERIT && d[0].value.kind != FO_V_INITIAL &&
                d[0].value.kind != FO_V_UNSET) {
                if (d[0].prop == FO_P_FONT_STYLE)
                    ff.style = (fo_font_style)d[0].value.keyword;
                else if (d[0].value.kind == FO_V_INT)
                    ff.weight = (int)d[0].value.num;
                ok = d[0].prop == FO_P_FONT_STYLE || d[0].value.kind == FO_V_INT;
            }
        } else {
            fo_css_warn(&bd->rep, it.line, it.col,
                        "descriptor '%.60s' is not supported in @font-face; ignored", it.name);
            continue;
        }
        if (!ok)
            invalid_value(bd, &it, NULL);
    }
    if (!ff.family || !ff.path) {
        fo_css_warn(&bd->rep, r->line, r->col,
                    "@font-face needs font-family and src: url(...); ignored");
        return;
    }
    fo_sheet *s = bd->s;
    if (s->nfaces == s->cap_faces) {
        size_t ncap = s->cap_faces ? s->cap_faces * 2 : 8;
        fo_font_face *p = realloc(s->faces, ncap * sizeof *p);
        if (!p) {
            bd->status = FO_ERR_NOMEM;
            return;
        }
        s->faces = p;
        s->cap_faces = ncap;
    }
    s->faces[s->nfaces++] = ff;
}

int fo_sheet_font_faces(const fo_sheet *sheet, const fo_font_face **out)
{
    *out = sheet ? sheet->faces : NULL;
    return sheet ? (int)sheet->nfaces : 0;
}

static void at_rule(builder *bd, const fo_css_rule *r)
{
    static const char *const later[] = {"media", "supports",
                                        "namespace", "layer", "counter-style"};
    if (fo_css_ascii_eq(r->name, "import")) {
        import_rule(bd, r);
        return;
    }
    if (fo_css_ascii_eq(r->name, "charset"))
        return; /* encoding is always UTF-8 */
    bd->rules_seen = true;
    if (fo_css_ascii_eq(r->name, "page")) {
        page_rule(bd, r);
        return;
    }
    if (fo_css_ascii_eq(r->name, "font-face")) {
        font_face_rule(bd, r);
        return;
    }
    for (size_t k = 0; k < sizeof later / sizeof later[0]; k++) {
        if (fo_css_ascii_eq(r->name, later[k])) {
            fo_css_warn(&bd->rep, r->line, r->col,
                        "@%s is not supported yet; skipped", later[k]);
            return;
        }
    }
    fo_css_warn(&bd->rep, r->line, r->col, "unknown at-rule '@%.60s'; skipped", r->name);
}

/* Builds the selector index (see sheet.h). */
static fo_status build_index(fo_sheet *s)
{
    size_t n = s->nentries;
    size_t nb = 16;
    while (nb < 2 * n + 1)
        nb *= 2;
    s->buckets = fo_arena_alloc(s->arena, nb * sizeof *s->buckets);
    uint32_t *slot = malloc((n ? n : 1) * sizeof *slot); /* bucket of each entry */
    if (!s->buckets || !slot) {
        free(slot);
        return FO_ERR_NOMEM;
    }
    s->nbuckets = nb;
    size_t mask = nb - 1;
    for (size_t k = 0; k < n; k++) {
        const fo_compound *subj = &s->entries[k].sel->parts[0];
        const char *key;
        bool cls;
        if (subj->nclasses) {
            key = subj->classes[0];
            cls = true;
        } else if (subj->tag) {
            key = subj->tag;
            cls = false;
        } else {
            slot[k] = UINT32_MAX;
            s->nuniversal++;
            continue;
        }
        size_t len = strlen(key);
        size_t i = fo_bucket_hash(key, len, cls) & mask;
        while (s->buckets[i].key &&
               !(s->buckets[i].is_class == cls && s->buckets[i].keylen == len &&
                 memcmp(s->buckets[i].key, key, len) == 0))
            i = (i + 1) & mask;
        fo_bucket *b = &s->buckets[i];
        b->key = key;
        b->keylen = len;
        b->is_class = cls;
        b->count++;
        slot[k] = (uint32_t)i;
    }
    uint32_t off = 0;
    for (size_t i = 0; i < nb; i++) {
        s->buckets[i].begin = off;
        off += s->buckets[i].count;
        s->buckets[i].count = 0;
    }
    s->items = fo_arena_alloc(s->arena, (off ? off : 1) * sizeof *s->items);
    s->universal = fo_arena_alloc(s->arena, (s->nuniversal ? s->nuniversal : 1) *
                                                sizeof *s->universal);
    if (!s->items || !s->universal) {
        free(slot);
        return FO_ERR_NOMEM;
    }
    size_t nu = 0;
    for (size_t k = 0; k < n; k++) {
        if (slot[k] == UINT32_MAX) {
            s->universal[nu++] = (uint32_t)k;
        } else {
            fo_bucket *b = &s->buckets[slot[k]];
            s->items[b->begin + b->count++] = (uint32_t)k;
        }
    }
    free(slot);
    return FO_OK;
}

/* Reads one sheet's text into `s` (rules appended in source order). */
static fo_status parse_into(fo_sheet *s, const char *text, size_t len,
                            const char *path, fo_origin origin, import_ctx *ic)
{
    builder bd = {.s = s, .ic = ic, .origin = origin, .text = text, .status = FO_OK};
    const char *name = NULL;
    if (path && !(name = fo_arena_strdup(s->arena, path)))
        return FO_ERR_NOMEM;
    if (!s->path)
        s->path = (char *)name;
    s->path_current = name;
    bd.rep = (fo_css_reporter){ic->diag, name, ic->strict, 0};

    fo_css_token_list toks = {0};
    bd.status = fo_css_tokenize(text ? text : "", text ? len : 0, s->arena, &bd.rep, &toks);
    bool parser_ready = false;
    if (bd.status == FO_OK) {
        bd.status = fo_css_parser_init(&bd.p, &toks, &bd.rep);
        parser_ready = bd.status == FO_OK;
    }
    if (bd.status == FO_OK) {
        size_t pos = 0;
        fo_css_rule r;
        while (bd.status == FO_OK &&
               fo_css_next_rule(&bd.p, &pos, bd.p.count - 1, true, &r)) {
            if (r.is_at) {
                at_rule(&bd, &r);
            } else {
                bd.rules_seen = true;
                style_rule(&bd, &r);
            }
        }
    }
    if (parser_ready)
        fo_css_parser_dispose(&bd.p);
    fo_css_token_list_free(&toks);
    free(bd.warned);
    ic->problems += bd.rep.count;
    return bd.status;
}

/* Reads the file at `path` into a malloc'd buffer.  FO_ERR_IO with errno
 * in *err when it cannot be read. */
static fo_status read_file(const char *path, char **out, size_t *outlen, int *err)
{
    *out = NULL;
    *outlen = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return FO_ERR_IO;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 4096) {
            size_t ncap = cap ? cap * 2 : 16384;
            char *p = realloc(buf, ncap);
            if (!p) {
                free(buf);
                fclose(f);
                return FO_ERR_NOMEM;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0 || len > FO_CSS_MAX_INPUT)
            break;
    }
    int failed = ferror(f);
    *err = errno;
    fclose(f);
    if (failed) {
        free(buf);
        if (!*err)
            *err = EIO;
        return FO_ERR_IO;
    }
    *out = buf;
    *outlen = len;
    return FO_OK;
}

/* Loads the file `path` into `s`.  `from`/`line`/`col` locate the @import
 * that asked for it (from = NULL for a top-level sheet): a file that cannot
 * be read is then reported there.  Cycles (a file importing itself,
 * directly or not) are reported and the repeated import skipped. */
static fo_status load_into(fo_sheet *s, const char *path, fo_origin origin,
                           import_ctx *ic, const char *from, int line, int col)
{
    char *canon = realpath(path, NULL);
    if (!canon) {
        int err = errno;
        if (err == ENOMEM)
            return FO_ERR_NOMEM;
        if (from)
            fo_error(ic->diag, from, line, col, "cannot import %s: %s", path, strerror(err));
        else
            fo_error(ic->diag, NULL, 0, 0, "cannot read %s: %s", path, strerror(err));
        ic->failed = true;
        return FO_ERR_IO;
    }
    for (int k = 0; k < ic->depth; k++) {
        if (strcmp(ic->stack[k], canon) == 0) {
            fo_css_reporter rep = {ic->diag, from, ic->strict, 0};
            fo_css_warn(&rep, line, col, "@import cycle: %s imports itself%s%s; skipped",
                        path, k + 1 < ic->depth ? " through " : "",
                        k + 1 < ic->depth ? ic->stack[k + 1] : "");
            ic->problems += rep.count;
            free(canon);
            return FO_OK;
        }
    }
    if (ic->depth == FO_IMPORT_MAX_DEPTH) {
        fo_error(ic->diag, from, line, col, "@import nested more than %d deep",
                 FO_IMPORT_MAX_DEPTH);
        ic->failed = true;
        free(canon);
        return FO_ERR_LIMIT;
    }
    char *buf;
    size_t len;
    int err = 0;
    fo_status st = read_file(path, &buf, &len, &err);
    if (st == FO_ERR_NOMEM) {
        free(canon);
        return st;
    }
    if (st != FO_OK) {
        if (from)
            fo_error(ic->diag, from, line, col, "cannot import %s: %s", path, strerror(err));
        else
            fo_error(ic->diag, NULL, 0, 0, "cannot read %s: %s", path, strerror(err));
        ic->failed = true;
        free(canon);
        return FO_ERR_IO;
    }
    ic->stack[ic->depth++] = canon;
    st = parse_into(s, buf, len, path, origin, ic);
    free(ic->stack[--ic->depth]);
    free(buf);
    return st;
}

static fo_sheet *sheet_new(void)
{
    fo_sheet *s = calloc(1, sizeof *s);
    if (!s || !(s->arena = fo_arena_new())) {
        free(s);
        return NULL;
    }
    return s;
}

/* Ends a parse: the index, the messages for fatal statuses, strictness. */
static fo_status finish(fo_sheet *s, fo_status st, import_ctx *ic, const char *path)
{
    if (st == FO_OK)
        st = fo_vars_finish(s, ic->diag, ic->strict, &ic->problems);
    if (st == FO_OK)
        st = build_index(s);
    if (st == FO_ERR_NOMEM)
        fo_error(ic->diag, NULL, 0, 0, "out of memory reading style sheet %s",
                 path ? path : "(built-in)");
    else if (st == FO_ERR_LIMIT && !ic->failed)
        fo_error(ic->diag, NULL, 0, 0, "style sheet %s is too large (over %u bytes)",
                 path ? path : "(built-in)", FO_CSS_MAX_INPUT);
    else if (st == FO_OK && ic->failed)
        st = FO_ERR_STYLE;
    else if (st == FO_OK && ic->strict && ic->problems > 0)
        st = FO_ERR_STYLE;
    return st;
}

fo_status fo_sheet_parse(const char *text, size_t len, const char *path,
                         bool strict, fo_sheet **out, fo_diag *diag)
{
    *out = NULL;
    fo_sheet *s = sheet_new();
    if (!s) {
        fo_error(diag, NULL, 0, 0, "out of memory reading a style sheet");
        return FO_ERR_NOMEM;
    }
    import_ctx ic = {.diag = diag, .strict = strict};
    fo_status st = parse_into(s, text, len, path, FO_ORIGIN_HOUSE, &ic);
    st = finish(s, st, &ic, path);
    if (st != FO_OK) {
        fo_sheet_free(s);
        return st;
    }
    *out = s;
    return FO_OK;
}

fo_status fo_sheet_load(const char *path, bool strict, const fo_confine *conf,
                        const char *library, fo_sheet **out, fo_diag *diag)
{
    *out = NULL;
    fo_sheet *s = sheet_new();
    if (!s) {
        fo_error(diag, NULL, 0, 0, "out of memory reading %s", path);
        return FO_ERR_NOMEM;
    }
    import_ctx ic = {.diag = diag, .strict = strict, .conf = conf, .library = library};
    fo_status st = load_into(s, path, FO_ORIGIN_HOUSE, &ic, NULL, 0, 0);
    if (st != FO_ERR_IO) /* FO_ERR_IO: the file itself, reported */
        st = finish(s, st, &ic, path);
    if (st != FO_OK) {
        fo_sheet_free(s);
        return st;
    }
    *out = s;
    return FO_OK;
}

fo_status fo_sheet_add_user(fo_sheet *sheet, const char *path, bool strict,
                            const fo_confine *conf, const char *library, fo_diag *diag)
{
    import_ctx ic = {.diag = diag, .strict = strict, .conf = conf, .library = library};
    const char *keep = sheet->path;
    fo_status st = load_into(sheet, path, FO_ORIGIN_USER, &ic, NULL, 0, 0);
    sheet->path = (char *)keep;
    if (st == FO_ERR_IO)
        return st; /* reported */
    sheet->nuniversal = 0; /* the index is rebuilt over all entries */
    return finish(sheet, st, &ic, path);
}

void fo_sheet_free(fo_sheet *sheet)
{
    if (!sheet)
        return;
    free(sheet->decls);
    free(sheet->entries);
    free(sheet->page_rules);
    free(sheet->geoms);
    free(sheet->faces);
    fo_vars_cache_free(sheet->vars);
    fo_arena_free(sheet->arena);
    free(sheet);
}
