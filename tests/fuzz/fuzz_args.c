/* fuzz_args: the restore argument list, including options-file and env-file
 * text, then a whole plan of it.
 *
 * Input:  [4 bytes: fault injection, see fuzz_common.h]
 *         [1 byte: flags]
 *         options-file text 0x01 env-file text 0x01
 *         command-line args, NUL-separated 0x01
 *         pre-checkpoint command line (options-file syntax)
 * Flags:  0x01 load the options file   0x02 ...as unreadable (NULL text)
 *         0x04 load the env file       0x08 ...as unreadable (NULL text)
 *         0x10 strict policy           0x20 command-line args first
 *         0x40 also add the whole args part as one entry (NULs included)
 *         0x80 derive the checkpoint state from the pre-checkpoint part
 *
 * Invariants: every API reports an injected allocation failure; every
 * diagnostic's arg is CRJIT_NPOS or < the argument count; accepted <=> no
 * verdict message (and the rest of fuzz_check_plan); a clean run plans the
 * same list twice with the same result; no allocation outlives the
 * context. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

static fuzz_alloc A;

#define CALL(st, expr, name)                                                 \
    do {                                                                     \
        size_t before_ = A.failures;                                         \
        (st) = (expr);                                                       \
        fuzz_reported(&A, before_, (st), (name));                            \
    } while (0)

static const char options_path[] = "/opt/app/restore.options";

static uint64_t next_uid(void *user)
{
    uint64_t *n = user;
    return ++*n;
}

static void add_cli(crjit_args *args, const uint8_t *p, size_t len)
{
    fuzz_in in = { p, len };
    const uint8_t *part;
    size_t n;
    crjit_status st;

    while (fuzz_part(&in, 0, &part, &n)) {
        char *text = fuzz_dup(part, n);
        size_t count = crjit_args_count(args);
        CALL(st, crjit_args_add(args, text, n, CRJIT_SOURCE_COMMAND_LINE),
             "crjit_args_add");
        FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM ||
                   st == CRJIT_E_STATE);
        /* an entry is appended exactly when the call succeeds */
        FUZZ_CHECK(crjit_args_count(args) == count + (st == CRJIT_OK));
        if (st == CRJIT_OK) {
            size_t got_len = 0;
            crjit_source src;
            const char *got = crjit_args_text(args, count, &got_len, &src);
            FUZZ_CHECK(got != NULL && got_len == n && got[n] == '\0');
            FUZZ_CHECK(n == 0 || memcmp(got, text, n) == 0);
            FUZZ_CHECK(src == CRJIT_SOURCE_COMMAND_LINE);
        }
        free(text);
    }
}

