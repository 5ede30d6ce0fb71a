/* fonts.c — fontconfig configuration restricted to fonts/, Pango set-up. */
#include "fonts.h"

#include <dirent.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fcfreetype.h>
#include <hb.h>
#include <limits.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FO_FONTS_DIR
#define FO_FONTS_DIR "fonts"
#endif

struct fo_fonts {
    FcConfig *config;
    PangoFontMap *map;
    PangoContext *context;
};

char *fo_fonts_locate(const char *override)
{
    if (override)
        return strdup(override);
    const char *env = getenv("FOLIO_FONTS");
    if (env && *env)
        return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 32];
            struct stat st;
            snprintf(cand, sizeof cand, "%s/../fonts/fonts.conf", exe);
            if (stat(cand, &st) == 0) {
                snprintf(cand, sizeof cand, "%s/../fonts", exe);
                char *real = realpath(cand, NULL);
                return real ? real : strdup(cand);
            }
        }
    }
    return strdup(FO_FONTS_DIR);
}

static bool font_file_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && (strcasecmp(name + n - 4, ".ttf") == 0 || strcasecmp(name + n - 4, ".otf") == 0 ||
                     strcasecmp(name + n - 4, ".ttc") == 0);
}

/* Adds every font file of `dir` (sorted by name, for a stable order). */
static fo_status add_font_files(FcConfig *config, const char *dir, fo_diag *diag)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0) {
        fo_error(diag, NULL, 0, 0, "cannot read the fonts folder %s: %s", dir, strerror(errno));
        return FO_ERR_FONT;
    }
    fo_status st = FO_OK;
    for (int i = 0; i < n; i++) {
        if (st == FO_OK && font_file_name(list[i]->d_name)) {
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
            if (!FcConfigAppFontAddFile(config, (const FcChar8 *)path)) {
                fo_error(diag, NULL, 0, 0, "fontconfig cannot read the font %s", path);
                st = FO_ERR_FONT;
            }
        }
        free(list[i]);
    }
    free(list);
    return st;
}

fo_status fo_fonts_new(const char *dir, fo_fonts **out, fo_diag *diag)
{
    *out = NULL;
    /* fontconfig resolves relative configuration paths against its own
     * folder, not the working directory. */
    char absdir[PATH_MAX];
    if (!realpath(dir, absdir)) {
        fo_error(diag, NULL, 0, 0, "cannot open the fonts folder %s: %s (run 'make fonts')", dir,
                 strerror(errno));
        return FO_ERR_FONT;
    }
    dir = absdir;
    char conf[PATH_MAX + 16];
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    if (access(conf, R_OK) != 0) {
        fo_error(diag, NULL, 0, 0, "fonts folder %s has no fonts.conf (run 'make fonts')", dir);
        return FO_ERR_FONT;
    }
    fo_fonts *f = calloc(1, sizeof *f);
    if (!f)
        return FO_ERR_NOMEM;
    f->config = FcConfigCreate();
    if (!f->config || !FcConfigParseAndLoad(f->config, (const FcChar8 *)conf, FcTrue)) {
        fo_error(diag, NULL, 0, 0, "fontconfig cannot load %s", conf);
        fo_fonts_free(f);
        return FO_ERR_FONT;
    }
    /* Fonts are added file by file: FcConfigAppFontAddDir would try to
     * write a cache, and folio keeps no state outside its own folders. */
    if (add_font_files(f->config, dir, diag) != FO_OK) {
        fo_fonts_free(f);
        return FO_ERR_FONT;
    }
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    if (!set || set->nfont == 0) {
        fo_error(diag, NULL, 0, 0, "no fonts in %s (run 'make fonts')", dir);
        fo_fonts_free(f);
        return FO_ERR_FONT;
    }
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!f->map) {
        fo_error(diag, NULL, 0, 0, "cannot create a Pango font map");
        fo_fonts_free(f);
        return FO_ERR_FONT;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
    f->context = pango_font_map_create_context(f->map);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(f->context, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(f->context, FALSE);
    *out = f;
    return FO_OK;
}

void fo_fonts_free(fo_fonts *f)
{
    if (!f)
        return;
    if (f->context)
        g_object_unref(f->context);
    if (f->map) {
        /* Pango's font map does not drop its reference to the FcConfig when
         * finalized; hand it back explicitly. */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), NULL);
        g_object_unref(f->map);
    }
    if (f->config)
        FcConfigDestroy(f->config);
    free(f);
}

