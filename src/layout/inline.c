/* inline.c — a block's inline content as Pango attributed text.
 *
 * The inline subtree is walked iteratively (parent pointers, no recursion);
 * every text leaf gets Pango attributes for the properties where its
 * computed style differs from the block's, so attribute ranges never
 * overlap and no precedence rule of PangoAttrList is relied on.
 */
#include "lay.h"

#include <string.h>

typedef struct iframe {
    fo_elem elem;
    fo_style style;
    unsigned strike; /* FO_DECO_* bits propagated from this and enclosing elements */
    bool sup;
    int link_index; /* index in links of the link this frame opened, or -1 */
} iframe;

static const char *inline_tag(fo_node_type t)
{
    switch (t) {
    case FO_NODE_EMPH: return "em";
    case FO_NODE_STRONG: return "strong";
    case FO_NODE_STRIKE: return "del";
    case FO_NODE_CODE: return "code";
    case FO_NODE_LINK: return "a";
    case FO_NODE_IMAGE: return "img";
    case FO_NODE_FOOTNOTE_REF: return "sup";
    default: return "span";
    }
}

/* Appends `s` to t->text; with !preserve, runs of white space collapse to
 * one space (CSS Text 3 §4.1.1, white-space: normal). */
static void append_text(GString *g, const char *s, size_t n, bool preserve)
{
    if (preserve) {
        /* Expand tabs to 4-column stops, as CommonMark counts them. */
        size_t col = 0;
        const char *nl = g->len ? strrchr(g->str, '\n') : NULL;
        col = nl ? (size_t)(g->str + g->len - nl - 1) : g->len;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            if (c == '\t') {
                size_t k = 4 - col % 4;
                for (size_t j = 0; j < k; j++)
                    g_string_append_c(g, ' ');
                col += k;
            } else {
                g_string_append_c(g, c);
                col = c == '\n' ? 0 : col + 1;
            }
        }
        return;
    }
    bool space = g->len > 0 && g->str[g->len - 1] == ' ';
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!space && g->len > 0)
                g_string_append_c(g, ' ');
            space = true;
        } else {
            g_string_append_c(g, c);
            space = false;
        }
    }
}

static PangoTextTransform transform_of(const fo_style *s)
{
    switch (s->text_transform) {
    case FO_TT_UPPERCASE: return PANGO_TEXT_TRANSFORM_UPPERCASE;
    case FO_TT_LOWERCASE: return PANGO_TEXT_TRANSFORM_LOWERCASE;
    case FO_TT_CAPITALIZE: return PANGO_TEXT_TRANSFORM_CAPITALIZE;
    default: return PANGO_TEXT_TRANSFORM_NONE;
    }
}

static void add_attr(PangoAttrList *l, PangoAttribute *a, int start, int end)
{
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(l, a);
}

/* Attributes for the text range [start, end) styled `s` inside block `b`. */
static void style_attrs(PangoAttrList *l, const fo_style *s, const fo_style *b,
                        unsigned strike, bool sup, int start, int end)
{
    if (start >= end)
        return;
    if (strcmp(s->font_family, b->font_family) != 0)
        add_attr(l, pango_attr_family_new(s->font_family), start, end);
    double size = s->font_size;
    if (sup)
        size *= 0.7;
    if (size != b->font_size)
        add_attr(l, pango_attr_size_new((int)(size * PANGO_SCALE + 0.5)), start, end);
    if (s->font_weight != b->font_weight)
        add_attr(l, pango_attr_weight_new((PangoWeight)s->font_weight), start, end);
    if (s->font_style != b->font_style)
        add_attr(l, pango_attr_style_new(s->font_style == FO_FONT_ITALIC ? PANGO_STYLE_ITALIC
                                         : s->font_style == FO_FONT_OBLIQUE ? PANGO_STYLE_OBLIQUE
                                                                            : PANGO_STYLE_NORMAL),
                 start, end);
    if (memcmp(&s->color, &b->color, sizeof s->color) != 0)
        add_attr(l, pango_attr_foreground_new((guint16)(s->color.r * 65535 + 0.5),
                                              (guint16)(s->color.g * 65535 + 0.5),
                                              (guint16)(s->color.b * 65535 + 0.5)),
                 start, end);
    if (strike & FO_DECO_LINE_THROUGH)
        add_attr(l, pango_attr_strikethrough_new(TRUE), start, end);
    if (strike & FO_DECO_UNDERLINE)
        add_attr(l, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, end);
    if (s->letter_spacing != b->letter_spacing)
        add_attr(l, pango_attr_letter_spacing_new((int)(s->letter_spacing * PANGO_SCALE)),
                 start, end);
    if (s->small_caps != b->small_caps)
        add_attr(l, pango_attr_variant_new(s->small_caps ? PANGO_VARIANT_SMALL_CAPS
                                                         : PANGO_VARIANT_NORMAL),
                 start, end);
    if (s->font_features != b->font_features)
        add_attr(l, pango_attr_font_features_new(s->font_features ? s->font_features : ""),
                 start, end);
    if (s->text_transform != b->text_transform)
        add_attr(l, pango_attr_text_transform_new(transform_of(s)), start, end);
    if (sup)
        add_attr(l, pango_attr_rise_new((int)(s->font_size * 0.35 * PANGO_SCALE)), start, end);
}

