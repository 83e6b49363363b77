"""Checks EarthNet cubes served by Patchserve against their sources, read with xarray and numpy (not Patchserve).

usage: check_earthnet.py BASE_URL COLLECTION_21X COLLECTION_21 RELEASE_DIR

EarthNet2021x: each cube's item is dated over its time axis and placed by its lat/lon; its data asset, read with
h5py, holds every variable exactly as xarray decodes the source NetCDF (packing, fill values; float32 or float64 as
xarray gives), gridded series (T, C, H, W), series on a one-pixel grid, static layers (C, H, W), ndviclim one band
per month; xarray decodes its time axis to the source's; the context/target selections are the en21x loader's
time[4::5] frames, and crop.h5?step=context returns them with their masks. EarthNet2021: the context and target halves of a test cube are one item of 30 frames equal to
numpy's arrays, weather daily, no geometry; search by datetime finds cubes whose interval overlaps.
"""
import io
import json
import os
import sys

import h5py
import numpy as np
import requests
import tifffile
import xarray as xr

base, c21x, c21, release = sys.argv[1:5]
expected = json.load(open(os.path.join(release, "expected.json")))


def get_item(collection, item_id):
    r = requests.get(f"{base}/collections/{collection}/items/{item_id}")
    assert r.status_code == 200, (item_id, r.status_code, r.text)
    return r.json()


def h5_of(item):
    r = requests.get(item["assets"]["data"]["href"])
    assert r.status_code == 200, r.status_code
    return r.content


def names(ds):
    return [b.decode() if isinstance(b, bytes) else b for b in ds.attrs["band_names"]]


def same(a, b, what):
    assert a.shape == b.shape, (what, a.shape, b.shape)
    assert np.array_equal(a, b, equal_nan=True), (what, np.nanmax(np.abs(a - b)))


# --- EarthNet2021x
items = requests.get(f"{base}/collections/{c21x}/items", params={"limit": 100}).json()["features"]
assert sorted(i["id"] for i in items) == sorted(expected["en21x"]), [i["id"] for i in items]
for cube, want in expected["en21x"].items():
    item = get_item(c21x, cube)
    p = item["properties"]
    src = xr.open_dataset(os.path.join(release, "en21x", want["file"]))
    times = [str(np.datetime_as_string(t, unit="s")) + "Z" for t in src.time.values]
    assert p["start_datetime"] == times[0] and p["end_datetime"] == times[-1], p
    assert p["split"] == "train" and p["earthnet:tile"] == cube[:5], p
    lon0, lat0 = float(src.lon.min()), float(src.lat.min())
    bbox = item["bbox"]
    assert bbox[0] < lon0 < bbox[2] and bbox[1] < lat0 < bbox[3], (bbox, lon0, lat0)
    frames = list(range(4, 150, 5))
    assert p["patchserve:selections"]["context"]["s2"] == frames[:10], p["patchserve:selections"]
    assert p["patchserve:selections"]["target"]["s2"] == frames[10:30]
    assert p["patchserve:selections"]["context"]["eobs"] == list(range(0, 50))
    content = h5_of(item)
    with h5py.File(io.BytesIO(content), "r") as h5:
        s2 = h5["s2"]
        assert names(s2) == ["s2_B02", "s2_B03", "s2_B04", "s2_B8A"], names(s2)
        want_s2 = np.stack([src[v].values for v in names(s2)], axis=1)  # (T, C, H, W)
        assert str(want_s2.dtype) == want["decoded"], (want_s2.dtype, want["decoded"])
        same(s2[()], want_s2.astype(s2.dtype), f"{cube} s2")
        if want_s2.dtype == np.float64:
            assert s2.dtype == np.float64
        quality = h5["s2_quality"]
        same(quality[()], np.stack([src[v].values for v in names(quality)], axis=1).astype(quality.dtype), f"{cube} masks")
        eobs = h5["eobs"]
        assert eobs.shape == (150, 2, 1, 1), eobs.shape
        same(eobs[()][:, :, 0, 0], np.stack([src[v].values for v in names(eobs)], axis=1).astype(eobs.dtype), "eobs")
        static = h5["static"]
        assert names(static) == ["cop_dem", "esawc_lc"]
        same(static[()], np.stack([src.cop_dem.values, src.esawc_lc.values]).astype(static.dtype), "static")
        clim = h5["ndviclim"]
        assert names(clim) == [f"ndviclim_mean_{m}" for m in range(1, 13)], names(clim)
        same(clim[()], src.ndviclim_mean.values.astype(clim.dtype), "ndviclim")
    with xr.open_dataset(io.BytesIO(content), engine="h5netcdf") as ds:
        assert list(ds["s2"].dims)[0] == "time_s2", ds["s2"].dims
        assert np.array_equal(ds["time_s2"].values, src.time.values), ds["time_s2"].values[:3]
    # crops over time: the loader's context frames with their mask; the target's weather days; one frame as PNG
    crop = requests.get(f"{base}/collections/{c21x}/items/{cube}/crop.h5", params={"bands": "s2_B04,s2_B03,s2_B02", "step": "context"})
    assert crop.status_code == 200, crop.text
    with h5py.File(io.BytesIO(crop.content), "r") as h5:
        frames10 = src.isel(time=slice(4, None, 5)).isel(time=slice(0, 10))
        want_rgb = np.stack([frames10[v].values for v in ("s2_B04", "s2_B03", "s2_B02")], axis=1)
        same(h5["s2"][()], want_rgb.astype(h5["s2"].dtype), "context frames")
        assert names(h5["s2_quality"]) == ["s2_mask"], names(h5["s2_quality"])
        same(h5["s2_quality"][()][:, 0], frames10.s2_mask.values.astype(h5["s2_quality"].dtype), "context masks")
    with xr.open_dataset(io.BytesIO(crop.content), engine="h5netcdf") as ds:
        assert np.array_equal(ds["time_s2"].values, frames10.time.values), ds["time_s2"].values
    crop = requests.get(f"{base}/collections/{c21x}/items/{cube}/crop.h5", params={"bands": "eobs_tg", "step": "target"})
    with h5py.File(io.BytesIO(crop.content), "r") as h5:
        same(h5["eobs"][()][:, 0, 0, 0], src.eobs_tg.values[50:].astype(h5["eobs"].dtype), "target weather")
    png = requests.get(f"{base}/collections/{c21x}/items/{cube}/crop.png", params={"step": "9", "rescale": "0,0.6"})
    assert png.status_code == 200 and png.headers["Content-Type"] == "image/png", png.text
    tif = requests.get(f"{base}/collections/{c21x}/items/{cube}/crop.tif", params={"bands": "s2_B04,s2_B8A", "step": "9"})
    assert tif.status_code == 200, tif.text
    with tifffile.TiffFile(io.BytesIO(tif.content)) as t:
        got = t.asarray()
        got = got if got.shape[0] == 2 else np.moveaxis(got, -1, 0)
    same(got, np.stack([src.s2_B04.values[9], src.s2_B8A.values[9]]).astype(got.dtype), "crop.tif of step 9")
    npy = requests.get(f"{base}/collections/{c21x}/items/{cube}/crop.npy",
                       params={"bands": "s2_B02", "datetime": str(src.time.values[14])[:19] + "Z"})
    assert npy.status_code == 200, npy.text
    same(np.load(io.BytesIO(npy.content)), src.s2_B02.values[14][None].astype(np.float64), "crop.npy at an instant")
    src.close()
