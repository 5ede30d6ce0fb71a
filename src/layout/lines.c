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
}

/* Converts one Pango run (glyph item) into a glyph-run item at pen x and
 * baseline y.  `text` is the paragraph text copied into the display arena.
 * Returns the run's width in pt. */
static double emit_run(sink *k, PangoGlyphItem *run, const char *text, double x,
                       double baseline, fo_color color, int src_line)
{
    fo_lay *L = k->L;
    PangoItem *item = run->item;
    PangoGlyphString *gs = run->glyphs;
    const lay_face *lf = face_of(L, item->analysis.font);
    double width = PT(pango_glyph_string_get_width(gs));
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

    if (lf->face >= 0 && gs->num_glyphs > 0) {
        fo_glyph *g = fo_display_alloc(L->dl, (size_t)gs->num_glyphs * sizeof *g);
        if (!g) {
            lay_fail(L, FO_ERR_NOMEM);
            return width;
        }
        int n = 0;
        double lead = 0; /* advance of dropped empty glyphs before the first kept one */
        for (int i = 0; i < gs->num_glyphs; i++) {
            PangoGlyphInfo *gi = &gs->glyphs[i];
            double adv = PT(gi->geometry.width);
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
                gid = 0; /* the face's .notdef glyph: a visible box */
            }
            g[n].gid = gid;
            g[n].advance = adv;
            g[n].x_offset = PT(gi->geometry.x_offset);
            g[n].y_offset = PT(gi->geometry.y_offset);
            g[n].cluster = (uint32_t)gs->log_clusters[i];
            n++;
        }
        if (n > 0) {
            fo_item it = {.kind = FO_ITEM_GLYPHS};
            it.u.glyphs = (fo_glyph_run){
                .face = lf->face, .size = lf->size, .color = color,
                .x = x + lead, .y = y, .glyphs = g, .nglyphs = n,
                .text = text + item->offset, .text_len = item->length,
                .rtl = (item->analysis.level & 1) != 0,
            };
            sink_add(k, &it);
        }
    }
    if (strike || under) {
        fo_item it = {.kind = FO_ITEM_LINE};
        double pos = strike ? lf->strike_pos : lf->under_pos;
        double th = strike ? lf->strike_thick : lf->under_thick;
        it.u.line = (fo_line_item){x, y - pos + th / 2, x + width, y - pos + th / 2, color,
                                   th > 0 ? th : lf->size / 18};
        sink_add(k, &it);
    }
    return width;
}

