// SPDX-License-Identifier: BSD-2-Clause
//
// svc_alarm's spinner: the guest is never idle, so -icount time is exact.
#include "../svc_alarm/spin.c"
