"""Writes .npy files with numpy.save (not Patchserve) for the reader's unit test.

usage: make_npy_cases.py OUT_DIR

Each case: a file, and the same values as float64 in C order in <name>.f8 (raw little-endian) with the shape in
cases.json; dtypes float16/32/64, (u)int8/16/32, bool, big-endian, Fortran order, a version 2.0 header; and a
complex array and a string array the reader refuses.
"""
import json
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(3)
cases = []


def case(name, a, version=None, expect="values"):
    path = os.path.join(out, name + ".npy")
    if version:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, a, version=version)
    else:
        np.save(path, a)
    if expect == "values":
        np.ascontiguousarray(a, dtype="<f8").tofile(os.path.join(out, name + ".f8"))
    cases.append({"name": name, "shape": list(a.shape), "expect": expect})


base = rng.uniform(-100, 100, (3, 4, 5))
case("float16", base.astype(np.float16))
case("float32", base.astype(np.float32))
case("float64", base)
case("int16", (base * 300).astype(np.int16))
case("uint16", (np.abs(base) * 600).astype(np.uint16))
case("uint8", (np.abs(base) * 2).astype(np.uint8))
case("int8", base.astype(np.int8))
case("int32", (base * 1e6).astype(np.int32))
case("uint32", (np.abs(base) * 4e7).astype(np.uint32))
case("bool", base > 0)
case("bigendian", base.astype(">f4"))
case("fortran", np.asfortranarray(base.astype(np.float32)))
case("transposed", base.astype(np.float32).transpose(2, 0, 1))  # saved Fortran-ordered view of a C array
case("version2", base.astype(np.float32), version=(2, 0))
case("highres_like", rng.uniform(0, 1, (16, 16, 5, 3)).astype(np.float16))
case("complex", base.astype(np.complex64), expect="refused")
case("strings", np.array(["a", "b"]), expect="refused")
json.dump(cases, open(os.path.join(out, "cases.json"), "w"))
