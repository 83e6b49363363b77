"""Makes a small MMEarth release with h5py the way the published one is laid out (not with Patchserve).

usage: make_mmearth.py OUT_DIR ROWS [SIZE] [--metadata tile_id] [--s2-bands 12] [--stem data_100k_v001]

Follows vishalned/MMEarth-data's convert_to_h5.py output as MMEarth-train reads it (../shared/DATASETS.md):
OUT_DIR/<stem>.h5 (data_1M_v001 by default; the releases are data_1M_v001 at 128 px, data_1M_v001_64 at 64 px and
data_100k_v001) with every modality of MODALITIES_FULL -- (N, C, H, W) images (sentinel2 uint16 13 bands,
sentinel2_cloudmask, sentinel2_cloudprod uint16, sentinel2_scl uint8, sentinel1 float32 8 bands, aster int16,
canopy_height_eth int8, dynamic_world uint8, esa_worldcover uint8), (N, C) vectors (era5 float32 with NaN where
missing, lat/lon/month [sin, cos] float32, biome (N, 14) and eco_region (N, 846) one-hot) -- and the compound
'metadata' [('tile_id','S100'), ('S2_type','S10')] (or tile_id alone, as merged files have it: --metadata
tile_id). Beside it data_1M_v001_band_stats.json with the published keys (sentinel2_l1c and sentinel2_l2a, no
sentinel2), _splits.json and _tile_info.json (S2_DATE, S2_type, CRS, lat, lon, biome, eco_region, NO_DATA, BANDS,
era5). --s2-bands 12 writes a Sentinel-2 modality of 12 unnamed bands (no B4/B3/B2 to make an RGB preview of).

Faults a release has, each a skip: row 3's tile is missing from tile_info; row 5's tile_info has a latitude of
91 degrees. Row 7's biome vector is the no-data fill (255 everywhere), row 1's era5 has a missing value (NaN).
Prints the expected outcome as JSON.
"""
import argparse
import json
import math
import os

import h5py
import numpy as np

STEM = "data_1M_v001"
S2 = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8A", "B8", "B9", "B10", "B11", "B12"]
STAT_KEYS = ("mean", "std", "min", "max")


