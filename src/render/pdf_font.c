/* pdf_font.c — the PDF backend's font set: loads faces with HarfBuzz
 * (rejecting what cannot be embedded), records the glyphs each face draws
 * and the text each glyph maps back to (the ToUnicode policy), and answers
 * widths as written in /W.  The PDF objects are made in pdf_fontobj.c.
 * See pdf_font.h. */
#include "pdf_font_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

/* Longest ToUnicode destination, in UTF-16 units (512 bytes). */
#define TU_MAX_UNITS 256

fo_status fo_pdf_fonts_new(fo_pdf_ctx *c, const fo_display *d,
                           fo_pdf_fonts **out)
{
    *out = NULL;
    fo_pdf_fonts *f = calloc(1, sizeof *f);
    if (f && d->nfaces > 0)
        f->faces = calloc((size_t)d->nfaces, sizeof *f->faces);
    if (!f || (d->nfaces > 0 && !f->faces)) {
        free(f);
        fo_error(c->diag, NULL, 0, 0, "out of memory");
        return FO_ERR_NOMEM;
    }
    f->c = c;
    f->d = d;
    f->nfaces = d->nfaces;
    for (int i = 0; i < d->nfaces; i++)
        f->faces[i].src = &d->faces[i];
    *out = f;
    return FO_OK;
}

void fo_pdf_fonts_free(fo_pdf_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->nfaces; i++) {
        pdf_face *pf = &f->faces[i];
        if (pf->map)
            for (unsigned g = 0; g < pf->nglyphs; g++)
                free(pf->map[g].u);
        free(pf->map);
        free(pf->width);
        hb_set_destroy(pf->used);
        hb_font_destroy(pf->font);
        hb_face_destroy(pf->face);
        hb_blob_destroy(pf->blob);
    }
    free(f->faces);
    free(f);
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool yes = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return yes;
}

static fo_status nomem(fo_pdf_fonts *f)
{
    return fo_pdf_nomem(f->c->diag);
}

static fo_status load_face(fo_pdf_fonts *f, pdf_face *pf)
{
    const char *path = pf->src->path ? pf->src->path : "";
    fo_diag *diag = f->c->diag;

    pf->blob = hb_blob_create_from_file_or_fail(path);
    if (!pf->blob) {
        FILE *fp = fopen(path, "rb");
        int err = fp ? 0 : errno;
        if (fp)
            fclose(fp);
        fo_error(diag, NULL, 0, 0, "cannot read font %s: %s", path,
                 err ? strerror(err) : "unreadable file");
        return FO_ERR_FONT;
    }
    if (pf->src->index < 0 ||
        (unsigned)pf->src->index >= hb_face_count(pf->blob)) {
        fo_error(diag, NULL, 0, 0, "cannot read font %s: no face %d in the file",
                 path, pf->src->index);
        return FO_ERR_FONT;
    }
    pf->face = hb_face_create(pf->blob, (unsigned)pf->src->index);
    pf->upem = hb_face_get_upem(pf->face);
    pf->nglyphs = hb_face_get_glyph_count(pf->face);
    if (has_table(pf->face, HB_TAG('C', 'F', 'F', ' ')) ||
        has_table(pf->face, HB_TAG('C', 'F', 'F', '2'))) {
        fo_error(diag, NULL, 0, 0,
                 "cannot embed font %s: it has CFF outlines; only TrueType "
                 "(glyf) fonts can be embedded", path);
        return FO_ERR_FONT;
    }
    if (!has_table(pf->face, HB_TAG('g', 'l', 'y', 'f')) ||
        !has_table(pf->face, HB_TAG('l', 'o', 'c', 'a'))) {
        fo_error(diag, NULL, 0, 0,
                 "cannot embed font %s: it has no TrueType outlines (glyf table)", path);
        return FO_ERR_FONT;
    }
    if (pf->nglyphs == 0 || pf->upem == 0 || !has_table(pf->face, HB_TAG('h', 'e', 'a', 'd'))) {
        fo_error(diag, NULL, 0, 0, "cannot read font %s: not an OpenType/TrueType font", path);
        return FO_ERR_FONT;
    }
    pf->font = hb_font_create(pf->face);
    hb_font_set_scale(pf->font, (int)pf->upem, (int)pf->upem);
    pf->used = hb_set_create();
    pf->map = calloc(pf->nglyphs, sizeof *pf->map);
    /* every advance at once: the text writer asks for one per glyph */
    pf->width = malloc(pf->nglyphs * sizeof *pf->width);
    hb_codepoint_t *gids = malloc(pf->nglyphs * sizeof *gids);
    hb_position_t *adv = malloc(pf->nglyphs * sizeof *adv);
    if (!hb_set_allocation_successful(pf->used) || !pf->map || !pf->width || !gids || !adv) {
        free(gids);
        free(adv);
        return nomem(f);
    }
    for (unsigned g = 0; g < pf->nglyphs; g++)
        gids[g] = g;
    hb_font_get_glyph_h_advances(pf->font, pf->nglyphs, gids, sizeof *gids, adv, sizeof *adv);
    for (unsigned g = 0; g < pf->nglyphs; g++)
        pf->width[g] = (int)lround((double)adv[g] * 1000.0 / pf->upem);
    free(gids);
    free(adv);
    pf->loaded = true;
    return FO_OK;
}

