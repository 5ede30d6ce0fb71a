/* color.c — <color> values (CSS Color 4).  See fo_parse_color in values.h. */
#include "values.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* CSS Color 4 §6.1 named colors, sorted for bsearch, 0xRRGGBB. */
static const struct named {
    const char *name;
    unsigned rgb;
} named[] = {
    {"aliceblue", 0xf0f8ff}, {"antiquewhite", 0xfaebd7}, {"aqua", 0x00ffff},
    {"aquamarine", 0x7fffd4}, {"azure", 0xf0ffff}, {"beige", 0xf5f5dc},
    {"bisque", 0xffe4c4}, {"black", 0x000000}, {"blanchedalmond", 0xffebcd},
    {"blue", 0x0000ff}, {"blueviolet", 0x8a2be2}, {"brown", 0xa52a2a},
    {"burlywood", 0xdeb887}, {"cadetblue", 0x5f9ea0}, {"chartreuse", 0x7fff00},
    {"chocolate", 0xd2691e}, {"coral", 0xff7f50}, {"cornflowerblue", 0x6495ed},
    {"cornsilk", 0xfff8dc}, {"crimson", 0xdc143c}, {"cyan", 0x00ffff},
    {"darkblue", 0x00008b}, {"darkcyan", 0x008b8b}, {"darkgoldenrod", 0xb8860b},
    {"darkgray", 0xa9a9a9}, {"darkgreen", 0x006400}, {"darkgrey", 0xa9a9a9},
    {"darkkhaki", 0xbdb76b}, {"darkmagenta", 0x8b008b},
    {"darkolivegreen", 0x556b2f}, {"darkorange", 0xff8c00},
    {"darkorchid", 0x9932cc}, {"darkred", 0x8b0000}, {"darksalmon", 0xe9967a},
    {"darkseagreen", 0x8fbc8f}, {"darkslateblue", 0x483d8b},
    {"darkslategray", 0x2f4f4f}, {"darkslategrey", 0x2f4f4f},
    {"darkturquoise", 0x00ced1}, {"darkviolet", 0x9400d3},
    {"deeppink", 0xff1493}, {"deepskyblue", 0x00bfff}, {"dimgray", 0x696969},
    {"dimgrey", 0x696969}, {"dodgerblue", 0x1e90ff}, {"firebrick", 0xb22222},
    {"floralwhite", 0xfffaf0}, {"forestgreen", 0x228b22},
    {"fuchsia", 0xff00ff}, {"gainsboro", 0xdcdcdc}, {"ghostwhite", 0xf8f8ff},
    {"gold", 0xffd700}, {"goldenrod", 0xdaa520}, {"gray", 0x808080},
    {"green", 0x008000}, {"greenyellow", 0xadff2f}, {"grey", 0x808080},
    {"honeydew", 0xf0fff0}, {"hotpink", 0xff69b4}, {"indianred", 0xcd5c5c},
    {"indigo", 0x4b0082}, {"ivory", 0xfffff0}, {"khaki", 0xf0e68c},
    {"lavender", 0xe6e6fa}, {"lavenderblush", 0xfff0f5},
    {"lawngreen", 0x7cfc00}, {"lemonchiffon", 0xfffacd},
    {"lightblue", 0xadd8e6}, {"lightcoral", 0xf08080}, {"lightcyan", 0xe0ffff},
    {"lightgoldenrodyellow", 0xfafad2}, {"lightgray", 0xd3d3d3},
    {"lightgreen", 0x90ee90}, {"lightgrey", 0xd3d3d3}, {"lightpink", 0xffb6c1},
    {"lightsalmon", 0xffa07a}, {"lightseagreen", 0x20b2aa},
    {"lightskyblue", 0x87cefa}, {"lightslategray", 0x778899},
    {"lightslategrey", 0x778899}, {"lightsteelblue", 0xb0c4de},
    {"lightyellow", 0xffffe0}, {"lime", 0x00ff00}, {"limegreen", 0x32cd32},
    {"linen", 0xfaf0e6}, {"magenta", 0xff00ff}, {"maroon", 0x800000},
    {"mediumaquamarine", 0x66cdaa}, {"mediumblue", 0x0000cd},
    {"mediumorchid", 0xba55d3}, {"mediumpurple", 0x9370db},
    {"mediumseagreen", 0x3cb371}, {"mediumslateblue", 0x7b68ee},
    {"mediumspringgreen", 0x00fa9a}, {"mediumturquoise", 0x48d1cc},
    {"mediumvioletred", 0xc71585}, {"midnightblue", 0x191970},
    {"mintcream", 0xf5fffa}, {"mistyrose", 0xffe4e1}, {"moccasin", 0xffe4b5},
    {"navajowhite", 0xffdead}, {"navy", 0x000080}, {"oldlace", 0xfdf5e6},
    {"olive", 0x808000}, {"olivedrab", 0x6b8e23}, {"orange", 0xffa500},
    {"orangered", 0xff4500}, {"orchid", 0xda70d6},
    {"palegoldenrod", 0xeee8aa}, {"palegreen", 0x98fb98},
    {"paleturquoise", 0xafeeee}, {"palevioletred", 0xdb7093},
    {"papayawhip", 0xffefd5}, {"peachpuff", 0xffdab9}, {"peru", 0xcd853f},
    {"pink", 0xffc0cb}, {"plum", 0xdda0dd}, {"powderblue", 0xb0e0e6},
    {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xff0000},
    {"rosybrown", 0xbc8f8f}, {"royalblue", 0x4169e1},
    {"saddlebrown", 0x8b4513}, {"salmon", 0xfa8072}, {"sandybrown", 0xf4a460},
    {"seagreen", 0x2e8b57}, {"seashell", 0xfff5ee}, {"sienna", 0xa0522d},
    {"silver", 0xc0c0c0}, {"skyblue", 0x87ceeb}, {"slateblue", 0x6a5acd},
    {"slategray", 0x708090}, {"slategrey", 0x708090}, {"snow", 0xfffafa},
    {"springgreen", 0x00ff7f}, {"steelblue", 0x4682b4}, {"tan", 0xd2b48c},
    {"teal", 0x008080}, {"thistle", 0xd8bfd8}, {"tomato", 0xff6347},
    {"turquoise", 0x40e0d0}, {"violet", 0xee82ee}, {"wheat", 0xf5deb3},
    {"white", 0xffffff}, {"whitesmoke", 0xf5f5f5}, {"yellow", 0xffff00},
    {"yellowgreen", 0x9acd32},
};

