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

/* n boxes of 10 pt, every break allowed. */
static void lines10(fo_pg_box *b, int n)
{
    memset(b, 0, (size_t)n * sizeof *b);
    for (int i = 0; i < n; i++) {
        b[i].height = 10;
        b[i].can_break_before = true;
    }
}

/* A note at the foot of the page of its reference; the text above makes
 * room for it. */
static void test_note_on_its_page(void **state)
{
    fo_pg_box b[20], nl[4];
    lines10(b, 20);
    lines10(nl, 2);
    b[3].note_first = 0;
    b[3].note_count = 2;
    int pages = fo_paginate_notes(b, 20, 100, nl, 2, 5);
    /* Foot: 5 + 10 + 10 = 25 pt, so 75 pt of text: boxes 0..6. */
    assert_int_equal(b[6].page, 0);
    assert_int_equal(b[7].page, 1);
    assert_int_equal(nl[0].page, 0);
    assert_int_equal(nl[1].page, 0);
    assert_true(nl[0].y == 80 && nl[1].y == 90);
    assert_int_equal(pages, 3); /* 7 + 10 + 3 boxes */
    /* Without the note the page holds ten boxes. */
    b[3].note_count = 0;
    fo_paginate_notes(b, 20, 100, nl, 0, 5);
    assert_int_equal(b[9].page, 0);
}

/* A reference whose note's first line does not fit moves to the next
 * page with it. */
static void test_reference_moves_with_note(void **state)
{
    fo_pg_box b[12], nl[1];
    lines10(b, 12);
    lines10(nl, 1);
    nl[0].height = 20;
    b[8].note_first = 0;
    b[8].note_count = 1;
    fo_paginate_notes(b, 12, 100, nl, 1, 5);
    /* Box 8 would end at 90, but 90 + 25 > 100. */
    assert_int_equal(b[7].page, 0);
    assert_int_equal(b[8].page, 1);
    assert_int_equal(nl[0].page, 1);
    assert_true(nl[0].y == 80);
}

/* A note longer than the room left continues at the foot of the next
 * page, before the text there. */
static void test_long_note_continues(void **state)
{
    fo_pg_box b[30], nl[8];
    lines10(b, 30);
    lines10(nl, 8);
    b[1].note_first = 0;
    b[1].note_count = 8;
    fo_paginate_notes(b, 30, 100, nl, 8, 5);
    /* Page 0: boxes 0 and 1 (y 20), then 5 + 7 lines = 75 ≤ 80. */
    assert_int_equal(b[1].page, 0);
    for (int k = 0; k < 7; k++)
        assert_int_equal(nl[k].page, 0);
    assert_int_equal(b[2].page, 1); /* 20 + 10 + 80 > 100 */
    assert_int_equal(nl[7].page, 1);
    assert_true(nl[7].y == 90);     /* alone at the foot: 100 - 15 + 5 */
    /* Page 1 holds 85 pt of text: boxes 2..9. */
    assert_int_equal(b[9].page, 1);
    assert_int_equal(b[10].page, 2);
}

/* When the page filler backs up to an earlier break (a keep), the notes
 * of the boxes moved go with them. */
static void test_note_moves_on_backtrack(void **state)
{
    fo_pg_box b[12], nl[1];
    lines10(b, 12);
    lines10(nl, 1);
    b[7].can_break_before = false;
    b[8].can_break_before = false;
    b[7].note_first = 0;
    b[7].note_count = 1;
    fo_paginate_notes(b, 12, 100, nl, 1, 5);
    /* Box 7 and its note fit (80 + 15 ≤ 100) but box 8 does not, and may
     * only break before box 6: boxes 6..8 and the note go over. */
    assert_int_equal(b[5].page, 0);
    assert_int_equal(b[6].page, 1);
    assert_int_equal(b[7].page, 1);
    assert_int_equal(nl[0].page, 1);
}

/* Notes left after the last box get a page of their own. */
static void test_notes_after_last_box(void **state)
{
    fo_pg_box b[10], nl[30];
    lines10(b, 10);
    lines10(nl, 30);
    b[4].note_first = 0;
    b[4].note_count = 30;
    int pages = fo_paginate_notes(b, 10, 100, nl, 30, 5);
    /* Page 0: boxes 0..4 and 4 note lines (5 + 40 ≤ 50); page 1: boxes
     * 5..9 under half a page of notes; then 22 lines, 9 a page. */
    assert_int_equal(b[4].page, 0);
    assert_int_equal(nl[3].page, 0);
    assert_int_equal(nl[4].page, 1);
    assert_int_equal(b[9].page, 1);
    assert_int_equal(pages, 5);
    assert_int_equal(nl[29].page, 4);
    for (int k = 1; k < 30; k++)
        assert_true(nl[k].page >= nl[k - 1].page);
}

