/* pdf_embed.c — file attachments (PDF 1.7 §7.11.4 embedded file streams,
 * §7.11.3 file specifications, §7.7.4 /Names /EmbeddedFiles) and
 * encryption through libharu (§7.6.3, standard security handler, RC4).
 * See pdf_writer.h.
 *
 * libharu's HPDF_AttachFile is not used: it writes the path as given (not
 * the file name), no MIME type, no size and no description. */
#include "pdf_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

typedef struct file_kind {
    const char *ext, *mime, *what;
} file_kind;

static const file_kind kinds[] = {
    { "md", "text/markdown", "Markdown source" },
    { "markdown", "text/markdown", "Markdown source" },
    { "csv", "text/csv", "CSV data" },
    { "tsv", "text/tab-separated-values", "TSV data" },
    { "txt", "text/plain", "Text" },
    { "json", "application/json", "JSON data" },
    { "xml", "application/xml", "XML data" },
    { "yaml", "application/yaml", "YAML data" },
    { "yml", "application/yaml", "YAML data" },
    { "html", "text/html", "HTML page" },
    { "css", "text/css", "Style sheet" },
    { "pdf", "application/pdf", "PDF document" },
    { "png", "image/png", "PNG image" },
    { "jpg", "image/jpeg", "JPEG image" },
    { "jpeg", "image/jpeg", "JPEG image" },
    { "svg", "image/svg+xml", "SVG image" },
    { "zip", "application/zip", "ZIP archive" },
    { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Spreadsheet" },
    { "ods", "application/vnd.oasis.opendocument.spreadsheet", "Spreadsheet" },
    { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Document" },
};

static const file_kind *kind_of(const char *name)
{
    static const file_kind other = { "", "application/octet-stream", "File" };
    const char *dot = strrchr(name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strcasecmp(dot + 1, kinds[i].ext) == 0)
                return &kinds[i];
    return &other;
}

typedef struct entry {
    char *name; /* unique key in the name tree, UTF-8 */
    int index;  /* into opt->attachments */
} entry;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* One attachment: the embedded file stream and its file specification. */
static fo_status attach_one(fo_pdf_writer *w, const fo_pdf_attachment *at,
                            const char *name, HPDF_Dict *spec_out)
{
    HPDF_Doc doc = w->c.doc;
    HPDF_MMgr mm = doc->mmgr;
    gchar *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(at->path, &data, &len, &err)) {
        fo_error(w->c.diag, NULL, 0, 0, "cannot attach %s: %s", at->path,
                 err ? err->message : "unreadable");
        if (err)
            g_error_free(err);
        return FO_ERR_IO;
    }
    if (len > 0x7FFFFFFF) {
        g_free(data);
        fo_error(w->c.diag, NULL, 0, 0, "cannot attach %s: larger than 2 GB", at->path);
        return FO_ERR_LIMIT;
    }
    const file_kind *k = kind_of(name);
    HPDF_Dict ef = HPDF_DictStream_New(mm, doc->xref);
    if (ef && w->c.compress)
        ef->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS hs = ef ? HPDF_Stream_Write(ef->stream, (const HPDF_BYTE *)data,
                                            (HPDF_UINT)len) : HPDF_OK;
    g_free(data);
    CKP(ef);
    CK(hs);
    CK(HPDF_Dict_AddName(ef, "Type", "EmbeddedFile"));
    CK(HPDF_Dict_AddName(ef, "Subtype", k->mime)); /* '/' is written as #2F */
    HPDF_Dict params = HPDF_Dict_New(mm);
    CKP(params);
    CK(HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)len));
    CK(HPDF_Dict_Add(ef, "Params", params));

    HPDF_Dict spec = HPDF_Dict_New(mm);
    CKP(spec);
    CK(HPDF_Xref_Add(doc->xref, spec));
    CK(HPDF_Dict_AddName(spec, "Type", "Filespec"));
    /* /F: a byte string; non-ASCII names keep /UF as the real name */
    char *fname = g_strdup(name);
    for (char *p = fname; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7E)
            *p = '_';
    HPDF_String f = HPDF_String_New(mm, fname, NULL);
    g_free(fname);
    CKP(f);
    CK(HPDF_Dict_Add(spec, "F", f));
    void *uf = fo_pdf_text_object(w, name);
    CKP(uf);
    CK(HPDF_Dict_Add(spec, "UF", uf));
    char *desc = at->description ? NULL : g_strdup_printf("%s: %s", k->what, name);
    void *d = fo_pdf_text_object(w, at->description ? at->description : desc);
    g_free(desc);
    CKP(d);
    CK(HPDF_Dict_Add(spec, "Desc", d));
    HPDF_Dict efd = HPDF_Dict_New(mm);
    CKP(efd);
    CK(HPDF_Dict_Add(efd, "F", ef));
    CK(HPDF_Dict_Add(efd, "UF", ef));
    CK(HPDF_Dict_Add(spec, "EF", efd));
    *spec_out = spec;
    return FO_OK;
}

