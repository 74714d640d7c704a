// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/pd.c's pd_boot, from boot images built by hand in a
// host buffer (struct image_hdr and image_pd, as the tool writes them), with
// "physical" memory for the IPC buffers supplied to the fake arch_phys. A
// good image fills pds[] and the run queue; a bad one (magic, version, PD
// count, priority, channel peer, call to a PD that does not outrank the
// caller) must panic. Also panic() and kprintf from printk.c.
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "moat/image.h"

#include "fake_arch.h"
#include "pd.h"
#include "sched.h"
#include "world.h"

#define RAM_PA    0x80400000UL
#define RAM_PAGES 4
#define SLOTS     (MOAT_MAX_PDS + 1) // image_pd slots in the buffer: one more than the limit

static word_t ram[RAM_PAGES][PAGE_SIZE / sizeof(word_t)];
static union {
    struct image_hdr hdr;
    unsigned char bytes[sizeof(struct image_hdr) + SLOTS * sizeof(struct image_pd)];
} buf;
static struct image_hdr *const img = &buf.hdr;
static unsigned booted;

// A valid image of n PDs: pd<i>, priority 10 + i, no channels.
static void
image(unsigned n)
{
    memset(&buf, 0, sizeof(buf));
    img->magic = IMAGE_MAGIC;
    img->version = IMAGE_VERSION;
    img->hdr_size = sizeof(struct image_hdr);
    img->pd_size = sizeof(struct image_pd);
    img->npds = n;
    img->size = img->file_size = sizeof(buf);
    img->ncpus = 1;
    for (unsigned i = 0; i < SLOTS; i++) {
        struct image_pd *p = &img->pd[i];

        snprintf(p->name, sizeof(p->name), "pd%u", i);
        p->prio = (uint8_t)(10 + i);
        p->root_pa = 0x80600000UL + i * PAGE_SIZE;
        p->entry = USER_TEXT_BASE + 4 * i;
        p->sp = USER_STACK_TOP;
        p->ipcbuf_pa = RAM_PA + (i % RAM_PAGES) * PAGE_SIZE;
        p->stack_lo = USER_STACK_TOP - STACK_SIZE_DEF * (i + 1);
        p->parent = IMAGE_NO_PARENT;
        p->budget_us = p->period_us = 1000;
    }
}

static void
chan(unsigned pd, unsigned id, unsigned flags, unsigned peer, unsigned peer_id)
{
    img->pd[pd].ch[id] = (struct image_chan){(uint8_t)flags, (uint8_t)peer, (uint8_t)peer_id, 0};
}

static int
setup(void **state)
{
    world_setup(state);
    fake_phys(ram, RAM_PA, sizeof(ram));
    memset(ram, 0, sizeof(ram));
    image(3);
    booted = 0;
    return 0;
}

static void
boot_fn(void *arg)
{
    booted = pd_boot(arg);
}

// pd_boot(img): -1 if it returned, else the halt code (100 for a panic).
static int
boot(void)
{
    return fake_catch_halt(boot_fn, img);
}

static void
check_panics(const char *why)
{
    assert_int_equal(boot(), 100);
    assert_non_null(strstr(fake.console, "panic: "));
    assert_non_null(strstr(fake.console, "pd.c:"));
    assert_non_null(kernel_epitaph);
    assert_non_null(strstr(kernel_epitaph, why));
}

