/* deco.c — block decoration: background-color, borders and vertical
 * padding of paragraphs, headings, code blocks and block quotes (CSS
 * Backgrounds 3 §3.2, §4; Box 4 padding).  A decorated block is drawn in
 * strips: every box of the block carries its slice of the background and
 * of the left and right borders, a spacer box before the first line holds
 * the top border and padding, one after the last line the bottom padding
 * and border.  A block broken across pages thus keeps its background and
 * side borders on both pages (box-decoration-break: slice, without closing
 * borders at the break).  Collapsed margins between the block's children
 * (a box's space_before) are painted too: the strips reach up over them,
 * and page.c clips them at the top of a page, where that space is dropped.  Table cells get their background and borders
 * over the cell's rectangle in its row (lay_deco_cell); the cell's padding
 * is the table's own.
 *
 * Border styles (Backgrounds 3 §4.2): solid is a filled rectangle; double
 * two of them, each a third of the width with a third between (a double
 * border thinner than 3 px, 2.25 pt, is drawn solid, as browsers do); dashed
 * and dotted are line items with a dash pattern (display.h) along the
 * centre of the side.  Dashes are 3 × the width long with gaps of about the
 * same, dots are round, the width across, their centres about 2 × the width
 * apart; the gaps are stretched or shrunk so that a side begins and ends
 * with a dash (a dot centred in the corner's reach); a side too short
 * for two dashes or dots, or thinner than 0.05 pt, is drawn solid.  A side drawn in strips is one
 * pattern: lay_deco_end fits it to the side's full length (top corner to
 * bottom corner, margins between the boxes included) and sets each strip's
 * phase, so the dashes run on from strip to strip. */
#include "lay.h"

#include <math.h>

static const fo_color NONE = {0, 0, 0, 0};

/* A double border thinner than this (3 CSS px) is drawn solid. */
#define DOUBLE_MIN 2.25

static bool is_dash(fo_border_style st)
{
    return st == FO_BORDER_DASHED || st == FO_BORDER_DOTTED;
}

/* The dash pattern of a dashed or dotted side `t` pt wide and `len` pt
 * long (corner to corner), with the phase at `o` pt from the side's start.
 * A side too short for two dashes or dots is solid. */
static fo_line_dash side_dash(fo_border_style st, double t, double len, double o)
{
    fo_line_dash ds = FO_LINE_SOLID;
    double origin, period;
    if (!(t >= 0.05) || !isfinite(len))
        return ds; /* hairlines: a pattern too fine to see */
    if (st == FO_BORDER_DASHED) {
        double on = 3 * t, g0 = 3 * t;
        if (len < 2 * on + g0 / 2)
            return ds;
        double n = floor((len + g0) / (on + g0) + 0.5);
        if (n < 2)
            n = 2;
        double off = (len - n * on) / (n - 1);
        if (off < g0 / 2 && n > 2) { /* rounded up too far: one dash fewer */
            n--;
            off = (len - n * on) / (n - 1);
        }
        ds = (fo_line_dash){FO_DASH_DASHED, on, off, 0};
        origin = 0;
        period = on + off;
    } else if (st == FO_BORDER_DOTTED) {
        double span = len - t; /* from the first dot's centre to the last's */
        if (span < t)
            return ds;
        double n = floor(span / (2 * t) + 0.5);
        if (n < 1)
            n = 1;
        ds = (fo_line_dash){FO_DASH_DOTTED, 0, span / n, 0};
        origin = t / 2;
        period = span / n;
    } else {
        return ds;
    }
    double ph = fmod(o - origin, period);
    if (ph < 0)
        ph += period;
    if (ph > period - 1e-6) /* a dash due exactly at the start: draw it here */
        ph = 0;
    ds.phase = ph;
    return ds;
}

/* A dashed or dotted stroke along the middle of the band (x, y, w, h):
 * horizontal (along x) when `horiz`.  `o` is the band's start from the
 * side's start corner, `len` the side's length (pt). */
static void dash_band(fo_lay *L, fo_border_style st, fo_color c, double x, double y,
                      double w, double h, bool horiz, double o, double len)
{
    fo_item it = {.kind = FO_ITEM_LINE};
    double t = horiz ? h : w;
    if (horiz)
        it.u.line = (fo_line_item){x, y + h / 2, x + w, y + h / 2, c, t, FO_LINE_SOLID};
    else
        it.u.line = (fo_line_item){x + w / 2, y, x + w / 2, y + h, c, t, FO_LINE_SOLID};
    it.u.line.dash = side_dash(st, t, len, o);
    if (it.u.line.dash.style == FO_DASH_SOLID) { /* too short: a filled band */
        it.kind = FO_ITEM_RECT;
        it.u.rect = (fo_rect_item){x, y, w, h, c, NONE, 0};
    }
    lay_item_add(L, &it);
}

