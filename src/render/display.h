/* display.h — the display list: folio's third seam.
 *
 * Layout fills an fo_display with pages of positioned items; backends
 * (render/pdf, render/png) draw only what is on it and never lay out.
 * Coordinates are points, origin at the page's top-left, y growing down.
 * Only the PDF backend converts to PDF's y-up space.
 *
 * Ownership: an fo_display owns an arena; every array and string reachable
 * from it is allocated there (fo_display_alloc / fo_display_strdup) and freed
 * by fo_display_free.
 */
#ifndef FO_DISPLAY_H
#define FO_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../style/style.h"

/* A font face as a file: the PDF backend subsets and embeds it, the PNG
 * backend loads it with FreeType.  `units_per_em` and the metrics come from
 * the face's head/hhea/OS2 tables (font units). */
typedef struct fo_face {
    const char *path;   /* absolute file path */
    int index;          /* face index within the file (TTC) */
    const char *family; /* family name, for diagnostics and PDF names */
    const char *psname; /* PostScript name, "" when the face has none */
} fo_face;

/* One shaped glyph.  `cluster` is the byte offset, within the run's `text`,
 * of the first character of the cluster this glyph belongs to.  Glyphs of a
 * left-to-right run have non-decreasing clusters. */
/* 20 bytes: float holds Pango's 1/1024 pt positions exactly below 16 000 pt,
 * and glyphs are most of a long document's memory (docs/performance.md). */
typedef struct fo_glyph {
    uint32_t gid;      /* glyph id in the face (not a character code) */
    float advance;     /* pt, horizontal */
    float x_offset;    /* pt, from the pen position, right-positive */
    float y_offset;    /* pt, from the baseline, down-positive */
    uint32_t cluster;  /* byte offset into the run's text */
} fo_glyph;

/* A run of glyphs in one face, size and colour on one baseline. The pen
 * starts at (x, y) and advances by each glyph's advance. */
typedef struct fo_glyph_run {
    int face;             /* index into fo_display.faces */
    double size;          /* font size, pt (em) */
    fo_color color;
    double x, y;          /* baseline origin, pt */
    const fo_glyph *glyphs;
    int nglyphs;
    const char *text;     /* UTF-8 text the glyphs were shaped from */
    int text_len;         /* bytes */
    bool rtl;             /* right-to-left run: clusters decrease */
    bool actual_only;     /* `text` (maybe empty) replaces the whole run's text
                             in extraction (PDF ActualText) and is no source
                             for the font's ToUnicode map: the hyphen drawn at
                             a line end carries the rest of its word, the
                             rest on the next line carries nothing */
} fo_glyph_run;

typedef struct fo_rect_item {
    double x, y, w, h;    /* pt; (x, y) is the top-left corner */
    fo_color fill;        /* a = 0: not filled */
    fo_color stroke;      /* a = 0: not stroked */
    double stroke_width;  /* pt */
} fo_rect_item;

/* How a line is stroked: solid, or with a dash pattern (PDF 1.7 §8.4.3.6)
 * that draws CSS's dashed and dotted borders (Backgrounds 3 §4.2).
 *   FO_DASH_DASHED  butt-capped dashes `on` pt long, `off` pt apart;
 *   FO_DASH_DOTTED  round dots of diameter `width` (zero-length dashes with
 *                   round caps), centres `off` pt apart (`on` is 0);
 * `phase` (pt, 0 ≤ phase < on + off) is how far into the pattern the line
 * starts at (x1, y1): layout fits the pattern to a border side so that its
 * corners start and end with a dash or a dot, and carries it on across the
 * strips a side is drawn in.  Backends restore solid butt-capped lines
 * after a dashed one, and draw a pattern with on + off < 0.002 pt solid
 * (an all-zero pattern is invalid in PDF and cairo).  FO_LINE_SOLID is the plain stroke. */
typedef enum fo_dash { FO_DASH_SOLID, FO_DASH_DASHED, FO_DASH_DOTTED } fo_dash;

typedef struct fo_line_dash {
    fo_dash style;
    double on, off, phase; /* pt; ignored when solid */
} fo_line_dash;

#define FO_LINE_SOLID {FO_DASH_SOLID, 0, 0, 0}

typedef struct fo_line_item {
    double x1, y1, x2, y2; /* pt */
    fo_color color;
    double width;          /* pt */
    fo_line_dash dash;
} fo_line_item;

/* A clickable area.  Exactly one of `uri` (external) and `dest` (name of an
 * fo_anchor anywhere in the document) is non-NULL. */
typedef struct fo_link_item {
    double x, y, w, h;    /* pt, top-left corner and size */
    const char *uri;
    const char *dest;
} fo_link_item;

/* A named destination: links with dest == name jump to (x, y) on this page. */
typedef struct fo_anchor_item {
    const char *name;
    double x, y;           /* pt */
} fo_anchor_item;

/* A bookmark (PDF outline entry).  Entries appear in document order;
 * `level` ≥ 1 nests them (an entry is a child of the closest preceding
 * entry with a smaller level). */
typedef struct fo_outline_item {
    const char *title;     /* UTF-8 */
    int level;
    double y;              /* pt, top of the heading on this page */
} fo_outline_item;

