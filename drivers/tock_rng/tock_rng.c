// SPDX-License-Identifier: BSD-2-Clause
//
// Tock's random-number driver (number 0x40001) as a PD, over QEMU virt's
// virtio-rng device (virtio device id 4, "entropy") on one of the board's
// eight virtio-mmio transports. Commands as Tock's RNG capsule: 0 exists;
// 1 puts `arg1` random bytes into the client's read-write allow 0 (at most
// its length) and then raises upcall 0 with (0, bytes received, 0). Each
// client may have one request pending (a second command 1 replaces it, as
// in Tock's capsule); the device serves one chunk of RNG_CHUNK bytes at a
// time, to the pending clients in turn, so a large request does not hold
// up a small one. With no virtio-rng device every command is NODEVICE.
//
// What the system description gives this PD (docs/lib.md, "The SDK's
// driver PDs"):
//   - the eight transports' registers, [0x10001000, 0x10009000), mapped
//     with setvar_vaddr="virtio_base" (the PD needs dma_trusted="true");
//   - a memory region of RNG_DMA_SIZE bytes for the virtqueue and the
//     buffer the device writes into, mapped with setvar_vaddr="dma_vaddr",
//     and its physical address, <setvar symbol="dma_paddr" region_paddr>:
//     the device is given physical addresses;
//   - the transports' interrupts, PLIC sources 1..8, as <irq irq="i + 1"
//     id="i + 1"> for transport i: which transport holds the device is
//     found at run time (QEMU puts the first -device on the last one).
//
// Interrupts rather than polling: a request takes the device a while
// (QEMU fills the buffer from its main loop, not within the notifying
// write), and this PD outranks its clients, so polling would spin them
// out of the CPU; with the interrupt the PD waits and a command returns at
// once, as Tock's does, its upcall following.
#include <moat.h>
#include <tockdrv.h>

// The virtio-mmio registers (virtio 1.x, 4.2.2; the legacy layout, 4.2.4,
// shares all but the queue's addresses).
#define VIRTIO_MAGIC        0x000 // "virt"
#define VIRTIO_VERSION      0x004 // 1 legacy, 2 modern
#define VIRTIO_DEVICE_ID    0x008
#define VIRTIO_DEV_FEATURES 0x010
#define VIRTIO_DEV_FEAT_SEL 0x014
#define VIRTIO_DRV_FEATURES 0x020
#define VIRTIO_DRV_FEAT_SEL 0x024
#define VIRTIO_GUEST_PAGE   0x028 // legacy
#define VIRTIO_QUEUE_SEL    0x030
#define VIRTIO_QUEUE_MAX    0x034
#define VIRTIO_QUEUE_NUM    0x038
#define VIRTIO_QUEUE_ALIGN  0x03c // legacy
#define VIRTIO_QUEUE_PFN    0x040 // legacy
#define VIRTIO_QUEUE_READY  0x044 // modern
#define VIRTIO_QUEUE_NOTIFY 0x050
#define VIRTIO_IRQ_STATUS   0x060
#define VIRTIO_IRQ_ACK      0x064
#define VIRTIO_STATUS       0x070
#define VIRTIO_DESC_LO      0x080 // modern, as the five below
#define VIRTIO_DESC_HI      0x084
#define VIRTIO_AVAIL_LO     0x090
#define VIRTIO_AVAIL_HI     0x094
#define VIRTIO_USED_LO      0x0a0
#define VIRTIO_USED_HI      0x0a4

#define VIRTIO_MAGIC_VALUE 0x74726976
#define VIRTIO_ID_ENTROPY  4
#define VIRTIO_TRANSPORTS  8
#define VIRTIO_STRIDE      0x1000

#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER      2
#define STATUS_DRIVER_OK   4
#define STATUS_FEATURES_OK 8

#define VIRTIO_F_VERSION_1 1 // bit 32: bit 0 of features word 1
#define VIRTQ_DESC_F_WRITE 2 // the device writes the buffer

// The DMA region: the split virtqueue (descriptors, then the available
// ring right after them as a legacy queue has it, the used ring on the next
// page as legacy's 4096-byte QueueAlign puts it; the same layout serves a
// modern transport), then the page the device writes random bytes into.
#define QUEUE_SIZE   8 // QEMU's virtio-rng queue has 8 entries
#define AVAIL_OFFSET (16 * QUEUE_SIZE)
#define USED_OFFSET  0x1000
#define DATA_OFFSET  0x2000
#define RNG_DMA_SIZE 0x3000
#define RNG_CHUNK    64 // bytes per device request: a client's turn

#define SUB_DONE  0 // subscribe number of the request's upcall
#define ALLOW_BUF 0 // read-write allow number of its buffer

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

struct virtq_avail {
    uint16_t flags, idx, ring[QUEUE_SIZE];
};

