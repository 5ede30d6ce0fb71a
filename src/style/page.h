/* page.h — @page rules: page size and margins (CSS Paged Media 3).
 *
 * Supported inside @page: `size` (§7.1: auto, <length>{1,2}, a page-size
 * name — A5, A4, A3, B5, B4, JIS-B5, JIS-B4, letter, legal, ledger — and
 * portrait/landscape; folio also accepts an orientation after lengths),
 * `margin` (1–4 values) and margin-top/right/bottom/left (§8.1).  Lengths
 * are absolute; em/rem count against the initial font size (11 pt, the
 * page context's font, §5.3); percentage margins refer to the page box:
 * left and right to its width, top and bottom to its height (CSS 2.1
 * §13.2.2; Paged Media 3 §6 "Page Properties"), resolved by
 * fo_page_resolve once the size is known.  Later declarations win unless
 * an earlier one was !important (CSS Cascade 4 §6.1).
 * Private to src/style/.
 */
#ifndef FO_PAGE_H
#define FO_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "css_token.h"
#include "style.h"

typedef struct fo_page_builder {
    fo_page_style page;
    bool important[6]; /* width, height, margin top, right, bottom, left */
    unsigned pct_set;  /* bit i: margin i (top, right, bottom, left) is margin_pct[i] % */
    double margin_pct[4];
} fo_page_builder;

/* Defaults: A4 portrait (595.276 × 841.89 pt), 72 pt margins. */
void fo_page_defaults(fo_page_style *out);

/* Initialises `b` with the defaults. */
void fo_page_builder_init(fo_page_builder *b);

/* The largest page side, pt (ISO 32000-1 Annex C.2). */
#define FO_PAGE_MAX_SIDE 14400.0

typedef enum fo_page_result { FO_PAGE_OK, FO_PAGE_UNKNOWN, FO_PAGE_INVALID } fo_page_result;

/* Applies one declaration of an @page block: property `name`, value tokens
 * [begin, end).  FO_PAGE_UNKNOWN for properties @page does not support;
 * FO_PAGE_INVALID (with *why possibly set) for bad values, which leave `b`
 * unchanged.  FO_PAGE_OK with *why set means the value was clamped
 * (negative margins to 0, sides to FO_PAGE_MAX_SIDE): warn with *why.
 * Never allocates. */
fo_page_result fo_page_decl(fo_page_builder *b, const char *name,
                            const fo_css_token *tok, size_t begin, size_t end,
                            bool important, const char **why);

/* The page geometry `b` describes, percentage margins resolved against
 * the page size (pt).  Never fails. */
void fo_page_resolve(const fo_page_builder *b, fo_page_style *out);

/* Geometry fields of an @page declaration, in this order. */
enum { FO_PG_WIDTH, FO_PG_HEIGHT, FO_PG_TOP, FO_PG_RIGHT, FO_PG_BOTTOM, FO_PG_LEFT,
       FO_PG_FIELDS };

/* One valid size/margin declaration of an @page rule, parsed, kept for
 * the cascade over page kinds (Paged Media 3 §4.2; fo_sheet_page_for). */
typedef struct fo_page_geom {
    unsigned flags;   /* FO_PAGE_* the page must have (0: every page) */
    uint64_t key;     /* cascade rank: important, origin, selector specificity,
                       * source order (the highest wins) */
    unsigned fields;  /* bit f: field f (FO_PG_*) is set by this declaration */
    unsigned pct;     /* bit i: margin field FO_PG_TOP + i is a percentage */
    double v[FO_PG_FIELDS]; /* pt, or percent where `pct` says so */
    const char *path; /* the sheet (arena; NULL: built-in) */
    int line, col;    /* of the declaration */
} fo_page_geom;

/* Parses one size/margin declaration (as fo_page_decl, whose result and
 * *why it returns) into *out's fields, v and pct; the caller fills flags,
 * key and the location.  FO_PAGE_UNKNOWN for other properties. */
fo_page_result fo_page_geom_parse(const char *name, const fo_css_token *tok,
                                  size_t begin, size_t end, fo_page_geom *out,
                                  const char **why);

#endif
