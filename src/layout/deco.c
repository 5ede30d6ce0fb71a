/* deco.c — block decoration: background-color, borders and vertical
 * padding of paragraphs, headings, code blocks and block quotes (CSS
 * Backgrounds 3 §3.2, §4; Box 4 padding).  A decorated block is drawn in
 * strips: every box of the block carries its slice of the background and
 * of the left and right borders, a spacer box before the first line holds
 * the top border and padding, one after the last line the bottom padding
 * and border.  A block broken across pages thus keeps its background and
 * side borders on both pages (box-decoration-break: slice, without closing
 * borders at the break).  Collapsed margins between the block's children
 * (a box's space_before) are painted too: the strips reach up over them,
 * and page.c clips them at the top of a page, where that space is dropped.  Table cells get their background and borders
 * over the cell's rectangle in its row (lay_deco_cell); the cell's padding
 * is the table's own.  All borders are drawn solid. */
#include "lay.h"

bool lay_deco_needed(const fo_style *s)
{
    return s->background_color.a > 0 || s->border_top_width > 0 ||
           s->border_right_width > 0 || s->border_bottom_width > 0 ||
           s->border_left_width > 0 || s->padding_top > 0 || s->padding_bottom > 0;
}

void lay_deco_begin(fo_lay *L, const fo_style *s, double bx, double bw, int line)
{
    lay_deco d = {s->background_color, bx, bw,
                  s->border_left_width, s->border_right_width,
                  s->border_left_color, s->border_right_color, -1};
    double top = s->border_top_width + s->padding_top;
    /* Without top border and padding, the first child's top margin
     * collapses with the block's own (CSS 2.1 §8.3.1): it lies outside. */
    if (top <= 0)
        d.outer_box = L->nboxes;
    /* the top spacer: background below the top border, the top border */
    if (top > 0 && lay_box_begin(L, top, line) >= 0) {
        fo_item it = {.kind = FO_ITEM_RECT};
        if (d.bg.a > 0) {
            it.u.rect = (fo_rect_item){bx, s->border_top_width, bw, s->padding_top, d.bg,
                                       {0, 0, 0, 0}, 0};
            lay_item_add(L, &it);
        }
        if (s->border_top_width > 0) {
            it.u.rect = (fo_rect_item){bx, 0, bw, s->border_top_width,
                                       s->border_top_color, {0, 0, 0, 0}, 0};
            lay_item_add(L, &it);
        }
        lay_deco_sides(L, &d, s->border_top_width, top);
        L->keep_with_prev = true; /* the top border stays with the first line */
    }
    g_array_append_val(L->decos, d);
}

void lay_deco_end(fo_lay *L, const fo_style *s, int line)
{
    if (!L->decos->len)
        return;
    lay_deco d = g_array_index(L->decos, lay_deco, L->decos->len - 1);
    g_array_set_size(L->decos, L->decos->len - 1);
    double bottom = s->border_bottom_width + s->padding_bottom;
    if (bottom > 0) {
        /* the last child's bottom margin stays inside the padding box
         * (no collapsing through padding or border, CSS 2.1 §8.3.1) */
        double inner = L->pending_margin + s->padding_bottom;
        L->pending_margin = 0;
        L->keep_with_prev = true;
        if (lay_box_begin(L, inner + s->border_bottom_width, line) >= 0) {
            fo_item it = {.kind = FO_ITEM_RECT};
            if (d.bg.a > 0) {
                it.u.rect = (fo_rect_item){d.x, 0, d.w, inner, d.bg, {0, 0, 0, 0}, 0};
                lay_item_add(L, &it);
            }
            if (s->border_bottom_width > 0) {
                it.u.rect = (fo_rect_item){d.x, inner, d.w, s->border_bottom_width,
                                           s->border_bottom_color, {0, 0, 0, 0}, 0};
                lay_item_add(L, &it);
            }
            lay_deco_sides(L, &d, 0, inner);
        }
    }
}

void lay_deco_sides(fo_lay *L, const lay_deco *d, double y0, double y1)
{
    if (y1 <= y0)
        return;
    fo_item it = {.kind = FO_ITEM_RECT};
    if (d->bl > 0) {
        it.u.rect = (fo_rect_item){d->x, y0, d->bl, y1 - y0, d->cl, {0, 0, 0, 0}, 0};
        lay_item_add(L, &it);
    }
    if (d->br > 0) {
        it.u.rect = (fo_rect_item){d->x + d->w - d->br, y0, d->br, y1 - y0, d->cr,
                                   {0, 0, 0, 0}, 0};
        lay_item_add(L, &it);
    }
}

void lay_deco_cell(fo_lay *L, const fo_style *s, double x, double w, double h)
{
    fo_item it = {.kind = FO_ITEM_RECT};
    const fo_color none = {0, 0, 0, 0};
    if (s->background_color.a > 0) {
        it.u.rect = (fo_rect_item){x, 0, w, h, s->background_color, none, 0};
        lay_item_add(L, &it);
    }
    if (s->border_top_width > 0) {
        it.u.rect = (fo_rect_item){x, 0, w, s->border_top_width, s->border_top_color, none, 0};
        lay_item_add(L, &it);
    }
    if (s->border_bottom_width > 0) {
        it.u.rect = (fo_rect_item){x, h - s->border_bottom_width, w, s->border_bottom_width,
                                   s->border_bottom_color, none, 0};
        lay_item_add(L, &it);
    }
    if (s->border_left_width > 0) {
        it.u.rect = (fo_rect_item){x, 0, s->border_left_width, h, s->border_left_color, none, 0};
        lay_item_add(L, &it);
    }
    if (s->border_right_width > 0) {
        it.u.rect = (fo_rect_item){x + w - s->border_right_width, 0, s->border_right_width, h,
                                   s->border_right_color, none, 0};
        lay_item_add(L, &it);
    }
}
