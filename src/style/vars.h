/* vars.h — custom properties and var() (CSS Custom Properties 1).
 *
 * Custom properties are ordinary inherited properties (§2): `--name: value`
 * cascades per element like any declaration (importance, origin,
 * specificity, source order) and is inherited by the element's
 * descendants; `inherit`, `unset` (the parent's value) and `initial` (the
 * guaranteed-invalid value) work on them.  var() is substituted at
 * computed-value time (§3): a declaration whose value uses var() is kept
 * as tokens when the sheet is read and parsed for each element against
 * that element's custom properties.
 *
 * Model.
 *  - Reading: `--x: v` becomes a declaration with prop FO_PROP_CUSTOM and
 *    an fo_var_spec; `color: var(--x)` becomes one declaration per longhand
 *    the property sets (a shorthand's longhands all get the
 *    pending-substitution value, §3.2), each of kind FO_V_PENDING pointing
 *    at one shared fo_var_pending.  A var() without a custom property name
 *    or with stray text is invalid at parse time (dropped with a warning);
 *    so is a var() on an unknown property.  A var() naming a custom
 *    property that no rule of the sheet defines, without a fallback, is
 *    reported when the sheet is finished (as an error under --strict), and
 *    that declaration is not reported again at computed-value time.
 *  - Computing: the cascade hands every winning custom-property
 *    declaration to fo_vars_note; fo_vars_apply then builds the element's
 *    custom-property environment (fo_var_env: the custom properties with
 *    their values, var() already substituted) and replaces every
 *    FO_V_PENDING winner by the value parsed from its substituted tokens.
 *    An element that declares no custom property shares its parent's
 *    environment (the same pointer); otherwise its environment is looked
 *    up by (parent environment, winning custom declarations) among those
 *    already built, so every element with the same scope shares one.
 *    Parsed substituted values are cached by (declaration, environment).
 *  - Invalid at computed-value time (§3.1: an undefined or invalid custom
 *    property without fallback, a cycle, a value that does not parse after
 *    substitution): the property behaves as `unset` (inherited properties
 *    inherit, others take their initial value); a custom property becomes
 *    the guaranteed-invalid value (as if undefined; all members of a
 *    cycle).  Each such declaration gets one warning, at its own
 *    file:line:col, the first time it is invalid for some element
 *    (an error under --strict; the caller fails after layout).
 *  - Limits: FO_VAR_MAX_DEPTH nested references; a substituted value of
 *    more than FO_VAR_MAX_TOKENS tokens is invalid (no exponential
 *    "billion laughs" growth).
 *
 * Ownership.  fo_style keeps a `const fo_var_env *` (NULL: no custom
 * property); environments, values and caches live in the sheet's
 * fo_var_cache (a mutable cache inside the otherwise read-only sheet,
 * reached through a pointer) and are freed by fo_sheet_free.  Computing a
 * style on a sheet from two threads at once is therefore not allowed
 * (folio has one thread).  Private to src/style/.
 */
#ifndef FO_VARS_H
#define FO_VARS_H

#include "sheet.h"

/* Largest var() nesting (a variable whose value uses another ...). */
#define FO_VAR_MAX_DEPTH 16

/* Largest substituted value, in tokens. */
#define FO_VAR_MAX_TOKENS 65536

/* True when tokens [b, e) contain a var( function. */
bool fo_vars_uses(const fo_css_token *t, size_t b, size_t e);

/* Checks the var() syntax in tokens [b, e) (Custom Properties 1 §3: a
 * custom property name, then nothing or a comma and a fallback).  Returns
 * NULL when valid, else a static explanation. */
const char *fo_vars_syntax(const fo_css_token *t, size_t b, size_t e);

/* Appends the declaration of custom property `name` (with its "--") with
 * value tokens [b, e) to the sheet's declarations.  `path`, `line`, `col`
 * locate the declaration for messages.  Returns false when out of
 * memory. */
bool fo_vars_define(fo_sheet *s, const char *name, const fo_css_token *t,
                    size_t b, size_t e, bool important, fo_origin origin,
                    const char *path, int line, int col);

/* Appends the declarations of property `name` whose value tokens [b, e)
 * use var(): one FO_V_PENDING declaration per longhand of `name`.
 * `longhands` / `n` are those longhands (from parsing `name: inherit`).
 * Returns false when out of memory. */
bool fo_vars_defer(fo_sheet *s, const char *name, const fo_css_token *t,
                   size_t b, size_t e, bool important, fo_origin origin,
                   const fo_prop_id *longhands, int n,
                   const char *path, int line, int col);

/* Called when a sheet (or a user sheet added to it) has been read:
 * reports var() references to custom properties defined nowhere in the
 * sheet without a fallback (once per declaration; through `diag`, errors
 * when `strict`; counted in *problems), empties the caches, and keeps
 * `diag`/`strict` for the warnings given at computed-value time.
 * Returns FO_ERR_NOMEM on allocation failure. */
fo_status fo_vars_finish(fo_sheet *s, fo_diag *diag, bool strict, int *problems);

/* Frees the sheet's var() cache.  Accepts NULL. */
void fo_vars_cache_free(fo_var_cache *c);

/* Records a matching custom-property declaration `d` (prop ==
 * FO_PROP_CUSTOM) with cascade key `key` (higher wins) for the element
 * being computed. */
void fo_vars_note(const fo_sheet *s, const fo_decl *d, uint64_t key);

/* Ends the cascade of one element: builds its environment from `parent`
 * (the parent's environment; NULL at the root) and the declarations
 * given to fo_vars_note since the last call, and replaces each
 * FO_V_PENDING value in `value` by its substituted value (or by `unset`
 * when invalid at computed-value time, with the warning).  Returns the
 * element's environment (may be NULL: no custom property).  On allocation
 * failure the element's custom properties and var() values are dropped
 * (reported once).  Never fails. */
const fo_var_env *fo_vars_apply(const fo_sheet *s, const fo_var_env *parent,
                                const fo_value *value[FO_PROP_COUNT]);

#endif
