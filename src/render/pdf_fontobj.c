/* pdf_fontobj.c — writes the font set's PDF objects through libharu's
 * object layer: Type0 (PDF 1.7 §9.7.6), CIDFontType2 with /W (§9.7.4),
 * FontDescriptor (§9.8), FontFile2 from hb-subset (§9.9) and the ToUnicode
 * CMap (§9.10.3).  See pdf_font.h (fo_pdf_fonts_finish). */
#include "pdf_font_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <hb-subset.h>

/* libharu limits an array to HPDF_LIMIT_MAX_ARRAY (32767) items. */
#define W_ARRAY_MAX 32000


static int units(const pdf_face *pf, double v)
{
    return (int)lround(v * 1000.0 / pf->upem);
}

static unsigned rd16(const char *p) { return ((unsigned)(unsigned char)p[0] << 8) | (unsigned char)p[1]; }
static int rds16(const char *p) { return (int16_t)rd16(p); }
static uint32_t rd32(const char *p) { return ((uint32_t)rd16(p) << 16) | rd16(p + 2); }

typedef struct face_metrics {
    int bbox[4], ascent, descent, cap_height, stem_v, flags;
    double italic_angle;
} face_metrics;

/* FontDescriptor values (§9.8.1, §9.8.2) in 1/1000 em. */
static void get_metrics(const pdf_face *pf, face_metrics *m)
{
    memset(m, 0, sizeof *m);
    unsigned len;
    hb_blob_t *b = hb_face_reference_table(pf->face, HB_TAG('h', 'e', 'a', 'd'));
    const char *p = hb_blob_get_data(b, &len);
    bool italic = false;
    if (len >= 54) {
        for (int i = 0; i < 4; i++)
            m->bbox[i] = units(pf, rds16(p + 36 + 2 * i));
        italic = rd16(p + 44) & 2;
    }
    hb_blob_destroy(b);

    bool fixed = false;
    b = hb_face_reference_table(pf->face, HB_TAG('p', 'o', 's', 't'));
    p = hb_blob_get_data(b, &len);
    if (len >= 16) {
        m->italic_angle = (int32_t)rd32(p + 4) / 65536.0;
        fixed = rd32(p + 12) != 0;
    }
    hb_blob_destroy(b);

    unsigned weight = 400;
    int family_class = 0;
    b = hb_face_reference_table(pf->face, HB_TAG('O', 'S', '/', '2'));
    p = hb_blob_get_data(b, &len);
    if (len >= 64) {
        weight = rd16(p + 4);
        family_class = rds16(p + 30) >> 8;
        if (rd16(p + 62) & 1)
            italic = true;
    }
    hb_blob_destroy(b);

    hb_position_t v;
    m->ascent = hb_ot_metrics_get_position(pf->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)
                    ? units(pf, v) : m->bbox[3];
    m->descent = hb_ot_metrics_get_position(pf->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)
                     ? units(pf, v) : m->bbox[1];
    if (hb_ot_metrics_get_position(pf->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0) {
        m->cap_height = units(pf, v);
    } else {
        hb_codepoint_t g;
        hb_glyph_extents_t ext;
        if (hb_font_get_nominal_glyph(pf->font, 'H', &g) &&
            hb_font_get_glyph_extents(pf->font, g, &ext) && ext.y_bearing > 0)
            m->cap_height = units(pf, ext.y_bearing);
        else
            m->cap_height = m->ascent;
    }
    /* No table holds StemV; estimate it from the weight class. */
    if (weight < 50)
        weight = 50;
    m->stem_v = (int)lround(10 + 220.0 * (weight - 50) / 900.0);
    m->flags = 4; /* Symbolic: glyphs outside the standard Latin set */
    if (fixed)
        m->flags |= 1;
    if ((family_class >= 1 && family_class <= 5) || family_class == 7)
        m->flags |= 2;
    if (family_class == 10)
        m->flags |= 8;
    if (italic || m->italic_angle != 0)
        m->flags |= 64;
}

/* "ABCDEF": six letters from a hash of the glyph set (§9.6.4). */
static void subset_tag(const hb_set_t *used, char tag[7])
{
    uint32_t h = 2166136261u;
    hb_codepoint_t g = HB_SET_VALUE_INVALID;
    while (hb_set_next(used, &g)) {
        for (int i = 0; i < 4; i++) {
            h ^= (g >> (8 * i)) & 0xFF;
            h *= 16777619u;
        }
    }
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = '\0';
}

/* PostScript name without characters PDF names would need escaped. */
static void base_name(const pdf_face *pf, int index, char *out, size_t cap)
{
    char tmp[128] = "";
    const char *src = pf->src->psname && *pf->src->psname ? pf->src->psname : NULL;
    if (!src) {
        unsigned n = sizeof tmp;
        if (hb_ot_name_get_utf8(pf->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                                HB_LANGUAGE_INVALID, &n, tmp) > 0 && tmp[0])
            src = tmp;
    }
    if (!src)
        src = pf->src->family;
    size_t k = 0;
    for (const char *s = src; s && *s && k + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
            (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.')
            out[k++] = (char)ch;
    }
    out[k] = '\0';
    if (k == 0)
        snprintf(out, cap, "Font%d", index);
}

#define CK(expr)                                                  \
    do {                                                          \
        if (fo_pdf_failed(c, (expr)))                             \
            goto hfail;                                           \
    } while (0)
#define CKP(ptr)                                                  \
    do {                                                          \
        if (!(ptr) || fo_pdf_failed(c, HPDF_OK))                  \
            goto hfail;                                           \
    } while (0)

/* /W (§9.7.4.3): "first [w1 w2 …]" groups of consecutive glyph ids. */
static fo_status build_widths(fo_pdf_fonts *f, int face, HPDF_Array w)
{
    fo_pdf_ctx *c = f->c;
    pdf_face *pf = &f->faces[face];
    HPDF_MMgr mm = c->doc->mmgr;
    unsigned nranges = 0;
    hb_codepoint_t g = HB_SET_VALUE_INVALID, prev = 0;
    bool first = true;
    while (hb_set_next(pf->used, &g)) {
        if (first || g != prev + 1)
            nranges++;
        first = false;
        prev = g;
    }
    /* Too many ranges for one libharu array: cover min..max densely. */
    bool dense = 2 * nranges > W_ARRAY_MAX;
    hb_codepoint_t lo = hb_set_get_min(pf->used), hi = hb_set_get_max(pf->used);
    HPDF_Array cur = NULL;
    unsigned curn = 0;
    g = HB_SET_VALUE_INVALID;
    prev = 0;
    first = true;
    hb_codepoint_t it = lo;
    for (;;) {
        hb_codepoint_t gid;
        if (dense) {
            if (it > hi)
                break;
            gid = it++;
        } else {
            if (!hb_set_next(pf->used, &g))
                break;
            gid = g;
        }
        if (first || gid != prev + 1 || curn >= W_ARRAY_MAX) {
            CK(HPDF_Array_AddNumber(w, (HPDF_INT32)gid));
            cur = HPDF_Array_New(mm);
            CKP(cur);
            CK(HPDF_Array_Add(w, cur));
            curn = 0;
        }
        CK(HPDF_Array_AddNumber(cur, fo_pdf_fonts_width(f, face, gid)));
        curn++;
        first = false;
        prev = gid;
    }
    return FO_OK;
hfail:
    return fo_pdf_herror(c);
}

/* The ToUnicode CMap program (§9.10.3). */
static void build_cmap(const pdf_face *pf, fo_pdf_buf *b)
{
    fo_pdf_buf_str(b,
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    hb_codepoint_t g = HB_SET_VALUE_INVALID;
    unsigned total = 0;
    while (hb_set_next(pf->used, &g))
        if (g < pf->nglyphs && pf->map[g].len > 0)
            total++;
    g = HB_SET_VALUE_INVALID;
    unsigned in_block = 0;
    while (hb_set_next(pf->used, &g)) {
        if (g >= pf->nglyphs || pf->map[g].len == 0)
            continue;
        if (in_block == 0)
            fo_pdf_buf_fmt(b, "%u beginbfchar\n", total < 100 ? total : 100);
        fo_pdf_buf_str(b, "<");
        fo_pdf_buf_hex4(b, g);
        fo_pdf_buf_str(b, "> <");
        fo_pdf_buf_hex_u16(b, pf->map[g].u, pf->map[g].len);
        fo_pdf_buf_str(b, ">\n");
        total--;
        if (++in_block == 100 || total == 0) {
            fo_pdf_buf_str(b, "endbfchar\n");
            in_block = 0;
        }
    }
    fo_pdf_buf_str(b,
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n");
}

static fo_status finish_face(fo_pdf_fonts *f, int face)
{
    fo_pdf_ctx *c = f->c;
    pdf_face *pf = &f->faces[face];
    HPDF_Doc doc = c->doc;
    HPDF_MMgr mm = doc->mmgr;
    fo_status st = FO_OK;
    hb_subset_input_t *in = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *blob = NULL;
    fo_pdf_buf cmap = { 0 };

    /* fo_pdf_fonts_type0 makes a dict only for a loaded face; a face with
     * no glyphs cannot happen either, but keep the font valid anyway */
    if (hb_set_is_empty(pf->used))
        hb_set_add(pf->used, 0);

    /* subset */
    in = hb_subset_input_create_or_fail();
    if (!in) {
        st = fo_pdf_nomem(c->diag);
        goto done;
    }
    hb_set_union(hb_subset_input_glyph_set(in), pf->used);
    /* no TrueType hinting: halves the font programs; viewers rasterise
     * PDF text with their own (auto)hinting or none */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
    {
        static const hb_tag_t drop[] = {
            HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
            HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
            HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
            HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'),
            HB_TAG('m', 'o', 'r', 'x'), HB_TAG('m', 'o', 'r', 't'),
            HB_TAG('k', 'e', 'r', 'x'), HB_TAG('f', 'e', 'a', 't'),
        };
        hb_set_t *ds = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
            hb_set_add(ds, drop[i]);
    }
    sub = hb_subset_or_fail(pf->face, in);
    if (sub)
        blob = hb_face_reference_blob(sub);
    unsigned flen = 0;
    const char *fdata = blob ? hb_blob_get_data(blob, &flen) : NULL;
    if (!fdata || flen == 0) {
        fo_error(c->diag, NULL, 0, 0, "cannot embed font %s: subsetting failed",
                 pf->src->path);
        st = FO_ERR_FONT;
        goto done;
    }

    char tag[7], base[100], fontname[110];
    subset_tag(pf->used, tag);
    base_name(pf, face, base, sizeof base);
    snprintf(fontname, sizeof fontname, "%s+%s", tag, base);
    face_metrics m;
    get_metrics(pf, &m);

    /* FontFile2 (§9.9) */
    HPDF_Dict ff = HPDF_DictStream_New(mm, doc->xref);
    CKP(ff);
    CK(HPDF_Stream_Write(ff->stream, (const HPDF_BYTE *)fdata, flen));
    CK(HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)flen));
    if (c->compress)
        ff->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

    /* FontDescriptor (§9.8) */
    HPDF_Dict fd = HPDF_Dict_New(mm);
    CKP(fd);
    CK(HPDF_Xref_Add(doc->xref, fd));
    CK(HPDF_Dict_AddName(fd, "Type", "FontDescriptor"));
    CK(HPDF_Dict_AddName(fd, "FontName", fontname));
    CK(HPDF_Dict_AddNumber(fd, "Flags", m.flags));
    HPDF_Array bbox = HPDF_Array_New(mm);
    CKP(bbox);
    CK(HPDF_Dict_Add(fd, "FontBBox", bbox));
    for (int i = 0; i < 4; i++)
        CK(HPDF_Array_AddNumber(bbox, m.bbox[i]));
    CK(HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)m.italic_angle));
    CK(HPDF_Dict_AddNumber(fd, "Ascent", m.ascent));
    CK(HPDF_Dict_AddNumber(fd, "Descent", m.descent));
    CK(HPDF_Dict_AddNumber(fd, "CapHeight", m.cap_height));
    CK(HPDF_Dict_AddNumber(fd, "StemV", m.stem_v));
    CK(HPDF_Dict_Add(fd, "FontFile2", ff));

    /* CIDFontType2 (§9.7.4) */
    HPDF_Dict cid = HPDF_Dict_New(mm);
    CKP(cid);
    CK(HPDF_Xref_Add(doc->xref, cid));
    CK(HPDF_Dict_AddName(cid, "Type", "Font"));
    CK(HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2"));
    CK(HPDF_Dict_AddName(cid, "BaseFont", fontname));
    HPDF_Dict si = HPDF_Dict_New(mm);
    CKP(si);
    CK(HPDF_Dict_Add(cid, "CIDSystemInfo", si));
    HPDF_String s = HPDF_String_New(mm, "Adobe", NULL);
    CKP(s);
    CK(HPDF_Dict_Add(si, "Registry", s));
    s = HPDF_String_New(mm, "Identity", NULL);
    CKP(s);
    CK(HPDF_Dict_Add(si, "Ordering", s));
    CK(HPDF_Dict_AddNumber(si, "Supplement", 0));
    CK(HPDF_Dict_Add(cid, "FontDescriptor", fd));
    CK(HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity"));
    HPDF_Array w = HPDF_Array_New(mm);
    CKP(w);
    CK(HPDF_Dict_Add(cid, "W", w));
    if ((st = build_widths(f, face, w)) != FO_OK)
        goto done;

    /* ToUnicode (§9.10.3) */
    build_cmap(pf, &cmap);
    if (cmap.oom) {
        st = fo_pdf_nomem(c->diag);
        goto done;
    }
    HPDF_Dict tu = HPDF_DictStream_New(mm, doc->xref);
    CKP(tu);
    CK(HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)cmap.p, (HPDF_UINT)cmap.len));
    if (c->compress)
        tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

    /* Type0 (§9.7.6) */
    HPDF_Dict t0 = pf->type0;
    CK(HPDF_Dict_AddName(t0, "Type", "Font"));
    CK(HPDF_Dict_AddName(t0, "Subtype", "Type0"));
    CK(HPDF_Dict_AddName(t0, "BaseFont", fontname));
    CK(HPDF_Dict_AddName(t0, "Encoding", "Identity-H"));
    HPDF_Array desc = HPDF_Array_New(mm);
    CKP(desc);
    CK(HPDF_Dict_Add(t0, "DescendantFonts", desc));
    CK(HPDF_Array_Add(desc, cid));
    CK(HPDF_Dict_Add(t0, "ToUnicode", tu));
    goto done;

hfail:
    st = fo_pdf_herror(c);
done:
    fo_pdf_buf_free(&cmap);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    hb_subset_input_destroy(in);
    return st;
}

fo_status fo_pdf_fonts_finish(fo_pdf_fonts *f)
{
    for (int i = 0; i < f->nfaces; i++) {
        if (!f->faces[i].type0)
            continue;
        fo_status st = finish_face(f, i);
        if (st != FO_OK)
            return st;
    }
    return FO_OK;
}