/* Emits every run of `line` with its left edge at x and baseline y. */
static void emit_line(sink *k, PangoLayoutLine *line, const char *text, double x,
                      double baseline, fo_color color, int src_line, GArray *links,
                      double box_top, double box_h)
{
    /* Only the links that overlap this line's bytes: a paragraph with
     * thousands of links (footnote references) stays linear. */
    int nall = links ? (int)links->len : 0, nl = 0;
    int *li = NULL;
    for (int j = 0; j < nall; j++) {
        const lay_link *lk = &g_array_index(links, lay_link, j);
        if (lk->start < line->start_index + line->length && lk->end > line->start_index) {
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
    double pen = x;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        if (nl > 0) {
            double gx = pen;
            for (int i = 0; i < run->glyphs->num_glyphs; i++) {
                int byte = run->item->offset + run->glyphs->log_clusters[i];
                double adv = PT(run->glyphs->glyphs[i].geometry.width);
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
        pen += emit_run(k, run, text, pen, baseline, color, src_line);
    }
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
            emit_line(&k, pango_layout_get_line_readonly(pl, 0), text, x, y, st->color, 0,
                      NULL, 0, 0);
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
    PangoLayout *pl = new_layout(L, t->text->str, (int)t->text->len, s, t->attrs);
    pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    switch (s->text_align) {
    case FO_TEXT_RIGHT: pango_layout_set_alignment(pl, PANGO_ALIGN_RIGHT); break;
    case FO_TEXT_CENTER: pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER); break;
    case FO_TEXT_JUSTIFY: pango_layout_set_justify(pl, TRUE); break;
    default: break;
    }
    if (s->text_indent != 0)
        pango_layout_set_indent(pl, (int)(s->text_indent * PANGO_SCALE));
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
    fo_timing_push(FO_T_SHAPE), pango_layout_get_line_count(pl), fo_timing_pop(); /* Pango shapes lazily: time it here */
    out->pl = pl;
    return true;
}

void lay_shaped_dispose(lay_shaped *sh)
{
    if (sh->pl)
        g_object_unref(sh->pl);
    memset(sh, 0, sizeof *sh);
}

/* Height of the current line's box and its baseline from the box top. */
static void line_geom(const lay_shaped *sh, PangoLayoutIter *it, double *h, double *bl,
                      double *lx)
{
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    double base = PT(pango_layout_iter_get_baseline(it));
    double asc = base - PT(logical.y);
    double desc = PT(logical.y + logical.height) - base;
    double la = asc > sh->A ? asc : sh->A;
    double ld = desc > sh->D ? desc : sh->D;
    *h = la + ld + 2 * sh->half;
    if (*h < 0.1)
        *h = 0.1;
    *bl = sh->half + la;
    *lx = PT(logical.x);
}

double lay_shaped_height(const lay_shaped *sh)
{
    double total = 0, h, bl, lx;
    PangoLayoutIter *it = pango_layout_get_iter(sh->pl);
    do {
        line_geom(sh, it, &h, &bl, &lx);
        total += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return total;
}

/* The pen x (pt, from the line's left edge) of the first glyph whose
 * cluster starts at or after byte `pos`.  Walks the line's own glyphs:
 * pango_layout_index_to_pos counts characters from the start of the whole
 * paragraph, which made paragraphs with many anchors quadratic. */
static double line_byte_x(PangoLayoutLine *line, int pos)
{
    double pen = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        for (int i = 0; i < run->glyphs->num_glyphs; i++) {
            if (run->item->offset + run->glyphs->log_clusters[i] >= pos)
                return pen;
            pen += PT(run->glyphs->glyphs[i].geometry.width);
        }
    }
    return pen;
}

/* Anchors of `t` that fall on `line`, as items at the box top. */
static void line_anchors(fo_lay *L, const lay_shaped *sh, PangoLayoutLine *line,
                         const lay_text *t, double x, double y)
{
    for (guint i = 0; i < t->anchors->len; i++) {
        const lay_anchor *an = &g_array_index(t->anchors, lay_anchor, i);
        if (an->pos >= line->start_index && an->pos < line->start_index + line->length) {
            fo_item ai = {.kind = FO_ITEM_ANCHOR};
            ai.u.anchor = (fo_anchor_item){an->name, x + line_byte_x(line, an->pos), y};
            lay_item_add(L, &ai);
        }
    }
}

void lay_shaped_emit(fo_lay *L, const lay_shaped *sh, const lay_text *t, const fo_style *s,
                     double x, double y0)
{
    double h, bl, lx, y = y0;
    sink k = {L, NULL};
    PangoLayoutIter *it = pango_layout_get_iter(sh->pl);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        line_geom(sh, it, &h, &bl, &lx);
        emit_line(&k, line, sh->text, x + lx, y + bl, s->color, t->src_line, t->links, y, h);
        line_anchors(L, sh, line, t, x, y);
        y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

int lay_paragraph(fo_lay *L, lay_text *t, const fo_style *s, double x, double width,
                  bool keep_lines)
{
    lay_shaped sh;
    if (!lay_shape(L, t, s, width, &sh))
        return 0;
    int first_box = L->nboxes;
    int nlines = 0;
    sink k = {L, NULL};
    PangoLayoutIter *it = pango_layout_get_iter(sh.pl);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        double h, bl, lx;
        line_geom(&sh, it, &h, &bl, &lx);
        if (lay_box_begin(L, h, t->src_line) < 0)
            break;
        if (L->marker.pending) {
            L->marker.pending = false;
            double mw = lay_plain_line(L, L->marker.text, &L->marker.style, 0, 0, false, NULL);
            lay_plain_line(L, L->marker.text, &L->marker.style, L->marker.right - mw, bl, true,
                           NULL);
        }
        emit_line(&k, line, sh.text, x + lx, bl, s->color, t->src_line, t->links, 0, h);
        line_anchors(L, &sh, line, t, x, 0);
        nlines++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    lay_shaped_dispose(&sh);

    /* Breaks between lines: orphans and widows (CSS Fragmentation 3 §4.4). */
    for (int i = 1; i < nlines; i++) {
        lay_box *b = &L->boxes[first_box + i];
        b->pg.can_break_before = !keep_lines && i >= s->orphans && nlines - i >= s->widows;
    }
    return nlines;
}
