// SPDX-License-Identifier: BSD-2-Clause
//
// Tock's LED driver (number 0x2) as a PD. QEMU's virt board has no LEDs, so
// this PD keeps TOCK_LEDS of them in memory and prints each change on the
// console, one line per change ("leds: LED 1 on"), where tests and people
// can see them. Commands as Tock's capsule: 0 the number of LEDs (which
// also says the driver exists), 1 on, 2 off, 3 toggle, with the LED's index
// as the first argument.
#include <moat.h>
#include <tockdrv.h>

#define TOCK_LEDS 4

static bool on[TOCK_LEDS];

static void
show(uint32_t led)
{
    moat_dbg_puts("leds: LED ");
    moat_dbg_putc((int)('0' + led));
    moat_dbg_puts(on[led] ? " on\n" : " off\n");
}

struct tockdrv_ret
tockdrv_command(unsigned client, uint32_t cmd, uint32_t led, uint32_t arg2)
{
    (void)client;
    (void)arg2;
    if (cmd == 0)
        return tockdrv_success_u32(TOCK_LEDS);
    if (cmd > 3)
        return tockdrv_failure(TOCKDRV_ENOSUPPORT);
    if (led >= TOCK_LEDS)
        return tockdrv_failure(TOCKDRV_EINVAL);
    bool was = on[led];
    on[led] = cmd == 1 || (cmd == 3 && !was);
    if (on[led] != was)
        show(led);
    return tockdrv_success();
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
