/* display.c — display list storage and the backend walk. */
#include "display.h"

#include <stdlib.h>
#include <string.h>

fo_display *fo_display_new(void)
{
    fo_display *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->arena = fo_arena_new();
    if (!d->arena) {
        free(d);
        return NULL;
    }
    return d;
}

void fo_display_free(fo_display *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->npages; i++)
        free(d->pages[i].items);
    free(d->pages);
    free(d->faces);
    fo_arena_free(d->arena);
    free(d);
}

void *fo_display_alloc(fo_display *d, size_t size)
{
    return fo_arena_alloc(d->arena, size);
}

char *fo_display_strdup(fo_display *d, const char *s)
{
    return fo_arena_strdup(d->arena, s);
}

char *fo_display_strndup(fo_display *d, const char *s, size_t n)
{
    return fo_arena_strndup(d->arena, s, n);
}

fo_page *fo_display_add_page(fo_display *d, double width, double height)
{
    if (d->npages == d->pages_cap) {
        int cap = d->pages_cap ? d->pages_cap * 2 : 16;
        fo_page *p = realloc(d->pages, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        d->pages = p;
        d->pages_cap = cap;
    }
    fo_page *pg = &d->pages[d->npages++];
    memset(pg, 0, sizeof *pg);
    pg->width = width;
    pg->height = height;
    return pg;
}

fo_status fo_page_add(fo_display *d, fo_page *page, const fo_item *item)
{
    (void)d;
    if (page->nitems == page->cap) {
        int cap = page->cap ? page->cap * 2 : 64;
        fo_item *p = realloc(page->items, (size_t)cap * sizeof *p);
        if (!p)
            return FO_ERR_NOMEM;
        page->items = p;
        page->cap = cap;
    }
    page->items[page->nitems++] = *item;
    return FO_OK;
}

int fo_display_face(fo_display *d, const char *path, int index,
                    const char *family, const char *psname)
{
    for (int i = 0; i < d->nfaces; i++)
        if (d->faces[i].index == index && strcmp(d->faces[i].path, path) == 0)
            return i;
    if (d->nfaces == d->faces_cap) {
        int cap = d->faces_cap ? d->faces_cap * 2 : 8;
        fo_face *f = realloc(d->faces, (size_t)cap * sizeof *f);
        if (!f)
            return -1;
        d->faces = f;
        d->faces_cap = cap;
    }
    fo_face *f = &d->faces[d->nfaces];
    f->path = fo_display_strdup(d, path);
    f->index = index;
    f->family = fo_display_strdup(d, family ? family : "");
    f->psname = fo_display_strdup(d, psname ? psname : "");
    if (!f->path || !f->family || !f->psname)
        return -1;
    return d->nfaces++;
}

fo_status fo_display_render(const fo_display *d, const fo_backend *b, void *ctx)
{
    fo_status st;
    for (int pn = 0; pn < d->npages; pn++) {
        const fo_page *p = &d->pages[pn];
        if (b->begin_page && (st = b->begin_page(ctx, d, pn, p)) != FO_OK)
            return st;
        for (int i = 0; i < p->nitems; i++) {
            const fo_item *it = &p->items[i];
            st = FO_OK;
            switch (it->kind) {
            case FO_ITEM_GLYPHS:
                if (b->glyphs) st = b->glyphs(ctx, &it->u.glyphs);
                break;
            case FO_ITEM_RECT:
                if (b->rect) st = b->rect(ctx, &it->u.rect);
                break;
            case FO_ITEM_LINE:
                if (b->line) st = b->line(ctx, &it->u.line);
                break;
            case FO_ITEM_LINK:
                if (b->link) st = b->link(ctx, &it->u.link);
                break;
            case FO_ITEM_ANCHOR:
                if (b->anchor) st = b->anchor(ctx, &it->u.anchor);
                break;
            case FO_ITEM_OUTLINE:
                if (b->outline) st = b->outline(ctx, &it->u.outline);
                break;
            case FO_ITEM_IMAGE:
                if (b->image) st = b->image(ctx, &it->u.image);
                break;
            }
            if (st != FO_OK)
                return st;
        }
        if (b->end_page && (st = b->end_page(ctx, pn)) != FO_OK)
            return st;
    }
    return FO_OK;
}
