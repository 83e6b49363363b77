"""Writes COUNT valid, incompressible RGB PNGs of SIZE x SIZE named as Sentinel-3 products (fast: stored deflate).

usage: make_pngs.py OUT_DIR COUNT [SIZE]
"""
import os
import struct
import sys
import zlib


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    os.makedirs(out, exist_ok=True)
    row = size * 3 + 1
    for i in range(count):
        raw = bytearray(os.urandom(row * size))
        raw[0::row] = bytes(size)  # filter byte 0 on every row
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) \
            + chunk(b"IDAT", zlib.compress(bytes(raw), 0)) + chunk(b"IEND", b"")
        day, minute = 1 + i % 28, i // 28
        name = (f"S3A_OL_1_EFR____202101{day:02d}T{minute // 60 % 24:02d}{minute % 60:02d}00_202101{day:02d}T{minute // 60 % 24:02d}{minute % 60:02d}59_"
                f"20210102T000000_0059_066_{i % 1000:03d}_{i % 10000:04d}_LN1_O_NT_002.png")
        with open(os.path.join(out, name), "wb") as f:
            f.write(png)


if __name__ == "__main__":
    main()
