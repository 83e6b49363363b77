"""Checks a WorldStrat release served by Patchserve against its source files, read with tifffile (not Patchserve).

usage: check_worldstrat.py BASE_URL COLLECTION RELEASE_DIR

For each good area (RELEASE_DIR/expected.json): the item's interval and per-step dates and revisit numbers (in
natural order), its split and classes; its data asset read with h5py — each SPOT image (C, H, W) and each revisit
stack (T, C, H, W) equal to the source TIFFs — and with xarray, whose decoded time axis is the revisits' dates.
Search by datetime finds items whose interval overlaps; the area with spaces in its name works in URLs and bundles;
crops over time (a step, a range, an interval, the nearest to an instant, each with its cloud mask) equal the source
revisits; an SR pair (SPOT and Sentinel-2 bands of one bbox) comes in one crop.h5, each group on its own grid;
bad time selections are 400s with the reason; bundle.h5 stacks revisits (N, T, C, H, W), padded to the longest series
with NaN and a validity mask, each step's datetime beside (NaT in padding, as xarray decodes it).
"""
import io
import json
import os
import sys
import tarfile
import urllib.parse

import h5py
import numpy as np
import requests
import tifffile
import xarray as xr

base, collection, release = sys.argv[1], sys.argv[2], sys.argv[3]
expected = json.load(open(os.path.join(release, "expected.json")))
api = f"{base}/collections/{collection}"


def chw(path):
    """A TIFF as (C, H, W), whichever way it is interleaved."""
    with tifffile.TiffFile(path) as t:
        page = t.pages[0]
        a = page.asarray()
        if a.ndim == 2:
            return a[None]
        return a if page.planarconfig == tifffile.PLANARCONFIG.SEPARATE else np.moveaxis(a, -1, 0)


items = requests.get(f"{api}/items", params={"limit": 100}).json()["features"]
assert sorted(i["id"] for i in items) == sorted(expected), [i["id"] for i in items]
for area, want in expected.items():
    url = f"{api}/items/{urllib.parse.quote(area)}"
    item = requests.get(url).json()
    p = item["properties"]
    assert p["datetime"] is None and p["start_datetime"] == min(want["dates"]).replace("+00:00", "Z"), p
    assert p["end_datetime"] == max(want["dates"]).replace("+00:00", "Z"), p
    steps = p["patchserve:steps"]["l2a"]
    assert [s["worldstrat:revisit"] for s in steps] == want["revisits"], steps
    assert [s["datetime"] for s in steps] == [d.replace("+00:00", "Z") for d in want["dates"]], steps
    assert p["split"] == want["split"] and p["worldstrat:ipcc_class"] == want["ipcc"], p
    assert p["worldstrat:revisits"] == len(want["revisits"])
    assert ("l1c" in p["patchserve:steps"]) == want["l1c"]

    data = requests.get(item["assets"]["data"]["href"])
    assert data.status_code == 200, data.status_code
    lr = os.path.join(release, "lr_dataset", area)
    hr = os.path.join(release, "hr_dataset", area)
    with h5py.File(io.BytesIO(data.content), "r") as h5:
        for group, path in (("ps", f"{hr}/{area}_ps.tiff"), ("pan", f"{hr}/{area}_pan.tiff"),
                            ("rgbn", f"{hr}/{area}_rgbn.tiff")):
            assert np.array_equal(h5[group][()], chw(path)), f"{area} {group} differs"
        if want["eight_bit"]:
            hr8 = os.path.join(release, "hr_dataset", "8bit", area)
            assert np.array_equal(h5["ps_8bit"][()], chw(f"{hr8}/{area}_ps_8bit.tiff"))
        else:
            assert "ps_8bit" not in h5
        l2a = np.stack([chw(f"{lr}/L2A/{area}-{n}-L2A_data.tiff") for n in want["revisits"]])
        assert h5["l2a"].shape == l2a.shape and h5["l2a"].dtype == np.float32, h5["l2a"].shape
        assert np.array_equal(h5["l2a"][()], l2a), f"{area} l2a differs"
        clm = np.stack([chw(f"{lr}/L2A/{area}-{n}-CLM.tiff") for n in want["revisits"]])
        assert np.array_equal(h5["l2a_clm"][()], clm), f"{area} masks differ"
        for t, s in enumerate(steps):  # cloud cover of each step from its mask: 1 cloud, 255 no data
            seen = clm[t] != 255
            assert abs(s["eo:cloud_cover"] - 100 * (clm[t][seen] == 1).sum() / seen.sum()) < 0.01, s
        if want["l1c"]:
            l1c = np.stack([chw(f"{lr}/L1C/{area}-{n}-L1C_data.tiff") for n in want["revisits"]])
            assert np.array_equal(h5["l1c"][()], l1c) and l1c.shape[1] == 13
        assert [b.decode() if isinstance(b, bytes) else b for b in h5["l2a"].attrs["band_names"]] == ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08",
                                                       "B8A", "B09", "B11", "B12"]
    with xr.open_dataset(io.BytesIO(data.content), engine="h5netcdf") as ds:
        assert ds["l2a"].dims == ("time_l2a", "band_l2a", "y_l2a", "x_l2a"), ds["l2a"].dims
        times = ds["time_l2a"].values
        assert np.issubdtype(times.dtype, np.datetime64), times.dtype
        want_times = np.array([np.datetime64(d.replace("+00:00", "")) for d in want["dates"]]).astype(times.dtype)
        assert np.array_equal(times, want_times), (times, want_times)

    # the footprint lies around the area's lon/lat
    lons = [c[0] for c in item["geometry"]["coordinates"][0]]
    lats = [c[1] for c in item["geometry"]["coordinates"][0]]
    assert min(lons) < want["lon"] < max(lons) and min(lats) < want["lat"] < max(lats), item["geometry"]

