// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's header path before 2024 (<tock.h>), for programs of that era.
#pragma once

#include "libtock/tock.h"
