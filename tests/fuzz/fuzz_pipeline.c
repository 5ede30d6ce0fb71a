/* fuzz_pipeline.c — libFuzzer target: the whole pipeline on one input,
 * Markdown (with front matter) → document tree → layout → display list →
 * PDF written to a temporary file, with the house style and bundled fonts
 * loaded once.  Run from the source tree (fonts/ and styles/default.css;
 * FOLIO_FONTS and FOLIO_STYLE override).  At most 10 pages per input so an
 * execution stays fast.  Never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "render/pdf.h"
#include "style/style.h"
#include "text/fonts.h"

static fo_fonts *fonts;
static fo_sheet *sheet;
static char out_path[64];

/* Frees the fonts and the sheet at exit, so LeakSanitizer's check at exit
 * sees every allocation of the run released (as in a folio run). */
static void cleanup(void)
{
    fo_fonts_free(fonts);
    fo_sheet_free(sheet);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fo_diag diag;
    fo_diag_init(&diag);
    const char *fdir = getenv("FOLIO_FONTS") ? getenv("FOLIO_FONTS") : "fonts";
    const char *css = getenv("FOLIO_STYLE") ? getenv("FOLIO_STYLE") : "styles/default.css";
    if (fo_fonts_new(fdir, &fonts, &diag) != FO_OK ||
        fo_sheet_load(css, false, NULL, NULL, &sheet, &diag) != FO_OK) {
        fprintf(stderr, "fuzz_pipeline: run from the source tree (fonts/, styles/)\n");
        exit(1);
    }
    fo_diag_dispose(&diag);
    atexit(cleanup);
    snprintf(out_path, sizeof out_path, "/tmp/folio-fuzz-%ld.pdf", (long)getpid());
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    fo_doc *doc = NULL;
    fo_display *dl = NULL;
    if (fo_doc_parse((const char *)data, size, "fuzz.md", &doc, &diag) == FO_OK) {
        fo_layout_options lo = {.max_pages = 10};
        if (fo_layout_document(doc, sheet, fonts, &lo, &dl, &diag) == FO_OK) {
            fo_pdf_options po = {.compress = true, .creator = "folio-fuzz"};
            if (fo_pdf_write(dl, out_path, &po, &diag) == FO_OK)
                unlink(out_path);
        }
    }
    fo_display_free(dl);
    fo_doc_free(doc);
    fo_diag_dispose(&diag);
    return 0;
}
