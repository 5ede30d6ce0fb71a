/* timing.c — see timing.h. */
#include "timing.h"

#include <time.h>

#define DEPTH 32

static const char *const names[FO_T_COUNT] = {
    "other", "read", "parse", "style", "fonts", "layout", "shape+break",
    "paginate", "write", "subset", "compress", "free",
};

static bool on;
static double total[FO_T_COUNT];
static long entries[FO_T_COUNT];
static fo_stage stack[DEPTH];
static int depth;  /* open stages; stack[depth-1] is charged */
static double last; /* time of the last boundary */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Charges the time since the last boundary to the innermost stage. */
static void charge(void)
{
    double t = now();
    if (depth > 0)
        total[stack[depth > DEPTH ? DEPTH - 1 : depth - 1]] += t - last;
    last = t;
}

void fo_timing_enable(bool enable)
{
    on = enable;
    if (on) {
        for (int i = 0; i < FO_T_COUNT; i++) {
            total[i] = 0;
            entries[i] = 0;
        }
        depth = 1;
        stack[0] = FO_T_OTHER;
        entries[FO_T_OTHER] = 1;
        last = now();
    }
}

bool fo_timing_enabled(void)
{
    return on;
}

void fo_timing_push(fo_stage s)
{
    if (!on || s < 0 || s >= FO_T_COUNT)
        return;
    charge();
    if (depth < DEPTH)
        stack[depth] = s;
    depth++;
    entries[s]++;
}

void fo_timing_pop(void)
{
    if (!on || depth <= 1)
        return;
    charge();
    depth--;
}

void fo_timing_lap(fo_stage s)
{
    if (!on || s < 0 || s >= FO_T_COUNT)
        return;
    charge();
    if (depth == 0)
        depth = 1;
    stack[0] = s;
    entries[s]++;
}

double fo_timing_seconds(fo_stage s)
{
    return s >= 0 && s < FO_T_COUNT ? total[s] : 0;
}

void fo_timing_report(FILE *out)
{
    if (!on)
        return;
    charge();
    double sum = 0;
    for (int i = 0; i < FO_T_COUNT; i++)
        sum += total[i];
    fprintf(out, "folio: timings (wall, self time per stage)\n");
    for (int i = 0; i < FO_T_COUNT; i++) {
        if (entries[i] == 0 && total[i] == 0)
            continue;
        fprintf(out, "  %-12s %9.4f s %5.1f%% %8ld\n", names[i], total[i],
                sum > 0 ? 100.0 * total[i] / sum : 0.0, entries[i]);
    }
    fprintf(out, "  %-12s %9.4f s\n", "total", sum);
}