# search by datetime matches the items whose interval overlaps
amnesty = expected["Amnesty POI-20-2-2"]
inside = amnesty["dates"][2].replace("+00:00", "Z").replace(":00Z", ":30Z")  # between two revisits
hits = requests.post(f"{base}/search", json={"collections": [collection], "datetime": inside}).json()["features"]
assert [h["id"] for h in hits] == ["Amnesty POI-20-2-2"], [h["id"] for h in hits]
hits = requests.post(f"{base}/search", json={"collections": [collection],
                                               "datetime": "2018-01-01T00:00:00Z/2019-03-01T00:00:00Z"}).json()
assert hits["features"] == [], hits

# the area whose name has spaces: in a bundle's file names
tar = requests.get(f"{api}/bundle.tar", params={"ids": "Amnesty POI-20-2-2"})
assert tar.status_code == 200, tar.text
names = tarfile.open(fileobj=io.BytesIO(tar.content)).getnames()
assert any("Amnesty POI-20-2-2" in n and n.endswith(".h5") for n in names), names

# crops over time: a step, an interval, the nearest to an instant; the mask comes along; an SR pair in one request
area = urllib.parse.quote("Amnesty POI-20-2-2")
lr = os.path.join(release, "lr_dataset", "Amnesty POI-20-2-2")
hr = os.path.join(release, "hr_dataset", "Amnesty POI-20-2-2")
revisits, dates = amnesty["revisits"], [d.replace("+00:00", "Z") for d in amnesty["dates"]]
png = requests.get(f"{api}/items/{area}/crop.png")
assert png.status_code == 200 and png.headers["Content-Type"] == "image/png", png.status_code


def crop_h5(**params):
    r = requests.get(f"{api}/items/{area}/crop.h5", params=params)
    assert r.status_code == 200, (params, r.status_code, r.text)
    return h5py.File(io.BytesIO(r.content), "r")


def l2a(n):
    return chw(f"{lr}/L2A/Amnesty POI-20-2-2-{n}-L2A_data.tiff")


def clm(n):
    return chw(f"{lr}/L2A/Amnesty POI-20-2-2-{n}-CLM.tiff")


