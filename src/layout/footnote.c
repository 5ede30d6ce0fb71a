/* footnote.c — footnotes at the foot of the page that references them.
 *
 * The walker lays out every footnote definition (cmark-gfm gathers them at
 * the end of the document, in order of first reference) into boxes like
 * any block, and records each note's box range.  lay_flow_build then splits
 * the box list into the main flow and the note lines: scanning the main
 * boxes in order, the first "fnref-N" anchor (put on the reference's line
 * by inline.c) brings note N's lines to that box (note_first/note_count),
 * and fo_paginate_notes places them at the foot of the page.  A note that
 * is never found referenced stays in the main flow where it was laid out.
 *
 * Links go both ways: the reference links to the note's anchor "fn-N"
 * (inline.c), the note's number links back to "fnref-N" (the first
 * reference).
 */
#include "lay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lay_footnote_enter(fo_lay *L, lay_frame *c)
{
    const fo_node *n = c->node;
    char name[32];
    /* Notes are their own flow: nothing carries over from the text. */
    L->pending_margin = 0;
    L->keep_with_prev = false;
    L->force_break = false;
    L->force_side = FO_PG_ANY;
    L->note_gap = c->style.margin_top > c->style.margin_bottom ? c->style.margin_top
                                                               : c->style.margin_bottom;
    c->first_box = L->nboxes;
    snprintf(name, sizeof name, "fn-%d", n->number);
    L->pending_anchor = fo_display_strdup(L->dl, name);
    L->pending_anchor_x = c->x;
    snprintf(name, sizeof name, "fnref-%d", n->number);
    L->pending_backlink = fo_display_strdup(L->dl, name);
    L->backlink_x = c->x - c->style.font_size * 2.5;
    L->backlink_w = c->style.font_size * 2.5;
    L->marker.pending = true;
    L->marker.style = c->style;
    L->marker.right = c->x - c->style.font_size * 0.45;
    L->marker.inside = false;
    L->marker.task = 0;
    snprintf(L->marker.text, sizeof L->marker.text, "%d.", n->number);
}

void lay_footnote_leave(fo_lay *L, lay_frame *c)
{
    lay_note note = {c->node->number, c->first_box, L->nboxes};
    if (note.end > note.first)
        g_array_append_val(L->notes, note);
    L->pending_margin = 0;
    L->pending_backlink = NULL;
}

/* The note number of an "fnref-N" anchor item, or 0. */
static int ref_number(const fo_item *it)
{
    if (it->kind != FO_ITEM_ANCHOR || strncmp(it->u.anchor.name, "fnref-", 6) != 0)
        return 0;
    return atoi(it->u.anchor.name + 6);
}

