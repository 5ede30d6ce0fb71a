/* image.c — block images (figures).
 *
 * A paragraph whose only content is one or more images (each possibly
 * inside a link), separated by white space, is laid out as figures: each
 * image on its own box, centred in the measure, at 96 px per inch (CSS
 * px = 0.75 pt; a JPEG's JFIF resolution when it gives one), scaled down —
 * never up — to fit the measure and the page's text area, aspect ratio
 * kept.  The image's title, when present, is a caption below it (class
 * `caption`).  Images inside running text stay as their alt text in
 * brackets (inline.c).
 *
 * The destination is a file path relative to the Markdown file's
 * directory (percent-escapes decoded); a URL with a scheme is not fetched.
 * A missing, remote or unreadable image gives a warning with its line and
 * a placeholder: a grey frame with the alt text and the path in it.
 */
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include "../base/confine.h"
#include "lay.h"

#include <stdlib.h>
#include <string.h>

#include "../render/image.h"

/* Skips white-space-only text and breaks. */
static bool is_blank(const fo_node *n)
{
    if (n->type == FO_NODE_SOFTBREAK || n->type == FO_NODE_LINEBREAK)
        return true;
    if (n->type != FO_NODE_TEXT || !n->text)
        return false;
    for (const char *s = n->text; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* The image of a child of a paragraph: the node itself, or the only
 * non-blank child of a link. */
static const fo_node *image_of(const fo_node *n)
{
    if (n->type == FO_NODE_IMAGE)
        return n;
    if (n->type != FO_NODE_LINK)
        return NULL;
    const fo_node *img = NULL;
    for (const fo_node *c = n->first; c; c = c->next) {
        if (is_blank(c))
            continue;
        if (c->type != FO_NODE_IMAGE || img)
            return NULL;
        img = c;
    }
    return img;
}

bool lay_is_figure_paragraph(const fo_node *p)
{
    if (p->type != FO_NODE_PARAGRAPH)
        return false;
    int images = 0;
    for (const fo_node *c = p->first; c; c = c->next) {
        if (is_blank(c))
            continue;
        if (!image_of(c))
            return false;
        images++;
    }
    return images > 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Whether an existing image file lies in a folder folio may read
 * (base/confine.h).  A missing file passes: fo_image_load reports it. */
/* False when `path` exists and is not a regular file (a missing file is
 * the loader's "No such file" error). */
static bool regular_or_missing(const char *path)
{
    struct stat st;
    return stat(path, &st) != 0 || S_ISREG(st.st_mode);
}

static bool confined(fo_lay *L, const char *path)
{
    const fo_confine *c = L->opt ? L->opt->confine : NULL;
    if (!c || access(path, F_OK) != 0)
        return true;
    fo_diag quiet; /* the caller's one warning says why */
    fo_diag_init(&quiet);
    quiet.out = NULL;
    char *real = NULL;
    bool ok = fo_confine_resolve(c, NULL, path, NULL, 0, 0, &real, &quiet) == FO_CONFINE_OK;
    free(real);
    fo_diag_dispose(&quiet);
    return ok;
}

/* The file for destination `url`, or NULL for a URL with a scheme.
 * g_free the result. */
static char *resolve(const fo_doc *doc, const char *url)
{
    const char *colon = strchr(url, ':');
    const char *slash = strchr(url, '/');
    if (colon && (!slash || colon < slash) && colon - url > 1)
        return NULL; /* http:, https:, data:, file: ... (a drive letter has 1 char) */
    GString *g = g_string_new(NULL);
    for (const char *s = url; *s; s++) {
        int h1, h2;
        if (*s == '%' && (h1 = hexval(s[1])) >= 0 && (h2 = hexval(s[2])) >= 0) {
            g_string_append_c(g, (char)(h1 * 16 + h2));
            s += 2;
        } else {
            g_string_append_c(g, *s);
        }
    }
    char *path = g_string_free(g, FALSE);
    if (g_path_is_absolute(path) || !doc->path || strcmp(doc->path, "<stdin>") == 0 ||
        strcmp(doc->path, "-") == 0)
        return path;
    char *dir = g_path_get_dirname(doc->path);
    char *full = g_build_filename(dir, path, NULL);
    g_free(dir);
    g_free(path);
    return full;
}

/* A line of plain text `s` in style `st`, centred in [x, x + w], its top
 * at y (pt, relative to the box). Returns its height. */
static double centred_text(fo_lay *L, const char *s, const fo_style *st, double x, double w,
                           double y, int line)
{
    lay_text t;
    lay_text_plain(L, s, strlen(s), false, line, &t);
    fo_style cs = *st;
    cs.text_align = FO_TEXT_CENTER;
    cs.text_indent = 0;
    lay_shaped sh;
    double h = 0;
    if (lay_shape(L, &t, &cs, w, &sh)) {
        h = lay_shaped_height(&sh);
        lay_shaped_emit(L, &sh, &t, &cs, x, y);
        lay_shaped_dispose(&sh);
    }
    lay_text_dispose(&t);
    return h;
}

/* Measures a centred text's height without emitting it. */
static double text_height(fo_lay *L, const char *s, const fo_style *st, double w, int line)
{
    lay_text t;
    lay_text_plain(L, s, strlen(s), false, line, &t);
    fo_style cs = *st;
    cs.text_indent = 0;
    lay_shaped sh;
    double h = 0;
    if (lay_shape(L, &t, &cs, w, &sh)) {
        h = lay_shaped_height(&sh);
        lay_shaped_dispose(&sh);
    }
    lay_text_dispose(&t);
    return h;
}

static void figure(fo_lay *L, lay_frame *f, const fo_node *img, const fo_node *link)
{
    fo_elem e;
    fo_style s;
    lay_child_style(L, f, "img", NULL, &e, &s);
    lay_break_before(L, &s);
    lay_margin(L, s.margin_top);
    double x0 = f->x + s.margin_left;
    double W = lay_clamp_measure(f->w - s.margin_left - s.margin_right);
    char *alt = fo_node_plain_text((fo_doc *)L->doc, img);
    const char *alt_s = alt ? alt : "";
    const char *url = img->url ? img->url : "";
    char *path = resolve(L->doc, url);
    fo_image_info info;
    char why[256] = "";
    fo_status st = FO_ERR_DOC;
    if (!path)
        snprintf(why, sizeof why, "remote images are not fetched");
    else if (!*url)
        snprintf(why, sizeof why, "no file name");
    else if (!regular_or_missing(path))
        snprintf(why, sizeof why, "not a regular file (a folder, FIFO or device)");
    else if (!confined(L, path))
        snprintf(why, sizeof why, "outside the folders folio may read (the document's, the "
                                  "style sheet's, the fonts folder and --allow-path)");
    else
        st = fo_image_load(path, &info, why, sizeof why);
    if (st == FO_ERR_NOMEM) {
        g_free(path);
        lay_fail(L, st);
        return;
    }

    /* The caption's style and height come first: the image leaves room. */
    fo_elem ce;
    fo_style cs;
    lay_child_style(L, f, "div", "caption", &ce, &cs);
    bool caption = img->title && *img->title;
    double cap_h = caption ? cs.margin_top + text_height(L, img->title, &cs, W, img->line) : 0;

    double w, h;
    if (st == FO_OK) {
        double px_pt_x = info.dpi_x > 0 ? 72.0 / info.dpi_x : 0.75;
        double px_pt_y = info.dpi_y > 0 ? 72.0 / info.dpi_y : 0.75;
        w = info.width * px_pt_x;
        h = info.height * px_pt_y;
        double room = L->area_h_min - cap_h; /* fits on any page kind */
        if (room < L->area_h_min / 2)
            room = L->area_h_min / 2;
        /* width / max-width (CSS 2.1 §10.2, §10.4; aspect ratio kept, so
         * a width may scale up), then never wider than the measure nor
         * taller than the room on a page. */
        double k = 1;
        if (s.width >= 0 && w > 0)
            k = s.width / w;
        if (s.max_width >= 0 && w * k > s.max_width)
            k = s.max_width / w;
        if (w * k > W)
            k = W / w;
        if (h * k > room)
            k = room / h;
        w *= k;
        h *= k;
    } else {
        fo_warn(L->diag, L->doc->path, img->line, img->col,
                "cannot use image '%s': %s; drawing a placeholder", url, why);
        w = W < 240 ? W : 240;
        h = 0; /* set below from the text */
    }
    /* Centred in the measure, unless one margin alone is auto (CSS 2.1
     * §10.3.3): margin-left: auto sets it flush right, margin-right: auto
     * flush left. */
    double x = x0 + (W - w) / 2;
    if ((s.margin_auto & 10) == 8)
        x = x0 + W - w;
    else if ((s.margin_auto & 10) == 2)
        x = x0;
    if (st == FO_OK) {
        if (lay_box_begin(L, h, img->line) >= 0) {
            /* Preflight: fewer than 150 px per inch prints soft. */
            double ppi = w > 0 ? info.width / (w / 72.0) : 0;
            if (LAY_PF(L) && ppi > 0 && ppi < FO_PREFLIGHT_MIN_PPI) {
                char d[320];
                snprintf(d, sizeof d, "image '%.200s' drawn at %.0f px per inch (under %d)", url,
                         ppi, FO_PREFLIGHT_MIN_PPI);
                fo_preflight_add(LAY_PF(L), FO_PF_LOW_RES_IMAGE, 0, img->line, L->nboxes - 1, d);
            }
            fo_item it = {.kind = FO_ITEM_IMAGE};
            it.u.image = (fo_image_item){fo_display_strdup(L->dl, path), info.format, info.width,
                                         info.height, x, 0, w, h, fo_display_strdup(L->dl, alt_s)};
            lay_item_add(L, &it);
        }
    } else {
        fo_elem pe;
        fo_style ps;
        lay_child_style(L, f, "div", "image-placeholder", &pe, &ps);
        char *label = g_strdup_printf("%s%s[image: %s]", alt_s, *alt_s ? " " : "", url);
        double pad = 6;
        h = text_height(L, label, &ps, w - 2 * pad, img->line) + 2 * pad;
        if (lay_box_begin(L, h, img->line) >= 0) {
            fo_item r = {.kind = FO_ITEM_RECT};
            r.u.rect = (fo_rect_item){x, 0, w, h, {0.96, 0.96, 0.96, 1}, {0.6, 0.6, 0.6, 1}, 0.75};
            lay_item_add(L, &r);
            centred_text(L, label, &ps, x + pad, w - 2 * pad, pad, img->line);
        }
        g_free(label);
    }
    if (link && link->url && *link->url && !lay_link_is_dead(L, link, L->nboxes - 1)) {
        fo_item it = {.kind = FO_ITEM_LINK};
        it.u.link = (fo_link_item){x, 0, w, h, NULL, NULL};
        if (link->url[0] == '#')
            it.u.link.dest = fo_display_strdup(L->dl, link->url + 1);
        else
            it.u.link.uri = fo_display_strdup(L->dl, link->url);
        lay_item_add(L, &it);
    }
    if (caption) {
        L->keep_with_prev = true;
        lay_margin(L, cs.margin_top);
        double ch = text_height(L, img->title, &cs, W, img->line);
        if (lay_box_begin(L, ch, img->line) >= 0)
            centred_text(L, img->title, &cs, x0, W, 0, img->line);
        lay_margin(L, cs.margin_bottom);
    }
    g_free(path);
    lay_margin(L, s.margin_bottom);
    lay_break_after(L, &s);
}

void lay_figures(fo_lay *L, lay_frame *f, const fo_node *p)
{
    for (const fo_node *c = p->first; c && L->status == FO_OK; c = c->next) {
        const fo_node *img = image_of(c);
        if (img)
            figure(L, f, img, c->type == FO_NODE_LINK ? c : NULL);
    }
}
