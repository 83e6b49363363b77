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
from patchserve_client import check, get, get_json, get_status


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
    check_streamed(base, collection, body, headers)
    check_options(base, collection, release, ids)
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


def check_streamed(base, collection, body, headers):
    """The header is computed before the pixels: Content-Length and a strong ETag come first; every range, in the
    header or deep in any pixel dataset, is the same bytes as the whole file; If-Range with an old tag gets it all."""
    url = f"{base}/collections/{collection}/bundle.h5"
    check(int(headers["Content-Length"]) == len(body), f"Content-Length {headers['Content-Length']} != {len(body)}")
    etag = headers["ETag"]
    check(etag.startswith('"') and not etag.startswith("W/"), f"strong ETag {etag}")
    with h5py.File(io.BytesIO(body), "r") as h5:
        data_starts = [h5[g].id.get_offset() for g in ("10m", "20m", "60m")]
        sizes = [h5[g].id.get_storage_size() for g in ("10m", "20m", "60m")]
    check(all(data_starts[k] + sizes[k] == (data_starts + [len(body)])[k + 1] for k in range(3)),
          f"pixel datasets contiguous after the header, in order, to the end of the file: {data_starts} {sizes}")
    for start in [7, data_starts[0] - 3, data_starts[0] + 12345, data_starts[1] + 999, data_starts[2] + 1, len(body) - 5]:
        for end in [start + 100, start + 200_000, len(body) - 1]:
            end = min(end, len(body) - 1)
            request = urllib.request.Request(url, headers={"Range": f"bytes={start}-{end}", "If-Range": etag})
            with urllib.request.urlopen(request) as r:
                part = r.read()
                check(r.status == 206 and part == body[start:end + 1], f"range {start}-{end} ({r.status}, {len(part)} bytes)")
    request = urllib.request.Request(url, headers={"Range": "bytes=10-", "If-Range": '"h5-another-selection"'})
    with urllib.request.urlopen(request) as r:
        check(r.status == 200 and r.read() == body, "If-Range with another selection's tag: the whole file, never spliced")
    first = h5py.File(io.BytesIO(body), "r")["ids"][0]
    other = get(f"{base}/collections/{collection}/bundle.h5?ids={first.decode() if isinstance(first, bytes) else first}")[1]
    check(other["ETag"] != etag and other["Content-Disposition"] != headers["Content-Disposition"],
          "another selection has another tag and another file name")


