/* test_pdf.c — unit tests of the PDF backend (render/pdf*).
 *
 * Builds display lists by hand from strings shaped with HarfBuzz, writes
 * them with fo_pdf_write and checks the files with qpdf and poppler's tools
 * (qpdf --check, pdffonts, pdftotext, pdfinfo).  Runs from the repository
 * root (fonts at fonts/...).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem: the ASan build's CFLAGS do not define it */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb.h>

#include "render/display.h"
#include "render/pdf.h"
#include "render/pdf_writer.h"

#define SERIF "fonts/NotoSerif-Regular.ttf"
#define DEJAVU "fonts/DejaVuSans.ttf"
#define DEVA "fonts/NotoSansDevanagari-Regular.ttf"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/folio-test-pdf-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    if (getenv("FOLIO_KEEP_TMP"))
        return 0;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Runs `cmd` with the shell; returns its exit status and its stdout and
 * stderr in malloc'd strings. */
static int run(const char *cmd, char **out, char **err)
{
    char full[2048], errpath[512];
    snprintf(errpath, sizeof errpath, "%s/stderr.txt", tmpdir);
    snprintf(full, sizeof full, "%s 2>'%s'", cmd, errpath);
    FILE *p = popen(full, "r");
    assert_non_null(p);
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    size_t k;
    while ((k = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += k;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[len] = '\0';
    int status = pclose(p);
    *out = buf;
    FILE *e = fopen(errpath, "rb");
    char *ebuf = calloc(1, 65536);
    if (e) {
        size_t n = fread(ebuf, 1, 65535, e);
        ebuf[n] = '\0';
        fclose(e);
    }
    if (err)
        *err = ebuf;
    else
        free(ebuf);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Number of entries in `dir` other than . and .. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

typedef struct shaper {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    int index; /* in the display's faces */
} shaper;

static void shaper_open(shaper *s, fo_display *d, const char *path,
                        const char *family)
{
    s->blob = hb_blob_create_from_file_or_fail(path);
    assert_non_null(s->blob);
    s->face = hb_face_create(s->blob, 0);
    s->font = hb_font_create(s->face);
    s->index = fo_display_face(d, path, 0, family, "");
    assert_true(s->index >= 0);
}

static void shaper_close(shaper *s)
{
    hb_font_destroy(s->font);
    hb_face_destroy(s->face);
    hb_blob_destroy(s->blob);
}

/* Shapes `text` into a glyph run item at (x, y); its glyphs are `*out`. */
static fo_item shape(fo_display *d, const shaper *s, const char *text,
                     double size, double x, double y, fo_glyph **out)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(s->font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double scale = size / hb_face_get_upem(s->face);
    fo_glyph *g = fo_display_alloc(d, n * sizeof *g);
    assert_non_null(g);
    for (unsigned i = 0; i < n; i++) {
        g[i].gid = info[i].codepoint;
        g[i].advance = pos[i].x_advance * scale;
        g[i].x_offset = pos[i].x_offset * scale;
        g[i].y_offset = -pos[i].y_offset * scale;
        g[i].cluster = info[i].cluster;
    }
    fo_item it = { .kind = FO_ITEM_GLYPHS };
    it.u.glyphs = (fo_glyph_run){
        .face = s->index, .size = size, .color = { 0.1, 0.1, 0.3, 1 },
        .x = x, .y = y, .glyphs = g, .nglyphs = (int)n,
        .text = fo_display_strdup(d, text), .text_len = (int)strlen(text),
        .rtl = hb_buffer_get_direction(buf) == HB_DIRECTION_RTL,
    };
    hb_buffer_destroy(buf);
    if (out)
        *out = g;
    return it;
}

/* Shapes `text` and adds it to page `page_no` as a glyph run at (x, y). */
static void add_text(fo_display *d, int page_no, const shaper *s,
                     const char *text, double size, double x, double y)
{
    fo_item it = shape(d, s, text, size, x, y, NULL);
    assert_int_equal(fo_page_add(d, &d->pages[page_no], &it), FO_OK);
}

static void add(fo_display *d, int page_no, fo_item it)
{
    assert_int_equal(fo_page_add(d, &d->pages[page_no], &it), FO_OK);
}

static void add_link(fo_display *d, int page_no, double x, double y,
                     const char *uri, const char *dest)
{
    fo_item it = { .kind = FO_ITEM_LINK };
    it.u.link = (fo_link_item){ x, y, 100, 16, uri ? fo_display_strdup(d, uri) : NULL,
                                dest ? fo_display_strdup(d, dest) : NULL };
    add(d, page_no, it);
}

static void add_outline(fo_display *d, int page_no, const char *title,
                        int level, double y)
{
    fo_item it = { .kind = FO_ITEM_OUTLINE };
    it.u.outline = (fo_outline_item){ fo_display_strdup(d, title), level, y };
    add(d, page_no, it);
}

/* The test document: two A4 pages, four faces. */
static fo_display *make_doc(void)
{
    fo_display *d = fo_display_new();
    assert_non_null(d);
    assert_non_null(fo_display_add_page(d, 595.276, 841.89));
    assert_non_null(fo_display_add_page(d, 595.276, 841.89));
    d->info.title = fo_display_strdup(d, "Folio PDF test — Ünïcode");
    d->info.author = fo_display_strdup(d, "Test Author");
    d->info.subject = fo_display_strdup(d, "PDF backend");
    d->info.keywords = fo_display_strdup(d, "pdf, test");
    d->info.lang = fo_display_strdup(d, "en-US");

    shaper serif, dejavu, deva;
    shaper_open(&serif, d, SERIF, "Noto Serif");
    shaper_open(&dejavu, d, DEJAVU, "DejaVu Sans");
    shaper_open(&deva, d, DEVA, "Noto Sans Devanagari");

    add_outline(d, 0, "Introduction", 1, 60);
    add_text(d, 0, &serif, "office affluent", 18, 72, 100);
    add_outline(d, 0, "Ελληνικά details", 2, 120);
    add_text(d, 0, &dejavu, "𝔸 Ελληνικά", 14, 72, 140);
    add_text(d, 0, &deva, "हिन्दी", 16, 72, 180);
    add_text(d, 0, &serif, "Visit the site and see section two.", 11, 72, 220);

    fo_item r = { .kind = FO_ITEM_RECT };
    r.u.rect = (fo_rect_item){ 72, 240, 200, 30, { 0.9, 0.9, 0.6, 1 },
                               { 0.2, 0.2, 0.2, 1 }, 1 };
    add(d, 0, r);
    fo_item r2 = { .kind = FO_ITEM_RECT };
    r2.u.rect = (fo_rect_item){ 150, 250, 200, 30, { 0, 0.4, 0.8, 0.5 },
                                { 0, 0, 0, 0 }, 0 };
    add(d, 0, r2);
    fo_item l = { .kind = FO_ITEM_LINE };
    l.u.line = (fo_line_item){ 72, 290, 520, 290, { 0.8, 0, 0, 1 }, 0.5, FO_LINE_SOLID};
    add(d, 0, l);
    add_link(d, 0, 72, 208, "https://example.org/ünï", NULL);
    add_link(d, 0, 250, 208, NULL, "sec2");

    add_outline(d, 1, "Section two", 1, 72);
    fo_item a = { .kind = FO_ITEM_ANCHOR };
    a.u.anchor = (fo_anchor_item){ fo_display_strdup(d, "sec2"), 72, 72 };
    add(d, 1, a);
    add_text(d, 1, &serif, "Section two", 16, 72, 100);
    add_text(d, 1, &dejavu, "مرحبا بالعالم", 14, 72, 140); /* right-to-left */

    shaper_close(&serif);
    shaper_close(&dejavu);
    shaper_close(&deva);
    return d;
}

/* The value of "Key:   value" in pdfinfo's output ("" when absent). */
static const char *info_value(const char *out, const char *key)
{
    static char val[256];
    val[0] = '\0';
    size_t kl = strlen(key);
    for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, key, kl) == 0 && l[kl] == ':') {
            const char *v = l + kl + 1;
            while (*v == ' ')
                v++;
            size_t n = strcspn(v, "\n");
            if (n >= sizeof val)
                n = sizeof val - 1;
            memcpy(val, v, n);
            val[n] = '\0';
            break;
        }
    }
    return val;
}

