/* utf8.c — UTF-8 validation, cleaning, decoding and encoding. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Length of the well-formed prefix of the sequence starting at s[0], per
 * Unicode Table 3-7.  Returns the full sequence length (1..4) when it is
 * well-formed; otherwise 0 and *bad is the length of the maximal subpart to
 * replace by one U+FFFD (≥ 1). */
static size_t wellformed(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* ≤ U+10FFFF */
    } else {
        *bad = 1;
        return 0;
    }
    size_t i = 1;
    for (; i < need; i++) {
        unsigned char b = i < n ? s[i] : 0;
        unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (i >= n || b < l || b > h) {
            *bad = i;
            return 0;
        }
    }
    return need;
}

size_t fo_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t bad;
    size_t k = wellformed(s, n, &bad);
    switch (k) {
    case 1:
        *cp = s[0];
        return 1;
    case 2:
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    case 3:
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
              (s[2] & 0x3F);
        return 3;
    case 4:
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    default:
        *cp = 0xFFFD;
        return 1;
    }
}

size_t fo_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One pass over s[start, len): counts replacements and, when `dst` is not
 * NULL, writes the cleaned bytes.  Returns the output length in bytes. */
typedef struct clean_stats {
    size_t nbad, nnul, first_bad, first_nul;
} clean_stats;

static size_t clean_pass(const unsigned char *s, size_t start, size_t len,
                         char *dst, clean_stats *st)
{
    size_t o = 0;
    memset(st, 0, sizeof *st);
    for (size_t i = start; i < len;) {
        if (s[i] != 0 && s[i] < 0x80) { /* fast path */
            if (dst)
                dst[o] = (char)s[i];
            o++;
            i++;
            continue;
        }
        size_t bad = 1, k = 0;
        if (s[i] == 0) {
            if (st->nnul++ == 0)
                st->first_nul = i;
        } else if ((k = wellformed(s + i, len - i, &bad)) == 0) {
            if (st->nbad++ == 0)
                st->first_bad = i;
        }
        if (k) {
            if (dst)
                memcpy(dst + o, s + i, k);
            o += k;
            i += k;
        } else {
            if (dst)
                memcpy(dst + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += bad;
        }
    }
    return o;
}

fo_status fo_utf8_clean(const char *buf, size_t len, const char *path,
                        char **out, size_t *out_len, fo_diag *diag)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t start = 0;
    clean_stats st;

    *out = NULL;
    *out_len = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        start = 3;

    /* Counting first keeps the copy exact even for gigabyte inputs. */
    size_t n = clean_pass(s, start, len, NULL, &st);
    char *dst = n < SIZE_MAX ? malloc(n + 1) : NULL;
    if (!dst) {
        fo_error(diag, path, 0, 0, "out of memory");
        return FO_ERR_NOMEM;
    }
    if (st.nbad == 0 && st.nnul == 0)
        memcpy(dst, s + start, n);
    else
        clean_pass(s, start, len, dst, &st);
    dst[n] = '\0';

    if (st.nbad == 1)
        fo_warn(diag, path, 0, 0,
                "invalid UTF-8 at byte offset %zu (replaced by U+FFFD)",
                st.first_bad);
    else if (st.nbad > 1)
        fo_warn(diag, path, 0, 0,
                "invalid UTF-8 at byte offset %zu (replaced by U+FFFD; "
                "%zu invalid sequences in all)",
                st.first_bad, st.nbad);
    if (st.nnul == 1)
        fo_warn(diag, path, 0, 0,
                "NUL byte at byte offset %zu (replaced by U+FFFD)",
                st.first_nul);
    else if (st.nnul > 1)
        fo_warn(diag, path, 0, 0,
                "NUL byte at byte offset %zu (replaced by U+FFFD; "
                "%zu NUL bytes in all)",
                st.first_nul, st.nnul);
    *out = dst;
    *out_len = n;
    return FO_OK;
}