static void fill(fo_lay *L, double x, double y, double w, double h, fo_color c)
{
    if (w <= 0 || h <= 0)
        return;
    fo_item it = {.kind = FO_ITEM_RECT};
    it.u.rect = (fo_rect_item){x, y, w, h, c, NONE, 0};
    lay_item_add(L, &it);
}

/* A top or bottom border: the band [x, x + w) × [y, y + t) in style `st`.
 * For double, `in0` and `in1` inset the inner stripe at the left and right
 * end (where the side borders' stripes meet it); `top` says the outer
 * stripe is the upper one. */
static void hband(fo_lay *L, fo_border_style st, fo_color c, double x, double y, double w,
                  double t, bool top, double in0, double in1)
{
    if (t <= 0 || w <= 0)
        return;
    if (is_dash(st)) {
        dash_band(L, st, c, x, y, w, t, true, 0, w);
    } else if (st == FO_BORDER_DOUBLE && t >= DOUBLE_MIN) {
        double s = t / 3;
        fill(L, x, top ? y : y + 2 * s, w, s, c);
        fill(L, x + in0, top ? y + 2 * s : y, w - in0 - in1, s, c);
    } else {
        fill(L, x, y, w, t, c);
    }
}

/* A left or right border strip: [x, x + t) × [y0, y1), `o` pt below the
 * side's start, the side `len` pt long (0: not known yet; lay_deco_end
 * fits it).  For double, the inner stripe covers only [i0, i1);
 * `left` says the outer stripe is the left one. */
static void vband(fo_lay *L, fo_border_style st, fo_color c, double x, double t, double y0,
                  double y1, bool left, double o, double len, double i0, double i1)
{
    if (t <= 0 || y1 <= y0)
        return;
    if (is_dash(st)) {
        dash_band(L, st, c, x, y0, t, y1 - y0, false, o, len > 0 ? len : 1e9);
    } else if (st == FO_BORDER_DOUBLE && t >= DOUBLE_MIN) {
        double s = t / 3;
        fill(L, left ? x : x + 2 * s, y0, s, y1 - y0, c);
        double a = y0 > i0 ? y0 : i0, b = y1 < i1 ? y1 : i1;
        fill(L, left ? x + 2 * s : x, a, s, b - a, c);
    } else {
        fill(L, x, y0, t, y1 - y0, c);
    }
}

/* The inset of a double top or bottom border's inner stripe at a corner
 * whose side border is `t` pt wide in style `st`. */
static double inset(fo_border_style st, double t)
{
    if (t <= 0)
        return 0;
    return st == FO_BORDER_DOUBLE && t >= DOUBLE_MIN ? 2 * t / 3 : t;
}

static bool double_drawn(fo_border_style st, double t)
{
    return st == FO_BORDER_DOUBLE && t >= DOUBLE_MIN;
}

/* d's side strips over [y0, y1) of the current box; double stripes inside
 * only over [i0, i1). */
static void sides(fo_lay *L, const lay_deco *d, double y0, double y1, double i0, double i1)
{
    if (y1 <= y0)
        return;
    vband(L, d->sl, d->cl, d->x, d->bl, y0, y1, true, y0, 0, i0, i1);
    vband(L, d->sr, d->cr, d->x + d->w - d->br, d->br, y0, y1, false, y0, 0, i0, i1);
}

bool lay_deco_needed(const fo_style *s)
{
    return s->background_color.a > 0 || s->border_top_width > 0 ||
           s->border_right_width > 0 || s->border_bottom_width > 0 ||
           s->border_left_width > 0 || s->padding_top > 0 || s->padding_bottom > 0;
}

void lay_deco_begin(fo_lay *L, const fo_style *s, double bx, double bw, int line)
{
    lay_deco d = {.bg = s->background_color, .x = bx, .w = bw,
                  .bl = s->border_left_width, .br = s->border_right_width,
                  .cl = s->border_left_color, .cr = s->border_right_color,
                  .sl = s->border_left_style, .sr = s->border_right_style,
                  .first_box = L->nboxes, .outer_box = -1};
    double bt = s->border_top_width;
    double top = bt + s->padding_top;
    /* Without top border and padding, the first child's top margin
     * collapses with the block's own (CSS 2.1 §8.3.1): it lies outside. */
    if (top <= 0)
        d.outer_box = L->nboxes;
    /* the top spacer: background below the top border, the top border */
    if (top > 0 && lay_box_begin(L, top, line) >= 0) {
        if (d.bg.a > 0)
            fill(L, bx, bt, bw, s->padding_top, d.bg);
        bool dbl = double_drawn(s->border_top_style, bt);
        hband(L, s->border_top_style, s->border_top_color, bx, 0, bw, bt, true,
              inset(d.sl, d.bl), inset(d.sr, d.br));
        /* the sides start below the top border, or in the corner when a
         * double top border leaves a gap there */
        if (dbl)
            sides(L, &d, 0, bt, 2 * bt / 3, top);
        sides(L, &d, bt, top, -INFINITY, INFINITY);
        L->keep_with_prev = true; /* the top border stays with the first line */
    }
    g_array_append_val(L->decos, d);
}