static void text_init(lay_text *out, int src_line)
{
    out->text = g_string_sized_new(256);
    out->attrs = pango_attr_list_new();
    out->links = g_array_new(FALSE, FALSE, sizeof(lay_link));
    out->anchors = g_array_new(FALSE, FALSE, sizeof(lay_anchor));
    out->src_line = src_line;
    out->src_col = 0;
}

void lay_text_dispose(lay_text *t)
{
    if (t->text)
        g_string_free(t->text, TRUE);
    if (t->attrs)
        pango_attr_list_unref(t->attrs);
    if (t->links)
        g_array_free(t->links, TRUE);
    if (t->anchors)
        g_array_free(t->anchors, TRUE);
    memset(t, 0, sizeof *t);
}

void lay_text_plain(fo_lay *L, const char *s, size_t len, bool preserve,
                    int src_line, lay_text *out)
{
    (void)L;
    text_init(out, src_line);
    append_text(out->text, s, len, preserve);
}

/* Strips tags from raw HTML, keeping the text between them. */
static void append_html_text(GString *g, const char *s, bool preserve)
{
    bool in_tag = false;
    const char *run = s;
    for (const char *p = s;; p++) {
        if (!in_tag && strncmp(p, "<!--", 4) == 0) {
            /* A comment: nothing of it is text, '>' inside included. */
            append_text(g, run, (size_t)(p - run), preserve);
            const char *end = strstr(p + 4, "-->");
            if (!end)
                break;
            p = end + 2;
            run = p + 1;
            continue;
        }
        if (!in_tag && (*p == '<' || *p == '\0')) {
            append_text(g, run, (size_t)(p - run), preserve);
            if (*p == '\0')
                break;
            in_tag = true;
        } else if (in_tag && *p == '>') {
            in_tag = false;
            run = p + 1;
        } else if (*p == '\0') {
            break;
        }
    }
}

static void warn_html(fo_lay *L, const fo_node *n)
{
    if (L->warned_html)
        return;
    L->warned_html = true;
    fo_warn(L->diag, L->doc->path, n->line, n->col,
            "raw HTML is not rendered; its text is kept (reported once)");
}

static void whole(PangoAttrList *l, PangoAttribute *a)
{
    a->start_index = 0;
    a->end_index = G_MAXUINT;
    pango_attr_list_insert_before(l, a); /* inline differences win */
}

/* The block's own text properties over its whole text: letter-spacing,
 * word-spacing (as extra letter spacing on each space, CSS Text 3 §7.1),
 * small-caps, font-feature-settings, text-transform, text-decoration. */
