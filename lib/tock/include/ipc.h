// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's IPC header path before 2024 (<ipc.h>), for programs of that era.
#pragma once

#include "libtock/kernel/ipc.h"
