/* content.c — generated-content value parsers and counter formatting.
 * See content.h and style.h (fo_counter_format). */
#include "content.h"

#include <stdio.h>
#include <string.h>

/* Most items in one content list and most pairs in one counter or
 * string-set list; longer values are rejected as invalid. */
#define MAX_ITEMS 32

static const fo_keyword list_styles[] = {
    {"disc", FO_LIST_DISC},
    {"circle", FO_LIST_CIRCLE},
    {"square", FO_LIST_SQUARE},
    {"decimal", FO_LIST_DECIMAL},
    {"decimal-leading-zero", FO_LIST_DECIMAL_LEADING_ZERO},
    {"lower-alpha", FO_LIST_LOWER_ALPHA},
    {"lower-latin", FO_LIST_LOWER_ALPHA},
    {"upper-alpha", FO_LIST_UPPER_ALPHA},
    {"upper-latin", FO_LIST_UPPER_ALPHA},
    {"lower-roman", FO_LIST_LOWER_ROMAN},
    {"upper-roman", FO_LIST_UPPER_ROMAN},
    {"none", FO_LIST_NONE},
    {NULL, 0},
};

int fo_parse_list_style(fo_vcur *c)
{
    return fo_vcur_keyword(c, list_styles);
}

static bool close_paren(fo_vcur *c)
{
    const fo_css_token *t = fo_vcur_next(c);
    return t && t->type == FO_TOK_RPAREN;
}

static bool comma(fo_vcur *c)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_COMMA) {
        fo_vcur_next(c);
        return true;
    }
    return false;
}

static const fo_css_token *ident(fo_vcur *c)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t || t->type != FO_TOK_IDENT)
        return NULL;
    return fo_vcur_next(c);
}

/* One content item; false (c->why set) when the next token is not one.
 * `self_ok` allows content() (string-set only). */
static bool content_item(fo_vcur *c, fo_content_item *it, bool self_ok)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t)
        return false;
    memset(it, 0, sizeof *it);
    it->style = FO_LIST_DECIMAL;
    if (t->type == FO_TOK_STRING) {
        fo_vcur_next(c);
        it->kind = FO_CONTENT_TEXT;
        it->text = t->value;
        return true;
    }
    if (t->type != FO_TOK_FUNCTION) {
        c->why = "expected a string, counter(), counters() or string()";
        return false;
    }
    fo_vcur_next(c);
    const fo_css_token *name;
    if (fo_css_ascii_eq(t->value, "counter") || fo_css_ascii_eq(t->value, "counters")) {
        bool plural = fo_css_ascii_eq(t->value, "counters");
        it->kind = plural ? FO_CONTENT_COUNTERS : FO_CONTENT_COUNTER;
        if (!(name = ident(c))) {
            c->why = "counter() needs a counter name";
            return false;
        }
        it->text = name->value;
        if (plural) {
            const fo_css_token *sep;
            if (!comma(c) || !(sep = fo_vcur_next(c)) || sep->type != FO_TOK_STRING) {
                c->why = "counters() needs a separator string";
                return false;
            }
            it->sep = sep->value;
        }
        if (comma(c)) {
            int st = fo_parse_list_style(c);
            if (st < 0) {
                c->why = "unknown counter style";
                return false;
            }
            it->style = (fo_list_style)st;
        }
        return close_paren(c);
    }
    if (fo_css_ascii_eq(t->value, "string")) {
        it->kind = FO_CONTENT_STRING;
        if (!(name = ident(c))) {
            c->why = "string() needs a name";
            return false;
        }
        it->text = name->value;
        if (comma(c)) {
            static const fo_keyword pol[] = {{"first", FO_STRING_FIRST}, {"start", FO_STRING_START},
                                             {"last", FO_STRING_LAST},
                                             {"first-except", FO_STRING_FIRST_EXCEPT},
                                             {NULL, 0}};
            int k = fo_vcur_keyword(c, pol);
            if (k < 0) {
                c->why = "string() takes first, start, last or first-except";
                return false;
            }
            it->policy = (fo_string_policy)k;
        }
        return close_paren(c);
    }
    if (self_ok && fo_css_ascii_eq(t->value, "content")) {
        it->kind = FO_CONTENT_SELF;
        if (fo_vcur_ident(c, "text")) {
            /* content(text) is the default */
        }
        return close_paren(c);
    }
    c->why = "unsupported function in content";
    return false;
}

