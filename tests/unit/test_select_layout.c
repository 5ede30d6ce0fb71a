/* test_select_layout.c — sibling combinators and tree-structural
 * pseudo-classes on a real laid-out document: the element siblings that
 * block layout gives fo_elem (prev chain, sibling count) reach the
 * display list. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "render/display.h"
#include "style/style.h"
#include "text/fonts.h"

static fo_fonts *fonts;

static int setup(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    return fo_fonts_new("fonts", &fonts, &d) == FO_OK ? 0 : -1;
}

static int teardown(void **state)
{
    fo_fonts_free(fonts);
    return 0;
}

static fo_display *typeset(const char *md, const char *css, fo_diag *d)
{
    fo_doc *doc = NULL;
    fo_sheet *sheet = NULL;
    fo_display *dl = NULL;
    assert_int_equal(fo_doc_parse(md, strlen(md), "t.md", &doc, d), FO_OK);
    assert_int_equal(fo_sheet_parse(css, strlen(css), "t.css", false, &sheet, d), FO_OK);
    assert_int_equal(d->warnings, 0);
    assert_int_equal(fo_layout_document(doc, sheet, fonts, NULL, &dl, d), FO_OK);
    fo_sheet_free(sheet);
    fo_doc_free(doc);
    return dl;
}

/* The last glyph run whose text is exactly `s` (a heading's own run
 * comes after its TOC entry). */
static const fo_glyph_run *run(const fo_display *dl, const char *s)
{
    const fo_glyph_run *last = NULL;
    for (int p = 0; p < dl->npages; p++)
        for (int i = 0; i < dl->pages[p].nitems; i++) {
            const fo_item *it = &dl->pages[p].items[i];
            if (it->kind == FO_ITEM_GLYPHS && it->u.glyphs.text_len == (int)strlen(s) &&
                strncmp(it->u.glyphs.text, s, strlen(s)) == 0)
                last = &it->u.glyphs;
        }
    if (!last)
        fail_msg("no run '%s'", s);
    return last;
}

/* Colour of run `s` as 0xRRGGBB. */
static unsigned rgb(const fo_display *dl, const char *s)
{
    fo_color c = run(dl, s)->color;
    return (unsigned)lround(c.r * 255) << 16 | (unsigned)lround(c.g * 255) << 8 |
           (unsigned)lround(c.b * 255);
}

/* True when run `s` lies inside a rectangle filled pure green. */
static bool on_green(const fo_display *dl, const char *s)
{
    const fo_glyph_run *g = run(dl, s);
    for (int p = 0; p < dl->npages; p++)
        for (int i = 0; i < dl->pages[p].nitems; i++) {
            const fo_item *it = &dl->pages[p].items[i];
            if (it->kind != FO_ITEM_RECT || it->u.rect.fill.a == 0 ||
                it->u.rect.fill.g < 0.99 || it->u.rect.fill.r > 0.01)
                continue;
            const fo_rect_item *r = &it->u.rect;
            if (g->x >= r->x && g->x <= r->x + r->w && g->y >= r->y && g->y <= r->y + r->h)
                return true;
        }
    return false;
}

static const char doc_md[] =
    "---\ntitle: Report\ntoc: true\n---\n"
    "# Alpha\n\nafterone\n\naftertwo\n\n## Beta\n\nafterbeta\n\n"
    "- itemone\n- itemtwo\n- itemthree\n\n"
    "> quoteone\n>\n> quotetwo\n\n"
    "| Head | Col |\n|---|---|\n| rowone | a |\n| rowtwo | b |\n| rowthree | c |\n"
    "| rowfour | d |\n\n"
    "theend\n";

static void test_siblings_in_document(void **state)
{
    fo_diag d;
    fo_diag_init(&d);
    d.out = NULL;
    const char *css =
        "h1 + p, h2 + p { color: rgb(255,0,0) }\n"
        "h1 ~ ul li:last-child { color: rgb(0,0,255) }\n"
        "li:only-child { color: rgb(1,1,1) }\n"
        "tr:nth-child(even) td { background-color: rgb(0,255,0) }\n"
        "tr:last-child td:last-child { color: rgb(128,0,128) }\n"
        "body > p:last-child { color: rgb(0,128,0) }\n"
        /* title block and TOC are body's first two children */
        "h1:nth-child(3) { color: rgb(128,0,0) }\n"
        "blockquote > p:first-child:not(:last-child) { color: rgb(0,0,128) }\n"
        "blockquote > p:nth-last-child(1) { color: rgb(0,128,128) }\n"
        "h2 ~ p { font-weight: 700 }\n";
    fo_display *dl = typeset(doc_md, css, &d);
    /* the paragraph right after a heading, and only that one */
    assert_int_equal(rgb(dl, "afterone"), 0xff0000);
    assert_int_equal(rgb(dl, "aftertwo"), 0x000000);
    assert_int_equal(rgb(dl, "afterbeta"), 0xff0000);
    /* the last item only */
    assert_int_equal(rgb(dl, "itemone"), 0x000000);
    assert_int_equal(rgb(dl, "itemtwo"), 0x000000);
    assert_int_equal(rgb(dl, "itemthree"), 0x0000ff);
    /* the last body child, counted from the document tree */
    assert_int_equal(rgb(dl, "theend"), 0x008000);
    assert_int_equal(rgb(dl, "Alpha"), 0x800000);
    assert_int_equal(rgb(dl, "quoteone"), 0x000080);
    assert_int_equal(rgb(dl, "quotetwo"), 0x008080);
    /* alternate rows: the header row is row 1 */
    assert_true(on_green(dl, "rowone"));
    assert_false(on_green(dl, "rowtwo"));
    assert_true(on_green(dl, "rowthree"));
    assert_false(on_green(dl, "rowfour"));
    assert_false(on_green(dl, "Head"));
    assert_int_equal(rgb(dl, "d"), 0x800080);
    assert_int_equal(rgb(dl, "rowthree"), 0x000000);
    assert_int_equal(rgb(dl, "rowfour"), 0x000000);
    assert_int_equal(rgb(dl, "c"), 0x000000);
    fo_display_free(dl);
    fo_diag_dispose(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siblings_in_document),
    };
    return cmocka_run_group_tests_name("select_layout", tests, setup, teardown);
}
