/* code.c — code blocks: monospace text on a shaded background with padding,
 * one box per line so a long block splits across pages line by line. */
#include "lay.h"

#include <string.h>

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
    double x = bx + s.padding_left;
    double w = lay_clamp_measure(bw - s.padding_left - s.padding_right);
    fo_color saved = L->bg;
    if (s.background_color.a > 0) {
        L->bg = s.background_color;
        L->bg_x = bx;
        L->bg_w = bw;
    }
    int first = L->nboxes;
    lay_spacer(L, s.padding_top, n->line, false);
    s.text_align = FO_TEXT_LEFT;
    s.text_indent = 0;
    lay_paragraph(L, &t, &s, x, w, false);
    lay_spacer(L, s.padding_bottom, n->line, true);
    lay_avoid_breaks_since(L, first, &s);
    L->bg = saved;
    lay_text_dispose(&t);
    lay_margin(L, s.margin_bottom);
    lay_break_after(L, &s);
}

