/* The GPUs the fake libcuda and libnvidia-ml both answer for, from the fixture's -D macros (none by default). */
#ifndef GPU_COUNT
#define GPU_COUNT 0
#define GPU_NAMES {""}
#define GPU_CC_MAJOR {0}
#define GPU_CC_MINOR {0}
#define GPU_MEM {0}
#define GPU_UUIDS {""}
#define GPU_PCI_BUS {0}
#endif

static const char *names[] = GPU_NAMES;
static const int cc_major[] = GPU_CC_MAJOR;
static const int cc_minor[] = GPU_CC_MINOR;
static const unsigned long long mem[] = GPU_MEM;
static const char *uuids[] = GPU_UUIDS;
static const int pci_bus[] = GPU_PCI_BUS;
