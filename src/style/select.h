/* select.h — selectors: parsing, specificity, matching.
 *
 * Supported (Selectors 4): type selectors (§5.1, ASCII case-insensitive),
 * the universal selector `*` (§5.2), class selectors `.x` (§6.6),
 * `:root` (§14.1; folio's root is body), the tree-structural
 * pseudo-classes `:first-child`, `:last-child`, `:only-child`,
 * `:nth-child(An+B)`, `:nth-last-child(An+B)` (§14.3, §14.4; `odd`,
 * `even` and the An+B microsyntax of CSS Syntax 3 §6), `:first-of-type`
 * and `:nth-of-type(An+B)` (§14.4.3), the negation `:not()` of a list of
 * compound selectors (§4.3; no combinators inside), the pseudo-elements
 * `::before`, `::after` (also CSS 2's `:before`, `:after`) and `::marker`
 * at the end of a selector (Pseudo-Elements 4), compound selectors, the
 * descendant (§15.1), child (§15.2), next-sibling `+` (§15.3) and
 * subsequent-sibling `~` (§15.4) combinators, and selector lists (§4.1).
 * Anything else — other pseudo-classes (:hover, :last-of-type, ...),
 * pseudo-elements, id and attribute selectors, namespaces — makes the whole
 * selector list invalid (§4.1: "a list containing an invalid selector is
 * invalid"), and its rule is dropped with a warning; so is a malformed
 * An+B, reported at its first bad token.
 *
 * `:last-child`, `:only-child` and `:nth-last-child()` need the number of
 * siblings (fo_elem.nsiblings); where layout leaves it unknown (0) they do
 * not match.  `:nth-of-type()` counts the `prev` chain and does not match
 * when the chain is shorter than `index - 1` (siblings unknown).
 * `:last-of-type`, `:only-of-type` and `:nth-last-of-type()` are not
 * supported: they would need the number of following siblings of each type.
 *
 * Private to src/style/.
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
    FO_COMB_NEXT,        /* + : next-sibling */
    FO_COMB_SUBSEQUENT,  /* ~ : subsequent-sibling */
} fo_combinator;

/* A tree-structural position test: the element's 1-based position p
 * (counted as `kind` says) satisfies p = a·n + b for some integer n ≥ 0
 * (Selectors 4 §14.4.1).  :first-child is {CHILD, 0, 1}. */
typedef enum fo_nth_kind {
    FO_NTH_CHILD,       /* among element siblings, from the first */
    FO_NTH_LAST_CHILD,  /* among element siblings, from the last */
    FO_NTH_OF_TYPE,     /* among siblings of the same type, from the first */
} fo_nth_kind;

typedef struct fo_nth {
    fo_nth_kind kind;
    int a, b;           /* clamped to ±1e9 */
} fo_nth;

typedef struct fo_compound {
    const char *tag;        /* lowercase type, or NULL for any */
    const char **classes;   /* class names, case-sensitive */
    int nclasses;
    const fo_nth *nth;      /* position tests, all must hold */
    int nnth;
    const struct fo_compound *nots; /* :not() arguments: none may match */
    int nnots;
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
 * ancestors for descendant combinators and earlier siblings for `~`; never
 * exponential in the common case: a failed descendant search that ran out
 * of ancestors ends the match, a failed `~` search that ran out of
 * siblings ends the search among those siblings).  `~` and :nth-of-type()
 * walk the `prev` chain: linear in the number of earlier siblings. */
bool fo_selector_matches(const fo_selector *sel, const fo_elem *elem);

/* True when `sel` has pseudo-element `pseudo` and its compounds match
 * `elem` (the pseudo-element's originating element). */
bool fo_selector_matches_pseudo(const fo_selector *sel, const fo_elem *elem,
                                fo_pseudo pseudo);

/* True when the space-separated class list of `elem` contains the class
 * `cls` of `len` bytes (case-sensitive). */
bool fo_elem_has_class(const fo_elem *elem, const char *cls, size_t len);

#endif