/* A raster image drawn into the box (x, y, w, h) pt, stretched to it
 * (layout keeps the aspect ratio: w/h = px_w/px_h up to rounding).
 *   path    the file to read: absolute, or relative to the working
 *           directory (layout resolves the Markdown's relative path against
 *           the Markdown file's directory);
 *   format  FO_IMAGE_PNG or FO_IMAGE_JPEG (render/image.h), sniffed from
 *           the file's signature, not its name;
 *   px_w, px_h  its size in pixels;
 *   alt     alternative text, UTF-8, never NULL (may be "").
 * Layout has already decoded the file once (fo_image_load), so backends
 * may treat a failure to read it now as an I/O error.  PNG may have any
 * bit depth, palette, gray or alpha (drawn with its alpha); JPEG may be
 * gray, RGB or CMYK.  Backends read 8-bit pixels with
 * fo_image_pixels_read (render/image.h) or load the file natively.  A
 * missing or unreadable image never reaches the display list: layout draws
 * a placeholder (a stroked rect and the alt text) instead. */
typedef struct fo_image_item {
    const char *path;
    int format;
    int px_w, px_h;
    double x, y, w, h;     /* pt, top-left corner and size */
    const char *alt;
} fo_image_item;

typedef enum fo_item_kind {
    FO_ITEM_GLYPHS, FO_ITEM_RECT, FO_ITEM_LINE, FO_ITEM_LINK,
    FO_ITEM_ANCHOR, FO_ITEM_OUTLINE, FO_ITEM_IMAGE
} fo_item_kind;

typedef struct fo_item {
    fo_item_kind kind;
    union {
        fo_glyph_run glyphs;
        fo_rect_item rect;
        fo_line_item line;
        fo_link_item link;
        fo_anchor_item anchor;
        fo_outline_item outline;
        fo_image_item image;
    } u;
} fo_item;

typedef struct fo_page {
    double width, height; /* pt */
    fo_item *items;       /* in painting order */
    int nitems, cap;
} fo_page;

/* Document information for the PDF info dictionary / XMP.  Strings may be
 * NULL. */
typedef struct fo_display_info {
    const char *title;
    const char *author;   /* authors joined with ", " */
    const char *subject;
    const char *keywords; /* joined with ", " */
    const char *lang;     /* BCP 47, e.g. "en-US" */
    const char *date;     /* front matter date as written; the PDF backend
                             reads ISO 8601 (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) */
} fo_display_info;

/* Page number style of a page label range (PDF 1.7 §12.4.2). */
typedef enum fo_label_style {
    FO_LABEL_DECIMAL, FO_LABEL_ROMAN_UPPER, FO_LABEL_ROMAN_LOWER,
    FO_LABEL_ALPHA_UPPER, FO_LABEL_ALPHA_LOWER
} fo_label_style;

/* A page label range: from page `first` (0-based) until the next range,
 * pages are labelled `prefix` (may be NULL) followed by their number in
 * `style`, counting from `start` (≥ 1). */
typedef struct fo_page_label {
    int first;
    fo_label_style style;
    int start;
    const char *prefix;
} fo_page_label;

typedef struct fo_display {
    fo_page *pages;
    int npages, pages_cap;
    fo_face *faces;
    int nfaces, faces_cap;
    fo_display_info info;
    fo_page_label *labels; /* ascending `first`; none: decimal from 1 */
    int nlabels;
    fo_arena *arena;
} fo_display;

/* Creates an empty display list.  Returns NULL when out of memory.  Caller
 * frees with fo_display_free. */
fo_display *fo_display_new(void);

/* Frees the display list and everything in its arena.  Accepts NULL. */
void fo_display_free(fo_display *d);

/* Arena allocation tied to the display list's lifetime; NULL on failure. */
void *fo_display_alloc(fo_display *d, size_t size);
char *fo_display_strdup(fo_display *d, const char *s);
char *fo_display_strndup(fo_display *d, const char *s, size_t n);

/* Appends a page of `width` × `height` pt and returns it (owned by `d`),
 * or NULL when out of memory.  The pointer stays valid only until the next
 * fo_display_add_page: hold page indices, not pointers, across calls. */
fo_page *fo_display_add_page(fo_display *d, double width, double height);

/* Appends a copy of `item` to `page`.  The item's arrays and strings must
 * already belong to the display's arena.  Returns FO_ERR_NOMEM on failure. */
fo_status fo_page_add(fo_display *d, fo_page *page, const fo_item *item);

/* Returns the index of the face (path, index), adding it when new.  The
 * strings are copied.  Returns -1 when out of memory. */
int fo_display_face(fo_display *d, const char *path, int index,
                    const char *family, const char *psname);

/* A backend: one callback per item kind over the same walk (see
 * fo_display_render).  Any callback may be NULL (the item is skipped).
 * Callbacks return FO_OK or stop the walk with an error. */
typedef struct fo_backend {
    const char *name;
    fo_status (*begin_page)(void *ctx, const fo_display *d, int page_no, const fo_page *p);
    fo_status (*glyphs)(void *ctx, const fo_glyph_run *run);
    fo_status (*rect)(void *ctx, const fo_rect_item *r);
    fo_status (*line)(void *ctx, const fo_line_item *l);
    fo_status (*link)(void *ctx, const fo_link_item *l);
    fo_status (*anchor)(void *ctx, const fo_anchor_item *a);
    fo_status (*outline)(void *ctx, const fo_outline_item *o);
    fo_status (*end_page)(void *ctx, int page_no);
    fo_status (*image)(void *ctx, const fo_image_item *im);
} fo_backend;

/* Walks every page in order, calling the backend's callbacks for each item in
 * painting order.  `page_no` is 0-based.  Returns the first error a callback
 * returns, else FO_OK. */
fo_status fo_display_render(const fo_display *d, const fo_backend *b, void *ctx);

#endif