/* Items up to the end of the value or (string-set) a comma; stores a new
 * fo_content in *out. */
static fo_prop_result content_list(fo_vcur *c, fo_arena *a, bool self_ok,
                                   const fo_content **out)
{
    fo_content_item items[MAX_ITEMS];
    int n = 0;
    const fo_css_token *t;
    while ((t = fo_vcur_peek(c)) && t->type != FO_TOK_COMMA) {
        if (n == MAX_ITEMS) {
            c->why = "too many items";
            return FO_PROP_INVALID;
        }
        if (!content_item(c, &items[n], self_ok))
            return FO_PROP_INVALID;
        n++;
    }
    if (n == 0)
        return FO_PROP_INVALID;
    fo_content *ct = fo_arena_alloc(a, sizeof *ct);
    fo_content_item *copy = fo_arena_alloc(a, (size_t)n * sizeof *copy);
    if (!ct || !copy)
        return FO_PROP_NOMEM;
    memcpy(copy, items, (size_t)n * sizeof *copy);
    ct->items = copy;
    ct->n = n;
    *out = ct;
    return FO_PROP_OK;
}

fo_prop_result fo_parse_content(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "normal") || fo_vcur_ident(c, "none")) {
        *v = (fo_value){.kind = FO_V_NONE};
        return FO_PROP_OK;
    }
    const fo_content *ct;
    fo_prop_result r = content_list(c, a, false, &ct);
    if (r == FO_PROP_OK && !fo_vcur_done(c)) {
        c->why = "unexpected ','";
        return FO_PROP_INVALID;
    }
    if (r == FO_PROP_OK)
        *v = (fo_value){.kind = FO_V_POINTER, .ptr = ct};
    return r;
}

fo_prop_result fo_parse_counter_ops(fo_vcur *c, fo_value *v, fo_arena *a, int dflt)
{
    if (fo_vcur_ident(c, "none")) {
        *v = (fo_value){.kind = FO_V_NONE};
        return FO_PROP_OK;
    }
    const char *names[MAX_ITEMS];
    int values[MAX_ITEMS];
    int n = 0;
    const fo_css_token *t;
    while ((t = fo_vcur_peek(c))) {
        if (t->type != FO_TOK_IDENT || n == MAX_ITEMS) {
            c->why = "expected a counter name";
            return FO_PROP_INVALID;
        }
        fo_vcur_next(c);
        names[n] = t->value;
        values[n] = dflt;
        const fo_css_token *num = fo_vcur_peek(c);
        if (num && num->type == FO_TOK_NUMBER) {
            if (!num->is_integer) {
                c->why = "counter values are integers";
                return FO_PROP_INVALID;
            }
            fo_vcur_next(c);
            double x = num->number;
            values[n] = x > 1e6 ? 1000000 : x < -1e6 ? -1000000 : (int)x;
        }
        n++;
    }
    if (n == 0)
        return FO_PROP_INVALID;
    fo_counter_ops *ops = fo_arena_alloc(a, sizeof *ops);
    const char **nm = fo_arena_alloc(a, (size_t)n * sizeof *nm);
    int *vals = fo_arena_alloc(a, (size_t)n * sizeof *vals);
    if (!ops || !nm || !vals)
        return FO_PROP_NOMEM;
    memcpy(nm, names, (size_t)n * sizeof *nm);
    memcpy(vals, values, (size_t)n * sizeof *vals);
    *ops = (fo_counter_ops){nm, vals, n};
    *v = (fo_value){.kind = FO_V_POINTER, .ptr = ops};
    return FO_PROP_OK;
}

