"""Makes small EarthNet releases of both generations with xarray and numpy (not Patchserve).

usage: make_earthnet.py OUT_DIR

OUT_DIR/en21x/ (EarthNet2021x, as earthnet-minicuber's save_minicube_netcdf writes cubes): NetCDF-4 files from
xarray's to_netcdf with the minicuber's encoding: variables with interpolation_type="linear" packed as int16 with
scale_factor/add_offset from their range and _FillValue -32767, the rest zlib-compressed as they are. Dims time
(daily), lat (descending), lon, time_clim (12).
  train/29SND/<cube>.nc     netcdf4 engine, scale_factor float64 (xarray decodes float64)
  train/30TXK/<cube>.nc     h5netcdf engine, scale_factor float32 (xarray decodes float32), as the published cubes
  train/31TCJ/classic.nc    NetCDF-3 (skip)
  train/31TCJ/badtime.nc    time units xarray cannot decode (skip)
OUT_DIR/en21/ (EarthNet2021): numpy.savez_compressed cubes, float16, (H, W, C, T):
  train/32UMC/<cube>.npz                                    highresdynamic T=30, mesodynamic 5T daily, statics
  iid_test_split/context/32UNC/context_<cube>.npz           T=10 with meso and statics
  iid_test_split/target/32UNC/target_<cube>.npz             T=20, highresdynamic only
  train/32UMC/nohighres_<cube>.npz                          no highresdynamic (skip)
Writes OUT_DIR/expected.json: per item, the cube files it comes from.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import xarray as xr

out = sys.argv[1]
rng = np.random.default_rng(21)
H = W = 16
DAYS = 150


def pack(values, float_type):
    """The minicuber's compute_scale_and_offset (16 bits), with the attribute type the cube's writer used."""
    vmin, vmax = np.nanmin(values).item(), np.nanmax(values).item()
    scale = (vmax - vmin) / (2 ** 16 - 1)
    return float_type(scale), float_type(vmin + 2 ** 15 * scale)


def minicube(start, lon0, lat0, seed):
    r = np.random.default_rng(seed)
    time = pd.date_range(start, periods=DAYS, freq="D")
    lat = lat0 - (np.arange(H) + 0.5) * 0.00018
    lon = lon0 + (np.arange(W) + 0.5) * 0.00018
    ds = xr.Dataset(coords={"time": time, "lat": lat, "lon": lon, "time_clim": np.arange(1, 13)})
    avail = np.full(DAYS, np.nan, dtype=np.float32)
    avail[4::5] = 1.0
    for band in ["B02", "B03", "B04", "B8A"]:
        v = r.uniform(0.0, 0.6, (DAYS, H, W))
        v[np.isnan(avail)] = np.nan  # Sentinel-2 only on acquisition days
        v[9, 3:6, 3:6] = np.nan      # and a gap on one of them
        ds["s2_" + band] = (("time", "lat", "lon"), v, {"interpolation_type": "linear"})
    mask = r.integers(0, 5, (DAYS, H, W)).astype(np.float32)
    mask[np.isnan(avail)] = np.nan
    ds["s2_mask"] = (("time", "lat", "lon"), mask)
    ds["s2_SCL"] = (("time", "lat", "lon"), np.where(np.isnan(mask), np.nan, r.integers(1, 12, (DAYS, H, W))).astype(np.float32))
    ds["s2_avail"] = (("time",), avail)
    ds["eobs_tg"] = (("time",), r.normal(15, 6, DAYS), {"interpolation_type": "linear"})
    ds["eobs_rr"] = (("time",), np.abs(r.normal(0, 3, DAYS)), {"interpolation_type": "linear"})
    ds["cop_dem"] = (("lat", "lon"), r.uniform(100, 900, (H, W)), {"interpolation_type": "linear"})
    ds["esawc_lc"] = (("lat", "lon"), r.choice([10, 20, 30, 40, 50], (H, W)).astype(np.float32))
    ds["ndviclim_mean"] = (("time_clim", "lat", "lon"), r.uniform(0, 1, (12, H, W)).astype(np.float32))
    return ds


def save(ds, path, engine, float_type):
    """As save_minicube_netcdf: int16 packing for linear variables, zlib level 9 for all."""
    encoding = {}
    for v in ds.data_vars:
        if ds[v].attrs.get("interpolation_type") == "linear":
            scale, offset = pack(ds[v].values, float_type)
            encoding[v] = {"dtype": "int16", "scale_factor": scale, "add_offset": offset, "_FillValue": -32767,
                           "zlib": True, "complevel": 9}
        else:
            encoding[v] = {"zlib": True, "complevel": 9}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ds.to_netcdf(path, encoding=encoding, engine=engine)


expected = {"en21x": {}, "en21": {}}
x = os.path.join(out, "en21x", "train")
cubes = [
    ("29SND", "29SND_2017-06-20_2017-11-16_1209_1337_5049_5177_18_98_78_158", "2017-06-20", -7.83, 39.53, "netcdf4", np.float64),
    ("30TXK", "30TXK_2018-03-01_2018-07-28_2233_2361_3001_3129_34_114_47_127", "2018-03-01", 1.10, 42.20, "h5netcdf", np.float32),
]
for i, (tile, name, start, lon0, lat0, engine, float_type) in enumerate(cubes):
    path = os.path.join(x, tile, name + ".nc")
    save(minicube(start, lon0, lat0, 100 + i), path, engine, float_type)
    expected["en21x"][name] = {"file": os.path.relpath(path, os.path.join(out, "en21x")), "engine": engine,
                               "decoded": np.dtype(float_type).name}

bad = minicube("2019-05-01", 2.0, 41.0, 7)
classic = os.path.join(x, "31TCJ", "classic.nc")
os.makedirs(os.path.dirname(classic), exist_ok=True)
bad[["s2_avail", "cop_dem"]].to_netcdf(classic, format="NETCDF3_64BIT", engine="netcdf4")
badtime = bad.copy()
badtime["time"] = np.arange(DAYS)
badtime["time"].attrs["units"] = "fortnights since 2019-05-01"
save(badtime, os.path.join(x, "31TCJ", "badtime.nc"), "netcdf4", np.float64)
expected["en21x_skipped"] = ["train/31TCJ/classic.nc", "train/31TCJ/badtime.nc"]

n = os.path.join(out, "en21")


def npz(path, **arrays):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.savez_compressed(path, **arrays)


def highres(t):
    a = rng.uniform(0, 1, (H, W, 5, t)).astype(np.float16)
    a[:, :, 4, :] = rng.integers(0, 2, (H, W, t))  # the mask channel: 1 = cloud or otherwise masked
    a[2, 3, 0, 1] = np.nan
    return a


train = "32UMC_2018-01-28_2018-06-26_5305_5433_2113_2241_82_162_33_113"
npz(os.path.join(n, "train", "32UMC", train + ".npz"), highresdynamic=highres(30),
    highresstatic=rng.uniform(0, 1, (H, W, 1)).astype(np.float16),
    mesodynamic=rng.uniform(0, 1, (8, 8, 5, 150)).astype(np.float16),
    mesostatic=rng.uniform(0, 1, (8, 8, 1)).astype(np.float16))
expected["en21"][train] = {"files": ["train/32UMC/" + train + ".npz"], "split": "train"}
test = "32UNC_2018-05-05_2018-10-01_4281_4409_1513_1641_66_146_23_103"
npz(os.path.join(n, "iid_test_split", "context", "32UNC", "context_" + test + ".npz"), highresdynamic=highres(10),
    highresstatic=rng.uniform(0, 1, (H, W, 1)).astype(np.float16),
    mesodynamic=rng.uniform(0, 1, (8, 8, 5, 150)).astype(np.float16),
    mesostatic=rng.uniform(0, 1, (8, 8, 1)).astype(np.float16))
npz(os.path.join(n, "iid_test_split", "target", "32UNC", "target_" + test + ".npz"), highresdynamic=highres(20))
expected["en21"][test] = {"files": ["iid_test_split/context/32UNC/context_" + test + ".npz",
                                    "iid_test_split/target/32UNC/target_" + test + ".npz"], "split": "iid_test"}
npz(os.path.join(n, "train", "32UMC", "32UMC_2018-02-02_2018-07-01_1_129_1_129_0_80_0_80.npz"),
    highresstatic=rng.uniform(0, 1, (H, W, 1)).astype(np.float16))
expected["en21_skipped"] = ["train/32UMC/32UMC_2018-02-02_2018-07-01_1_129_1_129_0_80_0_80.npz"]

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
