/* convert.c — cmark-gfm AST → fo_node tree, iteratively. */
#include "convert.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "footlabel.h"
#include "slug.h"

typedef struct conv {
    fo_doc *doc;
    fo_arena *a;
    int line_off;
    fo_slugs *slugs;
    fo_node **defs; /* footnote definitions in order; defs[k] has number k+1 */
    size_t ndefs, capdefs;
    const uint8_t *aligns; /* current table's alignments ('l','c','r',0) */
    int ncols;             /* current table's column count */
    int cell_index;        /* index of the next cell in the current row */
} conv;

/* Maps a cmark node type to folio's.  Extension types are run-time values
 * and are recognised by their type string.  Returns false for types folio
 * does not keep (custom blocks/inlines); their children are kept. */
static bool map_type(cmark_node *cn, fo_node_type *t)
{
    switch (cmark_node_get_type(cn)) {
    case CMARK_NODE_DOCUMENT: *t = FO_NODE_DOCUMENT; return true;
    case CMARK_NODE_BLOCK_QUOTE: *t = FO_NODE_BLOCKQUOTE; return true;
    case CMARK_NODE_LIST: *t = FO_NODE_LIST; return true;
    case CMARK_NODE_ITEM: *t = FO_NODE_ITEM; return true;
    case CMARK_NODE_CODE_BLOCK: *t = FO_NODE_CODE_BLOCK; return true;
    case CMARK_NODE_HTML_BLOCK: *t = FO_NODE_HTML_BLOCK; return true;
    case CMARK_NODE_PARAGRAPH: *t = FO_NODE_PARAGRAPH; return true;
    case CMARK_NODE_HEADING: *t = FO_NODE_HEADING; return true;
    case CMARK_NODE_THEMATIC_BREAK: *t = FO_NODE_THEMATIC_BREAK; return true;
    case CMARK_NODE_FOOTNOTE_DEFINITION: *t = FO_NODE_FOOTNOTE_DEF; return true;
    case CMARK_NODE_TEXT: *t = FO_NODE_TEXT; return true;
    case CMARK_NODE_SOFTBREAK: *t = FO_NODE_SOFTBREAK; return true;
    case CMARK_NODE_LINEBREAK: *t = FO_NODE_LINEBREAK; return true;
    case CMARK_NODE_CODE: *t = FO_NODE_CODE; return true;
    case CMARK_NODE_HTML_INLINE: *t = FO_NODE_HTML_INLINE; return true;
    case CMARK_NODE_EMPH: *t = FO_NODE_EMPH; return true;
    case CMARK_NODE_STRONG: *t = FO_NODE_STRONG; return true;
    case CMARK_NODE_LINK: *t = FO_NODE_LINK; return true;
    case CMARK_NODE_IMAGE: *t = FO_NODE_IMAGE; return true;
    case CMARK_NODE_FOOTNOTE_REFERENCE: *t = FO_NODE_FOOTNOTE_REF; return true;
    default: break;
    }
    const char *ts = cmark_node_get_type_string(cn);
    if (!ts)
        return false;
    if (!strcmp(ts, "table")) *t = FO_NODE_TABLE;
    else if (!strcmp(ts, "table_row") || !strcmp(ts, "table_header")) *t = FO_NODE_TABLE_ROW;
    else if (!strcmp(ts, "table_cell")) *t = FO_NODE_TABLE_CELL;
    else if (!strcmp(ts, "strikethrough")) *t = FO_NODE_STRIKE;
    else return false;
    return true;
}

static void append_child(fo_node *parent, fo_node *n)
{
    n->parent = parent;
    n->prev = parent->last;
    if (parent->last)
        parent->last->next = n;
    else
        parent->first = n;
    parent->last = n;
}

/* Arena copy of a cmark string; `empty_null` maps "" to NULL.  Sets *ok to
 * false when out of memory. */
static const char *dup(conv *c, const char *s, bool empty_null, bool *ok)
{
    if (!s || (empty_null && !*s))
        return NULL;
    const char *d = fo_arena_strdup(c->a, s);
    if (!d)
        *ok = false;
    return d;
}

