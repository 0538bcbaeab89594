/* Whole restores through the public API: the JIT phases of the plan
 * (semantics.md section 1 T-6, Part B B-10…B-57, Part D where it meets the
 * plan) with the deviations of product.md §3 (DV-4, DV-6, DV-7, DV-8, DV-9,
 * DV-10, DV-14), the messages of §4 and the argument rules of §6.1.
 *
 * Each row is a restore: a checkpoint state (from crjit_checkpoint_from_args
 * on a pre-checkpoint list, plus fields set directly), restore facts, the
 * restore arguments and a reference code cache.  Expectations come from the
 * rules, not from the implementation.  Every row is its own cmocka test named
 * after the rule it exercises. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAXA 8
#define MAXM 5
#define MAXD 5
#define MAXS 4

/* The code cache used by most rows (product.md §6 --methods format):
 *   0 java/lang/String.hashCode()I   body info
 *   1 java/lang/String.length()I     body info
 *   2 java/lang/Object.hashCode()I   native: no body info (B-57.1)
 *   3 app/Main.run()V                AOT-loaded, body info
 *   4 app/Main.loop(I)V              on a thread stack (B-57.2)
 *   5 app/Util.helper()V             body info
 *   6 app/Util.cold()V               no body info */
#define METHODS                                                             \
    "# sample code cache\n"                                                 \
    "java/lang/String.hashCode()I\n"                                        \
    "java/lang/String.length()I\n"                                          \
    "java/lang/Object.hashCode()I native   # a JNI thunk\n"                 \
    "app/Main.run()V aot\n"                                                 \
    "app/Main.loop(I)V on-stack\n"                                          \
    "app/Util.helper()V\n"                                                  \
    "app/Util.cold()V no-body-info\n"
#define EMPTY_CC ""   /* a host with no compiled bodies */
#define NO_HOST "\x01" /* no host operations at all */

/* Body actions, one character per body of the cache:
 * '.' keep, 'I' invalidate, 'N' keep (no body info), 'S' keep (on stack). */
#define ALL_ACTIONS "IINISIN"

/* Tri-state and offset encodings: 0 means "not asserted". */
#define T 1
#define F 2
#define CNT(n) ((n) + 1)
#define O(n) ((n) + 1)
#define ONPOS (-1)
#define SC_NONE (CRJIT_INVALIDATE_NONE + 1)
#define SC_FILT (CRJIT_INVALIDATE_FILTERED + 1)
#define SC_ALL (CRJIT_INVALIDATE_ALL + 1)
#define LG_NONE (CRJIT_LOG_NONE + 1)
#define LG_REOPEN (CRJIT_LOG_REOPEN + 1)
#define LG_OPEN (CRJIT_LOG_OPEN + 1)
#define LG_REPLACE (CRJIT_LOG_REPLACE + 1)
#define C (CRJIT_ARG_CONSUMED + 1)
#define DUP (CRJIT_ARG_DUPLICATE + 1)
#define UNREC (CRJIT_ARG_UNRECOGNIZED + 1)
#define UNSUP (CRJIT_ARG_UNSUPPORTED + 1)
#define TOL (CRJIT_ARG_TOLERATED + 1)
#define NOSTR "\x01" /* option string expected to be NULL */

/* Checkpoint fields set directly (after crjit_checkpoint_from_args). */
#define CK_AOT_EARLIER 0x001u /* aot_disabled_earlier (B-16) */
#define CK_TRAPS_OFF 0x002u   /* traps_disabled (I4) */
#define CK_MTRACE 0x004u      /* method_trace_enabled (I8) */
#define CK_EXC 0x008u         /* exception_events_hooked (I8) */
#define CK_FSD 0x010u         /* fsd_enabled (I8) */
#define CK_NO_ASYNC 0x020u    /* async_compilation false (I2) */
#define CK_DISCLAIM 0x040u    /* code_cache_disclaiming (I5) */
#define CK_DEBUG 0x080u       /* debug_on_restore */
#define CK_PORTABLE 0x100u    /* non_portable_mode false: CA holds post */
#define CK_PRINT_CC 0x200u    /* print_code_cache */
#define CK_AOT_DELAYED 0x400u /* aot_validation_delayed, aot_enabled false */

/* Restore facts from the host. */
#define F_MTRACE 0x1u /* method_trace_enabled (B-33.2) */
#define F_EXC 0x2u    /* exception_events_hooked (B-33.3) */
#define F_FSD 0x4u    /* fsd_needed (B-34/B-60) */

#define ERR CRJIT_SEV_ERROR
#define WARN CRJIT_SEV_WARNING
#define NOTE CRJIT_SEV_NOTE

/* §4 / B.15 messages, exact ids and texts. */
#define M042 { "JVMJITM042W", "JIT compilation disabled post restore." }
#define M043                                                                \
    { "JVMJITM043W", "AOT load and compilation disabled post restore." }
#define M044                                                                \
    { "JVMJITM044W", "Some or all compiled code in the code cache "         \
                     "invalidated post restore." }
#define M048                                                                \
    { "JVMJITM048W", "AOT load and compilation disabled pre-checkpoint "    \
                     "and post-restore." }
#define MTHR                                                                \
    { NULL, "Requested number of compilation threads is over the limit "   \
            "of 15. Will use 15 threads." }
#define M007(a) { "JVMJ9VM007E", "Command-line option unrecognised: " a }

#define SUFFIX ".%Y%m%d.%H%M%S.%pid"

typedef struct msg_want {
    const char *id;
    const char *text; /* NULL ends the list */
} msg_want;

typedef struct diag_want {
    int arg;              /* ONPOS: CRJIT_NPOS */
    crjit_diag_code code; /* 0 ends the list */
    int sev;
    int offset; /* -1: not asserted */
} diag_want;
#define D(arg, code, sev) { arg, code, (int)(sev), -1 }
#define DOFF(arg, code, sev, off) { arg, code, (int)(sev), off }

typedef struct sub_want {
    int aot;            /* T/F */
    const char *name;   /* NULL ends the list */
    const char *value;  /* NULL: no value */
    int arg;            /* argument index */
    int offset;         /* byte offset in that argument */
    const char *effect; /* substring of the effect, or NULL */
} sub_want;

typedef struct plan_case {
    const char *name;
    const char *pre[MAXA + 1]; /* pre-checkpoint command line */
    unsigned ck;
    unsigned facts;
    const char *argv[MAXA + 1];
    const char *methods; /* NULL: METHODS */
    int processed, jit, aot, accepted;
    int scope;
    int inv, unsafe;
    const char *actions;
    bool any_msgs;       /* messages not asserted */
    msg_want msgs[MAXM]; /* exactly these, in order */
    const char *no_msg;  /* an id that must not be among the messages */
    int status[MAXA];
    diag_want diags[MAXD];            /* must be present */
    crjit_diag_code no_diag[3];       /* must be absent (0 ends) */
    unsigned threads;                 /* 0: not asserted */
    int vlog;
    const char *vlog_file;
    const char *jit_str, *aot_str; /* NULL: not asserted; NOSTR: NULL */
    int sub_count;                 /* CNT(n) */
    sub_want subs[MAXS];           /* the first ones, in order */
    int o_jit, o_aot, o_inv, o_vlog, o_thr;
} plan_case;

