/* footlabel.h — the label of a cmark-gfm footnote definition.
 * Private to src/doc/.
 *
 * cmark-gfm 0.29.0.gfm.6 keeps a definition's label (the text between "[^"
 * and "]") in the node's literal, but its public API has no getter for it
 * (cmark_node_get_literal returns NULL for footnote definitions), and it
 * overwrites each reference's literal with its number.  This one function
 * reads the field through the installed internal header <cmark-gfm/node.h>,
 * which ships with the same library build; it is the only place in folio
 * that depends on cmark-gfm internals.
 */
#ifndef FO_DOC_FOOTLABEL_H
#define FO_DOC_FOOTLABEL_H

#include <stddef.h>

struct cmark_node;

/* Returns a pointer to the label bytes of footnote definition `def` and sets
 * *len (bytes; not NUL-terminated; owned by the cmark node).  Returns NULL
 * with *len 0 when `def` is not a footnote definition or has no label. */
const char *fo_cmark_footnote_label(struct cmark_node *def, size_t *len);

#endif
