// SPDX-License-Identifier: BSD-2-Clause
//
// What client and server agree on: two operations, selected by the label.
#pragma once

// SUM: mr 0..n-1 hold numbers; the reply's mr 0 holds their sum and mr 1 the
// sum of their squares.
#define LABEL_SUM 1
// UPPER: a string packed into message registers, 8 bytes each, NUL-padded;
// the reply is the same string in upper case.
#define LABEL_UPPER 2
// The reply label when the server does not know the request's label.
#define LABEL_ERROR 0xee
