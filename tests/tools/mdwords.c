/* mdwords — prints the plain text of a Markdown file as cmark-gfm renders
 * it (GFM extensions on), independently of folio's own document tree.  The
 * end-to-end tests compare its words with what pdftotext extracts. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

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
    char *text = cmark_render_plaintext_with_mem(doc, opts, 0, cmark_get_default_mem_allocator());
    fputs(text, stdout);
    cmark_get_default_mem_allocator()->free(text);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return 0;
}
