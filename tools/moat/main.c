// SPDX-License-Identifier: BSD-2-Clause
//
// moat: the command line (Microkit's), file access and output. Everything
// else happens in pipeline_run() on memory buffers (`moat symbolize` is
// symbolize.c's, `moat trace` trace.c's). Exit status: 0 success, 1 bad
// input (XML, ELF, semantics), 2 bad command line.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "graph.h"
#include "imgfmt.h"
#include "pipeline.h"
#include "report.h"
#include "symbolize.h"
#include "trace.h"

#define MAX_SEARCH 64
// No input can be larger than the image it goes into (a program image's
// debug information is not copied, but 96 MiB of it is more than any PD has).
#define MAX_FILE IMAGE_MAX_SIZE

struct args {
    const char *system, *board, *config, *image, *report, *kernel, *graph;
    const char *search[MAX_SEARCH];
    int nsearch;
    enum image_type type;
};

static const char usage_text[] =
    "usage: moat SYSTEM.xml --search-path DIR [--search-path DIR ...]\n"
    "            --board qemu_virt_riscv64 --config debug|release|benchmark|smp-debug|smp-release|smp-benchmark\n"
    "            [-o loader.img] [-r report.txt] [--image-type uimage|elf|binary]\n"
    "            [--override-kernel ELF] [--graph FILE.svg|FILE.dot]\n"
    "            [--capdl-json FILE] [--viper-output DIR]\n"
    "usage: moat symbolize REPORT [DIR...] <console.log\n"
    "usage: moat trace LOG [-o trace.json] [--svg trace.svg]\n";

static void
usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "moat: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage_text);
    exit(2);
}

// Reads a whole regular file of at most `limit` bytes; returns 0, or -1 with
// *why saying why not (errno is ENOENT when the file does not exist, so a
// search can go on). What is not a regular file (a directory, a FIFO, a
// device such as /dev/zero) is refused before a byte is read, and so is a
// file larger than anything it could be used for: the size is known from
// fstat, so neither an endless input nor a huge sparse file is read. O_NONBLOCK
// keeps open() of a FIFO from waiting for a writer.
static int
read_all(const char *path, size_t limit, unsigned char **data, size_t *size, const char **why)
{
    static char msg[96];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        *why = strerror(errno);
        close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        *why = strerror(EISDIR);
    } else if (!S_ISREG(st.st_mode)) {
        *why = "not a regular file";
    } else if ((uintmax_t)st.st_size > limit) {
        snprintf(msg, sizeof msg, "%jd bytes, larger than the %zu MiB an input may be",
                 (intmax_t)st.st_size, limit >> 20);
        *why = msg;
    } else {
        *why = NULL;
    }
    if (*why != NULL) {
        close(fd);
        errno = 0;
        return -1;
    }
    size_t n = 0, cap = (size_t)st.st_size + 1; // +1: a file that grew is seen to have grown
    unsigned char *buf = malloc(cap);
    if (buf == NULL)
        abort();
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *why = strerror(errno);
            free(buf);
            close(fd);
            errno = 0;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n == cap) {
            *why = "the file grew while it was read";
            free(buf);
            close(fd);
            errno = 0;
            return -1;
        }
    }
    close(fd);
    *data = buf;
    *size = n;
    return 0;
}

// Resolves a program image or prefill file against the search paths, then the current
// directory (absolute paths as they are).
static int
read_image(void *ctx, const char *path, const char *kind, struct loc at, unsigned char **data,
           size_t *size)
{
    const struct args *a = ctx;
    const char *why;
    char full[PATH_MAX];

    for (int i = 0; path[0] != '/' && i < a->nsearch; i++) {
        if (snprintf(full, sizeof full, "%s/%s", a->search[i], path) >= (int)sizeof full)
            continue;
        if (read_all(full, MAX_FILE, data, size, &why) == 0)
            return 0;
        if (errno != ENOENT) {
            diag_error(at, "cannot read '%s': %s", full, why);
            return -1;
        }
    }
    if (read_all(path, MAX_FILE, data, size, &why) == 0)
        return 0;
    if (errno != ENOENT) {
        diag_error(at, "cannot read '%s': %s", path, why);
    } else {
        diag_error(at, "cannot find %s '%s' in the search path", kind, path);
    }
    return -1;
}

static const char *
value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        usage_error("option '%s' needs a value", argv[*i]);
    }
    return argv[++*i];
}

static bool
ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);

    return n > m && strcmp(s + n - m, end) == 0;
}

