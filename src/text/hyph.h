/* hyph.h — dictionary hyphenation with libhyphen (the ALTLinux/LibreOffice
 * hyphenation library, Liang's patterns as in TeX) and the Debian hyphen-*
 * pattern packages in /usr/share/hyphen (or $FOLIO_HYPHEN_DIR).
 */
#ifndef FO_HYPH_H
#define FO_HYPH_H

#include <stdbool.h>

typedef struct fo_hyph fo_hyph;

/* Opens the patterns for a BCP 47 language tag ("en-US", "de", "fr-CA"):
 * hyph_ll_CC.dic, else hyph_ll.dic, else the first hyph_ll_*.dic.  Returns
 * NULL when no dictionary is installed for the language (no error: the
 * caller then hyphenates nothing) or when out of memory. */
fo_hyph *fo_hyph_open(const char *lang);

/* Hyphenation points of one word (UTF-8, `len` bytes, letters only): stores
 * in `out` (room for `max`) the byte offsets, within the word, before which
 * a hyphen may break it, keeping at least `left` characters before and
 * `right` after every break (TeX's \lefthyphenmin / \righthyphenmin).
 * Words the dictionary's encoding cannot hold, or longer than 100 bytes,
 * get no points.  Returns the number of points. */
int fo_hyph_points(fo_hyph *h, const char *word, int len, int left, int right, int *out,
                   int max);

/* Frees the dictionary.  Accepts NULL. */
void fo_hyph_free(fo_hyph *h);

#endif