print("earthnet2021x: ok,", len(expected["en21x"]), "cubes checked")

# --- EarthNet2021
items = requests.get(f"{base}/collections/{c21}/items", params={"limit": 100}).json()["features"]
assert sorted(i["id"] for i in items) == sorted(expected["en21"]), [i["id"] for i in items]
for cube, want in expected["en21"].items():
    item = get_item(c21, cube)
    p = item["properties"]
    assert item["geometry"] is None and p["split"] == want["split"], (item["geometry"], p)
    parts = [np.load(os.path.join(release, "en21", f)) for f in want["files"]]
    hrd = np.concatenate([z["highresdynamic"] for z in parts], axis=3)  # (H, W, 5, T)
    T = hrd.shape[3]
    assert T == 30
    start = np.datetime64(cube.split("_")[1])
    assert p["start_datetime"] == str(start) + "T00:00:00Z", p["start_datetime"]
    assert [s["datetime"] for s in p["patchserve:steps"]["highres"]] == \
        [str(start + np.timedelta64(5 * t, "D")) + "T00:00:00Z" for t in range(T)]
    assert p["patchserve:selections"]["context"]["highres"] == list(range(10))
    assert p["patchserve:selections"]["target"]["highres"] == list(range(10, 30))
    with h5py.File(io.BytesIO(h5_of(item)), "r") as h5:
        assert names(h5["highres"]) == ["blue", "green", "red", "nir"]
        same(h5["highres"][()], np.transpose(hrd[:, :, :4, :], (3, 2, 0, 1)).astype(np.float32), "highres")
        same(h5["highres_mask"][()], np.transpose(hrd[:, :, 4:, :], (3, 2, 0, 1)).astype(np.float32), "mask")
        same(h5["highres_static"][()], np.transpose(parts[0]["highresstatic"], (2, 0, 1)).astype(np.float32), "dem")
        meso = parts[0]["mesodynamic"]
        same(h5["meso"][()], np.transpose(meso, (3, 2, 0, 1)).astype(np.float32), "meso")
        assert names(h5["meso"]) == ["eobs_rr", "eobs_pp", "eobs_tg", "eobs_tn", "eobs_tx"]
        same(h5["meso_static"][()], np.transpose(parts[0]["mesostatic"], (2, 0, 1)).astype(np.float32), "mesostatic")
    # a window of the target frames (no georeference: window in pixels), the mask along; bbox has nothing to place
    crop = requests.get(f"{base}/collections/{c21}/items/{cube}/crop.h5", params={"bands": "red,nir", "step": "target", "window": "2,3,8,8"})
    assert crop.status_code == 200, crop.text
    with h5py.File(io.BytesIO(crop.content), "r") as h5:
        same(h5["highres"][()], np.transpose(hrd[3:11, 2:10, [2, 3], 10:30], (3, 2, 0, 1)).astype(np.float32), "target window")
        same(h5["highres_mask"][()], np.transpose(hrd[3:11, 2:10, 4:, 10:30], (3, 2, 0, 1)).astype(np.float32), "target mask")
    refused = requests.get(f"{base}/collections/{c21}/items/{cube}/crop.h5", params={"bands": "red", "bbox": "1,1,2,2"})
    assert refused.status_code == 400 and "no georeference" in refused.json()["description"], refused.text
