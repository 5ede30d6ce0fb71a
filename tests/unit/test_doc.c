/* test_doc.c — unit tests for src/doc/: Markdown + front matter → fo_doc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc/doc.h"

/* ---- helpers --------------------------------------------------------- */

typedef struct fixture {
    fo_diag diag;
    fo_doc *doc;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    fo_diag_init(&f->diag);
    f->diag.out = NULL; /* keep test output clean; read `captured` */
    f->diag.capture = true;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fo_doc_free(f->doc);
    fo_diag_dispose(&f->diag);
    free(f);
    return 0;
}

/* Parses `md` into f->doc (freeing a previous one); returns the status. */
static fo_status parse(fixture *f, const char *md)
{
    fo_doc_free(f->doc);
    f->doc = NULL;
    return fo_doc_parse(md, strlen(md), "t.md", &f->doc, &f->diag);
}

static fo_doc *parse_ok(fixture *f, const char *md)
{
    assert_int_equal(parse(f, md), FO_OK);
    assert_non_null(f->doc);
    assert_non_null(f->doc->root);
    assert_int_equal(f->doc->root->type, FO_NODE_DOCUMENT);
    return f->doc;
}

/* Next node after `n` in document order below `root` (iterative). */
static const fo_node *next_node(const fo_node *root, const fo_node *n)
{
    if (n->first)
        return n->first;
    while (n != root && !n->next)
        n = n->parent;
    return n == root ? NULL : n->next;
}

/* The k-th (0-based) node of type `t` in document order. */
static const fo_node *find(const fo_doc *d, fo_node_type t, int k)
{
    for (const fo_node *n = d->root; n; n = next_node(d->root, n))
        if (n->type == t && k-- == 0)
            return n;
    return NULL;
}

static int count(const fo_doc *d, fo_node_type t)
{
    int c = 0;
    for (const fo_node *n = d->root; n; n = next_node(d->root, n))
        c += n->type == t;
    return c;
}

static int nchildren(const fo_node *n)
{
    int c = 0;
    for (const fo_node *k = n->first; k; k = k->next)
        c++;
    return c;
}

/* Checks parent/prev/next/last links of the whole tree. */
static void check_links(const fo_doc *d)
{
    for (const fo_node *n = d->root; n; n = next_node(d->root, n)) {
        const fo_node *prev = NULL;
        for (const fo_node *k = n->first; k; k = k->next) {
            assert_ptr_equal(k->parent, n);
            assert_ptr_equal(k->prev, prev);
            prev = k;
        }
        assert_ptr_equal(n->last, prev);
    }
}

/* Reads a whole file into a malloc'd buffer; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 4096, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

/* ---- blocks ---------------------------------------------------------- */

static void test_blocks(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "# One\n"
        "\n"
        "para\n"
        "\n"
        "> quote\n"
        "\n"
        "3. a\n"
        "4. b\n"
        "\n"
        "- x\n"
        "\n"
        "  y\n"
        "\n"
        "```c  extra words\n"
        "int x;\n"
        "```\n"
        "\n"
        "    indented\n"
        "\n"
        "<div>\n"
        "hi\n"
        "</div>\n"
        "\n"
        "---\n"
        "\n"
        "Setext\n"
        "======\n");
    check_links(d);
    const fo_node *n = d->root->first;
    assert_int_equal(n->type, FO_NODE_HEADING);
    assert_int_equal(n->level, 1);
    assert_string_equal(n->id, "one");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_PARAGRAPH);
    assert_string_equal(n->first->text, "para");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_BLOCKQUOTE);
    assert_int_equal(n->first->type, FO_NODE_PARAGRAPH);
    n = n->next;
    assert_int_equal(n->type, FO_NODE_LIST);
    assert_true(n->ordered);
    assert_int_equal(n->start, 3);
    assert_true(n->tight);
    assert_int_equal(nchildren(n), 2);
    assert_int_equal(n->first->type, FO_NODE_ITEM);
    assert_int_equal(n->first->task, 0);
    n = n->next;
    assert_int_equal(n->type, FO_NODE_LIST);
    assert_false(n->ordered);
    assert_false(n->tight);
    assert_int_equal(nchildren(n->first), 2);
    n = n->next;
    assert_int_equal(n->type, FO_NODE_CODE_BLOCK);
    assert_string_equal(n->text, "int x;\n");
    assert_string_equal(n->info, "c  extra words");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_CODE_BLOCK);
    assert_string_equal(n->text, "indented\n");
    assert_null(n->info);
    n = n->next;
    assert_int_equal(n->type, FO_NODE_HTML_BLOCK);
    assert_string_equal(n->text, "<div>\nhi\n</div>\n");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_THEMATIC_BREAK);
    n = n->next;
    assert_int_equal(n->type, FO_NODE_HEADING);
    assert_int_equal(n->level, 1);
    assert_string_equal(n->id, "setext");
    assert_null(n->next);
}

