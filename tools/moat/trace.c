// SPDX-License-Identifier: BSD-2-Clause
//
// `moat trace`: reads the IPC timeline's dump out of a console log and
// writes it as Perfetto JSON and SVG (timeline.c). A log is whatever the
// console printed, PD lines and QEMU's among the kernel's: a trace line is
// found by its marker `moat: trace ` anywhere in a line (a PD's prompt,
// printed unfinished, may stand before it) and every other line is ignored.
// A trace line that is not what include/moat/trace.h says is an error at its
// line and column, and so is a dump cut short; the last complete dump is the
// one written. A dump holds a ring per core (v2; a v1 dump is one core's):
// each is read in order, then all are merged by their instret stamps, which
// under QEMU -icount are one count across the harts. Exit status: 0, 1 bad
// input, 2 bad command line.
#include "trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char *const kind_names[TRACE_KINDS] = {
    [TRACE_SWITCH] = "switch",     [TRACE_NOTIFY] = "notify",   [TRACE_CALL] = "call",
    [TRACE_REPLY] = "reply",       [TRACE_FAULT] = "fault",     [TRACE_IRQ] = "irq",
    [TRACE_THROTTLE] = "throttle", [TRACE_RELEASE] = "release",
};

const char *
trace_kind_name(unsigned kind)
{
    kind &= ~(unsigned)TRACE_SWITCHED;
    return kind < TRACE_KINDS ? kind_names[kind] : NULL;
}

void
trace_free(struct trace_log *log)
{
    for (unsigned i = 0; i < log->npds; i++)
        free(log->name[i]);
    free(log->ev);
    *log = (struct trace_log){0};
}

// One dump as it is read.
struct reader {
    const char *path;
    int line;       // of the line being read
    int header;     // the line of the dump's header; 0: outside a dump
    int header_col; // the column of its marker
    unsigned version;
    bool begun;     // its `begin` has been read
    bool broken;    // an error in it: the rest of it is skipped, up to its end
    uint64_t want;  // events its header (v1) or the ring's cpu line (v2) announced
    int want_line;  // that line
    unsigned pds;   // pd lines read
    unsigned cpus;  // cpu lines read (v2): the ring being read is cpus - 1
    size_t ring;    // where that ring's events begin in cur.ev
    size_t ring_at[TRACE_MAX_CPUS]; // where each ring's begin
    struct trace_log cur;
    size_t cap;
};

