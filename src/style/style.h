/* style.h — house style sheets and computed style: folio's second seam.
 *
 * A style sheet is a CSS subset (see docs/styling.md).  Layout asks for the
 * computed style of an element (described by an fo_elem chain) and gets
 * absolute values in points — except percentages of widths only layout
 * knows (margins, padding, text-indent), which it resolves with
 * fo_style_resolve_box; layout never parses CSS text.
 *
 * Sources: CSS Syntax Level 3 (tokenizer, error recovery), CSS Cascade 4
 * (specificity, source order, inheritance), CSS Paged Media 3 (@page).
 */
#ifndef FO_STYLE_H
#define FO_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"

struct fo_confine; /* base/confine.h */
struct fo_var_env; /* src/style/vars.h: custom properties of an element */

typedef struct fo_color {
    double r, g, b, a; /* 0..1 each */
} fo_color;

typedef enum fo_text_align {
    FO_TEXT_LEFT, FO_TEXT_RIGHT, FO_TEXT_CENTER, FO_TEXT_JUSTIFY
} fo_text_align;

typedef enum fo_font_style { FO_FONT_NORMAL, FO_FONT_ITALIC, FO_FONT_OBLIQUE } fo_font_style;

typedef enum fo_white_space {
    FO_WS_NORMAL, FO_WS_PRE, FO_WS_PRE_WRAP, FO_WS_NOWRAP
} fo_white_space;

/* text-wrap (CSS Text 4 §6.1 wrap/pretty/stable; `greedy` is folio's name
 * for first-fit breaking): auto and pretty break total-fit. */
typedef enum fo_text_wrap {
    FO_WRAP_AUTO, FO_WRAP_PRETTY, FO_WRAP_GREEDY
} fo_text_wrap;

/* break-before / break-after / break-inside (CSS Fragmentation 3 §3.1,
 * §3.2).  FO_BREAK_LEFT / FO_BREAK_RIGHT force a break so that the next page
 * is a left (even) / right (odd) page: `left`/`verso` and `right`/`recto`
 * (pages progress left to right). */
typedef enum fo_break {
    FO_BREAK_AUTO, FO_BREAK_PAGE, FO_BREAK_AVOID, FO_BREAK_LEFT, FO_BREAK_RIGHT
} fo_break;

typedef enum fo_text_transform {
    FO_TT_NONE, FO_TT_UPPERCASE, FO_TT_LOWERCASE, FO_TT_CAPITALIZE
} fo_text_transform;

/* text-decoration-line bits (CSS Text Decoration 3 §2.1). */
enum { FO_DECO_UNDERLINE = 1, FO_DECO_LINE_THROUGH = 2 };

typedef enum fo_hyphens { FO_HYPHENS_MANUAL, FO_HYPHENS_NONE, FO_HYPHENS_AUTO } fo_hyphens;

/* vertical-align (CSS 2.1 §10.8.1), read on page-margin boxes only (CSS
 * Paged Media 3 §5.3: the box's content sits at its top, middle or
 * bottom); baseline, the initial value, counts as the box's default. */
typedef enum fo_vertical_align {
    FO_VALIGN_BASELINE, FO_VALIGN_TOP, FO_VALIGN_MIDDLE, FO_VALIGN_BOTTOM
} fo_vertical_align;

/* text-align-last (CSS Text 3 §6.3); FO_ALIGN_LAST_AUTO follows
 * text-align (justified text: last line at the start). */
typedef enum fo_text_align_last {
    FO_ALIGN_LAST_AUTO, FO_ALIGN_LAST_LEFT, FO_ALIGN_LAST_RIGHT,
    FO_ALIGN_LAST_CENTER, FO_ALIGN_LAST_JUSTIFY
} fo_text_align_last;

/* border-*-style (CSS Backgrounds 3 §4.2).  Layout (layout/deco.c) draws
 * solid and double as filled bands, dashed and dotted as line items with a
 * dash pattern (render/display.h); groove, ridge, inset and outset parse as
 * solid. */
typedef enum fo_border_style {
    FO_BORDER_NONE, FO_BORDER_HIDDEN, FO_BORDER_SOLID, FO_BORDER_DASHED,
    FO_BORDER_DOTTED, FO_BORDER_DOUBLE
} fo_border_style;

/* list-style-type values and counter styles (CSS Lists 3 §3, Counter
 * Styles 3 §6 predefined styles). */
