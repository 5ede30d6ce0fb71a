/* props.c — property parsers and compute functions, expanded from
 * props.def.  See props.h.
 *
 * Specs per value type: font-* CSS Fonts 4 (§2.2 family, §2.3 weight incl.
 * the bolder/lighter table, §2.4 style, §2.5 size incl. the absolute-size
 * scale), line-height CSS 2.1 §10.8.1 / Inline 3, color Color 4, text-align
 * and white-space Text 3, margin/padding Box 4, orphans/widows/break-*
 * Fragmentation 3 §3, page-break-* aliases Fragmentation 3 §3.4. */
#include "props.h"
#include "content.h"

#include "../base/limits.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    const fo_style *parent; /* never NULL */
} ctx;

#define IV_PT(x) { .kind = FO_V_PT, .num = (x) }
#define IV_NUM(x) { .kind = FO_V_NUMBER, .num = (x) }
#define IV_INT(x) { .kind = FO_V_INT, .num = (x) }
#define IV_KW(k) { .kind = FO_V_KEYWORD, .keyword = (k) }
#define IV_STR(s) { .kind = FO_V_STRING, .str = (s) }
#define IV_NONE { .kind = FO_V_NONE }
#define IV_RGBA(r, g, b, a) { .kind = FO_V_COLOR, .color = { (r), (g), (b), (a) } }

typedef fo_prop_result (*parse_fn)(fo_vcur *c, fo_value *v, fo_arena *a);

static double clampd(double v, double lo, double hi)
{
    return !(v >= lo) ? lo : v > hi ? hi : v;
}

/* ---- parsers: one per value type -------------------------------------- */

static fo_prop_result parse_FAMILY(fo_vcur *c, fo_value *v, fo_arena *a)
{
    /* [ <string> | <ident>+ ]#  → "A, B C, serif" */
    char *buf = NULL;
    size_t len = 0, cap = 0;
    bool want_name = true, in_idents = false;
    fo_prop_result r = FO_PROP_OK;
    const fo_css_token *t;
    while ((t = fo_vcur_peek(c)) != NULL) {
        const char *piece = NULL;
        const char *sep = "";
        if (t->type == FO_TOK_COMMA) {
            if (want_name) {
                r = FO_PROP_INVALID;
                break;
            }
            want_name = true;
            in_idents = false;
            c->i++;
            continue;
        }
        if (t->type == FO_TOK_STRING && want_name) {
            piece = t->value;
            want_name = false;
            sep = len ? ", " : "";
        } else if (t->type == FO_TOK_IDENT && (want_name || in_idents)) {
            if (fo_css_ascii_eq(t->value, "inherit") ||
                fo_css_ascii_eq(t->value, "initial") ||
                fo_css_ascii_eq(t->value, "unset") ||
                fo_css_ascii_eq(t->value, "default")) {
                c->why = "reserved word in a family list";
                r = FO_PROP_INVALID;
                break;
            }
            piece = t->value;
            sep = in_idents ? " " : len ? ", " : "";
            want_name = false;
            in_idents = true;
        } else {
            r = FO_PROP_INVALID;
            break;
        }
        c->i++;
        size_t need = len + strlen(sep) + strlen(piece) + 1;
        if (need > cap) {
            size_t ncap = need * 2;
            char *p = realloc(buf, ncap);
            if (!p) {
                r = FO_PROP_NOMEM;
                break;
            }
            buf = p;
            cap = ncap;
        }
        strcpy(buf + len, sep);
        len += strlen(sep);
        strcpy(buf + len, piece);
        len += strlen(piece);
    }
    if (r == FO_PROP_OK && (want_name || len == 0))
        r = FO_PROP_INVALID;
    if (r == FO_PROP_OK) {
        v->kind = FO_V_STRING;
        v->str = fo_arena_strndup(a, buf, len);
        if (!v->str)
            r = FO_PROP_NOMEM;
    }
    free(buf);
    return r;
}

enum { SIZE_LARGER = 1, SIZE_SMALLER };

static fo_prop_result parse_FONT_SIZE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    /* Fonts 4 §2.5: absolute-size scale factors relative to medium. */
    static const struct {
        const char *name;
        double factor;
    } abs[] = {
        {"xx-small", 3.0 / 5}, {"x-small", 3.0 / 4}, {"small", 8.0 / 9},
        {"medium", 1.0},       {"large", 6.0 / 5},   {"x-large", 3.0 / 2},
        {"xx-large", 2.0},     {"xxx-large", 3.0},
    };
    for (size_t k = 0; k < sizeof abs / sizeof abs[0]; k++) {
        if (fo_vcur_ident(c, abs[k].name)) {
            *v = (fo_value){.kind = FO_V_PT, .num = FO_INITIAL_FONT_SIZE * abs[k].factor};
            return FO_PROP_OK;
        }
    }
    if (fo_vcur_ident(c, "larger")) {
        *v = (fo_value){.kind = FO_V_EM, .num = 1.2};
        return FO_PROP_OK;
    }
    if (fo_vcur_ident(c, "smaller")) {
        *v = (fo_value){.kind = FO_V_EM, .num = 1 / 1.2};
        return FO_PROP_OK;
    }
    return fo_parse_length(c, FO_LEN_PERCENT | FO_LEN_NONNEG, v) ? FO_PROP_OK
                                                                  : FO_PROP_INVALID;
}

enum { WEIGHT_BOLDER = 1, WEIGHT_LIGHTER };

static fo_prop_result parse_WEIGHT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"normal", 400}, {"bold", 700}, {"bolder", -WEIGHT_BOLDER},
        {"lighter", -WEIGHT_LIGHTER}, {NULL, 0},
    };
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_IDENT) {
        int k = -1000;
        for (const fo_keyword *e = kw; e->name; e++)
            if (fo_css_ascii_eq(t->value, e->name))
                k = e->value;
        if (k == -1000)
            return FO_PROP_INVALID;
        c->i++;
        if (k < 0)
            *v = (fo_value){.kind = FO_V_KEYWORD, .keyword = -k};
        else
            *v = (fo_value){.kind = FO_V_INT, .num = k};
        return FO_PROP_OK;
    }
    if (t && t->type == FO_TOK_NUMBER && t->number >= 1 && t->number <= 1000) {
        c->i++;
        *v = (fo_value){.kind = FO_V_INT, .num = t->number};
        return FO_PROP_OK;
    }
    c->why = "expected normal, bold, bolder, lighter or a number 1..1000";
    return FO_PROP_INVALID;
}

