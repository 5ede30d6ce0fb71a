/* pagekind.c — the text area of each page kind: the first page, left
 * and right pages (CSS Paged Media 3 §4.1 page selectors, §8.1 margins),
 * so that `@page :first { margin-top: 6cm }` starts page 1 lower and
 * `@page :left { margin-left: 3cm; margin-right: 2cm }` with the mirror
 * on :right leaves a gutter for binding.  See lay.h. */
#include "lay.h"

#include <math.h>

static const char *const kind_names[LAY_KINDS] = {"the first page", "left pages",
                                                  "right pages"};
static const unsigned kind_flags[LAY_KINDS] = {FO_PAGE_FIRST | FO_PAGE_RIGHT, FO_PAGE_LEFT,
                                               FO_PAGE_RIGHT};

unsigned lay_page_flags(int p)
{
    return (p == 0 ? FO_PAGE_FIRST : 0) | ((p + 1) % 2 == 0 ? FO_PAGE_LEFT : FO_PAGE_RIGHT);
}

const lay_page_kind *lay_page_kind_of(const fo_lay *L, int p)
{
    return &L->kinds[p == 0 ? LAY_KIND_FIRST : (p + 1) % 2 == 0 ? LAY_KIND_LEFT : LAY_KIND_RIGHT];
}

double lay_page_area_h(void *L, int p)
{
    return lay_page_kind_of(L, p)->area_h;
}

fo_status lay_page_kinds_init(fo_lay *L)
{
    const char *warned_path[LAY_KINDS];
    int warned_line[LAY_KINDS], warned_col[LAY_KINDS], nwarned = 0;
    L->area_h_max = L->area_h_min = L->area_h;
    for (int k = 0; k < LAY_KINDS; k++) {
        lay_page_kind *K = &L->kinds[k];
        fo_sheet_page_for(L->sheet, kind_flags[k], &K->page);
        K->x = K->page.margin_left;
        K->top = K->page.margin_top;
        K->area_h = K->page.height - K->page.margin_top - K->page.margin_bottom;
        double w = K->page.width - K->page.margin_left - K->page.margin_right;
        if (w < 36 || K->area_h < 36) {
            fo_error(L->diag, NULL, 0, 0,
                     "the @page margins of %s leave no room for text (text area %.1f x %.1f pt)",
                     kind_names[k], w, K->area_h);
            return FO_ERR_STYLE;
        }
        if (K->area_h > L->area_h_max)
            L->area_h_max = K->area_h;
        if (K->area_h < L->area_h_min)
            L->area_h_min = K->area_h;
        if (fabs(w - L->area_w) < 0.01)
            continue;
        /* One galley, one measure: the text keeps the default page's
         * width and starts at this kind's left margin. */
        const char *path = NULL;
        int line = 0, col = 0;
        fo_sheet_page_hsource(L->sheet, kind_flags[k], &path, &line, &col);
        bool dup = false;
        for (int j = 0; j < nwarned; j++)
            dup |= warned_path[j] == path && warned_line[j] == line && warned_col[j] == col;
        if (dup)
            continue;
        warned_path[nwarned] = path;
        warned_line[nwarned] = line;
        warned_col[nwarned++] = col;
        fo_warn(L->diag, path ? path : "<style>", line, col,
                "the text area of %s is %.1f pt wide, the default page's %.1f pt; folio "
                "keeps one measure; the text area is placed at the left margin",
                kind_names[k], w, L->area_w);
    }
    return FO_OK;
}
