#!/usr/bin/env python3
"""What a researcher does from a notebook, with nothing but the standard library: find the search link on the
landing page, page through a collection with POST /search and its next links, download each patch through its
asset href, check it against file:size and file:checksum, and resume a download with a Range request.

Usage: notebook_user.py BASE_URL COLLECTION EXPECTED_COUNT   (exit status 0 when every check holds)
"""
import hashlib
import json
import sys
import urllib.request


def fetch(url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return response.status, dict(response.headers), response.read()


def main():
    base, collection, expected = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
    _, _, landing = fetch(base + "/")
    search = next(l for l in json.loads(landing)["links"] if l["rel"] == "search" and l.get("method") == "POST")

    items, body = [], {"collections": [collection], "limit": 2}
    while body is not None:
        _, headers, page = fetch(search["href"], body)
        assert headers["Content-Type"].startswith("application/geo+json"), headers["Content-Type"]
        page = json.loads(page)
        items += page["features"]
        nxt = [l for l in page["links"] if l["rel"] == "next"]
        body = nxt[0]["body"] if nxt else None
    ids = [i["id"] for i in items]
    assert len(ids) == expected and len(set(ids)) == expected, ids

    for item in items:
        asset = item["assets"]["image"]
        _, headers, data = fetch(asset["href"])
        assert len(data) == asset["file:size"], (item["id"], len(data), asset["file:size"])
        assert "1220" + hashlib.sha256(data).hexdigest() == asset["file:checksum"], item["id"]
        assert headers["ETag"] == '"%s"' % hashlib.sha256(data).hexdigest()

    # a broken download resumed with Range joins into the same bytes
    asset = items[0]["assets"]["image"]
    half = asset["file:size"] // 2
    status, _, first = fetch(asset["href"], headers={"Range": "bytes=0-%d" % (half - 1)})
    assert status == 206 and len(first) == half
    status, _, rest = fetch(asset["href"], headers={"Range": "bytes=%d-" % half})
    assert status == 206
    assert "1220" + hashlib.sha256(first + rest).hexdigest() == asset["file:checksum"]
    print("notebook user: ok, %d items paged, downloaded and verified" % len(items))


if __name__ == "__main__":
    main()
