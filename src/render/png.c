/* png.c — the cairo raster backend: page images and contact sheets.
 * See png.h.  Faces are loaded in png_font.c. */
#include "../base/tempfile.h"
#include "png.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>

#include "png_priv.h"
#include "image.h"

#define SHEET_COLS 6
#define SHEET_GAP 12 /* px between and around thumbnails */
#define MAX_SIDE 32767

bool fo_png_parse_pages(const char *s, int *first, int *last)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (errno || end == s || a < 1 || a > INT_MAX || *s == '-' || *s == '+')
        return false;
    long b = a;
    if (*end == '-') {
        const char *t = end + 1;
        if (!*t) {
            b = 0;
        } else {
            if (*t == '-' || *t == '+')
                return false;
            errno = 0;
            b = strtol(t, &end, 10);
            if (errno || end == t || b < a || b > INT_MAX)
                return false;
        }
        if (*t && *end)
            return false;
    } else if (*end) {
        return false;
    }
    *first = (int)a;
    *last = (int)b;
    return true;
}

/* ---- drawing ----------------------------------------------------------- */

static void set_source(cairo_t *cr, fo_color c)
{
    double r = c.r < 0 ? 0 : c.r > 1 ? 1 : c.r;
    double g = c.g < 0 ? 0 : c.g > 1 ? 1 : c.g;
    double b = c.b < 0 ? 0 : c.b > 1 ? 1 : c.b;
    double a = c.a < 0 ? 0 : c.a > 1 ? 1 : c.a;
    cairo_set_source_rgba(cr, r, g, b, a);
}

typedef struct png_writer {
    fo_png_fonts *fonts;
    fo_diag *diag;
    double scale;       /* px per pt */
    int first, last;    /* 0-based page indices, inclusive */
    cairo_surface_t *surface;
    cairo_t *cr;        /* NULL while on a page that is not drawn */
    cairo_glyph_t *gbuf;
    int gcap;
    /* page files */
    const char *dir;
    int written;
    /* contact sheet */
    cairo_t *sheet;
    int sheet_cell_w, sheet_cell_h;
} png_writer;

static fo_status nomem(fo_diag *diag)
{
    fo_error(diag, NULL, 0, 0, "out of memory while drawing page images");
    return FO_ERR_NOMEM;
}