/* clang-format off */
static const plan_case cases[] = {
    /* ---- B-10…B-14 enablement -------------------------------------------- */
    { .name = "B-10 no restore args: JIT and AOT keep their values, nothing "
              "printed",
      .processed = T, .jit = T, .aot = T, .accepted = T, .scope = SC_NONE,
      .actions = ".......", .msgs = { { NULL, NULL } }, .threads = 7,
      .vlog = LG_NONE, .jit_str = NOSTR, .aot_str = NOSTR,
      .sub_count = CNT(0), .o_jit = ONPOS, .o_aot = ONPOS, .o_thr = ONPOS,
      .o_vlog = ONPOS },
    { .name = "B-12/B-18 -Xnojit disables the JIT: 044W then 042W, all "
              "invalidated",
      .argv = { "-Xnojit" }, .processed = T, .jit = F, .aot = T,
      .accepted = T, .scope = SC_ALL, .inv = CNT(4), .unsafe = CNT(3),
      .actions = ALL_ACTIONS, .msgs = { M044, M042 }, .status = { C },
      .o_jit = O(0), .o_aot = ONPOS },
    { .name = "B-12/H-1 -Xnojit then -Xjit: the JIT stays on",
      .argv = { "-Xnojit", "-Xjit" }, .jit = T, .aot = T, .accepted = T,
      .scope = SC_NONE, .msgs = { { NULL, NULL } }, .status = { C, C },
      .o_jit = O(1) },
    { .name = "B-12/H-1 -Xjit then -Xnojit: the JIT is disabled",
      .argv = { "-Xjit", "-Xnojit" }, .jit = F, .aot = T, .accepted = T,
      .scope = SC_ALL, .msgs = { M044, M042 }, .status = { C, C },
      .o_jit = O(1) },
    { .name = "B-11 -Xjit:count=10 after -Xnojit counts as -Xjit",
      .argv = { "-Xnojit", "-Xjit:count=10" }, .jit = T, .aot = T,
      .accepted = T, .scope = SC_NONE, .msgs = { { NULL, NULL } },
      .status = { C, C }, .jit_str = "count=10", .o_jit = O(1) },
    { .name = "B-11/B-25 -Xjit:count=10 before -Xnojit: JIT off, string "
              "consumed but not processed",
      .argv = { "-Xjit:count=10", "-Xnojit" }, .jit = F, .aot = T,
      .accepted = T, .scope = SC_ALL, .msgs = { M044, M042 },
      .status = { C, C }, .jit_str = NOSTR, .sub_count = CNT(0),
      .o_jit = O(1) },
    { .name = "B-11 -Xnojit:x counts as -Xnojit (OPTIONAL_LIST)",
      .argv = { "-Xnojit:x" }, .jit = F, .aot = T, .accepted = T,
      .scope = SC_ALL, .msgs = { M044, M042 }, .status = { C } },
    { .name = "B-12/G-9 -Xjit re-enables a JIT that was off before the "
              "checkpoint, nothing invalidated",
      .pre = { "-Xnojit" }, .argv = { "-Xjit" }, .processed = T, .jit = T,
      .aot = T, .accepted = T, .scope = SC_NONE, .msgs = { { NULL, NULL } },
      .status = { C }, .o_jit = O(0) },
    { .name = "B-20/DV-9 JIT off before the checkpoint, no args: no "
              "invalidate-all, no 044W",
      .pre = { "-Xnojit" }, .processed = T, .jit = F, .aot = T,
      .accepted = T, .scope = SC_NONE, .inv = CNT(0), .actions = ".......",
      .any_msgs = true, .no_msg = "JVMJITM044W", .o_jit = ONPOS },
    { .name = "DV-9 JIT off before the checkpoint, -Xnojit at restore: "
              "invalidate all",
      .pre = { "-Xnojit" }, .argv = { "-Xnojit" }, .jit = F, .aot = T,
      .accepted = T, .scope = SC_ALL, .inv = CNT(4), .unsafe = CNT(3),
      .actions = ALL_ACTIONS, .msgs = { M044, M042 }, .status = { C } },
    { .name = "B-13 -Xnoaot disables AOT: 043W only",
      .argv = { "-Xnoaot" }, .jit = T, .aot = F, .accepted = T,
      .scope = SC_NONE, .msgs = { M043 }, .status = { C }, .o_aot = O(0),
      .o_jit = ONPOS },
    { .name = "B-13 -Xnoaot then -Xaot: AOT stays on",
      .argv = { "-Xnoaot", "-Xaot" }, .jit = T, .aot = T, .accepted = T,
      .msgs = { { NULL, NULL } }, .status = { C, C }, .o_aot = O(1) },
    { .name = "B-13 -Xaot then -Xnoaot: AOT off, 043W",
      .argv = { "-Xaot", "-Xnoaot" }, .jit = T, .aot = F, .accepted = T,
      .msgs = { M043 }, .status = { C, C }, .o_aot = O(1) },
    { .name = "B-11 -Xaot:count=5 counts as -Xaot",
      .argv = { "-Xnoaot", "-Xaot:count=5" }, .aot = T, .accepted = T,
      .msgs = { { NULL, NULL } }, .status = { C, C }, .aot_str = "count=5" },
    { .name = "B-13/G-9 -Xaot cannot re-enable AOT disabled before the "
              "checkpoint: 048W and a warning",
      .pre = { "-Xnoaot" }, .argv = { "-Xaot" }, .processed = T, .jit = T,
      .aot = F, .accepted = T, .msgs = { M048 }, .status = { C },
      .diags = { D(0, CRJIT_DIAG_SETTING_IGNORED, WARN) } },
    { .name = "B-13/G-9 -Xaot:count=5 cannot re-enable AOT either",
      .pre = { "-Xnoaot" }, .argv = { "-Xaot:count=5" }, .jit = T, .aot = F,
      .accepted = T, .msgs = { M048 }, .status = { C }, .aot_str = NOSTR,
      .diags = { D(0, CRJIT_DIAG_SETTING_IGNORED, WARN) } },
    { .name = "B-10/I6 AOT header validation delayed: aotPre holds, AOT on "
              "after restore",
      .ck = CK_AOT_DELAYED, .jit = T, .aot = T, .accepted = T,
      .msgs = { { NULL, NULL } } },
    { .name = "B-13/I6 AOT validation delayed, -Xnoaot: 043W (not 048W)",
      .ck = CK_AOT_DELAYED, .argv = { "-Xnoaot" }, .aot = F,
      .msgs = { M043 } },
    { .name = "I6 -XX:+DebugOnRestore before the checkpoint: AOT on after "
              "restore, nothing printed",
      .pre = { "-XX:+DebugOnRestore" }, .jit = T, .aot = T, .accepted = T,
      .msgs = { { NULL, NULL } } },
    /* ---- B-15…B-17 AOT disable ------------------------------------------- */
    { .name = "B-17 AOT off before the checkpoint, no args: 048W",
      .pre = { "-Xnoaot" }, .jit = T, .aot = F, .accepted = T,
      .scope = SC_NONE, .msgs = { M048 } },
    { .name = "B-17 -Xshareclasses:none before the checkpoint: 048W",
      .pre = { "-Xshareclasses:none" }, .jit = T, .aot = F, .accepted = T,
      .msgs = { M048 } },
    { .name = "B-16 one-shot: AOT disabled by an earlier restore, no args: "
              "silent",
      .ck = CK_AOT_EARLIER, .jit = T, .aot = F, .accepted = T,
      .msgs = { { NULL, NULL } } },
    { .name = "B-16 one-shot: AOT disabled by an earlier restore, -Xnoaot: "
              "silent",
      .ck = CK_AOT_EARLIER, .argv = { "-Xnoaot" }, .jit = T, .aot = F,
      .accepted = T, .msgs = { { NULL, NULL } }, .status = { C } },
    { .name = "B-16 one-shot: earlier restore, -Xaot cannot bring AOT back",
      .ck = CK_AOT_EARLIER, .argv = { "-Xaot" }, .jit = T, .aot = F,
      .accepted = T, .msgs = { { NULL, NULL } }, .status = { C } },
    { .name = "B-15/A-52 -Xshareclasses:disableOnRestore: 043W",
      .argv = { "-Xshareclasses:disableOnRestore" }, .jit = T, .aot = F,
      .accepted = T, .scope = SC_NONE, .msgs = { M043 }, .status = { C } },
    { .name = "B-16 disableOnRestore after an earlier AOT disable: silent",
      .ck = CK_AOT_EARLIER, .argv = { "-Xshareclasses:disableOnRestore" },
      .aot = F, .accepted = T, .msgs = { { NULL, NULL } }, .status = { C } },
    /* ---- B-18…B-20, B-19 order, DV-8 ------------------------------------- */
    { .name = "B-19 -Xnojit -Xnoaot: 043W, 044W, 042W in that order",
      .argv = { "-Xnojit", "-Xnoaot" }, .processed = T, .jit = F, .aot = F,
      .accepted = T, .scope = SC_ALL, .inv = CNT(4), .unsafe = CNT(3),
      .actions = ALL_ACTIONS, .msgs = { M043, M044, M042 },
      .status = { C, C } },
    { .name = "B-19 -Xnoaot -Xnojit: same order whatever the arg order",
      .argv = { "-Xnoaot", "-Xnojit" }, .jit = F, .aot = F, .accepted = T,
      .scope = SC_ALL, .msgs = { M043, M044, M042 }, .status = { C, C } },
    { .name = "DV-8 -Xnojit over an empty code cache: no 044W, counts 0",
      .argv = { "-Xnojit" }, .methods = EMPTY_CC, .jit = F, .scope = SC_ALL,
      .inv = CNT(0), .unsafe = CNT(0), .msgs = { M042 } },
    { .name = "DV-8 -Xnojit with no host: no 044W",
      .argv = { "-Xnojit" }, .methods = NO_HOST, .jit = F, .scope = SC_ALL,
      .inv = CNT(0), .unsafe = CNT(0), .msgs = { M042 } },
    { .name = "DV-8 -Xnojit over only unsafe bodies: no 044W",
      .argv = { "-Xnojit" },
      .methods = "a/N.n()V native\na/S.s()V on-stack\n", .jit = F,
      .scope = SC_ALL, .inv = CNT(0), .unsafe = CNT(2), .actions = "NS",
      .msgs = { M042 } },
    { .name = "DV-8/B-56 -Xnojit and a trigger: 044W once",
      .argv = { "-Xnojit", "-Xrs:syncOnRestore" }, .jit = F, .aot = F,
      .scope = SC_ALL, .inv = CNT(4), .msgs = { M044, M042, M043 },
      .status = { C, C } },
    { .name = "DV-8/B-56 -Xnojit and -Xaot:exclude= filters: 044W once",
      .argv = { "-Xnojit", "-Xaot:exclude={app/Util.*}" }, .jit = F,
      .aot = T, .scope = SC_ALL, .inv = CNT(4), .actions = ALL_ACTIONS,
      .msgs = { M044, M042 }, .status = { C, C } },
    { .name = "DV-8/G-13 pre-checkpoint filters selecting nothing: filtered "
              "walk, no 044W",
      .pre = { "-Xjit:exclude={no/Such.method()V}" }, .scope = SC_FILT,
      .inv = CNT(0), .unsafe = CNT(0), .actions = ".......",
      .msgs = { { NULL, NULL } } },
    /* ---- B-21/B-22 with DV-4 --------------------------------------------- */
    { .name = "B-21/B-22/DV-4 -Xnojit -Xnoaot -XcompilationThreads4: "
              "accepted, not applied",
      .argv = { "-Xnojit", "-Xnoaot", "-XcompilationThreads4" },
      .processed = T, .jit = F, .aot = F, .accepted = T, .scope = SC_ALL,
      .msgs = { M043, M044, M042 }, .status = { C, C, C },
      .diags = { D(2, CRJIT_DIAG_NOT_APPLIED, WARN) }, .threads = 7,
      .o_thr = ONPOS },
    { .name = "B-21/DV-4 gate closed: an earlier -Xjit: string is consumed "
              "and reported not applied",
      .argv = { "-Xjit:exclude={app/Util.*}", "-Xnojit", "-Xnoaot" },
      .jit = F, .aot = F, .accepted = T, .scope = SC_ALL,
      .actions = ALL_ACTIONS, .status = { C, C, C },
      .diags = { D(0, CRJIT_DIAG_NOT_APPLIED, WARN) }, .jit_str = NOSTR,
      .aot_str = NOSTR, .sub_count = CNT(0), .any_msgs = true },
    { .name = "B-21/DV-4 gate closed: -XX:+MergeCompilerOptions consumed, "
              "reported not applied",
      .argv = { "-Xnojit", "-Xnoaot", "-XX:+MergeCompilerOptions" },
      .jit = F, .aot = F, .accepted = T, .status = { C, C, C },
      .diags = { D(2, CRJIT_DIAG_NOT_APPLIED, WARN) }, .any_msgs = true },
    { .name = "B-21/DV-4 gate closed: a restore vlog= is not opened, the old "
              "one is still reopened (B-46)",
      .pre = { "-Xjit:vlog=pre.log" },
      .argv = { "-Xjit:vlog=new.log", "-Xnojit", "-Xnoaot" }, .jit = F,
      .aot = F, .any_msgs = true, .status = { C, C, C },
      .vlog = LG_REOPEN, .vlog_file = "pre.log" SUFFIX, .o_vlog = ONPOS,
      .diags = { D(0, CRJIT_DIAG_NOT_APPLIED, WARN) } },
    { .name = "B-21/DV-4 gate closed with a vlog before the checkpoint: "
              "reopened",
      .pre = { "-Xjit:vlog=pre.log" }, .argv = { "-Xnojit", "-Xnoaot" },
      .jit = F, .aot = F, .any_msgs = true, .vlog = LG_REOPEN,
      .vlog_file = "pre.log" SUFFIX },
    /* ---- B-24 / D-2 / D-3 merge ------------------------------------------ */
    { .name = "B-24/G-8 merge flag not inherited: only the rightmost -Xjit: "
              "string is used, with a note",
      .pre = { "-XX:+MergeCompilerOptions", "-Xjit:count=5" },
      .argv = { "-Xjit:count=10", "-Xjit:exclude={app/Util.*}" },
      .accepted = T, .jit_str = "exclude={app/Util.*}", .sub_count = CNT(1),
      .status = { DUP, C }, .scope = SC_FILT, .actions = ".....IN",
      .diags = { D(1, CRJIT_DIAG_SEVERAL_STRINGS, NOTE) },
      .msgs = { M044 } },
    { .name = "D-3 -XX:+MergeCompilerOptions merges left to right",
      .argv = { "-XX:+MergeCompilerOptions", "-Xjit:count=10",
                "-Xjit:exclude={app/Util.*}" },
      .accepted = T, .jit_str = "count=10,exclude={app/Util.*}",
      .status = { C, C, C }, .scope = SC_FILT, .inv = CNT(1),
      .unsafe = CNT(1), .actions = ".....IN", .msgs = { M044 },
      .sub_count = CNT(2),
      .subs = { { F, "count=", "10", 1, 6, NULL },
                { F, "exclude=", "{app/Util.*}", 2, 6, "invalidated" } },
      .no_diag = { CRJIT_DIAG_SEVERAL_STRINGS } },
    { .name = "D-3 merge skips empty values",
      .argv = { "-Xjit:", "-Xjit:count=3", "-XX:+MergeCompilerOptions" },
      .accepted = T, .jit_str = "count=3", .status = { C, C, C },
      .no_diag = { CRJIT_DIAG_EMPTY_STRING } },
    { .name = "B-24 -XX:-MergeCompilerOptions rightmost: not merged",
      .argv = { "-XX:+MergeCompilerOptions", "-Xjit:count=10",
                "-Xjit:count=20", "-XX:-MergeCompilerOptions" },
      .accepted = T, .jit_str = "count=20", .status = { C, DUP, C, C } },
    { .name = "D-3 merge includes -Xjit: strings left of an overridden "
              "-Xnojit",
      .argv = { "-XX:+MergeCompilerOptions", "-Xjit:count=1", "-Xnojit",
                "-Xjit:count=2" },
      .jit = T, .accepted = T, .jit_str = "count=1,count=2" },
    { .name = "D-2 empty -Xjit: string: nothing processed, warning",
      .argv = { "-Xjit:" }, .jit = T, .accepted = T, .jit_str = NOSTR,
      .status = { C }, .diags = { D(0, CRJIT_DIAG_EMPTY_STRING, WARN) } },
    /* ---- B-25…B-27 ------------------------------------------------------- */
    { .name = "B-25 the -Xaot: string is processed before the -Xjit: string",
      .argv = { "-Xjit:count=10", "-Xaot:count=20" }, .accepted = T,
      .jit_str = "count=10", .aot_str = "count=20", .sub_count = CNT(2),
      .status = { C, C },
      .subs = { { T, "count=", "20", 1, 6, NULL },
                { F, "count=", "10", 0, 6, NULL } } },
    { .name = "B-25 -Xaot: not processed when AOT is off after restore",
      .argv = { "-Xaot:count=20", "-Xnoaot", "-Xjit:count=10" },
      .aot = F, .jit = T, .accepted = T, .aot_str = NOSTR,
      .jit_str = "count=10", .msgs = { M043 }, .status = { C, C, C },
      .sub_count = CNT(1) },
    { .name = "B-27 the rightmost -Xjit: string is used although it lies "
              "left of an overridden -Xnojit",
      .argv = { "-Xjit:count=7", "-Xnojit", "-Xjit" }, .jit = T,
      .accepted = T, .jit_str = "count=7", .status = { 0, C, C },
      .msgs = { { NULL, NULL } } },
    /* ---- B-31 threads ---------------------------------------------------- */
    { .name = "B-31 -XcompilationThreads4: 4 usable threads",
      .argv = { "-XcompilationThreads4" }, .accepted = T, .threads = 4,
      .status = { C }, .msgs = { { NULL, NULL } }, .o_thr = O(0) },
    { .name = "B-31 -XcompilationThreads15: all 15 allocated threads",
      .argv = { "-XcompilationThreads15" }, .accepted = T, .threads = 15,
      .status = { C }, .msgs = { { NULL, NULL } } },
    { .name = "B-31/G-33 -XcompilationThreads16: capped at 15, message "
              "without id",
      .argv = { "-XcompilationThreads16" }, .accepted = T, .threads = 15,
      .status = { C }, .msgs = { MTHR },
      .diags = { D(0, CRJIT_DIAG_THREADS_CAPPED, WARN) }, .o_thr = O(0) },
    { .name = "B-31 -XcompilationThreads1000: capped at 15",
      .argv = { "-XcompilationThreads1000" }, .threads = 15,
      .msgs = { MTHR } },
    { .name = "C-5 -XcompilationThreads0 is ignored (consumed, diagnosed)",
      .argv = { "-XcompilationThreads0" }, .accepted = T, .threads = 7,
      .status = { C }, .msgs = { { NULL, NULL } },
      .diags = { D(0, CRJIT_DIAG_VALUE_OUT_OF_RANGE, WARN) },
      .o_thr = ONPOS },
    { .name = "A-25 rightmost -XcompilationThreads wins",
      .argv = { "-XcompilationThreads3", "-XcompilationThreads5" },
      .threads = 5, .status = { DUP, C }, .o_thr = O(1) },
    { .name = "B-31/I12 usable threads from the checkpoint command line",
      .pre = { "-XcompilationThreads3" }, .threads = 3,
      .msgs = { { NULL, NULL } } },
    { .name = "B-31 -XcompilationThreads after checkpoint's 3: 12",
      .pre = { "-XcompilationThreads3" },
      .argv = { "-XcompilationThreads12" }, .threads = 12 },
    /* ---- B-33 triggers with DV-10 ---------------------------------------- */
    { .name = "B-33.1 -Xrs:syncOnRestore: invalidate all, AOT disabled "
              "(044W, 043W)",
      .argv = { "-Xrs:syncOnRestore" }, .jit = T, .aot = F, .accepted = T,
      .scope = SC_ALL, .inv = CNT(4), .unsafe = CNT(3),
      .actions = ALL_ACTIONS, .msgs = { M044, M043 }, .status = { C } },
    { .name = "B-33.1 -Xrs:onRestore: invalidate all, AOT disabled",
      .argv = { "-Xrs:onRestore" }, .jit = T, .aot = F, .accepted = T,
      .scope = SC_ALL, .msgs = { M044, M043 }, .status = { C } },
    { .name = "B-33.1 -Xrs:asyncOnRestore is not a trap trigger",
      .argv = { "-Xrs:asyncOnRestore" }, .jit = T, .aot = T, .accepted = T,
      .scope = SC_NONE, .msgs = { { NULL, NULL } }, .status = { C } },
    { .name = "B-33.1 -Xjit:disableTraps: invalidate all, AOT disabled",
      .argv = { "-Xjit:disableTraps" }, .jit = T, .aot = F, .accepted = T,
      .scope = SC_ALL, .actions = ALL_ACTIONS, .msgs = { M044, M043 },
      .status = { C }, .sub_count = CNT(1),
      .subs = { { F, "disableTraps", NULL, 0, 6, NULL } } },
    { .name = "B-33.1 -Xjit:noResumableTrapHandler: invalidate all, AOT "
              "disabled",
      .argv = { "-Xjit:noResumableTrapHandler" }, .aot = F, .scope = SC_ALL,
      .msgs = { M044, M043 } },
    { .name = "B-33.2 facts.method_trace_enabled: invalidate all, AOT "
              "disabled",
      .facts = F_MTRACE, .jit = T, .aot = F, .scope = SC_ALL,
      .actions = ALL_ACTIONS, .msgs = { M044, M043 } },
    { .name = "B-33.3 facts.exception_events_hooked: invalidate all, AOT "
              "disabled",
      .facts = F_EXC, .jit = T, .aot = F, .scope = SC_ALL,
      .actions = ALL_ACTIONS, .msgs = { M044, M043 } },
    { .name = "DV-10 all triggers together: one walk, 044W and 043W once",
      .facts = F_MTRACE | F_EXC | F_FSD,
      .argv = { "-Xrs:syncOnRestore", "-Xjit:disableTraps" }, .jit = T,
      .aot = F, .accepted = T, .scope = SC_ALL, .inv = CNT(4),
      .unsafe = CNT(3), .msgs = { M044, M043 }, .status = { C, C } },
    { .name = "B-33.1 no trigger when traps were disabled before "
              "(checkpoint.traps_disabled)",
      .ck = CK_TRAPS_OFF, .argv = { "-Xrs:syncOnRestore", "-Xjit:disableTraps" },
      .aot = T, .scope = SC_NONE, .msgs = { { NULL, NULL } },
      .status = { C, C },
      .subs = { { F, "disableTraps", NULL, 1, 6, "no change" } } },
    { .name = "B-33.1/I4 no trigger after -Xrs:sync before the checkpoint",
      .pre = { "-Xrs:sync" }, .argv = { "-Xjit:disableTraps" }, .aot = T,
      .scope = SC_NONE, .msgs = { { NULL, NULL } } },
    { .name = "B-33.1/I4 no trigger after -Xjit:disableTraps before the "
              "checkpoint",
      .pre = { "-Xjit:disableTraps" }, .argv = { "-Xrs:onRestore" },
      .aot = T, .scope = SC_NONE, .msgs = { { NULL, NULL } } },
    { .name = "B-33.2 no trigger when method trace was on before",
      .ck = CK_MTRACE, .facts = F_MTRACE, .aot = T, .scope = SC_NONE,
      .msgs = { { NULL, NULL } } },
    { .name = "B-33.3 no trigger when exception events were hooked before",
      .ck = CK_EXC, .facts = F_EXC, .aot = T, .scope = SC_NONE,
      .msgs = { { NULL, NULL } } },
    { .name = "DV-10 method trace cached, exception hook new: still fires",
      .ck = CK_MTRACE, .facts = F_MTRACE | F_EXC, .aot = F,
      .scope = SC_ALL, .msgs = { M044, M043 } },
    { .name = "DV-10 traps off before, method trace new: fires",
      .ck = CK_TRAPS_OFF, .facts = F_MTRACE,
      .argv = { "-Xrs:syncOnRestore" }, .aot = F, .scope = SC_ALL,
      .msgs = { M044, M043 } },
    { .name = "B-33 trigger with AOT already off before: 048W, then 044W",
      .pre = { "-Xnoaot" }, .facts = F_EXC, .aot = F, .scope = SC_ALL,
      .msgs = { M048, M044 } },
    /* ---- B-34 FSD -------------------------------------------------------- */
    { .name = "B-34/B-60 facts.fsd_needed: invalidate all, AOT disabled",
      .facts = F_FSD, .jit = T, .aot = F, .scope = SC_ALL,
      .actions = ALL_ACTIONS, .msgs = { M044, M043 } },
    { .name = "B-34 FSD already enabled before: no trigger",
      .ck = CK_FSD, .facts = F_FSD, .aot = T, .scope = SC_NONE,
      .msgs = { { NULL, NULL } } },
    { .name = "B-60 FSD not needed when CA holds after restore and "
              "DebugOnRestore",
      .ck = CK_DEBUG | CK_PORTABLE, .facts = F_FSD, .aot = T,
      .scope = SC_NONE, .msgs = { { NULL, NULL } } },
    { .name = "B-60/T-1.3 non-portable mode clears CA: FSD needed under "
              "DebugOnRestore",
      .ck = CK_DEBUG, .facts = F_FSD, .aot = F, .scope = SC_ALL,
      .msgs = { M044, M043 } },
    { .name = "B-60 CA post without DebugOnRestore: FSD needed",
      .ck = CK_PORTABLE, .facts = F_FSD, .aot = F, .scope = SC_ALL,
      .msgs = { M044, M043 } },
    /* ---- B-37, B-38, B-40 ------------------------------------------------ */
    { .name = "B-37/DV-3 -XX:+PrintCodeCache is consumed",
      .argv = { "-XX:+PrintCodeCache" }, .accepted = T, .status = { C },
      .msgs = { { NULL, NULL } } },
    { .name = "B-37/G-18 -XX:-PrintCodeCache cannot undo a pre-checkpoint +",
      .pre = { "-XX:+PrintCodeCache" }, .argv = { "-XX:-PrintCodeCache" },
      .accepted = T, .status = { C },
      .diags = { D(0, CRJIT_DIAG_ONE_WAY, WARN) } },
    { .name = "B-37 -XX:-PrintCodeCache with nothing before: no one-way "
              "warning",
      .argv = { "-XX:-PrintCodeCache" }, .status = { C },
      .no_diag = { CRJIT_DIAG_ONE_WAY } },
    { .name = "B-38/G-17 disableAsyncCompilation ignored when compilation "
              "was asynchronous",
      .argv = { "-Xjit:disableAsyncCompilation" }, .accepted = T,
      .status = { C }, .sub_count = CNT(1), .scope = SC_NONE,
      .subs = { { F, "disableAsyncCompilation", NULL, 0, 6, "ignored" } } },
    { .name = "B-38 disableAsyncCompilation: no change when synchronous "
              "before",
      .ck = CK_NO_ASYNC, .argv = { "-Xjit:disableAsyncCompilation" },
      .subs = { { F, "disableAsyncCompilation", NULL, 0, 6, "no change" } } },
    { .name = "B-38/I2 count=0 before the checkpoint makes it synchronous",
      .pre = { "-Xjit:count=0" }, .argv = { "-Xjit:disableAsyncCompilation" },
      .subs = { { F, "disableAsyncCompilation", NULL, 0, 6, "no change" } } },
    { .name = "B-40 enableCodeCacheDisclaiming ignored when off before",
      .argv = { "-Xjit:enableCodeCacheDisclaiming" }, .accepted = T,
      .status = { C },
      .subs = { { F, "enableCodeCacheDisclaiming", NULL, 0, 6,
                  "ignored" } } },
    { .name = "B-40 enableCodeCacheDisclaiming: no change when on before",
      .ck = CK_DISCLAIM, .argv = { "-Xjit:enableCodeCacheDisclaiming" },
      .subs = { { F, "enableCodeCacheDisclaiming", NULL, 0, 6,
                  "no change" } } },
    /* ---- B-45…B-49 logs -------------------------------------------------- */
    { .name = "B-46 no vlog before or after: none",
      .vlog = LG_NONE, .o_vlog = ONPOS },
    { .name = "B-46 vlog before the checkpoint: reopened with the unexpanded "
              "suffix",
      .pre = { "-Xjit:vlog=pre.log" }, .vlog = LG_REOPEN,
      .vlog_file = "pre.log" SUFFIX, .o_vlog = ONPOS,
      .msgs = { { NULL, NULL } } },
    { .name = "B-46 dontApplyLogFileNameSuffix before the checkpoint: "
              "reopened under the same name",
      .pre = { "-Xjit:vlog=pre.log,dontApplyLogFileNameSuffix" },
      .vlog = LG_REOPEN, .vlog_file = "pre.log" },
    { .name = "B-46 dontApplyLogFileNameSuffix at restore does not change "
              "the reopened name",
      .pre = { "-Xjit:vlog=pre.log" },
      .argv = { "-Xjit:dontApplyLogFileNameSuffix" }, .vlog = LG_REOPEN,
      .vlog_file = "pre.log" SUFFIX, .status = { C } },
    { .name = "B-47 vlog= at restore: opened with the suffix",
      .argv = { "-Xjit:vlog=new.log" }, .accepted = T, .vlog = LG_OPEN,
      .vlog_file = "new.log" SUFFIX, .status = { C }, .o_vlog = O(0),
      .subs = { { F, "vlog=", "new.log", 0, 6, NULL } } },
    { .name = "B-47 vlog= and dontApplyLogFileNameSuffix at restore: no "
              "suffix",
      .argv = { "-Xjit:dontApplyLogFileNameSuffix,vlog=new.log" },
      .vlog = LG_OPEN, .vlog_file = "new.log" },
    { .name = "B-47 dontApplyLogFileNameSuffix after vlog= in the same "
              "string: no suffix",
      .argv = { "-Xjit:vlog=new.log,dontApplyLogFileNameSuffix" },
      .vlog = LG_OPEN, .vlog_file = "new.log" },
    { .name = "B-47 dontApplyLogFileNameSuffix before the checkpoint "
              "applies to a restore vlog=",
      .pre = { "-Xjit:dontApplyLogFileNameSuffix" },
      .argv = { "-Xjit:vlog=new.log" }, .vlog = LG_OPEN,
      .vlog_file = "new.log" },
    { .name = "B-47 vlog= replaces the pre-checkpoint vlog, no truncation "
              "warning",
      .pre = { "-Xjit:vlog=pre.log" }, .argv = { "-Xjit:vlog=new.log" },
      .vlog = LG_REPLACE, .vlog_file = "new.log" SUFFIX, .o_vlog = O(0),
      .no_diag = { CRJIT_DIAG_LOG_TRUNCATED } },
    { .name = "B-48 same vlog name again: replaced, truncation warning",
      .pre = { "-Xjit:vlog=app.log" }, .argv = { "-Xjit:vlog=app.log" },
      .vlog = LG_REPLACE, .vlog_file = "app.log" SUFFIX,
      .diags = { D(0, CRJIT_DIAG_LOG_TRUNCATED, WARN) } },
    { .name = "B-48 same vlog name with the suffix disabled: truncation "
              "warning",
      .pre = { "-Xjit:vlog=app.log,dontApplyLogFileNameSuffix" },
      .argv = { "-Xjit:vlog=app.log" }, .vlog = LG_REPLACE,
      .vlog_file = "app.log",
      .diags = { D(0, CRJIT_DIAG_LOG_TRUNCATED, WARN) } },
    { .name = "B-47/DV-7 verbose without vlog=: accepted, takes effect",
      .argv = { "-Xjit:verbose" }, .accepted = T, .status = { C },
      .vlog = LG_NONE, .sub_count = CNT(1),
      .subs = { { F, "verbose", NULL, 0, 6, "take effect" } } },
    /* ---- B-50…B-57 invalidation ------------------------------------------ */
    { .name = "B-52 exclude={app/Util.*} selects exactly the app/Util "
              "bodies",
      .argv = { "-Xjit:exclude={app/Util.*}" }, .jit = T, .aot = T,
      .accepted = T, .scope = SC_FILT, .inv = CNT(1), .unsafe = CNT(1),
      .actions = ".....IN", .msgs = { M044 }, .status = { C } },
    { .name = "crjit_plan_origin(INVALIDATION) names the -Xjit: arg that "
              "adds the filter",
      .argv = { "-XcompilationThreads4", "-Xjit:exclude={app/Util.*}" },
      .scope = SC_FILT, .o_inv = O(1), .any_msgs = true },
    { .name = "crjit_plan_origin(INVALIDATION) names the -Xnojit that "
              "disables the JIT",
      .argv = { "-XcompilationThreads4", "-Xnojit" }, .scope = SC_ALL,
      .o_inv = O(1), .any_msgs = true },
    { .name = "B-57.1 a native body selected: kept, no body info; no 044W",
      .argv = { "-Xjit:exclude={java/lang/Object.hashCode()I}" },
      .scope = SC_FILT, .inv = CNT(0), .unsafe = CNT(1),
      .actions = "..N....", .msgs = { { NULL, NULL } } },
    { .name = "B-57.2 an on-stack body selected: kept on stack",
      .argv = { "-Xjit:exclude={app/Main.loop(I)V}" }, .scope = SC_FILT,
      .inv = CNT(0), .unsafe = CNT(1), .actions = "....S..",
      .msgs = { { NULL, NULL } } },
    { .name = "B-53 an AOT-loaded body with body info is invalidated",
      .argv = { "-Xjit:exclude={app/Main.run()V}" }, .scope = SC_FILT,
      .inv = CNT(1), .unsafe = CNT(0), .actions = "...I...",
      .msgs = { M044 } },
    { .name = "D-21 alternatives: exclude={*.hashCode()I|app/Main.*}",
      .argv = { "-Xjit:exclude={*.hashCode()I|app/Main.*}" },
      .scope = SC_FILT, .inv = CNT(2), .unsafe = CNT(2),
      .actions = "I.NIS..", .msgs = { M044 } },
    { .name = "D-23 limit={java/lang/*}: everything else is excluded",
      .argv = { "-Xjit:limit={java/lang/*}" }, .scope = SC_FILT,
      .inv = CNT(2), .unsafe = CNT(2), .actions = "...ISIN",
      .msgs = { M044 } },
    { .name = "D.3 exclude={*}: everything selected, JIT stays on, no "
              "042W/043W",
      .argv = { "-Xjit:exclude={*}" }, .jit = T, .aot = T, .scope = SC_FILT,
      .inv = CNT(4), .unsafe = CNT(3), .actions = ALL_ACTIONS,
      .msgs = { M044 } },
    { .name = "D-26 exclude= on -Xaot: uses the same filter store",
      .argv = { "-Xaot:exclude={app/Util.*}" }, .scope = SC_FILT,
      .inv = CNT(1), .unsafe = CNT(1), .actions = ".....IN",
      .msgs = { M044 } },
    { .name = "D.3 loadExclude= never invalidates",
      .argv = { "-Xaot:loadExclude={*}" }, .accepted = T, .status = { C },
      .scope = SC_NONE, .actions = ".......", .msgs = { { NULL, NULL } } },
    { .name = "D-25 pre-checkpoint filters stay in force",
      .pre = { "-Xjit:exclude={app/Main.run()V}" }, .scope = SC_FILT,
      .inv = CNT(1), .unsafe = CNT(0), .actions = "...I...",
      .msgs = { M044 }, .o_inv = ONPOS },
    { .name = "D-25 restore filters add to the pre-checkpoint filters",
      .pre = { "-Xjit:exclude={app/Main.run()V}" },
      .argv = { "-Xjit:exclude={app/Util.helper()V}" }, .scope = SC_FILT,
      .inv = CNT(2), .unsafe = CNT(0), .actions = "...I.I.",
      .msgs = { M044 } },
    { .name = "D-25 pre-checkpoint -Xaot: filters stay in force",
      .pre = { "-Xaot:exclude={java/lang/String.*}" }, .scope = SC_FILT,
      .inv = CNT(2), .actions = "II.....", .msgs = { M044 } },
    { .name = "DV-14/G-27 a restore name filter replaces a pre-checkpoint "
              "one, with a warning",
      .pre = { "-Xjit:limit=helper" }, .argv = { "-Xjit:exclude=helper" },
      .accepted = T, .scope = SC_FILT, .inv = CNT(4), .unsafe = CNT(3),
      .actions = ALL_ACTIONS, .msgs = { M044 }, .status = { C },
      .diags = { D(0, CRJIT_DIAG_FILTER_REPLACED, WARN) } },
    { .name = "B-50 no filters and no trigger: no walk",
      .argv = { "-Xjit:count=10" }, .scope = SC_NONE, .inv = CNT(0),
      .actions = ".......", .msgs = { { NULL, NULL } } },
    /* ---- DV-6 ------------------------------------------------------------ */
    { .name = "DV-6/D-6 unknown sub-option: error with arg and offset, "
              "earlier sub-options applied",
      .argv = { "-Xjit:count=10,bogusOption,exclude={app/Util.*}" },
      .accepted = T, .status = { C }, .scope = SC_NONE, .sub_count = CNT(1),
      .subs = { { F, "count=", "10", 0, 6, NULL } },
      .diags = { DOFF(0, CRJIT_DIAG_UNKNOWN_SUBOPTION, ERR, 15) },
      .msgs = { { NULL, NULL } } },
    { .name = "DV-6 error in a merged string names the right argument and "
              "offset",
      .argv = { "-XX:+MergeCompilerOptions", "-Xjit:exclude={app/Util.*}",
                "-Xjit:bogusOption" },
      .accepted = T, .status = { C, C, C }, .scope = SC_FILT,
      .actions = ".....IN", .msgs = { M044 },
      .diags = { DOFF(2, CRJIT_DIAG_UNKNOWN_SUBOPTION, ERR, 6) } },
    { .name = "DV-6 bad regex exclude={}: error, earlier sub-options "
              "applied",
      .argv = { "-Xjit:vlog=x.log,exclude={}" }, .accepted = T,
      .scope = SC_NONE, .vlog = LG_OPEN, .vlog_file = "x.log" SUFFIX,
      .diags = { D(0, CRJIT_DIAG_OPTION_STRING_ERROR, ERR) } },
    /* ---- T-6 ------------------------------------------------------------- */
    { .name = "T-6 -Xint before the checkpoint, no args: JIT not processed",
      .pre = { "-Xint" }, .processed = F, .jit = F, .aot = F, .accepted = T,
      .scope = SC_NONE, .msgs = { { NULL, NULL } }, .vlog = LG_NONE },
    { .name = "T-6 -Xint before the checkpoint: -Xjit:count=10 "
              "unrecognized, rejected",
      .pre = { "-Xint" }, .argv = { "-Xjit:count=10" }, .processed = F,
      .jit = F, .aot = F, .accepted = F, .status = { UNREC },
      .msgs = { M007("-Xjit:count=10") }, .jit_str = NOSTR,
      .sub_count = CNT(0), .scope = SC_NONE,
      .diags = { D(0, CRJIT_DIAG_UNRECOGNIZED, ERR),
                 D(ONPOS, CRJIT_DIAG_JIT_NOT_LOADED, NOTE) } },
    { .name = "T-6/G-9 -Xnojit -Xnoaot before the checkpoint: -Xjit "
              "rejected",
      .pre = { "-Xnojit", "-Xnoaot" }, .argv = { "-Xjit" }, .processed = F,
      .jit = F, .accepted = F, .status = { UNREC },
      .msgs = { M007("-Xjit") } },
    { .name = "T-6 -Xnojit -Xnoaot before: -XcompilationThreads4 rejected",
      .pre = { "-Xnojit", "-Xnoaot" },
      .argv = { "-XcompilationThreads4" }, .processed = F, .accepted = F,
      .status = { UNREC }, .msgs = { M007("-XcompilationThreads4") } },
    { .name = "T-6 -Xnojit -Xnoaot before: -Xnojit at restore rejected, no "
              "JIT message",
      .pre = { "-Xnojit", "-Xnoaot" }, .argv = { "-Xnojit" },
      .processed = F, .accepted = F, .status = { UNREC },
      .msgs = { M007("-Xnojit") } },
    { .name = "T-6 -Xint before: an -XX: JIT option is only tolerated",
      .pre = { "-Xint" }, .argv = { "-XX:+MergeCompilerOptions" },
      .processed = F, .accepted = T, .status = { TOL } },
    { .name = "T-6 -Xnojit alone before: the JIT is loaded (AOT on)",
      .pre = { "-Xnojit" }, .argv = { "-XcompilationThreads4" },
      .processed = T, .accepted = T, .status = { C }, .threads = 4 },
    /* ---- §6.1 and the VM side -------------------------------------------- */
    { .name = "6.1 mixed restore: every non-consumed arg has a diagnostic",
      .argv = { "-Xnojit", "-Xfoo", "-XX:Bar", "-Xmx64m",
                "-XcompilationThreads2", "-XcompilationThreads3", "-Dp=1" },
      .accepted = F, .jit = F,
      .status = { C, UNREC, TOL, UNSUP, DUP, C, C }, .threads = 3,
      .msgs = { M044, M042, M007("-Xfoo") } },
};
/* clang-format on */