static char *path_in(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

static void test_write_and_check(void **state)
{
    (void)state;
    fo_display *d = make_doc();
    fo_diag diag;
    fo_diag_init(&diag);
    diag.capture = true;
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("out.pdf"));
    fo_pdf_options opt = { .compress = true, .creator = "folio test" };
    assert_int_equal(fo_pdf_write(d, path, &opt, &diag), FO_OK);
    assert_int_equal(diag.errors, 0);
    assert_int_equal(diag.warnings, 0);
    assert_true(file_exists(path));
    assert_int_equal(count_entries(tmpdir), 1); /* no temporary left */

    char cmd[1024], *out, *err;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    int rc = run(cmd, &out, &err);
    if (rc != 0 || strstr(out, "WARNING") || *err)
        print_error("qpdf --check:\n%s%s\n", out, err);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "No syntax or stream encoding errors found"));
    assert_null(strstr(out, "WARNING"));
    assert_string_equal(err, "");
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    int fonts = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
            continue;
        fonts++;
        if (!strstr(line, "CID TrueType") || !strstr(line, "Identity-H") ||
            !strstr(line, "yes yes yes"))
            print_error("pdffonts line: %s\n", line);
        assert_non_null(strstr(line, "CID TrueType"));
        assert_non_null(strstr(line, "Identity-H"));
        /* emb sub uni */
        assert_non_null(strstr(line, "yes yes yes"));
        assert_true(line[6] == '+');
    }
    assert_int_equal(fonts, 3);
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "pdftotext '%s' -", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    if (*err)
        print_error("pdftotext stderr: %s\n", err);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "office affluent"));
    assert_non_null(strstr(out, "𝔸"));
    assert_non_null(strstr(out, "Ελληνικά"));
    assert_non_null(strstr(out, "हिन्दी"));
    assert_non_null(strstr(out, "Section two"));
    assert_non_null(strstr(out, "مرحبا"));
    assert_non_null(strstr(out, "بالعالم"));
    free(out);
    free(err);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    assert_string_equal(info_value(out, "Title"), "Folio PDF test — Ünïcode");
    assert_string_equal(info_value(out, "Author"), "Test Author");
    assert_string_equal(info_value(out, "Creator"), "folio test");
    assert_string_equal(info_value(out, "Producer"), "folio");
    assert_string_equal(info_value(out, "Pages"), "2");
    assert_string_equal(info_value(out, "PDF version"), "1.7");
    assert_true(strlen(info_value(out, "CreationDate")) > 10);
    free(out);
    free(err);

    /* outline: three entries, the second nested under the first */
    snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines '%s'", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_non_null(strstr(out, "\"title\": \"Introduction\""));
    assert_non_null(strstr(out, "\"title\": \"Ελληνικά details\""));
    assert_non_null(strstr(out, "\"title\": \"Section two\""));
    free(out);
    free(err);

    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* Uncompressed output: check the operators and font objects directly. */
