"""Input and interrupts against the installed cudaenv kernel, driven by jupyter_client:
System.in in a Java cell asks the client with input_request when the execute_request allows stdin, and reads
end-of-file when it does not; with a kernelspec whose interrupt_mode is "signal", interrupt_kernel() (SIGINT to the
kernel's process group) stops a running loop and the kernel keeps serving.

Run: JUPYTER_DATA_DIR=... CUDAENV_KERNEL_NAME=... /usr/bin/python3 stdin_and_signals.py
"""
import json
import shutil
import time
from pathlib import Path
from queue import Empty

from jupyter_client.kernelspec import KernelSpecManager

from kernel_session import NAME, fail, iopub_until_idle, reply_to, results, running_kernel

READ_TWO_LINES = ('var in = new Scanner(System.in);\n'
                  'System.out.print("name: ");\n'
                  'String name = in.nextLine();\n'
                  'System.out.print("age: ");\n'
                  'name + " is " + (in.nextInt() + 1) + " next year"')


def input_goes_through_the_stdin_channel(kc):
    answers = iter(["Ada Lovelace", "36"])
    requests = []

    def stdin_hook(msg):
        requests.append(msg)
        kc.input(next(answers))

    outputs = []
    reply = kc.execute_interactive(READ_TWO_LINES, allow_stdin=True, stdin_hook=stdin_hook,
                                   output_hook=outputs.append, timeout=60)
    if reply["content"]["status"] != "ok":
        fail(f"the input cell failed: {reply['content']}")
    if [r["msg_type"] for r in requests] != ["input_request", "input_request"]:
        fail(f"expected two input_request messages, got {requests}")
    if any(r["parent_header"]["msg_id"] != reply["parent_header"]["msg_id"] for r in requests):
        fail("an input_request does not name the execute_request as its parent")
    if results(outputs) != ['"Ada Lovelace is 37 next year"']:
        fail(f"the cell read the wrong input: {results(outputs)}")
    prompts = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
    if prompts != "name: age: ":
        fail(f"the prompts printed before reading were {prompts!r}")
    print("ok: System.in reads each line through input_request / input_reply")


def without_stdin_input_is_end_of_file(kc):
    msg_id = kc.execute("System.in.read()", allow_stdin=False)
    if reply_to(kc, msg_id)["content"]["status"] != "ok":
        fail("reading System.in without stdin failed")
    if results(iopub_until_idle(kc, msg_id)) != ["-1"]:
        fail("System.in without stdin did not read end-of-file")
    try:
        request = kc.get_stdin_msg(timeout=1)
        fail(f"the kernel asked for input although the request did not allow it: {request}")
    except Empty:
        pass
    print("ok: without allow_stdin, System.in reads end-of-file and nothing is asked")


def signal_kernelspec():
    """A copy of the installed kernelspec whose interrupt_mode is "signal"."""
    spec = KernelSpecManager().get_kernel_spec(NAME)
    folder = Path(KernelSpecManager().user_kernel_dir) / (NAME + "-signal")
    folder.mkdir(parents=True, exist_ok=True)
    kernel_json = spec.to_dict()
    kernel_json["interrupt_mode"] = "signal"
    (folder / "kernel.json").write_text(json.dumps(kernel_json))
    return folder


def sigint_interrupts_a_loop(km, kc):
    if km.kernel_spec.interrupt_mode != "signal":
        fail(f"the kernelspec's interrupt_mode is {km.kernel_spec.interrupt_mode}")
    msg_id = kc.execute('long n = 0;\nwhile (true) { if (n++ == 0) System.out.println("looping"); }')
    deadline = time.monotonic() + 60
    while True:
        msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break  # the loop runs
    km.interrupt_kernel()
    reply = reply_to(kc, msg_id, timeout=15)["content"]
    if reply["status"] != "error" or reply["ename"] != "Interrupted":
        fail(f"SIGINT did not interrupt the loop: {reply}")
    iopub_until_idle(kc, msg_id)
    km.interrupt_kernel()  # while idle: nothing to interrupt, and the kernel must not exit
    # an interrupt that finds no cell waits 500 ms for the execute request it may have overtaken (CellRunner); the
    # next cell comes well after that window, whose start the signal's delivery delays on a loaded machine
    time.sleep(2)
    if not km.is_alive():
        fail("SIGINT while idle ended the kernel")
    msg_id = kc.execute("1+1")
    reply_to(kc, msg_id)
    if results(iopub_until_idle(kc, msg_id)) != ["2"]:
        fail("the kernel did not answer after SIGINT")
    print("ok: interrupt_kernel() with interrupt_mode signal stops a loop; the kernel serves on")


def main():
    with running_kernel() as (km, kc, log_path):
        input_goes_through_the_stdin_channel(kc)
        without_stdin_input_is_end_of_file(kc)
    folder = signal_kernelspec()
    try:
        with running_kernel(NAME + "-signal") as (km, kc, log_path):
            sigint_interrupts_a_loop(km, kc)
            log = Path(log_path).read_text()
            if "SIGINT" in log:
                fail(f"the kernel could not take SIGINT; its log:\n{log}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