fo_status lay_flow_build(fo_lay *L, lay_flow *fl)
{
    memset(fl, 0, sizeof *fl);
    int nb = L->nboxes;
    int nn = (int)L->notes->len;
    fl->pg = malloc((size_t)(nb ? nb : 1) * sizeof *fl->pg);
    fl->box = malloc((size_t)(nb ? nb : 1) * sizeof *fl->box);
    fl->notes = malloc((size_t)(nb ? nb : 1) * sizeof *fl->notes);
    fl->note_box = malloc((size_t)(nb ? nb : 1) * sizeof *fl->note_box);
    int *note_of = malloc((size_t)(nb ? nb : 1) * sizeof *note_of); /* box → note index or -1 */
    int *newidx = malloc((size_t)(nb ? nb : 1) * sizeof *newidx);
    bool *placed = calloc((size_t)(nn ? nn : 1), sizeof *placed);
    if (!fl->pg || !fl->box || !fl->notes || !fl->note_box || !note_of || !newidx || !placed) {
        free(note_of);
        free(newidx);
        free(placed);
        lay_flow_dispose(fl);
        return FO_ERR_NOMEM;
    }
    for (int i = 0; i < nb; i++)
        note_of[i] = -1;
    for (int k = 0; k < nn; k++) {
        const lay_note *n = &g_array_index(L->notes, lay_note, k);
        for (int i = n->first; i < n->end; i++)
            note_of[i] = k;
    }
    /* Which notes are referenced from the main flow. */
    for (int i = 0; i < nb; i++) {
        if (note_of[i] >= 0)
            continue;
        const lay_box *b = &L->boxes[i];
        for (int j = 0; j < b->item_count; j++) {
            int num = ref_number(&L->items[b->item_first + j]);
            for (int k = 0; num > 0 && k < nn; k++)
                if (g_array_index(L->notes, lay_note, k).number == num)
                    placed[k] = true;
        }
    }
    /* The main flow: every box but the lines of referenced notes. */
    for (int i = 0; i < nb; i++) {
        newidx[i] = -1;
        if (note_of[i] >= 0 && placed[note_of[i]])
            continue;
        newidx[i] = fl->n;
        fl->box[fl->n] = i;
        fl->pg[fl->n] = L->boxes[i].pg;
        fl->pg[fl->n].note_first = fl->pg[fl->n].note_count = 0;
        fl->n++;
    }
    /* Note lines, in order of first reference. */
    bool *done = calloc((size_t)(nn ? nn : 1), sizeof *done);
    if (!done) {
        free(note_of);
        free(newidx);
        free(placed);
        lay_flow_dispose(fl);
        return FO_ERR_NOMEM;
    }
    for (int m = 0; m < fl->n; m++) {
        fo_pg_box *pg = &fl->pg[m];
        if (pg->header_height > 0) {
            int h = pg->header_box >= 0 && pg->header_box < nb ? newidx[pg->header_box] : -1;
            if (h < 0)
                pg->header_height = 0;
            else
                pg->header_box = h;
        }
        const lay_box *b = &L->boxes[fl->box[m]];
        if (note_of[fl->box[m]] >= 0)
            continue; /* an unreferenced note in the main flow */
        pg->note_first = fl->nnotes;
        for (int j = 0; j < b->item_count; j++) {
            int num = ref_number(&L->items[b->item_first + j]);
            for (int k = 0; num > 0 && k < nn; k++) {
                const lay_note *n = &g_array_index(L->notes, lay_note, k);
                if (n->number != num || done[k] || !placed[k])
                    continue;
                done[k] = true;
                for (int i = n->first; i < n->end; i++) {
                    fl->note_box[fl->nnotes] = i;
                    fl->notes[fl->nnotes] = L->boxes[i].pg;
                    if (i == n->first)
                        fl->notes[fl->nnotes].space_before = L->note_gap;
                    fl->nnotes++;
                }
            }
        }
        pg->note_count = fl->nnotes - pg->note_first;
    }
    free(done);
    free(note_of);
    free(newidx);
    free(placed);
    return FO_OK;
}

void lay_flow_dispose(lay_flow *fl)
{
    free(fl->pg);
    free(fl->box);
    free(fl->notes);
    free(fl->note_box);
    memset(fl, 0, sizeof *fl);
}

double lay_note_separator(const fo_lay *L)
{
    return L->root_style.font_size * 1.2;
}

fo_status lay_notes_emit(fo_lay *L, fo_page *page, const lay_flow *fl, int p, int *cursor,
                         fo_status (*emit)(fo_lay *, fo_page *, int, double, bool))
{
    int k = *cursor;
    while (k < fl->nnotes && fl->notes[k].page < p)
        k++;
    if (k < fl->nnotes && fl->notes[k].page == p) {
        /* The separator: a short rule in the middle of the space above. */
        double sep = lay_note_separator(L);
        double y = lay_page_kind_of(L, p)->top + fl->notes[k].y - sep / 2;
        double x = lay_page_kind_of(L, p)->x;
        fo_item it = {.kind = FO_ITEM_LINE};
        it.u.line = (fo_line_item){x, y, x + L->area_w * 0.3, y, {0.5, 0.5, 0.5, 1}, 0.5, FO_LINE_SOLID};
        if (fo_page_add(L->dl, page, &it) != FO_OK)
            return FO_ERR_NOMEM;
    }
    for (; k < fl->nnotes && fl->notes[k].page == p; k++) {
        fo_status st = emit(L, page, fl->note_box[k], lay_page_kind_of(L, p)->top + fl->notes[k].y,
                            false);
        if (st != FO_OK)
            return st;
    }
    *cursor = k;
    return FO_OK;
}
