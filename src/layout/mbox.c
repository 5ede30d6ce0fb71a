/* mbox.c — the page-margin boxes of one page (CSS Paged Media 3 §5): the
 * running heads and feet around the page area.
 *
 * Geometry (§5.3): a corner box fills its margin corner; the three boxes
 * of a side (top-left, top-center, top-right, ...) share the page area's
 * width (left and right sides: its height) by the variable dimension rules
 * of §5.3.2, from each box's outer min- and max-content width; a box fills
 * its margin's depth.  Inside its margins, borders and padding the box's
 * content is folio's paragraph: broken into lines by para.c at the content
 * width, aligned by text-align and placed at the top, middle or bottom of
 * the content box by vertical-align.  Text that does not fit the box's
 * height overflows it (CSS 2.1 overflow: visible). */
#include "lay.h"

#include <stdio.h>
#include <string.h>

/* pt added to a box's measure so that text measured to fit it does (the
 * breaker's sums and Pango's extents may differ in the last bit). */
#define MB_HAIR 0.01

/* Bytes of text a margin box draws at most: a running head fed a whole
 * chapter (string-set: x content() on a long element) is cut there, with
 * a warning, so that it cannot cost every page seconds of shaping. */
#define MB_MAX_TEXT 2000

/* One margin box while the page's boxes are placed. */
typedef struct mbox {
    bool on;          /* generated: content is not none (§5.3.1) */
    fo_style s;
    char *text;       /* g_malloc'd */
    double ex_h, ex_v; /* margins + borders + padding: left+right, top+bottom, pt */
    double x, y, w, h; /* outer (margin) box, pt from the page's top-left */
} mbox;

/* Distributes `avail` between n boxes with outer min- and max-content
 * sizes (§5.3.2 "flex"): when the max-content sizes fit, each grows in
 * proportion to its max-content size; when only the min-content sizes
 * fit, each starts at its min-content size and takes the rest in
 * proportion to max - min; otherwise each shrinks in proportion to its
 * min-content size (the sum then is avail exactly, boxes may get narrower
 * than their words). */
static void distribute(int n, const double *min, const double *max, double avail, double *out)
{
    double smin = 0, smax = 0;
    for (int k = 0; k < n; k++) {
        smin += min[k];
        smax += max[k];
    }
    for (int k = 0; k < n; k++) {
        if (smax <= avail)
            out[k] = smax > 0 ? max[k] + (avail - smax) * max[k] / smax : avail / n;
        else if (smin < avail)
            out[k] = min[k] + (avail - smin) * (max[k] - min[k]) / (smax - smin);
        else
            out[k] = smin > 0 ? avail * min[k] / smin : avail / n;
    }
}

void lay_margin_widths(const bool on[3], const double min[3], const double max[3],
                       const double fixed[3], double avail, double out[3])
{
    if (avail < 0)
        avail = 0;
    double mn[3], mx[3];
    bool fx[3];
    for (int k = 0; k < 3; k++) {
        fx[k] = on[k] && fixed && fixed[k] >= 0;
        mn[k] = !on[k] ? 0 : fx[k] ? fixed[k] : min[k] < 0 ? 0 : min[k];
        mx[k] = !on[k] ? 0 : fx[k] ? fixed[k] : max[k] < mn[k] ? mn[k] : max[k];
        out[k] = 0;
    }
    if (!on[1]) {
        /* no centre box: the start and end boxes share the width; one alone
         * takes all of it; an auto box beside a fixed one takes the rest */
        if (on[0] && on[2]) {
            if (fx[0] != fx[2]) {
                int f = fx[0] ? 0 : 2;
                out[f] = mx[f];
                out[2 - f] = avail - mx[f] > 0 ? avail - mx[f] : 0;
                return;
            }
            double mn2[2] = {mn[0], mn[2]}, mx2[2] = {mx[0], mx[2]}, o[2];
            if (fx[0])
                o[0] = mx[0], o[1] = mx[2];
            else
                distribute(2, mn2, mx2, avail, o);
            out[0] = o[0];
            out[2] = o[1];
        } else {
            out[0] = !on[0] ? 0 : fx[0] ? mx[0] : avail;
            out[2] = !on[2] ? 0 : fx[2] ? mx[2] : avail;
        }
        return;
    }
    /* The centre box against an imaginary box twice the size of the start
     * or the end box, whichever leaves the centre box less room (a fixed
     * side counts at its width, an auto side as it would flex): the centre
     * box stays centred on the page area and the auto sides get equal
     * shares of the rest. */
    double centre = avail;
    if (fx[1]) {
        centre = mx[1];
    } else {
        for (int side = 0; side <= 2; side += 2) {
            if (!on[side])
                continue;
            double c;
            if (fx[side]) {
                c = avail - 2 * mx[side];
            } else {
                double mn2[2] = {mn[1], 2 * mn[side]}, mx2[2] = {mx[1], 2 * mx[side]}, o[2];
                distribute(2, mn2, mx2, avail, o);
                c = o[0];
            }
            if (c < centre)
                centre = c;
        }
        if (centre < 0)
            centre = 0;
    }
    out[1] = centre;
    double rest = (avail - centre) / 2;
    if (rest < 0)
        rest = 0;
    for (int side = 0; side <= 2; side += 2)
        out[side] = !on[side] ? 0 : fx[side] ? mx[side] : rest;
}

