"""Makes a small BigEarthNet-S2 v1 release the way the real one is laid out, with GDAL (not Patchserve).

usage: make_bigearthnet.py OUT_DIR PATCHES [--bad]

Each patch folder holds twelve single-band uint16 GeoTIFFs (120/60/20 px at 10/20/60 m, UTM) written by
gdal_translate with a rotating choice of layouts (deflate + predictor 2, LZW, tiled, striped, big-endian,
PackBits), and {patch}_labels_metadata.json. train.csv / val.csv / test.csv list the patches per split.
--bad adds patches that must be skipped: a truncated GeoTIFF, an unknown class, a missing band.
"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np

BANDS = {"B01": 20, "B02": 120, "B03": 120, "B04": 120, "B05": 60, "B06": 60, "B07": 60, "B08": 120,
         "B8A": 60, "B09": 20, "B11": 60, "B12": 60}
LAYOUTS = [
    ["-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"],
    ["-co", "COMPRESS=LZW"],
    ["-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE"],
    [],
    ["-co", "COMPRESS=LZW", "-co", "PREDICTOR=2", "-co", "TILED=YES", "-co", "BLOCKXSIZE=32", "-co", "BLOCKYSIZE=32"],
    ["-co", "ENDIANNESS=BIG", "-co", "COMPRESS=DEFLATE"],
    ["-co", "COMPRESS=PACKBITS", "-co", "BLOCKYSIZE=7"],
]
CLASSES_43 = [
    "Continuous urban fabric", "Discontinuous urban fabric", "Industrial or commercial units",
    "Road and rail networks and associated land", "Port areas", "Airports", "Mineral extraction sites",
    "Dump sites", "Construction sites", "Green urban areas", "Sport and leisure facilities",
    "Non-irrigated arable land", "Permanently irrigated land", "Rice fields", "Vineyards",
    "Fruit trees and berry plantations", "Olive groves", "Pastures", "Annual crops associated with permanent crops",
    "Complex cultivation patterns",
    "Land principally occupied by agriculture, with significant areas of natural vegetation",
    "Agro-forestry areas", "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland",
    "Moors and heathland", "Sclerophyllous vegetation", "Transitional woodland/shrub", "Beaches, dunes, sands",
    "Bare rock", "Sparsely vegetated areas", "Burnt areas", "Inland marshes", "Peatbogs", "Salt marshes",
    "Salines", "Intertidal flats", "Water courses", "Water bodies", "Coastal lagoons", "Estuaries", "Sea and ocean"]
_wkt = {}


def wkt(epsg):
    if epsg not in _wkt:
        _wkt[epsg] = subprocess.run(["gdalsrsinfo", "-o", "wkt1", f"EPSG:{epsg}"], check=True,
                                    capture_output=True, text=True).stdout.strip()
    return _wkt[epsg]


def write_tif(path, array, epsg, ulx, uly, layout):
    raw = path + ".raw"
    array.astype("<u2").tofile(raw)
    with open(path + ".hdr", "w") as h:
        h.write(f"ENVI\nsamples = {array.shape[1]}\nlines = {array.shape[0]}\nbands = 1\nheader offset = 0\n"
                "file type = ENVI Standard\ndata type = 12\ninterleave = bsq\nbyte order = 0\n")
    # ENVI wants the header next to the data file, with the same stem
    shutil.move(path + ".hdr", os.path.splitext(raw)[0] + ".hdr")
    subprocess.run(["gdal_translate", "-q", "-of", "GTiff", *layout, "-a_srs", f"EPSG:{epsg}",
                    "-a_ullr", str(ulx), str(uly), str(ulx + 1200), str(uly - 1200), raw, path], check=True)
    os.remove(raw)
    os.remove(os.path.splitext(raw)[0] + ".hdr")
    aux = path + ".aux.xml"
    if os.path.exists(aux):
        os.remove(aux)


def make_patch(root, name, epsg, ulx, uly, labels, rng, layout_offset, acquisition):
    folder = os.path.join(root, name)
    os.makedirs(folder)
    for i, (band, size) in enumerate(BANDS.items()):
        base = np.linspace(200, 4000 + 300 * i, size * size).reshape(size, size)
        noise = rng.integers(0, 900, (size, size))
        array = (base + noise).astype(np.uint16)
        array[0, 0] = rng.integers(1, 20)      # a few extremes so min/max are not trivial
        array[-1, -1] = rng.integers(9000, 16000)
        write_tif(os.path.join(folder, f"{name}_{band}.tif"), array, epsg, ulx, uly,
                  LAYOUTS[(layout_offset + i) % len(LAYOUTS)])
    meta = {"labels": labels,
            "coordinates": {"ulx": ulx, "uly": uly, "lrx": ulx + 1200, "lry": uly - 1200},
            "projection": wkt(epsg),
            "tile_source": "S2A_MSIL1C_" + name.split("_")[2] + "_N0205_R022_T33UVP_20170613T101032",
            "acquisition_date": acquisition}
    with open(os.path.join(folder, f"{name}_labels_metadata.json"), "w") as f:
        json.dump(meta, f)
    return folder


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    bad = "--bad" in sys.argv
    rng = np.random.default_rng(42)
    os.makedirs(out, exist_ok=True)
    names = []
    for p in range(count):
        platform = "S2A" if p % 2 == 0 else "S2B"
        # the release's name forms: the hour without its leading zero, and seconds 60 or 61 (also in acquisition_date)
        hour, clock = {4: ("T93032", "09:30:32"), 2: ("T94160", "09:41:60"), 3: ("T94161", "09:41:61")}.get(
            p % 5, ("T101031", "10:10:31"))
        day = 10 + p % 18
        month = (6, 7, 9)[p % 3]  # months with a gap between them, as a season's acquisitions have
        name = f"{platform}_MSIL2A_2017{month:02d}{day:02d}{hour}_{p % 7}_{p}"
        epsg = 32633 if p % 3 else 32634
        labels = sorted(set(rng.choice(CLASSES_43, size=rng.integers(1, 5)).tolist()))
        if p == 1:  # a class the 19-class nomenclature drops, beside one it keeps
            labels = sorted(set(labels) | {"Intertidal flats", "Salines"})
        make_patch(out, name, epsg, 400020 + 1200 * (p % 7), 5300040 - 1200 * p, labels, rng, p,
                   f"2017-{month:02d}-{day:02d} {clock}")
        names.append(name)
    splits = {"train": names[0::3], "val": names[1::3], "test": names[2::3]}
    for split, members in splits.items():
        with open(os.path.join(out, f"{split}.csv"), "w") as f:
            f.write("".join(n + "\n" for n in members))
    # the published lists of patches with seasonal snow and with cloud or shadow: one name per line, no header
    snow, cloud = names[0::4], names[1::5]
    for file, members in (("patches_with_seasonal_snow.csv", snow), ("patches_with_cloud_and_shadow.csv", cloud)):
        with open(os.path.join(out, file), "w") as f:
            f.write("".join(n + "\n" for n in members))
    if bad:
        truncated = make_patch(out, "S2A_MSIL2A_20170701T101031_90_90", 32633, 400020, 5200000, ["Pastures"], rng, 0,
                               "2017-07-01 10:10:31")
        tif = os.path.join(truncated, "S2A_MSIL2A_20170701T101031_90_90_B03.tif")
        with open(tif, "r+b") as f:
            f.truncate(os.path.getsize(tif) // 2)
        make_patch(out, "S2A_MSIL2A_20170702T101031_91_91", 32633, 400020, 5200000, ["Pastures", "Lunar regolith"],
                   rng, 0, "2017-07-02 10:10:31")
        missing = make_patch(out, "S2A_MSIL2A_20170703T101031_92_92", 32633, 400020, 5200000, ["Pastures"], rng, 0,
                             "2017-07-03 10:10:31")
        os.remove(os.path.join(missing, "S2A_MSIL2A_20170703T101031_92_92_B8A.tif"))
    print(json.dumps({"patches": names, "splits": splits, "snow": snow, "cloud": cloud}))


if __name__ == "__main__":
    main()