/* ---- helpers ------------------------------------------------------------ */

typedef struct env {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *pre;
    crjit_args *args;
    crjit_codecache *cache;
    crjit_host_ops ops;
    crjit_checkpoint_state ck;
    crjit_restore_facts facts;
    crjit_plan *plan;
} env;

static size_t count_argv(const char *const *argv)
{
    size_t n = 0;
    while (n < MAXA && argv[n] != NULL)
        n++;
    return n;
}

static void apply_ck_flags(crjit_checkpoint_state *ck, unsigned f)
{
    if (f & CK_AOT_EARLIER)
        ck->aot_disabled_earlier = true;
    if (f & CK_TRAPS_OFF)
        ck->traps_disabled = true;
    if (f & CK_MTRACE)
        ck->method_trace_enabled = true;
    if (f & CK_EXC)
        ck->exception_events_hooked = true;
    if (f & CK_FSD)
        ck->fsd_enabled = true;
    if (f & CK_NO_ASYNC)
        ck->async_compilation = false;
    if (f & CK_DISCLAIM)
        ck->code_cache_disclaiming = true;
    if (f & CK_DEBUG)
        ck->debug_on_restore = true;
    if (f & CK_PORTABLE)
        ck->non_portable_mode = false;
    if (f & CK_PRINT_CC)
        ck->print_code_cache = true;
    if (f & CK_AOT_DELAYED) {
        ck->aot_validation_delayed = true;
        ck->aot_enabled = false;
    }
}

