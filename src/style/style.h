/* style.h — house style sheets and computed style: folio's second seam.
 *
 * A style sheet is a CSS subset (see docs/styling.md).  Layout asks for the
 * computed style of an element (described by an fo_elem chain) and gets
 * absolute values in points; layout never parses CSS text.
 *
 * Sources: CSS Syntax Level 3 (tokenizer, error recovery), CSS Cascade 4
 * (specificity, source order, inheritance), CSS Paged Media 3 (@page).
 */
#ifndef FO_STYLE_H
#define FO_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"

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

typedef enum fo_break {
    FO_BREAK_AUTO, FO_BREAK_PAGE, FO_BREAK_AVOID
} fo_break;

/* Computed style of one element.  All lengths are in points (1/72 in).
 * Strings point into the style sheet and live as long as it. */
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
    double text_indent;        /* pt */
    double margin_top, margin_right, margin_bottom, margin_left;     /* pt */
    double padding_top, padding_right, padding_bottom, padding_left; /* pt */
    fo_white_space white_space;
    int orphans, widows;       /* lines, ≥ 1 */
    int toc_depth;             /* toc-depth (folio extension): heading levels in the TOC, ≥ 1 */
    fo_break break_before, break_after, break_inside;
    double root_font_size;     /* pt: the root's (body's) font-size, carried
                                  down so rem needs no state; set by
                                  fo_style_initial / fo_style_compute */
} fo_style;

/* An element as style matching sees it.  Layout builds a chain from the
 * element up to the root on the stack.  `tag` is the element name
 * ("body", "h1", "p", "li", "code", "pre", "blockquote", "a", "em", ...);
 * `classes` is a space-separated list or NULL; `index` is the 1-based
 * position among element siblings (for :first-child); `parent` is NULL at
 * the root (body). */
typedef struct fo_elem {
    const char *tag;
    const char *classes;
    int index;
    const struct fo_elem *parent;
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
 * FO_ERR_IO. */
fo_status fo_sheet_load(const char *path, bool strict, fo_sheet **out,
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
 * `initial` and `unset` (§7.1-7.4), and resolve units to points: em
 * against the parent's font-size for font-size and the element's own for
 * other lengths, rem against the root's font-size (carried in
 * root_font_size), % font-size against the parent's.  `sheet` may be NULL
 * (initial values only); `out` may be the same object as `parent`.
 * Never fails; cost is proportional to the rules whose rightmost compound
 * names the element's type or one of its classes, plus universal ones. */
void fo_style_compute(const fo_sheet *sheet, const fo_elem *elem,
                      const fo_style *parent, fo_style *out);

/* Page geometry for the document's pages from the sheet's @page rules
 * (CSS Paged Media 3 §7.1 size, §8.1 margins; `:first`/`:left` page
 * selectors and margin boxes are not supported yet).  All values in pt.
 * Defaults: A4 (595.276 × 841.89 pt) with 72 pt margins.  `sheet` may be
 * NULL.  Never fails. */
void fo_sheet_page(const fo_sheet *sheet, fo_page_style *out);

#endif
