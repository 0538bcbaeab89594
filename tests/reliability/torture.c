/* Fault injection over the golden inputs (issue 9 item 2; engineering.md
 * §6.1 "OOM injection", "Torture mode"; §6.2 G2).
 *
 * For every tests/cli/<case>.args whose command is `explain`, the tool's
 * main routine (examples/crjit_explain.c, compiled unchanged with the hooks
 * of rel_tool_hooks.h) runs in-process against the real library:
 *
 *   1. a clean run: its stdout and exit status must equal <case>.out and
 *      <case>.rc, and it counts A allocations and H host callbacks
 *      (body_count, get_bodies);
 *   2. for every k in 1..A: fail the k-th allocation once (transient), then
 *      fail every allocation from the k-th on (persistent);
 *   3. for every k in 1..H: make the k-th host callback return an error.
 *
 * After each failing run: the library call that met the failure returned
 * CRJIT_E_NOMEM (resp. CRJIT_E_HOST) and no call returned CRJIT_OK after a
 * failure inside it (rel_tool_hooks.c checks every status), the tool exited
 * with 3 and printed nothing on stdout, no allocation outlives the run (the
 * live count is back to the contexts' own), the code cache is unchanged,
 * and then a clean run in the same contexts (so the context is reusable)
 * prints byte-identical JSON (every plan accessor the tool reports) with
 * the same number of allocations.
 *
 * Contexts: one per policy, created up front with the counting allocator
 * and reused by every run; crjit_ctx_new's own allocations are failed in a
 * separate loop.  Environment: REL_TORTURE_STRIDE=n tries every n-th k only
 * (for slow wrappers such as valgrind); REL_TORTURE_CASE=name runs one case.
 * Usage: torture <tests/cli directory>. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include "crjit.h"
#include "crjit_tool.h"
#include "rel_alloc.h"
#include "rel_tool_hooks_state.h"

typedef struct buf {
    char *data;
    size_t len;
} buf;

typedef struct run_result {
    int rc;
    buf out;
    size_t allocs;
    size_t host_calls;
} run_result;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0, got;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            data = realloc(data, cap);
            REL_CHECK(data != NULL, "out of memory");
        }
        got = fread(data + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    data[n] = '\0';
    *len = n;
    return data;
}

/* argv from <case>.args as run_case.cmake reads it (file(STRINGS): one
 * element per line, empty lines dropped), with "crjit" in front. */
static char program[] = "crjit", json_flag[] = "--json";

