/* main.c — folio's command line: read, parse, style, lay out, write. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/confine.h"
#include "base/timing.h"
#include "doc/doc.h"
#include "layout/layout.h"
#include "render/pdf.h"
#include "render/png.h"
#include "style/style.h"
#include "text/fonts.h"

#ifndef FO_VERSION
#define FO_VERSION "0.0.0"
#endif

enum { EXIT_DOC = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: folio [OPTIONS] INPUT.md [-o OUTPUT.pdf] [--png DIR] [--contact-sheet FILE.png]\n"
    "Typeset a Markdown report (CommonMark + GFM, YAML front matter) into a\n"
    "paginated PDF and/or PNG page images; one layout serves every output.\n"
    "INPUT may be '-' for standard input.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write the PDF to FILE (default: INPUT with .pdf,\n"
    "                        unless --png or --contact-sheet is given); '-'\n"
    "                        writes it to standard output (not a terminal, not\n"
    "                        with --preflight), whole or not at all\n"
    "      --png DIR         also (or, without -o, only) draw the pages as PNG\n"
    "                        images DIR/page-001.png ... with cairo; DIR is\n"
    "                        created when missing\n"
    "      --dpi N           resolution of the --png images (default 96)\n"
    "      --pages N[-M]     draw only pages N to M (1-based; 'N-' to the end)\n"
    "                        for --png and --contact-sheet\n"
    "      --contact-sheet FILE\n"
    "                        draw every page as a thumbnail on one PNG image\n"
    "  -s, --style FILE      house style sheet (CSS subset; default:\n"
    "                        styles/default.css beside folio)\n"
    "  -u, --user-style FILE user style sheet, cascaded over the house style\n"
    "      --strict          treat style-sheet warnings as errors\n"
    "      --fonts DIR       folder of bundled fonts and fonts.conf (default:\n"
    "                        $FOLIO_FONTS, else fonts/ beside folio)\n"
    "      --max-pages N     fail when the document needs more than N pages\n"
    "                        (default 10000)\n"
    "      --toc             add a table of contents (as `toc: true` in front matter)\n"
    "      --allow-path DIR  also let the document and style sheet read files\n"
    "                        (images, fonts, @import) under DIR; by default only\n"
    "                        the document's, the style sheet's, folio's own\n"
    "                        styles/ and the fonts\n"
    "                        folders are readable, and URLs are never fetched\n"
    "      --line-breaking=total|greedy\n"
    "                        total-fit (Knuth-Plass, the default) or first-fit\n"
    "                        paragraph breaking\n"
    "      --preflight[=json]\n"
    "                        list what still falls short, with page and source\n"
    "                        line: overfull lines, stranded headings, widows and\n"
    "                        orphans that could not be avoided, missing glyphs,\n"
    "                        links to missing anchors, text outside its margin\n"
    "                        box or the page (text or JSON on stdout);\n"
    "                        without it a one-line summary follows every build\n"
    "      --typo-stats      print line-breaking figures (adjustment ratios,\n"
    "                        loose, hyphenated and overfull lines) to stderr\n"
    "  -q, --quiet           print errors only (no warnings, no summary)\n"
    "      --timings         print the time spent in each stage to stderr\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "PDF output (see docs/output.md):\n"
    "      --max-size SIZE   fail, writing nothing, when the PDF would be larger\n"
    "                        than SIZE (e.g. 2MB, 500kB, 1MiB); the message says\n"
    "                        what takes the space (fonts, images, pages)\n"
    "      --pdfa            write PDF/A-2b (archival: sRGB output intent, XMP\n"
    "                        identification); not with encryption or attachments\n"
    "      --reproducible    never use the clock: dates come from\n"
    "                        SOURCE_DATE_EPOCH or the front matter 'date', so the\n"
    "                        same input gives the same bytes (SOURCE_DATE_EPOCH\n"
    "                        alone does the same)\n"
    "      --attach FILE     embed FILE as a PDF attachment (repeatable; front\n"
    "                        matter 'attachments:' lists more, relative to the\n"
    "                        Markdown file)\n"
    "      --user-password PW   password needed to open the PDF\n"
    "      --owner-password PW  password that lifts the permissions (default:\n"
    "                        random)\n"
    "      --permissions LIST   what readers may do: comma-separated print, copy,\n"
    "                        modify, annotate, or 'none' (default: all)\n"
    "                        Encryption is RC4 128-bit, all libharu offers: it\n"
    "                        deters casual copying and is NOT strong protection.\n"
    "\n"
    "Exit status: 0 success, 1 document, style, font or output error,\n"
    "2 usage error.  Diagnostics read 'file:line:col: error: message'.\n"
    "The PDF is written to a temporary file and renamed into place, so a\n"
    "failed run never leaves a truncated PDF or harms an existing one; with\n"
    "-o - the PDF is made in memory and nothing is written when a run fails.\n";

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

/* styles/default.css beside the executable (build/folio → ../styles; a
 * sanitizer build in build/asan/folio → ../../styles). */
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
    /* build/folio → styles/; build/asan/folio (sanitizer builds) → styles/ */
    static const char *const up[] = {"/..", "/../.."};
    for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
        char cand[PATH_MAX + 32];
        snprintf(cand, sizeof cand, "%s%s/styles/default.css", exe, up[i]);
        if (access(cand, R_OK) == 0)
            return strdup(cand);
    }
    return NULL;
}

