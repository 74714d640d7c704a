// SPDX-License-Identifier: BSD-2-Clause
//
// The whole tool on memory buffers: XML text and a kernel ELF in, the boot
// image and everything the report needs out. It never exits the process, so
// the command line (main.c) and the fuzz target (tests/fuzz) share it.
#pragma once

#include <stddef.h>

#include "diag.h"
#include "layout.h"
#include "sdf.h"

struct input {
    const char *sdf_name; // for diagnostics
    const char *sdf;
    size_t sdf_len;
    const char *kernel_name;
    const unsigned char *kernel;
    size_t kernel_len;
    unsigned ncpus; // the configuration's cores (0 counts as 1)
    // Reads the file named by a program_image or prefill_path attribute
    // (`kind`: "program image", "prefill file") into a malloc'ed buffer. On
    // failure it reports at `at` and returns -1.
    int (*read_file)(void *ctx, const char *path, const char *kind, struct loc at,
                     unsigned char **data, size_t *size);
    void *ctx;
};

struct output {
    struct system sys;
    struct layout layout;
};

// Returns 0 with out filled, or 1 after reporting every error found.
int pipeline_run(const struct input *in, struct output *out);
void pipeline_free(struct output *out);
