/* gen.h — generated content in layout: counters (CSS Lists 3 §4),
 * named strings (GCPM 3 §1) and the text of `content` values.
 * Private to src/layout/.
 *
 * Counters follow CSS Lists 3 §4.3 nesting over the block structure:
 * counter-reset on an element makes a new instance whose scope is the
 * element, its following siblings and their descendants (layout reports
 * entering and leaving containers with lay_gen_enter / lay_gen_leave);
 * counter-increment changes the innermost instance; counters() joins all
 * instances in scope, outermost first.
 */
#ifndef FO_LAY_GEN_H
#define FO_LAY_GEN_H

#include <glib.h>

#include "../doc/doc.h"
#include "../style/style.h"

struct fo_lay;

typedef struct lay_gen {
    GHashTable *counters; /* name (g_strdup) → GArray of instances */
    int depth;            /* container nesting depth (body 0) */
    GArray *events;       /* lay_string_event: string-set, in box order */
    const fo_meta *meta;  /* front matter: initial values of named strings */
} lay_gen;

typedef struct lay_string_event {
    int box;     /* index of the first box laid out after the assignment */
    char *name;  /* g_malloc'd */
    char *value; /* g_malloc'd */
} lay_string_event;

void lay_gen_init(lay_gen *g, const fo_meta *meta);
void lay_gen_dispose(lay_gen *g);

/* Applies an element's counter-reset then counter-increment (Lists 3
 * §4.1 order). */
void lay_gen_counters(lay_gen *g, const fo_style *s);

/* Sets counter `name`'s innermost instance to `value` (creating one). */
void lay_gen_set(lay_gen *g, const char *name, int value);

/* Entering / leaving a container element (list, item, block quote...):
 * leaving ends the counter instances created inside it. */
void lay_gen_enter(lay_gen *g);
void lay_gen_leave(lay_gen *g);

/* Applies an element's string-set; `self` is the element's text for
 * content() (may be NULL), `box` the index of its first box. */
void lay_gen_string_set(lay_gen *g, const fo_style *s, const char *self, int box);

/* The page a margin box is drawn on, for counter(page), counter(pages)
 * and string() (NULL: the document context of ::before/::after, where
 * string() gives the latest value). */
typedef struct lay_gen_page {
    int number, count;         /* 1-based page number, total pages */
    int first_box, end_box;    /* boxes [first_box, end_box) are on it */
} lay_gen_page;

/* The text of `c` (g_malloc'd; "" for NULL).  counter(page)/counter(pages)
 * come from `page` (0 when it is NULL), other counters from the current
 * values, string(name, policy) from the named strings by GCPM 3 §1.2:
 * `first` (the default) the page's first assignment, `start` the first
 * assignment when its element's box is the page's first box, `last` the
 * page's last assignment, `first-except` nothing on a page with an
 * assignment; otherwise the entry value: the last assignment on an earlier
 * page, else the front-matter value (title, subtitle, author, date, lang,
 * subject or any other key). */
char *lay_gen_text(const lay_gen *g, const fo_content *c, const char *self,
                   const lay_gen_page *page);

#endif
