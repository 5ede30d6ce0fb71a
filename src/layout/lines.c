/* lines.c — shaping with Pango and turning lines into boxes of glyph runs.
 *
 * Units: Pango works in Pango units (1/1024 pt at folio's 72 dpi font map);
 * everything leaving this file is in points.  Line boxes follow the CSS
 * inline formatting model (CSS 2.1 §10.8): the block's font gives a strut
 * (ascent A, descent D); half-leading (line-height − (A + D)) / 2 goes above
 * and below; taller inline content grows the line.
 */
#include "lay.h"
#include "../base/timing.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct lay_face {
    int face;      /* index in the display list's faces, -1 if unusable */
    double size;   /* pt */
    double strike_pos, strike_thick; /* pt, above the baseline */
    double under_pos, under_thick;
    double ascent, descent;          /* pt */
} lay_face;

#define PT(u) ((double)(u) / PANGO_SCALE)

fo_color lay_color(fo_color c)
{
    return c;
}

void lay_fail(fo_lay *L, fo_status st)
{
    if (L->status == FO_OK)
        L->status = st;
}

PangoFontDescription *lay_font_desc(const fo_style *s)
{
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, s->font_family);
    pango_font_description_set_size(d, (gint)(s->font_size * PANGO_SCALE + 0.5));
    pango_font_description_set_weight(d, (PangoWeight)s->font_weight);
    pango_font_description_set_style(d, s->font_style == FO_FONT_ITALIC ? PANGO_STYLE_ITALIC
                                        : s->font_style == FO_FONT_OBLIQUE ? PANGO_STYLE_OBLIQUE
                                                                           : PANGO_STYLE_NORMAL);
    return d;
}

/* Face, size and metrics of a Pango font, cached per font. */
static const lay_face *face_of(fo_lay *L, PangoFont *font)
{
    lay_face *f = g_hash_table_lookup(L->faces, font);
    if (f)
        return f;
    f = g_new0(lay_face, 1);
    f->face = -1;
    const char *path, *family, *psname;
    int index;
    if (fo_fonts_face_file(font, &path, &index, &family, &psname)) {
        f->face = fo_display_face(L->dl, path, index, family, psname);
        if (f->face < 0)
            lay_fail(L, FO_ERR_NOMEM);
    }
    PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
    f->size = PT(pango_font_description_get_size(d));
    pango_font_description_free(d);
    PangoFontMetrics *m = pango_font_get_metrics(font, NULL);
    f->ascent = PT(pango_font_metrics_get_ascent(m));
    f->descent = PT(pango_font_metrics_get_descent(m));
    f->strike_pos = PT(pango_font_metrics_get_strikethrough_position(m));
    f->strike_thick = PT(pango_font_metrics_get_strikethrough_thickness(m));
    f->under_pos = PT(pango_font_metrics_get_underline_position(m));
    f->under_thick = PT(pango_font_metrics_get_underline_thickness(m));
    pango_font_metrics_unref(m);
    g_hash_table_insert(L->faces, g_object_ref(font), f);
    return f;
}

void lay_font_extents(fo_lay *L, PangoFont *font, double *asc, double *desc)
{
    const lay_face *f = face_of(L, font);
    *asc = f->ascent;
    *desc = f->descent;
}

/* Where converted items go: the current box, or straight onto a page. */
typedef struct sink {
    fo_lay *L;
    fo_page *page;
} sink;

static void sink_add(sink *k, const fo_item *it)
{
    if (k->page) {
        if (fo_page_add(k->L->dl, k->page, it) != FO_OK)
            lay_fail(k->L, FO_ERR_NOMEM);
    } else {
        lay_item_add(k->L, it);
    }
}

