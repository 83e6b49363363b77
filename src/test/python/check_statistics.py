"""Recomputes a collection's band statistics from the items it serves and compares them with /statistics.

usage: check_statistics.py BASE_URL COLLECTION [--computed-only]

Pages through every item, reads its data asset (HDF5) with h5py, and counts each band's valid pixels (NaN and
the band's nodata excluded: the per-band 'nodata' attribute, else the CF _FillValue) with numpy, whole collection
and per split: items, pixels, mean, std (population), min, max, 2nd and 98th percentiles (numpy's linear
interpolation; to the histogram's bin width, 2^-7 relative, for types other than 8- and 16-bit integers), and the
coarse histogram (GDAL's {count, min, max, buckets}: numpy.histogram of the values clipped to min..max, so the
buckets hold every pixel; values of other types than 8- and 16-bit integers first put at the middle of their
exact histogram's bin, the top 16 bits of their float32 form, as the service bins them). The
served splits and bands must be exactly those with valid pixels. --computed-only leaves out the rows that hold
a release's own statistics (their source is the file's name). Prints 'statistics: ok, N items, M rows'.
Bands over time count every step, leaving out the pixels their group's mask band (patchserve:raster) marks.
"""
import sys

import numpy as np

from patchserve_client import all_items, check, get_json, h5_from


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def bin_middles(values):
    """A value as the service's exact histogram keeps it: the middle of its float32 form's top-16-bit bin."""
    bits = values.astype(np.float32).view(np.uint32) >> 16
    return ((bits << 16) | 0x8000).astype(np.uint32).view(np.float32).astype(np.float64)


def check_histogram(key, row, values, binned):
    where = f"statistics {key[1]}/{key[0] or 'all'} histogram"
    h = row.get("histogram")
    check(h is not None, f"{where}: none served")
    if h is None:
        return
    check(len(h["buckets"]) == h["count"], f"{where}: count {h['count']} but {len(h['buckets'])} buckets")
    placed = bin_middles(values) if binned else values.astype(np.float64)
    expected, _ = np.histogram(np.clip(placed, h["min"], h["max"]), bins=h["count"], range=(h["min"], h["max"]))
    check(list(expected) == h["buckets"], f"{where}: served {h['buckets']}, numpy {list(expected)}")
    if not binned:
        widths = np.diff(np.linspace(h["min"], h["max"], h["count"] + 1))
        check(np.allclose(widths, np.round(widths)) and h["min"] % 1 == 0.5,
              f"{where}: integer bands' buckets hold whole numbers of values ({h['min']}..{h['max']})")


def main():
    base, collection = sys.argv[1], sys.argv[2]
    items = all_items(base, collection)
    pixels = {}   # (split, band) -> [arrays]
    counted = {}  # (split, band) -> items
    # a group's mask band (the collection's patchserve:raster): its non-zero pixels are left out, step by step
    groups = get_json(f"{base}/collections/{collection}").get("patchserve:raster", {}).get("groups", [])
    mask_of = {g["name"]: g["mask"] for g in groups if g.get("mask")}
    for item in items:
        split = item["properties"].get("split")
        with h5_from(item["assets"]["data"]["href"]) as h5:
            datasets = {name: ds for name, ds in h5.items()
                        if hasattr(ds, "shape") and "band_names" in ds.attrs and ds.ndim in (3, 4)}
            for name, ds in datasets.items():
                names = [text(b) for b in ds.attrs["band_names"]]
                nodata = ds.attrs["nodata"] if "nodata" in ds.attrs else [ds.attrs.get("_FillValue")] * len(names)
                data = ds[()]
                data = data if data.ndim == 4 else data[None]  # (T, C, H, W); one step without time
                valid = np.ones(data[:, 0].shape, dtype=bool)
                if name in mask_of:
                    for other in datasets.values():
                        bands = [text(b) for b in other.attrs["band_names"]]
                        if mask_of[name] in bands and other.shape[0] == data.shape[0] and other.ndim == 4:
                            valid = other[()][:, bands.index(mask_of[name])] == 0
                for c, band in enumerate(names):
                    values = data[:, c][valid].ravel()
                    if values.dtype.kind == "f":
                        values = values[~np.isnan(values)]
                    if nodata[c] is not None and not np.isnan(nodata[c]):
                        values = values[values != nodata[c]]
                    for key in [("", band)] + ([(split, band)] if split is not None else []):
                        pixels.setdefault(key, []).append(values)
                        counted[key] = counted.get(key, 0) + 1
    served = get_json(f"{base}/collections/{collection}/statistics")
    pixels = {key: chunks for key, chunks in pixels.items() if sum(c.size for c in chunks)}  # none valid: no row
    computed_only = "--computed-only" in sys.argv
    rows = {("", band): v for band, v in served["bands"].items()}
    for split, bands in served["splits"].items():
        rows.update({(split, band): v for band, v in bands.items()})
    if computed_only:
        provided = {key for key, row in rows.items() if row["source"] != "computed"}
        rows = {key: row for key, row in rows.items() if key not in provided}
        pixels = {key: chunks for key, chunks in pixels.items() if key not in provided}
    check(set(rows) == set(pixels), f"served rows {sorted(set(rows) ^ set(pixels))} differ from the items served")
    for key, chunks in sorted(pixels.items()):
        values = np.concatenate(chunks)
        row = rows[key]
        expected = {"items": counted[key], "count": values.size, "mean": values.mean(dtype=np.float64),
                    "std": values.std(dtype=np.float64), "min": values.min(), "max": values.max(),
                    "p2": np.percentile(values, 2), "p98": np.percentile(values, 98)}
        binned = values.dtype.kind == "f" or values.dtype.itemsize > 2  # histograms bin these: percentiles to a bin
        for name, value in expected.items():
            check(name in row, f"statistics {key}: no {name}")
            rtol = 2 ** -7 if binned and name in ("p2", "p98") else 1e-9
            check(np.isclose(row[name], value, rtol=rtol, atol=1e-6),
                  f"statistics {key[1]}/{key[0] or 'all'} {name}: served {row[name]}, recomputed {value}")
        check_histogram(key, row, values, binned)
    print(f"statistics: ok, {len(items)} items, {len(rows)} rows")


if __name__ == "__main__":
    main()