static void env_open(env *e, const plan_case *c, crjit_policy policy)
{
    const char *methods = c->methods != NULL ? c->methods : METHODS;

    memset(e, 0, sizeof *e);
    e->ctx = test_ctx(&e->st, policy);
    crjit_checkpoint_init(&e->ck);
    if (count_argv(c->pre) > 0) {
        e->pre = test_args(e->ctx, c->pre);
        assert_int_equal(crjit_checkpoint_from_args(e->pre, &e->ck),
                         CRJIT_OK);
    }
    apply_ck_flags(&e->ck, c->ck);
    {
        const crjit_restore_facts init = CRJIT_RESTORE_FACTS_INIT;
        e->facts = init;
    }
    e->facts.method_trace_enabled = (c->facts & F_MTRACE) != 0;
    e->facts.exception_events_hooked = (c->facts & F_EXC) != 0;
    e->facts.fsd_needed = (c->facts & F_FSD) != 0;
    e->args = test_args(e->ctx, c->argv);
    if (strcmp(methods, NO_HOST) != 0) {
        size_t line = 0;
        assert_int_equal(crjit_codecache_new(e->ctx, &e->cache), CRJIT_OK);
        assert_int_equal(crjit_codecache_load(e->cache, methods,
                                              strlen(methods), &line),
                         CRJIT_OK);
        crjit_codecache_host_ops(e->cache, &e->ops);
    }
}

