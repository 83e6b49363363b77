"""Makes a small WorldStrat release the way the official loader reads it, with GDAL and pandas (not Patchserve).

usage: make_worldstrat.py OUT_DIR

Layout (worldstrat/worldstrat, src/datasets.py): hr_dataset/<AOI>/<AOI>_ps.tiff (4 bands), _pan.tiff (1),
_rgbn.tiff (4), uint16, EPSG:4326 without a geotransform as the SPOT downloader writes them, and 8-bit ones under
hr_dataset/8bit/<AOI>/; lr_dataset/<AOI>/L2A/<AOI>-<n>-L2A_data.tiff (12 float32 bands) with <AOI>-<n>-CLM.tiff
(uint8), lr_dataset/<AOI>/L1C/<AOI>-<n>-L1C_data.tiff (13 bands); metadata.csv (indexed by area, a row per
revisit) and stratified_train_val_test_split.csv, both written by pandas.

Areas: "Amnesty POI-20-2-2" (spaces; revisits 1..12 without 7, so natural order matters; L1C; 8-bit HR),
"UNHCR-GRCs035302" (8 revisits, band-interleaved files, no L1C), "Landcover-769876" (4 revisits without a
geotransform: placed by metadata.csv's lon/lat; its pansharpened image has its own geotransform) and two that
must be skipped: "ASMSpotter-1-1-1" (revisit 3 has 11 bands) and "Landcover-000001" (no revisits).
Writes OUT_DIR/expected.json: the good areas with their revisit numbers and dates.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd

out = sys.argv[1]
rng = np.random.default_rng(20)
LR, PS, RGBN = 16, 64, 26
CODES = {"Byte": 1, "UInt16": 12, "Float32": 4}


def tiff(path, a, gdal_type, ullr=None, options=()):
    """a: (C, H, W). Raw BSQ data with an ENVI header, converted by gdal_translate."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    raw = path + ".bin"
    a.astype(a.dtype.newbyteorder("<")).tofile(raw)
    c, h, w = a.shape
    with open(path + ".hdr", "w") as f:
        f.write("ENVI\nsamples = %d\nlines = %d\nbands = %d\nheader offset = 0\nfile type = ENVI Standard\n"
                "data type = %d\ninterleave = bsq\nbyte order = 0\n" % (w, h, c, CODES[gdal_type]))
    georef = ["-a_ullr", *map(str, ullr)] if ullr else []
    if "INTERLEAVE=BAND" not in options:
        options = ["-co", "INTERLEAVE=PIXEL", *options]  # GDAL's default for new files (not the ENVI source's BSQ)
    subprocess.run(["gdal_translate", "-q", "-of", "GTiff", "-ot", gdal_type, "-a_srs", "EPSG:4326", *georef,
                    *options, raw, path], check=True)
    for leftover in (raw, path + ".hdr", path + ".aux.xml"):
        if os.path.exists(leftover):
            os.remove(leftover)


def lr_extent(lon, lat):
    d = 10 / 111320.0
    dx = d / np.cos(np.radians(lat))
    return [lon - dx * LR / 2, lat + d * LR / 2, lon + dx * LR / 2, lat - d * LR / 2]


