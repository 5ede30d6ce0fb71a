/* frontmatter.c — finding YAML front matter and reading fo_meta with
 * libyaml's document API. */
#include "frontmatter.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

/* ---- finding the block ---------------------------------------------- */

/* Length of the line starting at `i` (terminator excluded); *next is the
 * start of the following line (or len).  LF, CRLF and CR end lines. */
static size_t line_at(const char *b, size_t len, size_t i, size_t *next)
{
    size_t j = i;
    while (j < len && b[j] != '\n' && b[j] != '\r')
        j++;
    size_t n = j - i;
    if (j < len && b[j] == '\r' && j + 1 < len && b[j + 1] == '\n')
        j++;
    *next = j < len ? j + 1 : len;
    return n;
}

static bool only_blanks(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* "---" (or "..." when `dots`) followed only by spaces/tabs. */
static bool is_fence(const char *s, size_t n, bool dots)
{
    if (n < 3)
        return false;
    if (memcmp(s, "---", 3) != 0 && !(dots && memcmp(s, "...", 3) == 0))
        return false;
    return only_blanks(s + 3, n - 3);
}

bool fo_frontmatter_find(const char *buf, size_t len, fo_frontmatter_span *span)
{
    size_t next;
    size_t n = line_at(buf, len, 0, &next);
    if (!is_fence(buf, n, false) || next >= len)
        return false;
    size_t p = next, yaml_off = next;
    n = line_at(buf, len, p, &next);
    if (only_blanks(buf + p, n))
        return false; /* "---" then a blank line: a thematic break */
    for (int line = 2; p < len; line++) {
        n = line_at(buf, len, p, &next);
        if (is_fence(buf + p, n, true)) {
            span->yaml_off = yaml_off;
            span->yaml_len = p - yaml_off;
            span->body_off = next;
            span->body_line = line + 1;
            return true;
        }
        p = next;
    }
    return false;
}

/* ---- reading the YAML ----------------------------------------------- */

typedef struct reader {
    const char *yaml;
    size_t len;
    int first_line;
    const char *path;
    fo_arena *arena;
    fo_diag *diag;
    yaml_document_t *doc;
} reader;

/* Converts a libyaml position (0-based line, column in characters) to a
 * file line and a 1-based byte column. */
static void position(const reader *r, size_t yline, size_t ycol, int *line,
                     int *col)
{
    size_t i = 0, next;
    for (size_t l = 0; l < yline && i < r->len; l++) {
        line_at(r->yaml, r->len, i, &next);
        i = next;
    }
    size_t start = i;
    for (size_t c = 0; c < ycol && i < r->len && r->yaml[i] != '\n' &&
                       r->yaml[i] != '\r';
         c++) {
        i++;
        while (i < r->len && ((unsigned char)r->yaml[i] & 0xC0) == 0x80)
            i++;
    }
    *line = r->first_line + (int)(yline > INT32_MAX ? INT32_MAX : yline);
    *col = (int)(i - start) + 1;
}

/* Same, for a byte offset into the YAML text (libyaml reader errors). */
static void offset_position(const reader *r, size_t off, int *line, int *col)
{
    size_t i = 0, next, l = 0;
    for (;;) {
        line_at(r->yaml, r->len, i, &next);
        if (next > off || next >= r->len)
            break;
        i = next;
        l++;
    }
    *line = r->first_line + (int)l;
    *col = (int)(off - i) + 1;
}

static void warn_at(const reader *r, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn_at(const reader *r, const yaml_node_t *n, const char *fmt, ...)
{
    int line, col;
    va_list ap;
    position(r, n->start_mark.line, n->start_mark.column, &line, &col);
    va_start(ap, fmt);
    fo_diag_vreport(r->diag, FO_WARNING, r->path, line, col, fmt, ap);
    va_end(ap);
}

static bool is_null_scalar(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length;
    return len == 0 || (len == 1 && v[0] == '~') ||
           (len == 4 && (!memcmp(v, "null", 4) || !memcmp(v, "Null", 4) ||
                         !memcmp(v, "NULL", 4)));
}

/* Arena copy of a scalar's text. */
static const char *scalar_dup(reader *r, const yaml_node_t *n)
{
    return fo_arena_strndup(r->arena, (const char *)n->data.scalar.value,
                            n->data.scalar.length);
}

static bool key_is(const yaml_node_t *k, const char *name)
{
    size_t n = strlen(name);
    return k->data.scalar.length == n && memcmp(k->data.scalar.value, name, n) == 0;
}

/* Reads a string field.  Null leaves it NULL; a non-scalar warns. */
static fo_status read_string(reader *r, const char *key, const yaml_node_t *v,
                             const char **out)
{
    if (is_null_scalar(v))
        return FO_OK;
    if (v->type != YAML_SCALAR_NODE) {
        warn_at(r, v, "front matter: '%s' should be a string; ignored", key);
        return FO_OK;
    }
    *out = scalar_dup(r, v);
    return *out ? FO_OK : FO_ERR_NOMEM;
}

/* An author entry: a string or a mapping with a `name` string. */
static const yaml_node_t *author_name(reader *r, const yaml_node_t *v)
{
    if (v->type == YAML_SCALAR_NODE)
        return is_null_scalar(v) ? NULL : v;
    if (v->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
         p < v->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
        yaml_node_t *val = yaml_document_get_node(r->doc, p->value);
        if (k && val && k->type == YAML_SCALAR_NODE && key_is(k, "name") &&
            val->type == YAML_SCALAR_NODE && !is_null_scalar(val))
            return val;
    }
    return NULL;
}

/* Reads a list field: a sequence of entries, or one string which, when
 * `split` is true, is split at commas (entries trimmed, empty ones dropped). */
static fo_status read_list(reader *r, const char *key, const yaml_node_t *v,
                           bool split, const char ***out, int *count)
{
    if (is_null_scalar(v))
        return FO_OK;
    if (v->type == YAML_SCALAR_NODE) {
        const char *s = (const char *)v->data.scalar.value;
        size_t len = v->data.scalar.length;
        size_t parts = 1;
        if (split)
            for (size_t i = 0; i < len; i++)
                parts += s[i] == ',';
        const char **arr = fo_arena_alloc(r->arena, parts * sizeof *arr);
        if (!arr)
            return FO_ERR_NOMEM;
        int n = 0;
        size_t i = 0;
        while (i <= len) {
            size_t j = i;
            while (j < len && !(split && s[j] == ','))
                j++;
            size_t a = i, b = j;
            while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n'))
                a++;
            while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n'))
                b--;
            if (b > a) {
                if (!(arr[n++] = fo_arena_strndup(r->arena, s + a, b - a)))
                    return FO_ERR_NOMEM;
            }
            i = j + 1;
        }
        *out = arr;
        *count = n;
        return FO_OK;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        warn_at(r, v, "front matter: '%s' should be a string or a list; ignored", key);
        return FO_OK;
    }
    size_t cap = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    const char **arr = fo_arena_alloc(r->arena, (cap ? cap : 1) * sizeof *arr);
    if (!arr)
        return FO_ERR_NOMEM;
    int n = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start;
         it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node(r->doc, *it);
        if (!item)
            continue;
        const yaml_node_t *name = split ? item : author_name(r, item);
        if (is_null_scalar(item))
            continue;
        if (!name || name->type != YAML_SCALAR_NODE) {
            warn_at(r, item, "front matter: an entry of '%s' is not a string; ignored", key);
            continue;
        }
        if (!(arr[n++] = scalar_dup(r, name)))
            return FO_ERR_NOMEM;
    }
    *out = arr;
    *count = n;
    return FO_OK;
}

static fo_status read_bool(reader *r, const char *key, const yaml_node_t *v,
                           bool *out)
{
    static const char *yes[] = {"true", "yes", "on", "y"};
    static const char *no[] = {"false", "no", "off", "n"};
    if (v->type == YAML_SCALAR_NODE) {
        const char *s = (const char *)v->data.scalar.value;
        size_t len = v->data.scalar.length;
        for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
            if (len == strlen(yes[i]) && !strncasecmp(s, yes[i], len)) {
                *out = true;
                return FO_OK;
            }
            if (len == strlen(no[i]) && !strncasecmp(s, no[i], len)) {
                *out = false;
                return FO_OK;
            }
        }
    }
    warn_at(r, v, "front matter: '%s' should be true or false; ignored", key);
    return FO_OK;
}

