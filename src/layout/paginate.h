/* paginate.h — distributing a vertical list of boxes over pages.
 *
 * Layout turns every block into boxes: one per line of text (so no line is
 * ever split across pages), one per table row, rule or image.  Each box says
 * whether a page break may fall just before it; keep rules — orphans and
 * widows (CSS Fragmentation 3 §4.4), a heading kept with what follows,
 * break-inside: avoid — are all expressed that way, so the page filler only
 * asks "does this fit?" and "may I break here?".
 */
#ifndef FO_PAGINATE_H
#define FO_PAGINATE_H

#include <stdbool.h>

#include "../base/diag.h"

/* The side a forced break lands on (CSS Fragmentation 3 §3.1 `right`,
 * `left`): page 1 is a right page, so 0-based page p is a right page when
 * p is even. */
enum { FO_PG_ANY = 0, FO_PG_RIGHT = 1, FO_PG_LEFT = 2 };

typedef struct fo_pg_box {
    double space_before;  /* pt of collapsed margin above; dropped at a page top */
    double height;        /* pt */
    bool can_break_before; /* a page break may fall just before this box */
    bool force_break;     /* a page break must fall just before this box */
    unsigned char side;   /* with force_break: FO_PG_RIGHT / FO_PG_LEFT, the
                             box starts the next page of that side (see
                             fo_paginate); FO_PG_ANY: the next page */
    bool hyphenated;      /* a line ending with a hyphen: a page break just
                             after it is avoided (TeX's \brokenpenalty) */
    /* A running header (a table's header row): when this box is the first
     * on a page and header_height > 0, box `header_box` is repeated at the
     * top of that page, header_height pt tall, and this box goes below it.
     * The header box itself never gets a repeat. */
    double header_height; /* pt; 0: no running header */
    int header_box;       /* index of the box to repeat */
    /* Footnotes first referenced in this box: note lines [note_first,
     * note_first + note_count) of fo_paginate_notes' `notes`. */
    int note_first, note_count;
    /* results, filled by fo_paginate: */
    int page;             /* 0-based page index */
    double y;             /* pt, top of the box from the top of the text area */
    bool repeat_header;   /* header_box is drawn at y = 0 of this box's page */
} fo_pg_box;

/* Assigns every box a page and a y within a text area `area_height` pt
 * tall.  Rules, in order: a forced break starts a new page (unless the page
 * is still empty); a forced break with a side (FO_PG_RIGHT / FO_PG_LEFT)
 * starts the next page of that side, leaving one page with no boxes between
 * when the next page is of the other side (CSS Fragmentation 3 §3.1: "one or
 * two page breaks"); a forced break with side FO_PG_LEFT on the first box
 * leaves page 1 (a right page) empty; a box that does not fit moves, together with the boxes
 * before it back to the last allowed break on that page, to the next page;
 * when the page has no allowed break, the break falls before the box that
 * did not fit (a keep chain longer than a page is broken rather than leaving
 * a blank page); a single box taller than the area is placed alone and
 * overflows.  A break that would fall just after a hyphenated box (a word
 * split across the pages) moves back to the closest allowed break at most
 * FO_PG_BROKEN_LINES boxes earlier that does not, when the page keeps at
 * least one box: with ragged pages that break is as good, as TeX's page
 * builder finds under \raggedbottom with \brokenpenalty > 0; keeps (widows,
 * orphans, headings) are respected because only allowed breaks are
 * taken.  Margins above the first box of a page are dropped.  A box
 * that starts a page and has a running header (header_height > 0) is placed
 * below a repeat of its header, and repeat_header is set on it.
 * Returns the number of pages (≥ 1; an empty list gives 1).  Never fails. */
int fo_paginate(fo_pg_box *boxes, int n, double area_height);

/* How many boxes a page break may move back to avoid falling after a
 * hyphenated line: the page ends at most this many lines short. */
#define FO_PG_BROKEN_LINES 3

/* fo_paginate with footnotes at the foot of the page.  `notes` are the
 * lines of every footnote, in the order they are first referenced; a box's
 * note_first/note_count name the lines it brings (boxes bring them in
 * order: box by box, the ranges follow each other).  Rules:
 *   - a box goes on a page only if the first line of each note it brings
 *     fits on that page too (the reference never precedes its note's page),
 *     unless it is the first box of the page;
 *   - as many of its note lines as fit go at the foot of that page; the
 *     rest continue at the foot of the next page(s), before any later
 *     note, taking at most half of each such page;
 *   - a page's footnote area is its note lines stacked at the bottom of
 *     the text area, with `note_sep` pt above the first (the separator);
 *     a note line's space_before separates it from the line above;
 *   - note lines left after the last box get pages of their own.
 * Results: every box as fo_paginate; every note line gets page and y (pt
 * from the top of the text area).  Returns the number of pages.  Never
 * fails.  `notes` may be NULL when nnotes is 0. */
int fo_paginate_notes(fo_pg_box *boxes, int n, double area_height, fo_pg_box *notes,
                      int nnotes, double note_sep);

/* The text-area height, pt (> 0), of 0-based page `page`. */
typedef double (*fo_pg_height_fn)(void *ctx, int page);

/* fo_paginate_notes with a text area whose height depends on the page
 * (CSS Paged Media 3 §4: `@page :first { margin-top: 6cm }` makes page 1
 * shallower): every rule above reads "the area" as the area of the page
 * being filled, height(ctx, page) pt, asked once per page in page order.
 * Boxes and note lines get y from the top of their own page's area.
 * Returns the number of pages.  Never fails. */
int fo_paginate_pages(fo_pg_box *boxes, int n, fo_pg_height_fn height, void *ctx,
                      fo_pg_box *notes, int nnotes, double note_sep);

#endif
