/* page.c — paginating the box list and writing pages to the display list,
 * with the running furniture: the page-margin boxes of the style sheet
 * (running heads, page numbers), drawn once the page count is known. */
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
    }
}

/* The page-margin boxes of one page (CSS Paged Media 3 §5): each box
 * with content is one line of text, vertically centred in its margin
 * (top and bottom boxes) or placed at the top, middle or bottom of the
 * page area (left and right boxes), aligned by its text-align within its
 * box.  Box widths follow §5.3 loosely: corners take the margin corner;
 * *-left, *-center and *-right all span the page area's width and differ
 * in alignment, so long texts in neighbouring boxes may overlap. */
static void margin_boxes(fo_lay *L, fo_page *page, unsigned flags,
                         const lay_gen_page *gp)
{
    const fo_page_style *P = &L->page;
    for (int b = 0; b < FO_MB_COUNT && L->status == FO_OK; b++) {
        fo_style s;
        if (!fo_sheet_margin_box(L->sheet, flags, (fo_margin_box)b, &L->root_style, &s))
            continue;
        char *text = lay_gen_text(&L->gen, s.content, NULL, gp);
        if (!*text) {
            g_free(text);
            continue;
        }
        /* the box: x0..x1 horizontally, its vertical centre yc */
        double x0 = P->margin_left, x1 = P->width - P->margin_right, yc = 0;
        double top = P->margin_top, bottom = P->height - P->margin_bottom;
        switch ((fo_margin_box)b) {
        case FO_MB_TOP_LEFT_CORNER: x0 = 0; x1 = P->margin_left; yc = top / 2; break;
        case FO_MB_TOP_RIGHT_CORNER: x0 = x1; x1 = P->width; yc = top / 2; break;
        case FO_MB_BOTTOM_LEFT_CORNER: x0 = 0; x1 = P->margin_left; yc = (bottom + P->height) / 2; break;
        case FO_MB_BOTTOM_RIGHT_CORNER: x0 = x1; x1 = P->width; yc = (bottom + P->height) / 2; break;
        case FO_MB_TOP_LEFT: case FO_MB_TOP_CENTER: case FO_MB_TOP_RIGHT:
            yc = top / 2; break;
        case FO_MB_BOTTOM_LEFT: case FO_MB_BOTTOM_CENTER: case FO_MB_BOTTOM_RIGHT:
            yc = (bottom + P->height) / 2; break;
        case FO_MB_LEFT_TOP: case FO_MB_LEFT_MIDDLE: case FO_MB_LEFT_BOTTOM:
            x0 = 0; x1 = P->margin_left; break;
        default: /* right-* */
            x0 = P->width - P->margin_right; x1 = P->width; break;
        }
        if (b == FO_MB_LEFT_TOP || b == FO_MB_RIGHT_TOP)
            yc = top + s.font_size;
        else if (b == FO_MB_LEFT_MIDDLE || b == FO_MB_RIGHT_MIDDLE)
            yc = (top + bottom) / 2;
        else if (b == FO_MB_LEFT_BOTTOM || b == FO_MB_RIGHT_BOTTOM)
            yc = bottom - s.font_size;
        x0 += s.padding_left;
        x1 -= s.padding_right;
        double w = lay_plain_line(L, text, &s, 0, 0, false, NULL);
        double x = s.text_align == FO_TEXT_RIGHT    ? x1 - w
                   : s.text_align == FO_TEXT_CENTER ? (x0 + x1 - w) / 2
                                                    : x0;
        /* baseline: the em box centred on yc (ascent ≈ 0.8 em) */
        double y = yc + s.font_size * 0.35;
        lay_plain_line(L, text, &s, x, y, true, page);
        g_free(text);
    }
}

fo_status lay_pages(fo_lay *L)
{
    lay_keep_headings(L);
    fo_pg_box *pg = malloc((size_t)(L->nboxes ? L->nboxes : 1) * sizeof *pg);
    if (!pg)
        return FO_ERR_NOMEM;
    for (int i = 0; i < L->nboxes; i++)
        pg[i] = L->boxes[i].pg;
    int npages = fo_paginate(pg, L->nboxes, L->area_h);
    lay_check_pages(L, pg);
    if (L->opt && L->opt->max_pages > 0 && npages > L->opt->max_pages) {
        fo_error(L->diag, L->doc->path, 0, 0,
                 "the document needs %d pages, more than the limit of %d (--max-pages)",
                 npages, L->opt->max_pages);
        free(pg);
        return FO_ERR_LIMIT;
    }
    int b = 0;
    for (int p = 0; p < npages && L->status == FO_OK; p++) {
        if (!fo_display_add_page(L->dl, L->page.width, L->page.height)) {
            free(pg);
            return FO_ERR_NOMEM;
        }
        fo_page *page = &L->dl->pages[L->dl->npages - 1];
        int first = b;
        for (; b < L->nboxes && pg[b].page == p; b++) {
            double dy = L->page.margin_top + pg[b].y;
            const lay_box *box = &L->boxes[b];
            for (int i = 0; i < box->item_count; i++) {
                fo_item it = L->items[box->item_first + i];
                /* strips reaching over a margin dropped at the page top */
                if (it.kind == FO_ITEM_RECT && it.u.rect.y < 0 && b == first) {
                    it.u.rect.h += it.u.rect.y;
                    it.u.rect.y = 0;
                }
                shift(&it, dy);
                if (fo_page_add(L->dl, page, &it) != FO_OK) {
                    free(pg);
                    return FO_ERR_NOMEM;
                }
            }
        }
        unsigned flags = (p == 0 ? FO_PAGE_FIRST : 0) |
                         ((p + 1) % 2 == 0 ? FO_PAGE_LEFT : FO_PAGE_RIGHT) |
                         (b == first ? FO_PAGE_BLANK : 0);
        lay_gen_page gp = {p + 1, npages, first, b};
        margin_boxes(L, page, flags, &gp);
    }
    free(pg);
    lay_check_links(L);
    return L->status;
}
