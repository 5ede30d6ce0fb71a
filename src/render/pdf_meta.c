/* pdf_meta.c — the PDF backend's document-level metadata: creation and
 * modification dates (info dictionary and XMP), the XMP metadata stream
 * (PDF 1.7 §14.3.2), page labels (§12.4.2), the sRGB output intent of
 * PDF/A-2b (ISO 19005-2 §6.2.3, PDF 1.7 §14.11.5) and the document /ID
 * (§14.4) derived from the file's own bytes.  See pdf_writer.h.
 *
 * Everything is built with libharu's object layer (HPDF_Dict, HPDF_Array,
 * HPDF_DictStream).  libharu's PDF/A helpers are not used: 2.3.0 writes its
 * XMP without escaping the text it inserts. */
#include "pdf_writer.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

/* ---- dates ------------------------------------------------------------- */

/* Parses an ISO 8601 date "YYYY-MM-DD", optionally followed by
 * "THH:MM[:SS]" (or a space instead of T) and "Z" or "±HH:MM".  A date
 * without a zone is taken as UTC.  Returns false when `s` is not one. */
static bool parse_iso(const char *s, fo_pdf_date *out)
{
    fo_pdf_date d = { 0 };
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &d.year, &d.month, &d.day, &n) != 3 || n != 10)
        return false;
    s += n;
    if (*s == 'T' || *s == ' ') {
        int m = 0;
        if (sscanf(s + 1, "%2d:%2d%n", &d.hour, &d.minute, &m) != 2 || m != 5)
            return false;
        s += 1 + m;
        if (*s == ':') {
            if (sscanf(s + 1, "%2d%n", &d.second, &m) != 1 || m != 2)
                return false;
            s += 3;
            if (*s == '.') /* fractions of a second are dropped */
                for (s++; isdigit((unsigned char)*s); s++)
                    ;
        }
        if (*s == '+' || *s == '-') {
            int oh, om;
            if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &m) != 2 || m != 5 || oh > 23 || om > 59)
                return false;
            d.offset_min = (*s == '-' ? -1 : 1) * (oh * 60 + om);
            s += 1 + m;
        } else if (*s == 'Z') {
            s++;
        }
    }
    if (*s != '\0')
        return false;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > mdays[d.month - 1] || (d.month == 2 && d.day == 29 && !leap) ||
        d.hour > 23 || d.minute > 59 || d.second > 59)
        return false;
    d.set = true;
    *out = d;
    return true;
}

static bool from_time(time_t t, bool local, fo_pdf_date *out)
{
    struct tm tm;
    if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)))
        return false;
    *out = (fo_pdf_date){ true, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec > 59 ? 59 : tm.tm_sec,
                          local ? (int)(tm.tm_gmtoff / 60) : 0 };
    return true;
}

void fo_pdf_resolve_dates(const fo_display_info *info, bool reproducible,
                          fo_diag *diag, fo_pdf_date *created, fo_pdf_date *modified)
{
    fo_pdf_date build = { 0 }, doc = { 0 };
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno || *end || v < 0)
            fo_warn(diag, NULL, 0, 0, "SOURCE_DATE_EPOCH '%s' is not a number of seconds; ignored", sde);
        else
            from_time((time_t)v, false, &build);
    }
    if (!build.set && !reproducible)
        from_time(time(NULL), true, &build);
    if (info->date && *info->date && !parse_iso(info->date, &doc))
        fo_warn(diag, NULL, 0, 0,
                "front matter date '%s' is not an ISO 8601 date (YYYY-MM-DD); "
                "the PDF creation date is the build date", info->date);
    *created = doc.set ? doc : build;
    *modified = build.set ? build : doc;
}