static void test_uncompressed_objects(void **state)
{
    (void)state;
    fo_display *d = make_doc();
    fo_diag diag;
    fo_diag_init(&diag);
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("plain.pdf"));
    fo_pdf_options opt = { .compress = false, .creator = NULL };
    assert_int_equal(fo_pdf_write(d, path, &opt, &diag), FO_OK);

    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    /* NUL bytes in font data: search with memmem */
#define HAS(s) (memmem(buf, (size_t)n, (s), strlen(s)) != NULL)
    assert_true(HAS("/Encoding /Identity-H"));
    assert_true(HAS("/Subtype /CIDFontType2"));
    assert_true(HAS("/CIDToGIDMap /Identity"));
    assert_true(HAS("/Registry (Adobe)"));
    assert_true(HAS("/FontFile2"));
    assert_true(HAS("/Length1"));
    assert_true(HAS("begincodespacerange\n<0000> <FFFF>"));
    assert_true(HAS("beginbfchar"));
    assert_true(HAS("] TJ"));
    assert_true(HAS(" Tf\n"));
    assert_true(HAS("/Lang (en-US)"));
    assert_true(HAS("/Border [ 0 0 0 ]"));
    assert_true(HAS("/ActualText"));
    assert_false(HAS(" Tw"));
    assert_false(HAS("e-0"));
