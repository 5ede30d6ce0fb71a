/* sheet.h — the inside of an fo_sheet, shared by sheet.c (building) and
 * cascade.c (matching).  Private to src/style/.
 *
 * A parsed sheet is a flat array of declarations in source order and one
 * entry per selector (a rule with a selector list gives one entry per
 * selector, all pointing at the rule's declarations).  Entries are indexed
 * by their subject compound: by its first class if it has one, else by its
 * type, else in the universal list — so an element only tests the entries
 * that can possibly match it.
 */
#ifndef FO_SHEET_H
#define FO_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "page.h"
#include "props.h"
#include "select.h"
#include "style.h"

typedef struct fo_rule_entry {
    const fo_selector *sel;
    uint32_t decl_begin, decl_end; /* into fo_sheet.decls */
} fo_rule_entry;

/* The declarations of one @page rule's page context (box = FO_MB_COUNT)
 * or of one margin box in it. */
typedef struct fo_page_rule {
    unsigned flags;  /* FO_PAGE_* the page must have (0: every page) */
    unsigned spec;   /* page-selector specificity (Paged Media 3 §4.2) */
    int box;         /* fo_margin_box, or FO_MB_COUNT */
    uint32_t decl_begin, decl_end; /* into fo_sheet.decls */
    uint8_t origin;  /* fo_origin of the sheet it came from */
    const char *path; /* that sheet's path (arena; NULL: built-in text) */
    int line, col;   /* where the rule (margin box: its @-keyword) starts */
} fo_page_rule;

/* Custom properties and var() at computed-value time (vars.h): names,
 * declarations, environments and caches; malloc'd, freed by
 * fo_sheet_free.  Mutable through a const fo_sheet (a cache). */
typedef struct fo_var_cache fo_var_cache;
typedef struct fo_var_env fo_var_env;

typedef struct fo_bucket {
    const char *key;   /* class name or lowercase type; NULL = empty slot */
    size_t keylen;
    bool is_class;
    uint32_t begin, count; /* into fo_sheet.items */
} fo_bucket;

struct fo_sheet {
    fo_arena *arena;    /* selectors, strings, index */
    char *path;         /* in the arena; may be NULL: the first sheet read */
    const char *path_current; /* the file being read (for @import) */
    fo_decl *decls;     /* malloc'd, source order */
    size_t ndecls, cap_decls;
    fo_rule_entry *entries; /* malloc'd */
    size_t nentries, cap_entries;
    /* index (arena) */
    fo_bucket *buckets; /* open addressing, nbuckets a power of two */
    size_t nbuckets;
    uint32_t *items;    /* entry indices grouped by bucket */
    uint32_t *universal;
    size_t nuniversal;
    fo_page_geom *geoms;      /* malloc'd: @page size/margin declarations, source order */
    size_t ngeoms, cap_geoms;
    fo_page_rule *page_rules; /* malloc'd, source order */
    size_t npage_rules, cap_page_rules;
    fo_font_face *faces;      /* malloc'd: @font-face rules */
    size_t nfaces, cap_faces;
    fo_var_cache *vars;       /* malloc'd (vars.h) */
};

/* The fo_margin_box named `name` ("top-center"), or -1. */
int fo_margin_box_lookup(const char *name);

/* Appends a page rule (`r`'s fields copied); false when out of memory. */
bool fo_sheet_push_page_rule(fo_sheet *s, const fo_page_rule *r);

/* Appends a parsed @page size/margin declaration; false when out of
 * memory. */
bool fo_sheet_push_page_geom(fo_sheet *s, const fo_page_geom *g);

/* Deepest @import nesting accepted. */
#define FO_IMPORT_MAX_DEPTH 32

/* Hash of a bucket key (FNV-1a; types hashed lowercase). */
uint32_t fo_bucket_hash(const char *key, size_t len, bool is_class);

/* The bucket for `key`, or NULL. */
const fo_bucket *fo_sheet_bucket(const fo_sheet *s, const char *key,
                                 size_t len, bool is_class);

#endif
