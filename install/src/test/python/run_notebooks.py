"""Executes every notebook under a folder with nbclient and the installed cudaenv kernel. A cell must not produce
an error output, except cells tagged raises-exception (nbclient's convention), which must.

Run: JUPYTER_DATA_DIR=... CUDAENV_KERNEL_NAME=... /usr/bin/python3 run_notebooks.py NOTEBOOKS_DIR
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NAME = os.environ.get("CUDAENV_KERNEL_NAME", "cudaenv")


def check(path):
    nb = nbformat.read(path, as_version=4)
    # a Python notebook (%cudaenv through the IPython extension) runs in ipykernel, every other in cudaenv's kernel
    python = nb.metadata.get("kernelspec", {}).get("language") == "python"
    NotebookClient(nb, kernel_name="python3" if python else NAME, timeout=300, allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        expected = "raises-exception" in cell.metadata.get("tags", [])
        if errors and not expected:
            problems.append(f"cell {index} failed: {errors[0].ename}: {errors[0].evalue}")
        if expected and not errors:
            problems.append(f"cell {index} is tagged raises-exception but did not fail")
    return problems


def main():
    # Notebooks write files (%cudaenv save): run copies, so the source tree stays as committed.
    work = Path(tempfile.mkdtemp(prefix="cudaenv-notebooks-"))
    folder = work / "notebooks"
    shutil.copytree(sys.argv[1], folder)
    try:
        run_all(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_all(folder):
    notebooks = sorted(folder.glob("**/*.ipynb"))
    if not notebooks:
        print(f"FAIL: no notebooks under {folder}")
        sys.exit(1)
    failed = False
    for path in notebooks:
        problems = check(path)
        print(("FAIL " if problems else "ok   ") + str(path.relative_to(folder)))
        for problem in problems:
            print("     " + problem)
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