static void report_missing(fo_lay *L, gunichar ch, int src_line)
{
    if (g_hash_table_contains(L->missing, GUINT_TO_POINTER(ch)))
        return;
    g_hash_table_add(L->missing, GUINT_TO_POINTER(ch));
    char utf8[8] = {0};
    g_unichar_to_utf8(ch, utf8);
    fo_warn(L->diag, L->doc->path, src_line, 0,
            "no bundled font has a glyph for U+%04X '%s'; drawn as a .notdef box", ch,
            g_unichar_isprint(ch) ? utf8 : "?");
    if (LAY_PF(L)) {
        char d[64];
        snprintf(d, sizeof d, "no bundled face has U+%04X '%s'", ch,
                 g_unichar_isprint(ch) ? utf8 : "?");
        fo_preflight_add(LAY_PF(L), FO_PF_MISSING_GLYPH, 0, src_line, L->nboxes - 1, d);
    }
}

/* Justification of a line: extra advance for each stretchable space. */
typedef struct just {
    const lay_shaped *sh; /* NULL: no justification */
    double ratio;
} just;

/* Extra advance (pt) of glyph g of `run` under justification j: a space's
 * cluster widens by ratio × stretch (half its advance) or narrows by
 * ratio × shrink (a third), on its first glyph only. */
static double just_extra(const just *j, PangoGlyphItem *run, int g)
{
    if (!j || !j->sh)
        return 0;
    int b = run->item->offset + run->glyphs->log_clusters[g];
    if (!(j->sh->flags[b] & LAY_SPACE))
        return 0;
    if (g > 0 && run->glyphs->log_clusters[g - 1] == run->glyphs->log_clusters[g])
        return 0;
    double a = j->sh->adv[b];
    return j->ratio >= 0 ? j->ratio * a / 2 : j->ratio * a / 3;
}

/* Converts glyphs [g0, g1) of a Pango run (glyph item) covering the bytes
 * [b0, b1) of `text` (the paragraph text copied into the display arena)
 * into a glyph-run item at pen x and baseline y; with `mute` the run
 * extracts as no text (display.h actual_only).  Returns the width in pt. */
