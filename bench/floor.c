/* floor.c — the shaping floor for `make bench`: the least work any
 * Pango-based typesetter must do on a Markdown report.
 *
 * Usage: floor [--layout] INPUT.md [FONTS_DIR]
 *
 * Parses INPUT.md with cmark-gfm, and for the text of every paragraph,
 * heading, list item paragraph, table cell and code block runs Pango's
 * itemizer, shapes every item (pango_shape_full) and computes the break
 * attributes (pango_get_log_attrs) — nothing else: no line breaking, no
 * pages, no PDF.  It uses folio's own font set-up (src/text/fonts.h), so
 * the fonts, font map and context are those folio uses; body text in
 * "Noto Serif" 10.5 pt, headings in bold "Noto Sans" 15 pt, code in
 * "DejaVu Sans Mono" 9 pt, as the default house style.
 *
 * With --layout it instead lays every block out in a PangoLayout of the
 * default style's measure (451.3 pt, justified, greedy line breaking) and
 * asks for its line count: the floor of a pipeline that lets Pango break
 * the lines, as folio does today.
 *
 * Prints to stdout: blocks, bytes, glyphs and the in-process seconds of
 * the shaping loop alone.  The bench times the whole process from outside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <pango/pango.h>

#include "../src/text/fonts.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Appends the text of the inlines below `n` (soft breaks as spaces). */
static void inline_text(cmark_node *n, GString *out)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
            const char *s = cmark_node_get_literal(c);
            if (s)
                g_string_append(out, s);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            g_string_append_c(out, ' ');
            break;
        default:
            inline_text(c, out);
        }
    }
}

typedef struct shaper {
    PangoContext *pc;
    PangoFontDescription *body, *heading, *code;
    PangoGlyphString *gs;
    PangoLogAttr *la;
    size_t la_cap;
    long blocks, bytes, glyphs;
    bool layout; /* --layout: PangoLayout per block instead */
} shaper;

/* The measure of folio's default style: A4 less 22 mm margins, in Pango
 * units. */
#define MEASURE ((int)((595.276 - 2 * 22 * 72 / 25.4) * PANGO_SCALE))

static void layout_text(shaper *s, const char *text, int len, PangoFontDescription *d)
{
    PangoLayout *pl = pango_layout_new(s->pc);
    pango_layout_set_font_description(pl, d);
    pango_layout_set_text(pl, text, len);
    pango_layout_set_width(pl, MEASURE);
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_justify(pl, TRUE);
    s->glyphs += pango_layout_get_line_count(pl); /* lines, in this mode */
    g_object_unref(pl);
    s->blocks++;
    s->bytes += len;
}

static void shape_text(shaper *s, const char *text, int len, PangoFontDescription *d)
{
    if (len <= 0)
        return;
    if (s->layout) {
        layout_text(s, text, len, d);
        return;
    }
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_font_desc_new(d));
    GList *items = pango_itemize(s->pc, text, 0, len, attrs, NULL);
    for (GList *l = items; l; l = l->next) {
        PangoItem *it = l->data;
        pango_shape_full(text + it->offset, it->length, text, len, &it->analysis, s->gs);
        s->glyphs += s->gs->num_glyphs;
        pango_item_free(it);
    }
    g_list_free(items);
    size_t nchars = (size_t)g_utf8_strlen(text, len) + 1;
    if (nchars > s->la_cap) {
        s->la_cap = nchars * 2;
        s->la = g_renew(PangoLogAttr, s->la, s->la_cap);
    }
    pango_get_log_attrs(text, len, -1, pango_context_get_language(s->pc), s->la, (int)nchars);
    pango_attr_list_unref(attrs);
    s->blocks++;
    s->bytes += len;
}

static void walk(shaper *s, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    GString *buf = g_string_new(NULL);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        const char *tn = cmark_node_get_type_string(n);
        bool cell = tn && strcmp(tn, "table_cell") == 0;
        if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || cell) {
            g_string_truncate(buf, 0);
            inline_text(n, buf);
            shape_text(s, buf->str, (int)buf->len, t == CMARK_NODE_HEADING ? s->heading : s->body);
        } else if (t == CMARK_NODE_CODE_BLOCK) {
            const char *lit = cmark_node_get_literal(n);
            if (lit)
                shape_text(s, lit, (int)strlen(lit), s->code);
        }
    }
    g_string_free(buf, TRUE);
    cmark_iter_free(it);
}

int main(int argc, char **argv)
{
    bool layout = argc > 1 && strcmp(argv[1], "--layout") == 0;
    if (layout) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: floor [--layout] INPUT.md [FONTS_DIR]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    GString *src = g_string_new(NULL);
    char chunk[65536];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        g_string_append_len(src, chunk, (gssize)r);
    fclose(f);

    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    const char *exts[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, src->str, src->len);
    cmark_node *doc = cmark_parser_finish(p);

    fo_diag diag;
    fo_diag_init(&diag);
    char *dir = fo_fonts_locate(argc > 2 ? argv[2] : NULL);
    fo_fonts *fonts = NULL;
    if (!dir || fo_fonts_new(dir, &fonts, &diag) != FO_OK)
        return 1;

    shaper s = {.pc = fo_fonts_context(fonts), .gs = pango_glyph_string_new(), .layout = layout};
    s.body = pango_font_description_from_string("Noto Serif 10.5");
    s.heading = pango_font_description_from_string("Noto Sans Bold 15");
    s.code = pango_font_description_from_string("DejaVu Sans Mono 9");
    double t0 = now();
    walk(&s, doc);
    double t1 = now();
    printf("floor: %ld blocks, %ld bytes, %ld %s, %s %.4f s\n", s.blocks, s.bytes, s.glyphs,
           layout ? "lines" : "glyphs", layout ? "PangoLayout" : "shaping", t1 - t0);

    pango_glyph_string_free(s.gs);
    g_free(s.la);
    pango_font_description_free(s.body);
    pango_font_description_free(s.heading);
    pango_font_description_free(s.code);
    fo_fonts_free(fonts);
    free(dir);
    fo_diag_dispose(&diag);
    cmark_node_free(doc);
    cmark_parser_free(p);
    g_string_free(src, TRUE);
    return 0;
}
