/* arena.h — bump allocator for per-document data (trees, display lists).
 *
 * Everything allocated from an arena lives until fo_arena_free; there is no
 * per-object free.  Allocations are aligned to max_align_t.
 */
#ifndef FO_ARENA_H
#define FO_ARENA_H

#include <stddef.h>

typedef struct fo_arena fo_arena;

/* Creates an empty arena.  Returns NULL when out of memory.  Caller frees
 * with fo_arena_free. */
fo_arena *fo_arena_new(void);

/* Frees the arena and everything allocated from it.  Accepts NULL. */
void fo_arena_free(fo_arena *a);

/* Returns `size` bytes, zero-filled, or NULL when out of memory.
 * The memory is owned by the arena. */
void *fo_arena_alloc(fo_arena *a, size_t size);

/* Copies `n` bytes of `s` and appends a NUL.  NULL `s` gives NULL.
 * Returns NULL when out of memory. */
char *fo_arena_strndup(fo_arena *a, const char *s, size_t n);

/* fo_arena_strndup(a, s, strlen(s)); NULL `s` gives NULL. */
char *fo_arena_strdup(fo_arena *a, const char *s);

/* Total bytes handed out so far (for benchmarks). */
size_t fo_arena_used(const fo_arena *a);

#endif
