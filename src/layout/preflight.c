/* preflight.c — collecting and printing preflight problems.  See
 * preflight.h. */
#include "preflight.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[FO_PF_NKINDS] = {
    "overfull-line", "stranded-heading", "widow", "orphan", "missing-glyph", "missing-anchor",
    "low-resolution-image", "overflow",
};
static const char *const plural[FO_PF_NKINDS] = {
    "overfull lines", "stranded headings", "widows", "orphans", "missing glyphs",
    "missing anchors", "low-resolution images", "overflows",
};

const char *fo_preflight_kind_name(fo_pf_kind kind)
{
    return kind >= 0 && kind < FO_PF_NKINDS ? names[kind] : "unknown";
}

void fo_preflight_add(fo_preflight *p, fo_pf_kind kind, int page, int line, int box,
                      const char *detail)
{
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 16;
        fo_pf_entry *v = realloc(p->v, (size_t)cap * sizeof *v);
        if (!v)
            return;
        p->v = v;
        p->cap = cap;
    }
    char *d = strdup(detail ? detail : "");
    if (!d)
        return;
    p->v[p->n++] = (fo_pf_entry){kind, page, line, d, box};
}

void fo_preflight_free(fo_preflight *p)
{
    for (int i = 0; i < p->n; i++)
        free(p->v[i].detail);
    free(p->v);
    p->v = NULL;
    p->n = p->cap = 0;
}

static int cmp(const void *a, const void *b)
{
    const fo_pf_entry *x = a, *y = b;
    if (x->page != y->page)
        return x->page - y->page;
    if (x->line != y->line)
        return x->line - y->line;
    return (int)x->kind - (int)y->kind;
}

static fo_pf_entry *sorted(const fo_preflight *p)
{
    fo_pf_entry *v = malloc((size_t)(p->n ? p->n : 1) * sizeof *v);
    if (!v)
        return NULL;
    memcpy(v, p->v, (size_t)p->n * sizeof *v);
    qsort(v, (size_t)p->n, sizeof *v, cmp);
    return v;
}

void fo_preflight_print(const fo_preflight *p, const char *path, FILE *out)
{
    fo_pf_entry *v = sorted(p);
    if (!v)
        return;
    for (int i = 0; i < p->n; i++) {
        /* line 0: not from a line of the document (a page-margin box) */
        if (v[i].line > 0)
            fprintf(out, "%s:%d: page %d: %s: %s\n", path, v[i].line, v[i].page,
                    names[v[i].kind], v[i].detail);
        else
            fprintf(out, "%s: page %d: %s: %s\n", path, v[i].page, names[v[i].kind],
                    v[i].detail);
    }
    if (p->n == 0)
        fprintf(out, "%s: preflight: no problems found\n", path);
    free(v);
}

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(out, "\\%c", *c);
        else if (*c < 0x20)
            fprintf(out, "\\u%04x", *c);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

void fo_preflight_print_json(const fo_preflight *p, const char *path, FILE *out)
{
    fo_pf_entry *v = sorted(p);
    if (!v)
        return;
    int counts[FO_PF_NKINDS] = {0};
    fputs("{\"file\": ", out);
    json_str(out, path);
    fputs(", \"problems\": [", out);
    for (int i = 0; i < p->n; i++) {
        counts[v[i].kind]++;
        fprintf(out, "%s\n  {\"kind\": \"%s\", \"page\": %d, \"line\": %d, \"detail\": ",
                i ? "," : "", names[v[i].kind], v[i].page, v[i].line);
        json_str(out, v[i].detail);
        fputc('}', out);
    }
    fputs("],\n \"counts\": {", out);
    for (int k = 0; k < FO_PF_NKINDS; k++)
        fprintf(out, "%s\"%s\": %d", k ? ", " : "", names[k], counts[k]);
    fputs("}}\n", out);
    free(v);
}

void fo_preflight_summary(const fo_preflight *p, FILE *out)
{
    int counts[FO_PF_NKINDS] = {0};
    for (int i = 0; i < p->n; i++)
        counts[p->v[i].kind]++;
    fputs("folio: preflight:", out);
    for (int k = 0; k < FO_PF_NKINDS; k++)
        fprintf(out, "%s %d %s", k ? "," : "", counts[k], plural[k]);
    fputs(p->n ? " (folio --preflight lists them)\n" : "\n", out);
}