static fo_prop_result keyword_value(fo_vcur *c, fo_value *v, const fo_keyword *kw)
{
    int k = fo_vcur_keyword(c, kw);
    if (k < 0)
        return FO_PROP_INVALID;
    *v = (fo_value){.kind = FO_V_KEYWORD, .keyword = k};
    return FO_PROP_OK;
}

static fo_prop_result parse_FONT_STYLE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"normal", FO_FONT_NORMAL}, {"italic", FO_FONT_ITALIC},
        {"oblique", FO_FONT_OBLIQUE}, {NULL, 0},
    };
    fo_prop_result r = keyword_value(c, v, kw);
    if (r == FO_PROP_OK && v->keyword == FO_FONT_OBLIQUE) {
        /* oblique <angle>: the angle is accepted and ignored. */
        const fo_css_token *t = fo_vcur_peek(c);
        if (t && t->type == FO_TOK_DIMENSION && fo_css_ascii_eq(t->value, "deg"))
            c->i++;
    }
    return r;
}

static fo_prop_result parse_LINE_HEIGHT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "normal")) {
        *v = (fo_value){.kind = FO_V_NUMBER, .num = 1.2};
        return FO_PROP_OK;
    }
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_NUMBER) {
        if (t->number < 0) {
            c->why = "negative values are not allowed";
            return FO_PROP_INVALID;
        }
        c->i++;
        *v = (fo_value){.kind = FO_V_NUMBER, .num = clampd(t->number, 0, 1000)};
        return FO_PROP_OK;
    }
    return fo_parse_length(c, FO_LEN_PERCENT | FO_LEN_NONNEG, v) ? FO_PROP_OK
                                                                  : FO_PROP_INVALID;
}

enum { COLOR_CURRENT = 1 };

static fo_prop_result parse_COLOR(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "currentcolor")) {
        *v = (fo_value){.kind = FO_V_KEYWORD, .keyword = COLOR_CURRENT};
        return FO_PROP_OK;
    }
    fo_color col;
    if (!fo_parse_color(c, &col))
        return FO_PROP_INVALID;
    *v = (fo_value){.kind = FO_V_COLOR, .color = col};
    return FO_PROP_OK;
}
#define parse_BG_COLOR parse_COLOR

static fo_prop_result parse_ALIGN(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"left", FO_TEXT_LEFT}, {"right", FO_TEXT_RIGHT},
        {"center", FO_TEXT_CENTER}, {"justify", FO_TEXT_JUSTIFY},
        {"start", FO_TEXT_LEFT}, {"end", FO_TEXT_RIGHT}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

/* <length-percentage> (margin-*: Box 4 §3; text-indent: Text 3 §8.1);
 * negative values allowed. */
static fo_prop_result parse_LENGTH_PCT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return fo_parse_length(c, FO_LEN_PERCENT, v) ? FO_PROP_OK : FO_PROP_INVALID;
}

/* <length-percentage> | auto (margin-*: CSS 2.1 §8.3, Box 4 §3).  auto is
 * FO_V_KEYWORD 1. */
static fo_prop_result parse_MARGIN(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {{"auto", 1}, {NULL, 0}};
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_IDENT)
        return keyword_value(c, v, kw);
    return parse_LENGTH_PCT(c, v, a);
}

/* width (CSS 2.1 §10.2): <length-percentage [0,∞]> | auto; max-width
 * (§10.4): <length-percentage [0,∞]> | none; height (§10.5, read on
 * page-margin boxes only): <length [0,∞]> | auto, no percentages.  The
 * keyword is FO_V_KEYWORD 0. */
static fo_prop_result size_value(fo_vcur *c, fo_value *v, const char *keyword,
                                 unsigned flags)
{
    const fo_keyword kw[] = {{keyword, 0}, {NULL, 0}};
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_IDENT)
        return keyword_value(c, v, kw);
    return fo_parse_length(c, flags | FO_LEN_NONNEG, v) ? FO_PROP_OK : FO_PROP_INVALID;
}

static fo_prop_result parse_SIZE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return size_value(c, v, "auto", FO_LEN_PERCENT);
}

static fo_prop_result parse_MAX_SIZE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return size_value(c, v, "none", FO_LEN_PERCENT);
}

static fo_prop_result parse_HEIGHT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return size_value(c, v, "auto", 0);
}

/* <length-percentage [0,∞]> (padding-*: Box 4 §4). */
static fo_prop_result parse_PADDING_PCT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return fo_parse_length(c, FO_LEN_PERCENT | FO_LEN_NONNEG, v) ? FO_PROP_OK
                                                                  : FO_PROP_INVALID;
}

static fo_prop_result parse_WHITE_SPACE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"normal", FO_WS_NORMAL}, {"pre", FO_WS_PRE},
        {"pre-wrap", FO_WS_PRE_WRAP}, {"nowrap", FO_WS_NOWRAP}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

static fo_prop_result parse_TEXT_WRAP(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"wrap", FO_WRAP_AUTO}, {"pretty", FO_WRAP_PRETTY}, {"stable", FO_WRAP_GREEDY},
        {"greedy", FO_WRAP_GREEDY}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

static fo_prop_result parse_COUNT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t || t->type != FO_TOK_NUMBER || !t->is_integer || t->number < 1) {
        c->why = "expected an integer of at least 1";
        return FO_PROP_INVALID;
    }
    c->i++;
    *v = (fo_value){.kind = FO_V_INT, .num = clampd(t->number, 1, 1000000)};
    return FO_PROP_OK;
}

