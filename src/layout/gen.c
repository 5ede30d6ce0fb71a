/* gen.c — counters, named strings and content text.  See gen.h. */
#include "gen.h"

#include <stdio.h>
#include <string.h>

/* A counter's instances, outermost first (CSS Lists 3 §4.3 nesting). */
typedef struct instance {
    int depth; /* container depth whose end ends the instance */
    int value;
} instance;

static void free_stack(gpointer p)
{
    g_array_free(p, TRUE);
}

void lay_gen_init(lay_gen *g, const fo_meta *meta)
{
    g->counters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_stack);
    g->events = g_array_new(FALSE, FALSE, sizeof(lay_string_event));
    g->meta = meta;
}

void lay_gen_dispose(lay_gen *g)
{
    if (g->counters)
        g_hash_table_destroy(g->counters);
    if (g->events) {
        for (guint i = 0; i < g->events->len; i++) {
            lay_string_event *e = &g_array_index(g->events, lay_string_event, i);
            g_free(e->name);
            g_free(e->value);
        }
        g_array_free(g->events, TRUE);
    }
    memset(g, 0, sizeof *g);
}

static GArray *stack_of(const lay_gen *g, const char *name)
{
    return g_hash_table_lookup(g->counters, name);
}

static int counter(const lay_gen *g, const char *name)
{
    GArray *st = stack_of(g, name);
    return st && st->len ? g_array_index(st, instance, st->len - 1).value : 0;
}

static int clampv(long v)
{
    return v > 1000000000 ? 1000000000 : v < -1000000000 ? -1000000000 : (int)v;
}

/* counter-reset: a new instance at the current depth, replacing one a
 * previous sibling made (§4.3: its scope is the element, its following
 * siblings and their descendants). */
static void reset(lay_gen *g, const char *name, long v)
{
    GArray *st = stack_of(g, name);
    if (!st) {
        st = g_array_new(FALSE, FALSE, sizeof(instance));
        g_hash_table_insert(g->counters, g_strdup(name), st);
    }
    if (st->len && g_array_index(st, instance, st->len - 1).depth == g->depth) {
        g_array_index(st, instance, st->len - 1).value = clampv(v);
        return;
    }
    instance in = {g->depth, clampv(v)};
    g_array_append_val(st, in);
}

/* Sets the innermost instance (a new one, as if reset to 0, when there is
 * none in scope: §4.4). */
void lay_gen_set(lay_gen *g, const char *name, int value)
{
    GArray *st = stack_of(g, name);
    if (!st || !st->len)
        reset(g, name, value);
    else
        g_array_index(st, instance, st->len - 1).value = value;
}

void lay_gen_counters(lay_gen *g, const fo_style *s)
{
    const fo_counter_ops *r = s->counter_reset, *in = s->counter_increment;
    for (int k = 0; r && k < r->n; k++)
        reset(g, r->names[k], r->values[k]);
    for (int k = 0; in && k < in->n; k++)
        lay_gen_set(g, in->names[k], clampv((long)counter(g, in->names[k]) + in->values[k]));
}

void lay_gen_enter(lay_gen *g)
{
    g->depth++;
}

static gboolean drop_deeper(gpointer key, gpointer value, gpointer data)
{
    GArray *st = value;
    int depth = *(int *)data;
    while (st->len && g_array_index(st, instance, st->len - 1).depth > depth)
        g_array_set_size(st, st->len - 1);
    return FALSE;
}

void lay_gen_leave(lay_gen *g)
{
    if (g->depth > 0)
        g->depth--;
    g_hash_table_foreach_remove(g->counters, drop_deeper, &g->depth);
}

/* counters(name, sep, style): every instance in scope, outermost first. */
static void all_counters(const lay_gen *g, const fo_content_item *it, GString *out)
{
    GArray *st = stack_of(g, it->text);
    char buf[64];
    if (!st || !st->len) {
        fo_counter_format(0, it->style, buf, sizeof buf);
        g_string_append(out, buf);
        return;
    }
    for (guint i = 0; i < st->len; i++) {
        fo_counter_format(g_array_index(st, instance, i).value, it->style, buf, sizeof buf);
        g_string_append_printf(out, "%s%s", i ? it->sep : "", buf);
    }
}

