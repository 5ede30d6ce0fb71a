/* content.h — parsers for generated-content values: content (CSS Content 3
 * §2 with counter()/counters() from CSS Lists 3 §4.2 and string() from
 * GCPM 3 §1.2), counter-reset / counter-increment (Lists 3 §4.1),
 * string-set (GCPM 3 §1.1) and list-style-type (Lists 3 §3.2).  Each
 * consumes the whole value; structured results are FO_V_POINTER values
 * allocated in the sheet's arena.  Private to src/style/.
 */
#ifndef FO_CONTENT_H
#define FO_CONTENT_H

#include "../base/arena.h"
#include "props.h"
#include "values.h"

/* normal | none | [ <string> | counter() | counters() | string() ]+ */
fo_prop_result fo_parse_content(fo_vcur *c, fo_value *v, fo_arena *a);
/* none | [ <ident> <integer>? ]+ ; `dflt` is the implied integer
 * (0 for counter-reset, 1 for counter-increment). */
fo_prop_result fo_parse_counter_ops(fo_vcur *c, fo_value *v, fo_arena *a, int dflt);
/* none | [ <ident> [ <string> | counter() | counters() | string() |
 * content() ]+ ]# */
fo_prop_result fo_parse_string_set(fo_vcur *c, fo_value *v, fo_arena *a);
/* A counter style name (list-style-type keywords); -1 when not one. */
int fo_parse_list_style(fo_vcur *c);

#endif