static void
test_boot_fills_table(void **state)
{
    (void)state;
    chan(0, 2, CH_VALID | CH_NOTIFY | CH_PPC, 2, 7);
    chan(2, 7, CH_VALID | CH_NOTIFY | CH_CALLEE, 0, 2);
    chan(1, 61, CH_VALID | CH_NOTIFY, 0, 0);
    chan(0, 0, CH_VALID | CH_NOTIFY, 1, 61);
    img->pd[1].passive = 1;
    memset(img->pd[1].name, 'n', MOAT_NAME_LEN); // 64 bytes, no NUL

    assert_int_equal(boot(), -1);
    assert_int_equal(booted, 3);
    assert_int_equal(npds, 3);
    for (unsigned i = 0; i < 3; i++) {
        const struct image_pd *ip = &img->pd[i];
        struct pd *pd = &pds[i];

        assert_int_equal(pd->state, PD_RUNNABLE);
        assert_int_equal(pd->prio, 10 + i);
        assert_int_equal(pd->index, i);
        assert_int_equal(pd->passive, i == 1);
        assert_ptr_equal(pd->ipcbuf, ram[i]);
        assert_int_equal(pd->stack_lo, ip->stack_lo);
        assert_int_equal(arch_pc(pd), ip->entry);
        assert_int_equal(arch_sp(pd), USER_STACK_TOP);
        assert_int_equal(pd->arch.satp, ip->root_pa); // what the fake arch_pd_init keeps
        assert_null(pd->caller);
        assert_null(pd->callq);
        assert_int_equal(pd->pending, 0);
    }
    assert_string_equal(pds[0].name, "pd0");
    assert_int_equal(strlen(pds[1].name), MOAT_NAME_LEN);
    assert_int_equal(fake.pd_inits, 3);
    // Both ends are in domain 0: the fast paths' rights are added.
    assert_int_equal(pds[0].ch[2].flags,
                     CH_VALID | CH_NOTIFY | CH_PPC | CH_FAST_NOTIFY | CH_FAST_PPC);
    assert_ptr_equal(world_peer(&pds[0], 2), &pds[2]);
    assert_int_equal(pds[0].ch[2].peer_id, 7);
    assert_ptr_equal(world_peer(&pds[2], 7), &pds[0]);
    assert_ptr_equal(world_peer(&pds[1], 61), &pds[0]);
    assert_int_equal(pds[1].ch[61].peer_id, 0);
    assert_int_equal(pds[0].ch[5].flags, 0);
    assert_int_equal(pds[3].state, PD_INACTIVE); // beyond npds: untouched
    assert_int_equal(fake.halts, 0);
    // Every PD is queued; the highest runs first.
    memcpy(pds[1].name, "pd1", 4); // shorter, for the next line
    assert_string_equal(world_queue(), "pd2 pd1 pd0");
}

// The image's tail that the file does not store (file_size..size) is zeroed
// at boot, page by page, and nothing else is touched.
static void
test_boot_zeroes_unstored_tail(void **state)
{
    (void)state;
    memset(ram, 0xa5, sizeof(ram));
    img->file_size = RAM_PA - IMAGE_LOAD_PA; // the file ends where the test's RAM starts
    img->size = img->file_size + 2 * PAGE_SIZE;
    assert_int_equal(boot(), -1);
    for (unsigned p = 0; p < RAM_PAGES; p++) {
        for (unsigned w = 0; w < PAGE_SIZE / sizeof(word_t); w++)
            assert_int_equal(ram[p][w], p < 2 ? 0 : 0xa5a5a5a5a5a5a5a5UL);
    }
}

// A file size that is not a page multiple short of the image, or beyond it, is refused.
static void
test_boot_bad_file_size(void **state)
{
    (void)state;
    img->file_size = img->size + PAGE_SIZE;
    assert_int_equal(boot(), 100);
    assert_non_null(strstr(fake.console, "image: bad file size"));
}

static void
test_boot_max_pds(void **state)
{
    (void)state;
    image(MOAT_MAX_PDS);
    img->pd[MOAT_MAX_PDS - 1].prio = MOAT_MAX_PRIO;
    img->pd[0].prio = 0;
    chan(MOAT_MAX_PDS - 2, 0, CH_VALID | CH_PPC, MOAT_MAX_PDS - 1, MOAT_MAX_CHANNELS - 1);
    assert_int_equal(boot(), -1);
    assert_int_equal(npds, MOAT_MAX_PDS);
    assert_ptr_equal(world_peer(&pds[MOAT_MAX_PDS - 2], 0), &pds[MOAT_MAX_PDS - 1]);
    assert_int_equal(sched_top(), MOAT_MAX_PRIO);
    assert_ptr_equal(sched_choose(), &pds[MOAT_MAX_PDS - 1]);
}

