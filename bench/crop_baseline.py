"""The same decode-crop-encode as the crop benchmark, done in-process by Pillow and numpy (no HTTP).

usage: crop_baseline.py PNG_1024 BEN_H5 P2_P98_JSON [N [--values [--deflate CROP_PNG]]]
Prints a markdown table of p50/p90 ms per operation, one thread; with --values, one "P50 P90" line per operation,
and with --deflate a last line for C zlib deflating CROP_PNG's filtered rows at level 1 (the service's level for
an upsampled crop): a floor of any crop.png of that size, whoever encodes it.
"""
import io
import json
import sys
import time
import zlib

import h5py
import numpy as np
from PIL import Image

from ingest_floor import png_rows


def timed(fn, n):
    for _ in range(20):
        fn()
    ms = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return ms[len(ms) // 2], ms[int(len(ms) * 0.9)]


def main():
    png_path, h5_path, ranges = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    rng = np.random.default_rng(1)

    def png_crop():
        pixels = np.asarray(Image.open(png_path).convert("RGB"))  # decode
        x, y = rng.integers(0, 769, 2)
        out = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(pixels[y:y + 256, x:x + 256])).save(out, "PNG", compress_level=1)

    def ben_crop():
        with h5py.File(h5_path, "r") as f:
            bands = f["10m"][0:3][::-1]  # B04, B03, B02 (stored B02, B03, B04)
        rgb = np.empty((120, 120, 3), np.uint8)
        for c, (low, high) in enumerate(ranges):
            scaled = (bands[c].astype(np.float64) - low) * 255.0 / (high - low)
            rgb[:, :, c] = np.clip(np.floor(scaled + 0.5), 0, 255)
        index = ((np.arange(256) + 0.5) * 120 / 256).astype(int)
        out = io.BytesIO()
        Image.fromarray(rgb[index][:, index]).save(out, "PNG", compress_level=1)

    values = "--values" in sys.argv
    if not values:
        print("| case, Pillow + numpy in-process, one thread | p50 ms | p90 ms |")
        print("|---|---|---|")
    for name, fn in [("1024x1024 uint8 PNG -> 256x256 RGB crop", png_crop),
                     ("120x120 uint16 BigEarthNet -> 256x256 RGB", ben_crop)]:
        p50, p90 = timed(fn, n)
        print(f"{p50:.3f} {p90:.3f}" if values else f"| {name} | {p50:.1f} | {p90:.1f} |")
    if "--deflate" in sys.argv:
        with open(sys.argv[sys.argv.index("--deflate") + 1], "rb") as f:
            rows = png_rows(f.read())
        p50, p90 = timed(lambda: zlib.compress(rows, 1), n)
        print(f"{p50:.3f} {p90:.3f}")


if __name__ == "__main__":
    main()