#undef HAS
    free(buf);

    char cmd[1024], *out, *err;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_null(strstr(out, "WARNING"));
    free(out);
    free(err);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

static void test_missing_directory(void **state)
{
    (void)state;
    fo_display *d = make_doc();
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    diag.capture = true;
    char path[600], dir[512];
    snprintf(dir, sizeof dir, "%s", path_in("nodir"));
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    assert_int_equal(fo_pdf_write(d, path, NULL, &diag), FO_ERR_IO);
    assert_false(file_exists(path));
    assert_false(file_exists(dir));
    char want[700];
    snprintf(want, sizeof want, "folio: error: cannot write %s: No such file or directory", path);
    assert_non_null(diag.captured);
    assert_non_null(strstr(diag.captured, want));
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

static void test_replace_existing(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path_in("replace"));
    assert_int_equal(mkdir(dir, 0777), 0);
    char path[600];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    FILE *f = fopen(path, "wb");
    fputs("old contents", f);
    fclose(f);

    fo_display *d = make_doc();
    fo_diag diag;
    fo_diag_init(&diag);
    assert_int_equal(fo_pdf_write(d, path, NULL, &diag), FO_OK);
    f = fopen(path, "rb");
    char head[8] = { 0 };
    assert_int_equal(fread(head, 1, 5, f), 5);
    fclose(f);
    assert_string_equal(head, "%PDF-");
    assert_int_equal(count_entries(dir), 1);

    /* a failing write (unreadable font) leaves the previous file intact */
    fo_display *bad = fo_display_new();
    fo_page *pg = fo_display_add_page(bad, 200, 200);
    int face = fo_display_face(bad, "fonts/no-such-font.ttf", 0, "None", "");
    fo_glyph *g = fo_display_alloc(bad, sizeof *g);
    g->gid = 1;
    g->advance = 5;
    fo_item it = { .kind = FO_ITEM_GLYPHS };
    it.u.glyphs = (fo_glyph_run){ .face = face, .size = 10, .color = { 0, 0, 0, 1 },
                                  .x = 10, .y = 10, .glyphs = g, .nglyphs = 1,
                                  .text = fo_display_strdup(bad, "x"), .text_len = 1 };
    assert_int_equal(fo_page_add(bad, pg, &it), FO_OK);
    diag.out = NULL;
    diag.capture = true;
    assert_int_equal(fo_pdf_write(bad, path, NULL, &diag), FO_ERR_FONT);
    assert_non_null(strstr(diag.captured, "fonts/no-such-font.ttf"));
    assert_int_equal(count_entries(dir), 1);
    f = fopen(path, "rb");
    memset(head, 0, sizeof head);
    assert_int_equal(fread(head, 1, 5, f), 5);
    fclose(f);
    assert_string_equal(head, "%PDF-");

    fo_diag_dispose(&diag);
    fo_display_free(bad);
    fo_display_free(d);
}

/* A face with a 'CFF ' table cannot be embedded: the error names the file. */
static void test_cff_rejected(void **state)
{
    (void)state;
    char font[512];
    snprintf(font, sizeof font, "%s", path_in("cff.otf"));
    /* minimal sfnt: 'OTTO', one table 'CFF ' of 4 bytes */
    static const unsigned char otf[] = {
        'O', 'T', 'T', 'O', 0, 1, 0, 16, 0, 0, 0, 0,
        'C', 'F', 'F', ' ', 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 4,
        1, 0, 4, 1,
    };
    FILE *f = fopen(font, "wb");
    fwrite(otf, 1, sizeof otf, f);
    fclose(f);

    fo_display *d = fo_display_new();
    fo_page *pg = fo_display_add_page(d, 200, 200);
    int face = fo_display_face(d, font, 0, "CFF", "");
    fo_glyph *g = fo_display_alloc(d, sizeof *g);
    g->gid = 1;
    fo_item it = { .kind = FO_ITEM_GLYPHS };
    it.u.glyphs = (fo_glyph_run){ .face = face, .size = 10, .color = { 0, 0, 0, 1 },
                                  .glyphs = g, .nglyphs = 1,
                                  .text = fo_display_strdup(d, "x"), .text_len = 1 };
    assert_int_equal(fo_page_add(d, pg, &it), FO_OK);
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    diag.capture = true;
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("cff.pdf"));
    assert_int_equal(fo_pdf_write(d, path, NULL, &diag), FO_ERR_FONT);
    assert_non_null(strstr(diag.captured, font));
    assert_non_null(strstr(diag.captured, "CFF"));
    assert_false(file_exists(path));
    fo_diag_dispose(&diag);
    fo_display_free(d);
    unlink(font);
}

