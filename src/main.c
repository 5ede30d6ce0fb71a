/* main.c — folio's command line: read, parse, style, lay out, write. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "render/pdf.h"
#include "style/style.h"
#include "text/fonts.h"

#ifndef FO_VERSION
#define FO_VERSION "0.0.0"
#endif

enum { EXIT_DOC = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: folio [OPTIONS] INPUT.md -o OUTPUT.pdf\n"
    "Typeset a Markdown report (CommonMark + GFM, YAML front matter) into a\n"
    "paginated PDF.  INPUT may be '-' for standard input.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write the PDF to FILE (default: INPUT with .pdf;\n"
    "                        required when reading standard input)\n"
    "  -s, --style FILE      house style sheet (CSS subset; default:\n"
    "                        styles/default.css beside folio)\n"
    "      --strict          treat style-sheet warnings as errors\n"
    "      --fonts DIR       folder of bundled fonts and fonts.conf (default:\n"
    "                        $FOLIO_FONTS, else fonts/ beside folio)\n"
    "      --max-pages N     fail when the document needs more than N pages\n"
    "      --toc             add a table of contents (as `toc: true` in front matter)\n"
    "                        (default 10000)\n"
    "  -q, --quiet           print errors only (no warnings, no summary)\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 document, style, font or output error,\n"
    "2 usage error.  Diagnostics read 'file:line:col: error: message'.\n"
    "The PDF is written to a temporary file and renamed into place, so a\n"
    "failed run never leaves a truncated PDF or harms an existing one.\n";

static int usage_error(const char *msg)
{
    fprintf(stderr, "folio: error: %s\nTry 'folio --help'.\n", msg);
    return EXIT_USAGE;
}

/* Reads all of `path` ("-": stdin) into a malloc'd buffer. */
static int read_all(const char *path, char **buf, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    if (!b) {
        if (f != stdin)
            fclose(f);
        return ENOMEM;
    }
    for (;;) {
        if (n == cap) {
            char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
            if (!nb) {
                free(b);
                if (f != stdin)
                    fclose(f);
                return ENOMEM;
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    if (f != stdin)
        fclose(f);
    if (err) {
        free(b);
        return err;
    }
    *buf = b;
    *len = n;
    return 0;
}

/* styles/default.css beside the executable (build/folio → ../styles). */
static char *default_style(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    char cand[PATH_MAX + 32];
    snprintf(cand, sizeof cand, "%s/../styles/default.css", exe);
    return access(cand, R_OK) == 0 ? strdup(cand) : NULL;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"style", required_argument, NULL, 's'},
        {"strict", no_argument, NULL, 'S'},
        {"fonts", required_argument, NULL, 'F'},
        {"max-pages", required_argument, NULL, 'M'},
        {"toc", no_argument, NULL, 'T'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *style_path = NULL, *fonts_opt = NULL;
    bool strict = false, quiet = false, toc = false;
    long max_pages = 10000;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:s:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 's': style_path = optarg; break;
        case 'S': strict = true; break;
        case 'T': toc = true; break;
        case 'F': fonts_opt = optarg; break;
        case 'M': {
            char *end;
            errno = 0;
            max_pages = strtol(optarg, &end, 10);
            if (errno || *end || max_pages < 1)
                return usage_error("--max-pages needs a whole number of at least 1");
            break;
        }
        case 'q': quiet = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("folio %s\n", FO_VERSION); return 0;
        case ':': {
            char m[128];
            snprintf(m, sizeof m, "option '%s' needs a value", argv[optind - 1]);
            return usage_error(m);
        }
        default: {
            char m[128];
            snprintf(m, sizeof m, "unknown option '%s'", argv[optind - 1]);
            return usage_error(m);
        }
        }
    }
    if (optind >= argc)
        return usage_error("no input file");
    if (optind + 1 < argc)
        return usage_error("more than one input file");
    const char *input = argv[optind];
    bool from_stdin = strcmp(input, "-") == 0;
    char *derived = NULL;
    if (!output) {
        if (from_stdin)
            return usage_error("reading standard input needs -o OUTPUT.pdf");
        size_t n = strlen(input);
        derived = malloc(n + 5);
        if (!derived)
            return EXIT_DOC;
        memcpy(derived, input, n + 1);
        char *dot = strrchr(derived, '.');
        char *slash = strrchr(derived, '/');
        if (dot && (!slash || dot > slash))
            *dot = '\0';
        strcat(derived, ".pdf");
        output = derived;
    }
    if (!from_stdin && (strcmp(input, output) == 0 || same_file(input, output))) {
        free(derived);
        return usage_error("the output would overwrite the input");
    }

    fo_diag diag;
    fo_diag_init(&diag);
    diag.quiet = quiet;
    int rc = EXIT_DOC;
    char *buf = NULL, *fonts_dir = NULL, *style_default = NULL;
    size_t len = 0;
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_fonts *fonts = NULL;
    fo_display *dl = NULL;
    const char *name = from_stdin ? "<stdin>" : input;

    int err = read_all(input, &buf, &len);
    if (err) {
        fo_error(&diag, NULL, 0, 0, "cannot read %s: %s", name, strerror(err));
        goto done;
    }
    if (fo_doc_parse(buf, len, name, &doc, &diag) != FO_OK)
        goto done;
    if (!doc->root->first && !doc->meta.title)
        fo_warn(&diag, name, 0, 0, "the document is empty; writing a blank page");

    if (!style_path)
        style_path = style_default = default_style();
    if (style_path && fo_sheet_load(style_path, strict, &sheet, &diag) != FO_OK)
        goto done;
    if (strict && diag.errors)
        goto done;

    fonts_dir = fo_fonts_locate(fonts_opt);
    if (!fonts_dir || fo_fonts_new(fonts_dir, &fonts, &diag) != FO_OK)
        goto done;

    fo_layout_options lo = {.max_pages = (int)max_pages, .toc = toc};
    if (fo_layout_document(doc, sheet, fonts, &lo, &dl, &diag) != FO_OK)
        goto done;

    fo_pdf_options po = {.compress = true, .creator = "folio " FO_VERSION};
    if (fo_pdf_write(dl, output, &po, &diag) != FO_OK)
        goto done;
    if (!quiet) {
        struct stat st;
        long size = stat(output, &st) == 0 ? (long)st.st_size : 0;
        fprintf(stderr, "folio: wrote %s (%d page%s, %ld bytes)\n", output, dl->npages,
                dl->npages == 1 ? "" : "s", size);
    }
    rc = 0;
done:
    fo_display_free(dl);
    fo_fonts_free(fonts);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    free(buf);
    free(fonts_dir);
    free(style_default);
    free(derived);
    fo_diag_dispose(&diag);
    return rc;
}