def h5_times(h5, group):
    return [np.datetime_as_string(np.datetime64(int(t), "s"), unit="s") + "Z" for t in h5["time_" + group][()]]


with crop_h5(bands="B04,B03,B02", step="2") as h5:
    assert h5["l2a"].shape[:2] == (1, 3), h5["l2a"].shape
    assert np.array_equal(h5["l2a"][0], l2a(revisits[2])[[3, 2, 1]]), "step 2 differs from the third revisit"
    assert np.array_equal(h5["l2a_clm"][0], clm(revisits[2])), "the mask did not come along"
    assert h5_times(h5, "l2a") == [dates[2]], h5_times(h5, "l2a")
with crop_h5(bands="B08", datetime=f"{dates[1]}/{dates[3]}") as h5:
    assert np.array_equal(h5["l2a"][()], np.stack([l2a(n)[[7]] for n in revisits[1:4]])), "interval steps differ"
    assert h5_times(h5, "l2a") == dates[1:4]
nearly = (np.datetime64(dates[4].rstrip("Z")) - np.timedelta64(3600, "s")).astype(str) + "Z"
with crop_h5(bands="B02", datetime=nearly) as h5:
    assert h5_times(h5, "l2a") == [dates[4]], (nearly, h5_times(h5, "l2a"))
with crop_h5(bands="B02", step="0..2") as h5:
    assert h5["l2a"].shape[0] == 3

# the SR pair: SPOT RGB and the Sentinel-2 stack of one bbox, each group on its own grid
item = requests.get(f"{api}/items/{area}").json()
bb = item["bbox"]
sub = [bb[0] + (bb[2] - bb[0]) * 0.25, bb[1] + (bb[3] - bb[1]) * 0.25, bb[0] + (bb[2] - bb[0]) * 0.7, bb[1] + (bb[3] - bb[1]) * 0.6]
with crop_h5(bands="ps_red,ps_green,ps_blue,B04,B03,B02", bbox=",".join(map(str, sub))) as h5:
    full = {"ps": chw(f"{hr}/Amnesty POI-20-2-2_ps.tiff")[:3], "l2a": np.stack([l2a(n)[[3, 2, 1]] for n in revisits])}
    with h5py.File(io.BytesIO(requests.get(item["assets"]["data"]["href"]).content), "r") as whole:
        for group in ("ps", "l2a"):
            gt, own = h5[group].attrs["geotransform"], whole[group].attrs["geotransform"]
            c0, r0 = round((gt[0] - own[0]) / own[1]), round((gt[3] - own[3]) / own[5])
            h, w = h5[group].shape[-2:]
            want = full[group][..., r0:r0 + h, c0:c0 + w]
            assert np.array_equal(h5[group][()], want), f"SR pair: {group} differs from its source window"
            # the cut covers the bbox, on the group's own resolution
            assert gt[0] <= sub[0] + 1e-9 and gt[0] + w * gt[1] >= sub[2] - 1e-9, (group, gt, w, sub)
            assert gt[3] >= sub[3] - 1e-9 and gt[3] + h * gt[5] <= sub[1] + 1e-9, (group, gt, h, sub)
            assert abs(gt[1] - own[1]) < 1e-12, "a group's own grid keeps its resolution"
    assert h5["ps"].ndim == 3 and h5["l2a"].ndim == 4 and h5["l2a"].shape[0] == len(revisits)
    assert h5["ps"].shape[-1] > 2 * h5["l2a"].shape[-1], (h5["ps"].shape, h5["l2a"].shape)
with crop_h5(bands="ps_red,B04", bbox=",".join(map(str, sub)), grid="finest") as h5:
    assert h5["ps"].shape[-2:] == h5["l2a"].shape[-2:], "grid=finest puts every group on one grid"
png = requests.get(f"{api}/items/{area}/crop.png", params={"bands": "B04,B03,B02", "step": "1"})
assert png.status_code == 200 and png.headers["Content-Type"] == "image/png", png.text

