"""Checks crops of an SMCEFR patch (an RGB PNG without georeference) against the PNG as Pillow decodes it.

usage: check_smcefr_crop.py BASE_URL COLLECTION
"""
import json
import sys

import numpy as np

from patchserve_client import all_items, check, get_json, get_status, png_from


def main():
    base, collection = sys.argv[1], sys.argv[2]
    item = all_items(base, collection)[0]
    source = png_from(item["assets"]["image"]["href"])[:, :, :3]
    url = f"{base}/collections/{collection}/items/{item['id']}"
    h, w = source.shape[:2]

    crop = png_from(f"{url}/crop.png?window=5,7,20,11")
    check(crop.shape == (11, 20, 3) and np.array_equal(crop, source[7:18, 5:25]), "window crop equals the PNG slice")
    clipped = png_from(f"{url}/crop.png?window={w - 10},{h - 4},50,50")
    check(np.array_equal(clipped, source[h - 4:, w - 10:]), "a window partly outside is clipped")
    half = png_from(f"{url}/crop.png?width={w // 2}&height={h // 2}")
    check(np.array_equal(half, source[1::2, 1::2]), "downsampling takes the pixel under each output centre")
    green = png_from(f"{url}/crop.png?bands=green&rescale=0,128")
    expected = np.minimum(np.floor(source[:, :, 1].astype(float) * 255 / 128 + 0.5), 255).astype(np.uint8)
    check(np.array_equal(green, expected), "one band, rescaled")
    code, body = get_status(f"{url}/crop.png?bbox=0,0,1,1")
    check(code == 400 and "no georeference" in json.loads(body)["description"], f"bbox on SMCEFR: {code} {body[:200]}")
    code, body = get_status(f"{url}/crop.png?window={w + 1},0,5,5")
    check(code == 400 and "wholly outside" in json.loads(body)["description"], f"outside window: {code} {body[:200]}")
    stats = get_json(f"{base}/collections/{collection}/statistics")["bands"]
    pixels = [png_from(i["assets"]["image"]["href"])[:, :, :3] for i in all_items(base, collection)]
    for c, band in enumerate(["red", "green", "blue"]):
        values = np.concatenate([p[:, :, c].ravel() for p in pixels]).astype(np.float64)
        served = stats[band]
        expected = {"count": values.size, "mean": values.mean(), "std": values.std(), "min": values.min(),
                    "max": values.max(), "p2": np.percentile(values, 2), "p98": np.percentile(values, 98)}
        for key, value in expected.items():
            check(np.isclose(served[key], value, rtol=1e-9, atol=1e-9), f"statistics {band} {key}: {served[key]} != {value}")
    print("smcefr crop: ok")


if __name__ == "__main__":
    main()
