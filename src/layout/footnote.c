/* footnote.c — footnote definitions: numbered notes, each an anchor
 * "fn-N" that references link to. */
#include "lay.h"

#include <stdio.h>

void lay_footnote_enter(fo_lay *L, lay_frame *c)
{
    const fo_node *n = c->node;
    char name[32];
    snprintf(name, sizeof name, "fn-%d", n->number);
    L->pending_anchor = fo_display_strdup(L->dl, name);
    L->pending_anchor_x = c->x;
    L->marker.pending = true;
    L->marker.style = c->style;
    L->marker.right = c->x - c->style.font_size * 0.45;
    L->marker.task = 0;
    snprintf(L->marker.text, sizeof L->marker.text, "%d.", n->number);
}

void lay_footnote_separator(fo_lay *L, const lay_frame *body, int line)
{
    lay_margin(L, body->style.font_size * 1.5);
    if (lay_box_begin(L, body->style.font_size * 0.8, line) >= 0) {
        fo_item it = {.kind = FO_ITEM_LINE};
        it.u.line = (fo_line_item){body->x, 0.5, body->x + body->w * 0.3, 0.5,
                                   {0.5, 0.5, 0.5, 1}, 0.5};
        lay_item_add(L, &it);
    }
    L->keep_with_prev = true;
}
