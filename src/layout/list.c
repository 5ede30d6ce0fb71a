/* list.c — lists and list items: numbering (start numbers honoured), the
 * marker hung in the item's left margin (a hanging indent: the marker sits
 * left of the content edge, every line of the item starts at that edge),
 * nesting depth, tight lists. */
#include "lay.h"

#include <stdio.h>

static const char *bullet_for(int depth, int task)
{
    if (task == 1)
        return "\xe2\x98\x90"; /* U+2610 BALLOT BOX */
    if (task == 2)
        return "\xe2\x98\x91"; /* U+2611 BALLOT BOX WITH CHECK */
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
    L->marker.pending = true;
    L->marker.style = c->style;
    L->marker.right = c->x - c->style.font_size * 0.45;
    L->marker.task = n->task;
    if (f->node && f->node->ordered)
        snprintf(L->marker.text, sizeof L->marker.text, "%d.", f->number++);
    else
        snprintf(L->marker.text, sizeof L->marker.text, "%s", bullet_for(c->depth - 1, n->task));
}

void lay_list_leave(fo_lay *L, lay_frame *c)
{
    if (c->node->type != FO_NODE_ITEM || !L->marker.pending)
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
