#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

/* ---- allocator ----------------------------------------------------------- */

static void *f_alloc(void *user, size_t size)
{
    fuzz_alloc *a = user;
    void *p;

    a->total++;
    if (a->fail_at != 0 &&
        (a->total == a->fail_at || (a->persistent && a->total > a->fail_at))) {
        a->failures++;
        return NULL;
    }
    p = malloc(size);
    if (p == NULL)
        fuzz_fail(__FILE__, __LINE__, "malloc failed in the fuzz allocator");
    a->live++;
    return p;
}

static void f_free(void *user, void *ptr)
{
    fuzz_alloc *a = user;
    if (ptr == NULL)
        fuzz_fail(__FILE__, __LINE__, "the library freed NULL");
    if (a->live == 0)
        fuzz_fail(__FILE__, __LINE__, "more frees than allocations");
    a->live--;
    free(ptr);
}

void fuzz_alloc_init(fuzz_alloc *a, const uint8_t **data, size_t *size)
{
    uint32_t v = 0;

    memset(a, 0, sizeof *a);
    if (*size >= 4) {
        v = (uint32_t)(*data)[0] | (uint32_t)(*data)[1] << 8 |
            (uint32_t)(*data)[2] << 16 | (uint32_t)(*data)[3] << 24;
        *data += 4;
        *size -= 4;
    } else {
        *data += *size;
        *size = 0;
    }
    a->persistent = (v & 0x80000000u) != 0;
    a->fail_at = v & 0x7fffffffu;
}

crjit_allocator fuzz_allocator(fuzz_alloc *a)
{
    crjit_allocator al;
    al.alloc = f_alloc;
    al.free = f_free;
    al.user = a;
    return al;
}

void fuzz_reported(const fuzz_alloc *a, size_t failures_before,
                   crjit_status st, const char *call)
{
    bool injected = a->failures != failures_before;
    if (injected && st == CRJIT_OK) {
        fprintf(stderr,
                "%s: allocation %zu failed (injected) yet the call returned "
                "CRJIT_OK: malloc failure not reported\n",
                call, a->fail_at);
        fflush(stderr);
        abort();
    }
    if (!injected && st == CRJIT_E_NOMEM) {
        fprintf(stderr, "%s: CRJIT_E_NOMEM without a failed allocation\n",
                call);
        fflush(stderr);
        abort();
    }
}

/* ---- input ----------------------------------------------------------------- */

uint8_t fuzz_u8(fuzz_in *in)
{
    uint8_t b;
    if (in->n == 0)
        return 0;
    b = in->p[0];
    in->p++;
    in->n--;
    return b;
}

uint16_t fuzz_u16(fuzz_in *in)
{
    uint16_t lo = fuzz_u8(in);
    return (uint16_t)(lo | (uint16_t)(fuzz_u8(in) << 8));
}

uint32_t fuzz_u32(fuzz_in *in)
{
    uint32_t lo = fuzz_u16(in);
    return lo | (uint32_t)fuzz_u16(in) << 16;
}

uint64_t fuzz_u64(fuzz_in *in)
{
    uint64_t lo = fuzz_u32(in);
    return lo | (uint64_t)fuzz_u32(in) << 32;
}

bool fuzz_part(fuzz_in *in, uint8_t sep, const uint8_t **part, size_t *len)
{
    const uint8_t *end;

    *part = in->p;
    *len = 0;
    if (in->n == 0)
        return false;
    end = memchr(in->p, sep, in->n);
    if (end == NULL) {
        *len = in->n;
        in->p += in->n;
        in->n = 0;
    } else {
        *len = (size_t)(end - in->p);
        in->n -= *len + 1;
        in->p = end + 1;
    }
    return true;
}

char *fuzz_dup(const uint8_t *p, size_t len)
{
    char *d = malloc(len == 0 ? 1 : len);
    if (d == NULL)
        fuzz_fail(__FILE__, __LINE__, "malloc failed");
    if (len != 0)
        memcpy(d, p, len);
    return d;
}

/* ---- plan invariants ---------------------------------------------------------- */

bool fuzz_known(const char *issue)
{
    const char *env = getenv("CRJIT_FUZZ_KNOWN");
    size_t n = strlen(issue);
    while (env != NULL && *env != '\0') {
        const char *end = strchr(env, ',');
        size_t len = end != NULL ? (size_t)(end - env) : strlen(env);
        if (len == n && memcmp(env, issue, n) == 0)
            return true;
        env = end != NULL ? end + 1 : NULL;
    }
    return false;
}

