/* list.c — lists and list items: numbering (start numbers honoured), the
 * marker hung in the item's left margin (a hanging indent: the marker sits
 * left of the content edge, every line of the item starts at that edge),
 * nesting depth, tight lists.  A task-list item ("- [ ]", "- [x]") gets a
 * check box drawn in the marker's place (a stroked square in the item's
 * colour, 0.72em a side, with a tick when done) instead of a marker. */
#include "lay.h"

#include <stdio.h>

static const char *bullet_for(int depth)
{
    static const char *b[] = {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"}; /* • ◦ ▪ */
    return b[depth % 3];
}

void lay_list_enter(fo_lay *L, lay_frame *f, lay_frame *c)
{
    const fo_node *n = c->node;
    if (n->type == FO_NODE_LIST) {
        c->number = n->start;
        c->depth = f->depth + 1;
        return;
    }
    /* An item. */
    if (n->task) {
        /* A task-list item: a drawn check box instead of a marker. */
        L->pending_task = n->task;
        L->task_size = c->style.font_size * 0.72;
        L->task_x = c->x - c->style.font_size * 0.45 - L->task_size;
        L->task_color = c->style.color;
        L->marker.pending = false;
        return;
    }
    L->marker.pending = true;
    L->marker.right = c->x - c->style.font_size * 0.45;
    L->marker.inside = c->style.list_style_inside;
    L->marker.task = 0;
    /* The marker's text and style: li::marker and list-style-type (marker.c). */
    lay_list_marker(L, &c->elem, &c->style, f->node && f->node->ordered ? f->number++ : 0,
                    bullet_for(c->depth - 1), false);
}

void lay_task_box(fo_lay *L, double h)
{
    double s = L->task_size, x = L->task_x;
    double y = (h - s) / 2 + s * 0.08; /* centred on the line, a little low like x-height text */
    if (y < 0)
        y = 0;
    fo_item r = {.kind = FO_ITEM_RECT};
    r.u.rect = (fo_rect_item){x, y, s, s, {0, 0, 0, 0}, L->task_color, s * 0.09};
    lay_item_add(L, &r);
    if (L->pending_task == 2) {
        /* The tick: two strokes, short down-right then long up-right. */
        fo_item t = {.kind = FO_ITEM_LINE};
        double w = s * 0.13;
        t.u.line = (fo_line_item){x + s * 0.2, y + s * 0.52, x + s * 0.42, y + s * 0.76, L->task_color, w, FO_LINE_SOLID};
        lay_item_add(L, &t);
        t.u.line = (fo_line_item){x + s * 0.42, y + s * 0.76, x + s * 0.82, y + s * 0.22, L->task_color, w, FO_LINE_SOLID};
        lay_item_add(L, &t);
    }
    L->pending_task = 0;
}

void lay_list_leave(fo_lay *L, lay_frame *c)
{
    if (c->node->type != FO_NODE_ITEM || (!L->marker.pending && !L->pending_task))
        return;
    /* An empty item: give its marker a line of its own. */
    lay_text t;
    lay_text_plain(L, "\xc2\xa0", 2, false, c->node->line, &t);
    lay_paragraph(L, &t, &c->style, c->x, c->w, false);
    lay_text_dispose(&t);
}

bool lay_in_tight_item(const lay_frame *f)
{
    return f->node && f->node->type == FO_NODE_ITEM && f->up && f->up->node &&
           f->up->node->type == FO_NODE_LIST && f->up->node->tight;
}
