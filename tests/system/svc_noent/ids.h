// SPDX-License-Identifier: BSD-2-Clause
//
// Ids of this system's PDs in their first incarnation (system.xml order).
#pragma once

#define ID_SVC   1UL
#define ID_OTHER 2UL
#define ID_PLAIN 3UL
#define ID_CLI   4UL
#define ID_PAST  5UL    // index 4: no such PD
#define ID_LAST  63UL   // index 62: the highest index there could be
