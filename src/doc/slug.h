/* slug.h — GitHub-style heading identifiers, unique within a document.
 * Private to src/doc/.
 *
 * The slug of a heading's plain text is made as github.com makes anchors:
 * lowercase it; drop every character that is not a letter, a digit, a
 * combining mark, '-' or '_'; turn each space (U+0020) into '-'.  Letters and
 * digits of every script are kept (classification and case mapping come from
 * the C library's "C.UTF-8" locale; where that locale is missing, only ASCII
 * is lowercased and classified and all non-ASCII characters are kept).
 * A text with nothing left gives "section".  A slug already used gets "-1",
 * "-2", ... appended (the first free one), so "Intro", "Intro", "Intro-1"
 * give "intro", "intro-1", "intro-1-1".
 */
#ifndef FO_DOC_SLUG_H
#define FO_DOC_SLUG_H

#include "../base/arena.h"

typedef struct fo_slugs fo_slugs;

/* Creates an empty set of used slugs.  Returns NULL when out of memory.
 * Free with fo_slugs_free. */
fo_slugs *fo_slugs_new(void);

/* Frees the set (not the slugs, which live in arenas).  Accepts NULL. */
void fo_slugs_free(fo_slugs *s);

/* Returns the unique slug for `text` (NUL-terminated valid UTF-8), allocated
 * in `arena`, and records it as used.  Returns NULL when out of memory. */
const char *fo_slug_make(fo_slugs *s, fo_arena *arena, const char *text);

#endif
