/* Thread stress (issue 9 item 3; engineering.md §6.2 G4): 8 threads each
 * plan REL_STRESS_PLANS (default 10^4) restores, every thread with its own
 * contexts (a fresh one every 100 plans), all reading the same read-only
 * inputs: one crjit_codecache (through its host operations), one set of
 * argument texts and checkpoint texts, one parsed CPU.  Between plans every
 * thread also reads one shared finished plan (immutable: its accessors,
 * crjit_plan_body_action and its sealed filters may be used concurrently).
 * Each plan's digest (rel_digest.c: every accessor) must equal the one the
 * main thread computed alone, and every thread's allocations must balance.
 * Meant to run under clang TSan and valgrind --tool=helgrind (see
 * run_extended.sh); REL_STRESS_PLANS and REL_STRESS_THREADS shrink it. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crjit.h"
#include "rel_alloc.h"
#include "rel_digest.h"

#define MAX_THREADS 64
#define VARIANTS 7

static const char *const variant_args[VARIANTS][6] = {
    { "-Xjit:exclude={java/lang/String.*},count=10", "-XX:+UseJITServer",
      "-Dfoo=bar", NULL },
    { "-Xnojit", "-Xshareclasses:disableOnRestore", NULL },
    { "-Xjit:vlog=/tmp/crjit-stress-vlog,verbose", "-Xrs:syncOnRestore",
      "-Xtrace:methods={java/lang/*}", NULL },
    { "-Xjit:limit={com/example/*}", "-XcompilationThreads3",
      "-Xunknownoption", "-Xjit:count=5", NULL },
    { "-Xjit:exclude={java/util/*|com/example/app/Main.*}",
      "-Xjit:notAnOption", "-XX:JITServerAddress=server",
      "-XX:JITServerPort=38400", NULL },
    { "-Xaot:count=0", "-Xnoaot", "-Xjit:disableAsyncCompilation",
      "-XX:+DebugOnRestore", NULL },
    { NULL },
};

static const char *const variant_checkpoint[VARIANTS] = {
    "-XX:+EnableCRIUSupport",
    "-XX:+EnableCRIUSupport -Xjit:exclude={java/util/HashMap.*}",
    "-XX:+EnableCRIUSupport -Xjit:vlog=/tmp/before",
    "-XX:+EnableCRIUSupport -XX:+UseJITServer",
    "-XX:+EnableCRIUSupport -XX:-CRIURestoreNonPortableMode",
    "-XX:+EnableCRIUSupport -XX:+DebugOnRestore",
    "-XX:+EnableCRIUSupport -Xint",
};

static const char methods[] =
    "java/lang/String.hashCode()I\n"
    "java/lang/String.equals(Ljava/lang/Object;)Z\n"
    "java/lang/String.charAt(I)C aot\n"
    "java/lang/Object.<init>()V\n"
    "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V "
    "native\n"
    "java/util/HashMap.get(Ljava/lang/Object;)Ljava/lang/Object;\n"
    "java/util/HashMap.hash(Ljava/lang/Object;)I aot\n"
    "java/util/ArrayList.add(Ljava/lang/Object;)Z\n"
    "java/io/BufferedReader.readLine()Ljava/lang/String; on-stack\n"
    "com/example/app/OrderService.placeOrder(Lcom/example/app/Order;)V\n"
    "com/example/app/Main.main([Ljava/lang/String;)V on-stack\n"
    "com/example/app/cache/LruCache.get(Ljava/lang/Object;)Ljava/lang/Object;"
    " no-body-info\n"
    "com/example/app/RestoreHook.afterRestore()V post-restore\n";

/* Shared, read-only after main() set them up. */
static crjit_codecache *shared_cache;
static const crjit_plan *shared_plan;
static uint64_t shared_plan_digest;
static crjit_cpu shared_cpu;
static uint64_t expected[VARIANTS];
static size_t plans_per_thread = 10000;

static uint64_t fixed_uid(void *user)
{
    (void)user;
    return 0x1234567890abcdefu;
}

/* Plan variant v in ctx; returns its digest. */
static uint64_t plan_variant(crjit_ctx *ctx, int v)
{
    crjit_args *args = NULL, *pre = NULL;
    crjit_checkpoint_state ckpt;
    crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_host_ops ops;
    crjit_plan *plan = NULL;
    uint64_t d;
    size_t i;

    REL_CHECK(crjit_args_new(ctx, &args) == CRJIT_OK, "args_new");
    for (i = 0; variant_args[v][i] != NULL; i++)
        REL_CHECK(crjit_args_add_cstr(args, variant_args[v][i],
                                      CRJIT_SOURCE_COMMAND_LINE) == CRJIT_OK,
                  "args_add");
    REL_CHECK(crjit_args_new(ctx, &pre) == CRJIT_OK, "args_new");
    REL_CHECK(crjit_args_add_options_text(pre, variant_checkpoint[v],
                                          strlen(variant_checkpoint[v]),
                                          CRJIT_SOURCE_COMMAND_LINE) ==
                  CRJIT_OK,
              "add_options_text");
    crjit_checkpoint_init(&ckpt);
    REL_CHECK(crjit_checkpoint_from_args(pre, &ckpt) == CRJIT_OK,
              "checkpoint_from_args");
    ckpt.checkpoint_cpu_known = true;
    ckpt.checkpoint_cpu = shared_cpu;
    facts.restore_cpu_known = true;
    facts.restore_cpu = shared_cpu;
    crjit_codecache_host_ops(shared_cache, &ops);
    in.args = args;
    in.checkpoint = &ckpt;
    in.facts = &facts;
    in.host_ops = &ops;
    in.host_user = shared_cache;
    in.random_uid = fixed_uid;
    REL_CHECK(crjit_plan_new(ctx, &in, &plan) == CRJIT_OK, "plan_new");
    d = rel_plan_digest(plan, shared_cache);
    crjit_plan_free(plan);
    crjit_args_free(pre);
    crjit_args_free(args);
    return d;
}

