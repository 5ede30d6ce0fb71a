/* fuzz_frontmatter.c — libFuzzer target: finding and reading YAML front
 * matter (libyaml underneath).  Never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "doc/frontmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_diag diag;
    fo_diag_init(&diag);
    diag.out = NULL;
    fo_frontmatter_span span;
    const char *buf = (const char *)data;
    fo_arena *arena = fo_arena_new();
    if (arena) {
        fo_meta meta;
        memset(&meta, 0, sizeof meta);
        if (fo_frontmatter_find(buf, size, &span))
            fo_frontmatter_parse(buf + span.yaml_off, span.yaml_len, 2, "fuzz.md", arena, &meta,
                                 &diag);
        else /* the whole input as YAML too */
            fo_frontmatter_parse(buf, size, 1, "fuzz.md", arena, &meta, &diag);
        fo_arena_free(arena);
    }
    fo_diag_dispose(&diag);
    return 0;
}
