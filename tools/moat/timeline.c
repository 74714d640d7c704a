// SPDX-License-Identifier: BSD-2-Clause
//
// The timeline read by trace.c, written out. JSON in the Trace Event Format
// (Chrome's, which ui.perfetto.dev opens): process "moat", one thread per PD
// and one for the idle loop, a complete ("X") slice for each stretch a PD
// ran (a dump of several cores: a lane a PD, named with its core, and an
// idle one a core), an instant ("i") for every other event, and a flow arrow from a
// notification, call or reply to the peer's next slice. The time axis counts
// instructions retired from the dump's first event: what Perfetto shows as
// 1 us is one instruction. SVG: the same lanes drawn directly, one row per
// PD, runs as bars, events as marks, arrows between lanes.
#include "trace.h"

#include <inttypes.h>
#include <stdlib.h>

// A name as a JSON or XML string body: quotes, backslashes, <, > and & and
// control bytes escaped (a PD's name is whatever its description said).
static void
put_escaped(FILE *f, const char *s, int xml)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (xml && (c == '<' || c == '>' || c == '&' || c == '"'))
            fprintf(f, "&#%u;", c);
        else if (!xml && (c == '"' || c == '\\'))
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, xml ? "?" : "\\u%04x", c);
        else
            fputc(c, f);
    }
}

// A PD's name as events give it (TRACE_NO_PD: the idle loop).
static const char *
pd_name(const struct trace_log *log, unsigned pd)
{
    return pd == TRACE_NO_PD || pd >= log->npds ? "(idle)" : log->name[pd];
}

// A lane's name, escaped: the PD's, or (idle); on a dump of several cores
// with the core's: "client (cpu 1)", "(idle cpu 1)".
static void
put_lane(FILE *f, const struct trace_log *log, unsigned lane, int xml)
{
    if (lane >= log->npds && log->ncpus > 1) {
        fprintf(f, "(idle cpu %u)", lane - log->npds);
        return;
    }
    put_escaped(f, pd_name(log, lane), xml);
    if (log->ncpus > 1)
        fprintf(f, " (cpu %u)", log->cpu[lane]);
}

// The lane (thread) of a pd index: PDs 1.., the idle loops after them, one
// a core (the event's).
static unsigned
tid(const struct trace_log *log, unsigned pd, unsigned cpu)
{
    return pd == TRACE_NO_PD || pd >= log->npds ? log->npds + 1 + cpu : pd + 1;
}

// What an event's argument is, and the category it is shown under.
static const char *const arg_names[TRACE_KINDS] = {
    [TRACE_NOTIFY] = "channel", [TRACE_CALL] = "tag", [TRACE_REPLY] = "tag",
    [TRACE_FAULT] = "label",    [TRACE_IRQ] = "irq",  [TRACE_THROTTLE] = "arg",
    [TRACE_RELEASE] = "arg",
};

static const char *
category(unsigned kind)
{
    if (kind == TRACE_THROTTLE || kind == TRACE_RELEASE)
        return "budget";
    return kind == TRACE_IRQ || kind == TRACE_FAULT ? "event" : "ipc";
}

static void
json_event(FILE *f, const struct trace_log *log, const struct trace_event *e, uint64_t t0,
           unsigned *flow)
{
    unsigned kind = e->kind & ~(unsigned)TRACE_SWITCHED;
    const char *name = trace_kind_name(kind);

    // "call server"; a fault names the PD it goes to: "fault to monitor".
    fprintf(f, ",\n{\"name\":\"%s%s", name, kind == TRACE_FAULT ? " to" : "");
    if (e->peer != TRACE_NO_PD) {
        fputc(' ', f);
        put_escaped(f, pd_name(log, e->peer), 0);
    }
    fprintf(f,
            "\",\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"t\",\"ts\":%" PRIu64 ",\"pid\":1,"
            "\"tid\":%u,\"args\":{\"%s\":\"0x%" PRIx32 "\"",
            category(kind), e->time - t0, tid(log, e->pd, e->cpu), arg_names[kind], e->arg);
    if (log->ncpus > 1)
        fprintf(f, ",\"cpu\":%u", e->cpu);
    if (e->peer != TRACE_NO_PD) {
        fputs(",\"peer\":\"", f);
        put_escaped(f, pd_name(log, e->peer), 0);
        fputc('"', f);
    }
    fputs("}}", f);
    if (e->peer == TRACE_NO_PD ||
        (kind != TRACE_NOTIFY && kind != TRACE_CALL && kind != TRACE_REPLY))
        return;
    // An arrow from the sender's slice to the slice the peer runs next.
    ++*flow;
    fprintf(f,
            ",\n{\"name\":\"%s\",\"cat\":\"flow\",\"ph\":\"s\",\"id\":%u,\"ts\":%" PRIu64
            ",\"pid\":1,\"tid\":%u}",
            name, *flow, e->time - t0, tid(log, e->pd, e->cpu));
    fprintf(f,
            ",\n{\"name\":\"%s\",\"cat\":\"flow\",\"ph\":\"f\",\"id\":%u,\"ts\":%" PRIu64
            ",\"pid\":1,\"tid\":%u}",
            name, *flow, e->time - t0, tid(log, e->peer, e->cpu));
}

