/* Unit tests for the page filler on synthetic line heights: orphans,
 * widows, headings kept with what follows, forced breaks, long keep chains. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "layout/paginate.h"

/* A paragraph of n lines of height h, orphans/widows 2, appended at *k. */
static void para(fo_pg_box *b, int *k, int n, double h, bool keep_first)
{
    for (int i = 0; i < n; i++) {
        fo_pg_box *x = &b[(*k)++];
        memset(x, 0, sizeof *x);
        x->height = h;
        x->space_before = i == 0 ? 6 : 0;
        x->can_break_before = i == 0 ? !keep_first : (i >= 2 && n - i >= 2);
    }
}

static void test_everything_fits(void **state)
{
    fo_pg_box b[10];
    int k = 0;
    para(b, &k, 5, 10, false);
    assert_int_equal(fo_paginate(b, k, 100), 1);
    assert_true(b[0].y == 0); /* margin dropped at the page top */
    assert_true(b[4].y == 40);
}

static void test_widow_avoided(void **state)
{
    /* 10 lines of 10 pt on a 95 pt area: 9 fit, which would leave one
     * widow; the break moves to before line 8 so two lines go over. */
    fo_pg_box b[10];
    int k = 0;
    para(b, &k, 10, 10, false);
    assert_int_equal(fo_paginate(b, k, 95), 2);
    assert_int_equal(b[7].page, 0);
    assert_int_equal(b[8].page, 1);
    assert_int_equal(b[9].page, 1);
}

static void test_orphan_avoided(void **state)
{
    /* A 6-line paragraph after a filler: only one line would fit on the
     * first page, so the whole paragraph starts the next page. */
    fo_pg_box b[20];
    int k = 0;
    para(b, &k, 8, 10, false);  /* 80 pt */
    para(b, &k, 6, 10, false);  /* starts at 86 */
    assert_int_equal(fo_paginate(b, k, 100), 2);
    assert_int_equal(b[7].page, 0);
    assert_int_equal(b[8].page, 1);
    assert_true(b[8].y == 0);
}

static void test_heading_kept_with_next(void **state)
{
    /* Filler, a heading, then a paragraph: the heading must not be last. */
    fo_pg_box b[20];
    int k = 0;
    para(b, &k, 7, 10, false);      /* 0..70 */
    fo_pg_box *h = &b[k++];
    memset(h, 0, sizeof *h);
    h->height = 14;
    h->space_before = 6;
    h->can_break_before = true;     /* heading at 76..90 */
    para(b, &k, 4, 10, true);       /* first line may not be separated */
    assert_int_equal(fo_paginate(b, k, 100), 2);
    assert_int_equal(b[7].page, 1); /* the heading went over */
    assert_true(b[7].y == 0);
    assert_int_equal(b[8].page, 1);
    assert_int_equal(b[9].page, 1);
}

static void test_forced_break(void **state)
{
    fo_pg_box b[10];
    int k = 0;
    para(b, &k, 2, 10, false);
    para(b, &k, 2, 10, false);
    b[2].force_break = true;
    assert_int_equal(fo_paginate(b, k, 1000), 2);
    assert_int_equal(b[2].page, 1);
}

static void test_keep_chain_longer_than_page(void **state)
{
    /* 30 lines that may never be separated: broken where the page is full
     * rather than looping or leaving a blank page. */
    fo_pg_box b[30];
    for (int i = 0; i < 30; i++) {
        memset(&b[i], 0, sizeof b[i]);
        b[i].height = 10;
        b[i].can_break_before = false;
    }
    int pages = fo_paginate(b, 30, 100);
    assert_int_equal(pages, 3);
    for (int i = 0; i < 30; i++)
        assert_int_equal(b[i].page, i / 10);
}

static void test_box_taller_than_page(void **state)
{
    fo_pg_box b[3];
    memset(b, 0, sizeof b);
    for (int i = 0; i < 3; i++) {
        b[i].height = i == 1 ? 500 : 10;
        b[i].can_break_before = true;
    }
    assert_int_equal(fo_paginate(b, 3, 100), 3);
    assert_int_equal(b[1].page, 1);
    assert_int_equal(b[2].page, 2);
}

static void test_empty(void **state)
{
    assert_int_equal(fo_paginate(NULL, 0, 100), 1);
}

/* A table: a 12 pt header row (box 2) then 10 rows of 20 pt after a 20 pt
 * filler, on a 100 pt area.  Every page the table continues on starts with
 * a repeat of the header, and the rows below it are shifted by its height. */
static void test_table_header_repeats(void **state)
{
    fo_pg_box b[16];
    memset(b, 0, sizeof b);
    int k = 0;
    b[k].height = 20; b[k].can_break_before = true; k++;  /* filler */
    b[k].height = 10; b[k].can_break_before = true; k++;  /* filler */
    int head = k;
    b[k].height = 12; b[k].can_break_before = true; k++;  /* header row */
    for (int r = 0; r < 10; r++, k++) {
        b[k].height = 20;
        b[k].can_break_before = r > 0; /* the first row stays with the header */
        b[k].header_height = 12;
        b[k].header_box = head;
    }
    int pages = fo_paginate(b, k, 100);
    /* Page 1: filler 30 + header 12 + 3 rows (60) = 102 > 100, so 2 rows. */
    assert_int_equal(b[head].page, 0);
    assert_false(b[head].repeat_header);
    assert_int_equal(b[head + 2].page, 0);
    assert_int_equal(b[head + 3].page, 1);
    assert_true(b[head + 3].repeat_header);
    assert_true(b[head + 3].y == 12);
    assert_false(b[head + 4].repeat_header);
    assert_true(b[head + 4].y == 32);
    /* 12 + 4 * 20 = 92 ≤ 100: four rows per continued page. */
    assert_int_equal(b[head + 6].page, 1);
    assert_int_equal(b[head + 7].page, 2);
    assert_true(b[head + 7].repeat_header);
    assert_int_equal(pages, 3);
    /* Without a running header, five rows fit on a continued page. */
    for (int i = head + 1; i < k; i++)
        b[i].header_height = 0;
    fo_paginate(b, k, 100);
    assert_int_equal(b[head + 7].page, 1);
    assert_false(b[head + 3].repeat_header);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_everything_fits),
        cmocka_unit_test(test_widow_avoided),
        cmocka_unit_test(test_orphan_avoided),
        cmocka_unit_test(test_heading_kept_with_next),
        cmocka_unit_test(test_forced_break),
        cmocka_unit_test(test_keep_chain_longer_than_page),
        cmocka_unit_test(test_box_taller_than_page),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_table_header_repeats),
    };
    return cmocka_run_group_tests_name("paginate", tests, NULL, NULL);
}
