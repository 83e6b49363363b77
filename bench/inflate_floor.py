"""The floor of a stacked export of BigEarthNet-like items: inflating and unshuffling their stored chunks.

usage: inflate_floor.py [S3_DIR]   (default: bench/stack.sh's S3 directory)

bundle.tar copies the items' stored bytes; bundle.h5 must inflate every band's deflate chunk (and undo HDF5's byte
shuffle) before it can send raw samples. This times zlib (the same C library the JDK's Inflater calls) over the
chunks of 200 stored item files, read with h5py's read_direct_chunk, in milliseconds per item.
"""
import glob, time, zlib, sys
import h5py, numpy as np
root = sys.argv[1] if len(sys.argv) > 1 else "/work/main/.state/bench-stack/s3"
files = sorted(glob.glob(f"{root}/**/*.h5", recursive=True))[:200]
chunks = []
for f in files:
    with h5py.File(f, "r") as h5:
        for g in ("10m", "20m", "60m"):
            ds = h5[g]
            for c in range(ds.shape[0]):
                mask, raw = ds.id.read_direct_chunk((c, 0, 0))
                chunks.append((raw, ds.dtype.itemsize))
t0 = time.perf_counter()
rounds = 5
for _ in range(rounds):
    for raw, size in chunks:
        out = zlib.decompress(raw)
        np.frombuffer(out, np.uint8).reshape(size, -1).T.tobytes()  # unshuffle
t = (time.perf_counter() - t0) / rounds / len(files)
t1 = time.perf_counter()
for _ in range(rounds):
    for raw, size in chunks:
        zlib.decompress(raw)
ti = (time.perf_counter() - t1) / rounds / len(files)
print(f"{len(files)} items: inflate {ti * 1e3:.3f} ms/item, inflate + unshuffle {t * 1e3:.3f} ms/item")