static void test_inlines(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "a *e* **s** ~~k~~ `c` [l](http://x.example \"T\") ![alt *y*](i.png)\n"
        "b<br/>c  \n"
        "d\\\n"
        "e www.example.com\n");
    check_links(d);
    const fo_node *p = d->root->first;
    assert_int_equal(p->type, FO_NODE_PARAGRAPH);
    const fo_node *n = p->first;
    assert_int_equal(n->type, FO_NODE_TEXT);
    assert_string_equal(n->text, "a ");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_EMPH);
    assert_string_equal(n->first->text, "e");
    n = n->next->next;
    assert_int_equal(n->type, FO_NODE_STRONG);
    n = n->next->next;
    assert_int_equal(n->type, FO_NODE_STRIKE);
    assert_string_equal(n->first->text, "k");
    n = n->next->next;
    assert_int_equal(n->type, FO_NODE_CODE);
    assert_string_equal(n->text, "c");
    n = n->next->next;
    assert_int_equal(n->type, FO_NODE_LINK);
    assert_string_equal(n->url, "http://x.example");
    assert_string_equal(n->title, "T");
    assert_string_equal(n->first->text, "l");
    n = n->next->next;
    assert_int_equal(n->type, FO_NODE_IMAGE);
    assert_string_equal(n->url, "i.png");
    assert_null(n->title);
    assert_string_equal(fo_node_plain_text(d, n), "alt y");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_SOFTBREAK);
    n = n->next;
    assert_string_equal(n->text, "b");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_HTML_INLINE);
    assert_string_equal(n->text, "<br/>");
    n = n->next;
    assert_string_equal(n->text, "c");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_LINEBREAK);
    n = n->next;
    assert_string_equal(n->text, "d");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_LINEBREAK);
    n = n->next;
    assert_string_equal(n->text, "e ");
    n = n->next;
    assert_int_equal(n->type, FO_NODE_LINK); /* GFM autolink */
    assert_string_equal(n->url, "http://www.example.com");
    assert_null(n->next);
    assert_string_equal(fo_node_plain_text(d, p),
                        "a e s k c l alt y bc d e www.example.com");
}

static void test_adjacent_text_merged(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f, "a\\*b\\_c [not a link] x[^nope] &amp; y\n");
    const fo_node *p = d->root->first;
    assert_int_equal(nchildren(p), 1);
    assert_int_equal(p->first->type, FO_NODE_TEXT);
    assert_string_equal(p->first->text, "a*b_c [not a link] x[^nope] & y");
    /* Merging also happens inside inline containers. */
    d = parse_ok(f, "*a\\*b\\*c*\n");
    const fo_node *e = d->root->first->first;
    assert_int_equal(e->type, FO_NODE_EMPH);
    assert_int_equal(nchildren(e), 1);
    assert_string_equal(e->first->text, "a*b*c");
}