static void
test_boot_bad_magic(void **state)
{
    (void)state;
    img->magic ^= 1;
    check_panics("no moat image");
    assert_int_equal(fake.pd_inits, 0);
    assert_int_equal(sched_top(), -1);
}

static void
test_boot_bad_version(void **state)
{
    (void)state;
    img->version = IMAGE_VERSION + 1;
    check_panics("no moat image");
}

// A tool and a kernel that disagree on the layout (built from different
// sources) are caught at boot, not by misreading the image.
static void
test_boot_layout_stamp(void **state)
{
    (void)state;
    img->pd_size = sizeof(struct image_pd) - 8;
    check_panics("layout of the image differs");
    image(1);
    img->hdr_size = sizeof(struct image_hdr) + 8;
    check_panics("layout of the image differs");
}

// A name with bytes the kernel would not print itself cannot forge a
// console line: they are printed as '?'.
static void
test_boot_name_unprintable(void **state)
{
    (void)state;
    memcpy(img->pd[0].name, "p\npanic: x\x1b\x80", 13);
    assert_int_equal(boot(), -1);
    assert_string_equal(pds[0].name, "p?panic: x??");
}

static void
test_boot_no_pds(void **state)
{
    (void)state;
    image(0);
    check_panics("number of protection domains");
    assert_int_equal(fake.pd_inits, 0);
}

static void
test_boot_too_many_pds(void **state)
{
    (void)state;
    image(MOAT_MAX_PDS + 1);
    check_panics("number of protection domains");
    image(UINT32_MAX);
    world_setup(NULL);
    check_panics("number of protection domains");
}

static void
test_boot_priority_255(void **state)
{
    (void)state;
    img->pd[2].prio = 255;
    check_panics("priority out of range");
    assert_int_equal(fake.pd_inits, 0); // checked before any PD is set up
}

static void
test_boot_peer_out_of_range(void **state)
{
    (void)state;
    chan(1, 4, CH_VALID | CH_NOTIFY, 3, 0); // npds is 3
    check_panics("channel peer out of range");
}

static void
test_boot_peer_far_out_of_range(void **state)
{
    (void)state;
    chan(0, 4, CH_VALID | CH_NOTIFY, 255, 0);
    check_panics("channel peer out of range");
}

static void
test_boot_peer_id_out_of_range(void **state)
{
    (void)state;
    chan(0, 4, CH_VALID | CH_NOTIFY, 1, MOAT_MAX_CHANNELS);
    check_panics("channel peer out of range");
}

static void
test_boot_unused_slot_ignored(void **state)
{
    (void)state;
    chan(0, 4, 0, 200, 200); // not a channel: the peer fields mean nothing
    assert_int_equal(boot(), -1);
    assert_int_equal(pds[0].ch[4].flags, 0);
}

static void
test_boot_call_to_lower(void **state)
{
    (void)state;
    chan(2, 0, CH_VALID | CH_PPC, 0, 1); // priority 12 calls 10
    check_panics("lower or equal priority");
}

static void
test_boot_call_to_equal(void **state)
{
    (void)state;
    img->pd[1].prio = img->pd[0].prio;
    chan(0, 0, CH_VALID | CH_PPC, 1, 1);
    check_panics("lower or equal priority");
}

static void
test_boot_call_to_self(void **state)
{
    (void)state;
    chan(1, 3, CH_VALID | CH_PPC, 1, 4);
    check_panics("lower or equal priority");
}

