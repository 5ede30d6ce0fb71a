/* pdf_text.c — writes a shaped glyph run as PDF text operators: glyph ids as
 * 2-byte Identity-H codes in TJ arrays, positioned from the display list's
 * advances and offsets, with /ActualText spans where ToUnicode alone cannot
 * give a cluster's text back.  See pdf_text.h. */
#include "pdf_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest drift between the PDF pen and the display list's pen that is
 * left uncorrected: 0.005 pt, or 1.5 thousandths of an em when that is
 * more (0.016 pt at 10.5 pt).  TJ adjustments are whole thousandths, so a
 * smaller threshold would only trade +1 and -1 corrections. */
#define PEN_EPSILON 0.005
#define PEN_UNITS 1.5

typedef struct tj_writer {
    fo_pdf_buf *b;
    fo_pdf_text_state *ts;
    bool in_array, in_hex;
    size_t line_start;
} tj_writer;

static void hex_close(tj_writer *w)
{
    if (w->in_hex)
        fo_pdf_buf_str(w->b, ">");
    w->in_hex = false;
}

static void array_open(tj_writer *w)
{
    if (!w->in_array) {
        fo_pdf_buf_str(w->b, "[");
        w->in_array = true;
    }
}

static void array_close(tj_writer *w)
{
    if (!w->in_array)
        return;
    hex_close(w);
    fo_pdf_buf_str(w->b, "] TJ\n");
    w->in_array = false;
    w->line_start = w->b->len;
}

static void put_glyph(tj_writer *w, uint32_t gid)
{
    array_open(w);
    if (!w->in_hex) {
        fo_pdf_buf_str(w->b, "<");
        w->in_hex = true;
    } else if (w->b->len - w->line_start > 200) {
        fo_pdf_buf_str(w->b, "\n"); /* white space is ignored in hex strings */
        w->line_start = w->b->len;
    }
    fo_pdf_buf_hex4(w->b, gid);
}

static void put_adjust(tj_writer *w, double n)
{
    array_open(w);
    bool after_hex = w->in_hex;
    hex_close(w);
    /* '>' and '<' delimit: no spaces needed around the number */
    if (!after_hex)
        fo_pdf_buf_str(w->b, " ");
    fo_pdf_buf_num(w->b, n, 0);
}

/* Moves the text line origin to (x, y) with a relative Td (§9.4.2): line
 * after line the same small numbers, which compress better than absolute
 * Tm matrices.  The origin advances by the rounded, written amounts, so
 * rounding never accumulates. */
static void put_td(tj_writer *w, double x, double y)
{
    array_close(w);
    double dx = round((x - w->ts->x) * 1000.0) / 1000.0;
    double dy = round((y - w->ts->y) * 1000.0) / 1000.0;
    fo_pdf_buf_num(w->b, dx, 3);
    fo_pdf_buf_str(w->b, " ");
    fo_pdf_buf_num(w->b, dy, 3);
    fo_pdf_buf_str(w->b, " Td\n");
    w->ts->x += dx;
    w->ts->y += dy;
    w->line_start = w->b->len;
}

void fo_pdf_text_begin(fo_pdf_text_state *ts)
{
    memset(ts, 0, sizeof *ts);
}

static double clamp01(double v)
{
    return v > 0 ? (v < 1 ? v : 1) : 0;
}

/* True when the ToUnicode texts of glyphs [i, j) — in logical order —
 * concatenate to exactly `want`. */
static bool maps_back(const fo_pdf_fonts *fonts, const fo_glyph_run *run,
                      int i, int j, const uint16_t *want, size_t nwant)
{
    size_t pos = 0;
    for (int t = 0; t < j - i; t++) {
        int k = run->rtl ? j - 1 - t : i + t;
        size_t n;
        const uint16_t *u = fo_pdf_fonts_unicode(fonts, run->face, run->glyphs[k].gid, &n);
        if (n > nwant - pos || (n && memcmp(u, want + pos, n * sizeof *u) != 0))
            return false;
        pos += n;
    }
    return pos == nwant;
}

