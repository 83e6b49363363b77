"""LZW TIFFs written by libtiff (through Pillow), with each image's pixels as raw little-endian bytes beside it.

Usage: make_lzw_tiffs.py OUT_DIR. The images are chosen for LZW's corners: a constant image (every code is the
one just made, the "KwKwK" case, and strings grow long), a smooth 16-bit gradient (long repeated strings), random
bytes (short strings, many table clears) and a large image (the table fills and clears many times), and a
tiled image written by tifffile (imagecodecs' LZW): 16x16 tiles of noise beside tiles of long runs, which a reader
decodes one after the other. mapped-u16 is 16-bit noise whose LZW file (~11 MB) is past the size the reader reads
into the heap, so that it is read through a mapping.
"""
import os
import sys

import numpy as np
import tifffile
from PIL import Image

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(21)
y, x = np.mgrid[0:200, 0:300]
images = {
    "constant-u8": np.full((64, 80), 7, np.uint8),
    "gradient-u16": (x * 40 + y * 3).astype(np.uint16),
    "noise-u8": rng.integers(0, 256, (120, 130), dtype=np.uint8),
    "large-u16": (rng.integers(0, 64, (600, 700)) + (np.mgrid[0:600, 0:700][1] // 5) * 50).astype(np.uint16),
}
for name, array in images.items():
    Image.fromarray(array).save(os.path.join(out, name + ".tif"), compression="tiff_lzw")
    with open(os.path.join(out, name + ".bin"), "wb") as f:
        f.write(array.astype(array.dtype.newbyteorder("<")).tobytes())
    print(name, array.dtype, array.shape)

tiled = (rng.integers(0, 4096, (96, 112)) * ((np.mgrid[0:96, 0:112][1] // 16) % 2)).astype(np.uint16)
tifffile.imwrite(os.path.join(out, "tiled-u16.tif"), tiled, tile=(16, 16), compression="lzw")
with open(os.path.join(out, "tiled-u16.bin"), "wb") as f:
    f.write(tiled.astype("<u2").tobytes())
print("tiled-u16", tiled.dtype, tiled.shape)

noise = rng.integers(0, 65536, (2100, 2100), dtype=np.uint16)
tifffile.imwrite(os.path.join(out, "mapped-u16.tif"), noise, compression="lzw", rowsperstrip=64)
with open(os.path.join(out, "mapped-u16.bin"), "wb") as f:
    f.write(noise.astype("<u2").tobytes())
print("mapped-u16", noise.dtype, noise.shape, os.path.getsize(os.path.join(out, "mapped-u16.tif")))
