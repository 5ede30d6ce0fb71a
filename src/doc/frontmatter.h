/* frontmatter.h — YAML front matter: finding it and reading fo_meta from it.
 * Private to src/doc/.
 *
 * Recognised form (as Pandoc and Jekyll write it):
 *
 *     ---                  first line of the file: exactly "---" (trailing
 *     title: A report      spaces/tabs allowed), not followed by a blank line
 *     author: [A, B]       YAML block mapping
 *     ---                  closing line: "---" or "..." (trailing blanks ok)
 *
 * Choices:
 *   - An opening "---" with no closing line is not front matter: the whole
 *     input is Markdown, where "---" is a thematic break.  Reporting an error
 *     at line 1 would reject valid Markdown.
 *   - An opening "---" followed by a blank line is not front matter either
 *     (Pandoc's rule): that is how Markdown writes a leading rule.
 *   - Line endings may be LF, CRLF or CR, as in CommonMark.
 *   - Empty front matter (or only comments) gives empty metadata.
 *   - Front matter that is YAML but not a mapping is an error.
 *
 * Parsing uses libyaml's document API.  The loader builds an explicit node
 * table (no recursion in folio) and aliases are references into that table,
 * so "billion laughs" documents cost no more than their text.
 */
#ifndef FO_DOC_FRONTMATTER_H
#define FO_DOC_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

/* Where front matter sits in a buffer.  Offsets are in bytes. */
typedef struct fo_frontmatter_span {
    size_t yaml_off, yaml_len; /* the YAML text between the fence lines */
    size_t body_off;           /* first byte of the Markdown body */
    int body_line;             /* 1-based line of body_off */
} fo_frontmatter_span;

/* Looks for front matter at the start of `buf` (`len` bytes; no BOM).
 * Returns true and fills *span when there is one; returns false (span
 * untouched) otherwise.  Never fails. */
bool fo_frontmatter_find(const char *buf, size_t len, fo_frontmatter_span *span);

/* Parses `len` bytes of YAML text whose first line is line `first_line` of
 * the file `path`, and fills *meta with strings allocated in `arena`.
 * *meta must be zeroed by the caller.
 * Errors: YAML syntax errors and a non-mapping top level are reported as
 * `path:line:col: error: front matter: ...` and return FO_ERR_DOC; an
 * allocation failure returns FO_ERR_NOMEM (reported).  Values of the wrong
 * shape for a known key (e.g. a mapping as title) give a warning and are
 * ignored.  On failure *meta may be partly filled (arena-owned, harmless). */
fo_status fo_frontmatter_parse(const char *yaml, size_t len, int first_line,
                               const char *path, fo_arena *arena,
                               fo_meta *meta, fo_diag *diag);

#endif
