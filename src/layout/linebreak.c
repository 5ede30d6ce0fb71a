/* linebreak.c — Knuth–Plass total-fit and first-fit breaking.  See
 * linebreak.h.  Active nodes live in one growing pool (no allocation per
 * node); the active list is a singly linked list of pool indices. */
#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define INF_STRETCH 1e9
#define MAXH 8 /* hyphen-run classes kept apart per breakpoint */

void fo_lb_params_default(fo_lb_params *p)
{
    p->tolerance = 1.26; /* badness 200 */
    p->line_penalty = 10;
    p->flagged_demerits = 3000;
    p->fitness_demerits = 10000;
    p->final_hyphen_demerits = 5000;
    p->max_hyphens = 2;
    p->emergency_demerits = 1e12;
}

typedef struct node {
    int pos;       /* item index of the break (−1: paragraph start) */
    int start;     /* first item of the line after it */
    int line;      /* number of lines ending at or before this break */
    int fitness;   /* 0 tight, 1 decent, 2 loose, 3 very loose */
    int hyph;      /* consecutive flagged breaks ending here */
    double total;  /* total demerits */
    double ratio;  /* ratio of the line ending here */
    bool overfull;
    int prev;      /* node of the previous break, −1 at the start */
    int next;      /* next active node, −1 at the end */
} node;

typedef struct pool {
    node *v;
    int n, cap;
} pool;

