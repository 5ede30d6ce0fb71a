/* lay.h — state shared by the layout stage's files (private to src/layout/).
 *
 * block.c walks the document tree and decides geometry; inline.c turns a
 * block's inline content into attributed text; lines.c shapes it with Pango
 * and turns lines into boxes of display items; page.c paginates the boxes
 * and writes pages.  Box items use absolute page x and y relative to the
 * top of their box; page.c translates them.
 */
#ifndef FO_LAY_H
#define FO_LAY_H

#include <glib.h>
#include <pango/pango.h>

#include "gen.h"
#include "layout.h"
#include "paginate.h"

/* A box of the vertical list and the display items it carries. */
typedef struct lay_box {
    fo_pg_box pg;
    int item_first, item_count; /* range in lay->items */
    int src_line;
} lay_box;

/* A link over a byte range of a paragraph's text. */
typedef struct lay_link {
    int start, end;   /* bytes */
    const char *uri;  /* external, or NULL */
    const char *dest; /* internal anchor name, or NULL */
} lay_link;

/* An anchor at a byte position of a paragraph's text. */
typedef struct lay_anchor {
    int pos;
    const char *name;
} lay_anchor;

/* Attributed text of one block, ready for Pango. */
typedef struct lay_text {
    GString *text;
    PangoAttrList *attrs;
    GArray *links;   /* lay_link */
    GArray *anchors; /* lay_anchor */
    int src_line;
    int src_col;     /* 1-based; 0 when unknown */
} lay_text;

/* Overfull lines gathered over several paragraphs (a table's cells, a
 * margin box) for one warning instead of one each. */
typedef struct lay_overfull {
    int lines;       /* overfull lines */
    int blocks;      /* paragraphs with at least one */
    double worst;    /* pt: the largest excess over the measure */
    char sample[64]; /* UTF-8: the start of the worst line's text */
} lay_overfull;

/* A paragraph's lines in the box list, checked after pagination. */
typedef struct lay_para_rec {
    int first_box, nlines;
    int orphans, widows;
    int src_line;
    bool heading;
} lay_para_rec;

/* A marker (bullet, number) waiting for the first line of a list item. */
typedef struct lay_marker {
    bool pending;
    char text[32];
    fo_style style;
    double right; /* pt: the marker's right edge (absolute x) */
    bool inside;  /* list-style-position: inside — drawn at the start of the
                     first line, which is indented by its width */
    int task;     /* task-list item: 0 none, 1 open, 2 done */
} lay_marker;

/* A footnote's boxes in L->boxes: [first, end). */
typedef struct lay_note {
    int number;
    int first, end;
} lay_note;

/* A rule drawn down the left of every box while a block quote is open. */
typedef struct lay_rule {
    double x; /* pt, absolute */
    fo_color color;
} lay_rule;

/* An open decorated block (deco.c): background and side borders drawn on
 * every box while it is open. */
typedef struct lay_deco {
    fo_color bg;       /* a = 0: none */
    double x, w;       /* border box, pt (absolute x) */
    double bl, br;     /* left and right border widths, pt */
    fo_color cl, cr;
    fo_border_style sl, sr; /* left and right border styles */
    int first_box;     /* the block's first box (its top spacer, if any) */
    int outer_box;     /* a box whose space_before is the block's own
                          (collapsed) top margin, not painted; -1: none */
} lay_deco;

#define LAY_WARNED_OUTSIDE_MAX 32

/* The text area of one page kind (CSS Paged Media 3 §4.1: the first
 * page, left pages, right pages) from its own @page margins (pagekind.c).
 * The galley is set at one measure, L->area_w: a kind whose text area is
 * wider or narrower keeps that measure, placed at its left margin. */
typedef struct lay_page_kind {
    fo_page_style page; /* the kind's @page geometry (pt) */
    double x;           /* left edge of the text area, pt from the page's left */
    double top;         /* top of the text area, pt from the page's top */
    double area_h;      /* text-area height, pt */
} lay_page_kind;

enum { LAY_KIND_FIRST, LAY_KIND_LEFT, LAY_KIND_RIGHT, LAY_KINDS };