static double emit_run(sink *k, PangoGlyphItem *run, int g0, int g1, int b0, int b1,
                       const char *text, double x, double baseline, fo_color color,
                       int src_line, const just *jj, bool mute)
{
    fo_lay *L = k->L;
    PangoItem *item = run->item;
    PangoGlyphString *gs = run->glyphs;
    const lay_face *lf = face_of(L, item->analysis.font);
    double width = 0;
    for (int i = g0; i < g1; i++)
        width += PT(gs->glyphs[i].geometry.width) + just_extra(jj, run, i);
    bool strike = false, under = false;

    for (GSList *a = item->analysis.extra_attrs; a; a = a->next) {
        PangoAttribute *attr = a->data;
        if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
            PangoColor c = ((PangoAttrColor *)attr)->color;
            color = (fo_color){c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0, 1};
        } else if (attr->klass->type == PANGO_ATTR_STRIKETHROUGH) {
            strike = ((PangoAttrInt *)attr)->value != 0;
        } else if (attr->klass->type == PANGO_ATTR_UNDERLINE) {
            under = ((PangoAttrInt *)attr)->value != PANGO_UNDERLINE_NONE;
        }
    }
    double y = baseline - PT(run->y_offset);

    if (lf->face >= 0 && g1 > g0) {
        fo_glyph *g = fo_display_alloc(L->dl, (size_t)(g1 - g0) * sizeof *g);
        if (!g) {
            lay_fail(L, FO_ERR_NOMEM);
            return width;
        }
        int n = 0;
        double lead = 0; /* advance of dropped empty glyphs before the first kept one */
        double gx = x;   /* pen at glyph i */
        for (int i = g0; i < g1; i++) {
            PangoGlyphInfo *gi = &gs->glyphs[i];
            double adv = PT(gi->geometry.width) + just_extra(jj, run, i);
            gx += adv;
            if (gi->glyph == PANGO_GLYPH_EMPTY) {
                if (n > 0)
                    g[n - 1].advance += adv;
                else
                    lead += adv;
                continue;
            }
            uint32_t gid = gi->glyph;
            if (gid & PANGO_GLYPH_UNKNOWN_FLAG) {
                report_missing(L, gid & ~PANGO_GLYPH_UNKNOWN_FLAG, src_line);
                gid = 0; /* the face's .notdef glyph, which may be blank: */
                /* outline a box over the advance so the gap is visible */
                double bw = adv > 0.2 * lf->size ? adv - 0.1 * lf->size : 0.5 * lf->size;
                fo_item box = {.kind = FO_ITEM_RECT};
                box.u.rect = (fo_rect_item){gx - adv + 0.05 * lf->size, y - 0.7 * lf->size, bw,
                                            0.7 * lf->size, {0, 0, 0, 0}, color,
                                            lf->size / 20};
                sink_add(k, &box);
            }
            g[n].gid = gid;
            g[n].advance = adv;
            g[n].x_offset = PT(gi->geometry.x_offset);
            g[n].y_offset = PT(gi->geometry.y_offset);
            g[n].cluster = mute ? 0 : (uint32_t)(item->offset + gs->log_clusters[i] - b0);
            n++;
        }
        if (n > 0) {
            fo_item it = {.kind = FO_ITEM_GLYPHS};
            it.u.glyphs = (fo_glyph_run){
                .face = lf->face, .size = lf->size, .color = color,
                .x = x + lead, .y = y, .glyphs = g, .nglyphs = n,
                .text = text + b0, .text_len = mute ? 0 : b1 - b0,
                .rtl = (item->analysis.level & 1) != 0, .actual_only = mute,
            };
            sink_add(k, &it);
        }
    }
    if (strike || under) {
        fo_item it = {.kind = FO_ITEM_LINE};
        double pos = strike ? lf->strike_pos : lf->under_pos;
        double th = strike ? lf->strike_thick : lf->under_thick;
        it.u.line = (fo_line_item){x, y - pos + th / 2, x + width, y - pos + th / 2, color,
                                   th > 0 ? th : lf->size / 18, FO_LINE_SOLID};
        sink_add(k, &it);
    }
    return width;
}

/* Draws an inserted hyphen (shaped with `item`'s font) at pen x.  It
 * extracts as `rest` (the rest of the word, drawn silently on the next
 * line), so that text extraction and search give the word whole; with no
 * rest it extracts as '-'.  Returns its width. */
static double emit_hyphen(sink *k, PangoItem *item, PangoGlyphString *hy, double x,
                          double baseline, fo_color color, const char *rest, int rest_len)
{
    fo_lay *L = k->L;
    const lay_face *lf = face_of(L, item->analysis.font);
    double width = PT(pango_glyph_string_get_width(hy));
    if (lf->face < 0 || hy->num_glyphs <= 0)
        return width;
    for (GSList *a = item->analysis.extra_attrs; a; a = a->next) {
        PangoAttribute *attr = a->data;
        if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
            PangoColor c = ((PangoAttrColor *)attr)->color;
            color = (fo_color){c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0, 1};
        }
    }
    fo_glyph *g = fo_display_alloc(L->dl, (size_t)hy->num_glyphs * sizeof *g);
    const char *txt = rest_len > 0 ? rest : fo_display_strdup(L->dl, "-");
    if (!g || !txt) {
        lay_fail(L, FO_ERR_NOMEM);
        return width;
    }
    for (int i = 0; i < hy->num_glyphs; i++) {
        PangoGlyphInfo *gi = &hy->glyphs[i];
        g[i] = (fo_glyph){.gid = gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : gi->glyph,
                          .advance = PT(gi->geometry.width),
                          .x_offset = PT(gi->geometry.x_offset),
                          .y_offset = PT(gi->geometry.y_offset), .cluster = 0};
    }
    fo_item it = {.kind = FO_ITEM_GLYPHS};
    it.u.glyphs = (fo_glyph_run){.face = lf->face, .size = lf->size, .color = color, .x = x,
                                 .y = baseline, .glyphs = g, .nglyphs = hy->num_glyphs,
                                 .text = txt, .text_len = rest_len > 0 ? rest_len : 1,
                                 .actual_only = rest_len > 0};
    sink_add(k, &it);
    return width;
}

