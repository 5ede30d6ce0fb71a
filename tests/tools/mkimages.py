#!/usr/bin/env python3
"""Writes the test images the image tests use (no binary files in git):
   rgba.png   200x100 RGBA, 8-bit, a gradient with a transparent hole
   deep.png   64x48 RGB, 16 bits per sample
   gray.png   30x20 gray, 8-bit
   wide.png   2400x300 RGB (must be scaled down to the measure)
   tall.png   100x3000 RGB (must be scaled down to the page)
   photo.jpg  JPEG, via pdftoppm? no: written by the C helper mkjpeg
   bad.png    a PNG signature followed by garbage
Usage: mkimages.py DIR"""
import os, struct, sys, zlib

def png(path, w, h, color_type, depth, pixel):
    chans = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            for v in pixel(x, y)[:chans]:
                raw += struct.pack('>H', v) if depth == 16 else bytes([v])
    def chunk(t, d):
        c = struct.pack('>I', len(d)) + t + d
        return c + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, color_type, 0, 0, 0))
    data += chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
png(os.path.join(d, 'rgba.png'), 200, 100, 6, 8,
    lambda x, y: (x * 255 // 199, y * 255 // 99, 128, 0 if 80 < x < 120 and 30 < y < 70 else 255))
png(os.path.join(d, 'deep.png'), 64, 48, 2, 16, lambda x, y: (x * 1000, y * 1300, 40000))
png(os.path.join(d, 'gray.png'), 30, 20, 0, 8, lambda x, y: ((x + y) * 5,))
png(os.path.join(d, 'wide.png'), 2400, 300, 2, 8, lambda x, y: (x % 256, 90, y % 256))
png(os.path.join(d, 'tall.png'), 100, 3000, 2, 8, lambda x, y: (200, y % 256, 60))
with open(os.path.join(d, 'bad.png'), 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n' + b'garbage' * 10)
