/* pdf_nav.c — the PDF backend's navigation and metadata: named anchors,
 * explicit destinations, link annotations, the outline (bookmarks), the
 * info dictionary and /Lang.  See pdf_writer.h. */
#include "pdf_writer.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
            return false;
    return true;
}

/* A PDF text string object for UTF-8 `s`: a literal string when it is
 * printable ASCII, else UTF-16BE with a byte order mark (§7.9.2.2). */
void *fo_pdf_text_object(fo_pdf_writer *w, const char *s)
{
    HPDF_MMgr mm = w->c.doc->mmgr;
    if (plain_ascii(s))
        return HPDF_String_New(mm, s, NULL);
    unsigned char *bytes;
    size_t len;
    if (!fo_pdf_text_string(s, HPDF_LIMIT_MAX_STRING_LEN - 1, &bytes, &len))
        return NULL;
    HPDF_Binary b = HPDF_Binary_New(mm, bytes, (HPDF_UINT)len);
    free(bytes);
    return b;
}

static int cmp_anchor(const void *a, const void *b)
{
    const anchor_ref *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

void fo_pdf_sort_anchors(fo_pdf_writer *w)
{
    if (w->nanchors > 1)
        qsort(w->anchors, (size_t)w->nanchors, sizeof *w->anchors, cmp_anchor);
}

/* The first anchor named `name` in document order, or NULL. */
static const anchor_ref *find_anchor(const fo_pdf_writer *w, const char *name)
{
    int lo = 0, hi = w->nanchors;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (strcmp(w->anchors[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->nanchors && strcmp(w->anchors[lo].name, name) == 0
               ? &w->anchors[lo] : NULL;
}

/* ---- links and outline ------------------------------------------------- */

/* An explicit destination [page /XYZ left top null] (§12.3.2.2): null zoom
 * keeps the viewer's zoom.  `x`, `y` in display coordinates of `page_no`. */
static fo_status make_dest(fo_pdf_writer *w, int page_no, double x, double y,
                           HPDF_Destination *out)
{
    HPDF_Page target = w->pages[page_no];
    double top = w->d->pages[page_no].height - y;
    HPDF_REAL left = (HPDF_REAL)(x > 0 && isfinite(x) ? x : 0);
    HPDF_REAL t = (HPDF_REAL)(top > 0 && isfinite(top) ? top : 0);
    HPDF_Destination dst = HPDF_Page_CreateDestination(target);
    CKP(dst);
    CK(HPDF_Destination_SetXYZ(dst, left, t, 1));
    /* libharu requires a zoom of 0.08..32; replace it with null */
    HPDF_Array_Clear(dst);
    CK(HPDF_Array_Add(dst, target));
    CK(HPDF_Array_AddName(dst, "XYZ"));
    CK(HPDF_Array_AddReal(dst, left));
    CK(HPDF_Array_AddReal(dst, t));
    HPDF_Null null = HPDF_Null_New(w->c.doc->mmgr);
    CKP(null);
    CK(HPDF_Array_Add(dst, null));
    *out = dst;
    return FO_OK;
}

/* The URI as ASCII (§12.6.4.7): bytes outside printable ASCII and spaces
 * are percent-encoded. */
static void uri_ascii(const char *uri, fo_pdf_buf *b)
{
    b->len = 0;
    for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
        if (*s <= 0x20 || *s >= 0x7F)
            fo_pdf_buf_fmt(b, "%%%02X", *s);
        else
            fo_pdf_buf_put(b, s, 1);
    }
    fo_pdf_buf_put(b, "", 0);
}

/* The URI action for `uri` (ASCII, as uri_ascii made it): one indirect
 * object per distinct URI, made on first use and referenced from every link
 * annotation to it (§12.5.6.5: /A may be an indirect reference; §12.6.4.7
 * URI actions), so a link wrapped over many lines carries its URI once.
 * The xref owns the object.  NULL when out of memory (error recorded). */
static HPDF_Dict uri_action(fo_pdf_writer *w, const char *uri)
{
    if (!w->uri_actions)
        w->uri_actions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    HPDF_Dict act = g_hash_table_lookup(w->uri_actions, uri);
    if (act)
        return act;
    HPDF_MMgr mm = w->c.doc->mmgr;
    act = HPDF_Dict_New(mm);
    if (!act || fo_pdf_failed(&w->c, HPDF_Xref_Add(w->c.doc->xref, act)))
        return NULL;
    HPDF_String s = HPDF_String_New(mm, uri, NULL);
    if (!s || fo_pdf_failed(&w->c, HPDF_Dict_AddName(act, "Type", "Action")) ||
        fo_pdf_failed(&w->c, HPDF_Dict_AddName(act, "S", "URI")) ||
        fo_pdf_failed(&w->c, HPDF_Dict_Add(act, "URI", s)))
        return NULL;
    g_hash_table_insert(w->uri_actions, g_strdup(uri), act);
    return act;
}

fo_status fo_pdf_on_link(void *ctx, const fo_link_item *l)
{
    fo_pdf_writer *w = ctx;
    HPDF_Rect rect = { (HPDF_REAL)l->x, (HPDF_REAL)(w->page_h - l->y - l->h),
                       (HPDF_REAL)(l->x + l->w), (HPDF_REAL)(w->page_h - l->y) };
    HPDF_Annotation a;
    if (l->uri) {
        uri_ascii(l->uri, &w->buf);
        if (w->buf.oom)
            return fo_pdf_nomem(w->c.diag);
        if (!w->buf.p || !w->buf.p[0])
            return FO_OK; /* nothing to go to */
        if (w->buf.len - 1 > HPDF_LIMIT_MAX_STRING_LEN) {
            /* libharu writes no longer string */
            if (!w->warned_long_uri)
                fo_warn(w->c.diag, NULL, 0, 0,
                        "a link's URI is %zu bytes, more than the PDF writer's limit of %d; "
                        "its text is kept without a link", w->buf.len - 1,
                        HPDF_LIMIT_MAX_STRING_LEN);
            w->warned_long_uri = true;
            return FO_OK;
        }
        HPDF_Dict act = uri_action(w, w->buf.p);
        CKP(act);
        /* libharu 2.3.0 gives every URI link annotation its own direct
         * action with the whole URI; make it with a placeholder URI and
         * replace that action (HPDF_Dict_Add frees it) by a reference to
         * the shared one. */
        a = HPDF_Page_CreateURILinkAnnot(w->page, rect, "-");
        CKP(a);
        CK(HPDF_Dict_Add(a, "A", act));
    } else if (l->dest) {
        const anchor_ref *an = find_anchor(w, l->dest);
        if (!an) {
            for (int i = 0; i < w->nwarned; i++)
                if (strcmp(w->warned[i], l->dest) == 0)
                    return FO_OK;
            const char **nw = realloc(w->warned, (size_t)(w->nwarned + 1) * sizeof *nw);
            if (!nw)
                return fo_pdf_nomem(w->c.diag);
            w->warned = nw;
            w->warned[w->nwarned++] = l->dest;
            fo_warn(w->c.diag, NULL, 0, 0,
                    "link to missing anchor \"%s\" dropped", l->dest);
            return FO_OK;
        }
        HPDF_Destination dst;
        fo_status st = make_dest(w, an->page, an->x, an->y, &dst);
        if (st != FO_OK)
            return st;
        a = HPDF_Page_CreateLinkAnnot(w->page, rect, dst);
        CKP(a);
    } else {
        return FO_OK;
    }
    CK(HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0));
    /* Print flag: PDF/A-2 (ISO 19005-2 §6.3.2) wants annotations printed */
    CK(HPDF_Dict_AddNumber(a, "F", 4));
    return FO_OK;
}

fo_status fo_pdf_on_outline(void *ctx, const fo_outline_item *o)
{
    fo_pdf_writer *w = ctx;
    while (w->nstack > 0 && w->stack[w->nstack - 1].level >= o->level)
        w->nstack--;
    HPDF_Outline parent = w->nstack > 0 ? w->stack[w->nstack - 1].outline : NULL;
    const char *title = o->title ? o->title : "";
    HPDF_Outline ol = HPDF_CreateOutline(w->c.doc, parent,
                                         plain_ascii(title) ? title : "", NULL);
    CKP(ol);
    if (!plain_ascii(title)) {
        void *t = fo_pdf_text_object(w, title);
        CKP(t);
        CK(HPDF_Dict_Add(ol, "Title", t));
    }
    HPDF_Destination dst;
    fo_status st = make_dest(w, w->page_no, 0, o->y, &dst);
    if (st != FO_OK)
        return st;
    CK(HPDF_Outline_SetDestination(ol, dst));
    outline_level *s = realloc(w->stack, (size_t)(w->nstack + 1) * sizeof *s);
    if (!s)
        return fo_pdf_nomem(w->c.diag);
    w->stack = s;
    w->stack[w->nstack++] = (outline_level){ o->level, ol };
    return FO_OK;
}

/* ---- document info ----------------------------------------------------- */

/* `utf8` in PDFDocEncoding (PDF 1.7 Annex D.2) into `out` (cap bytes, NUL
 * terminated); characters it lacks become '?'.  Returns false when some
 * did. */
static bool pdfdoc(const char *utf8, char *out, size_t cap)
{
    static const uint16_t hi[] = { /* 0x80..0xA0 */
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039,
        0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A,
        0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017D, 0x0131,
        0x0142, 0x0153, 0x0161, 0x017E, 0xFFFF, 0x20AC,
    };
    size_t n = strlen(utf8), k = 0;
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    bool all = true;
    size_t m = cp ? fo_pdf_utf8_decode(utf8, n, cp) : 0;
    for (size_t i = 0; i < m && k + 1 < cap; i++) {
        uint32_t c = cp[i];
        int b = -1;
        if (c >= 0x20 && c < 0x7F)
            b = (int)c;
        else if (c > 0xA0 && c <= 0xFF && c != 0xAD)
            b = (int)c;
        else
            for (int j = 0; j < (int)(sizeof hi / sizeof hi[0]); j++)
                if (hi[j] == c)
                    b = 0x80 + j;
        if (b < 0) {
            b = '?';
            all = false;
        }
        out[k++] = (char)b;
    }
    out[k] = '\0';
    free(cp);
    return all && cp;
}

static fo_status set_info(fo_pdf_writer *w, HPDF_InfoType type, const char *key,
                          const char *val)
{
    if (!val || !*val)
        return FO_OK;
    bool ascii = plain_ascii(val);
    if (!ascii && w->c.doc->encrypt_on) {
        /* libharu 2.3.0 reads the info strings to make the file ID of an
         * encrypted file and fails on UTF-16 (binary) ones */
        char s[HPDF_LIMIT_MAX_STRING_LEN];
        if (!pdfdoc(val, s, sizeof s))
            fo_warn(w->c.diag, NULL, 0, 0,
                    "encrypted PDF: the /%s entry lost characters PDFDocEncoding lacks "
                    "(the XMP metadata keeps them)", key);
        CK(HPDF_SetInfoAttr(w->c.doc, type, s));
        return FO_OK;
    }
    CK(HPDF_SetInfoAttr(w->c.doc, type, ascii ? val : ""));
    if (!ascii) {
        void *t = fo_pdf_text_object(w, val);
        CKP(t);
        CK(HPDF_Dict_Add(w->c.doc->info, key, t));
    }
    return FO_OK;
}

fo_status fo_pdf_write_info(fo_pdf_writer *w, const fo_pdf_options *opt)
{
    const fo_display_info *in = &w->d->info;
    fo_status st;
    if ((st = set_info(w, HPDF_INFO_TITLE, "Title", in->title)) ||
        (st = set_info(w, HPDF_INFO_AUTHOR, "Author", in->author)) ||
        (st = set_info(w, HPDF_INFO_SUBJECT, "Subject", in->subject)) ||
        (st = set_info(w, HPDF_INFO_KEYWORDS, "Keywords", in->keywords)) ||
        (st = set_info(w, HPDF_INFO_CREATOR, "Creator", opt->creator)) ||
        (st = set_info(w, HPDF_INFO_PRODUCER, "Producer", "folio")))
        return st;
    if (in->lang && *in->lang) {
        /* /Lang in the catalog (§14.9.2.1): libharu has no API for it */
        void *lang = fo_pdf_text_object(w, in->lang);
        CKP(lang);
        CK(HPDF_Dict_Add(w->c.doc->catalog, "Lang", lang));
    }
    return FO_OK;
}
