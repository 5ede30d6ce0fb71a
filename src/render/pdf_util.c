/* pdf_util.c — small helpers of the PDF backend: libharu error tracking, a
 * byte buffer with PDF number formatting, UTF-8/UTF-16 conversion and
 * cluster text ranges of glyph runs.  See pdf_priv.h. */
#include "pdf_priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fo_pdf_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    fo_pdf_ctx *c = user;
    if (c && c->herr == HPDF_OK) {
        c->herr = error_no;
        c->hdetail = detail_no;
    }
}

bool fo_pdf_failed(fo_pdf_ctx *c, HPDF_STATUS status)
{
    if (c->herr == HPDF_OK && c->doc && HPDF_GetError(c->doc) != HPDF_OK) {
        c->herr = HPDF_GetError(c->doc);
        c->hdetail = HPDF_GetErrorDetail(c->doc);
    }
    if (c->herr == HPDF_OK && status != HPDF_OK)
        c->herr = status;
    return c->herr != HPDF_OK;
}

fo_status fo_pdf_herror(fo_pdf_ctx *c)
{
    fo_pdf_failed(c, HPDF_OK);
    if (!c->reported) {
        c->reported = true;
        fo_error(c->diag, NULL, 0, 0,
                 "PDF writer: libharu error 0x%04X (detail %u)",
                 (unsigned)c->herr, (unsigned)c->hdetail);
    }
    return FO_ERR_PDF;
}

fo_status fo_pdf_nomem(fo_diag *diag)
{
    fo_error(diag, NULL, 0, 0, "out of memory");
    return FO_ERR_NOMEM;
}

/* ---- buffer ------------------------------------------------------------ */

void fo_pdf_buf_free(fo_pdf_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static bool buf_reserve(fo_pdf_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void fo_pdf_buf_put(fo_pdf_buf *b, const void *data, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void fo_pdf_buf_str(fo_pdf_buf *b, const char *s)
{
    fo_pdf_buf_put(b, s, strlen(s));
}

void fo_pdf_buf_fmt(fo_pdf_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        fo_pdf_buf_put(b, tmp, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void fo_pdf_buf_num(fo_pdf_buf *b, double v, int decimals)
{
    /* Fixed point without printf (the writer's hottest formatting): the
     * value is rounded to `decimals` places as an integer, then printed
     * with the trailing zeros of the fraction dropped. */
    static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v))
        v = 0;
    if (v > 1e7)
        v = 1e7;
    if (v < -1e7)
        v = -1e7;
    long long q = llround(v * scale[decimals]);
    char tmp[40], *e = tmp + sizeof tmp, *p = e;
    bool neg = q < 0;
    unsigned long long u = neg ? (unsigned long long)-q : (unsigned long long)q;
    int d = decimals;
    while (d > 0 && u % 10 == 0) { /* trailing zeros of the fraction */
        u /= 10;
        d--;
    }
    for (int i = 0; i < d; i++) {
        *--p = (char)('0' + u % 10);
        u /= 10;
    }
    if (d > 0)
        *--p = '.';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (neg && q != 0)
        *--p = '-';
    fo_pdf_buf_put(b, p, (size_t)(e - p));
}

void fo_pdf_buf_hex4(fo_pdf_buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[4] = { hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15],
                  hex[v & 15] };
    fo_pdf_buf_put(b, t, 4);
}

void fo_pdf_buf_hex_u16(fo_pdf_buf *b, const uint16_t *u, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fo_pdf_buf_hex4(b, u[i]);
}

/* ---- Unicode ----------------------------------------------------------- */

size_t fo_pdf_utf8_decode(const char *str, size_t n, uint32_t *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k = 0;
    while (i < n) {
        unsigned c = s[i];
        uint32_t cp;
        size_t len;
        uint32_t min;
        if (c < 0x80) {
            out[k++] = c;
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F; len = 2; min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F; len = 3; min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07; len = 4; min = 0x10000;
        } else {
            out[k++] = 0xFFFD;
            i++;
            continue;
        }
        bool ok = i + len <= n;
        for (size_t j = 1; ok && j < len; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out[k++] = 0xFFFD;
            i++;
            continue;
        }
        out[k++] = cp;
        i += len;
    }
    return k;
}

size_t fo_pdf_utf16(const uint32_t *cp, size_t n, uint16_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i];
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = 0xFFFD;
        if (c >= 0x10000) {
            c -= 0x10000;
            out[k++] = (uint16_t)(0xD800 + (c >> 10));
            out[k++] = (uint16_t)(0xDC00 + (c & 0x3FF));
        } else {
            out[k++] = (uint16_t)c;
        }
    }
    return k;
}