static int cmp_named(const void *key, const void *elem)
{
    return strcmp(key, ((const struct named *)elem)->name);
}

static double clamp01(double v)
{
    return !(v > 0) ? 0 : v > 1 ? 1 : v;
}

static fo_color from_rgb(unsigned rgb, double a)
{
    return (fo_color){((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, a};
}

static bool parse_name(const char *s, fo_color *out)
{
    char low[32];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i <= n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] | 0x20) : s[i];
    if (strcmp(low, "transparent") == 0) {
        *out = (fo_color){0, 0, 0, 0};
        return true;
    }
    const struct named *m = bsearch(low, named, sizeof named / sizeof named[0],
                                    sizeof named[0], cmp_named);
    if (!m)
        return false;
    *out = from_rgb(m->rgb, 1.0);
    return true;
}

static int hexv(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Color 4 §5.2 hex notation. */
static bool parse_hex(const char *s, fo_color *out)
{
    size_t n = strlen(s);
    int d[8];
    if (n != 3 && n != 4 && n != 6 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((d[i] = hexv(s[i])) < 0)
            return false;
    double ch[4] = {0, 0, 0, 1};
    if (n <= 4) {
        for (size_t i = 0; i < n; i++)
            ch[i] = (d[i] * 17) / 255.0;
    } else {
        for (size_t i = 0; i < n / 2; i++)
            ch[i] = (d[2 * i] * 16 + d[2 * i + 1]) / 255.0;
    }
    *out = (fo_color){ch[0], ch[1], ch[2], ch[3]};
    return true;
}

/* Next token inside a function's arguments; NULL at ')' or the end. */
static const fo_css_token *arg(fo_vcur *c)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t || t->type == FO_TOK_RPAREN)
        return NULL;
    c->i++;
    return t;
}

static bool comma(fo_vcur *c)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type == FO_TOK_COMMA) {
        c->i++;
        return true;
    }
    return false;
}

