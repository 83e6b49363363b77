"""Checks a BigEarthNet v2 (reBEN) release served by Patchserve against the release: archives unpacked by GNU tar,
rasters read by GDAL, metadata by pyarrow.

usage: check_bigearthnet_v2.py BASE_URL COLLECTION RELEASE_DIR EXPECTED_IDS_JSON [V1_COLLECTION]

Every expected patch is an item with the metadata's labels, split, country, names and flags; its HDF5 holds the
twelve Sentinel-2 bands, the paired Sentinel-1 VV/VH and the reference map exactly as GDAL reads them; the
reference map is also an asset byte for byte; crops return the reference map and Sentinel-1 bands. With
V1_COLLECTION, each item's s2v1_name is an item of that v1 collection. Prints 'bigearthnet-v2: ok ...'.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

import numpy as np
import pyarrow.parquet as pq

from patchserve_client import all_items, check, get, get_status, h5_from

GROUPS = {"10m": ["B02", "B03", "B04", "B08"], "20m": ["B05", "B06", "B07", "B8A", "B11", "B12"], "60m": ["B01", "B09"]}
CLASSES_19 = [
    "Urban fabric", "Industrial or commercial units", "Arable land", "Permanent crops", "Pastures",
    "Complex cultivation patterns",
    "Land principally occupied by agriculture, with significant areas of natural vegetation", "Agro-forestry areas",
    "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland and sparsely vegetated areas",
    "Moors, heathland and sclerophyllous vegetation", "Transitional woodland, shrub", "Beaches, dunes, sands",
    "Inland wetlands", "Coastal wetlands", "Inland waters", "Marine waters"]
ENVI_DTYPES = {"12": "u2", "4": "f4"}


def gdal_read(tif):
    """The band as GDAL decodes it, through an ENVI copy."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "band.bin")
        subprocess.run(["gdal_translate", "-q", "-of", "ENVI", tif, out], check=True)
        header = {k.strip(): v.strip() for k, v in (line.split("=", 1) for line in
                                                     open(os.path.join(tmp, "band.hdr")).read().splitlines() if "=" in line)}
        order = ">" if header.get("byte order") == "1" else "<"
        h, w = int(header["lines"]), int(header["samples"])
        return np.fromfile(out, dtype=order + ENVI_DTYPES[header["data type"]]).reshape(h, w)


def unpack(release, into):
    for part in ("BigEarthNet-S2", "BigEarthNet-S1", "Reference_Maps"):
        folder = os.path.join(release, part)
        if os.path.isdir(folder):
            os.symlink(folder, os.path.join(into, part))
        else:
            subprocess.run(["tar", "--zstd", "-xf", os.path.join(release, part + ".tar.zst"), "-C", into], check=True)


def text(v):
    return v.decode() if isinstance(v, bytes) else v


def main():
    base, collection, release, expected = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    v1_collection = sys.argv[5] if len(sys.argv) > 5 else None
    rows = {}
    for name in ("metadata.parquet", "metadata_for_patches_with_snow_cloud_or_shadow.parquet"):
        for r in pq.read_table(os.path.join(release, name)).to_pylist():
            rows[r["patch_id"]] = r
    items = {i["id"]: i for i in all_items(base, collection)}
    check(set(items) == set(expected), f"items {sorted(items)} != expected {sorted(expected)}")
    with tempfile.TemporaryDirectory() as parts:
        unpack(release, parts)
        for patch_id, item in items.items():
            row, p = rows[patch_id], item["properties"]
            product = patch_id.rsplit("_", 2)[0]
            check(p["labels_19"] == [c for c in CLASSES_19 if c in row["labels"]], f"{patch_id}: labels_19 {p['labels_19']}")
            for key, prop in (("split", "split"), ("country", "bigearthnet:country"), ("s1_name", "bigearthnet:s1_name"),
                              ("s2v1_name", "bigearthnet:s2v1_name"),
                              ("contains_seasonal_snow", "bigearthnet:contains_seasonal_snow"),
                              ("contains_cloud_or_shadow", "bigearthnet:contains_cloud_or_shadow")):
                check(p[prop] == row[key], f"{patch_id}: {prop} {p[prop]} != {row[key]}")
            stamp = patch_id.split("_")[2]
            when = datetime.strptime(stamp, "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
            check(p["datetime"].startswith(when.strftime("%Y-%m-%dT%H:%M:%S")), f"{patch_id}: datetime {p['datetime']}")
            s2 = os.path.join(parts, "BigEarthNet-S2", product, patch_id)
            s1_name = row["s1_name"]
            s1 = os.path.join(parts, "BigEarthNet-S1", s1_name.rsplit("_", 3)[0], s1_name)
            ref_file = os.path.join(parts, "Reference_Maps", product, patch_id, patch_id + "_reference_map.tif")
            ref = gdal_read(ref_file)
            check(p["bigearthnet:clc_codes"] == sorted(int(c) for c in np.unique(ref)), f"{patch_id}: clc codes")
            with h5_from(item["assets"]["data"]["href"]) as h5:
                for group, bands in GROUPS.items():
                    for c, band in enumerate(bands):
                        check(np.array_equal(h5[group][c], gdal_read(os.path.join(s2, f"{patch_id}_{band}.tif"))),
                              f"{patch_id}/{band}: pixels differ from GDAL's")
                check(h5["s1"].dtype == np.float32, f"{patch_id}: s1 dtype {h5['s1'].dtype}")
                for c, pol in enumerate(("VV", "VH")):
                    check(np.array_equal(h5["s1"][c], gdal_read(os.path.join(s1, f"{s1_name}_{pol}.tif"))),
                          f"{patch_id}/{pol}: differs from GDAL's")
                check(h5["reference_map"].dtype == np.uint16 and np.array_equal(h5["reference_map"][0], ref),
                      f"{patch_id}: reference map")
            status, _, body = get(item["assets"]["reference_map"]["href"])
            check(hashlib.sha256(body).hexdigest() == hashlib.sha256(open(ref_file, "rb").read()).hexdigest(),
                  f"{patch_id}: reference_map asset is the published file")
            url = f"{base}/collections/{collection}/items/{patch_id}"
            with h5_from(f"{url}/crop.h5?bands=reference_map&window=10,20,30,40") as crop:
                check(np.array_equal(crop["data"][0], ref[20:60, 10:40]), f"{patch_id}: crop of the reference map")
            with h5_from(f"{url}/crop.h5?bands=VV,VH&window=0,0,16,16") as crop:
                check(np.array_equal(crop["data"][1], gdal_read(os.path.join(s1, f"{s1_name}_VH.tif"))[:16, :16]),
                      f"{patch_id}: crop of Sentinel-1")
            if v1_collection:
                code, _ = get_status(f"{base}/collections/{v1_collection}/items/{row['s2v1_name']}")
                check(code == 200, f"{patch_id}: its v1 patch {row['s2v1_name']} is not in {v1_collection} ({code})")
    print(f"bigearthnet-v2: ok, {len(items)} patches checked")


if __name__ == "__main__":
    main()
