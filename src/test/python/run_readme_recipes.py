"""Runs the README's recipes (the code blocks after a '<!-- recipe -->' line) against a service, as a user would
paste them, and checks what they leave behind.

usage: run_readme_recipes.py BASE_URL README.md WORK_DIR

bash blocks run with 'set -euo pipefail', python blocks with this interpreter, each in WORK_DIR, with
http://localhost:8080 replaced by BASE_URL. Then: every downloaded PNG equals the stored asset (its
file:checksum), train.tar.gz is a whole gzip tar whose manifest lists train items only, and the streamed bundle
was unpacked.
"""
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import urllib.request

from patchserve_client import check, get_json


def recipes(readme):
    text = open(readme).read()
    return re.findall(r"<!-- recipe -->\n```(bash|python)\n(.*?)```", text, re.S)


def main():
    base, readme, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    found = recipes(readme)
    check(len(found) >= 3, f"{len(found)} recipes in {readme}")
    for language, code in found:
        code = code.replace("http://localhost:8080", base)
        command = ["bash", "-c", "set -euo pipefail\n" + code] if language == "bash" else [sys.executable, "-c", code]
        run = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=300)
        check(run.returncode == 0, f"{language} recipe failed ({run.returncode}):\n{code}\n{run.stderr[-2000:]}")
    pngs = glob.glob(os.path.join(work, "*.png"))
    check(len(pngs) == 1, f"the curl recipe saved {pngs}")
    item = os.path.basename(pngs[0])[:-4]
    asset = get_json(f"{base}/collections/smcefr-demo/items/{urllib.request.quote(item)}")["assets"]["image"]
    check("1220" + hashlib.sha256(open(pngs[0], "rb").read()).hexdigest() == asset["file:checksum"],
          "the downloaded (and resumed) PNG is the stored one")
    check(glob.glob(os.path.join(work, "*.h5")), "the Python recipe saved an HDF5")
    with tarfile.open(os.path.join(work, "train.tar.gz"), "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        splits = {entry["split"] for entry in manifest["items"]}
        check(splits == {"train"} and tar.getmembers(), f"train.tar.gz holds splits {splits}")
    check(os.path.isdir(os.path.join(work, "bigearthnet-demo")) and os.path.isfile(os.path.join(work, "manifest.json")),
          "the streamed bundle was unpacked")
    check_gdal_pushes_the_filter_down(base, work)
    info = open(os.path.join(work, "crop-info.txt")).read()
    check("Size is 120, 120" in info and "UTM zone" in info and "Band 3" in info, "gdalinfo of crop.tif over /vsicurl/:\n" + info[:1500])
    nir = subprocess.run(["gdalinfo", "-json", os.path.join(work, "nir.tif")], capture_output=True, text=True, check=True)
    check(json.loads(nir.stdout)["size"] == [60, 60], "gdal_translate of a crop.tif window")
    stacit = open(os.path.join(work, "stacit-info.txt")).read()
    check("UTM zone" in stacit and "Band 12" in stacit and "Size is 0, 0" not in stacit, "gdalinfo of STACIT over a search:\n" + stacit[:1500])
    check(open(os.path.join(work, "xarray-ok.txt")).read() == "('band_name_10m', 'y_10m', 'x_10m')", "the xarray recipe's dims")
    rows, epsg, train = open(os.path.join(work, "table-ok.txt")).read().split()
    served = get_json(f"{base}/collections/bigearthnet-demo/items?limit=100")["features"]
    check(int(rows) == len(served) and epsg == "OGC:CRS84" and int(train) == sum(f["properties"]["split"] == "train" for f in served),
          f"the table recipe read {rows} rows, EPSG {epsg}, {train} train rows")
    print(f"readme recipes: ok, {len(found)} recipes")


def check_gdal_pushes_the_filter_down(base, work):
    """GDAL's count of train features is the service's, and GDAL asked the service with a filter."""
    train = get_json(f"{base}/collections/bigearthnet-demo/items?limit=1&filter=" + urllib.request.quote("split = 'train'"))
    count = int(open(os.path.join(work, "train-count.txt")).read().strip())
    check(count == train["numberMatched"], f"ogrinfo -where found {count} train features, the service {train['numberMatched']}")
    debug = subprocess.run(["ogrinfo", "--debug", "on", "-ro", "-al", "-q", f"OAPIF:{base}", "bigearthnet-demo", "-where",
                            "split = 'train'"], capture_output=True, text=True, timeout=120)
    requested = [line for line in debug.stderr.splitlines() if "filter=" in line]
    check(requested, "GDAL filtered on its side: no request carried filter=\n" + debug.stderr[-3000:])
    # -spat: GDAL sends the rectangle as bbox, and counts what the service counts for it
    extent = get_json(f"{base}/collections/bigearthnet-demo")["extent"]["spatial"]["bbox"][0]
    west, south = extent[0], extent[1]
    east, north = (extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2
    inside = get_json(f"{base}/collections/bigearthnet-demo/items?limit=1&bbox={west},{south},{east},{north}")["numberMatched"]
    spat = subprocess.run(["ogrinfo", "--debug", "on", "-ro", "-al", "-q", f"OAPIF:{base}", "bigearthnet-demo", "-spat",
                           str(west), str(south), str(east), str(north)], capture_output=True, text=True, timeout=120)
    features = spat.stdout.count("OGRFeature(")
    check(0 < inside and features == inside, f"ogrinfo -spat found {features} features, the service {inside}")
    check(any("bbox=" in line for line in spat.stderr.splitlines()), "GDAL did not send the rectangle as bbox")


if __name__ == "__main__":
    main()
