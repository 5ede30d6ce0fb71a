/* css_diag.h — warnings from the style-sheet parser, with CSS error recovery.
 *
 * CSS Syntax 3 §2.2 calls malformed input a "parse error" that a parser may
 * report and then recovers from.  folio reports each one once as
 * `path:line:col: warning: ...` (or as an error under --strict, see
 * fo_sheet_parse) and keeps going.  Private to src/style/.
 */
#ifndef FO_CSS_DIAG_H
#define FO_CSS_DIAG_H

#include <stdbool.h>

#include "../base/diag.h"

/* Beyond this many warnings for one sheet, further ones are counted but not
 * printed (a binary file given as a style sheet would otherwise flood the
 * terminal). */
#define FO_CSS_MAX_REPORTED 100

typedef struct fo_css_reporter {
    fo_diag *diag;     /* may be NULL: count only */
    const char *path;  /* file name for the prefix; NULL prints "<style>" */
    bool strict;       /* report warnings as errors */
    int count;         /* warnings (or strict errors) so far */
} fo_css_reporter;

/* Reports a recoverable style-sheet problem at `line`:`col` (1-based, byte
 * columns; ≤ 0 omits them).  Severity is warning, or error when r->strict.
 * Never fails. */
void fo_css_warn(fo_css_reporter *r, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
