"""%cudaenv in IPython notebooks: what CUDA, cuDNN and NVIDIA driver state this machine is in.

Written by `cudaenv install --ipython` (cudaenv @VERSION@); load it with `%load_ext cudaenv`, then `%cudaenv help`.
Each line runs cudaenv's command line (`magic --display-json LINE`) and shows the very outputs the Java kernel
shows (every MIME type of each bundle); `watch` updates its display in place. Probed anew on every line.
"""
import json
import subprocess
import sys
import tempfile

from IPython.display import display, update_display

COMMAND = @COMMAND@


class CudaenvError(Exception):
    """A failed line: shown as one line (its name and message), no Python traceback, and the cell fails."""

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


def _error(name, message):
    kind = type(name if name.isidentifier() else "CudaenvError", (CudaenvError,), {})
    return kind(message)


def _show(message):
    kind = message.get("type")
    if kind == "stream":
        (sys.stderr if message.get("name") == "stderr" else sys.stdout).write(message.get("text", ""))
    elif kind in ("display", "result"):
        extra = {"display_id": message["display_id"]} if message.get("display_id") else {}
        display(message.get("data", {}), metadata=message.get("metadata", {}), raw=True, **extra)
    elif kind == "update":
        update_display(message.get("data", {}), metadata=message.get("metadata", {}), raw=True,
                       display_id=message["display_id"])


def cudaenv(line=""):
    """%cudaenv [SUBCOMMAND] [FLAGS]: the report of this machine (%cudaenv help lists the subcommands)."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as errors:
        try:
            process = subprocess.Popen(COMMAND + ["magic", "--display-json", line], stdout=subprocess.PIPE,
                                       stderr=errors, stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                                       errors="replace")
        except OSError as e:
            raise _error("CudaenvError", f"cudaenv: cannot run {COMMAND[0]} ({e.strerror}); install it again"
                         " with 'cudaenv install --ipython'") from None
        failure = None
        try:
            for text in process.stdout:
                try:
                    message = json.loads(text)
                except ValueError:
                    continue
                if message.get("type") == "error":
                    failure = _error(str(message.get("ename", "CudaenvError")), str(message.get("evalue", "")))
                else:
                    _show(message)
            process.wait()
        except KeyboardInterrupt:
            process.terminate()
            process.wait()
            print("cudaenv: interrupted")
            return
        if failure:
            raise failure
        if process.returncode != 0:
            errors.seek(0)
            lines = ["".join(c for c in x if c.isprintable()).strip() for x in errors.read().splitlines()]
            lines = [x for x in lines if x]
            raise _error("CudaenvError", lines[-1] if lines
                         else f"cudaenv: {COMMAND[0]} exited with status {process.returncode}")


def load_ipython_extension(ipython):
    ipython.register_magic_function(cudaenv, "line", "cudaenv")
