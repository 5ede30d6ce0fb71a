/* outside.c — blocks whose margins place their text outside the page.
 *
 * CSS allows negative margins (CSS 2.1 §8.3), and folio keeps them: a
 * block may reach into the page margin.  But a content box that starts
 * left of the page box's left edge or ends right of its right edge has
 * text that is cut at the page edge (or, with `margin-left: -1e9pt`, not
 * on the page at all).  That is warned about once per element kind, and
 * listed in preflight as an `overflow` for every such block. */
#include "lay.h"

#include <stdio.h>
#include <string.h>

void lay_check_outside(fo_lay *L, const char *tag, double x, double w, double cx, double cw,
                       int line, int col)
{
    double pw = L->page.width;
    /* only where the block's own margins take it further out than its
     * containing block: an outside container warns for its contents */
    bool left = x < -0.01 && x < cx - 0.01;
    bool right = x + w > pw + 0.01 && x + w > cx + cw + 0.01;
    if (!left && !right)
        return;
    char d[256];
    if (left)
        snprintf(d, sizeof d, "the margins, borders, padding or text-indent of this %s place its text "
                 "outside the page (x = %.0f pt)",
                 tag, x);
    else
        snprintf(d, sizeof d,
                 "the margins, borders or padding of this %s place its text outside the page "
                 "(x + width = %.0f pt, "
                 "past the page width of %.0f pt)",
                 tag, x + w, pw);
    if (LAY_PF(L))
        fo_preflight_add(LAY_PF(L), FO_PF_OVERFLOW, 0, line, L->nboxes, d);
    for (int i = 0; i < L->nwarned_outside; i++)
        if (strcmp(L->warned_outside[i], tag) == 0)
            return;
    if (L->nwarned_outside < LAY_WARNED_OUTSIDE_MAX)
        L->warned_outside[L->nwarned_outside++] = tag;
    fo_warn(L->diag, L->doc->path, line, col, "%s", d);
}