static crjit_status env_plan(env *e)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    in.args = e->args;
    in.checkpoint = &e->ck;
    in.facts = &e->facts;
    if (e->cache != NULL) {
        in.host_ops = &e->ops;
        in.host_user = e->cache;
    }
    return crjit_plan_new(e->ctx, &in, &e->plan);
}

static void env_close(env *e)
{
    crjit_plan_free(e->plan);
    crjit_codecache_free(e->cache);
    crjit_args_free(e->args);
    crjit_args_free(e->pre);
    crjit_ctx_free(e->ctx);
    assert_int_equal(e->st.live, 0);
}

/* CRJIT_TEST_VERBOSE=1 prints every plan's messages and diagnostics. */
static void print_plan(const crjit_plan *plan)
{
    size_t i;
    const char *v = getenv("CRJIT_TEST_VERBOSE");
    if (v == NULL || *v == '\0')
        return;
    for (i = 0; i < crjit_plan_message_count(plan); i++) {
        const char *id = NULL, *text = NULL;
        (void)crjit_plan_message(plan, i, &id, &text);
        print_message("  message %zu: %s %s\n", i, id ? id : "(null)", text);
    }
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        print_message("  diag %zu: %s %s arg=%zd off=%zu %s\n", i,
                      crjit_severity_name(d->severity),
                      crjit_diag_code_name(d->code),
                      d->arg == CRJIT_NPOS ? (ptrdiff_t)-1 : (ptrdiff_t)d->arg,
                      d->offset, d->message);
    }
}

