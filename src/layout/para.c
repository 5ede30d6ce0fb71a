/* para.c — from a paragraph shaped once to lines: boxes, glue and penalties
 * built from Pango's log attributes (UAX #14 break opportunities, cursor
 * positions) and the shaped glyph advances, broken by linebreak.c, then cut
 * into pieces of the shaped runs in visual order (UAX #9 rule L2).
 *
 * Lines never re-shape: a break is only ever taken at a cluster boundary,
 * so ligatures and kerning inside a line stay exactly as shaped; a break
 * inside a ligature is impossible by construction.  An inserted hyphen is
 * shaped separately with the font of the text before it.
 *
 * Units: pt throughout (Pango units are converted on the way in).
 */
#include "lay.h"
#include "linebreak.h"
#include "../text/hyph.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PT(u) ((double)(u) / PANGO_SCALE)

/* Items under construction, with the byte where each one breaks. */
typedef struct ibuf {
    fo_lb_item *it;
    int *byte;
    int n, cap;
    bool nomem;
    double box;      /* width of the box being accumulated */
    int box_byte;    /* its first byte, or −1 when none is open */
} ibuf;

static void push(ibuf *B, fo_lb_item item, int byte)
{
    if (B->n == B->cap) {
        int cap = B->cap ? B->cap * 2 : 256;
        fo_lb_item *it = realloc(B->it, (size_t)cap * sizeof *it);
        int *by = it ? realloc(B->byte, (size_t)cap * sizeof *by) : NULL;
        if (it)
            B->it = it;
        if (!it || !by) {
            B->nomem = true;
            return;
        }
        B->byte = by;
        B->cap = cap;
    }
    B->it[B->n] = item;
    B->byte[B->n] = byte;
    B->n++;
}

static void flush_box(ibuf *B)
{
    if (B->box_byte >= 0)
        push(B, (fo_lb_item){.kind = FO_LB_BOX, .width = B->box}, B->box_byte);
    B->box = 0;
    B->box_byte = -1;
}

static void add_to_box(ibuf *B, double w, int byte)
{
    if (B->box_byte < 0)
        B->box_byte = byte;
    B->box += w;
}

static void penalty(ibuf *B, double w, double p, bool flagged, bool emergency, int byte)
{
    flush_box(B);
    push(B, (fo_lb_item){.kind = FO_LB_PENALTY, .width = w, .penalty = p, .flagged = flagged,
                         .emergency = emergency},
         byte);
}

static void glue(ibuf *B, double w, double y, double z, int byte)
{
    flush_box(B);
    push(B, (fo_lb_item){.kind = FO_LB_GLUE, .width = w, .stretch = y, .shrink = z}, byte);
}

/* A break opportunity in ragged text: the line may end here with a rag of
 * `rag` stretch (Knuth–Plass, "ragged-right" construction). */
static void ragged_break(ibuf *B, double rag, double w, double p, bool flagged,
                         bool emergency, int byte)
{
    penalty(B, 0, FO_LB_INF, false, false, byte);
    glue(B, 0, rag, 0, byte);
    penalty(B, w, p, flagged, emergency, byte);
    glue(B, 0, -rag, 0, byte);
}

/* A break opportunity of either kind. */
static void add_break(ibuf *B, bool justify, double rag, double w, double p, bool flagged,
                bool emergency, int byte)
{
    if (justify || p >= FO_LB_INF)
        penalty(B, w, p, flagged, emergency, byte);
    else
        ragged_break(B, rag, w, p, flagged, emergency, byte);
}

static int cmp_run(const void *a, const void *b)
{
    const PangoGlyphItem *x = *(PangoGlyphItem *const *)a, *y = *(PangoGlyphItem *const *)b;
    return (x->item->offset > y->item->offset) - (x->item->offset < y->item->offset);
}

/* The run holding byte b (runs sorted by offset), or NULL. */
static PangoGlyphItem *run_at(PangoGlyphItem **runs, int nruns, int b)
{
    int lo = 0, hi = nruns - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        PangoItem *it = runs[mid]->item;
        if (b < it->offset)
            hi = mid - 1;
        else if (b >= it->offset + it->length)
            lo = mid + 1;
        else
            return runs[mid];
    }
    return NULL;
}

