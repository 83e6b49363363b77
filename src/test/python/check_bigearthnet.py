"""Checks a BigEarthNet release served by Patchserve against the GeoTIFFs as GDAL reads them.

usage: check_bigearthnet.py BASE_URL COLLECTION RELEASE_DIR

Canonical HDF5s (shapes, uint16, values, CRS, geotransforms), item properties (labels, 19-class labels,
split, datetime), collection statistics (against numpy over the same pixels, whole and per split), and
crops (.h5 windows and bboxes, .png with explicit and default rescale). Prints 'bigearthnet: ok ...'.
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

import numpy as np

from patchserve_client import all_items, check, get, get_json, get_status, h5_from, png_from

GROUPS = {"10m": ["B02", "B03", "B04", "B08"], "20m": ["B05", "B06", "B07", "B8A", "B11", "B12"], "60m": ["B01", "B09"]}
TO_19 = {  # the official label_conversion (rsim label_indices.json), written out independently of the service's table
    "Continuous urban fabric": "Urban fabric", "Discontinuous urban fabric": "Urban fabric",
    "Industrial or commercial units": "Industrial or commercial units",
    "Non-irrigated arable land": "Arable land", "Permanently irrigated land": "Arable land", "Rice fields": "Arable land",
    "Vineyards": "Permanent crops", "Fruit trees and berry plantations": "Permanent crops",
    "Olive groves": "Permanent crops", "Annual crops associated with permanent crops": "Permanent crops",
    "Pastures": "Pastures", "Complex cultivation patterns": "Complex cultivation patterns",
    "Land principally occupied by agriculture, with significant areas of natural vegetation":
        "Land principally occupied by agriculture, with significant areas of natural vegetation",
    "Agro-forestry areas": "Agro-forestry areas", "Broad-leaved forest": "Broad-leaved forest",
    "Coniferous forest": "Coniferous forest", "Mixed forest": "Mixed forest",
    "Natural grassland": "Natural grassland and sparsely vegetated areas",
    "Sparsely vegetated areas": "Natural grassland and sparsely vegetated areas",
    "Moors and heathland": "Moors, heathland and sclerophyllous vegetation",
    "Sclerophyllous vegetation": "Moors, heathland and sclerophyllous vegetation",
    "Transitional woodland/shrub": "Transitional woodland, shrub", "Beaches, dunes, sands": "Beaches, dunes, sands",
    "Inland marshes": "Inland wetlands", "Peatbogs": "Inland wetlands", "Salt marshes": "Coastal wetlands",
    "Salines": "Coastal wetlands", "Water courses": "Inland waters",  # Intertidal flats: none (official table)
    "Water bodies": "Inland waters", "Coastal lagoons": "Marine waters", "Estuaries": "Marine waters",
    "Sea and ocean": "Marine waters"}
# the class lists in the order of the paper (the BigEarthNet team's published lists); the loaders that TU Berlin
# and TorchGeo ship encode in the alphabetical order of the same names (Python's sorted)
PAPER_43 = [
    "Continuous urban fabric", "Discontinuous urban fabric", "Industrial or commercial units",
    "Road and rail networks and associated land", "Port areas", "Airports", "Mineral extraction sites", "Dump sites",
    "Construction sites", "Green urban areas", "Sport and leisure facilities", "Non-irrigated arable land",
    "Permanently irrigated land", "Rice fields", "Vineyards", "Fruit trees and berry plantations", "Olive groves",
    "Pastures", "Annual crops associated with permanent crops", "Complex cultivation patterns",
    "Land principally occupied by agriculture, with significant areas of natural vegetation", "Agro-forestry areas",
    "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland", "Moors and heathland",
    "Sclerophyllous vegetation", "Transitional woodland/shrub", "Beaches, dunes, sands", "Bare rock",
    "Sparsely vegetated areas", "Burnt areas", "Inland marshes", "Peatbogs", "Salt marshes", "Salines",
    "Intertidal flats", "Water courses", "Water bodies", "Coastal lagoons", "Estuaries", "Sea and ocean"]
PAPER_19 = [
    "Urban fabric", "Industrial or commercial units", "Arable land", "Permanent crops", "Pastures",
    "Complex cultivation patterns",
    "Land principally occupied by agriculture, with significant areas of natural vegetation", "Agro-forestry areas",
    "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland and sparsely vegetated areas",
    "Moors, heathland and sclerophyllous vegetation", "Transitional woodland, shrub", "Beaches, dunes, sands",
    "Inland wetlands", "Coastal wetlands", "Inland waters", "Marine waters"]
FLAG_LISTS = {"bigearthnet:contains_seasonal_snow": "patches_with_seasonal_snow.csv",
              "bigearthnet:contains_cloud_or_shadow": "patches_with_cloud_and_shadow.csv"}


def gdal_read(tif):
    """The band as GDAL decodes it, through an ENVI copy (GDAL's own reader, not Patchserve's)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "band.bin")
        subprocess.run(["gdal_translate", "-q", "-of", "ENVI", tif, out], check=True)
        header = open(os.path.join(tmp, "band.hdr")).read()
        order = ">" if "byte order = 1" in header else "<"
        info = json.loads(subprocess.run(["gdalinfo", "-json", tif], check=True, capture_output=True, text=True).stdout)
        h, w = info["size"][1], info["size"][0]
        return np.fromfile(out, dtype=order + "u2").reshape(h, w), info


