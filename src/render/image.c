/* image.c — PNG (libpng's simplified API) and JPEG (libjpeg) reading; see
 * image.h. */
#include "../base/limits.h"
#include "image.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

/* One source of truth for image limits: base/limits.h. */
#define MAX_SIDE ((long)FO_LIMIT_IMAGE_SIDE)
#define MAX_PIXELS ((long)FO_LIMIT_IMAGE_PIXELS)

static fo_status fail(char *why, size_t n, fo_status st, const char *fmt, ...)
{
    if (why && n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, n, fmt, ap);
        va_end(ap);
    }
    return st;
}

static bool size_ok(long w, long h)
{
    return w > 0 && h > 0 && w <= MAX_SIDE && h <= MAX_SIDE && w * h <= MAX_PIXELS;
}

/* ---- PNG ---- */

static fo_status png_read(const char *path, fo_image_info *info, fo_image_pixels *px,
                          char *why, size_t n)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path))
        return fail(why, n, FO_ERR_DOC, "bad PNG: %s", im.message);
    if (!size_ok(im.width, im.height)) {
        png_image_free(&im);
        return fail(why, n, FO_ERR_DOC, "PNG too large (%u x %u px)", im.width, im.height);
    }
    bool alpha = (im.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    im.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    size_t stride = PNG_IMAGE_ROW_STRIDE(im);
    unsigned char *buf = malloc(PNG_IMAGE_BUFFER_SIZE(im, stride));
    if (!buf) {
        png_image_free(&im);
        return fail(why, n, FO_ERR_NOMEM, "out of memory");
    }
    if (!png_image_finish_read(&im, NULL, buf, (png_int_32)stride, NULL)) {
        free(buf);
        return fail(why, n, FO_ERR_DOC, "bad PNG: %s", im.message);
    }
    if (info) {
        memset(info, 0, sizeof *info);
        info->format = FO_IMAGE_PNG;
        info->width = (int)im.width;
        info->height = (int)im.height;
        info->components = alpha ? 4 : 3;
    }
    if (!px) {
        free(buf);
        return FO_OK;
    }
    size_t npx = (size_t)im.width * im.height;
    px->width = (int)im.width;
    px->height = (int)im.height;
    if (!alpha) {
        px->rgb = buf;
        return FO_OK;
    }
    px->rgb = malloc(npx * 3);
    px->alpha = malloc(npx);
    if (!px->rgb || !px->alpha) {
        free(buf);
        fo_image_pixels_free(px);
        return fail(why, n, FO_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < npx; i++) {
        memcpy(px->rgb + 3 * i, buf + 4 * i, 3);
        px->alpha[i] = buf[4 * i + 3];
    }
    free(buf);
    return FO_OK;
}

/* ---- JPEG ---- */

/* libjpeg's default error handler prints to stderr and calls exit().  Ours
 * formats the message into `msg` and longjmps back to jpeg_read; nothing is
 * printed.  A warning (level -1: "Premature end of JPEG file", "Corrupt
 * JPEG data: ...") means libjpeg made up the missing or bad data; such a
 * file would also be embedded as broken DCT data, so it is an error too. */
typedef struct jerr {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
    char msg[JMSG_LENGTH_MAX];
    bool nomem, large; /* our own reasons, not libjpeg's */
} jerr;

static void jpeg_fail(j_common_ptr c)
{
    jerr *e = (jerr *)c->err;
    c->err->format_message(c, e->msg);
    longjmp(e->jb, 1);
}

static void jpeg_message(j_common_ptr c, int level)
{
    if (level >= 0)
        return; /* trace messages */
    c->err->num_warnings++;
    jpeg_fail(c);
}

static void jpeg_no_output(j_common_ptr c)
{
    (void)c; /* never print: the reason goes to the caller's `why` */
}

static fo_status jpeg_read(const char *path, fo_image_info *info, fo_image_pixels *px,
                           char *why, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(why, n, FO_ERR_IO, "cannot open");
    struct jpeg_decompress_struct d;
    jerr e;
    memset(&e, 0, sizeof e);
    d.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = jpeg_fail;
    e.pub.emit_message = jpeg_message;
    e.pub.output_message = jpeg_no_output;
    unsigned char *volatile rgb = NULL;
    unsigned char *volatile row = NULL;
    if (setjmp(e.jb)) {
        jpeg_destroy_decompress(&d);
        fclose(f);
        free(rgb);
        free(row);
        return fail(why, n, e.nomem ? FO_ERR_NOMEM : FO_ERR_DOC,
                    e.nomem || e.large ? "%s" : "corrupt JPEG: %s", e.msg);
    }
    jpeg_create_decompress(&d);
    jpeg_stdio_src(&d, f);
    jpeg_read_header(&d, TRUE);
    if (!size_ok(d.image_width, d.image_height)) {
        snprintf(e.msg, sizeof e.msg, "JPEG too large (%u x %u px)", d.image_width,
                 d.image_height);
        e.large = true;
        longjmp(e.jb, 1);
    }
    bool cmyk = d.num_components == 4;
    bool inverted = cmyk && d.saw_Adobe_marker;
    d.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&d);
    int w = (int)d.output_width, h = (int)d.output_height, nc = d.output_components;
    rgb = malloc((size_t)w * h * 3);
    row = malloc((size_t)w * nc);
    if (!rgb || !row) {
        snprintf(e.msg, sizeof e.msg, "out of memory");
        e.nomem = true;
        longjmp(e.jb, 1);
    }
    while (d.output_scanline < d.output_height) {
        JSAMPROW r = row;
        unsigned char *out = rgb + (size_t)d.output_scanline * w * 3;
        jpeg_read_scanlines(&d, &r, 1);
        for (int x = 0; x < w; x++) {
            if (nc == 3) {
                memcpy(out + 3 * x, row + 3 * x, 3);
            } else if (nc == 1) {
                out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = row[x];
            } else { /* CMYK, Adobe-inverted or not */
                unsigned k = row[4 * x + 3];
                for (int c = 0; c < 3; c++) {
                    unsigned v = row[4 * x + c];
                    out[3 * x + c] = inverted ? (unsigned char)(v * k / 255)
                                              : (unsigned char)((255 - v) * (255 - k) / 255);
                }
            }
        }
    }
    if (info) {
        memset(info, 0, sizeof *info);
        info->format = FO_IMAGE_JPEG;
        info->width = w;
        info->height = h;
        info->components = d.num_components;
        if (d.saw_JFIF_marker && d.density_unit == 1) {
            info->dpi_x = d.X_density;
            info->dpi_y = d.Y_density;
        } else if (d.saw_JFIF_marker && d.density_unit == 2) {
            info->dpi_x = d.X_density * 2.54;
            info->dpi_y = d.Y_density * 2.54;
        }
    }
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
    fclose(f);
    free(row);
    if (px) {
        px->width = w;
        px->height = h;
        px->rgb = rgb;
    } else {
        free(rgb);
    }
    return FO_OK;
}

