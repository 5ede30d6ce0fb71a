/* fuzz_css.c — libFuzzer target: the style-sheet reader (tokenizer, parser,
 * selectors, property values, @page) and the cascade over a few elements.
 * Any input must parse (warnings only) or be refused with a status; never
 * crash, hang or leak.  Built and run by `make fuzz-smoke` / `make fuzz`. */
#include <stddef.h>
#include <stdint.h>

#include "style/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    fo_sheet *sheet = NULL;
    bool strict = size > 0 && (data[0] & 1); /* both modes */
    if (fo_sheet_parse((const char *)data, size, "fuzz.css", strict, &sheet, &diag) == FO_OK) {
        fo_elem body = {"body", NULL, 1, NULL, NULL, 0};
        fo_elem div = {"div", "note footnote", 1, &body, NULL, 0};
        fo_elem p = {"p", NULL, 2, &div, NULL, 0};
        fo_elem em = {"em", "x", 1, &p, NULL, 0};
        fo_style sb, sd, sp, se;
        fo_style_compute(sheet, &body, NULL, &sb);
        fo_style_compute(sheet, &div, &sb, &sd);
        fo_style_compute(sheet, &p, &sd, &sp);
        fo_style_compute(sheet, &em, &sp, &se);
        fo_style ps, mb; /* pseudo-elements and margin boxes (var() too) */
        fo_style_compute_pseudo(sheet, &p, FO_PSEUDO_BEFORE, &sp, &ps);
        fo_sheet_margin_box(sheet, FO_PAGE_FIRST, FO_MB_TOP_CENTER, &sb, &mb);
        fo_page_style pg;
        fo_sheet_page(sheet, &pg);
    }
    fo_sheet_free(sheet);
    fo_diag_dispose(&diag);
    return 0;
}