/* Concurrent reads of the shared plan and its sealed filters. */
static void read_shared(void)
{
    const crjit_filters *f = crjit_plan_filters(shared_plan);
    static const char cls[] = "java/lang/String", name[] = "hashCode",
                      desc[] = "()I";

    if (f != NULL)
        (void)crjit_filters_decide(f, cls, sizeof cls - 1, name,
                                   sizeof name - 1, desc, sizeof desc - 1);
    REL_CHECK(rel_plan_digest(shared_plan, shared_cache) ==
                  shared_plan_digest,
              "the shared plan reads differently from a thread");
}

typedef struct worker {
    pthread_t thread;
    int id;
    size_t plans;
    rel_alloc alloc;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    size_t i;

    cfg.allocator = rel_allocator(&w->alloc);
    for (i = 0; i < plans_per_thread; i++) {
        int v = (int)((i + (size_t)w->id) % VARIANTS);
        if (ctx == NULL)
            REL_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_OK, "ctx_new");
        REL_CHECK(plan_variant(ctx, v) == expected[v],
                  "thread %d, plan %zu (variant %d): a different result", w->id,
                  i, v);
        if (i % 16 == 0)
            read_shared();
        if (i % 100 == 99) {
            crjit_ctx_free(ctx);
            ctx = NULL;
        }
        w->plans++;
    }
    crjit_ctx_free(ctx);
    REL_CHECK(w->alloc.live == 0, "thread %d: %zu allocations live", w->id,
              w->alloc.live);
    return NULL;
}

int main(void)
{
    const char *env = getenv("REL_STRESS_PLANS");
    const char *tenv = getenv("REL_STRESS_THREADS");
    int threads = 8, t, v;
    worker *ws;
    crjit_ctx *main_ctx = NULL;
    crjit_args *args = NULL;
    crjit_plan *plan = NULL;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_host_ops ops;
    size_t total = 0;
    static const char cpu_spec[] = "x86-64-v3";

    if (env != NULL && atol(env) > 0)
        plans_per_thread = (size_t)atol(env);
    if (tenv != NULL && atoi(tenv) > 0 && atoi(tenv) <= MAX_THREADS)
        threads = atoi(tenv);

    REL_CHECK(crjit_ctx_new(NULL, &main_ctx) == CRJIT_OK, "ctx_new");
    REL_CHECK(crjit_cpu_parse(cpu_spec, sizeof cpu_spec - 1,
                              CRJIT_ARCH_X86_64, &shared_cpu,
                              NULL) == CRJIT_OK,
              "cpu_parse");
    REL_CHECK(crjit_codecache_new(main_ctx, &shared_cache) == CRJIT_OK,
              "codecache_new");
    REL_CHECK(crjit_codecache_load(shared_cache, methods, sizeof methods - 1,
                                   NULL) == CRJIT_OK,
              "codecache_load");
    for (v = 0; v < VARIANTS; v++)
        expected[v] = plan_variant(main_ctx, v);

    /* The shared plan: variant 4's arguments (filters sealed). */
    REL_CHECK(crjit_args_new(main_ctx, &args) == CRJIT_OK, "args_new");
    for (t = 0; variant_args[4][t] != NULL; t++)
        REL_CHECK(crjit_args_add_cstr(args, variant_args[4][t],
                                      CRJIT_SOURCE_COMMAND_LINE) == CRJIT_OK,
                  "args_add");
    crjit_codecache_host_ops(shared_cache, &ops);
    in.args = args;
    in.host_ops = &ops;
    in.host_user = shared_cache;
    in.random_uid = fixed_uid;
    REL_CHECK(crjit_plan_new(main_ctx, &in, &plan) == CRJIT_OK, "plan_new");
    REL_CHECK(crjit_plan_filters(plan) != NULL, "the shared plan has filters");
    shared_plan = plan;
    shared_plan_digest = rel_plan_digest(plan, shared_cache);

    ws = calloc((size_t)threads, sizeof *ws);
    REL_CHECK(ws != NULL, "calloc");
    for (t = 0; t < threads; t++) {
        ws[t].id = t;
        REL_CHECK(pthread_create(&ws[t].thread, NULL, work, &ws[t]) == 0,
                  "pthread_create");
    }
    for (t = 0; t < threads; t++) {
        REL_CHECK(pthread_join(ws[t].thread, NULL) == 0, "pthread_join");
        total += ws[t].plans;
    }
    printf("thread stress: %d threads x %zu plans = %zu plans, %d variants, "
           "all equal to the single-threaded results\n",
           threads, plans_per_thread, total, VARIANTS);
    free(ws);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_codecache_free(shared_cache);
    crjit_ctx_free(main_ctx);
    return 0;
}
