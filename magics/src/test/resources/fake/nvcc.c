/* A fake nvcc: an ELF program, as the real compiler is, that prints the real one's version banner. */
#include <stdio.h>

int main(void) {
    puts("nvcc: NVIDIA (R) Cuda compiler driver");
    puts("Cuda compilation tools, release " NVCC_RELEASE ", V" NVCC_FULL);
    return 0;
}
