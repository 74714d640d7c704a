// SPDX-License-Identifier: BSD-2-Clause
//
// The system description as the tool sees it: memory regions, protection
// domains (with their maps, setvars and irqs), channels, services, and the
// domains with their schedule, each value with the position it came from so
// that later stages can point at it.
// Child PDs follow their parent, so pd[] is the PD tree in document order.
// sdf_parse() fills it from the XML tree; check_system() (check.c) resolves
// names and enforces the rules between elements; later stages add the loaded
// program (struct elf_img) and the layout.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "elf.h"
#include "xml.h"

#define LARGE_PAGE 0x200000UL // an Sv39 megapage: a level-1 leaf
#define BUDGET_DEF 1000        // microseconds: a PD's budget when none is given (Microkit's)
// Timer ticks in a microsecond, for schedule durations in "us" (needs
// moat/image.h).
#define SDF_TICKS_PER_US (IMAGE_TIMER_HZ / 1000000)

struct end {
    struct loc at, pd_at, id_at, pp_at, setvar_at;
    char *pd_name;
    int pd;        // index into system.pd, set by check_system(); -1 if unknown
    unsigned id;   // 0..MOAT_MAX_CHANNELS-1 once checked
    bool id_ok;    // id parsed and in range
    bool pp;       // this end may call the other (pp="true")
    bool notify;   // this end may notify the other (default true)
    char *setvar;  // setvar_id symbol, or NULL
};

// <memory_region>. Physical placement: `phys` when has_phys (device memory
// below RAM, or RAM at a fixed address in the image), else allocated in the
// image by layout_regions(), which sets pa.
struct region {
    struct loc at, name_at, size_at, page_at, phys_at, prefill_at;
    char *name;
    uint64_t size, page_size, phys;
    bool has_size, has_page, has_phys, ok; // ok: size/page/phys valid
    bool device;          // phys range below RAM: not part of the image
    const char *dma;      // the bus-master device it covers (it can reach all memory), or NULL
    char *prefill;        // prefill_path, or NULL
    bool prefill_given;   // the attribute prefill_path is there (even if empty or misspelt)
    bool bootinfo_given;  // prefill_bootinfo is there (refused)
    unsigned char *data;  // its contents once read
    size_t data_len;
    uint64_t pa;          // set by layout_regions()
};

// <map> inside a PD.
struct map {
    struct loc at, mr_at, vaddr_at, perms_at, svaddr_at, ssize_at, sprefill_at;
    char *mr;
    int region;     // index into system.region, set by check_system(); -1 if unknown
    uint64_t vaddr;
    bool vaddr_ok;
    unsigned perms; // PF_R | PF_W | PF_X
    bool cached;
    char *setvar_vaddr, *setvar_size; // symbols, or NULL
    char *setvar_prefill_size;        // symbol set to the prefill file's length, or NULL
};

// <setvar symbol region_paddr> inside a PD.
struct setvar {
    struct loc at, symbol_at, region_at;
    char *symbol, *region_name;
    int region; // index into system.region; -1 if unknown
};

// <irq> inside a PD.
struct irq {
    struct loc at, irq_at, id_at, setvar_at;
    unsigned irq, id;   // PLIC source 1..IMAGE_MAX_IRQS-1; 0..MOAT_MAX_CHANNELS-1
    bool irq_ok, id_ok;
    bool edge;          // trigger="edge"
    char *setvar;       // setvar_id symbol, or NULL
};

// <cap_tcb>, <cap_sc> or <cap_vspace slot pd> in a PD's <cspace>: the PD
// holding it may name PD `pd`'s thread, scheduling context or address space
// by root slot `slot` (microkit_cspace_root_slot_to_cptr(slot)).
struct cap {
    struct loc at, slot_at, pd_at;
    const char *element; // its element's name, for messages
    unsigned kind;       // IMAGE_CAP_TCB, IMAGE_CAP_SC or IMAGE_CAP_VSPACE
    unsigned slot;       // 1..IMAGE_CAP_SLOTS-1 once parsed
    bool slot_ok;
    char *pd_name;
    int pd;              // index into system.pd, set by check_system(); -1 if unknown
};