static int pool_add(pool *P, const node *nd)
{
    if (P->n == P->cap) {
        int cap = P->cap ? P->cap * 2 : 64;
        node *v = realloc(P->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        P->v = v;
        P->cap = cap;
    }
    P->v[P->n] = *nd;
    return P->n++;
}

/* Prefix sums of width, stretch, shrink over items [0, i). */
typedef struct sums {
    double *w, *y, *z;
} sums;

static bool sums_make(const fo_lb_item *it, int n, sums *S)
{
    S->w = malloc((size_t)(n + 1) * 3 * sizeof(double));
    if (!S->w)
        return false;
    S->y = S->w + n + 1;
    S->z = S->y + n + 1;
    S->w[0] = S->y[0] = S->z[0] = 0;
    for (int i = 0; i < n; i++) {
        double w = 0, y = 0, z = 0;
        if (it[i].kind == FO_LB_BOX) {
            w = it[i].width;
        } else if (it[i].kind == FO_LB_GLUE) {
            w = it[i].width;
            y = it[i].stretch;
            z = it[i].shrink;
        }
        S->w[i + 1] = S->w[i] + w;
        S->y[i + 1] = S->y[i] + y;
        S->z[i + 1] = S->z[i] + z;
    }
    return true;
}

static bool is_forced(const fo_lb_item *it)
{
    return it->kind == FO_LB_PENALTY && it->penalty <= -FO_LB_INF;
}

/* Whether item b is a legal breakpoint in this pass. */
static bool legal(const fo_lb_item *it, int n, int b, bool emergency)
{
    if (it[b].kind == FO_LB_PENALTY)
        return it[b].penalty < FO_LB_INF && (emergency || !it[b].emergency);
    if (it[b].kind == FO_LB_GLUE)
        return b > 0 && it[b - 1].kind == FO_LB_BOX;
    (void)n;
    return false;
}

/* First item of the line that follows a break at b. */
static int after_break(const fo_lb_item *it, int n, int b)
{
    int s = b + 1;
    while (s < n && (it[s].kind == FO_LB_GLUE ||
                     (it[s].kind == FO_LB_PENALTY && !is_forced(&it[s]))))
        s++;
    return s;
}

static double measure_of(const double *m, int nm, int line)
{
    return m[line < nm ? line : nm - 1];
}

/* Adjustment ratio of the line [s, b) broken at b with measure `target`. */
static double line_ratio(const fo_lb_item *it, const sums *S, int s, int b, double target,
                         double *natural)
{
    double w = S->w[b] - S->w[s];
    if (it[b].kind == FO_LB_PENALTY)
        w += it[b].width;
    *natural = w;
    if (w < target) {
        double y = S->y[b] - S->y[s];
        if (y >= INF_STRETCH)
            return 0;
        return y > 0 ? (target - w) / y : INFINITY;
    }
    if (w > target) {
        double z = S->z[b] - S->z[s];
        return z > 0 ? (target - w) / z : -INFINITY;
    }
    return 0;
}

static int fitness_of(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static int finish(pool *P, int last, fo_lb_line **out)
{
    int nl = 0;
    for (int k = last; k >= 0 && P->v[k].pos >= 0; k = P->v[k].prev)
        nl++;
    fo_lb_line *L = malloc((size_t)(nl ? nl : 1) * sizeof *L);
    if (!L)
        return -1;
    int j = nl;
    for (int k = last; k >= 0 && P->v[k].pos >= 0; k = P->v[k].prev) {
        const node *nd = &P->v[k];
        j--;
        L[j].end = nd->pos;
        L[j].start = nd->prev >= 0 ? P->v[nd->prev].start : 0;
        L[j].ratio = nd->ratio;
        L[j].overfull = nd->overfull;
    }
    *out = L;
    return nl;
}

/* One pass of the total-fit algorithm.  Returns the final node's index,
 * −1 when no paragraph fits (only when !emergency), −2 when out of memory. */
static int total_pass(const fo_lb_item *it, int n, const sums *S, const double *m, int nm,
                      const fo_lb_params *p, int pass, pool *P)
{
    bool emergency = pass == 2; /* emergency breaks usable */
    bool final = pass >= 1;     /* any looseness, overfull as a last resort */
    P->n = 0;
    node start = {.pos = -1, .start = after_break(it, n, -1), .line = 0, .fitness = 1,
                  .prev = -1, .next = -1};
    int head = pool_add(P, &start);
    if (head < 0)
        return -2;
    double tol = final ? INFINITY : p->tolerance;
    int maxh = p->max_hyphens > 0 ? (p->max_hyphens < MAXH ? p->max_hyphens : MAXH) : MAXH;

    for (int b = 0; b < n; b++) {
        if (!legal(it, n, b, emergency))
            continue;
        bool forced = is_forced(&it[b]);
        bool flagged = it[b].kind == FO_LB_PENALTY && it[b].flagged;
        /* best candidate per fitness class and hyphen run */
        struct cand { double d; int from; double r; bool over; } best[4][MAXH + 1];
        bool any = false;
        for (int f = 0; f < 4; f++)
            for (int h = 0; h <= MAXH; h++)
                best[f][h].d = INFINITY;
        int prev = -1, a = head;
        int last_dead = -1; /* last node deactivated at this breakpoint */
        double last_dead_r = 0;
        while (a >= 0) {
            node *A = &P->v[a];
            int next = A->next;
            double nat;
            double r = line_ratio(it, S, A->start, b, measure_of(m, nm, A->line), &nat);
            bool dead = r < -1 || forced;
            if (r >= -1 && r <= tol &&
                !(flagged && p->max_hyphens > 0 && A->hyph >= maxh)) {
                double bad = r < 0 ? 100 * -r * -r * -r : 100 * r * r * r;
                /* The final passes rank very loose lines by their real
                 * badness up to 10⁶ (r ≈ 21.5), where TeX caps it at 10000
                 * and so rates a line with no glue at all as good as a
                 * merely loose one. */
                if (isinf(r) || bad > 1e6)
                    bad = 1e6;
                if (!final && bad > 10000)
                    bad = 10000;
                double pen = it[b].kind == FO_LB_PENALTY ? it[b].penalty : 0;
                double d = (p->line_penalty + bad) * (p->line_penalty + bad);
                if (pen >= 0)
                    d += pen * pen;
                else if (pen > -FO_LB_INF)
                    d -= pen * pen;
                int prevflag = A->pos >= 0 && it[A->pos].kind == FO_LB_PENALTY &&
                               it[A->pos].flagged;
                if (flagged && prevflag)
                    d += p->flagged_demerits;
                if (forced && prevflag)
                    d += p->final_hyphen_demerits;
                if (it[b].kind == FO_LB_PENALTY && it[b].emergency)
                    d += it[b].penalty >= 1000 ? 10 * p->emergency_demerits
                                               : p->emergency_demerits;
                int fc = fitness_of(r);
                if (abs(fc - A->fitness) > 1)
                    d += p->fitness_demerits;
                d += A->total;
                int h = flagged ? A->hyph + 1 : 0;
                if (h > MAXH)
                    h = MAXH;
                if (d < best[fc][h].d) {
                    best[fc][h] = (struct cand){d, a, r, false};
                    any = true;
                }
            }
            if (dead) {
                /* deactivate a */
                if (prev < 0)
                    head = next;
                else
                    P->v[prev].next = next;
                last_dead = a;
                last_dead_r = r;
            } else {
                prev = a;
            }
            a = next;
        }
        if (!any && head < 0 && last_dead >= 0 && final) {
            /* Last resort: nothing fits, and nothing is left to try; keep an
             * overfull line from the last node rather than lose the paragraph. */
            const node *A = &P->v[last_dead];
            best[1][0] = (struct cand){A->total + 1e12, last_dead,
                                       last_dead_r < -1 ? -1 : last_dead_r, last_dead_r < -1};
            any = true;
        }
        if (!any)
            continue;
        for (int f = 0; f < 4; f++)
            for (int h = 0; h <= MAXH; h++) {
                if (isinf(best[f][h].d))
                    continue;
                node nd = {.pos = b, .start = after_break(it, n, b),
                           .line = P->v[best[f][h].from].line + 1, .fitness = f, .hyph = h,
                           .total = best[f][h].d, .ratio = best[f][h].r,
                           .overfull = best[f][h].over, .prev = best[f][h].from, .next = head};
                int k = pool_add(P, &nd);
                if (k < 0)
                    return -2;
                head = k;
            }
        if (head < 0 && !final)
            return -1;
    }
    /* The best node at the paragraph's end (the last item must force a break). */
    int bestk = -1;
    for (int a = head; a >= 0; a = P->v[a].next)
        if (P->v[a].pos == n - 1 && (bestk < 0 || P->v[a].total < P->v[bestk].total))
            bestk = a;
    return bestk;
}

int fo_linebreak_total(const fo_lb_item *items, int n, const double *measure, int nmeasure,
                       const fo_lb_params *p, fo_lb_line **out)
{
    *out = NULL;
    if (n <= 0 || nmeasure <= 0)
        return -1;
    sums S;
    if (!sums_make(items, n, &S))
        return -1;
    pool P = {0};
    /* Pass 0: within tolerance; pass 1: any looseness; pass 2: emergency
     * breaks too, when pass 1 could only end with an overfull line. */
    int last = total_pass(items, n, &S, measure, nmeasure, p, 0, &P);
    if (last == -1)
        last = total_pass(items, n, &S, measure, nmeasure, p, 1, &P);
    bool over = false;
    for (int k = last; k >= 0; k = P.v[k].prev)
        over |= P.v[k].overfull;
    if (over)
        last = total_pass(items, n, &S, measure, nmeasure, p, 2, &P);
    int nl = last >= 0 ? finish(&P, last, out) : -1;
    free(P.v);
    free(S.w);
    return nl;
}

int fo_linebreak_greedy(const fo_lb_item *items, int n, const double *measure, int nmeasure,
                        const fo_lb_params *p, fo_lb_line **out)
{
    *out = NULL;
    if (n <= 0 || nmeasure <= 0)
        return -1;
    sums S;
    if (!sums_make(items, n, &S))
        return -1;
    fo_lb_line *L = NULL;
    int nl = 0, cap = 0;
    int s = after_break(items, n, -1);
    int b = 0;
    int hyph = 0;
    while (b < n) {
        double target = measure_of(measure, nmeasure, nl);
        int fit = -1, fit_e = -1, first = -1;
        double fit_r = 0, fit_e_r = 0, first_r = 0;
        int end = -1;
        double end_r = 0;
        for (; b < n; b++) {
            if (!legal(items, n, b, true))
                continue;
            double nat;
            double r = line_ratio(items, &S, s, b, target, &nat);
            if (first < 0) {
                first = b;
                first_r = r;
            }
            if (r < -1)
                break;
            bool flagged = items[b].kind == FO_LB_PENALTY && items[b].flagged;
            bool hyph_ok = !(flagged && p->max_hyphens > 0 && hyph >= p->max_hyphens);
            if (is_forced(&items[b])) {
                end = b;
                end_r = r;
                break;
            }
            if (!hyph_ok)
                continue;
            if (items[b].kind == FO_LB_PENALTY && items[b].emergency) {
                fit_e = b;
                fit_e_r = r;
            } else {
                fit = b;
                fit_r = r;
            }
        }
        bool over = false;
        if (end < 0) {
            if (fit >= 0) {
                end = fit;
                end_r = fit_r;
            } else if (fit_e >= 0) {
                end = fit_e;
                end_r = fit_e_r;
            } else if (first >= 0) {
                end = first;
                end_r = first_r < -1 ? -1 : first_r;
                over = first_r < -1;
            } else {
                break;
            }
        }
        if (nl == cap) {
            cap = cap ? cap * 2 : 16;
            fo_lb_line *v = realloc(L, (size_t)cap * sizeof *v);
            if (!v) {
                free(L);
                free(S.w);
                return -1;
            }
            L = v;
        }
        L[nl++] = (fo_lb_line){.end = end, .start = s, .ratio = isinf(end_r) ? 0 : end_r,
                               .overfull = over};
        hyph = items[end].kind == FO_LB_PENALTY && items[end].flagged ? hyph + 1 : 0;
        s = after_break(items, n, end);
        b = end + 1;
    }
    free(S.w);
    if (!L)
        L = malloc(sizeof *L);
    if (!L)
        return -1;
    *out = L;
    return nl;
}
