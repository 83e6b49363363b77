"""Reads Patchserve's MMEarth-layout export the way MMEarth-train's loader (MMEarthDataset) reads a release, and
compares every sample with what the same reader gives for the same tile from the original release.

usage: check_mmearth_export.py BASE_URL COLLECTION RELEASE_DIR [QUERY]

The reader below follows the published loader's behaviour (vishalned/MMEarth-train, mmearth_dataset.py and
MODALITIES.py), written here independently: it finds exactly one data_*.h5 and one each of data_*_splits.json,
data_*_tile_info.json and data_*_band_stats.json in the folder; takes a split's row indexes from the splits
file; reads metadata[row][0] as the tile id and looks up its S2_type in tile_info; indexes
data[modality][row, bands, ...]; remaps Dynamic World and ESA WorldCover classes; turns no-data into NaN;
normalises with band_stats (Sentinel-2 under sentinel2_l1c or sentinel2_l2a by the row's S2_type); and casts
classification and segmentation targets to int64 (NaN -> -1), the rest to float32.
"""
import io
import json
import os
import sys
import tarfile
import tempfile
from pathlib import Path

import h5py
import numpy as np

from patchserve_client import check, get

BANDS = {
    "sentinel2": ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8A", "B8", "B9", "B10", "B11", "B12"],
    "sentinel1": ["asc_VV", "asc_VH", "asc_HH", "asc_HV", "desc_VV", "desc_VH", "desc_HH", "desc_HV"],
    "aster": ["elevation", "slope"], "era5": [f"era5_{i}" for i in range(12)], "dynamic_world": ["landcover"],
    "canopy_height_eth": ["height", "std"], "lat": ["sin", "cos"], "lon": ["sin", "cos"], "biome": ["biome"],
    "eco_region": ["eco_region"], "month": ["sin_month", "cos_month"], "esa_worldcover": ["map"]}
NO_DATA = {"sentinel2": 0, "sentinel1": -np.inf, "aster": -np.inf, "canopy_height_eth": 255, "dynamic_world": 0,
           "esa_worldcover": 0, "lat": -np.inf, "lon": -np.inf, "month": -np.inf, "era5": np.nan, "biome": 255,
           "eco_region": 65535}
TASK = {"sentinel2": "regression_map", "sentinel1": "regression_map", "aster": "regression_map",
        "canopy_height_eth": "regression_map", "lat": "regression", "lon": "regression", "month": "regression",
        "era5": "regression", "esa_worldcover": "segmentation", "dynamic_world": "segmentation",
        "biome": "classification", "eco_region": "classification"}
# what a training run asks for: every band of every modality the loader can normalise
WANTED = {m: "all" for m in TASK}
RAW_ONLY = ["sentinel2_cloudmask", "sentinel2_cloudprod", "sentinel2_scl"]


def only(root, pattern):
    found = list(Path(root).glob(pattern))
    check(len(found) == 1, f"{root}: {len(found)} files match {pattern}, the loader needs exactly one")
    return found[0]