PangoContext *fo_fonts_context(fo_fonts *f)
{
    return f->context;
}

bool fo_fonts_face_file(PangoFont *font, const char **path, int *index,
                        const char **family, const char **psname)
{
    if (!font || !PANGO_IS_FC_FONT(font))
        return false;
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL, *fam = NULL, *ps = NULL;
    int idx = 0;
    if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
        return false;
    FcPatternGetInteger(pat, FC_INDEX, 0, &idx);
    FcPatternGetString(pat, FC_FAMILY, 0, &fam);
    FcPatternGetString(pat, FC_POSTSCRIPT_NAME, 0, &ps);
    *path = (const char *)file;
    *index = idx;
    *family = fam ? (const char *)fam : "";
    *psname = ps ? (const char *)ps : "";
    return true;
}

/* True when the face has the table `tag` (non-empty). */
static bool face_has(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool has = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return has;
}

fo_status fo_fonts_add_face(fo_fonts *f, const char *path, const char *family, int weight,
                            bool italic, const char *where, int line, int col, fo_diag *diag)
{
    /* What the PDF writer can embed (see src/render/pdf_font.c): TrueType
     * outlines.  Checked first so the message names the real problem. */
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        fo_error(diag, where, line, col, "@font-face: cannot read font file %s: %s", path,
                 access(path, R_OK) != 0 ? strerror(errno) : "not readable");
        return FO_ERR_FONT;
    }
    unsigned nfaces = hb_face_count(blob);
    hb_face_t *face = hb_face_create(blob, 0);
    bool cff = face_has(face, HB_TAG('C', 'F', 'F', ' ')) || face_has(face, HB_TAG('C', 'F', 'F', '2'));
    bool glyf = face_has(face, HB_TAG('g', 'l', 'y', 'f')) && face_has(face, HB_TAG('l', 'o', 'c', 'a'));
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    if (nfaces == 0) {
        fo_error(diag, where, line, col,
                 "@font-face: %s is not an OpenType or TrueType font", path);
        return FO_ERR_FONT;
    }
    if (cff || !glyf) {
        fo_error(diag, where, line, col,
                 "@font-face: cannot embed %s: it has %s; only TrueType (glyf) fonts can be "
                 "embedded", path, cff ? "CFF outlines" : "no TrueType outlines");
        return FO_ERR_FONT;
    }
    int count = 0;
    FcPattern *pat = FcFreeTypeQuery((const FcChar8 *)path, 0, NULL, &count);
    if (!pat) {
        fo_error(diag, where, line, col, "@font-face: FreeType cannot load %s", path);
        return FO_ERR_FONT;
    }
    /* The face answers to the @font-face family name with the declared
     * weight and style (CSS Fonts 4 §4.1: descriptors, not the file's own
     * names, decide matching). */
    FcPatternDel(pat, FC_FAMILY);
    FcPatternDel(pat, FC_FAMILYLANG);
    FcPatternDel(pat, FC_WEIGHT);
    FcPatternDel(pat, FC_SLANT);
    FcPatternDel(pat, FC_STYLE);
    FcPatternDel(pat, FC_STYLELANG);
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, FcWeightFromOpenType(weight));
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    if (!set || !FcFontSetAdd(set, pat)) {
        FcPatternDestroy(pat);
        fo_error(diag, NULL, 0, 0, "out of memory adding font %s", path);
        return FO_ERR_NOMEM;
    }
    /* the font map caches matches: tell it the configuration changed */
    pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->map));
    return FO_OK;
}
