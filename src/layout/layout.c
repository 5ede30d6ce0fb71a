/* layout.c — the layout stage's entry point: set up, lay out the blocks,
 * paginate, fill the document information. */
#include "lay.h"
#include "../text/hyph.h"

#include "../base/timing.h"

#include <stdlib.h>
#include <string.h>

static char *join(fo_display *dl, const char **v, int n)
{
    if (n <= 0)
        return NULL;
    GString *g = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append_printf(g, "%s%s", i ? ", " : "", v[i]);
    char *s = fo_display_strdup(dl, g->str);
    g_string_free(g, TRUE);
    return s;
}

static void lay_face_free(gpointer p)
{
    g_free(p);
}

fo_status fo_layout_document(const fo_doc *doc, const fo_sheet *sheet, fo_fonts *fonts,
                             const fo_layout_options *opt, fo_display **out, fo_diag *diag)
{
    *out = NULL;
    fo_lay L = {0};
    L.doc = doc;
    L.sheet = sheet;
    L.fonts = fonts;
    L.pc = fo_fonts_context(fonts);
    L.diag = diag;
    L.opt = opt;
    fo_sheet_page(sheet, &L.page);
    L.area_w = L.page.width - L.page.margin_left - L.page.margin_right;
    L.area_h = L.page.height - L.page.margin_top - L.page.margin_bottom;
    if (L.area_w < 36 || L.area_h < 36) {
        fo_error(diag, NULL, 0, 0,
                 "the page margins leave no room for text (text area %.1f x %.1f pt)",
                 L.area_w, L.area_h);
        return FO_ERR_STYLE;
    }
    fo_status kst = lay_page_kinds_init(&L);
    if (kst != FO_OK)
        return kst;
    L.dl = fo_display_new();
    if (!L.dl)
        return FO_ERR_NOMEM;
    L.faces = g_hash_table_new_full(g_direct_hash, g_direct_equal, g_object_unref, lay_face_free);
    L.missing = g_hash_table_new(g_direct_hash, g_direct_equal);
    L.rules = g_array_new(FALSE, FALSE, sizeof(lay_rule));
    L.paras = g_array_new(FALSE, FALSE, sizeof(lay_para_rec));
    L.notes = g_array_new(FALSE, FALSE, sizeof(lay_note));
    lay_gen_init(&L.gen, &doc->meta);
    L.decos = g_array_new(FALSE, FALSE, sizeof(lay_deco));
    if (doc->meta.lang)
        pango_context_set_language(L.pc, pango_language_from_string(doc->meta.lang));
    /* Paragraph direction: `dir: rtl|ltr` in the front matter, else auto. */
    L.dir = PANGO_DIRECTION_NEUTRAL;
    for (int i = 0; i < doc->meta.nextra; i++) {
        if (strcmp(doc->meta.extra_keys[i], "dir") != 0 || !doc->meta.extra_values[i])
            continue;
        const char *v = doc->meta.extra_values[i];
        if (g_ascii_strcasecmp(v, "rtl") == 0)
            L.dir = PANGO_DIRECTION_RTL;
        else if (g_ascii_strcasecmp(v, "ltr") == 0)
            L.dir = PANGO_DIRECTION_LTR;
        else if (g_ascii_strcasecmp(v, "auto") != 0)
            fo_warn(diag, doc->path, 0, 0, "dir: '%s' is not ltr, rtl or auto; using auto", v);
    }
    if (L.dir != PANGO_DIRECTION_NEUTRAL)
        pango_context_set_base_dir(L.pc, L.dir);
    /* Hyphenation patterns for the document language (default en-US). */
    const char *lang = doc->meta.lang && *doc->meta.lang ? doc->meta.lang : "en-US";
    L.hyph = fo_hyph_open(lang);
    if (!L.hyph)
        fo_warn(diag, doc->path, 0, 0,
                "no hyphenation patterns for language '%s'; words will not be hyphenated",
                lang);

    lay_blocks(&L);
    fo_status st = L.status;
    if (st == FO_OK)
        fo_timing_push(FO_T_PAGINATE), st = lay_pages(&L), fo_timing_pop();
    if (st == FO_OK) {
        fo_display_info *info = &L.dl->info;
        info->title = fo_display_strdup(L.dl, L.title);
        info->author = join(L.dl, doc->meta.authors, doc->meta.nauthors);
        info->keywords = join(L.dl, doc->meta.keywords, doc->meta.nkeywords);
        info->subject = fo_display_strdup(L.dl, doc->meta.subject);
        info->lang = fo_display_strdup(L.dl, doc->meta.lang);
        info->date = fo_display_strdup(L.dl, doc->meta.date);
    }
    g_hash_table_destroy(L.faces);
    g_hash_table_destroy(L.missing);
    lay_dead_links_free(&L);
    g_array_free(L.rules, TRUE);
    g_array_free(L.paras, TRUE);
    g_array_free(L.notes, TRUE);
    if (L.toc_refs)
        g_array_free(L.toc_refs, TRUE);
    lay_gen_dispose(&L.gen);
    g_array_free(L.decos, TRUE);
    free(L.boxes);
    free(L.items);
    g_free(L.title);
    fo_hyph_free(L.hyph);
    if (st != FO_OK) {
        if (st == FO_ERR_NOMEM)
            fo_error(diag, NULL, 0, 0, "out of memory during layout");
        fo_display_free(L.dl);
        return st;
    }
    *out = L.dl;
    return FO_OK;
}