fo_prop_result fo_parse_string_set(fo_vcur *c, fo_value *v, fo_arena *a)
{
    if (fo_vcur_ident(c, "none")) {
        *v = (fo_value){.kind = FO_V_NONE};
        return FO_PROP_OK;
    }
    const char *names[MAX_ITEMS];
    fo_content values[MAX_ITEMS];
    int n = 0;
    for (;;) {
        const fo_css_token *t = ident(c);
        if (!t || n == MAX_ITEMS) {
            c->why = "expected a string name";
            return FO_PROP_INVALID;
        }
        const fo_content *ct;
        fo_prop_result r = content_list(c, a, true, &ct);
        if (r != FO_PROP_OK)
            return r;
        names[n] = t->value;
        values[n] = *ct;
        n++;
        if (!comma(c))
            break;
    }
    if (!fo_vcur_done(c))
        return FO_PROP_INVALID;
    fo_string_set *ss = fo_arena_alloc(a, sizeof *ss);
    const char **nm = fo_arena_alloc(a, (size_t)n * sizeof *nm);
    fo_content *vals = fo_arena_alloc(a, (size_t)n * sizeof *vals);
    if (!ss || !nm || !vals)
        return FO_PROP_NOMEM;
    memcpy(nm, names, (size_t)n * sizeof *nm);
    memcpy(vals, values, (size_t)n * sizeof *vals);
    *ss = (fo_string_set){nm, vals, n};
    *v = (fo_value){.kind = FO_V_POINTER, .ptr = ss};
    return FO_PROP_OK;
}

static void roman(int v, bool upper, char *buf, size_t size)
{
    static const struct {
        int v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
             {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
             {5, "v"},    {4, "iv"},   {1, "i"}};
    size_t n = 0;
    for (size_t k = 0; k < sizeof r / sizeof r[0]; k++) {
        while (v >= r[k].v) {
            for (const char *p = r[k].s; *p && n + 1 < size; p++)
                buf[n++] = upper ? (char)(*p - 'a' + 'A') : *p;
            v -= r[k].v;
        }
    }
    buf[n] = '\0';
}

static void alpha(int v, bool upper, char *buf, size_t size)
{
    /* bijective base 26 (Counter Styles 3 §6.1 alphabetic) */
    char tmp[16];
    int n = 0;
    while (v > 0 && n < (int)sizeof tmp) {
        v--;
        tmp[n++] = (char)((upper ? 'A' : 'a') + v % 26);
        v /= 26;
    }
    size_t k = 0;
    while (n > 0 && k + 1 < size)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
}

void fo_counter_format(int value, fo_list_style style, char *buf, size_t size)
{
    if (!size)
        return;
    switch (style) {
    case FO_LIST_DISC: snprintf(buf, size, "\u2022"); return;
    case FO_LIST_CIRCLE: snprintf(buf, size, "\u25E6"); return;
    case FO_LIST_SQUARE: snprintf(buf, size, "\u25AA"); return;
    case FO_LIST_NONE: buf[0] = '\0'; return;
    case FO_LIST_DECIMAL_LEADING_ZERO:
        /* two digits at least, the sign before them (Counter Styles 3
         * §6.1: pad 2 "0", negative "-") */
        snprintf(buf, size, value < 0 ? "-%02u" : "%02u",
                 value < 0 ? 0u - (unsigned)value : (unsigned)value);
        return;
    case FO_LIST_LOWER_ALPHA:
    case FO_LIST_UPPER_ALPHA:
        if (value >= 1) {
            alpha(value, style == FO_LIST_UPPER_ALPHA, buf, size);
            return;
        }
        break;
    case FO_LIST_LOWER_ROMAN:
    case FO_LIST_UPPER_ROMAN:
        if (value >= 1 && value <= 3999) {
            roman(value, style == FO_LIST_UPPER_ROMAN, buf, size);
            return;
        }
        break;
    case FO_LIST_DECIMAL: break;
    }
    snprintf(buf, size, "%d", value);
}
