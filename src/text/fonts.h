/* fonts.h — folio's private font world: fontconfig over fonts/ only, one
 * Pango font map and context per run.
 *
 * The font map is a PangoCairo (FreeType) map at 72 dpi, so 1 pt = 1 px =
 * PANGO_SCALE (1024) Pango units; hinting and glyph-position rounding are
 * off, so layout never depends on a screen resolution.  Only the fonts in
 * the given directory and the style sheet's @font-face files are visible: the same
 * input gives the same PDF on every machine.
 */
#ifndef FO_FONTS_H
#define FO_FONTS_H

#include <pango/pango.h>

#include "../base/diag.h"

typedef struct fo_fonts fo_fonts;

/* Creates the font world from `dir` (a folder holding folio's .ttf files
 * and its fonts.conf).  Errors (FO_ERR_FONT, reported to `diag`): the
 * folder has no fonts.conf, fontconfig rejects it, or no font is found.
 * Caller frees *out with fo_fonts_free. */
fo_status fo_fonts_new(const char *dir, fo_fonts **out, fo_diag *diag);

/* Frees the font map, context and fontconfig configuration.  Accepts NULL. */
void fo_fonts_free(fo_fonts *f);

/* The shared Pango context (owned by `f`; do not unref). */
PangoContext *fo_fonts_context(fo_fonts *f);

/* Describes the face behind `font`: its file path (owned by Pango's
 * pattern, valid while `font` lives) and face index.  Returns false when
 * the font is not backed by a fontconfig file. */
bool fo_fonts_face_file(PangoFont *font, const char **path, int *index,
                        const char **family, const char **psname);

/* Registers the font file `path` (face 0) under the family name `family`
 * with CSS weight `weight` (100..900) and italic or upright style, for an
 * @font-face rule (CSS Fonts 4 §4); call it before layout.  `where`,
 * `line`, `col` locate the rule for messages (`where` may be NULL).
 * Errors (FO_ERR_FONT, reported as `where:line:col: error: @font-face:
 * ... FILE ...`): the file cannot be read, is not an OpenType/TrueType
 * font, or cannot be embedded (CFF outlines or no glyf table: the PDF
 * writer embeds TrueType outlines only).  The file is not copied; it must
 * stay in place until the PDF is written. */
fo_status fo_fonts_add_face(fo_fonts *f, const char *path, const char *family, int weight,
                            bool italic, const char *where, int line, int col, fo_diag *diag);

/* Finds folio's fonts folder: `override` when non-NULL, else $FOLIO_FONTS,
 * else <directory of the executable>/../fonts, else the compile-time
 * FO_FONTS_DIR.  Returns a newly allocated string (caller frees with free)
 * or NULL when out of memory. */
char *fo_fonts_locate(const char *override);

#endif
