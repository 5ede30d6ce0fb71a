/* linebreak.h — paragraph breaking over boxes, glue and penalties.
 *
 * A pure algorithm with no Pango in sight: the caller describes a paragraph
 * as a sequence of items (D. E. Knuth and M. F. Plass, "Breaking Paragraphs
 * into Lines", Software—Practice and Experience 11 (1981), §"The basic
 * algorithm"; the TeXbook ch. 14) and gets back where the lines end.
 *
 *  - a box has a fixed width (a glyph cluster, a word);
 *  - glue has a natural width, a stretch and a shrink; a break may occur at
 *    glue that follows a box, and the glue then vanishes;
 *  - a penalty is a break opportunity with a cost (FO_LB_INF forbids a
 *    break, −FO_LB_INF forces one) and a width drawn only when the line
 *    breaks there (a hyphen); `flagged` marks hyphen breaks.
 *
 * Items discarded after a break (glue and non-forced penalties up to the
 * next box) do not start the next line.  All widths are in one unit of the
 * caller's choice (folio uses pt).  The paragraph should end with glue of
 * infinite stretch and a forced break, as TeX's \parfillskip does.
 */
#ifndef FO_LINEBREAK_H
#define FO_LINEBREAK_H

#include <stdbool.h>

#define FO_LB_INF 10000.0 /* penalty ≥ this: no break; ≤ −this: forced break */

typedef enum fo_lb_kind { FO_LB_BOX, FO_LB_GLUE, FO_LB_PENALTY } fo_lb_kind;

typedef struct fo_lb_item {
    fo_lb_kind kind;
    double width;           /* natural width; a penalty's width counts only at a break */
    double stretch, shrink; /* glue only; stretch ≥ 1e9 counts as infinite */
    double penalty;         /* penalty only */
    bool flagged;           /* penalty only: a hyphen break */
    bool emergency;         /* penalty only: a break usable only when no
                               paragraph without emergency breaks fits */
} fo_lb_item;

typedef struct fo_lb_params {
    double tolerance;        /* largest adjustment ratio of a feasible line
                                (TeX's \tolerance 200 ≈ 1.26) */
    double line_penalty;     /* added to each line's badness (TeX \linepenalty 10) */
    double flagged_demerits; /* two hyphen lines in a row (TeX 3000) */
    double fitness_demerits; /* adjacent lines two fitness classes apart (TeX 10000) */
    double final_hyphen_demerits; /* the last full line ends with a hyphen (TeX 5000) */
    int max_hyphens;         /* most consecutive flagged breaks; ≤ 0: no limit */
    double emergency_demerits; /* added for each emergency break with a
                                  penalty below 1000, ten times this above:
                                  1e12 outweighs any line's demerits, so the
                                  fewest emergency breaks win */
} fo_lb_params;

/* One line of the result. */
typedef struct fo_lb_line {
    int end;      /* index of the item the line breaks at (glue or penalty;
                     the line holds the items before it) */
    int start;    /* index of the first item of the line (after discarded items) */
    double ratio; /* adjustment ratio: > 0 stretch used / available, < 0 shrink;
                     0 when the line holds infinite stretch */
    bool overfull;/* the line is wider than its measure (no break avoided it) */
} fo_lb_line;

/* TeX's plain defaults: tolerance 200 (r ≈ 1.26), \linepenalty 10,
 * \adjdemerits 10000, \doublehyphendemerits 10000 → 3000 here as in the
 * paper, \finalhyphendemerits 5000; at most 2 hyphens in a row. */
void fo_lb_params_default(fo_lb_params *p);

/* Total-fit breaking: chooses breaks minimising the sum of demerits
 * (badness 100·|r|³, line penalty, break penalties, flagged and fitness
 * demerits; looseness 0).  `measure[j]` is the width of line j (0-based);
 * lines past `nmeasure` − 1 use the last entry.  A first pass uses only
 * non-emergency breaks within `tolerance`; when no such paragraph exists, a
 * second pass accepts any loose line (badness uncapped, so looser lines
 * rank worse); when that still needs an overfull line, a third pass adds
 * the emergency breaks.  A line that is still too wide (one box wider than
 * the measure) is returned with `overfull` set.  On success returns the number of lines and sets *out to
 * a malloc'd array the caller frees; returns −1 when out of memory (or
 * n == 0 / nmeasure ≤ 0), *out NULL. */
int fo_linebreak_total(const fo_lb_item *items, int n, const double *measure, int nmeasure,
                       const fo_lb_params *p, fo_lb_line **out);

/* First-fit breaking over the same items: each line takes as much as fits
 * (shrinking glue if needed), preferring normal breaks over emergency ones.
 * Same results and ownership as fo_linebreak_total. */
int fo_linebreak_greedy(const fo_lb_item *items, int n, const double *measure, int nmeasure,
                        const fo_lb_params *p, fo_lb_line **out);

#endif
