/* pdf.c — the PDF backend's entry point (fo_pdf_write): the libharu
 * document, the pre-pass over the display list, pages, glyph runs,
 * rectangles and lines, and the atomic write of the file.  Links, outline
 * and document information live in pdf_nav.c, fonts in pdf_font*.c, text
 * operators in pdf_text.c. */
#include "../base/tempfile.h"
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/timing.h"
#include "pdf_text.h"
#include "pdf_writer.h"

#include <glib.h>

static double clamp01(double v)
{
    return v > 0 ? (v < 1 ? v : 1) : 0;
}

/* ---- pre-pass: anchors and glyph usage --------------------------------- */

static fo_status prepass(fo_pdf_writer *w)
{
    const fo_display *d = w->d;
    int n = 0;
    for (int p = 0; p < d->npages; p++)
        for (int i = 0; i < d->pages[p].nitems; i++)
            if (d->pages[p].items[i].kind == FO_ITEM_ANCHOR)
                n++;
    if (n > 0 && !(w->anchors = calloc((size_t)n, sizeof *w->anchors)))
        return fo_pdf_nomem(w->c.diag);
    for (int p = 0; p < d->npages; p++) {
        const fo_page *pg = &d->pages[p];
        for (int i = 0; i < pg->nitems; i++) {
            const fo_item *it = &pg->items[i];
            if (it->kind == FO_ITEM_ANCHOR && it->u.anchor.name) {
                anchor_ref *a = &w->anchors[w->nanchors];
                a->name = it->u.anchor.name;
                a->page = p;
                a->seq = w->nanchors++;
                a->x = it->u.anchor.x;
                a->y = it->u.anchor.y;
            } else if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.nglyphs > 0) {
                fo_status st = fo_pdf_fonts_note_run(w->fonts, &it->u.glyphs);
                if (st != FO_OK)
                    return st;
            }
        }
    }
    fo_pdf_sort_anchors(w);
    return FO_OK;
}

/* ---- drawing ----------------------------------------------------------- */

/* An ExtGState with the given fill (ca) and stroke (CA) alpha (§8.4.5). */
static fo_status alpha_state(fo_pdf_writer *w, double fill, double stroke)
{
    HPDF_ExtGState gs = NULL;
    for (int i = 0; i < w->ngs && !gs; i++)
        if (fabs(w->gs[i].fill - fill) < 1e-4 && fabs(w->gs[i].stroke - stroke) < 1e-4)
            gs = w->gs[i].gs;
    if (!gs) {
        gs_entry *e = realloc(w->gs, (size_t)(w->ngs + 1) * sizeof *e);
        if (!e)
            return fo_pdf_nomem(w->c.diag);
        w->gs = e;
        gs = HPDF_CreateExtGState(w->c.doc);
        CKP(gs);
        CK(HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)fill));
        CK(HPDF_ExtGState_SetAlphaStroke(gs, (HPDF_REAL)stroke));
        w->gs[w->ngs++] = (gs_entry){ fill, stroke, gs };
    }
    CK(HPDF_Page_GSave(w->page));
    CK(HPDF_Page_SetExtGState(w->page, gs));
    return FO_OK;
}

static fo_status on_begin_page(void *ctx, const fo_display *d, int page_no,
                               const fo_page *p)
{
    fo_pdf_writer *w = ctx;
    fo_status st;
    if (w->zpage && w->page && (st = fo_pdf_deflate_page(w->zpage, &w->c, w->page)) != FO_OK)
        return st;
    w->page_no = page_no;
    w->page = w->pages[page_no];
    w->page_h = p->height;
    w->page_fonts = NULL;
    w->in_text = false;
    w->dash = (fo_line_dash)FO_LINE_SOLID; /* every content stream starts so */
    if (d->nfaces > 0)
        memset(w->face_on_page, 0, (size_t)d->nfaces * sizeof *w->face_on_page);
    return FO_OK;
}

/* The page's /Resources /Font dictionary (§7.8.3), created when missing. */
static fo_status page_font_dict(fo_pdf_writer *w)
{
    if (w->page_fonts)
        return FO_OK;
    HPDF_PageAttr attr = (HPDF_PageAttr)w->page->attr;
    if (!attr->fonts) {
        HPDF_Dict res = HPDF_Page_GetInheritableItem(w->page, "Resources",
                                                     HPDF_OCLASS_DICT);
        CKP(res);
        HPDF_Dict fonts = HPDF_Dict_GetItem(res, "Font", HPDF_OCLASS_DICT);
        if (!fonts) {
            fonts = HPDF_Dict_New(w->c.doc->mmgr);
            CKP(fonts);
            CK(HPDF_Dict_Add(res, "Font", fonts));
        }
        attr->fonts = fonts; /* libharu's own font calls would find it */
    }
    w->page_fonts = attr->fonts;
    return FO_OK;
}