static fo_prop_result parse_BREAK_BETWEEN(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"auto", FO_BREAK_AUTO}, {"page", FO_BREAK_PAGE},
        {"left", FO_BREAK_LEFT}, {"right", FO_BREAK_RIGHT},
        {"recto", FO_BREAK_RIGHT}, {"verso", FO_BREAK_LEFT},
        {"avoid", FO_BREAK_AVOID}, {"avoid-page", FO_BREAK_AVOID},
        {"column", FO_BREAK_AUTO}, {"avoid-column", FO_BREAK_AUTO},
        {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

static fo_prop_result parse_BREAK_INSIDE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"auto", FO_BREAK_AUTO}, {"avoid", FO_BREAK_AVOID},
        {"avoid-page", FO_BREAK_AVOID}, {"avoid-column", FO_BREAK_AUTO},
        {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

static fo_prop_result parse_VARIANT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {{"normal", 0}, {"small-caps", 1}, {NULL, 0}};
    return keyword_value(c, v, kw);
}

/* normal | [ <string> [ <integer> | on | off ]? ]#  (Fonts 4 §6.12); kept
 * as a string in the same syntax, which Pango reads. */
static fo_prop_result parse_FEATURES(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "normal")) {
        *v = (fo_value){.kind = FO_V_NONE};
        return FO_PROP_OK;
    }
    char buf[512];
    size_t n = 0;
    for (;;) {
        const fo_css_token *t = fo_vcur_next(c);
        if (!t || t->type != FO_TOK_STRING || strlen(t->value) != 4) {
            c->why = "expected a four-letter feature tag in quotes";
            return FO_PROP_INVALID;
        }
        for (const char *p = t->value; *p; p++)
            if (*p < 0x20 || *p > 0x7e) {
                c->why = "feature tags are ASCII";
                return FO_PROP_INVALID;
            }
        int val = 1;
        const fo_css_token *u = fo_vcur_peek(c);
        if (u && u->type == FO_TOK_NUMBER && u->is_integer && u->number >= 0) {
            val = u->number > 65535 ? 65535 : (int)u->number;
            c->i++;
        } else if (fo_vcur_ident(c, "on")) {
            val = 1;
        } else if (fo_vcur_ident(c, "off")) {
            val = 0;
        }
        int w = snprintf(buf + n, sizeof buf - n, "%s\"%s\" %d", n ? ", " : "", t->value, val);
        if (w < 0 || (size_t)w >= sizeof buf - n) {
            c->why = "too many features";
            return FO_PROP_INVALID;
        }
        n += (size_t)w;
        const fo_css_token *sep = fo_vcur_peek(c);
        if (!sep)
            break;
        if (sep->type != FO_TOK_COMMA)
            return FO_PROP_INVALID;
        c->i++;
    }
    const char *s = fo_arena_strdup(a, buf);
    if (!s)
        return FO_PROP_NOMEM;
    *v = (fo_value){.kind = FO_V_STRING, .str = s};
    return FO_PROP_OK;
}

/* normal | <length> (Text 3 §7.1, §7.2) */
static fo_prop_result parse_SPACING(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "normal")) {
        *v = (fo_value){.kind = FO_V_PT, .num = 0};
        return FO_PROP_OK;
    }
    return fo_parse_length(c, 0, v) ? FO_PROP_OK : FO_PROP_INVALID;
}

static fo_prop_result parse_TRANSFORM(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"none", FO_TT_NONE}, {"uppercase", FO_TT_UPPERCASE},
        {"lowercase", FO_TT_LOWERCASE}, {"capitalize", FO_TT_CAPITALIZE}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

/* none | [ underline || line-through ]  (Text Decoration 3 §2.1; overline
 * and blink are not supported) */
static fo_prop_result parse_DECORATION(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "none")) {
        *v = (fo_value){.kind = FO_V_KEYWORD, .keyword = 0};
        return FO_PROP_OK;
    }
    int bits = 0;
    for (;;) {
        if (!(bits & FO_DECO_UNDERLINE) && fo_vcur_ident(c, "underline"))
            bits |= FO_DECO_UNDERLINE;
        else if (!(bits & FO_DECO_LINE_THROUGH) && fo_vcur_ident(c, "line-through"))
            bits |= FO_DECO_LINE_THROUGH;
        else
            break;
    }
    if (!bits)
        return FO_PROP_INVALID;
    *v = (fo_value){.kind = FO_V_KEYWORD, .keyword = bits};
    return FO_PROP_OK;
}

static fo_prop_result parse_ALIGN_LAST(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"auto", FO_ALIGN_LAST_AUTO}, {"left", FO_ALIGN_LAST_LEFT},
        {"start", FO_ALIGN_LAST_LEFT}, {"right", FO_ALIGN_LAST_RIGHT},
        {"end", FO_ALIGN_LAST_RIGHT}, {"center", FO_ALIGN_LAST_CENTER},
        {"justify", FO_ALIGN_LAST_JUSTIFY}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

/* vertical-align: the keywords margin boxes use (Paged Media 3 §5.3). */
static fo_prop_result parse_VALIGN(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"baseline", FO_VALIGN_BASELINE}, {"top", FO_VALIGN_TOP},
        {"middle", FO_VALIGN_MIDDLE}, {"bottom", FO_VALIGN_BOTTOM}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}


static fo_prop_result parse_HYPHENS(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {
        {"manual", FO_HYPHENS_MANUAL}, {"none", FO_HYPHENS_NONE},
        {"auto", FO_HYPHENS_AUTO}, {NULL, 0},
    };
    return keyword_value(c, v, kw);
}

static const fo_keyword border_styles[] = {
    {"none", FO_BORDER_NONE},     {"hidden", FO_BORDER_HIDDEN},
    {"solid", FO_BORDER_SOLID},   {"dashed", FO_BORDER_DASHED},
    {"dotted", FO_BORDER_DOTTED}, {"double", FO_BORDER_DOUBLE},
    {"groove", FO_BORDER_SOLID},  {"ridge", FO_BORDER_SOLID},
    {"inset", FO_BORDER_SOLID},   {"outset", FO_BORDER_SOLID},
    {NULL, 0},
};

