"""Makes a small MMEarth release with h5py the way the real one is laid out (not with Patchserve).

usage: make_mmearth.py OUT_DIR ROWS [SIZE]

OUT_DIR/data_1M_v001.h5 with (N, C, H, W) image modalities (sentinel2 uint16, sentinel1 float32, aster int16,
dynamic_world uint8), (N, C) vectors (era5 float32, biome one-hot uint8), and the compound 'metadata' (meta_id,
S2_type); beside it data_1M_v001_band_stats.json, _splits.json and _tile_info.json. Row 3's tile is missing
from tile_info (it must be skipped). Prints the expected items as JSON.
"""
import json
import os
import sys

import h5py
import numpy as np

STEM = "data_1M_v001"


def main():
    out, rows = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    ids = [f"tile_{i:05d}" for i in range(rows)]
    with h5py.File(os.path.join(out, STEM + ".h5"), "w") as f:
        s2 = rng.integers(1, 12000, (rows, 13, size, size)).astype(np.uint16)
        s2[:, :, 0, 0] = 0  # nodata pixels
        f.create_dataset("sentinel2", data=s2, chunks=(1, 13, size, size), compression="gzip")
        f.create_dataset("sentinel1", data=rng.normal(-12, 4, (rows, 8, size, size)).astype(np.float32),
                         chunks=(1, 8, size, size), compression="gzip")
        f.create_dataset("aster", data=rng.integers(-50, 3000, (rows, 2, size, size)).astype(np.int16))
        f.create_dataset("dynamic_world", data=rng.integers(0, 10, (rows, 1, size, size)).astype(np.uint8))
        f.create_dataset("era5", data=rng.random((rows, 12)).astype(np.float32))
        biome = np.zeros((rows, 14), dtype=np.uint8)
        biome[np.arange(rows), np.arange(rows) % 14] = 1
        f.create_dataset("biome", data=biome)
        f.create_dataset("lat", data=rng.random((rows, 2)).astype(np.float32))
        meta = f.create_dataset("metadata", (rows,), dtype=np.dtype([("meta_id", "S10"), ("S2_type", "S3")]))
        for i in range(rows):
            meta[i] = (ids[i].encode(), b"l2a" if i % 2 else b"l1c")
    tile_info = {}
    for i, tile in enumerate(ids):
        if i == 3:
            continue
        tile_info[tile] = {"S2_DATE": f"2020-0{1 + i % 9}-1{i % 10}", "S2_type": "l2a" if i % 2 else "l1c",
                           "CRS": "EPSG:32633" if i % 2 else "EPSG:32632", "lat": 45.0 + i * 0.01, "lon": 11.0 + i * 0.02}
    json.dump(tile_info, open(os.path.join(out, STEM + "_tile_info.json"), "w"))
    splits = {"train": [i for i in range(rows) if i % 3 == 0], "val": [i for i in range(rows) if i % 3 == 1],
              "test": [i for i in range(rows) if i % 3 == 2]}
    json.dump(splits, open(os.path.join(out, STEM + "_splits.json"), "w"))
    stats = {"sentinel2": {k: rng.random(13).tolist() for k in ("mean", "std", "min", "max")},
             "sentinel1": {k: rng.random(8).tolist() for k in ("mean", "std", "min", "max")}}
    for m in ("sentinel2", "sentinel1"):
        stats[m]["max"] = [v + 10 for v in stats[m]["max"]]
    json.dump(stats, open(os.path.join(out, STEM + "_band_stats.json"), "w"))
    print(json.dumps({"rows": rows, "skipped_row": 3}))


if __name__ == "__main__":
    main()