/* Alpha: <number> 0..1 or <percentage>. */
static bool alpha_value(const fo_css_token *t, double *a)
{
    if (t->type == FO_TOK_NUMBER)
        *a = clamp01(t->number);
    else if (t->type == FO_TOK_PERCENTAGE)
        *a = clamp01(t->number / 100.0);
    else
        return false;
    return true;
}

static double hue_to_rgb(double m1, double m2, double h)
{
    if (h < 0)
        h += 1;
    if (h > 1)
        h -= 1;
    if (h * 6 < 1)
        return m1 + (m2 - m1) * h * 6;
    if (h * 2 < 1)
        return m2;
    if (h * 3 < 2)
        return m1 + (m2 - m1) * (2.0 / 3 - h) * 6;
    return m1;
}

/* rgb(), rgba(), hsl(), hsla() (Color 4 §4.2.1, §7), after the function
 * token.  Both the legacy comma syntax and the space syntax with "/ alpha"
 * are accepted. */
static bool parse_function(fo_vcur *c, bool hsl, fo_color *out)
{
    double v[3], a = 1;
    bool commas = false;
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            bool had = comma(c);
            if (k == 1)
                commas = had;
            else if (had != commas)
                return false;
        }
        const fo_css_token *t = arg(c);
        if (!t)
            return false;
        if (hsl && k == 0) {
            double h;
            if (t->type == FO_TOK_NUMBER)
                h = t->number;
            else if (t->type == FO_TOK_DIMENSION && fo_css_ascii_eq(t->value, "deg"))
                h = t->number;
            else if (t->type == FO_TOK_DIMENSION && fo_css_ascii_eq(t->value, "turn"))
                h = t->number * 360;
            else
                return false;
            h = fmod(h, 360.0);
            if (!(h == h))
                h = 0;
            v[k] = (h < 0 ? h + 360 : h) / 360.0;
        } else if (t->type == FO_TOK_PERCENTAGE) {
            v[k] = clamp01(t->number / 100.0);
        } else if (t->type == FO_TOK_NUMBER && !hsl) {
            v[k] = clamp01(t->number / 255.0);
        } else {
            return false;
        }
    }
    const fo_css_token *t = fo_vcur_peek(c);
    if (t && t->type != FO_TOK_RPAREN) {
        if (commas) {
            if (!comma(c))
                return false;
        } else {
            if (t->type != FO_TOK_DELIM || t->delim != '/')
                return false;
            c->i++;
        }
        t = arg(c);
        if (!t || !alpha_value(t, &a))
            return false;
    }
    t = fo_vcur_peek(c);
    if (t) {
        if (t->type != FO_TOK_RPAREN)
            return false;
        c->i++;
    } /* else: unclosed at end of file, closed there (CSS Syntax 3 §5.4.8) */
    if (hsl) {
        double h = v[0], s = v[1], l = v[2];
        double m2 = l <= 0.5 ? l * (s + 1) : l + s - l * s;
        double m1 = l * 2 - m2;
        *out = (fo_color){hue_to_rgb(m1, m2, h + 1.0 / 3), hue_to_rgb(m1, m2, h),
                          hue_to_rgb(m1, m2, h - 1.0 / 3), a};
    } else {
        *out = (fo_color){v[0], v[1], v[2], a};
    }
    return true;
}

bool fo_parse_color(fo_vcur *c, fo_color *out)
{
    const fo_css_token *t = fo_vcur_peek(c);
    if (!t)
        return false;
    size_t save = c->i;
    bool ok = false;
    if (t->type == FO_TOK_IDENT) {
        ok = parse_name(t->value, out);
        c->i++;
    } else if (t->type == FO_TOK_HASH) {
        ok = parse_hex(t->value, out);
        c->i++;
    } else if (t->type == FO_TOK_FUNCTION) {
        c->i++;
        if (fo_css_ascii_eq(t->value, "rgb") || fo_css_ascii_eq(t->value, "rgba"))
            ok = parse_function(c, false, out);
        else if (fo_css_ascii_eq(t->value, "hsl") || fo_css_ascii_eq(t->value, "hsla"))
            ok = parse_function(c, true, out);
    }
    if (!ok)
        c->i = save;
    return ok;
}