/* The box's max-content width (its text on one line) and min-content width
 * (its widest piece between two line-break opportunities, UAX #14 as
 * Pango finds them), pt. */
static void content_widths(fo_lay *L, const mbox *m, double *min, double *max)
{
    *min = *max = 0;
    if (!*m->text)
        return;
    PangoLayout *pl = pango_layout_new(L->pc);
    PangoFontDescription *d = lay_font_desc(&m->s);
    pango_layout_set_font_description(pl, d);
    pango_font_description_free(d);
    pango_layout_set_text(pl, m->text, -1);
    PangoRectangle logical;
    pango_layout_get_extents(pl, NULL, &logical);
    *max = (double)logical.width / PANGO_SCALE;
    int n = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(pl, &n);
    double seg_start = 0, seg_end = 0, widest = 0;
    /* clusters in visual order; their character index found by walking
     * forward from the previous one (linear for left-to-right text) */
    PangoLayoutIter *it = pango_layout_get_iter(pl);
    int prev_byte = 0;
    long ci = 0;
    do {
        int byte = pango_layout_iter_get_index(it);
        if (byte < prev_byte) {
            prev_byte = 0;
            ci = 0;
        }
        ci += g_utf8_pointer_to_offset(m->text + prev_byte, m->text + byte);
        prev_byte = byte;
        if (ci >= n || !m->text[byte])
            continue;
        PangoRectangle r;
        pango_layout_iter_get_cluster_extents(it, NULL, &r);
        double x0 = (double)r.x / PANGO_SCALE, x1 = x0 + (double)r.width / PANGO_SCALE;
        if (la[ci].is_line_break && ci > 0) {
            if (seg_end - seg_start > widest)
                widest = seg_end - seg_start;
            seg_start = seg_end = x0;
        }
        if (!la[ci].is_white) {
            if (seg_end <= seg_start)
                seg_start = x0;
            seg_end = x1;
        }
    } while (pango_layout_iter_next_cluster(it));
    pango_layout_iter_free(it);
    if (seg_end - seg_start > widest)
        widest = seg_end - seg_start;
    *min = widest < *max ? widest : *max;
    g_object_unref(pl);
}

/* Shapes the box's text at content width cw (pt); false when there is
 * nothing to draw.  Dispose both with lay_shaped_dispose/lay_text_dispose. */
static bool shape(fo_lay *L, const mbox *m, double cw, lay_text *t, lay_shaped *sh)
{
    lay_text_plain(L, m->text, strlen(m->text), false, 0, t);
    /* a hair wider than measured: the max-content width keeps one line */
    if (lay_shape(L, t, &m->s, (cw < 1 ? 1 : cw) + MB_HAIR, sh))
        return true;
    lay_text_dispose(t);
    return false;
}

static void rect(fo_lay *L, fo_page *page, double x, double y, double w, double h, fo_color c)
{
    if (w <= 0 || h <= 0 || c.a <= 0)
        return;
    fo_item it = {.kind = FO_ITEM_RECT};
    it.u.rect = (fo_rect_item){x, y, w, h, c, {0, 0, 0, 0}, 0};
    if (fo_page_add(L->dl, page, &it) != FO_OK)
        lay_fail(L, FO_ERR_NOMEM);
}

/* Where a margin box's messages point: its @box rule in the style sheet,
 * else the document. */
static void mbox_warn(fo_lay *L, int b, unsigned flags, const char *msg)
{
    const char *path = NULL;
    int line = 0, col = 0;
    if (!fo_sheet_margin_box_source(L->sheet, flags, (fo_margin_box)b, &path, &line, &col) ||
        !path) {
        path = L->doc->path;
        line = col = 0;
    }
    fo_warn(L->diag, path, line, col, "%s", msg);
}

/* True the first time box `b` on a page of kind `flags` has problem
 * `what` (0: too narrow, 1: too tall). */
static bool first_time(fo_lay *L, int b, unsigned flags, int what)
{
    unsigned bit = 1u << ((flags & 15) + 16 * what);
    if (L->mbox_warned[b] & bit)
        return false;
    L->mbox_warned[b] |= bit;
    return true;
}