AREAS = [
    # name, lon, lat, revisit numbers present, L1C?, 8-bit HR?, LR georeferenced?, options, split, IPCC, SMOD, source
    ("Amnesty POI-20-2-2", 13.40, 52.50, [n for n in range(1, 13) if n != 7], True, True, True,
     ["-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"], "train", "Agriculture", 11, "Amnesty"),
    ("UNHCR-GRCs035302", 36.10, -1.30, list(range(1, 9)), False, False, True,
     ["-co", "INTERLEAVE=BAND", "-co", "COMPRESS=LZW"], "val", "Settlement", 23, "UNHCR"),
    ("Landcover-769876", -3.70, 40.40, [1, 2, 3, 4], False, False, False, [], "test", "Forest", 12, "Landcover"),
    ("ASMSpotter-1-1-1", 10.00, 5.00, [1, 2, 3, 4], False, False, True, [], "train", "Other", 11, "ASMSpotter"),
    ("Landcover-000001", 20.00, 45.00, [], False, False, True, [], "train", "Grassland", 11, "Landcover"),
]
meta_rows, split_rows, expected = [], [], {}
for k, (area, lon, lat, ns, l1c, eight, georef, options, split, ipcc, smod, source) in enumerate(AREAS):
    extent = lr_extent(lon, lat) if georef else None
    os.makedirs(os.path.join(out, "lr_dataset", area, "L2A"), exist_ok=True)
    start = pd.Timestamp("2019-03-01 10:00:00", tz="UTC") + pd.Timedelta(days=40 * k)
    dates = {}
    for n in range(1, 17 if ns else 5):
        dates[n] = start + pd.Timedelta(days=5 * n, minutes=n)
        meta_rows.append({"area": area, "tile": area, "n": n, "lon": lon, "lat": lat, "lowres_date": dates[n],
                          "highres_date": pd.Timestamp("2019-06-15", tz="UTC")})
    for n in ns:
        bands = 11 if (area.startswith("ASMSpotter") and n == 3) else 12
        l2a = rng.random((bands, LR, LR), dtype=np.float32)
        tiff(os.path.join(out, "lr_dataset", area, "L2A", f"{area}-{n}-L2A_data.tiff"), l2a, "Float32", extent, options)
        clm = rng.choice(np.array([0, 0, 0, 1, 255], dtype=np.uint8), (1, LR, LR))
        tiff(os.path.join(out, "lr_dataset", area, "L2A", f"{area}-{n}-CLM.tiff"), clm, "Byte", extent, options)
        if l1c:
            tiff(os.path.join(out, "lr_dataset", area, "L1C", f"{area}-{n}-L1C_data.tiff"),
                 rng.random((13, LR, LR), dtype=np.float32), "Float32", extent, options)
    hr = os.path.join(out, "hr_dataset", area)
    os.makedirs(hr, exist_ok=True)
    ps = rng.integers(0, 4096, (4, PS, PS), dtype=np.uint16)
    own = lr_extent(lon, lat) if not georef else None  # the area without LR georeference: its ps image has its own
    tiff(os.path.join(hr, f"{area}_ps.tiff"), ps, "UInt16", own)
    tiff(os.path.join(hr, f"{area}_pan.tiff"), rng.integers(0, 4096, (1, PS, PS), dtype=np.uint16), "UInt16")
    tiff(os.path.join(hr, f"{area}_rgbn.tiff"), rng.integers(0, 4096, (4, RGBN, RGBN), dtype=np.uint16), "UInt16")
    if eight:
        hr8 = os.path.join(out, "hr_dataset", "8bit", area)
        tiff(os.path.join(hr8, f"{area}_ps_8bit.tiff"), (ps >> 4).astype(np.uint8), "Byte")
        tiff(os.path.join(hr8, f"{area}_pan_8bit.tiff"), rng.integers(0, 256, (1, PS, PS), dtype=np.uint8), "Byte")
    split_rows.append({"tile": area, "IPCC Class": ipcc, "SMOD": smod, "source": source,
                       "joint_class": f"{source}/{ipcc}/{smod}", "split": split})
    if k < 3:
        expected[area] = {"revisits": ns, "dates": [dates[n].isoformat() for n in ns], "split": split, "ipcc": ipcc,
                          "l1c": l1c, "eight_bit": eight, "lon": lon, "lat": lat}

pd.DataFrame(meta_rows).set_index("area").rename_axis(None).to_csv(os.path.join(out, "metadata.csv"))
pd.DataFrame(split_rows, index=rng.integers(0, 60000, len(split_rows))).to_csv(
    os.path.join(out, "stratified_train_val_test_split.csv"))
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print(len(AREAS), "areas")