typedef struct fo_lay {
    const fo_doc *doc;
    const fo_sheet *sheet;
    fo_fonts *fonts;
    PangoContext *pc;
    fo_display *dl;
    fo_diag *diag;
    const fo_layout_options *opt;
    fo_page_style page;
    double area_w, area_h; /* text area of the default page (@page without selectors), pt */
    lay_page_kind kinds[LAY_KINDS]; /* per page kind (pagekind.c) */
    double area_h_max;     /* the deepest text area of any page kind, pt */
    double area_h_min;     /* the shallowest, pt */
    double shift_x;        /* pt added to x of what is written on the current page */
    lay_box *boxes;
    int nboxes, boxes_cap;
    fo_item *items;
    int nitems, items_cap;
    double pending_margin; /* collapsed margin waiting for the next box */
    bool keep_with_prev;   /* the next box may not be preceded by a break */
    bool force_break;      /* the next box starts a page */
    unsigned char force_side; /* FO_PG_*: the side of that page (break-before: right) */
    GHashTable *faces;     /* PangoFont* → lay_face* */
    GHashTable *missing;   /* gunichar → 1: characters already reported */
    bool warned_html;
    bool warned_nesting;   /* the deep-nesting warning was given */
    bool warned_mbox;      /* a page-margin box's text was cut (mbox.c) */
    lay_overfull *overfull_sink; /* NULL: each paragraph warns of its own
                                    overfull lines (para.c); else they are
                                    added here for the caller to report */
    const char *warned_outside[LAY_WARNED_OUTSIDE_MAX]; /* element kinds (static
                                    tag names) warned of by lay_check_outside */
    int nwarned_outside;
    unsigned mbox_warned[FO_MB_COUNT]; /* mbox.c, per margin box: bit `flags`
                                    (the page kind, FO_PAGE_*) once it was too
                                    narrow, bit 16 + `flags` once too tall */
    double content_h;      /* sum of box heights so far, each at most area_h_max, pt */
    lay_marker marker;
    GArray *rules;               /* lay_rule: open block quotes */
    GArray *decos;               /* lay_deco: open decorated blocks */
    fo_color bg;                 /* background of every new box (a = 0: none) */
    double bg_x, bg_w;           /* its horizontal extent, pt */
    const char *pending_anchor;  /* anchor for the next box, or NULL */
    double pending_anchor_x;
    int pending_task;            /* check box for the next box: 1 open, 2 done, 0 none */
    double task_x, task_size;    /* its left edge and side, pt */
    fo_color task_color;
    const char *pending_backlink; /* internal link over the next box's marker, or NULL */
    double backlink_x, backlink_w;
    GArray *notes;               /* lay_note: laid-out footnotes */
    GArray *toc_refs;            /* TOC page numbers to write (toc.c), or NULL */
    double note_gap;             /* pt between two notes at a page foot */
    const char *pending_outline; /* outline entry for the next box, or NULL */
    int pending_outline_level;
    fo_style root_style;
    lay_gen gen;           /* counters and named strings (gen.h) */
    char *title;           /* document title for the info dictionary (g_malloc) */
    fo_status status;      /* first error met (FO_OK while all is well) */
    struct fo_hyph *hyph;  /* patterns for the document language, or NULL */
    GArray *paras;         /* lay_para_rec: paragraphs, for preflight and stats */
    GHashTable *anchor_names; /* names layout will place (deadlink.c), or NULL */
    GHashTable *warned_dests; /* missing anchors already warned about */
    PangoDirection dir;    /* base direction from `dir` in the front matter;
                              PANGO_DIRECTION_NEUTRAL: from the first strong
                              character (UAX #9 P2-P3) */
} fo_lay;

/* ---- blocks off the page (outside.c) ---- */
/* Checks a block's content box, x to x + w (pt, absolute on the default
 * page), against the page box: when it starts left of 0 or ends right of
 * the page width (negative margins or text-indent, or borders and padding
 * too wide), and further out than its containing block's content box, cx
 * to cx + cw (so only the block whose own margins do it is named), warns
 * `file:line:col: warning: the margins, borders, padding or text-indent of
 * this TAG place its text outside the page (x = N pt)` once per
 * `tag` (a static string) and adds a preflight `overflow` entry at the
 * next box.  Text is laid out as the margins say all the same. */
void lay_check_outside(fo_lay *L, const char *tag, double x, double w, double cx, double cw,
                       int line, int col);

/* ---- box list (block.c) ---- */
/* Starts a new box with the pending margin and keep state; returns its index
 * or -1 when out of memory (lay->status set). */
