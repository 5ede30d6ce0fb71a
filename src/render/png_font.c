/* png_font.c — FreeType faces for the cairo backend (see png_priv.h).
 *
 * cairo keeps font faces in its own caches past cairo_font_face_destroy, so
 * each FT_Face is released by the cairo face's user-data destructor (the
 * lifetime rule of cairo_ft_font_face_create_for_ft_face), and each face
 * holds a reference on a counted FreeType library so the library outlives
 * every face cairo may still hold; the last release calls FT_Done_FreeType
 * (FT_Done_Library alone would keep FreeType's memory object). */
#include "png_priv.h"

#include <stdlib.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo-ft.h>

/* A FreeType library shared by the face table and every face made from it
 * (single-threaded, like the rest of folio). */
typedef struct ft_lib {
    FT_Library lib;
    int refs;
} ft_lib;

static void lib_release(ft_lib *l)
{
    if (--l->refs == 0) {
        FT_Done_FreeType(l->lib);
        free(l);
    }
}

struct fo_png_fonts {
    const fo_display *d;
    fo_diag *diag;
    ft_lib *lib;
    cairo_font_face_t **faces; /* d->nfaces, NULL until loaded */
};

static const cairo_user_data_key_t ft_key;

typedef struct ft_owner {
    ft_lib *lib;
    FT_Face face;
} ft_owner;

static void release_ft(void *p)
{
    ft_owner *o = p;
    FT_Done_Face(o->face);
    lib_release(o->lib);
    free(o);
}

fo_status fo_png_fonts_new(const fo_display *d, fo_diag *diag, fo_png_fonts **out)
{
    *out = NULL;
    fo_png_fonts *f = calloc(1, sizeof *f);
    if (!f || (d->nfaces > 0 && !(f->faces = calloc((size_t)d->nfaces, sizeof *f->faces)))) {
        free(f);
        fo_error(diag, NULL, 0, 0, "out of memory while loading fonts for page images");
        return FO_ERR_NOMEM;
    }
    f->d = d;
    f->diag = diag;
    if (!(f->lib = calloc(1, sizeof *f->lib))) {
        free(f->faces);
        free(f);
        fo_error(diag, NULL, 0, 0, "out of memory while loading fonts for page images");
        return FO_ERR_NOMEM;
    }
    if (FT_Init_FreeType(&f->lib->lib) != 0) {
        free(f->lib);
        free(f->faces);
        free(f);
        fo_error(diag, NULL, 0, 0, "FreeType could not start");
        return FO_ERR_FONT;
    }
    f->lib->refs = 1;
    *out = f;
    return FO_OK;
}

fo_status fo_png_fonts_face(fo_png_fonts *f, int index, cairo_font_face_t **face)
{
    if (index < 0 || index >= f->d->nfaces) {
        fo_error(f->diag, NULL, 0, 0, "a glyph run names face %d of %d", index, f->d->nfaces);
        return FO_ERR_FONT;
    }
    if (f->faces[index]) {
        *face = f->faces[index];
        return FO_OK;
    }
    const fo_face *ff = &f->d->faces[index];
    ft_owner *o = malloc(sizeof *o);
    if (!o) {
        fo_error(f->diag, NULL, 0, 0, "out of memory while loading %s", ff->path);
        return FO_ERR_NOMEM;
    }
    FT_Error e = FT_New_Face(f->lib->lib, ff->path, ff->index, &o->face);
    if (e != 0) {
        free(o);
        fo_error(f->diag, NULL, 0, 0, "cannot load font %s (face %d): FreeType error %d",
                 ff->path, ff->index, e);
        return FO_ERR_FONT;
    }
    /* glyph outlines as designed: no hinting, as layout measured them */
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(o->face, FT_LOAD_NO_HINTING);
    f->lib->refs++;
    o->lib = f->lib;
    if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(cf, &ft_key, o, release_ft) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(cf);
        release_ft(o);
        fo_error(f->diag, NULL, 0, 0, "cairo cannot use font %s", ff->path);
        return FO_ERR_FONT;
    }
    f->faces[index] = cf;
    *face = cf;
    return FO_OK;
}

void fo_png_fonts_apply_options(cairo_t *cr)
{
    cairo_font_options_t *o = cairo_font_options_create();
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, o);
    cairo_font_options_destroy(o);
}

void fo_png_fonts_free(fo_png_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->d->nfaces; i++)
        cairo_font_face_destroy(f->faces[i]);
    free(f->faces);
    lib_release(f->lib);
    free(f);
}