print("earthnet2021: ok,", len(expected["en21"]), "cubes checked")

# --- stacks over time: every cube's series (N, T, C, H, W) with its steps' datetimes, static layers (N, C, H, W)
stack = requests.get(f"{base}/collections/{c21x}/bundle.h5")
assert stack.status_code == 200, stack.text
with h5py.File(io.BytesIO(stack.content), "r") as h5:
    ids = [i.decode() if isinstance(i, bytes) else i for i in h5["ids"][()]]
    assert sorted(ids) == sorted(expected["en21x"]), ids
    assert h5["s2"].shape == (2, 150, 4, 16, 16) and h5["eobs"].shape == (2, 150, 2, 1, 1), (h5["s2"].shape, h5["eobs"].shape)
    assert h5["static"].shape == (2, 2, 16, 16) and h5["ndviclim"].shape == (2, 12, 16, 16)
    for i, cube in enumerate(ids):
        src = xr.open_dataset(os.path.join(release, "en21x", expected["en21x"][cube]["file"]))
        want_s2 = np.stack([src[v].values for v in ("s2_B02", "s2_B03", "s2_B04", "s2_B8A")], axis=1)
        same(h5["s2"][i], want_s2.astype(h5["s2"].dtype), f"stacked {cube}")
        assert (h5["valid_s2"][i] == 1).all()
        src.close()
with xr.open_dataset(io.BytesIO(stack.content), engine="h5netcdf") as ds:
    for i, cube in enumerate(ids):
        with xr.open_dataset(os.path.join(release, "en21x", expected["en21x"][cube]["file"])) as src:
            assert np.array_equal(ds["datetime_s2"].values[i], src.time.values), cube
stack = requests.get(f"{base}/collections/{c21}/bundle.h5")
assert stack.status_code == 200, stack.text
with h5py.File(io.BytesIO(stack.content), "r") as h5:
    assert h5["highres"].shape == (2, 30, 4, 16, 16) and h5["meso"].shape == (2, 150, 5, 8, 8), h5["meso"].shape
    ids = [i.decode() if isinstance(i, bytes) else i for i in h5["ids"][()]]
    for i, cube in enumerate(ids):
        parts = [np.load(os.path.join(release, "en21", f)) for f in expected["en21"][cube]["files"]]
        hrd = np.concatenate([z["highresdynamic"] for z in parts], axis=3)
        same(h5["highres"][i], np.transpose(hrd[:, :, :4, :], (3, 2, 0, 1)).astype(np.float32), f"stacked {cube}")
print("earthnet stacks: ok")

# --- search by datetime: an instant inside one cube's interval finds that cube only; an interval overlapping two finds both
for collection, cube, inside in ((c21x, "29SND_2017-06-20_2017-11-16_1209_1337_5049_5177_18_98_78_158", "2017-08-01T12:00:00Z"),
                                 (c21, "32UNC_2018-05-05_2018-10-01_4281_4409_1513_1641_66_146_23_103", "2018-09-01T00:00:00Z")):
    found = requests.post(f"{base}/search", json={"collections": [collection], "datetime": inside}).json()["features"]
    assert [f["id"] for f in found] == [cube], [f["id"] for f in found]
both = requests.post(f"{base}/search", json={"collections": [c21], "datetime": "2018-06-01T00:00:00Z/2018-06-02T00:00:00Z"}).json()
assert len(both["features"]) == 2, [f["id"] for f in both["features"]]
print("earthnet search: ok")
