/* css_diag.c — see css_diag.h. */
#include "css_diag.h"

#include <stdarg.h>

void fo_css_warn(fo_css_reporter *r, int line, int col, const char *fmt, ...)
{
    r->count++;
    if (!r->diag)
        return;
    fo_severity sev = r->strict ? FO_ERROR : FO_WARNING;
    const char *file = r->path ? r->path : "<style>";
    if (r->count > FO_CSS_MAX_REPORTED) {
        if (r->count == FO_CSS_MAX_REPORTED + 1)
            fo_diag_report(r->diag, sev, file, 0, 0,
                           "too many problems; further ones are not shown");
        else if (sev == FO_ERROR)
            r->diag->errors++;
        else
            r->diag->warnings++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fo_diag_vreport(r->diag, sev, file, line, col, fmt, ap);
    va_end(ap);
}