/* Shapes a hyphen-minus with the font of `item`; its width in pt. */
static PangoGlyphString *shape_hyphen(PangoItem *item, double *w)
{
    PangoGlyphString *gs = pango_glyph_string_new();
    pango_shape("-", 1, &item->analysis, gs);
    *w = PT(pango_glyph_string_get_width(gs));
    return gs;
}

/* Width of a hyphen in the font at byte b (one shaping per font and
 * paragraph, cached in *cache_font / *cache_w). */
static double hyphen_width(PangoGlyphItem **runs, int nruns, int b, PangoFont **cache_font,
                           double *cache_w)
{
    PangoGlyphItem *r = run_at(runs, nruns, b);
    if (!r)
        return 0;
    if (r->item->analysis.font != *cache_font) {
        PangoGlyphString *gs = shape_hyphen(r->item, cache_w);
        pango_glyph_string_free(gs);
        *cache_font = r->item->analysis.font;
    }
    return *cache_w;
}

static bool is_hyphen_char(gunichar c)
{
    return c == '-' || c == 0x2010 || c == 0x2013;
}

static bool is_url_break_char(gunichar c)
{
    return c == '/' || c == '-' || c == '_' || c == '.' || c == '?' || c == '&' || c == '=' ||
           c == '#' || c == ':';
}

/* Visual order of pieces [0, n) by their runs' embedding levels (UAX #9
 * rule L2: from the highest level down to the lowest odd level, reverse
 * every maximal sequence at that level or higher). */
static void reorder(lay_piece *p, int n)
{
    int hi = 0, lo_odd = 255;
    for (int i = 0; i < n; i++) {
        int lv = p[i].run->item->analysis.level;
        if (lv > hi)
            hi = lv;
        if ((lv & 1) && lv < lo_odd)
            lo_odd = lv;
    }
    for (int lv = hi; lv >= lo_odd && lv > 0; lv--) {
        for (int i = 0; i < n;) {
            if (p[i].run->item->analysis.level < lv) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && p[j].run->item->analysis.level >= lv)
                j++;
            for (int a = i, b = j - 1; a < b; a++, b--) {
                lay_piece t = p[a];
                p[a] = p[b];
                p[b] = t;
            }
            i = j;
        }
    }
}

static void add_stats(fo_typo_stats *st, const lay_shaped *sh, const fo_lb_item *it,
                      const fo_lb_line *res, bool justify)
{
    st->paragraphs++;
    bool prev_h = false;
    for (int j = 0; j < sh->nlines; j++) {
        const lay_line *ln = &sh->lines[j];
        const fo_lb_item *e = &it[res[j].end];
        bool h = e->kind == FO_LB_PENALTY && e->flagged;
        st->lines++;
        st->hyphenated += h;
        st->consecutive += h && prev_h;
        st->overfull += ln->overfull;
        st->emergency += e->kind == FO_LB_PENALTY && e->emergency;
        prev_h = h;
        bool last = e->kind == FO_LB_PENALTY && e->penalty <= -FO_LB_INF;
        if (justify && !last) {
            /* a line with no space to stretch counts as ratio 10 */
            double r = isfinite(ln->ratio) ? ln->ratio : 10;
            st->justified++;
            st->sum_ratio += r;
            st->sum_sq += r * r;
            if (fabs(r) > st->worst)
                st->worst = fabs(r);
            st->loose += r > 1;
        }
    }
}

void lay_overfull_sample(lay_overfull *of, const char *text, int len)
{
    int max = (int)sizeof of->sample - 1;
    if (len > max) /* cut at a character boundary */
        len = (int)(g_utf8_find_prev_char(text, text + max + 1) - text);
    memcpy(of->sample, text, (size_t)len);
    of->sample[len] = '\0';
}

/* One warning for a paragraph's overfull lines, or their sum in the
 * caller's sink (L->overfull_sink). */
