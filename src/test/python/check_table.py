"""Checks a collection's items exported as tables, read as pandas and geopandas users read them.

usage: check_table.py BASE_URL COLLECTION

items.csv with pandas (a row per item, properties as columns, a filter narrows it); items.parquet with
geopandas (GeoParquet metadata, the footprints as the STAC items have them, timestamps, labels as lists, assets
as structs); POST /search/items.parquet; byte-stable downloads (same ETag twice, Range resumes).
Prints 'table: ok ...'.
"""
import io
import json
import sys
import urllib.parse
import urllib.request

import geopandas
import numpy as np
import pandas
import pyarrow.parquet as pq
import shapely.geometry

from patchserve_client import all_items, check, get, get_status


def main():
    base, collection = sys.argv[1], sys.argv[2]
    items = {i["id"]: i for i in all_items(base, collection)}

    status, headers, body = get(f"{base}/collections/{collection}/items.csv")
    check(status == 200 and headers["Content-Type"].startswith("text/csv"), f"items.csv: {status} {headers.get('Content-Type')}")
    frame = pandas.read_csv(io.BytesIO(body))
    check(sorted(frame["id"]) == sorted(items) and len(frame) == len(items), f"items.csv ids {list(frame['id'])}")
    for _, row in frame.iterrows():
        item = items[row["id"]]
        check(row["split"] == item["properties"]["split"], f"{row['id']}: split in the CSV")
        check(json.loads(row["labels"]) == item["properties"]["labels"], f"{row['id']}: labels as JSON in the CSV")
        check(np.isclose(row["xmin"], item["bbox"][0]) and np.isclose(row["ymax"], item["bbox"][3]), f"{row['id']}: bbox")
        check(row["asset:data"] == item["assets"]["data"]["href"], f"{row['id']}: asset href")
    again = get(f"{base}/collections/{collection}/items.csv")
    check(again[2] == body and again[1]["ETag"] == headers["ETag"], "items.csv is byte-stable")
    check(f'{collection}-items-' in headers["Content-Disposition"], f"file name {headers['Content-Disposition']}")
    query = urllib.parse.urlencode({"filter": "split = 'train'"})
    train = pandas.read_csv(io.BytesIO(get(f"{base}/collections/{collection}/items.csv?{query}")[2]))
    expected_train = sorted(i for i, item in items.items() if item["properties"]["split"] == "train")
    check(sorted(train["id"]) == expected_train, f"a filter narrows the CSV: {list(train['id'])}")

    status, headers, body = get(f"{base}/collections/{collection}/items.parquet")
    check(status == 200, f"items.parquet: {status}")
    geo = json.loads(pq.read_metadata(io.BytesIO(body)).metadata[b"geo"])
    check(geo["primary_column"] == "geometry" and geo["columns"]["geometry"]["encoding"] == "WKB", f"geo metadata {geo}")
    table = geopandas.read_parquet(io.BytesIO(body))
    check(len(table) == len(items) and table.crs is not None and table.crs.to_string() == "OGC:CRS84", f"GeoParquet: {len(table)} rows, crs {table.crs}")
    check(str(table["datetime"].dtype).startswith("datetime64") and "UTC" in str(table["datetime"].dtype), f"datetime {table['datetime'].dtype}")
    for _, row in table.iterrows():
        item = items[row["id"]]
        check(row["geometry"].equals_exact(shapely.geometry.shape(item["geometry"]), 1e-9), f"{row['id']}: footprint")
        check(list(row["labels"]) == item["properties"]["labels"] and row["split"] == item["properties"]["split"], f"{row['id']}: labels")
        check(row["assets"]["data"]["href"] == item["assets"]["data"]["href"], f"{row['id']}: assets struct")
        check(row["collection"] == collection and row["type"] == "Feature", f"{row['id']}: STAC columns")
    # the bbox struct (geopandas reads it as the geometry's covering and leaves it out of the frame)
    arrow = pq.read_table(io.BytesIO(body)).to_pylist()
    for row in arrow:
        b = items[row["id"]]["bbox"]
        check(np.allclose([row["bbox"][k] for k in ("xmin", "ymin", "xmax", "ymax")], b), f"{row['id']}: bbox struct")
    request = urllib.request.Request(f"{base}/collections/{collection}/items.parquet", headers={"Range": "bytes=100-"})
    with urllib.request.urlopen(request) as r:
        check(r.status == 206 and body[:100] + r.read() == body, "items.parquet resumes with Range")

    some = sorted(items)[:2]
    request = urllib.request.Request(f"{base}/search/items.parquet", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"collections": [collection], "ids": some}).encode())
    with urllib.request.urlopen(request) as r:
        subset = geopandas.read_parquet(io.BytesIO(r.read()))
    check(sorted(subset["id"]) == some, f"POST /search/items.parquet: {list(subset['id'])}")
    empty = pq.read_table(io.BytesIO(get(f"{base}/collections/{collection}/items.parquet?ids=no-such-item")[2]))
    check(empty.num_rows == 0, "an empty search is an empty table")
    code, _ = get_status(f"{base}/collections/{collection}/items.csv?limit=5")
    check(code == 400, f"an unknown parameter: {code}")
    print(f"table: ok, {len(items)} items as CSV and GeoParquet")


if __name__ == "__main__":
    main()
