/* test_image.c — unit tests of image reading (render/image.c): JPEGs.
 *
 * Makes a valid JPEG with libjpeg, then damaged copies of it (cut short,
 * garbage in the entropy-coded data, a bogus header, a header claiming too
 * many pixels) and checks that fo_image_load and fo_image_pixels_read take
 * the valid one and refuse each damaged one with FO_ERR_DOC and a reason,
 * without printing anything (libjpeg's own messages go nowhere).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>

#include "render/image.h"

#define W 160
#define H 120

static char tmpdir[64];
static unsigned char *good;
static size_t good_len;

/* A W x H baseline RGB JPEG of a busy pattern, so the scan has many bytes. */
static void make_good(void)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    unsigned long len = 0;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &good, &len);
    c.image_width = W;
    c.image_height = H;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[W * 3];
    while (c.next_scanline < c.image_height) {
        unsigned y = c.next_scanline;
        for (int x = 0; x < W; x++)
            for (int k = 0; k < 3; k++)
                row[x * 3 + k] = (unsigned char)((x * (k + 3) ^ y * (5 - k)) & 255);
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    good_len = len;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/folio-test-image-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    make_good();
    return good && good_len > 1000 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        return -1;
    free(good);
    return 0;
}

static const char *write_file(const char *name, const unsigned char *data, size_t len)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Offset of the first byte after the SOS segment: the entropy-coded data. */
static size_t scan_start(void)
{
    for (size_t i = 2; i + 3 < good_len; i++)
        if (good[i] == 0xFF && good[i + 1] == 0xDA)
            return i + 2 + ((size_t)good[i + 2] << 8 | good[i + 3]);
    fail_msg("no SOS marker");
    return 0;
}

/* Loads `path` both ways with stderr redirected to a file; checks the
 * status, that the reason starts with `prefix` and contains `part`, and
 * that nothing was printed. */
static void expect(const char *path, fo_status want, const char *prefix, const char *part)
{
    char errpath[128];
    snprintf(errpath, sizeof errpath, "%s/stderr", tmpdir);
    fflush(stderr);
    int saved = dup(2);
    FILE *ef = fopen(errpath, "w");
    assert_non_null(ef);
    dup2(fileno(ef), 2);

    fo_image_info info;
    char why[256] = "";
    fo_status st = fo_image_load(path, &info, why, sizeof why);
    fo_image_pixels px;
    char why2[256] = "";
    fo_status st2 = fo_image_pixels_read(path, &px, why2, sizeof why2);

    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fclose(ef);
    FILE *r = fopen(errpath, "rb");
    assert_non_null(r);
    fseek(r, 0, SEEK_END);
    long printed = ftell(r);
    fclose(r);

    assert_int_equal(printed, 0);
    assert_int_equal(st, want);
    assert_int_equal(st2, want);
    if (want == FO_OK) {
        assert_int_equal(info.format, FO_IMAGE_JPEG);
        assert_int_equal(info.width, W);
        assert_int_equal(info.height, H);
        assert_int_equal(info.components, 3);
        assert_int_equal(px.width, W);
        assert_int_equal(px.height, H);
        assert_non_null(px.rgb);
        assert_null(px.alpha);
        fo_image_pixels_free(&px);
        return;
    }
    assert_null(px.rgb);
    assert_null(px.alpha);
    if (strncmp(why, prefix, strlen(prefix)) != 0 || !strstr(why, part))
        fail_msg("reason '%s' is not '%s...%s'", why, prefix, part);
    assert_string_equal(why, why2);
}

static void test_valid(void **state)
{
    (void)state;
    expect(write_file("good.jpg", good, good_len), FO_OK, "", "");
}

/* Cut in the middle of the scan: libjpeg only warns ("Premature end of
 * JPEG file") and would fill the rest with grey. */
static void test_truncated(void **state)
{
    (void)state;
    size_t cut = scan_start() + (good_len - scan_start()) / 2;
    expect(write_file("cut.jpg", good, cut), FO_ERR_DOC, "corrupt JPEG: ", "Premature end");
    /* cut inside the header: an error, not a warning */
    expect(write_file("cut-header.jpg", good, 40), FO_ERR_DOC, "corrupt JPEG: ", "");
}

/* 64 bytes of garbage (no 0xFF, so no false markers) over the middle of
 * the scan: the decoder gets out of step with the Huffman codes. */
static void test_garbage(void **state)
{
    (void)state;
    unsigned char *bad = malloc(good_len);
    assert_non_null(bad);
    memcpy(bad, good, good_len);
    size_t at = scan_start() + (good_len - scan_start()) / 3;
    uint32_t x = 12345;
    for (size_t i = 0; i < 64; i++) {
        x = x * 1103515245u + 12345u;
        bad[at + i] = (unsigned char)((x >> 16) % 255); /* 0..254 */
    }
    const char *path = write_file("garbage.jpg", bad, good_len);
    free(bad);
    expect(path, FO_ERR_DOC, "corrupt JPEG: ", "Corrupt JPEG data");
}

/* The pixel limit is checked from the header, before decoding. */
static void test_too_large(void **state)
{
    (void)state;
    unsigned char *bad = malloc(good_len);
    assert_non_null(bad);
    memcpy(bad, good, good_len);
    size_t i = 2;
    while (i + 8 < good_len && !(bad[i] == 0xFF && bad[i + 1] == 0xC0))
        i++;
    assert_true(i + 8 < good_len);
    bad[i + 5] = 0x4E, bad[i + 6] = 0x20; /* height 20000 */
    bad[i + 7] = 0x4E, bad[i + 8] = 0x20; /* width 20000 */
    const char *path = write_file("large.jpg", bad, good_len);
    free(bad);
    expect(path, FO_ERR_DOC, "JPEG too large (20000 x 20000 px)", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_too_large),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