static void pdf_date_string(const fo_pdf_date *d, char *out, size_t cap)
{
    int n = snprintf(out, cap, "D:%04d%02d%02d%02d%02d%02d", d->year, d->month,
                     d->day, d->hour, d->minute, d->second);
    int a = d->offset_min < 0 ? -d->offset_min : d->offset_min;
    if (n > 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, d->offset_min == 0 ? "Z" : "%c%02d'%02d'",
                 d->offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

static void xmp_date_string(const fo_pdf_date *d, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month,
                     d->day, d->hour, d->minute, d->second);
    int a = d->offset_min < 0 ? -d->offset_min : d->offset_min;
    if (n > 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, d->offset_min == 0 ? "Z" : "%c%02d:%02d",
                 d->offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

static fo_status info_date(fo_pdf_writer *w, const char *key, const fo_pdf_date *d)
{
    if (!d->set)
        return FO_OK;
    char s[40];
    pdf_date_string(d, s, sizeof s);
    HPDF_String str = HPDF_String_New(w->c.doc->mmgr, s, NULL);
    CKP(str);
    CK(HPDF_Dict_Add(w->c.doc->info, key, str));
    return FO_OK;
}

/* ---- XMP --------------------------------------------------------------- */

/* Appends `s` with the five XML special characters escaped and C0
 * controls other than tab/newline dropped (XML 1.0 §2.2). */
static void xml_text(fo_pdf_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fo_pdf_buf_str(b, "&amp;"); break;
        case '<': fo_pdf_buf_str(b, "&lt;"); break;
        case '>': fo_pdf_buf_str(b, "&gt;"); break;
        case '"': fo_pdf_buf_str(b, "&quot;"); break;
        case '\'': fo_pdf_buf_str(b, "&apos;"); break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n')
                fo_pdf_buf_put(b, s, 1);
        }
    }
}

static void xmp_simple(fo_pdf_buf *b, const char *tag, const char *val)
{
    if (!val || !*val)
        return;
    fo_pdf_buf_fmt(b, "   <%s>", tag);
    xml_text(b, val);
    fo_pdf_buf_fmt(b, "</%s>\n", tag);
}

/* A property holding one item in an rdf:Alt (lang "x-default"), rdf:Seq or
 * rdf:Bag. */
static void xmp_one(fo_pdf_buf *b, const char *tag, const char *kind, const char *val)
{
    if (!val || !*val)
        return;
    bool alt = strcmp(kind, "Alt") == 0;
    fo_pdf_buf_fmt(b, "   <%s><rdf:%s><rdf:li%s>", tag, kind,
                   alt ? " xml:lang=\"x-default\"" : "");
    xml_text(b, val);
    fo_pdf_buf_fmt(b, "</rdf:li></rdf:%s></%s>\n", kind, tag);
}

/* The XMP packet.  Every value equals its info dictionary entry, as
 * ISO 19005-2 §6.6.2.3.1 requires (Title = dc:title, Author = dc:creator,
 * Subject = dc:description, Keywords = pdf:Keywords, Creator =
 * xmp:CreatorTool, Producer = pdf:Producer, dates = xmp:CreateDate /
 * xmp:ModifyDate). */
static void build_xmp(fo_pdf_buf *b, const fo_display_info *in, const fo_pdf_options *opt,
                      const fo_pdf_date *created, const fo_pdf_date *modified)
{
    fo_pdf_buf_str(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                      "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                      "   <dc:format>application/pdf</dc:format>\n");
    xmp_one(b, "dc:title", "Alt", in->title);
    xmp_one(b, "dc:creator", "Seq", in->author);
    xmp_one(b, "dc:description", "Alt", in->subject);
    if (in->keywords && *in->keywords) {
        /* dc:subject: one entry per keyword (the info string joins them with ", ") */
        fo_pdf_buf_str(b, "   <dc:subject><rdf:Bag>");
        const char *s = in->keywords;
        while (*s) {
            const char *e = strstr(s, ", ");
            size_t n = e ? (size_t)(e - s) : strlen(s);
            char *k = g_strndup(s, n);
            fo_pdf_buf_str(b, "<rdf:li>");
            xml_text(b, k);
            fo_pdf_buf_str(b, "</rdf:li>");
            g_free(k);
            s += n;
            if (e)
                s += 2;
        }
        fo_pdf_buf_str(b, "</rdf:Bag></dc:subject>\n");
    }
    xmp_one(b, "dc:language", "Bag", in->lang);
    fo_pdf_buf_str(b, "  </rdf:Description>\n"
                      "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    xmp_simple(b, "pdf:Producer", "folio");
    xmp_simple(b, "pdf:Keywords", in->keywords);
    fo_pdf_buf_str(b, "  </rdf:Description>\n"
                      "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    xmp_simple(b, "xmp:CreatorTool", opt->creator);
    char ds[40];
    if (created->set) {
        xmp_date_string(created, ds, sizeof ds);
        xmp_simple(b, "xmp:CreateDate", ds);
    }
    if (modified->set) {
        xmp_date_string(modified, ds, sizeof ds);
        xmp_simple(b, "xmp:ModifyDate", ds);
        xmp_simple(b, "xmp:MetadataDate", ds);
    }
    fo_pdf_buf_str(b, "  </rdf:Description>\n");
    if (opt->pdfa)
        fo_pdf_buf_str(b, "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                          "   <pdfaid:part>2</pdfaid:part>\n"
                          "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                          "  </rdf:Description>\n");
    fo_pdf_buf_str(b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* A stream object holding `data`; Flate-compressed when `flate`. */
static HPDF_Dict data_stream(fo_pdf_writer *w, const void *data, size_t len, bool flate)
{
    HPDF_Doc doc = w->c.doc;
    HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!s)
        return NULL;
    if (flate)
        s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    return s;
}

static fo_status write_xmp(fo_pdf_writer *w, const fo_pdf_options *opt,
                           const fo_pdf_date *created, const fo_pdf_date *modified)
{
    fo_pdf_buf b = { 0 };
    build_xmp(&b, &w->d->info, opt, created, modified);
    if (b.oom) {
        fo_pdf_buf_free(&b);
        return fo_pdf_nomem(w->c.diag);
    }
    /* uncompressed, so that tools that scan files for XMP find it */
    HPDF_Dict s = data_stream(w, b.p, b.len, false);
    fo_pdf_buf_free(&b);
    CKP(s);
    CK(HPDF_Dict_AddName(s, "Type", "Metadata"));
    CK(HPDF_Dict_AddName(s, "Subtype", "XML"));
    CK(HPDF_Dict_Add(w->c.doc->catalog, "Metadata", s));
    return FO_OK;
}

/* ---- PDF/A output intent ---------------------------------------------- */

static fo_status output_intent(fo_pdf_writer *w, const fo_pdf_options *opt)
{
    const char *path = opt->icc_path ? opt->icc_path : FO_PDF_SRGB_ICC;
    gchar *icc = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &icc, &len, &err)) {
        fo_error(w->c.diag, NULL, 0, 0,
                 "--pdfa needs the sRGB ICC profile %s (Debian package "
                 "icc-profiles-free): %s", path, err ? err->message : "unreadable");
        if (err)
            g_error_free(err);
        return FO_ERR_IO;
    }
    /* an ICC profile starts with its size and has "acsp" at byte 36 */
    if (len < 128 || memcmp(icc + 36, "acsp", 4) != 0 || memcmp(icc + 16, "RGB ", 4) != 0) {
        fo_error(w->c.diag, NULL, 0, 0, "%s is not an RGB ICC profile", path);
        g_free(icc);
        return FO_ERR_IO;
    }
    HPDF_Doc doc = w->c.doc;
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Dict prof = data_stream(w, icc, len, w->c.compress);
    g_free(icc);
    CKP(prof);
    CK(HPDF_Dict_AddNumber(prof, "N", 3));
    HPDF_Dict oi = HPDF_Dict_New(mm);
    CKP(oi);
    CK(HPDF_Dict_AddName(oi, "Type", "OutputIntent"));
    CK(HPDF_Dict_AddName(oi, "S", "GTS_PDFA1"));
    CK(HPDF_Dict_Add(oi, "OutputConditionIdentifier",
                     HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)));
    CK(HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)));
    CK(HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL)));
    CK(HPDF_Dict_Add(oi, "DestOutputProfile", prof));
    HPDF_Array arr = HPDF_Array_New(mm);
    CKP(arr);
    CK(HPDF_Array_Add(arr, oi));
    CK(HPDF_Dict_Add(doc->catalog, "OutputIntents", arr));
    return FO_OK;
}