static fo_status on_begin_page(void *ctx, const fo_display *d, int page_no, const fo_page *p)
{
    png_writer *w = ctx;
    w->cr = NULL;
    if (page_no < w->first || page_no > w->last)
        return FO_OK;
    double pw = ceil(p->width * w->scale - 1e-6), ph = ceil(p->height * w->scale - 1e-6);
    if (!(pw >= 1 && ph >= 1 && pw <= MAX_SIDE && ph <= MAX_SIDE)) {
        fo_error(w->diag, NULL, 0, 0,
                 "page %d would be %.0f × %.0f px; pages must be 1 to %d px a side "
                 "(lower the resolution)", page_no + 1, pw, ph, MAX_SIDE);
        return FO_ERR_LIMIT;
    }
    w->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, (int)ph);
    if (cairo_surface_status(w->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(w->surface);
        w->surface = NULL;
        return nomem(w->diag);
    }
    w->cr = cairo_create(w->surface);
    if (cairo_status(w->cr) != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(w->cr);
        w->cr = NULL;
        return nomem(w->diag);
    }
    cairo_set_source_rgb(w->cr, 1, 1, 1);
    cairo_paint(w->cr);
    cairo_scale(w->cr, w->scale, w->scale);
    cairo_set_line_cap(w->cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(w->cr, CAIRO_LINE_JOIN_MITER);
    fo_png_fonts_apply_options(w->cr);
    return FO_OK;
}

static fo_status on_glyphs(void *ctx, const fo_glyph_run *run)
{
    png_writer *w = ctx;
    if (!w->cr || run->nglyphs <= 0 || run->color.a <= 0)
        return FO_OK;
    fo_status st;
    cairo_font_face_t *face;
    if ((st = fo_png_fonts_face(w->fonts, run->face, &face)) != FO_OK)
        return st;
    if (run->nglyphs > w->gcap) {
        int cap = run->nglyphs > 2 * w->gcap ? run->nglyphs : 2 * w->gcap;
        cairo_glyph_t *g = realloc(w->gbuf, (size_t)cap * sizeof *g);
        if (!g)
            return nomem(w->diag);
        w->gbuf = g;
        w->gcap = cap;
    }
    double pen = run->x;
    for (int i = 0; i < run->nglyphs; i++) {
        const fo_glyph *g = &run->glyphs[i];
        w->gbuf[i].index = g->gid;
        w->gbuf[i].x = pen + g->x_offset;
        w->gbuf[i].y = run->y + g->y_offset;
        pen += g->advance;
    }
    cairo_set_font_face(w->cr, face);
    cairo_set_font_size(w->cr, run->size);
    set_source(w->cr, run->color);
    cairo_show_glyphs(w->cr, w->gbuf, run->nglyphs);
    return FO_OK;
}

/* Stroke adjustment, as PDF viewers do it (poppler's Splash among them): a
 * horizontal or vertical stroke covers whole device pixels, at least one, its
 * two edges each rounded to the nearest pixel boundary.  A 0.4 pt table rule
 * stays a crisp line at 72 dpi instead of a faint grey smear, and the page
 * looks as it does in a viewer; a rule moves by at most half a pixel.
 * `c` is the centre and `w` the width, device px; sets the adjusted
 * centre and width. */
static void adjust_stroke(double c, double w, double *ac, double *aw)
{
    double e0 = floor(c - w / 2 + 0.5), e1 = floor(c + w / 2 + 0.5);
    if (e1 <= e0)
        e1 = e0 + 1;
    *ac = (e0 + e1) / 2;
    *aw = e1 - e0;
}

/* Strokes the axis-aligned segment (x1, y1)-(x2, y2), pt, `width` pt wide,
 * with stroke adjustment; other segments are stroked as they are. */
static void stroke_segment(png_writer *w, double x1, double y1, double x2, double y2,
                           double width)
{
    cairo_t *cr = w->cr;
    double k = w->scale;
    if (x1 != x2 && y1 != y2) {
        cairo_set_line_width(cr, width);
        cairo_move_to(cr, x1, y1);
        cairo_line_to(cr, x2, y2);
        cairo_stroke(cr);
        return;
    }
    double c, lw;
    cairo_save(cr);
    cairo_identity_matrix(cr);
    if (y1 == y2) {
        adjust_stroke(y1 * k, width * k, &c, &lw);
        cairo_move_to(cr, x1 * k, c);
        cairo_line_to(cr, x2 * k, c);
    } else {
        adjust_stroke(x1 * k, width * k, &c, &lw);
        cairo_move_to(cr, c, y1 * k);
        cairo_line_to(cr, c, y2 * k);
    }
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static fo_status on_rect(void *ctx, const fo_rect_item *r)
{
    png_writer *w = ctx;
    if (!w->cr)
        return FO_OK;
    bool fill = r->fill.a > 0, stroke = r->stroke.a > 0 && r->stroke_width > 0;
    if (!fill && !stroke)
        return FO_OK;
    if (fill && r->w > 0 && r->h > 0) {
        /* filled rectangles get the same adjustment (poppler, like Acrobat,
         * applies it to a fill that is a single rectangle): a 0.75 pt border
         * drawn as a fill is one crisp pixel row, not two grey ones */
        double k = w->scale, cx, cy, aw, ah;
        adjust_stroke((r->x + r->w / 2) * k, r->w * k, &cx, &aw);
        adjust_stroke((r->y + r->h / 2) * k, r->h * k, &cy, &ah);
        cairo_save(w->cr);
        cairo_identity_matrix(w->cr);
        cairo_rectangle(w->cr, cx - aw / 2, cy - ah / 2, aw, ah);
        set_source(w->cr, r->fill);
        cairo_fill(w->cr);
        cairo_restore(w->cr);
    }
    if (stroke) {
        /* four adjusted sides; the horizontal ones cover the corners */
        double x0 = r->x, y0 = r->y, x1 = r->x + r->w, y1 = r->y + r->h, h = r->stroke_width / 2;
        set_source(w->cr, r->stroke);
        stroke_segment(w, x0 - h, y0, x1 + h, y0, r->stroke_width);
        stroke_segment(w, x0 - h, y1, x1 + h, y1, r->stroke_width);
        stroke_segment(w, x0, y0 + h, x0, y1 - h, r->stroke_width);
        stroke_segment(w, x1, y0 + h, x1, y1 - h, r->stroke_width);
    }
    return FO_OK;
}

static fo_status on_line(void *ctx, const fo_line_item *l)
{
    png_writer *w = ctx;
    if (!w->cr || l->color.a <= 0 || !(l->width > 0))
        return FO_OK;
    set_source(w->cr, l->color);
    if (l->dash.style == FO_DASH_SOLID || !(l->dash.on + l->dash.off >= 0.002)) {
        stroke_segment(w, l->x1, l->y1, l->x2, l->y2, l->width);
        return FO_OK;
    }
    /* dashed or dotted (display.h): the pattern as PDF's `d`, dots as
     * zero-length dashes with round caps.  Axis-aligned dashes get the
     * stroke adjustment across the line (as poppler gives them); round
     * dots are drawn as they are. */
    cairo_t *cr = w->cr;
    double k = w->scale;
    double dashes[2] = {l->dash.on * k, l->dash.off * k};
    double x1 = l->x1 * k, y1 = l->y1 * k, x2 = l->x2 * k, y2 = l->y2 * k;
    double lw = l->width * k, c;
    bool dotted = l->dash.style == FO_DASH_DOTTED;
    if (!dotted && y1 == y2) {
        adjust_stroke(y1, lw, &c, &lw);
        y1 = y2 = c;
    } else if (!dotted && x1 == x2) {
        adjust_stroke(x1, lw, &c, &lw);
        x1 = x2 = c;
    }
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_set_line_width(cr, lw);
    cairo_set_dash(cr, dashes, 2, l->dash.phase * k);
    cairo_set_line_cap(cr, dotted ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    cairo_stroke(cr);
    cairo_restore(cr);
    return FO_OK;
}

/* Finishes drawing the current page; the caller owns w->surface. */
static fo_status finish_page(png_writer *w)
{
    cairo_status_t cs = cairo_status(w->cr);
    cairo_destroy(w->cr);
    w->cr = NULL;
    cairo_surface_flush(w->surface);
    if (cs != CAIRO_STATUS_SUCCESS) {
        fo_error(w->diag, NULL, 0, 0, "cairo could not draw a page: %s",
                 cairo_status_to_string(cs));
        return cs == CAIRO_STATUS_NO_MEMORY ? FO_ERR_NOMEM : FO_ERR_IO;
    }
    return FO_OK;
}

/* ---- files ------------------------------------------------------------- */

static cairo_status_t write_fd(void *closure, const unsigned char *data, unsigned int len)
{
    int fd = *(int *)closure;
    while (len > 0) {
        ssize_t k = write(fd, data, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return CAIRO_STATUS_WRITE_ERROR;
        data += k;
        len -= (unsigned int)k;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* Saves `s` as a PNG at `path` through a temporary file in the same folder. */
static fo_status save_png(cairo_surface_t *s, const char *path, fo_diag *diag)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return nomem(diag);
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(tmp, n + 16, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fo_error(diag, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return FO_ERR_IO;
    }
    int temp_slot = fo_temp_track(tmp); /* removed if interrupted (tempfile.h) */
    errno = 0;
    cairo_status_t cs = cairo_surface_write_to_png_stream(s, write_fd, &fd);
    int err = errno;
    if (cs == CAIRO_STATUS_SUCCESS) { /* mkstemp makes 0600; honour the umask */
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    }
    if (close(fd) != 0 && cs == CAIRO_STATUS_SUCCESS) {
        cs = CAIRO_STATUS_WRITE_ERROR;
        err = errno;
    }
    if (cs == CAIRO_STATUS_SUCCESS && rename(tmp, path) != 0) {
        cs = CAIRO_STATUS_WRITE_ERROR;
        err = errno;
    }
    if (cs != CAIRO_STATUS_SUCCESS)
        unlink(tmp);
    fo_temp_forget(temp_slot);
    if (cs != CAIRO_STATUS_SUCCESS) {
        fo_error(diag, NULL, 0, 0, "cannot write %s: %s", path,
                 cs == CAIRO_STATUS_WRITE_ERROR && err ? strerror(err)
                                                       : cairo_status_to_string(cs));
        free(tmp);
        return cs == CAIRO_STATUS_NO_MEMORY ? FO_ERR_NOMEM : FO_ERR_IO;
    }
    free(tmp);
    return FO_OK;
}

static fo_status on_end_page_file(void *ctx, int page_no)
{
    png_writer *w = ctx;
    if (!w->cr)
        return FO_OK;
    fo_status st = finish_page(w);
    if (st == FO_OK) {
        size_t n = strlen(w->dir) + 32;
        char *path = malloc(n);
        if (!path) {
            st = nomem(w->diag);
        } else {
            snprintf(path, n, "%s/page-%03d.png", w->dir, page_no + 1);
            st = save_png(w->surface, path, w->diag);
            free(path);
        }
    }
    cairo_surface_destroy(w->surface);
    w->surface = NULL;
    if (st == FO_OK)
        w->written++;
    return st;
}

static fo_status on_end_page_sheet(void *ctx, int page_no)
{
    png_writer *w = ctx;
    if (!w->cr)
        return FO_OK;
    fo_status st = finish_page(w);
    if (st == FO_OK) {
        int k = page_no - w->first;
        double x = SHEET_GAP + (k % SHEET_COLS) * (w->sheet_cell_w + SHEET_GAP);
        double y = SHEET_GAP + (k / SHEET_COLS) * (w->sheet_cell_h + SHEET_GAP);
        int sw = cairo_image_surface_get_width(w->surface);
        int sh = cairo_image_surface_get_height(w->surface);
        cairo_t *c = w->sheet;
        /* a hairline frame, then the page centred in its cell */
        double ox = x + (w->sheet_cell_w - sw) / 2, oy = y + (w->sheet_cell_h - sh) / 2;
        cairo_set_source_rgb(c, 0.45, 0.45, 0.45);
        cairo_rectangle(c, ox - 1, oy - 1, sw + 2, sh + 2);
        cairo_fill(c);
        cairo_set_source_surface(c, w->surface, ox, oy);
        cairo_paint(c);
    }
    cairo_surface_destroy(w->surface);
    w->surface = NULL;
    return st;
}

/* ---- entry points ------------------------------------------------------ */

/* Creates `dir` and any missing parents (as mkdir -p).  0 or an errno. */
static int make_dirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return ENOMEM;
    int err = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            err = errno;
            break;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return err;
}

/* Removes DIR/page-NNN.png files numbered past the document's last page,
 * left by an earlier run of a longer document: they would be taken for pages
 * of this one.  Other files are left alone. */
static void remove_stale_pages(const char *dir, int npages)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        int n, end = 0;
        if (sscanf(e->d_name, "page-%d.png%n", &n, &end) != 1 || end == 0 ||
            e->d_name[end] != '\0' || n <= npages || strncmp(e->d_name, "page-", 5) != 0 ||
            strspn(e->d_name + 5, "0123456789") < 3)
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s/%s", dir, e->d_name);
            unlink(path);
            free(path);
        }
    }
    closedir(dp);
}

/* Resolves the page range of `opt` against `d`; reports an empty range. */
static fo_status select_pages(const fo_display *d, const fo_png_options *opt,
                              int *first, int *last, fo_diag *diag)
{
    int f = opt && opt->first_page > 0 ? opt->first_page : 1;
    int l = opt && opt->last_page > 0 && opt->last_page < d->npages ? opt->last_page : d->npages;
    if (f > d->npages) {
        fo_error(diag, NULL, 0, 0, "--pages starts at page %d but the document has %d page%s",
                 f, d->npages, d->npages == 1 ? "" : "s");
        return FO_ERR_IO;
    }
    *first = f - 1;
    *last = l - 1;
    return FO_OK;
}

/* A raster image (FO_ITEM_IMAGE): decoded to 8-bit RGB (+ alpha) by
 * render/image.c and painted stretched into its box.  Layout has checked
 * the file; one that cannot be read now is an I/O error. */
static fo_status on_image(void *ctx, const fo_image_item *im)
{
    png_writer *w = ctx;
    if (!w->cr || !(im->w > 0) || !(im->h > 0))
        return FO_OK;
    fo_image_pixels px;
    char why[256] = "";
    fo_status st = fo_image_pixels_read(im->path, &px, why, sizeof why);
    if (st != FO_OK) {
        fo_error(w->diag, im->path, 0, 0, "cannot read image: %s", why);
        return st == FO_ERR_NOMEM ? FO_ERR_NOMEM : FO_ERR_IO;
    }
    cairo_surface_t *img = fo_png_surface_from_rgb(px.width, px.height, px.rgb, px.alpha);
    fo_image_pixels_free(&px);
    if (!img) {
        fo_error(w->diag, NULL, 0, 0, "out of memory while drawing page images");
        return FO_ERR_NOMEM;
    }
    fo_png_draw_image(w->cr, img, im->x, im->y, im->w, im->h);
    cairo_surface_destroy(img);
    return FO_OK;
}

static fo_status render(const fo_display *d, png_writer *w,
                        fo_status (*end_page)(void *, int))
{
    fo_status st = fo_png_fonts_new(d, w->diag, &w->fonts);
    if (st != FO_OK)
        return st;
    fo_backend be = {
        .name = "png",
        .begin_page = on_begin_page,
        .glyphs = on_glyphs,
        .rect = on_rect,
        .line = on_line,
        .end_page = end_page,
        .image = on_image,
    };
    st = fo_display_render(d, &be, w);
    if (w->cr)
        cairo_destroy(w->cr);
    if (w->surface)
        cairo_surface_destroy(w->surface);
    free(w->gbuf);
    fo_png_fonts_free(w->fonts);
    return st;
}

static fo_status check_dpi(double dpi, fo_diag *diag)
{
    if (!(dpi > 0 && dpi <= FO_PNG_MAX_DPI)) {
        fo_error(diag, NULL, 0, 0, "resolution %g dpi is out of range (1 to %d)", dpi,
                 FO_PNG_MAX_DPI);
        return FO_ERR_LIMIT;
    }
    return FO_OK;
}

fo_status fo_png_write_pages(const fo_display *d, const char *dir,
                             const fo_png_options *opt, int *written, fo_diag *diag)
{
    png_writer w = { .diag = diag, .dir = dir };
    double dpi = opt && opt->dpi > 0 ? opt->dpi : 96;
    fo_status st;
    if ((st = check_dpi(dpi, diag)) != FO_OK)
        return st;
    if ((st = select_pages(d, opt, &w.first, &w.last, diag)) != FO_OK)
        return st;
    w.scale = dpi / 72.0;
    int err = *dir ? make_dirs(dir) : ENOENT;
    if (err) {
        fo_error(diag, NULL, 0, 0, "cannot create folder %s: %s", dir, strerror(err));
        return FO_ERR_IO;
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fo_error(diag, NULL, 0, 0, "%s is not a folder", dir);
        return FO_ERR_IO;
    }
    st = render(d, &w, on_end_page_file);
    if (st == FO_OK)
        remove_stale_pages(dir, d->npages);
    if (written)
        *written = w.written;
    return st;
}

fo_status fo_png_contact_sheet(const fo_display *d, const char *path,
                               const fo_png_options *opt, fo_diag *diag)
{
    png_writer w = { .diag = diag };
    fo_status st;
    if ((st = select_pages(d, opt, &w.first, &w.last, diag)) != FO_OK)
        return st;
    int tw = opt && opt->thumb_width > 0 ? opt->thumb_width : 180;
    if (tw > 2000) {
        fo_error(diag, NULL, 0, 0, "thumbnails are at most 2000 px wide");
        return FO_ERR_LIMIT;
    }
    /* one scale for every thumbnail, from the widest page; cells fit the
     * largest page */
    double maxw = 0, maxh = 0;
    for (int i = w.first; i <= w.last; i++) {
        maxw = fmax(maxw, d->pages[i].width);
        maxh = fmax(maxh, d->pages[i].height);
    }
    if (!(maxw > 0 && maxh > 0)) {
        fo_error(diag, NULL, 0, 0, "the pages have no size");
        return FO_ERR_LIMIT;
    }
    w.scale = tw / maxw;
    w.sheet_cell_w = tw;
    w.sheet_cell_h = (int)ceil(maxh * w.scale);
    int n = w.last - w.first + 1;
    int cols = n < SHEET_COLS ? n : SHEET_COLS, rows = (n + SHEET_COLS - 1) / SHEET_COLS;
    double sw = SHEET_GAP + (double)cols * (w.sheet_cell_w + SHEET_GAP);
    double sh = SHEET_GAP + (double)rows * (w.sheet_cell_h + SHEET_GAP);
    if (sw > MAX_SIDE || sh > MAX_SIDE) {
        fo_error(diag, NULL, 0, 0,
                 "a contact sheet of %d pages would be %.0f × %.0f px, over cairo's %d px; "
                 "choose fewer pages with --pages", n, sw, sh, MAX_SIDE);
        return FO_ERR_LIMIT;
    }
    cairo_surface_t *sheet = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)sw, (int)sh);
    w.sheet = cairo_create(sheet);
    if (cairo_status(w.sheet) != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(w.sheet);
        cairo_surface_destroy(sheet);
        return nomem(diag);
    }
    cairo_set_source_rgb(w.sheet, 0.82, 0.82, 0.82);
    cairo_paint(w.sheet);
    st = render(d, &w, on_end_page_sheet);
    if (st == FO_OK && cairo_status(w.sheet) != CAIRO_STATUS_SUCCESS) {
        fo_error(diag, NULL, 0, 0, "cairo could not draw the contact sheet: %s",
                 cairo_status_to_string(cairo_status(w.sheet)));
        st = FO_ERR_NOMEM;
    }
    cairo_destroy(w.sheet);
    cairo_surface_flush(sheet);
    if (st == FO_OK)
        st = save_png(sheet, path, diag);
    cairo_surface_destroy(sheet);
    return st;
}