static void test_empty_input(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f, "");
    assert_null(d->root->first);
    assert_int_equal(d->body_line, 1);
    assert_int_equal(f->diag.errors + f->diag.warnings, 0);
    assert_int_equal(fo_doc_parse(NULL, 0, "t.md", &f->doc, &f->diag), FO_OK);
    /* (the previous doc is freed by parse_ok's next call / teardown) */
    fo_doc_free(d);
}

static void test_type_names(void **state)
{
    (void)state;
    assert_string_equal(fo_node_type_name(FO_NODE_PARAGRAPH), "paragraph");
    assert_string_equal(fo_node_type_name(FO_NODE_HEADING), "heading");
    assert_string_equal(fo_node_type_name(FO_NODE_TABLE_CELL), "table_cell");
    assert_string_equal(fo_node_type_name(FO_NODE_HTML_INLINE), "html_inline");
    for (int t = FO_NODE_DOCUMENT; t <= FO_NODE_HTML_INLINE; t++)
        assert_string_not_equal(fo_node_type_name((fo_node_type)t), "unknown");
}

/* ---- heading slugs --------------------------------------------------- */

static void test_slugs(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "# Intro\n# Intro\n# Intro\n# Intro-1\n"
        "## Hello, World! (v2.0) -- done_ok?\n"
        "## Ünïcödé Ελληνικά Кириллица 中文\n"
        "## `code` and *emph*\n"
        "## !!!\n"
        "## !!!\n"
        "## “Quotes” & ©\n"
        "## हिन्दी\n");
    const char *want[] = {
        "intro", "intro-1", "intro-2", "intro-1-1",
        "hello-world-v20----done_ok",
        "ünïcödé-ελληνικά-кириллица-中文",
        "code-and-emph",
        "section", "section-1",
        "quotes--",
        "हिन्दी",
    };
    int nh = count(d, FO_NODE_HEADING);
    assert_int_equal(nh, (int)(sizeof want / sizeof *want));
    for (int i = 0; i < nh; i++)
        assert_string_equal(find(d, FO_NODE_HEADING, i)->id, want[i]);
}

/* ---- front matter ---------------------------------------------------- */

static void test_frontmatter_fields(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "---\n"
        "title: The Title\n"
        "subtitle: 'Sub: title'\n"
        "author: Jane Doe\n"
        "date: 2024-05-01\n"
        "lang: en-GB\n"
        "keywords: [alpha, beta gamma]\n"
        "subject: Testing\n"
        "toc: yes\n"
        "client: ACME\n"
        "version: 3\n"
        "nested: {a: 1}\n"
        "...\n"
        "# Body\n");
    const fo_meta *m = &d->meta;
    assert_string_equal(m->title, "The Title");
    assert_string_equal(m->subtitle, "Sub: title");
    assert_int_equal(m->nauthors, 1);
    assert_string_equal(m->authors[0], "Jane Doe");
    assert_string_equal(m->date, "2024-05-01");
    assert_string_equal(m->lang, "en-GB");
    assert_int_equal(m->nkeywords, 2);
    assert_string_equal(m->keywords[0], "alpha");
    assert_string_equal(m->keywords[1], "beta gamma");
    assert_string_equal(m->subject, "Testing");
    assert_true(m->toc);
    assert_int_equal(m->nextra, 2);
    assert_string_equal(m->extra_keys[0], "client");
    assert_string_equal(m->extra_values[0], "ACME");
    assert_string_equal(m->extra_keys[1], "version");
    assert_string_equal(m->extra_values[1], "3");
    assert_int_equal(d->body_line, 14);
    assert_int_equal(d->root->first->type, FO_NODE_HEADING);
    assert_int_equal(d->root->first->line, 14);
    assert_int_equal(f->diag.errors + f->diag.warnings, 0);
}

