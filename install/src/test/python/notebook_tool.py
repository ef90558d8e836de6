"""Test helper for NotebooksIT, run with Debian's /usr/bin/python3 (nbclient, nbformat).

  notebook_tool.py execute IN.ipynb OUT.ipynb KERNEL   runs every cell; a cell tagged raises-exception may fail
  notebook_tool.py sign NOTEBOOK.ipynb DATA_DIR        marks the notebook trusted for a server using DATA_DIR
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbformat.sign import NotebookNotary


def execute(src, dst, kernel):
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, timeout=300, startup_timeout=120, kernel_name=kernel,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
    client.execute()
    nbformat.write(nb, dst)


def sign(path, data_dir):
    nb = nbformat.read(path, as_version=4)
    NotebookNotary(data_dir=data_dir).sign(nb)


if __name__ == "__main__":
    if sys.argv[1] == "execute":
        execute(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "sign":
        sign(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown command " + sys.argv[1])
