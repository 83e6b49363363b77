"""Checks an MMEarth release served by Patchserve against the source HDF5 as h5py reads it.

usage: check_mmearth.py BASE_URL COLLECTION RELEASE_DIR
"""
import json
import math
import os
import sys

import h5py
import numpy as np

from patchserve_client import all_items, check, get_json, h5_from, png_from

STEM = "data_1M_v001"
S2 = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8A", "B8", "B9", "B10", "B11", "B12"]


def main():
    base, collection, release = sys.argv[1], sys.argv[2], sys.argv[3]
    tile_info = json.load(open(os.path.join(release, STEM + "_tile_info.json")))
    splits = json.load(open(os.path.join(release, STEM + "_splits.json")))
    split_of = {i: s for s, rows in splits.items() for i in rows}
    band_stats = json.load(open(os.path.join(release, STEM + "_band_stats.json")))
    items = {i["id"]: i for i in all_items(base, collection)}
    check(set(items) == set(tile_info), f"items {sorted(items)} != tiles {sorted(tile_info)}")
    per_split = {}
    with h5py.File(os.path.join(release, STEM + ".h5"), "r") as source:
        ids = [m[0].decode() for m in source["metadata"][:]]
        for row, tile in enumerate(ids):
            if tile not in items:
                continue
            item, info = items[tile], tile_info[tile]
            p = item["properties"]
            check(p["split"] == split_of[row], f"{tile}: split {p['split']}")
            check(p["datetime"].startswith(info["S2_DATE"]), f"{tile}: datetime {p['datetime']}")
            check(p["proj:epsg"] == int(info["CRS"].split(":")[1]), f"{tile}: proj:epsg")
            check(p["mmearth:biome"] == int(np.argmax(source["biome"][row])), f"{tile}: biome")
            check(np.allclose(p["mmearth:era5"], source["era5"][row]), f"{tile}: era5")
            lon = np.mean([c[0] for c in item["geometry"]["coordinates"][0][:-1]])
            lat = np.mean([c[1] for c in item["geometry"]["coordinates"][0][:-1]])
            check(abs(lon - info["lon"]) < 1e-4 and abs(lat - info["lat"]) < 1e-4, f"{tile}: footprint centre {lon},{lat}")
            with h5_from(item["assets"]["data"]["href"]) as h5:
                for modality in ("sentinel2", "sentinel1", "aster", "dynamic_world"):
                    check(h5[modality].dtype == source[modality].dtype, f"{tile}/{modality}: dtype {h5[modality].dtype}")
                    check(np.array_equal(h5[modality][:], source[modality][row]), f"{tile}/{modality}: values")
                names = [n.decode() if isinstance(n, bytes) else n for n in h5["sentinel2"].attrs["band_names"]]
                check(names == S2, f"{tile}: sentinel2 band names {names}")
                check(h5["sentinel2"].attrs["nodata"][0] == 0, "sentinel2 nodata")
            s2 = source["sentinel2"][row]
            for c, band in enumerate(S2):
                valid = s2[c][s2[c] != 0]
                per_split.setdefault((split_of[row], band), []).append(valid)
        stats = get_json(f"{base}/collections/{collection}/statistics")
        for c, band in enumerate(S2):
            served = stats["bands"][band]
            for key in ("mean", "std", "min", "max"):
                check(math.isclose(served[key], band_stats["sentinel2"][key][c], rel_tol=1e-12), f"provided {band} {key}")
        for (split, band), chunks in per_split.items():
            values = np.concatenate(chunks)
            served = stats["splits"][split][band]
            check(served["count"] == values.size and math.isclose(served["mean"], values.mean(), rel_tol=1e-9)
                  and math.isclose(served["p98"], np.percentile(values, 98), rel_tol=1e-9), f"split {split} {band}: {served}")
        tile = ids[1]
        with h5_from(f"{base}/collections/{collection}/items/{tile}/crop.h5?bands=B4,B3,B2&window=4,6,10,8") as crop:
            check(np.array_equal(crop["data"][:], source["sentinel2"][1][[3, 2, 1], 6:14, 4:14]), "mmearth crop.h5")
        rgba = png_from(f"{base}/collections/{collection}/items/{tile}/crop.png?window=0,0,8,8&rescale=0,12000")
        check(rgba.shape == (8, 8, 4), f"nodata adds an alpha channel: {rgba.shape}")
        check(rgba[0, 0, 3] == 0 and (rgba[1:, 1:, 3] == 255).all(), "nodata pixels (sentinel2 = 0) are transparent")
    print(f"mmearth: ok, {len(items)} rows checked")


if __name__ == "__main__":
    main()
