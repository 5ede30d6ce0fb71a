/* vars.h — custom properties and var() (CSS Custom Properties 1).
 *
 * folio's custom properties are global to the style sheet: `--name: value`
 * in any style rule (normally `:root` or `body`) defines the name for the
 * whole sheet, the last definition in source order winning (the user
 * sheet's after the house style's and its imports).  That covers what a
 * house style needs them for — a palette or a set of sizes defined once
 * and overridden by a sheet that @imports it — without per-element
 * custom-property inheritance.
 *
 * A declaration whose value contains var() is parsed when the whole sheet
 * has been read (so a later sheet can still redefine the variables it
 * uses): it reserves FO_PROP_MAX_EXPAND declaration slots in source order,
 * filled by fo_vars_resolve.  An undefined variable without a fallback, a
 * cycle, or a value that is invalid after substitution drops the
 * declaration with a warning at its position (§3: "invalid at computed-value
 * time" becomes, in folio, invalid at parse time).  Private to src/style/.
 */
#ifndef FO_VARS_H
#define FO_VARS_H

#include "sheet.h"

/* Largest var() nesting (a variable whose value uses another ...). */
#define FO_VAR_MAX_DEPTH 16

/* True when tokens [b, e) contain a var( function. */
bool fo_vars_uses(const fo_css_token *t, size_t b, size_t e);

/* Defines custom property `name` (with its "--") as tokens [b, e).
 * Returns false when out of memory. */
bool fo_vars_define(fo_sheet *s, const char *name, const fo_css_token *t,
                    size_t b, size_t e);

/* Reserves FO_PROP_MAX_EXPAND declaration slots at the end of s->decls
 * for property `name` with value tokens [b, e), to be parsed by
 * fo_vars_resolve.  `path`, `line`, `col` locate the value for messages.
 * Returns false when out of memory. */
bool fo_vars_defer(fo_sheet *s, const char *name, const fo_css_token *t,
                   size_t b, size_t e, bool important, fo_origin origin,
                   const char *path, int line, int col);

/* Substitutes var() in every deferred declaration not yet resolved and
 * parses it into its slots; problems are reported through `diag` (errors
 * when `strict`) and counted in *problems.  Returns FO_ERR_NOMEM on
 * allocation failure. */
fo_status fo_vars_resolve(fo_sheet *s, fo_diag *diag, bool strict, int *problems);

#endif