bool fo_pdf_text_string(const char *utf8, size_t max_bytes,
                        unsigned char **out, size_t *len)
{
    size_t n = strlen(utf8);
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    uint16_t *u = malloc((2 * n + 1) * sizeof *u);
    unsigned char *bytes = malloc(4 * n + 2);
    if (!cp || !u || !bytes) {
        free(cp);
        free(u);
        free(bytes);
        return false;
    }
    size_t ncp = fo_pdf_utf8_decode(utf8, n, cp);
    size_t nu = fo_pdf_utf16(cp, ncp, u);
    size_t k = 0;
    bytes[k++] = 0xFE;
    bytes[k++] = 0xFF;
    for (size_t i = 0; i < nu; i++) {
        bool pair = u[i] >= 0xD800 && u[i] < 0xDC00 && i + 1 < nu;
        size_t need = pair ? 4 : 2;
        if (k + need > max_bytes)
            break;
        bytes[k++] = (unsigned char)(u[i] >> 8);
        bytes[k++] = (unsigned char)(u[i] & 0xFF);
        if (pair) {
            i++;
            bytes[k++] = (unsigned char)(u[i] >> 8);
            bytes[k++] = (unsigned char)(u[i] & 0xFF);
        }
    }
    free(cp);
    free(u);
    *out = bytes;
    *len = k;
    return true;
}

/* ---- clusters ---------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

uint32_t fo_pdf_cluster_start(const fo_glyph_run *run, int i)
{
    uint32_t tl = run->text && run->text_len > 0 ? (uint32_t)run->text_len : 0;
    uint32_t c = run->glyphs[i].cluster;
    return c < tl ? c : tl;
}

bool fo_pdf_cluster_ends(const fo_glyph_run *run, uint32_t *ends)
{
    int n = run->nglyphs;
    uint32_t tl = run->text && run->text_len > 0 ? (uint32_t)run->text_len : 0;
    if (n <= 0)
        return true;
    /* Fast paths: clusters in visual order rise (left to right) or fall
     * (right to left) monotonically; a glyph's cluster then ends where the
     * neighbouring larger cluster starts. */
    bool rising = true, falling = true;
    for (int i = 1; i < n && (rising || falling); i++) {
        uint32_t a = fo_pdf_cluster_start(run, i - 1), c = fo_pdf_cluster_start(run, i);
        rising = rising && a <= c;
        falling = falling && a >= c;
    }
    if (rising) {
        uint32_t end = tl;
        for (int i = n - 1; i >= 0; i--) {
            if (i + 1 < n && fo_pdf_cluster_start(run, i + 1) > fo_pdf_cluster_start(run, i))
                end = fo_pdf_cluster_start(run, i + 1);
            ends[i] = end;
        }
        return true;
    }
    if (falling) {
        uint32_t end = tl;
        for (int i = 0; i < n; i++) {
            if (i > 0 && fo_pdf_cluster_start(run, i - 1) > fo_pdf_cluster_start(run, i))
                end = fo_pdf_cluster_start(run, i - 1);
            ends[i] = end;
        }
        return true;
    }
    uint32_t *s = malloc((size_t)n * sizeof *s);
    if (!s)
        return false;
    for (int i = 0; i < n; i++)
        s[i] = fo_pdf_cluster_start(run, i);
    qsort(s, (size_t)n, sizeof *s, cmp_u32);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (m == 0 || s[m - 1] != s[i])
            s[m++] = s[i];
    for (int i = 0; i < n; i++) {
        uint32_t c = fo_pdf_cluster_start(run, i);
        /* first unique value greater than c */
        int lo = 0, hi = m;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (s[mid] <= c)
                lo = mid + 1;
            else
                hi = mid;
        }
        ends[i] = lo < m ? s[lo] : tl;
    }
    free(s);
    return true;
}