static void block_text_attrs(lay_text *t, const fo_style *s)
{
    if (s->letter_spacing != 0)
        whole(t->attrs, pango_attr_letter_spacing_new((int)(s->letter_spacing * PANGO_SCALE)));
    if (s->word_spacing != 0) {
        int sp = (int)((s->letter_spacing + s->word_spacing) * PANGO_SCALE);
        for (gsize i = 0; i < t->text->len; i++) {
            if (t->text->str[i] == ' ')
                add_attr(t->attrs, pango_attr_letter_spacing_new(sp), (int)i, (int)i + 1);
        }
    }
    if (s->small_caps)
        whole(t->attrs, pango_attr_variant_new(PANGO_VARIANT_SMALL_CAPS));
    if (s->font_features)
        whole(t->attrs, pango_attr_font_features_new(s->font_features));
    if (s->text_transform != FO_TT_NONE)
        whole(t->attrs, pango_attr_text_transform_new(transform_of(s)));
    if (s->text_decoration & FO_DECO_UNDERLINE)
        whole(t->attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
    if (s->text_decoration & FO_DECO_LINE_THROUGH)
        whole(t->attrs, pango_attr_strikethrough_new(TRUE));
}

/* ::before / ::after (CSS Pseudo-Elements 4 §4): the pseudo-element's
 * content text appended at the current end of `out`, styled by its own
 * computed style. */
static void generated(fo_lay *L, const fo_elem *elem, const fo_style *style,
                      fo_pseudo which, lay_text *out)
{
    fo_style ps;
    fo_style_compute_pseudo(L->sheet, elem, which, style, &ps);
    if (!ps.content)
        return;
    lay_gen_counters(&L->gen, &ps);
    char *text = lay_gen_text(&L->gen, ps.content, NULL, NULL);
    int start = (int)out->text->len;
    g_string_append(out->text, text);
    style_attrs(out->attrs, &ps, style, false, false, start, (int)out->text->len);
    g_free(text);
}

void lay_text_build(fo_lay *L, const fo_node *block, const fo_elem *elem,
                    const fo_style *style, lay_text *out)
{
    text_init(out, block->line);
    out->src_col = block->col;
    bool preserve = style->white_space == FO_WS_PRE || style->white_space == FO_WS_PRE_WRAP;
    if (block->type == FO_NODE_HTML_BLOCK) {
        /* A raw HTML block has no children: its text is the literal with
         * the tags dropped. */
        warn_html(L, block);
        if (block->text)
            append_html_text(out->text, block->text, preserve);
        style_attrs(out->attrs, style, style, false, false, 0, (int)out->text->len);
        if (!preserve && out->text->len && out->text->str[out->text->len - 1] == ' ')
            g_string_truncate(out->text, out->text->len - 1);
        return;
    }
    generated(L, elem, style, FO_PSEUDO_BEFORE, out);
    GPtrArray *stack = g_ptr_array_new_with_free_func(g_free);
    int child_index = 0;

    const fo_node *n = block->first;
    while (n) {
        const iframe *top = stack->len ? g_ptr_array_index(stack, stack->len - 1) : NULL;
        const fo_style *cur = top ? &top->style : style;
        const fo_elem *cur_elem = top ? &top->elem : elem;
        unsigned strike = top ? top->strike : 0;
        bool sup = top && top->sup;
        int start = (int)out->text->len;
        bool descend = false;

        switch (n->type) {
        case FO_NODE_TEXT:
            append_text(out->text, n->text, strlen(n->text), preserve);
            style_attrs(out->attrs, cur, style, strike, sup, start, (int)out->text->len);
            break;
        case FO_NODE_SOFTBREAK:
            append_text(out->text, preserve ? "\n" : " ", 1, preserve);
            break;
        case FO_NODE_LINEBREAK:
            /* A newline ends a Pango paragraph, so the line before a hard
             * break is set like a last line (never justified).  With a
             * text-indent that would indent the next line too: then use
             * U+2028 LINE SEPARATOR, which Pango justifies. */
            if (style->text_indent != 0)
                g_string_append(out->text, "\xe2\x80\xa8");
            else
                g_string_append_c(out->text, '\n');
            break;
        case FO_NODE_HTML_INLINE:
            warn_html(L, n);
            break;
        case FO_NODE_HTML_BLOCK:
            warn_html(L, n);
            append_html_text(out->text, n->text, preserve);
            style_attrs(out->attrs, cur, style, strike, sup, start, (int)out->text->len);
            break;
        case FO_NODE_CODE: {
            fo_elem e = {"code", NULL, ++child_index, cur_elem, NULL, 0};
            fo_style cs;
            fo_style_compute(L->sheet, &e, cur, &cs);
            append_text(out->text, n->text, strlen(n->text),
                        cs.white_space == FO_WS_PRE || cs.white_space == FO_WS_PRE_WRAP);
            style_attrs(out->attrs, &cs, style, strike, sup, start, (int)out->text->len);
            break;
        }
        case FO_NODE_FOOTNOTE_REF: {
            fo_elem e = {"sup", "footnote-ref", ++child_index, cur_elem, NULL, 0};
            fo_style cs;
            fo_style_compute(L->sheet, &e, cur, &cs);
            char num[16];
            snprintf(num, sizeof num, "%d", n->number);
            g_string_append(out->text, num);
            style_attrs(out->attrs, &cs, style, strike, true, start, (int)out->text->len);
            char name[32];
            snprintf(name, sizeof name, "fn-%d", n->number);
            lay_link lk = {start, (int)out->text->len, NULL, fo_display_strdup(L->dl, name)};
            g_array_append_val(out->links, lk);
            snprintf(name, sizeof name, "fnref-%d", n->number);
            lay_anchor an = {start, fo_display_strdup(L->dl, name)};
            g_array_append_val(out->anchors, an);
            break;
        }
        case FO_NODE_EMPH:
        case FO_NODE_STRONG:
        case FO_NODE_STRIKE:
        case FO_NODE_LINK:
        case FO_NODE_IMAGE: {
            iframe *f = g_new0(iframe, 1);
            bool dead = lay_link_is_dead(L, n, L->nboxes);
            f->elem.tag = dead ? "span" : inline_tag(n->type);
            f->elem.index = ++child_index;
            f->elem.parent = cur_elem;
            fo_style_compute(L->sheet, &f->elem, cur, &f->style);
            f->strike = strike | f->style.text_decoration |
                        (n->type == FO_NODE_STRIKE ? FO_DECO_LINE_THROUGH : 0u);
            f->sup = sup;
            f->link_index = -1;
            if (n->type == FO_NODE_LINK && n->url && *n->url && !dead) {
                lay_link lk = {start, start, NULL, NULL};
                if (n->url[0] == '#')
                    lk.dest = fo_display_strdup(L->dl, n->url + 1);
                else
                    lk.uri = fo_display_strdup(L->dl, n->url);
                f->link_index = (int)out->links->len;
                g_array_append_val(out->links, lk);
            }
            if (n->type == FO_NODE_IMAGE) {
                g_string_append(out->text, "[");
                style_attrs(out->attrs, &f->style, style, f->strike, sup, start, (int)out->text->len);
            }
            descend = n->first != NULL;
            if (descend) {
                g_ptr_array_add(stack, f);
                break;
            }
            if (n->type == FO_NODE_IMAGE) {
                int s0 = (int)out->text->len;
                g_string_append(out->text, "]");
                style_attrs(out->attrs, &f->style, style, f->strike, sup, s0, (int)out->text->len);
            }
            if (f->link_index >= 0)
                g_array_index(out->links, lay_link, f->link_index).end = (int)out->text->len;
            g_free(f);
            break;
        }
        default:
            /* Block nodes never appear inside inline content; keep any text. */
            if (n->text) {
                append_text(out->text, n->text, strlen(n->text), preserve);
                style_attrs(out->attrs, cur, style, strike, sup, start, (int)out->text->len);
            }
            descend = n->first != NULL;
            if (descend) {
                iframe *f = g_new0(iframe, 1);
                f->elem = (fo_elem){"span", NULL, ++child_index, cur_elem, NULL, 0};
                f->style = *cur;
                f->strike = strike;
                f->sup = sup;
                f->link_index = -1;
                g_ptr_array_add(stack, f);
            }
            break;
        }

        if (descend) {
            n = n->first;
            continue;
        }
        /* Move to the next node, closing frames on the way up. */
        while (n && !n->next && n->parent != block) {
            n = n->parent;
            iframe *f = g_ptr_array_index(stack, stack->len - 1);
            int end = (int)out->text->len;
            if (n->type == FO_NODE_IMAGE) {
                int s0 = end;
                g_string_append(out->text, "]");
                style_attrs(out->attrs, &f->style, style, f->strike, f->sup, s0, (int)out->text->len);
                end = (int)out->text->len;
            }
            if (f->link_index >= 0)
                g_array_index(out->links, lay_link, f->link_index).end = end;
            g_ptr_array_set_size(stack, stack->len - 1);
        }
        if (!n)
            break;
        n = n->next;
    }
    g_ptr_array_free(stack, TRUE);
    /* Trim a trailing space left by collapsing. */
    if (!preserve && out->text->len && out->text->str[out->text->len - 1] == ' ')
        g_string_truncate(out->text, out->text->len - 1);
    generated(L, elem, style, FO_PSEUDO_AFTER, out);
    block_text_attrs(out, style);
}
