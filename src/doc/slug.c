/* slug.c — heading slugs and the set of slugs already used. */
#include "slug.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "utf8.h"

typedef struct entry {
    const char *key; /* arena-owned; NULL = empty slot */
    size_t hash;
    unsigned next; /* next suffix to try for this base */
} entry;

struct fo_slugs {
    entry *tab;
    size_t cap, used; /* cap is a power of two */
    locale_t loc;     /* C.UTF-8, or (locale_t)0 for ASCII-only rules */
    wctype_t combining;
};

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

fo_slugs *fo_slugs_new(void)
{
    fo_slugs *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cap = 64;
    s->tab = calloc(s->cap, sizeof *s->tab);
    if (!s->tab) {
        free(s);
        return NULL;
    }
    s->loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (s->loc)
        s->combining = wctype_l("combining", s->loc);
    return s;
}

void fo_slugs_free(fo_slugs *s)
{
    if (!s)
        return;
    if (s->loc)
        freelocale(s->loc);
    free(s->tab);
    free(s);
}

static entry *lookup(fo_slugs *s, const char *key, size_t h)
{
    size_t mask = s->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        entry *e = &s->tab[i];
        if (!e->key || (e->hash == h && strcmp(e->key, key) == 0))
            return e;
    }
}

static int grow(fo_slugs *s)
{
    size_t ncap = s->cap * 2;
    entry *old = s->tab;
    size_t ocap = s->cap;
    entry *tab = calloc(ncap, sizeof *tab);
    if (!tab)
        return -1;
    s->tab = tab;
    s->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].key)
            *lookup(s, old[i].key, old[i].hash) = old[i];
    free(old);
    return 0;
}

/* Inserts `key` (arena-owned) if absent.  Returns its entry, NULL on OOM. */
static entry *insert(fo_slugs *s, const char *key, size_t h)
{
    if ((s->used + 1) * 2 > s->cap && grow(s) != 0)
        return NULL;
    entry *e = lookup(s, key, h);
    if (!e->key) {
        e->key = key;
        e->hash = h;
        e->next = 1;
        s->used++;
    }
    return e;
}

/* Writes the base slug of `text` into `out` (room for 4 * strlen + 1). */
static void base_slug(const fo_slugs *s, const char *text, char *out)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text), o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += fo_utf8_decode(p + i, n - i, &cp);
        if (cp == ' ') {
            out[o++] = '-';
        } else if (cp == '-' || cp == '_') {
            out[o++] = (char)cp;
        } else if (cp < 0x80) {
            if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z'))
                out[o++] = (char)cp;
            else if (cp >= 'A' && cp <= 'Z')
                out[o++] = (char)(cp - 'A' + 'a');
        } else if (!s->loc) {
            o += fo_utf8_encode(cp, out + o);
        } else if (iswalnum_l((wint_t)cp, s->loc) ||
                   (s->combining && iswctype_l((wint_t)cp, s->combining, s->loc))) {
            o += fo_utf8_encode((uint32_t)towlower_l((wint_t)cp, s->loc), out + o);
        }
    }
    out[o] = '\0';
}

const char *fo_slug_make(fo_slugs *s, fo_arena *arena, const char *text)
{
    size_t n = strlen(text);
    if (n > (SIZE_MAX - 32) / 4)
        return NULL;
    char *buf = malloc(4 * n + 32); /* room for "-<suffix>" too */
    if (!buf)
        return NULL;
    base_slug(s, text, buf);
    if (!buf[0])
        strcpy(buf, "section");

    const char *result = NULL;
    size_t h = hash_str(buf);
    entry *e = lookup(s, buf, h);
    if (!e->key) {
        const char *key = fo_arena_strdup(arena, buf);
        if (key && insert(s, key, h))
            result = key;
        goto out;
    }
    /* Taken: try base-N from this base's counter on. */
    size_t blen = strlen(buf);
    for (;;) {
        unsigned k = e->next++;
        snprintf(buf + blen, 32, "-%u", k);
        size_t h2 = hash_str(buf);
        if (!lookup(s, buf, h2)->key) {
            const char *key = fo_arena_strdup(arena, buf);
            if (key && insert(s, key, h2))
                result = key;
            break;
        }
    }
out:
    free(buf);
    return result;
}