static void test_frontmatter_lists(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "---\n"
        "author:\n"
        "  - Ada Lovelace\n"
        "  - name: Grace Hopper\n"
        "    affiliation: Navy\n"
        "keywords: ' one,two ,, three '\n"
        "toc: False\n"
        "attachments:\n"
        "  - data/figures.csv\n"
        "  - 'a, b.csv'\n"
        "---\n"
        "text\n");
    const fo_meta *m = &d->meta;
    assert_int_equal(m->nauthors, 2);
    assert_string_equal(m->authors[0], "Ada Lovelace");
    assert_string_equal(m->authors[1], "Grace Hopper");
    assert_int_equal(m->nkeywords, 3);
    assert_string_equal(m->keywords[0], "one");
    assert_string_equal(m->keywords[1], "two");
    assert_string_equal(m->keywords[2], "three");
    assert_false(m->toc);
    /* attachments: a list of paths, never split at commas */
    assert_int_equal(m->nattachments, 2);
    assert_string_equal(m->attachments[0], "data/figures.csv");
    assert_string_equal(m->attachments[1], "a, b.csv");
    assert_null(m->title);
    assert_int_equal(m->nextra, 0);
    assert_int_equal(d->body_line, 12);
}

static void test_frontmatter_yaml_error(void **state)
{
    fixture *f = *state;
    /* The flow sequence opened on line 3 never closes; libyaml notices on
     * line 4 of the file. */
    assert_int_equal(parse(f, "---\ntitle: ok\nbad: [unclosed\nx: y\n---\n# Body\n"),
                     FO_ERR_DOC);
    assert_null(f->doc);
    assert_int_equal(f->diag.errors, 1);
    assert_non_null(strstr(f->diag.captured, "t.md:4:2: error: front matter: did not find expected ',' or ']' "
                                  "(while parsing a flow sequence at line 3)"));

    fo_diag_dispose(&f->diag);
    f->diag.errors = 0;
    /* A mapping value where none is allowed: reported at line 3, col 9. */
    assert_int_equal(parse(f, "---\ntitle: a\nsubject: b: c\n---\n"), FO_ERR_DOC);
    assert_non_null(f->diag.captured);
    assert_non_null(strstr(f->diag.captured,
        "t.md:3:11: error: front matter: mapping values are not allowed in this context"));
}

static void test_frontmatter_not_mapping(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, "---\n- a\n- b\n---\ntext\n"), FO_ERR_DOC);
    assert_non_null(strstr(f->diag.captured,
        "t.md:2:1: error: front matter: expected a mapping"));
}

static void test_frontmatter_absent_forms(void **state)
{
    fixture *f = *state;
    /* Not closed: the whole input is Markdown (a thematic break first). */
    fo_doc *d = parse_ok(f, "---\ntitle: x\n\nMore text.\n");
    assert_null(d->meta.title);
    assert_int_equal(d->body_line, 1);
    assert_int_equal(d->root->first->type, FO_NODE_THEMATIC_BREAK);
    assert_int_equal(f->diag.errors + f->diag.warnings, 0);
    /* "---" followed by a blank line is a rule, even if "---" comes later. */
    d = parse_ok(f, "---\n\nText\n\n---\n");
    assert_int_equal(d->root->first->type, FO_NODE_THEMATIC_BREAK);
    assert_int_equal(count(d, FO_NODE_THEMATIC_BREAK), 2);
    /* Empty front matter, CRLF line endings. */
    d = parse_ok(f, "---\r\n---\r\n# H\r\n");
    assert_int_equal(d->body_line, 3);
    assert_int_equal(d->root->first->line, 3);
    assert_string_equal(d->root->first->id, "h");
    /* Front matter that is only a comment. */
    d = parse_ok(f, "---\n# just a comment\n---\nx\n");
    assert_null(d->meta.title);
    assert_int_equal(d->root->first->line, 4);
    /* Front matter must start on the very first line. */
    d = parse_ok(f, "\n---\ntitle: x\n---\n");
    assert_null(d->meta.title);
    assert_int_equal(f->diag.errors + f->diag.warnings, 0);
}

