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


def shown(outputs):
    """What a cell shows, in order: bundles, stream text (joined per stream), display updates, errors."""
    seen, streams = [], {}
    for m in outputs:
        kind, c = m["msg_type"], m["content"]
        if kind in ("display_data", "execute_result"):
            seen.append(("display", c["data"], c["metadata"]))
        elif kind == "update_display_data":
            seen.append(("update", c["data"], c["metadata"]))
        elif kind == "stream":
            streams[c["name"]] = streams.get(c["name"], "") + c["text"]
        elif kind == "error":
            seen.append(("error", c["ename"], c["evalue"]))
    return seen + sorted(("stream", name, text) for name, text in streams.items())


def main():
    samples = sys.argv[1]
    old = os.path.join(samples, "driver-too-old.json")
    healthy = os.path.join(samples, "healthy.json")
    # libs and the summary probe this machine: the same machine, but probe timings may differ between runs
    # check first: after load, the Java kernel checks the loaded report, a Python line always probes anew
    lines = ["check --gpus 99", "watch --interval 0.2 --count 3", f"load {old}", f"compare {healthy} {old}", "help"]
    java = {}
    with running_kernel(NAME) as (_, kc, _log):
        for line in lines:
            reply, outputs = run(kc, "%cudaenv " + line)
            java[line] = (reply["content"]["status"], shown(outputs))
            if not java[line][1]:
                fail(f"Java kernel, %cudaenv {line} shows nothing: {reply['content']} {outputs}")
    with running_kernel("python3") as (_, kc, _log):
        reply, outputs = run(kc, "%load_ext cudaenv")
        if reply["content"]["status"] != "ok":
            fail(f"%load_ext cudaenv: {reply['content']}")
        if any(m["msg_type"] == "stream" and "deprecated" in m["content"]["text"] for m in outputs):
            fail(f"loading the extension warns: {outputs}")
        for line in lines:
            reply, outputs = run(kc, "%cudaenv " + line)
            python = (reply["content"]["status"], shown(outputs))
            if line.startswith("watch") and any(s[0] == "display" for s in java[line][1]):
                # a GPU's live counters differ between two watches: the same displays and updates, in order
                python, expected = [s[0] for s in python[1]], [s[0] for s in java[line][1]]
            else:
                expected = java[line]
            if python != expected:
                fail(f"%cudaenv {line}: the Python kernel shows {python}\nthe Java kernel {expected}")
            print(f"ok   %cudaenv {line}: status {java[line][0]}, {[s[0] for s in java[line][1]]},"
                  f" MIME types {sorted(set(k for s in java[line][1] if s[0] == 'display' for k in s[1]))}"
                  " identical in both kernels")
        errors = [m for m in run(kc, "%cudaenv check --gpus 99")[1] if m["msg_type"] == "error"]
        if len(errors) != 1 or len(errors[0]["content"]["traceback"]) != 1:
            fail(f"a failed check is one line, no Python traceback: {errors}")

        # watch's updates in place (no GPU here: a stand-in command prints what watch prints on one)
        fake = ("import json\n"
                "for t, d in (('display', 'first'), ('update', 'second'), ('update', 'third')):\n"
                "    print(json.dumps({'type': t, 'data': {'text/plain': d, 'application/vnd.x+json': {'n': None}},"
                " 'metadata': {}, 'display_id': 'cudaenv-watch-1'}))\n")
        run(kc, f"import cudaenv; saved = cudaenv.COMMAND; cudaenv.COMMAND = ['/usr/bin/python3', '-c', {fake!r}]")
        reply, outputs = run(kc, "%cudaenv watch")
        shown_ = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        if reply["content"]["status"] != "ok" or len(shown_) != 1 or len(updates) != 2:
            fail(f"watch: one display and two updates expected: {[m['msg_type'] for m in outputs]}")
        if {m["content"]["transient"]["display_id"] for m in shown_ + updates} != {"cudaenv-watch-1"}:
            fail(f"watch updates another display: {outputs}")
        if updates[-1]["content"]["data"] != {"text/plain": "third", "application/vnd.x+json": {"n": None}}:
            fail(f"an update carries every MIME type as sent: {updates[-1]['content']}")
        print("ok   watch: one display, updated in place twice, vendor MIME types passed through")

        run(kc, "cudaenv.COMMAND = ['/nonexistent/cudaenv/bin/cudaenv']")
        reply, outputs = run(kc, "%cudaenv")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        if (reply["content"]["status"] != "error" or len(errors) != 1
                or "cannot run /nonexistent/cudaenv/bin/cudaenv" not in errors[0]["content"]["evalue"]
                or len(errors[0]["content"]["traceback"]) != 1):
            fail(f"a missing runtime is one clear error line: {outputs}")
        print("ok   no runtime: " + errors[0]["content"]["evalue"])
    print("OK")


if __name__ == "__main__":
    main()