void
trace_write_json(FILE *f, const struct trace_log *log)
{
    uint64_t t0 = log->nev ? log->ev[0].time : 0;
    size_t nruns;
    struct trace_run *runs = trace_runs(log, &nruns);
    unsigned flow = 0;

    fprintf(f,
            "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock\":\"instructions retired "
            "since the first event%s (1 us shown = 1 instruction)\",\"first_instret\":%" PRIu64
            ",\"events\":%zu,\"lost\":%" PRIu64,
            log->ncpus > 1 ? ", by every hart (QEMU -icount: one count)" : "", t0, log->nev,
            log->lost);
    if (log->ncpus > 1)
        fprintf(f, ",\"cpus\":%u", log->ncpus);
    fputs("},\n\"traceEvents\":[\n", f);
    fprintf(f, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,"
               "\"args\":{\"name\":\"moat\"}}");
    for (unsigned i = 0; i < trace_lanes(log); i++) {
        fprintf(f,
                ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
                "\"args\":{\"name\":\"",
                i + 1);
        put_lane(f, log, i, 0);
        fprintf(f,
                "\"}},\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
                "\"args\":{\"sort_index\":%u}}",
                i + 1, i + 1);
    }
    for (size_t i = 0; i < nruns; i++) {
        fprintf(f,
                ",\n{\"name\":\"%s\",\"cat\":\"run\",\"ph\":\"X\",\"ts\":%" PRIu64
                ",\"dur\":%" PRIu64 ",\"pid\":1,\"tid\":%u}",
                runs[i].lane >= log->npds ? "idle" : "run", runs[i].start - t0, runs[i].dur,
                runs[i].lane + 1);
    }
    for (size_t i = 0; i < log->nev; i++) {
        if (log->ev[i].kind != TRACE_SWITCH)
            json_event(f, log, &log->ev[i], t0, &flow);
    }
    fputs("\n]}\n", f);
    free(runs);
}

// --- SVG -----------------------------------------------------------------------

#define SVG_LEFT   150 // the lane names
#define SVG_WIDTH  1200
#define SVG_TOP    40
#define SVG_LANE   28
#define SVG_BOTTOM 60

static const char *const kind_colour[TRACE_KINDS] = {
    [TRACE_NOTIFY] = "#d62728",  [TRACE_CALL] = "#1f77b4", [TRACE_REPLY] = "#2ca02c",
    [TRACE_FAULT] = "#000000",   [TRACE_IRQ] = "#ff7f0e",  [TRACE_THROTTLE] = "#9467bd",
    [TRACE_RELEASE] = "#8c564b",
};

static double
svg_x(uint64_t t, uint64_t t0, uint64_t span)
{
    return SVG_LEFT + (double)(t - t0) * SVG_WIDTH / (double)span;
}

static double
svg_y(unsigned lane)
{
    return SVG_TOP + lane * SVG_LANE + SVG_LANE / 2.0;
}

