"""Grows a small BigEarthNet-S2 v1 release (made by src/test/python/make_bigearthnet.py with GDAL) to N patches
for benchmarks, without running GDAL N times: patch folders are repeated under new names, their GeoTIFFs
hard-linked (same pixels), each labels_metadata.json copied. The first VAL patches form val.csv, the rest train.csv.

usage: clone_bigearthnet.py SOURCE_RELEASE OUT_DIR N VAL
"""
import json
import os
import sys


def main():
    source, out, n, val = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    patches = sorted(p for p in os.listdir(source) if os.path.isdir(os.path.join(source, p)))
    os.makedirs(out, exist_ok=True)
    names = []
    for k in range(n):
        original = patches[k % len(patches)]
        # the release's name form (platform_MSIL2A_datetime_column_row), with a column and row of its own
        name = "_".join(original.split("_")[:3]) + f"_{100 + k // 1000}_{k % 1000}"
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        for f in os.listdir(os.path.join(source, original)):
            target = os.path.join(folder, f.replace(original, name))
            if os.path.exists(target):
                continue
            if f.endswith(".json"):
                with open(os.path.join(source, original, f)) as src, open(target, "w") as dst:
                    json.dump(json.load(src), dst)
            else:
                os.link(os.path.join(source, original, f), target)
        names.append(name)
    for split, members in (("val", names[:val]), ("train", names[val:]), ("test", [])):
        with open(os.path.join(out, f"{split}.csv"), "w") as f:
            f.write("".join(m + "\n" for m in members))
    print(f"{n} patches in {out}")


if __name__ == "__main__":
    main()
