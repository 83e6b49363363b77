"""Changes a BigEarthNet-S2 v1 release as a publisher's correction would, with GDAL (not Patchserve).

usage: edit_bigearthnet.py RELEASE_DIR relabel PATCH LABEL...   new labels in the patch's labels_metadata.json
       edit_bigearthnet.py RELEASE_DIR move PATCH SPLIT         the patch's line moves to SPLIT.csv
       edit_bigearthnet.py RELEASE_DIR repaint PATCH SEED       every band GeoTIFF rewritten with new pixels
"""
import json
import os
import subprocess
import sys

import numpy as np

from make_bigearthnet import BANDS, LAYOUTS, write_tif


def relabel(root, patch, labels):
    path = os.path.join(root, patch, f"{patch}_labels_metadata.json")
    with open(path) as f:
        meta = json.load(f)
    meta["labels"] = labels
    with open(path, "w") as f:
        json.dump(meta, f)


def move(root, patch, target):
    for split in ("train", "val", "test"):
        path = os.path.join(root, f"{split}.csv")
        with open(path) as f:
            names = [line.strip() for line in f if line.strip() and line.strip() != patch]
        if split == target:
            names.append(patch)
        with open(path, "w") as f:
            f.write("".join(n + "\n" for n in names))


def repaint(root, patch, seed):
    rng = np.random.default_rng(seed)
    for i, (band, size) in enumerate(BANDS.items()):
        tif = os.path.join(root, patch, f"{patch}_{band}.tif")
        info = json.loads(subprocess.run(["gdalinfo", "-json", tif], check=True, capture_output=True, text=True).stdout)
        ulx, uly = info["geoTransform"][0], info["geoTransform"][3]
        epsg = info["stac"]["proj:epsg"]
        array = rng.integers(3000, 25000, (size, size)).astype(np.uint16)  # above every other patch's maximum
        os.remove(tif)
        write_tif(tif, array, epsg, ulx, uly, LAYOUTS[i % len(LAYOUTS)])


def main():
    root, action, patch = sys.argv[1], sys.argv[2], sys.argv[3]
    if action == "relabel":
        relabel(root, patch, sys.argv[4:])
    elif action == "move":
        move(root, patch, sys.argv[4])
    elif action == "repaint":
        repaint(root, patch, int(sys.argv[4]))
    else:
        raise SystemExit(f"unknown action {action}")
    print(f"edited: {action} {patch}")


if __name__ == "__main__":
    main()
