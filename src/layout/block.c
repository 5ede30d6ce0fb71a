/* block.c — block layout: walks the document tree (iteratively, with
 * enter/exit on containers) and turns every block into boxes of the
 * vertical list.  Vertical margins collapse (CSS 2.1 §8.3.1, simplified:
 * adjacent margins, whether siblings or parent and child, take the larger
 * one); horizontal margins and padding narrow the measure.
 */
#include "lay.h"

#include <stdlib.h>
#include <string.h>

/* A container being laid out (body, list, item, quote, footnote). */
typedef struct frame {
    struct frame *up;
    const fo_node *node;
    fo_elem elem;
    fo_style style;
    double x, w;     /* content box: absolute left edge and width, pt */
    int nchild;      /* element children seen so far (for :first-child) */
    int number;      /* ordered list: next item number */
    int depth;       /* list nesting depth */
    bool rule;       /* a block-quote rule was pushed */
    bool deco;       /* a decorated block was opened (deco.c) */
    int first_box;   /* index of the first box laid out inside */
} frame;

/* Never let the measure fall below this (deeply nested containers). */
#define MIN_MEASURE 36.0

int lay_box_begin(fo_lay *L, double height, int src_line)
{
    if (L->status != FO_OK)
        return -1;
    if (L->nboxes == L->boxes_cap) {
        int cap = L->boxes_cap ? L->boxes_cap * 2 : 256;
        lay_box *b = realloc(L->boxes, (size_t)cap * sizeof *b);
        if (!b) {
            lay_fail(L, FO_ERR_NOMEM);
            return -1;
        }
        L->boxes = b;
        L->boxes_cap = cap;
    }
    lay_box *b = &L->boxes[L->nboxes];
    memset(b, 0, sizeof *b);
    b->pg.space_before = L->pending_margin;
    b->pg.height = height;
    b->pg.can_break_before = !L->keep_with_prev;
    b->pg.force_break = L->force_break;
    b->item_first = L->nitems;
    b->src_line = src_line;
    L->pending_margin = 0;
    L->keep_with_prev = false;
    L->force_break = false;
    L->nboxes++;
    /* Furniture waiting for the next box. */
    for (guint i = 0; i < L->rules->len; i++) {
        const lay_rule *r = &g_array_index(L->rules, lay_rule, i);
        fo_item it = {.kind = FO_ITEM_LINE};
        it.u.line = (fo_line_item){r->x, 0, r->x, height, r->color, 2.0};
        lay_item_add(L, &it);
    }
    if (L->bg.a > 0) {
        fo_item it = {.kind = FO_ITEM_RECT};
        it.u.rect = (fo_rect_item){L->bg_x, 0, L->bg_w, height, L->bg, {0, 0, 0, 0}, 0};
        lay_item_add(L, &it);
    }
    for (guint i = 0; i < L->decos->len; i++) {
        const lay_deco *d = &g_array_index(L->decos, lay_deco, i);
        /* the strips also cover the margin above the box when it lies
         * inside the block (page.c clips them at a page top) */
        double up = d->outer_box == L->nboxes - 1 ? 0 : b->pg.space_before;
        if (d->bg.a > 0) {
            fo_item it = {.kind = FO_ITEM_RECT};
            it.u.rect = (fo_rect_item){d->x, -up, d->w, height + up, d->bg, {0, 0, 0, 0}, 0};
            lay_item_add(L, &it);
        }
        lay_deco_sides(L, d, -up, height);
    }
    if (L->pending_anchor) {
        fo_item it = {.kind = FO_ITEM_ANCHOR};
        it.u.anchor = (fo_anchor_item){L->pending_anchor, L->pending_anchor_x, 0};
        lay_item_add(L, &it);
        L->pending_anchor = NULL;
    }
    if (L->pending_outline) {
        fo_item it = {.kind = FO_ITEM_OUTLINE};
        it.u.outline = (fo_outline_item){L->pending_outline, L->pending_outline_level, 0};
        lay_item_add(L, &it);
        L->pending_outline = NULL;
    }
    return L->nboxes - 1;
}

