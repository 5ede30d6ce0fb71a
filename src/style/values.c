/* values.c — value cursor, keywords and <length>.  See values.h. */
#include "values.h"

#include <math.h>

const fo_css_token *fo_vcur_peek(fo_vcur *c)
{
    while (c->i < c->end && c->t[c->i].type == FO_TOK_WHITESPACE)
        c->i++;
    return c->i < c->end ? &c->t[c->i] : NULL;
}

const fo_css_token *fo_vcur_next(fo_vcur *c)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (t)
        c->i++;
    return t;
}

bool fo_vcur_done(fo_vcur *c)
{
    return fo_vcur_peek(c) == NULL;
}

bool fo_vcur_ident(fo_vcur *c, const char *kw)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_IDENT && fo_css_ascii_eq(t->value, kw)) {
        c->i++;
        return true;
    }
    return false;
}

int fo_vcur_keyword(fo_vcur *c, const fo_keyword *table)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t || t->type != FO_TOK_IDENT)
        return -1;
    for (const fo_keyword *k = table; k->name; k++) {
        if (fo_css_ascii_eq(t->value, k->name)) {
            c->i++;
            return k->value;
        }
    }
    return -1;
}

static double clamp(double v, double lim)
{
    if (!(v == v))
        return 0;
    return v > lim ? lim : v < -lim ? -lim : v;
}

/* Values 4 §6.2 absolute lengths, in points. */
static const struct {
    const char *unit;
    double pt;
} abs_units[] = {
    {"pt", 1.0},
    {"px", 0.75},
    {"in", 72.0},
    {"cm", 72.0 / 2.54},
    {"mm", 72.0 / 25.4},
    {"q", 72.0 / 101.6},
    {"pc", 12.0},
};

bool fo_parse_length(fo_vcur *c, unsigned flags, fo_value *out)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t)
        return false;
    fo_value v = {0};
    if (t->type == FO_TOK_NUMBER) {
        if (t->number != 0) {
            c->why = "a length needs a unit";
            return false;
        }
        v.kind = FO_V_PT;
        v.num = 0;
    } else if (t->type == FO_TOK_PERCENTAGE) {
        if (!(flags & FO_LEN_PERCENT) || (flags & FO_LEN_NO_REL)) {
            c->why = "percentages are not supported here";
            return false;
        }
        v.kind = FO_V_PERCENT;
        v.num = clamp(t->number, FO_MAX_LENGTH);
    } else if (t->type == FO_TOK_DIMENSION) {
        if (fo_css_ascii_eq(t->value, "em") || fo_css_ascii_eq(t->value, "rem")) {
            if (flags & FO_LEN_NO_REL) {
                c->why = "relative units are not supported here";
                return false;
            }
            v.kind = fo_css_ascii_eq(t->value, "em") ? FO_V_EM : FO_V_REM;
            v.num = clamp(t->number, FO_MAX_LENGTH);
        } else {
            size_t k, n = sizeof abs_units / sizeof abs_units[0];
            for (k = 0; k < n; k++)
                if (fo_css_ascii_eq(t->value, abs_units[k].unit))
                    break;
            if (k == n) {
                c->why = "unknown unit";
                return false;
            }
            v.kind = FO_V_PT;
            v.num = clamp(clamp(t->number, FO_MAX_LENGTH * 100) * abs_units[k].pt,
                          FO_MAX_LENGTH);
        }
    } else {
        return false;
    }
    if ((flags & FO_LEN_NONNEG) && v.num < 0) {
        c->why = "negative values are not allowed";
        return false;
    }
    c->i++;
    *out = v;
    return true;
}

double fo_resolve_length(const fo_value *v, double em_base, double rem_base,
                         double pct_base)
{
    double r;
    switch (v->kind) {
    case FO_V_PT: r = v->num; break;
    case FO_V_EM: r = v->num * em_base; break;
    case FO_V_REM: r = v->num * rem_base; break;
    case FO_V_PERCENT: r = v->num / 100.0 * pct_base; break;
    default: r = 0; break;
    }
    return clamp(r, FO_MAX_LENGTH);
}