/* Parses a size: a number with an optional unit B, kB/KB/k, MB/M, GB/G
 * (powers of 1000) or KiB, MiB, GiB (powers of 1024). */
static bool parse_size(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || !(v > 0))
        return false;
    static const struct { const char *unit; double mult; } units[] = {
        {"", 1}, {"B", 1}, {"k", 1e3}, {"K", 1e3}, {"kB", 1e3}, {"KB", 1e3},
        {"M", 1e6}, {"MB", 1e6}, {"G", 1e9}, {"GB", 1e9},
        {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0) {
            double b = v * units[i].mult;
            if (b < 1 || b > 1e15)
                return false;
            *out = (unsigned long long)b;
            return true;
        }
    return false;
}

/* Parses --permissions: "none" or comma-separated print, copy, modify,
 * annotate. */
static bool parse_permissions(const char *s, unsigned *out)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        {"print", FO_PDF_PERM_PRINT}, {"copy", FO_PDF_PERM_COPY},
        {"modify", FO_PDF_PERM_MODIFY}, {"annotate", FO_PDF_PERM_ANNOTATE},
    };
    unsigned p = 0;
    if (strcmp(s, "none") == 0 || *s == '\0') {
        *out = 0;
        return true;
    }
    while (*s) {
        size_t n = strcspn(s, ",");
        bool known = false;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (n == strlen(names[i].name) && strncmp(s, names[i].name, n) == 0) {
                p |= names[i].bit;
                known = true;
            }
        if (!known)
            return false;
        s += n;
        if (*s == ',')
            s++;
    }
    *out = p;
    return true;
}

/* Appends the front matter's attachments (paths relative to the directory
 * of `input`; the working directory for standard input) to *attach after
 * the `ncli` from --attach.  Under --pdfa they are skipped with a warning.
 * *paths receives the resolved strings (NULL-terminated, caller frees).
 * Returns 0, or 1 when out of memory. */
static int add_meta_attachments(const fo_doc *doc, const char *input, bool pdfa,
                                const fo_confine *conf, fo_pdf_attachment **attach, int ncli,
                                char ***paths, int *count, fo_diag *diag)
{
    int n = doc->meta.nattachments;
    *count = ncli;
    if (n <= 0)
        return 0;
    if (pdfa) {
        fo_warn(diag, doc->path, 0, 0,
                "front matter attachments are left out under --pdfa (PDF/A-2b allows only PDF/A attachments)");
        return 0;
    }
    fo_pdf_attachment *na = realloc(*attach, (size_t)(ncli + n) * sizeof *na);
    if (!na)
        return 1;
    *attach = na;
    if (!(*paths = calloc((size_t)n + 1, sizeof **paths)))
        return 1;
    const char *slash = input ? strrchr(input, '/') : NULL;
    int dirlen = slash ? (int)(slash - input) + 1 : 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
        const char *rel = doc->meta.attachments[i];
        size_t len = (size_t)dirlen + strlen(rel) + 1;
        char *p = malloc(len);
        if (!p)
            return 1;
        if (rel[0] == '/')
            snprintf(p, len, "%s", rel);
        else
            snprintf(p, len, "%.*s%s", dirlen, input ? input : "", rel);
        /* The document names these files: they go through the same
         * confinement as its images (a missing one is the writer's error). */
        if (conf && access(p, F_OK) == 0) {
            char *real = NULL;
            fo_confine_result cr = fo_confine_resolve(conf, NULL, p, doc->path, 0, 0, &real, diag);
            free(real);
            if (cr == FO_CONFINE_NOMEM) {
                free(p);
                return 1;
            }
            if (cr != FO_CONFINE_OK) {
                free(p); /* warned: left out */
                continue;
            }
        }
        (*paths)[k] = p;
        na[ncli + k] = (fo_pdf_attachment){.path = p};
        k++;
    }
    *count = ncli + k;
    return 0;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* `allow` has room for argc entries: the --allow-path folders. */