struct channel {
    struct loc at;
    int nend;      // exactly 2 when valid
    struct end end[2];
    bool tock;     // added by check_system() for a Tock driver's client (not in the XML)
};

struct pd {
    struct loc at, name_at, image_at, symbols_at, id_at, setvar_id_at, domain_at, cpu_at;
    char *name;
    int parent;        // index into system.pd of the enclosing PD, or -1 (a root PD)
    int service;       // index into system.service of the one it provides, or -1
    unsigned child_id; // for a child: its id among its parent's children, 0..61
    bool id_ok;        // child_id parsed and in range
    char *setvar_id;   // for a child: the symbol of the parent set to child_id, or NULL
    unsigned prio;
    bool prio_bad; // reported already: no check that compares priorities uses it
    // Microseconds, 1 <= budget <= period <= IMAGE_MAX_PERIOD_US once parsed
    // (defaults in place of refused values); the kernel enforces them.
    uint64_t budget, period;
    bool sched_bad; // budget or period reported already: not counted in the time checks
    bool passive;
    bool has_cpu;     // cpu given
    bool dma_trusted; // may map devices that can master the bus (docs/design.md, "DMA")
    bool fpu;         // fpu="false" (false): the PD has no FPU
    uint64_t cpu;     // the core it runs on (cpu="N", default 0), < system.ncpus once checked
    bool self_reset;  // its program links moat_pd_reset_self (__moat_self_reset)
    bool has_domain;   // the attribute `domain` is given
    char *domain_name; // its value, or NULL (absent or empty)
    int domain;        // index into system.dom.dom, set by check_system(); -1 if none
    uint64_t stack_size;
    bool stack_bad;          // stack_size reported: no map is checked against the stack
    bool stack_from_program; // grown to the program's __moat_stack_size
    char *image;   // <program_image path>
    char *symbols; // path_for_symbols, or NULL
    int nimage;    // count of <program_image> children
    struct elf_img elf;
    uint64_t root_pa, ipcbuf_pa; // set by layout
    struct map *map;
    int nmap;
    struct setvar *setvar;
    int nsetvar;
    struct irq *irq;
    int nirq;
    struct loc cspace_at; // its <cspace>, if ncspace > 0
    int ncspace;          // count of <cspace> children (at most one is allowed)
    struct cap *cap;      // the entries of its <cspace>
    int ncap;
};

// <client pd> inside a <service>.
struct client {
    struct loc at; // the pd attribute
    char *pd_name;
    int pd; // index into system.pd, set by check_system(); -1 if unknown
    bool copy; // share="copy": the service sees a copy of the bytes shared
    unsigned ch, drv_ch; // of a Tock driver: the pair's channel ids in the client and
                         // the driver PD, set by check_system() (once tock_ok)
};

// <service name pd>: a Tock-style IPC service that PD `pd` provides. Also
// <tock_driver num pd>: the Tock driver `num` that PD `pd` serves, which
// is a service named as TOCKDRV_SERVICE_FMT (moat/tockdrv.h) whose clients
// each get a channel to it as well (check_system()).
struct service {
    struct loc name_at, pd_at; // of a Tock driver: name_at is the num attribute
    char *name, *pd_name;
    bool tock;         // a <tock_driver>
    uint32_t tock_num; // its driver number
    bool tock_ok;      // its channels were added
    int pd;           // index into system.pd, set by check_system(); -1 if unknown
    uint64_t clients; // bit i: pd[i] is a client, set by check_system()
    uint64_t copy_clients; // those with share="copy"
    struct client *client;
    int nclient;
};

// <domain name id> in <domains>.
struct domain {
    struct loc at, name_at, id_at;
    char *name;
    unsigned id;   // 0..IMAGE_MAX_DOMAINS-1: given, or assigned by check_system()
    bool id_given; // id given and in range (check_system() clears it on a duplicate)
};

// <schedule_entry domain duration> or <schedule_end_marker/> in <domain_schedule>.
struct sched_entry {
    struct loc at, domain_at, duration_at;
    bool end;          // <schedule_end_marker>
    char *domain_name; // NULL for an end marker, or if missing
    int domain;        // index into system.dom.dom, set by check_system(); -1 if unknown
    uint64_t ticks;    // the duration in timer ticks; 0 if refused
};