int lay_box_begin(fo_lay *L, double height, int src_line);
/* Appends an item to the box being built (the last one). */
void lay_item_add(fo_lay *L, const fo_item *it);
/* Moves the items from index `from` to the end (all in the last box) to
 * the end of the earlier box `box`, keeping every box's items contiguous. */
void lay_items_move_to_box(fo_lay *L, int from, int box);

/* ---- inline content (inline.c) ---- */
/* Builds attributed text for the inline children of `block` under the
 * element chain `elem` with computed style `style`.  Caller disposes with
 * lay_text_dispose. */
void lay_text_build(fo_lay *L, const fo_node *block, const fo_elem *elem,
                    const fo_style *style, lay_text *out);
/* Builds attributed text from a plain string (no inline markup). */
void lay_text_plain(fo_lay *L, const char *s, size_t len, bool preserve,
                    int src_line, lay_text *out);
void lay_text_dispose(lay_text *t);

/* ---- shaping and lines (lines.c) ---- */
/* Pango font description for a computed style (caller frees). */
PangoFontDescription *lay_font_desc(const fo_style *s);
/* Shapes `t` in a measure of `width` pt at absolute x `x` with the block
 * style `s` and appends one box per line.  `keep_lines` forbids breaks
 * between the lines (headings).  Lines break at UAX #14 opportunities, and
 * inside a word only when the word alone is wider than the measure.
 * Returns the number of boxes appended. */
int lay_paragraph(fo_lay *L, lay_text *t, const fo_style *s, double x,
                  double width, bool keep_lines);
/* A piece of a line: the glyphs of one Pango run whose clusters fall in the
 * byte range [b0, b1) of the paragraph text. */
typedef struct lay_piece {
    PangoGlyphItem *run; /* owned by the shaped paragraph's layout */
    int g0, g1;          /* glyph index range in run->glyphs */
    int b0, b1;          /* bytes */
} lay_piece;

/* One line chosen by the paragraph breaker (para.c). */
typedef struct lay_line {
    int start, end;        /* bytes of the text drawn on the line */
    int piece0, npieces;   /* pieces in visual order, in lay_shaped.pieces */
    double natural;        /* pt: width before justification, hyphen included */
    double ratio;          /* adjustment ratio chosen by the breaker */
    double x;              /* pt: left edge offset (indent, alignment) */
    double asc, desc;      /* pt: inline content above / below the baseline */
    bool justify;          /* widen (or narrow) the spaces by `ratio` */
    bool hyphen;           /* draw a hyphen after the last glyph */
    bool overfull;         /* wider than the measure: no break could avoid it */
    PangoGlyphString *hy;  /* the shaped hyphen (owned), or NULL */
    PangoItem *hy_item;    /* the item whose font draws it (not owned) */
    int hy_rest, hy_rest_end; /* bytes: the rest of the hyphenated word on the
                                 next line, extracted with the hyphen */
    int mute_end;          /* bytes [start, mute_end) continue a word hyphenated
                              on the line before: drawn, extracted as nothing */
} lay_line;

/* A block of text shaped once and broken into lines, not yet placed. */
typedef struct lay_shaped {
    PangoLayout *pl;  /* the paragraph shaped as one unbroken line per hard break */
    const char *text; /* the text, copied into the display arena */
    double A, D;      /* strut ascent and descent, pt */
    double half;      /* half-leading, pt */
    double measure;   /* pt */
    lay_line *lines;
    int nlines;
    lay_piece *pieces;
    int npieces;
    double *adv;      /* pt per byte: advance of the cluster starting there */
    unsigned char *flags; /* per byte: LAY_SPACE (stretchable space) ... */
} lay_shaped;
#define LAY_CSTART 1 /* a cluster starts at this byte */
#define LAY_SPACE 2  /* an interword space that justification may widen */
#define LAY_HYPH 4   /* a dictionary hyphenation point before this byte */

/* Breaks the shaped paragraph sh->pl (para.c): builds boxes, glue and
 * penalties from Pango's log attributes and advances, runs total-fit (or
 * first-fit with --line-breaking=greedy) and fills sh->lines and
 * sh->pieces.  False when out of memory (lay->status set). */
bool lay_break_lines(fo_lay *L, lay_shaped *sh, const fo_style *s, double width, int src_line,
                     int src_col);
