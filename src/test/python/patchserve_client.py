"""Small HTTP helpers shared by the checker scripts (standard library only)."""
import io
import json
import urllib.error
import urllib.request


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.status, dict(r.headers), r.read()


def get_json(url):
    return json.loads(get(url)[2])


def get_status(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def all_items(base, collection):
    items, url = [], f"{base}/collections/{collection}/items?limit=100"
    while url:
        page = get_json(url)
        items += page["features"]
        url = next((l["href"] for l in page["links"] if l["rel"] == "next"), None)
    return items


def h5_from(url):
    import h5py
    return h5py.File(io.BytesIO(get(url)[2]), "r")


def png_from(url):
    import numpy as np
    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(get(url)[2])))


def check(condition, message):
    if not condition:
        raise AssertionError(message)
