"""Runs each %cudaenv subcommand in the installed kernel and saves the display messages it sends, as sent.

  capture_displays.py OUT.json SAMPLES_DIR

Writes a list of {"source", "msgType", "content"} for every display_data, execute_result and the last
update_display_data of each cell, for the JupyterLab rendering test to feed to JupyterLab's own renderers.
"""
import json
import os
import sys

from kernel_session import fail, iopub_until_idle, reply_to, running_kernel


def cells(samples):
    broken = os.path.join(samples, "container-without-gpus.json")
    healthy = os.path.join(samples, "healthy.json")
    return [
        "%cudaenv",
        "%cudaenv driver", "%cudaenv gpus", "%cudaenv libs", "%cudaenv frameworks", "%cudaenv container",
        "%cudaenv findings", "%cudaenv explain",
        "%cudaenv tag pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel",
        "%cudaenv watch --interval 0.2 --count 2",
        "%cudaenv json", "%cudaenv help",
        f"%cudaenv compare {healthy} {broken}",
        f"%cudaenv load {broken}", "%cudaenv", "%cudaenv findings", "%cudaenv explain",
        f"%cudaenv load {os.path.join(samples, 'driver-too-old.json')}", "%cudaenv",
        f"%cudaenv load {healthy}", "%cudaenv",
    ]


def main(out, samples):
    captured = []
    with running_kernel() as (km, kc, log):
        for source in cells(samples):
            msg_id = kc.execute(source)
            reply = reply_to(kc, msg_id, timeout=120)
            if reply["content"]["status"] != "ok":
                fail(f"{source}: {reply['content']}")
            last_update = None
            for m in iopub_until_idle(kc, msg_id, timeout=120):
                if m["msg_type"] in ("display_data", "execute_result"):
                    captured.append({"source": source, "msgType": m["msg_type"], "content": m["content"]})
                elif m["msg_type"] == "update_display_data":
                    last_update = {"source": source + "  (last update)", "msgType": m["msg_type"],
                                   "content": m["content"]}
            if last_update:
                captured.append(last_update)
    with open(out, "w") as f:
        json.dump(captured, f)
    print(f"captured {len(captured)} display messages")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
