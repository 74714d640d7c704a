// SPDX-License-Identifier: BSD-2-Clause
//
// moat symbolize REPORT [DIR...]: copies a console log from stdin to stdout
// as it comes, and after each fault report's `MON|ERROR: pc=... ra=...`
// line adds the function, file and line of both addresses, read from the
// DWARF of the faulting PD's program by binutils' addr2line. Every PD is
// linked at the same address, so the PD the report names (its `faulting
// PD:` line) picks the program: the tool's REPORT says which file each PD
// runs, found in the DIRs (default: the report's directory) as the tool's
// --search-path found it. docs/debugging.md, "Debugging a fault".
#include "symbolize.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PDS  64
#define MAX_DIRS 64
#define LINE_MAX_ 512

struct prog {
    char name[72];
    char path[PATH_MAX]; // "" if not found
};

static struct prog progs[MAX_PDS];
static int nprogs;
static char cwd[PATH_MAX];

// The program of each PD in the report, looked for as the tool looked for it.
static int
read_report(const char *report, const char *const *dirs, int ndirs)
{
    FILE *f = fopen(report, "r");
    char line[LINE_MAX_ + PATH_MAX], prog[PATH_MAX];
    struct prog *p = NULL;

    if (f == NULL) {
        fprintf(stderr, "moat symbolize: cannot open '%s': %s\n", report, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        int n = 0;
        if (nprogs < MAX_PDS &&
            sscanf(line, "protection domain '%71[^']' (index %*u)%n", progs[nprogs].name, &n) == 1 &&
            n > 0) {
            p = &progs[nprogs++];
        } else if (p != NULL && sscanf(line, " program: %4095[^\n]", prog) == 1) {
            for (int i = 0; i < ndirs && prog[0] != '/'; i++) {
                if (snprintf(p->path, sizeof p->path, "%s/%s", dirs[i], prog) <
                        (int)sizeof p->path &&
                    access(p->path, R_OK) == 0)
                    break;
                p->path[0] = '\0';
            }
            if (prog[0] == '/' && access(prog, R_OK) == 0)
                snprintf(p->path, sizeof p->path, "%s", prog);
            p = NULL;
        }
    }
    fclose(f);
    if (nprogs == 0) {
        fprintf(stderr, "moat symbolize: '%s' names no protection domain: not a report?\n",
                report);
        return -1;
    }
    return 0;
}

static const struct prog *
prog_of(const char *name)
{
    for (int i = 0; i < nprogs; i++) {
        if (strcmp(progs[i].name, name) == 0)
            return &progs[i];
    }
    return NULL;
}

// Runs `addr2line -f -i -C -e elf addr` (-C: C++ and Rust names
// demangled) and reads its answer into out: pairs of lines, function then
// file:line, the innermost inlined function first. Returns the bytes read,
// or -1 if it could not be run.
static ssize_t
addr2line(const char *elf, unsigned long addr, char *out, size_t len)
{
    const char *tool = getenv("ADDR2LINE");
    char hex[24];
    int fd[2];
    size_t n = 0;
    int status;

    if (tool == NULL || tool[0] == '\0')
        tool = "riscv64-unknown-elf-addr2line";
    snprintf(hex, sizeof hex, "0x%lx", addr);
    if (pipe(fd) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execlp(tool, tool, "-f", "-i", "-C", "-e", elf, hex, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    for (;;) {
        ssize_t r = read(fd[0], out + n, len - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd[0]);
    out[n] = '\0';
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return (ssize_t)n;
}

// A file name from addr2line, relative to the current directory if it is
// under it; without a " (discriminator N)" suffix.
static const char *
short_path(const char *path)
{
    static char loc[PATH_MAX];
    size_t c = strlen(cwd);

    snprintf(loc, sizeof loc, "%s", path);
    char *d = strstr(loc, " (discriminator");
    if (d != NULL)
        *d = '\0';
    if (c > 1 && strncmp(loc, cwd, c) == 0 && loc[c] == '/')
        return loc + c + 1;
    return loc;
}

// `MON|ERROR: <what> 0x<addr> in <fn> at <file:line>[, inlined into <fn> at
// <file:line>]...`, ended as the line it follows was (eol).
static void
say(const struct prog *p, const char *what, unsigned long addr, unsigned long look,
    const char *eol)
{
    static bool warned;
    char out[4096];

    printf("MON|ERROR: %s 0x%lx", what, addr);
    if (p->path[0] == '\0') {
        printf(": program of '%s' not found (give its directory after the report)%s", p->name,
               eol);
        return;
    }
    if (addr2line(p->path, look, out, sizeof out) < 0) {
        printf(": no line (addr2line failed)%s", eol);
        if (!warned) {
            fprintf(stderr, "moat symbolize: cannot run %s (Debian binutils-riscv64-unknown-elf;"
                            " or set ADDR2LINE)\n",
                    getenv("ADDR2LINE") ? getenv("ADDR2LINE") : "riscv64-unknown-elf-addr2line");
            warned = true;
        }
        return;
    }
    char *save = NULL;
    const char *sep = " in";
    int depth = 0;
    for (char *fn = strtok_r(out, "\n", &save); fn != NULL; fn = strtok_r(NULL, "\n", &save)) {
        char *loc = strtok_r(NULL, "\n", &save);
        if (loc == NULL)
            break;
        if (strcmp(fn, "??") == 0 && strncmp(loc, "??", 2) == 0) {
            printf("%s no function of %s", sep, short_path(p->path));
        } else if (++depth > 3) {
            printf(", ...");
            break;
        } else {
            printf("%s %s at %s", sep, fn, short_path(loc));
        }
        sep = ", inlined into";
    }
    printf("%s", eol);
}

// One whole line of the log, already copied out; name holds the PD of the
// last `faulting PD:` line.
static void
line_seen(char *line, char *name, size_t namelen)
{
    size_t n = strlen(line);
    const char *eol = n >= 2 && line[n - 2] == '\r' ? "\r\n" : "\n";
    unsigned long pc, ra;

    line[strcspn(line, "\r\n")] = '\0';
    if (strncmp(line, "MON|ERROR: faulting PD: ", 24) == 0) {
        size_t k = strlen(line + 24);
        k = k < namelen - 1 ? k : namelen - 1;
        memcpy(name, line + 24, k);
        name[k] = '\0';
    } else if (sscanf(line, "MON|ERROR: pc=0x%lx ra=0x%lx", &pc, &ra) == 2) {
        const struct prog *p = prog_of(name);
        if (p == NULL) {
            printf("MON|ERROR: no PD '%s' in the report%s", name, eol);
            return;
        }
        say(p, "pc", pc, pc, eol);
        // ra is the instruction after a call: ra - 1 is in the call, the
        // line the caller is at.
        if (ra != 0)
            say(p, "ra", ra, ra - 1, eol);
    }
}

int
symbolize_main(int argc, char **argv)
{
    const char *dirs[MAX_DIRS];
    int ndirs = 0;
    char line[LINE_MAX_], name[72] = "";
    size_t len = 0;
    char buf[4096];

    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: moat symbolize REPORT [DIR...] <console.log\n"
                        "  adds to each fault report the function and line of its pc and ra,\n"
                        "  from the PD's program in DIR (default: the report's directory)\n");
        return 2;
    }
    for (int i = 2; i < argc && ndirs < MAX_DIRS; i++)
        dirs[ndirs++] = argv[i];
    static char rdir[PATH_MAX];
    if (ndirs == 0) {
        snprintf(rdir, sizeof rdir, "%s", argv[1]);
        char *slash = strrchr(rdir, '/');
        if (slash != NULL)
            *slash = '\0';
        else
            snprintf(rdir, sizeof rdir, ".");
        dirs[ndirs++] = rdir;
    }
    if (getcwd(cwd, sizeof cwd) == NULL)
        cwd[0] = '\0';
    // Without a report the log is still copied, unchanged: QEMU writing
    // into this pipe must not lose its console (make simulate).
    int status = read_report(argv[1], dirs, ndirs) < 0 ? 1 : 0;
    if (status)
        fprintf(stderr, "moat symbolize: fault reports will not be symbolized\n");
    // Bytes go out as they come (a prompt without a newline included); a
    // line is looked at once it is whole. Longer lines than fit are only
    // copied.
    for (;;) {
        ssize_t r = read(0, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        ssize_t from = 0;
        for (ssize_t i = 0; i < r; i++) {
            if (len < sizeof line - 1)
                line[len++] = buf[i];
            if (buf[i] != '\n')
                continue;
            fwrite(buf + from, 1, (size_t)(i + 1 - from), stdout);
            from = i + 1;
            line[len] = '\0';
            if (status == 0)
                line_seen(line, name, sizeof name);
            len = 0;
        }
        fwrite(buf + from, 1, (size_t)(r - from), stdout);
        fflush(stdout);
    }
    return status;
}
