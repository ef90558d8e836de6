"""%cudaenv in the Python kernel (ipykernel, with the extension `cudaenv install --ipython` wrote) shows the very
bundles the Java kernel shows; watch updates one display in place; a failed check and a missing runtime are one
error line each.

Run: JUPYTER_DATA_DIR=... CUDAENV_KERNEL_NAME=... PYTHONUSERBASE=... /usr/bin/python3 python_magic.py SAMPLES_DIR
"""
import os
import sys

from kernel_session import NAME, fail, iopub_until_idle, reply_to, running_kernel


def run(kc, code, timeout=120):
    msg_id = kc.execute(code)
    outputs = iopub_until_idle(kc, msg_id, timeout)
    return reply_to(kc, msg_id, timeout), outputs


def bundles(outputs):
    return [(m["content"]["data"], m["content"]["metadata"]) for m in outputs
            if m["msg_type"] in ("display_data", "execute_result")]


def main():
    samples = sys.argv[1]
    old = os.path.join(samples, "driver-too-old.json")
    healthy = os.path.join(samples, "healthy.json")
    lines = [f"load {old}", f"compare {healthy} {old}", "help"]
    java = {}
    with running_kernel(NAME) as (_, kc, _log):
        for line in lines:
            reply, outputs = run(kc, "%cudaenv " + line)
            java[line] = bundles(outputs)
            if reply["content"]["status"] != "ok" or not java[line]:
                fail(f"Java kernel, %cudaenv {line}: {reply['content']} {outputs}")
    with running_kernel("python3") as (_, kc, _log):
        reply, outputs = run(kc, "%load_ext cudaenv")
        if reply["content"]["status"] != "ok":
            fail(f"%load_ext cudaenv: {reply['content']}")
        if any(m["msg_type"] == "stream" and "deprecated" in m["content"]["text"] for m in outputs):
            fail(f"loading the extension warns: {outputs}")
        for line in lines:
            reply, outputs = run(kc, "%cudaenv " + line)
            if reply["content"]["status"] != "ok":
                fail(f"Python kernel, %cudaenv {line}: {reply['content']}")
            if bundles(outputs) != java[line]:
                fail(f"%cudaenv {line}: the Python kernel shows {bundles(outputs)}\nthe Java kernel {java[line]}")
            print(f"ok   %cudaenv {line}: {len(java[line])} bundle(s), MIME types "
                  f"{sorted(set(k for data, _ in java[line] for k in data))} identical in both kernels")

        reply, outputs = run(kc, "%cudaenv watch --interval 0.2 --count 3")
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        if reply["content"]["status"] != "ok" or len(shown) != 1 or len(updates) != 2:
            fail(f"watch: one display and two updates expected: {[m['msg_type'] for m in outputs]}")
        ids = {m["content"]["transient"]["display_id"] for m in shown + updates}
        if len(ids) != 1:
            fail(f"watch updates another display: {ids}")
        print("ok   %cudaenv watch: one display, updated in place twice")

        reply, outputs = run(kc, "%cudaenv check --gpus 99")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        if reply["content"]["status"] != "error" or len(errors) != 1:
            fail(f"a failed check is an error: {reply['content']} {outputs}")
        shown = "\n".join(errors[0]["content"]["traceback"])
        if "--gpus 99 not met" not in shown or "Traceback" in shown or "File \"" in shown:
            fail(f"a failed check is one line, no Python traceback: {shown!r}")
        print("ok   %cudaenv check --gpus 99: " + errors[0]["content"]["evalue"][:80])

        run(kc, "import cudaenv; cudaenv.COMMAND = ['/nonexistent/cudaenv/bin/cudaenv']")
        reply, outputs = run(kc, "%cudaenv")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        if not errors or "cannot run /nonexistent/cudaenv/bin/cudaenv" not in errors[0]["content"]["evalue"]:
            fail(f"a missing runtime is one clear line: {outputs}")
        print("ok   no runtime: " + errors[0]["content"]["evalue"])
    print("OK")


if __name__ == "__main__":
    main()
