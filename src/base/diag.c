/* diag.c — printing and capturing diagnostics. */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fo_diag_init(fo_diag *d)
{
    memset(d, 0, sizeof *d);
    d->out = stderr;
}

void fo_diag_dispose(fo_diag *d)
{
    if (!d)
        return;
    free(d->captured);
    d->captured = NULL;
    d->captured_len = 0;
}

static void capture_append(fo_diag *d, const char *s, size_t n)
{
    char *p = realloc(d->captured, d->captured_len + n + 1);
    if (!p)
        return;
    memcpy(p + d->captured_len, s, n);
    d->captured_len += n;
    p[d->captured_len] = '\0';
    d->captured = p;
}

void fo_diag_vreport(fo_diag *d, fo_severity sev, const char *file, int line,
                     int col, const char *fmt, va_list ap)
{
    char prefix[1024];
    char body[2048];
    const char *kind = sev == FO_ERROR ? "error" : "warning";

    if (sev == FO_ERROR)
        d->errors++;
    else
        d->warnings++;

    if (!file)
        snprintf(prefix, sizeof prefix, "folio: %s: ", kind);
    else if (line > 0 && col > 0)
        snprintf(prefix, sizeof prefix, "%s:%d:%d: %s: ", file, line, col, kind);
    else if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%d: %s: ", file, line, kind);
    else
        snprintf(prefix, sizeof prefix, "%s: %s: ", file, kind);
    vsnprintf(body, sizeof body, fmt, ap);

    if (d->out && !(d->quiet && sev == FO_WARNING))
        fprintf((FILE *)d->out, "%s%s\n", prefix, body);
    if (d->capture) {
        capture_append(d, prefix, strlen(prefix));
        capture_append(d, body, strlen(body));
        capture_append(d, "\n", 1);
    }
}

void fo_diag_report(fo_diag *d, fo_severity sev, const char *file, int line,
                    int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fo_diag_vreport(d, sev, file, line, col, fmt, ap);
    va_end(ap);
}