class ReleaseReader:
    """A release folder read as MMEarthDataset reads it (see the module docstring)."""

    def __init__(self, root, split):
        self.file = h5py.File(only(root, "data_*.h5"), "r")
        self.indices = json.load(open(only(root, "data_*_splits.json")))[split]
        self.tile_info = json.load(open(only(root, "data_*_tile_info.json")))
        self.stats = json.load(open(only(root, "data_*_band_stats.json")))

    def __len__(self):
        return len(self.indices)

    def sample(self, idx):
        row = self.indices[idx]
        name = self.file["metadata"][row][0].decode("utf-8")
        l2a = self.tile_info[name]["S2_type"] == "l2a"
        out = {"id": name}
        for modality, wanted in WANTED.items():
            bands = list(range(len(BANDS[modality]))) if wanted == "all" else [BANDS[modality].index(b) for b in wanted]
            if modality in ("biome", "eco_region"):
                data = np.array(self.file[modality][row, ...])
            else:
                data = np.array(self.file[modality][row, bands, ...])
            if modality == "dynamic_world":
                data = np.where(data == NO_DATA[modality], np.nan, data)
                for old in range(1, 10):
                    data = np.where(data == old, old - 1, data)
                data = np.where(data > 8, np.nan, data)
            if modality == "esa_worldcover":
                data = np.where(data == NO_DATA[modality], np.nan, data)
                for new, old in enumerate([10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]):
                    data = np.where(data == old, new, data)
                data = np.where(data > 10, np.nan, data)
            if modality != "dynamic_world":
                data = np.where(data == NO_DATA[modality], np.nan, data)
            key = ("sentinel2_l2a" if l2a else "sentinel2_l1c") if modality == "sentinel2" else modality
            if modality not in ("biome", "eco_region", "dynamic_world", "esa_worldcover"):
                mean = np.array(self.stats[key]["mean"])[bands]
                std = np.array(self.stats[key]["std"])[bands]
                data = (data - mean) / std if modality in ("era5", "lat", "lon", "month") \
                    else (data - mean[:, None, None]) / std[:, None, None]
            if TASK[modality] in ("classification", "segmentation"):
                data = np.where(np.isnan(data), -1, data).astype(np.int64)
            else:
                data = data.astype(np.float32)
            out[modality] = data
        return out


def main():
    base, collection, release = sys.argv[1], sys.argv[2], sys.argv[3]
    query = sys.argv[4] if len(sys.argv) > 4 else ""
    status, headers, body = get(f"{base}/collections/{collection}/bundle.mmearth.tar?{query}")
    check(status == 200 and headers.get("Content-Type", "").startswith("application/x-tar"), f"export: {status} {headers}")
    again = get(f"{base}/collections/{collection}/bundle.mmearth.tar?{query}")[2]
    check(again == body, "the same selection exports the same bytes")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(body)) as tar:
            names = sorted(tar.getnames())
            tar.extractall(tmp, filter="data")
        folder = os.path.join(tmp, f"data_{collection}")
        check(sorted(os.listdir(folder)) == sorted(f"data_{collection}{s}" for s in
                                                   (".h5", "_splits.json", "_tile_info.json", "_band_stats.json")),
              f"export holds {names}")
        check(open(only(folder, "data_*_band_stats.json")).read() and
              json.load(open(only(folder, "data_*_band_stats.json"))) == json.load(open(only(release, "data_*_band_stats.json"))),
              "band_stats as published")
        original_rows = {}
        for split in ("train", "val", "test"):
            source = ReleaseReader(release, split)
            for idx in range(len(source)):
                original_rows[source.file["metadata"][source.indices[idx]][0].decode()] = (split, idx)
        samples = 0
        exported = h5py.File(only(folder, "data_*.h5"), "r")
        source_file = h5py.File(only(release, "data_*.h5"), "r")
        source_row = {m[0].decode(): i for i, m in enumerate(source_file["metadata"][:])}
        for split in ("train", "val", "test"):
            export = ReleaseReader(folder, split)
            for idx in range(len(export)):
                got = export.sample(idx)
                tile = got["id"]
                check(original_rows[tile][0] == split, f"{tile}: split {split}, the release says {original_rows[tile][0]}")
                want = ReleaseReader(release, split).sample(original_rows[tile][1])
                for modality in WANTED:
                    check(got[modality].dtype == want[modality].dtype and got[modality].shape == want[modality].shape,
                          f"{tile}/{modality}: {got[modality].dtype}{got[modality].shape} vs {want[modality].dtype}{want[modality].shape}")
                    check(np.array_equal(got[modality], want[modality], equal_nan=True), f"{tile}/{modality}: values differ")
                row = export.indices[idx]
                for modality in RAW_ONLY:
                    check(np.array_equal(exported[modality][row], source_file[modality][source_row[tile]]),
                          f"{tile}/{modality}: raw values differ")
                samples += 1
        check(samples == exported["metadata"].shape[0], f"{samples} samples over the splits, {exported['metadata'].shape[0]} rows")
    print(f"mmearth export: ok, {samples} samples read as MMEarth-train reads them")


if __name__ == "__main__":
    main()
