#!/usr/bin/python3
"""How long %cudaenv takes in a running cudaenv kernel: the first (cold: probe) call, then warm calls (cached report).

Usage: /usr/bin/python3 bench/magic-warm.py [KERNEL_NAME] [WARM_RUNS]
Needs the kernel installed (java -jar install/target/cudaenv.jar install --user). Prints one line per measurement.
"""
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel


def timed(client, code):
    start = time.perf_counter()
    msg_id = client.execute(code)
    status = None
    while True:
        msg = client.get_iopub_msg(timeout=300)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            status = msg["content"]["ename"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return (time.perf_counter() - start) * 1000, status


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else "cudaenv"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    started = time.perf_counter()
    manager, client = start_new_kernel(kernel_name=kernel, startup_timeout=120)
    try:
        print(f"kernel start: {(time.perf_counter() - started) * 1000:.0f} ms")
        cold, error = timed(client, "%cudaenv")
        print(f"%cudaenv cold (first probe): {cold:.0f} ms{' error ' + error if error else ''}")
        for code in ("%cudaenv", "%cudaenv libs", "%cudaenv explain"):
            samples = [timed(client, code)[0] for _ in range(runs)]
            print(f"{code} warm: median {statistics.median(samples):.1f} ms, "
                  f"min {min(samples):.1f} ms, max {max(samples):.1f} ms over {runs} runs")
        refresh, _ = timed(client, "%cudaenv --refresh")
        print(f"%cudaenv --refresh (probe again): {refresh:.0f} ms")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
