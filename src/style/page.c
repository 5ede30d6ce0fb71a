/* page.c — @page declarations.  See page.h. */
#include "page.h"

#include "props.h"
#include "values.h"

#define MM (72.0 / 25.4)
#define IN 72.0

/* Paged Media 3 §7.1.1 page-size names, portrait, in points. */
static const struct {
    const char *name;
    double w, h;
} sizes[] = {
    {"A5", 148 * MM, 210 * MM},     {"A4", 210 * MM, 297 * MM},
    {"A3", 297 * MM, 420 * MM},     {"B5", 176 * MM, 250 * MM},
    {"B4", 250 * MM, 353 * MM},     {"JIS-B5", 182 * MM, 257 * MM},
    {"JIS-B4", 257 * MM, 364 * MM}, {"letter", 8.5 * IN, 11 * IN},
    {"legal", 8.5 * IN, 14 * IN},   {"ledger", 11 * IN, 17 * IN},
};

void fo_page_defaults(fo_page_style *out)
{
    out->width = 210 * MM;
    out->height = 297 * MM;
    out->margin_top = out->margin_right = out->margin_bottom = out->margin_left = 72;
}

void fo_page_builder_init(fo_page_builder *b)
{
    fo_page_defaults(&b->page);
    for (int i = 0; i < 6; i++)
        b->important[i] = false;
    b->pct_set = 0;
}

static void set(fo_page_builder *b, int field, double v, bool important)
{
    if (b->important[field] && !important)
        return;
    double *f[6] = {&b->page.width, &b->page.height, &b->page.margin_top,
                    &b->page.margin_right, &b->page.margin_bottom,
                    &b->page.margin_left};
    *f[field] = v;
    b->important[field] = important;
    if (field >= 2)
        b->pct_set &= ~(1u << (field - 2));
}

/* A percentage margin (`field` 2..5), resolved by fo_page_resolve. */
static void set_pct(fo_page_builder *b, int field, double pct, bool important)
{
    if (b->important[field] && !important)
        return;
    set(b, field, 0, important);
    b->pct_set |= 1u << (field - 2);
    b->margin_pct[field - 2] = pct;
}

void fo_page_resolve(const fo_page_builder *b, fo_page_style *out)
{
    *out = b->page;
    double *m[4] = {&out->margin_top, &out->margin_right, &out->margin_bottom,
                    &out->margin_left};
    for (int i = 0; i < 4; i++)
        if (b->pct_set & (1u << i))
            *m[i] = b->margin_pct[i] / 100.0 * (i % 2 ? out->width : out->height);
}

static fo_page_result parse_size(fo_page_builder *b, fo_vcur *c, bool important,
                                 const char **why)
{
    fo_page_style def;
    fo_page_defaults(&def);
    double w = def.width, h = def.height;
    int orient = 0; /* 1 portrait, 2 landscape */
    bool named = false, lengths = false;
    if (fo_vcur_ident(c, "auto")) {
        if (!fo_vcur_done(c))
            return FO_PAGE_INVALID;
    } else {
        while (!fo_vcur_done(c)) {
            if (!orient && fo_vcur_ident(c, "portrait")) {
                orient = 1;
                continue;
            }
            if (!orient && fo_vcur_ident(c, "landscape")) {
                orient = 2;
                continue;
            }
            const fo_css_token *t = fo_vcur_peek(c);
            if (!named && !lengths && t->type == FO_TOK_IDENT) {
                size_t k, n = sizeof sizes / sizeof sizes[0];
                for (k = 0; k < n; k++)
                    if (fo_css_ascii_eq(t->value, sizes[k].name))
                        break;
                if (k == n) {
                    *why = "unknown page size";
                    return FO_PAGE_INVALID;
                }
                c->i++;
                w = sizes[k].w;
                h = sizes[k].h;
                named = true;
                continue;
            }
            fo_value v;
            if (!named && !lengths && !orient &&
                fo_parse_length(c, FO_LEN_NONNEG | FO_LEN_NO_REL, &v)) {
                w = h = v.num;
                fo_vcur save = *c;
                if (fo_parse_length(c, FO_LEN_NONNEG | FO_LEN_NO_REL, &v))
                    h = v.num;
                else
                    *c = save;
                if (!(w > 0 && h > 0)) {
                    *why = "page size must be positive";
                    return FO_PAGE_INVALID;
                }
                lengths = true;
                continue;
            }
            if (c->why)
                *why = c->why;
            return FO_PAGE_INVALID;
        }
        if (!named && !lengths && !orient)
            return FO_PAGE_INVALID;
    }
    if (orient) {
        double lo = w < h ? w : h, hi = w < h ? h : w;
        w = orient == 2 ? hi : lo;
        h = orient == 2 ? lo : hi;
    }
    /* ISO 32000-1 Annex C.2: a page side is at most 14 400 units. */
    if (w > FO_PAGE_MAX_SIDE || h > FO_PAGE_MAX_SIDE) {
        *why = "page size larger than 14400pt (200 in, the PDF limit); clamped";
        w = w > FO_PAGE_MAX_SIDE ? FO_PAGE_MAX_SIDE : w;
        h = h > FO_PAGE_MAX_SIDE ? FO_PAGE_MAX_SIDE : h;
    }
    set(b, 0, w, important);
    set(b, 1, h, important);
    return FO_PAGE_OK;
}