/* The margin a box sits in, for messages. */
static const char *margin_of(int b)
{
    return b <= FO_MB_TOP_RIGHT_CORNER                                     ? "top margin"
           : b >= FO_MB_BOTTOM_RIGHT_CORNER && b <= FO_MB_BOTTOM_LEFT_CORNER ? "bottom margin"
           : b < FO_MB_BOTTOM_RIGHT_CORNER                                   ? "right margin"
                                                                             : "left margin";
}

/* Draws a placed box: background and borders over its border box, then
 * its lines.  Text wider than the box (overfull lines) or taller than it
 * is drawn all the same (overflow: visible) with one warning per box and
 * page kind; the second also goes to preflight. */
static void draw(fo_lay *L, fo_page *page, const mbox *m, int b, unsigned flags, int pageno)
{
    const fo_style *s = &m->s;
    double bx = m->x + s->margin_left, by = m->y + s->margin_top;
    double bw = m->w - s->margin_left - s->margin_right;
    double bh = m->h - s->margin_top - s->margin_bottom;
    if (bw > 0 && bh > 0) {
        rect(L, page, bx, by, bw, bh, s->background_color);
        rect(L, page, bx, by, bw, s->border_top_width, s->border_top_color);
        rect(L, page, bx, by + bh - s->border_bottom_width, bw, s->border_bottom_width,
             s->border_bottom_color);
        rect(L, page, bx, by, s->border_left_width, bh, s->border_left_color);
        rect(L, page, bx + bw - s->border_right_width, by, s->border_right_width, bh,
             s->border_right_color);
    }
    double cx = bx + s->border_left_width + s->padding_left;
    double cy = by + s->border_top_width + s->padding_top;
    double cw = m->w - m->ex_h, ch = m->h - m->ex_v;
    lay_text t;
    lay_shaped sh;
    lay_overfull of = {0};
    lay_overfull *saved = L->overfull_sink;
    L->overfull_sink = &of;
    bool shaped = *m->text && shape(L, m, cw, &t, &sh);
    L->overfull_sink = saved;
    if (!shaped)
        return;
    const char *name = fo_margin_box_name((fo_margin_box)b);
    if (of.lines && first_time(L, b, flags, 0)) {
        char d[200];
        snprintf(d, sizeof d,
                 "the @%s box is too narrow for its text (%.1f pt wide; '%s' is %.1f pt wider)",
                 name, cw, of.sample, of.worst);
        mbox_warn(L, b, flags, d);
    }
    double th = lay_shaped_height(&sh);
    if (th > ch + 0.01 && first_time(L, b, flags, 1)) {
        char d[200];
        if (m->ex_v > 0)
            snprintf(d, sizeof d,
                     "the @%s box's text (%d line%s, %.1f pt) is taller than its box's content "
                     "height in the %s (%.1f pt); it overflows",
                     name, sh.nlines, sh.nlines == 1 ? "" : "s", th, margin_of(b), ch);
        else
            snprintf(d, sizeof d,
                     "the @%s box's text (%d line%s, %.1f pt) is taller than the %s (%.1f pt); "
                     "it overflows",
                     name, sh.nlines, sh.nlines == 1 ? "" : "s", th, margin_of(b), ch);
        mbox_warn(L, b, flags, d);
        if (LAY_PF(L))
            fo_preflight_add(LAY_PF(L), FO_PF_OVERFLOW, pageno, 0, -1, d);
    }
    double y0 = s->vertical_align == FO_VALIGN_TOP      ? cy
                : s->vertical_align == FO_VALIGN_BOTTOM ? cy + ch - th
                                                        : cy + (ch - th) / 2;
    /* the measure's extra hair (shape) is not part of the alignment */
    double hair = s->text_align == FO_TEXT_RIGHT    ? MB_HAIR
                  : s->text_align == FO_TEXT_CENTER ? MB_HAIR / 2
                                                    : 0;
    lay_shaped_emit_page(L, &sh, &t, s, cx - hair, y0, page);
    lay_shaped_dispose(&sh);
    lay_text_dispose(&t);
}

/* The three boxes of each side, start to end (§5.2). */
static const fo_margin_box sides[4][3] = {
    {FO_MB_TOP_LEFT, FO_MB_TOP_CENTER, FO_MB_TOP_RIGHT},
    {FO_MB_BOTTOM_LEFT, FO_MB_BOTTOM_CENTER, FO_MB_BOTTOM_RIGHT},
    {FO_MB_LEFT_TOP, FO_MB_LEFT_MIDDLE, FO_MB_LEFT_BOTTOM},
    {FO_MB_RIGHT_TOP, FO_MB_RIGHT_MIDDLE, FO_MB_RIGHT_BOTTOM},
};

static void place(mbox *m, double x, double y, double w, double h)
{
    m->x = x;
    m->y = y;
    m->w = w;
    m->h = h;
}

