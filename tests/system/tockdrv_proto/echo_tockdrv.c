// SPDX-License-Identifier: BSD-2-Clause
//
// A test Tock driver (0x77): command 1 sums the bytes of read-only allow
// 0; command 2 fills read-write allow 1 with its first argument; command 3
// queues `arg1` upcalls on subscribe number 5, (i, i * 2, i * 3) each;
// command 9 faults (a null store), so that its clients see it gone.
#include <moat.h>
#include <tockdrv.h>

struct tockdrv_ret
tockdrv_command(unsigned client, uint32_t cmd, uint32_t arg1, uint32_t arg2)
{
    (void)arg2;
    size_t len;
    uint8_t *b;

    switch (cmd) {
    case 0:
        return tockdrv_success();
    case 1:
        if (!(b = tockdrv_buffer(client, false, 0, &len)))
            return tockdrv_failure(TOCKDRV_ENOMEM);
        uint32_t sum = 0;
        for (size_t i = 0; i < len; i++)
            sum += b[i];
        return tockdrv_success_u32(sum);
    case 2:
        if (!(b = tockdrv_buffer(client, true, 1, &len)))
            return tockdrv_failure(TOCKDRV_ENOMEM);
        for (size_t i = 0; i < len; i++)
            b[i] = (uint8_t)arg1;
        return tockdrv_success_u32((uint32_t)len);
    case 3: {
        uint32_t queued = 0;
        for (uint32_t i = 0; i < arg1; i++)
            queued += tockdrv_upcall(client, 5, i, i * 2, i * 3);
        return tockdrv_success_u32(queued);
    }
    case 9:
        *(volatile uint32_t *)0 = arg1;
        return tockdrv_success();
    default:
        return tockdrv_failure(TOCKDRV_ENOSUPPORT);
    }
}

void
init(void)
{
    moat_dbg_puts("echo: serving Tock driver ");
    moat_dbg_puthex(tockdrv_num());
    moat_dbg_puts("\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
