/* diag.h — status codes and diagnostics shared by every stage.
 *
 * Every function in folio that can fail returns an fo_status and reports the
 * reason through an fo_diag.  A diagnostic is printed (or captured, in tests)
 * as `file:line:col: error: message` — the GNU convention — or as
 * `folio: error: message` when no file is involved.  Lines and columns are
 * 1-based; column counts bytes of UTF-8, as cmark and CSS Syntax 3 do.
 */
#ifndef FO_DIAG_H
#define FO_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Result of an operation.  FO_OK is 0; everything else is a failure. */
typedef enum fo_status {
    FO_OK = 0,
    FO_ERR_DOC,   /* the Markdown or front matter is unusable */
    FO_ERR_STYLE, /* the style sheet is unusable (or a warning under --strict) */
    FO_ERR_FONT,  /* a font cannot be found, loaded or embedded */
    FO_ERR_IO,    /* a file cannot be read or written */
    FO_ERR_NOMEM, /* an allocation failed */
    FO_ERR_PDF,   /* libharu reported an error while writing */
    FO_ERR_LIMIT, /* input exceeds a configured limit */
} fo_status;

typedef enum fo_severity { FO_WARNING, FO_ERROR } fo_severity;

/* A diagnostics sink.  Fields are public so callers can configure it:
 *   out      stream messages are printed to (NULL: do not print);
 *   quiet    when true, warnings are counted but not printed;
 *   capture  when true, every message is also appended to `captured`
 *            (a NUL-terminated string owned by the sink; tests read it).
 * Counters are read-only for callers. */
typedef struct fo_diag {
    void *out; /* FILE *; void to keep <stdio.h> out of this header */
    bool quiet;
    bool capture;
    int errors;
    int warnings;
    char *captured;
    size_t captured_len;
} fo_diag;

/* Initialises `d` to print to stderr, not quiet, not capturing. */
void fo_diag_init(fo_diag *d);

/* Frees the captured text (if any).  Accepts NULL. */
void fo_diag_dispose(fo_diag *d);

/* Reports a message.  `file` may be NULL (then the prefix is "folio");
 * `line`/`col` ≤ 0 are omitted from the prefix.  printf-style format.
 * Never fails: an allocation failure while capturing drops the copy. */
void fo_diag_report(fo_diag *d, fo_severity sev, const char *file, int line,
                    int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void fo_diag_vreport(fo_diag *d, fo_severity sev, const char *file, int line,
                     int col, const char *fmt, va_list ap);

/* Shorthands for fo_diag_report. */
#define fo_error(d, file, line, col, ...) \
    fo_diag_report((d), FO_ERROR, (file), (line), (col), __VA_ARGS__)
#define fo_warn(d, file, line, col, ...) \
    fo_diag_report((d), FO_WARNING, (file), (line), (col), __VA_ARGS__)

#endif