static void report_overfull(fo_lay *L, const lay_overfull *of, int src_line, int src_col)
{
    lay_overfull *k = L->overfull_sink;
    if (k) {
        k->lines += of->lines;
        k->blocks++;
        if (of->worst > k->worst) {
            k->worst = of->worst;
            memcpy(k->sample, of->sample, sizeof k->sample);
        }
        return;
    }
    if (of->lines == 1)
        fo_warn(L->diag, L->doc->path, src_line, src_col,
                "overfull line: '%s' is %.1f pt wider than the measure (one cluster wider "
                "than the measure)",
                of->sample, of->worst);
    else
        fo_warn(L->diag, L->doc->path, src_line, src_col,
                "%d overfull lines in this paragraph (clusters wider than the measure); the "
                "worst, '%s', is %.1f pt too wide",
                of->lines, of->sample, of->worst);
}

static bool font_is_mono(PangoFont *font)
{
    PangoFontFace *face = font ? pango_font_get_face(font) : NULL;
    PangoFontFamily *fam = face ? pango_font_face_get_family(face) : NULL;
    return fam && pango_font_family_is_monospace(fam);
}

/* Characters that make a neighbouring word part of a URL, a path, an
 * identifier or a number: such words are not hyphenated. */
static bool is_technical(gunichar c)
{
    return c == '/' || c == '_' || c == '@' || c == '\\' || c == ':' || c == '#' ||
           c == '=' || c == '&' || c == '<' || c == '>' || c == '~' || g_unichar_isdigit(c);
}

/* Marks dictionary hyphenation points (LAY_HYPH) in the words of the text:
 * runs of letters of at least five characters, not set in a monospaced
 * font (code) and not touching URL or identifier characters. */
static void mark_hyphens(fo_hyph *h, lay_shaped *sh, const char *text, int len,
                         PangoGlyphItem **runs, int nruns)
{
    int b = 0;
    gunichar before = 0;
    while (b < len) {
        gunichar c = g_utf8_get_char(text + b);
        if (!g_unichar_isalpha(c)) {
            before = c;
            b = (int)(g_utf8_next_char(text + b) - text);
            continue;
        }
        int ws = b, nch = 0;
        while (b < len && g_unichar_isalpha(g_utf8_get_char(text + b))) {
            b = (int)(g_utf8_next_char(text + b) - text);
            nch++;
        }
        int we = b;
        gunichar after = we < len ? g_utf8_get_char(text + we) : 0;
        gunichar after2 = 0;
        if (after && we < len) {
            const char *n2 = g_utf8_next_char(text + we);
            after2 = n2 < text + len ? g_utf8_get_char(n2) : 0;
        }
        bool technical = is_technical(before) || is_technical(after) || before == '.' ||
                         (after == '.' && g_unichar_isalpha(after2)) || after == 0x00AD ||
                         before == 0x00AD;
        before = 0;
        if (nch < 5 || technical)
            continue;
        PangoGlyphItem *r = run_at(runs, nruns, ws);
        if (!r || (r->item->analysis.level & 1) || font_is_mono(r->item->analysis.font))
            continue;
        int pts[64];
        int np = fo_hyph_points(h, text + ws, we - ws, 2, 3, pts, 64);
        for (int k = 0; k < np; k++)
            if (sh->flags[ws + pts[k]] & LAY_CSTART)
                sh->flags[ws + pts[k]] |= LAY_HYPH;
    }
}

void lay_lines_free(lay_shaped *sh)
{
    for (int i = 0; i < sh->nlines; i++)
        if (sh->lines[i].hy)
            pango_glyph_string_free(sh->lines[i].hy);
    free(sh->lines);
    free(sh->pieces);
    free(sh->adv);
    free(sh->flags);
    sh->lines = NULL;
    sh->pieces = NULL;
    sh->adv = NULL;
    sh->flags = NULL;
    sh->nlines = sh->npieces = 0;
}