/* Fills the type-specific fields of `n` from `cn`.  Returns false on OOM. */
static bool fill(conv *c, cmark_node *cn, fo_node *n)
{
    bool ok = true;
    switch (n->type) {
    case FO_NODE_HEADING:
        n->level = cmark_node_get_heading_level(cn);
        break;
    case FO_NODE_LIST:
        n->ordered = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
        n->start = n->ordered ? cmark_node_get_list_start(cn) : 0;
        n->tight = cmark_node_get_list_tight(cn) != 0;
        break;
    case FO_NODE_ITEM: {
        const char *ts = cmark_node_get_type_string(cn);
        if (ts && !strcmp(ts, "tasklist"))
            n->task = cmark_gfm_extensions_get_tasklist_item_checked(cn) ? 2 : 1;
        break;
    }
    case FO_NODE_CODE_BLOCK:
        n->text = dup(c, cmark_node_get_literal(cn), false, &ok);
        n->info = dup(c, cmark_node_get_fence_info(cn), true, &ok);
        if (!n->text && ok)
            n->text = dup(c, "", false, &ok);
        break;
    case FO_NODE_HTML_BLOCK:
    case FO_NODE_HTML_INLINE:
    case FO_NODE_TEXT:
    case FO_NODE_CODE:
        n->text = dup(c, cmark_node_get_literal(cn), false, &ok);
        if (!n->text && ok)
            n->text = dup(c, "", false, &ok);
        break;
    case FO_NODE_LINK:
    case FO_NODE_IMAGE:
        n->url = dup(c, cmark_node_get_url(cn), false, &ok);
        n->title = dup(c, cmark_node_get_title(cn), true, &ok);
        if (!n->url && ok)
            n->url = dup(c, "", false, &ok);
        break;
    case FO_NODE_TABLE:
        n->ncols = cmark_gfm_extensions_get_table_columns(cn);
        c->ncols = n->ncols;
        c->aligns = cmark_gfm_extensions_get_table_alignments(cn);
        break;
    case FO_NODE_TABLE_ROW:
        n->header = cmark_gfm_extensions_get_table_row_is_header(cn) != 0;
        c->cell_index = 0;
        break;
    case FO_NODE_TABLE_CELL: {
        int i = c->cell_index++;
        uint8_t al = c->aligns && i < c->ncols ? c->aligns[i] : 0;
        n->align = al == 'l' ? FO_ALIGN_LEFT
                 : al == 'c' ? FO_ALIGN_CENTER
                 : al == 'r' ? FO_ALIGN_RIGHT
                             : FO_ALIGN_NONE;
        break;
    }
    case FO_NODE_FOOTNOTE_DEF: {
        size_t len;
        const char *label = fo_cmark_footnote_label(cn, &len);
        if (label && !(n->id = fo_arena_strndup(c->a, label, len)))
            return false;
        if (c->ndefs == c->capdefs) {
            size_t ncap = c->capdefs ? c->capdefs * 2 : 16;
            fo_node **d = realloc(c->defs, ncap * sizeof *d);
            if (!d)
                return false;
            c->defs = d;
            c->capdefs = ncap;
        }
        c->defs[c->ndefs++] = n;
        n->number = (int)c->ndefs;
        break;
    }
    case FO_NODE_FOOTNOTE_REF: {
        /* cmark-gfm replaces the label with the definition's number. */
        const char *lit = cmark_node_get_literal(cn);
        long v = lit ? strtol(lit, NULL, 10) : 0;
        n->number = v > 0 && v <= INT32_MAX ? (int)v : 0;
        break;
    }
    default:
        break;
    }
    return ok;
}

/* Gives each footnote reference the label of its definition.  cmark-gfm
 * appends the definitions to the document in the order of their first
 * reference, so definition k (1-based) has number k.  Iterative walk. */
static void link_footnotes(conv *c)
{
    fo_node *root = c->doc->root, *cur = root;
    while (cur) {
        if (cur->type == FO_NODE_FOOTNOTE_REF && cur->number > 0 &&
            (size_t)cur->number <= c->ndefs)
            cur->id = c->defs[cur->number - 1]->id;
        if (cur->first) {
            cur = cur->first;
            continue;
        }
        while (cur && cur != root && !cur->next)
            cur = cur->parent;
        cur = cur && cur != root ? cur->next : NULL;
    }
}

fo_status fo_doc_convert(struct cmark_node *root, fo_doc *doc, int line_offset,
                         fo_diag *diag)
{
    conv c = {.doc = doc, .a = doc->arena, .line_off = line_offset};
    fo_status st = FO_OK;
    cmark_iter *it = NULL;

    c.slugs = fo_slugs_new();
    it = cmark_iter_new(root);
    if (!c.slugs || !it) {
        st = FO_ERR_NOMEM;
        goto out;
    }

    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cn = cmark_iter_get_node(it);
        fo_node_type t;
        bool kept = map_type(cn, &t);
        fo_node *n = cmark_node_get_user_data(cn);

        if (ev == CMARK_EVENT_EXIT) {
            if (kept && n && n->type == FO_NODE_HEADING) {
                char *text = fo_node_plain_text(doc, n);
                if (!text || !(n->id = fo_slug_make(c.slugs, c.a, text))) {
                    st = FO_ERR_NOMEM;
                    goto out;
                }
            }
            continue;
        }

        cmark_node *cparent = cn == root ? NULL : cmark_node_parent(cn);
        fo_node *parent = cparent ? cmark_node_get_user_data(cparent) : NULL;
        if (!kept) {
            /* Children of a dropped node go to its parent. */
            cmark_node_set_user_data(cn, parent);
            continue;
        }
        n = fo_arena_alloc(c.a, sizeof *n);
        if (!n) {
            st = FO_ERR_NOMEM;
            goto out;
        }
        n->type = t;
        int line = cmark_node_get_start_line(cn);
        int col = cmark_node_get_start_column(cn);
        if (line > 0) {
            n->line = line + c.line_off;
            n->col = col > 0 ? col : 1;
        } else if (parent) { /* some inlines carry no position */
            n->line = parent->line;
            n->col = parent->col;
        } else {
            n->line = 1 + c.line_off;
            n->col = 1;
        }
        if (!fill(&c, cn, n)) {
            st = FO_ERR_NOMEM;
            goto out;
        }
        if (parent)
            append_child(parent, n);
        else if (!doc->root)
            doc->root = n;
        cmark_node_set_user_data(cn, n);
    }
    link_footnotes(&c);

out:
    if (st == FO_ERR_NOMEM)
        fo_error(diag, doc->path, 0, 0, "out of memory");
    if (it)
        cmark_iter_free(it);
    fo_slugs_free(c.slugs);
    free(c.defs);
    return st;
}