/* True when the display item after the one holding `run` that draws
 * anything is another opaque glyph run: the text object can stay open for
 * it.  `run` is &item->u.glyphs of an item of the current page (as
 * fo_display_render passes it); anything else answers false. */
static bool text_continues(const fo_pdf_writer *w, const fo_glyph_run *run)
{
    const fo_page *pg = &w->d->pages[w->page_no];
    uintptr_t at = (uintptr_t)run - offsetof(fo_item, u);
    uintptr_t lo = (uintptr_t)pg->items, hi = (uintptr_t)(pg->items + pg->nitems);
    if (!pg->items || at < lo || at >= hi || (at - lo) % sizeof(fo_item) != 0)
        return false;
    for (const fo_item *it = (const fo_item *)at + 1; it < pg->items + pg->nitems; it++) {
        if (it->kind == FO_ITEM_LINK || it->kind == FO_ITEM_ANCHOR ||
            it->kind == FO_ITEM_OUTLINE)
            continue; /* annotations and destinations: not content */
        return it->kind == FO_ITEM_GLYPHS && it->u.glyphs.color.a >= 1;
    }
    return false;
}

/* Closes the open text object (ET). */
static fo_status text_end(fo_pdf_writer *w)
{
    if (w->in_text) {
        w->in_text = false;
        CK(HPDF_Page_EndText(w->page));
    }
    return FO_OK;
}

/* Glyph runs in a row share one text object: BT … ET only around the
 * row, Tf and rg only when they change, Td relative to the last line. */
static fo_status on_glyphs(void *ctx, const fo_glyph_run *run)
{
    fo_pdf_writer *w = ctx;
    if (run->nglyphs <= 0 || !(run->size > 0) || !isfinite(run->size) ||
        run->color.a <= 0)
        return text_continues(w, run) ? FO_OK : text_end(w);
    char name[32];
    snprintf(name, sizeof name, "F%d", run->face);
    HPDF_Dict t0 = fo_pdf_fonts_type0(w->fonts, run->face);
    CKP(t0);
    fo_status st = page_font_dict(w);
    if (st != FO_OK)
        return st;
    if (!w->face_on_page[run->face]) {
        CK(HPDF_Dict_Add(w->page_fonts, name, t0));
        w->face_on_page[run->face] = true;
    }
    bool alpha = run->color.a < 1;
    if (alpha && ((st = text_end(w)) != FO_OK ||
                  (st = alpha_state(w, run->color.a, 1)) != FO_OK))
        return st;
    w->buf.len = 0;
    if (!w->in_text) {
        CK(HPDF_Page_BeginText(w->page));
        w->in_text = true;
        fo_pdf_text_begin(&w->ts);
    }
    fo_pdf_text_run(w->fonts, run, name, w->page_h, &w->ts, &w->buf);
    if (w->buf.oom)
        return fo_pdf_nomem(w->c.diag);
    HPDF_PageAttr attr = (HPDF_PageAttr)w->page->attr;
    CK(HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)w->buf.p, (HPDF_UINT)w->buf.len));
    if ((alpha || !text_continues(w, run)) && (st = text_end(w)) != FO_OK)
        return st;
    if (alpha)
        CK(HPDF_Page_GRestore(w->page));
    return FO_OK;
}

/* A text object never spans pages. */
static fo_status on_end_page(void *ctx, int page_no)
{
    return text_end(ctx);
}

/* Sets the dash pattern and line cap for the next stroke (PDF 1.7
 * §8.4.3.6, §8.4.3.3): `d` and `J` are written only when they change, and
 * outside any q … Q, so w->dash stays the graphics state's. */
