/* sheet.c — fo_sheet_parse, fo_sheet_load, fo_sheet_free: reading a style
 * sheet into declarations, selector entries, the selector index and the
 * page geometry.  See style.h and sheet.h. */
#include "sheet.h"

#include "../base/limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "css_parse.h"

typedef struct builder {
    fo_sheet *s;
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
        fo_decl d[FO_PROP_MAX_EXPAND];
        int n;
        const char *why;
        fo_prop_result pr = fo_prop_parse(it.name, bd->p.tok, it.value_begin,
                                          it.value_end, bd->s->arena, d, &n, &why);
        switch (pr) {
        case FO_PROP_OK:
            for (int k = 0; k < n; k++) {
                d[k].important = it.important;
                clamp_font_size(bd, &it, &d[k]);
                if (!push_decl(bd, &d[k]))
                    bd->status = FO_ERR_NOMEM;
            }
            break;
        case FO_PROP_UNKNOWN:
            unknown_property(bd, &it);
            break;
        case FO_PROP_INVALID:
            invalid_value(bd, &it, why);
            break;
        case FO_PROP_NOMEM:
            bd->status = FO_ERR_NOMEM;
            break;
        }
    }
    uint32_t last = (uint32_t)bd->s->ndecls;
    if (first == last)
        return;
    for (int k = 0; k < nsel && bd->status == FO_OK; k++)
        if (!push_entry(bd, &sels[k], first, last))
            bd->status = FO_ERR_NOMEM;
}

/* @page (CSS Paged Media 3 §4). */
static void page_rule(builder *bd, const fo_css_rule *r)
{
    for (size_t i = r->prelude_begin; i < r->prelude_end; i++) {
        if (bd->p.tok[i].type != FO_TOK_WHITESPACE) {
            const fo_css_token *t = &bd->p.tok[i];
            fo_css_warn(&bd->rep, t->line, t->col,
                        "page selectors are not supported yet; @page rule ignored");
            return;
        }
    }
    if (!r->has_block) {
        fo_css_warn(&bd->rep, r->line, r->col, "@page without a block; ignored");
        return;
    }
    size_t pos = r->block_begin;
    fo_css_item it;
    while (fo_css_next_item(&bd->p, &pos, r->block_end, &it)) {
        if (it.is_at) {
            nested_at_rule(bd, &it, "yet (page-margin boxes)");
            continue;
        }
        const char *why;
        fo_page_result pr = fo_page_decl(&bd->s->page, it.name, bd->p.tok,
                                         it.value_begin, it.value_end,
                                         it.important, &why);
        if (pr == FO_PAGE_UNKNOWN)
            fo_css_warn(&bd->rep, it.line, it.col,
                        "property '%.60s' is not supported in @page; declaration dropped",
                        it.name);
        else if (pr == FO_PAGE_INVALID)
            invalid_value(bd, &it, why);
        else if (why)
            fo_css_warn(&bd->rep, it.value_line, it.value_col, "%s", why);
    }
}

static void at_rule(builder *bd, const fo_css_rule *r)
{
    static const char *const later[] = {"import", "font-face", "media", "supports",
                                        "namespace", "layer", "counter-style"};
    if (fo_css_ascii_eq(r->name, "page")) {
        page_rule(bd, r);
        return;
    }
    if (fo_css_ascii_eq(r->name, "charset"))
        return; /* encoding is always UTF-8 */
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

fo_status fo_sheet_parse(const char *text, size_t len, const char *path,
                         bool strict, fo_sheet **out, fo_diag *diag)
{
    *out = NULL;
    fo_sheet *s = calloc(1, sizeof *s);
    if (!s || !(s->arena = fo_arena_new())) {
        free(s);
        fo_error(diag, NULL, 0, 0, "out of memory reading a style sheet");
        return FO_ERR_NOMEM;
    }
    fo_page_builder_init(&s->page);
    builder bd = {.s = s, .text = text, .status = FO_OK};
    if (path && !(s->path = fo_arena_strdup(s->arena, path)))
        bd.status = FO_ERR_NOMEM;
    bd.rep = (fo_css_reporter){diag, s->path, strict, 0};

    fo_css_token_list toks = {0};
    if (bd.status == FO_OK)
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
            if (r.is_at)
                at_rule(&bd, &r);
            else
                style_rule(&bd, &r);
        }
    }
    if (bd.status == FO_OK)
        bd.status = build_index(s);
    if (parser_ready)
        fo_css_parser_dispose(&bd.p);
    fo_css_token_list_free(&toks);
    free(bd.warned);

    if (bd.status == FO_ERR_NOMEM)
        fo_error(diag, NULL, 0, 0, "out of memory reading style sheet %s",
                 path ? path : "(built-in)");
    else if (bd.status == FO_ERR_LIMIT)
        fo_error(diag, NULL, 0, 0, "style sheet %s is too large (over %u bytes)",
                 path ? path : "(built-in)", FO_CSS_MAX_INPUT);
    else if (strict && bd.rep.count > 0)
        bd.status = FO_ERR_STYLE;
    if (bd.status != FO_OK) {
        fo_sheet_free(s);
        return bd.status;
    }
    *out = s;
    return FO_OK;
}

fo_status fo_sheet_load(const char *path, bool strict, fo_sheet **out,
                        fo_diag *diag)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fo_error(diag, NULL, 0, 0, "cannot read %s: %s", path, strerror(errno));
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
                fo_error(diag, NULL, 0, 0, "out of memory reading %s", path);
                return FO_ERR_NOMEM;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
        if (len > FO_CSS_MAX_INPUT)
            break;
    }
    int failed = ferror(f), err = errno;
    fclose(f);
    if (failed) {
        free(buf);
        fo_error(diag, NULL, 0, 0, "cannot read %s: %s", path, strerror(err ? err : EIO));
        return FO_ERR_IO;
    }
    fo_status st = fo_sheet_parse(buf, len, path, strict, out, diag);
    free(buf);
    return st;
}

void fo_sheet_free(fo_sheet *sheet)
{
    if (!sheet)
        return;
    free(sheet->decls);
    free(sheet->entries);
    fo_arena_free(sheet->arena);
    free(sheet);
}