/* Reads a whole file into a NUL-terminated malloc'd buffer. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Widened spaces become TJ adjustments; an offset glyph gets its own Tm and
 * the next glyph returns to the baseline. */
/* `v` with 3 decimals, trailing zeros and point dropped (as the PDF
 * writer prints numbers).  Returns a static buffer. */
static const char *fmt3(double v)
{
    static char x[32];
    snprintf(x, sizeof x, "%.3f", v);
    while (x[strlen(x) - 1] == '0')
        x[strlen(x) - 1] = '\0';
    if (x[strlen(x) - 1] == '.')
        x[strlen(x) - 1] = '\0';
    return x;
}

static void test_positioning(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    fo_display_add_page(d, 200, 100);
    shaper serif;
    shaper_open(&serif, d, SERIF, "Noto Serif");
    fo_glyph *g;
    fo_item it = shape(d, &serif, "a bc", 10, 10, 20, &g);
    assert_int_equal(it.u.glyphs.nglyphs, 4);
    double a = g[0].advance, sp = g[1].advance, b = g[2].advance;
    g[1].advance += 3;   /* justification: 3 pt more after the space */
    g[2].y_offset = -2;  /* 'b' raised by 2 pt */
    add(d, 0, it);
    shaper_close(&serif);

    fo_diag diag;
    fo_diag_init(&diag);
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("pos.pdf"));
    fo_pdf_options opt = { .compress = false };
    assert_int_equal(fo_pdf_write(d, path, &opt, &diag), FO_OK);
    size_t n;
    char *buf = slurp(path, &n);
    char want[256];
    /* Noto Serif has 1000 units per em: /W widths are exact, no drift.
     * Runs share a text object; Td moves relative to the last line origin. */
    snprintf(want, sizeof want, " rg\n10 80 Td\n[<%04X%04X>] TJ\n", g[0].gid, g[1].gid);
    assert_non_null(memmem(buf, n, want, strlen(want)));
    const char *bt = memmem(buf, n, "BT\n", 3);
    assert_non_null(bt);
    assert_null(memmem(bt + 1, n - (size_t)(bt + 1 - buf), "BT\n", 3)); /* one text object */
    double dx1 = round((a + sp + 3) * 1000) / 1000;
    snprintf(want, sizeof want, "%s 2 Td\n[<%04X>] TJ\n", fmt3(dx1), g[2].gid);
    assert_non_null(memmem(buf, n, want, strlen(want)));
    double dx2 = round((10 + a + sp + 3 + b - (10 + dx1)) * 1000) / 1000;
    snprintf(want, sizeof want, "%s -2 Td\n[<%04X>] TJ\nET\n", fmt3(dx2), g[3].gid);
    assert_non_null(memmem(buf, n, want, strlen(want)));
    free(buf);

    /* without the offset, the extra space is a TJ adjustment of -300 */
    g[2].y_offset = 0;
    assert_int_equal(fo_pdf_write(d, path, &opt, &diag), FO_OK);
    buf = slurp(path, &n);
    snprintf(want, sizeof want, "[<%04X%04X>-300<%04X%04X>] TJ\n",
             g[0].gid, g[1].gid, g[2].gid, g[3].gid);
    assert_non_null(memmem(buf, n, want, strlen(want)));
    free(buf);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* A libharu error (page size out of its range) is FO_ERR_PDF, reported
 * with libharu's error number; no file is left behind. */