def check_options(base, collection, release, ids):
    """bands= in the order asked; grid=finest and resolution= resample onto one grid as crops do; 400s that say
    what is allowed; the POST form takes the options as body members."""
    url = f"{base}/collections/{collection}/bundle.h5"
    with h5py.File(io.BytesIO(get(f"{url}?bands=B08,B02")[2]), "r") as h5:
        check(h5["10m"].shape == (len(ids), 2, 120, 120), f"bands=B08,B02 shape {h5['10m'].shape}")
        names = [n.decode() if isinstance(n, bytes) else n for n in h5["10m"].attrs["band_names"]]
        check(names == ["B08", "B02"] and "20m" not in h5, f"bands in the order asked: {names}")
        patch = ids[0]
        b02, _ = gdal_read(os.path.join(release, patch, f"{patch}_B02.tif"))
        check(np.array_equal(h5["10m"][0, 1], b02), "bands=: pixels")
    with h5py.File(io.BytesIO(get(f"{url}?grid=finest&bands=B05,B02,B09")[2]), "r") as h5:
        data = h5["data"]
        check(data.shape == (len(ids), 3, 120, 120) and data.dtype == np.uint16, f"grid=finest {data.shape} {data.dtype}")
        for i, patch in enumerate(ids):
            b05, _ = gdal_read(os.path.join(release, patch, f"{patch}_B05.tif"))
            b09, _ = gdal_read(os.path.join(release, patch, f"{patch}_B09.tif"))
            check(np.array_equal(data[i, 0], np.repeat(np.repeat(b05, 2, axis=0), 2, axis=1)), f"{patch}: B05 onto 10 m")
            check(np.array_equal(data[i, 2], np.repeat(np.repeat(b09, 6, axis=0), 6, axis=1)), f"{patch}: B09 onto 10 m")
    finest = get(f"{url}?grid=finest")[2]
    import xarray as xr
    with xr.open_dataset(io.BytesIO(finest), engine="h5netcdf", mask_and_scale=False) as ds:
        check(ds["data"].dims == ("item", "band", "y", "x") and ds["data"].shape == (len(ids), 12, 120, 120),
              f"xarray grid=finest {ds['data'].dims} {ds['data'].shape}")
        check(list(ds["band_name"].values) == ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"],
              "the collection's band order on the common grid")
    check_gdal(finest, len(ids))
    with h5py.File(io.BytesIO(get(f"{url}?resolution=20&bands=B02")[2]), "r") as h5:
        b02, _ = gdal_read(os.path.join(release, ids[0], f"{ids[0]}_B02.tif"))
        check(h5["data"].shape == (len(ids), 1, 60, 60), f"resolution=20 {h5['data'].shape}")
        check(np.array_equal(h5["data"][0, 0], b02[1::2, 1::2]), "B02 onto 20 m: the pixel under each centre")
    for query, says in [("bands=B02,B13", "B13"), ("bands=B02,B05", "grid=finest"), ("grid=5m", "grid=finest or one of"),
                        ("resolution=15", "its grids are"), ("grid=finest&resolution=10", "either grid or resolution"),
                        ("resolution=ten", "positive number"), ("bands=B02,,B03", "empty name"), ("bands=B02,B02", "twice"),
                        ("class_order=random", "class_order")]:
        status, answer = get_status(f"{url}?{query}")
        check(status == 400 and says in json.loads(answer)["description"], f"{query}: {status} {answer[:200]}")
    request = urllib.request.Request(f"{base}/search/bundle.h5", data=json.dumps(
        {"collections": [collection], "ids": ids[:2], "bands": ["B04", "B03", "B02"], "grid": "10m"}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as r, h5py.File(io.BytesIO(r.read()), "r") as h5:
        check(h5["data"].shape == (2, 3, 120, 120), f"POST options as body members {h5['data'].shape}")
        location = r.headers["Content-Location"]
        check("bands=B04%2CB03%2CB02" in location and "grid=10m" in location, f"Content-Location {location}")


def check_gdal(body, n):
    """GDAL's netCDF driver opens the stacked variable: 120 x 120, one raster band per (item, band). The y axis of a
    stack is the pixel row (items lie in different places), which increases downwards, so GDAL shows it bottom-up,
    as it does any netCDF grid whose y increases: GDAL's row r is the file's row 119 - r."""
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".h5") as f:
        f.write(body)
        f.flush()
        info = json.loads(subprocess.run(["gdalinfo", "-json", f"NETCDF:{f.name}:data"], check=True,
                                         capture_output=True, text=True).stdout)
        check(info["size"] == [120, 120] and len(info["bands"]) == n * 12, f"GDAL: size {info['size']}, {len(info['bands'])} bands")
        # GDAL names the (item, band) of each raster band in its metadata, from the dimension coordinates
        meta = info["bands"][n + 1]["metadata"][""]
        item, band = int(meta["NETCDF_DIM_item"]), int(meta["NETCDF_DIM_band"])
        pixels = subprocess.run(["gdallocationinfo", "-valonly", "-b", str(n + 2), f"NETCDF:{f.name}:data", "5", "7"],
                                check=True, capture_output=True, text=True).stdout.strip()
        with h5py.File(io.BytesIO(body), "r") as h5:
            check(float(pixels) == float(h5["data"][item, band - 1, 119 - 7, 5]),
                  f"GDAL reads item {item} band {band} at (5, 7): {pixels}")

if __name__ == "__main__":
    main()
