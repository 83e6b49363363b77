"""The CPU that ingesting one BigEarthNet-like patch costs on this machine before any code of ours runs.

These parts of an ingest are not the service's to make cheaper, and each is measured here without the service:

1. deflate: the canonical HDF5 must be deflated (issue #4). The patch's 12 bands, byte-shuffled as the file
   stores them, are compressed with C zlib at level 1 (the service's level), one thread, in this process.
   The PNG preview is deflated too: its filtered rows, as the service stored them, at level 1 (the cheapest).
2. checksums: SHA-256 of the two stored objects (file:checksum and ETags), hashlib (OpenSSL).
3. storing: the S3 server writing the patch's two objects (HDF5 + PNG preview). The very objects the service
   stored for collection COLLECTION are PUT again, straight to the S3 server by curl (SigV4, unsigned payload,
   PARALLEL curls at once, no service), and the S3 server's CPU is read from /proc before and after; the
   cheapest of three rounds counts.
4. sending: the client's side of the same PUTs, the curls' own CPU (reading the files, signing, writing the
   sockets) less what starting a curl costs, cheapest of three rounds. Any uploader pays it; the service's CPU
   includes its own.
PostgreSQL's CPU per patch, as measured around the service's own import (passed in), is printed for reference
but not counted: how much the database does is up to our SQL.

Usage: ingest_floor.py BEN_FOLDERS S3_DATA_DIR COLLECTION POSTGRES_MS_PER_PATCH [PARALLEL [VALUES_FILE]]
Needs the stack's environment (stack.sh env) for the S3 endpoint, keys and bucket and the database.
Prints a Markdown table; VALUES_FILE, when given, gets "FLOOR_MS DECODE_MS" (for a harness's ratios).
"""
import hashlib
import io
import os
import resource
import struct
import subprocess
import sys
import time
import zlib

import numpy as np
from PIL import Image

from proc_cpu import snapshot

BUDGET_MS = os.cpu_count() * 1000 / 200  # every core busy at 200 patches/s


def band_arrays(folder):
    return [np.asarray(Image.open(os.path.join(folder, name)))
            for name in sorted(os.listdir(folder)) if name.endswith(".tif")]


def shuffled(array):
    """The bytes of a band as HDF5's shuffle filter lays them out: all first bytes, then all second bytes."""
    raw = np.ascontiguousarray(array).view(np.uint8).reshape(-1, array.dtype.itemsize)
    return raw.T.tobytes()


def patch_folders(root):
    return [os.path.join(root, f) for f in sorted(os.listdir(root)) if os.path.isdir(os.path.join(root, f))]


def tiff_decode_ms_per_patch(root):
    """Decoding the 12 GeoTIFFs with libtiff (through Pillow), from bytes already in memory."""
    patches = [[open(os.path.join(f, n), "rb").read() for n in sorted(os.listdir(f)) if n.endswith(".tif")]
               for f in patch_folders(root)]
    return cpu_ms_each(patches, lambda files: [Image.open(io.BytesIO(b)).load() for b in files])


def deflate_ms_per_patch(root):
    patches = [[shuffled(a) for a in band_arrays(f)] for f in patch_folders(root)]
    return cpu_ms_each(patches, lambda bands: [zlib.compress(b, 1) for b in bands]), len(patches)


def png_rows(png):
    """The filtered rows of a PNG: its IDAT chunks inflated."""
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


def cpu_ms_each(items, work):
    for item in items[:20]:  # warm caches
        work(item)
    start = time.process_time()
    for item in items:
        work(item)
    return (time.process_time() - start) * 1000 / len(items)


def stored_objects_ms_per_patch(s3_data, collection):
    """Preview deflate and the checksums of both objects, over the objects the service stored."""
    bucket = os.environ["PATCHSERVE_STORAGE_BUCKET"]
    blobs = {}
    for key in object_keys(collection):
        with open(os.path.join(s3_data, bucket, key), "rb") as f:
            blobs[key] = f.read()
    previews = [png_rows(b) for k, b in blobs.items() if k.endswith(".png")]
    patches = len(previews)
    preview_ms = cpu_ms_each(previews, lambda rows: zlib.compress(rows, 1))
    checksum_ms = cpu_ms_each(list(blobs.values()), lambda b: hashlib.sha256(b).digest()) * len(blobs) / patches
    return preview_ms, checksum_ms


def object_keys(collection):
    env = dict(os.environ, PGPASSWORD=os.environ["QUARKUS_DATASOURCE_PASSWORD"])
    url = os.environ["QUARKUS_DATASOURCE_JDBC_URL"].removeprefix("jdbc:postgresql://")
    host_port, database = url.split("/", 1)
    host, port = host_port.split(":")
    sql = ("SELECT a.value->>'objectKey' FROM item i, jsonb_each(i.assets) a "
           f"WHERE i.collection_id = '{collection}' ORDER BY i.id, a.key")
    out = subprocess.run(["psql", "-X", "-At", "-h", host, "-p", port, "-U", os.environ["QUARKUS_DATASOURCE_USERNAME"],
                          "-d", database, "-c", sql], env=env, check=True, capture_output=True, text=True)
    return out.stdout.split()


