"""Checks bundle.h5 (the stacked (N, C, H, W) download) of a BigEarthNet collection against GDAL's reading of
the GeoTIFFs, and its labels against the metadata files.

usage: check_stack.py BASE_URL COLLECTION RELEASE_DIR
"""
import io
import json
import os
import sys
import urllib.request

import h5py
import numpy as np

from check_bigearthnet import gdal_read
from patchserve_client import check, get, get_json


def main():
    base, collection, release = sys.argv[1], sys.argv[2], sys.argv[3]
    status, headers, body = get(f"{base}/collections/{collection}/bundle.h5")
    again = get(f"{base}/collections/{collection}/bundle.h5")[2]
    check(body == again, "two downloads of the same stack are identical")
    request = urllib.request.Request(f"{base}/collections/{collection}/bundle.h5", headers={"Range": "bytes=100-"})
    with urllib.request.urlopen(request) as r:
        check(r.status == 206 and body[:100] + r.read() == body, "the stack resumes with Range")
    classes = get_json(f"{base}/collections/{collection}")["patchserve:classes"]
    splits = {}
    for split in ("train", "val", "test"):
        for line in open(os.path.join(release, f"{split}.csv")):
            splits[line.strip()] = split
    with h5py.File(io.BytesIO(body), "r") as h5:
        ids = [i.decode() if isinstance(i, bytes) else i for i in h5["ids"][:]]
        n = len(ids)
        check(sorted(ids) == sorted(splits), f"ids {ids}")
        check(h5["10m"].shape == (n, 4, 120, 120) and h5["10m"].dtype == np.uint16, f"10m {h5['10m'].shape} {h5['10m'].dtype}")
        check(h5["20m"].shape == (n, 6, 60, 60) and h5["60m"].shape == (n, 2, 20, 20), "20m and 60m shapes")
        for i, patch in enumerate(ids):
            meta = json.load(open(os.path.join(release, patch, patch + "_labels_metadata.json")))
            for c, band in enumerate(["B02", "B03", "B04", "B08"]):
                source, _ = gdal_read(os.path.join(release, patch, f"{patch}_{band}.tif"))
                check(np.array_equal(h5["10m"][i, c], source), f"{patch}/{band} stacked pixels")
            source, _ = gdal_read(os.path.join(release, patch, f"{patch}_B09.tif"))
            check(np.array_equal(h5["60m"][i, 1], source), f"{patch}/B09 stacked pixels")
            expected = np.array([1 if name in meta["labels"] else 0 for name in classes["labels"]], dtype=np.uint8)
            check(np.array_equal(h5["labels"][i], expected), f"{patch}: 43-class multi-hot")
            check(h5["labels_19"][i].sum() >= 0 and h5["labels_19"].shape == (n, 19), "19-class multi-hot shape")
            split = h5["split"][i]
            check((split.decode() if isinstance(split, bytes) else split) == splits[patch], f"{patch}: split")
        names = [c.decode() if isinstance(c, bytes) else c for c in h5["labels"].attrs["class_names"]]
        check(names == classes["labels"], "class_names in the collection's order")
    check_xarray(body, ids, classes)
    subset = sorted(ids)[:2]
    request = urllib.request.Request(f"{base}/search/bundle.h5", data=json.dumps({"collections": [collection], "ids": subset}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as r, h5py.File(io.BytesIO(r.read()), "r") as h5:
        check(h5["10m"].shape[0] == 2, "POST /search/bundle.h5 stacks the search's items")
    # an empty selection is a valid stack too, as an empty tar bundle is a valid archive
    status, headers, empty = get(f"{base}/collections/{collection}/bundle.h5?ids=no-such-patch")
    check(status == 200, f"empty stack: {status}")
    with h5py.File(io.BytesIO(empty), "r") as h5:
        check(int(h5.attrs["item_count"]) == 0, f"empty stack item_count {h5.attrs.get('item_count')}")
        check("10m" not in h5, "an empty stack holds no band group")
    print(f"stack: ok, {n} items")


def check_xarray(body, ids, classes):
    """xarray opens the stack with named axes: item (with the ids as a coordinate), band, y, x, class."""
    import xarray as xr
    with h5py.File(io.BytesIO(body), "r") as h5, xr.open_dataset(io.BytesIO(body), engine="h5netcdf", mask_and_scale=False) as ds:
        check(ds["10m"].dims == ("item", "band_10m", "y_10m", "x_10m"), f"stack 10m dims {ds['10m'].dims}")
        check(ds["labels"].dims == ("item", "class_labels"), f"stack labels dims {ds['labels'].dims}")
        check(list(ds["ids"].values) == ids and list(ds["10m"]["ids"].values) == ids, "item coordinate ids")
        check(list(ds["class_name_labels"].values) == classes["labels"], "class names as a coordinate")
        check(list(ds["band_name_20m"].values) == ["B05", "B06", "B07", "B8A", "B11", "B12"], "20m band names")
        b8a = ds["20m"].swap_dims(band_20m="band_name_20m").sel(band_name_20m="B8A").values
        check(np.array_equal(b8a, h5["20m"][:, 3]), "xarray selects a band by name")
        check(ds["10m"].attrs["scale_factor"] == 0.0001, "CF scale_factor on the stack")


if __name__ == "__main__":
    main()
