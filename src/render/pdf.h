/* pdf.h — the PDF backend: writes a display list with libharu.
 *
 * Text is written as the glyph ids Pango chose (PDF 1.7 §9.7 composite
 * fonts): each face becomes a Type0 font with /Identity-H encoding, a
 * CIDFontType2 descendant with /CIDToGIDMap /Identity and integer /W widths,
 * a FontFile2 subset made by HarfBuzz (hb-subset, glyph ids retained,
 * hinting dropped) and a ToUnicode CMap (§9.10.3) mapping each glyph to its
 * cluster's text.  Pages, links, outlines, document info and compression
 * use libharu's public API; XMP, page labels, the PDF/A output intent,
 * attachments and the file /ID its object layer (pdf_meta.c, pdf_embed.c).
 */
#ifndef FO_PDF_H
#define FO_PDF_H

#include <stdbool.h>

#include "../base/diag.h"
#include "display.h"

/* A file to embed as a PDF file attachment (PDF 1.7 §7.11.4, §7.11.6). */
typedef struct fo_pdf_attachment {
    const char *path;        /* file to read */
    const char *description; /* /Desc; NULL: from the file type and name */
} fo_pdf_attachment;

/* Permissions granted by an encrypted file (PDF 1.7 §7.6.3.2, Table 22). */
enum {
    FO_PDF_PERM_PRINT = 1, FO_PDF_PERM_COPY = 2, FO_PDF_PERM_MODIFY = 4,
    FO_PDF_PERM_ANNOTATE = 8, FO_PDF_PERM_ALL = 15
};

typedef struct fo_pdf_options {
    bool compress;          /* Flate-compress content streams and fonts (default true) */
    const char *creator;    /* /Creator in the info dictionary, e.g. "folio 0.1"; may be NULL */
    /* Size limit in bytes (0: none).  Over it, nothing is written and the
     * error names what takes the space (fonts, images, pages, ...). */
    unsigned long long max_size;
    /* PDF/A-2b (ISO 19005-2): pdfaid XMP, sRGB output intent from
     * `icc_path` (NULL: FO_PDF_SRGB_ICC).  Refused with encryption or
     * attachments (FO_ERR_PDF). */
    bool pdfa;
    const char *icc_path;
    /* Dates from SOURCE_DATE_EPOCH or the front matter only, never the
     * clock (SOURCE_DATE_EPOCH alone has the same effect on dates). */
    bool reproducible;
    const fo_pdf_attachment *attachments;
    int nattachments;
    /* RC4 128-bit encryption (libharu offers nothing stronger) when either
     * password is non-NULL or `permissions_set`: deters casual copying, is
     * not strong protection.  A missing owner password is made random. */
    const char *user_password;
    const char *owner_password;
    bool permissions_set;
    unsigned permissions;   /* FO_PDF_PERM_* bits; all when !permissions_set */
} fo_pdf_options;

#ifndef FO_PDF_SRGB_ICC
#define FO_PDF_SRGB_ICC "/usr/share/color/icc/sRGB.icc" /* Debian icc-profiles-free */
#endif

/* Writes `d` to `path`.  The file is written to a temporary file in the same
 * directory and renamed over `path` only when complete, so a failure never
 * leaves a truncated PDF and never destroys an existing one.  `path` "-" is
 * standard output: the whole file is made in memory first and written in
 * one go, so on any error before that nothing reaches standard output (a
 * failing write itself, e.g. a full disk, is FO_ERR_IO; the caller refuses
 * a terminal).  `opt` may be
 * NULL (defaults).  Errors: FO_ERR_FONT when a face cannot be read or
 * subset (the message names the file), FO_ERR_PDF for a libharu error or
 * options PDF/A forbids, FO_ERR_IO when the file cannot be written or an
 * attachment / the ICC profile cannot be read, FO_ERR_LIMIT when the file
 * would exceed opt->max_size; each is reported to `diag`.  Output is
 * byte-identical for identical input and options when no date comes from
 * the clock (SOURCE_DATE_EPOCH or opt->reproducible) and there is no
 * encryption.  See docs/output.md. */
fo_status fo_pdf_write(const fo_display *d, const char *path,
                       const fo_pdf_options *opt, fo_diag *diag);

#endif