static int split_args(char *text, char **argv, int max)
{
    int argc = 0;
    char *line = text;

    argv[argc++] = program;
    while (*line != '\0') {
        char *nl = strchr(line, '\n');
        if (nl != NULL)
            *nl = '\0';
        if (*line != '\0') {
            REL_CHECK(argc < max - 1, "too many arguments");
            argv[argc++] = line;
        }
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    argv[argc] = NULL;
    return argc;
}

static size_t live_base;

static void run(int argc, char **argv, run_result *r)
{
    FILE *out, *err;
    char *errbuf = NULL;
    size_t errlen = 0, total0 = rel_tool.alloc.total;

    r->out.data = NULL;
    r->out.len = 0;
    rel_tool.host_calls = 0;
    out = open_memstream(&r->out.data, &r->out.len);
    err = open_memstream(&errbuf, &errlen);
    REL_CHECK(out != NULL && err != NULL, "open_memstream");
    r->rc = crjit_tool_main(argc, argv, out, err);
    fclose(out);
    fclose(err);
    free(errbuf);
    r->allocs = rel_tool.alloc.total - total0;
    r->host_calls = rel_tool.host_calls;
}

static void clean(void)
{
    rel_tool.alloc.fail_at = 0;
    rel_tool.alloc.persistent = false;
    rel_tool.alloc.failures = 0;
    rel_tool.host_fail_at = 0;
    rel_tool.host_failures = 0;
    rel_tool.nomem_reports = 0;
    rel_tool.host_reports = 0;
}

static void check_violations(const char *name, const char *mode, size_t k)
{
    REL_CHECK(rel_tool.violations == 0, "%s, %s k=%zu: %s", name, mode, k,
              rel_tool.first_violation);
}

/* A clean JSON run after a failure: identical to the reference. */
static void check_reusable(const char *name, const char *mode, size_t k,
                           int jargc, char **jargv, const run_result *ref)
{
    run_result r;

    clean();
    run(jargc, jargv, &r);
    check_violations(name, mode, k);
    REL_CHECK(r.rc == ref->rc && r.out.len == ref->out.len &&
                  memcmp(r.out.data, ref->out.data, r.out.len) == 0,
              "%s, %s k=%zu: the clean run after the failure differs "
              "(rc %d vs %d)",
              name, mode, k, r.rc, ref->rc);
    REL_CHECK(r.allocs == ref->allocs,
              "%s, %s k=%zu: the clean run after the failure made %zu "
              "allocations, not %zu",
              name, mode, k, r.allocs, ref->allocs);
    REL_CHECK(rel_tool.alloc.live == live_base, "%s: leak in a clean run",
              name);
    free(r.out.data);
}

/* One failing run: the failure was met, reported, left nothing behind. */
static void check_failed(const char *name, const char *mode, size_t k,
                         const run_result *r, bool host)
{
    check_violations(name, mode, k);
    if (host) {
        REL_CHECK(rel_tool.host_failures == 1,
                  "%s, %s k=%zu: the k-th host callback was never called",
                  name, mode, k);
        REL_CHECK(rel_tool.host_reports >= 1 &&
                      rel_tool.plan_status == CRJIT_E_HOST,
                  "%s, %s k=%zu: crjit_plan_new returned %s, not "
                  "CRJIT_E_HOST",
                  name, mode, k, crjit_status_name(rel_tool.plan_status));
    } else {
        REL_CHECK(rel_tool.alloc.failures >= 1,
                  "%s, %s k=%zu: the k-th allocation never happened", name,
                  mode, k);
        REL_CHECK(rel_tool.nomem_reports >= 1,
                  "%s, %s k=%zu: no call reported CRJIT_E_NOMEM", name, mode,
                  k);
    }
    REL_CHECK(r->rc == 3, "%s, %s k=%zu: exit status %d, expected 3", name,
              mode, k, r->rc);
    REL_CHECK(r->out.len == 0, "%s, %s k=%zu: output after a failure", name,
              mode, k);
    REL_CHECK(rel_tool.alloc.live == live_base,
              "%s, %s k=%zu: %zu allocations live after the run", name, mode,
              k, rel_tool.alloc.live - live_base);
}

static size_t stride = 1;
static unsigned long long total_pairs, alloc_pairs, host_pairs;

static void torture_case(const char *dir, const char *name)
{
    char path[4096], *text, *expected, *rc_text;
    char *argv[256], *jargv[258];
    int argc, jargc, i;
    size_t len, elen, rlen, k;
    run_result ref, jref, r;
    bool has_json = false;

    (void)snprintf(path, sizeof path, "%s/%s.args", dir, name);
    text = read_all(path, &len);
    REL_CHECK(text != NULL, "cannot read %s", path);
    argc = split_args(text, argv, 256);
    if (argc < 2 || strcmp(argv[1], "explain") != 0) {
        free(text);
        return; /* --help, --version, usage errors: no library work */
    }
    (void)snprintf(path, sizeof path, "%s/%s.out", dir, name);
    expected = read_all(path, &elen);
    (void)snprintf(path, sizeof path, "%s/%s.rc", dir, name);
    rc_text = read_all(path, &rlen);
    REL_CHECK(expected != NULL && rc_text != NULL, "missing %s.out/.rc",
              name);

    /* The JSON variant: "--json" right after "explain" (the tool's option
     * parser takes options anywhere before "--"). */
    jargc = 0;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            has_json = true;
    }
    for (i = 0; i < argc; i++) {
        jargv[jargc++] = argv[i];
        if (i == 1 && !has_json)
            jargv[jargc++] = json_flag;
    }
    jargv[jargc] = NULL;

    clean();
    run(argc, argv, &ref);
    check_violations(name, "clean", 0);
    REL_CHECK(ref.rc == atoi(rc_text) && ref.out.len == elen &&
                  memcmp(ref.out.data, expected, elen) == 0,
              "%s: the in-process tool does not reproduce %s.out/.rc "
              "(rc %d)",
              name, name, ref.rc);
    REL_CHECK(rel_tool.alloc.live == live_base, "%s: leak in a clean run",
              name);
    clean();
    run(jargc, jargv, &jref);
    check_violations(name, "clean json", 0);
    REL_CHECK(jref.rc == ref.rc && jref.allocs == ref.allocs &&
                  jref.host_calls == ref.host_calls,
              "%s: the JSON variant plans differently", name);

    for (k = 1; k <= ref.allocs; k += stride) {
        int persistent;
        for (persistent = 0; persistent < 2; persistent++) {
            const char *mode = persistent ? "alloc persistent" : "alloc once";
            clean();
            rel_tool.alloc.fail_at = rel_tool.alloc.total + k;
            rel_tool.alloc.persistent = persistent != 0;
            run(argc, argv, &r);
            check_failed(name, mode, k, &r, false);
            free(r.out.data);
            check_reusable(name, mode, k, jargc, jargv, &jref);
            alloc_pairs++;
        }
    }
    for (k = 1; k <= ref.host_calls; k++) {
        clean();
        rel_tool.host_fail_at = k;
        run(argc, argv, &r);
        check_failed(name, "host callback", k, &r, true);
        free(r.out.data);
        check_reusable(name, "host callback", k, jargc, jargv, &jref);
        host_pairs++;
    }
    printf("%-36s allocations %4zu  host callbacks %zu  runs %zu\n", name,
           ref.allocs, ref.host_calls,
           2 * ((ref.allocs + stride - 1) / stride) + ref.host_calls);
    total_pairs++;
    free(ref.out.data);
    free(jref.out.data);
    free(text);
    free(expected);
    free(rc_text);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* crjit_ctx_new's own allocations, failed one by one and from k on. */
static void torture_ctx_new(void)
{
    rel_alloc a;
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    size_t k, n;
    int persistent;

    memset(&a, 0, sizeof a);
    cfg.allocator = rel_allocator(&a);
    REL_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_OK, "crjit_ctx_new");
    crjit_ctx_free(ctx);
    n = a.total;
    REL_CHECK(a.live == 0, "crjit_ctx_free leaves %zu allocations", a.live);
    for (k = 1; k <= n; k++) {
        for (persistent = 0; persistent < 2; persistent++) {
            memset(&a, 0, sizeof a);
            a.fail_at = k;
            a.persistent = persistent != 0;
            ctx = (crjit_ctx *)&a;
            REL_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_E_NOMEM,
                      "crjit_ctx_new with allocation %zu failing", k);
            REL_CHECK(ctx == (crjit_ctx *)&a,
                      "crjit_ctx_new wrote *out on failure");
            REL_CHECK(a.live == 0, "crjit_ctx_new leaks %zu on failure",
                      a.live);
        }
    }
    printf("%-36s allocations %4zu  runs %zu\n", "(crjit_ctx_new)", n, 2 * n);
    alloc_pairs += 2 * n;
}

