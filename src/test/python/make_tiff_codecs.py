"""GeoTIFFs in every layout GDAL writes for single-band rasters, and files of several bands pixel- and
band-interleaved, made by gdal_translate (not Patchserve), for the reader's codec tests; plus files the reader must
refuse, each with the reason it must give.

usage: make_tiff_codecs.py OUT_DIR

Writes OUT_DIR/cases.json: [{"file", "expect": "pixels" | "bands" | "refused", "raw" (little-endian pixels of the
source, for "pixels"; "raws", one per band, for "bands"), "dtype", "width", "height", "geotransform", "epsg",
"nodata", "reason" (for "refused")}].
Each source array is written as ENVI raw data with numpy and converted by GDAL, so the expected pixels are the
numpy array's bytes, never the reader's own output.
"""
import json
from concurrent.futures import ThreadPoolExecutor
import os
import subprocess
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(15)
cases = []

# (name, numpy dtype, GDAL data type, extra -co for the type)
TYPES = [
    ("u8", np.uint8, "Byte", []),
    ("i8", np.int8, "Byte", ["-co", "PIXELTYPE=SIGNEDBYTE"]),
    ("u16", np.uint16, "UInt16", []),
    ("i16", np.int16, "Int16", []),
    ("u32", np.uint32, "UInt32", []),
    ("i32", np.int32, "Int32", []),
    ("f32", np.float32, "Float32", []),
    ("f64", np.float64, "Float64", []),
]
LAYOUTS = {
    "plain": [],
    "lzw": ["-co", "COMPRESS=LZW"],
    "deflate": ["-co", "COMPRESS=DEFLATE", "-co", "ZLEVEL=9"],
    "packbits": ["-co", "COMPRESS=PACKBITS"],
    "lzw-pred2": ["-co", "COMPRESS=LZW", "-co", "PREDICTOR=2"],
    "deflate-pred2": ["-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"],
    "tiled16": ["-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE"],
    "tile-past-edge": ["-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=64", "-co", "COMPRESS=LZW",
                       "-co", "PREDICTOR=2"],
    "strips7": ["-co", "BLOCKYSIZE=7", "-co", "COMPRESS=LZW"],
    "one-strip": ["-co", "BLOCKYSIZE=1000"],
    "big-endian": ["-co", "ENDIANNESS=BIG", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"],
}
W, H = 45, 37  # neither a multiple of any block size


def source(name, dtype):
    if np.issubdtype(dtype, np.floating):
        a = (rng.standard_normal((H, W)) * 1000).astype(dtype)
        a[0, 0], a[1, 1] = -0.0, np.finfo(dtype).max
    else:
        info = np.iinfo(dtype)
        a = rng.integers(info.min, int(info.max) + 1, (H, W), dtype=dtype)
        a[0, :] = np.arange(W, dtype=np.int64).astype(dtype)  # a smooth row, where predictors pay
        a[1, 0], a[1, 1] = info.min, info.max
    raw = os.path.join(out, f"src-{name}.bin")
    a.astype(a.dtype.newbyteorder("<")).tofile(raw)
    return a, raw


def envi(raw, gdal_type, a):
    with open(raw[:-4] + ".hdr", "w") as f:
        codes = {"Byte": 1, "Int16": 2, "Int32": 3, "Float32": 4, "Float64": 5, "UInt16": 12, "UInt32": 13}
        f.write("ENVI\nsamples = %d\nlines = %d\nbands = 1\nheader offset = 0\nfile type = ENVI Standard\n"
                "data type = %d\ninterleave = bsq\nbyte order = 0\n" % (W, H, codes[gdal_type]))
    return raw


def translate(src, dst, options):
    subprocess.run(["gdal_translate", "-q", "-of", "GTiff", *options, src, dst], check=True)


def georef(path):
    info = json.loads(subprocess.run(["gdalinfo", "-json", path], check=True, capture_output=True, text=True).stdout)
    band = info["bands"][0]
    epsg = None
    wkt = info.get("coordinateSystem", {}).get("wkt", "")
    if 'ID["EPSG",' in wkt:
        epsg = int(wkt.rsplit('ID["EPSG",', 1)[1].split("]")[0])
    return info.get("geoTransform"), epsg, band.get("noDataValue")


sources = {}
jobs = []
GEO = ["-a_srs", "EPSG:32633", "-a_ullr", "399960", "5300040", str(399960 + 10 * W), str(5300040 - 10 * H)]
for tname, dtype, gtype, typeopts in TYPES:
    a, raw = source(tname, dtype)
    envi(raw, gtype, a)
    sources[tname] = raw
    for lname, layout in LAYOUTS.items():
        f = os.path.join(out, f"{tname}-{lname}.tif")
        nodata = ["-a_nodata", "0"] if lname == "plain" else []
        jobs.append((raw, f, ["-ot", gtype, *typeopts, *layout, *GEO, *nodata], tname))


def make(job):
    raw, f, options, tname = job
    translate(raw, f, options)
    gt, epsg, nd = georef(f)
    return {"file": os.path.basename(f), "expect": "pixels", "raw": os.path.basename(raw), "dtype": tname,
            "width": W, "height": H, "geotransform": gt, "epsg": epsg, "nodata": nd}


# several bands: separate sources stacked by a VRT, written pixel-interleaved (GDAL's default) and band-interleaved
MULTI_LAYOUTS = {
    "pixel": [],
    "band": ["-co", "INTERLEAVE=BAND"],
    "pixel-lzw-pred2": ["-co", "COMPRESS=LZW", "-co", "PREDICTOR=2"],
    "band-deflate-pred2": ["-co", "INTERLEAVE=BAND", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"],
    "pixel-tiled16": ["-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE",
                      "-co", "PREDICTOR=2"],
    "pixel-big-endian": ["-co", "ENDIANNESS=BIG", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2"],
}
multi_jobs = []
for tname, dtype, gtype, typeopts in TYPES:
    if tname not in ("u8", "u16", "i16", "f32"):
        continue
    raws = []
    for k in range(12 if tname == "u16" else 3):
        a, raw = source(f"{tname}-band{k}", dtype)
        raws.append(envi(raw, gtype, a))
    vrt = os.path.join(out, f"{tname}-bands.vrt")
    subprocess.run(["gdalbuildvrt", "-q", "-separate", vrt, *raws], check=True)
    for lname, layout in MULTI_LAYOUTS.items():
        multi_jobs.append((vrt, raws, os.path.join(out, f"{tname}-bands-{lname}.tif"),
                           ["-ot", gtype, *typeopts, *layout, *GEO], tname))


def make_multi(job):
    vrt, raws, f, options, tname = job
    translate(vrt, f, options)
    gt, epsg, nd = georef(f)
    return {"file": os.path.basename(f), "expect": "bands", "raws": [os.path.basename(r) for r in raws],
            "dtype": tname, "width": W, "height": H, "geotransform": gt, "epsg": epsg, "nodata": nd}


# GDAL runs as separate processes: a few at a time keep both cores busy
with ThreadPoolExecutor(4) as pool:
    cases.extend(pool.map(make, jobs))
    cases.extend(pool.map(make_multi, multi_jobs))

raw16, raw32, raw8 = sources["u16"], sources["f32"], sources["u8"]


def refused(name, src, options, reason):
    f = os.path.join(out, name)
    translate(src, f, options)
    cases.append({"file": name, "expect": "refused", "reason": reason})


refused("f32-pred3.tif", raw32, ["-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3"], "unsupported predictor 3")
refused("u16-zstd.tif", raw16, ["-co", "COMPRESS=ZSTD"], "unsupported TIFF compression 50000")
refused("u16-lzma.tif", raw16, ["-co", "COMPRESS=LZMA"], "unsupported TIFF compression 34925")
refused("u8-jpeg.tif", raw8, ["-co", "COMPRESS=JPEG"], "unsupported TIFF compression 7")
refused("u16-bigtiff.tif", raw16, ["-co", "BIGTIFF=YES"], "BigTIFF is not supported")
rgb = os.path.join(out, "rgb.vrt")
subprocess.run(["gdalbuildvrt", "-q", "-separate", rgb, raw8, raw8, raw8], check=True)
refused("u8-three-bands.tif", rgb, [], "only single-band TIFFs are supported")

# damaged and hostile files, made from a good one by cutting or patching bytes
good = open(os.path.join(out, "u16-deflate.tif"), "rb").read()
with open(os.path.join(out, "truncated-half.tif"), "wb") as f:
    f.write(good[: len(good) // 2])
cases.append({"file": "truncated-half.tif", "expect": "refused", "reason": "truncated"})
with open(os.path.join(out, "not-a-tiff.tif"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + bytes(200))
cases.append({"file": "not-a-tiff.tif", "expect": "refused", "reason": "not a TIFF"})
with open(os.path.join(out, "empty.tif"), "wb") as f:
    pass
cases.append({"file": "empty.tif", "expect": "refused", "reason": "not a TIFF"})
# the first IFD offset pointing past the end of the file
with open(os.path.join(out, "ifd-past-end.tif"), "wb") as f:
    f.write(good[:4] + (len(good) + 1000).to_bytes(4, "little") + good[8:])
cases.append({"file": "ifd-past-end.tif", "expect": "refused", "reason": "truncated"})

# an IFD that claims a width the blocks do not hold (as a decompression bomb would)
import struct
data = bytearray(good)
ifd = struct.unpack_from("<I", data, 4)[0]
for i in range(struct.unpack_from("<H", data, ifd)[0]):
    at = ifd + 2 + 12 * i
    tag, typ = struct.unpack_from("<HH", data, at)
    if tag == 256:  # ImageWidth
        if typ == 3:
            struct.pack_into("<H", data, at + 8, 65535)
        else:
            struct.pack_into("<I", data, at + 8, 2_000_000_000)
with open(os.path.join(out, "width-lies.tif"), "wb") as f:
    f.write(data)
cases.append({"file": "width-lies.tif", "expect": "refused", "reason": ""})

with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump(cases, f, indent=1)
print(len(cases), "cases")
