/* preflight.h — what still falls short in a typeset document, with page and
 * source line: overfull lines, headings stranded at a page foot, widows and
 * orphans that pagination could not avoid, characters no bundled face
 * covers, links to anchors that do not exist, and images drawn below
 * 150 px per inch (soft in print).  Layout fills it when
 * fo_layout_options.preflight is set; main.c prints it (`folio
 * --preflight`, `--preflight=json`) or a one-line summary.
 */
#ifndef FO_PREFLIGHT_H
#define FO_PREFLIGHT_H

#include <stdio.h>

typedef enum fo_pf_kind {
    FO_PF_OVERFULL,         /* a line wider than the measure */
    FO_PF_STRANDED_HEADING, /* a heading without two lines of what follows on its page */
    FO_PF_WIDOW,            /* fewer than `widows` lines at the top of a page */
    FO_PF_ORPHAN,           /* fewer than `orphans` lines at the foot of a page */
    FO_PF_MISSING_GLYPH,    /* a character no bundled face covers */
    FO_PF_MISSING_ANCHOR,   /* a link to an anchor that does not exist */
    FO_PF_LOW_RES_IMAGE,    /* an image drawn at fewer than 150 px per inch */
    FO_PF_OVERFLOW,         /* text outside its box or the page: a margin box's
                               text taller than the box, a block whose margins
                               place it off the page */
    FO_PF_NKINDS
} fo_pf_kind;

/* Images drawn at fewer pixels per inch than this are reported. */
#define FO_PREFLIGHT_MIN_PPI 150

typedef struct fo_pf_entry {
    fo_pf_kind kind;
    int page;     /* 1-based; 0 when unknown */
    int line;     /* source line; 0 when unknown */
    char *detail; /* UTF-8, owned (malloc) */
    int box;      /* layout's box index until pages are known, −1 after */
} fo_pf_entry;

typedef struct fo_preflight {
    fo_pf_entry *v;
    int n, cap;
} fo_preflight;

/* Zero-initialise with `fo_preflight p = {0};`.  Adds an entry (detail
 * copied, may be NULL); silently drops it when out of memory. */
void fo_preflight_add(fo_preflight *p, fo_pf_kind kind, int page, int line, int box,
                      const char *detail);
/* Frees the entries (not `p` itself). */
void fo_preflight_free(fo_preflight *p);
/* Stable name of a kind: "overfull-line", "stranded-heading", "widow",
 * "orphan", "missing-glyph", "missing-anchor", "low-resolution-image",
 * "overflow". */
const char *fo_preflight_kind_name(fo_pf_kind kind);
/* Writes one line per entry, `PATH:LINE: page N: kind: detail`, sorted by
 * page then line; "no problems found" when empty. */
void fo_preflight_print(const fo_preflight *p, const char *path, FILE *out);
/* Writes the entries as a JSON document {"file": ..., "problems": [{"kind",
 * "page", "line", "detail"}...], "counts": {kind: n}}. */
void fo_preflight_print_json(const fo_preflight *p, const char *path, FILE *out);
/* Writes the one-line summary `folio: preflight: N overfull lines, ...`. */
void fo_preflight_summary(const fo_preflight *p, FILE *out);

#endif