static fo_prop_result parse_BORDER_STYLE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return keyword_value(c, v, border_styles);
}

/* <line-width> (Backgrounds 3 §4.3): thin 1px, medium 3px, thick 5px. */
static fo_prop_result parse_BORDER_WIDTH(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {{"thin", 1}, {"medium", 3}, {"thick", 5}, {NULL, 0}};
    int k = fo_vcur_keyword(c, kw);
    if (k > 0) {
        *v = (fo_value){.kind = FO_V_PT, .num = k * 0.75};
        return FO_PROP_OK;
    }
    return fo_parse_length(c, FO_LEN_NONNEG, v) ? FO_PROP_OK : FO_PROP_INVALID;
}

static fo_prop_result parse_LIST_STYLE(fo_vcur *c, fo_value *v, fo_arena *a)
{
    int k = fo_parse_list_style(c);
    if (k < 0)
        return FO_PROP_INVALID;
    *v = (fo_value){.kind = FO_V_KEYWORD, .keyword = k};
    return FO_PROP_OK;
}

/* list-style-position (CSS Lists 3 §3.3): outside (0) | inside (1). */
static fo_prop_result parse_LIST_POS(fo_vcur *c, fo_value *v, fo_arena *a)
{
    static const fo_keyword kw[] = {{"outside", 0}, {"inside", 1}, {NULL, 0}};
    return keyword_value(c, v, kw);
}

static bool compute_LIST_POS(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->keyword == 1;
}

static fo_prop_result parse_CONTENT(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return fo_parse_content(c, v, a);
}

static fo_prop_result parse_COUNTER_RESET(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return fo_parse_counter_ops(c, v, a, 0);
}

static fo_prop_result parse_COUNTER_INCR(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return fo_parse_counter_ops(c, v, a, 1);
}

static fo_prop_result parse_STRING_SET(fo_vcur *c, fo_value *v, fo_arena *a)
{
    return fo_parse_string_set(c, v, a);
}

/* ---- compute functions: specified value → computed value -------------- */

static bool compute_VARIANT(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->keyword != 0;
}

static const char *compute_FEATURES(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_STRING ? v->str : NULL;
}

/* em resolves against the element's own font size (Text 3 §7). */
static double compute_SPACING(const fo_value *v, fo_style *s, const ctx *c)
{
    return clampd(fo_resolve_length(v, s->font_size, s->root_font_size, 0), -1000, 1000);
}

static fo_text_transform compute_TRANSFORM(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_text_transform)v->keyword;
}

static unsigned compute_DECORATION(const fo_value *v, fo_style *s, const ctx *c)
{
    return (unsigned)v->keyword;
}

static fo_text_align_last compute_ALIGN_LAST(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_text_align_last)v->keyword;
}

static fo_vertical_align compute_VALIGN(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_vertical_align)v->keyword;
}

static fo_hyphens compute_HYPHENS(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_hyphens)v->keyword;
}

static fo_border_style compute_BORDER_STYLE(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_border_style)v->keyword;
}

static double compute_BORDER_WIDTH(const fo_value *v, fo_style *s, const ctx *c)
{
    return clampd(fo_resolve_length(v, s->font_size, s->root_font_size, 0), 0, FO_MAX_LENGTH);
}

static fo_list_style compute_LIST_STYLE(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_list_style)v->keyword;
}

static const fo_content *compute_CONTENT(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_POINTER ? v->ptr : NULL;
}

static const fo_counter_ops *compute_COUNTER_RESET(const fo_value *v, fo_style *s,
                                                   const ctx *c)
{
    return v->kind == FO_V_POINTER ? v->ptr : NULL;
}
#define compute_COUNTER_INCR compute_COUNTER_RESET

static const fo_string_set *compute_STRING_SET(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_POINTER ? v->ptr : NULL;
}

static const char *compute_FAMILY(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->str;
}

static double compute_FONT_SIZE(const fo_value *v, fo_style *s, const ctx *c)
{
    double pfs = c->parent->font_size;
    double prem = c->parent->root_font_size > 0 ? c->parent->root_font_size
                                                : FO_INITIAL_FONT_SIZE;
    /* em and % of the parent's font size (Fonts 4 §2.5), rem of the root's
     * (Values 4 §6.1.1; on the root, of the initial value). */
    return clampd(fo_resolve_length(v, pfs, prem, pfs), FO_LIMIT_FONT_MIN, FO_LIMIT_FONT_MAX);
}

static int compute_WEIGHT(const fo_value *v, fo_style *s, const ctx *c)
{
    if (v->kind == FO_V_KEYWORD) {
        int p = c->parent->font_weight; /* Fonts 4 §2.3.1 table */
        if (v->keyword == WEIGHT_BOLDER)
            return p < 350 ? 400 : p < 550 ? 700 : 900;
        return p < 550 ? 100 : p < 750 ? 400 : 700;
    }
    return (int)lround(clampd(v->num, 100, 900));
}

static fo_font_style compute_FONT_STYLE(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_font_style)v->keyword;
}

static double compute_LINE_HEIGHT(const fo_value *v, fo_style *s, const ctx *c)
{
    if (v->kind == FO_V_NUMBER) {
        s->line_height_factor = v->num; /* inherited as the number */
        return v->num * s->font_size;
    }
    s->line_height_factor = 0;
    return clampd(fo_resolve_length(v, s->font_size, s->root_font_size, s->font_size),
                  0, FO_MAX_LENGTH);
}

static fo_color compute_COLOR(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_KEYWORD ? c->parent->color : v->color;
}

static fo_color compute_BG_COLOR(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_KEYWORD ? s->color : v->color;
}

static fo_text_align compute_ALIGN(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_text_align)v->keyword;
}

/* A percentage computes to 0 pt here and is recorded in pct_set / pct by
 * fo_prop_compute_all (pct_slot); layout resolves it. */