typedef enum fo_list_style {
    FO_LIST_DISC, FO_LIST_CIRCLE, FO_LIST_SQUARE, FO_LIST_DECIMAL,
    FO_LIST_DECIMAL_LEADING_ZERO, FO_LIST_LOWER_ALPHA, FO_LIST_UPPER_ALPHA,
    FO_LIST_LOWER_ROMAN, FO_LIST_UPPER_ROMAN, FO_LIST_NONE
} fo_list_style;

/* One piece of a `content` or `string-set` value (CSS Content 3 §2,
 * CSS Lists 3 §4 counter()/counters(), GCPM 3 §1 string()). */
typedef enum fo_content_kind {
    FO_CONTENT_TEXT,     /* text: a string */
    FO_CONTENT_COUNTER,  /* counter(name, style): text = name */
    FO_CONTENT_COUNTERS, /* counters(name, sep, style): text = name */
    FO_CONTENT_STRING,   /* string(name): text = name; named string */
    FO_CONTENT_SELF,     /* content(): the element's own text (string-set) */
} fo_content_kind;

/* Which assignment of a named string string() shows on a page (GCPM 3
 * §1.2).  The entry value is the value at the start of the page: the last
 * assignment on an earlier page (else the front-matter value). */
typedef enum fo_string_policy {
    FO_STRING_FIRST,       /* the page's first assignment, else the entry value */
    FO_STRING_START,       /* the page's first assignment when its element
                              starts the page, else the entry value */
    FO_STRING_LAST,        /* the page's last assignment, else the entry value */
    FO_STRING_FIRST_EXCEPT /* empty on a page with an assignment, else the
                              entry value */
} fo_string_policy;

typedef struct fo_content_item {
    fo_content_kind kind;
    const char *text;          /* string, or counter/string name */
    const char *sep;           /* counters(): separator */
    fo_list_style style;       /* counter()/counters(): counter style */
    fo_string_policy policy;   /* string(): which assignment */
} fo_content_item;

/* A computed `content` value: n ≥ 1 items.  NULL in fo_style means
 * `normal`/`none` (no generated box). */
typedef struct fo_content {
    const fo_content_item *items;
    int n;
} fo_content;

/* counter-reset / counter-increment (CSS Lists 3 §4.1): n pairs. */
typedef struct fo_counter_ops {
    const char *const *names;
    const int *values;
    int n;
} fo_counter_ops;

/* string-set (GCPM 3 §1.1): n assignments name ← content. */
typedef struct fo_string_set {
    const char *const *names;
    const fo_content *values;
    int n;
} fo_string_set;

/* The lengths whose computed value may be a percentage of a width only
 * layout knows (bits of fo_style.pct_set, indices of fo_style.pct):
 * margin-* and padding-* refer to the containing block's width, top and
 * bottom too (CSS 2.1 §8.3, §8.4; Box 4 §3, §4); text-indent to the
 * block's own content width (CSS Text 3 §8.1); width and max-width to
 * the containing block's width (CSS 2.1 §10.2, §10.4). */
typedef enum fo_pct_field {
    FO_PCT_MARGIN_TOP, FO_PCT_MARGIN_RIGHT, FO_PCT_MARGIN_BOTTOM, FO_PCT_MARGIN_LEFT,
    FO_PCT_PADDING_TOP, FO_PCT_PADDING_RIGHT, FO_PCT_PADDING_BOTTOM, FO_PCT_PADDING_LEFT,
    FO_PCT_TEXT_INDENT, FO_PCT_WIDTH, FO_PCT_MAX_WIDTH,
    FO_PCT_COUNT
} fo_pct_field;

/* Computed style of one element.  All lengths are in points (1/72 in),
 * except that margin-*, padding-* and text-indent may be percentages:
 * then the bit 1u << FO_PCT_x of pct_set is set, pct[FO_PCT_x] holds the
 * percentage (10% → 10) and the pt field is 0 until layout resolves it
 * with fo_style_resolve_box.  Strings point into the style sheet and live
 * as long as it. */
