/* cascade.c — fo_style_compute: the cascade (CSS
 * Cascade 4 §6) over the sheet's index.  See style.h and sheet.h. */
#include "sheet.h"

#include <string.h>

#include "../base/timing.h"
#include "vars.h"

uint32_t fo_bucket_hash(const char *key, size_t len, bool is_class)
{
    uint32_t h = is_class ? 2166136261u : 2166136261u ^ 0x5bd1e995u;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)key[i];
        if (!is_class && c >= 'A' && c <= 'Z')
            c |= 0x20;
        h = (h ^ c) * 16777619u;
    }
    return h;
}

static bool key_eq(const fo_bucket *b, const char *key, size_t len, bool is_class)
{
    if (b->is_class != is_class || b->keylen != len)
        return false;
    if (is_class)
        return memcmp(b->key, key, len) == 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char x = (unsigned char)b->key[i], y = (unsigned char)key[i];
        if (y >= 'A' && y <= 'Z')
            y |= 0x20;
        if (x != y)
            return false;
    }
    return true;
}

const fo_bucket *fo_sheet_bucket(const fo_sheet *s, const char *key,
                                 size_t len, bool is_class)
{
    if (!s->nbuckets)
        return NULL;
    size_t mask = s->nbuckets - 1;
    for (size_t i = fo_bucket_hash(key, len, is_class) & mask;; i = (i + 1) & mask) {
        const fo_bucket *b = &s->buckets[i];
        if (!b->key)
            return NULL;
        if (key_eq(b, key, len, is_class))
            return b;
    }
}

typedef struct winners {
    const fo_value *value[FO_PROP_COUNT];
    uint64_t key[FO_PROP_COUNT];
} winners;

/* Cascade 4 §6.1: importance, then specificity, then order of appearance;
 * packed into one key so the winner is a running maximum. */
static void consider(const fo_sheet *s, const uint32_t *items, size_t n,
                     const fo_elem *elem, fo_pseudo pseudo, winners *w)
{
    for (size_t k = 0; k < n; k++) {
        const fo_rule_entry *e = &s->entries[items[k]];
        if (!fo_selector_matches_pseudo(e->sel, elem, pseudo))
            continue;
        /* importance (bit 63), origin (60-61), specificity (20 bits from
         * 36), order of appearance (decl index < 2^32) */
        uint64_t spec = (uint64_t)(e->sel->specificity & 0xfffff) << 36;
        for (uint32_t d = e->decl_begin; d < e->decl_end; d++) {
            const fo_decl *decl = &s->decls[d];
            uint64_t key = (uint64_t)decl->important << 63 |
                           (uint64_t)(decl->origin & 3) << 60 | spec | d;
            if (decl->prop >= FO_PROP_COUNT) { /* a custom property */
                fo_vars_note(s, decl, key);
                continue;
            }
            if (!w->value[decl->prop] || key > w->key[decl->prop]) {
                w->value[decl->prop] = &decl->value;
                w->key[decl->prop] = key;
            }
        }
    }
}

static void compute(const fo_sheet *sheet, const fo_elem *elem, fo_pseudo pseudo,
                    const fo_style *parent, fo_style *out)
{
    fo_timing_push(FO_T_STYLE);
    winners w;
    fo_style parent_copy;
    if (parent && parent == out) {
        parent_copy = *parent;
        parent = &parent_copy;
    }
    memset(w.value, 0, sizeof w.value);
    if (sheet && elem) {
        const fo_bucket *b;
        if (elem->tag && (b = fo_sheet_bucket(sheet, elem->tag, strlen(elem->tag), false)))
            consider(sheet, sheet->items + b->begin, b->count, elem, pseudo, &w);
        const char *p = elem->classes;
        while (p && *p) {
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            const char *q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\n')
                q++;
            /* A class listed twice is considered twice: harmless, the
             * winner is a maximum. */
            if (q > p && (b = fo_sheet_bucket(sheet, p, (size_t)(q - p), true)))
                consider(sheet, sheet->items + b->begin, b->count, elem, pseudo, &w);
            p = q;
        }
        consider(sheet, sheet->universal, sheet->nuniversal, elem, pseudo, &w);
    }
    const fo_var_env *env = parent ? parent->vars : NULL;
    if (sheet)
        env = fo_vars_apply(sheet, env, w.value);
    fo_prop_compute_all(w.value, parent, out);
    out->vars = env;
    fo_timing_pop();
}

void fo_style_compute(const fo_sheet *sheet, const fo_elem *elem,
                      const fo_style *parent, fo_style *out)
{
    compute(sheet, elem, FO_PSEUDO_NONE, parent, out);
}

void fo_style_compute_pseudo(const fo_sheet *sheet, const fo_elem *elem,
                             fo_pseudo pseudo, const fo_style *elem_style,
                             fo_style *out)
{
    compute(sheet, elem, pseudo, elem_style, out);
}