def image(f, name, array):
    n, c, h, w = array.shape
    f.create_dataset(name, data=array, chunks=(1, c, h, w), compression="gzip")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("rows", type=int)
    parser.add_argument("size", type=int, nargs="?", default=32)
    parser.add_argument("--metadata", choices=["tile_id+S2_type", "tile_id"], default="tile_id+S2_type")
    parser.add_argument("--s2-bands", type=int, default=13)
    parser.add_argument("--stem", default=STEM)
    a = parser.parse_args()
    out, rows, size, stem = a.out, a.rows, a.size, a.stem
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    ids = [f"tile_{i:05d}_2020" for i in range(rows)]
    s2_type = ["l2a" if i % 2 else "l1c" for i in range(rows)]
    shape = (rows, size, size)
    with h5py.File(os.path.join(out, stem + ".h5"), "w") as f:
        s2 = rng.integers(1, 12000, (rows, a.s2_bands, size, size)).astype(np.uint16)
        s2[:, :, 0, 0] = 0  # no-data pixels
        if a.s2_bands == 13:
            s2[[i for i in range(rows) if s2_type[i] == "l2a"], 10] = 0  # B10 is zero on L2A rows
        image(f, "sentinel2", s2)
        image(f, "sentinel2_cloudmask", rng.integers(0, 2, (rows, 1, size, size)).astype(np.uint16) * 1024)
        image(f, "sentinel2_cloudprod", rng.integers(0, 100, (rows, 1, size, size)).astype(np.uint16))
        image(f, "sentinel2_scl", rng.integers(0, 12, (rows, 1, size, size)).astype(np.uint8))
        image(f, "sentinel1", rng.normal(-12, 4, (rows, 8, size, size)).astype(np.float32))
        image(f, "aster", rng.integers(-50, 3000, (rows, 2, size, size)).astype(np.int16))
        image(f, "canopy_height_eth", rng.integers(0, 40, (rows, 2, size, size)).astype(np.int8))
        image(f, "dynamic_world", rng.integers(0, 10, (rows, 1, size, size)).astype(np.uint8))
        image(f, "esa_worldcover", rng.choice([10, 20, 30, 40, 50, 60, 80, 95], (rows, 1, size, size)).astype(np.uint8))
        era5 = rng.normal(280, 10, (rows, 12)).astype(np.float32)
        era5[1, 3] = np.nan
        f.create_dataset("era5", data=era5, chunks=(1, 12))
        lat = np.array([45.0 + i * 0.01 for i in range(rows)])
        lon = np.array([11.0 + i * 0.02 for i in range(rows)])
        month = np.array([1 + i % 12 for i in range(rows)])
        for name, v in (("lat", np.radians(lat)), ("lon", np.radians(lon)), ("month", 2 * np.pi * month / 12)):
            f.create_dataset(name, data=np.stack([np.sin(v), np.cos(v)], axis=1).astype(np.float32), chunks=(1, 2))
        biome = np.zeros((rows, 14), dtype=np.uint8)
        biome[np.arange(rows), np.arange(rows) % 14] = 1
        if rows > 7:
            biome[7] = 255
        f.create_dataset("biome", data=biome, chunks=(1, 14))
        eco = np.zeros((rows, 846), dtype=np.uint16)
        eco[np.arange(rows), (np.arange(rows) * 37) % 846] = 1
        f.create_dataset("eco_region", data=eco, chunks=(1, 846))
        if a.metadata == "tile_id":
            meta = f.create_dataset("metadata", (rows,), dtype=np.dtype([("tile_id", "S100")]))
            for i in range(rows):
                meta[i] = (ids[i].encode(),)
        else:
            meta = f.create_dataset("metadata", (rows,), dtype=np.dtype([("tile_id", "S100"), ("S2_type", "S10")]))
            for i in range(rows):
                meta[i] = (ids[i].encode(), s2_type[i].encode())
    tile_info = {}
    for i, tile in enumerate(ids):
        if i == 3:
            continue
        tile_info[tile] = {
            "S2_DATE": f"2020-{1 + i % 9:02d}-{10 + i % 10}", "S2_type": s2_type[i],
            "CRS": "EPSG:32633" if i % 2 else "EPSG:32632", "lat": 91.0 if i == 5 else float(lat[i]),
            "lon": float(lon[i]), "biome": int(i % 14), "eco_region": int((i * 37) % 846),
            "NO_DATA": {"sentinel2": False, "sentinel1": i % 4 == 0},
            "BANDS": {"sentinel2": S2 if a.s2_bands == 13 else [str(b) for b in range(a.s2_bands)]},
            "era5": {"month1": [float(x) if not math.isnan(x) else None for x in era5[i][:4]]}}
    json.dump(tile_info, open(os.path.join(out, stem + "_tile_info.json"), "w"))
    splits = {"train": [i for i in range(rows) if i % 3 == 0], "val": [i for i in range(rows) if i % 3 == 1],
              "test": [i for i in range(rows) if i % 3 == 2]}
    json.dump(splits, open(os.path.join(out, stem + "_splits.json"), "w"))

    def stats(channels, scale):
        s = {k: (rng.random(channels) * scale).tolist() for k in STAT_KEYS}
        s["max"] = [v + scale for v in s["max"]]
        return s

    band_stats = {"sentinel2_l1c": stats(a.s2_bands, 3000), "sentinel2_l2a": stats(a.s2_bands, 2000),
                  "sentinel2_cloudmask": stats(1, 1), "sentinel2_cloudprod": stats(1, 100),
                  "sentinel1": stats(8, 10), "aster": stats(2, 1000), "canopy_height_eth": stats(2, 30),
                  "lat": stats(2, 1), "lon": stats(2, 1), "month": stats(2, 1), "era5": stats(12, 300)}
    json.dump(band_stats, open(os.path.join(out, stem + "_band_stats.json"), "w"))
    print(json.dumps({"rows": rows, "skipped_rows": [r for r in (3, 5) if r < rows]}))


if __name__ == "__main__":
    main()
