/* values.h — specified values and the parsers for CSS value types.
 *
 * A declaration's value is parsed once, when the sheet is read, into an
 * fo_value (a specified value, CSS Cascade 4 §4.1); computing it for an
 * element (props.c) then needs no text.  Lengths are kept in points unless
 * they are relative (em, rem, %), which only the cascade can resolve — or,
 * for percentages of a width (margins, padding, text-indent), only layout
 * (fo_style.pct_set, fo_style_resolve_box).
 *
 * Sources: CSS Values and Units 4 (§5 numbers, §6 lengths: 1in = 2.54cm =
 * 96px = 72pt = 6pc, 1Q = 0.25mm), CSS Color 4 (§4 <color>, §6 named
 * colors, §5 hex, §4.2 rgb(), hsl()).  Private to src/style/.
 */
#ifndef FO_VALUES_H
#define FO_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "css_token.h"
#include "style.h"

/* Largest magnitude of a length, in points, and of a font size, after
 * resolution: larger values are clamped (a 14 km page is no use to anyone,
 * and clamping keeps later arithmetic finite). */
#define FO_MAX_LENGTH 1.0e6
#define FO_MAX_FONT_SIZE 1.0e4
/* folio's initial font size (pt); CSS `medium` is this size too. */
#define FO_INITIAL_FONT_SIZE 11.0

typedef enum fo_val_kind {
    FO_V_NONE,
    FO_V_INHERIT,  /* CSS Cascade 4 §7.3 */
    FO_V_INITIAL,  /* §7.1 */
    FO_V_UNSET,    /* §7.4 */
    FO_V_KEYWORD,  /* keyword: property-specific enum in `keyword` */
    FO_V_INT,      /* integer in `num` */
    FO_V_NUMBER,   /* plain number in `num` */
    FO_V_PT,       /* absolute length, points */
    FO_V_EM,       /* multiple of the font size */
    FO_V_REM,      /* multiple of the root font size */
    FO_V_PERCENT,  /* percentage, 50% → 50 */
    FO_V_COLOR,
    FO_V_STRING,   /* `str`, in the sheet's arena */
    FO_V_POINTER,  /* `ptr`: a structured value in the sheet's arena
                      (fo_content, fo_counter_ops, fo_string_set) */
    FO_V_PENDING,  /* `ptr`: a value using var(), substituted at
                      computed-value time (vars.h, Custom Properties 1 §3) */
    FO_V_CUSTOM,   /* `ptr`: a custom property's value (vars.h) */
} fo_val_kind;

typedef struct fo_value {
    fo_val_kind kind;
    int keyword;
    double num;
    fo_color color;
    const char *str;
    const void *ptr;
} fo_value;

/* A cursor over the tokens of one value, [i, end).  `why`, when set by a
 * parser, explains a rejection in messages. */
typedef struct fo_vcur {
    const fo_css_token *t;
    size_t i, end;
    const char *why;
} fo_vcur;

/* The next non-whitespace token without consuming it; NULL at the end. */
const fo_css_token *fo_vcur_peek(fo_vcur *c);
/* Consumes and returns the next non-whitespace token; NULL at the end. */
const fo_css_token *fo_vcur_next(fo_vcur *c);
/* True when only whitespace is left. */
bool fo_vcur_done(fo_vcur *c);
/* Consumes the next token if it is an identifier equal (ASCII
 * case-insensitively) to `kw`. */
bool fo_vcur_ident(fo_vcur *c, const char *kw);

/* A keyword table for fo_vcur_keyword, ended by {NULL, 0}. */
typedef struct fo_keyword {
    const char *name;
    int value;
} fo_keyword;

/* Consumes an identifier found in `table` and returns its value, or -1
 * (nothing consumed) when the next token is not one of them. */
int fo_vcur_keyword(fo_vcur *c, const fo_keyword *table);

/* Flags for fo_parse_length. */
enum {
    FO_LEN_PERCENT = 1,  /* accept <percentage> (FO_V_PERCENT) */
    FO_LEN_NONNEG = 2,   /* reject negative values */
    FO_LEN_NO_REL = 4,   /* reject em, rem and % (e.g. @page) */
};

/* Consumes a <length> (Values 4 §6): a dimension in pt, px, mm, cm, in,
 * pc, q, em or rem (units ASCII case-insensitive), or a number 0; with
 * FO_LEN_PERCENT a percentage.  Absolute units become FO_V_PT (points),
 * clamped to ±FO_MAX_LENGTH.  Returns false (consuming nothing, c->why set
 * where useful) otherwise. */
bool fo_parse_length(fo_vcur *c, unsigned flags, fo_value *out);

/* Consumes a <color> (Color 4): a named color (the 148 CSS names and
 * `transparent`), #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() with
 * numbers or percentages (comma or space syntax, optional alpha), or
 * hsl()/hsla().  Components are clamped to 0..1.  Returns false
 * otherwise (`currentcolor` is left to the caller). */
bool fo_parse_color(fo_vcur *c, fo_color *out);

/* Resolves a length value to points: em against `em_base`, rem against
 * `rem_base`, % against `pct_base` (all pt).  Clamped to ±FO_MAX_LENGTH. */
double fo_resolve_length(const fo_value *v, double em_base, double rem_base,
                         double pct_base);

#endif
