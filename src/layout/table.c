/* table.c — GFM tables.
 *
 * Column widths follow CSS 2.1 §17.5.2.2 (automatic table layout, as
 * browsers implement it): every cell has a minimum content width (its
 * widest unbreakable piece: the longest word) and a maximum content width
 * (its text on one line), each plus the cell's horizontal padding; a
 * column's min/max are the largest over its cells.  Then, with W the
 * measure:
 *   - Σmax ≤ W: every column gets its max (the table shrinks to fit its
 *     content, as an auto-width table does);
 *   - Σmin ≥ W: columns get their min scaled down to W (cell text then
 *     breaks inside words, never overflowing);
 *   - otherwise each column gets min + (max − min)·(W − Σmin)/(Σmax − Σmin).
 * A cell's widths count its left and right border widths with its
 * padding, and its height its top and bottom border widths: its text sits
 * inside padding inside border (CSS 2.1 §17.6.1, the separated borders
 * model; borders do not collapse).
 * Cell text wraps in its column; alignment comes from the delimiter row
 * (`:--`, `:-:`, `--:`), else from the cell's text-align.
 *
 * One box per row, so rows never split across pages — except a row taller
 * than a page, which is cut between its lines into slices (split_row).  The header row is a running header: every row
 * carries header_height/header_box, and the page filler repeats the header
 * at the top of each page the table continues on (paginate.h).
 *
 * Styling: `table`, `tr`, `th`, `td` elements (a cell with no horizontal
 * padding gets 0.3em a side; cell backgrounds and borders are drawn by
 * lay_deco_cell); body rows also have the
 * class `odd` or `even` (1-based among body rows) so a style sheet can set
 * zebra stripes with `tr.even { background-color: … }`.  Cell padding comes
 * from th/td padding, backgrounds from tr and th/td background-color.
 * Rules: a 1 pt rule above and below the header and below the last row, a
 * 0.4 pt rule between body rows, in the table's `color` at 45 % opacity
 * (no border properties exist yet).
 */
#include "lay.h"

#include <stdlib.h>
#include <string.h>