void lay_item_add(fo_lay *L, const fo_item *it)
{
    if (L->nboxes == 0 || L->status != FO_OK)
        return;
    if (L->nitems == L->items_cap) {
        int cap = L->items_cap ? L->items_cap * 2 : 1024;
        fo_item *p = realloc(L->items, (size_t)cap * sizeof *p);
        if (!p) {
            lay_fail(L, FO_ERR_NOMEM);
            return;
        }
        L->items = p;
        L->items_cap = cap;
    }
    L->items[L->nitems++] = *it;
    L->boxes[L->nboxes - 1].item_count++;
}

/* break-inside: avoid (CSS Fragmentation 3 §3.2): no break between the
 * boxes a block produced since box `first`.  A block taller than a page is
 * still broken by the page filler's fallback. */
static void avoid_breaks_since(fo_lay *L, int first, const fo_style *s)
{
    if (s->break_inside != FO_BREAK_AVOID)
        return;
    for (int i = first + 1; i < L->nboxes; i++)
        L->boxes[i].pg.can_break_before = false;
}

static void margin_collapse(fo_lay *L, double m)
{
    if (m > L->pending_margin)
        L->pending_margin = m;
}

static void break_rules_before(fo_lay *L, const fo_style *s)
{
    if (s->break_before == FO_BREAK_PAGE && L->nboxes > 0)
        L->force_break = true;
}

static void break_rules_after(fo_lay *L, const fo_style *s)
{
    if (s->break_after == FO_BREAK_PAGE)
        L->force_break = true;
    else if (s->break_after == FO_BREAK_AVOID)
        L->keep_with_prev = true;
}

/* Computes the style of a child element of `f` and its geometry. */
static void child_style(fo_lay *L, frame *f, const char *tag, const char *classes,
                        fo_elem *e, fo_style *s)
{
    *e = (fo_elem){tag, classes, ++f->nchild, &f->elem};
    fo_style_compute(L->sheet, e, &f->style, s);
    lay_gen_counters(&L->gen, s);
}

static double clamp_measure(double w)
{
    return w < MIN_MEASURE ? MIN_MEASURE : w;
}

/* Lays out a block whose content is inline (paragraph, heading, cell text). */
static void inline_block(fo_lay *L, frame *f, const fo_node *n, const char *tag,
                         const char *classes, bool tight)
{
    fo_elem e;
    fo_style s;
    child_style(L, f, tag, classes, &e, &s);
    if (tight)
        s.margin_top = s.margin_bottom = 0;
    break_rules_before(L, &s);
    margin_collapse(L, s.margin_top);
    if (s.string_set)
        lay_gen_string_set(&L->gen, &s, fo_node_plain_text((fo_doc *)L->doc, n), L->nboxes);
    lay_text t;
    lay_text_build(L, n, &e, &s, &t);
    double bx = f->x + s.margin_left;
    double bw = clamp_measure(f->w - s.margin_left - s.margin_right);
    double x = bx + s.border_left_width + s.padding_left;
    double w = clamp_measure(bw - s.border_left_width - s.padding_left - s.padding_right -
                             s.border_right_width);
    bool deco = lay_deco_needed(&s);
    int first = L->nboxes;
    if (deco)
        lay_deco_begin(L, &s, bx, bw, n->line);
    bool heading = n->type == FO_NODE_HEADING;
    if (heading) {
        L->pending_anchor = n->id;
        L->pending_anchor_x = x;
        char *title = fo_node_plain_text((fo_doc *)L->doc, n);
        L->pending_outline = title ? fo_display_strdup(L->dl, title) : NULL;
        L->pending_outline_level = n->level;
        if (!L->title && n->level == 1 && title)
            L->title = g_strdup(title);
    }
    int lines = lay_paragraph(L, &t, &s, x, w, heading);
    if (deco)
        lay_deco_end(L, &s, n->line);
    avoid_breaks_since(L, first, &s);
    lay_text_dispose(&t);
    if (lines == 0) {
        L->pending_anchor = NULL;
        L->pending_outline = NULL;
    }
    margin_collapse(L, s.margin_bottom);
    if (heading)
        L->keep_with_prev = true; /* never leave a heading last on a page */
    break_rules_after(L, &s);
}

