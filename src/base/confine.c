/* confine.c — allowed roots and reference resolution.  See confine.h. */
#include "confine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fo_confine {
    char **roots; /* real paths, no trailing '/' except for "/" itself */
    int nroots, cap;
    char *doc_dir;
};

fo_confine *fo_confine_new(void)
{
    return calloc(1, sizeof(fo_confine));
}

void fo_confine_free(fo_confine *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nroots; i++)
        free(c->roots[i]);
    free(c->roots);
    free(c->doc_dir);
    free(c);
}

int fo_confine_nroots(const fo_confine *c)
{
    return c ? c->nroots : 0;
}

const char *fo_confine_doc_dir(const fo_confine *c)
{
    return c ? c->doc_dir : NULL;
}

bool fo_confine_is_url(const char *ref)
{
    if (!ref || !((*ref >= 'a' && *ref <= 'z') || (*ref >= 'A' && *ref <= 'Z')))
        return false;
    const char *p = ref + 1;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

/* Stores `real` (taken over) unless an equal root exists. */
static fo_confine_result add_root(fo_confine *c, char *real)
{
    for (int i = 0; i < c->nroots; i++) {
        if (strcmp(c->roots[i], real) == 0) {
            free(real);
            return FO_CONFINE_OK;
        }
    }
    if (c->nroots == c->cap) {
        int cap = c->cap ? c->cap * 2 : 8;
        char **r = realloc(c->roots, (size_t)cap * sizeof *r);
        if (!r) {
            free(real);
            return FO_CONFINE_NOMEM;
        }
        c->roots = r;
        c->cap = cap;
    }
    c->roots[c->nroots++] = real;
    return FO_CONFINE_OK;
}

fo_confine_result fo_confine_allow(fo_confine *c, const char *dir, const char *what,
                                   fo_diag *diag)
{
    const char *label = what ? what : "--allow-path";
    char *real = realpath(dir, NULL);
    if (!real) {
        if (errno == ENOMEM)
            return FO_CONFINE_NOMEM;
        fo_error(diag, NULL, 0, 0, "%s %s: %s", label, dir, strerror(errno));
        return FO_CONFINE_MISSING;
    }
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fo_error(diag, NULL, 0, 0, "%s %s: not a folder", label, dir);
        free(real);
        return FO_CONFINE_MISSING;
    }
    return add_root(c, real);
}

fo_confine_result fo_confine_allow_file_dir(fo_confine *c, const char *path, fo_diag *diag)
{
    char *dir;
    if (strcmp(path, "-") == 0) {
        dir = strdup(".");
    } else {
        dir = strdup(path);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash == dir)
            dir[1] = '\0';
        else if (slash)
            *slash = '\0';
        else if (dir) {
            free(dir);
            dir = strdup(".");
        }
    }
    if (!dir)
        return FO_CONFINE_NOMEM;
    fo_confine_result r = fo_confine_allow(c, dir, "folder", diag);
    if (r == FO_CONFINE_OK && !c->doc_dir) {
        c->doc_dir = realpath(dir, NULL);
        if (!c->doc_dir)
            r = FO_CONFINE_NOMEM;
    }
    free(dir);
    return r;
}

static bool inside(const char *root, const char *real)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return real[0] == '/';
    return strncmp(root, real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

fo_confine_result fo_confine_resolve(const fo_confine *c, const char *base, const char *ref,
                                     const char *file, int line, int col, char **real,
                                     fo_diag *diag)
{
    *real = NULL;
    if (!ref || !*ref) {
        fo_warn(diag, file, line, col, "an empty file reference; skipped");
        return FO_CONFINE_REFUSED;
    }
    if (fo_confine_is_url(ref)) {
        fo_warn(diag, file, line, col, "'%.200s' is a URL; folio never fetches URLs; skipped",
                ref);
        return FO_CONFINE_REFUSED;
    }
    char *cand;
    if (ref[0] == '/' || !base || !*base) {
        cand = strdup(ref);
    } else {
        size_t bl = strlen(base), rl = strlen(ref);
        cand = malloc(bl + rl + 2);
        if (cand) {
            memcpy(cand, base, bl);
            cand[bl] = '/';
            memcpy(cand + bl + 1, ref, rl + 1);
        }
    }
    if (!cand)
        return FO_CONFINE_NOMEM;
    char *r = realpath(cand, NULL);
    int err = errno;
    free(cand);
    if (!r) {
        if (err == ENOMEM)
            return FO_CONFINE_NOMEM;
        fo_warn(diag, file, line, col, "cannot read '%.200s': %s; skipped", ref, strerror(err));
        return FO_CONFINE_MISSING;
    }
    bool ok = false;
    for (int i = 0; c && i < c->nroots && !ok; i++)
        ok = inside(c->roots[i], r);
    if (!ok) {
        fo_warn(diag, file, line, col,
                "'%.200s' is outside the folders folio may read (the document's, the style "
                "sheet's, the fonts folder and --allow-path); skipped",
                ref);
        free(r);
        return FO_CONFINE_REFUSED;
    }
    struct stat st;
    if (stat(r, &st) != 0 || !S_ISREG(st.st_mode)) {
        fo_warn(diag, file, line, col, "'%.200s' is not a regular file; skipped", ref);
        free(r);
        return FO_CONFINE_REFUSED;
    }
    *real = r;
    return FO_CONFINE_OK;
}

fo_confine_result fo_confine_open(const fo_confine *c, const char *base, const char *ref,
                                  const char *file, int line, int col, FILE **f,
                                  char **real, fo_diag *diag)
{
    *f = NULL;
    if (real)
        *real = NULL;
    char *r;
    fo_confine_result res = fo_confine_resolve(c, base, ref, file, line, col, &r, diag);
    if (res != FO_CONFINE_OK)
        return res;
    int fd = open(r, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int err = fd < 0 ? errno : 0;
        if (fd >= 0)
            close(fd);
        if (err)
            fo_warn(diag, file, line, col, "cannot read '%.200s': %s; skipped", ref,
                    strerror(err));
        else
            fo_warn(diag, file, line, col, "'%.200s' is not a regular file; skipped", ref);
        free(r);
        return err ? FO_CONFINE_MISSING : FO_CONFINE_REFUSED;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    *f = fdopen(fd, "rb");
    if (!*f) {
        close(fd);
        free(r);
        return FO_CONFINE_NOMEM;
    }
    if (real)
        *real = r;
    else
        free(r);
    return FO_CONFINE_OK;
}