def store_ms_per_patch(s3_data, collection, parallel, workdir):
    """PUTs the collection's stored objects again under floor/, PARALLEL curls at once."""
    endpoint = os.environ["PATCHSERVE_STORAGE_ENDPOINT"]
    bucket = os.environ["PATCHSERVE_STORAGE_BUCKET"]
    keys = object_keys(collection)
    configs = []
    for n in range(parallel):
        path = os.path.join(workdir, f"floor-puts-{n}.curl")
        with open(path, "w") as config:
            config.write('header = "x-amz-content-sha256: UNSIGNED-PAYLOAD"\n')
            for key in keys[n::parallel]:
                config.write(f'upload-file = "{os.path.join(s3_data, bucket, key)}"\n')
                config.write(f'url = "{endpoint}/{bucket}/floor/{key}"\noutput = "/dev/null"\n')
        configs.append(path)
    user = f"{os.environ['PATCHSERVE_STORAGE_ACCESS_KEY']}:{os.environ['PATCHSERVE_STORAGE_SECRET_KEY']}"
    before, clients_before = snapshot()[2], children_cpu_ms()
    start = time.monotonic()
    curls = [subprocess.Popen(["curl", "-sf", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", user, "-K", c])
             for c in configs]
    if any(c.wait() != 0 for c in curls):
        sys.exit("a PUT to the S3 server failed")
    seconds = time.monotonic() - start
    patches = len(keys) / 2
    # a curl's own start (loading libcurl and OpenSSL: ~30 ms) is no part of sending; a service pays it never
    sending = children_cpu_ms() - clients_before - parallel * curl_start_ms()
    return (snapshot()[2] - before) / patches, max(0.0, sending) / patches, patches / seconds


def children_cpu_ms():
    """CPU of this process's waited-for children so far (the curls: file reads, SigV4, socket writes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def curl_start_ms():
    """The CPU of a curl that starts, reads nothing and exits: the cheapest of three."""
    costs = []
    for _ in range(3):
        before = children_cpu_ms()
        subprocess.run(["curl", "-s", "-o", "/dev/null", "file:///dev/null"], check=True)
        costs.append(children_cpu_ms() - before)
    return min(costs)


def main():
    root, s3_data, collection, postgres_ms = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    parallel = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    deflate_ms, patches = deflate_ms_per_patch(root)
    preview_ms, checksum_ms = stored_objects_ms_per_patch(s3_data, collection)
    decode_ms = tiff_decode_ms_per_patch(root)
    # the S3 server is a JVM too: its cheapest of three rounds, so that its warm-up does not count as its cost
    rounds = [store_ms_per_patch(s3_data, collection, parallel, os.path.dirname(s3_data.rstrip("/"))) for _ in range(3)]
    store_ms, store_rate = min((r[0], r[2]) for r in rounds)
    send_ms = min(r[1] for r in rounds)
    floor = deflate_ms + preview_ms + checksum_ms + store_ms + send_ms
    print(f"| per patch, CPU on this machine ({patches} patches) | ms |")
    print("|---|---|")
    print(f"| deflate of the 12 bands, byte-shuffled, C zlib level 1, one thread | {deflate_ms:.1f} |")
    print(f"| deflate of the PNG preview's filtered rows, C zlib level 1 | {preview_ms:.1f} |")
    print(f"| SHA-256 of the 2 stored objects (OpenSSL) | {checksum_ms:.1f} |")
    print(f"| S3 server storing the patch's 2 objects (curl PUT, {parallel} at once, no service, cheapest of 3 rounds; "
          f"{store_rate:.0f} patches/s) | {store_ms:.1f} |")
    print(f"| sending them: the client's side of those PUTs (curl's CPU less its start: reading the files, SigV4, "
          f"socket writes; cheapest of 3 rounds) | {send_ms:.1f} |")
    print(f"| **sum: before a GeoTIFF is decoded, a statistic computed, a row written or a file laid out** | **{floor:.1f}** |")
    print(f"| budget at 200 patches/s on {os.cpu_count()} cores | {BUDGET_MS:.1f} |")
    print(f"| (decoding the 12 GeoTIFFs with libtiff through Pillow, for comparison: not counted above) | {decode_ms:.1f} |")
    print(f"| (PostgreSQL, as the service's import used it: our SQL, so not counted above) | {postgres_ms:.1f} |")
    if len(sys.argv) > 6:
        with open(sys.argv[6], "w") as values:
            values.write(f"{floor:.3f} {decode_ms:.3f}\n")

if __name__ == "__main__":
    main()