static void code_block(fo_lay *L, frame *f, const fo_node *n)
{
    fo_elem e;
    fo_style s;
    child_style(L, f, "pre", NULL, &e, &s);
    break_rules_before(L, &s);
    margin_collapse(L, s.margin_top);
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
    double bw = clamp_measure(f->w - s.margin_left - s.margin_right);
    double x = bx + s.border_left_width + s.padding_left;
    double w = clamp_measure(bw - s.border_left_width - s.padding_left - s.padding_right -
                             s.border_right_width);
    int first = L->nboxes;
    lay_deco_begin(L, &s, bx, bw, n->line);
    s.text_align = FO_TEXT_LEFT;
    s.text_indent = 0;
    lay_paragraph(L, &t, &s, x, w, false);
    lay_deco_end(L, &s, n->line);
    avoid_breaks_since(L, first, &s);
    lay_text_dispose(&t);
    margin_collapse(L, s.margin_bottom);
    break_rules_after(L, &s);
}

static void thematic_break(fo_lay *L, frame *f, const fo_node *n)
{
    fo_elem e;
    fo_style s;
    child_style(L, f, "hr", NULL, &e, &s);
    margin_collapse(L, s.margin_top > 0 ? s.margin_top : s.font_size);
    if (lay_box_begin(L, 1, n->line) >= 0) {
        fo_item it = {.kind = FO_ITEM_LINE};
        double x = f->x + s.margin_left;
        it.u.line = (fo_line_item){x, 0.5, x + clamp_measure(f->w - s.margin_left - s.margin_right),
                                   0.5, s.color, 0.75};
        lay_item_add(L, &it);
    }
    margin_collapse(L, s.margin_bottom > 0 ? s.margin_bottom : s.font_size);
}

/* A GFM table: equal column widths for now (content-based widths are a
 * later refinement); one box per row, so rows never split. */
