/* Test helpers: a counting allocator that can fail the k-th allocation, and
 * shortcuts for building argument lists and plans. */
#ifndef CRJIT_TESTUTIL_H
#define CRJIT_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "crjit.h"

typedef struct test_alloc {
    size_t live;       /* allocations not yet freed */
    size_t total;      /* allocations made */
    size_t fail_at;    /* fail the allocation with this 1-based number */
    int fail_from;     /* nonzero: fail every allocation from fail_at on */
} test_alloc;

/* An allocator backed by cmocka's test_malloc/test_free (leak-checked). */
crjit_allocator test_allocator(test_alloc *state);

/* A context with the test allocator and the given policy. */
crjit_ctx *test_ctx(test_alloc *state, crjit_policy policy);

/* A list of NUL-terminated command-line args (NULL-terminated array). */
crjit_args *test_args(crjit_ctx *ctx, const char *const *argv);

/* Plan a list with default checkpoint state; asserts success. */
crjit_plan *test_plan(crjit_ctx *ctx, const crjit_args *args,
                      const crjit_checkpoint_state *ckpt);

/* Index of the first diagnostic with this code (and arg, unless CRJIT_NPOS
 * is passed for any arg) in the plan, or CRJIT_NPOS. */
size_t test_find_diag(const crjit_plan *plan, crjit_diag_code code,
                      size_t arg);
size_t test_find_args_diag(const crjit_args *args, crjit_diag_code code);

#endif