/* Content widths of one cell's text in pt (CSS 2.1 §17.5.2.2). */
static void content_widths(fo_lay *L, lay_text *t, const fo_style *s, double *min, double *max)
{
    *min = *max = 0;
    fo_style ls = *s;
    ls.text_align = FO_TEXT_LEFT;
    ls.text_indent = 0;
    lay_shaped sh;
    if (!lay_shape(L, t, &ls, 1e6, &sh))
        return;
    PangoRectangle lr;
    pango_layout_get_extents(sh.pl, NULL, &lr);
    *max = (double)lr.width / PANGO_SCALE;
    /* Break at every opportunity: the widest line is the widest word. */
    pango_layout_set_wrap(sh.pl, PANGO_WRAP_WORD);
    pango_layout_set_width(sh.pl, 1);
    PangoLayoutIter *it = pango_layout_get_iter(sh.pl);
    do {
        pango_layout_iter_get_line_extents(it, NULL, &lr);
        double w = (double)lr.width / PANGO_SCALE;
        if (w > *min)
            *min = w;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    lay_shaped_dispose(&sh);
    if (*min > *max)
        *max = *min;
}

void lay_table_widths(const double *cmin, const double *cmax, int ncols, double W, bool fill,
                      double *out)
{
    double smin = 0, smax = 0;
    for (int c = 0; c < ncols; c++) {
        smin += cmin[c];
        smax += cmax[c];
    }
    for (int c = 0; c < ncols; c++) {
        if (smax <= W && fill)
            out[c] = smax > 0 ? cmax[c] * W / smax : W / ncols;
        else if (smax <= W)
            out[c] = cmax[c];
        else if (smin >= W)
            out[c] = smin > 0 ? cmin[c] * W / smin : W / ncols;
        else
            out[c] = cmin[c] + (cmax[c] - cmin[c]) * (W - smin) / (smax - smin);
    }
}

/* A cell's computed style and text. */
typedef struct cell {
    fo_style s;
    lay_text t;
    lay_shaped sh;
    bool shaped;
} cell;

static fo_text_align cell_align(const fo_node *c, fo_text_align dflt)
{
    switch (c->align) {
    case FO_ALIGN_LEFT: return FO_TEXT_LEFT;
    case FO_ALIGN_CENTER: return FO_TEXT_CENTER;
    case FO_ALIGN_RIGHT: return FO_TEXT_RIGHT;
    default: return dflt == FO_TEXT_JUSTIFY ? FO_TEXT_LEFT : dflt;
    }
}

static void rule(fo_lay *L, double x1, double x2, double y, fo_color c, double w)
{
    fo_item ln = {.kind = FO_ITEM_LINE};
    ln.u.line = (fo_line_item){x1, y, x2, y, c, w, FO_LINE_SOLID};
    lay_item_add(L, &ln);
}

/* Where a slice of a row taller than the page may end: a y (pt from the
 * row top) that cuts no line of text.  Lines are known by their glyph
 * runs: a run at baseline y of size s spans [y - 0.95s, y + 0.3s]. */
static bool cuts_text(const fo_item *its, int n, double c)
{
    for (int i = 0; i < n; i++) {
        if (its[i].kind != FO_ITEM_GLYPHS)
            continue;
        double y = its[i].u.glyphs.y, sz = its[i].u.glyphs.size;
        if (y - 0.95 * sz < c - 0.01 && c + 0.01 < y + 0.3 * sz)
            return true;
    }
    return false;
}

/* The slice of an item at y: the last slice starting at or above it. */
static int slice_of(const double *cut, int ns, double y)
{
    int s = 0;
    while (s + 1 < ns && cut[s + 1] <= y + 0.01)
        s++;
    return s;
}

/* A row taller than `limit` pt is cut into slices between its lines, one
 * box each, so it breaks across pages instead of running off the page.
 * Row-high backgrounds repeat on every slice; the top rule stays on the
 * first, the bottom rule goes to the last; row-high vertical rules (cell
 * borders) repeat on every slice. */
static void split_row(fo_lay *L, int bi, double rowh, double limit)
{
    lay_box box = L->boxes[bi];
    int n = box.item_count;
    fo_item *its = malloc((size_t)(n ? n : 1) * sizeof *its);
    double *cut = malloc((size_t)(n + 2) * sizeof *cut);
    if (!its || !cut) {
        free(its);
        free(cut);
        lay_fail(L, FO_ERR_NOMEM);
        return;
    }
    memcpy(its, &L->items[box.item_first], (size_t)n * sizeof *its);
    /* Cut points: greedy, each slice as tall as fits, ending at a line top. */
    int ns = 0;
    cut[ns++] = 0;
    while (rowh - cut[ns - 1] > limit && ns < n + 1) {
        double best = cut[ns - 1] + limit;
        double found = -1;
        for (int i = 0; i < n; i++) {
            if (its[i].kind != FO_ITEM_GLYPHS)
                continue;
            double top = its[i].u.glyphs.y - 0.95 * its[i].u.glyphs.size;
            if (top > cut[ns - 1] + 1 && top <= best && top > found && !cuts_text(its, n, top))
                found = top;
        }
        cut[ns++] = found > 0 ? found : best;
    }
    cut[ns] = rowh;
    /* Take the row's box back and lay the slices out. */
    L->nitems = box.item_first;
    L->nboxes = bi;
    double saved_margin = L->pending_margin;
    bool saved_keep = L->keep_with_prev;
    for (int sl = 0; sl < ns && L->status == FO_OK; sl++) {
        double top = cut[sl], h = cut[sl + 1] - cut[sl];
        L->pending_margin = 0;
        L->keep_with_prev = false;
        int b = lay_box_begin(L, h, box.src_line);
        if (b < 0)
            break;
        fo_pg_box *pg = &L->boxes[b].pg;
        if (sl == 0) {
            pg->space_before = box.pg.space_before;
            pg->can_break_before = box.pg.can_break_before;
            pg->force_break = box.pg.force_break;
            pg->side = box.pg.side;
        }
        pg->header_box = box.pg.header_box;
        pg->header_height = box.pg.header_height;
        for (int i = 0; i < n; i++) {
            fo_item it = its[i];
            switch (it.kind) {
            case FO_ITEM_RECT:
                if (it.u.rect.y <= 0.01 && it.u.rect.h >= rowh - 0.01) {
                    it.u.rect.h = h; /* a row background: on every slice */
                    lay_item_add(L, &it);
                    continue;
                }
                if (slice_of(cut, ns, it.u.rect.y) != sl)
                    continue;
                it.u.rect.y -= top;
                break;
            case FO_ITEM_LINE:
                if (it.u.line.x1 == it.u.line.x2 && it.u.line.y1 <= 0.01 &&
                    it.u.line.y2 >= rowh - 0.01) {
                    it.u.line.y2 = h; /* a row-high vertical rule: on every slice */
                    lay_item_add(L, &it);
                    continue;
                }
                if ((it.u.line.y1 >= rowh - 0.01 ? ns - 1 : slice_of(cut, ns, it.u.line.y1)) != sl)
                    continue;
                it.u.line.y1 -= top;
                it.u.line.y2 -= top;
                break;
            case FO_ITEM_GLYPHS:
                if (slice_of(cut, ns, it.u.glyphs.y - 0.95 * it.u.glyphs.size) != sl)
                    continue;
                it.u.glyphs.y -= top;
                break;
            case FO_ITEM_LINK:
                if (slice_of(cut, ns, it.u.link.y) != sl)
                    continue;
                it.u.link.y -= top;
                break;
            case FO_ITEM_ANCHOR:
                if (slice_of(cut, ns, it.u.anchor.y) != sl)
                    continue;
                it.u.anchor.y -= top;
                break;
            case FO_ITEM_OUTLINE:
                if (sl != 0)
                    continue;
                break;
            case FO_ITEM_IMAGE:
                if (slice_of(cut, ns, it.u.image.y) != sl)
                    continue;
                it.u.image.y -= top;
                break;
            }
            lay_item_add(L, &it);
        }
    }
    L->pending_margin = saved_margin;
    L->keep_with_prev = saved_keep;
    free(its);
    free(cut);
}

void lay_table(fo_lay *L, lay_frame *f, const fo_node *n)
{
    fo_elem te;
    fo_style ts;
    lay_child_style(L, f, "table", NULL, &te, &ts);
    lay_break_before(L, &ts);
    lay_margin(L, ts.margin_top);
    int ncols = n->ncols > 0 ? n->ncols : 1;
    int nrows = 0;
    for (const fo_node *row = n->first; row; row = row->next)
        nrows++;
    if (nrows == 0)
        return;
    double tx = f->x + ts.margin_left;
    double W = lay_clamp_measure(f->w - ts.margin_left - ts.margin_right);
    lay_frame tf = {.up = f, .node = n, .elem = te, .style = ts, .x = tx, .w = W,
                    .nsiblings = nrows};

    cell *cells = calloc((size_t)nrows * ncols, sizeof *cells);
    fo_elem *relem = calloc((size_t)nrows, sizeof *relem);
    fo_style *rstyle = calloc((size_t)nrows, sizeof *rstyle);
    double *cmin = calloc((size_t)ncols * 3, sizeof *cmin);
    if (!cells || !relem || !rstyle || !cmin) {
        free(cells);
        free(relem);
        free(rstyle);
        free(cmin);
        lay_fail(L, FO_ERR_NOMEM);
        return;
    }
    double *cmax = cmin + ncols, *cw = cmin + 2 * ncols;

    /* Pass 1: styles, texts and content widths. */
    int r = 0, body_row = 0;
    for (const fo_node *row = n->first; row; row = row->next, r++) {
        const char *cls = row->header ? NULL : (++body_row % 2 ? "odd" : "even");
        lay_child_style(L, &tf, "tr", cls, &relem[r], &rstyle[r]);
        int ncells = 0; /* cells past ncols are not laid out */
        for (const fo_node *cn = row->first; cn && ncells < ncols; cn = cn->next)
            ncells++;
        lay_frame rf = {.up = &tf, .node = row, .elem = relem[r], .style = rstyle[r], .x = tx, .w = W,
                        .nsiblings = ncells};
        int c = 0;
        for (const fo_node *cn = row->first; cn && c < ncols; cn = cn->next, c++) {
            cell *ce = &cells[r * ncols + c];
            fo_elem e;
            lay_child_style(L, &rf, row->header ? "th" : "td", NULL, &e, &ce->s);
            ce->s.text_indent = 0;
            ce->s.text_align = cell_align(cn, ce->s.text_align);
            /* Cells with no horizontal padding at all would run their
             * words together: the user-agent default is 0.3em a side
             * (browsers use 1px). */
            if (ce->s.padding_left == 0 && ce->s.padding_right == 0)
                ce->s.padding_left = ce->s.padding_right = 0.3 * ce->s.font_size;
            lay_text_build(L, cn, &e, &ce->s, &ce->t);
            double mn, mx;
            content_widths(L, &ce->t, &ce->s, &mn, &mx);
            /* the cell's border box (CSS 2.1 §17.6.1, separated borders):
             * content inside padding inside border */
            double pad = ce->s.border_left_width + ce->s.padding_left + ce->s.padding_right +
                         ce->s.border_right_width;
            if (mn + pad > cmin[c])
                cmin[c] = mn + pad;
            if (mx + pad > cmax[c])
                cmax[c] = mx + pad;
        }
    }
    /* width (CSS 2.1 §17.5.2.2): the table is that wide, but never narrower
     * than its columns' minimum content widths nor wider than the
     * measure; max-width caps it (§10.4).  Without width it shrinks to
     * its content. */
    double target = W;
    bool fill = false;
    if (ts.width >= 0) {
        double smin = 0;
        for (int c = 0; c < ncols; c++)
            smin += cmin[c];
        target = ts.width > smin ? ts.width : smin;
        fill = true;
    }
    if (ts.max_width >= 0 && target > ts.max_width)
        target = ts.max_width;
    if (target > W)
        target = W;
    if (target < 1)
        target = 1;
    lay_table_widths(cmin, cmax, ncols, target, fill, cw);
    if (W / ncols < ts.font_size)
        fo_warn(L->diag, L->doc->path, n->line, n->col,
                "a table of %d columns is too wide for the measure (%.1f pt a column); its "
                "cells are squeezed",
                ncols, W / ncols);
    double tw = 0;
    for (int c = 0; c < ncols; c++)
        tw += cw[c];
    /* auto margins (CSS 2.1 §10.3.3): both centre the table in the
     * measure, margin-left: auto alone sets it flush right. */
    if ((ts.margin_auto & 8) && tw < W)
        tx += (ts.margin_auto & 2) ? (W - tw) / 2 : W - tw;
    lay_check_outside(L, "table", tx, tw, f->x, f->w, n->line, n->col);

    /* Pass 2: shape every cell in its column and emit one box per row. */
    fo_color rc = ts.color;
    rc.a *= 0.45;
    int first = L->nboxes, header_box = -1;
    double header_h = 0;
    /* one warning for the whole table's overfull cell lines, not one each */
    lay_overfull tof = {0};
    lay_overfull *saved_sink = L->overfull_sink;
    L->overfull_sink = &tof;
    r = 0;
    for (const fo_node *row = n->first; row; row = row->next, r++) {
        double rowh = 0;
        for (int c = 0; c < ncols; c++) {
            cell *ce = &cells[r * ncols + c];
            if (!ce->t.text)
                continue;
            double inner = cw[c] - ce->s.border_left_width - ce->s.padding_left -
                           ce->s.padding_right - ce->s.border_right_width;
            ce->shaped = lay_shape(L, &ce->t, &ce->s, inner > 1 ? inner : 1, &ce->sh);
            double h = ce->s.border_top_width + ce->s.padding_top + ce->s.padding_bottom +
                       ce->s.border_bottom_width +
                       (ce->shaped ? lay_shaped_height(&ce->sh) : ce->s.line_height);
            if (h > rowh)
                rowh = h;
        }
        if (r > 0 && row->prev && row->prev->header)
            L->keep_with_prev = true; /* the header stays with the first row */
        int bi = lay_box_begin(L, rowh, row->line);
        if (bi < 0)
            break;
        if (row->header) {
            header_box = bi;
            header_h = rowh;
        } else if (header_box >= 0) {
            L->boxes[bi].pg.header_box = header_box;
            L->boxes[bi].pg.header_height = header_h;
        }
        if (rstyle[r].background_color.a > 0) {
            fo_item bg = {.kind = FO_ITEM_RECT};
            bg.u.rect = (fo_rect_item){tx, 0, tw, rowh, rstyle[r].background_color, {0, 0, 0, 0}, 0};
            lay_item_add(L, &bg);
        }
        double x = tx;
        for (int c = 0; c < ncols; c++) {
            cell *ce = &cells[r * ncols + c];
            if (ce->t.text)
                lay_deco_cell(L, &ce->s, x, cw[c], rowh); /* background, borders */
            if (ce->shaped)
                lay_shaped_emit(L, &ce->sh, &ce->t, &ce->s,
                                x + ce->s.border_left_width + ce->s.padding_left,
                                ce->s.border_top_width + ce->s.padding_top);
            x += cw[c];
        }
        if (r == 0)
            rule(L, tx, tx + tw, 0, rc, 1.0);
        rule(L, tx, tx + tw, rowh, rc, row->header || !row->next ? 1.0 : 0.4);
        double limit = L->area_h - (row->header ? 0 : header_h);
        if (rowh > limit && limit > 36)
            split_row(L, bi, rowh, limit);
    }
    L->overfull_sink = saved_sink;
    if (tof.lines)
        fo_warn(L->diag, L->doc->path, n->line, n->col,
                "%d cell%s of this table %s text wider than %s column (%d overfull line%s); "
                "the worst, '%s', is %.1f pt too wide",
                tof.blocks, tof.blocks == 1 ? "" : "s", tof.blocks == 1 ? "has" : "have",
                tof.blocks == 1 ? "its" : "their", tof.lines, tof.lines == 1 ? "" : "s",
                tof.sample, tof.worst);
    for (int i = 0; i < nrows * ncols; i++) {
        if (cells[i].shaped)
            lay_shaped_dispose(&cells[i].sh);
        if (cells[i].t.text)
            lay_text_dispose(&cells[i].t);
    }
    free(cells);
    free(relem);
    free(rstyle);
    free(cmin);
    lay_avoid_breaks_since(L, first, &ts);
    lay_margin(L, ts.margin_bottom);
    lay_break_after(L, &ts);
}