typedef struct fo_style {
    const char *font_family;   /* CSS family list as written: "Noto Serif, serif" */
    double font_size;          /* pt */
    int font_weight;           /* 100..900 */
    fo_font_style font_style;
    double line_height;        /* pt, absolute (number × font-size when given as a number) */
    double line_height_factor; /* > 0 when line-height was a number (inherited as a number) */
    fo_color color;
    fo_color background_color; /* a = 0: transparent */
    fo_text_align text_align;
    double text_indent;        /* pt (a percentage: see pct_set) */
    double margin_top, margin_right, margin_bottom, margin_left;     /* pt (or %: pct_set) */
    double padding_top, padding_right, padding_bottom, padding_left; /* pt, ≥ 0 (or %: pct_set) */
    unsigned margin_auto;      /* bits 1 top, 2 right, 4 bottom, 8 left: that margin is
                                  `auto` (its pt field is 0); tables and figures
                                  use it to centre or align (CSS 2.1 §10.3.3) */
    double width, max_width;   /* pt; -1: auto / none (or %: pct_set).  Used by
                                  tables, figures (images) and page-margin boxes
                                  (content box); other boxes always fill their
                                  containing block */
    unsigned pct_set;          /* bits 1u << FO_PCT_*: that length is a percentage */
    double pct[FO_PCT_COUNT];  /* the percentages, 10% → 10 (valid where pct_set says) */
    fo_white_space white_space;
    fo_text_wrap text_wrap;    /* line breaking: total-fit, or first-fit (greedy) */
    int orphans, widows;       /* lines, ≥ 1 */
    int toc_depth;             /* toc-depth (folio extension): heading levels in the TOC, ≥ 1 */
    fo_break break_before, break_after, break_inside;
    bool small_caps;           /* font-variant: small-caps */
    const char *font_features; /* font-feature-settings as written ('"tnum" 1, "liga" 0'); NULL: normal */
    double letter_spacing;     /* pt added after every character; 0: normal */
    double word_spacing;       /* pt added to every space; 0: normal */
    fo_text_transform text_transform;
    unsigned text_decoration;  /* FO_DECO_* bits of this element's own text-decoration */
    fo_text_align_last text_align_last;
    fo_vertical_align vertical_align; /* page-margin boxes only */
    double height;             /* pt, content box; < 0: auto (page-margin boxes only) */
    fo_hyphens hyphens;        /* stored for the line breaker */
    fo_border_style border_top_style, border_right_style, border_bottom_style,
        border_left_style;
    double border_top_width, border_right_width, border_bottom_width,
        border_left_width;     /* pt; 0 when the side's style is none/hidden */
    fo_color border_top_color, border_right_color, border_bottom_color,
        border_left_color;
    fo_list_style list_style_type;
    bool list_style_inside;    /* list-style-position: inside (the marker starts the
                                  item's first line instead of hanging left of it) */
    const fo_content *content;           /* ::before/::after, margin boxes; NULL: none */
    const fo_counter_ops *counter_reset;     /* NULL: none */
    const fo_counter_ops *counter_increment; /* NULL: none */
    const fo_string_set *string_set;         /* NULL: none */
    double root_font_size;     /* pt: the root's (body's) font-size, carried
                                  down so rem needs no state; set by
                                  fo_style_initial / fo_style_compute */
    const struct fo_var_env *vars; /* the element's custom properties (CSS
                                  Custom Properties 1 §2), immutable and
                                  owned by the sheet (shared with the
                                  parent when the element declares none);
                                  NULL: none.  Opaque to layout. */
} fo_style;

/* Resolves the percentages of `s` (pct_set) into its pt fields, as
 * layout does when it places the box: margin-left/right and
 * padding-left/right against `h_base`, margin-top/bottom and
 * padding-top/bottom against `v_base` (pt).  For a box in the flow both
 * are the containing block's content width (CSS 2.1 §8.3, §8.4: vertical
 * margins and padding refer to the width too); for a page-margin box they
 * are the page box's width and height (CSS Paged Media 3 §6).  Then a
 * percentage text-indent against the box's own content width, h_base
 * less the horizontal margins, borders and padding, at least 0 (CSS Text
 * 3 §8.1).  Results are clamped to ±1e6 pt; pct_set and pct are kept (a
 * child still inherits text-indent as a percentage, CSS 2.1 §16.1:
 * computed value "the percentage as specified").  Lengths that are not
 * percentages are left alone.  Never fails. */
void fo_style_resolve_box(fo_style *s, double h_base, double v_base);