static double compute_LENGTH_PCT(const fo_value *v, fo_style *s, const ctx *c)
{
    return fo_resolve_length(v, s->font_size, s->root_font_size, 0);
}
#define compute_PADDING_PCT compute_LENGTH_PCT

/* margin-*: auto computes to 0 pt here and sets its bit in margin_auto
 * (fo_prop_compute_all); layout gives it meaning where a box has a width
 * of its own (tables, figures). */
static double compute_MARGIN(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_KEYWORD ? 0 : compute_LENGTH_PCT(v, s, c);
}

/* width / max-width: auto and none compute to -1; a percentage to 0 pt
 * with its pct_set bit (layout resolves it). */
static double compute_SIZE(const fo_value *v, fo_style *s, const ctx *c)
{
    return v->kind == FO_V_KEYWORD ? -1 : compute_LENGTH_PCT(v, s, c);
}
#define compute_MAX_SIZE compute_SIZE
#define compute_HEIGHT compute_SIZE /* no percentage: the parser refuses them */

static fo_white_space compute_WHITE_SPACE(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_white_space)v->keyword;
}

static fo_text_wrap compute_TEXT_WRAP(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_text_wrap)v->keyword;
}

static int compute_COUNT(const fo_value *v, fo_style *s, const ctx *c)
{
    return (int)v->num;
}

static fo_break compute_BREAK_BETWEEN(const fo_value *v, fo_style *s, const ctx *c)
{
    return (fo_break)v->keyword;
}
#define compute_BREAK_INSIDE compute_BREAK_BETWEEN

/* Extra fields copied with a property's own field on inherit/initial. */
#define copy_extra_LINE_HEIGHT(d, s) ((d)->line_height_factor = (s)->line_height_factor)
#define copy_extra_FAMILY(d, s) ((void)0)
#define copy_extra_FONT_SIZE(d, s) ((void)0)
#define copy_extra_WEIGHT(d, s) ((void)0)
#define copy_extra_FONT_STYLE(d, s) ((void)0)
#define copy_extra_COLOR(d, s) ((void)0)
#define copy_extra_BG_COLOR(d, s) ((void)0)
#define copy_extra_ALIGN(d, s) ((void)0)
#define copy_extra_LENGTH_PCT(d, s) ((void)0) /* pct: fo_prop_compute_all */
#define copy_extra_PADDING_PCT(d, s) ((void)0)
#define copy_extra_MARGIN(d, s) ((void)0) /* margin_auto: fo_prop_compute_all */
#define copy_extra_HEIGHT(d, s) ((void)0)
#define copy_extra_MAX_SIZE(d, s) ((void)0)
#define copy_extra_WHITE_SPACE(d, s) ((void)0)
#define copy_extra_TEXT_WRAP(d, s) ((void)0)
#define copy_extra_COUNT(d, s) ((void)0)
#define copy_extra_BREAK_BETWEEN(d, s) ((void)0)
#define copy_extra_BREAK_INSIDE(d, s) ((void)0)
#define copy_extra_LIST_STYLE(d, s) ((void)0)
#define copy_extra_BORDER_STYLE(d, s) ((void)0)
#define copy_extra_VARIANT(d, s) ((void)0)
#define copy_extra_FEATURES(d, s) ((void)0)
#define copy_extra_SPACING(d, s) ((void)0)
#define copy_extra_TRANSFORM(d, s) ((void)0)
#define copy_extra_DECORATION(d, s) ((void)0)
#define copy_extra_ALIGN_LAST(d, s) ((void)0)
#define copy_extra_HYPHENS(d, s) ((void)0)
#define copy_extra_VALIGN(d, s) ((void)0)
#define copy_extra_SIZE(d, s) ((void)0)
#define copy_extra_BORDER_WIDTH(d, s) ((void)0)
#define copy_extra_CONTENT(d, s) ((void)0)
#define copy_extra_LIST_POS(d, s) ((void)0)
#define copy_extra_COUNTER_RESET(d, s) ((void)0)
#define copy_extra_COUNTER_INCR(d, s) ((void)0)
#define copy_extra_STRING_SET(d, s) ((void)0)

/* Per-property apply (compute into the field) and copy functions. */
#define FO_PROP(id, name, inh, field, type, init)                                \
    static void apply_##id(const fo_value *v, fo_style *s, const ctx *c)      \
    {                                                                            \
        s->field = compute_##type(v, s, c);                                      \
    }                                                                            \
    static void copy_##id(fo_style *d, const fo_style *s)                        \
    {                                                                            \
        d->field = s->field;                                                     \
        copy_extra_##type(d, s);                                                 \
    }
#include "props.def"
#undef FO_PROP

