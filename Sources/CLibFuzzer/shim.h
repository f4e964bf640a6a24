#ifndef CLADE_LIBFUZZER_SHIM_H
#define CLADE_LIBFUZZER_SHIM_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). Declared only: clade-fuzz calls
// it from its own entry point when built for fuzzing, and never references it otherwise.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
