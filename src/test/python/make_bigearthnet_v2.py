"""Makes a small BigEarthNet v2 (reBEN) release the way it is published, with GDAL, pyarrow and GNU tar + zstd
(not Patchserve).

usage: make_bigearthnet_v2.py OUT_DIR PATCHES [--bad] [--v1-names JSON_LIST] [--folders]

Layout (../shared/DATASETS.md; the v2 pipeline's archive step):
  BigEarthNet-S2.tar.zst   BigEarthNet-S2/<product>/<patch_id>/<patch_id>_<band>.tif   (12 bands, uint16, uncompressed)
  BigEarthNet-S1.tar.zst   BigEarthNet-S1/<s1 product>/<s1_name>/<s1_name>_VV.tif, _VH.tif   (float32)
  Reference_Maps.tar.zst   Reference_Maps/<product>/<patch_id>/<patch_id>_reference_map.tif (uint16 CLC codes,
                           deflate + predictor 2)
  metadata.parquet, metadata_for_patches_with_snow_cloud_or_shadow.parquet
      patch_id, labels (19-class names), split (train/validation/test), country, s1_name, s2v1_name,
      contains_seasonal_snow, contains_cloud_or_shadow
The archives are zstd-compressed tars made by `tar --zstd`; --folders leaves the three parts as folders instead.
--v1-names gives the v1 names the rows' s2v1_name point to (a v1 release of the same patches).
--bad adds rows that must be skipped: one naming a patch the S2 archive does not hold, one whose patch misses
B8A, one labelled with a 43-class name that is not a 19-class one.
Prints the expected outcome as JSON.
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

BANDS = {"B01": 20, "B02": 120, "B03": 120, "B04": 120, "B05": 60, "B06": 60, "B07": 60, "B08": 120,
         "B8A": 60, "B09": 20, "B11": 60, "B12": 60}
CLASSES_19 = [
    "Urban fabric", "Industrial or commercial units", "Arable land", "Permanent crops", "Pastures",
    "Complex cultivation patterns",
    "Land principally occupied by agriculture, with significant areas of natural vegetation", "Agro-forestry areas",
    "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland and sparsely vegetated areas",
    "Moors, heathland and sclerophyllous vegetation", "Transitional woodland, shrub", "Beaches, dunes, sands",
    "Inland wetlands", "Coastal wetlands", "Inland waters", "Marine waters"]
CLC_CODES = [112, 211, 231, 311, 312, 313, 512]
TILES = [("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP", "S1B_IW_GRDH_1SDV_20170612T165809", "33UUP", 32633,
          "Austria", "S2A_MSIL2A_20170613T101031"),
         ("S2B_MSIL2A_20180204T094159_N9999_R036_T34VER", "S1A_IW_GRDH_1SDV_20180204T155000", "34VER", 32634,
          "Finland", "S2B_MSIL2A_20180204T94160")]
ENVI_TYPES = {"uint16": ("<u2", 12), "float32": ("<f4", 4)}


def write_tif(path, array, epsg, ulx, uly, options):
    """A single-band GeoTIFF written by gdal_translate from a raw ENVI copy of the array."""
    dtype, envi = ENVI_TYPES[str(array.dtype)]
    stem = os.path.splitext(path)[0] + "-raw"
    array.astype(dtype).tofile(stem + ".bin")
    with open(stem + ".hdr", "w") as h:
        h.write(f"ENVI\nsamples = {array.shape[1]}\nlines = {array.shape[0]}\nbands = 1\nheader offset = 0\n"
                f"file type = ENVI Standard\ndata type = {envi}\ninterleave = bsq\nbyte order = 0\n")
    subprocess.run(["gdal_translate", "-q", "-of", "GTiff", *options, "-a_srs", f"EPSG:{epsg}",
                    "-a_ullr", str(ulx), str(uly), str(ulx + 1200), str(uly - 1200), stem + ".bin", path], check=True)
    for leftover in (stem + ".bin", stem + ".hdr", path + ".aux.xml"):
        if os.path.exists(leftover):
            os.remove(leftover)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("patches", type=int)
    parser.add_argument("--bad", action="store_true")
    parser.add_argument("--v1-names")
    parser.add_argument("--folders", action="store_true")
    a = parser.parse_args()
    rng = np.random.default_rng(17)
    v1_names = json.loads(a.v1_names) if a.v1_names else None
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(dir=a.out, prefix="parts-")
    rows, extra_rows, expected, skipped = [], [], [], {}
    splits = ["train", "validation", "test"]
    for p in range(a.patches + (3 if a.bad else 0)):
        product, s1_product, tile, epsg, country, v1_prefix = TILES[p % 2]
        col, row = (p // 2) * 3, p % 5
        patch_id = f"{product}_{col:02d}_{row:02d}"
        s1_name = f"{s1_product}_{tile}_{col}_{row}"
        s2v1_name = v1_names[p] if v1_names and p < len(v1_names) else f"{v1_prefix}_{col}_{row}"
        labels = sorted(set(rng.choice(CLASSES_19, size=rng.integers(1, 5)).tolist()))
        bad = a.bad and p >= a.patches
        kind = ["missing-folder", "missing-band", "unknown-class"][p - a.patches] if bad else None
        if kind == "unknown-class":
            labels = labels + ["Intertidal flats"]
        ulx, uly = 400020 + 1200 * col, 5300040 - 1200 * row
        if kind != "missing-folder":
            folder = os.path.join(work, "BigEarthNet-S2", product, patch_id)
            os.makedirs(folder)
            for i, (band, size) in enumerate(BANDS.items()):
                if kind == "missing-band" and band == "B8A":
                    continue
                array = (np.linspace(100, 3000 + 200 * i, size * size).reshape(size, size)
                         + rng.integers(0, 700, (size, size))).astype(np.uint16)
                write_tif(os.path.join(folder, f"{patch_id}_{band}.tif"), array, epsg, ulx, uly, [])
            s1 = os.path.join(work, "BigEarthNet-S1", s1_product, s1_name)
            os.makedirs(s1)
            for pol, mean in (("VV", -11.0), ("VH", -18.0)):
                write_tif(os.path.join(s1, f"{s1_name}_{pol}.tif"),
                          rng.normal(mean, 3, (120, 120)).astype(np.float32), epsg, ulx, uly, [])
            maps = os.path.join(work, "Reference_Maps", product, patch_id)
            os.makedirs(maps)
            codes = rng.choice(CLC_CODES[: 2 + p % 5], (120, 120)).astype(np.uint16)
            write_tif(os.path.join(maps, f"{patch_id}_reference_map.tif"), codes, epsg, ulx, uly,
                      ["-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"])
        snow, cloud = p % 4 == 1, p % 5 == 2
        record = {"patch_id": patch_id, "labels": labels, "split": splits[p % 3], "country": country,
                  "s1_name": s1_name, "s2v1_name": s2v1_name, "contains_seasonal_snow": snow,
                  "contains_cloud_or_shadow": cloud}
        # the pipeline keeps patches with snow, cloud or shadow out of the main table
        (extra_rows if snow or cloud else rows).append(record)
        if bad:
            skipped[patch_id] = kind
        else:
            expected.append(patch_id)
    schema = pa.schema([("patch_id", pa.string()), ("labels", pa.list_(pa.string())), ("split", pa.string()),
                        ("country", pa.string()), ("s1_name", pa.string()), ("s2v1_name", pa.string()),
                        ("contains_seasonal_snow", pa.bool_()), ("contains_cloud_or_shadow", pa.bool_())])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), os.path.join(a.out, "metadata.parquet"))
    pq.write_table(pa.Table.from_pylist(extra_rows, schema=schema),
                   os.path.join(a.out, "metadata_for_patches_with_snow_cloud_or_shadow.parquet"))
    for part in ("BigEarthNet-S2", "BigEarthNet-S1", "Reference_Maps"):
        if a.folders:
            shutil.move(os.path.join(work, part), os.path.join(a.out, part))
        else:
            subprocess.run(["tar", "--zstd", "--sort=name", "-cf", os.path.join(a.out, part + ".tar.zst"), "-C", work,
                            part], check=True)
    shutil.rmtree(work)
    print(json.dumps({"expected": expected, "skipped": skipped}))


if __name__ == "__main__":
    main()