/* Copies the start of `text` (`len` bytes) into of->sample, cut at a
 * character boundary (para.c). */
void lay_overfull_sample(lay_overfull *of, const char *text, int len);
/* Ascent and descent of a Pango font, pt (cached; lines.c). */
void lay_font_extents(fo_lay *L, PangoFont *font, double *asc, double *desc);
/* Frees what lay_break_lines allocated. */
void lay_lines_free(lay_shaped *sh);

/* Shapes `t` in a measure of `width` pt; false when the text is empty (or
 * out of memory, lay->status set).  Dispose with lay_shaped_dispose. */
bool lay_shape(fo_lay *L, lay_text *t, const fo_style *s, double width,
               lay_shaped *out);
void lay_shaped_dispose(lay_shaped *sh);
/* Total height of the line boxes, pt. */
double lay_shaped_height(const lay_shaped *sh);
/* Emits every line into the current box, the first line's top at y0 (pt,
 * relative to the box top), left edge at absolute x. */
void lay_shaped_emit(fo_lay *L, const lay_shaped *sh, const lay_text *t, const fo_style *s,
                     double x, double y0);
/* As lay_shaped_emit, but straight onto `page` (NULL: the current box),
 * y0 then from the page top (pt); anchors are left out on a page. */
void lay_shaped_emit_page(fo_lay *L, const lay_shaped *sh, const lay_text *t,
                          const fo_style *s, double x, double y0, fo_page *page);
/* Shapes a single line of plain text and returns its width in pt; when `it`
 * is non-NULL, fills a glyph-run item at baseline (x, y) (several runs when
 * fonts change are appended through lay_item_add instead, and *it unused).
 * Used for markers and page numbers. */
double lay_plain_line(fo_lay *L, const char *s, const fo_style *st, double x,
                      double y, bool emit, fo_page *page);
/* Colour from a computed style colour. */
fo_color lay_color(fo_color c);

/* A container being laid out (body, list, item, quote, footnote). */
typedef struct lay_frame {
    struct lay_frame *up;
    const fo_node *node;
    fo_elem elem;
    fo_style style;
    double x, w;     /* content box: absolute left edge and width, pt */
    int nchild;      /* element children seen so far (for :first-child) */
    int nsiblings;   /* element children in all (for :last-child); 0: unknown */
    const fo_elem *prev_elem; /* copy of the last element child (for + and ~) */
    int number;      /* ordered list: next item number */
    int depth;       /* list nesting depth */
    int level;       /* container nesting depth (body: 0) */
    bool rule;       /* a block-quote rule was pushed */
    bool deco;       /* a decorated block was opened (deco.c) */
    int first_box;   /* index of the first box laid out inside */
} lay_frame;

/* Never let the measure fall below this (deeply nested containers). */
#define LAY_MIN_MEASURE 36.0

/* ---- the block walker's shared helpers (block.c) ---- */
/* Computes the style of the next element child `tag`.`classes` of `f`
 * (counts it for :first-child, links it to the previous child for + and ~,
 * gives it f->nsiblings for :last-child), its percentage margins, padding
 * and text-indent resolved against f->w, the containing block's width
 * (fo_style_resolve_box): set f->w before computing its children. */
void lay_child_style(fo_lay *L, lay_frame *f, const char *tag, const char *classes,
                     fo_elem *e, fo_style *s);
/* ---- element siblings (sibling.c) ---- */
/* The number of element children block layout makes from the document
 * nodes `first`, `first->next`, ...; 0 when unknown (a paragraph of
 * images among them). */
int lay_elem_count(const fo_node *first);
/* Keeps a copy of `e` (strings too) in the display arena as f->prev_elem,
 * the `prev` of f's next element child; out of memory fails the layout. */
void lay_keep_prev(fo_lay *L, lay_frame *f, const fo_elem *e);
/* Collapses a vertical margin of `m` pt into the pending margin. */
void lay_margin(fo_lay *L, double m);
/* break-before / break-after: page and avoid (CSS Fragmentation 3 §3.1). */
void lay_break_before(fo_lay *L, const fo_style *s);
void lay_break_after(fo_lay *L, const fo_style *s);
/* break-inside: avoid over the boxes laid out since box `first`. */
void lay_avoid_breaks_since(fo_lay *L, int first, const fo_style *s);
/* A measure never narrower than LAY_MIN_MEASURE pt. */
double lay_clamp_measure(double w);
/* An empty box of `h` pt (padding); `keep` ties it to the box before. */
void lay_spacer(fo_lay *L, double h, int line, bool keep);

