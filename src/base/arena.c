/* arena.c — bump allocator: a chain of blocks, each at least 64 KiB. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
    struct block *prev;
    size_t size; /* usable bytes after the header */
    size_t used;
    alignas(max_align_t) unsigned char data[];
} block;

struct fo_arena {
    block *head;
    size_t total;
};

enum { MIN_BLOCK = 64 * 1024 };

fo_arena *fo_arena_new(void)
{
    return calloc(1, sizeof(fo_arena));
}

void fo_arena_free(fo_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *prev = b->prev;
        free(b);
        b = prev;
    }
    free(a);
}

void *fo_arena_alloc(fo_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size_t need = (size + align - 1) & ~(align - 1);
    if (need < size)
        return NULL; /* overflow */
    block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t bsize = need > MIN_BLOCK ? need : MIN_BLOCK;
        if (bsize > SIZE_MAX - sizeof(block))
            return NULL;
        block *nb = malloc(sizeof(block) + bsize);
        if (!nb)
            return NULL;
        nb->prev = b;
        nb->size = bsize;
        nb->used = 0;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    memset(p, 0, size);
    return p;
}

char *fo_arena_strndup(fo_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = fo_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *fo_arena_strdup(fo_arena *a, const char *s)
{
    return s ? fo_arena_strndup(a, s, strlen(s)) : NULL;
}

size_t fo_arena_used(const fo_arena *a)
{
    return a->total;
}