int main(int argc, char **argv)
{
    const char *env = getenv("REL_TORTURE_STRIDE");
    const char *only = getenv("REL_TORTURE_CASE");
    crjit_config cfg = CRJIT_CONFIG_INIT;
    char *names[1024];
    size_t count = 0, i;
    DIR *d;
    struct dirent *e;

    if (argc != 2) {
        fprintf(stderr, "usage: torture <tests/cli directory>\n");
        return 2;
    }
    if (env != NULL && atoi(env) > 0)
        stride = (size_t)atoi(env);
    /* The tool opens relative paths: run where the golden cases run. */
    REL_CHECK(chdir(argv[1]) == 0, "chdir %s", argv[1]);
    d = opendir(".");
    REL_CHECK(d != NULL, "opendir %s", argv[1]);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".args") == 0 && count < 1024) {
            names[count] = strdup(e->d_name);
            names[count][n - 5] = '\0';
            count++;
        }
    }
    closedir(d);
    qsort(names, count, sizeof names[0], cmp_names);

    torture_ctx_new();

    cfg.allocator = rel_allocator(&rel_tool.alloc);
    REL_CHECK(crjit_ctx_new(&cfg, &rel_tool.ctx[0]) == CRJIT_OK, "ctx");
    cfg.policy = CRJIT_POLICY_STRICT;
    REL_CHECK(crjit_ctx_new(&cfg, &rel_tool.ctx[1]) == CRJIT_OK, "ctx");
    live_base = rel_tool.alloc.live;

    for (i = 0; i < count; i++) {
        if (only == NULL || strcmp(only, names[i]) == 0)
            torture_case(".", names[i]);
        free(names[i]);
    }
    crjit_ctx_free(rel_tool.ctx[0]);
    crjit_ctx_free(rel_tool.ctx[1]);
    REL_CHECK(rel_tool.alloc.live == 0, "%zu allocations outlive the contexts",
              rel_tool.alloc.live);
    printf("torture: %llu inputs, %llu (input, k) allocation-failure runs "
           "(transient + persistent, stride %zu), %llu host-callback-failure "
           "runs, each followed by a clean run: all passed\n",
           total_pairs, alloc_pairs, stride, host_pairs);
    return 0;
}
