/* page.c — paginating the box list and writing pages to the display list,
 * with the running furniture: the page-margin boxes of the style sheet
 * (running heads, page numbers; mbox.c), drawn once the page count is
 * known. */
#include "lay.h"

#include <stdio.h>
#include <stdlib.h>

/* Translates an item by dy (pt). */
static void shift(fo_item *it, double dy)
{
    switch (it->kind) {
    case FO_ITEM_GLYPHS: it->u.glyphs.y += dy; break;
    case FO_ITEM_RECT: it->u.rect.y += dy; break;
    case FO_ITEM_LINE: it->u.line.y1 += dy; it->u.line.y2 += dy; break;
    case FO_ITEM_LINK: it->u.link.y += dy; break;
    case FO_ITEM_ANCHOR: it->u.anchor.y += dy; break;
    case FO_ITEM_OUTLINE: it->u.outline.y += dy; break;
    case FO_ITEM_IMAGE: it->u.image.y += dy; break;
    }
}

/* Writes the items of box `b` onto `page`, its top at dy (pt from the page
 * top).  A repeat (a running table header) leaves out anchors and outline
 * entries, which belong to the box's first appearance.  `top` says the box
 * is the first on its page: decoration strips reaching up over a margin
 * dropped at the page top are clipped there. */
static fo_status emit_box(fo_lay *L, fo_page *page, int b, double dy, bool repeat, bool top)
{
    const lay_box *box = &L->boxes[b];
    for (int i = 0; i < box->item_count; i++) {
        fo_item it = L->items[box->item_first + i];
        if (repeat && (it.kind == FO_ITEM_ANCHOR || it.kind == FO_ITEM_OUTLINE))
            continue;
        if (top && it.kind == FO_ITEM_RECT && it.u.rect.y < 0) {
            it.u.rect.h += it.u.rect.y;
            it.u.rect.y = 0;
        }
        shift(&it, dy);
        if (fo_page_add(L->dl, page, &it) != FO_OK)
            return FO_ERR_NOMEM;
    }
    return FO_OK;
}

static fo_status emit_note(fo_lay *L, fo_page *page, int b, double dy, bool repeat)
{
    return emit_box(L, page, b, dy, repeat, false);
}

fo_status lay_pages(fo_lay *L)
{
    lay_keep_headings(L);
    lay_flow fl;
    if (lay_flow_build(L, &fl) != FO_OK)
        return FO_ERR_NOMEM;
    fo_pg_box *pg = fl.pg;
    int npages = fo_paginate_notes(pg, fl.n, L->area_h, fl.notes, fl.nnotes,
                                   lay_note_separator(L));
    fo_status st = FO_OK;
    /* Preflight reads pages by box index: map the flows back onto boxes
     * (note lines, placed by the note flow, take their notes' pages). */
    fo_pg_box *by_box = calloc((size_t)(L->nboxes ? L->nboxes : 1), sizeof *by_box);
    if (!by_box) {
        lay_flow_dispose(&fl);
        return FO_ERR_NOMEM;
    }
    for (int i = 0; i < L->nboxes; i++)
        by_box[i].page = -1;
    for (int i = 0; i < fl.n; i++)
        by_box[fl.box[i]] = pg[i];
    for (int i = 0; i < fl.nnotes; i++)
        by_box[fl.note_box[i]] = fl.notes[i];
    lay_check_pages(L, by_box);
    free(by_box);
    if (L->opt && L->opt->max_pages > 0 && npages > L->opt->max_pages) {
        fo_error(L->diag, L->doc->path, 0, 0,
                 "the document needs %d pages, more than the limit of %d (--max-pages)",
                 npages, L->opt->max_pages);
        lay_flow_dispose(&fl);
        return FO_ERR_LIMIT;
    }
    int b = 0, note = 0;
    for (int p = 0; p < npages && L->status == FO_OK && st == FO_OK; p++) {
        if (!fo_display_add_page(L->dl, L->page.width, L->page.height)) {
            st = FO_ERR_NOMEM;
            break;
        }
        fo_page *page = &L->dl->pages[L->dl->npages - 1];
        int first = b, notes_before = note;
        for (; b < fl.n && pg[b].page == p && st == FO_OK; b++) {
            if (pg[b].repeat_header)
                st = emit_box(L, page, fl.box[pg[b].header_box], L->page.margin_top, true, true);
            if (st == FO_OK)
                st = emit_box(L, page, fl.box[b], L->page.margin_top + pg[b].y, false,
                              b == first && !pg[b].repeat_header);
        }
        if (st == FO_OK)
            st = lay_notes_emit(L, page, &fl, p, &note, emit_note);
        if (st != FO_OK)
            break;
        unsigned flags = (p == 0 ? FO_PAGE_FIRST : 0) |
                         ((p + 1) % 2 == 0 ? FO_PAGE_LEFT : FO_PAGE_RIGHT) |
                         (b == first && note == notes_before ? FO_PAGE_BLANK : 0);
        /* running strings look at the page's boxes by their index in L->boxes */
        int b0 = first < fl.n ? fl.box[first] : L->nboxes;
        int b1 = b > first ? fl.box[b - 1] + 1 : b0;
        lay_gen_page gp = {p + 1, npages, b0, b1};
        lay_margin_boxes(L, page, flags, &gp);
    }
    if (st == FO_OK && L->status == FO_OK)
        st = lay_toc_numbers(L, &fl);
    lay_flow_dispose(&fl);
    lay_check_links(L);
    return st != FO_OK ? st : L->status;
}