void lay_gen_string_set(lay_gen *g, const fo_style *s, const char *self, int box)
{
    const fo_string_set *ss = s->string_set;
    for (int k = 0; ss && k < ss->n; k++) {
        lay_string_event e = {box, g_strdup(ss->names[k]),
                              lay_gen_text(g, &ss->values[k], self, NULL)};
        g_array_append_val(g->events, e);
    }
}

static const char *meta_value(const fo_meta *m, const char *name)
{
    if (!m)
        return NULL;
    if (strcmp(name, "title") == 0)
        return m->title;
    if (strcmp(name, "subtitle") == 0)
        return m->subtitle;
    if (strcmp(name, "author") == 0)
        return m->nauthors > 0 ? m->authors[0] : NULL;
    if (strcmp(name, "date") == 0)
        return m->date;
    if (strcmp(name, "lang") == 0)
        return m->lang;
    if (strcmp(name, "subject") == 0)
        return m->subject;
    for (int k = 0; k < m->nextra; k++)
        if (m->extra_keys[k] && strcmp(m->extra_keys[k], name) == 0)
            return m->extra_values[k];
    return NULL;
}

/* The value string(name, policy) shows on page p (GCPM 3 §1.2); NULL
 * when the string has no value.  Without a page (::before/::after) the
 * latest assignment so far. */
static const char *named_string(const lay_gen *g, const char *name, fo_string_policy policy,
                                const lay_gen_page *p)
{
    const char *entry = NULL, *first = NULL, *last = NULL;
    bool at_start = false;
    for (guint i = 0; i < g->events->len; i++) {
        const lay_string_event *e = &g_array_index(g->events, lay_string_event, i);
        if (strcmp(e->name, name) != 0)
            continue;
        if (!p || e->box < p->first_box) {
            entry = e->value;
            continue;
        }
        if (e->box >= p->end_box)
            break;
        if (!first) {
            first = e->value;
            at_start = e->box == p->first_box;
        }
        last = e->value;
    }
    if (!entry)
        entry = meta_value(g->meta, name);
    switch (policy) {
    case FO_STRING_START:
        return at_start ? first : entry;
    case FO_STRING_LAST:
        return last ? last : entry;
    case FO_STRING_FIRST_EXCEPT:
        return first ? "" : entry;
    case FO_STRING_FIRST:
        break;
    }
    return first ? first : entry;
}

char *lay_gen_text(const lay_gen *g, const fo_content *c, const char *self,
                   const lay_gen_page *page)
{
    GString *out = g_string_new(NULL);
    for (int k = 0; c && k < c->n; k++) {
        const fo_content_item *it = &c->items[k];
        char buf[64];
        switch (it->kind) {
        case FO_CONTENT_TEXT:
            g_string_append(out, it->text);
            break;
        case FO_CONTENT_COUNTERS:
            if (strcmp(it->text, "page") != 0 && strcmp(it->text, "pages") != 0) {
                all_counters(g, it, out);
                break;
            }
            /* page counters have one instance */
            /* fall through */
        case FO_CONTENT_COUNTER: {
            int v;
            if (strcmp(it->text, "page") == 0)
                v = page ? page->number : 0;
            else if (strcmp(it->text, "pages") == 0)
                v = page ? page->count : 0;
            else
                v = counter(g, it->text);
            fo_counter_format(v, it->style, buf, sizeof buf);
            g_string_append(out, buf);
            break;
        }
        case FO_CONTENT_STRING: {
            const char *v = named_string(g, it->text, it->policy, page);
            if (v)
                g_string_append(out, v);
            break;
        }
        case FO_CONTENT_SELF:
            if (self)
                g_string_append(out, self);
            break;
        }
    }
    return g_string_free(out, FALSE);
}
