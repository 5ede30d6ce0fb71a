/* pdf_writer.h — the PDF writer's state, shared by pdf.c (document, pages,
 * drawing, file) and pdf_nav.c (links, destinations, outline, document
 * information).  Internal to the PDF backend. */
#ifndef FO_PDF_WRITER_H
#define FO_PDF_WRITER_H

#include "pdf.h"
#include "pdf_deflate.h"
#include "pdf_font.h"
#include "pdf_priv.h"
#include "pdf_text.h"

typedef struct anchor_ref {
    const char *name;
    int page, seq;
    double x, y;
} anchor_ref;

typedef struct gs_entry {
    double fill, stroke;
    HPDF_ExtGState gs;
} gs_entry;

typedef struct outline_level {
    int level;
    HPDF_Outline outline;
} outline_level;

typedef struct fo_pdf_writer {
    fo_pdf_ctx c;
    const fo_display *d;
    fo_pdf_fonts *fonts;
    HPDF_Page *pages;
    anchor_ref *anchors;
    int nanchors;
    const char **warned; /* missing anchors already warned about */
    int nwarned;
    struct _GHashTable *uri_actions; /* URI (ASCII, g_malloc) → its one
                                        indirect URI action (HPDF_Dict) */
    bool warned_long_uri; /* a URI too long for a PDF string was dropped */
    gs_entry *gs;
    int ngs;
    outline_level *stack; /* open outline entries, by level */
    int nstack;
    /* the page being drawn */
    int page_no;
    HPDF_Page page;
    double page_h;
    HPDF_Dict page_fonts;
    bool *face_on_page;
    bool in_text;           /* a text object (BT) is open on the page */
    fo_line_dash dash;      /* the page's dash pattern and line cap (`d`, `J`):
                               solid is PDF's initial [] 0 d, butt caps */
    fo_pdf_text_state ts;
    fo_pdf_buf buf;
    /* images already embedded, by path (drawn again by reference) */
    struct pdf_image { const char *path; HPDF_Image img; } *images;
    int nimages;
    fo_pdf_deflate *zpage; /* content streams, compressed page by page */
} fo_pdf_writer;

/* Check a libharu call: on error, report it once and return FO_ERR_PDF. */
#define CK(expr)                                   \
    do {                                           \
        if (fo_pdf_failed(&w->c, (expr)))          \
            return fo_pdf_herror(&w->c);           \
    } while (0)
#define CKP(ptr)                                   \
    do {                                           \
        if (!(ptr) || fo_pdf_failed(&w->c, HPDF_OK)) \
            return fo_pdf_herror(&w->c);           \
    } while (0)

/* A PDF text string object for UTF-8 `s` (pdf_nav.c): a literal string
 * when printable ASCII, else UTF-16BE with a byte order mark (§7.9.2.2).
 * NULL when out of memory. */
void *fo_pdf_text_object(fo_pdf_writer *w, const char *s);

/* Sorts the anchors collected by the pre-pass, for lookups by name. */
void fo_pdf_sort_anchors(fo_pdf_writer *w);

/* Link annotation for `l` on the current page (PDF 1.7 §12.5.6.5): a URI
 * action (§12.6.4.7) or an explicit destination [page /XYZ left top null]
 * on the page of the named anchor.  A missing anchor is warned about once
 * per name and the link skipped.  Border width 0.  Errors: FO_ERR_PDF,
 * FO_ERR_NOMEM (reported). */
fo_status fo_pdf_on_link(void *w, const fo_link_item *l);

/* Outline item for `o` (§12.3.3), nested under the closest preceding item
 * with a smaller level, with a destination at its y on the current page.
 * UTF-8 titles become UTF-16BE text strings.  Errors as fo_pdf_on_link. */
fo_status fo_pdf_on_outline(void *w, const fo_outline_item *o);

/* Draws `im` on the current page (PDF 1.7 §8.9.5 image XObjects): a JPEG
 * with 1 or 3 components is embedded as is (DCTDecode); PNGs and CMYK JPEGs
 * are decoded to 8-bit RGB (render/image.h), Flate-compressed, with an
 * SMask (§11.6.5.3) for PNG alpha.  Each file is embedded once.  A file
 * that cannot be read now is reported as "path: error: ..." and gives
 * FO_ERR_IO; libharu errors as fo_pdf_on_link. */
fo_status fo_pdf_on_image(void *w, const fo_image_item *im);

/* The info dictionary (§14.3.3: Title, Author, Subject, Keywords from the
 * display list, Creator from `opt`, Producer "folio", CreationDate now or
 * SOURCE_DATE_EPOCH) and the catalog's /Lang (§14.9.2.1).  Errors as
 * fo_pdf_on_link. */
fo_status fo_pdf_write_info(fo_pdf_writer *w, const fo_pdf_options *opt);

/* A calendar date and time with its offset from UTC in minutes. */
typedef struct fo_pdf_date {
    bool set;
    int year, month, day, hour, minute, second;
    int offset_min;
} fo_pdf_date;

/* The document's dates (pdf_meta.c).  The build date is SOURCE_DATE_EPOCH
 * (UTC) when set, else — unless `reproducible` — the clock (local time).
 * *created is the front matter date when it is ISO 8601 (a warning
 * otherwise), else the build date; *modified is the build date, else the
 * front matter date.  Either may come back unset (->set false). */
void fo_pdf_resolve_dates(const fo_display_info *info, bool reproducible,
                          fo_diag *diag, fo_pdf_date *created, fo_pdf_date *modified);

/* Info dictionary dates, the XMP metadata stream (with pdfaid under
 * opt->pdfa), page labels, the PDF/A output intent and, unless the document
 * is encrypted (libharu then makes its own), a placeholder /ID that
 * fo_pdf_finish_id fills in.  Call after fo_pdf_write_info.  Errors:
 * FO_ERR_PDF, FO_ERR_NOMEM, FO_ERR_IO (ICC profile), reported. */
fo_status fo_pdf_write_meta(fo_pdf_writer *w, const fo_pdf_options *opt);

/* Replaces the placeholder /ID of the saved file `pdf` (`len` bytes) by
 * the first 16 bytes of the SHA-256 of the file (§14.4: both parts equal
 * for a new file).  Same bytes in, same /ID out.  No-op without a
 * placeholder. */
void fo_pdf_finish_id(unsigned char *pdf, size_t len);

/* Embeds opt->attachments (pdf_embed.c): EmbeddedFile streams with
 * /Subtype (MIME type from the extension) and /Params /Size, file
 * specifications with /F, /UF and /Desc, in the catalog's /Names
 * /EmbeddedFiles name tree (§7.11.4, §7.7.4).  Errors: FO_ERR_IO naming
 * the file, FO_ERR_PDF, FO_ERR_NOMEM (reported). */
fo_status fo_pdf_write_attachments(fo_pdf_writer *w, const fo_pdf_options *opt);

/* Turns on libharu's RC4 128-bit encryption (pdf_embed.c) when opt asks
 * for it.  Errors: FO_ERR_PDF (reported). */
fo_status fo_pdf_encrypt(fo_pdf_writer *w, const fo_pdf_options *opt);

/* Checks the saved size `total` against `max` (pdf_size.c).  Over it,
 * reports which objects take the space — fonts, images, attachments,
 * page content, metadata, the rest — measured from the xref offsets of the
 * saved file, and returns FO_ERR_LIMIT. */
fo_status fo_pdf_check_size(fo_pdf_writer *w, size_t total, unsigned long long max);

#endif