static bool has_diag(const crjit_plan *plan, const diag_want *w)
{
    size_t i, arg = w->arg == ONPOS ? CRJIT_NPOS : (size_t)w->arg;
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->code == w->code && d->arg == arg &&
            (int)d->severity == w->sev &&
            (w->offset < 0 || d->offset == (size_t)w->offset))
            return true;
    }
    return false;
}

static bool any_diag_for(const crjit_plan *plan, size_t arg)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->arg == arg)
            return true;
    return false;
}

static int str_eq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static void check_origin(const crjit_plan *plan, crjit_decision which,
                         int want)
{
    if (want == 0)
        return;
    if (want == ONPOS)
        assert_int_equal(crjit_plan_origin(plan, which), CRJIT_NPOS);
    else
        assert_int_equal(crjit_plan_origin(plan, which), (size_t)(want - 1));
}

static void check_bool(bool got, int want)
{
    if (want == T)
        assert_true(got);
    else if (want == F)
        assert_false(got);
}

static char action_char(crjit_body_action a)
{
    switch (a) {
    case CRJIT_BODY_KEEP: return '.';
    case CRJIT_BODY_INVALIDATE: return 'I';
    case CRJIT_BODY_KEEP_NO_BODY_INFO: return 'N';
    case CRJIT_BODY_KEEP_ON_STACK: return 'S';
    }
    return '?';
}

