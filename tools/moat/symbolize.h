// SPDX-License-Identifier: BSD-2-Clause
//
// moat symbolize: a console log in, the same log out with each fault
// report's pc and return address named by function, file and line.
#pragma once

// argv[0] is "symbolize"; argv[1] the tool's report; then directories of
// the PDs' programs. Returns the exit status.
int symbolize_main(int argc, char **argv);