static void table_block(fo_lay *L, frame *f, const fo_node *n)
{
    fo_elem te;
    fo_style ts;
    child_style(L, f, "table", NULL, &te, &ts);
    margin_collapse(L, ts.margin_top > 0 ? ts.margin_top : ts.font_size * 0.6);
    int ncols = n->ncols > 0 ? n->ncols : 1;
    double tx = f->x + ts.margin_left;
    double tw = clamp_measure(f->w - ts.margin_left - ts.margin_right);
    double cw = tw / ncols;
    double pad = 3.0;
    frame tf = {.up = f, .node = n, .elem = te, .style = ts, .x = tx, .w = tw};
    fo_color rule = {0.55, 0.55, 0.55, 1};
    int rowno = 0;
    int first = L->nboxes;
    for (const fo_node *row = n->first; row; row = row->next, rowno++) {
        fo_elem re;
        fo_style rs;
        child_style(L, &tf, "tr", NULL, &re, &rs);
        frame rf = {.up = &tf, .node = row, .elem = re, .style = rs, .x = tx, .w = tw};
        lay_shaped sh[64];
        lay_text tx_[64];
        fo_style cs[64];
        int nc = 0;
        double rowh = 0;
        for (const fo_node *cell = row->first; cell && nc < 64; cell = cell->next, nc++) {
            fo_elem ce;
            child_style(L, &rf, row->header ? "th" : "td", NULL, &ce, &cs[nc]);
            cs[nc].text_indent = 0;
            cs[nc].text_align = cell->align == FO_ALIGN_CENTER ? FO_TEXT_CENTER
                                : cell->align == FO_ALIGN_RIGHT ? FO_TEXT_RIGHT
                                                                : FO_TEXT_LEFT;
            if (row->header && cs[nc].font_weight < 600)
                cs[nc].font_weight = 700;
            lay_text_build(L, cell, &ce, &cs[nc], &tx_[nc]);
            if (lay_shape(L, &tx_[nc], &cs[nc], cw - 2 * pad, &sh[nc])) {
                double h = lay_shaped_height(&sh[nc]);
                if (h > rowh)
                    rowh = h;
            }
        }
        rowh += 2 * pad;
        if (rowno == 1)
            L->keep_with_prev = true; /* keep the header row with the first row */
        if (lay_box_begin(L, rowh, row->line) >= 0) {
            if (row->header) {
                fo_item bg = {.kind = FO_ITEM_RECT};
                bg.u.rect = (fo_rect_item){tx, 0, tw, rowh, {0.93, 0.93, 0.93, 1}, {0, 0, 0, 0}, 0};
                lay_item_add(L, &bg);
            }
            for (int c = 0; c < nc; c++)
                lay_deco_cell(L, &cs[c], tx + c * cw, cw, rowh);
            for (int c = 0; c < nc; c++)
                if (sh[c].pl)
                    lay_shaped_emit(L, &sh[c], &tx_[c], &cs[c], tx + c * cw + pad, pad);
            fo_item ln = {.kind = FO_ITEM_LINE};
            ln.u.line = (fo_line_item){tx, rowh, tx + tw, rowh, rule, row->header ? 1.0 : 0.4};
            lay_item_add(L, &ln);
            if (rowno == 0) {
                ln.u.line = (fo_line_item){tx, 0, tx + tw, 0, rule, 1.0};
                lay_item_add(L, &ln);
            }
        }
        for (int c = 0; c < nc; c++) {
            lay_shaped_dispose(&sh[c]);
            lay_text_dispose(&tx_[c]);
        }
    }
    avoid_breaks_since(L, first, &ts);
    margin_collapse(L, ts.margin_bottom > 0 ? ts.margin_bottom : ts.font_size * 0.6);
}

