"""Checks an MMEarth release served by Patchserve against the source HDF5 as h5py reads it, and its statistics
against the release's band_stats.json the way MMEarth-train uses them (Sentinel-2 by each row's S2_type).

usage: check_mmearth.py BASE_URL COLLECTION RELEASE_DIR
"""
import json
import math
import os
import sys

import h5py
import numpy as np

from patchserve_client import all_items, check, get_json, h5_from, png_from

S2 = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8A", "B8", "B9", "B10", "B11", "B12"]
# MMEarth-train's MODALITIES_FULL band names and NO_DATA_VAL, as published
NAMES = {"sentinel1": ["asc_VV", "asc_VH", "asc_HH", "asc_HV", "desc_VV", "desc_VH", "desc_HH", "desc_HV"],
         "aster": ["elevation", "slope"], "canopy_height_eth": ["height", "std"], "dynamic_world": ["landcover"],
         "esa_worldcover": ["map"], "sentinel2_cloudmask": ["QA60"], "sentinel2_cloudprod": ["MSK_CLDPRB"],
         "sentinel2_scl": ["SCL"]}
NO_DATA = {"sentinel2": 0, "sentinel2_cloudmask": 65535, "sentinel2_cloudprod": 65535, "sentinel2_scl": 255,
           "sentinel1": -math.inf, "aster": -math.inf, "canopy_height_eth": 255, "dynamic_world": 0,
           "esa_worldcover": 0}
IMAGES = ["sentinel2", "sentinel2_cloudmask", "sentinel2_cloudprod", "sentinel2_scl", "sentinel1", "aster",
          "canopy_height_eth", "dynamic_world", "esa_worldcover"]


def text(v):
    return v.decode() if isinstance(v, bytes) else v


def one_hot_index(vector):
    ones = np.flatnonzero(vector == 1)
    return int(ones[0]) if len(ones) == 1 and np.count_nonzero(vector) == 1 else None