fo_status fo_pdf_write_attachments(fo_pdf_writer *w, const fo_pdf_options *opt)
{
    int n = opt->nattachments;
    if (n <= 0 || !opt->attachments)
        return FO_OK;
    entry *e = calloc((size_t)n, sizeof *e);
    if (!e)
        return fo_pdf_nomem(w->c.diag);
    fo_status st = FO_OK;
    /* keys: the file names, made unique with " (2)", " (3)", ... */
    for (int i = 0; i < n && st == FO_OK; i++) {
        gchar *base = g_path_get_basename(opt->attachments[i].path);
        e[i].index = i;
        e[i].name = g_strdup(base);
        for (int k = 2; e[i].name; k++) {
            bool dup = false;
            for (int j = 0; j < i && !dup; j++)
                dup = strcmp(e[j].name, e[i].name) == 0;
            if (!dup)
                break;
            g_free(e[i].name);
            e[i].name = g_strdup_printf("%s (%d)", base, k);
        }
        g_free(base);
        if (!e[i].name)
            st = fo_pdf_nomem(w->c.diag);
    }
    /* a name tree's keys are sorted by their bytes (§7.9.6) */
    if (st == FO_OK)
        qsort(e, (size_t)n, sizeof *e, cmp_entry);
    HPDF_Array names = NULL;
    if (st == FO_OK) {
        names = HPDF_Array_New(w->c.doc->mmgr);
        if (!names)
            st = fo_pdf_herror(&w->c);
    }
    for (int i = 0; i < n && st == FO_OK; i++) {
        HPDF_Dict spec = NULL;
        st = attach_one(w, &opt->attachments[e[i].index], e[i].name, &spec);
        if (st != FO_OK)
            break;
        void *key = fo_pdf_text_object(w, e[i].name);
        if (!key || fo_pdf_failed(&w->c, HPDF_Array_Add(names, key)) ||
            fo_pdf_failed(&w->c, HPDF_Array_Add(names, spec)))
            st = fo_pdf_herror(&w->c);
    }
    for (int i = 0; i < n; i++)
        g_free(e[i].name);
    free(e);
    if (st != FO_OK)
        return st;
    HPDF_MMgr mm = w->c.doc->mmgr;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    CKP(tree);
    CK(HPDF_Dict_Add(tree, "Names", names));
    HPDF_Dict nd = HPDF_Dict_GetItem(w->c.doc->catalog, "Names", HPDF_OCLASS_DICT);
    if (!nd) {
        nd = HPDF_Dict_New(mm);
        CKP(nd);
        CK(HPDF_Dict_Add(w->c.doc->catalog, "Names", nd));
    }
    CK(HPDF_Dict_Add(nd, "EmbeddedFiles", tree));
    return FO_OK;
}

/* ---- encryption -------------------------------------------------------- */

fo_status fo_pdf_encrypt(fo_pdf_writer *w, const fo_pdf_options *opt)
{
    if (!opt->user_password && !opt->owner_password && !opt->permissions_set)
        return FO_OK;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (opt->reproducible || (sde && *sde))
        fo_warn(w->c.diag, NULL, 0, 0,
                "an encrypted PDF is not reproducible: libharu derives its file ID and keys from the clock");
    const char *user = opt->user_password ? opt->user_password : "";
    char owner_rand[33];
    const char *owner = opt->owner_password;
    if (!owner || !*owner || strcmp(owner, user) == 0) {
        /* libharu needs an owner password that differs from the user's; a
         * random one leaves the permissions to the user password alone */
        static const char hex[] = "0123456789abcdef";
        for (int i = 0; i < 32; i++)
            owner_rand[i] = hex[g_random_int_range(0, 16)];
        owner_rand[32] = '\0';
        if (owner && *owner)
            fo_warn(w->c.diag, NULL, 0, 0,
                    "the owner password equals the user password; using a random owner password");
        owner = owner_rand;
    }
    unsigned p = opt->permissions_set ? opt->permissions : FO_PDF_PERM_ALL;
    HPDF_UINT perm = HPDF_ENABLE_READ;
    if (p & FO_PDF_PERM_PRINT)
        perm |= HPDF_ENABLE_PRINT;
    if (p & FO_PDF_PERM_COPY)
        perm |= HPDF_ENABLE_COPY;
    if (p & FO_PDF_PERM_MODIFY)
        perm |= HPDF_ENABLE_EDIT_ALL;
    if (p & FO_PDF_PERM_ANNOTATE)
        perm |= HPDF_ENABLE_EDIT;
    CK(HPDF_SetPassword(w->c.doc, owner, user));
    CK(HPDF_SetEncryptionMode(w->c.doc, HPDF_ENCRYPT_R3, 16));
    CK(HPDF_SetPermission(w->c.doc, perm));
    return FO_OK;
}