/* ---- entry points ---- */

static fo_status sniff(const char *path, fo_image_format *fmt, char *why, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(why, n, FO_ERR_IO, "%s", strerror(errno));
    unsigned char sig[8] = {0};
    size_t got = fread(sig, 1, sizeof sig, f);
    fclose(f);
    if (got == 8 && png_sig_cmp(sig, 0, 8) == 0)
        *fmt = FO_IMAGE_PNG;
    else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF)
        *fmt = FO_IMAGE_JPEG;
    else
        return fail(why, n, FO_ERR_DOC, "not a PNG or JPEG image");
    return FO_OK;
}

fo_status fo_image_load(const char *path, fo_image_info *info, char *why, size_t why_len)
{
    fo_image_format fmt;
    fo_status st = sniff(path, &fmt, why, why_len);
    if (st != FO_OK)
        return st;
    return fmt == FO_IMAGE_PNG ? png_read(path, info, NULL, why, why_len)
                               : jpeg_read(path, info, NULL, why, why_len);
}

fo_status fo_image_pixels_read(const char *path, fo_image_pixels *px, char *why, size_t why_len)
{
    memset(px, 0, sizeof *px);
    fo_image_format fmt;
    fo_status st = sniff(path, &fmt, why, why_len);
    if (st != FO_OK)
        return st;
    st = fmt == FO_IMAGE_PNG ? png_read(path, NULL, px, why, why_len)
                             : jpeg_read(path, NULL, px, why, why_len);
    if (st != FO_OK)
        fo_image_pixels_free(px);
    return st;
}

void fo_image_pixels_free(fo_image_pixels *px)
{
    if (!px)
        return;
    free(px->rgb);
    free(px->alpha);
    px->rgb = px->alpha = NULL;
}