static void test_frontmatter_warnings(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f, "---\ntitle: [a, b]\ntoc: maybe\n---\n");
    assert_null(d->meta.title);
    assert_false(d->meta.toc);
    assert_int_equal(f->diag.warnings, 2);
    assert_non_null(strstr(f->diag.captured, "t.md:2:8: warning: front matter: 'title'"));
    assert_non_null(strstr(f->diag.captured, "t.md:3:6: warning: front matter: 'toc'"));
}

static void test_source_lines_offset(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f, "---\ntitle: t\n---\n\n# Head\n\nSome *text*\nmore\n");
    assert_int_equal(d->body_line, 4);
    const fo_node *h = find(d, FO_NODE_HEADING, 0);
    assert_int_equal(h->line, 5);
    assert_int_equal(h->col, 1);
    const fo_node *p = find(d, FO_NODE_PARAGRAPH, 0);
    assert_int_equal(p->line, 7);
    const fo_node *e = find(d, FO_NODE_EMPH, 0);
    assert_int_equal(e->line, 7);
    assert_int_equal(e->col, 6);
    /* Every node has a position inside the file. */
    for (const fo_node *n = d->root; n; n = next_node(d->root, n)) {
        assert_true(n->line >= 4 && n->line <= 8);
        assert_true(n->col >= 1);
    }
}

/* ---- GFM extensions -------------------------------------------------- */

static void test_tables(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "| L | C | R | N |\n"
        "|:--|:-:|--:|---|\n"
        "| 1 | *2* | 3 | 4 |\n"
        "| 5 |\n");
    check_links(d);
    const fo_node *t = d->root->first;
    assert_int_equal(t->type, FO_NODE_TABLE);
    assert_int_equal(t->ncols, 4);
    assert_int_equal(nchildren(t), 3);
    const fo_node *hdr = t->first;
    assert_int_equal(hdr->type, FO_NODE_TABLE_ROW);
    assert_true(hdr->header);
    assert_false(hdr->next->header);
    assert_false(t->last->header);
    const fo_align want[] = {FO_ALIGN_LEFT, FO_ALIGN_CENTER, FO_ALIGN_RIGHT, FO_ALIGN_NONE};
    for (const fo_node *row = t->first; row; row = row->next) {
        int i = 0;
        for (const fo_node *c = row->first; c; c = c->next, i++) {
            assert_int_equal(c->type, FO_NODE_TABLE_CELL);
            assert_int_equal(c->align, want[i]);
        }
        assert_int_equal(i, 4); /* short rows are padded */
    }
    assert_string_equal(hdr->first->first->text, "L");
    assert_int_equal(hdr->next->first->next->first->type, FO_NODE_EMPH);
}

static void test_task_lists(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f, "- [ ] open\n- [x] done\n- [X] Done\n- plain\n- [y] no\n");
    const fo_node *l = d->root->first;
    const int want[] = {1, 2, 2, 0, 0};
    int i = 0;
    for (const fo_node *it = l->first; it; it = it->next, i++)
        assert_int_equal(it->task, want[i]);
    assert_int_equal(i, 5);
    assert_string_equal(l->first->first->first->text, "open");
    assert_string_equal(l->last->first->first->text, "[y] no");
}