void fo_pdf_text_run(const fo_pdf_fonts *fonts, const fo_glyph_run *run,
                     const char *font_name, double page_h,
                     fo_pdf_text_state *ts, fo_pdf_buf *out)
{
    tj_writer w = { .b = out, .ts = ts, .line_start = out->len };
    double size = run->size;
    int n = run->nglyphs;

    if (strcmp(ts->font, font_name) != 0 || ts->size != size) {
        fo_pdf_buf_fmt(out, "/%s ", font_name);
        fo_pdf_buf_num(out, size, 4);
        fo_pdf_buf_str(out, " Tf\n");
        snprintf(ts->font, sizeof ts->font, "%s", font_name);
        ts->size = size;
    }
    double cr = clamp01(run->color.r), cg = clamp01(run->color.g), cb = clamp01(run->color.b);
    if (!ts->has_color || ts->r != cr || ts->g != cg || ts->b != cb) {
        fo_pdf_buf_num(out, cr, 4);
        fo_pdf_buf_str(out, " ");
        fo_pdf_buf_num(out, cg, 4);
        fo_pdf_buf_str(out, " ");
        fo_pdf_buf_num(out, cb, 4);
        fo_pdf_buf_str(out, " rg\n");
        ts->r = cr;
        ts->g = cg;
        ts->b = cb;
        ts->has_color = true;
    }

    uint32_t *ends = malloc((size_t)n * sizeof *ends);
    if (!ends || !fo_pdf_cluster_ends(run, ends)) {
        free(ends);
        out->oom = true;
        return;
    }
    size_t tl = run->text && run->text_len > 0 ? (size_t)run->text_len : 0;
    uint32_t *cp = malloc((tl + 1) * sizeof *cp);
    uint16_t *want = malloc((2 * tl + 1) * sizeof *want);
    if (!cp || !want)
        out->oom = true;
    const double x0 = run->x, y0 = page_h - run->y;
    double pen = 0;   /* display list pen, pt from x0 */
    double pdf_x = 0; /* where the PDF pen is, pt from x0 */
    bool need_tm = true;

    for (int i = 0; i < n && !out->oom;) {
        int j = i + 1;
        while (j < n && run->glyphs[j].cluster == run->glyphs[i].cluster)
            j++;

        uint32_t s = fo_pdf_cluster_start(run, i), e = ends[i];
        size_t nb = e > s ? e - s : 0;
        size_t nwant = nb ? fo_pdf_utf16(cp, fo_pdf_utf8_decode(run->text + s, nb, cp), want) : 0;
        bool span = nwant > 0 && !maps_back(fonts, run, i, j, want, nwant);
        if (span) {
            array_close(&w);
            fo_pdf_buf_str(out, "/Span <</ActualText <FEFF");
            fo_pdf_buf_hex_u16(out, want, nwant);
            fo_pdf_buf_str(out, ">>> BDC\n");
            w.line_start = out->len;
        }
        for (int k = i; k < j; k++) {
            const fo_glyph *g = &run->glyphs[k];
            bool offset = g->x_offset != 0 || g->y_offset != 0;
            if (offset || need_tm) {
                put_td(&w, x0 + pen + g->x_offset, y0 - g->y_offset);
                pdf_x = pen + g->x_offset;
                need_tm = offset; /* the next glyph returns to the baseline */
            } else if (fabs(pdf_x - pen) > fmax(PEN_EPSILON, PEN_UNITS * size / 1000.0)) {
                /* TJ: a number moves the pen left by n/1000 of the size.
                 * Whole thousandths of an em (0.01 pt at 10 pt): pdf_x
                 * carries the rounding, so it never accumulates. */
                double adj = round((pdf_x - pen) * 1000.0 / size);
                if (adj != 0) {
                    put_adjust(&w, adj);
                    pdf_x -= adj * size / 1000.0;
                }
            }
            put_glyph(&w, g->gid);
            pdf_x += fo_pdf_fonts_width(fonts, run->face, g->gid) * size / 1000.0;
            pen += g->advance;
        }
        if (span) {
            array_close(&w);
            fo_pdf_buf_str(out, "EMC\n");
            w.line_start = out->len;
        }
        i = j;
    }
    array_close(&w);
    free(cp);
    free(want);
    free(ends);
}