// A channel slot with rights but without CH_VALID: pd_boot skips its peer
// check, yet its call check reads img->pd[peer] for any peer, past the image.
// Whatever pd_boot decides must not depend on bytes beyond the image, and a
// slot it accepts must not be usable with a missing peer (fastpath_call uses
// the peer of any CH_PPC slot).
static int
boot_with_garbage_after(uint8_t prio)
{
    world_setup(NULL);
    fake_phys(ram, RAM_PA, sizeof(ram));
    image(2);
    img->pd[40].prio = prio; // beyond npds: not part of the image
    chan(0, 5, CH_PPC, 40, 0);
    return boot();
}

static void
test_boot_rights_without_valid(void **state)
{
    (void)state;
    int low = boot_with_garbage_after(0);
    int high = boot_with_garbage_after(255);

    assert_int_equal(low, high);
    if (high == -1) {
        const struct chan *c = &pds[0].ch[5];
        assert_true(!(c->flags & (CH_PPC | CH_NOTIFY)) || world_peer(&pds[0], 5) != NULL);
    }
}

// --- printk.c -----------------------------------------------------------------

static void
panic_fn(void *arg)
{
    (void)arg;
    panic("boom");
}

static void
test_panic_prints_and_halts(void **state)
{
    (void)state;
    assert_int_equal(fake_catch_halt(panic_fn, NULL), 100);
    assert_string_equal(kernel_epitaph, "boom");
    assert_non_null(strstr(fake.console, "panic: tests/unit/test_pd.c:"));
    assert_non_null(strstr(fake.console, ": boom\n"));
    assert_int_equal(fake.halts, 1);
}

static void
assert_fn(void *arg)
{
    ASSERT(*(int *)arg == 1);
}

static void
test_assert_panics_only_when_false(void **state)
{
    (void)state;
    int v = 1;

    assert_int_equal(fake_catch_halt(assert_fn, &v), -1);
    v = 2;
    assert_int_equal(fake_catch_halt(assert_fn, &v), 100);
    assert_string_equal(kernel_epitaph, "assertion failed: *(int *)arg == 1");
}

static void
test_kprintf_formats(void **state)
{
    (void)state;
    kprintf("%s|%c|%d|%d|%u|%x|%lx|%lu|%ld|%ld|%p|%d", "str", 'c', -42, INT_MIN, UINT_MAX,
            0xbeefU, 0xfedcba9876543210UL, ULONG_MAX, LONG_MIN, 0L, (void *)0x1000, 0);
    assert_string_equal(fake.console, "str|c|-42|-2147483648|4294967295|beef|fedcba9876543210|"
                                      "18446744073709551615|-9223372036854775808|0|0x1000|0");
}

static void
test_kprintf_unknown_conversion_verbatim(void **state)
{
    (void)state;
    const char *fmt = "a%qb"; // not a literal: the compiler would refuse %q

    kprintf(fmt, 0);
    assert_string_equal(fake.console, "a%qb");
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
#define T(f) {WORLD_NAME(f), f, setup, NULL, NULL}
        T(test_boot_fills_table),
        T(test_boot_max_pds),
        T(test_boot_zeroes_unstored_tail),
        T(test_boot_bad_file_size),
        T(test_boot_bad_magic),
        T(test_boot_bad_version),
        T(test_boot_layout_stamp),
        T(test_boot_name_unprintable),
        T(test_boot_no_pds),
        T(test_boot_too_many_pds),
        T(test_boot_priority_255),
        T(test_boot_peer_out_of_range),
        T(test_boot_peer_far_out_of_range),
        T(test_boot_peer_id_out_of_range),
        T(test_boot_unused_slot_ignored),
        T(test_boot_call_to_lower),
        T(test_boot_call_to_equal),
        T(test_boot_call_to_self),
        T(test_boot_rights_without_valid),
        T(test_panic_prints_and_halts),
        T(test_assert_panics_only_when_false),
        T(test_kprintf_formats),
        T(test_kprintf_unknown_conversion_verbatim),
#undef T
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("pd", tests, NULL, NULL);
}