/* Emits line `ln` of `sh` with its left edge (before alignment) at x and
 * baseline y; link rectangles span box_top .. box_top + box_h. */
static void emit_line(sink *k, const lay_shaped *sh, const lay_line *ln, double x,
                      double baseline, fo_color color, int src_line, GArray *links,
                      double box_top, double box_h)
{
    /* Only the links that overlap this line's bytes: a paragraph with
     * thousands of links (footnote references) stays linear. */
    int nall = links ? (int)links->len : 0, nl = 0;
    int *li = NULL;
    for (int j = 0; j < nall; j++) {
        const lay_link *lk = &g_array_index(links, lay_link, j);
        if (lk->start < ln->end && lk->end > ln->start) {
            if (!li)
                li = g_new(int, (gsize)nall);
            li[nl++] = j;
        }
    }
    double *lx0 = nl ? g_new(double, (gsize)nl * 2) : NULL;
    double *lx1 = lx0 ? lx0 + nl : NULL;
    for (int i = 0; i < nl; i++) {
        lx0[i] = INFINITY;
        lx1[i] = -INFINITY;
    }
    just jj = {ln->justify ? sh : NULL, ln->ratio};
    double pen = x + ln->x;
    for (int p = 0; p < ln->npieces; p++) {
        const lay_piece *pc = &sh->pieces[ln->piece0 + p];
        PangoGlyphItem *run = pc->run;
        if (nl > 0) {
            double gx = pen;
            for (int i = pc->g0; i < pc->g1; i++) {
                int byte = run->item->offset + run->glyphs->log_clusters[i];
                double adv = PT(run->glyphs->glyphs[i].geometry.width) + just_extra(&jj, run, i);
                for (int j = 0; j < nl; j++) {
                    const lay_link *lk = &g_array_index(links, lay_link, li[j]);
                    if (byte >= lk->start && byte < lk->end) {
                        if (gx < lx0[j]) lx0[j] = gx;
                        if (gx + adv > lx1[j]) lx1[j] = gx + adv;
                    }
                }
                gx += adv;
            }
        }
        int g0 = pc->g0, b0 = pc->b0;
        if (pc->b0 < ln->mute_end && !(run->item->analysis.level & 1)) {
            /* the rest of a word hyphenated on the line before */
            int gs = g0;
            while (gs < pc->g1 && run->item->offset + run->glyphs->log_clusters[gs] < ln->mute_end)
                gs++;
            int bs = ln->mute_end < pc->b1 ? ln->mute_end : pc->b1;
            pen += emit_run(k, run, g0, gs, b0, bs, sh->text, pen, baseline, color, src_line,
                            &jj, true);
            g0 = gs;
            b0 = bs;
        }
        if (g0 < pc->g1)
            pen += emit_run(k, run, g0, pc->g1, b0, pc->b1, sh->text, pen, baseline, color,
                            src_line, &jj, false);
    }
    if (ln->hyphen && ln->hy)
        emit_hyphen(k, ln->hy_item, ln->hy, pen, baseline, color, sh->text + ln->hy_rest,
                    ln->hy_rest_end - ln->hy_rest);
    for (int j = 0; j < nl; j++) {
        if (lx1[j] <= lx0[j])
            continue;
        const lay_link *lk = &g_array_index(links, lay_link, li[j]);
        fo_item it = {.kind = FO_ITEM_LINK};
        it.u.link = (fo_link_item){lx0[j], box_top, lx1[j] - lx0[j], box_h, lk->uri, lk->dest};
        sink_add(k, &it);
    }
    g_free(lx0);
    g_free(li);
}