bool lay_break_lines(fo_lay *L, lay_shaped *sh, const fo_style *s, double width, int src_line,
                     int src_col)
{
    lay_overfull of = {0};
    PangoLayout *pl = sh->pl;
    const char *text = pango_layout_get_text(pl);
    int len = (int)strlen(text);
    bool ok = false;
    ibuf B = {.box_byte = -1};
    PangoGlyphItem **runs = NULL;
    fo_lb_line *res = NULL;
    int nres = 0;

    /* Runs in logical order and per-byte advances. */
    int nruns = 0;
    GSList *plines = pango_layout_get_lines_readonly(pl);
    for (GSList *l = plines; l; l = l->next)
        nruns += (int)g_slist_length(((PangoLayoutLine *)l->data)->runs);
    runs = malloc((size_t)(nruns ? nruns : 1) * sizeof *runs);
    sh->adv = calloc((size_t)len + 1, sizeof *sh->adv);
    sh->flags = calloc((size_t)len + 1, 1);
    if (!runs || !sh->adv || !sh->flags)
        goto out;
    nruns = 0;
    for (GSList *l = plines; l; l = l->next)
        for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next)
            runs[nruns++] = r->data;
    qsort(runs, (size_t)nruns, sizeof *runs, cmp_run);
    for (int i = 0; i < nruns; i++) {
        PangoGlyphString *gs = runs[i]->glyphs;
        for (int g = 0; g < gs->num_glyphs; g++) {
            int b = runs[i]->item->offset + gs->log_clusters[g];
            if (b < 0 || b > len)
                continue;
            sh->adv[b] += PT(gs->glyphs[g].geometry.width);
            sh->flags[b] |= LAY_CSTART;
        }
    }

    /* Dictionary hyphenation (CSS Text 3 §6.1 hyphens: auto). */
    if (L->hyph && s->hyphens == FO_HYPHENS_AUTO && s->white_space == FO_WS_NORMAL)
        mark_hyphens(L->hyph, sh, text, len, runs, nruns);

    /* Items. */
    int nattrs = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(pl, &nattrs);
    bool preserve = s->white_space != FO_WS_NORMAL;
    bool nowrap = s->white_space == FO_WS_NOWRAP;
    bool justify = s->text_align == FO_TEXT_JUSTIFY;
    double rag = 3 * s->font_size; /* stretch at a ragged line end (TeX's \raggedright uses 2em) */
    PangoFont *hfont = NULL;
    double hw = 0;
    int ci = 0, pos = 0; /* char index and byte of the walk */
    for (GSList *l = plines; l; l = l->next) {
        PangoLayoutLine *line = l->data;
        int ls = line->start_index, le = ls + line->length;
        ci += (int)g_utf8_pointer_to_offset(text + pos, text + ls);
        pos = ls;
        bool prev_space = false;
        gunichar prev = 0;
        for (int b = ls; b < le;) {
            gunichar ch = g_utf8_get_char(text + b);
            int nb = (int)(g_utf8_next_char(text + b) - text);
            bool bol = b == ls;
            bool space = !preserve && (ch == ' ' || ch == 0x00A0 || ch == 0x3000 || ch == '\t');
            /* A break opportunity before this character (UAX #14), not after a space. */
            if (!bol && !prev_space && ci < nattrs && (sh->flags[b] & LAY_CSTART)) {
                if (la[ci].is_line_break && !la[ci].is_mandatory_break) {
                    if (prev == 0x00AD) /* hyphens: none ignores soft hyphens too */
                        add_break(&B, justify, rag, hyphen_width(runs, nruns, b - 2, &hfont, &hw),
                                  nowrap || s->hyphens == FO_HYPHENS_NONE ? FO_LB_INF : 50,
                                  true, false, b);
                    else
                        add_break(&B, justify, rag, 0,
                            nowrap ? FO_LB_INF : is_hyphen_char(prev) ? 50 : 0,
                            is_hyphen_char(prev), false, b);
                } else if ((sh->flags[b] & LAY_HYPH) && !space) {
                    add_break(&B, justify, rag, hyphen_width(runs, nruns, b - 1, &hfont, &hw),
                              50, true, false, b);
                } else if (la[ci].is_cursor_position && !space) {
                    add_break(&B, justify, rag, 0, is_url_break_char(prev) ? 100 : 5000, false, true,
                        b);
                }
            }
            if (space) {
                double w = sh->adv[b];
                bool breakable = ch != 0x00A0 && !nowrap && ci + 1 < nattrs &&
                                 la[ci + 1].is_line_break;
                if (!breakable)
                    penalty(&B, 0, FO_LB_INF, false, false, b);
                if (justify) {
                    sh->flags[b] |= LAY_SPACE;
                    glue(&B, w, w / 2, w / 3, b);
                } else if (breakable) {
                    ragged_break(&B, rag, 0, 0, false, false, b);
                    glue(&B, w, 0, 0, b);
                } else {
                    glue(&B, w, 0, 0, b);
                }
            } else {
                add_to_box(&B, sh->adv[b], b);
            }
            prev_space = space;
            prev = ch;
            b = nb;
            ci++;
        }
        pos = le;
        /* the end of a paragraph or a hard break: \parfillskip, then \break */
        glue(&B, 0, 1e10, 0, le);
        penalty(&B, 0, -FO_LB_INF, false, false, le);
    }
    if (B.nomem)
        goto out;

    /* Breaks. */
    double measure[2] = {width - s->text_indent, width};
    if (measure[0] < 1)
        measure[0] = 1;
    fo_lb_params p;
    fo_lb_params_default(&p);
    bool greedy = (L->opt && L->opt->greedy) || s->text_wrap == FO_WRAP_GREEDY;
    nres = greedy ? fo_linebreak_greedy(B.it, B.n, measure, 2, &p, &res)
                  : fo_linebreak_total(B.it, B.n, measure, 2, &p, &res);
    if (nres < 0)
        goto out;

    /* Lines and their pieces. */
    sh->lines = calloc((size_t)(nres ? nres : 1), sizeof *sh->lines);
    int pcap = nres + nruns + 8;
    sh->pieces = malloc((size_t)pcap * sizeof *sh->pieces);
    if (!sh->lines || !sh->pieces)
        goto out;
    bool rtl_par = plines && ((PangoLayoutLine *)plines->data)->resolved_dir == PANGO_DIRECTION_RTL;
    for (int j = 0; j < nres; j++) {
        lay_line *ln = &sh->lines[j];
        const fo_lb_item *e = &B.it[res[j].end];
        ln->end = B.byte[res[j].end];
        ln->start = res[j].start < res[j].end ? B.byte[res[j].start] : ln->end;
        if (ln->start > ln->end)
            ln->start = ln->end;
        ln->ratio = res[j].ratio;
        ln->overfull = res[j].overfull;
        bool forced = e->kind == FO_LB_PENALTY && e->penalty <= -FO_LB_INF;
        ln->hyphen = e->kind == FO_LB_PENALTY && e->flagged && e->width > 0;
        /* a last line set tight shrinks its spaces as TeX does; otherwise ragged */
        ln->justify = justify && isfinite(ln->ratio) && (!forced || ln->ratio < 0);
        double nat = 0;
        for (int b = ln->start; b < ln->end; b++)
            nat += sh->adv[b];
        ln->piece0 = sh->npieces;
        ln->asc = 0;
        ln->desc = 0;
        for (int r = 0; r < nruns; r++) {
            PangoItem *it = runs[r]->item;
            int b0 = it->offset > ln->start ? it->offset : ln->start;
            int b1 = it->offset + it->length < ln->end ? it->offset + it->length : ln->end;
            if (b0 >= b1)
                continue;
            PangoGlyphString *gs = runs[r]->glyphs;
            int g0 = -1, g1 = -1;
            for (int g = 0; g < gs->num_glyphs; g++) {
                int cb = it->offset + gs->log_clusters[g];
                if (cb >= b0 && cb < b1) {
                    if (g0 < 0)
                        g0 = g;
                    g1 = g + 1;
                }
            }
            if (g0 < 0)
                continue;
            if (sh->npieces == pcap) {
                pcap *= 2;
                lay_piece *v = realloc(sh->pieces, (size_t)pcap * sizeof *v);
                if (!v)
                    goto out;
                sh->pieces = v;
            }
            sh->pieces[sh->npieces++] = (lay_piece){runs[r], g0, g1, b0, b1};
            double a, d;
            lay_font_extents(L, it->analysis.font, &a, &d);
            double rise = -PT(runs[r]->y_offset);
            if (a + rise > ln->asc)
                ln->asc = a + rise;
            if (d - rise > ln->desc)
                ln->desc = d - rise;
        }
        ln->npieces = sh->npieces - ln->piece0;
        reorder(sh->pieces + ln->piece0, ln->npieces);
        if (ln->hyphen) {
            PangoGlyphItem *r = run_at(runs, nruns, ln->end > 0 ? ln->end - 1 : 0);
            if (r) {
                double w;
                ln->hy = shape_hyphen(r->item, &w);
                ln->hy_item = r->item;
                nat += w;
            } else {
                ln->hyphen = false;
            }
        }
        ln->natural = nat;
        double m = j == 0 ? measure[0] : measure[1];
        double indent = j == 0 ? s->text_indent : 0;
        /* text-align-last (CSS Text 3 §6.3): the last line and lines ended
         * by a forced break. */
        fo_text_align a = s->text_align;
        if (forced && s->text_align_last != FO_ALIGN_LAST_AUTO) {
            switch (s->text_align_last) {
            case FO_ALIGN_LAST_LEFT: a = FO_TEXT_LEFT; break;
            case FO_ALIGN_LAST_RIGHT: a = FO_TEXT_RIGHT; break;
            case FO_ALIGN_LAST_CENTER: a = FO_TEXT_CENTER; break;
            default: a = FO_TEXT_JUSTIFY; break;
            }
            ln->justify = false;
            if (a == FO_TEXT_JUSTIFY) {
                /* widen the spaces by the ratio that fills the measure */
                double stretch = 0;
                for (int b = ln->start; b < ln->end; b++)
                    if (sh->flags[b] & LAY_SPACE)
                        stretch += sh->adv[b] / 2;
                double fill = m - indent - nat;
                if (stretch > 0 && fill > 0) {
                    ln->justify = true;
                    ln->ratio = fill / stretch;
                }
            }
        }
        double slack = m - nat;
        if (ln->justify)
            slack = 0;
        if (nat > m + 0.01 && !ln->justify)
            ln->overfull = true;
        if (ln->overfull && LAY_PF(L)) {
            char d[160];
            snprintf(d, sizeof d, "'%.*s' is %.1f pt wider than the measure",
                     ln->end - ln->start > 40 ? 40 : ln->end - ln->start, text + ln->start,
                     nat - m);
            fo_preflight_add(LAY_PF(L), FO_PF_OVERFULL, 0, src_line, L->nboxes + j, d);
        }
        if (ln->overfull) {
            of.lines++;
            if (nat - m > of.worst) {
                of.worst = nat - m;
                lay_overfull_sample(&of, text + ln->start, ln->end - ln->start);
            }
        }
        if (rtl_par && (a == FO_TEXT_LEFT || a == FO_TEXT_JUSTIFY))
            a = FO_TEXT_RIGHT;
        else if (rtl_par && a == FO_TEXT_RIGHT)
            a = FO_TEXT_LEFT;
        ln->x = a == FO_TEXT_RIGHT ? slack : a == FO_TEXT_CENTER ? slack / 2 : 0;
        if (rtl_par)
            ln->x -= 0; /* the indent sits at the start: the right side */
        else
            ln->x += indent;
        if (ln->x < 0 && !rtl_par)
            ln->x = indent;
    }
    sh->nlines = nres;
    sh->measure = width;
    /* Extraction gives hyphenated words whole: the drawn hyphen carries the
     * rest of the word, which the next line then draws silently.  The rest
     * runs to the next space, so punctuation closing the word ("respon-" /
     * "sibility, AI") extracts with it on the first line, as "responsibility,"
     * then "AI ...": were it left on the next line, a text extractor would
     * put it at that line's start, after the break. */
    for (int j = 0; j + 1 < nres; j++) {
        lay_line *ln = &sh->lines[j], *nx = &sh->lines[j + 1];
        if (!ln->hyphen)
            continue;
        int e = nx->start;
        while (e < nx->end && !g_unichar_isspace(g_utf8_get_char(text + e)) &&
               g_utf8_get_char(text + e) != 0x200B)
            e = (int)(g_utf8_next_char(text + e) - text);
        ln->hy_rest = nx->start;
        ln->hy_rest_end = e;
        nx->mute_end = e;
    }
    if (L->opt && L->opt->stats)
        add_stats(L->opt->stats, sh, B.it, res, justify);
    if (of.lines)
        report_overfull(L, &of, src_line, src_col);
    ok = true;
out:
    if (!ok) {
        lay_lines_free(sh);
        lay_fail(L, FO_ERR_NOMEM);
    }
    free(res);
    free(runs);
    free(B.it);
    free(B.byte);
    return ok;
}
