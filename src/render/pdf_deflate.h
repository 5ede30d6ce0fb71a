/* pdf_deflate.h — Flate compression of page content streams as each page
 * is finished (PDF 1.7 §7.4.4), with a zlib level chosen by measurement
 * (docs/performance.md), instead of libharu compressing every stream at
 * save time with zlib's default level.  Internal to the PDF backend.
 *
 * Compressing as soon as a page is drawn also keeps only the compressed
 * bytes in memory until the file is written.
 */
#ifndef FO_PDF_DEFLATE_H
#define FO_PDF_DEFLATE_H

#include "pdf_priv.h"

/* zlib level for content streams.  Measured on the 200x benchmark report
 * (219 pages): level 3 compresses in a third of level 6's time (0.12 s
 * against 0.35 s) for a file 12.6 % larger.  folio's PDFs are mostly sent
 * by e-mail, and the size target (docs/output.md: the seed report no larger
 * than WeasyPrint's) fails at level 3, so size wins: level 6 (zlib's
 * default).  Level 9 gains only 0.2 % more.  See docs/performance.md. */
#define FO_PDF_ZLEVEL 6

typedef struct fo_pdf_deflate fo_pdf_deflate;

/* A compressor at `level` (0-9).  Returns NULL when out of memory.  Free
 * with fo_pdf_deflate_free (accepts NULL). */
fo_pdf_deflate *fo_pdf_deflate_new(int level);
void fo_pdf_deflate_free(fo_pdf_deflate *z);

/* Replaces the content stream of `page` (written so far through libharu's
 * page operators) by its Flate-compressed form and marks the stream
 * /Filter /FlateDecode, so libharu writes it as is.  Call once, after the
 * last operator of the page; an empty stream is left alone.  Errors
 * (FO_ERR_NOMEM, FO_ERR_PDF) are reported through `c`. */
fo_status fo_pdf_deflate_page(fo_pdf_deflate *z, fo_pdf_ctx *c, HPDF_Page page);

#endif