// Microkit's <domains>: the domains, and the schedule that runs them in turn.
struct domains {
    bool present;     // the system has <domains>
    struct loc at;
    struct domain *dom;
    int ndom;
    bool has_sched;   // <domain_schedule> given
    bool sched_lost;  // a refused child of <domains> may have been it
    struct loc sched_at, start_at, shift_at;
    struct sched_entry *entry; // every entry, end markers included, in order
    int nentry;
    int ncycle;       // entries before the first end marker (all if none): the cycle
    uint64_t start;   // start_index (0 by default)
    uint64_t shift;   // index_shift, when has_shift
    bool has_shift;
    bool sched_bad;   // the schedule's shape was refused (reported): nothing more is said of it
    uint64_t cycle_ticks; // the cycle's length, once the schedule is valid
};

// A name that an element refused (misspelt, unsupported) or left without a
// name would have defined, of a kind as check_unknown() says it ("memory
// region"); NULL for either: any name, or a name of any kind. Uses of a
// name that matches are not reported unknown: the element was.
struct lost {
    char *name;
    const char *kind;
};

// Names sorted, for lookups in O(log n): the indices of the named entries
// of one array, ordered by name and then by index (so the first of equal
// names is the first defined).
struct name_index {
    int *ix;
    int n;
};

struct system {
    struct loc at;
    bool root_ok; // the root element is <system>
    struct pd *pd;
    int npds;
    struct channel *ch;
    int nch;
    struct region *region;
    int nregion;
    struct service *service;
    int nservice;
    struct domains dom;
    bool dom_lost; // a refused element of <system> may have been <domains>
    bool pd_lost;  // a refused element of <system> may have been a <protection_domain>
    struct name_index pd_names, region_names, domain_names; // built by sdf_parse
    struct lost *lost; // names that refused elements would have defined: already reported
    int nlost;
    unsigned ncpus; // cores of the configuration (set before check_system; 0 counts as 1)
};

// Appends a zeroed element to the array *arr of *n elements of el bytes.
void *sdf_grow(void *arr, int *n, size_t el);

// Fills sys from the tree; reports every problem; returns diag errors found.
int sdf_parse(const struct xml *x, struct system *sys);
void sdf_free(struct system *sys);
// The index of the first PD (region) called name, or -1.
int sdf_find_pd(const struct system *sys, const char *name);
int sdf_find_region(const struct system *sys, const char *name);
int sdf_find_domain(const struct system *sys, const char *name);
// Edit distance between two names (Levenshtein's, a swap of two adjacent
// characters counting as one edit); SIZE_MAX for names longer than
// MOAT_NAME_LEN bytes (never close to anything).
size_t sdf_distance(const char *a, const char *b);
// Whether name is close enough to cand to be a misspelling of it: within an
// edit distance of 1 for names of up to 2 bytes, 2 up to 5, 3 beyond.
bool sdf_close(const char *name, const char *cand);
// The "did you mean" of every diagnostic: among n candidates (an array of
// structs of `stride` bytes with a char * at `off`, NULL ones skipped), the
// nearest that is close to name (the first of equals), or NULL.
const char *sdf_nearest(const char *name, const void *base, int n, size_t stride, size_t off);
// A PD's share of the CPU, budget / period, in parts of SDF_SHARE_ALL
// (rounded down: shares that add up to exactly the whole CPU, three thirds
// say, do not add up to more).
#define SDF_SHARE_ALL 1000000000ULL
uint64_t sdf_share(const struct pd *pd);
// Whether the kernel caps the PD at its share: budget < period. A PD whose
// budget is its period has round-robin slices of that length among its equals
// and may take the whole CPU.
bool sdf_capped(const struct pd *pd);
// A share as a percentage with one decimal ("33.3%"); more than the whole
// CPU is never rounded down to "100.0%". Returns buf.
#define SDF_PERCENT_LEN 24
const char *sdf_percent(char buf[SDF_PERCENT_LEN], uint64_t share);
// Whether name, of kind, may have been defined by a refused or nameless
// element (its uses are not errors of their own: that element was reported).
bool sdf_lost(const struct system *sys, const char *kind, const char *name);