static struct loc
at(const struct reader *r, const char *line, const char *p)
{
    return (struct loc){r->path, r->line, (int)(p - line) + 1};
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// One event's 32 digits at e, checked and added to the dump.
static bool
add_event(struct reader *r, const char *line, const char *e)
{
    uint8_t b[sizeof(struct trace_event)];
    struct trace_event ev;

    for (size_t i = 0; i < sizeof b; i++)
        b[i] = (uint8_t)(hexval(e[2 * i]) << 4 | hexval(e[2 * i + 1]));
    // Little-endian, field by field: the host's byte order does not matter.
    ev.time = 0;
    for (int i = 7; i >= 0; i--)
        ev.time = ev.time << 8 | b[i];
    ev.kind = b[8];
    ev.pd = b[9];
    ev.peer = b[10];
    ev.cpu = r->version == 1 ? 0 : b[11]; // v1: padding, and the one core
    ev.arg = (uint32_t)b[12] | (uint32_t)b[13] << 8 | (uint32_t)b[14] << 16 | (uint32_t)b[15] << 24;
    unsigned k = ev.kind & ~(unsigned)TRACE_SWITCHED;
    if (r->cur.nev - r->ring == r->want) {
        diag_error(at(r, line, e), "more trace events than the %" PRIu64 " %s (line %d) announced",
                   r->want, r->version == 1 ? "the dump's header" : "their cpu line",
                   r->want_line);
        return false;
    }
    if (!trace_kind_name(ev.kind) || k == 0 ||
        (k != ev.kind && k != TRACE_NOTIFY && k != TRACE_CALL && k != TRACE_REPLY)) {
        diag_error(at(r, line, e + 16), "unknown trace event kind 0x%02x", ev.kind);
        return false;
    }
    if (ev.pd != TRACE_NO_PD && ev.pd >= r->cur.npds) {
        diag_error(at(r, line, e + 18), "trace event of pd %u, but the dump has %u pds", ev.pd,
                   r->cur.npds);
        return false;
    }
    if (ev.peer != TRACE_NO_PD && ev.peer >= r->cur.npds) {
        diag_error(at(r, line, e + 20), "trace event for pd %u, but the dump has %u pds", ev.peer,
                   r->cur.npds);
        return false;
    }
    if (r->version > 1 && ev.cpu != r->cpus - 1) {
        diag_error(at(r, line, e + 22), "trace event of cpu %u among cpu %u's", ev.cpu,
                   r->cpus - 1);
        return false;
    }
    if (r->cur.nev > r->ring && ev.time < r->cur.ev[r->cur.nev - 1].time) {
        diag_error(at(r, line, e),
                   "trace event at %" PRIu64 " instructions, before the one"
                   " before it (%" PRIu64 ")",
                   ev.time, r->cur.ev[r->cur.nev - 1].time);
        return false;
    }
    if (r->cur.nev == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 256;
        r->cur.ev = realloc(r->cur.ev, r->cap * sizeof *r->cur.ev);
        if (!r->cur.ev)
            abort();
    }
    r->cur.ev[r->cur.nev++] = ev;
    return true;
}

// A data line's events, after `data `.
static void
read_data(struct reader *r, const char *line, const char *p)
{
    size_t len = strlen(p);
    const size_t ev_chars = 2 * sizeof(struct trace_event);

    for (size_t i = 0; i < len; i++) {
        if (hexval(p[i]) < 0) {
            diag_error(at(r, line, p + i), "'%c' in trace data: lowercase hex digits expected",
                       p[i]);
            return;
        }
    }
    if (len == 0 || len % ev_chars != 0 || len > TRACE_LINE_EVENTS * ev_chars) {
        diag_error(at(r, line, p + len),
                   "trace data of %zu digits: 1 to %d events of %zu digits expected", len,
                   TRACE_LINE_EVENTS, ev_chars);
        return;
    }
    for (const char *e = p; e < p + len; e += ev_chars) {
        if (!add_event(r, line, e))
            return; // one error a line
    }
}

// `v1: N events, L lost, P pds`: a new dump.
static bool
read_header(struct reader *r, const char *line, const char *p)
{
    unsigned version = 0, pds, cpus;
    uint64_t n = 0, lost = 0;
    int end = -1;

    if (r->header) {
        diag_error(at(r, line, p), "a trace dump begins before the one at line %d ended",
                   r->header);
        return false;
    }
    // A header in error begins a dump all the same, one to skip to its end.
    r->header = r->line;
    r->header_col = (int)(p - line) + 1 - (int)strlen(TRACE_MARK);
    if (sscanf(p, "v%u:%n", &version, &end) == 1 && end > 0 && version != 1 &&
        version != TRACE_VERSION) {
        diag_error(at(r, line, p), "trace format v%u: this moat reads v1 and v%d", version,
                   TRACE_VERSION);
        return false;
    }
    end = -1;
    if (version == 1) {
        if (sscanf(p, "v1: %" SCNu64 " events, %" SCNu64 " lost, %u pds%n", &n, &lost, &pds,
                   &end) != 3 ||
            end < 0 || p[end] != '\0' || pds > TRACE_MAX_PDS) {
            diag_error(at(r, line, p),
                       "malformed trace header: 'v1: N events, L lost, P pds' "
                       "(P at most %d) expected",
                       TRACE_MAX_PDS);
            return false;
        }
        cpus = 1;
    } else if (sscanf(p, "v%u: %u pds, %u cpus%n", &version, &pds, &cpus, &end) != 3 || end < 0 ||
               p[end] != '\0' || pds > TRACE_MAX_PDS || cpus == 0 || cpus > TRACE_MAX_CPUS) {
        diag_error(at(r, line, p),
                   "malformed trace header: 'v%d: P pds, C cpus' (P at most %d, C 1 to %d) "
                   "expected",
                   TRACE_VERSION, TRACE_MAX_PDS, TRACE_MAX_CPUS);
        return false;
    }
    trace_free(&r->cur);
    r->cap = 0;
    r->version = version;
    r->begun = false;
    r->want = version == 1 ? n : 0;
    r->want_line = r->line;
    r->pds = 0;
    r->cpus = version == 1 ? 1 : 0;
    r->ring = 0;
    r->cur.npds = pds;
    r->cur.ncpus = cpus;
    r->cur.lost = version == 1 ? lost : 0;
    return true;
}

// Whether the ring read last has the events its line (v1: the header) announced.
static bool
ring_complete(struct reader *r, const char *line, const char *what)
{
    size_t got = r->cur.nev - r->ring;

    if (got == r->want)
        return true;
    if (r->version == 1)
        diag_error(at(r, line, what),
                   "trace dump of %zu events: its header (line %d) announced %" PRIu64, got,
                   r->want_line, r->want);
    else
        diag_error(at(r, line, what),
                   "trace of cpu %u: %zu events, its cpu line (line %d) announced %" PRIu64,
                   r->cpus - 1, got, r->want_line, r->want);
    return false;
}

// `cpu K: N events, L lost` (v2): the previous ring is complete, core K's begins.
static bool
read_cpu(struct reader *r, const char *line, const char *p)
{
    unsigned k;
    uint64_t n, lost;
    int end = -1;

    if (r->cpus > 0 && !ring_complete(r, line, p))
        return false;
    if (sscanf(p, "cpu %u: %" SCNu64 " events, %" SCNu64 " lost%n", &k, &n, &lost, &end) != 3 ||
        end < 0 || p[end] != '\0' || k != r->cpus || k >= r->cur.ncpus) {
        diag_error(at(r, line, p), "'cpu %u: N events, L lost' expected (the dump has %u cpus)",
                   r->cpus, r->cur.ncpus);
        return false;
    }
    r->ring_at[r->cpus++] = r->cur.nev;
    r->ring = r->cur.nev;
    r->want = n;
    r->want_line = r->line;
    r->cur.lost += lost;
    return true;
}

// The rings, each in time order already and ring k from at[k], as one: by
// instret, the lower core first where two are equal.
static void
merge(struct trace_log *log, const size_t *at)
{
    size_t pos[TRACE_MAX_CPUS];
    struct trace_event *out;

    if (log->ncpus == 1)
        return;
    out = malloc((log->nev ? log->nev : 1) * sizeof *out);
    if (!out)
        abort();
    for (unsigned k = 0; k < log->ncpus; k++)
        pos[k] = at[k];
    for (size_t i = 0; i < log->nev; i++) {
        unsigned best = log->ncpus;
        for (unsigned k = 0; k < log->ncpus; k++) {
            size_t stop = k + 1 < log->ncpus ? at[k + 1] : log->nev;
            if (pos[k] < stop &&
                (best == log->ncpus || log->ev[pos[k]].time < log->ev[pos[best]].time))
                best = k;
        }
        out[i] = log->ev[pos[best]++];
    }
    free(log->ev);
    log->ev = out;
}

// One trace line, from its marker on; returns whether it ended a dump.
static bool
read_line(struct reader *r, const char *line, const char *p)
{
    const char *what = p;
    unsigned i;
    int end = -1;

    if (r->broken) { // only its end, or a new dump's header, means anything
        if (strcmp(p, "end") == 0 || *p == 'v') {
            r->header = 0;
            r->broken = false;
        }
        if (*p == 'v')
            read_header(r, line, p);
        return false;
    }
    if (*p == 'v') {
        read_header(r, line, p);
        return false;
    }
    if (!r->header) {
        diag_error(at(r, line, what),
                   "trace line outside a dump (no 'moat: trace v%d: ...' "
                   "header before it)",
                   TRACE_VERSION);
        return false;
    }
    if (strncmp(p, "pd ", 3) == 0 && !r->begun) {
        unsigned cpu = 0;
        bool ok = r->version == 1
                      ? sscanf(p + 3, "%u %n", &i, &end) == 1
                      : sscanf(p + 3, "%u cpu %u %n", &i, &cpu, &end) == 2 && cpu < r->cur.ncpus;
        if (!ok || end < 0 || i != r->pds || i >= r->cur.npds || p[3 + end] == '\0') {
            if (r->version == 1)
                diag_error(at(r, line, what), "'pd %u NAME' expected (the dump has %u pds)",
                           r->pds, r->cur.npds);
            else
                diag_error(at(r, line, what),
                           "'pd %u cpu K NAME' expected (the dump has %u pds, %u cpus)", r->pds,
                           r->cur.npds, r->cur.ncpus);
            return false;
        }
        r->cur.cpu[r->pds] = cpu;
        r->cur.name[r->pds++] = strdup(p + 3 + end);
    } else if (strncmp(p, "cpu ", 4) == 0 && r->begun && r->version > 1) {
        read_cpu(r, line, p);
    } else if (strcmp(p, "begin") == 0 && !r->begun) {
        if (r->pds != r->cur.npds) {
            diag_error(at(r, line, what),
                       "trace begins after %u 'pd' lines: the header (line "
                       "%d) announced %u",
                       r->pds, r->header, r->cur.npds);
            return false;
        }
        r->begun = true;
    } else if (strncmp(p, "data ", 5) == 0 && r->begun && r->cpus > 0) {
        read_data(r, line, p + 5);
    } else if (strcmp(p, "end") == 0 && r->begun) {
        r->header = 0;
        if (!ring_complete(r, line, what))
            return false;
        if (r->cpus != r->cur.ncpus) {
            diag_error(at(r, line, what), "trace dump ends after %u of its %u cpus' events",
                       r->cpus, r->cur.ncpus);
            return false;
        }
        merge(&r->cur, r->ring_at);
        return true;
    } else {
        diag_error(at(r, line, what), "unexpected trace line '%.40s' %s", p,
                   !r->begun         ? "(pd or begin expected)"
                   : r->cpus == 0    ? "(cpu 0 expected)"
                   : r->version == 1 ? "(data or end expected)"
                                     : "(data, cpu or end expected)");
    }
    return false;
}

int
trace_read(const char *path, struct trace_log *log)
{
    struct reader r = {.path = path};
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    bool done = false;
    int errors = diag_count();

    *log = (struct trace_log){0};
    if (f == NULL) {
        diag_error((struct loc){0}, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    while ((n = getline(&buf, &cap, f)) >= 0) {
        r.line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0'; // a serial console's lines end in \r\n
        const char *m = strstr(buf, TRACE_MARK);
        if (m == NULL)
            continue;
        if (memchr(buf, '\0', (size_t)n) != NULL) {
            diag_error(at(&r, buf, buf + strlen(buf)), "a NUL byte in a trace line");
            continue;
        }
        int before = diag_count();
        bool ended = read_line(&r, buf, m + strlen(TRACE_MARK));
        if (diag_count() != before && r.header)
            r.broken = true;
        if (ended && diag_count() == errors) {
            trace_free(log);
            *log = r.cur; // the newest complete dump wins
            r.cur = (struct trace_log){0};
            r.cap = 0;
            done = true;
        }
        if (r.header == 0 && diag_count() != errors)
            trace_free(&r.cur);
    }
    free(buf);
    fclose(f);
    if (r.header && !r.broken) {
        diag_error((struct loc){path, r.header, r.header_col},
                   "this trace dump does not end (no 'moat: "
                   "trace end' before the log's end, line %d): was the log cut short?",
                   r.line);
    } else if (!done && diag_count() == errors) {
        diag_error((struct loc){path, r.line + 1, 1},
                   "no trace dump in the log: a debug or "
                   "benchmark kernel prints one when it halts and on moat_trace_dump()");
    }
    trace_free(&r.cur);
    if (diag_count() != errors) {
        trace_free(log);
        return -1;
    }
    return 0;
}

unsigned
trace_lanes(const struct trace_log *log)
{
    return log->npds + log->ncpus;
}

static int
by_start(const void *a, const void *b)
{
    const struct trace_run *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->lane < y->lane ? -1 : x->lane > y->lane;
}

struct trace_run *
trace_runs(const struct trace_log *log, size_t *n)
{
    struct trace_run *runs = calloc(log->nev + log->ncpus, sizeof *runs);
    unsigned lane[TRACE_MAX_CPUS]; // what each core runs (~0U: unknown until an event says)
    uint64_t start[TRACE_MAX_CPUS];
    bool seen[TRACE_MAX_CPUS] = {false};
    uint64_t last = log->nev ? log->ev[log->nev - 1].time : 0;

    if (!runs)
        abort();
    *n = 0;
    for (unsigned k = 0; k < log->ncpus; k++)
        lane[k] = ~0U;
    for (size_t i = 0; i < log->nev; i++) {
        const struct trace_event *e = &log->ev[i];
        unsigned c = e->cpu, idle = log->npds + c, to, from;
        if (!seen[c]) { // a core's runs begin at its first event
            seen[c] = true;
            start[c] = e->time;
        }
        if (e->kind == TRACE_SWITCH) {
            from = e->peer == TRACE_NO_PD ? idle : e->peer;
            to = e->pd == TRACE_NO_PD ? idle : e->pd;
        } else if (e->kind & TRACE_SWITCHED) {
            from = e->pd;
            to = e->peer == TRACE_NO_PD ? idle : e->peer;
        } else {
            continue;
        }
        if (lane[c] == ~0U) // the ring's first events: the PD this switch left
            lane[c] = from;
        if (e->time > start[c])
            runs[(*n)++] = (struct trace_run){lane[c], start[c], e->time - start[c]};
        lane[c] = to;
        start[c] = e->time;
    }
    // Each core's last run lasts to the dump's last event, whichever core's.
    for (unsigned k = 0; k < log->ncpus; k++) {
        if (lane[k] != ~0U && last > start[k])
            runs[(*n)++] = (struct trace_run){lane[k], start[k], last - start[k]};
    }
    qsort(runs, *n, sizeof *runs, by_start);
    return runs;
}

static const char trace_usage[] =
    "usage: moat trace LOG [-o trace.json] [--svg trace.svg]\n"
    "  LOG: a console log with a kernel's trace dump (moat: trace ...); the last one is read.\n"
    "  -o FILE: Chrome/Perfetto trace JSON (ui.perfetto.dev); '-' or no -o and no --svg: stdout\n"
    "  --svg FILE: one lane per PD, time across (instructions retired)\n";

static int
write_file(const char *path, const struct trace_log *log,
           void (*write)(FILE *, const struct trace_log *))
{
    bool out = strcmp(path, "-") == 0;
    FILE *f = out ? stdout : fopen(path, "w");

    if (f == NULL) {
        fprintf(stderr, "moat: error: cannot write '%s': %s\n", path, strerror(errno));
        return 1;
    }
    write(f, log);
    if (ferror(f) || (out ? fflush(f) : fclose(f)) != 0) {
        fprintf(stderr, "moat: error: cannot write '%s': %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int
trace_main(int argc, char **argv)
{
    const char *in = NULL, *json = NULL, *svg = NULL;
    struct trace_log log;

    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
            fputs(trace_usage, stdout);
            return 0;
        } else if ((strcmp(o, "-o") == 0 || strcmp(o, "--svg") == 0) && i + 1 < argc) {
            *(o[1] == 'o' ? &json : &svg) = argv[++i];
        } else if (o[0] == '-' && o[1] != '\0') {
            fprintf(stderr, "moat: error: %s '%s'\n%s",
                    strcmp(o, "-o") == 0 || strcmp(o, "--svg") == 0 ? "a file name must follow"
                                                                    : "unknown option",
                    o, trace_usage);
            return 2;
        } else if (in != NULL) {
            fprintf(stderr, "moat: error: more than one log ('%s')\n%s", o, trace_usage);
            return 2;
        } else {
            in = o;
        }
    }
    if (in == NULL) {
        fprintf(stderr, "moat: error: no log given\n%s", trace_usage);
        return 2;
    }
    if (json == NULL && svg == NULL)
        json = "-";
    if (trace_read(in, &log) != 0)
        return 1;
    int st = (json && write_file(json, &log, trace_write_json)) ||
             (svg && write_file(svg, &log, trace_write_svg));
    trace_free(&log);
    return st;
}
