/* page.c — paginating the box list and writing pages to the display list,
 * with the running furniture: the page-margin boxes of the style sheet
 * (running heads, page numbers; mbox.c), drawn once the page count is
 * known. */
#include "lay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Translates an item by dx, dy (pt). */
static void shift(fo_item *it, double dx, double dy)
{
    switch (it->kind) {
    case FO_ITEM_GLYPHS: it->u.glyphs.x += dx; it->u.glyphs.y += dy; break;
    case FO_ITEM_RECT: it->u.rect.x += dx; it->u.rect.y += dy; break;
    case FO_ITEM_LINE:
        it->u.line.x1 += dx; it->u.line.x2 += dx;
        it->u.line.y1 += dy; it->u.line.y2 += dy;
        break;
    case FO_ITEM_LINK: it->u.link.x += dx; it->u.link.y += dy; break;
    case FO_ITEM_ANCHOR: it->u.anchor.x += dx; it->u.anchor.y += dy; break;
    case FO_ITEM_OUTLINE: it->u.outline.y += dy; break;
    case FO_ITEM_IMAGE: it->u.image.x += dx; it->u.image.y += dy; break;
    }
}

/* Writes the items of box `b` onto `page`, its top at dy (pt from the page
 * top), moved right by L->shift_x (the page kind's text-area offset, see
 * pagekind.c).  A repeat (a running table header) leaves out anchors and
 * outline entries, which belong to the box's first appearance.  `top` says the box
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
        if (top && it.kind == FO_ITEM_LINE && it.u.line.y1 < 0 &&
            it.u.line.x1 == it.u.line.x2) { /* a dashed side strip (deco.c) */
            fo_line_item *l = &it.u.line;
            double period = l->dash.on + l->dash.off;
            if (l->dash.style != FO_DASH_SOLID && period > 0)
                l->dash.phase = fmod(l->dash.phase - l->y1, period);
            l->y1 = 0;
        }
        shift(&it, L->shift_x, dy);
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
    int npages = fo_paginate_pages(pg, fl.n, lay_page_area_h, L, fl.notes, fl.nnotes,
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
        const lay_page_kind *K = lay_page_kind_of(L, p);
        L->shift_x = K->x - L->page.margin_left; /* blocks were set at the default's */
        int first = b, notes_before = note;
        for (; b < fl.n && pg[b].page == p && st == FO_OK; b++) {
            if (pg[b].repeat_header)
                st = emit_box(L, page, fl.box[pg[b].header_box], K->top, true, true);
            if (st == FO_OK)
                st = emit_box(L, page, fl.box[b], K->top + pg[b].y, false,
                              b == first && !pg[b].repeat_header);
        }
        if (st == FO_OK)
            st = lay_notes_emit(L, page, &fl, p, &note, emit_note);
        if (st != FO_OK)
            break;
        unsigned flags = lay_page_flags(p) |
                         (b == first && note == notes_before ? FO_PAGE_BLANK : 0);
        /* running strings look at the page's boxes by their index in L->boxes */
        int b0 = first < fl.n ? fl.box[first] : L->nboxes;
        int b1 = b > first ? fl.box[b - 1] + 1 : b0;
        lay_gen_page gp = {p + 1, npages, b0, b1};
        fo_page_style P; /* this page's own margins (Paged Media 3 §4.2) */
        fo_sheet_page_for(L->sheet, flags, &P);
        lay_margin_boxes(L, page, flags, &gp, &P);
    }
    L->shift_x = 0;
    if (st == FO_OK && L->status == FO_OK)
        st = lay_toc_numbers(L, &fl);
    lay_flow_dispose(&fl);
    lay_check_links(L);
    return st != FO_OK ? st : L->status;
}
