// SPDX-License-Identifier: BSD-2-Clause
//
// Prints message.txt, which the tool copied into the memory region `text`
// (prefill_path). The program does not contain the text, nor its length:
// the tool patched where the region is mapped, how large it is and how long
// the file was into the three variables below.
#include <stdint.h>
#include <microkit.h>

uintptr_t text_vaddr; // setvar_vaddr: where the region is mapped
uint64_t text_size;   // setvar_size: the region's size (the file's, rounded up to a page)
uint64_t text_len;    // setvar_prefill_size: the length of message.txt in bytes

void
init(void)
{
    const char *text = (const char *)text_vaddr;
    uint64_t i, nonzero = 0;

    microkit_dbg_puts("reader: message.txt is ");
    microkit_dbg_put32(text_len);
    microkit_dbg_puts(" bytes, in a region of ");
    microkit_dbg_put32(text_size);
    microkit_dbg_puts(" bytes:\n");
    for (i = 0; i < text_len; i++)
        microkit_dbg_putc(text[i]);

    // The rest of the region, after the file, is zero.
    for (i = text_len; i < text_size; i++)
        nonzero += text[i] != 0;
    if (nonzero == 0) {
        microkit_dbg_puts("reader: the other ");
        microkit_dbg_put32(text_size - text_len);
        microkit_dbg_puts(" bytes of the region are zero\n");
    } else {
        microkit_dbg_puts("FAIL reader: ");
        microkit_dbg_put32(nonzero);
        microkit_dbg_puts(" bytes after the file are not zero\n");
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