static const struct prop_info {
    const char *name;
    bool inherited;
    parse_fn parse;
    void (*compute)(const fo_value *, fo_style *, const ctx *);
    void (*copy)(fo_style *, const fo_style *);
    fo_value initial;
} props[FO_PROP_COUNT] = {
#define FO_PROP(id, name, inh, field, type, init) \
    [FO_P_##id] = {name, inh, parse_##type, apply_##id, copy_##id, init},
#include "props.def"
#undef FO_PROP
};

/* ---- shorthands --------------------------------------------------------- */

typedef fo_prop_result (*expand_fn)(fo_vcur *c, fo_decl *out, int *n, fo_arena *a);

/* Box 4 §3: 1 to 4 values, top right bottom left. */
static fo_prop_result expand_box(fo_vcur *c, fo_decl *out, int *n, fo_prop_id first,
                                 unsigned flags)
{
    fo_value v[4];
    int k = 0;
    while (k < 4 && !fo_vcur_done(c)) {
        const fo_css_token *t = fo_vcur_peek(c);
        if (first == FO_P_MARGIN_TOP && t->type == FO_TOK_IDENT &&
            fo_css_ascii_eq(t->value, "auto")) {
            c->i++;
            v[k++] = (fo_value){.kind = FO_V_KEYWORD, .keyword = 1};
            continue;
        }
        if (!fo_parse_length(c, flags, &v[k]))
            return FO_PROP_INVALID;
        k++;
    }
    if (k == 0 || !fo_vcur_done(c))
        return FO_PROP_INVALID;
    static const int pick[4][4] = {
        {0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3},
    };
    for (int i = 0; i < 4; i++) {
        out[i].prop = (fo_prop_id)(first + i);
        out[i].value = v[pick[k - 1][i]];
    }
    *n = 4;
    return FO_PROP_OK;
}

static fo_prop_result expand_MARGIN(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return expand_box(c, out, n, FO_P_MARGIN_TOP, FO_LEN_PERCENT);
}

static fo_prop_result expand_PADDING(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return expand_box(c, out, n, FO_P_PADDING_TOP, FO_LEN_PERCENT | FO_LEN_NONNEG);
}

/* Fragmentation 3 §3.4: page-break-* are aliases with legacy values. */
static fo_prop_result page_break(fo_vcur *c, fo_decl *out, int *n, fo_prop_id id,
                                 bool inside)
{
    static const fo_keyword between[] = {
        {"auto", FO_BREAK_AUTO}, {"always", FO_BREAK_PAGE},
        {"left", FO_BREAK_LEFT}, {"right", FO_BREAK_RIGHT},
        {"avoid", FO_BREAK_AVOID}, {NULL, 0},
    };
    static const fo_keyword in[] = {
        {"auto", FO_BREAK_AUTO}, {"avoid", FO_BREAK_AVOID}, {NULL, 0},
    };
    out[0].prop = id;
    *n = 1;
    return keyword_value(c, &out[0].value, inside ? in : between);
}

static fo_prop_result expand_PAGE_BREAK_BEFORE(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return page_break(c, out, n, FO_P_BREAK_BEFORE, false);
}

static fo_prop_result expand_PAGE_BREAK_AFTER(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return page_break(c, out, n, FO_P_BREAK_AFTER, false);
}

static fo_prop_result expand_PAGE_BREAK_INSIDE(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return page_break(c, out, n, FO_P_BREAK_INSIDE, true);
}

static fo_val_kind css_wide(fo_vcur *c);

/* border-style / -width / -color: 1-4 values, top right bottom left. */
static fo_prop_result expand_sides(fo_vcur *c, fo_decl *out, int *n, fo_prop_id first,
                                   parse_fn parse)
{
    fo_value v[4];
    int k = 0;
    while (k < 4 && !fo_vcur_done(c)) {
        if (parse(c, &v[k], NULL) != FO_PROP_OK)
            return FO_PROP_INVALID;
        k++;
    }
    if (k == 0 || !fo_vcur_done(c))
        return FO_PROP_INVALID;
    static const int pick[4][4] = {
        {0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3},
    };
    for (int i = 0; i < 4; i++) {
        out[i].prop = (fo_prop_id)(first + i);
        out[i].value = v[pick[k - 1][i]];
    }
    *n = 4;
    return FO_PROP_OK;
}

static fo_prop_result expand_BORDER_STYLE(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return expand_sides(c, out, n, FO_P_BORDER_TOP_STYLE, parse_BORDER_STYLE);
}

static fo_prop_result expand_BORDER_WIDTH(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return expand_sides(c, out, n, FO_P_BORDER_TOP_WIDTH, parse_BORDER_WIDTH);
}

static fo_prop_result expand_BORDER_COLOR(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return expand_sides(c, out, n, FO_P_BORDER_TOP_COLOR, parse_COLOR);
}

/* <line-width> || <line-style> || <color> (Backgrounds 3 §4.4) for the
 * sides in mask (1 top, 2 right, 4 bottom, 8 left); omitted parts take
 * their initial values. */
static fo_prop_result border_sides(fo_vcur *c, fo_decl *out, int *n, unsigned mask)
{
    fo_value w = {.kind = FO_V_PT, .num = 2.25}, st = {.kind = FO_V_KEYWORD, .keyword = FO_BORDER_NONE},
             col = {.kind = FO_V_KEYWORD, .keyword = COLOR_CURRENT};
    fo_val_kind wide = css_wide(c);
    if (wide != FO_V_NONE) {
        c->i = c->end;
        w = st = col = (fo_value){.kind = wide};
    } else {
        bool hw = false, hs = false, hc = false;
        while (!fo_vcur_done(c)) {
            if (!hw && parse_BORDER_WIDTH(c, &w, NULL) == FO_PROP_OK) {
                hw = true;
                continue;
            }
            if (!hs && parse_BORDER_STYLE(c, &st, NULL) == FO_PROP_OK) {
                hs = true;
                continue;
            }
            if (!hc && parse_COLOR(c, &col, NULL) == FO_PROP_OK) {
                hc = true;
                continue;
            }
            return FO_PROP_INVALID;
        }
        if (!hw && !hs && !hc)
            return FO_PROP_INVALID;
    }
    *n = 0;
    for (int side = 0; side < 4; side++) {
        if (!(mask & (1u << side)))
            continue;
        out[(*n)++] = (fo_decl){.prop = (fo_prop_id)(FO_P_BORDER_TOP_STYLE + side), .value = st};
        out[(*n)++] = (fo_decl){.prop = (fo_prop_id)(FO_P_BORDER_TOP_WIDTH + side), .value = w};
        out[(*n)++] = (fo_decl){.prop = (fo_prop_id)(FO_P_BORDER_TOP_COLOR + side), .value = col};
    }
    return FO_PROP_OK;
}

static fo_prop_result expand_BORDER(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return border_sides(c, out, n, 15);
}
static fo_prop_result expand_BORDER_TOP(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return border_sides(c, out, n, 1);
}
static fo_prop_result expand_BORDER_RIGHT(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return border_sides(c, out, n, 2);
}
static fo_prop_result expand_BORDER_BOTTOM(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return border_sides(c, out, n, 4);
}
static fo_prop_result expand_BORDER_LEFT(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    return border_sides(c, out, n, 8);
}

/* text-decoration: its text-decoration-line part (Text Decoration 3
 * §2.4; colour and style are not supported). */
static fo_prop_result expand_TEXT_DECORATION(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    out[0].prop = FO_P_TEXT_DECORATION;
    *n = 1;
    return parse_DECORATION(c, &out[0].value, NULL);
}

/* font (Fonts 4 §2.8): [ <font-style> || small-caps || <font-weight> ]?
 * <font-size> [ / <line-height> ]? <font-family>; omitted parts reset to
 * their initial values. */
static fo_prop_result expand_FONT(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    static const fo_prop_id ids[6] = {FO_P_FONT_STYLE, FO_P_FONT_VARIANT, FO_P_FONT_WEIGHT,
                                      FO_P_FONT_SIZE, FO_P_LINE_HEIGHT, FO_P_FONT_FAMILY};
    fo_val_kind wide = css_wide(c);
    *n = 6;
    if (wide != FO_V_NONE) {
        c->i = c->end;
        for (int k = 0; k < 6; k++)
            out[k] = (fo_decl){.prop = ids[k], .value = {.kind = wide}};
        return FO_PROP_OK;
    }
    for (int k = 0; k < 6; k++)
        out[k] = (fo_decl){.prop = ids[k], .value = props[ids[k]].initial};
    bool hs = false, hv = false, hw = false;
    for (int k = 0; k < 4; k++) {
        if (fo_vcur_ident(c, "normal"))
            continue; /* resets whichever is left */
        if (!hs && parse_FONT_STYLE(c, &out[0].value, NULL) == FO_PROP_OK) {
            hs = true;
            continue;
        }
        const fo_css_token *t = fo_vcur_peek(c);
        if (!hv && t && t->type == FO_TOK_IDENT && fo_css_ascii_eq(t->value, "small-caps")) {
            parse_VARIANT(c, &out[1].value, NULL);
            hv = true;
            continue;
        }
        if (!hw && t && (t->type == FO_TOK_IDENT || t->type == FO_TOK_NUMBER)) {
            fo_vcur save = *c;
            if (parse_WEIGHT(c, &out[2].value, NULL) == FO_PROP_OK) {
                hw = true;
                continue;
            }
            *c = save;
        }
        break;
    }
    if (parse_FONT_SIZE(c, &out[3].value, NULL) != FO_PROP_OK) {
        c->why = "font needs a size and a family: font: 10pt/1.4 serif";
        return FO_PROP_INVALID;
    }
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_DELIM && t->delim == '/') {
        c->i++;
        if (parse_LINE_HEIGHT(c, &out[4].value, NULL) != FO_PROP_OK)
            return FO_PROP_INVALID;
    }
    return parse_FAMILY(c, &out[5].value, a);
}

