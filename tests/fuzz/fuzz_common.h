/* Shared pieces of the libcrjit fuzz targets: a counting allocator that can
 * fail the k-th allocation (libxml2-style fault injection), a byte reader,
 * and checks that abort() with a message, so libFuzzer and the standalone
 * replay driver both report a violated invariant as a crash. */
#ifndef CRJIT_FUZZ_COMMON_H
#define CRJIT_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <crjit.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- checks ------------------------------------------------------------ */

/* Print the failed condition and abort. */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void fuzz_fail(const char *file, int line, const char *what);

#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond))                                                         \
            fuzz_fail(__FILE__, __LINE__, #cond);                            \
    } while (0)

/* ---- fault-injecting allocator ------------------------------------------ */

typedef struct fuzz_alloc {
    size_t total;    /* allocations asked for */
    size_t live;     /* allocations not yet freed */
    size_t fail_at;  /* 1-based allocation to fail; 0: none */
    bool persistent; /* fail every allocation from fail_at on */
    size_t failures; /* injected failures so far */
} fuzz_alloc;

/* Take the 4-byte fault-injection header from the front of the input
 * (little-endian; bit 31: persistent, the rest: the allocation number to
 * fail, 0 for none).  Advances *data and *size; a shorter input means no
 * injection. */
void fuzz_alloc_init(fuzz_alloc *a, const uint8_t **data, size_t *size);

/* An allocator backed by malloc/free that counts and injects failures. */
crjit_allocator fuzz_allocator(fuzz_alloc *a);

/* The failure-must-be-reported check: call with the failure count taken
 * before an API call and its status.  Aborts when an injected failure
 * happened during the call and the call returned CRJIT_OK, or when the call
 * returned CRJIT_E_NOMEM without any injected failure. */
void fuzz_reported(const fuzz_alloc *a, size_t failures_before,
                   crjit_status st, const char *call);

/* ---- input helpers --------------------------------------------------------- */

/* A cursor over the input. */
typedef struct fuzz_in {
    const uint8_t *p;
    size_t n;
} fuzz_in;

/* Next byte, 0 past the end. */
uint8_t fuzz_u8(fuzz_in *in);
/* Next little-endian 16/64-bit values, zero-padded past the end. */
uint16_t fuzz_u16(fuzz_in *in);
uint32_t fuzz_u32(fuzz_in *in);
uint64_t fuzz_u64(fuzz_in *in);

/* Cut the next part, up to (not including) the next byte sep, or the rest
 * of the input when sep does not occur; the separator is skipped.  Returns
 * false when the input is used up (then *part is empty). */
bool fuzz_part(fuzz_in *in, uint8_t sep, const uint8_t **part, size_t *len);

/* An exact-size heap copy of len bytes (at least one byte is allocated,
 * none of it readable past len), so ASan catches a read past the slice.
 * Never NULL: aborts when malloc fails.  Free with free(). */
char *fuzz_dup(const uint8_t *p, size_t len);

/* True when the comma-separated list in the environment variable
 * CRJIT_FUZZ_KNOWN names this known (reported, not yet fixed) library
 * issue: its check is then skipped so a campaign can look for others. */
bool fuzz_known(const char *issue);

/* ---- plan checks ------------------------------------------------------------ */

/* Invariants every plan must satisfy: diagnostics and other indices name an
 * argument of the list or none, accepted <=> no verdict message, strings
 * present, statuses and names in range, and under the strict policy no error
 * diagnostic in an accepted plan. */
void fuzz_check_plan(const crjit_plan *plan, const crjit_args *args,
                     crjit_policy policy);

#endif
