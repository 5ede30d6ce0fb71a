/* pagekind.c — page geometry per page kind: the cascade of the @page
 * rules' size and margin declarations over page selectors (CSS Paged
 * Media 3 §4.2 specificity, §8.1 margins; CSS Cascade 4 §6.1 order).
 * See style.h (fo_sheet_page_for) and page.h (fo_page_geom). */
#include "sheet.h"

#include <stdlib.h>

bool fo_sheet_push_page_geom(fo_sheet *s, const fo_page_geom *g)
{
    if (s->ngeoms == s->cap_geoms) {
        size_t ncap = s->cap_geoms ? s->cap_geoms * 2 : 16;
        fo_page_geom *p = realloc(s->geoms, ncap * sizeof *p);
        if (!p)
            return false;
        s->geoms = p;
        s->cap_geoms = ncap;
    }
    s->geoms[s->ngeoms++] = *g;
    return true;
}

/* The winning declaration for each field on a page of kind `flags`
 * (NULL: the default applies); every declaration whose selector the page
 * satisfies takes part, the highest key wins. */
static void winners(const fo_sheet *s, unsigned flags, const fo_page_geom *win[FO_PG_FIELDS])
{
    for (int f = 0; f < FO_PG_FIELDS; f++)
        win[f] = NULL;
    if (!s)
        return;
    for (size_t k = 0; k < s->ngeoms; k++) {
        const fo_page_geom *g = &s->geoms[k];
        if ((g->flags & flags) != g->flags)
            continue;
        for (int f = 0; f < FO_PG_FIELDS; f++)
            if ((g->fields & 1u << f) && (!win[f] || g->key > win[f]->key))
                win[f] = g;
    }
}

void fo_sheet_page_for(const fo_sheet *sheet, unsigned page_flags, fo_page_style *out)
{
    const fo_page_geom *win[FO_PG_FIELDS];
    winners(sheet, page_flags, win);
    fo_page_style def;
    fo_page_defaults(&def);
    const double dv[FO_PG_FIELDS] = {def.width, def.height, def.margin_top,
                                     def.margin_right, def.margin_bottom, def.margin_left};
    double v[FO_PG_FIELDS];
    for (int f = 0; f < FO_PG_FIELDS; f++)
        v[f] = win[f] ? win[f]->v[f] : dv[f];
    /* percentage margins: of the page width (left, right) or height (top,
     * bottom), whichever declaration set the size (CSS 2.1 §13.2.2) */
    for (int f = FO_PG_TOP; f <= FO_PG_LEFT; f++)
        if (win[f] && (win[f]->pct & 1u << (f - FO_PG_TOP)))
            v[f] = v[f] / 100.0 * (f == FO_PG_RIGHT || f == FO_PG_LEFT ? v[FO_PG_WIDTH]
                                                                       : v[FO_PG_HEIGHT]);
    *out = (fo_page_style){v[FO_PG_WIDTH], v[FO_PG_HEIGHT], v[FO_PG_TOP],
                           v[FO_PG_RIGHT], v[FO_PG_BOTTOM], v[FO_PG_LEFT]};
}

void fo_sheet_page(const fo_sheet *sheet, fo_page_style *out)
{
    fo_sheet_page_for(sheet, 0, out);
}

bool fo_sheet_page_hsource(const fo_sheet *sheet, unsigned page_flags,
                           const char **path, int *line, int *col)
{
    const fo_page_geom *win[FO_PG_FIELDS];
    winners(sheet, page_flags, win);
    const fo_page_geom *best = NULL;
    for (int f = FO_PG_RIGHT; f <= FO_PG_LEFT; f += FO_PG_LEFT - FO_PG_RIGHT) {
        const fo_page_geom *g = win[f];
        if (g && g->flags && (!best || g->key > best->key))
            best = g;
    }
    if (!best)
        return false;
    *path = best->path;
    *line = best->line;
    *col = best->col;
    return true;
}
