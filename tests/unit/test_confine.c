/* test_confine.c — unit tests for src/base/confine.c and base/limits.c:
 * which references folio may read, and the image pixel limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/confine.h"
#include "base/limits.h"

/* A scratch tree:
 *   T/doc/report.md  T/doc/img/a.png  T/doc/fifo (FIFO)
 *   T/doc/out-link -> T/secret/key     T/doc/in-link -> img/a.png
 *   T/doc/dirlink -> T/secret
 *   T/secret/key     T/docs2/x.png (a sibling whose name starts like doc)
 *   T/extra/e.png */
typedef struct fx {
    char root[64];
    char p[512];
    fo_confine *c;
    fo_diag diag;
} fx;

static const char *P(fx *f, const char *rel)
{
    snprintf(f->p, sizeof f->p, "%s/%s", f->root, rel);
    return f->p;
}

static void touch(fx *f, const char *rel)
{
    FILE *fp = fopen(P(f, rel), "w");
    assert_non_null(fp);
    fputs("data", fp);
    fclose(fp);
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    strcpy(f->root, "/tmp/folio-confine-XXXXXX");
    if (!mkdtemp(f->root))
        return -1;
    const char *dirs[] = {"doc", "doc/img", "secret", "docs2", "extra"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        mkdir(P(f, dirs[i]), 0755);
    touch(f, "doc/report.md");
    touch(f, "doc/img/a.png");
    touch(f, "secret/key");
    touch(f, "docs2/x.png");
    touch(f, "extra/e.png");
    mkfifo(P(f, "doc/fifo"), 0644);
    char target[512];
    snprintf(target, sizeof target, "%s/secret/key", f->root);
    if (symlink(target, P(f, "doc/out-link")) != 0)
        return -1;
    if (symlink("img/a.png", P(f, "doc/in-link")) != 0)
        return -1;
    snprintf(target, sizeof target, "%s/secret", f->root);
    if (symlink(target, P(f, "doc/dirlink")) != 0)
        return -1;
    f->c = fo_confine_new();
    fo_diag_init(&f->diag);
    f->diag.out = NULL;
    f->diag.capture = true;
    assert_int_equal(fo_confine_allow_file_dir(f->c, P(f, "doc/report.md"), &f->diag),
                     FO_CONFINE_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
    if (system(cmd) != 0)
        return -1;
    fo_confine_free(f->c);
    fo_diag_dispose(&f->diag);
    free(f);
    return 0;
}

static const char *captured(fx *f)
{
    return f->diag.captured ? f->diag.captured : "";
}

/* Resolves `ref` against the document's folder. */
static fo_confine_result res(fx *f, const char *ref, char **real)
{
    return fo_confine_resolve(f->c, fo_confine_doc_dir(f->c), ref, "t.md", 3, 7, real,
                              &f->diag);
}

static void test_inside_ok(void **state)
{
    fx *f = *state;
    char *real;
    assert_int_equal(res(f, "img/a.png", &real), FO_CONFINE_OK);
    assert_string_equal(real, P(f, "doc/img/a.png"));
    free(real);
    /* `..` that stays inside, and a symbolic link that stays inside */
    assert_int_equal(res(f, "img/../img/./a.png", &real), FO_CONFINE_OK);
    free(real);
    assert_int_equal(res(f, "in-link", &real), FO_CONFINE_OK);
    assert_string_equal(real, P(f, "doc/img/a.png"));
    free(real);
    /* an absolute path inside a root */
    assert_int_equal(res(f, P(f, "doc/img/a.png"), &real), FO_CONFINE_OK);
    free(real);
    assert_int_equal(f->diag.warnings, 0);
}

static void test_escape_refused(void **state)
{
    fx *f = *state;
    char *real = (char *)1;
    const char *bad[] = {"../secret/key", "img/../../secret/key", "out-link",
                         "dirlink/key", "../docs2/x.png", "/etc/passwd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(res(f, bad[i], &real), FO_CONFINE_REFUSED);
        assert_null(real);
    }
    assert_int_equal(f->diag.warnings, (int)(sizeof bad / sizeof bad[0]));
    assert_int_equal(f->diag.errors, 0);
    assert_non_null(strstr(captured(f), "t.md:3:7: warning: '../secret/key' is outside the folders"));
    /* an absolute path outside every root */
    assert_int_equal(res(f, P(f, "secret/key"), &real), FO_CONFINE_REFUSED);
}

static void test_urls_never_fetched(void **state)
{
    fx *f = *state;
    char *real;
    const char *urls[] = {"http://example.com/a.png", "HTTPS://x/y.css",
                          "file:///etc/passwd", "file:img/a.png", "data:image/png;base64,AAAA",
                          "ftp://x", "git+ssh://h/r"};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        assert_true(fo_confine_is_url(urls[i]));
        assert_int_equal(res(f, urls[i], &real), FO_CONFINE_REFUSED);
    }
    assert_non_null(strstr(captured(f), "never fetches URLs"));
    /* not URLs: a plain name with a colon later, a path */
    assert_false(fo_confine_is_url("img/a:b.png"));
    assert_false(fo_confine_is_url("1http://x"));
    assert_false(fo_confine_is_url("a.png"));
}

static void test_missing_and_special(void **state)
{
    fx *f = *state;
    char *real;
    assert_int_equal(res(f, "img/none.png", &real), FO_CONFINE_MISSING);
    assert_non_null(strstr(captured(f), "cannot read 'img/none.png'"));
    assert_int_equal(res(f, "", &real), FO_CONFINE_REFUSED);
    assert_int_equal(res(f, "img", &real), FO_CONFINE_REFUSED); /* a folder */
    assert_int_equal(res(f, "fifo", &real), FO_CONFINE_REFUSED);
    assert_non_null(strstr(captured(f), "'fifo' is not a regular file"));
}

static void test_allow_path(void **state)
{
    fx *f = *state;
    char *real;
    assert_int_equal(res(f, "../extra/e.png", &real), FO_CONFINE_REFUSED);
    int n = fo_confine_nroots(f->c);
    assert_int_equal(fo_confine_allow(f->c, P(f, "extra"), NULL, &f->diag), FO_CONFINE_OK);
    assert_int_equal(fo_confine_nroots(f->c), n + 1);
    /* the same root twice is stored once */
    assert_int_equal(fo_confine_allow(f->c, P(f, "extra/."), NULL, &f->diag), FO_CONFINE_OK);
    assert_int_equal(fo_confine_nroots(f->c), n + 1);
    assert_int_equal(res(f, "../extra/e.png", &real), FO_CONFINE_OK);
    free(real);
    /* a missing folder or a file is an error naming the option */
    assert_int_equal(fo_confine_allow(f->c, P(f, "nope"), NULL, &f->diag), FO_CONFINE_MISSING);
    assert_int_equal(fo_confine_allow(f->c, P(f, "extra/e.png"), NULL, &f->diag),
                     FO_CONFINE_MISSING);
    assert_int_equal(f->diag.errors, 2);
    assert_non_null(strstr(captured(f), "error: --allow-path "));
}

static void test_open(void **state)
{
    fx *f = *state;
    FILE *fp;
    char *real;
    assert_int_equal(fo_confine_open(f->c, fo_confine_doc_dir(f->c), "img/a.png", "t.md", 1, 1,
                                     &fp, &real, &f->diag),
                     FO_CONFINE_OK);
    char buf[8] = {0};
    assert_int_equal(fread(buf, 1, 4, fp), 4);
    assert_string_equal(buf, "data");
    fclose(fp);
    free(real);
    /* a FIFO never blocks: refused */
    assert_int_equal(fo_confine_open(f->c, fo_confine_doc_dir(f->c), "fifo", "t.md", 1, 1, &fp,
                                     NULL, &f->diag),
                     FO_CONFINE_REFUSED);
    assert_null(fp);
    assert_int_equal(fo_confine_open(f->c, fo_confine_doc_dir(f->c), "out-link", "t.md", 1, 1,
                                     &fp, NULL, &f->diag),
                     FO_CONFINE_REFUSED);
}

static void test_no_roots_refuses_all(void **state)
{
    fx *f = *state;
    fo_confine *c = fo_confine_new();
    char *real;
    assert_int_equal(fo_confine_resolve(c, f->root, "doc/img/a.png", NULL, 0, 0, &real, &f->diag),
                     FO_CONFINE_REFUSED);
    fo_confine_free(c);
    fo_confine_free(NULL);
}

static void test_image_limit(void **state)
{
    fx *f = *state;
    assert_int_equal(fo_limit_image(4000, 3000, "a.png", "t.md", 2, 1, &f->diag), FO_OK);
    assert_int_equal(fo_limit_image(8000, 8000, "a.png", "t.md", 2, 1, &f->diag), FO_OK);
    assert_int_equal(fo_limit_image(100000, 100000, "big.png", "t.md", 2, 1, &f->diag),
                     FO_ERR_LIMIT);
    assert_non_null(strstr(captured(f), "t.md:2:1: error: image big.png is 100000 x 100000 px"));
    assert_int_equal(fo_limit_image(65536, 1, "w.png", NULL, 0, 0, &f->diag), FO_ERR_LIMIT);
    assert_int_equal(fo_limit_image(9000, 9000, "m.png", NULL, 0, 0, &f->diag), FO_ERR_LIMIT);
    assert_int_equal(fo_limit_image(0, 10, "z.png", NULL, 0, 0, &f->diag), FO_ERR_LIMIT);
    assert_int_equal(fo_limit_image(UINT64_MAX, UINT64_MAX, "o.png", NULL, 0, 0, &f->diag),
                     FO_ERR_LIMIT);
    assert_int_equal(f->diag.errors, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_inside_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escape_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_urls_never_fetched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_special, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allow_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_roots_refuses_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_image_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
