/* Standalone replay driver: a main() that runs LLVMFuzzerTestOneInput on
 * every file named on the command line and on every regular file in the
 * directories named there (not recursive; names starting with '.' are
 * skipped, so a .gitkeep does not count).  Linked with one target's source
 * into replay_<target>, so a gcc build replays the corpora under ctest
 * without libFuzzer.  A missing path is an error; a violated invariant
 * aborts, as under libFuzzer. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct list {
    char **items;
    size_t count, cap;
} list;

static void push(list *l, char *path)
{
    if (l->count == l->cap) {
        size_t cap = l->cap != 0 ? l->cap * 2 : 64;
        char **n = realloc(l->items, cap * sizeof *n);
        if (n == NULL) {
            fputs("replay: out of memory\n", stderr);
            exit(2);
        }
        l->items = n;
        l->cap = cap;
    }
    l->items[l->count++] = path;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Absolute path of a file, so the targets may change directory. */
static char *absolute(const char *path)
{
    char *p = realpath(path, NULL);
    if (p == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return p;
}

static void collect(list *l, const char *path)
{
    struct stat sb;
    DIR *d;
    struct dirent *e;
    size_t first = l->count;

    if (stat(path, &sb) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    if (!S_ISDIR(sb.st_mode)) {
        push(l, absolute(path));
        return;
    }
    d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *full;
        if (e->d_name[0] == '.')
            continue;
        full = malloc(n);
        if (full == NULL) {
            fputs("replay: out of memory\n", stderr);
            exit(2);
        }
        (void)snprintf(full, n, "%s/%s", path, e->d_name);
        if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode))
            push(l, absolute(full));
        free(full);
    }
    closedir(d);
    qsort(l->items + first, l->count - first, sizeof *l->items, cmp);
}

static unsigned char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0;

    if (f == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    for (;;) {
        size_t n;
        if (len == cap) {
            unsigned char *nb;
            cap = cap != 0 ? cap * 2 : 4096;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                fputs("replay: out of memory\n", stderr);
                exit(2);
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "replay: %s: read error\n", path);
        exit(2);
    }
    fclose(f);
    *size = len;
    return buf;
}

int main(int argc, char **argv)
{
    list l = { NULL, 0, 0 };
    size_t i;
    int a;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIR...\n", argv[0]);
        return 2;
    }
    for (a = 1; a < argc; a++)
        collect(&l, argv[a]);
    for (i = 0; i < l.count; i++) {
        size_t size = 0;
        unsigned char *buf = read_all(l.items[i], &size);
        /* an exact-size copy, so reads past the end are caught */
        unsigned char *exact = malloc(size != 0 ? size : 1);
        if (exact == NULL) {
            fputs("replay: out of memory\n", stderr);
            return 2;
        }
        if (size != 0)
            memcpy(exact, buf, size);
        free(buf);
        fprintf(stderr, "replay: %s (%zu bytes)\n", l.items[i], size);
        (void)LLVMFuzzerTestOneInput(exact, size);
        free(exact);
        free(l.items[i]);
    }
    printf("replay: %zu inputs, no failure\n", l.count);
    free(l.items);
    return 0;
}
