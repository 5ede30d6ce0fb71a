/* percent.c — percentages of the containing block (fo_style_resolve_box).
 *
 * The cascade keeps a percentage margin, padding or text-indent as a
 * percentage (fo_style.pct_set / pct; CSS 2.1 §8.3, §8.4, §16.1 "computed
 * value: the percentage as specified"), because only layout knows the
 * width it refers to.  Layout calls fo_style_resolve_box when it places a
 * box.  See style.h. */
#include "values.h"

static double clamp_len(double v)
{
    if (!(v == v))
        return 0;
    return v > FO_MAX_LENGTH ? FO_MAX_LENGTH : v < -FO_MAX_LENGTH ? -FO_MAX_LENGTH : v;
}

void fo_style_resolve_box(fo_style *s, double h_base, double v_base)
{
    double *field[FO_PCT_COUNT] = {
        [FO_PCT_MARGIN_TOP] = &s->margin_top,       [FO_PCT_MARGIN_RIGHT] = &s->margin_right,
        [FO_PCT_MARGIN_BOTTOM] = &s->margin_bottom, [FO_PCT_MARGIN_LEFT] = &s->margin_left,
        [FO_PCT_PADDING_TOP] = &s->padding_top,     [FO_PCT_PADDING_RIGHT] = &s->padding_right,
        [FO_PCT_PADDING_BOTTOM] = &s->padding_bottom,
        [FO_PCT_PADDING_LEFT] = &s->padding_left,   [FO_PCT_TEXT_INDENT] = &s->text_indent,
        [FO_PCT_WIDTH] = &s->width,                 [FO_PCT_MAX_WIDTH] = &s->max_width,
    };
    if (!s->pct_set)
        return;
    for (int k = 0; k < FO_PCT_TEXT_INDENT; k++) {
        if (!(s->pct_set & (1u << k)))
            continue;
        bool horizontal = k == FO_PCT_MARGIN_LEFT || k == FO_PCT_MARGIN_RIGHT ||
                          k == FO_PCT_PADDING_LEFT || k == FO_PCT_PADDING_RIGHT;
        double v = clamp_len(s->pct[k] / 100.0 * (horizontal ? h_base : v_base));
        /* padding is never negative (the parser refuses negative values;
         * a negative base must not make one either) */
        if (k >= FO_PCT_PADDING_TOP && v < 0)
            v = 0;
        *field[k] = v;
    }
    if (s->pct_set & (1u << FO_PCT_TEXT_INDENT)) {
        /* CSS Text 3 §8.1: of the block container's own inline size (its
         * content box), which CSS 2.1 §16.1 called the containing block */
        double own = h_base - s->margin_left - s->margin_right - s->border_left_width -
                     s->border_right_width - s->padding_left - s->padding_right;
        if (!(own > 0))
            own = 0;
        *field[FO_PCT_TEXT_INDENT] = clamp_len(s->pct[FO_PCT_TEXT_INDENT] / 100.0 * own);
    }
    /* width, max-width: of the containing block's width (CSS 2.1 §10.2) */
    for (int k = FO_PCT_WIDTH; k <= FO_PCT_MAX_WIDTH; k++) {
        if (s->pct_set & (1u << k)) {
            double v = clamp_len(s->pct[k] / 100.0 * h_base);
            *field[k] = v < 0 ? 0 : v;
        }
    }
}
