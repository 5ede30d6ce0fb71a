/* pdf_size.c — what takes the space in a saved PDF, for --max-size.
 *
 * After HPDF_SaveToStream every xref entry holds the byte offset of its
 * object, and objects are written in xref order, so an object's size is
 * the distance to the next one (the last ends where the xref table
 * starts).  Objects are sorted into kinds by walking from known roots:
 * the fonts and XObjects of each page's resources, the catalog's
 * /Names /EmbeddedFiles, /Metadata and /OutputIntents, each page's
 * /Contents; whatever no root reaches is "structure" (pages tree, outline,
 * links, info).  See pdf_writer.h. */
#include "pdf_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_NONE, K_FONT, K_IMAGE, K_ATTACH, K_META, K_PAGE, K_OTHER, K_COUNT };

static const char *const kind_names[K_COUNT] = {
    "", "fonts", "images", "attachments", "metadata and colour profile",
    "page content", "structure (pages, outline, links, xref)",
};

typedef struct walk {
    unsigned char *kind; /* by object id */
    size_t n;
} walk;

/* Marks every indirect object reachable from `obj` that has no kind yet. */
static void mark(walk *wk, void *obj, int kind, int depth)
{
    if (!obj || depth > 64)
        return;
    HPDF_Obj_Header *h = obj;
    if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY) {
        obj = ((HPDF_Proxy)obj)->obj;
        if (!obj)
            return;
        h = obj;
    }
    if (h->obj_id & HPDF_OTYPE_INDIRECT) {
        size_t id = h->obj_id & 0x00FFFFFF;
        if (id >= wk->n || wk->kind[id] != K_NONE)
            return;
        wk->kind[id] = (unsigned char)kind;
    }
    unsigned cls = h->obj_class & HPDF_OCLASS_ANY;
    if (cls == HPDF_OCLASS_DICT) {
        HPDF_Dict d = obj;
        for (HPDF_UINT i = 0; d->list && i < d->list->count; i++) {
            HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);
            if (e)
                mark(wk, e->value, kind, depth + 1);
        }
    } else if (cls == HPDF_OCLASS_ARRAY) {
        HPDF_Array a = obj;
        for (HPDF_UINT i = 0; a->list && i < a->list->count; i++)
            mark(wk, HPDF_List_ItemAt(a->list, i), kind, depth + 1);
    }
}

/* The value of `key` in the dictionary `d`, proxies resolved, or NULL.
 * (HPDF_Dict_GetItem would set the document's error state on a type
 * mismatch.) */
static void *dict_get(void *d, const char *key)
{
    HPDF_Obj_Header *h = d;
    if (!d || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
        return NULL;
    HPDF_Dict dict = d;
    for (HPDF_UINT i = 0; dict->list && i < dict->list->count; i++) {
        HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
        if (e && strcmp(e->key, key) == 0) {
            HPDF_Obj_Header *v = e->value;
            if (v && (v->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
                return ((HPDF_Proxy)e->value)->obj;
            return e->value;
        }
    }
    return NULL;
}

/* Marks the values of `key` in the dictionary `d` (and, for /Resources,
 * sub-dictionary `sub`). */
static void mark_key(walk *wk, HPDF_Dict d, const char *key, const char *sub, int kind)
{
    void *v = dict_get(d, key);
    if (v && sub)
        v = dict_get(v, sub);
    mark(wk, v, kind, 0);
}

static void human(unsigned long long v, char *out, size_t cap)
{
    if (v >= 1000000)
        snprintf(out, cap, "%.2f MB", (double)v / 1e6);
    else if (v >= 1000)
        snprintf(out, cap, "%.1f kB", (double)v / 1e3);
    else
        snprintf(out, cap, "%llu bytes", v);
}

fo_status fo_pdf_check_size(fo_pdf_writer *w, size_t total, unsigned long long max)
{
    if (max == 0 || total <= max)
        return FO_OK;
    HPDF_Doc doc = w->c.doc;
    HPDF_Xref x = doc->xref;
    unsigned long long by_kind[K_COUNT] = { 0 };
    walk wk = { NULL, x && x->entries ? x->entries->count : 0 };
    if (wk.n > 0 && !(wk.kind = calloc(wk.n, 1)))
        return fo_pdf_nomem(w->c.diag);
    HPDF_Dict cat = doc->catalog;
    for (int p = 0; p < w->d->npages; p++) {
        HPDF_Page pg = w->pages[p];
        void *res = dict_get(pg, "Resources");
        if (res) {
            mark_key(&wk, res, "Font", NULL, K_FONT);
            mark_key(&wk, res, "XObject", NULL, K_IMAGE);
        }
    }
    HPDF_Dict names = dict_get(cat, "Names");
    mark_key(&wk, names, "EmbeddedFiles", NULL, K_ATTACH);
    mark_key(&wk, cat, "Metadata", NULL, K_META);
    mark_key(&wk, cat, "OutputIntents", NULL, K_META);
    for (int p = 0; p < w->d->npages; p++)
        if (w->pages[p])
            mark_key(&wk, w->pages[p], "Contents", NULL, K_PAGE);
    /* sizes from offsets; the first entry is the free-list head */
    size_t prev_off = 0;
    int prev_kind = -1;
    for (size_t i = 1; i < wk.n; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, (HPDF_UINT)i);
        if (!e || e->entry_typ == HPDF_FREE_ENTRY)
            continue;
        if (prev_kind >= 0 && e->byte_offset >= prev_off)
            by_kind[prev_kind] += e->byte_offset - prev_off;
        prev_off = e->byte_offset;
        prev_kind = wk.kind[i] ? wk.kind[i] : K_OTHER;
    }
    if (prev_kind >= 0 && x->addr >= prev_off)
        by_kind[prev_kind] += x->addr - prev_off;
    /* header and xref/trailer */
    unsigned long long counted = 0;
    for (int k = 0; k < K_COUNT; k++)
        counted += by_kind[k];
    if (total > counted)
        by_kind[K_OTHER] += total - counted;
    free(wk.kind);

    char line[512], a[32], b[32];
    human(total, a, sizeof a);
    human(max, b, sizeof b);
    int len = snprintf(line, sizeof line, "the PDF would be %s, more than --max-size %s:", a, b);
    /* largest first */
    bool used[K_COUNT] = { false };
    for (int r = 1; r < K_COUNT && len > 0 && (size_t)len < sizeof line; r++) {
        int best = -1;
        for (int k = 1; k < K_COUNT; k++)
            if (!used[k] && by_kind[k] > 0 && (best < 0 || by_kind[k] > by_kind[best]))
                best = k;
        if (best < 0)
            break;
        used[best] = true;
        human(by_kind[best], a, sizeof a);
        len += snprintf(line + len, sizeof line - (size_t)len, "%s %s %s",
                        r == 1 ? "" : ",", kind_names[best], a);
        if (best == K_FONT && len > 0 && (size_t)len < sizeof line)
            len += snprintf(line + len, sizeof line - (size_t)len, " (%d face%s)",
                            w->d->nfaces, w->d->nfaces == 1 ? "" : "s");
        if (best == K_PAGE && len > 0 && (size_t)len < sizeof line)
            len += snprintf(line + len, sizeof line - (size_t)len, " (%d page%s)",
                            w->d->npages, w->d->npages == 1 ? "" : "s");
    }
    fo_error(w->c.diag, NULL, 0, 0, "%s; nothing written", line);
    return FO_ERR_LIMIT;
}
