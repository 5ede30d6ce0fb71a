/* footlabel.c — see footlabel.h for why this reads cmark-gfm internals. */
#include "footlabel.h"

#include <cmark-gfm/node.h>

const char *fo_cmark_footnote_label(struct cmark_node *def, size_t *len)
{
    *len = 0;
    if (!def || def->type != CMARK_NODE_FOOTNOTE_DEFINITION ||
        !def->as.literal.data || def->as.literal.len <= 0)
        return NULL;
    *len = (size_t)def->as.literal.len;
    return (const char *)def->as.literal.data;
}
