// SPDX-License-Identifier: BSD-2-Clause
//
// The human-readable report: the kernel and image facts, the memory regions,
// the PD tree, the services with each client's IPC window, the PDs' shares of
// the CPU (budget/period) per priority, the domains and their schedule (each
// domain's share of the cycle), then for every PD its parameters (parent and
// child id, budget and period, domain among them), every mapping, channel,
// irq and setvar, and a child's reset list.
// Physical addresses the tool chose are printed as "pa=0x..." followed by
// their offset from the first page after the header, "(+0x...)", which does
// not depend on the kernel's size; fixed ones (phys_addr) as "phys=0x...".
#pragma once

#include <stdio.h>

#include "layout.h"
#include "sdf.h"

void report_write(FILE *f, const struct system *sys, const struct layout *l);
