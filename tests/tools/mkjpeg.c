/* mkjpeg — writes test JPEGs with libjpeg: mkjpeg OUT.jpg KIND
 * KIND: rgb (baseline 160x120), progressive, gray, cmyk (Adobe). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    const char *kind = argv[2];
    FILE *f = fopen(argv[1], "wb");
    if (!f)
        return 1;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = 160;
    c.image_height = 120;
    bool gray = strcmp(kind, "gray") == 0, cmyk = strcmp(kind, "cmyk") == 0;
    c.input_components = gray ? 1 : cmyk ? 4 : 3;
    c.in_color_space = gray ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);
    if (strcmp(kind, "progressive") == 0)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[160 * 4];
    while (c.next_scanline < c.image_height) {
        unsigned y = c.next_scanline;
        for (int x = 0; x < 160; x++)
            for (int k = 0; k < c.input_components; k++)
                row[x * c.input_components + k] = (unsigned char)((x * (k + 1) + y * (3 - k)) & 255);
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fclose(f);
    return 0;
}