static fo_status set_dash(fo_pdf_writer *w, const fo_line_dash *ds)
{
    fo_line_dash want = *ds;
    if (want.style == FO_DASH_SOLID || !(want.on + want.off >= 0.002)) /* [0 0] is invalid */
        want = (fo_line_dash)FO_LINE_SOLID;
    fo_line_dash *cur = &w->dash;
    if (want.style == cur->style && want.on == cur->on && want.off == cur->off &&
        want.phase == cur->phase)
        return FO_OK;
    bool round = want.style == FO_DASH_DOTTED, was_round = cur->style == FO_DASH_DOTTED;
    w->buf.len = 0;
    if (want.style == FO_DASH_SOLID) {
        fo_pdf_buf_str(&w->buf, "[] 0 d\n");
    } else {
        fo_pdf_buf_str(&w->buf, "[");
        fo_pdf_buf_num(&w->buf, want.on, 3);
        fo_pdf_buf_str(&w->buf, " ");
        fo_pdf_buf_num(&w->buf, want.off, 3);
        fo_pdf_buf_str(&w->buf, "] ");
        fo_pdf_buf_num(&w->buf, want.phase, 3);
        fo_pdf_buf_str(&w->buf, " d\n");
    }
    if (round != was_round)
        fo_pdf_buf_str(&w->buf, round ? "1 J\n" : "0 J\n");
    if (w->buf.oom)
        return fo_pdf_nomem(w->c.diag);
    HPDF_PageAttr attr = (HPDF_PageAttr)w->page->attr;
    CK(HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)w->buf.p, (HPDF_UINT)w->buf.len));
    *cur = want;
    return FO_OK;
}

static fo_status on_rect(void *ctx, const fo_rect_item *r)
{
    fo_pdf_writer *w = ctx;
    bool fill = r->fill.a > 0;
    bool stroke = r->stroke.a > 0 && r->stroke_width > 0;
    if (!fill && !stroke)
        return FO_OK;
    bool alpha = (fill && r->fill.a < 1) || (stroke && r->stroke.a < 1);
    fo_status st;
    static const fo_line_dash solid = FO_LINE_SOLID;
    if (stroke && (st = set_dash(w, &solid)) != FO_OK)
        return st;
    if (alpha && (st = alpha_state(w, fill ? clamp01(r->fill.a) : 1,
                                   stroke ? clamp01(r->stroke.a) : 1)) != FO_OK)
        return st;
    HPDF_Page p = w->page;
    if (fill)
        CK(HPDF_Page_SetRGBFill(p, (HPDF_REAL)clamp01(r->fill.r),
                                (HPDF_REAL)clamp01(r->fill.g), (HPDF_REAL)clamp01(r->fill.b)));
    if (stroke) {
        CK(HPDF_Page_SetRGBStroke(p, (HPDF_REAL)clamp01(r->stroke.r),
                                  (HPDF_REAL)clamp01(r->stroke.g), (HPDF_REAL)clamp01(r->stroke.b)));
        CK(HPDF_Page_SetLineWidth(p, (HPDF_REAL)r->stroke_width));
    }
    CK(HPDF_Page_Rectangle(p, (HPDF_REAL)r->x, (HPDF_REAL)(w->page_h - r->y - r->h),
                           (HPDF_REAL)r->w, (HPDF_REAL)r->h));
    CK(fill && stroke ? HPDF_Page_FillStroke(p) : fill ? HPDF_Page_Fill(p) : HPDF_Page_Stroke(p));
    if (alpha)
        CK(HPDF_Page_GRestore(p));
    return FO_OK;
}

static fo_status on_line(void *ctx, const fo_line_item *l)
{
    fo_pdf_writer *w = ctx;
    if (l->color.a <= 0 || !(l->width > 0))
        return FO_OK;
    fo_status st;
    if ((st = set_dash(w, &l->dash)) != FO_OK)
        return st;
    bool alpha = l->color.a < 1;
    if (alpha && (st = alpha_state(w, 1, l->color.a)) != FO_OK)
        return st;
    HPDF_Page p = w->page;
    CK(HPDF_Page_SetRGBStroke(p, (HPDF_REAL)clamp01(l->color.r),
                              (HPDF_REAL)clamp01(l->color.g), (HPDF_REAL)clamp01(l->color.b)));
    CK(HPDF_Page_SetLineWidth(p, (HPDF_REAL)l->width));
    CK(HPDF_Page_MoveTo(p, (HPDF_REAL)l->x1, (HPDF_REAL)(w->page_h - l->y1)));
    CK(HPDF_Page_LineTo(p, (HPDF_REAL)l->x2, (HPDF_REAL)(w->page_h - l->y2)));
    CK(HPDF_Page_Stroke(p));
    if (alpha)
        CK(HPDF_Page_GRestore(p));
    return FO_OK;
}