/* ---- page labels and /ID ----------------------------------------------- */

static fo_status page_labels(fo_pdf_writer *w)
{
    const fo_display *d = w->d;
    if (d->npages == 0)
        return FO_OK;
    if (d->nlabels == 0) {
        CK(HPDF_AddPageLabel(w->c.doc, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL));
        return FO_OK;
    }
    static const HPDF_PageNumStyle styles[] = {
        [FO_LABEL_DECIMAL] = HPDF_PAGE_NUM_STYLE_DECIMAL,
        [FO_LABEL_ROMAN_UPPER] = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN,
        [FO_LABEL_ROMAN_LOWER] = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN,
        [FO_LABEL_ALPHA_UPPER] = HPDF_PAGE_NUM_STYLE_UPPER_LETTERS,
        [FO_LABEL_ALPHA_LOWER] = HPDF_PAGE_NUM_STYLE_LOWER_LETTERS,
    };
    for (int i = 0; i < d->nlabels; i++) {
        const fo_page_label *l = &d->labels[i];
        if (l->first < 0 || l->first >= d->npages || (unsigned)l->style > FO_LABEL_ALPHA_LOWER)
            continue;
        CK(HPDF_AddPageLabel(w->c.doc, (HPDF_UINT)l->first, styles[l->style],
                             (HPDF_UINT)(l->start > 0 ? l->start : 1),
                             l->prefix && *l->prefix ? l->prefix : NULL));
    }
    return FO_OK;
}

