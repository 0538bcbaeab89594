/* Reliability tests: a counting, fault-injecting allocator (plain malloc,
 * no cmocka, so it also works from several threads: one per context). */
#ifndef CRJIT_REL_ALLOC_H
#define CRJIT_REL_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#include "crjit.h"

typedef struct rel_alloc {
    size_t total;     /* allocations asked for */
    size_t live;      /* allocations not yet freed */
    size_t peak_live; /* largest value of live */
    size_t fail_at;   /* 1-based number of the allocation to fail; 0: none */
    bool persistent;  /* fail every allocation from fail_at on */
    size_t failures;  /* injected failures so far */
    size_t live_bytes; /* bytes of the live allocations */
    size_t peak_bytes; /* largest value of live_bytes */
} rel_alloc;

/* An allocator counting into *a and failing as a->fail_at says. */
crjit_allocator rel_allocator(rel_alloc *a);

/* Print a message to stderr and exit(1). */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void rel_die(const char *fmt, ...);

#define REL_CHECK(cond, ...)                                                 \
    do {                                                                     \
        if (!(cond))                                                         \
            rel_die(__VA_ARGS__);                                            \
    } while (0)

#endif