/* list-style: only its list-style-type part (Lists 3 §3.4). */
static fo_prop_result expand_LIST_STYLE(fo_vcur *c, fo_decl *out, int *n, fo_arena *a)
{
    /* list-style (CSS Lists 3 §3.4): a type and a position in any order,
     * each at most once (list-style-image is not supported); omitted ones
     * take their initial values. */
    out[0] = (fo_decl){.prop = FO_P_LIST_STYLE_TYPE,
                       .value = {.kind = FO_V_KEYWORD, .keyword = FO_LIST_DISC}};
    out[1] = (fo_decl){.prop = FO_P_LIST_STYLE_POSITION,
                       .value = {.kind = FO_V_KEYWORD, .keyword = 0}};
    *n = 2;
    bool type = false, pos = false;
    while (!fo_vcur_done(c)) {
        fo_value v;
        if (!pos && parse_LIST_POS(c, &v, a) == FO_PROP_OK) {
            out[1].value = v;
            pos = true;
        } else if (!type && parse_LIST_STYLE(c, &v, a) == FO_PROP_OK) {
            out[0].value = v;
            type = true;
        } else {
            return FO_PROP_INVALID;
        }
    }
    return type || pos ? FO_PROP_OK : FO_PROP_INVALID;
}

static const struct shorthand_info {
    const char *name;
    expand_fn expand;
    fo_prop_id first;
    int count;
} shorthands[] = {
#define FO_PROP(id, name, inh, field, type, init)
#define FO_SHORTHAND(name, exp, first, count) {name, expand_##exp, FO_P_##first, count},
#include "props.def"
#undef FO_PROP
};

/* ---- entry points ------------------------------------------------------- */

const char *fo_prop_name(fo_prop_id id)
{
    return id < FO_PROP_COUNT ? props[id].name : "?";
}

/* Cascade 4 §7: a value that is exactly one CSS-wide keyword. */
static fo_val_kind css_wide(fo_vcur *c)
{
    fo_vcur k = *c;
    fo_val_kind kind = FO_V_NONE;
    if (fo_vcur_ident(&k, "inherit"))
        kind = FO_V_INHERIT;
    else if (fo_vcur_ident(&k, "initial"))
        kind = FO_V_INITIAL;
    else if (fo_vcur_ident(&k, "unset") || fo_vcur_ident(&k, "revert") ||
             fo_vcur_ident(&k, "revert-layer"))
        kind = FO_V_UNSET; /* no user-agent sheet: revert acts as unset */
    if (kind == FO_V_NONE || !fo_vcur_done(&k))
        return FO_V_NONE;
    return kind;
}