/* Random lists (fixed seed): the filler ends, pages never go backwards,
 * every note line is on or after the page of the box that brings it and
 * on or after the line before it, and a note's first line shares its
 * reference's page whenever the reference is not first on its page and no
 * earlier note is waiting. */
static void test_notes_random(void **state)
{
    unsigned seed = 12345;
#define RND(n) ((seed = seed * 1103515245u + 12345u) >> 16) % (n)
    for (int round = 0; round < 3000; round++) {
        fo_pg_box b[60], nl[80];
        int n = 1 + (int)RND(60);
        memset(b, 0, sizeof b);
        memset(nl, 0, sizeof nl);
        int k = 0;
        for (int i = 0; i < n; i++) {
            b[i].height = 1 + RND(40);
            b[i].space_before = RND(3) == 0 ? RND(10) : 0;
            b[i].can_break_before = RND(4) != 0;
            b[i].force_break = RND(30) == 0;
            if (RND(6) == 0 && k < 75) {
                int c = 1 + (int)RND(5);
                b[i].note_first = k;
                b[i].note_count = c;
                for (int j = 0; j < c; j++, k++) {
                    nl[k].height = 1 + RND(30);
                    nl[k].space_before = RND(4);
                }
            }
        }
        int pages = fo_paginate_notes(b, n, 100, nl, k, 5);
        assert_true(pages >= 1);
        for (int i = 1; i < n; i++)
            assert_true(b[i].page >= b[i - 1].page);
        for (int i = 0; i < n; i++)
            for (int j = b[i].note_first; j < b[i].note_first + b[i].note_count; j++) {
                assert_true(nl[j].page >= b[i].page);
                assert_true(nl[j].page < pages);
                if (j > 0)
                    assert_true(nl[j].page >= nl[j - 1].page);
            }
    }
#undef RND
}

/* TeX's \brokenpenalty: no page ends with half a hyphenated word when an
 * allowed break a line or two earlier exists; keeps still hold. */
static void test_broken_word_avoided(void **state)
{
    /* 20 lines of 10 pt, 95 pt pages: the break would fall after line 8
     * (index 8), which ends with a hyphen; it moves to before line 8 */
    fo_pg_box b[20];
    int k = 0;
    para(b, &k, 20, 10, false);
    b[8].hyphenated = true;
    assert_int_equal(fo_paginate(b, k, 95), 3);
    assert_int_equal(b[7].page, 0);
    assert_int_equal(b[8].page, 1); /* the hyphenated line starts page 2 */
    assert_true(b[8].y == 0);
    assert_int_equal(b[9].page, 1);
    /* page 2 then breaks normally, after its ninth line (index 16) */
    assert_int_equal(b[16].page, 1);
    assert_int_equal(b[17].page, 2);

    /* two hyphenated lines in a row: back past both */
    k = 0;
    para(b, &k, 20, 10, false);
    b[7].hyphenated = b[8].hyphenated = true;
    fo_paginate(b, k, 95);
    assert_int_equal(b[6].page, 0);
    assert_int_equal(b[7].page, 1);

    /* orphans: paragraph 1 is lines 0..7 (0..80 pt), paragraph 2 starts
     * at 86 and does not fit, so the page would break before it, after
     * line 7, which ends with a hyphen.  Breaking before line 7 would leave
     * it alone on the next page (a widow): the break goes before line 6 */
    k = 0;
    para(b, &k, 8, 10, false);
    para(b, &k, 6, 10, false);
    b[7].hyphenated = true;
    fo_paginate(b, k, 95);
    assert_int_equal(b[5].page, 0);
    assert_int_equal(b[6].page, 1);
    assert_int_equal(b[7].page, 1);
    assert_int_equal(b[8].page, 1);

    /* no allowed break within FO_PG_BROKEN_LINES: the word stays broken
     * rather than the page ending far short */
    k = 0;
    para(b, &k, 20, 10, false);
    for (int i = 3; i < 9; i++)
        b[i].can_break_before = false; /* a keep over lines 2..8 */
    b[8].hyphenated = true;
    fo_paginate(b, k, 95);
    assert_int_equal(b[8].page, 0);
    assert_int_equal(b[9].page, 1);

    /* a heading kept with its first two lines: lines 0..4 (0..50), the
     * heading (5) at 56..66, its lines 6, 7 at 72..92; line 8 does not
     * fit and the break would follow line 7, which ends with a hyphen.
     * Lines 6 and 7 may not start a page, so the break moves before the
     * heading, which goes over with its lines: never stranded */
    k = 0;
    para(b, &k, 5, 10, false);
    para(b, &k, 1, 10, false);
    para(b, &k, 6, 10, true);
    b[7].hyphenated = true;
    fo_paginate(b, k, 95);
    assert_int_equal(b[4].page, 0);
    assert_int_equal(b[5].page, 1);
    assert_int_equal(b[6].page, 1);
    assert_int_equal(b[7].page, 1);
    assert_int_equal(b[8].page, 1);
}

