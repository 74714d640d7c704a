// SPDX-License-Identifier: BSD-2-Clause
//
// The system as a picture: Graphviz DOT text (--graph FILE.dot, or rendered
// by `dot -Tsvg` for FILE.svg; main.c). PDs are boxes nested in a cluster per
// parent, channels edges between them (notifications dashed, protected
// procedure calls a bold arrow toward the PD that serves them, each end's id
// at its end), memory regions and interrupts nodes with an edge to each PD
// that maps or receives them, services ellipses with their provider and
// clients, Tock driver PDs drawn double with an edge from each client.
// docs/sdf.md, "The picture", is the legend.
#pragma once

#include <stdio.h>

#include "sdf.h"

// Writes sys, as check_system() left it, as one DOT digraph. The text depends
// on sys alone and lists everything in the order of its arrays (XML order),
// so the same description always gives the same bytes.
void graph_write(FILE *f, const struct system *sys);