static void
parse_args(int argc, char **argv, struct args *a)
{
    // uimage by default, as Microkit on RISC-V (but for boards moat lacks).
    *a = (struct args){.image = "loader.img", .report = "report.txt", .type = IMAGE_UIMAGE};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
            fputs(usage_text, stdout);
            exit(0);
        } else if (strcmp(o, "--search-path") == 0) {
            if (a->nsearch == MAX_SEARCH) {
                usage_error("too many search paths (at most %s)", "64");
            }
            a->search[a->nsearch++] = value(argc, argv, &i);
        } else if (strcmp(o, "--board") == 0) {
            a->board = value(argc, argv, &i);
        } else if (strcmp(o, "--config") == 0) {
            a->config = value(argc, argv, &i);
        } else if (strcmp(o, "-o") == 0 || strcmp(o, "--output") == 0) {
            a->image = value(argc, argv, &i);
        } else if (strcmp(o, "-r") == 0 || strcmp(o, "--report") == 0) {
            a->report = value(argc, argv, &i);
        } else if (strcmp(o, "--graph") == 0) {
            a->graph = value(argc, argv, &i);
            if (!ends_with(a->graph, ".svg") && !ends_with(a->graph, ".dot")) {
                usage_error("--graph '%s': the file name must end in .svg or .dot", a->graph);
            }
        } else if (strcmp(o, "--override-kernel") == 0) {
            a->kernel = value(argc, argv, &i);
        } else if (strcmp(o, "--image-type") == 0) {
            const char *t = value(argc, argv, &i);
            int type = imgfmt_parse(t);
            if (type < 0) {
                usage_error("unknown image type '%s' (binary, elf or uimage)", t);
            }
            a->type = (enum image_type)type;
        } else if (strcmp(o, "--capdl-json") == 0 || strcmp(o, "--viper-output") == 0) {
            value(argc, argv, &i);
            fprintf(stderr, "moat: note: %s does not apply to moat (no capDL spec); ignored\n", o);
        } else if (o[0] == '-' && o[1] != '\0') {
            usage_error("unknown option '%s'", o);
        } else if (a->system != NULL) {
            usage_error("more than one system description ('%s')", o);
        } else {
            a->system = o;
        }
    }
    if (a->system == NULL) {
        usage_error("no system description given%s", "");
    }
    if (a->board == NULL) {
        usage_error("missing --board%s", "");
    }
    if (strcmp(a->board, "qemu_virt_riscv64") != 0) {
        usage_error("unknown board '%s' (qemu_virt_riscv64)", a->board);
    }
    if (a->config == NULL) {
        usage_error("missing --config%s", "");
    }
    if (strcmp(a->config, "debug") != 0 && strcmp(a->config, "release") != 0 &&
        strcmp(a->config, "benchmark") != 0 && strcmp(a->config, "smp-debug") != 0 &&
        strcmp(a->config, "smp-release") != 0 && strcmp(a->config, "smp-benchmark") != 0) {
        usage_error("unknown config '%s' (debug, release, benchmark, smp-debug, smp-release or "
                    "smp-benchmark)",
                    a->config);
    }
}

// --override-kernel, else $MICROKIT_SDK/board/..., else next to the tool.
static const char *
kernel_path(const struct args *a, char *buf, size_t len)
{
    const char *sdk = getenv("MICROKIT_SDK");
    char self[PATH_MAX];
    ssize_t n;

    if (a->kernel != NULL)
        return a->kernel;
    if (sdk != NULL) {
        snprintf(buf, len, "%s/board/%s/%s/elf/kernel.elf", sdk, a->board, a->config);
        return buf;
    }
    n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0) {
        n = 0;
    }
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash != NULL) {
        *slash = '\0';
    }
    snprintf(buf, len, "%s/../board/%s/%s/elf/kernel.elf", self, a->board, a->config);
    return buf;
}

extern char **environ;

static int
cannot_write(const char *path, const char *why)
{
    fprintf(stderr, "moat: error: cannot write '%s': %s\n", path, why);
    return 1;
}

// Writes the DOT text to f, or pipes it through `dot -Tsvg` into f. Returns
// 0, or 1 after saying why.
static int
draw(FILE *f, const char *path, const struct system *sys)
{
    static char why[160];
    char *argv[] = {"dot", "-Tsvg", NULL};
    posix_spawn_file_actions_t fa;
    int p[2], st, err;
    pid_t pid;

    if (ends_with(path, ".dot")) {
        graph_write(f, sys);
        return fflush(f) != 0 || ferror(f) ? cannot_write(path, strerror(errno)) : 0;
    }
    if (pipe(p) < 0)
        return cannot_write(path, strerror(errno));
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[0], 0);
    posix_spawn_file_actions_adddup2(&fa, fileno(f), 1);
    err = posix_spawnp(&pid, "dot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[0]);
    if (err != 0) {
        close(p[1]);
        snprintf(why, sizeof why, "cannot run Graphviz's 'dot' (%s); install Debian's "
                 "graphviz, or write DOT with --graph FILE.dot", strerror(err));
        return cannot_write(path, why);
    }
    // A dot that exits early makes the writes fail with EPIPE, not kill moat.
    signal(SIGPIPE, SIG_IGN);
    FILE *to = fdopen(p[1], "w");
    if (to != NULL) {
        graph_write(to, sys);
        fclose(to);
    } else {
        close(p[1]);
    }
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR)
            return cannot_write(path, strerror(errno));
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        snprintf(why, sizeof why, "'dot -Tsvg' failed (%s %d)",
                 WIFEXITED(st) ? "exit status" : "signal",
                 WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
        return cannot_write(path, why);
    }
    return 0;
}

