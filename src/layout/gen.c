/* gen.c — counters, named strings and content text.  See gen.h. */
#include "gen.h"

#include <stdio.h>
#include <string.h>

void lay_gen_init(lay_gen *g, const fo_meta *meta)
{
    g->counters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
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

static int counter(const lay_gen *g, const char *name)
{
    return GPOINTER_TO_INT(g_hash_table_lookup(g->counters, name));
}

static void set_counter(lay_gen *g, const char *name, long v)
{
    if (v > 1000000000)
        v = 1000000000;
    if (v < -1000000000)
        v = -1000000000;
    g_hash_table_insert(g->counters, g_strdup(name), GINT_TO_POINTER((int)v));
}

void lay_gen_counters(lay_gen *g, const fo_style *s)
{
    const fo_counter_ops *r = s->counter_reset, *in = s->counter_increment;
    for (int k = 0; r && k < r->n; k++)
        set_counter(g, r->names[k], r->values[k]);
    for (int k = 0; in && k < in->n; k++)
        set_counter(g, in->names[k], (long)counter(g, in->names[k]) + in->values[k]);
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

static const char *named_string(const lay_gen *g, const char *name, const lay_gen_page *p)
{
    const char *before = NULL;
    for (guint i = 0; i < g->events->len; i++) {
        const lay_string_event *e = &g_array_index(g->events, lay_string_event, i);
        if (strcmp(e->name, name) != 0)
            continue;
        if (!p || e->box < p->first_box) {
            before = e->value;
            continue;
        }
        if (e->box < p->end_box)
            return e->value; /* the first assignment on the page */
        break;
    }
    if (before)
        return before;
    return meta_value(g->meta, name);
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
        case FO_CONTENT_COUNTER:
        case FO_CONTENT_COUNTERS: {
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
            const char *v = named_string(g, it->text, page);
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