/* An element as style matching sees it.  Layout builds a chain from the
 * element up to the root on the stack.  `tag` is the element name
 * ("body", "h1", "p", "li", "code", "pre", "blockquote", "a", "em", ...);
 * `classes` is a space-separated list or NULL; `index` is the 1-based
 * position among element siblings (for :first-child, :nth-child());
 * `parent` is NULL at the root (body).
 *
 * `prev` is the previous element sibling (NULL for the first one or when
 * unknown), itself with its own `prev`, so the `+` and `~` combinators and
 * :nth-of-type() can walk back; every element it reaches must stay alive
 * while `elem` is matched.  `nsiblings` is the number of element children
 * of the parent, this one included (for :last-child, :only-child,
 * :nth-last-child()); 0 means unknown, and then those pseudo-classes do
 * not match.  Positional initialisers {tag, classes, index, parent} leave
 * both unknown. */
typedef enum fo_pseudo {
    FO_PSEUDO_NONE, FO_PSEUDO_BEFORE, FO_PSEUDO_AFTER, FO_PSEUDO_MARKER
} fo_pseudo;

typedef struct fo_elem {
    const char *tag;
    const char *classes;
    int index;
    const struct fo_elem *parent;
    const struct fo_elem *prev;  /* previous element sibling, or NULL */
    int nsiblings;               /* element children of the parent; 0: unknown */
} fo_elem;

/* Page geometry from @page (CSS Paged Media 3 §7 size, §8 margins). */
typedef struct fo_page_style {
    double width, height;                                 /* pt */
    double margin_top, margin_right, margin_bottom, margin_left; /* pt */
} fo_page_style;

typedef struct fo_sheet fo_sheet;

/* Parses style sheet text (UTF-8; `len` bytes, NULs allowed and read as
 * U+FFFD).  `path` names it in diagnostics (copied; may be NULL for
 * built-in text, shown as "<style>").  Follows CSS Syntax 3 error recovery
 * (§5, §2.2): invalid declarations, unknown properties (reported once per
 * name), unsupported selectors (the whole rule) and unknown at-rules are
 * dropped with `path:line:col: warning:` and parsing continues; an unclosed
 * block is closed at end of file.  When `strict` is true those warnings are
 * reported as errors and the call returns FO_ERR_STYLE (*out stays NULL).
 * On success *out is a new sheet the caller frees with fo_sheet_free.
 * Returns FO_ERR_NOMEM on allocation failure and FO_ERR_LIMIT for input
 * over 64 MiB (both reported as `folio: error:`). */
fo_status fo_sheet_parse(const char *text, size_t len, const char *path,
                         bool strict, fo_sheet **out, fo_diag *diag);

/* Reads the file at `path` and parses it as fo_sheet_parse does.  A file
 * that cannot be read is `folio: error: cannot read PATH: reason` and
 * FO_ERR_IO.
 *
 * `@import "f.css";` / `@import url(f.css);` (CSS Cascade 4 §2.1) at the
 * top of a sheet reads f.css, resolved relative to the importing sheet's
 * directory, in its place: its rules come first in source order.  An
 * import that cannot be read is `sheet:line:col: error: cannot import
 * ...` and makes the call fail with FO_ERR_STYLE; a cycle (a sheet that
 * imports itself, directly or not) is a warning and the repeated import is
 * skipped; imports nest at most FO_IMPORT_MAX_DEPTH (32) deep.  @import
 * after other rules, or with media queries, is a warning and skipped.
 *
 * `conf` (base/confine.h; NULL: no confinement) limits what @import may
 * read: a URL is never fetched and a file outside the allowed folders is
 * refused, each with a warning at the @import, and the rule is skipped.
 *
 * `library` (NULL: none) is folio's own styles folder: an @import of a
 * bare file name ("default.css", no '/') that does not exist beside the
 * importing sheet is read from there, so a house style anywhere can
 * extend a shipped one.  The string is only read during the call. */
fo_status fo_sheet_load(const char *path, bool strict, const struct fo_confine *conf,
                        const char *library, fo_sheet **out, fo_diag *diag);

/* Adds the user style sheet at `path` to `sheet` (CSS Cascade 4 §6.2: the
 * user origin, which wins over the house style's declarations, normal and
 * !important alike; its @page declarations override the house style's).
 * @import works as in fo_sheet_load.  Errors as fo_sheet_load; on failure
 * `sheet` may hold part of the user sheet, and the caller should free it. */