/* Fits the dash patterns of d's dashed or dotted side strips, in the boxes
 * from d->first_box on, to the side's whole length. */
static void fit_sides(fo_lay *L, const lay_deco *d)
{
    if (!is_dash(d->sl) && !is_dash(d->sr))
        return;
    double len = 0;
    for (int b = d->first_box; b < L->nboxes; b++) {
        const lay_box *box = &L->boxes[b];
        if (b > d->first_box && b != d->outer_box)
            len += box->pg.space_before;
        len += box->pg.height;
    }
    double xl = d->x + d->bl / 2, xr = d->x + d->w - d->br / 2, o = 0;
    for (int b = d->first_box; b < L->nboxes; b++) {
        const lay_box *box = &L->boxes[b];
        if (b > d->first_box && b != d->outer_box)
            o += box->pg.space_before;
        for (int i = box->item_first; i < box->item_first + box->item_count; i++) {
            fo_line_item *l = &L->items[i].u.line;
            if (L->items[i].kind != FO_ITEM_LINE || l->dash.style == FO_DASH_SOLID ||
                l->x1 != l->x2)
                continue;
            if (is_dash(d->sl) && l->x1 == xl && l->width == d->bl)
                l->dash = side_dash(d->sl, d->bl, len, o + l->y1);
            else if (is_dash(d->sr) && l->x1 == xr && l->width == d->br)
                l->dash = side_dash(d->sr, d->br, len, o + l->y1);
        }
        o += box->pg.height;
    }
}

void lay_deco_end(fo_lay *L, const fo_style *s, int line)
{
    if (!L->decos->len)
        return;
    lay_deco d = g_array_index(L->decos, lay_deco, L->decos->len - 1);
    g_array_set_size(L->decos, L->decos->len - 1);
    double bb = s->border_bottom_width;
    double bottom = bb + s->padding_bottom;
    if (bottom > 0) {
        /* the last child's bottom margin stays inside the padding box
         * (no collapsing through padding or border, CSS 2.1 §8.3.1) */
        double inner = L->pending_margin + s->padding_bottom;
        L->pending_margin = 0;
        L->keep_with_prev = true;
        if (lay_box_begin(L, inner + bb, line) >= 0) {
            if (d.bg.a > 0)
                fill(L, d.x, 0, d.w, inner, d.bg);
            hband(L, s->border_bottom_style, s->border_bottom_color, d.x, inner, d.w, bb,
                  false, inset(d.sl, d.bl), inset(d.sr, d.br));
            sides(L, &d, 0, inner, -INFINITY, INFINITY);
            if (double_drawn(s->border_bottom_style, bb))
                sides(L, &d, inner, inner + bb, -INFINITY, inner + bb / 3);
        }
    }
    fit_sides(L, &d);
}

void lay_deco_sides(fo_lay *L, const lay_deco *d, double y0, double y1)
{
    sides(L, d, y0, y1, -INFINITY, INFINITY);
}

void lay_deco_cell(fo_lay *L, const fo_style *s, double x, double w, double h)
{
    if (s->background_color.a > 0)
        fill(L, x, 0, w, h, s->background_color);
    double bt = s->border_top_width, bb = s->border_bottom_width;
    double bl = s->border_left_width, br = s->border_right_width;
    fo_border_style sl = s->border_left_style, sr = s->border_right_style;
    hband(L, s->border_top_style, s->border_top_color, x, 0, w, bt, true, inset(sl, bl),
          inset(sr, br));
    hband(L, s->border_bottom_style, s->border_bottom_color, x, h - bb, w, bb, false,
          inset(sl, bl), inset(sr, br));
    /* the sides run the cell's full height (so that table.c repeats them
     * on every slice of a row split across pages); a double side's inner
     * stripe stops where the top and bottom borders' inner stripes are */
    double i0 = double_drawn(s->border_top_style, bt) ? 2 * bt / 3 : bt;
    double i1 = h - (double_drawn(s->border_bottom_style, bb) ? 2 * bb / 3 : bb);
    vband(L, sl, s->border_left_color, x, bl, 0, h, true, 0, h, i0, i1);
    vband(L, sr, s->border_right_color, x + w - br, br, 0, h, false, 0, h, i0, i1);
}