def expected_byte(v, low, high):
    scaled = (v.astype(np.float64) - low) * 255.0 / (high - low)
    return np.where(scaled > 0, np.minimum(np.floor(scaled + 0.5), 255), 0).astype(np.uint8)


def main():
    base, collection, release = sys.argv[1], sys.argv[2], sys.argv[3]
    splits = {}
    for split in ("train", "val", "test"):
        for line in open(os.path.join(release, f"{split}.csv")):
            splits[line.strip()] = split
    items = {i["id"]: i for i in all_items(base, collection)}
    check(set(items) == set(splits), f"items {sorted(items)} != patches {sorted(splits)}")
    check_lists(base, collection, release, items)
    check_class_orders(base, collection, items)

    pixels = {b: {"": []} for bands in GROUPS.values() for b in bands}
    arrays = {}
    for patch, item in items.items():
        folder = os.path.join(release, patch)
        meta = json.load(open(os.path.join(folder, patch + "_labels_metadata.json")))
        props = item["properties"]
        check(props["labels"] == meta["labels"], f"{patch}: labels {props['labels']}")
        check(set(props["labels_19"]) == {TO_19[l] for l in meta["labels"] if l in TO_19}, f"{patch}: labels_19 {props['labels_19']}")
        check(props["split"] == splits[patch], f"{patch}: split")
        written = meta["acquisition_date"]  # seconds 60 and 61 occur in the release; the datetime clamps them to 59
        expected = written[:-2] + min(int(written[-2:]), 59).__format__("02d")
        check(props["datetime"].startswith(expected.replace(" ", "T")), f"{patch}: datetime {props['datetime']}")
        check(props["bigearthnet:acquisition_date"] == written, f"{patch}: acquisition_date {props.get('bigearthnet:acquisition_date')}")
        check(props["bigearthnet:tile_source"] == meta["tile_source"], f"{patch}: tile_source")
        with h5_from(item["assets"]["data"]["href"]) as h5:
            check(h5.attrs["format"] == b"patchserve-raster/1" or h5.attrs["format"] == "patchserve-raster/1", "format attribute")
            for group, bands in GROUPS.items():
                ds = h5[group]
                check(ds.dtype == np.uint16, f"{patch}/{group}: dtype {ds.dtype}")
                names = [n.decode() if isinstance(n, bytes) else n for n in ds.attrs["band_names"]]
                check(names == bands, f"{patch}/{group}: band_names {names}")
                for c, band in enumerate(bands):
                    source, info = gdal_read(os.path.join(folder, f"{patch}_{band}.tif"))
                    check(ds.shape[1:] == source.shape, f"{patch}/{band}: shape {ds.shape}")
                    check(np.array_equal(ds[c], source), f"{patch}/{band}: pixels differ from GDAL's")
                    arrays[(patch, band)] = source
                    pixels[band][""].append(source.ravel())
                    pixels[band].setdefault(splits[patch], []).append(source.ravel())
                    check(np.allclose(ds.attrs["geotransform"], info["geoTransform"]), f"{patch}/{group}: geotransform")
                    check(int(ds.attrs["crs_epsg"]) == info["stac"]["proj:epsg"], f"{patch}/{group}: crs_epsg")
        check(props["proj:epsg"] == int(h5_epsg(item)), f"{patch}: proj:epsg")

    stats = get_json(f"{base}/collections/{collection}/statistics")
    # one band order everywhere: the collection's eo:bands, the statistics, the item file's band_names
    order = [b["name"] for b in get_json(f"{base}/collections/{collection}")["summaries"]["eo:bands"]]
    check(order == ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"], f"collection band order {order}")
    check(list(stats["bands"]) == order and all(list(s) == order for s in stats["splits"].values()),
          f"statistics band order {list(stats['bands'])}")
    with h5_from(sorted(items.values(), key=lambda i: i["id"])[0]["assets"]["data"]["href"]) as h5:
        names = [n.decode() if isinstance(n, bytes) else n for n in h5.attrs["band_names"]]
        check(names == order, f"item file band_names {names}")
    check_patch_arrays(sorted(items.items())[0], arrays, order)
    compared = 0
    for band, by_split in pixels.items():
        for split, chunks in by_split.items():
            values = np.concatenate(chunks)
            served = stats["bands"][band] if split == "" else stats["splits"][split][band]
            expected = {"count": values.size, "mean": values.mean(dtype=np.float64), "std": values.std(dtype=np.float64),
                        "min": values.min(), "max": values.max(), "p2": np.percentile(values, 2),
                        "p98": np.percentile(values, 98)}
            for key, value in expected.items():
                check(np.isclose(served[key], value, rtol=1e-9, atol=1e-9), f"statistics {band}/{split or 'all'} {key}: {served[key]} != {value}")
            compared += 1

    patch, item = sorted(items.items())[0]
    request = urllib.request.Request(item["assets"]["data"]["href"], headers={"Range": "bytes=0-7"})
    with urllib.request.urlopen(request) as r:
        check(r.status == 206 and r.read() == b"\x89HDF\r\n\x1a\n" and r.headers["ETag"], "HDF5 asset honours Range")
    url = f"{base}/collections/{collection}/items/{patch}"
    with h5_from(f"{url}/crop.h5?bands=B02,B05&window=10,20,50,40") as crop:
        data = crop["data"]
        check(data.shape == (2, 40, 50) and data.dtype == np.uint16, f"crop.h5 shape {data.shape} {data.dtype}")
        check(np.array_equal(data[0], arrays[(patch, "B02")][20:60, 10:60]), "crop.h5 B02 window")
        b05 = np.repeat(np.repeat(arrays[(patch, "B05")], 2, axis=0), 2, axis=1)
        check(np.array_equal(data[1], b05[20:60, 10:60]), "crop.h5 B05 resampled onto the 10 m grid")
    t = item["properties"]["proj:transform"]
    ulx, uly, epsg = t[2], t[5], item["properties"]["proj:epsg"]
    bbox = f"{ulx + 100},{uly - 500},{ulx + 600},{uly - 100}"
    with h5_from(f"{url}/crop.h5?bands=B04&bbox={bbox}&bbox-crs=EPSG:{epsg}") as crop:
        check(np.array_equal(crop["data"][0], arrays[(patch, "B04")][10:50, 10:60]), "crop.h5 native-CRS bbox")
        check(np.allclose(crop["data"].attrs["geotransform"], [ulx + 100, 10, 0, uly - 100, 0, -10]), "crop geotransform")
    lonlat = subprocess.run(["gdaltransform", "-s_srs", f"EPSG:{epsg}", "-t_srs", "OGC:CRS84", "-output_xy"],
                            input=f"{ulx + 200} {uly - 800}\n{ulx + 800} {uly - 200}\n", capture_output=True, text=True,
                            check=True).stdout.split()
    lons, lats = [float(lonlat[0]), float(lonlat[2])], [float(lonlat[1]), float(lonlat[3])]
    with h5_from(f"{url}/crop.h5?bands=B04&bbox={min(lons)},{min(lats)},{max(lons)},{max(lats)}") as crop:
        c, r, w, h = [int(v) for v in crop.attrs["window"].decode().split(",")] if isinstance(crop.attrs["window"], bytes) \
            else [int(v) for v in crop.attrs["window"].split(",")]
        check(c <= 20 and r <= 20 and c + w >= 80 and r + h >= 80 and w <= 66 and h <= 66, f"lon/lat bbox window {c},{r},{w},{h}")
        check(np.array_equal(crop["data"][0], arrays[(patch, "B04")][r:r + h, c:c + w]), "crop.h5 lon/lat bbox pixels")

    # the item HDF5 is georeferenced for GDAL's netCDF driver (CF grid mapping: spatial_ref + GeoTransform)
    with tempfile.TemporaryDirectory() as tmp:
        local = os.path.join(tmp, "item.h5")
        with urllib.request.urlopen(item["assets"]["data"]["href"]) as r:
            open(local, "wb").write(r.read())
        for group, size in (("10m", 120), ("20m", 60), ("60m", 20)):
            info = json.loads(subprocess.run(["gdalinfo", "-json", f'NETCDF:"{local}":{group}'], check=True,
                                             capture_output=True, text=True).stdout)
            t = item["properties"]["proj:transform"]
            step = 1200 / size
            check(info["size"] == [size, size] and len(info["bands"]) == len(GROUPS[group]), f"{group}: {info['size']}")
            check(np.allclose(info["geoTransform"], [t[2], step, 0, t[5], 0, -step]), f"{group} geotransform {info.get('geoTransform')}")
            check(info["stac"]["proj:epsg"] == item["properties"]["proj:epsg"], f"{group} EPSG {info['stac'].get('proj:epsg')}")
            # BigEarthNet declares reflectance = value * 0.0001 and no nodata value
            check(all("noDataValue" not in b and b.get("scale") == 0.0001 for b in info["bands"]),
                  f"{group}: GDAL nodata/scale {[(b.get('noDataValue'), b.get('scale')) for b in info['bands']]}")
        check_xarray(local, item, arrays, patch)
        crop = os.path.join(tmp, "crop.h5")
        with urllib.request.urlopen(f"{url}/crop.h5?bands=B02,B05&window=10,20,50,40") as r:
            open(crop, "wb").write(r.read())
        check_xarray_crop(crop, item, arrays, patch)

    # crop.tif: GDAL reads the same values as crop.h5, in the item's CRS, on the crop's grid
    with tempfile.TemporaryDirectory() as tmp:
        tif = os.path.join(tmp, "crop.tif")
        with urllib.request.urlopen(f"{url}/crop.tif?bands=B02,B05&window=10,20,50,40") as r:
            check(r.headers["Content-Type"].startswith("image/tiff"), f"crop.tif type {r.headers['Content-Type']}")
            open(tif, "wb").write(r.read())
        info = json.loads(subprocess.run(["gdalinfo", "-json", tif], check=True, capture_output=True, text=True).stdout)
        check(info["size"] == [50, 40] and len(info["bands"]) == 2 and info["bands"][0]["type"] == "UInt16",
              f"crop.tif: {info['size']} {len(info['bands'])} bands")
        check(info["stac"]["proj:epsg"] == item["properties"]["proj:epsg"], f"crop.tif EPSG {info['stac'].get('proj:epsg')}")
        t = item["properties"]["proj:transform"]
        check(np.allclose(info["geoTransform"], [t[2] + 100, 10, 0, t[5] - 200, 0, -10]), f"crop.tif geotransform {info['geoTransform']}")
        for band, name in enumerate(["B02", "B05"], start=1):
            single = os.path.join(tmp, f"b{band}.tif")
            subprocess.run(["gdal_translate", "-q", "-b", str(band), tif, single], check=True)
            values, _ = gdal_read(single)
            with h5_from(f"{url}/crop.h5?bands=B02,B05&window=10,20,50,40") as crop:
                check(np.array_equal(values, crop["data"][band - 1]), f"crop.tif {name} differs from crop.h5")
        code, body = get_status(f"{url}/crop.tif?bands=B02&rescale=0,100")
        check(code == 400, f"crop.tif with rescale: {code}")
        check([b.get("description") for b in info["bands"]] == ["B02", "B05"], f"crop.tif band descriptions {info['bands']}")
        check(all(b.get("scale") == 0.0001 and "noDataValue" not in b for b in info["bands"]), "crop.tif scale, no nodata")
        check_cog(tif)
        # a large crop is tiled, with overviews
        big = os.path.join(tmp, "big.tif")
        with urllib.request.urlopen(f"{url}/crop.tif?bands=B04,B03,B02&width=1100&height=1100") as r:
            open(big, "wb").write(r.read())
        info = json.loads(subprocess.run(["gdalinfo", "-json", big], check=True, capture_output=True, text=True).stdout)
        check(info["bands"][0]["block"] == [512, 512] and [o["size"] for o in info["bands"][0]["overviews"]] == [[550, 550], [275, 275]],
              f"large crop.tif tiles {info['bands'][0]['block']} overviews {info['bands'][0].get('overviews')}")
        check_cog(big)
        check_geotiff_asset(base, collection, item, arrays, patch, tmp)

    rgb = png_from(f"{url}/crop.png?bands=B04,B03,B02&rescale=0,3000")
    check(rgb.shape == (120, 120, 3), f"crop.png shape {rgb.shape}")
    for c, band in enumerate(["B04", "B03", "B02"]):
        check(np.array_equal(rgb[:, :, c], expected_byte(arrays[(patch, band)], 0, 3000)), f"crop.png {band} rescaled")
    grey = png_from(f"{url}/crop.png?bands=B08&window=30,30,60,60&width=30")
    served = stats["bands"]["B08"]
    source = arrays[(patch, "B08")][31:90:2, 31:90:2]
    check(grey.shape == (30, 30) and np.array_equal(grey, expected_byte(source, served["p2"], served["p98"])),
          "crop.png default rescale (collection p2..p98) and downsampling")

    for query, status in [("bands=B99", 400), ("window=500,500,10,10", 400), ("window=0,0,0,5", 400),
                          ("rescale=5,1", 400), ("bbox=0,0,1,1&bbox-crs=EPSG:99999", 400), ("width=100000&height=100000", 400),
                          ("bands=B02,B03", 400), ("bbox=1,1,2,2&window=0,0,1,1", 400)]:
        code, body = get_status(f"{url}/crop.png?{query}")
        check(code == status and json.loads(body).get("description"), f"crop.png?{query}: {code} {body[:200]}")
    print(f"bigearthnet: ok, {len(items)} patches, {compared} band statistics, crops checked")


def check_patch_arrays(entry, arrays, order):
    """The whole patch as one (C, H, W) array in band order: .npy (numpy.load from bytes) and HDF5, linked with
    shape and dtype, byte-stable (same ETag twice, Range resumes)."""
    import io
    patch, item = entry
    npy, h5 = item["assets"]["patch-npy"], item["assets"]["patch-h5"]
    for asset in (npy, h5):
        check(asset["roles"] == ["data"] and asset["patchserve:shape"] == [12, 120, 120] and asset["patchserve:dtype"] == "uint16"
              and asset["patchserve:bands"] == order, f"patch array asset {asset}")
    status, headers, body = get(npy["href"])
    array = np.load(io.BytesIO(body))
    check(array.shape == (12, 120, 120) and array.dtype == np.uint16, f"patch.npy {array.shape} {array.dtype}")
    for band in GROUPS["10m"]:
        check(np.array_equal(array[order.index(band)], arrays[(patch, band)]), f"patch.npy {band}")
    again = get(npy["href"])
    check(again[2] == body and again[1]["ETag"] == headers["ETag"] and headers["ETag"].startswith('"'), "patch.npy is byte-stable")
    request = urllib.request.Request(npy["href"], headers={"Range": "bytes=100-"})
    with urllib.request.urlopen(request) as r:
        check(r.status == 206 and body[:100] + r.read() == body, "patch.npy resumes with Range")
    with h5_from(h5["href"]) as f:
        check(np.array_equal(f["data"][:], array), "patch-h5 holds the same array as patch-npy")


def check_cog(path):
    """GDAL's own Cloud-Optimized GeoTIFF validator (python3-gdal, which gdal-bin depends on)."""
    run = subprocess.run(["/usr/bin/python3", "-m", "osgeo_utils.samples.validate_cloud_optimized_geotiff", path],
                         capture_output=True, text=True)
    check(run.returncode == 0 and "is a valid cloud optimized GeoTIFF" in run.stdout, f"COG validation: {run.stdout} {run.stderr}")


def check_geotiff_asset(base, collection, item, arrays, patch, tmp):
    """The whole item as a GeoTIFF data asset: every band on the 10 m grid, and STACIT mosaics it from a search."""
    asset = item["assets"]["geotiff"]
    check(asset["roles"] == ["data"] and "profile=cloud-optimized" in asset["type"], f"geotiff asset {asset}")
    whole = os.path.join(tmp, "whole.tif")
    with urllib.request.urlopen(asset["href"]) as r:
        open(whole, "wb").write(r.read())
    info = json.loads(subprocess.run(["gdalinfo", "-json", whole], check=True, capture_output=True, text=True).stdout)
    names = [b["description"] for b in info["bands"]]
    check(sorted(names) == sorted(sum(GROUPS.values(), [])) and info["size"] == [120, 120], f"whole-item GeoTIFF bands {names}")
    check_cog(whole)
    stacit = f'STACIT:"{base}/search?collections={collection}&ids={patch}":asset=geotiff'
    mosaic = os.path.join(tmp, "stacit.tif")
    subprocess.run(["gdal_translate", "-q", stacit, mosaic], check=True, capture_output=True, text=True)
    info = json.loads(subprocess.run(["gdalinfo", "-json", mosaic], check=True, capture_output=True, text=True).stdout)
    t = item["properties"]["proj:transform"]
    check(info["stac"]["proj:epsg"] == item["properties"]["proj:epsg"] and np.allclose(info["geoTransform"], [t[2], 10, 0, t[5], 0, -10]),
          f"STACIT mosaic georeference {info.get('geoTransform')}")
    for band in GROUPS["10m"]:
        index = names.index(band) + 1
        single = os.path.join(tmp, f"stacit-{band}.tif")
        subprocess.run(["gdal_translate", "-q", "-b", str(index), mosaic, single], check=True)
        values, _ = gdal_read(single)
        check(np.array_equal(values, arrays[(patch, band)]), f"STACIT {band} differs from the release's GeoTIFF")


def check_xarray(local, item, arrays, patch):
    """xarray (h5netcdf engine, no phony dimensions) sees named band/y/x axes with map coordinates and applies the
    CF scale; the raw values stay raw for h5py."""
    import xarray as xr
    t = item["properties"]["proj:transform"]
    with xr.open_dataset(local, engine="h5netcdf") as ds:
        for group, bands in GROUPS.items():
            var = ds[group]
            check(var.dims == (f"band_{group}", f"y_{group}", f"x_{group}"), f"xarray dims of {group}: {var.dims}")
            step = 1200 / var.shape[1]
            check(np.allclose(ds[f"x_{group}"].values, t[2] + step * (np.arange(var.shape[2]) + 0.5)), f"x_{group} coordinates")
            check(np.allclose(ds[f"y_{group}"].values, t[5] - step * (np.arange(var.shape[1]) + 0.5)), f"y_{group} coordinates")
            check(list(var[f"band_name_{group}"].values) == bands, f"band names of {group}: {var[f'band_name_{group}'].values}")
            by_name = var.swap_dims({f"band_{group}": f"band_name_{group}"})
            for band in bands:
                got = by_name.sel({f"band_name_{group}": band}).values
                check(np.allclose(got, arrays[(patch, band)] * 0.0001), f"xarray {group}/{band}: CF scale not applied")
            check(var.attrs["grid_mapping"] == f"crs_{group}" and "spatial_ref" in ds[f"crs_{group}"].attrs, f"{group} grid mapping")


def check_xarray_crop(local, item, arrays, patch):
    """crop.h5 (one grid): dims band, y, x; coordinates shifted by the window (10 px, 20 px at 10 m)."""
    import xarray as xr
    t = item["properties"]["proj:transform"]
    with xr.open_dataset(local, engine="h5netcdf", mask_and_scale=False) as ds:
        var = ds["data"]
        check(var.dims == ("band", "y", "x") and var.shape == (2, 40, 50), f"crop.h5 xarray {var.dims} {var.shape}")
        check(list(var["band_name"].values) == ["B02", "B05"], f"crop.h5 band names {var['band_name'].values}")
        check(np.allclose(ds["x"].values, t[2] + 100 + 10 * (np.arange(50) + 0.5)), "crop.h5 x coordinates")
        check(np.allclose(ds["y"].values, t[5] - 200 - 10 * (np.arange(40) + 0.5)), "crop.h5 y coordinates")
        check(np.array_equal(var.values[0], arrays[(patch, "B02")][20:60, 10:60]), "crop.h5 through xarray, raw values")


def names_in(path):
    return {line.split(",")[0].strip() for line in open(path) if line.strip()}


def check_lists(base, collection, release, items):
    """The published snow and cloud lists are item properties, true or false for every patch, and filter."""
    for prop, file in FLAG_LISTS.items():
        listed = names_in(os.path.join(release, file))
        for patch, item in items.items():
            check(item["properties"][prop] == (patch in listed), f"{patch}: {prop} {item['properties'].get(prop)}")
        cql = json.dumps({"op": "=", "args": [{"property": prop}, True]})
        found = {f["id"] for f in get_json(f"{base}/collections/{collection}/items?limit=100&filter-lang=cql2-json&filter="
                                            + urllib.parse.quote(cql))["features"]}
        check(found == listed & set(items), f"filter {prop} = true: {sorted(found)}")


def check_class_orders(base, collection, items):
    """bundle.h5 encodes labels in the paper's order by default and alphabetically on request, naming the order."""
    ids = sorted(items)
    for order, lists in (("", (PAPER_43, PAPER_19)), ("&class_order=collection", (PAPER_43, PAPER_19)),
                         ("&class_order=alphabetical", (sorted(PAPER_43), sorted(PAPER_19)))):
        with h5_from(f"{base}/collections/{collection}/bundle.h5?ids={','.join(ids)}{order}") as h5:
            served_ids = [i.decode() if isinstance(i, bytes) else i for i in h5["ids"][:]]
            for prop, classes in zip(("labels", "labels_19"), lists):
                ds = h5[prop]
                names = [n.decode() if isinstance(n, bytes) else n for n in ds.attrs["class_names"]]
                check(names == classes, f"bundle.h5{order} {prop}: class_names {names[:3]}...")
                named = ds.attrs["class_order"]
                named = named.decode() if isinstance(named, bytes) else named
                check(named == ("alphabetical" if "alphabetical" in order else "collection"), f"class_order {named}")
                for row, item_id in enumerate(served_ids):
                    hot = [classes[k] for k in np.flatnonzero(ds[row])]
                    check(sorted(hot) == sorted(items[item_id]["properties"][prop]), f"{item_id}: {prop} multi-hot {hot}")
    code, body = get_status(f"{base}/collections/{collection}/bundle.h5?class_order=random")
    check(code == 400 and "class_order" in json.loads(body)["description"], f"class_order=random: {code}")


def h5_epsg(item):
    with h5_from(item["assets"]["data"]["href"]) as h5:
        return h5.attrs["crs_epsg"]


if __name__ == "__main__":
    main()