/* Pango items are shaped, measured and broken whole, which bites on long
 * paragraphs in two ways:
 *  - an item's width is summed in Pango units in an int, so an item wider
 *    than about 2 million pt (a paragraph of ~100 000 words) overflows and
 *    Pango breaks it into nonsense lines, dropping most of the text from
 *    view (seen with Pango 1.50);
 *  - the rest of an item is shaped again for every line broken off it, so
 *    one very long word was quadratic.
 * Attribute boundaries end items (pango_itemize), so every CHUNK bytes a
 * no-op attribute (letter spacing 0) is laid on every other chunk.  A chunk
 * ends before white space once it has CHUNK bytes, or anywhere (before a
 * character that is not a combining mark, joiner or variation selector, so
 * no grapheme cluster is split) once it has 2 × CHUNK bytes.  Shaping across
 * a space is unaffected; inside a word of more than 2 × CHUNK bytes a
 * ligature or kerning pair may be lost at a chunk edge. */
enum { CHUNK = 512 };

static bool joins_previous(gunichar c)
{
    return g_unichar_ismark(c) || c == 0x200D || c == 0x200C || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF);
}

static void split_long_runs(PangoAttrList *al, const char *text, int len)
{
    if (len <= 2 * CHUNK)
        return;
    int chunk_start = 0, nchunk = 0;
    for (int i = 0; i < len; i += g_utf8_skip[(guchar)text[i]]) {
        int have = i - chunk_start;
        if (have < CHUNK)
            continue;
        bool cut = g_ascii_isspace(text[i]);
        if (!cut && have >= 2 * CHUNK) {
            gunichar c = g_utf8_get_char_validated(text + i, len - i);
            cut = c != (gunichar)-1 && c != (gunichar)-2 && !joins_previous(c);
        }
        if (!cut)
            continue;
        if (nchunk++ % 2 == 0) {
            PangoAttribute *a = pango_attr_letter_spacing_new(0);
            a->start_index = (guint)chunk_start;
            a->end_index = (guint)i;
            pango_attr_list_insert(al, a);
        }
        chunk_start = i;
    }
}

static PangoLayout *new_layout(fo_lay *L, const char *text, int len, const fo_style *s,
                               PangoAttrList *attrs)
{
    PangoLayout *pl = pango_layout_new(L->pc);
    if (L->dir != PANGO_DIRECTION_NEUTRAL)
        pango_layout_set_auto_dir(pl, FALSE); /* the context's base direction */
    PangoFontDescription *d = lay_font_desc(s);
    pango_layout_set_font_description(pl, d);
    pango_font_description_free(d);
    pango_layout_set_text(pl, text, len);
    PangoAttrList *al = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
    /* No hyphen is ever inserted by Pango at a break inside a word. */
    PangoAttribute *nh = pango_attr_insert_hyphens_new(FALSE);
    nh->start_index = 0;
    nh->end_index = G_MAXUINT;
    pango_attr_list_insert_before(al, nh);
    split_long_runs(al, text, len < 0 ? (int)strlen(text) : len);
    pango_layout_set_attributes(pl, al);
    pango_attr_list_unref(al);
    return pl;
}

double lay_plain_line(fo_lay *L, const char *s, const fo_style *st, double x,
                      double y, bool emit, fo_page *page)
{
    PangoLayout *pl = new_layout(L, s, -1, st, NULL);
    PangoRectangle logical;
    pango_layout_get_extents(pl, NULL, &logical);
    double w = PT(logical.width);
    if (emit) {
        const char *text = fo_display_strdup(L->dl, pango_layout_get_text(pl));
        if (!text) {
            lay_fail(L, FO_ERR_NOMEM);
        } else {
            sink k = {L, page};
            PangoLayoutLine *line = pango_layout_get_line_readonly(pl, 0);
            double pen = x;
            for (GSList *r = line ? line->runs : NULL; r; r = r->next) {
                PangoGlyphItem *run = r->data;
                pen += emit_run(&k, run, 0, run->glyphs->num_glyphs, run->item->offset,
                                run->item->offset + run->item->length, text, pen, y, st->color,
                                0, NULL, false);
            }
        }
    }
    g_object_unref(pl);
    return w;
}