static void
svg_event(FILE *f, const struct trace_log *log, const struct trace_event *e, uint64_t t0,
          uint64_t span)
{
    unsigned kind = e->kind & ~(unsigned)TRACE_SWITCHED;
    double x = svg_x(e->time, t0, span), y = svg_y(tid(log, e->pd, e->cpu) - 1);

    fprintf(f, "<g class=\"%s\"><title>%s", trace_kind_name(kind), trace_kind_name(kind));
    if (e->peer != TRACE_NO_PD) {
        fputs(" ", f);
        put_escaped(f, pd_name(log, e->peer), 1);
    }
    fprintf(f, " by ");
    put_escaped(f, pd_name(log, e->pd), 1);
    fprintf(f, " at %" PRIu64 ", %s 0x%" PRIx32 "</title>", e->time - t0, arg_names[kind], e->arg);
    if (e->peer != TRACE_NO_PD &&
        (kind == TRACE_NOTIFY || kind == TRACE_CALL || kind == TRACE_REPLY)) {
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                "marker-end=\"url(#arrow-%s)\"/>",
                x, y, x, svg_y(tid(log, e->peer, e->cpu) - 1), kind_colour[kind],
                trace_kind_name(kind));
    }
    fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/></g>\n", x, y,
            kind_colour[kind]);
}

void
trace_write_svg(FILE *f, const struct trace_log *log)
{
    unsigned lanes = trace_lanes(log);
    uint64_t t0 = log->nev ? log->ev[0].time : 0;
    uint64_t span = log->nev ? log->ev[log->nev - 1].time - t0 : 0;
    double h = SVG_TOP + lanes * SVG_LANE + SVG_BOTTOM;
    size_t nruns;
    struct trace_run *runs = trace_runs(log, &nruns);

    if (span == 0)
        span = 1;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n",
            SVG_LEFT + SVG_WIDTH + 60, h);
    fputs("<defs>", f);
    for (unsigned k = TRACE_NOTIFY; k <= TRACE_REPLY; k++) {
        fprintf(f,
                "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" "
                "fill=\"%s\"/></marker>",
                trace_kind_name(k), kind_colour[k]);
    }
    fputs("</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n", f);
    fprintf(f,
            "<text x=\"10\" y=\"20\">moat trace: %zu events (%" PRIu64 " lost before them), "
            "%" PRIu64 " instructions</text>\n",
            log->nev, log->lost, span);
    for (unsigned i = 0; i < lanes; i++) {
        double y = SVG_TOP + i * SVG_LANE;
        fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", SVG_LEFT,
                y, SVG_WIDTH, SVG_LANE, i % 2 ? "#f4f4f4" : "#ffffff");
        fprintf(f, "<text class=\"lane\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", SVG_LEFT - 8,
                y + SVG_LANE / 2.0 + 4);
        put_lane(f, log, i, 1);
        fputs("</text>\n", f);
    }
    for (size_t i = 0; i < nruns; i++) {
        double x = svg_x(runs[i].start, t0, span);
        double w = svg_x(runs[i].start + runs[i].dur, t0, span) - x;
        fprintf(f,
                "<rect class=\"run\" x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" "
                "fill=\"%s\"><title>",
                x, svg_y(runs[i].lane) - SVG_LANE / 2.0 + 6, w < 0.5 ? 0.5 : w, SVG_LANE - 12,
                runs[i].lane >= log->npds ? "#cccccc" : "#aec7e8");
        put_lane(f, log, runs[i].lane, 1);
        fprintf(f, " runs from %" PRIu64 " for %" PRIu64 " instructions</title></rect>\n",
                runs[i].start - t0, runs[i].dur);
    }
    for (size_t i = 0; i < log->nev; i++) {
        if (log->ev[i].kind != TRACE_SWITCH)
            svg_event(f, log, &log->ev[i], t0, span);
    }
    double axis = SVG_TOP + lanes * SVG_LANE + 4;
    fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>\n", SVG_LEFT,
            axis, SVG_LEFT + SVG_WIDTH, axis);
    for (unsigned i = 0; i <= 5; i++) {
        double x = SVG_LEFT + SVG_WIDTH * i / 5.0;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%" PRIu64 "</text>\n", x,
                axis + 16, span * i / 5);
    }
    fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">instructions</text>\n", SVG_LEFT - 8,
            axis + 16);
    for (unsigned k = TRACE_NOTIFY; k < TRACE_KINDS; k++) {
        double x = SVG_LEFT + (k - TRACE_NOTIFY) * 110.0;
        fprintf(f,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/><text x=\"%.1f\" "
                "y=\"%.1f\">%s</text>\n",
                x, axis + 38, kind_colour[k], x + 8, axis + 42, trace_kind_name(k));
    }
    fputs("</svg>\n", f);
    free(runs);
}
