/* code.c — code blocks: monospace text on a shaded background with padding,
 * one box per line so a long block splits across pages line by line.
 * Tabs are expanded (inline.c); a line longer than the measure wraps, and
 * each continuation line gets a mark, "↪" (U+21AA) in 55 % of the text
 * colour, hung in the left padding, so a reader never takes it for a new
 * line of code. */
#include "lay.h"

#include <stdlib.h>
#include <string.h>

/* Continuation flags of the lines `t` breaks into at `width` pt: lines
 * that do not start after a newline.  Returns a malloc'd array of *n
 * flags, or NULL. */
static bool *continuations(fo_lay *L, lay_text *t, const fo_style *s, double width, int *n)
{
    *n = 0;
    lay_shaped sh;
    if (!lay_shape(L, t, s, width, &sh))
        return NULL;
    /* The lines folio's breaker chose (lay_shape fills sh.lines). */
    int count = sh.nlines;
    bool *c = calloc((size_t)(count ? count : 1), sizeof *c);
    const char *text = sh.text;
    for (int i = 0; c && i < count; i++) {
        int st = sh.lines[i].start;
        c[i] = st > 0 && text[st - 1] != '\n';
    }
    lay_shaped_dispose(&sh);
    *n = c ? count : 0;
    return c;
}

/* Hangs the continuation mark left of x on each continued line among the
 * `nlines` boxes from `first`. */
static void mark_continuations(fo_lay *L, const bool *cont, int nlines, int first,
                               const fo_style *s, double x)
{
    fo_style ms = *s;
    ms.color.a *= 0.55;
    const char *mark = "\xe2\x86\xaa"; /* ↪ */
    double mw = lay_plain_line(L, mark, &ms, 0, 0, false, NULL);
    for (int i = 1; i < nlines && L->status == FO_OK; i++) {
        if (!cont[i])
            continue;
        const lay_box *b = &L->boxes[first + i];
        double bl = -1;
        for (int k = 0; k < b->item_count && bl < 0; k++)
            if (L->items[b->item_first + k].kind == FO_ITEM_GLYPHS)
                bl = L->items[b->item_first + k].u.glyphs.y;
        if (bl < 0)
            continue;
        int from = L->nitems;
        lay_plain_line(L, mark, &ms, x - mw - 1.5, bl, true, NULL);
        lay_items_move_to_box(L, from, first + i);
    }
}

void lay_code_block(fo_lay *L, lay_frame *f, const fo_node *n)
{
    fo_elem e;
    fo_style s;
    lay_child_style(L, f, "pre", NULL, &e, &s);
    lay_break_before(L, &s);
    lay_margin(L, s.margin_top);
    const char *src = n->text ? n->text : "";
    size_t len = strlen(src);
    while (len > 0 && src[len - 1] == '\n')
        len--;
    lay_text t;
    if (len == 0)
        lay_text_plain(L, " ", 1, true, n->line, &t);
    else
        lay_text_plain(L, src, len, true, n->line, &t);
    double bx = f->x + s.margin_left;
    double bw = lay_clamp_measure(f->w - s.margin_left - s.margin_right);
    double x = bx + s.border_left_width + s.padding_left;
    double w = lay_clamp_measure(bw - s.border_left_width - s.padding_left - s.padding_right -
                                 s.border_right_width);
    int first = L->nboxes;
    /* background, borders and padding: a decorated block (deco.c) */
    lay_deco_begin(L, &s, bx, bw, n->line);
    s.text_align = FO_TEXT_LEFT;
    s.text_indent = 0;
    int ncont = 0;
    bool *cont = continuations(L, &t, &s, w, &ncont);
    int lines_first = L->nboxes;
    int nlines = lay_paragraph(L, &t, &s, x, w, false);
    if (cont && nlines == ncont)
        mark_continuations(L, cont, nlines, lines_first, &s, x);
    free(cont);
    lay_deco_end(L, &s, n->line);
    lay_avoid_breaks_since(L, first, &s);
    lay_text_dispose(&t);
    lay_margin(L, s.margin_bottom);
    lay_break_after(L, &s);
}

