/* confine.h — which files a document and its style sheet may make folio
 * read (images, fonts, @import).  Rules (docs/reliability.md):
 *
 *  - A reference is read only when its real path (realpath(3): every
 *    symbolic link and `..` resolved) lies inside one of the allowed roots:
 *    the document's folder, the style sheet's folder, the fonts folder, and
 *    every `--allow-path DIR` (the folders of files named on the command
 *    line are added by main.c).
 *  - A relative reference is taken relative to the folder of the file that
 *    makes it (the document for images, the style sheet for @import and
 *    @font-face).  An absolute path is accepted only when it resolves inside
 *    a root; `..` or a symbolic link that leads out of every root is refused.
 *  - A URL (anything starting with a scheme such as http:, https:, file:,
 *    data:, ftp:) is never fetched.
 *  - Only regular files are read: a FIFO, device or folder is refused (a
 *    FIFO would block folio forever).
 * Every refusal and every missing file is reported as a *warning*
 * `file:line:col: warning: ...` naming the reference as written; the caller
 * then skips the resource (draws a placeholder, drops the @import...).
 *
 * How the other stages call it (the lead wires these after merging):
 *   @import / @font-face (src/style): for each url or string, with `base`
 *     the folder of the sheet that contains the rule,
 *         FILE *f; char *real;
 *         if (fo_confine_open(conf, base, ref, sheet_path, line, col,
 *                             &f, &real, diag) != FO_CONFINE_OK)
 *             continue;           // warned; skip the rule
 *         ... read f; use `real` as the sheet's path in diagnostics and
 *         as the key for @import cycle detection (realpath is canonical) ...
 *         fclose(f); free(real);
 *   images (src/layout or src/render): the same with `base` the document's
 *     folder (fo_confine_doc_dir) and file/line/col the image reference's
 *     position in the Markdown; after reading the header call
 *     fo_limit_image (base/limits.h) before decoding pixels.
 *   fonts named by a style sheet: as @font-face.
 * The fo_confine object is built once in main.c and is read-only after
 * that: callers receive it as `const fo_confine *`.
 */
#ifndef FO_CONFINE_H
#define FO_CONFINE_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

typedef struct fo_confine fo_confine;

typedef enum fo_confine_result {
    FO_CONFINE_OK = 0,
    FO_CONFINE_REFUSED, /* URL, outside every root, or not a regular file */
    FO_CONFINE_MISSING, /* does not exist or cannot be opened */
    FO_CONFINE_NOMEM,
} fo_confine_result;

/* A confinement with no roots (everything refused until roots are added).
 * Returns NULL when out of memory.  Free with fo_confine_free. */
fo_confine *fo_confine_new(void);

/* Frees `c` and its roots.  Accepts NULL. */
void fo_confine_free(fo_confine *c);

/* Adds the folder `dir` as a root.  It must exist and be a folder; its real
 * path is stored (so a root given through a symbolic link still matches).
 * On failure reports `folio: error: --allow-path DIR: reason` (`what`
 * replaces "--allow-path" in the message, e.g. "fonts folder") and returns
 * FO_CONFINE_MISSING; FO_CONFINE_NOMEM when out of memory. */
fo_confine_result fo_confine_allow(fo_confine *c, const char *dir, const char *what,
                                   fo_diag *diag);

/* Adds the folder that contains the file `path` ("-": the current folder,
 * for standard input).  The first call also records that folder as the
 * document's folder (fo_confine_doc_dir).  Errors as fo_confine_allow. */
fo_confine_result fo_confine_allow_file_dir(fo_confine *c, const char *path, fo_diag *diag);

/* The real path of the first folder added with fo_confine_allow_file_dir
 * (the document's folder), or NULL.  Owned by `c`. */
const char *fo_confine_doc_dir(const fo_confine *c);

/* Number of roots (for tests and --help style listings). */
int fo_confine_nroots(const fo_confine *c);

/* Resolves reference `ref` (as written: relative, absolute, or a URL)
 * against folder `base` (NULL: the current folder).  On FO_CONFINE_OK,
 * *real is the malloc'd real path (caller frees) of an existing regular
 * file inside a root.  Otherwise *real is NULL and a warning was reported
 * through `diag` at file:line:col (the referring file and position; see
 * diag.h for how ≤ 0 line/col print).  Never follows a URL. */
fo_confine_result fo_confine_resolve(const fo_confine *c, const char *base, const char *ref,
                                     const char *file, int line, int col, char **real,
                                     fo_diag *diag);

/* fo_confine_resolve, then opens the file for reading ("rb") without
 * following a symbolic link swapped in after the check (O_NOFOLLOW) and
 * without blocking on a FIFO (O_NONBLOCK, then fstat: regular files only).
 * On FO_CONFINE_OK, *f is open (caller fcloses) and *real is as above
 * (may be NULL when the caller passes real == NULL). */
fo_confine_result fo_confine_open(const fo_confine *c, const char *base, const char *ref,
                                  const char *file, int line, int col, FILE **f,
                                  char **real, fo_diag *diag);

/* True when `ref` starts with a URL scheme (RFC 3986 §3.1: a letter, then
 * letters, digits, '+', '-' or '.', then ':'), e.g. "http:", "file:",
 * "data:".  Such references are never fetched. */
bool fo_confine_is_url(const char *ref);

#endif
