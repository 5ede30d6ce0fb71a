/* deadlink.c — internal links (`[x](#name)`) to anchors the document does
 * not define.  The names layout will place are known from the tree before
 * any box exists: every heading's slug (block.c), "fn-N" for each footnote
 * and "fnref-N" for each reference to one (footnote.c, inline.c).  A link
 * to any other name is dead: its text is set as plain text (no `a` style,
 * no link annotation), with a `file:line:col` warning (once per name) and a
 * preflight entry for every such link. */
#include "lay.h"

#include <stdio.h>
#include <string.h>

/* The set of anchor names, made on first use (strings owned by the doc). */
static GHashTable *anchor_names(fo_lay *L)
{
    if (L->anchor_names)
        return L->anchor_names;
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const fo_node *n = L->doc->root;
    while (n) {
        char name[32];
        if (n->type == FO_NODE_HEADING && n->id)
            g_hash_table_add(h, g_strdup(n->id));
        else if (n->type == FO_NODE_FOOTNOTE_DEF && n->number > 0) {
            snprintf(name, sizeof name, "fn-%d", n->number);
            g_hash_table_add(h, g_strdup(name));
        } else if (n->type == FO_NODE_FOOTNOTE_REF && n->number > 0) {
            snprintf(name, sizeof name, "fnref-%d", n->number);
            g_hash_table_add(h, g_strdup(name));
        }
        /* pre-order walk without recursion */
        if (n->first) {
            n = n->first;
            continue;
        }
        while (n && !n->next)
            n = n->parent;
        if (n)
            n = n->next;
    }
    L->anchor_names = h;
    L->warned_dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return h;
}

bool lay_link_is_dead(fo_lay *L, const fo_node *link, int box)
{
    if (!link || link->type != FO_NODE_LINK || !link->url || link->url[0] != '#')
        return false;
    const char *dest = link->url + 1;
    if (g_hash_table_contains(anchor_names(L), dest))
        return false;
    if (!g_hash_table_contains(L->warned_dests, dest)) {
        g_hash_table_add(L->warned_dests, g_strdup(dest));
        fo_warn(L->diag, L->doc->path, link->line, link->col,
                "link to missing anchor '#%s': no heading or footnote defines it; "
                "its text is kept without a link", dest);
    }
    fo_preflight *pf = LAY_PF(L);
    if (pf) {
        char d[160];
        snprintf(d, sizeof d, "link to '#%.100s', which no heading or anchor defines", dest);
        fo_preflight_add(pf, FO_PF_MISSING_ANCHOR, 0, link->line, box, d);
    }
    return true;
}

void lay_dead_links_free(fo_lay *L)
{
    if (L->anchor_names)
        g_hash_table_destroy(L->anchor_names);
    if (L->warned_dests)
        g_hash_table_destroy(L->warned_dests);
    L->anchor_names = L->warned_dests = NULL;
}
