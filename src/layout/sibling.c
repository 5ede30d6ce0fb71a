/* sibling.c — element siblings for the tree-structural selectors.
 *
 * :last-child, :only-child and :nth-last-child() (Selectors 4 §14.3,
 * §14.4) need the number of element siblings before the last one is laid
 * out.  Block layout turns most document nodes into exactly one element
 * child of their container (heading → h1..h6, paragraph → p, list → ul/ol,
 * item → li, quote → blockquote, code block → pre, thematic break → hr,
 * table → table, HTML block → div.html, footnote definition →
 * div.footnote; see block.c leaf() and enter()).  The exception is a
 * paragraph of images: each image becomes img + div.caption (and a
 * div.image-placeholder when it cannot be loaded), which is only known
 * while laying it out, so a container holding one has an unknown count. */
#include "lay.h"

int lay_elem_count(const fo_node *first)
{
    int n = 0;
    for (const fo_node *c = first; c; c = c->next) {
        if (lay_is_figure_paragraph(c))
            return 0;
        n++;
    }
    return n;
}

void lay_keep_prev(fo_lay *L, lay_frame *f, const fo_elem *e)
{
    fo_elem *keep = fo_display_alloc(L->dl, sizeof *keep);
    if (!keep) {
        lay_fail(L, FO_ERR_NOMEM);
        return;
    }
    *keep = *e;
    keep->tag = fo_display_strdup(L->dl, e->tag);
    keep->classes = fo_display_strdup(L->dl, e->classes);
    if ((e->tag && !keep->tag) || (e->classes && !keep->classes)) {
        lay_fail(L, FO_ERR_NOMEM);
        return;
    }
    f->prev_elem = keep;
}