/* Offers `n` code points as the text of `gid` with priority `prio`. */
static fo_status propose(pdf_face *pf, uint32_t gid, const uint32_t *cp,
                         size_t n, uint8_t prio)
{
    if (gid >= pf->nglyphs || n == 0)
        return FO_OK;
    tu_entry *e = &pf->map[gid];
    if (e->prio >= prio)
        return FO_OK;
    uint16_t *u = malloc(2 * n * sizeof *u);
    if (!u)
        return FO_ERR_NOMEM;
    size_t nu = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t one[2];
        size_t k = fo_pdf_utf16(&cp[i], 1, one);
        if (nu + k > TU_MAX_UNITS)
            break;
        memcpy(u + nu, one, k * sizeof *one);
        nu += k;
    }
    free(e->u);
    e->u = u;
    e->len = (uint16_t)nu;
    e->prio = prio;
    return FO_OK;
}

fo_status fo_pdf_fonts_note_run(fo_pdf_fonts *f, const fo_glyph_run *run)
{
    if (run->face < 0 || run->face >= f->nfaces) {
        fo_error(f->c->diag, NULL, 0, 0,
                 "PDF writer: glyph run refers to unknown face %d", run->face);
        return FO_ERR_FONT;
    }
    pdf_face *pf = &f->faces[run->face];
    fo_status st;
    if (!pf->loaded && (st = load_face(f, pf)) != FO_OK)
        return st;
    if (run->nglyphs <= 0)
        return FO_OK;

    int n = run->nglyphs;
    uint32_t *ends = malloc((size_t)n * sizeof *ends);
    if (!ends || !fo_pdf_cluster_ends(run, ends)) {
        free(ends);
        return nomem(f);
    }
    size_t tl = run->text && run->text_len > 0 ? (size_t)run->text_len : 0;
    uint32_t *cp = malloc((tl + 1) * sizeof *cp);
    bool *claimed = malloc((tl + 1) * sizeof *claimed);
    bool *done = malloc((size_t)n * sizeof *done);
    st = cp && claimed && done ? FO_OK : FO_ERR_NOMEM;
    for (int i = 0; i < n && st == FO_OK;) {
        int j = i + 1;
        while (j < n && run->glyphs[j].cluster == run->glyphs[i].cluster)
            j++;
        for (int k = i; k < j; k++) {
            if (run->glyphs[k].gid > 0xFFFF) {
                fo_error(f->c->diag, NULL, 0, 0,
                         "cannot embed font %s: glyph id %u out of range",
                         pf->src->path, (unsigned)run->glyphs[k].gid);
                st = FO_ERR_FONT;
                break;
            }
            hb_set_add(pf->used, run->glyphs[k].gid);
        }
        if (st != FO_OK)
            break;
        uint32_t s = fo_pdf_cluster_start(run, i), e = ends[i];
        size_t nb = e > s ? e - s : 0;
        memset(claimed, 0, (nb + 1) * sizeof *claimed);
        memset(done, 0, (size_t)(j - i) * sizeof *done);
        size_t ncp = nb ? fo_pdf_utf8_decode(run->text + s, nb, cp) : 0;
        if (j - i == 1) {
            st = propose(pf, run->glyphs[i].gid, cp, ncp, 3);
        } else {
            for (int k = i; k < j && st == FO_OK; k++) {
                for (size_t m = 0; m < ncp; m++) {
                    hb_codepoint_t g;
                    if (!claimed[m] && hb_font_get_nominal_glyph(pf->font, cp[m], &g) &&
                        g == run->glyphs[k].gid) {
                        claimed[m] = true;
                        done[k - i] = true;
                        st = propose(pf, g, &cp[m], 1, 2);
                        break;
                    }
                }
            }
            /* the rest goes to the first unclaimed glyph in logical order */
            size_t nr = 0;
            for (size_t m = 0; m < ncp; m++)
                if (!claimed[m])
                    cp[nr++] = cp[m];
            for (int t = 0; t < j - i && st == FO_OK && nr > 0; t++) {
                int k = run->rtl ? j - 1 - t : i + t;
                if (!done[k - i]) {
                    st = propose(pf, run->glyphs[k].gid, cp, nr, 1);
                    break;
                }
            }
        }
        i = j;
    }
    free(cp);
    free(claimed);
    free(done);
    free(ends);
    if (st == FO_ERR_NOMEM)
        return nomem(f);
    if (st == FO_OK && !hb_set_allocation_successful(pf->used))
        return nomem(f);
    return st;
}

int fo_pdf_fonts_width(const fo_pdf_fonts *f, int face, uint32_t gid)
{
    if (face < 0 || face >= f->nfaces || !f->faces[face].loaded)
        return 0;
    const pdf_face *pf = &f->faces[face];
    if (gid >= pf->nglyphs)
        return 0;
    return pf->width[gid];
}

const uint16_t *fo_pdf_fonts_unicode(const fo_pdf_fonts *f, int face,
                                     uint32_t gid, size_t *len)
{
    *len = 0;
    if (face < 0 || face >= f->nfaces || !f->faces[face].loaded)
        return NULL;
    const pdf_face *pf = &f->faces[face];
    if (gid >= pf->nglyphs || !pf->map[gid].u)
        return NULL;
    *len = pf->map[gid].len;
    return pf->map[gid].u;
}

HPDF_Dict fo_pdf_fonts_type0(fo_pdf_fonts *f, int face)
{
    if (face < 0 || face >= f->nfaces || !f->faces[face].loaded)
        return NULL;
    pdf_face *pf = &f->faces[face];
    if (pf->type0)
        return pf->type0;
    HPDF_Doc doc = f->c->doc;
    HPDF_Dict t = HPDF_Dict_New(doc->mmgr);
    if (!t || fo_pdf_failed(f->c, HPDF_Xref_Add(doc->xref, t)))
        return NULL;
    pf->type0 = t;
    return t;
}
