/* toc.c — the table of contents (`toc: true` in front matter, or --toc).
 *
 * Set after the title block as a `nav.toc` element: a `div.toc-title`
 * ("Contents") and one `div.toc-entry.toc-N` per heading of level N ≤
 * toc-depth (a folio property read on `.toc`, initial 3), for the
 * document's top-level headings (not those inside quotes or lists) except
 * a first h1 that repeats the title.  Each entry is indented 1.2em per
 * level below the shallowest one listed, its title wraps in the measure
 * less a page-number column of 2.5em, a dotted leader runs from the end of
 * its last line to that column, and the page number is right-aligned in it.
 * The whole entry links to its heading.  Leader dots sit on a grid of
 * their own pitch from the body's left edge, so they line up down the
 * page.
 *
 * The entries are laid out before pagination with their page numbers left
 * blank; lay_toc_numbers writes the numbers once every box has its page.
 * Because the number column has a fixed width, the numbers can never
 * change the TOC's length, so one pass is always enough, however many
 * pages the TOC itself spans.
 */
#include "lay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A page number to write once pages are known. */
typedef struct lay_toc_ref {
    int box;          /* the entry's box */
    const char *dest; /* the heading's anchor */
    double right;     /* pt: right edge of the number column (absolute x) */
    double baseline;  /* pt: from the box top */
    fo_style style;
} lay_toc_ref;

static bool listed(const fo_node *n, int depth, const fo_node *skip)
{
    return n->type == FO_NODE_HEADING && n->level <= depth && n->id && *n->id && n != skip;
}

static void entry(fo_lay *L, lay_frame *tf, const fo_node *h, int min_level)
{
    char cls[32];
    snprintf(cls, sizeof cls, "toc-entry toc-%d", h->level);
    fo_elem e;
    fo_style s;
    lay_child_style(L, tf, "div", cls, &e, &s);
    s.text_align = FO_TEXT_LEFT;
    s.text_indent = 0;
    lay_margin(L, s.margin_top);
    char *title = fo_node_plain_text((fo_doc *)L->doc, h);
    if (!title || !*title)
        return;
    double numcol = 2.5 * s.font_size;
    double indent = (h->level - min_level) * 1.2 * s.font_size;
    double x = tf->x + s.margin_left + indent;
    double right = tf->x + tf->w - s.margin_right;
    double w = lay_clamp_measure(right - numcol - x);
    lay_text t;
    lay_text_plain(L, title, strlen(title), false, h->line, &t);
    lay_shaped sh;
    if (!lay_shape(L, &t, &s, w, &sh)) {
        lay_text_dispose(&t);
        return;
    }
    double height = lay_shaped_height(&sh);
    int bi = lay_box_begin(L, height, h->line);
    if (bi >= 0) {
        int first_item = L->nitems;
        lay_shaped_emit(L, &sh, &t, &s, x, 0);
        /* The last line: its end and baseline. */
        double baseline = 0;
        for (int i = first_item; i < L->nitems; i++)
            if (L->items[i].kind == FO_ITEM_GLYPHS && L->items[i].u.glyphs.y > baseline)
                baseline = L->items[i].u.glyphs.y;
        /* The last line folio's breaker chose (lay_shape fills sh.lines). */
        const lay_line *last = &sh.lines[sh.nlines - 1];
        double end = x + last->x + last->natural;
        /* Dotted leader on a grid of its own pitch. */
        double pitch = lay_plain_line(L, ". ", &s, 0, 0, false, NULL);
        if (pitch > 0) {
            double gap = 0.5 * s.font_size;
            double start = tf->x + ceil((end + gap - tf->x) / pitch) * pitch;
            int ndots = (int)floor((right - numcol + gap * 0.5 - start) / pitch);
            if (ndots > 0 && ndots < 1000) {
                GString *g = g_string_new(NULL);
                for (int k = 0; k < ndots; k++)
                    g_string_append(g, ". ");
                g_string_truncate(g, g->len - 1);
                lay_plain_line(L, g->str, &s, start, baseline, true, NULL);
                g_string_free(g, TRUE);
            }
        }
        fo_item lk = {.kind = FO_ITEM_LINK};
        lk.u.link = (fo_link_item){x, 0, right - x, height, NULL, fo_display_strdup(L->dl, h->id)};
        lay_item_add(L, &lk);
        lay_toc_ref r = {bi, lk.u.link.dest, right, baseline, s};
        g_array_append_val(L->toc_refs, r);
    }
    lay_shaped_dispose(&sh);
    lay_text_dispose(&t);
    lay_margin(L, s.margin_bottom);
}

