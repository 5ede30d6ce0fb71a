/* utf8.h — UTF-8 helpers private to src/doc/: input cleaning and
 * code-point decoding/encoding for heading slugs.
 *
 * Markdown input may come from anywhere, so before cmark-gfm or libyaml see
 * it, fo_utf8_clean makes it valid UTF-8 without NUL bytes.  Both libraries
 * would otherwise either stop (libyaml: "invalid leading UTF-8 octet") or
 * silently substitute; doing it once here lets folio warn with a byte offset
 * and keeps the two parsers in agreement.
 */
#ifndef FO_DOC_UTF8_H
#define FO_DOC_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "../base/diag.h"

/* Copies `len` bytes of `buf` into a new malloc'd, NUL-terminated buffer
 * (*out, length *out_len in bytes, the NUL not counted), with:
 *   - a leading UTF-8 byte order mark (EF BB BF) dropped;
 *   - each maximal ill-formed subsequence (Unicode 15 §3.9, "U+FFFD
 *     substitution of maximal subparts") replaced by U+FFFD (EF BF BD);
 *   - each NUL byte replaced by U+FFFD.
 * Replacements are reported once per kind as warnings naming `path` and the
 * byte offset (in the original buffer) of the first occurrence, with the
 * total count.  Byte columns after a replacement on the same line shift by
 * the difference in length (at most 2 bytes per replacement).
 * Returns FO_OK, or FO_ERR_NOMEM (reported) with *out NULL.  The caller frees
 * *out with free(). */
fo_status fo_utf8_clean(const char *buf, size_t len, const char *path,
                        char **out, size_t *out_len, fo_diag *diag);

/* Decodes one code point of valid UTF-8 at `s` (at most `n` bytes).
 * Returns the number of bytes consumed (1..4) and sets *cp; on ill-formed
 * input consumes 1 byte and sets *cp to U+FFFD.  `n` must be ≥ 1. */
size_t fo_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encodes `cp` (≤ U+10FFFF, not a surrogate) into `out` (room for 4 bytes).
 * Returns the number of bytes written; invalid code points give U+FFFD. */
size_t fo_utf8_encode(uint32_t cp, char *out);

#endif
