/* pdf_deflate.c — see pdf_deflate.h. */
#include "pdf_deflate.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "../base/timing.h"

struct fo_pdf_deflate {
    z_stream zs;
    unsigned char *out;
    size_t cap;
};

fo_pdf_deflate *fo_pdf_deflate_new(int level)
{
    fo_pdf_deflate *z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    if (deflateInit(&z->zs, level) != Z_OK) {
        free(z);
        return NULL;
    }
    return z;
}

void fo_pdf_deflate_free(fo_pdf_deflate *z)
{
    if (!z)
        return;
    deflateEnd(&z->zs);
    free(z->out);
    free(z);
}

/* Writes the /Filter entry of a stream whose bytes are already
 * compressed: libharu drops a /Filter key of a stream whose filter is
 * NONE, but calls a dictionary's write_fn just before its closing ">>". */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

static fo_status deflate_page(fo_pdf_deflate *z, fo_pdf_ctx *c, HPDF_Page page)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Stream s = attr->stream;
    HPDF_UINT32 size = s ? s->size : 0;
    if (size == 0 || s->type != HPDF_STREAM_MEMORY)
        return FO_OK;
    uLong bound = deflateBound(&z->zs, size);
    if (bound > z->cap) {
        unsigned char *o = realloc(z->out, bound);
        if (!o)
            return fo_pdf_nomem(c->diag);
        z->out = o;
        z->cap = bound;
    }
    if (deflateReset(&z->zs) != Z_OK)
        return fo_pdf_nomem(c->diag);
    z->zs.next_out = z->out;
    z->zs.avail_out = (uInt)z->cap;
    /* the stream's bytes live in chunks of HPDF_MemStream_GetBufSize
     * bytes; the last one is partly filled */
    HPDF_UINT n = HPDF_MemStream_GetBufCount(s), chunk = HPDF_MemStream_GetBufSize(s);
    HPDF_UINT32 left = size;
    for (HPDF_UINT i = 0; i < n && left > 0; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &len);
        len = left < chunk ? left : chunk;
        left -= len;
        z->zs.next_in = p;
        z->zs.avail_in = len;
        if (!p || deflate(&z->zs, left == 0 ? Z_FINISH : Z_NO_FLUSH) == Z_STREAM_ERROR)
            break;
    }
    if (left != 0 || z->zs.avail_in != 0 || z->zs.total_in != size) {
        fo_error(c->diag, NULL, 0, 0, "PDF writer: page content stream compression failed");
        return FO_ERR_PDF;
    }
    HPDF_MemStream_FreeData(s);
    if (fo_pdf_failed(c, HPDF_Stream_Write(s, z->out, (HPDF_UINT)z->zs.total_out)))
        return fo_pdf_herror(c);
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
    return FO_OK;
}

fo_status fo_pdf_deflate_page(fo_pdf_deflate *z, fo_pdf_ctx *c, HPDF_Page page)
{
    fo_timing_push(FO_T_COMPRESS);
    fo_status st = deflate_page(z, c, page);
    fo_timing_pop();
    return st;
}