fo_prop_result fo_prop_parse(const char *name, const fo_css_token *tok,
                             size_t begin, size_t end, fo_arena *arena,
                             fo_decl out[FO_PROP_MAX_EXPAND], int *n,
                             const char **why)
{
    fo_vcur c = {tok, begin, end, NULL};
    *n = 0;
    *why = NULL;
    int prop = -1;
    const struct shorthand_info *sh = NULL;
    for (int p = 0; p < FO_PROP_COUNT && prop < 0; p++)
        if (fo_css_ascii_eq(name, props[p].name))
            prop = p;
    for (size_t k = 0; prop < 0 && !sh && k < sizeof shorthands / sizeof shorthands[0]; k++)
        if (fo_css_ascii_eq(name, shorthands[k].name))
            sh = &shorthands[k];
    if (prop < 0 && !sh)
        return FO_PROP_UNKNOWN;
    if (fo_vcur_done(&c)) {
        *why = "empty value";
        return FO_PROP_INVALID;
    }
    memset(out, 0, FO_PROP_MAX_EXPAND * sizeof *out);
    fo_val_kind wide = css_wide(&c);
    fo_prop_result r;
    if (sh) {
        if (wide != FO_V_NONE && sh->count > 0) {
            for (int i = 0; i < sh->count; i++) {
                out[i].prop = (fo_prop_id)(sh->first + i);
                out[i].value.kind = wide;
            }
            *n = sh->count;
            return FO_PROP_OK;
        }
        r = sh->expand(&c, out, n, arena);
    } else {
        out[0].prop = (fo_prop_id)prop;
        *n = 1;
        if (wide != FO_V_NONE) {
            out[0].value.kind = wide;
            return FO_PROP_OK;
        }
        r = props[prop].parse(&c, &out[0].value, arena);
    }
    if (r == FO_PROP_OK && !fo_vcur_done(&c)) {
        r = FO_PROP_INVALID;
        c.why = "unexpected extra value";
    }
    if (r != FO_PROP_OK) {
        *n = 0;
        *why = c.why;
    }
    return r;
}

/* Backgrounds 3 §4.3: the computed width of a side with style none or
 * hidden is 0. */
static void no_border_width(fo_style *s)
{
    if (s->border_top_style <= FO_BORDER_HIDDEN)
        s->border_top_width = 0;
    if (s->border_right_style <= FO_BORDER_HIDDEN)
        s->border_right_width = 0;
    if (s->border_bottom_style <= FO_BORDER_HIDDEN)
        s->border_bottom_width = 0;
    if (s->border_left_style <= FO_BORDER_HIDDEN)
        s->border_left_width = 0;
}

/* The fo_pct_field of a property whose computed value may stay a
 * percentage, or -1. */
static int pct_slot(int p)
{
    switch (p) {
    case FO_P_MARGIN_TOP: return FO_PCT_MARGIN_TOP;
    case FO_P_MARGIN_RIGHT: return FO_PCT_MARGIN_RIGHT;
    case FO_P_MARGIN_BOTTOM: return FO_PCT_MARGIN_BOTTOM;
    case FO_P_MARGIN_LEFT: return FO_PCT_MARGIN_LEFT;
    case FO_P_PADDING_TOP: return FO_PCT_PADDING_TOP;
    case FO_P_PADDING_RIGHT: return FO_PCT_PADDING_RIGHT;
    case FO_P_PADDING_BOTTOM: return FO_PCT_PADDING_BOTTOM;
    case FO_P_PADDING_LEFT: return FO_PCT_PADDING_LEFT;
    case FO_P_TEXT_INDENT: return FO_PCT_TEXT_INDENT;
    case FO_P_WIDTH: return FO_PCT_WIDTH;
    case FO_P_MAX_WIDTH: return FO_PCT_MAX_WIDTH;
    default: return -1;
    }
}

/* Records (v: a computed specified value) or copies (v NULL: from `src`,
 * for inherit and initial) the percentage of slot k. */
static void pct_record(fo_style *out, int k, const fo_value *v, const fo_style *src)
{
    unsigned bit = 1u << k;
    if (v ? v->kind == FO_V_PERCENT : (src->pct_set & bit) != 0) {
        out->pct_set |= bit;
        out->pct[k] = v ? v->num : src->pct[k];
    } else {
        out->pct_set &= ~bit;
        out->pct[k] = 0;
    }
}

void fo_style_initial(fo_style *out)
{
    memset(out, 0, sizeof *out);
    ctx c = {out}; /* initial values never refer to the parent */
    for (int p = 0; p < FO_PROP_COUNT; p++) {
        props[p].compute(&props[p].initial, out, &c);
        if (p == FO_P_FONT_SIZE)
            out->root_font_size = out->font_size;
    }
    if (out->line_height_factor > 0)
        out->line_height = out->line_height_factor * out->font_size;
    no_border_width(out);
}

void fo_prop_compute_all(const fo_value *const cascaded[FO_PROP_COUNT],
                         const fo_style *parent, fo_style *out)
{
    fo_style initial;
    fo_style_initial(&initial);
    bool root = parent == NULL;
    if (root)
        parent = &initial;
    ctx c = {parent};
    memset(out, 0, sizeof *out);
    for (int p = 0; p < FO_PROP_COUNT; p++) {
        const fo_value *v = cascaded ? cascaded[p] : NULL;
        fo_val_kind kind = v ? v->kind : FO_V_UNSET;
        if (kind == FO_V_UNSET) /* Cascade 4 §7.4 */
            kind = props[p].inherited ? FO_V_INHERIT : FO_V_INITIAL;
        if (kind == FO_V_INHERIT)
            props[p].copy(out, parent);
        else if (kind == FO_V_INITIAL)
            props[p].copy(out, &initial);
        else
            props[p].compute(v, out, &c);
        int k = pct_slot(p);
        if (k >= 0)
            pct_record(out, k, kind == FO_V_INHERIT || kind == FO_V_INITIAL ? NULL : v,
                       kind == FO_V_INHERIT ? parent : &initial);
        if (p >= FO_P_MARGIN_TOP && p <= FO_P_MARGIN_LEFT) {
            unsigned bit = 1u << (p - FO_P_MARGIN_TOP);
            bool is_auto = kind == FO_V_INHERIT ? (parent->margin_auto & bit) != 0
                           : kind == FO_V_INITIAL ? false
                                                  : v->kind == FO_V_KEYWORD;
            if (is_auto)
                out->margin_auto |= bit;
        }
        if (p == FO_P_FONT_SIZE) {
            double prem = parent->root_font_size > 0 ? parent->root_font_size
                                                     : FO_INITIAL_FONT_SIZE;
            out->root_font_size = root ? out->font_size : prem;
        }
    }
    /* A number line-height is inherited as the number (CSS 2.1 §10.8.1). */
    if (out->line_height_factor > 0)
        out->line_height = out->line_height_factor * out->font_size;
    no_border_width(out);
}
