/* margin.c — @page selectors and page-margin boxes (CSS Paged Media 3
 * §4.1-4.2 page selectors and their specificity, §5 margin boxes): the
 * declarations inside `@page :first { @top-center { ... } }` and their
 * cascade.  See style.h (fo_sheet_margin_box) and sheet.h. */
#include "sheet.h"
#include "vars.h"

#include <stdlib.h>
#include <string.h>

static const char *const box_names[FO_MB_COUNT] = {
    "top-left-corner", "top-left", "top-center", "top-right",
    "top-right-corner", "right-top", "right-middle", "right-bottom",
    "bottom-right-corner", "bottom-right", "bottom-center", "bottom-left",
    "bottom-left-corner", "left-bottom", "left-middle", "left-top",
};

int fo_margin_box_lookup(const char *name)
{
    for (int k = 0; k < FO_MB_COUNT; k++)
        if (fo_css_ascii_eq(name, box_names[k]))
            return k;
    return -1;
}

const char *fo_margin_box_name(fo_margin_box box)
{
    return box >= 0 && box < FO_MB_COUNT ? box_names[box] : "?";
}

bool fo_sheet_margin_box_source(const fo_sheet *sheet, unsigned page_flags,
                                fo_margin_box box, const char **path, int *line, int *col)
{
    if (!sheet)
        return false;
    const fo_page_rule *best = NULL;
    uint64_t best_key = 0;
    for (size_t k = 0; k < sheet->npage_rules; k++) {
        const fo_page_rule *r = &sheet->page_rules[k];
        if (r->box != (int)box || (r->flags & page_flags) != r->flags)
            continue;
        uint64_t key = (uint64_t)(r->origin & 3) << 60 | (uint64_t)(r->spec & 0xfffff) << 36 | k;
        if (!best || key > best_key) {
            best = r;
            best_key = key;
        }
    }
    if (!best)
        return false;
    *path = best->path;
    *line = best->line;
    *col = best->col;
    return true;
}

bool fo_sheet_push_page_rule(fo_sheet *s, const fo_page_rule *r)
{
    if (s->npage_rules == s->cap_page_rules) {
        size_t ncap = s->cap_page_rules ? s->cap_page_rules * 2 : 16;
        fo_page_rule *p = realloc(s->page_rules, ncap * sizeof *p);
        if (!p)
            return false;
        s->page_rules = p;
        s->cap_page_rules = ncap;
    }
    s->page_rules[s->npage_rules++] = *r;
    return true;
}

/* Cascades the page rules for `box` (FO_MB_COUNT: the page context) on a
 * page of kind `page_flags` into `value`. */
static void cascade_box(const fo_sheet *s, unsigned page_flags, int box,
                        const fo_value *value[FO_PROP_COUNT])
{
    uint64_t key[FO_PROP_COUNT];
    memset(value, 0, FO_PROP_COUNT * sizeof *value);
    for (size_t k = 0; k < s->npage_rules; k++) {
        const fo_page_rule *r = &s->page_rules[k];
        if (r->box != box || (r->flags & page_flags) != r->flags)
            continue;
        for (uint32_t d = r->decl_begin; d < r->decl_end; d++) {
            const fo_decl *decl = &s->decls[d];
            uint64_t kk = (uint64_t)decl->important << 63 |
                          (uint64_t)(decl->origin & 3) << 60 |
                          (uint64_t)(r->spec & 0xfffff) << 36 | d;
            if (decl->prop >= FO_PROP_COUNT) { /* a custom property */
                fo_vars_note(s, decl, kk);
                continue;
            }
            if (!value[decl->prop] || kk > key[decl->prop]) {
                value[decl->prop] = &decl->value;
                key[decl->prop] = kk;
            }
        }
    }
}

/* The defaults of Paged Media 3 §5.3's table. */
static fo_text_align default_align(fo_margin_box box)
{
    switch (box) {
    case FO_MB_TOP_LEFT: case FO_MB_BOTTOM_LEFT:
    case FO_MB_TOP_RIGHT_CORNER: case FO_MB_BOTTOM_RIGHT_CORNER:
        return FO_TEXT_LEFT;
    case FO_MB_TOP_RIGHT: case FO_MB_BOTTOM_RIGHT:
    case FO_MB_TOP_LEFT_CORNER: case FO_MB_BOTTOM_LEFT_CORNER:
        return FO_TEXT_RIGHT;
    default:
        return FO_TEXT_CENTER;
    }
}

static fo_vertical_align default_valign(fo_margin_box box)
{
    switch (box) {
    case FO_MB_LEFT_TOP: case FO_MB_RIGHT_TOP:
        return FO_VALIGN_TOP;
    case FO_MB_LEFT_BOTTOM: case FO_MB_RIGHT_BOTTOM:
        return FO_VALIGN_BOTTOM;
    default:
        return FO_VALIGN_MIDDLE;
    }
}

bool fo_sheet_margin_box(const fo_sheet *sheet, unsigned page_flags,
                         fo_margin_box box, const fo_style *page_style,
                         fo_style *out)
{
    if (!sheet || box < 0 || box >= FO_MB_COUNT)
        return false;
    const fo_value *value[FO_PROP_COUNT];
    fo_style ctx;
    cascade_box(sheet, page_flags, FO_MB_COUNT, value);
    /* the page context inherits from the root element, the margin box
     * from the page context (Paged Media 3 §5.3), custom properties too */
    const fo_var_env *env = fo_vars_apply(sheet, page_style ? page_style->vars : NULL, value);
    fo_prop_compute_all(value, page_style, &ctx);
    ctx.vars = env;
    cascade_box(sheet, page_flags, (int)box, value);
    env = fo_vars_apply(sheet, env, value);
    bool aligned = value[FO_P_TEXT_ALIGN] != NULL;
    fo_prop_compute_all(value, &ctx, out);
    out->vars = env;
    if (!out->content)
        return false;
    if (!aligned)
        out->text_align = default_align(box);
    if (out->vertical_align == FO_VALIGN_BASELINE)
        out->vertical_align = default_valign(box);
    return true;
}
