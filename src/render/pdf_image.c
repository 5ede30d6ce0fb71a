/* pdf_image.c — raster images in the PDF (see fo_pdf_on_image in
 * pdf_writer.h). */
#include "pdf_priv.h"
#include "pdf_writer.h"

#include <stdlib.h>
#include <string.h>

#include "image.h"

/* Embeds the image file once and returns its XObject, or NULL with the
 * error reported (*st set). */
static HPDF_Image embed(fo_pdf_writer *w, const fo_image_item *im, fo_status *st)
{
    for (int i = 0; i < w->nimages; i++)
        if (strcmp(w->images[i].path, im->path) == 0)
            return w->images[i].img;
    struct pdf_image *v = realloc(w->images, (size_t)(w->nimages + 1) * sizeof *v);
    if (!v) {
        *st = fo_pdf_nomem(w->c.diag);
        return NULL;
    }
    w->images = v;
    HPDF_Image img = NULL;
    fo_image_info info;
    char why[256] = "";
    /* DCT data passes through for gray and RGB JPEGs. */
    if (im->format == FO_IMAGE_JPEG && fo_image_load(im->path, &info, why, sizeof why) == FO_OK &&
        (info.components == 1 || info.components == 3)) {
        img = HPDF_LoadJpegImageFromFile(w->c.doc, im->path);
        if (!img || fo_pdf_failed(&w->c, HPDF_OK)) {
            *st = fo_pdf_herror(&w->c);
            return NULL;
        }
    } else {
        fo_image_pixels px;
        fo_status rs = fo_image_pixels_read(im->path, &px, why, sizeof why);
        if (rs != FO_OK) {
            fo_error(w->c.diag, im->path, 0, 0, "cannot read image: %s", why);
            *st = rs == FO_ERR_NOMEM ? FO_ERR_NOMEM : FO_ERR_IO;
            return NULL;
        }
        img = HPDF_LoadRawImageFromMem(w->c.doc, px.rgb, (HPDF_UINT)px.width,
                                       (HPDF_UINT)px.height, HPDF_CS_DEVICE_RGB, 8);
        if (img && px.alpha) {
            HPDF_Image mask = HPDF_LoadRawImageFromMem(w->c.doc, px.alpha, (HPDF_UINT)px.width,
                                                       (HPDF_UINT)px.height, HPDF_CS_DEVICE_GRAY, 8);
            if (mask)
                HPDF_Image_AddSMask(img, mask);
        }
        fo_image_pixels_free(&px);
        if (!img || fo_pdf_failed(&w->c, HPDF_OK)) {
            *st = fo_pdf_herror(&w->c);
            return NULL;
        }
    }
    w->images[w->nimages].path = im->path;
    w->images[w->nimages].img = img;
    w->nimages++;
    return img;
}

fo_status fo_pdf_on_image(void *ctx, const fo_image_item *im)
{
    fo_pdf_writer *w = ctx;
    if (!(im->w > 0) || !(im->h > 0))
        return FO_OK;
    fo_status st = FO_OK;
    HPDF_Image img = embed(w, im, &st);
    if (!img)
        return st;
    CK(HPDF_Page_DrawImage(w->page, img, (HPDF_REAL)im->x, (HPDF_REAL)(w->page_h - im->y - im->h),
                           (HPDF_REAL)im->w, (HPDF_REAL)im->h));
    return FO_OK;
}
