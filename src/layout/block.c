/* block.c — block layout: walks the document tree (iteratively, with
 * enter/exit on containers) and turns every block into boxes of the
 * vertical list.  Vertical margins collapse (CSS 2.1 §8.3.1, simplified:
 * adjacent margins, whether siblings or parent and child, take the larger
 * one); horizontal margins and padding narrow the measure.
 */
#include "lay.h"

#include "../base/limits.h"

#include <stdlib.h>
#include <string.h>

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
    /* --max-pages, early: every page holds at most area_h_max of boxes, so
     * once the boxes so far need more than max_pages pages, stop laying out
     * (a runaway input fails in time proportional to the limit). */
    L->content_h += height < L->area_h_max ? height : L->area_h_max;
    if (L->opt && L->opt->max_pages > 0 && L->content_h > L->area_h_max * L->opt->max_pages) {
        fo_error(L->diag, L->doc->path, src_line, 0,
                 "the document needs more than the limit of %d pages (--max-pages)",
                 L->opt->max_pages);
        lay_fail(L, FO_ERR_LIMIT);
        return -1;
    }
    lay_box *b = &L->boxes[L->nboxes];
    memset(b, 0, sizeof *b);
    b->pg.space_before = L->pending_margin;
    b->pg.height = height;
    b->pg.can_break_before = !L->keep_with_prev;
    b->pg.force_break = L->force_break;
    b->pg.side = L->force_break ? L->force_side : FO_PG_ANY;
    b->item_first = L->nitems;
    b->src_line = src_line;
    L->pending_margin = 0;
    L->keep_with_prev = false;
    L->force_break = false;
    L->force_side = FO_PG_ANY;
    L->nboxes++;
    /* Furniture waiting for the next box. */
    for (guint i = 0; i < L->rules->len; i++) {
        const lay_rule *r = &g_array_index(L->rules, lay_rule, i);
        fo_item it = {.kind = FO_ITEM_LINE};
        it.u.line = (fo_line_item){r->x, 0, r->x, height, r->color, 2.0, FO_LINE_SOLID};
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
    if (L->pending_task)
        lay_task_box(L, height);
    if (L->pending_backlink) {
        fo_item it = {.kind = FO_ITEM_LINK};
        it.u.link = (fo_link_item){L->backlink_x, 0, L->backlink_w, height, NULL, L->pending_backlink};
        lay_item_add(L, &it);
        L->pending_backlink = NULL;
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

void lay_items_move_to_box(fo_lay *L, int from, int box)
{
    int m = L->nitems - from;
    int last = L->nboxes - 1;
    if (m <= 0 || box < 0 || box >= last || L->status != FO_OK)
        return;
    fo_item *tail = malloc((size_t)m * sizeof *tail);
    if (!tail) {
        lay_fail(L, FO_ERR_NOMEM);
        return;
    }
    memcpy(tail, &L->items[from], (size_t)m * sizeof *tail);
    int at = L->boxes[box].item_first + L->boxes[box].item_count;
    memmove(&L->items[at + m], &L->items[at], (size_t)(from - at) * sizeof *tail);
    memcpy(&L->items[at], tail, (size_t)m * sizeof *tail);
    free(tail);
    L->boxes[box].item_count += m;
    for (int b = box + 1; b <= last; b++)
        L->boxes[b].item_first += m;
    L->boxes[last].item_count -= m;
}

/* break-inside: avoid (CSS Fragmentation 3 §3.2): no break between the
 * boxes a block produced since box `first`, when they fit on one page
 * together (break-inside is a preference; a longer block starts where it
 * is and breaks normally). */
void lay_avoid_breaks_since(fo_lay *L, int first, const fo_style *s)
{
    if (s->break_inside != FO_BREAK_AVOID)
        return;
    /* A block taller than a page will break anyway: let it start where it
     * is rather than leave the rest of this page empty. */
    double h = 0;
    for (int i = first; i < L->nboxes; i++)
        h += (i > first ? L->boxes[i].pg.space_before : 0) + L->boxes[i].pg.height;
    if (h > L->area_h)
        return;
    for (int i = first + 1; i < L->nboxes; i++)
        L->boxes[i].pg.can_break_before = false;
}

void lay_margin(fo_lay *L, double m)
{
    if (m > L->pending_margin)
        L->pending_margin = m;
}

/* A forced break (CSS Fragmentation 3 §3.1) before the next box; `left` /
 * `right` also name the side of the page it starts; when several forced
 * breaks meet, the side named last (the later element's) wins. */
static void force_break(fo_lay *L, fo_break v)
{
    L->force_break = true;
    if (v == FO_BREAK_LEFT || v == FO_BREAK_RIGHT)
        L->force_side = v == FO_BREAK_LEFT ? FO_PG_LEFT : FO_PG_RIGHT;
}

void lay_break_before(fo_lay *L, const fo_style *s)
{
    /* Before the first box only a side counts: `left` leaves page 1 blank
     * (fo_paginate); `page` and `right` are met by page 1 itself. */
    fo_break v = s->break_before;
    if ((v == FO_BREAK_PAGE && L->nboxes > 0) || v == FO_BREAK_LEFT || v == FO_BREAK_RIGHT)
        force_break(L, v);
}

void lay_break_after(fo_lay *L, const fo_style *s)
{
    if (s->break_after == FO_BREAK_PAGE || s->break_after == FO_BREAK_LEFT ||
        s->break_after == FO_BREAK_RIGHT)
        force_break(L, s->break_after);
    else if (s->break_after == FO_BREAK_AVOID)
        L->keep_with_prev = true;
}

/* Computes the style of a child element of `f` and its geometry: `f`'s
 * content box is the child's containing block, so percentage margins and
 * padding refer to f->w (CSS 2.1 §8.3, §8.4). */
void lay_child_style(fo_lay *L, lay_frame *f, const char *tag, const char *classes,
                        fo_elem *e, fo_style *s)
{
    ++f->nchild;
    *e = (fo_elem){tag, classes, f->nchild, &f->elem, f->prev_elem,
                   f->nsiblings >= f->nchild ? f->nsiblings : 0};
    fo_style_compute(L->sheet, e, &f->style, s);
    fo_style_resolve_box(s, f->w, f->w);
    lay_keep_prev(L, f, e);
    lay_gen_counters(&L->gen, s);
}

double lay_clamp_measure(double w)
{
    return w < LAY_MIN_MEASURE ? LAY_MIN_MEASURE : w;
}

/* Lays out a block whose content is inline (paragraph, heading, cell text). */
static void inline_block(fo_lay *L, lay_frame *f, const fo_node *n, const char *tag,
                         const char *classes, bool tight)
{
    fo_elem e;
    fo_style s;
    lay_child_style(L, f, tag, classes, &e, &s);
    if (tight)
        s.margin_top = s.margin_bottom = 0;
    lay_break_before(L, &s);
    lay_margin(L, s.margin_top);
    if (s.string_set)
        lay_gen_string_set(&L->gen, &s, fo_node_plain_text((fo_doc *)L->doc, n), L->nboxes);
    lay_text t;
    lay_text_build(L, n, &e, &s, &t);
    double bx = f->x + s.margin_left;
    double bw = lay_clamp_measure(f->w - s.margin_left - s.margin_right);
    double x = bx + s.border_left_width + s.padding_left;
    double w = lay_clamp_measure(bw - s.border_left_width - s.padding_left - s.padding_right -
                                 s.border_right_width);
    /* a negative text-indent moves the first line further left */
    double out = s.text_indent < 0 ? s.text_indent : 0;
    lay_check_outside(L, tag, x + out, w - out, f->x, f->w, n->line, n->col);
    bool deco = lay_deco_needed(&s);
    int first = L->nboxes;
    if (deco)
        lay_deco_begin(L, &s, bx, bw, n->line);
    bool heading = n->type == FO_NODE_HEADING;
    if (heading) {
        L->pending_anchor = fo_display_strdup(L->dl, n->id);
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
    lay_avoid_breaks_since(L, first, &s);
    lay_text_dispose(&t);
    if (lines == 0) {
        L->pending_anchor = NULL;
        L->pending_outline = NULL;
    }
    lay_margin(L, s.margin_bottom);
    if (heading)
        L->keep_with_prev = true; /* never leave a heading last on a page */
    lay_break_after(L, &s);
}

/* A spacer box of `h` pt (padding of a shaded block). */
void lay_spacer(fo_lay *L, double h, int line, bool keep)
{
    if (h <= 0)
        return;
    if (keep)
        L->keep_with_prev = true;
    lay_box_begin(L, h, line);
}

static void thematic_break(fo_lay *L, lay_frame *f, const fo_node *n)
{
    fo_elem e;
    fo_style s;
    lay_child_style(L, f, "hr", NULL, &e, &s);
    lay_margin(L, s.margin_top > 0 ? s.margin_top : s.font_size);
    if (lay_deco_needed(&s)) {
        /* A styled rule is an empty block drawn by its borders and
         * background, as in CSS (`hr { border: 0; border-top: 1pt dashed }`). */
        double bx = f->x + s.margin_left;
        lay_deco_begin(L, &s, bx, lay_clamp_measure(f->w - s.margin_left - s.margin_right),
                       n->line);
        lay_deco_end(L, &s, n->line);
    } else if (lay_box_begin(L, 1, n->line) >= 0) {
        fo_item it = {.kind = FO_ITEM_LINE};
        double x = f->x + s.margin_left;
        it.u.line = (fo_line_item){x, 0.5, x + lay_clamp_measure(f->w - s.margin_left - s.margin_right),
                                   0.5, s.color, 0.75, FO_LINE_SOLID};
        lay_item_add(L, &it);
    }
    lay_margin(L, s.margin_bottom > 0 ? s.margin_bottom : s.font_size);
}

/* Enters a container: computes its style and geometry. */
static lay_frame *enter(fo_lay *L, lay_frame *f, const fo_node *n)
{
    lay_frame *c = calloc(1, sizeof *c);
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
    lay_child_style(L, f, tag, classes, &c->elem, &c->style);
    lay_gen_enter(&L->gen);
    c->elem.parent = &f->elem;
    c->nsiblings = lay_elem_count(n->first);
    c->depth = f->depth;
    bool tight_item = n->type == FO_NODE_ITEM && f->node && f->node->type == FO_NODE_LIST &&
                      f->node->tight;
    if (tight_item)
        c->style.margin_top = c->style.margin_bottom = 0;
    lay_break_before(L, &c->style);
    lay_margin(L, c->style.margin_top);
    /* Deep nesting: indents shrink so the measure never falls below 40 %
     * of the text area (lists and quotes nested to any depth stay on the
     * page; past that point they stop moving right). */
    double left = c->style.margin_left + c->style.border_left_width + c->style.padding_left;
    double right = c->style.margin_right + c->style.border_right_width + c->style.padding_right;
    double room = f->w - L->area_w * 0.4;
    if (left > 0 && right >= 0 && left + right > room) {
        double k = room > 0 ? room / (left + right) : 0;
        left *= k;
        right *= k;
    }
    c->x = f->x + left;
    c->w = lay_clamp_measure(f->w - left - right);
    lay_check_outside(L, tag, c->x, c->w, f->x, f->w, n->line, n->col);
    /* Graceful flattening (base/limits.h): past FO_LIMIT_NEST_INDENT levels,
     * or once the indents have shrunk to nothing, a container takes its
     * parent's measure and draws no border of its own. */
    c->level = f->level + 1;
    bool flat = c->level > FO_LIMIT_NEST_INDENT || (left + right > 0 && room <= 0);
    if (flat) {
        if (!L->warned_nesting)
            fo_warn(L->diag, L->doc->path, n->line, 0,
                    "blocks nested %d levels deep leave no room to indent; deeper levels "
                    "are not indented",
                    c->level);
        L->warned_nesting = true;
        c->x = f->x;
        c->w = f->w;
    }
    if (!flat && n->type == FO_NODE_BLOCKQUOTE && lay_deco_needed(&c->style)) {
        c->deco = true;
        lay_deco_begin(L, &c->style, f->x + c->style.margin_left,
                       lay_clamp_measure(f->w - c->style.margin_left - c->style.margin_right),
                       n->line);
    }
    switch (n->type) {
    case FO_NODE_LIST:
    case FO_NODE_ITEM:
        lay_list_enter(L, f, c);
        break;
    /* A block quote's rule is its style's border-left (deco.c). */
    case FO_NODE_FOOTNOTE_DEF:
        lay_footnote_enter(L, c);
        break;
    default:
        break;
    }
    return c;
}

static lay_frame *leave(fo_lay *L, lay_frame *c)
{
    lay_frame *up = c->up;
    lay_gen_leave(&L->gen);
    if (c->rule && L->rules->len)
        g_array_set_size(L->rules, L->rules->len - 1);
    lay_list_leave(L, c);
    if (c->node->type == FO_NODE_FOOTNOTE_DEF)
        lay_footnote_leave(L, c);
    if (c->deco)
        lay_deco_end(L, &c->style, c->node->line);
    lay_avoid_breaks_since(L, c->first_box, &c->style);
    lay_margin(L, c->style.margin_bottom);
    lay_break_after(L, &c->style);
    free(c);
    return up;
}

static bool is_container(fo_node_type t)
{
    return t == FO_NODE_LIST || t == FO_NODE_ITEM || t == FO_NODE_BLOCKQUOTE ||
           t == FO_NODE_FOOTNOTE_DEF;
}

static void leaf(fo_lay *L, lay_frame *f, const fo_node *n)
{
    bool tight = lay_in_tight_item(f);
    switch (n->type) {
    case FO_NODE_HEADING: {
        static const char *h[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
        int lv = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
        inline_block(L, f, n, h[lv - 1], NULL, false);
        break;
    }
    case FO_NODE_PARAGRAPH:
        if (lay_is_figure_paragraph(n))
            lay_figures(L, f, n);
        else
            inline_block(L, f, n, "p", NULL, tight);
        break;
    case FO_NODE_HTML_BLOCK:
        inline_block(L, f, n, "div", "html", tight);
        break;
    case FO_NODE_CODE_BLOCK:
        lay_code_block(L, f, n);
        break;
    case FO_NODE_THEMATIC_BREAK:
        thematic_break(L, f, n);
        break;
    case FO_NODE_TABLE:
        lay_table(L, f, n);
        break;
    default:
        /* Inline content directly in a container: lay it out as a paragraph. */
        inline_block(L, f, n, "p", NULL, tight);
        break;
    }
}

/* The title block from front matter: title, subtitle, authors, date. */
static void title_block(fo_lay *L, lay_frame *body)
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
    /* The block is a header.title-block: its padding-top places it (a
     * spacer box, kept at a page top), and break-after: page on it makes
     * a title page. */
    lay_frame hf = {.up = body, .node = L->doc->root, .nsiblings = np};
    lay_child_style(L, body, "header", "title-block", &hf.elem, &hf.style);
    hf.x = body->x + hf.style.margin_left + hf.style.padding_left;
    hf.w = lay_clamp_measure(body->w - hf.style.margin_left - hf.style.margin_right -
                             hf.style.padding_left - hf.style.padding_right);
    lay_margin(L, hf.style.margin_top);
    lay_spacer(L, hf.style.padding_top, 1, false);
    L->keep_with_prev = hf.style.padding_top > 0;
    for (int i = 0; i < np; i++) {
        fo_elem e;
        fo_style s;
        lay_child_style(L, &hf, "div", parts[i].cls, &e, &s);
        lay_margin(L, s.margin_top);
        if (s.string_set)
            lay_gen_string_set(&L->gen, &s, parts[i].text, L->nboxes);
        lay_text t;
        lay_text_plain(L, parts[i].text, strlen(parts[i].text), false, 1, &t);
        if (i == 0) {
            L->pending_outline = fo_display_strdup(L->dl, parts[i].text);
            L->pending_outline_level = 1;
        }
        /* Each part is a block of its own: borders, padding and
         * background as for a paragraph (deco.c). */
        double bx = hf.x + s.margin_left;
        double bw = lay_clamp_measure(hf.w - s.margin_left - s.margin_right);
        bool deco = lay_deco_needed(&s);
        if (deco)
            lay_deco_begin(L, &s, bx, bw, L->doc->root->line);
        lay_paragraph(L, &t, &s, bx + s.border_left_width + s.padding_left,
                      lay_clamp_measure(bw - s.border_left_width - s.padding_left -
                                        s.padding_right - s.border_right_width),
                      true);
        if (deco)
            lay_deco_end(L, &s, L->doc->root->line);
        lay_text_dispose(&t);
        lay_margin(L, s.margin_bottom);
        L->keep_with_prev = i + 1 < np;
    }
    if (authors)
        g_string_free(authors, TRUE);
    lay_margin(L, hf.style.margin_bottom);
    lay_break_after(L, &hf.style);
}

void lay_blocks(fo_lay *L)
{
    lay_frame body = {0};
    body.node = L->doc->root;
    body.elem = (fo_elem){"body", NULL, 1, NULL, NULL, 1};
    fo_style_compute(L->sheet, &body.elem, NULL, &body.style);
    fo_style_resolve_box(&body.style, L->area_w, L->area_w); /* the page area */
    lay_gen_counters(&L->gen, &body.style);
    L->root_style = body.style;
    body.x = L->page.margin_left + body.style.margin_left + body.style.padding_left;
    body.w = lay_clamp_measure(L->area_w - body.style.margin_left - body.style.margin_right -
                           body.style.padding_left - body.style.padding_right);

    const fo_node *n = L->doc->root->first;
    const fo_node *title_h1 = NULL;
    if (L->doc->meta.title) {
        title_block(L, &body);
        if (!L->title)
            L->title = g_strdup(L->doc->meta.title);
        /* A first h1 repeating the title is the title block itself. */
        if (n && n->type == FO_NODE_HEADING && n->level == 1) {
            char *t = fo_node_plain_text((fo_doc *)L->doc, n);
            if (t && strcmp(t, L->doc->meta.title) == 0) {
                L->pending_anchor = fo_display_strdup(L->dl, n->id);
                title_h1 = n;
                n = n->next;
            }
        }
    }
    lay_toc(L, &body, title_h1);

    int rest = lay_elem_count(n); /* title block and TOC come before */
    body.nsiblings = rest ? body.nchild + rest : 0;
    lay_frame *f = &body;
    while (n && L->status == FO_OK) {
        bool descended = false;
        if (is_container(n->type)) {
            lay_frame *c = enter(L, f, n);
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
        lay_frame *up = f->up;
        free(f);
        f = up;
    }
}
