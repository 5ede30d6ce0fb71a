/* timing.h — per-stage wall-clock accounting for `folio --timings`.
 *
 * A stage is entered with fo_timing_push and left with fo_timing_pop; the
 * stages nest (style inside layout, subset inside write, ...) and each
 * interval is charged to the innermost open stage only, so the figures are
 * self times that add up to the whole run.  fo_timing_lap replaces the
 * outermost open stage: one call per boundary in a linear pipeline.
 *
 * Disabled by default: until fo_timing_enable(true) every call is a single
 * test of a static flag, so the hooks cost nothing in a normal run.  Times
 * are CLOCK_MONOTONIC wall time in seconds.  Not thread-safe (folio is
 * single-threaded).
 */
#ifndef FO_TIMING_H
#define FO_TIMING_H

#include <stdbool.h>
#include <stdio.h>

typedef enum fo_stage {
    FO_T_OTHER,    /* start-up, argument parsing, clean-up */
    FO_T_READ,     /* reading the input file */
    FO_T_PARSE,    /* cmark-gfm parse and conversion to the document tree */
    FO_T_STYLE,    /* loading the sheet and computing styles (the cascade) */
    FO_T_FONTS,    /* fontconfig and Pango set-up */
    FO_T_LAYOUT,   /* block layout: attributed text, boxes, display items */
    FO_T_SHAPE,    /* Pango itemize + shape + line breaking (PangoLayout) */
    FO_T_PAGINATE, /* distributing boxes over pages, running furniture */
    FO_T_WRITE,    /* PDF objects, content streams, serialisation */
    FO_T_SUBSET,   /* hb-subset of the embedded faces, widths, ToUnicode */
    FO_T_COMPRESS, /* Flate compression of page content streams */
    FO_T_FREE,     /* freeing the document, display list and fonts */
    FO_T_COUNT
} fo_stage;

/* Turns accounting on or off (off by default).  Turning it on starts the
 * clock in FO_T_OTHER. */
void fo_timing_enable(bool on);

/* True while accounting is on. */
bool fo_timing_enabled(void);

/* Enters `s` inside the current stage (nesting deeper than 32 is counted
 * but not timed separately). */
void fo_timing_push(fo_stage s);

/* Leaves the innermost stage.  Unbalanced pops are ignored. */
void fo_timing_pop(void);

/* Replaces the outermost stage by `s` (enters it when nothing is open). */
void fo_timing_lap(fo_stage s);

/* Seconds charged to `s` so far (self time). */
double fo_timing_seconds(fo_stage s);

/* Prints one line per stage that took time or was entered, with seconds,
 * share of the total and number of entries, then the total, to `out`. */
void fo_timing_report(FILE *out);

#endif
