"""Checks a collection's bundles the way users take them home: Python's tarfile in streaming mode, GNU tar,
curl-style resumes with Range, and the index and stored objects as the truth.

usage: check_bundle.py BASE_URL COLLECTION WORK_DIR
"""
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import urllib.error
import urllib.request

from patchserve_client import all_items, check, get


def fetch(url, headers=None, data=None):
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def main():
    base, collection, work = sys.argv[1], sys.argv[2], sys.argv[3]
    items = {i["id"]: i for i in all_items(base, collection)}
    for ext in ("tar.gz", "tar"):
        url = f"{base}/collections/{collection}/bundle.{ext}"
        status, headers, whole = fetch(url)
        check(status == 200 and int(headers["Content-Length"]) == len(whole), f"{ext}: status {status}, length")
        again = fetch(url)
        check(again[2] == whole and again[1]["ETag"] == headers["ETag"], f"{ext}: two downloads are identical")

        mode = "r|gz" if ext == "tar.gz" else "r|"
        names, manifest, rows = [], None, None
        with tarfile.open(fileobj=io.BytesIO(whole), mode=mode) as archive:
            for member in archive:
                names.append(member.name)
                content = archive.extractfile(member).read()
                check(member.mtime == 946684800 and member.uid == 0 and member.mode == 0o644, f"{member.name}: fixed metadata")
                if member.name == "manifest.json":
                    manifest = json.loads(content)
                    files = {f["path"]: f for item in manifest["items"] for f in item["files"]}
                elif member.name == "manifest.csv":
                    rows = list(csv.DictReader(io.StringIO(content.decode())))
                elif member.name not in ("LICENSE.txt", "CITATION.txt", "SHA256SUMS"):
                    entry = files[member.name]
                    check(hashlib.sha256(content).hexdigest() == entry["sha256"] and len(content) == entry["size"],
                          f"{member.name}: sha256 and size as the manifest says")
                    _, item_id, _ = member.name.split("/", 2)
                    asset = items[item_id]["assets"][entry["asset"]]
                    check(asset["file:checksum"] == "1220" + entry["sha256"] and asset["file:size"] == entry["size"],
                          f"{member.name}: as the index says")
        check(names[:1] == ["LICENSE.txt"] and "manifest.json" in names[:4] and "manifest.csv" in names[:4], f"{ext}: head {names[:4]}")
        data_names = [n for n in names if n.count("/") == 2]
        check(len(data_names) == len(items) == manifest["item_count"] == len(rows), f"{ext}: one file per item, {len(data_names)}")
        check(set(data_names) == set(files), f"{ext}: the archive holds exactly the manifest's files")

        for cut in sorted({1, 9, 10, 11, 512, 65_544, 65_545, len(whole) // 3, len(whole) - 9, len(whole) - 1}):
            status, h, rest = fetch(url, {"Range": f"bytes={cut}-", "If-Range": headers["ETag"]})
            check(status == 206 and whole[:cut] + rest == whole, f"{ext}: resumed at {cut}: {status}")
        status, h, part = fetch(url, {"Range": "bytes=70000-70099"})
        check(status == 206 and part == whole[70000:70100], f"{ext}: a middle range")
        status, h, body = fetch(url, {"Range": "bytes=0-9", "If-Range": '"stale"'})
        check(status == 200 and body == whole, f"{ext}: a stale If-Range gets the whole archive")
        status, h, _ = fetch(url, {"If-None-Match": headers["ETag"]})
        check(status == 304, f"{ext}: If-None-Match -> {status}")

        path = os.path.join(work, "bundle." + ext)
        with open(path, "wb") as f:
            f.write(whole)
        out = os.path.join(work, "x-" + ext.replace(".", "-"))
        os.makedirs(out)
        subprocess.run(["tar", "-xzf" if ext == "tar.gz" else "-xf", path, "-C", out], check=True)
        if ext == "tar.gz":
            subprocess.run(["gzip", "-t", path], check=True)
        for name in data_names:
            with open(os.path.join(out, name), "rb") as f:
                check(hashlib.sha256(f.read()).hexdigest() == files[name]["sha256"], f"GNU tar extracted {name}")
        # coreutils checks every other file of the archive against SHA256SUMS
        sums = subprocess.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
        listed = open(os.path.join(out, "SHA256SUMS")).read().splitlines()
        check(sums.returncode == 0 and len(listed) == len(names) - 1 and sums.stdout.count(": OK") == len(listed),
              f"{ext}: sha256sum -c SHA256SUMS: {sums.returncode} {sums.stdout[-500:]} {sums.stderr[-500:]}")
        # the file name says which selection it holds (scope and content digest)
        disposition = headers["Content-Disposition"]
        check(f'filename="{collection}-bundle-{headers["ETag"].strip(chr(34))[4:16]}.{ext}"' in disposition, f"{ext}: file name {disposition}")

    # two selections of one collection never share a file name
    first, second = sorted(items)[:1], sorted(items)[1:2]
    name_a = fetch(f"{base}/collections/{collection}/bundle.tar?ids={first[0]}")[1]["Content-Disposition"]
    name_b = fetch(f"{base}/collections/{collection}/bundle.tar?ids={second[0]}")[1]["Content-Disposition"]
    check(name_a != name_b, f"distinct selections, distinct names: {name_a} / {name_b}")

    some = sorted(items)[:2]
    status, h, body = fetch(f"{base}/collections/{collection}/bundle.tar?ids={','.join(some)}")
    with tarfile.open(fileobj=io.BytesIO(body), mode="r|") as archive:
        got = [m.name for m in archive if m.name.count("/") == 2]
    check(sorted(n.split("/")[1] for n in got) == some, f"ids selects: {got}")
    status, h, body = fetch(f"{base}/search/bundle.tar.gz", data=json.dumps({"collections": [collection], "ids": some}).encode())
    with tarfile.open(fileobj=io.BytesIO(body), mode="r|gz") as archive:
        got = [m.name for m in archive if m.name.count("/") == 2]
    check(status == 200 and len(got) == 2, f"POST /search/bundle.tar.gz: {status} {got}")
    # the POST names its GET twin, which gives the same bytes and resumes
    twin = h["Content-Location"]
    check("/search/bundle.tar.gz?" in twin and "ids=" in twin, f"Content-Location {twin}")
    status, h2, same = fetch(twin)
    check(status == 200 and same == body and h2["ETag"] == h["ETag"], f"GET twin of the POST: {status}")
    status, _, rest = fetch(twin, {"Range": "bytes=100-", "If-Range": h["ETag"]})
    check(status == 206 and body[:100] + rest == body, f"the GET twin resumes: {status}")
    search = {"collections": [collection], "filter": {"op": "in", "args": [{"property": "id"}, some]},
              "sortby": [{"field": "id", "direction": "desc"}]}
    status, h, body = fetch(f"{base}/search/bundle.tar", data=json.dumps(search).encode())
    status, _, same = fetch(h["Content-Location"])
    check(same == body, f"a CQL2-JSON filter and sortby survive the GET twin: {h['Content-Location']}")

    status, h, body = fetch(f"{base}/collections/{collection}/bundle.tar.gz?ids=no-such-item")
    with tarfile.open(fileobj=io.BytesIO(body), mode="r|gz") as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive}
    check(status == 200 and json.loads(members["manifest.json"])["item_count"] == 0, "an empty selection is a valid archive")
    status, h, body = fetch(f"{base}/collections/{collection}/bundle.tar?assets=nope")
    check(status == 400 and "nope" in json.loads(body)["description"], f"unknown asset key: {status} {body[:200]}")
    print(f"bundle: ok, {len(items)} items")


if __name__ == "__main__":
    main()