/* Appends (or replaces, for a repeated key) an extra key/value pair. */
static fo_status add_extra(reader *r, fo_meta *m, const yaml_node_t *k,
                           const yaml_node_t *v, int cap)
{
    const char *key = scalar_dup(r, k);
    const char *val = scalar_dup(r, v);
    if (!key || !val)
        return FO_ERR_NOMEM;
    for (int i = 0; i < m->nextra; i++) {
        if (strcmp(m->extra_keys[i], key) == 0) {
            m->extra_values[i] = val;
            return FO_OK;
        }
    }
    if (m->nextra >= cap)
        return FO_OK; /* cannot happen: cap counts every pair */
    m->extra_keys[m->nextra] = key;
    m->extra_values[m->nextra] = val;
    m->nextra++;
    return FO_OK;
}

static fo_status read_mapping(reader *r, const yaml_node_t *root, fo_meta *m)
{
    int npairs = (int)(root->data.mapping.pairs.top - root->data.mapping.pairs.start);
    m->extra_keys = fo_arena_alloc(r->arena, (size_t)(npairs ? npairs : 1) * sizeof(char *));
    m->extra_values = fo_arena_alloc(r->arena, (size_t)(npairs ? npairs : 1) * sizeof(char *));
    if (!m->extra_keys || !m->extra_values)
        return FO_ERR_NOMEM;

    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
        fo_status st = FO_OK;
        if (!k || !v)
            continue;
        if (k->type != YAML_SCALAR_NODE) {
            warn_at(r, k, "front matter: a key that is not a string is ignored");
            continue;
        }
        if (key_is(k, "title"))
            st = read_string(r, "title", v, &m->title);
        else if (key_is(k, "subtitle"))
            st = read_string(r, "subtitle", v, &m->subtitle);
        else if (key_is(k, "date"))
            st = read_string(r, "date", v, &m->date);
        else if (key_is(k, "lang"))
            st = read_string(r, "lang", v, &m->lang);
        else if (key_is(k, "subject"))
            st = read_string(r, "subject", v, &m->subject);
        else if (key_is(k, "author") || key_is(k, "authors"))
            st = read_list(r, "author", v, false, &m->authors, &m->nauthors);
        else if (key_is(k, "keywords"))
            st = read_list(r, "keywords", v, true, &m->keywords, &m->nkeywords);
        else if (key_is(k, "attachments"))
            st = read_list(r, "attachments", v, false, &m->attachments, &m->nattachments);
        else if (key_is(k, "toc"))
            st = read_bool(r, "toc", v, &m->toc);
        else if (v->type == YAML_SCALAR_NODE)
            st = add_extra(r, m, k, v, npairs);
        if (st != FO_OK)
            return st;
    }
    return FO_OK;
}

