/* css_parse.h — CSS Syntax 3 §5 parsing over a token list.
 *
 * The parser does not build a tree.  It walks the token array and hands out
 * rules (§5.4.1 consume a list of rules, §5.4.2 at-rules, §5.4.3 qualified
 * rules) and the items of a block's contents (§5.4.5 consume a list of
 * declarations, §5.4.6 consume a declaration) as index ranges into the
 * tokens; callers interpret preludes and values.  Nesting of (), [], {} and
 * functions is resolved once, iteratively, up front, so arbitrarily deep
 * input needs no recursion.  Error recovery follows §5: a bad declaration
 * is reported and skipped up to the next `;` at its nesting level (or the
 * end of its block); an unclosed block is closed at end of file.
 *
 * Private to src/style/.
 */
#ifndef FO_CSS_PARSE_H
#define FO_CSS_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "css_diag.h"
#include "css_token.h"

typedef struct fo_css_parser {
    const fo_css_token *tok;
    size_t count;          /* tok[count - 1] is EOF */
    size_t *match;         /* for an opening token: index of its closer, or
                              count - 1 (the EOF token) when unclosed */
    fo_css_reporter *rep;
} fo_css_parser;

/* A rule: an at-rule (§5.4.2) or a qualified rule (§5.4.3). */
typedef struct fo_css_rule {
    bool is_at;
    const char *name;            /* at-rule name without "@"; NULL otherwise */
    size_t prelude_begin, prelude_end; /* token range [begin, end) */
    bool has_block;              /* false for `@x ...;` */
    size_t block_begin, block_end;     /* contents of {}, without the braces */
    int line, col;               /* first token */
} fo_css_rule;

/* One item of a block's contents (§5.4.5). */
typedef struct fo_css_item {
    bool is_at;                  /* a nested at-rule: caller decides */
    fo_css_rule at;              /* when is_at */
    const char *name;            /* declaration: property name as written */
    size_t value_begin, value_end; /* declaration value, whitespace and
                                      "!important" trimmed; may be empty */
    bool important;
    int line, col;               /* property name */
    int value_line, value_col;   /* first value token (or the ';' / end) */
} fo_css_item;

/* Prepares to parse `list` (which must outlive the parser).  Reports the
 * outermost unclosed block, if any, through `rep` ("unclosed '{' ...";
 * CSS Syntax 3 §5.4.8 closes it at EOF).  Returns FO_ERR_NOMEM on
 * allocation failure.  Free with fo_css_parser_dispose. */
fo_status fo_css_parser_init(fo_css_parser *p, const fo_css_token_list *list,
                             fo_css_reporter *rep);
void fo_css_parser_dispose(fo_css_parser *p);

/* Consumes the next rule of a list of rules (§5.4.1) starting at *pos and
 * ending before `end` (use p->count - 1 for the whole sheet).  `top_level`
 * skips CDO/CDC.  A qualified rule without a block is reported and dropped.
 * Returns false when no rule is left; *pos advances past the rule. */
bool fo_css_next_rule(fo_css_parser *p, size_t *pos, size_t end,
                      bool top_level, fo_css_rule *out);

/* Consumes the next item of a block's contents [*pos, end) (§5.4.5).
 * Invalid declarations (not starting with an identifier, no ':') are
 * reported and skipped.  Returns false when nothing is left. */
bool fo_css_next_item(fo_css_parser *p, size_t *pos, size_t end,
                      fo_css_item *out);

/* Index just after the component value starting at `i` (§5.4.7): for an
 * opening token or function, after its closer (or the EOF token). */
size_t fo_css_skip_component(const fo_css_parser *p, size_t i);

#endif