fo_status fo_sheet_add_user(fo_sheet *sheet, const char *path, bool strict,
                            const struct fo_confine *conf, const char *library,
                            fo_diag *diag);

/* Frees a sheet.  Accepts NULL. */
void fo_sheet_free(fo_sheet *sheet);

/* The initial computed values (CSS Cascade 4 §7.1 "initial" for every
 * property, with folio's defaults: font-family "serif", 11 pt, weight 400,
 * line-height 1.3, black on transparent, orphans and widows 2; the table is
 * src/style/props.def).  Never fails. */
void fo_style_initial(fo_style *out);

/* Computes the style of `elem`: cascade the sheet's matching declarations
 * (CSS Cascade 4 §6.1: !important first, then specificity, then source
 * order), inherit inherited properties from `parent` (§7.2; pass NULL for
 * the root, which then inherits from the initial values), apply `inherit`,
 * `initial` and `unset` (§7.1-7.4), cascade and inherit custom properties
 * and substitute var() (CSS Custom Properties 1 §2-3: a declaration
 * invalid at computed-value time acts as `unset` and is reported once, as
 * a warning — an error under --strict — through the fo_diag given when
 * the sheet was read, which must outlive these calls; `out->vars` then
 * points at the element's custom properties, owned by the sheet), and
 * resolve units to points: em
 * against the parent's font-size for font-size and the element's own for
 * other lengths, rem against the root's font-size (carried in
 * root_font_size), % font-size against the parent's, % line-height
 * against the element's own font-size; % margins, padding and
 * text-indent stay percentages (pct_set; fo_style_resolve_box).  `sheet` may be NULL
 * (initial values only); `out` may be the same object as `parent`.
 * Never fails; cost is proportional to the rules whose rightmost compound
 * names the element's type or one of its classes, plus universal ones
 * (var() values and custom-property scopes are cached in the sheet, so
 * they are substituted and parsed once per scope).  Not thread-safe: the
 * sheet's var() cache is written. */
void fo_style_compute(const fo_sheet *sheet, const fo_elem *elem,
                      const fo_style *parent, fo_style *out);

/* Computes the style of the pseudo-element `pseudo` (::before, ::after,
 * ::marker; CSS Pseudo-Elements 4 §3, §4) of `elem`, whose own computed
 * style is `elem_style` (the pseudo-element inherits from it).  Only rules
 * whose subject names that pseudo-element apply.  Never fails. */
void fo_style_compute_pseudo(const fo_sheet *sheet, const fo_elem *elem,
                             fo_pseudo pseudo, const fo_style *elem_style,
                             fo_style *out);

/* Page geometry of the default page from the sheet's @page rules without
 * page selectors (CSS Paged Media 3 §7.1 size, §8.1 margins): the same
 * as fo_sheet_page_for(sheet, 0, out).  All values in pt: percentage
 * margins are resolved here, left and right against the page width, top
 * and bottom against the page height (CSS 2.1 §13.2.2; CSS Paged Media 3
 * §6), whichever declaration set the size.  Defaults: A4 (595.276 ×
 * 841.89 pt) with 72 pt margins.  `sheet` may be NULL.  Never fails. */
void fo_sheet_page(const fo_sheet *sheet, fo_page_style *out);

/* An @font-face rule (CSS Fonts 4 §4): the file `path` (resolved against
 * the style sheet's directory) under the family name `family`, for
 * `weight` (100..900) and `style`.  `sheet`, `line`, `col` locate the src
 * descriptor for messages.  Strings live as long as the sheet. */
typedef struct fo_font_face {
    const char *family;
    const char *path;
    int weight;
    fo_font_style style;
    const char *sheet;
    int line, col;
} fo_font_face;

/* The sheet's @font-face rules in source order: returns their number and
 * sets *out (owned by the sheet; NULL sheet: 0). */
int fo_sheet_font_faces(const fo_sheet *sheet, const fo_font_face **out);

/* Page kinds for @page selectors (CSS Paged Media 3 §4.1): bits of the
 * `page_flags` argument below. */
enum {
    FO_PAGE_FIRST = 1, /* the document's first page */
    FO_PAGE_LEFT = 2,  /* even pages (left-to-right documents) */
    FO_PAGE_RIGHT = 4, /* odd pages */
    FO_PAGE_BLANK = 8, /* a page with no content */
};