static void check_messages(const crjit_plan *plan, const plan_case *c)
{
    size_t i, n = 0;
    if (c->no_msg != NULL) {
        for (i = 0; i < crjit_plan_message_count(plan); i++) {
            const char *id = NULL;
            assert_true(crjit_plan_message(plan, i, &id, NULL));
            assert_false(str_eq(id, c->no_msg));
        }
    }
    if (c->any_msgs)
        return;
    while (n < MAXM && c->msgs[n].text != NULL)
        n++;
    assert_int_equal(crjit_plan_message_count(plan), n);
    for (i = 0; i < n; i++) {
        const char *id = "x", *text = NULL;
        assert_true(crjit_plan_message(plan, i, &id, &text));
        if (!str_eq(id, c->msgs[i].id)) {
            print_message("message %zu id: got %s, want %s\n", i,
                          id ? id : "(null)",
                          c->msgs[i].id ? c->msgs[i].id : "(null)");
            fail();
        }
        assert_string_equal(text, c->msgs[i].text);
    }
}

static void check_subs(const crjit_plan *plan, const plan_case *c)
{
    size_t i;
    if (c->sub_count != 0)
        assert_int_equal(crjit_plan_suboption_count(plan),
                         (size_t)(c->sub_count - 1));
    for (i = 0; i < MAXS && c->subs[i].name != NULL; i++) {
        const sub_want *w = &c->subs[i];
        crjit_suboption s;
        assert_true(crjit_plan_suboption(plan, i, &s));
        assert_int_equal(s.aot, w->aot == T);
        assert_string_equal(s.name, w->name);
        if (w->value == NULL)
            assert_null(s.value);
        else
            assert_string_equal(s.value, w->value);
        assert_int_equal(s.arg, (size_t)w->arg);
        assert_int_equal(s.offset, (size_t)w->offset);
        assert_non_null(s.effect);
        if (w->effect != NULL && strstr(s.effect, w->effect) == NULL) {
            print_message("effect \"%s\" lacks \"%s\"\n", s.effect,
                          w->effect);
            fail();
        }
    }
}

static void check_option_string(const crjit_plan *plan, bool aot,
                                 const char *want)
{
    const char *got = crjit_plan_option_string(plan, aot);
    if (want == NULL)
        return;
    if (strcmp(want, NOSTR) == 0)
        assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(got, want);
    }
}

/* §6.1: every argument whose status is not "consumed" has a diagnostic. */
static void check_every_unconsumed_diagnosed(const crjit_plan *plan)
{
    size_t i;
    for (i = 0; i < crjit_plan_arg_count(plan); i++)
        if (crjit_plan_arg_status(plan, i) != CRJIT_ARG_CONSUMED &&
            !any_diag_for(plan, i)) {
            print_message("arg %zu (%s) has no diagnostic\n", i,
                          crjit_arg_status_name(
                              crjit_plan_arg_status(plan, i)));
            fail();
        }
}

static void check_actions(const env *e, const plan_case *c)
{
    size_t i, n;
    char got[64];
    if (c->actions == NULL || e->cache == NULL)
        return;
    n = crjit_codecache_count(e->cache);
    assert_int_equal(n, strlen(c->actions));
    assert_true(n < sizeof got);
    for (i = 0; i < n; i++)
        got[i] = action_char(crjit_plan_body_action(
            e->plan, crjit_codecache_body(e->cache, i)));
    got[n] = '\0';
    assert_string_equal(got, c->actions);
}

static void run_case(void **state)
{
    const plan_case *c = *state;
    env e;
    size_t i, n = count_argv(c->argv), inv = 99, unsafe = 99;

    env_open(&e, c, CRJIT_POLICY_REFERENCE);
    assert_int_equal(env_plan(&e), CRJIT_OK);
    print_plan(e.plan);
    assert_int_equal(crjit_plan_arg_count(e.plan), n);
    check_bool(crjit_plan_jit_processed(e.plan), c->processed);
    check_bool(crjit_plan_jit_enabled(e.plan), c->jit);
    check_bool(crjit_plan_aot_enabled(e.plan), c->aot);
    check_bool(crjit_plan_accepted(e.plan), c->accepted);
    if (c->scope != 0)
        assert_int_equal(crjit_plan_invalidation(e.plan), c->scope - 1);
    crjit_plan_invalidation_counts(e.plan, &inv, &unsafe);
    if (c->inv != 0)
        assert_int_equal(inv, (size_t)(c->inv - 1));
    if (c->unsafe != 0)
        assert_int_equal(unsafe, (size_t)(c->unsafe - 1));
    check_actions(&e, c);
    check_messages(e.plan, c);
    for (i = 0; i < n; i++)
        if (c->status[i] != 0)
            assert_string_equal(
                crjit_arg_status_name(crjit_plan_arg_status(e.plan, i)),
                crjit_arg_status_name((crjit_arg_status)(c->status[i] - 1)));
    for (i = 0; i < MAXD && c->diags[i].code != 0; i++)
        if (!has_diag(e.plan, &c->diags[i])) {
            print_message("missing diagnostic %s on arg %d\n",
                          crjit_diag_code_name(c->diags[i].code),
                          c->diags[i].arg);
            fail();
        }
    for (i = 0; i < 3 && c->no_diag[i] != 0; i++)
        assert_int_equal(test_find_diag(e.plan, c->no_diag[i], CRJIT_NPOS),
                         CRJIT_NPOS);
    if (c->threads != 0)
        assert_int_equal(crjit_plan_compilation_threads(e.plan), c->threads);
    if (c->vlog != 0) {
        const char *file = "x";
        assert_int_equal(crjit_plan_vlog(e.plan, &file), c->vlog - 1);
        if (c->vlog == LG_NONE)
            assert_null(file);
        else if (c->vlog_file != NULL) {
            assert_non_null(file);
            assert_string_equal(file, c->vlog_file);
        }
    }
    check_option_string(e.plan, false, c->jit_str);
    check_option_string(e.plan, true, c->aot_str);
    check_subs(e.plan, c);
    check_origin(e.plan, CRJIT_DECISION_JIT, c->o_jit);
    check_origin(e.plan, CRJIT_DECISION_AOT, c->o_aot);
    check_origin(e.plan, CRJIT_DECISION_INVALIDATION, c->o_inv);
    check_origin(e.plan, CRJIT_DECISION_VLOG, c->o_vlog);
    check_origin(e.plan, CRJIT_DECISION_THREADS, c->o_thr);
    check_every_unconsumed_diagnosed(e.plan);
    env_close(&e);
}

/* ---- tests beyond the table -------------------------------------------- */

/* Purity: planning reads the code cache only. */
static void test_planning_is_pure(void **state)
{
    static const plan_case c = { .name = "pure",
                                 .argv = { "-Xnojit", "-Xrs:syncOnRestore",
                                           "-Xjit:exclude={*}" } };
    env e;
    size_t i;
    (void)state;
    env_open(&e, &c, CRJIT_POLICY_REFERENCE);
    assert_int_equal(env_plan(&e), CRJIT_OK);
    assert_int_equal(crjit_plan_invalidation(e.plan), CRJIT_INVALIDATE_ALL);
    for (i = 0; i < crjit_codecache_count(e.cache); i++)
        assert_false(crjit_codecache_invalidated(e.cache, i));
    /* a second plan of the same input decides the same */
    {
        crjit_plan *first = e.plan;
        size_t a = 0, b = 0, a2 = 0, b2 = 0;
        e.plan = NULL;
        assert_int_equal(env_plan(&e), CRJIT_OK);
        crjit_plan_invalidation_counts(first, &a, &b);
        crjit_plan_invalidation_counts(e.plan, &a2, &b2);
        assert_int_equal(a, a2);
        assert_int_equal(b, b2);
        crjit_plan_free(first);
    }
    for (i = 0; i < crjit_codecache_count(e.cache); i++)
        assert_false(crjit_codecache_invalidated(e.cache, i));
    env_close(&e);
}

/* Allocations made by crjit_plan_new + crjit_plan_free over a cache of n
 * bodies. */
static size_t plan_allocations(const char *const *argv, unsigned n)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_codecache *cache;
    crjit_host_ops ops;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    size_t before, total;
    unsigned i;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(crjit_codecache_new(ctx, &cache), CRJIT_OK);
    for (i = 0; i < n; i++) {
        char line[64];
        int len = snprintf(line, sizeof line, "app/C%u.m%u()V%s\n", i, i,
                           i % 7 == 3 ? " native" : "");
        assert_true(len > 0);
        assert_int_equal(crjit_codecache_load(cache, line, (size_t)len, NULL),
                         CRJIT_OK);
    }
    assert_int_equal(crjit_codecache_count(cache), n);
    crjit_codecache_host_ops(cache, &ops);
    in.args = args;
    in.host_ops = &ops;
    in.host_user = cache;
    before = st.total;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    crjit_plan_free(plan);
    total = st.total - before;
    crjit_codecache_free(cache);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
    return total;
}