struct virtq_used {
    uint16_t flags, idx;
    struct {
        uint32_t id, len;
    } ring[QUEUE_SIZE];
};

_Static_assert(AVAIL_OFFSET + sizeof(struct virtq_avail) <= USED_OFFSET, "ring layout");

uintptr_t virtio_base; // set by the tool: setvar_vaddr of the transports' window
uintptr_t dma_vaddr;   // setvar_vaddr of the DMA region
uintptr_t dma_paddr;   // <setvar region_paddr>: the region's physical address

static volatile uint32_t *regs; // the device's transport; NULL: no device
static unsigned irq_ch;         // its interrupt's channel id
static uint16_t used_seen;      // used ring entries taken

// Per client (by channel id): its pending request.
static struct request {
    bool pending;
    uint32_t want; // bytes asked for
    uint32_t got;  // bytes written so far
} req[MOAT_MAX_CHANNELS];
static int serving = -1; // the client whose chunk the device is filling
static unsigned turn;    // where the search for the next client starts

static uint32_t
reg(volatile uint32_t *t, unsigned off)
{
    return t[off / 4];
}

static void
reg_set(volatile uint32_t *t, unsigned off, uint32_t v)
{
    t[off / 4] = v;
}

static void
fence(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}

// Give the device queue 0 and tell it the driver is ready; false if it
// refuses (no queue, or a modern device without VIRTIO_F_VERSION_1).
static bool
setup(volatile uint32_t *t, uint32_t version)
{
    reg_set(t, VIRTIO_STATUS, 0); // reset
    reg_set(t, VIRTIO_STATUS, STATUS_ACKNOWLEDGE);
    reg_set(t, VIRTIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    uint32_t status = STATUS_ACKNOWLEDGE | STATUS_DRIVER;
    if (version == 2) {
        reg_set(t, VIRTIO_DEV_FEAT_SEL, 1);
        if (!(reg(t, VIRTIO_DEV_FEATURES) & VIRTIO_F_VERSION_1))
            return false;
        reg_set(t, VIRTIO_DRV_FEAT_SEL, 1);
        reg_set(t, VIRTIO_DRV_FEATURES, VIRTIO_F_VERSION_1);
        reg_set(t, VIRTIO_DRV_FEAT_SEL, 0);
        reg_set(t, VIRTIO_DRV_FEATURES, 0);
        status |= STATUS_FEATURES_OK;
        reg_set(t, VIRTIO_STATUS, status);
        if (!(reg(t, VIRTIO_STATUS) & STATUS_FEATURES_OK))
            return false;
    } else {
        reg_set(t, VIRTIO_DRV_FEATURES, 0); // none of the device's features
        reg_set(t, VIRTIO_GUEST_PAGE, 0x1000);
    }
    reg_set(t, VIRTIO_QUEUE_SEL, 0);
    if (reg(t, VIRTIO_QUEUE_MAX) < QUEUE_SIZE)
        return false;
    reg_set(t, VIRTIO_QUEUE_NUM, QUEUE_SIZE);
    if (version == 2) {
        uint64_t d = dma_paddr, a = dma_paddr + AVAIL_OFFSET, u = dma_paddr + USED_OFFSET;
        reg_set(t, VIRTIO_DESC_LO, (uint32_t)d);
        reg_set(t, VIRTIO_DESC_HI, (uint32_t)(d >> 32));
        reg_set(t, VIRTIO_AVAIL_LO, (uint32_t)a);
        reg_set(t, VIRTIO_AVAIL_HI, (uint32_t)(a >> 32));
        reg_set(t, VIRTIO_USED_LO, (uint32_t)u);
        reg_set(t, VIRTIO_USED_HI, (uint32_t)(u >> 32));
        reg_set(t, VIRTIO_QUEUE_READY, 1);
    } else {
        reg_set(t, VIRTIO_QUEUE_ALIGN, USED_OFFSET);
        reg_set(t, VIRTIO_QUEUE_PFN, (uint32_t)(dma_paddr >> 12));
    }
    reg_set(t, VIRTIO_STATUS, status | STATUS_DRIVER_OK);
    return true;
}

// Ask the device for the next pending client's chunk, the clients taken in
// turn after the one served last; nothing if none is pending.
static void
start_next(void)
{
    for (unsigned k = 0; k < MOAT_MAX_CHANNELS && serving < 0; k++) {
        unsigned c = (turn + k) % MOAT_MAX_CHANNELS;
        if (!req[c].pending)
            continue;
        uint32_t n = req[c].want - req[c].got;
        volatile struct virtq_desc *desc = (volatile struct virtq_desc *)dma_vaddr;
        volatile struct virtq_avail *avail = (volatile struct virtq_avail *)(dma_vaddr + AVAIL_OFFSET);
        desc[0].addr = dma_paddr + DATA_OFFSET;
        desc[0].len = n < RNG_CHUNK ? n : RNG_CHUNK;
        desc[0].flags = VIRTQ_DESC_F_WRITE;
        desc[0].next = 0;
        avail->ring[avail->idx % QUEUE_SIZE] = 0;
        fence(); // the descriptor before the index that publishes it
        avail->idx = (uint16_t)(avail->idx + 1);
        fence();
        reg_set(regs, VIRTIO_QUEUE_NOTIFY, 0);
        serving = (int)c;
        turn = (c + 1) % MOAT_MAX_CHANNELS;
    }
}

// Client c's request is done, or cannot go on: tell it how many bytes it got.
static void
finish(unsigned c)
{
    req[c].pending = false;
    tockdrv_upcall(c, SUB_DONE, 0, req[c].got, 0);
}

// The device has used the chunk: copy it into the client's buffer (which
// may have shrunk or gone since its command: Tock's capsule also stops at
// the buffer's end).
static void
chunk_done(uint32_t len)
{
    unsigned c = (unsigned)serving;
    size_t blen = 0;
    uint8_t *buf = tockdrv_buffer(c, true, ALLOW_BUF, &blen);
    const volatile uint8_t *data = (const volatile uint8_t *)(dma_vaddr + DATA_OFFSET);

    serving = -1;
    if (len > RNG_CHUNK) // more than it was given: a device not to be believed
        len = 0;
    if (!req[c].pending)
        return;
    if (!buf || blen < req[c].want)
        req[c].want = buf ? (uint32_t)blen : 0;
    for (uint32_t i = 0; i < len && req[c].got < req[c].want; i++)
        buf[req[c].got++] = data[i];
    if (req[c].got >= req[c].want)
        finish(c);
}

struct tockdrv_ret
tockdrv_command(unsigned client, uint32_t cmd, uint32_t num, uint32_t arg2)
{
    (void)arg2;
    if (!regs)
        return tockdrv_failure(TOCKDRV_ENODEVICE);
    if (cmd == 0)
        return tockdrv_success();
    if (cmd != 1)
        return tockdrv_failure(TOCKDRV_ENOSUPPORT);
    size_t blen = 0;
    if (!tockdrv_buffer(client, true, ALLOW_BUF, &blen))
        blen = 0;
    req[client] = (struct request){true, num < blen ? num : (uint32_t)blen, 0};
    if (req[client].want == 0) // nothing to fill: done at once
        finish(client);
    else
        start_next();
    return tockdrv_success();
}

// A restarted client's old request is dropped: a chunk being filled for it
// is then thrown away (chunk_done), and no upcall reaches the new one.
void
tockdrv_forget(unsigned client)
{
    req[client].pending = false;
}

void
init(void)
{
    for (unsigned i = 0; virtio_base && dma_paddr && i < VIRTIO_TRANSPORTS; i++) {
        volatile uint32_t *t = (volatile uint32_t *)(virtio_base + i * VIRTIO_STRIDE);
        uint32_t version = reg(t, VIRTIO_VERSION);
        if (reg(t, VIRTIO_MAGIC) != VIRTIO_MAGIC_VALUE || (version != 1 && version != 2) ||
            reg(t, VIRTIO_DEVICE_ID) != VIRTIO_ID_ENTROPY)
            continue;
        if (moat_irq_ack(i + 1) != E_OK) { // not given its interrupt: it would never answer
            moat_dbg_puts("rng: virtio-rng on virtio-mmio transport ");
            moat_dbg_put32(i);
            moat_dbg_puts(", but the PD has no irq id ");
            moat_dbg_put32(i + 1);
            moat_dbg_puts(": every command is NODEVICE\n");
            return;
        }
        if (!setup(t, version))
            break;
        regs = t;
        irq_ch = i + 1;
        moat_dbg_puts("rng: virtio-rng on virtio-mmio transport ");
        moat_dbg_put32(i);
        moat_dbg_puts(version == 1 ? " (legacy)\n" : " (modern)\n");
        return;
    }
    moat_dbg_puts("rng: no usable virtio-rng device: every command is NODEVICE\n");
}

void
notified(microkit_channel ch)
{
    if (!regs || ch != irq_ch)
        return;
    reg_set(regs, VIRTIO_IRQ_ACK, reg(regs, VIRTIO_IRQ_STATUS));
    moat_irq_ack(ch);
    volatile struct virtq_used *used = (volatile struct virtq_used *)(dma_vaddr + USED_OFFSET);
    fence();
    while (used_seen != used->idx) {
        uint32_t len = used->ring[used_seen % QUEUE_SIZE].len;
        used_seen++;
        if (serving >= 0)
            chunk_done(len);
    }
    start_next();
}
