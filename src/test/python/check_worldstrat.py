"""Checks a WorldStrat release served by Patchserve against its source files, read with tifffile (not Patchserve).

usage: check_worldstrat.py BASE_URL COLLECTION RELEASE_DIR

For each good area (RELEASE_DIR/expected.json): the item's interval and per-step dates and revisit numbers (in
natural order), its split and classes; its data asset read with h5py — each SPOT image (C, H, W) and each revisit
stack (T, C, H, W) equal to the source TIFFs — and with xarray, whose decoded time axis is the revisits' dates.
Search by datetime finds items whose interval overlaps; the area with spaces in its name works in URLs and bundles;
crops of bands over time and stacks of them are refused with the reason.
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

# crops of the SPOT bands work; of bands over time they are refused with the reason, as are stacks of them
area = urllib.parse.quote("Amnesty POI-20-2-2")
png = requests.get(f"{api}/items/{area}/crop.png")
assert png.status_code == 200 and png.headers["Content-Type"] == "image/png", png.status_code
refused = requests.get(f"{api}/items/{area}/crop.h5", params={"bands": "B04"})
assert refused.status_code == 400 and "time axis" in refused.json()["description"], refused.text
refused = requests.get(f"{api}/bundle.h5")
assert refused.status_code == 400 and "time axis" in refused.json()["description"], refused.text
stacked = requests.get(f"{api}/bundle.h5", params={"bands": "ps_red,ps_green,ps_blue"})
assert stacked.status_code == 200, stacked.text
with h5py.File(io.BytesIO(stacked.content), "r") as h5:
    assert h5["ps"].shape[0] == len(expected), h5["ps"].shape
print(f"worldstrat: ok, {len(expected)} areas checked")