/* ---- code blocks (code.c) ---- */
void lay_code_block(fo_lay *L, lay_frame *f, const fo_node *n);

/* ---- tables (table.c) ---- */
void lay_table(fo_lay *L, lay_frame *f, const fo_node *n);
/* Automatic column widths (CSS 2.1 §17.5.2.2): from each column's min and
 * max content widths (pt, padding included) and the available width W
 * (pt), fills out[ncols] (pt): max-content widths when they fit (scaled up
 * in proportion to fill W when `fill`, for a table with a width), else
 * between min and max in proportion, else min widths scaled down. */
void lay_table_widths(const double *cmin, const double *cmax, int ncols, double W, bool fill,
                      double *out);

/* ---- figures (image.c) ---- */
/* Whether paragraph `p` holds only images (each maybe inside a link). */
bool lay_is_figure_paragraph(const fo_node *p);
/* Lays out every image of such a paragraph as a figure. */
void lay_figures(fo_lay *L, lay_frame *f, const fo_node *p);

/* ---- lists (list.c) ---- */
/* Sets up a list or list item frame `c` (child of `f`) after its style and
 * geometry are computed: numbering, depth, the pending marker. */
void lay_list_enter(fo_lay *L, lay_frame *f, lay_frame *c);
/* Closes an item frame: an empty item still shows its marker. */
void lay_list_leave(fo_lay *L, lay_frame *c);
/* Draws the pending task-list check box into the box just begun, of
 * height `h` pt (called by lay_box_begin). */
void lay_task_box(fo_lay *L, double h);
/* Whether `f` is an item of a tight list (its paragraphs lose margins). */
bool lay_in_tight_item(const lay_frame *f);

/* ---- footnotes (footnote.c) ---- */
/* Sets up a footnote definition frame `c`: anchor fn-N, its number, the
 * link back to the reference; the note starts a flow of its own. */
void lay_footnote_enter(fo_lay *L, lay_frame *c);
/* Records the note's boxes (L->notes). */
void lay_footnote_leave(fo_lay *L, lay_frame *c);

/* The boxes split into the main flow and footnote lines, ready for
 * fo_paginate_notes.  box[i] / note_box[k]: index in L->boxes. */
typedef struct lay_flow {
    fo_pg_box *pg;
    int *box;
    int n;
    fo_pg_box *notes;
    int *note_box;
    int nnotes;
} lay_flow;
/* Builds the flows (see footnote.c).  FO_ERR_NOMEM on failure. */
fo_status lay_flow_build(fo_lay *L, lay_flow *fl);
void lay_flow_dispose(lay_flow *fl);
/* Height of the space above a page's notes, with its rule, pt. */
double lay_note_separator(const fo_lay *L);
/* Writes the separator and the note lines of page `p` (0-based) through
 * `emit`; *cursor is the first note line not yet written. */
fo_status lay_notes_emit(fo_lay *L, fo_page *page, const lay_flow *fl, int p, int *cursor,
                         fo_status (*emit)(fo_lay *, fo_page *, int, double, bool));

/* ---- table of contents (toc.c) ---- */
/* Lays out the TOC when the front matter or the options ask for one;
 * `skip` is a heading not to list (the h1 the title block replaced). */
void lay_toc(fo_lay *L, lay_frame *body, const fo_node *skip);
/* Writes the TOC's page numbers once the flow is paginated. */
fo_status lay_toc_numbers(fo_lay *L, const lay_flow *fl);
/* ---- block decoration (deco.c) ---- */
/* True when `s` has a background, a border or vertical padding. */
bool lay_deco_needed(const fo_style *s);
/* Opens a decorated block with border box [bx, bx + bw) (pt): emits the
 * top border and padding as a spacer box and draws the background and
 * side borders on every box until lay_deco_end. */
void lay_deco_begin(fo_lay *L, const fo_style *s, double bx, double bw, int line);
/* Closes the innermost decorated block: the bottom padding and border. */
void lay_deco_end(fo_lay *L, const fo_style *s, int line);
/* A table cell's background and borders (style `s`) over the cell
 * [x, x + w) × [0, h) of the current box (pt). */