static int run(int argc, char **argv, const char **allow)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"style", required_argument, NULL, 's'},
        {"user-style", required_argument, NULL, 'u'},
        {"strict", no_argument, NULL, 'S'},
        {"fonts", required_argument, NULL, 'F'},
        {"max-pages", required_argument, NULL, 'M'},
        {"toc", no_argument, NULL, 2001},
        {"allow-path", required_argument, NULL, 'A'},
        {"quiet", no_argument, NULL, 'q'},
        {"timings", no_argument, NULL, 'T'},
        {"line-breaking", required_argument, NULL, 1101},
        {"typo-stats", no_argument, NULL, 1102},
        {"preflight", optional_argument, NULL, 1103},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"png", required_argument, NULL, 'P'},
        {"dpi", required_argument, NULL, 'D'},
        {"pages", required_argument, NULL, 'R'},
        {"contact-sheet", required_argument, NULL, 'C'},
        /* PDF output (docs/output.md) */
        {"max-size", required_argument, NULL, 1001},
        {"pdfa", no_argument, NULL, 1002},
        {"reproducible", no_argument, NULL, 1003},
        {"attach", required_argument, NULL, 1004},
        {"user-password", required_argument, NULL, 1005},
        {"owner-password", required_argument, NULL, 1006},
        {"permissions", required_argument, NULL, 1007},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *style_path = NULL, *fonts_opt = NULL, *user_path = NULL;
    bool strict = false, quiet = false, toc = false;
    bool greedy = false, typo_stats = false;
    int preflight = 0; /* 1: text, 2: JSON */
    long max_pages = 10000;
    int nallow = 0;
    const char *png_dir = NULL, *sheet_path = NULL;
    bool dpi_set = false, pages_set = false;
    fo_png_options pngo = {.dpi = 96};
    fo_pdf_options po = {.compress = true, .creator = "folio " FO_VERSION};
    static fo_pdf_attachment *attach; /* static: reachable on early returns */
    int nattach_cli = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:s:u:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 's': style_path = optarg; break;
        case 'u': user_path = optarg; break;
        case 'S': strict = true; break;
        case 2001: toc = true; break;
        case 'F': fonts_opt = optarg; break;
        case 'M': {
            char *end;
            errno = 0;
            max_pages = strtol(optarg, &end, 10);
            if (errno || *end || max_pages < 1)
                return usage_error("--max-pages needs a whole number of at least 1");
            break;
        }
        case 'A': allow[nallow++] = optarg; break;
        case 1001:
            if (!parse_size(optarg, &po.max_size))
                return usage_error("--max-size needs a size such as 2MB, 500kB or 1048576");
            break;
        case 1002: po.pdfa = true; break;
        case 1003: po.reproducible = true; break;
        case 1004: {
            fo_pdf_attachment *na = realloc(attach, (size_t)(nattach_cli + 1) * sizeof *na);
            if (!na)
                return EXIT_DOC;
            attach = na;
            attach[nattach_cli++] = (fo_pdf_attachment){.path = optarg};
            break;
        }
        case 1005: po.user_password = optarg; break;
        case 1006: po.owner_password = optarg; break;
        case 1007:
            if (!parse_permissions(optarg, &po.permissions))
                return usage_error("--permissions takes print, copy, modify, annotate (comma-separated) or none");
            po.permissions_set = true;
            break;
        case 'q': quiet = true; break;
        case 'P':
            if (strcmp(optarg, "-") == 0)
                return usage_error("--png needs a folder; '-' (standard output) is not "
                                   "supported for page images");
            png_dir = optarg;
            break;
        case 'C':
            if (strcmp(optarg, "-") == 0)
                return usage_error("--contact-sheet needs a file name; '-' (standard output) "
                                   "is not supported");
            sheet_path = optarg;
            break;
        case 'D': {
            char *end;
            errno = 0;
            dpi_set = true;
            pngo.dpi = strtod(optarg, &end);
            if (errno || *end || end == optarg || !(pngo.dpi >= 1 && pngo.dpi <= FO_PNG_MAX_DPI))
                return usage_error("--dpi needs a resolution from 1 to 2400");
            break;
        }
        case 'R':
            pages_set = true;
            if (!fo_png_parse_pages(optarg, &pngo.first_page, &pngo.last_page))
                return usage_error("--pages needs N, N-M or N- (pages count from 1)");
            break;
        case 'T': fo_timing_enable(true); break;
        case 1101:
            if (strcmp(optarg, "greedy") == 0)
                greedy = true;
            else if (strcmp(optarg, "total") != 0)
                return usage_error("--line-breaking needs 'total' or 'greedy'");
            break;
        case 1102: typo_stats = true; break;
        case 1103:
            if (!optarg || strcmp(optarg, "text") == 0)
                preflight = 1;
            else if (strcmp(optarg, "json") == 0)
                preflight = 2;
            else
                return usage_error("--preflight takes no value or 'json'");
            break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("folio %s\n", FO_VERSION); return 0;
        case ':': {
            char m[128];
            snprintf(m, sizeof m, "option '%s' needs a value", argv[optind - 1]);
            return usage_error(m);
        }
        default: {
            /* an unknown short option (maybe inside a cluster like -qr) is
             * in optopt; an unknown long option is the argument just read */
            char m[128];
            if (optopt > 0 && optopt < 128)
                snprintf(m, sizeof m, "unknown option '-%c'", optopt);
            else
                snprintf(m, sizeof m, "unknown option '%s'", argv[optind - 1]);
            return usage_error(m);
        }
        }
    }
    if (!quiet && dpi_set && !png_dir)
        fputs("folio: warning: --dpi applies to --png only\n", stderr);
    if (!quiet && pages_set && !png_dir && !sheet_path)
        fputs("folio: warning: --pages applies to --png and --contact-sheet only\n", stderr);
    if (po.pdfa && (po.user_password || po.owner_password || po.permissions_set))
        return usage_error("--pdfa cannot be combined with encryption (PDF/A forbids it)");
    if (po.pdfa && nattach_cli > 0)
        return usage_error("--pdfa cannot be combined with --attach (PDF/A-2b allows only PDF/A attachments)");
    if (optind >= argc)
        return usage_error("no input file");
    if (optind + 1 < argc)
        return usage_error("more than one input file");
    const char *input = argv[optind];
    bool from_stdin = strcmp(input, "-") == 0;
    char *derived = NULL;
    if (!output && !png_dir && !sheet_path) {
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
    /* -o -: the PDF goes to standard output, made whole before a byte is
     * written (fo_pdf_write); never to a terminal, never mixed with the
     * preflight report. */
    bool to_stdout = output && strcmp(output, "-") == 0;
    if (to_stdout && isatty(STDOUT_FILENO)) {
        fputs("folio: error: -o -: standard output is a terminal; redirect it to a file "
              "or a pipe, or give -o FILE.pdf\n", stderr);
        return EXIT_USAGE;
    }
    if (to_stdout && preflight)
        return usage_error("--preflight prints to standard output: it cannot be combined with -o -");
    if (!from_stdin && output && !to_stdout &&
        (strcmp(input, output) == 0 || same_file(input, output))) {
        free(derived);
        return usage_error("the output would overwrite the input");
    }
    /* The PDF replaces OUTPUT by renaming a finished temporary file over it:
     * follow a symbolic link to the file it names, and never replace a
     * device, FIFO or folder with a regular file. */
    char *output_real = NULL;
    struct stat ost;
    if (output && !to_stdout && lstat(output, &ost) == 0) {
        if (S_ISLNK(ost.st_mode)) {
            output_real = realpath(output, NULL);
            if (!output_real) {
                /* a link to a file not yet made: write where it points */
                char target[PATH_MAX];
                ssize_t tn = readlink(output, target, sizeof target - 1);
                if (tn > 0) {
                    target[tn] = '\0';
                    const char *sl = strrchr(output, '/');
                    size_t dl = target[0] == '/' || !sl ? 0 : (size_t)(sl - output) + 1;
                    output_real = malloc(dl + (size_t)tn + 1);
                    if (output_real) {
                        memcpy(output_real, output, dl);
                        memcpy(output_real + dl, target, (size_t)tn + 1);
                    }
                }
            }
            if (output_real)
                output = output_real;
        }
        if (stat(output, &ost) == 0 && !S_ISREG(ost.st_mode)) {
            fprintf(stderr, "folio: error: cannot write %s: not a regular file\n", output);
            free(output_real);
            free(derived);
            return EXIT_DOC;
        }
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
    fo_confine *confine = NULL;
    fo_preflight pf = {0};
    char **fm_paths = NULL; /* front matter attachments, resolved */
    const char *name = from_stdin ? "<stdin>" : input;

    fo_timing_lap(FO_T_READ);
    int err = read_all(input, &buf, &len);
    if (err) {
        fo_error(&diag, NULL, 0, 0, "cannot read %s: %s", name, strerror(err));
        goto done;
    }
    fo_timing_lap(FO_T_PARSE);
    if (fo_doc_parse(buf, len, name, &doc, &diag) != FO_OK)
        goto done;
    if (!doc->root->first && !doc->meta.title)
        fo_warn(&diag, name, 0, 0, "the document is empty; writing a blank page");

    fo_timing_lap(FO_T_STYLE);
    /* folio's own house styles (styles/ beside the binary) are part of the
     * installation, like fonts/: a sheet may @import them from anywhere. */
    style_default = default_style();
    if (!style_path) {
        style_path = style_default;
        if (!style_path)
            fo_warn(&diag, NULL, 0, 0,
                    "no house style found (styles/default.css beside folio); using the "
                    "built-in defaults — pass --style FILE.css");
    }
    fonts_dir = fo_fonts_locate(fonts_opt);
    if (!fonts_dir)
        goto done;
    /* Confinement (base/confine.h): the folders folio may read resources
     * from: @import, @font-face and images go through it. */
    confine = fo_confine_new();
    if (!confine || fo_confine_allow_file_dir(confine, input, &diag) != FO_CONFINE_OK ||
        (style_path && fo_confine_allow_file_dir(confine, style_path, &diag) != FO_CONFINE_OK) ||
        (user_path && fo_confine_allow_file_dir(confine, user_path, &diag) != FO_CONFINE_OK) ||
        (style_default && fo_confine_allow_file_dir(confine, style_default, &diag) != FO_CONFINE_OK) ||
        fo_confine_allow(confine, fonts_dir, "fonts folder", &diag) != FO_CONFINE_OK)
        goto done;
    for (int i = 0; i < nallow; i++) {
        if (fo_confine_allow(confine, allow[i], NULL, &diag) != FO_CONFINE_OK) {
            rc = EXIT_USAGE;
            goto done;
        }
    }

    /* folio's styles folder: `@import "default.css";` finds the shipped
     * styles from a house style anywhere. */
    char library[PATH_MAX] = "";
    if (style_default) {
        const char *slash = strrchr(style_default, '/');
        size_t n = slash ? (size_t)(slash - style_default) : 0;
        if (n > 0 && n < sizeof library) {
            memcpy(library, style_default, n);
            library[n] = '\0';
        }
    }
    const char *lib = library[0] ? library : NULL;
    if (style_path && fo_sheet_load(style_path, strict, confine, lib, &sheet, &diag) != FO_OK)
        goto done;
    if (user_path && !sheet && fo_sheet_parse("", 0, NULL, strict, &sheet, &diag) != FO_OK)
        goto done;
    if (user_path && fo_sheet_add_user(sheet, user_path, strict, confine, lib, &diag) != FO_OK)
        goto done;
    if (strict && diag.errors)
        goto done;

    fo_timing_lap(FO_T_FONTS);
    if (fo_fonts_new(fonts_dir, &fonts, &diag) != FO_OK)
        goto done;

    const fo_font_face *faces;
    int nfaces = fo_sheet_font_faces(sheet, &faces);
    for (int i = 0; i < nfaces; i++) {
        /* A font file that exists must lie in an allowed folder (a missing
         * or unreadable one is fo_fonts_add_face's error, naming it). */
        if (access(faces[i].path, F_OK) == 0) {
            char *real = NULL;
            fo_confine_result cr = fo_confine_resolve(confine, NULL, faces[i].path, faces[i].sheet,
                                                      faces[i].line, faces[i].col, &real, &diag);
            free(real);
            if (cr == FO_CONFINE_NOMEM)
                goto done;
            if (cr != FO_CONFINE_OK)
                continue; /* warned: the rule is skipped */
        }
        if (fo_fonts_add_face(fonts, faces[i].path, faces[i].family, faces[i].weight,
                              faces[i].style != FO_FONT_NORMAL, faces[i].sheet, faces[i].line,
                              faces[i].col, &diag) != FO_OK)
            goto done;
    }

    fo_timing_lap(FO_T_LAYOUT);
    fo_typo_stats ts = {0};
    fo_layout_options lo = {.max_pages = (int)max_pages, .greedy = greedy,
                            .stats = typo_stats ? &ts : NULL, .preflight = &pf,
                            .toc = toc, .confine = confine};
    if (fo_layout_document(doc, sheet, fonts, &lo, &dl, &diag) != FO_OK)
        goto done;
    if (strict && diag.errors) /* var() invalid at computed-value time (style/vars.h) */
        goto done;

    fo_timing_lap(FO_T_WRITE);
    /* one layout, up to three outputs */
    if (png_dir || sheet_path) {
        int npng = 0;
        if (png_dir && fo_png_write_pages(dl, png_dir, &pngo, &npng, &diag) != FO_OK)
            goto done;
        if (sheet_path && fo_png_contact_sheet(dl, sheet_path, &pngo, &diag) != FO_OK)
            goto done;
        if (!quiet && png_dir)
            fprintf(stderr, "folio: wrote %d page image%s to %s\n", npng, npng == 1 ? "" : "s",
                    png_dir);
        if (!quiet && sheet_path)
            fprintf(stderr, "folio: wrote %s\n", sheet_path);
    }
    if (output && add_meta_attachments(doc, from_stdin ? NULL : input, po.pdfa, confine, &attach,
                                       nattach_cli, &fm_paths, &po.nattachments, &diag) != 0)
        goto done;
    po.attachments = attach;
    if (output && fo_pdf_write(dl, output, &po, &diag) != FO_OK)
        goto done;
    if (!quiet && to_stdout) {
        fprintf(stderr, "folio: wrote the PDF to standard output (%d page%s)\n", dl->npages,
                dl->npages == 1 ? "" : "s");
    } else if (!quiet && output) {
        struct stat st;
        long size = stat(output, &st) == 0 ? (long)st.st_size : 0;
        fprintf(stderr, "folio: wrote %s (%d page%s, %ld bytes)\n", output, dl->npages,
                dl->npages == 1 ? "" : "s", size);
    }
    if (typo_stats)
        fprintf(stderr,
                "folio: typo-stats: paragraphs=%d lines=%d justified=%d mean_ratio=%.4f "
                "sum_sq_ratio=%.4f worst_ratio=%.4f loose=%d hyphenated=%d consecutive=%d "
                "overfull=%d emergency=%d widows_orphans=%d\n",
                ts.paragraphs, ts.lines, ts.justified,
                ts.justified ? ts.sum_ratio / ts.justified : 0.0, ts.sum_sq, ts.worst, ts.loose,
                ts.hyphenated, ts.consecutive, ts.overfull, ts.emergency, ts.widows_orphans);
    if (preflight == 1)
        fo_preflight_print(&pf, name, stdout);
    else if (preflight == 2)
        fo_preflight_print_json(&pf, name, stdout);
    else if (!quiet)
        fo_preflight_summary(&pf, stderr);
    rc = 0;
done:
    fo_confine_free(confine);
    fo_preflight_free(&pf);
    fo_timing_lap(FO_T_FREE);
    if (fm_paths)
        for (int i = 0; fm_paths[i]; i++)
            free(fm_paths[i]);
    free(fm_paths);
    free(attach);
    attach = NULL;
    fo_display_free(dl);
    fo_fonts_free(fonts);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    free(buf);
    free(fonts_dir);
    free(style_default);
    free(derived);
    free(output_real);
    fo_diag_dispose(&diag);
    fo_timing_report(stderr);
    return rc;
}

int main(int argc, char **argv)
{
    const char **allow = calloc((size_t)argc + 1, sizeof *allow);
    if (!allow) {
        fputs("folio: error: out of memory\n", stderr);
        return EXIT_DOC;
    }
    int rc = run(argc, argv, allow);
    free(allow);
    return rc;
}
