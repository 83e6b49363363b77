#!/usr/bin/env python3
"""Writes synthetic STAC Items for the search benchmark, one NDJSON.gz file per collection.

Footprints are ~1 km squares over land (a few continental boxes), times spread over five years, 1-5 labels
from the 19-class BigEarthNet nomenclature, a train/val/test split and a cloud cover. Deterministic for a
given seed. Usage: gen_items.py OUT_DIR TOTAL [COLLECTIONS] [SEED]
"""
import gzip
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

LAND = [(-10, 36, 40, 70), (-17, -34, 50, 35), (60, 10, 140, 55), (-125, 25, -65, 60), (-80, -55, -35, 10),
        (113, -39, 153, -12)]
CLASSES = ["Urban fabric", "Industrial or commercial units", "Arable land", "Permanent crops", "Pastures",
           "Complex cultivation patterns", "Land principally occupied by agriculture, with significant areas of natural vegetation",
           "Agro-forestry areas", "Broad-leaved forest", "Coniferous forest", "Mixed forest",
           "Natural grassland and sparsely vegetated areas", "Moors, heathland and sclerophyllous vegetation",
           "Transitional woodland, shrub", "Beaches, dunes, sands", "Inland wetlands", "Coastal wetlands",
           "Inland waters", "Marine waters"]
SPLITS = ["train"] * 6 + ["val"] * 2 + ["test"] * 2
START = datetime(2019, 1, 1, tzinfo=timezone.utc)
SPAN = 5 * 365 * 86400
SIZE = 0.01


def item(rnd, collection, n):
    w, s, e, nn = LAND[rnd.randrange(len(LAND))]
    lon = round(rnd.uniform(w, e - SIZE), 5)
    lat = round(rnd.uniform(s, nn - SIZE), 5)
    when = START + timedelta(seconds=rnd.randrange(SPAN))
    labels = rnd.sample(CLASSES, rnd.randint(1, 5))
    e2, n2 = round(lon + SIZE, 5), round(lat + SIZE, 5)
    ring = [[lon, lat], [e2, lat], [e2, n2], [lon, n2], [lon, lat]]
    return {
        "type": "Feature", "stac_version": "1.0.0", "id": f"{collection}-{n:07d}", "collection": collection,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "bbox": [lon, lat, e2, n2],
        "properties": {"datetime": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "labels": labels,
                       "split": rnd.choice(SPLITS), "eo:cloud_cover": round(rnd.uniform(0, 100), 1),
                       "platform": rnd.choice(["sentinel-2a", "sentinel-2b"])},
        "links": [], "assets": {},
    }


def main():
    out, total = sys.argv[1], int(sys.argv[2])
    collections = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(seed)
    for c in range(collections):
        name = f"bench-{chr(ord('a') + c)}"
        count = total // collections + (1 if c < total % collections else 0)
        path = os.path.join(out, f"{name}.ndjson.gz")
        with gzip.open(path, "wt", compresslevel=1) as f:
            for n in range(count):
                f.write(json.dumps(item(rnd, name, n), separators=(",", ":")))
                f.write("\n")
        print(path, count)


if __name__ == "__main__":
    main()
