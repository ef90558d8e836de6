"""jupyter_kernel_test (the ecosystem's conformance suite) against the installed cudaenv kernel.

Run: JUPYTER_DATA_DIR=... CUDAENV_KERNEL_NAME=... /usr/bin/python3 -m unittest -v kernel_conformance
"""
import os
import unittest

import jupyter_kernel_test


class CudaenvKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("CUDAENV_KERNEL_NAME", "cudaenv")
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    completion_samples = [
        {"text": '"abc".toUpperCa', "matches": {"toUpperCase("}},
        {"text": "%lsma", "matches": {"%lsmagic"}},
    ]
    complete_code_samples = ["1", "int x = 1;", "void f() { }", "%lsmagic"]
    incomplete_code_samples = ["int y = ", "void g() {", "Math.max(1,"]
    invalid_code_samples = ["1)", "}"]
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"a" + 1', "result": '"a1"'},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": 'display(cudaenv.kernel.magic.DisplayData.builder().html("<b>x</b>").plain("x").build());',
         "mime": "text/html"},
    ]
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_page_something = "%lsmagic?"
    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main(verbosity=2)
