/* page.c — paginating the box list and writing pages to the display list,
 * with the running furniture (the page number in the footer). */
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
 * entries, which belong to the box's first appearance. */
static fo_status emit_box(fo_lay *L, fo_page *page, int b, double dy, bool repeat)
{
    const lay_box *box = &L->boxes[b];
    for (int i = 0; i < box->item_count; i++) {
        fo_item it = L->items[box->item_first + i];
        if (repeat && (it.kind == FO_ITEM_ANCHOR || it.kind == FO_ITEM_OUTLINE))
            continue;
        shift(&it, dy);
        if (fo_page_add(L->dl, page, &it) != FO_OK)
            return FO_ERR_NOMEM;
    }
    return FO_OK;
}

/* The page number, centred in the bottom margin (styled by the `footer`
 * selector until margin boxes exist). */
static void footer(fo_lay *L, fo_page *page, int number)
{
    fo_elem body = {"body", NULL, 1, NULL};
    fo_elem e = {"footer", NULL, 1, &body};
    fo_style s;
    fo_style_compute(L->sheet, &e, &L->root_style, &s);
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    double w = lay_plain_line(L, num, &s, 0, 0, false, NULL);
    double x = L->page.margin_left + (L->area_w - w) / 2;
    double y = L->page.height - L->page.margin_bottom / 2 + s.font_size * 0.35;
    lay_plain_line(L, num, &s, x, y, true, page);
}

fo_status lay_pages(fo_lay *L)
{
    lay_flow fl;
    if (lay_flow_build(L, &fl) != FO_OK)
        return FO_ERR_NOMEM;
    fo_pg_box *pg = fl.pg;
    int npages = fo_paginate_notes(pg, fl.n, L->area_h, fl.notes, fl.nnotes,
                                   lay_note_separator(L));
    fo_status st = FO_OK;
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
        for (; b < fl.n && pg[b].page == p && st == FO_OK; b++) {
            if (pg[b].repeat_header)
                st = emit_box(L, page, fl.box[pg[b].header_box], L->page.margin_top, true);
            if (st == FO_OK)
                st = emit_box(L, page, fl.box[b], L->page.margin_top + pg[b].y, false);
        }
        if (st == FO_OK)
            st = lay_notes_emit(L, page, &fl, p, &note, emit_box);
        if (st == FO_OK)
            footer(L, page, p + 1);
    }
    if (st == FO_OK && L->status == FO_OK)
        st = lay_toc_numbers(L, &fl);
    lay_flow_dispose(&fl);
    return st != FO_OK ? st : L->status;
}
