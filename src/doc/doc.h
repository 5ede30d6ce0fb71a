/* doc.h — the document tree: folio's first seam.
 *
 * fo_doc_parse turns Markdown (CommonMark + GFM: tables, strikethrough,
 * autolinks, task lists, footnotes) with optional YAML front matter into a
 * tree of fo_node.  Layout reads the tree; nothing downstream sees cmark.
 *
 * Ownership: the whole tree, every string in it and the metadata live in the
 * fo_doc's arena and are freed by fo_doc_free.  Nodes are read-only outside
 * src/doc/.
 */
#ifndef FO_DOC_H
#define FO_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"

typedef enum fo_node_type {
    /* blocks */
    FO_NODE_DOCUMENT,
    FO_NODE_HEADING,        /* level 1..6, id = GitHub-style slug */
    FO_NODE_PARAGRAPH,
    FO_NODE_LIST,           /* ordered, start, tight */
    FO_NODE_ITEM,           /* task: 0 none, 1 open [ ], 2 done [x] */
    FO_NODE_BLOCKQUOTE,
    FO_NODE_CODE_BLOCK,     /* text = literal (ends with \n), info = info string */
    FO_NODE_HTML_BLOCK,     /* text = raw HTML */
    FO_NODE_THEMATIC_BREAK,
    FO_NODE_TABLE,          /* ncols; children are rows */
    FO_NODE_TABLE_ROW,      /* header = true for the header row */
    FO_NODE_TABLE_CELL,     /* align */
    FO_NODE_FOOTNOTE_DEF,   /* id = label, number = 1-based order of first reference */
    /* inlines */
    FO_NODE_TEXT,           /* text */
    FO_NODE_EMPH,
    FO_NODE_STRONG,
    FO_NODE_STRIKE,
    FO_NODE_CODE,           /* text = literal */
    FO_NODE_LINK,           /* url, title */
    FO_NODE_IMAGE,          /* url, title; children = alt text */
    FO_NODE_FOOTNOTE_REF,   /* id = label, number */
    FO_NODE_SOFTBREAK,
    FO_NODE_LINEBREAK,
    FO_NODE_HTML_INLINE,    /* text = raw HTML */
} fo_node_type;

typedef enum fo_align { FO_ALIGN_NONE, FO_ALIGN_LEFT, FO_ALIGN_CENTER, FO_ALIGN_RIGHT } fo_align;

typedef struct fo_node fo_node;
struct fo_node {
    fo_node_type type;
    fo_node *parent, *first, *last, *prev, *next;
    int line, col;        /* 1-based source position of the node's start */
    const char *text;     /* NUL-terminated UTF-8, or NULL (see types above) */
    const char *url;      /* link/image destination, or NULL */
    const char *title;    /* link/image title, or NULL */
    const char *info;     /* code block info string, or NULL */
    const char *id;       /* heading slug / footnote label, or NULL */
    int level;            /* heading level 1..6 */
    int number;           /* footnote number (refs and defs), 1-based */
    int start;            /* ordered list start number */
    int ncols;            /* table column count */
    fo_align align;       /* table cell alignment */
    bool ordered;         /* list */
    bool tight;           /* list */
    bool header;          /* table row */
    int task;             /* list item: 0 no check box, 1 open, 2 done */
};

/* Document metadata from YAML front matter.  Every string may be NULL.
 * `extra` holds every other scalar key as key/value pairs (for string()). */
typedef struct fo_meta {
    const char *title;
    const char *subtitle;
    const char **authors; /* nauthors entries */
    int nauthors;
    const char *date;
    const char *lang;
    const char **keywords; /* nkeywords entries */
    int nkeywords;
    const char *subject;
    bool toc;
    const char **attachments; /* nattachments paths, relative to the Markdown file */
    int nattachments;
    const char **extra_keys;
    const char **extra_values;
    int nextra;
} fo_meta;

typedef struct fo_doc {
    fo_node *root;        /* FO_NODE_DOCUMENT */
    fo_meta meta;
    const char *path;     /* name used in diagnostics ("<stdin>" for -) */
    int body_line;        /* source line where the Markdown body starts (after front matter) */
    fo_arena *arena;      /* owns everything above */
} fo_doc;

/* Parses `len` bytes of UTF-8 Markdown.  `path` names the input in
 * diagnostics and is copied.  Front matter is a leading `---` line, YAML, and
 * a closing `---` or `...` line; a YAML error is reported as
 * `path:line:col: error:` and gives FO_ERR_DOC.  Source lines in the tree
 * count from the top of the file, front matter included.
 * On success *out is a new document the caller frees with fo_doc_free.
 * Details (src/doc/frontmatter.h has the front matter rules):
 *   - a leading UTF-8 BOM is skipped; invalid UTF-8 and NUL bytes are
 *     replaced by U+FFFD with one warning per kind (byte offset of the
 *     first, total count) — not an error;
 *   - an opening `---` that is never closed, or is followed by a blank line,
 *     is Markdown (a thematic break), not front matter;
 *   - empty input gives a document with no children and no diagnostic;
 *   - more than 1 GiB of input gives FO_ERR_LIMIT; an allocation failure
 *     FO_ERR_NOMEM.  On failure *out is NULL and nothing is leaked.
 * `buf` may be NULL when `len` is 0; `diag` must not be NULL. */
fo_status fo_doc_parse(const char *buf, size_t len, const char *path,
                       fo_doc **out, fo_diag *diag);

/* Frees the document and its whole tree.  Accepts NULL. */
void fo_doc_free(fo_doc *doc);

/* Concatenates the plain text of `n`'s inline content (text, code, alt text;
 * soft breaks as spaces) into a new string allocated in `doc`'s arena.
 * Also: hard line breaks become spaces, code blocks give their literal,
 * consecutive blocks are separated by one space; raw HTML and footnote
 * references give nothing.  Walks without recursion.  NULL `n` gives "".
 * Returns NULL when out of memory. */
char *fo_node_plain_text(fo_doc *doc, const fo_node *n);

/* Returns the name of a node type ("paragraph", "heading", ...) — the
 * element name style sheets select it by (h1..h6 for headings is done by
 * the caller). Static string. */
const char *fo_node_type_name(fo_node_type t);

#endif
