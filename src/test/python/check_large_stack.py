"""Downloads a collection's bundle.h5 to disk as it streams and reads it back with h5py and xarray.

usage: check_large_stack.py BASE_URL COLLECTION MIN_BYTES

The file must be larger than MIN_BYTES (the old in-memory cap), as long as its Content-Length says, and hold
every item: three items' pixels are compared with their own PNG assets as Pillow decodes them. Prints
'large stack: ok, N items, B bytes'.
"""
import json
import os
import sys
import tempfile
import urllib.request

import h5py
import numpy as np

from patchserve_client import check, get_json, png_from


def main():
    base, collection, min_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "stack.h5")
        with urllib.request.urlopen(f"{base}/collections/{collection}/bundle.h5", timeout=600) as r, open(path, "wb") as f:
            length = int(r.headers["Content-Length"])
            while chunk := r.read(1 << 20):
                f.write(chunk)
        size = os.path.getsize(path)
        check(size == length and size > min_bytes, f"stack of {size} bytes (Content-Length {length}, more than {min_bytes} wanted)")
        with h5py.File(path, "r") as h5:
            data = h5["rgb"]
            n = data.shape[0]
            check(data.shape[1:] == (3, 1000, 1000) and data.dtype == np.uint8, f"rgb {data.shape} {data.dtype}")
            ids = [i.decode() if isinstance(i, bytes) else i for i in h5["ids"][:]]
            check(len(ids) == n, f"{len(ids)} ids for {n} items")
            for k in (0, n // 2, n - 1):
                item = get_json(f"{base}/collections/{collection}/items/{ids[k]}")
                png = png_from(item["assets"]["image"]["href"])
                check(np.array_equal(data[k], np.transpose(png, (2, 0, 1))), f"item {k} ({ids[k]}): pixels differ from its PNG")
            last = data[n - 1]
        import xarray as xr
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            check(ds["rgb"].dims == ("item", "band", "y", "x"), f"xarray dims {ds['rgb'].dims}")
            check(np.array_equal(ds["rgb"].isel(item=n - 1).values, last), "xarray reads the last item as h5py does")
            check(list(ds["ids"].values) == ids, "xarray: the ids coordinate")
    print(f"large stack: ok, {n} items, {size} bytes")


if __name__ == "__main__":
    main()
