/* select.h — selectors: parsing, specificity, matching.
 *
 * Supported (Selectors 4): type selectors (§5.1, ASCII case-insensitive),
 * the universal selector `*` (§5.2), class selectors `.x` (§6.6),
 * `:first-child` (§14.3.2), `:root` (§14.1; folio's root is body), the pseudo-elements `::before`, `::after`
 * (also CSS 2's `:before`, `:after`) and `::marker` at the end of a
 * selector (Pseudo-Elements 4), compound selectors, the descendant (§15.1) and
 * child (§15.2) combinators, and selector lists (§4.1).  Anything else —
 * other pseudo-classes, pseudo-elements, id and attribute selectors,
 * namespaces, the `+` and `~` combinators — makes the whole selector list
 * invalid (§4.1: "a list containing an invalid selector is invalid"), and
 * its rule is dropped with a warning.  Private to src/style/.
 */
#ifndef FO_SELECT_H
#define FO_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "css_diag.h"
#include "css_token.h"
#include "style.h"

/* Limits on one complex selector; beyond them it is reported as too
 * complex (they keep matching recursion shallow). */
#define FO_SELECTOR_MAX_COMPOUNDS 32
#define FO_SELECTOR_MAX_CLASSES 64

typedef enum fo_combinator {
    FO_COMB_NONE,        /* leftmost compound */
    FO_COMB_DESCENDANT,  /* whitespace */
    FO_COMB_CHILD,       /* > */
} fo_combinator;

typedef struct fo_compound {
    const char *tag;        /* lowercase type, or NULL for any */
    const char **classes;   /* class names, case-sensitive */
    int nclasses;
    bool first_child;
    bool root;              /* :root — the element without a parent (body) */
    fo_combinator comb;     /* how the next compound (towards the root)
                               relates to this one */
} fo_compound;

typedef struct fo_selector {
    const fo_compound *parts; /* right to left: parts[0] is the subject */
    int nparts;
    unsigned specificity;     /* (classes+pseudo-classes) << 10 | types,
                                 each saturating at 1023 (§17; no ids) */
    fo_pseudo pseudo;         /* ::before, ::after, ::marker on the subject */
} fo_selector;

/* Parses the selector list in tokens [begin, end) (a rule's prelude).
 * On success *out (in `arena`) holds *n ≥ 1 selectors.  When the list is
 * invalid or unsupported, reports why through `rep` at the offending token
 * (`unsupported selector ':hover'; rule dropped`) and returns FO_OK with
 * *n = 0.  Returns FO_ERR_NOMEM on allocation failure. */
fo_status fo_selector_parse_list(const fo_css_token *tok, size_t begin,
                                 size_t end, fo_arena *arena,
                                 fo_css_reporter *rep, fo_selector **out,
                                 int *n);

/* True when `sel` matches `elem` (Selectors 4 §3.2: right to left, trying
 * ancestors for descendant combinators; never exponential in the common
 * case: a failed descendant search that ran out of ancestors ends the
 * match). */
bool fo_selector_matches(const fo_selector *sel, const fo_elem *elem);

/* True when `sel` has pseudo-element `pseudo` and its compounds match
 * `elem` (the pseudo-element's originating element). */
bool fo_selector_matches_pseudo(const fo_selector *sel, const fo_elem *elem,
                                fo_pseudo pseudo);

/* True when the space-separated class list of `elem` contains the class
 * `cls` of `len` bytes (case-sensitive). */
bool fo_elem_has_class(const fo_elem *elem, const char *cls, size_t len);

#endif