/* Plan twice (no injection configured): the same result. */
static void replan(crjit_ctx *ctx, const crjit_plan_input *in,
                   const crjit_plan *first)
{
    crjit_plan *again = NULL;
    size_t i, n;
    uint64_t uid = 0;
    crjit_plan_input in2 = *in;

    in2.random_user = &uid;
    FUZZ_CHECK(crjit_plan_new(ctx, &in2, &again) == CRJIT_OK);
    FUZZ_CHECK(crjit_plan_accepted(again) == crjit_plan_accepted(first));
    n = crjit_plan_diag_count(first);
    FUZZ_CHECK(crjit_plan_diag_count(again) == n);
    for (i = 0; i < n; i++) {
        const crjit_diagnostic *a = crjit_plan_diag(first, i);
        const crjit_diagnostic *b = crjit_plan_diag(again, i);
        FUZZ_CHECK(a->code == b->code && a->arg == b->arg &&
                   a->offset == b->offset && a->severity == b->severity &&
                   strcmp(a->message, b->message) == 0);
    }
    n = crjit_plan_arg_count(first);
    for (i = 0; i < n; i++)
        FUZZ_CHECK(crjit_plan_arg_status(again, i) ==
                   crjit_plan_arg_status(first, i));
    FUZZ_CHECK(crjit_plan_message_count(again) ==
               crjit_plan_message_count(first));
    crjit_plan_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL, *pre = NULL;
    crjit_plan *plan = NULL;
    crjit_checkpoint_state ckpt;
    crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    const uint8_t *opt, *env, *cli, *cp;
    size_t opt_len, env_len, cli_len, cp_len;
    char *opt_text = NULL, *env_text = NULL, *cp_text = NULL;
    crjit_status st;
    uint8_t flags;
    uint64_t uid = 0;
    fuzz_in rest;

    if (size > 65536)
        return 0;
    fuzz_alloc_init(&A, &data, &size);
    rest.p = data;
    rest.n = size;
    flags = fuzz_u8(&rest);
    (void)fuzz_part(&rest, 1, &opt, &opt_len);
    (void)fuzz_part(&rest, 1, &env, &env_len);
    (void)fuzz_part(&rest, 1, &cli, &cli_len);
    cp = rest.p;
    cp_len = rest.n;

    cfg.allocator = fuzz_allocator(&A);
    cfg.policy = (flags & 0x10) ? CRJIT_POLICY_STRICT : CRJIT_POLICY_REFERENCE;
    CALL(st, crjit_ctx_new(&cfg, &ctx), "crjit_ctx_new");
    if (st != CRJIT_OK) {
        FUZZ_CHECK(st == CRJIT_E_NOMEM);
        FUZZ_CHECK(A.live == 0);
        return 0;
    }
    FUZZ_CHECK(crjit_ctx_policy(ctx) == cfg.policy);

    /* The pre-checkpoint command line. */
    crjit_checkpoint_init(&ckpt);
    if (flags & 0x80) {
        CALL(st, crjit_args_new(ctx, &pre), "crjit_args_new");
        if (st == CRJIT_OK) {
            cp_text = fuzz_dup(cp, cp_len);
            CALL(st, crjit_args_add_cstr(pre, "-XX:+EnableCRIUSupport",
                                         CRJIT_SOURCE_COMMAND_LINE),
                 "crjit_args_add_cstr");
            if (st == CRJIT_OK) {
                size_t count = crjit_args_count(pre);
                CALL(st, crjit_args_add_options_text(
                             pre, cp_text, cp_len, CRJIT_SOURCE_COMMAND_LINE),
                     "crjit_args_add_options_text");
                FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM ||
                           st == CRJIT_E_PARSE || st == CRJIT_E_LIMIT);
                if (st != CRJIT_OK) /* nothing is appended */
                    FUZZ_CHECK(crjit_args_count(pre) == count);
            }
            CALL(st, crjit_checkpoint_from_args(pre, &ckpt),
                 "crjit_checkpoint_from_args");
            FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM);
        } else {
            FUZZ_CHECK(pre == NULL);
        }
    }

    /* The restore list, in the reference order or with the command
     * line first. */
    CALL(st, crjit_args_new(ctx, &args), "crjit_args_new");
    if (st != CRJIT_OK) {
        FUZZ_CHECK(args == NULL);
        goto out;
    }
    if (flags & 0x20)
        add_cli(args, cli, cli_len);
    if (flags & 0x01) {
        size_t count = crjit_args_count(args);
        bool was_failed = crjit_args_load_failed(args);
        opt_text = (flags & 0x02) ? NULL : fuzz_dup(opt, opt_len);
        CALL(st,
             crjit_args_load_options_file(args, options_path,
                                          sizeof options_path - 1, opt_text,
                                          opt_text != NULL ? opt_len : 0),
             "crjit_args_load_options_file");
        FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_LOAD ||
                   st == CRJIT_E_LIMIT || st == CRJIT_E_STATE ||
                   st == CRJIT_E_NOMEM);
        if (st == CRJIT_E_LOAD || st == CRJIT_E_LIMIT)
            FUZZ_CHECK(crjit_args_load_failed(args) &&
                       crjit_args_count(args) == 0);
        if (st == CRJIT_E_NOMEM || st == CRJIT_E_STATE)
            FUZZ_CHECK(crjit_args_count(args) == count &&
                       crjit_args_load_failed(args) == was_failed);
        if (st == CRJIT_OK) {
            const char *first = crjit_args_text(args, count, NULL, NULL);
            FUZZ_CHECK(first != NULL &&
                       strncmp(first, "-Xoptionsfile=", 14) == 0);
        }
    }
    if (flags & 0x04) {
        size_t count = crjit_args_count(args);
        bool was_failed = crjit_args_load_failed(args);
        env_text = (flags & 0x08) ? NULL : fuzz_dup(env, env_len);
        CALL(st,
             crjit_args_load_env_file(args, env_text,
                                      env_text != NULL ? env_len : 0),
             "crjit_args_load_env_file");
        FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_LOAD ||
                   st == CRJIT_E_LIMIT || st == CRJIT_E_STATE ||
                   st == CRJIT_E_NOMEM);
        if (env_text == NULL && !was_failed && st != CRJIT_E_NOMEM)
            FUZZ_CHECK(st == CRJIT_E_LOAD);
        if (st == CRJIT_E_LOAD || st == CRJIT_E_LIMIT)
            FUZZ_CHECK(crjit_args_load_failed(args) &&
                       crjit_args_count(args) == 0);
        if (st == CRJIT_E_NOMEM || st == CRJIT_E_STATE)
            FUZZ_CHECK(crjit_args_count(args) == count &&
                       crjit_args_load_failed(args) == was_failed);
    }
    if (!(flags & 0x20))
        add_cli(args, cli, cli_len);
    if (flags & 0x40) {
        /* the args part as one entry: NUL bytes are refused */
        char *text = fuzz_dup(cli, cli_len);
        size_t count = crjit_args_count(args);
        CALL(st, crjit_args_add(args, text, cli_len, CRJIT_SOURCE_ENV_FILE),
             "crjit_args_add");
        if (cli_len != 0 && memchr(text, 0, cli_len) != NULL)
            FUZZ_CHECK(st != CRJIT_OK);
        FUZZ_CHECK(crjit_args_count(args) == count + (st == CRJIT_OK));
        free(text);
    }

    /* Every list diagnostic names an entry of the list or none, unless
     * the list failed (then entries were dropped; the plan check below
     * covers what the plan reports). */
    {
        size_t i, n = crjit_args_diag_count(args);
        for (i = 0; i < n; i++) {
            const crjit_diagnostic *d = crjit_args_diag(args, i);
            FUZZ_CHECK(d != NULL && d->message != NULL);
        }
        FUZZ_CHECK(crjit_args_diag(args, n) == NULL);
        n = crjit_args_count(args);
        for (i = 0; i < n; i++) {
            size_t len = 0;
            const char *t = crjit_args_text(args, i, &len, NULL);
            FUZZ_CHECK(t != NULL && strlen(t) == len);
        }
        FUZZ_CHECK(crjit_args_text(args, n, NULL, NULL) == NULL);
    }

    CALL(st, crjit_restore_facts_from_args(args, &ckpt, &facts),
         "crjit_restore_facts_from_args");
    FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM);

    in.args = args;
    in.checkpoint = &ckpt;
    in.random_uid = next_uid;
    in.random_user = &uid;
    CALL(st, crjit_plan_new(ctx, &in, &plan), "crjit_plan_new");
    FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM);
    if (st == CRJIT_OK) {
        fuzz_check_plan(plan, args, cfg.policy);
        if (A.fail_at == 0)
            replan(ctx, &in, plan);
    } else {
        FUZZ_CHECK(plan == NULL);
    }

out:
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_args_free(pre);
    crjit_ctx_free(ctx);
    FUZZ_CHECK(A.live == 0);
    free(opt_text);
    free(env_text);
    free(cp_text);
    return 0;
}