/* A forced break with a side (break-before: right / left, CSS
 * Fragmentation 3 §3.1) before box *k: a paragraph of 2 lines. */
static void chapter(fo_pg_box *b, int *k, int side)
{
    int first = *k;
    para(b, k, 2, 10, false);
    b[first].force_break = true;
    b[first].side = (unsigned char)side;
}

static void test_break_to_right_page(void **state)
{
    (void)state;
    fo_pg_box b[20];
    int k = 0;
    chapter(b, &k, FO_PG_RIGHT); /* box 0: page 1 is a right page already */
    chapter(b, &k, FO_PG_RIGHT); /* box 2: page 2 is left: page 3 */
    chapter(b, &k, FO_PG_ANY);   /* box 4: page 4 */
    chapter(b, &k, FO_PG_RIGHT); /* box 6: page 5 is right: no blank page */
    chapter(b, &k, FO_PG_RIGHT); /* box 8: page 6 is left: page 7 */
    assert_int_equal(fo_paginate(b, k, 100), 7);
    assert_int_equal(b[0].page, 0);
    assert_int_equal(b[2].page, 2);
    assert_int_equal(b[3].page, 2);
    assert_int_equal(b[4].page, 3);
    assert_int_equal(b[6].page, 4);
    assert_int_equal(b[8].page, 6);
    assert_true(b[8].y == 0);
}

static void test_break_to_left_page(void **state)
{
    (void)state;
    fo_pg_box b[20];
    int k = 0;
    chapter(b, &k, FO_PG_LEFT);  /* box 0: page 1 (right) stays empty */
    chapter(b, &k, FO_PG_LEFT);  /* box 2: page 3 is right: page 4 */
    chapter(b, &k, FO_PG_ANY);   /* box 4: page 5 */
    chapter(b, &k, FO_PG_LEFT);  /* box 6: page 6 is left: no blank page */
    assert_int_equal(fo_paginate(b, k, 100), 6);
    assert_int_equal(b[0].page, 1);
    assert_int_equal(b[2].page, 3);
    assert_int_equal(b[4].page, 4);
    assert_int_equal(b[6].page, 5);
    /* A side without a forced break changes nothing. */
    k = 0;
    para(b, &k, 4, 10, false);
    b[2].side = FO_PG_LEFT;
    assert_int_equal(fo_paginate(b, k, 100), 1);
    assert_int_equal(b[2].page, 0);
}

static void test_break_to_side_carries_notes(void **state)
{
    (void)state;
    /* A note too long for its page continues on the blank page the break
     * to a right page leaves (that page then has note lines, no boxes),
     * and the chapter starts on page 3. */
    fo_pg_box b[20], nl[12];
    int k = 0;
    para(b, &k, 6, 10, false);
    b[5].note_first = 0;
    b[5].note_count = 12;
    for (int i = 0; i < 12; i++)
        nl[i] = (fo_pg_box){.height = 10};
    chapter(b, &k, FO_PG_RIGHT);
    int pages = fo_paginate_notes(b, k, 100, nl, 12, 5);
    assert_int_equal(b[5].page, 0);
    assert_int_equal(b[6].page, 2);
    assert_int_equal(nl[0].page, 0);
    assert_int_equal(nl[2].page, 0);
    assert_int_equal(nl[3].page, 1); /* at most half of the blank page */
    assert_int_equal(nl[6].page, 1);
    assert_int_equal(nl[7].page, 2);
    assert_int_equal(pages, 4);
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
        cmocka_unit_test(test_note_on_its_page),
        cmocka_unit_test(test_reference_moves_with_note),
        cmocka_unit_test(test_long_note_continues),
        cmocka_unit_test(test_note_moves_on_backtrack),
        cmocka_unit_test(test_notes_after_last_box),
        cmocka_unit_test(test_notes_random),
        cmocka_unit_test(test_broken_word_avoided),
        cmocka_unit_test(test_break_to_right_page),
        cmocka_unit_test(test_break_to_left_page),
        cmocka_unit_test(test_break_to_side_carries_notes),
    };
    return cmocka_run_group_tests_name("paginate", tests, NULL, NULL);
}
