/* An embedding example: a pretend JVM with its own code-cache structure
 * implements the host operations, plans a restore, and applies the plan.
 * Start from this when wiring libcrjit into a runtime's restore hook.
 * The tests run it; it exits non-zero if the plan did not do what the
 * comments below promise. */
#include <crjit.h>

#include <stdio.h>
#include <string.h>

/* The runtime's own record of a compiled method. */
typedef struct method {
    const char *klass;
    const char *name;
    const char *sig;
    bool has_body_info;
    bool on_stack;
    bool invalidated; /* set by our invalidate callback */
} method;

typedef struct jvm {
    method *methods;
    size_t count;
    bool jit_on, aot_on;
    unsigned threads;
} jvm;

/* ---- host operations: the library's view of our code cache ---------------- */

static int body_count(void *user, size_t *count)
{
    *count = ((jvm *)user)->count;
    return 0;
}

static int get_bodies(void *user, size_t first, crjit_body *out, size_t max,
                      size_t *got)
{
    jvm *vm = user;
    size_t i;
    for (i = 0; i < max && first + i < vm->count; i++) {
        const method *m = &vm->methods[first + i];
        out[i].class_name = m->klass;
        out[i].class_len = strlen(m->klass);
        out[i].method_name = m->name;
        out[i].method_len = strlen(m->name);
        out[i].descriptor = m->sig;
        out[i].descriptor_len = strlen(m->sig);
        out[i].flags = CRJIT_BODY_PRE_CHECKPOINT |
                       (m->has_body_info ? CRJIT_BODY_HAS_BODY_INFO : 0u) |
                       (m->on_stack ? CRJIT_BODY_ON_STACK : 0u);
    }
    *got = i;
    return 0;
}

static int invalidate(void *user, size_t index)
{
    jvm *vm = user;
    if (index >= vm->count)
        return -1;
    /* A real runtime patches the body's entry here (B-53). */
    vm->methods[index].invalidated = true;
    return 0;
}

static int set_compiler(void *user, bool jit, bool aot)
{
    jvm *vm = user;
    vm->jit_on = jit;
    vm->aot_on = aot;
    return 0;
}

static int set_threads(void *user, unsigned count)
{
    ((jvm *)user)->threads = count;
    return 0;
}

/* ---- the restore hook ---------------------------------------------------- */

static int restore_hook(jvm *vm)
{
    static const char *const before[] = { "-XX:+EnableCRIUSupport",
                                          "-Xjit:count=1000" };
    static const char *const restore[] = {
        "-Xjit:exclude={com/acme/Slow.*}", "-XcompilationThreads4",
        "-Dapp.mode=restored" };
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    crjit_checkpoint_state ckpt = CRJIT_CHECKPOINT_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_apply_report rep;
    crjit_ctx *ctx = NULL;
    crjit_args *pre = NULL, *args = NULL;
    crjit_plan *plan = NULL;
    crjit_status st;
    size_t i;
    int rc = 1;

    ops.body_count = body_count;
    ops.get_bodies = get_bodies;
    ops.invalidate = invalidate;
    ops.set_compiler = set_compiler;
    ops.set_compilation_threads = set_threads;

    st = crjit_ctx_new(NULL, &ctx);
    if (st == CRJIT_OK)
        st = crjit_args_new(ctx, &pre);
    for (i = 0; st == CRJIT_OK && i < 2; i++)
        st = crjit_args_add_cstr(pre, before[i], CRJIT_SOURCE_COMMAND_LINE);
    if (st == CRJIT_OK)
        st = crjit_checkpoint_from_args(pre, &ckpt);
    if (st == CRJIT_OK)
        st = crjit_args_new(ctx, &args);
    for (i = 0; st == CRJIT_OK && i < 3; i++)
        st = crjit_args_add_cstr(args, restore[i], CRJIT_SOURCE_ENV_FILE);
    if (st == CRJIT_OK) {
        in.args = args;
        in.checkpoint = &ckpt;
        in.host_ops = &ops;
        in.host_user = vm;
        st = crjit_plan_new(ctx, &in, &plan);
    }
    if (st != CRJIT_OK) {
        fprintf(stderr, "planning failed: %s\n", crjit_strerror(st));
        goto out;
    }
    for (i = 0; i < crjit_plan_message_count(plan); i++) {
        const char *id, *text;
        crjit_plan_message(plan, i, &id, &text);
        printf("%s %s\n", id != NULL ? id : "", text);
    }
    /* DV-1: nothing changes unless the VM would accept the restore. */
    st = crjit_apply(plan, &ops, vm, 0, &rep);
    if (st != CRJIT_OK) {
        fprintf(stderr, "apply: %s (%s)\n", crjit_strerror(st),
                rep.failed_callback != NULL ? rep.failed_callback : "-");
        goto out;
    }
    printf("invalidated %zu, kept %zu (no body info) + %zu (on stack)\n",
           rep.invalidated, rep.kept_no_body_info, rep.kept_on_stack);
    rc = 0;
out:
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_args_free(pre);
    crjit_ctx_free(ctx);
    return rc;
}

int main(void)
{
    method methods[] = {
        { "com/acme/Fast", "run", "()V", true, false, false },
        { "com/acme/Slow", "crunch", "(I)J", true, false, false },
        { "com/acme/Slow", "<init>", "()V", true, false, false },
        { "com/acme/Slow", "loop", "()V", true, true, false }, /* on stack */
        { "java/lang/String", "hashCode", "()I", true, false, false },
    };
    jvm vm = { methods, 5, true, true, 7 };
    size_t i;

    if (restore_hook(&vm) != 0)
        return 1;
    for (i = 0; i < vm.count; i++)
        printf("%s.%s%s %s\n", methods[i].klass, methods[i].name,
               methods[i].sig, methods[i].invalidated ? "invalidated" : "kept");
    /* exclude={com/acme/Slow.*} selects the three Slow bodies; the one on a
     * stack keeps running; threads follow -XcompilationThreads4. */
    if (!methods[1].invalidated || !methods[2].invalidated ||
        methods[3].invalidated || methods[0].invalidated ||
        methods[4].invalidated || vm.threads != 4 || !vm.jit_on)
        return 1;
    return 0;
}
