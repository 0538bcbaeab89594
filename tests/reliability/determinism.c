/* Determinism (issue 9 item 5; engineering.md §6.2 G6): for every golden
 * input tests/cli/<case>.args, the tool's main routine runs REL_DET_RUNS
 * (default 100) times in one process in text and in JSON mode (the case as
 * it is, and with --json added or removed); stdout, stderr and the exit
 * status must be byte-identical in every run.  Across processes, compilers
 * (gcc vs clang), ASLR and locales: run_extended.sh and
 * cli_locale_independent.
 * Usage: determinism <tests/cli directory>. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crjit_tool.h"
#include "rel_alloc.h"

typedef struct output {
    int rc;
    char *out, *err;
    size_t out_len, err_len;
} output;

static void run(int argc, char **argv, output *o)
{
    FILE *out = open_memstream(&o->out, &o->out_len);
    FILE *err = open_memstream(&o->err, &o->err_len);
    REL_CHECK(out != NULL && err != NULL, "open_memstream");
    o->rc = crjit_tool_main(argc, argv, out, err);
    fclose(out);
    fclose(err);
}

static bool same(const output *a, const output *b)
{
    return a->rc == b->rc && a->out_len == b->out_len &&
           a->err_len == b->err_len &&
           memcmp(a->out, b->out, a->out_len) == 0 &&
           memcmp(a->err, b->err, a->err_len) == 0;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    REL_CHECK(data != NULL, "malloc");
    REL_CHECK(fread(data, 1, (size_t)n, f) == (size_t)n, "read %s", path);
    data[n] = '\0';
    fclose(f);
    return data;
}

static char program[] = "crjit", json[] = "--json";

static size_t check_variant(const char *name, const char *mode, int argc,
                            char **argv, int runs)
{
    output first, o;
    int i;

    run(argc, argv, &first);
    for (i = 1; i < runs; i++) {
        run(argc, argv, &o);
        REL_CHECK(same(&first, &o), "%s (%s): run %d differs from run 1",
                  name, mode, i + 1);
        free(o.out);
        free(o.err);
    }
    free(first.out);
    free(first.err);
    return (size_t)runs;
}

int main(int argc, char **argv)
{
    const char *env = getenv("REL_DET_RUNS");
    int runs = env != NULL && atoi(env) > 0 ? atoi(env) : 100;
    size_t total = 0, cases = 0;
    DIR *d;
    struct dirent *e;

    if (argc != 2) {
        fprintf(stderr, "usage: determinism <tests/cli directory>\n");
        return 2;
    }
    REL_CHECK(chdir(argv[1]) == 0, "chdir %s", argv[1]);
    d = opendir(".");
    REL_CHECK(d != NULL, "opendir");
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        char *text, *line, *av[256], *jv[258];
        int ac = 0, jc = 0, k;
        bool has_json = false;

        if (n <= 5 || strcmp(e->d_name + n - 5, ".args") != 0)
            continue;
        text = read_all(e->d_name);
        REL_CHECK(text != NULL, "read %s", e->d_name);
        av[ac++] = program;
        for (line = text; *line != '\0';) {
            char *nl = strchr(line, '\n');
            if (nl != NULL)
                *nl = '\0';
            if (*line != '\0' && ac < 255)
                av[ac++] = line;
            if (nl == NULL)
                break;
            line = nl + 1;
        }
        av[ac] = NULL;
        for (k = 0; k < ac; k++)
            has_json = has_json || strcmp(av[k], "--json") == 0;
        for (k = 0; k < ac; k++) {
            if (strcmp(av[k], "--json") != 0)
                jv[jc++] = av[k];
            if (k == 1 && !has_json && strcmp(av[1], "explain") == 0)
                jv[jc++] = json;
        }
        jv[jc] = NULL;
        total += check_variant(e->d_name, "as given", ac, av, runs);
        total += check_variant(e->d_name, has_json ? "text" : "json", jc, jv,
                               runs);
        cases++;
        free(text);
    }
    closedir(d);
    printf("determinism: %zu cases x 2 output modes x %d runs = %zu runs, "
           "all identical\n",
           cases, runs, total);
    return 0;
}