static void test_libharu_error(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    fo_display_add_page(d, 1, 1);
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    diag.capture = true;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s", path_in("harufail"));
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    assert_int_equal(fo_pdf_write(d, path, NULL, &diag), FO_ERR_PDF);
    assert_non_null(strstr(diag.captured, "folio: error: PDF writer: libharu error 0x"));
    assert_int_equal(diag.errors, 1);
    assert_int_equal(count_entries(dir), 0);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* A link to a missing anchor is dropped with one warning per name. */
/* Page label ranges from the display list become /PageLabels (PDF 1.7
 * §12.4.2): pdfinfo -l shows each page's label. */
static void test_page_labels(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    for (int i = 0; i < 5; i++)
        fo_display_add_page(d, 300, 300);
    d->labels = fo_display_alloc(d, 2 * sizeof *d->labels);
    d->labels[0] = (fo_page_label){ 0, FO_LABEL_ROMAN_LOWER, 1, NULL };
    d->labels[1] = (fo_page_label){ 2, FO_LABEL_DECIMAL, 1, fo_display_strdup(d, "A-") };
    d->nlabels = 2;
    fo_diag diag;
    fo_diag_init(&diag);
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("labels.pdf"));
    assert_int_equal(fo_pdf_write(d, path, NULL, &diag), FO_OK);
    char cmd[1024], *out, *err;
    snprintf(cmd, sizeof cmd, "qpdf --show-object=1 '%s'", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_non_null(strstr(out, "/PageLabels << /Nums [ 0 << /S /r /St 1 >> 2 << /P (A-) /S /D /St 1 >> ] >>"));
    free(out);
    free(err);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

/* Creation and modification dates: front matter ISO 8601 dates with and
 * without time and zone, SOURCE_DATE_EPOCH, --reproducible without either,
 * and a date that is not ISO 8601 (warned about, build date used). */
static void test_dates(void **state)
{
    (void)state;
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    diag.capture = true;
    fo_display_info in = { 0 };
    fo_pdf_date c, m;
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1); /* 2023-11-14 22:13:20 UTC */
    in.date = "2024-05-01T13:45:10+02:00";
    fo_pdf_resolve_dates(&in, false, &diag, &c, &m);
    assert_true(c.set && m.set);
    assert_int_equal(c.year, 2024);
    assert_int_equal(c.month, 5);
    assert_int_equal(c.day, 1);
    assert_int_equal(c.hour, 13);
    assert_int_equal(c.minute, 45);
    assert_int_equal(c.second, 10);
    assert_int_equal(c.offset_min, 120);
    assert_int_equal(m.year, 2023);
    assert_int_equal(m.hour, 22);
    assert_int_equal(m.minute, 13);
    assert_int_equal(m.offset_min, 0);
    in.date = "2024-05-01";
    fo_pdf_resolve_dates(&in, true, &diag, &c, &m);
    assert_int_equal(c.day, 1);
    assert_int_equal(c.hour, 0);
    assert_int_equal(c.offset_min, 0);
    in.date = "2024-05-01T08:00-05:30";
    fo_pdf_resolve_dates(&in, true, &diag, &c, &m);
    assert_int_equal(c.hour, 8);
    assert_int_equal(c.offset_min, -330);
    assert_int_equal(diag.warnings, 0);
    in.date = "spring 2024";
    fo_pdf_resolve_dates(&in, false, &diag, &c, &m);
    assert_int_equal(diag.warnings, 1);
    assert_non_null(strstr(diag.captured, "'spring 2024' is not an ISO 8601 date"));
    assert_int_equal(c.year, 2023); /* the build date */
    in.date = "2024-13-01";
    fo_pdf_resolve_dates(&in, false, &diag, &c, &m);
    assert_int_equal(diag.warnings, 2);
    in.date = "2023-02-29";
    fo_pdf_resolve_dates(&in, false, &diag, &c, &m);
    assert_int_equal(diag.warnings, 3);
    in.date = "2024-02-29";
    fo_pdf_resolve_dates(&in, false, &diag, &c, &m);
    assert_int_equal(diag.warnings, 3);
    assert_int_equal(c.year, 2024);
    /* --reproducible, no SOURCE_DATE_EPOCH: the front matter date or none */
    unsetenv("SOURCE_DATE_EPOCH");
    in.date = "2024-05-01";
    fo_pdf_resolve_dates(&in, true, &diag, &c, &m);
    assert_true(c.set && m.set);
    assert_int_equal(m.year, 2024);
    in.date = NULL;
    fo_pdf_resolve_dates(&in, true, &diag, &c, &m);
    assert_false(c.set);
    assert_false(m.set);
    fo_diag_dispose(&diag);
}

static int count_of(const char *buf, size_t n, const char *s)
{
    int k = 0;
    size_t l = strlen(s);
    for (const char *p = buf; (p = memmem(p, n - (size_t)(p - buf), s, l)); p += l)
        k++;
    return k;
}

/* Glyph runs in a row share one text object, with Tf and rg written once;
 * a rectangle between runs closes it (ET before the path), and a
 * translucent run gets its own, inside q … Q. */
static void test_text_objects(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    fo_display_add_page(d, 300, 300);
    shaper serif;
    shaper_open(&serif, d, SERIF, "Noto Serif");
    add_text(d, 0, &serif, "one", 10, 10, 20);
    add_text(d, 0, &serif, "two", 10, 10, 34);
    add_text(d, 0, &serif, "three", 10, 10, 48);
    fo_item r = { .kind = FO_ITEM_RECT };
    r.u.rect = (fo_rect_item){ 10, 60, 50, 10, { 0.9, 0.9, 0.9, 1 }, { 0, 0, 0, 0 }, 0 };
    add(d, 0, r);
    add_text(d, 0, &serif, "four", 10, 10, 80);
    fo_item t = shape(d, &serif, "five", 10, 10, 94, NULL);
    t.u.glyphs.color.a = 0.5;
    add(d, 0, t);
    shaper_close(&serif);
    fo_diag diag;
    fo_diag_init(&diag);
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("textobj.pdf"));
    fo_pdf_options opt = { .compress = false };
    assert_int_equal(fo_pdf_write(d, path, &opt, &diag), FO_OK);
    size_t n;
    char *buf = slurp(path, &n);
    assert_int_equal(count_of(buf, n, "BT\n"), 3);
    assert_int_equal(count_of(buf, n, "ET\n"), 3);
    assert_int_equal(count_of(buf, n, " Tf\n"), 3);
    assert_int_equal(count_of(buf, n, " Td\n"), 5);
    /* lines 2 and 3: 14 pt down from the line before */
    assert_int_equal(count_of(buf, n, "0 -14 Td\n"), 2);
    const char *re = memmem(buf, n, " re\n", 4);
    assert_non_null(re);
    const char *et = memmem(buf, n, "ET\n", 3);
    assert_true(et < re);
    const char *q = memmem(buf, n, "q\n", 2);
    assert_non_null(q);
    assert_true(q > re);
    free(buf);
    char cmd[2048], *out, *err;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' && pdftotext '%s' -", path, path);
    assert_int_equal(run(cmd, &out, &err), 0);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "one\ntwo\nthree\nfour\nfive"));
    free(out);
    free(err);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

