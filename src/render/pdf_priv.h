/* pdf_priv.h — internals shared by every file of the PDF backend
 * (src/render/pdf*.c).  Not a public header: only files of
 * render/pdf* include it.
 *
 * It holds the libharu context (the document and its sticky error state), a growable byte buffer with PDF number formatting, and the UTF-8 /
 * UTF-16 helpers that ToUnicode CMaps (PDF 1.7 §9.10.3) and text strings
 * (§7.9.2.2) need.
 */
#ifndef FO_PDF_PRIV_H
#define FO_PDF_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "../base/diag.h"
#include "display.h"

/* The writer context.  `herr`/`hdetail` hold the first libharu error seen
 * (recorded by the error handler or read back from the document's sticky
 * error state); `reported` is set once it has been reported to `diag`. */
typedef struct fo_pdf_ctx {
    HPDF_Doc doc;
    fo_diag *diag;
    bool compress;        /* Flate-compress font streams too */
    HPDF_STATUS herr;
    HPDF_STATUS hdetail;
    bool reported;
} fo_pdf_ctx;

/* libharu error handler: records the first error in the fo_pdf_ctx passed as
 * `user` (HPDF_New's user data).  Never longjmps. */
void fo_pdf_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user);

/* True when libharu has reported an error (through the handler or the
 * document's sticky error state, which object-layer calls set silently) or
 * when `status` is not HPDF_OK.  Records the error in `c`. */
bool fo_pdf_failed(fo_pdf_ctx *c, HPDF_STATUS status);

/* Reports the recorded libharu error once as "PDF writer: libharu error
 * 0x%04X (detail %u)" and returns FO_ERR_PDF. */
fo_status fo_pdf_herror(fo_pdf_ctx *c);

/* Reports "out of memory" to `diag` and returns FO_ERR_NOMEM. */
fo_status fo_pdf_nomem(fo_diag *diag);

/* A growable byte buffer (malloc).  An allocation failure sets `oom` and
 * makes every later append a no-op; check `oom` once at the end. */
typedef struct fo_pdf_buf {
    char *p;
    size_t len, cap;
    bool oom;
} fo_pdf_buf;

void fo_pdf_buf_free(fo_pdf_buf *b);
void fo_pdf_buf_put(fo_pdf_buf *b, const void *data, size_t n);
void fo_pdf_buf_str(fo_pdf_buf *b, const char *s);
void fo_pdf_buf_fmt(fo_pdf_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends `v` with at most `decimals` decimals, trailing zeros dropped, never
 * in exponent notation and never "-0" (PDF 1.7 §7.3.3).  Non-finite values
 * are written as 0; magnitudes are clamped to 1e7. */
void fo_pdf_buf_num(fo_pdf_buf *b, double v, int decimals);
/* Appends `v` (0..0xFFFF) as 4 upper-case hex digits. */
void fo_pdf_buf_hex4(fo_pdf_buf *b, unsigned v);
/* Appends UTF-16 code units as hex (4 digits each), no delimiters. */
void fo_pdf_buf_hex_u16(fo_pdf_buf *b, const uint16_t *u, size_t n);

/* Decodes `n` bytes of UTF-8 into code points (invalid sequences become
 * U+FFFD, one per byte; U+00AD SOFT HYPHEN is dropped, so that text
 * extraction gives hyphenatable words whole).  `out` must hold `n` entries.
 * Returns the count. */
size_t fo_pdf_utf8_decode(const char *s, size_t n, uint32_t *out);

/* Encodes code points as UTF-16 (surrogate pairs above U+FFFF; surrogates
 * and values above U+10FFFF become U+FFFD).  `out` must hold 2 * n units.
 * Returns the number of units. */
size_t fo_pdf_utf16(const uint32_t *cp, size_t n, uint16_t *out);

/* Converts UTF-8 to a PDF text string in UTF-16BE with a byte order mark
 * (§7.9.2.2), as bytes in a malloc'd buffer (*out, *len).  At most
 * `max_bytes` bytes are produced (never splitting a surrogate pair).
 * Returns false when out of memory. */
bool fo_pdf_text_string(const char *utf8, size_t max_bytes,
                        unsigned char **out, size_t *len);

/* For each glyph of `run`, the end byte offset in run->text of the text of
 * its cluster: the next larger cluster value in the run, or text_len.
 * `ends` must hold run->nglyphs entries.  Returns false when out of memory. */
bool fo_pdf_cluster_ends(const fo_glyph_run *run, uint32_t *ends);

/* Start offset of glyph i's cluster text, clamped to the text length. */
uint32_t fo_pdf_cluster_start(const fo_glyph_run *run, int i);

#endif