bool lay_shape(fo_lay *L, lay_text *t, const fo_style *s, double width,
               lay_shaped *out)
{
    memset(out, 0, sizeof *out);
    if (t->text->len == 0)
        return false;
    if (width < 1)
        width = 1;
    /* Shaped once, unbroken (hard breaks aside); para.c chooses the lines. */
    PangoLayout *pl = new_layout(L, t->text->str, (int)t->text->len, s, t->attrs);
    out->text = fo_display_strndup(L->dl, t->text->str, t->text->len);
    if (!out->text) {
        g_object_unref(pl);
        lay_fail(L, FO_ERR_NOMEM);
        return false;
    }
    /* The strut: the block's primary font. */
    PangoFontDescription *d = lay_font_desc(s);
    PangoFont *pf = pango_context_load_font(L->pc, d);
    pango_font_description_free(d);
    out->A = s->font_size * 0.8;
    out->D = s->font_size * 0.2;
    if (pf) {
        const lay_face *lf = face_of(L, pf);
        out->A = lf->ascent;
        out->D = lf->descent;
        g_object_unref(pf);
    }
    out->half = (s->line_height - (out->A + out->D)) / 2;
    out->pl = pl;
    /* Pango shapes lazily: shaping and breaking are timed together here */
    fo_timing_push(FO_T_SHAPE);
    bool ok = lay_break_lines(L, out, s, width, t->src_line, t->src_col);
    fo_timing_pop();
    if (!ok) {
        lay_shaped_dispose(out);
        return false;
    }
    return true;
}

void lay_shaped_dispose(lay_shaped *sh)
{
    lay_lines_free(sh);
    if (sh->pl)
        g_object_unref(sh->pl);
    memset(sh, 0, sizeof *sh);
}

/* Height of line ln's box and its baseline from the box top (CSS 2.1
 * §10.8: the strut and the inline content, half-leading above and below). */
static void line_geom(const lay_shaped *sh, const lay_line *ln, double *h, double *bl)
{
    double la = ln->asc > sh->A ? ln->asc : sh->A;
    double ld = ln->desc > sh->D ? ln->desc : sh->D;
    *h = la + ld + 2 * sh->half;
    if (*h < 0.1)
        *h = 0.1;
    *bl = sh->half + la;
}

double lay_shaped_height(const lay_shaped *sh)
{
    double total = 0, h, bl;
    for (int i = 0; i < sh->nlines; i++) {
        line_geom(sh, &sh->lines[i], &h, &bl);
        total += h;
    }
    return total;
}

/* Anchors of `t` that fall on line ln, as items at the box top. */
static void line_anchors(fo_lay *L, const lay_shaped *sh, const lay_line *ln,
                         const lay_text *t, bool last, double x, double y)
{
    for (guint i = 0; i < t->anchors->len; i++) {
        const lay_anchor *an = &g_array_index(t->anchors, lay_anchor, i);
        if ((an->pos >= ln->start && an->pos < ln->end) || (last && an->pos >= ln->end) ||
            (ln == sh->lines && an->pos < ln->start)) {
            double ax = x + ln->x;
            for (int b = ln->start; b < an->pos && b < ln->end; b++)
                ax += sh->adv[b];
            fo_item ai = {.kind = FO_ITEM_ANCHOR};
            ai.u.anchor = (fo_anchor_item){an->name, ax, y};
            lay_item_add(L, &ai);
        }
    }
}