static void test_missing_anchor(void **state)
{
    (void)state;
    fo_display *d = fo_display_new();
    fo_display_add_page(d, 300, 300);
    add_link(d, 0, 10, 10, NULL, "nowhere");
    add_link(d, 0, 10, 40, NULL, "nowhere");
    add_link(d, 0, 10, 70, NULL, "elsewhere");
    add_link(d, 0, 10, 100, NULL, "here");
    fo_item a = { .kind = FO_ITEM_ANCHOR };
    a.u.anchor = (fo_anchor_item){ fo_display_strdup(d, "here"), 0, 200 };
    add(d, 0, a);
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    diag.capture = true;
    char path[512];
    snprintf(path, sizeof path, "%s", path_in("anchors.pdf"));
    assert_int_equal(fo_pdf_write(d, path, NULL, &diag), FO_OK);
    assert_int_equal(diag.warnings, 2);
    assert_non_null(strstr(diag.captured, "\"nowhere\""));
    assert_non_null(strstr(diag.captured, "\"elsewhere\""));
    char cmd[1024], *out, *err;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    assert_int_equal(run(cmd, &out, &err), 0);
    free(out);
    free(err);
    fo_diag_dispose(&diag);
    fo_display_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_and_check),
        cmocka_unit_test(test_uncompressed_objects),
        cmocka_unit_test(test_missing_directory),
        cmocka_unit_test(test_replace_existing),
        cmocka_unit_test(test_cff_rejected),
        cmocka_unit_test(test_missing_anchor),
        cmocka_unit_test(test_positioning),
        cmocka_unit_test(test_libharu_error),
        cmocka_unit_test(test_page_labels),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_text_objects),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