void lay_toc(fo_lay *L, lay_frame *body, const fo_node *skip)
{
    if (!L->doc->meta.toc && !(L->opt && L->opt->toc))
        return;
    fo_elem ne;
    fo_style ns;
    lay_child_style(L, body, "nav", "toc", &ne, &ns);
    lay_break_before(L, &ns);
    lay_margin(L, ns.margin_top);
    lay_frame tf = {.up = body, .node = L->doc->root, .elem = ne, .style = ns};
    tf.x = body->x + ns.margin_left + ns.padding_left;
    tf.w = lay_clamp_measure(body->w - ns.margin_left - ns.margin_right - ns.padding_left -
                             ns.padding_right);
    int depth = ns.toc_depth < 1 ? 1 : ns.toc_depth > 6 ? 6 : ns.toc_depth;
    if (!L->toc_refs)
        L->toc_refs = g_array_new(FALSE, FALSE, sizeof(lay_toc_ref));

    int min_level = 7;
    for (const fo_node *n = L->doc->root->first; n; n = n->next)
        if (listed(n, depth, skip) && n->level < min_level)
            min_level = n->level;

    fo_elem te;
    fo_style ts;
    lay_child_style(L, &tf, "div", "toc-title", &te, &ts);
    lay_margin(L, ts.margin_top);
    const char *title = "Contents";
    L->pending_outline = fo_display_strdup(L->dl, title); /* a bookmark for the TOC itself */
    L->pending_outline_level = min_level < 7 ? min_level : 1; /* beside the entries' headings */
    lay_text t;
    lay_text_plain(L, title, strlen(title), false, 1, &t);
    lay_paragraph(L, &t, &ts, tf.x + ts.margin_left,
                  lay_clamp_measure(tf.w - ts.margin_left - ts.margin_right), true);
    lay_text_dispose(&t);
    lay_margin(L, ts.margin_bottom);
    L->keep_with_prev = true;

    for (const fo_node *n = L->doc->root->first; n && L->status == FO_OK; n = n->next)
        if (listed(n, depth, skip))
            entry(L, &tf, n, min_level);
    lay_margin(L, ns.margin_bottom);
    lay_break_after(L, &ns);
}

fo_status lay_toc_numbers(fo_lay *L, const lay_flow *fl)
{
    if (!L->toc_refs || L->toc_refs->len == 0)
        return FO_OK;
    /* Anchor name → page, first occurrence in the main flow. */
    GHashTable *pages = g_hash_table_new(g_str_hash, g_str_equal);
    int *main_of = malloc((size_t)(L->nboxes ? L->nboxes : 1) * sizeof *main_of);
    if (!main_of) {
        g_hash_table_destroy(pages);
        return FO_ERR_NOMEM;
    }
    for (int i = 0; i < L->nboxes; i++)
        main_of[i] = -1;
    for (int m = 0; m < fl->n; m++) {
        main_of[fl->box[m]] = m;
        const lay_box *b = &L->boxes[fl->box[m]];
        for (int k = 0; k < b->item_count; k++) {
            const fo_item *it = &L->items[b->item_first + k];
            if (it->kind == FO_ITEM_ANCHOR && !g_hash_table_contains(pages, it->u.anchor.name))
                g_hash_table_insert(pages, (gpointer)it->u.anchor.name,
                                    GINT_TO_POINTER(fl->pg[m].page + 1));
        }
    }
    for (guint i = 0; i < L->toc_refs->len && L->status == FO_OK; i++) {
        const lay_toc_ref *r = &g_array_index(L->toc_refs, lay_toc_ref, i);
        int m = main_of[r->box];
        gpointer v;
        if (m < 0 || !g_hash_table_lookup_extended(pages, r->dest, NULL, &v))
            continue;
        int p = fl->pg[m].page;
        if (p < 0 || p >= L->dl->npages)
            continue;
        char num[16];
        snprintf(num, sizeof num, "%d", GPOINTER_TO_INT(v));
        double w = lay_plain_line(L, num, &r->style, 0, 0, false, NULL);
        const lay_page_kind *K = lay_page_kind_of(L, p);
        double y = K->top + fl->pg[m].y + r->baseline;
        double dx = K->x - L->page.margin_left; /* the TOC was set at the default page's */
        lay_plain_line(L, num, &r->style, r->right + dx - w, y, true, &L->dl->pages[p]);
    }
    free(main_of);
    g_hash_table_destroy(pages);
    return L->status;
}
