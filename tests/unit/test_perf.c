/* test_perf.c — unit tests of the pieces added for speed: the stage timer
 * (base/timing), the PDF writer's number formatting and cluster ends
 * (render/pdf_util.c) and page-by-page content compression
 * (render/pdf_deflate.c, checked with qpdf).  Runs from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>

#include "base/timing.h"
#include "render/pdf_deflate.h"
#include "render/pdf_priv.h"

static void spin(double seconds)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while ((double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9 < seconds);
}

/* Nested stages are charged self time only; laps replace the outer stage. */
static void test_timing_self_time(void **state)
{
    (void)state;
    fo_timing_enable(false);
    fo_timing_push(FO_T_STYLE); /* disabled: ignored */
    spin(0.005);
    fo_timing_pop();
    fo_timing_enable(true);
    assert_true(fo_timing_enabled());
    assert_true(fo_timing_seconds(FO_T_STYLE) == 0);

    fo_timing_lap(FO_T_LAYOUT);
    spin(0.010);
    fo_timing_push(FO_T_STYLE);
    spin(0.060);
    fo_timing_push(FO_T_SHAPE);
    spin(0.120);
    fo_timing_pop();
    fo_timing_pop();
    fo_timing_lap(FO_T_WRITE);
    spin(0.010);
    fo_timing_pop(); /* unbalanced: ignored, WRITE stays open */
    spin(0.005);
    FILE *devnull = fopen("/dev/null", "w");
    fo_timing_report(devnull); /* charges the open stage */
    fclose(devnull);

    double layout = fo_timing_seconds(FO_T_LAYOUT), style = fo_timing_seconds(FO_T_STYLE);
    double shape = fo_timing_seconds(FO_T_SHAPE), write = fo_timing_seconds(FO_T_WRITE);
    /* wide margins: a loaded machine may preempt between the calls */
    assert_true(layout >= 0.010 && layout < 0.060); /* not its nested stages */
    assert_true(style >= 0.060 && style < 0.120);   /* not SHAPE's 120 ms */
    assert_true(shape >= 0.120);
    assert_true(write >= 0.015);
    fo_timing_enable(false);
}

static void check_num(double v, int decimals, const char *want)
{
    fo_pdf_buf b = {0};
    fo_pdf_buf_num(&b, v, decimals);
    fo_pdf_buf_put(&b, "", 1);
    assert_false(b.oom);
    assert_string_equal(b.p, want);
    fo_pdf_buf_free(&b);
}

/* PDF numbers (§7.3.3): no exponent, no trailing zeros, no "-0". */
static void test_number_format(void **state)
{
    (void)state;
    check_num(0, 3, "0");
    check_num(-0.0, 3, "0");
    check_num(-0.0001, 3, "0");
    check_num(1, 3, "1");
    check_num(10.5, 4, "10.5");
    check_num(-12.25, 3, "-12.25");
    check_num(595.2756, 3, "595.276");
    check_num(0.0996, 2, "0.1");
    check_num(999.9996, 3, "1000");
    check_num(1e9, 3, "10000000");
    check_num(-1e9, 0, "-10000000");
    check_num(0.5, 0, "1");
    check_num(1.0 / 3, 4, "0.3333");
    check_num(0.0 / 0.0, 3, "0");
}

static void check_ends(const uint32_t *clusters, int n, int text_len, const uint32_t *want)
{
    fo_glyph g[16] = {{0}};
    for (int i = 0; i < n; i++)
        g[i].cluster = clusters[i];
    fo_glyph_run run = {.glyphs = g, .nglyphs = n, .text = "0123456789abcdef",
                        .text_len = text_len};
    uint32_t ends[16];
    assert_true(fo_pdf_cluster_ends(&run, ends));
    for (int i = 0; i < n; i++)
        assert_int_equal(ends[i], want[i]);
}

/* A glyph's cluster ends where the next larger cluster starts, whatever the
 * order: rising (LTR), falling (RTL) or mixed (the sorting path). */
static void test_cluster_ends(void **state)
{
    (void)state;
    check_ends((uint32_t[]){0, 1, 1, 3, 5}, 5, 8, (uint32_t[]){1, 3, 3, 5, 8});
    check_ends((uint32_t[]){5, 3, 1, 1, 0}, 5, 8, (uint32_t[]){8, 5, 3, 3, 1});
    check_ends((uint32_t[]){2, 0, 5, 3}, 4, 7, (uint32_t[]){3, 2, 7, 5});
    check_ends((uint32_t[]){4, 4, 4}, 3, 6, (uint32_t[]){6, 6, 6});
    check_ends((uint32_t[]){0, 9}, 2, 4, (uint32_t[]){4, 4}); /* cluster past the text */
}

static bool file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) /* binary data: no strstr */
        if (memcmp(buf + i, needle, k) == 0)
            return true;
    return false;
}

/* A page compressed by fo_pdf_deflate_page is a valid Flate stream that
 * decodes to what the page operators wrote, and libharu does not compress
 * it a second time. */
static void test_page_deflate(void **state)
{
    (void)state;
    fo_diag diag;
    fo_diag_init(&diag);
    diag.capture = true;
    diag.out = NULL;
    fo_pdf_ctx c = {.diag = &diag, .compress = true};
    c.doc = HPDF_New(fo_pdf_on_error, &c);
    assert_non_null(c.doc);
    assert_int_equal(HPDF_SetCompressionMode(c.doc, HPDF_COMP_ALL), HPDF_OK);
    HPDF_Page page = HPDF_AddPage(c.doc);
    for (int i = 0; i < 2000; i++) { /* several of libharu's 4 KiB chunks */
        HPDF_Page_MoveTo(page, (HPDF_REAL)i, 10);
        HPDF_Page_LineTo(page, 123.5f, (HPDF_REAL)(20 + i));
        HPDF_Page_Stroke(page);
    }
    HPDF_Page empty = HPDF_AddPage(c.doc);
    fo_pdf_deflate *z = fo_pdf_deflate_new(FO_PDF_ZLEVEL);
    assert_non_null(z);
    assert_int_equal(fo_pdf_deflate_page(z, &c, page), FO_OK);
    assert_int_equal(fo_pdf_deflate_page(z, &c, empty), FO_OK);
    fo_pdf_deflate_free(z);

    char pdf[] = "/tmp/folio-test-perf-XXXXXX";
    int fd = mkstemp(pdf);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(HPDF_SaveToFile(c.doc, pdf), HPDF_OK);
    HPDF_Free(c.doc);

    char cmd[1400], qdf[600];
    snprintf(qdf, sizeof qdf, "%s.qdf", pdf);
    snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", pdf);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable %s %s 2>/dev/null", pdf, qdf);
    assert_int_equal(system(cmd), 0);
    assert_true(file_has(qdf, "1999 10 m\n123.5 2019 l\nS"));
    assert_false(file_has(pdf, "1999 10 m")); /* compressed in the file */
    unlink(qdf);
    unlink(pdf);
    assert_int_equal(diag.errors, 0);
    fo_diag_dispose(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timing_self_time),
        cmocka_unit_test(test_number_format),
        cmocka_unit_test(test_cluster_ends),
        cmocka_unit_test(test_page_deflate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
