"""Protocol robustness against the installed cudaenv kernel, driven by jupyter_client:
a badly signed message and a garbage frame are dropped and logged, and the kernel still answers the next execute;
an update_display_data sent from a thread after its cell finished carries that cell's parent header.

Run: JUPYTER_DATA_DIR=... CUDAENV_KERNEL_NAME=... /usr/bin/python3 robustness.py
"""
import time

from kernel_session import fail, iopub_until_idle, reply_to, results, running_kernel


def bad_messages_are_dropped(kc, log_path):
    session = kc.session
    socket = kc.shell_channel.socket
    msg = session.msg("kernel_info_request", {})
    frames = session.serialize(msg)  # [<IDS|MSG>, signature, header, parent, metadata, content]
    frames[1] = b"0" * 64
    socket.send_multipart(frames)
    socket.send_multipart([b"this is not a jupyter message"])
    msg_id = kc.execute("1+1")
    reply = reply_to(kc, msg_id)
    if reply["content"]["status"] != "ok":
        fail(f"execute after the bad messages: {reply['content']}")
    outputs = iopub_until_idle(kc, msg_id)
    if results(outputs) != ["2"]:
        fail(f"1+1 gave {results(outputs)}")
    time.sleep(0.5)
    log = open(log_path).read()
    if "bad HMAC signature" not in log or "delimiter" not in log:
        fail(f"the kernel did not log the dropped messages; its log:\n{log}")
    print("ok: bad signature and garbage frame dropped and logged, next execute answered")


def display_updated_after_the_cell(kc):
    code = ('display("before", "late");\n'
            'new Thread(() -> { try { Thread.sleep(500); } catch (InterruptedException e) { }\n'
            '  updateDisplay("late", "after"); }).start();')
    msg_id = kc.execute(code)
    if reply_to(kc, msg_id)["content"]["status"] != "ok":
        fail("the display cell failed")
    iopub_until_idle(kc, msg_id)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        if msg["msg_type"] == "update_display_data":
            if msg["parent_header"].get("msg_id") != msg_id:
                fail(f"update_display_data has parent {msg['parent_header']}, not the cell {msg_id}")
            if msg["content"]["transient"]["display_id"] != "late":
                fail(f"wrong display id: {msg['content']}")
            print("ok: update_display_data after the cell, with the cell's parent header")
            return
    fail("no update_display_data after the cell finished")


def main():
    with running_kernel() as (km, kc, log_path):
        bad_messages_are_dropped(kc, log_path)
        display_updated_after_the_cell(kc)


if __name__ == "__main__":
    main()
