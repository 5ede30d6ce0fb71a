/* mdwords — prints the plain text of a Markdown file as cmark-gfm renders
 * it (GFM extensions on), independently of folio's own document tree.  The
 * end-to-end tests compare its words with what pdftotext extracts. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mdwords FILE.md\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    cmark_gfm_core_extensions_ensure_registered();
    int opts = CMARK_OPT_FOOTNOTES;
    cmark_parser *p = cmark_parser_new(opts);
    const char *ext[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(ext[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    /* Skip YAML front matter: a first line "---" up to a "---" or "..." line. */
    char line[4096];
    long start = 0;
    if (fgets(line, sizeof line, f) && (line[0] == '-' && line[1] == '-' && line[2] == '-') &&
        (line[3] == '\n' || line[3] == '\r')) {
        bool closed = false;
        while (fgets(line, sizeof line, f)) {
            if ((line[0] == '-' && line[1] == '-' && line[2] == '-') ||
                (line[0] == '.' && line[1] == '.' && line[2] == '.')) {
                closed = true;
                break;
            }
        }
        start = closed ? ftell(f) : 0;
    }
    fseek(f, start, SEEK_SET);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        cmark_parser_feed(p, buf, n);
    fclose(f);
    cmark_node *doc = cmark_parser_finish(p);
    /* folio does not render raw HTML but keeps its text: do the same. */
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)) {
            const char *lit = cmark_node_get_literal(n);
            size_t len = lit ? strlen(lit) : 0;
            char *out = malloc(len + 1);
            size_t k = 0;
            bool tag = false;
            for (size_t i = 0; i < len; i++) {
                if (lit[i] == '<')
                    tag = true;
                else if (lit[i] == '>' && tag)
                    tag = false;
                else if (!tag)
                    out[k++] = lit[i];
            }
            out[k] = '\0';
            cmark_node_set_literal(n, out);
            free(out);
        }
    }
    cmark_iter_free(it);
    /* Footnotes are set at the foot of their pages, between body text:
     * print each after a line holding only U+001E (record separator) so
     * words.py checks the body and every note in order separately. */
    cmark_node *notes = cmark_node_new(CMARK_NODE_DOCUMENT);
    for (cmark_node *c = cmark_node_first_child(doc), *next; c; c = next) {
        next = cmark_node_next(c);
        if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION) {
            cmark_node_unlink(c);
            cmark_node_append_child(notes, c);
        }
    }
    char *text = cmark_render_plaintext_with_mem(doc, opts, 0, cmark_get_default_mem_allocator());
    fputs(text, stdout);
    cmark_get_default_mem_allocator()->free(text);
    for (cmark_node *c = cmark_node_first_child(notes); c; c = cmark_node_next(c)) {
        cmark_node *one = cmark_node_new(CMARK_NODE_DOCUMENT);
        cmark_node *copy = c; /* rendered in place: move it into `one` and back */
        cmark_node *after = cmark_node_next(c);
        cmark_node_unlink(copy);
        cmark_node_append_child(one, copy);
        text = cmark_render_plaintext_with_mem(one, opts, 0, cmark_get_default_mem_allocator());
        printf("\n\x1e\n%s", text);
        cmark_get_default_mem_allocator()->free(text);
        cmark_node_unlink(copy);
        if (after)
            cmark_node_insert_before(after, copy);
        else
            cmark_node_append_child(notes, copy);
        cmark_node_free(one);
        c = copy;
    }
    cmark_node_free(notes);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return 0;
}