static const char *bullet_for(int depth, int task)
{
    if (task == 1)
        return "\xe2\x98\x90"; /* U+2610 BALLOT BOX */
    if (task == 2)
        return "\xe2\x98\x91"; /* U+2611 BALLOT BOX WITH CHECK */
    static const char *b[] = {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"}; /* • ◦ ▪ */
    return b[depth % 3];
}

/* Enters a container: computes its style and geometry. */
static frame *enter(fo_lay *L, frame *f, const fo_node *n)
{
    frame *c = calloc(1, sizeof *c);
    if (!c) {
        lay_fail(L, FO_ERR_NOMEM);
        return NULL;
    }
    const char *tag = "div", *classes = NULL;
    switch (n->type) {
    case FO_NODE_LIST: tag = n->ordered ? "ol" : "ul"; break;
    case FO_NODE_ITEM: tag = "li"; break;
    case FO_NODE_BLOCKQUOTE: tag = "blockquote"; break;
    case FO_NODE_FOOTNOTE_DEF: tag = "div"; classes = "footnote"; break;
    default: break;
    }
    c->up = f;
    c->node = n;
    c->first_box = L->nboxes;
    child_style(L, f, tag, classes, &c->elem, &c->style);
    lay_gen_enter(&L->gen);
    c->elem.parent = &f->elem;
    c->depth = f->depth;
    bool tight_item = n->type == FO_NODE_ITEM && f->node && f->node->type == FO_NODE_LIST &&
                      f->node->tight;
    if (tight_item)
        c->style.margin_top = c->style.margin_bottom = 0;
    break_rules_before(L, &c->style);
    margin_collapse(L, c->style.margin_top);
    c->x = f->x + c->style.margin_left + c->style.border_left_width + c->style.padding_left;
    c->w = clamp_measure(f->w - c->style.margin_left - c->style.margin_right -
                         c->style.border_left_width - c->style.border_right_width -
                         c->style.padding_left - c->style.padding_right);
    if (n->type == FO_NODE_BLOCKQUOTE && lay_deco_needed(&c->style)) {
        c->deco = true;
        lay_deco_begin(L, &c->style, f->x + c->style.margin_left,
                       clamp_measure(f->w - c->style.margin_left - c->style.margin_right),
                       n->line);
    }
    switch (n->type) {
    case FO_NODE_LIST:
        c->number = n->start;
        c->depth = f->depth + 1;
        break;
    case FO_NODE_ITEM: {
        L->marker.pending = true;
        L->marker.right = c->x - c->style.font_size * 0.45;
        lay_list_marker(L, &c->elem, &c->style, f->node && f->node->ordered ? f->number++ : 0,
                        bullet_for(c->depth - 1, n->task), n->task != 0);
        break;
    }
    /* A block quote's rule is its style's border-left (deco.c). */
    case FO_NODE_FOOTNOTE_DEF: {
        char name[32];
        snprintf(name, sizeof name, "fn-%d", n->number);
        L->pending_anchor = fo_display_strdup(L->dl, name);
        L->pending_anchor_x = c->x;
        L->marker.pending = true;
        L->marker.style = c->style;
        L->marker.right = c->x - c->style.font_size * 0.45;
        snprintf(L->marker.text, sizeof L->marker.text, "%d.", n->number);
        break;
    }
    default:
        break;
    }
    return c;
}

static frame *leave(fo_lay *L, frame *c)
{
    frame *up = c->up;
    lay_gen_leave(&L->gen);
    if (c->rule && L->rules->len)
        g_array_set_size(L->rules, L->rules->len - 1);
    if (c->node->type == FO_NODE_ITEM && L->marker.pending) {
        /* An empty item: give its marker a line of its own. */
        lay_text t;
        lay_text_plain(L, "\xc2\xa0", 2, false, c->node->line, &t);
        lay_paragraph(L, &t, &c->style, c->x, c->w, false);
        lay_text_dispose(&t);
    }
    if (c->deco)
        lay_deco_end(L, &c->style, c->node->line);
    avoid_breaks_since(L, c->first_box, &c->style);
    margin_collapse(L, c->style.margin_bottom);
    break_rules_after(L, &c->style);
    free(c);
    return up;
}

static bool is_container(fo_node_type t)
{
    return t == FO_NODE_LIST || t == FO_NODE_ITEM || t == FO_NODE_BLOCKQUOTE ||
           t == FO_NODE_FOOTNOTE_DEF;
}

static void leaf(fo_lay *L, frame *f, const fo_node *n)
{
    bool tight = f->node && f->node->type == FO_NODE_ITEM && f->up && f->up->node &&
                 f->up->node->type == FO_NODE_LIST && f->up->node->tight;
    switch (n->type) {
    case FO_NODE_HEADING: {
        static const char *h[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
        int lv = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
        inline_block(L, f, n, h[lv - 1], NULL, false);
        break;
    }
    case FO_NODE_PARAGRAPH:
        inline_block(L, f, n, "p", NULL, tight);
        break;
    case FO_NODE_HTML_BLOCK:
        inline_block(L, f, n, "div", "html", tight);
        break;
    case FO_NODE_CODE_BLOCK:
        code_block(L, f, n);
        break;
    case FO_NODE_THEMATIC_BREAK:
        thematic_break(L, f, n);
        break;
    case FO_NODE_TABLE:
        table_block(L, f, n);
        break;
    default:
        /* Inline content directly in a container: lay it out as a paragraph. */
        inline_block(L, f, n, "p", NULL, tight);
        break;
    }
}

/* The title block from front matter: title, subtitle, authors, date. */
static void title_block(fo_lay *L, frame *body)
{
    const fo_meta *m = &L->doc->meta;
    typedef struct part { const char *cls; const char *text; } part;
    part parts[8];
    int np = 0;
    parts[np++] = (part){"title", m->title};
    if (m->subtitle)
        parts[np++] = (part){"subtitle", m->subtitle};
    GString *authors = NULL;
    if (m->nauthors > 0) {
        authors = g_string_new(NULL);
        for (int i = 0; i < m->nauthors; i++)
            g_string_append_printf(authors, "%s%s", i ? ", " : "", m->authors[i]);
        parts[np++] = (part){"author", authors->str};
    }
    if (m->date)
        parts[np++] = (part){"date", m->date};
    for (int i = 0; i < np; i++) {
        fo_elem e;
        fo_style s;
        child_style(L, body, "div", parts[i].cls, &e, &s);
        margin_collapse(L, s.margin_top);
        if (s.string_set)
            lay_gen_string_set(&L->gen, &s, parts[i].text, L->nboxes);
        lay_text t;
        lay_text_plain(L, parts[i].text, strlen(parts[i].text), false, 1, &t);
        if (i == 0) {
            L->pending_outline = fo_display_strdup(L->dl, parts[i].text);
            L->pending_outline_level = 1;
        }
        lay_paragraph(L, &t, &s, body->x + s.margin_left,
                      clamp_measure(body->w - s.margin_left - s.margin_right), true);
        lay_text_dispose(&t);
        margin_collapse(L, s.margin_bottom);
        L->keep_with_prev = i + 1 < np;
    }
    if (authors)
        g_string_free(authors, TRUE);
}

void lay_blocks(fo_lay *L)
{
    frame body = {0};
    body.node = L->doc->root;
    body.elem = (fo_elem){"body", NULL, 1, NULL};
    fo_style_compute(L->sheet, &body.elem, NULL, &body.style);
    lay_gen_counters(&L->gen, &body.style);
    L->root_style = body.style;
    body.x = L->page.margin_left + body.style.margin_left + body.style.padding_left;
    body.w = clamp_measure(L->area_w - body.style.margin_left - body.style.margin_right -
                           body.style.padding_left - body.style.padding_right);

    const fo_node *n = L->doc->root->first;
    if (L->doc->meta.title) {
        title_block(L, &body);
        if (!L->title)
            L->title = g_strdup(L->doc->meta.title);
        /* A first h1 repeating the title is the title block itself. */
        if (n && n->type == FO_NODE_HEADING && n->level == 1) {
            char *t = fo_node_plain_text((fo_doc *)L->doc, n);
            if (t && strcmp(t, L->doc->meta.title) == 0) {
                L->pending_anchor = n->id;
                n = n->next;
            }
        }
    }

    bool footnotes_started = false;
    frame *f = &body;
    while (n && L->status == FO_OK) {
        bool descended = false;
        if (n->type == FO_NODE_FOOTNOTE_DEF && !footnotes_started && f == &body) {
            footnotes_started = true;
            margin_collapse(L, body.style.font_size * 1.5);
            if (lay_box_begin(L, body.style.font_size * 0.8, n->line) >= 0) {
                fo_item it = {.kind = FO_ITEM_LINE};
                it.u.line = (fo_line_item){body.x, 0.5, body.x + body.w * 0.3, 0.5,
                                           {0.5, 0.5, 0.5, 1}, 0.5};
                lay_item_add(L, &it);
            }
            L->keep_with_prev = true;
        }
        if (is_container(n->type)) {
            frame *c = enter(L, f, n);
            if (!c)
                break;
            f = c;
            if (n->first) {
                n = n->first;
                descended = true;
            } else {
                f = leave(L, f);
            }
        } else {
            leaf(L, f, n);
        }
        if (descended)
            continue;
        while (n && !n->next && n->parent != L->doc->root) {
            n = n->parent;
            if (f != &body && f->node == n)
                f = leave(L, f);
        }
        n = n ? n->next : NULL;
    }
    while (f && f != &body) {
        frame *up = f->up;
        free(f);
        f = up;
    }
}
