/* paginate.c — the page filler (see paginate.h). */
#include "paginate.h"

#define EPS 0.001

/* The footnote area of the page being filled: note lines [from, next) are
 * on it, `h` pt tall with the separator; lines [next, end) wait for room. */
typedef struct foot {
    int from, next, end;
    double h;
} foot;

/* Puts waiting note lines on the page while the area stays within `limit`
 * pt (at least one line when `force`). */
static void take_notes(fo_pg_box *notes, foot *f, double limit, double sep, bool force, int page)
{
    while (f->next < f->end) {
        double add = notes[f->next].height + (f->h == 0 ? sep : notes[f->next].space_before);
        if (f->h + add > limit + EPS && !force)
            break;
        force = false;
        notes[f->next].page = page;
        f->h += add;
        f->next++;
    }
}

/* Gives the note lines on the page their y: stacked at the foot of the
 * area, below the separator. */
static void place_notes(fo_pg_box *notes, const foot *f, double area_height, double sep)
{
    double y = area_height - f->h + sep;
    for (int k = f->from; k < f->next; k++) {
        if (k > f->from)
            y += notes[k].space_before;
        notes[k].y = y;
        y += notes[k].height;
    }
}

/* The break before box `brk` (page_start < brk), or, when the box before it
 * ends with a hyphen, the closest earlier allowed break within
 * FO_PG_BROKEN_LINES boxes whose box before does not, keeping at least one
 * box on the page (see paginate.h). */
static int avoid_broken_word(const fo_pg_box *boxes, int page_start, int brk)
{
    if (brk <= page_start || !boxes[brk - 1].hyphenated)
        return brk;
    for (int j = brk - 1; j > page_start && brk - j <= FO_PG_BROKEN_LINES; j--)
        if (boxes[j].can_break_before && !boxes[j].force_break && !boxes[j - 1].hyphenated)
            return j;
    return brk;
}

/* Whether 0-based page `page` is on the wrong side for a forced break to
 * `side` (page 1, index 0, is a right page). */
static bool wrong_side(int side, int page)
{
    return (side == FO_PG_RIGHT && page % 2 == 1) || (side == FO_PG_LEFT && page % 2 == 0);
}

int fo_paginate_pages(fo_pg_box *boxes, int n, fo_pg_height_fn height, void *ctx,
                      fo_pg_box *notes, int nnotes, double note_sep)
{
    int page = 0;
    double area_height = height(ctx, 0); /* of the page being filled */
    int page_start = 0; /* first box on the current page */
    int limit = -1;     /* a re-run of the page stops before this box */
    double y = 0;       /* bottom of the last box placed on this page */
    foot f = {0, 0, 0, 0};
    foot f0 = f;        /* the footnote state when the page began */
    int i = 0;
    if (n > 0 && boxes[0].force_break && wrong_side(boxes[0].side, 0)) {
        /* break-before: left on the first box: page 1 (right) stays empty. */
        page = 1;
        area_height = height(ctx, 1);
    }
    while (i < n) {
        fo_pg_box *b = &boxes[i];
        bool first = (i == page_start);
        if ((b->force_break && !first) || i == limit) {
            /* One page more when a break to a side lands on the other side:
             * that page gets no boxes (only note lines carried over). */
            int pages = b->force_break && wrong_side(b->side, page + 1) ? 2 : 1;
            for (int k = 0; k < pages; k++) {
                place_notes(notes, &f, area_height, note_sep);
                page++;
                area_height = height(ctx, page);
                f = (foot){f.next, f.next, f.end, 0};
                f0 = f;
                /* Note lines carried over take at most half the page. */
                take_notes(notes, &f, area_height / 2, note_sep, true, page);
            }
            page_start = i;
            limit = -1;
            y = 0;
            continue;
        }
        bool repeat = first && b->header_height > 0 && b->header_box != i;
        double top = first ? (repeat ? b->header_height : 0) : y + b->space_before;
        /* This box's own notes: their first line must share its page,
         * unless earlier notes are still waiting (order is kept). */
        int nf = b->note_count > 0 && notes ? b->note_first : 0;
        int nc = notes ? b->note_count : 0;
        bool waiting = f.next < f.end;
        double need = 0;
        if (nc > 0 && !waiting)
            need = notes[nf].height + (f.h == 0 ? note_sep : 0);
        if (first || top + b->height + f.h + need <= area_height + EPS) {
            b->page = page;
            b->y = top;
            b->repeat_header = repeat;
            y = top + b->height;
            if (nc > 0) {
                if (f.end < nf + nc)
                    f.end = nf + nc;
                if (!waiting)
                    take_notes(notes, &f, area_height - y, note_sep, false, page);
            }
            i++;
            continue;
        }
        /* Box i does not fit: find the last allowed break on this page. */
        int brk = i;
        if (!b->can_break_before) {
            int j = i - 1;
            while (j > page_start && !boxes[j].can_break_before && !boxes[j].force_break)
                j--;
            if (j > page_start)
                brk = j;
        }
        brk = avoid_broken_word(boxes, page_start, brk);
        if (brk < i && nnotes > 0) {
            /* Boxes brk..i-1 may have brought notes: lay the page out again
             * from its start, stopping before brk. */
            i = page_start;
            f = f0;
            take_notes(notes, &f, area_height / 2, note_sep, true, page);
            limit = brk;
            y = 0;
            continue;
        }
        limit = brk;
        i = brk;
    }
    place_notes(notes, &f, area_height, note_sep);
    /* Notes still waiting after the last box get pages of their own. */
    while (f.next < f.end) {
        page++;
        area_height = height(ctx, page);
        f = (foot){f.next, f.next, f.end, 0};
        take_notes(notes, &f, area_height, note_sep, true, page);
        place_notes(notes, &f, area_height, note_sep);
    }
    return page + 1;
}

/* The constant height of fo_paginate and fo_paginate_notes. */
static double same_height(void *ctx, int page)
{
    (void)page;
    return *(const double *)ctx;
}

int fo_paginate_notes(fo_pg_box *boxes, int n, double area_height, fo_pg_box *notes,
                      int nnotes, double note_sep)
{
    return fo_paginate_pages(boxes, n, same_height, &area_height, notes, nnotes, note_sep);
}

int fo_paginate(fo_pg_box *boxes, int n, double area_height)
{
    return fo_paginate_notes(boxes, n, area_height, NULL, 0, 0);
}
