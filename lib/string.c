// SPDX-License-Identifier: BSD-2-Clause
//
// The four functions GCC may call on its own even in freestanding code
// (struct copies, zeroing loops). Weak, so a libc linked after us wins.
#include <stddef.h>

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

__attribute__((weak)) void *
memcpy(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    while (n--)
        *dp++ = *sp++;
    return d;
}

__attribute__((weak)) void *
memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    if (dp < sp) {
        while (n--)
            *dp++ = *sp++;
    } else {
        while (n--)
            dp[n] = sp[n];
    }
    return d;
}

__attribute__((weak)) void *
memset(void *d, int c, size_t n)
{
    unsigned char *dp = d;

    while (n--)
        *dp++ = (unsigned char)c;
    return d;
}

__attribute__((weak)) int
memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n--; x++, y++) {
        if (*x != *y)
            return *x - *y;
    }
    return 0;
}