/* ---- file -------------------------------------------------------------- */

static fo_status io_error(fo_pdf_writer *w, const char *path, int err)
{
    fo_error(w->c.diag, NULL, 0, 0, "cannot write %s: %s", path, strerror(err));
    return FO_ERR_IO;
}

static bool write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        s += k;
        n -= (size_t)k;
    }
    return true;
}

/* Fault injection for the tests (tests/pdf/robust.sh): when the
 * environment variable FOLIO_FAULT_WRITE_LIMIT is a number N, writing the
 * PDF fails with ENOSPC once N bytes have been written, as on a full disk.
 * Unset (always, outside the tests) it costs one getenv per PDF. */
static long fault_write_limit(void)
{
    const char *e = getenv("FOLIO_FAULT_WRITE_LIMIT");
    if (!e || !*e)
        return -1;
    char *end;
    long v = strtol(e, &end, 10);
    return *end || v < 0 ? -1 : v;
}

/* Saves the document into memory, fills in the /ID, checks the size
 * limit, then writes the open temporary file `fd` and syncs it. */
static fo_status save(fo_pdf_writer *w, const fo_pdf_options *opt, int fd,
                      const char *path)
{
    HPDF_Doc doc = w->c.doc;
    /* set last: libharu lowers it to 1.4 when an ExtGState is made */
    doc->pdf_version = HPDF_VER_17;
    CK(HPDF_SaveToStream(doc));
    HPDF_UINT32 size = HPDF_GetStreamSize(doc);
    CK(HPDF_OK);
    unsigned char *all = malloc(size ? size : 1);
    if (!all)
        return fo_pdf_nomem(w->c.diag);
    HPDF_UINT32 n = size;
    HPDF_STATUS rs = HPDF_ReadFromStream(doc, all, &n);
    if (n != size || (rs != HPDF_OK && rs != HPDF_STREAM_EOF)) {
        free(all);
        fo_pdf_failed(&w->c, rs);
        return fo_pdf_herror(&w->c);
    }
    fo_pdf_finish_id(all, size);
    fo_status st = fo_pdf_check_size(w, size, opt->max_size);
    long limit = fault_write_limit();
    if (st == FO_OK && limit >= 0 && (long)size > limit) {
        (void)write_all(fd, all, (size_t)limit);
        st = io_error(w, path, ENOSPC);
    }
    errno = 0;
    if (st == FO_OK && !write_all(fd, all, size))
        st = io_error(w, path, errno ? errno : EIO);
    free(all);
    if (st == FO_OK && fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        st = io_error(w, path, errno);
    return st;
}

static fo_status write_doc(fo_pdf_writer *w, const fo_pdf_options *opt, int fd,
                           const char *path)
{
    const fo_display *d = w->d;
    fo_status st;
    HPDF_Doc doc = w->c.doc;
    if (opt->pdfa && (opt->user_password || opt->owner_password || opt->permissions_set)) {
        fo_error(w->c.diag, NULL, 0, 0, "PDF/A forbids encryption: drop --pdfa or the passwords and permissions");
        return FO_ERR_PDF;
    }
    if (opt->pdfa && opt->nattachments > 0) {
        fo_error(w->c.diag, NULL, 0, 0, "PDF/A-2b allows only PDF/A files as attachments: drop --pdfa or the attachments");
        return FO_ERR_PDF;
    }
    if (opt->compress)
        CK(HPDF_SetCompressionMode(doc, HPDF_COMP_ALL));
    if ((st = fo_pdf_fonts_new(&w->c, d, &w->fonts)) != FO_OK)
        return st;
    if ((st = prepass(w)) != FO_OK)
        return st;

    /* every page first: links and outline entries may point forward */
    if (d->npages > 0 && !(w->pages = calloc((size_t)d->npages, sizeof *w->pages)))
        return fo_pdf_nomem(w->c.diag);
    if (d->nfaces > 0 && !(w->face_on_page = calloc((size_t)d->nfaces, sizeof(bool))))
        return fo_pdf_nomem(w->c.diag);
    for (int i = 0; i < d->npages; i++) {
        HPDF_Page p = HPDF_AddPage(doc);
        CKP(p);
        CK(HPDF_Page_SetWidth(p, (HPDF_REAL)d->pages[i].width));
        CK(HPDF_Page_SetHeight(p, (HPDF_REAL)d->pages[i].height));
        w->pages[i] = p;
    }
    fo_backend be = {
        .name = "pdf",
        .begin_page = on_begin_page,
        .glyphs = on_glyphs,
        .rect = on_rect,
        .line = on_line,
        .link = fo_pdf_on_link,
        .outline = fo_pdf_on_outline,
        .image = fo_pdf_on_image,
        .end_page = on_end_page,
    };
    if (opt->compress && !(w->zpage = fo_pdf_deflate_new(FO_PDF_ZLEVEL)))
        return fo_pdf_nomem(w->c.diag);
    if ((st = fo_display_render(d, &be, w)) != FO_OK)
        return st;
    if (w->zpage && w->page && (st = fo_pdf_deflate_page(w->zpage, &w->c, w->page)) != FO_OK)
        return st;
    if (w->nstack > 0)
        CK(HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE));
    if ((st = fo_pdf_encrypt(w, opt)) != FO_OK ||
        (st = fo_pdf_write_info(w, opt)) != FO_OK ||
        (st = fo_pdf_write_meta(w, opt)) != FO_OK ||
        (st = fo_pdf_write_attachments(w, opt)) != FO_OK)
        return st;
    fo_timing_push(FO_T_SUBSET), st = fo_pdf_fonts_finish(w->fonts), fo_timing_pop();
    if (st != FO_OK)
        return st;
    return save(w, opt, fd, path);
}

