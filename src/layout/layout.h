/* layout.h — from document tree and style sheet to a display list.
 *
 * Blocks are laid out top to bottom into a vertical list of boxes (one per
 * line of text, table row or rule); paragraphs are shaped and broken into
 * lines by Pango at 72 dpi (1 pt = PANGO_SCALE Pango units); the boxes are
 * then distributed over pages by fo_paginate and written, with running
 * furniture (page numbers), into an fo_display.
 */
#ifndef FO_LAYOUT_H
#define FO_LAYOUT_H

#include "../base/diag.h"
#include "../doc/doc.h"
#include "../render/display.h"
#include "../style/style.h"
#include "../text/fonts.h"
#include "preflight.h"

/* Figures on the quality of line breaking, summed over a document (filled
 * when fo_layout_options.stats is set; see docs/typography.md). */
typedef struct fo_typo_stats {
    int paragraphs;
    int lines;           /* all lines */
    int justified;       /* lines set justified (last lines excluded) */
    double sum_ratio;    /* over justified lines: adjustment ratios */
    double sum_sq;       /* ... and their squares */
    double worst;        /* largest |ratio| of a justified line */
    int loose;           /* justified lines with ratio > 1 */
    int hyphenated;      /* lines ending in a hyphen (inserted or explicit) */
    int consecutive;     /* hyphenated lines following a hyphenated line */
    int overfull;        /* lines wider than their measure */
    int emergency;       /* lines ending at an emergency break */
    int widows_orphans;  /* page breaks leaving fewer lines than widows/orphans */
} fo_typo_stats;

struct fo_confine;

typedef struct fo_layout_options {
    int max_pages; /* stop with FO_ERR_LIMIT beyond this many pages; ≤ 0: no limit */
    bool greedy;   /* first-fit line breaking instead of total-fit */
    fo_typo_stats *stats; /* when non-NULL, line-breaking figures are added here */
    fo_preflight *preflight; /* when non-NULL, preflight problems are added here */
    bool toc;      /* a table of contents even when the front matter has no `toc: true` */
    const struct fo_confine *confine; /* where images may be read from (base/confine.h); NULL: anywhere */
} fo_layout_options;

/* Lays out `doc` with `sheet` (may be NULL: built-in defaults) using the
 * font world `fonts`.  On success *out is a new display list (caller frees
 * with fo_display_free).  Recoverable problems (a character no font covers,
 * raw HTML dropped) are warnings naming the source line; FO_ERR_STYLE when
 * the page leaves no room for text, FO_ERR_LIMIT past opt->max_pages,
 * FO_ERR_NOMEM.  `opt` may be NULL. */
fo_status fo_layout_document(const fo_doc *doc, const fo_sheet *sheet,
                             fo_fonts *fonts, const fo_layout_options *opt,
                             fo_display **out, fo_diag *diag);

#endif