/* Page geometry of a page of kind `page_flags` (FO_PAGE_* bits; 0: the
 * default page): the size and margin declarations of every @page rule
 * whose page selector the page satisfies are cascaded field by field —
 * !important, then origin (user over house), then page-selector
 * specificity (CSS Paged Media 3 §4.2: :first and :blank count more than
 * :left and :right, so `@page :first` beats `@page :right` on page 1),
 * then source order.  `size` is only read from @page without selectors
 * (with selectors it is dropped with a warning when the sheet is read),
 * so every page kind has the default page's width and height.  Values
 * in pt, percentages resolved as fo_sheet_page.  `sheet` may be NULL
 * (defaults).  Never fails. */
void fo_sheet_page_for(const fo_sheet *sheet, unsigned page_flags, fo_page_style *out);

/* Where the left or right page margin of a page of kind `page_flags`
 * comes from, when an @page rule with a page selector sets it: the
 * winning such declaration's sheet path (NULL: built-in text; owned by
 * the sheet), line and column (1-based), for messages.  Returns false
 * (outputs untouched) when no selector rule sets them. */
bool fo_sheet_page_hsource(const fo_sheet *sheet, unsigned page_flags,
                           const char **path, int *line, int *col);

/* The 16 page-margin boxes (CSS Paged Media 3 §5.2). */
typedef enum fo_margin_box {
    FO_MB_TOP_LEFT_CORNER, FO_MB_TOP_LEFT, FO_MB_TOP_CENTER, FO_MB_TOP_RIGHT,
    FO_MB_TOP_RIGHT_CORNER, FO_MB_RIGHT_TOP, FO_MB_RIGHT_MIDDLE,
    FO_MB_RIGHT_BOTTOM, FO_MB_BOTTOM_RIGHT_CORNER, FO_MB_BOTTOM_RIGHT,
    FO_MB_BOTTOM_CENTER, FO_MB_BOTTOM_LEFT, FO_MB_BOTTOM_LEFT_CORNER,
    FO_MB_LEFT_BOTTOM, FO_MB_LEFT_MIDDLE, FO_MB_LEFT_TOP,
    FO_MB_COUNT
} fo_margin_box;

/* The box's name without the '@' ("top-left"); "?" when out of range.
 * Static storage. */
const char *fo_margin_box_name(fo_margin_box box);

/* Where margin box `box` on a page of kind `page_flags` is styled, for
 * messages: the winning matching `@box` rule's sheet path (NULL: built-in
 * text; owned by the sheet), line and column (1-based) of its @-keyword
 * (the rule of highest origin, then page-selector specificity, then the
 * last in source order).  Returns false (outputs untouched) when no rule
 * styles that box. */
bool fo_sheet_margin_box_source(const fo_sheet *sheet, unsigned page_flags,
                                fo_margin_box box, const char **path, int *line, int *col);

/* Computes the style of margin box `box` on a page of kind `page_flags`:
 * the declarations of every matching @page rule's @box block cascade
 * (importance, origin, page-selector specificity — :first and :blank
 * above :left and :right, §4.2 — then source order) over `page_style`,
 * the style the page context inherits (pass the root element's; its
 * custom properties are inherited too, and var() is substituted as in
 * fo_style_compute).  When
 * the box has no text-align or vertical-align of its own it gets the
 * box's default from the table of §5.3: text-align left for top-left and
 * bottom-left, right for top-right, bottom-right and the left corners,
 * left for the right corners, centre for the others; vertical-align top
 * for left-top and right-top, bottom for left-bottom and right-bottom,
 * middle for the others (an explicit `baseline` also takes the default).
 * Returns false when the box's content is none/normal (no box
 * is generated, §5.3.1); *out is then unspecified.  Never fails. */
bool fo_sheet_margin_box(const fo_sheet *sheet, unsigned page_flags,
                         fo_margin_box box, const fo_style *page_style,
                         fo_style *out);

/* Formats `value` in counter style `style` into buf (UTF-8, always
 * NUL-terminated; CSS Counter Styles 3 §6.1: decimal, decimal-leading-zero,
 * lower/upper-alpha, lower/upper-roman fall back to decimal outside 1..3999
 * (roman) or below 1 (alpha); disc/circle/square give their bullet; none
 * gives "").  Never fails. */
void fo_counter_format(int value, fo_list_style style, char *buf, size_t size);

#endif
