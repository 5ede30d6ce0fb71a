/* hyph.c — libhyphen wrapper.  See hyph.h. */
#include "hyph.h"

#include <glib.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

struct fo_hyph {
    HyphenDict *dict;
    bool utf8; /* the dictionary is UTF-8 (else ISO-8859-1 or its CHARSET line) */
};

static HyphenDict *try_load(const char *dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    HyphenDict *d = g_file_test(path, G_FILE_TEST_EXISTS) ? hnj_hyphen_load(path) : NULL;
    g_free(path);
    return d;
}

fo_hyph *fo_hyph_open(const char *lang)
{
    if (!lang || !*lang)
        return NULL;
    const char *dir = getenv("FOLIO_HYPHEN_DIR");
    if (!dir || !*dir)
        dir = "/usr/share/hyphen";
    /* "en-US" → ll = "en", cc = "US" */
    char ll[16] = {0}, cc[16] = {0};
    size_t i = 0;
    while (lang[i] && lang[i] != '-' && lang[i] != '_' && i < sizeof ll - 1) {
        ll[i] = (char)g_ascii_tolower(lang[i]);
        i++;
    }
    if (lang[i] == '-' || lang[i] == '_') {
        size_t j = 0;
        i++;
        while (lang[i] && lang[i] != '-' && j < sizeof cc - 1)
            cc[j++] = (char)g_ascii_toupper(lang[i++]);
    }
    HyphenDict *d = NULL;
    char name[64];
    if (cc[0]) {
        snprintf(name, sizeof name, "hyph_%s_%s.dic", ll, cc);
        d = try_load(dir, name);
    }
    if (!d) {
        snprintf(name, sizeof name, "hyph_%s.dic", ll);
        d = try_load(dir, name);
    }
    if (!d) {
        GDir *gd = g_dir_open(dir, 0, NULL);
        const char *n;
        char prefix[32];
        snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
        while (gd && !d && (n = g_dir_read_name(gd)))
            if (g_str_has_prefix(n, prefix) && g_str_has_suffix(n, ".dic"))
                d = try_load(dir, n);
        if (gd)
            g_dir_close(gd);
    }
    if (!d)
        return NULL;
    fo_hyph *h = calloc(1, sizeof *h);
    if (!h) {
        hnj_hyphen_free(d);
        return NULL;
    }
    h->dict = d;
    h->utf8 = d->utf8 != 0;
    return h;
}

int fo_hyph_points(fo_hyph *h, const char *word, int len, int left, int right, int *out,
                   int max)
{
    if (!h || len <= 0 || len > 100 || max <= 0)
        return 0;
    /* Patterns are lower case; lower-casing keeps the character count for
     * the letters hyphenation deals with. */
    char *low = g_utf8_strdown(word, len);
    glong nchars = g_utf8_strlen(word, len);
    if (!low || g_utf8_strlen(low, -1) != nchars) {
        g_free(low);
        return 0;
    }
    char *enc = low;
    gsize enclen = strlen(low);
    if (!h->utf8) {
        enc = g_convert(low, -1, h->dict->cset[0] ? h->dict->cset : "ISO-8859-1", "UTF-8",
                        NULL, &enclen, NULL);
        if (!enc || (glong)enclen != nchars) {
            g_free(enc);
            g_free(low);
            return 0;
        }
    }
    char hy[128] = {0};
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int n = 0;
    if (hnj_hyphen_hyphenate3(h->dict, enc, (int)enclen, hy, NULL, &rep, &pos, &cut, left,
                              right, left, right) == 0) {
        /* hy[i] odd: a break after character i (libhyphen normalises UTF-8
         * to character positions).  Non-standard breaks (rep) are skipped. */
        const char *p = word;
        for (glong c = 0; c < nchars - 1 && n < max; c++) {
            p = g_utf8_next_char(p);
            if ((hy[c] & 1) && !(rep && rep[c]) && c + 1 >= left && nchars - (c + 1) >= right)
                out[n++] = (int)(p - word);
        }
    }
    if (rep) {
        for (int k = 0; k < (int)enclen; k++)
            free(rep[k]);
        free(rep);
    }
    free(pos);
    free(cut);
    if (enc != low)
        g_free(enc);
    g_free(low);
    return n;
}

void fo_hyph_free(fo_hyph *h)
{
    if (!h)
        return;
    hnj_hyphen_free(h->dict);
    free(h);
}