/* Closes the temporary file `tmp` (descriptor `fd`) and, when `st` is
 * FO_OK, renames it over `path` and makes the rename durable; else removes
 * it.  Returns `st` or the I/O error met. */
static fo_status finish_file(fo_pdf_writer *w, fo_status st, int fd, const char *tmp,
                             const char *path)
{
    if (close(fd) != 0 && st == FO_OK)
        st = io_error(w, path, errno);
    if (st == FO_OK && rename(tmp, path) != 0)
        st = io_error(w, path, errno);
    if (st != FO_OK) {
        unlink(tmp);
        return st;
    }
    /* make the rename durable */
    char *dir = strdup(path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    int dfd = -1;
    if (dir) {
        if (slash == dir)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
    }
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
    return st;
}

fo_status fo_pdf_write(const fo_display *d, const char *path,
                       const fo_pdf_options *opt, fo_diag *diag)
{
    fo_pdf_options defaults = { .compress = true, .creator = NULL };
    if (!opt)
        opt = &defaults;
    fo_pdf_writer w = { .c = { .diag = diag, .compress = opt->compress }, .d = d };

    /* "-": standard output.  save() makes the whole file in memory and
     * writes it with one write_all, so an error leaves stdout untouched. */
    bool to_stdout = strcmp(path, "-") == 0;
    char *tmp = NULL;
    int fd = STDOUT_FILENO, temp_slot = -1;
    if (!to_stdout) {
        /* the temporary file first, so an unwritable target fails fast */
        size_t plen = strlen(path);
        tmp = malloc(plen + 8);
        if (!tmp)
            return fo_pdf_nomem(diag);
        memcpy(tmp, path, plen);
        memcpy(tmp + plen, ".XXXXXX", 8);
        fd = mkstemp(tmp);
        if (fd < 0) {
            fo_status st = io_error(&w, path, errno);
            free(tmp);
            return st;
        }
        temp_slot = fo_temp_track(tmp); /* removed if interrupted (tempfile.h) */
        mode_t mask = umask(0); /* not thread-safe; folio is single-threaded */
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            /* keep going: the file is still usable */
        }
    }

    fo_status st;
    w.c.doc = HPDF_New(fo_pdf_on_error, &w.c);
    if (!w.c.doc)
        st = fo_pdf_nomem(diag);
    else
        st = write_doc(&w, opt, fd, to_stdout ? "standard output" : path);

    if (!to_stdout)
        st = finish_file(&w, st, fd, tmp, path);
    fo_temp_forget(temp_slot);

    fo_pdf_buf_free(&w.buf);
    fo_pdf_deflate_free(w.zpage);
    fo_pdf_fonts_free(w.fonts);
    if (w.c.doc)
        HPDF_Free(w.c.doc);
    free(w.pages);
    free(w.face_on_page);
    free(w.anchors);
    free(w.warned);
    if (w.uri_actions)
        g_hash_table_destroy(w.uri_actions);
    free(w.gs);
    free(w.images);
    free(w.stack);
    free(tmp);
    return st;
}
