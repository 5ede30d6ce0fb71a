/* paginate.c — the page filler (see paginate.h). */
#include "paginate.h"

#define EPS 0.001

int fo_paginate(fo_pg_box *boxes, int n, double area_height)
{
    int page = 0;
    int page_start = 0; /* first box on the current page */
    double y = 0;       /* bottom of the last box placed on this page */
    int i = 0;
    while (i < n) {
        fo_pg_box *b = &boxes[i];
        bool first = (i == page_start);
        if (b->force_break && !first) {
            page++;
            page_start = i;
            y = 0;
            continue;
        }
        bool repeat = first && b->header_height > 0 && b->header_box != i;
        double top = first ? (repeat ? b->header_height : 0) : y + b->space_before;
        if (first || top + b->height <= area_height + EPS) {
            b->page = page;
            b->y = top;
            b->repeat_header = repeat;
            y = top + b->height;
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
        page++;
        page_start = brk;
        y = 0;
        i = brk;
    }
    return page + 1;
}