// --graph: the DOT text as it is, or an SVG drawn by Graphviz's `dot -Tsvg`,
// run with the DOT text on its standard input and the file as its standard
// output. A program rather than linking libgvc: the tool keeps libxml2 as
// its only library, builds and runs where Graphviz is missing (only an SVG
// needs it), and Graphviz's layout runs in a process of its own. A file left
// half-written is removed (when it is a regular file: never /dev/full), so
// that a build does not take it for a picture.
static int
write_graph(const char *path, const struct system *sys)
{
    struct stat st;
    FILE *f = fopen(path, "w");

    if (f == NULL)
        return cannot_write(path, strerror(errno));
    int bad = draw(f, path, sys);
    if (fclose(f) != 0 && !bad) {
        bad = cannot_write(path, strerror(errno));
    }
    if (bad && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        unlink(path);
    }
    return bad;
}

static int
write_outputs(const struct args *a, const struct output *out)
{
    static unsigned char hdr[IMGFMT_MAX_HDR];
    size_t n = out->layout.file_size; // the zeros after it are the kernel's to write
    size_t nhdr = imgfmt_header(a->type, out->layout.image, n, hdr);
    FILE *f = fopen(a->image, "wb");

    if (f == NULL || fwrite(hdr, 1, nhdr, f) != nhdr || fwrite(out->layout.image, 1, n, f) != n ||
        fclose(f) != 0) {
        fprintf(stderr, "moat: error: cannot write '%s': %s\n", a->image, strerror(errno));
        return 1;
    }
    f = fopen(a->report, "w");
    if (f == NULL) {
        fprintf(stderr, "moat: error: cannot write '%s': %s\n", a->report, strerror(errno));
        return 1;
    }
    report_write(f, &out->sys, &out->layout);
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "moat: error: cannot write '%s': %s\n", a->report, strerror(errno));
        return 1;
    }
    printf("moat: wrote %s (%s, %zu bytes, %d protection domain%s)\n", a->image,
           imgfmt_name(a->type), nhdr + out->layout.file_size, out->sys.npds,
           out->sys.npds == 1 ? "" : "s");
    if (a->graph != NULL) {
        if (write_graph(a->graph, &out->sys) != 0)
            return 1;
        printf("moat: wrote %s (the system drawn, %s)\n", a->graph,
               ends_with(a->graph, ".svg") ? "SVG" : "DOT");
    }
    return 0;
}

int
main(int argc, char **argv)
{
    struct args a;
    struct input in = {0};
    struct output out;
    unsigned char *sdf, *kernel;
    const char *why;
    char kbuf[PATH_MAX + 64];
    int status;

    if (argc > 1 && strcmp(argv[1], "symbolize") == 0)
        return symbolize_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "trace") == 0) // moat trace LOG: trace.c
        return trace_main(argc - 1, argv + 1);

    parse_args(argc, argv, &a);
    in.ncpus = strncmp(a.config, "smp-", 4) == 0 ? MOAT_SMP_CPUS : 1;
    if (read_all(a.system, MAX_FILE, &sdf, &in.sdf_len, &why) < 0) {
        fprintf(stderr, "moat: error: cannot open '%s': %s\n", a.system, why);
        return 1;
    }
    in.kernel_name = kernel_path(&a, kbuf, sizeof kbuf);
    if (read_all(in.kernel_name, MAX_FILE, &kernel, &in.kernel_len, &why) < 0) {
        fprintf(stderr, "moat: error: cannot open kernel '%s': %s\n", in.kernel_name, why);
        free(sdf);
        return 1;
    }
    in.sdf_name = a.system;
    in.sdf = (const char *)sdf;
    in.kernel = kernel;
    in.read_file = read_image;
    in.ctx = &a;
    status = pipeline_run(&in, &out);
    if (status == 0) {
        status = write_outputs(&a, &out);
    }
    pipeline_free(&out);
    free(sdf);
    free(kernel);
    return status;
}
