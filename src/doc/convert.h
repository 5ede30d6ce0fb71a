/* convert.h — cmark-gfm AST → fo_node tree.  Private to src/doc/.
 *
 * The walk uses cmark's enter/exit iterator and keeps each converted node in
 * the cmark node's user data, so depth costs no C stack: 10 000 nested block
 * quotes convert like a flat list.
 */
#ifndef FO_DOC_CONVERT_H
#define FO_DOC_CONVERT_H

#include "doc.h"

struct cmark_node;

/* Converts the document `root` (parsed with the footnotes option and the
 * table, strikethrough, autolink and tasklist extensions, text nodes
 * already consolidated) into doc->root, allocating in doc->arena.
 * `line_offset` is added to every source line (the lines of front matter
 * before the body).  Sets cmark user data on every node of `root` (the
 * caller frees `root`).  Returns FO_OK, or FO_ERR_NOMEM (reported against
 * doc->path); on failure doc->root may be partial (arena-owned). */
fo_status fo_doc_convert(struct cmark_node *root, fo_doc *doc, int line_offset,
                         fo_diag *diag);

#endif
