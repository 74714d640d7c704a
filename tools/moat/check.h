// SPDX-License-Identifier: BSD-2-Clause
//
// Semantic checks between elements of a parsed system description.
#pragma once

#include "sdf.h"

// Resolves channel ends to PDs and checks the rules between elements;
// reports every violation and returns how many there were.
int check_system(struct system *sys);