fo_page_result fo_page_decl(fo_page_builder *b, const char *name,
                            const fo_css_token *tok, size_t begin, size_t end,
                            bool important, const char **why)
{
    *why = NULL;
    fo_vcur c = {tok, begin, end, NULL};
    if (fo_css_ascii_eq(name, "size")) {
        if (fo_vcur_done(&c)) {
            *why = "empty value";
            return FO_PAGE_INVALID;
        }
        return parse_size(b, &c, important, why);
    }
    bool margin = fo_css_ascii_eq(name, "margin") || fo_css_ascii_eq(name, "margin-top") ||
                  fo_css_ascii_eq(name, "margin-right") ||
                  fo_css_ascii_eq(name, "margin-bottom") ||
                  fo_css_ascii_eq(name, "margin-left");
    if (!margin)
        return FO_PAGE_UNKNOWN;
    /* Reuse the element margin grammar (props.def), then resolve. */
    fo_decl d[FO_PROP_MAX_EXPAND];
    int n;
    fo_prop_result r = fo_prop_parse(name, tok, begin, end, NULL, d, &n, why);
    if (r != FO_PROP_OK)
        return FO_PAGE_INVALID;
    for (int i = 0; i < n; i++) {
        const fo_value *v = &d[i].value;
        int field = 2 + (int)(d[i].prop - FO_P_MARGIN_TOP);
        if (v->kind == FO_V_KEYWORD) {
            *why = "auto page margins are not supported; give a length";
            return FO_PAGE_INVALID;
        }
        if (v->kind == FO_V_PERCENT) {
            /* of the page box's width (left, right) or height (top,
             * bottom): CSS 2.1 §13.2.2, Paged Media 3 §6 */
            double pct = v->num;
            if (pct < 0) {
                *why = "negative page margins are not allowed; clamped to 0";
                pct = 0;
            }
            set_pct(b, field, pct, important);
            continue;
        }
        double pt;
        if (v->kind == FO_V_INHERIT || v->kind == FO_V_INITIAL || v->kind == FO_V_UNSET)
            pt = 72; /* the default page margin */
        else
            pt = fo_resolve_length(v, FO_INITIAL_FONT_SIZE, FO_INITIAL_FONT_SIZE, 0);
        if (pt < 0) {
            /* The page area would reach past the sheet's edge. */
            *why = "negative page margins are not allowed; clamped to 0";
            pt = 0;
        }
        set(b, field, pt, important);
    }
    return FO_PAGE_OK;
}

fo_page_result fo_page_geom_parse(const char *name, const fo_css_token *tok,
                                  size_t begin, size_t end, fo_page_geom *out,
                                  const char **why)
{
    fo_page_builder b;
    fo_page_builder_init(&b);
    fo_page_result r = fo_page_decl(&b, name, tok, begin, end, false, why);
    if (r != FO_PAGE_OK)
        return r;
    unsigned f = fo_css_ascii_eq(name, "size")          ? 1u << FO_PG_WIDTH | 1u << FO_PG_HEIGHT
                 : fo_css_ascii_eq(name, "margin-top")    ? 1u << FO_PG_TOP
                 : fo_css_ascii_eq(name, "margin-right")  ? 1u << FO_PG_RIGHT
                 : fo_css_ascii_eq(name, "margin-bottom") ? 1u << FO_PG_BOTTOM
                 : fo_css_ascii_eq(name, "margin-left")   ? 1u << FO_PG_LEFT
                                                          : 0xfu << FO_PG_TOP;
    const double v[FO_PG_FIELDS] = {b.page.width, b.page.height, b.page.margin_top,
                                    b.page.margin_right, b.page.margin_bottom,
                                    b.page.margin_left};
    out->fields = f;
    out->pct = b.pct_set;
    for (int i = 0; i < FO_PG_FIELDS; i++)
        out->v[i] = i >= FO_PG_TOP && (b.pct_set & 1u << (i - FO_PG_TOP))
                        ? b.margin_pct[i - FO_PG_TOP]
                        : v[i];
    return FO_PAGE_OK;
}
