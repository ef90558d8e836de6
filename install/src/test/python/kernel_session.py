"""Helpers for the scripts that drive the installed cudaenv kernel with jupyter_client."""
import contextlib
import os
import signal
import sys
import tempfile
import time
from queue import Empty

from jupyter_client.manager import KernelManager

NAME = os.environ.get("CUDAENV_KERNEL_NAME", "cudaenv")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def reply_to(kc, msg_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_shell_msg(timeout=deadline - time.monotonic())
        if msg["parent_header"].get("msg_id") != msg_id:
            fail(f"a reply to something else arrived first: {msg['msg_type']} to {msg['parent_header']}")
        return msg
    fail(f"no reply to {msg_id}")


def iopub_until_idle(kc, msg_id, timeout=60):
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        if msg["parent_header"].get("msg_id") == msg_id:
            seen.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return seen
    fail(f"no idle for {msg_id}")


def results(outputs):
    return [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]


def drain_shell(kc):
    while True:
        try:
            kc.get_shell_msg(timeout=0.2)
        except Empty:
            return


@contextlib.contextmanager
def running_kernel(name=NAME):
    """Starts the kernel with its stderr in a log file; yields (manager, client, log path); shuts it down."""
    # a kernel inherits an ignored SIGINT (a shell's background job); a handler here resets it to default in the kernel
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
        log_path = log.name
    km = KernelManager(kernel_name=name)
    with open(log_path, "w") as log:
        km.start_kernel(stderr=log)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        time.sleep(0.5)
        drain_shell(kc)  # wait_for_ready may have asked more than once
        yield km, kc, log_path
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        os.unlink(log_path)
    if km.is_alive():
        fail("the kernel is still running after shutdown")