void lay_deco_cell(fo_lay *L, const fo_style *s, double x, double w, double h);
/* Draws d's side borders over [y0, y1) of the current box (pt from its top). */
void lay_deco_sides(fo_lay *L, const lay_deco *d, double y0, double y1);

/* ---- list markers (marker.c) ---- */
/* Sets L->marker's text and style for a list item with element `li` and
 * style `li_style`: the li::marker pseudo-element's style, its `content`
 * when it has one, else the item's list-style-type (CSS Lists 3 §3) for
 * `number` (≥ 1 in ordered lists, 0 in bullet lists), where `bullet` is the
 * depth's default bullet (used for disc, and always for task items when
 * `task`).  An ordered list whose type is the initial `disc` numbers in
 * decimal. */
void lay_list_marker(fo_lay *L, const fo_elem *li, const fo_style *li_style,
                     int number, const char *bullet, bool task);

/* ---- the document's blocks (block.c) ---- */
void lay_blocks(fo_lay *L);

/* ---- page kinds (pagekind.c) ---- */
/* Fills L->kinds, area_h_max and area_h_min from the sheet's @page rules
 * (fo_sheet_page_for) after L->page, area_w and area_h are set; warns
 * once per kind whose text-area width differs from area_w (folio keeps
 * one measure).  FO_ERR_STYLE (reported) when a kind's margins leave no
 * room for text. */
fo_status lay_page_kinds_init(fo_lay *L);
/* The kind of 0-based page `p`: the first page, then left (even page
 * numbers) and right (odd) pages. */
const lay_page_kind *lay_page_kind_of(const fo_lay *L, int p);
/* FO_PAGE_* flags of 0-based page `p` (without FO_PAGE_BLANK). */
unsigned lay_page_flags(int p);
/* fo_pg_height_fn over an fo_lay: the text-area height of page `p`, pt. */
double lay_page_area_h(void *L, int p);

/* ---- pages (page.c) ---- */
fo_status lay_pages(fo_lay *L);
/* Draws the page-margin boxes of a page of kind `flags` (FO_PAGE_*) onto
 * `page` (mbox.c; CSS Paged Media 3 §5), in the page's own geometry `P`
 * (fo_sheet_page_for: margins per page kind).  Errors set L->status. */
void lay_margin_boxes(fo_lay *L, fo_page *page, unsigned flags, const lay_gen_page *gp,
                      const fo_page_style *P);
/* Outer widths of the three boxes of one page side from their outer
 * min- and max-content widths (pt; Paged Media 3 §5.3.2, mbox.c): on[k]
 * says box k (0 start, 1 centre, 2 end) is generated; fixed[k] ≥ 0 is an
 * outer width set by `width` (< 0, or fixed NULL: auto); `avail` is the
 * page area's width (height for the left and right sides).  The centre
 * box is centred: auto start and end boxes get equal widths when it is
 * generated. */
void lay_margin_widths(const bool on[3], const double min[3], const double max[3],
                       const double fixed[3], double avail, double out[3]);
/* Preflight after pagination (pagecheck.c): pages of earlier problems,
 * stranded headings, unavoidable widows and orphans (`pg` as fo_paginate
 * left it); then links to missing anchors over the written pages. */
void lay_check_pages(fo_lay *L, const fo_pg_box *pg);
/* Keeps every heading with at least two text lines of what follows —
 * paragraph, list, table, code or quote alike — by forbidding breaks up to
 * the second line box after it (pagecheck.c; before fo_paginate, which
 * still breaks a chain longer than a page). */
void lay_keep_headings(fo_lay *L);
void lay_check_links(fo_lay *L);

/* ---- internal links to missing anchors (deadlink.c) ---- */
/* Whether `link` (an FO_NODE_LINK; anything else gives false) points to
 * `#name` that no heading, footnote or footnote reference defines.  When it
 * does, warns `file:line:col` (once per name) and adds a preflight entry
 * with the link's line, its page taken from box index `box`.  Dead links
 * are set as plain text: no `a` style, no link item. */
bool lay_link_is_dead(fo_lay *L, const fo_node *link, int box);
/* Frees what lay_link_is_dead made. */
void lay_dead_links_free(fo_lay *L);

/* The preflight report being filled, or NULL. */
#define LAY_PF(L) ((L)->opt ? (L)->opt->preflight : NULL)

/* Records an error once. */
void lay_fail(fo_lay *L, fo_status st);

#endif