static void test_no_allocation_per_body(void **state)
{
    static const char *const filtered[] = { "-Xjit:exclude={app/C1*}", NULL };
    static const char *const all[] = { "-Xnojit", NULL };
    static const char *const triggers[] = { "-Xrs:syncOnRestore",
                                            "-Xjit:exclude={*}", NULL };
    (void)state;
    assert_int_equal(plan_allocations(filtered, 10),
                     plan_allocations(filtered, 2000));
    assert_int_equal(plan_allocations(all, 10), plan_allocations(all, 2000));
    assert_int_equal(plan_allocations(triggers, 10),
                     plan_allocations(triggers, 2000));
}

/* A host whose read callbacks fail. */
typedef struct bad_host {
    size_t count;
    int fail_count;       /* body_count fails */
    size_t fail_get_call; /* get_bodies fails at this 1-based call; 0 never */
    size_t get_calls;
} bad_host;

static int bad_body_count(void *user, size_t *count)
{
    bad_host *h = user;
    if (h->fail_count)
        return -1;
    *count = h->count;
    return 0;
}

static int bad_get_bodies(void *user, size_t first, crjit_body *out,
                          size_t max, size_t *got)
{
    static const char cls[] = "app/B", name[] = "m", desc[] = "()V";
    bad_host *h = user;
    size_t i, n;
    h->get_calls++;
    if (h->get_calls == h->fail_get_call)
        return 7;
    n = first < h->count ? h->count - first : 0;
    if (n > max)
        n = max;
    for (i = 0; i < n; i++) {
        out[i].class_name = cls;
        out[i].class_len = sizeof cls - 1;
        out[i].method_name = name;
        out[i].method_len = sizeof name - 1;
        out[i].descriptor = desc;
        out[i].descriptor_len = sizeof desc - 1;
        out[i].flags = CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT;
    }
    *got = n;
    return 0;
}

static int never_invalidate(void *user, size_t index)
{
    (void)user;
    (void)index;
    fail_msg("planning called invalidate");
    return -1;
}

static void expect_host_failure(const char *arg, bad_host *h)
{
    static const char *argv[2];
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    argv[0] = arg;
    argv[1] = NULL;
    args = test_args(ctx, argv);
    ops.body_count = bad_body_count;
    ops.get_bodies = bad_get_bodies;
    ops.invalidate = never_invalidate;
    in.args = args;
    in.host_ops = &ops;
    in.host_user = h;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_E_HOST);
    assert_null(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void test_host_body_count_fails(void **state)
{
    bad_host h;
    (void)state;
    memset(&h, 0, sizeof h);
    h.count = 10;
    h.fail_count = 1;
    expect_host_failure("-Xnojit", &h);
    memset(&h, 0, sizeof h);
    h.count = 10;
    h.fail_count = 1;
    expect_host_failure("-Xjit:exclude={*}", &h);
    memset(&h, 0, sizeof h);
    h.count = 10;
    h.fail_count = 1;
    expect_host_failure("-Xrs:syncOnRestore", &h);
}

static void test_host_get_bodies_fails(void **state)
{
    bad_host h;
    size_t k;
    (void)state;
    /* the first call, and a later one (bodies are read in batches) */
    for (k = 1; k <= 3; k++) {
        memset(&h, 0, sizeof h);
        h.count = 300;
        h.fail_get_call = k;
        expect_host_failure("-Xnojit", &h);
        memset(&h, 0, sizeof h);
        h.count = 300;
        h.fail_get_call = k;
        expect_host_failure("-Xjit:exclude={app/*}", &h);
    }
}

/* The failing host is fine when nothing needs the walk. */
static void test_host_not_read_without_walk(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    bad_host h;
    static const char *const argv[] = { "-XcompilationThreads4", NULL };

    (void)state;
    memset(&st, 0, sizeof st);
    memset(&h, 0, sizeof h);
    h.fail_count = 1;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    ops.body_count = bad_body_count;
    ops.get_bodies = bad_get_bodies;
    in.args = args;
    in.host_ops = &ops;
    in.host_user = &h;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    assert_int_equal(crjit_plan_invalidation(plan), CRJIT_INVALIDATE_NONE);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Input checks of crjit_plan_new that concern the host. */
static void test_host_ops_checked(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    bad_host h;

    (void)state;
    memset(&st, 0, sizeof st);
    memset(&h, 0, sizeof h);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, NULL);
    in.args = args;
    in.host_ops = &ops;
    in.host_user = &h;
    /* no read callbacks */
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_E_INVALID_ARG);
    assert_null(plan);
    ops.body_count = bad_body_count;
    ops.get_bodies = bad_get_bodies;
    ops.version = 99;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_E_VERSION);
    assert_null(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* DV-6 under the strict policy: the error rejects the restore. */
static void test_dv6_strict_rejects(void **state)
{
    static const plan_case c = { .name = "strict",
                                 .argv = { "-Xjit:count=10,bogusOption" } };
    env e;
    (void)state;
    env_open(&e, &c, CRJIT_POLICY_STRICT);
    assert_int_equal(env_plan(&e), CRJIT_OK);
    assert_false(crjit_plan_accepted(e.plan));
    assert_string_equal(crjit_plan_verdict_message(e.plan),
                        "The JVM could not enable all the restore options "
                        "specified");
    assert_int_equal(crjit_plan_arg_status(e.plan, 0), CRJIT_ARG_CONSUMED);
    env_close(&e);
}

/* B-1: runs with an empty restore list and no host. */
static void test_empty_no_host(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, NULL);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_true(crjit_plan_jit_processed(plan));
    assert_true(crjit_plan_jit_enabled(plan));
    assert_true(crjit_plan_aot_enabled(plan));
    assert_int_equal(crjit_plan_invalidation(plan), CRJIT_INVALIDATE_NONE);
    assert_int_equal(crjit_plan_message_count(plan), 0);
    assert_int_equal(crjit_plan_compilation_threads(plan), 7);
    assert_non_null(crjit_plan_filters(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* T-6: no filters when the JIT does not run. */
static void test_t6_no_filters(void **state)
{
    static const plan_case c = { .name = "t6", .pre = { "-Xint" },
                                 .argv = { "-Xjit:exclude={*}" } };
    env e;
    (void)state;
    env_open(&e, &c, CRJIT_POLICY_REFERENCE);
    assert_int_equal(env_plan(&e), CRJIT_OK);
    assert_false(crjit_plan_jit_processed(e.plan));
    assert_null(crjit_plan_filters(e.plan));
    assert_int_equal(crjit_plan_invalidation(e.plan), CRJIT_INVALIDATE_NONE);
    env_close(&e);
}

/* Out-of-memory at every allocation of a full plan: a status, no leak. */
static void test_nomem_every_allocation(void **state)
{
    static const plan_case c = {
        .name = "nomem",
        .pre = { "-Xjit:vlog=pre.log,exclude={app/Main.run()V}" },
        .argv = { "-XX:+MergeCompilerOptions", "-Xjit:exclude={app/Util.*}",
                  "-Xjit:vlog=pre.log,bogus", "-XcompilationThreads99",
                  "-Xrs:syncOnRestore", "-Xfoo" }
    };
    size_t k;
    (void)state;
    for (k = 1; k < 3000; k++) {
        env e;
        size_t base;
        crjit_status st;
        env_open(&e, &c, CRJIT_POLICY_REFERENCE);
        base = e.st.total;
        e.st.fail_at = base + k;
        st = env_plan(&e);
        e.st.fail_at = 0;
        if (st == CRJIT_OK) {
            env_close(&e);
            break;
        }
        assert_int_equal(st, CRJIT_E_NOMEM);
        assert_null(e.plan);
        env_close(&e);
    }
    assert_true(k < 3000);
}

#define NAMED(name, fn) { name, fn, NULL, NULL, NULL }
#define EXTRA_TESTS 10

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(cases) + EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct CMUnitTest t = { cases[i].name, run_case, NULL, NULL,
                                (void *)(uintptr_t)&cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            NAMED("2 planning is pure: the cache's invalidated flags are "
                  "untouched",
                  test_planning_is_pure),
            NAMED("2/perf planning allocates nothing per body (10 vs 2000 "
                  "bodies)",
                  test_no_allocation_per_body),
            NAMED("2 host body_count fails: CRJIT_E_HOST, no plan, no leak",
                  test_host_body_count_fails),
            NAMED("2 host get_bodies fails (first and later batches): "
                  "CRJIT_E_HOST, no plan, no leak",
                  test_host_get_bodies_fails),
            NAMED("2 host not read when no walk is planned",
                  test_host_not_read_without_walk),
            NAMED("crjit_plan_new host ops checked (version, callbacks)",
                  test_host_ops_checked),
            NAMED("DV-6/3 strict policy rejects a bad -Xjit: token",
                  test_dv6_strict_rejects),
            NAMED("B-1 empty list, no host, no checkpoint: defaults",
                  test_empty_no_host),
            NAMED("T-6 no filters when the JIT does not run",
                  test_t6_no_filters),
            NAMED("2 out of memory at every allocation: CRJIT_E_NOMEM, no "
                  "leak",
                  test_nomem_every_allocation),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