void lay_shaped_emit(fo_lay *L, const lay_shaped *sh, const lay_text *t, const fo_style *s,
                     double x, double y0)
{
    lay_shaped_emit_page(L, sh, t, s, x, y0, NULL);
}

void lay_shaped_emit_page(fo_lay *L, const lay_shaped *sh, const lay_text *t,
                          const fo_style *s, double x, double y0, fo_page *page)
{
    double h, bl, y = y0;
    sink k = {L, page};
    for (int i = 0; i < sh->nlines; i++) {
        const lay_line *ln = &sh->lines[i];
        line_geom(sh, ln, &h, &bl);
        emit_line(&k, sh, ln, x, y + bl, s->color, t->src_line, t->links, y, h);
        if (!page)
            line_anchors(L, sh, ln, t, i == sh->nlines - 1, x, y);
        y += h;
    }
}

/* Whether the line ends with a hyphen: one drawn at a hyphenation point,
 * or a hyphen of the text (U+002D, U+2010) the line breaks after. */
static bool line_ends_hyphen(const lay_shaped *sh, const lay_line *ln)
{
    if (ln->hyphen)
        return true;
    int e = ln->end;
    while (e > ln->start && (sh->text[e - 1] == ' ' || sh->text[e - 1] == '\n'))
        e--;
    if (e <= ln->start)
        return false;
    const char *p = g_utf8_find_prev_char(sh->text + ln->start, sh->text + e);
    gunichar c = p ? g_utf8_get_char(p) : 0;
    return c == '-' || c == 0x2010;
}

int lay_paragraph(fo_lay *L, lay_text *t, const fo_style *s, double x, double width,
                  bool keep_lines)
{
    lay_shaped sh;
    /* An inside marker (CSS Lists 3 §3.3) starts the first line: the line
     * is indented by the marker's advance and a 0.3em space. */
    fo_style inside_s;
    double marker_x = 0; /* where the marker is drawn */
    if (L->marker.pending && L->marker.inside) {
        inside_s = *s;
        marker_x = x + (s->text_indent > 0 ? s->text_indent : 0);
        inside_s.text_indent += lay_plain_line(L, L->marker.text, &L->marker.style, 0, 0, false,
                                               NULL) +
                                0.3 * L->marker.style.font_size;
        s = &inside_s;
    }
    if (!lay_shape(L, t, s, width, &sh))
        return 0;
    int first_box = L->nboxes;
    int nlines = 0;
    sink k = {L, NULL};
    for (int i = 0; i < sh.nlines; i++) {
        const lay_line *ln = &sh.lines[i];
        double h, bl;
        line_geom(&sh, ln, &h, &bl);
        if (lay_box_begin(L, h, t->src_line) < 0)
            break;
        L->boxes[L->nboxes - 1].pg.hyphenated = line_ends_hyphen(&sh, ln);
        if (L->marker.pending) {
            L->marker.pending = false;
            if (!L->marker.inside) {
                double mw = lay_plain_line(L, L->marker.text, &L->marker.style, 0, 0, false,
                                           NULL);
                marker_x = L->marker.right - mw;
            }
            lay_plain_line(L, L->marker.text, &L->marker.style, marker_x, bl, true, NULL);
        }
        emit_line(&k, &sh, ln, x, bl, s->color, t->src_line, t->links, 0, h);
        line_anchors(L, &sh, ln, t, i == sh.nlines - 1, x, 0);
        nlines++;
    }
    lay_shaped_dispose(&sh);

    lay_para_rec rec = {first_box, nlines, s->orphans, s->widows, t->src_line, keep_lines};
    if (nlines > 0)
        g_array_append_val(L->paras, rec);
    /* Breaks between lines: orphans and widows (CSS Fragmentation 3 §4.4). */
    for (int i = 1; i < nlines; i++) {
        lay_box *b = &L->boxes[first_box + i];
        b->pg.can_break_before = !keep_lines && i >= s->orphans && nlines - i >= s->widows;
    }
    return nlines;
}