static void check_diag(const crjit_diagnostic *d, size_t nargs, bool dropped)
{
    FUZZ_CHECK(d != NULL);
    /* Known issue "dropped-entry-diag": a diagnostic recorded on an entry
     * before a load failure dropped every entry keeps that entry's index
     * (tests/fuzz/README.md). */
    if (!(dropped && fuzz_known("dropped-entry-diag")))
        FUZZ_CHECK(d->arg == CRJIT_NPOS || d->arg < nargs);
    FUZZ_CHECK(d->message != NULL);
    FUZZ_CHECK(d->severity == CRJIT_SEV_NOTE ||
               d->severity == CRJIT_SEV_WARNING ||
               d->severity == CRJIT_SEV_ERROR);
    FUZZ_CHECK(strcmp(crjit_diag_code_name(d->code), "unknown") != 0);
}

void fuzz_check_plan(const crjit_plan *plan, const crjit_args *args,
                     crjit_policy policy)
{
    size_t n = crjit_plan_arg_count(plan), i, count;
    const char *msg = crjit_plan_verdict_message(plan);
    bool accepted = crjit_plan_accepted(plan), error = false;
    crjit_suboption sub;
    const char *file = NULL;
    crjit_log_action la;

    FUZZ_CHECK(n == crjit_args_count(args));
    /* accepted <=> no verdict message */
    FUZZ_CHECK(accepted == (msg == NULL));

    count = crjit_plan_diag_count(plan);
    for (i = 0; i < count; i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        check_diag(d, n,
                   crjit_args_load_failed(args) &&
                       i < crjit_args_diag_count(args));
        if (d->severity == CRJIT_SEV_ERROR)
            error = true;
    }
    FUZZ_CHECK(crjit_plan_diag(plan, count) == NULL);
    /* the list's own diagnostics come first in the plan */
    FUZZ_CHECK(crjit_args_diag_count(args) <= count);
    for (i = 0; i < crjit_args_diag_count(args) && i < count; i++) {
        const crjit_diagnostic *a = crjit_args_diag(args, i);
        const crjit_diagnostic *p = crjit_plan_diag(plan, i);
        FUZZ_CHECK(a->code == p->code && a->arg == p->arg &&
                   a->offset == p->offset &&
                   strcmp(a->message, p->message) == 0);
    }
    if (policy == CRJIT_POLICY_STRICT && accepted)
        FUZZ_CHECK(!error);

    for (i = 0; i < n; i++) {
        crjit_arg_status s = crjit_plan_arg_status(plan, i);
        size_t w = crjit_plan_arg_winner(plan, i);
        FUZZ_CHECK(s <= CRJIT_ARG_TOLERATED);
        FUZZ_CHECK(w == CRJIT_NPOS || (w < n && w != i));
        if (s != CRJIT_ARG_DUPLICATE)
            FUZZ_CHECK(w == CRJIT_NPOS);
    }
    FUZZ_CHECK(crjit_plan_arg_status(plan, n) == CRJIT_ARG_UNRECOGNIZED);
    FUZZ_CHECK(crjit_plan_arg_winner(plan, n) == CRJIT_NPOS);

    count = crjit_plan_message_count(plan);
    for (i = 0; i < count; i++) {
        const char *id = NULL, *text = NULL;
        FUZZ_CHECK(crjit_plan_message(plan, i, &id, &text));
        FUZZ_CHECK(text != NULL);
    }
    FUZZ_CHECK(!crjit_plan_message(plan, count, NULL, NULL));

    count = crjit_plan_suboption_count(plan);
    for (i = 0; i < count; i++) {
        FUZZ_CHECK(crjit_plan_suboption(plan, i, &sub));
        FUZZ_CHECK(sub.name != NULL);
        FUZZ_CHECK(sub.arg == CRJIT_NPOS || sub.arg < n);
    }
    FUZZ_CHECK(!crjit_plan_suboption(plan, count, &sub));

    for (i = 0; i <= CRJIT_DECISION_THREADS; i++) {
        size_t o = crjit_plan_origin(plan, (crjit_decision)i);
        FUZZ_CHECK(o == CRJIT_NPOS || o < n);
    }
    la = crjit_plan_vlog(plan, &file);
    FUZZ_CHECK(la <= CRJIT_LOG_REPLACE);
    FUZZ_CHECK((la == CRJIT_LOG_NONE) == (file == NULL));
    FUZZ_CHECK(crjit_plan_invalidation(plan) <= CRJIT_INVALIDATE_ALL);
    FUZZ_CHECK(crjit_plan_facts(plan) != NULL);
}