#define ID_ZERO "<00000000000000000000000000000000>"

/* Two placeholder file identifiers; fo_pdf_finish_id fills them in. */
static fo_status id_placeholder(fo_pdf_writer *w)
{
    static const HPDF_BYTE zero[16];
    HPDF_MMgr mm = w->c.doc->mmgr;
    HPDF_Array id = HPDF_Array_New(mm);
    CKP(id);
    CK(HPDF_Array_Add(id, HPDF_Binary_New(mm, (HPDF_BYTE *)zero, 16)));
    CK(HPDF_Array_Add(id, HPDF_Binary_New(mm, (HPDF_BYTE *)zero, 16)));
    CK(HPDF_Dict_Add(w->c.doc->trailer, "ID", id));
    return FO_OK;
}

void fo_pdf_finish_id(unsigned char *pdf, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    const size_t zl = sizeof ID_ZERO - 1;
    /* the trailer is at the end: find the last two placeholders */
    unsigned char *at[2] = { NULL, NULL };
    int found = 0;
    for (size_t i = len >= zl ? len - zl + 1 : 0; i-- > 0 && found < 2;)
        if (pdf[i] == '<' && memcmp(pdf + i, ID_ZERO, zl) == 0)
            at[found++] = pdf + i;
    if (found < 2)
        return;
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    if (!ck)
        return;
    g_checksum_update(ck, pdf, (gssize)len);
    guint8 digest[32];
    gsize dl = sizeof digest;
    g_checksum_get_digest(ck, digest, &dl);
    g_checksum_free(ck);
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 16; i++) {
            at[k][1 + 2 * i] = (unsigned char)hex[digest[i] >> 4];
            at[k][2 + 2 * i] = (unsigned char)hex[digest[i] & 15];
        }
}

fo_status fo_pdf_write_meta(fo_pdf_writer *w, const fo_pdf_options *opt)
{
    fo_pdf_date created, modified;
    fo_status st;
    fo_pdf_resolve_dates(&w->d->info, opt->reproducible, w->c.diag, &created, &modified);
    if ((st = info_date(w, "CreationDate", &created)) != FO_OK ||
        (st = info_date(w, "ModDate", &modified)) != FO_OK ||
        (st = write_xmp(w, opt, &created, &modified)) != FO_OK ||
        (st = page_labels(w)) != FO_OK)
        return st;
    if (opt->pdfa && (st = output_intent(w, opt)) != FO_OK)
        return st;
    if (!w->c.doc->encrypt_on && (st = id_placeholder(w)) != FO_OK)
        return st;
    return FO_OK;
}