void lay_margin_boxes(fo_lay *L, fo_page *page, unsigned flags, const lay_gen_page *gp,
                      const fo_page_style *P)
{
    mbox m[FO_MB_COUNT];
    memset(m, 0, sizeof m);
    /* overfull lines while measuring are reported by draw(), once */
    lay_overfull quiet = {0};
    lay_overfull *saved_sink = L->overfull_sink;
    L->overfull_sink = &quiet;
    for (int b = 0; b < FO_MB_COUNT; b++) {
        if (!fo_sheet_margin_box(L->sheet, flags, (fo_margin_box)b, &L->root_style, &m[b].s))
            continue;
        fo_style *s = &m[b].s;
        /* percentages: of the page box (Paged Media 3 §6) */
        fo_style_resolve_box(s, P->width, P->height);
        m[b].on = true;
        m[b].text = lay_gen_text(&L->gen, s->content, NULL, gp);
        size_t len = strlen(m[b].text);
        if (len > MB_MAX_TEXT) {
            char *cut = g_utf8_find_prev_char(m[b].text, m[b].text + MB_MAX_TEXT + 1);
            *cut = '\0';
            char *t = g_strconcat(m[b].text, "\u2026", NULL);
            g_free(m[b].text);
            m[b].text = t;
            if (!L->warned_mbox)
                fo_warn(L->diag, L->doc->path, 0, 0,
                        "a page-margin box's text is %zu bytes long; only its first %d "
                        "bytes are drawn",
                        len, MB_MAX_TEXT);
            L->warned_mbox = true;
        }
        s->text_indent = 0; /* inherited from the body, meant for paragraphs */
        m[b].ex_h = s->margin_left + s->border_left_width + s->padding_left +
                    s->padding_right + s->border_right_width + s->margin_right;
        m[b].ex_v = s->margin_top + s->border_top_width + s->padding_top +
                    s->padding_bottom + s->border_bottom_width + s->margin_bottom;
    }
    double left = P->margin_left, right = P->width - P->margin_right;
    double top = P->margin_top, bottom = P->height - P->margin_bottom;
    place(&m[FO_MB_TOP_LEFT_CORNER], 0, 0, left, top);
    place(&m[FO_MB_TOP_RIGHT_CORNER], right, 0, P->margin_right, top);
    place(&m[FO_MB_BOTTOM_LEFT_CORNER], 0, bottom, left, P->margin_bottom);
    place(&m[FO_MB_BOTTOM_RIGHT_CORNER], right, bottom, P->margin_right, P->margin_bottom);
    for (int side = 0; side < 4 && L->status == FO_OK; side++) {
        bool horizontal = side < 2, on[3];
        double mn[3] = {0}, mx[3] = {0}, fixed[3] = {-1, -1, -1}, size[3];
        double depth = side == 0 ? P->margin_top : side == 1 ? P->margin_bottom
                     : side == 2 ? P->margin_left : P->margin_right;
        for (int k = 0; k < 3; k++) {
            mbox *b = &m[sides[side][k]];
            on[k] = b->on;
            if (!b->on)
                continue;
            double want = horizontal ? b->s.width : b->s.height;
            if (want >= 0)
                fixed[k] = want + (horizontal ? b->ex_h : b->ex_v);
            if (horizontal) {
                content_widths(L, b, &mn[k], &mx[k]);
                mn[k] += b->ex_h;
                mx[k] += b->ex_h;
            } else {
                /* left and right boxes: their heights from the content's
                 * height at the margin's width (min = max, §5.3.2) */
                lay_text t;
                lay_shaped sh;
                double h = 0;
                if (*b->text && shape(L, b, depth - b->ex_h, &t, &sh)) {
                    h = lay_shaped_height(&sh);
                    lay_shaped_dispose(&sh);
                    lay_text_dispose(&t);
                }
                mn[k] = mx[k] = h + b->ex_v;
            }
        }
        double start = horizontal ? left : top, end = horizontal ? right : bottom;
        lay_margin_widths(on, mn, mx, fixed, end - start, size);
        double at[3] = {start, start + (end - start - size[1]) / 2, end - size[2]};
        for (int k = 0; k < 3; k++) {
            mbox *b = &m[sides[side][k]];
            if (side == 0)
                place(b, at[k], 0, size[k], depth);
            else if (side == 1)
                place(b, at[k], bottom, size[k], depth);
            else if (side == 2)
                place(b, 0, at[k], depth, size[k]);
            else
                place(b, right, at[k], depth, size[k]);
        }
    }
    for (int b = 0; b < FO_MB_COUNT; b++) {
        if (m[b].on && L->status == FO_OK)
            draw(L, page, &m[b], b, flags, gp ? gp->number : 0);
        g_free(m[b].text);
    }
    L->overfull_sink = saved_sink;
}
