/* specpdf — typesets every example of a CommonMark-format spec file (a
 * fence of 32 backticks + "example", the Markdown, a "." line, the
 * expected HTML, the closing fence; "→" stands for a tab) as its own
 * document, through the library in one process (fonts and style loaded
 * once), for tests/pdf/conformance.py.
 *
 * Usage: specpdf SPEC OUTDIR STYLE.css
 * Writes OUTDIR/NNNN.md, NNNN.html (expected) and NNNN.pdf for example
 * N (1-based, in file order), and OUTDIR/NNNN.err with folio's
 * diagnostics when there are any.  Prints "N examples" and exits 0; exits
 * 1 on a usage or I/O problem (not on an example that fails to typeset:
 * the missing PDF is the failure the checker reports). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "render/pdf.h"
#include "style/style.h"
#include "text/fonts.h"

#define FENCE "````````````````````````````````"

/* Replaces every "→" (U+2192) with a tab, in place. */
static void tabs(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if ((unsigned char)r[0] == 0xE2 && (unsigned char)r[1] == 0x86 && (unsigned char)r[2] == 0x92) {
            *w++ = '\t';
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static int write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(s, f);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: specpdf SPEC OUTDIR STYLE.css\n");
        return 1;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    fo_diag d;
    fo_diag_init(&d);
    fo_sheet *sheet = NULL;
    fo_fonts *fonts = NULL;
    char *fonts_dir = fo_fonts_locate(NULL);
    if (fo_sheet_load(argv[3], false, NULL, NULL, &sheet, &d) != FO_OK || !fonts_dir ||
        fo_fonts_new(fonts_dir, &fonts, &d) != FO_OK) {
        fclose(in);
        free(fonts_dir);
        fo_sheet_free(sheet);
        return 1;
    }
    free(fonts_dir);
    char line[8192];
    char path[4096];
    int n = 0;
    int state = 0; /* 0 outside, 1 Markdown, 2 HTML */
    size_t cap = 1 << 16;
    char *md = malloc(cap), *html = malloc(cap);
    size_t mdlen = 0, htmllen = 0;
    while (fgets(line, sizeof line, in)) {
        if (state == 0) {
            if (strncmp(line, FENCE " example", strlen(FENCE) + 8) == 0) {
                state = 1;
                mdlen = htmllen = 0;
                md[0] = html[0] = '\0';
            }
            continue;
        }
        if (state == 1 && strcmp(line, ".\n") == 0) {
            state = 2;
            continue;
        }
        if (state == 2 && strncmp(line, FENCE, strlen(FENCE)) == 0) {
            state = 0;
            n++;
            tabs(md);
            tabs(html);
            snprintf(path, sizeof path, "%s/%04d.md", argv[2], n);
            if (write_file(path, md) != 0) {
                perror(path);
                break;
            }
            snprintf(path, sizeof path, "%s/%04d.html", argv[2], n);
            write_file(path, html);
            /* Typeset it, diagnostics captured into NNNN.err. */
            fo_diag ed;
            fo_diag_init(&ed);
            ed.out = NULL;
            ed.capture = true;
            snprintf(path, sizeof path, "%s/%04d.md", argv[2], n);
            fo_doc *doc = NULL;
            fo_display *dl = NULL;
            fo_layout_options lo = {.max_pages = 50};
            if (fo_doc_parse(md, strlen(md), path, &doc, &ed) == FO_OK &&
                fo_layout_document(doc, sheet, fonts, &lo, &dl, &ed) == FO_OK) {
                snprintf(path, sizeof path, "%s/%04d.pdf", argv[2], n);
                fo_pdf_write(dl, path, NULL, &ed);
            }
            if (ed.captured && *ed.captured) {
                snprintf(path, sizeof path, "%s/%04d.err", argv[2], n);
                write_file(path, ed.captured);
            }
            fo_display_free(dl);
            fo_doc_free(doc);
            fo_diag_dispose(&ed);
            continue;
        }
        char **buf = state == 1 ? &md : &html;
        size_t *len = state == 1 ? &mdlen : &htmllen;
        size_t l = strlen(line);
        if (*len + l + 1 > cap) {
            cap = (*len + l + 1) * 2;
            char *a = realloc(md, cap), *b = a ? realloc(html, cap) : NULL;
            if (!a || !b) {
                fprintf(stderr, "out of memory\n");
                return 1;
            }
            md = a;
            html = b;
        }
        memcpy(*buf + *len, line, l + 1);
        *len += l;
    }
    fclose(in);
    free(md);
    free(html);
    fo_fonts_free(fonts);
    fo_sheet_free(sheet);
    fo_diag_dispose(&d);
    printf("%d examples\n", n);
    return 0;
}