static fo_status report_yaml_error(reader *r, const yaml_parser_t *p)
{
    int line, col;
    if (p->error == YAML_MEMORY_ERROR) {
        fo_error(r->diag, r->path, 0, 0, "out of memory");
        return FO_ERR_NOMEM;
    }
    if (p->error == YAML_READER_ERROR)
        offset_position(r, p->problem_offset, &line, &col);
    else
        position(r, p->problem_mark.line, p->problem_mark.column, &line, &col);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context) {
        int cline, ccol;
        position(r, p->context_mark.line, p->context_mark.column, &cline, &ccol);
        fo_error(r->diag, r->path, line, col, "front matter: %s (%s at line %d)",
                 problem, p->context, cline);
    } else {
        fo_error(r->diag, r->path, line, col, "front matter: %s", problem);
    }
    return FO_ERR_DOC;
}

fo_status fo_frontmatter_parse(const char *yaml, size_t len, int first_line,
                               const char *path, fo_arena *arena,
                               fo_meta *meta, fo_diag *diag)
{
    reader r = {yaml, len, first_line, path, arena, diag, NULL};
    yaml_parser_t parser;
    yaml_document_t doc;
    fo_status st = FO_OK;

    if (!yaml_parser_initialize(&parser)) {
        fo_error(diag, path, 0, 0, "out of memory");
        return FO_ERR_NOMEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    if (!yaml_parser_load(&parser, &doc)) {
        st = report_yaml_error(&r, &parser);
        goto out_parser;
    }
    r.doc = &doc;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || is_null_scalar(root))
        goto out_doc; /* empty front matter */
    if (root->type != YAML_MAPPING_NODE) {
        int line, col;
        position(&r, root->start_mark.line, root->start_mark.column, &line, &col);
        fo_error(diag, path, line, col,
                 "front matter: expected a mapping of keys to values, found a %s",
                 root->type == YAML_SCALAR_NODE ? "string" : "list");
        st = FO_ERR_DOC;
        goto out_doc;
    }
    st = read_mapping(&r, root, meta);
    if (st == FO_ERR_NOMEM)
        fo_error(diag, path, 0, 0, "out of memory");

out_doc:
    yaml_document_delete(&doc);
out_parser:
    yaml_parser_delete(&parser);
    return st;
}
