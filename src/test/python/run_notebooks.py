"""Executes the notebooks under notebooks/ with nbclient, as Jupyter would, against a running service.

usage: run_notebooks.py BASE_URL NOTEBOOK=COLLECTION [NOTEBOOK=COLLECTION ...]

Each notebook runs in a fresh kernel (this interpreter's), in a temporary folder, with PATCHSERVE_URL and
PATCHSERVE_COLLECTION set; a failing cell (every cell asserts what it shows) fails the run. Prints
'notebooks: ok ...' with the cells executed.
"""
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient


def main():
    base = sys.argv[1]
    executed = []
    for spec in sys.argv[2:]:
        path, collection = spec.split("=", 1)
        notebook = nbformat.read(path, as_version=4)
        os.environ["PATCHSERVE_URL"] = base
        os.environ["PATCHSERVE_COLLECTION"] = collection
        with tempfile.TemporaryDirectory() as work:
            client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": work}})
            client.execute()
        code = [c for c in notebook.cells if c.cell_type == "code"]
        failed = [c for c in code if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
        if failed or any(c.get("execution_count") is None for c in code):
            raise AssertionError(f"{path}: cells failed or did not run")
        figures = sum(1 for c in code for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
        executed.append(f"{os.path.basename(path)} {len(code)} cells, {figures} figures")
    print("notebooks: ok, " + "; ".join(executed))


if __name__ == "__main__":
    main()
