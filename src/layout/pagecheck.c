/* pagecheck.c — preflight checks that need pages: headings stranded at a
 * page foot, widows and orphans the page filler could not avoid (it breaks
 * a keep chain longer than a page rather than leave a blank page), links
 * to anchors that do not exist; and page numbers for problems found while
 * setting lines. */
#include "lay.h"

#include <stdio.h>
#include <string.h>

/* Whether box b draws text (a line, a table row), not only space or rules. */
static bool has_text(const fo_lay *L, int b)
{
    const lay_box *box = &L->boxes[b];
    for (int i = 0; i < box->item_count; i++)
        if (L->items[box->item_first + i].kind == FO_ITEM_GLYPHS)
            return true;
    return false;
}

void lay_keep_headings(fo_lay *L)
{
    for (guint k = 0; k < L->paras->len; k++) {
        const lay_para_rec *r = &g_array_index(L->paras, lay_para_rec, k);
        if (!r->heading)
            continue;
        int lines = 0;
        for (int b = r->first_box + r->nlines; b < L->nboxes && lines < 2; b++) {
            if (L->boxes[b].pg.force_break)
                break;
            L->boxes[b].pg.can_break_before = false;
            lines += has_text(L, b);
        }
    }
}

void lay_check_pages(fo_lay *L, const fo_pg_box *pg)
{
    fo_preflight *pf = LAY_PF(L);
    fo_typo_stats *st = L->opt ? L->opt->stats : NULL;
    if (!pf && !st)
        return;
    if (pf)
        for (int i = 0; i < pf->n; i++) {
            fo_pf_entry *e = &pf->v[i];
            if (e->box >= 0 && e->page == 0) {
                int b = e->box < L->nboxes ? e->box : L->nboxes - 1;
                e->page = b >= 0 ? pg[b].page + 1 : 0;
            }
            e->box = -1;
        }
    /* A heading's section runs to the next heading (of any level) or the
     * end: a section of one line has only that line to keep. */
    int next_heading = L->nboxes;
    int *sect_end = g_new(int, L->paras->len ? L->paras->len : 1);
    for (guint k = L->paras->len; k-- > 0;) {
        const lay_para_rec *r = &g_array_index(L->paras, lay_para_rec, k);
        sect_end[k] = next_heading;
        if (r->heading && r->first_box < next_heading)
            next_heading = r->first_box;
    }
    for (guint k = 0; k < L->paras->len; k++) {
        const lay_para_rec *r = &g_array_index(L->paras, lay_para_rec, k);
        if (r->first_box + r->nlines > L->nboxes)
            continue;
        if (r->heading) {
            /* the first two text lines of its section (fewer when the
             * section has fewer), and how many share its page */
            int h = r->first_box + r->nlines - 1;
            int want = 0, have = 0;
            for (int b = h + 1; b < sect_end[k] && b < L->nboxes && want < 2; b++) {
                if (!has_text(L, b))
                    continue;
                want++;
                have += pg[b].page == pg[h].page;
            }
            if (have < want && pf) {
                char d[96];
                snprintf(d, sizeof d, "heading followed by %d line%s of its section on page %d",
                         have, have == 1 ? "" : "s", pg[h].page + 1);
                fo_preflight_add(pf, FO_PF_STRANDED_HEADING, pg[h].page + 1, r->src_line, -1, d);
            }
            continue;
        }
        for (int i = 1; i < r->nlines; i++) {
            int b = r->first_box + i;
            if (pg[b].page == pg[b - 1].page)
                continue;
            int before = i, after = r->nlines - i;
            if (before < r->orphans) {
                if (st)
                    st->widows_orphans++;
                if (pf) {
                    char d[96];
                    snprintf(d, sizeof d, "%d line%s of a paragraph at the foot of the page "
                             "(orphans: %d)", before, before == 1 ? "" : "s", r->orphans);
                    fo_preflight_add(pf, FO_PF_ORPHAN, pg[b - 1].page + 1, r->src_line, -1, d);
                }
            }
            if (after < r->widows) {
                if (st)
                    st->widows_orphans++;
                if (pf) {
                    char d[96];
                    snprintf(d, sizeof d, "%d line%s of a paragraph at the top of the page "
                             "(widows: %d)", after, after == 1 ? "" : "s", r->widows);
                    fo_preflight_add(pf, FO_PF_WIDOW, pg[b].page + 1, r->src_line, -1, d);
                }
            }
        }
    }
    g_free(sect_end);
}

void lay_check_links(fo_lay *L)
{
    fo_preflight *pf = LAY_PF(L);
    if (!pf)
        return;
    GHashTable *anchors = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int p = 0; p < L->dl->npages; p++)
        for (int i = 0; i < L->dl->pages[p].nitems; i++) {
            const fo_item *it = &L->dl->pages[p].items[i];
            if (it->kind == FO_ITEM_ANCHOR && it->u.anchor.name)
                g_hash_table_add(anchors, (gpointer)it->u.anchor.name);
        }
    for (int p = 0; p < L->dl->npages; p++)
        for (int i = 0; i < L->dl->pages[p].nitems; i++) {
            const fo_item *it = &L->dl->pages[p].items[i];
            const char *dest = it->kind == FO_ITEM_LINK ? it->u.link.dest : NULL;
            if (!dest || g_hash_table_contains(anchors, dest) || g_hash_table_contains(seen, dest))
                continue;
            g_hash_table_add(seen, (gpointer)dest);
            char d[160];
            snprintf(d, sizeof d, "link to '#%.100s', which no heading or anchor defines", dest);
            fo_preflight_add(pf, FO_PF_MISSING_ANCHOR, p + 1, 0, -1, d);
        }
    g_hash_table_destroy(anchors);
    g_hash_table_destroy(seen);
}