# what cannot be answered: a 400 that says why
for params, reason in (({"bands": "B04,B03,B02"}, "holds one step"),
                       ({"bands": "B04", "step": "99"}, "past the last step"),
                       ({"bands": "B04", "datetime": "2010-01-01T00:00:00Z"}, "lies outside"),
                       ({"bands": "ps_red", "step": "1"}, "none of [ps_red] has one"),
                       ({"bands": "B04", "step": "context"}, "(it has none)"),
                       ({"bands": "B04", "step": "1", "datetime": dates[0]}, "either datetime or step")):
    refused = requests.get(f"{api}/items/{area}/crop.png", params=params)
    assert refused.status_code == 400 and reason in refused.json()["description"], (params, refused.text)
# a stack over time: (N, T, C, H, W) padded to the longest series, with each step's datetime and a validity mask
stacked = requests.get(f"{api}/bundle.h5", params={"bands": "B04,B03,B02,CLM,ps_red,ps_green,ps_blue"})
assert stacked.status_code == 200, stacked.text
longest = max(len(w["revisits"]) for w in expected.values())
with h5py.File(io.BytesIO(stacked.content), "r") as h5:
    ids = [i.decode() if isinstance(i, bytes) else i for i in h5["ids"][()]]
    assert sorted(ids) == sorted(expected), ids
    assert h5["l2a"].shape == (len(ids), longest, 3, 16, 16), h5["l2a"].shape
    assert h5["l2a_clm"].shape == (len(ids), longest, 1, 16, 16) and h5["ps"].shape[:2] == (len(ids), 3)
    for i, name in enumerate(ids):
        want = expected[name]
        t = len(want["revisits"])
        lr_dir = os.path.join(release, "lr_dataset", name)
        series = np.stack([chw(f"{lr_dir}/L2A/{name}-{n}-L2A_data.tiff")[[3, 2, 1]] for n in want["revisits"]])
        assert np.array_equal(h5["l2a"][i, :t], series), f"{name}: stacked revisits differ"
        assert np.isnan(h5["l2a"][i, t:]).all(), f"{name}: padding is not NaN"
        masks = np.stack([chw(f"{lr_dir}/L2A/{name}-{n}-CLM.tiff") for n in want["revisits"]])
        assert np.array_equal(h5["l2a_clm"][i, :t], masks) and (h5["l2a_clm"][i, t:] == 0).all(), name
        assert list(h5["valid_l2a"][i]) == [1] * t + [0] * (longest - t), list(h5["valid_l2a"][i])
        hr_dir = os.path.join(release, "hr_dataset", name)
        assert np.array_equal(h5["ps"][i], chw(f"{hr_dir}/{name}_ps.tiff")[:3]), f"{name}: stacked SPOT image differs"
with xr.open_dataset(io.BytesIO(stacked.content), engine="h5netcdf") as ds:
    assert ds["l2a"].dims == ("item", "step_l2a", "band_l2a", "y_l2a", "x_l2a"), ds["l2a"].dims
    for i, name in enumerate(ids):
        got = ds["datetime_l2a"].values[i]
        want_times = [np.datetime64(d.replace("+00:00", "")) for d in expected[name]["dates"]]
        assert np.array_equal(got[:len(want_times)], np.array(want_times).astype(got.dtype)), (name, got)
        assert np.isnat(got[len(want_times):]).all(), (name, got)
refused = requests.get(f"{api}/bundle.h5", params={"bands": "B04", "grid": "finest"})
assert refused.status_code == 400 and "own grids" in refused.json()["description"], refused.text
stacked = requests.get(f"{api}/bundle.h5", params={"bands": "ps_red,ps_green,ps_blue"})
assert stacked.status_code == 200, stacked.text
with h5py.File(io.BytesIO(stacked.content), "r") as h5:
    assert h5["ps"].shape[0] == len(expected), h5["ps"].shape
print(f"worldstrat: ok, {len(expected)} areas checked")