static void test_footnotes(void **state)
{
    fixture *f = *state;
    fo_doc *d = parse_ok(f,
        "Intro[^b] and[^a] again[^b] and[^B].\n"
        "\n"
        "[^a]: Note A.\n"
        "[^b]: Note B with[^c].\n"
        "[^c]: Note C.\n"
        "[^unused]: Never referenced.\n");
    check_links(d);
    assert_int_equal(count(d, FO_NODE_FOOTNOTE_REF), 5);
    const struct { int number; const char *id; } refs[] = {
        {1, "b"}, {2, "a"}, {1, "b"}, {1, "b"}, {3, "c"}};
    for (int i = 0; i < 5; i++) {
        const fo_node *r = find(d, FO_NODE_FOOTNOTE_REF, i);
        assert_int_equal(r->number, refs[i].number);
        assert_string_equal(r->id, refs[i].id);
    }
    assert_int_equal(count(d, FO_NODE_FOOTNOTE_DEF), 3);
    const char *ids[] = {"b", "a", "c"};
    for (int i = 0; i < 3; i++) {
        const fo_node *def = find(d, FO_NODE_FOOTNOTE_DEF, i);
        assert_ptr_equal(def->parent, d->root);
        assert_int_equal(def->number, i + 1);
        assert_string_equal(def->id, ids[i]);
        assert_int_equal(def->first->type, FO_NODE_PARAGRAPH);
    }
    assert_int_equal(find(d, FO_NODE_FOOTNOTE_DEF, 0)->line, 4);
    assert_string_equal(fo_node_plain_text(d, find(d, FO_NODE_FOOTNOTE_DEF, 1)),
                        "Note A.");
}

/* ---- input robustness ------------------------------------------------ */

static void test_invalid_utf8(void **state)
{
    fixture *f = *state;
    static const char in[] = "# A\xff" "B\n\nx\xe2\x82 y \xed\xa0\x80 z\n";
    assert_int_equal(fo_doc_parse(in, sizeof in - 1, "t.md", &f->doc, &f->diag), FO_OK);
    fo_doc *d = f->doc;
    assert_string_equal(find(d, FO_NODE_HEADING, 0)->first->text, "A\xEF\xBF\xBD" "B");
    /* E2 82 is one truncated sequence; ED A0 80 is three (no surrogates). */
    assert_string_equal(find(d, FO_NODE_PARAGRAPH, 0)->first->text,
                        "x\xEF\xBF\xBD y \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD z");
    assert_int_equal(f->diag.warnings, 1);
    assert_int_equal(f->diag.errors, 0);
    assert_non_null(strstr(f->diag.captured,
        "t.md: warning: invalid UTF-8 at byte offset 3 (replaced by U+FFFD; "
        "5 invalid sequences in all)"));
}

static void test_nul_and_bom(void **state)
{
    fixture *f = *state;
    static const char in[] = "\xEF\xBB\xBF---\ntitle: T\n---\na\0b\n";
    assert_int_equal(fo_doc_parse(in, sizeof in - 1, "t.md", &f->doc, &f->diag), FO_OK);
    assert_string_equal(f->doc->meta.title, "T");
    assert_string_equal(f->doc->root->first->first->text, "a\xEF\xBF\xBD" "b");
    assert_int_equal(f->diag.warnings, 1);
    assert_non_null(strstr(f->diag.captured,
        "t.md: warning: NUL byte at byte offset 21 (replaced by U+FFFD)"));
}

static void test_deep_nesting(void **state)
{
    fixture *f = *state;
    enum { DEPTH = 10000 };
    char *md = malloc(DEPTH * 2 + 16);
    assert_non_null(md);
    size_t n = 0;
    for (int i = 0; i < DEPTH; i++)
        md[n++] = '>';
    memcpy(md + n, " deep\n", 7);
    n += 6;
    assert_int_equal(fo_doc_parse(md, n, "t.md", &f->doc, &f->diag), FO_OK);
    free(md);
    fo_doc *d = f->doc;
    int depth = 0;
    const fo_node *q = d->root->first;
    while (q && q->type == FO_NODE_BLOCKQUOTE) {
        depth++;
        q = q->first;
    }
    assert_int_equal(depth, DEPTH);
    assert_int_equal(q->type, FO_NODE_PARAGRAPH);
    assert_string_equal(fo_node_plain_text(d, d->root), "deep");

    /* Deeply nested emphasis and links too. */
    size_t k = 5000;
    md = malloc(k * 5 + 16);
    assert_non_null(md);
    n = 0;
    for (size_t i = 0; i < k; i++)
        md[n++] = '[';
    md[n++] = 'x';
    for (size_t i = 0; i < k; i++) {
        memcpy(md + n, "](u)", 4);
        n += 4;
    }
    md[n++] = '\n';
    assert_int_equal(fo_doc_parse(md, n, "t.md", &f->doc, &f->diag), FO_OK);
    free(md);
    assert_non_null(fo_node_plain_text(f->doc, f->doc->root));
    fo_doc_free(d);
}

