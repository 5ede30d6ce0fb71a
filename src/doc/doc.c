/* doc.c — fo_doc_parse: clean the input, read front matter, parse the body
 * with cmark-gfm, convert; plus the small tree helpers of doc.h. */
#include "doc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "frontmatter.h"
#include "utf8.h"

/* cmark-gfm counts in int; stay well inside it. */
enum { MAX_INPUT = 1 << 30 };

static const char *const extensions[] = {
    "table", "strikethrough", "autolink", "tasklist",
};

/* Parses `len` bytes of Markdown with cmark-gfm into a new cmark tree.
 * Returns NULL when out of memory or an extension is missing (reported). */
static cmark_node *parse_markdown(const char *body, size_t len,
                                  const char *path, fo_diag *diag)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8);
    if (!p) {
        fo_error(diag, path, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(p, ext)) {
            fo_error(diag, NULL, 0, 0, "cmark-gfm extension '%s' is not available",
                     extensions[i]);
            cmark_parser_free(p);
            return NULL;
        }
    }
    cmark_parser_feed(p, body, len);
    cmark_node *root = cmark_parser_finish(p);
    cmark_parser_free(p);
    if (!root) {
        fo_error(diag, path, 0, 0, "out of memory");
        return NULL;
    }
    cmark_consolidate_text_nodes(root);
    return root;
}

fo_status fo_doc_parse(const char *buf, size_t len, const char *path,
                       fo_doc **out, fo_diag *diag)
{
    fo_status st = FO_OK;
    char *clean = NULL;
    size_t clen = 0;
    cmark_node *root = NULL;
    fo_doc *doc = NULL;

    *out = NULL;
    if (!path)
        path = "<input>";
    if (len > MAX_INPUT) {
        fo_error(diag, path, 0, 0, "input is larger than %d bytes", MAX_INPUT);
        return FO_ERR_LIMIT;
    }
    doc = calloc(1, sizeof *doc);
    if (!doc || !(doc->arena = fo_arena_new()) ||
        !(doc->path = fo_arena_strdup(doc->arena, path))) {
        fo_error(diag, path, 0, 0, "out of memory");
        st = FO_ERR_NOMEM;
        goto fail;
    }
    path = doc->path;

    if ((st = fo_utf8_clean(buf ? buf : "", buf ? len : 0, path, &clean, &clen,
                            diag)) != FO_OK)
        goto fail;

    size_t body_off = 0;
    doc->body_line = 1;
    fo_frontmatter_span span;
    if (fo_frontmatter_find(clean, clen, &span)) {
        st = fo_frontmatter_parse(clean + span.yaml_off, span.yaml_len, 2, path,
                                  doc->arena, &doc->meta, diag);
        if (st != FO_OK)
            goto fail;
        body_off = span.body_off;
        doc->body_line = span.body_line;
    }

    if (!(root = parse_markdown(clean + body_off, clen - body_off, path, diag))) {
        st = FO_ERR_NOMEM;
        goto fail;
    }
    if ((st = fo_doc_convert(root, doc, doc->body_line - 1, diag)) != FO_OK)
        goto fail;
    if (!doc->root) { /* cannot happen: cmark always returns a document */
        doc->root = fo_arena_alloc(doc->arena, sizeof *doc->root);
        if (!doc->root) {
            fo_error(diag, path, 0, 0, "out of memory");
            st = FO_ERR_NOMEM;
            goto fail;
        }
        doc->root->type = FO_NODE_DOCUMENT;
        doc->root->line = doc->body_line;
        doc->root->col = 1;
    }
    cmark_node_free(root);
    free(clean);
    *out = doc;
    return FO_OK;

fail:
    if (root)
        cmark_node_free(root);
    free(clean);
    fo_doc_free(doc);
    return st;
}

void fo_doc_free(fo_doc *doc)
{
    if (!doc)
        return;
    fo_arena_free(doc->arena);
    free(doc);
}

/* ---- plain text ------------------------------------------------------ */

/* doc.h lists every block type before the first inline, FO_NODE_TEXT. */
static bool is_block(fo_node_type t)
{
    return t < FO_NODE_TEXT;
}

/* Text `n` itself contributes (not its children). */
static const char *own_text(const fo_node *n)
{
    switch (n->type) {
    case FO_NODE_TEXT:
    case FO_NODE_CODE:
    case FO_NODE_CODE_BLOCK:
        return n->text ? n->text : "";
    case FO_NODE_SOFTBREAK:
    case FO_NODE_LINEBREAK:
        return " ";
    default:
        return "";
    }
}

/* Walks the subtree of `n` in document order without recursion; writes into
 * `dst` when not NULL.  Returns the length in bytes. */
static size_t plain_walk(const fo_node *n, char *dst)
{
    size_t len = 0;
    const fo_node *cur = n;
    for (;;) {
        /* A space between consecutive blocks ("a" and "b" → "a b"). */
        if (cur != n && is_block(cur->type) && cur->prev && len > 0) {
            if (dst)
                dst[len] = ' ';
            len++;
        }
        const char *t = own_text(cur);
        size_t tl = strlen(t);
        if (dst)
            memcpy(dst + len, t, tl);
        len += tl;

        if (cur->first) {
            cur = cur->first;
            continue;
        }
        while (cur != n && !cur->next)
            cur = cur->parent;
        if (cur == n)
            break;
        cur = cur->next;
    }
    return len;
}

char *fo_node_plain_text(fo_doc *doc, const fo_node *n)
{
    if (!n)
        return fo_arena_strdup(doc->arena, "");
    size_t len = plain_walk(n, NULL);
    char *s = fo_arena_alloc(doc->arena, len + 1);
    if (!s)
        return NULL;
    plain_walk(n, s);
    s[len] = '\0';
    return s;
}

const char *fo_node_type_name(fo_node_type t)
{
    switch (t) {
    case FO_NODE_DOCUMENT: return "document";
    case FO_NODE_HEADING: return "heading";
    case FO_NODE_PARAGRAPH: return "paragraph";
    case FO_NODE_LIST: return "list";
    case FO_NODE_ITEM: return "item";
    case FO_NODE_BLOCKQUOTE: return "blockquote";
    case FO_NODE_CODE_BLOCK: return "code_block";
    case FO_NODE_HTML_BLOCK: return "html_block";
    case FO_NODE_THEMATIC_BREAK: return "thematic_break";
    case FO_NODE_TABLE: return "table";
    case FO_NODE_TABLE_ROW: return "table_row";
    case FO_NODE_TABLE_CELL: return "table_cell";
    case FO_NODE_FOOTNOTE_DEF: return "footnote_definition";
    case FO_NODE_TEXT: return "text";
    case FO_NODE_EMPH: return "emph";
    case FO_NODE_STRONG: return "strong";
    case FO_NODE_STRIKE: return "strikethrough";
    case FO_NODE_CODE: return "code";
    case FO_NODE_LINK: return "link";
    case FO_NODE_IMAGE: return "image";
    case FO_NODE_FOOTNOTE_REF: return "footnote_reference";
    case FO_NODE_SOFTBREAK: return "softbreak";
    case FO_NODE_LINEBREAK: return "linebreak";
    case FO_NODE_HTML_INLINE: return "html_inline";
    }
    return "unknown";
}
