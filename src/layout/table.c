/* table.c — GFM tables. */
#include "lay.h"

#include <string.h>

/* A GFM table: equal column widths for now (content-based widths are a
 * later refinement); one box per row, so rows never split. */
void lay_table(fo_lay *L, lay_frame *f, const fo_node *n)
{
    fo_elem te;
    fo_style ts;
    lay_child_style(L, f, "table", NULL, &te, &ts);
    lay_margin(L, ts.margin_top > 0 ? ts.margin_top : ts.font_size * 0.6);
    int ncols = n->ncols > 0 ? n->ncols : 1;
    double tx = f->x + ts.margin_left;
    double tw = lay_clamp_measure(f->w - ts.margin_left - ts.margin_right);
    double cw = tw / ncols;
    double pad = 3.0;
    lay_frame tf = {.up = f, .node = n, .elem = te, .style = ts, .x = tx, .w = tw};
    fo_color rule = {0.55, 0.55, 0.55, 1};
    int rowno = 0;
    int first = L->nboxes;
    for (const fo_node *row = n->first; row; row = row->next, rowno++) {
        fo_elem re;
        fo_style rs;
        lay_child_style(L, &tf, "tr", NULL, &re, &rs);
        lay_frame rf = {.up = &tf, .node = row, .elem = re, .style = rs, .x = tx, .w = tw};
        lay_shaped sh[64];
        lay_text tx_[64];
        fo_style cs[64];
        int nc = 0;
        double rowh = 0;
        for (const fo_node *cell = row->first; cell && nc < 64; cell = cell->next, nc++) {
            fo_elem ce;
            lay_child_style(L, &rf, row->header ? "th" : "td", NULL, &ce, &cs[nc]);
            cs[nc].text_indent = 0;
            cs[nc].text_align = cell->align == FO_ALIGN_CENTER ? FO_TEXT_CENTER
                                : cell->align == FO_ALIGN_RIGHT ? FO_TEXT_RIGHT
                                                                : FO_TEXT_LEFT;
            if (row->header && cs[nc].font_weight < 600)
                cs[nc].font_weight = 700;
            lay_text_build(L, cell, &ce, &cs[nc], &tx_[nc]);
            if (lay_shape(L, &tx_[nc], &cs[nc], cw - 2 * pad, &sh[nc])) {
                double h = lay_shaped_height(&sh[nc]);
                if (h > rowh)
                    rowh = h;
            }
        }
        rowh += 2 * pad;
        if (rowno == 1)
            L->keep_with_prev = true; /* keep the header row with the first row */
        if (lay_box_begin(L, rowh, row->line) >= 0) {
            if (row->header) {
                fo_item bg = {.kind = FO_ITEM_RECT};
                bg.u.rect = (fo_rect_item){tx, 0, tw, rowh, {0.93, 0.93, 0.93, 1}, {0, 0, 0, 0}, 0};
                lay_item_add(L, &bg);
            }
            for (int c = 0; c < nc; c++)
                if (sh[c].pl)
                    lay_shaped_emit(L, &sh[c], &tx_[c], &cs[c], tx + c * cw + pad, pad);
            fo_item ln = {.kind = FO_ITEM_LINE};
            ln.u.line = (fo_line_item){tx, rowh, tx + tw, rowh, rule, row->header ? 1.0 : 0.4};
            lay_item_add(L, &ln);
            if (rowno == 0) {
                ln.u.line = (fo_line_item){tx, 0, tx + tw, 0, rule, 1.0};
                lay_item_add(L, &ln);
            }
        }
        for (int c = 0; c < nc; c++) {
            lay_shaped_dispose(&sh[c]);
            lay_text_dispose(&tx_[c]);
        }
    }
    lay_avoid_breaks_since(L, first, &ts);
    lay_margin(L, ts.margin_bottom > 0 ? ts.margin_bottom : ts.font_size * 0.6);
}