def main():
    base, collection, release = sys.argv[1], sys.argv[2], sys.argv[3]
    stem = [f[:-3] for f in os.listdir(release) if f.endswith(".h5")][0]
    tile_info = json.load(open(os.path.join(release, stem + "_tile_info.json")))
    splits = json.load(open(os.path.join(release, stem + "_splits.json")))
    split_of = {i: s for s, rows in splits.items() for i in rows}
    band_stats = json.load(open(os.path.join(release, stem + "_band_stats.json")))
    items = {i["id"]: i for i in all_items(base, collection)}
    expected = {t for t, info in tile_info.items() if abs(info["lat"]) <= 90}
    check(set(items) == expected, f"items {sorted(items)} != tiles {sorted(expected)}")
    whole, per_split = {}, {}
    with h5py.File(os.path.join(release, stem + ".h5"), "r") as source:
        names13 = source["sentinel2"].shape[1] == 13
        s2_names = S2 if names13 else [f"sentinel2_{c}" for c in range(source["sentinel2"].shape[1])]
        metadata = source["metadata"][:]
        ids = [text(m["tile_id"]) for m in metadata]
        for row, tile in enumerate(ids):
            if tile not in items:
                continue
            item, info = items[tile], tile_info[tile]
            p = item["properties"]
            check(p["split"] == split_of[row], f"{tile}: split {p['split']}")
            check(p["datetime"].startswith(info["S2_DATE"]), f"{tile}: datetime {p['datetime']}")
            check(p["proj:epsg"] == int(info["CRS"].split(":")[1]), f"{tile}: proj:epsg")
            check(p["mmearth:s2_type"] == info["S2_type"], f"{tile}: s2_type {p['mmearth:s2_type']}")
            if "S2_type" in metadata.dtype.names:
                check(p["mmearth:s2_type"] == text(metadata[row]["S2_type"]), f"{tile}: metadata S2_type")
            for name in ("biome", "eco_region"):
                check(p[f"mmearth:{name}"] == one_hot_index(source[name][row]), f"{tile}: {name} {p[f'mmearth:{name}']}")
            era5 = [None if np.isnan(v) else float(v) for v in source["era5"][row]]
            check(len(p["mmearth:era5"]) == 12 and all((a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6))
                                                      for a, b in zip(p["mmearth:era5"], era5)), f"{tile}: era5 {p['mmearth:era5']}")
            for name in ("lat", "lon", "month"):
                check(np.allclose(p[f"mmearth:{name}"], source[name][row]), f"{tile}: {name}")
            lon = np.mean([c[0] for c in item["geometry"]["coordinates"][0][:-1]])
            lat = np.mean([c[1] for c in item["geometry"]["coordinates"][0][:-1]])
            check(abs(lon - info["lon"]) < 1e-4 and abs(lat - info["lat"]) < 1e-4, f"{tile}: footprint centre {lon},{lat}")
            with h5_from(item["assets"]["data"]["href"]) as h5:
                for modality in IMAGES:
                    check(h5[modality].dtype == source[modality].dtype, f"{tile}/{modality}: dtype {h5[modality].dtype}")
                    check(np.array_equal(h5[modality][:], source[modality][row]), f"{tile}/{modality}: values")
                    names = [text(n) for n in h5[modality].attrs["band_names"]]
                    want = s2_names if modality == "sentinel2" else [f"{modality}_{b}" for b in NAMES[modality]]
                    check(names == want, f"{tile}: {modality} band names {names}")
                    check(h5[modality].attrs["nodata"][0] == NO_DATA[modality], f"{modality} nodata {h5[modality].attrs['nodata']}")
            preview = png_from(item["assets"]["preview"]["href"])
            check(preview.shape[:2] == source["sentinel2"].shape[2:], f"{tile}: preview {preview.shape}")
            if not names13:
                check(np.array_equal(preview[..., 0], preview[..., 1]) and np.array_equal(preview[..., 1], preview[..., 2]),
                      f"{tile}: without B4/B3/B2 the preview is grey-scale")
            s2 = source["sentinel2"][row]
            for c, band in enumerate(s2_names):
                valid = s2[c][s2[c] != 0]
                whole.setdefault(band, []).append(valid)
                per_split.setdefault((split_of[row], band), []).append(valid)
        stats = get_json(f"{base}/collections/{collection}/statistics")
        by_type = stats["by_property"]["mmearth:s2_type"]
        for s2_type in ("l1c", "l2a"):
            published = band_stats[f"sentinel2_{s2_type}"]
            for c, band in enumerate(s2_names):
                for key in ("mean", "std", "min", "max"):
                    check(math.isclose(by_type[s2_type][band][key], published[key][c], rel_tol=1e-12),
                          f"{s2_type} {band} {key}: {by_type[s2_type][band][key]} != {published[key][c]}")
        for c, band in enumerate(NAMES["sentinel1"]):
            served = stats["bands"][f"sentinel1_{band}"]
            check(served["source"] == stem + "_band_stats.json", f"sentinel1 source {served['source']}")
            check(math.isclose(served["mean"], band_stats["sentinel1"]["mean"][c], rel_tol=1e-12), f"provided sentinel1 {band}")
        for band, chunks in whole.items():
            # no release-wide Sentinel-2 set exists, so the whole-collection row is computed over the items served
            values = np.concatenate(chunks)
            served = stats["bands"][band]
            check(served["source"] == "computed" and served["count"] == values.size
                  and math.isclose(served["mean"], values.mean(), rel_tol=1e-9), f"whole {band}: {served}")
        for (split, band), chunks in per_split.items():
            values = np.concatenate(chunks)
            served = stats["splits"][split][band]
            check(served["count"] == values.size and math.isclose(served["mean"], values.mean(), rel_tol=1e-9)
                  and math.isclose(served["p98"], np.percentile(values, 98), rel_tol=1e-9), f"split {split} {band}: {served}")
        if names13:
            tile = ids[1]
            with h5_from(f"{base}/collections/{collection}/items/{tile}/crop.h5?bands=B4,B3,B2&window=4,6,10,8") as crop:
                check(np.array_equal(crop["data"][:], source["sentinel2"][1][[3, 2, 1], 6:14, 4:14]), "mmearth crop.h5")
            rgba = png_from(f"{base}/collections/{collection}/items/{tile}/crop.png?window=0,0,8,8&rescale=0,12000")
            check(rgba.shape == (8, 8, 4), f"nodata adds an alpha channel: {rgba.shape}")
            check(rgba[0, 0, 3] == 0 and (rgba[1:, 1:, 3] == 255).all(), "nodata pixels (sentinel2 = 0) are transparent")
    print(f"mmearth: ok, {len(items)} rows checked")


if __name__ == "__main__":
    main()
