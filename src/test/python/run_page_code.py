"""Runs the code a collection's page offers to copy, as a user pastes it, and checks what it gives.

usage: run_page_code.py FOLDER   (FOLDER holds check_pages.mjs's code-python.py, code-gdal.sh and code.json)

The Python snippet (requests, h5py, a torch Dataset and DataLoader over the filter's bundle.h5) runs as it is;
then its loader must hold as many patches as the filter matched, and a batch must come out of it. The GDAL
snippet's ogrinfo line (OGC API Features driver) must list the collection as a layer. Prints 'page code: ok'.
"""
import json
import os
import subprocess
import sys

from patchserve_client import check


def main():
    folder = sys.argv[1]
    expected = json.load(open(os.path.join(folder, "code.json")))["matched"]
    code = open(os.path.join(folder, "code-python.py")).read()
    scope = {}
    exec(compile(code, "code-python.py", "exec"), scope)
    loader = scope["loader"]
    check(len(loader.dataset) == expected, f"the page's DataLoader holds {len(loader.dataset)} patches, the filter matched {expected}")
    batch = next(iter(loader))
    check(batch.ndim == 4 and batch.shape[0] == min(16, expected), f"a batch of shape {tuple(batch.shape)}")
    ogrinfo = next(line for line in open(os.path.join(folder, "code-gdal.sh")) if line.startswith("ogrinfo"))
    out = subprocess.run(ogrinfo, shell=True, capture_output=True, text=True, timeout=120)
    check(out.returncode == 0, f"{ogrinfo.strip()} failed: {out.stderr}")
    layer = ogrinfo.split()[-1]
    check(f"Layer name: {layer}" in out.stdout, f"ogrinfo did not list layer {layer}: {out.stdout[:500]}")
    print(f"page code: ok, {expected} patches in the DataLoader, batch {tuple(batch.shape)}, ogrinfo lists {layer}")


if __name__ == "__main__":
    main()
