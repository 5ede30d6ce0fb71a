/* props.h — parsing and computing property values.
 *
 * The property table is props.def; this is its interface.  Parsing turns a
 * declaration's tokens into specified values (one per longhand: shorthands
 * expand, CSS Cascade 4 §1.2); computing turns the cascaded value of every
 * property into an fo_style (CSS Cascade 4 §4.4 computed values, §7
 * defaulting: inherit, initial, unset).  Private to src/style/.
 */
#ifndef FO_PROPS_H
#define FO_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "style.h"
#include "values.h"

typedef enum fo_prop_id {
#define FO_PROP(id, name, inh, field, type, init) FO_P_##id,
#include "props.def"
#undef FO_PROP
    FO_PROP_COUNT
} fo_prop_id;

/* The `prop` of a custom-property declaration (`--name: value`, vars.h);
 * the cascade hands it to fo_vars_note instead of the property table. */
#define FO_PROP_CUSTOM ((fo_prop_id)(FO_PROP_COUNT + 1))

/* Most longhands one declaration can expand into (border: 12). */
#define FO_PROP_MAX_EXPAND 12

/* Where a declaration comes from (CSS Cascade 4 §6.2, folio's three
 * origins): later origins win over earlier ones, normal and !important
 * alike (folio does not reverse the order for !important). */
typedef enum fo_origin {
    FO_ORIGIN_BUILTIN, /* built-in defaults */
    FO_ORIGIN_HOUSE,   /* the house style (--style) and its @imports */
    FO_ORIGIN_USER,    /* the user style sheet (--user-style) */
} fo_origin;

/* A parsed declaration of one longhand. */
typedef struct fo_decl {
    fo_prop_id prop;
    bool important;
    uint8_t origin;  /* fo_origin */
    fo_value value;
} fo_decl;

typedef enum fo_prop_result {
    FO_PROP_OK,
    FO_PROP_UNKNOWN, /* no such property */
    FO_PROP_INVALID, /* value does not match the property's grammar */
    FO_PROP_NOMEM,
} fo_prop_result;

/* Parses the value tokens [begin, end) of property `name` (ASCII
 * case-insensitive; shorthands and page-break-* aliases included).  On
 * FO_PROP_OK fills out[0 .. *n) (important = false; the caller sets it).
 * On FO_PROP_INVALID, *why may point to a static explanation (or NULL).
 * Strings (font-family) are allocated in `arena`. */
fo_prop_result fo_prop_parse(const char *name, const fo_css_token *tok,
                             size_t begin, size_t end, fo_arena *arena,
                             fo_decl out[FO_PROP_MAX_EXPAND], int *n,
                             const char **why);

/* CSS name of a longhand. */
const char *fo_prop_name(fo_prop_id id);

/* Computes every property of an element.  `cascaded[p]` is the winning
 * declared value of property p, or NULL (then inherited properties inherit
 * and others take their initial value).  `parent` is the parent's computed
 * style, or NULL for the root (which inherits the initial values).
 * Never fails. */
void fo_prop_compute_all(const fo_value *const cascaded[FO_PROP_COUNT],
                         const fo_style *parent, fo_style *out);

#endif
