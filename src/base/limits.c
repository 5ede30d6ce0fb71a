/* limits.c — checks for the limits in limits.h. */
#include "limits.h"

#include <inttypes.h>

fo_status fo_limit_image(uint64_t width, uint64_t height, const char *path,
                         const char *file, int line, int col, fo_diag *diag)
{
    const char *name = path ? path : "(image)";
    if (width == 0 || height == 0) {
        fo_error(diag, file, line, col, "image %s has no pixels (%" PRIu64 " x %" PRIu64 " px)",
                 name, width, height);
        return FO_ERR_LIMIT;
    }
    if (width > FO_LIMIT_IMAGE_SIDE || height > FO_LIMIT_IMAGE_SIDE ||
        width * height > FO_LIMIT_IMAGE_PIXELS) {
        fo_error(diag, file, line, col,
                 "image %s is %" PRIu64 " x %" PRIu64 " px; the limit is %" PRIu64
                 " pixels and %u px a side",
                 name, width, height, (uint64_t)FO_LIMIT_IMAGE_PIXELS, FO_LIMIT_IMAGE_SIDE);
        return FO_ERR_LIMIT;
    }
    return FO_OK;
}