/* ---- real files ------------------------------------------------------ */

static void parse_file_ok(fixture *f, const char *path)
{
    size_t len = 0;
    char *buf = read_file(path, &len);
    if (!buf)
        fail_msg("cannot read %s", path);
    fo_doc_free(f->doc);
    f->doc = NULL;
    fo_status st = fo_doc_parse(buf, len, path, &f->doc, &f->diag);
    free(buf);
    if (st != FO_OK)
        fail_msg("%s: status %d: %s", path, (int)st,
                 f->diag.captured ? f->diag.captured : "");
    check_links(f->doc);
    assert_int_equal(f->diag.errors, 0);
    assert_non_null(fo_node_plain_text(f->doc, f->doc->root));
}

static void test_all_kinds_file(void **state)
{
    fixture *f = *state;
    parse_file_ok(f, "tests/data/doc/all-kinds.md");
    fo_doc *d = f->doc;
    assert_string_equal(d->meta.title, "Kinds: every node");
    assert_int_equal(d->meta.nauthors, 2);
    assert_int_equal(d->meta.nkeywords, 3);
    assert_true(d->meta.toc);
    for (int t = FO_NODE_DOCUMENT; t <= FO_NODE_HTML_INLINE; t++)
        if (count(d, (fo_node_type)t) == 0)
            fail_msg("no %s node", fo_node_type_name((fo_node_type)t));
    assert_int_equal(find(d, FO_NODE_HEADING, 0)->line, 7);
    assert_string_equal(find(d, FO_NODE_HEADING, 0)->id, "title-emph-and-strong");
}

static void test_report_file(void **state)
{
    fixture *f = *state;
    parse_file_ok(f, "content/report.md");
    assert_true(count(f->doc, FO_NODE_HEADING) > 0);
    assert_int_equal(f->diag.warnings, 0);
}

/* Parses every .md below `dir` without recursion limits worth noting
 * (the corpus is a shallow tree). */
static int parse_dir(fixture *f, const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            n += parse_dir(f, path);
        } else {
            size_t l = strlen(path);
            if (l > 3 && strcmp(path + l - 3, ".md") == 0) {
                parse_file_ok(f, path);
                n++;
            }
        }
    }
    closedir(dp);
    return n;
}

static void test_corpus(void **state)
{
    fixture *f = *state;
    struct stat sb;
    if (stat("../shared/corpus", &sb) != 0) {
        print_message("corpus ../shared/corpus absent; skipped\n");
        skip();
    }
    int n = parse_dir(f, "../shared/corpus");
    print_message("parsed %d corpus files\n", n);
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_blocks),
        T(test_inlines),
        T(test_adjacent_text_merged),
        T(test_empty_input),
        T(test_type_names),
        T(test_slugs),
        T(test_frontmatter_fields),
        T(test_frontmatter_lists),
        T(test_frontmatter_yaml_error),
        T(test_frontmatter_not_mapping),
        T(test_frontmatter_absent_forms),
        T(test_frontmatter_warnings),
        T(test_source_lines_offset),
        T(test_tables),
        T(test_task_lists),
        T(test_footnotes),
        T(test_invalid_utf8),
        T(test_nul_and_bom),
        T(test_deep_nesting),
        T(test_all_kinds_file),
        T(test_report_file),
        T(test_corpus),
#undef T
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
