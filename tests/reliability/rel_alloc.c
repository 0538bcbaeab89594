#include "rel_alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void *rel_alloc_fn(void *user, size_t size)
{
    rel_alloc *a = user;
    void *p;

    a->total++;
    if (a->fail_at != 0 &&
        (a->total == a->fail_at || (a->persistent && a->total > a->fail_at))) {
        a->failures++;
        return NULL;
    }
    /* A header keeps the size for the byte counts; 16 bytes keep the
     * block aligned for any object. */
    p = malloc(size + 16);
    if (p == NULL)
        rel_die("malloc(%zu) failed for real", size);
    *(size_t *)p = size;
    a->live++;
    if (a->live > a->peak_live)
        a->peak_live = a->live;
    a->live_bytes += size;
    if (a->live_bytes > a->peak_bytes)
        a->peak_bytes = a->live_bytes;
    return (char *)p + 16;
}

static void rel_free_fn(void *user, void *ptr)
{
    rel_alloc *a = user;
    if (ptr == NULL)
        rel_die("the library freed NULL through the allocator");
    if (a->live == 0)
        rel_die("free without a live allocation");
    a->live--;
    ptr = (char *)ptr - 16;
    a->live_bytes -= *(size_t *)ptr;
    free(ptr);
}

crjit_allocator rel_allocator(rel_alloc *a)
{
    crjit_allocator al;
    al.alloc = rel_alloc_fn;
    al.free = rel_free_fn;
    al.user = a;
    return al;
}

void rel_die(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("FAIL: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}
