"""Hostile releases, made with the standard library, h5py and numpy (not Patchserve), for ingest's limits.

usage: make_hostile_releases.py OUT_DIR OUTSIDE_DIR

OUT_DIR/smcefr/      a folder release: a valid patch, a 1,300-byte PNG declaring 100,000 x 100,000 pixels (its
                     chunks' CRCs all valid), a link to a PNG outside the release, a link to /etc/passwd
OUT_DIR/smcefr.tar.gz  the valid patch, a symlink entry, a hardlink entry, a 300,000-byte entry
OUT_DIR/bomb.tar.gz  the valid patch, then a 2,500,000-byte entry of zeros: a few KB on disk
OUT_DIR/big.tar      the valid patch, then four 1,000,000-byte entries of random bytes (uncompressed)
OUT_DIR/items.ndjson.gz  a good STAC item, a 3,000,000-byte line, another good item
OUT_DIR/mmearth/     an MMEarth release whose sentinel2 modality is (2, 13, 8000, 8000): 3.3 GB a row decoded,
                     a few KB on disk (no chunk is written)
OUTSIDE_DIR/         the PNG the link points at
"""
import io
import json
import os
import struct
import sys
import tarfile
import gzip
import zlib

import h5py
import numpy as np

out, outside = sys.argv[1], sys.argv[2]
VALID = "S3A_OL_1_EFR____20210101T101010_20210101T101310_20210102T150000_0179_053_222_2160_LN1_O_NT_002"
LIAR = "S3A_OL_1_EFR____20210102T101010_20210102T101310_20210103T150000_0179_053_223_2160_LN1_O_NT_002"
LINKED = "S3A_OL_1_EFR____20210103T101010_20210103T101310_20210104T150000_0179_053_224_2160_LN1_O_NT_002"
PASSWD = "S3A_OL_1_EFR____20210104T101010_20210104T101310_20210105T150000_0179_053_225_2160_LN1_O_NT_002"
BIG = "S3A_OL_1_EFR____20210105T101010_20210105T101310_20210106T150000_0179_053_226_2160_LN1_O_NT_002"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, rows):
    """An 8-bit RGB PNG whose IDAT holds only `rows` rows: every chunk well-formed, the image a lie if rows < height."""
    raw = b"".join(b"\x00" + bytes(3 * width) for _ in range(rows))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


smcefr = os.path.join(out, "smcefr")
os.makedirs(smcefr, exist_ok=True)
os.makedirs(outside, exist_ok=True)
good = png(8, 8, 8)
open(os.path.join(smcefr, VALID + ".png"), "wb").write(good)
open(os.path.join(smcefr, LIAR + ".png"), "wb").write(png(100_000, 100_000, 1))
open(os.path.join(outside, "secret.png"), "wb").write(good)
os.symlink(os.path.join(outside, "secret.png"), os.path.join(smcefr, LINKED + ".png"))
os.symlink("/etc/passwd", os.path.join(smcefr, PASSWD + ".png"))

with tarfile.open(os.path.join(out, "smcefr.tar.gz"), "w:gz") as tar:
    info = tarfile.TarInfo(VALID + ".png")
    info.size = len(good)
    tar.addfile(info, io.BytesIO(good))
    link = tarfile.TarInfo(LINKED + ".png")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    tar.addfile(link)
    hard = tarfile.TarInfo(PASSWD + ".png")
    hard.type, hard.linkname = tarfile.LNKTYPE, VALID + ".png"
    tar.addfile(hard)
    big = tarfile.TarInfo(BIG + ".png")
    big.size = 300_000
    tar.addfile(big, io.BytesIO(bytes(300_000)))


def archive(path, mode, extra):
    """The valid patch first, then `extra` (name, bytes) entries."""
    with tarfile.open(path, mode) as tar:
        info = tarfile.TarInfo(VALID + ".png")
        info.size = len(good)
        tar.addfile(info, io.BytesIO(good))
        for name, data in extra:
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            tar.addfile(entry, io.BytesIO(data))


archive(os.path.join(out, "bomb.tar.gz"), "w:gz", [("zeros.png", bytes(2_500_000))])
noise = np.random.default_rng(5).integers(0, 256, 4_000_000, dtype=np.uint8).tobytes()
archive(os.path.join(out, "big.tar"), "w", [(f"noise-{i}.bin", noise[i * 1_000_000:(i + 1) * 1_000_000]) for i in range(4)])


def item(i):
    return json.dumps({"type": "Feature", "stac_version": "1.0.0", "id": f"item-{i}",
                       "geometry": {"type": "Point", "coordinates": [10, 50]}, "bbox": [10, 50, 10, 50],
                       "properties": {"datetime": "2021-01-01T00:00:00Z"}, "links": [], "assets": {}})


with gzip.open(os.path.join(out, "items.ndjson.gz"), "wt") as f:
    f.write(item(1) + "\n" + "x" * 3_000_000 + "\n" + item(2) + "\n")

mm = os.path.join(out, "mmearth")
os.makedirs(mm, exist_ok=True)
with h5py.File(os.path.join(mm, "data_2_v001.h5"), "w") as h5:
    h5.create_dataset("sentinel2", shape=(2, 13, 8000, 8000), dtype="u2", chunks=(1, 1, 256, 256), compression="gzip")
    meta = np.zeros(2, dtype=[("tile_id", "S100"), ("S2_type", "S10")])
    meta["tile_id"] = [b"tile-a", b"tile-b"]
    meta["S2_type"] = [b"l2a", b"l2a"]
    h5.create_dataset("metadata", data=meta)
stem = os.path.join(mm, "data_2_v001")
tile = {"S2_DATE": "2020-06-01", "S2_type": "l2a", "CRS": "EPSG:32633", "lat": 50.0, "lon": 15.0}
json.dump({"tile-a": tile, "tile-b": tile}, open(stem + "_tile_info.json", "w"))
json.dump({"train": [0], "val": [1], "test": []}, open(stem + "_splits.json", "w"))
json.dump({}, open(stem + "_band_stats.json", "w"))
print("hostile releases in", out)
