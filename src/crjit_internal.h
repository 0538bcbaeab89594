/* Internal declarations shared by the library's source files.
 *
 * Naming: public names are crjit_*, internal non-static names crjit__*,
 * file-local helpers are static without prefix.  Everything here has hidden
 * visibility (the target's preset), so nothing leaks from the shared object.
 */
#ifndef CRJIT_INTERNAL_H
#define CRJIT_INTERNAL_H

#include "crjit.h"

#include <stdarg.h>
#include <stdint.h>

typedef struct crjit__trie_node crjit__trie_node;
/* A known name's table string by address: the id its text resolves to. */
typedef struct crjit__pslot {
    const char *key; /* NULL = empty */
    uint32_t id;
    uint32_t len;
} crjit__pslot;
typedef struct crjit__trie {
    crjit__trie_node *nodes; /* one block holding every array below */
    size_t count;
    unsigned char *kbyte;    /* node -> the byte that leads to it */
    unsigned char *maps;     /* 256 slots per wide node: child + 1 or 0 */
    uint32_t *parent;        /* name id -> nearest shorter known prefix + 1 */
    uint32_t *name_len;      /* name id -> strlen */
    uint32_t *hash;          /* open addressing: name id + 1, 0 = empty */
    crjit__pslot *phash;     /* open addressing by the name's address */
    const char **name;       /* name id -> the table's string */
    size_t hash_cap;         /* power of two, for hash and phash */
} crjit__trie;

struct crjit_ctx {
    crjit__trie names; /* built once; read-only afterwards */
    bool cpu_detected; /* host CPU, detected once per context */
    crjit_cpu cpu;
    unsigned cpuid_count;
    crjit_allocator allocator;
    crjit_log_fn log;
    void *log_user;
    crjit_policy policy;
};

/* ---- memory ------------------------------------------------------------ */

void *crjit__alloc(const crjit_ctx *ctx, size_t size);
void *crjit__calloc(const crjit_ctx *ctx, size_t count, size_t size);
void crjit__free(const crjit_ctx *ctx, void *ptr);

/* Grow *items (of elem-sized elements, capacity *cap) so that it holds at
 * least need elements.  Doubles; copies; frees the old block. */
crjit_status crjit__grow(const crjit_ctx *ctx, void **items, size_t *cap,
                         size_t need, size_t elem);

/* A bump allocator for strings: blocks freed all at once. */
typedef struct crjit__arena_block crjit__arena_block;
typedef struct crjit__arena {
    crjit__arena_block *head;
} crjit__arena;

char *crjit__arena_alloc(const crjit_ctx *ctx, crjit__arena *arena,
                         size_t size);
char *crjit__arena_strdup(const crjit_ctx *ctx, crjit__arena *arena,
                          const char *text, size_t len);
void crjit__arena_free(const crjit_ctx *ctx, crjit__arena *arena);

/* ---- diagnostics --------------------------------------------------------- */

typedef struct crjit__diags {
    crjit_diagnostic *items;
    size_t count;
    size_t cap;
    crjit__arena text;
} crjit__diags;

/* Format and append one diagnostic, then hand it to the context's log
 * callback.  Messages are truncated at a fixed size. */
crjit_status crjit__diag(const crjit_ctx *ctx, crjit__diags *diags,
                         crjit_severity severity, crjit_diag_code code,
                         size_t arg, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
crjit_status crjit__diag_copy(const crjit_ctx *ctx, crjit__diags *to,
                              const crjit__diags *from);
void crjit__diags_free(const crjit_ctx *ctx, crjit__diags *diags);

/* Write at most max bytes of text into out as a printable quotation:
 * control bytes become \xNN, and a cut is marked with "...". */
void crjit__quote(char *out, size_t out_size, const char *text, size_t len);
#define CRJIT__QUOTE_MAX 160

/* ---- argument list --------------------------------------------------------- */

typedef struct crjit__entry {
    const char *text; /* NUL-terminated, in the list's arena */
    uint32_t len;
    uint8_t source; /* crjit_source */
} crjit__entry;

struct crjit_args {
    crjit_ctx *ctx;
    crjit__entry *entries;
    size_t count;
    size_t cap;
    size_t total_bytes;
    bool failed;
    crjit_diag_code fail_code;
    crjit__arena text;
    crjit__diags diags;
};

/* Append without the NUL check; used by the file readers, whose tokens
 * cannot contain NUL.  Records a limit diagnostic on CRJIT_E_LIMIT. */
crjit_status crjit__args_push(crjit_args *args, const char *text, size_t len,
                              crjit_source source, size_t file_offset);
/* Mark the list failed: drop every entry (A-7, A-12 without reuse). */
void crjit__args_fail(crjit_args *args, crjit_diag_code code);

/* Tokenisers (optfile.c, envfile.c).  They append to args. */
crjit_status crjit__parse_options_file(crjit_args *args, const char *text,
                                       size_t len, crjit_source source);
crjit_status crjit__parse_env_value(crjit_args *args, const char *text,
                                    size_t len, size_t base_offset);

/* ---- option-name index ---------------------------------------------------- */

/* The names any built-in consumer searches for.  Searches for these are
 * answered from per-name posting lists; other names fall back to a scan. */
size_t crjit__known_name_count(void);
const char *crjit__known_name(size_t id);
crjit_status crjit__trie_build(const crjit_ctx *ctx, crjit__trie *trie);
void crjit__trie_free(const crjit_ctx *ctx, crjit__trie *trie);
/* Id of name (len bytes) or CRJIT_NPOS. */
size_t crjit__known_name_id(const crjit__trie *trie, const char *name,
                            size_t len);
/* Id of the NUL-terminated name or CRJIT_NPOS; *len = strlen(name).  A
 * name passed as the table's own string is found by its address, without
 * reading it. */
size_t crjit__known_name_lookup_slow(const crjit__trie *trie,
                                     const char *name, size_t *len);
static inline size_t crjit__pslot_hash(const char *p)
{
    return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u) >> 32);
}
static inline size_t crjit__known_name_lookup(const crjit__trie *trie,
                                              const char *name, size_t *len)
{
    const crjit__pslot *s =
        &trie->phash[crjit__pslot_hash(name) & (trie->hash_cap - 1)];
    if (s->key == name) {
        *len = s->len;
        return s->id;
    }
    return crjit__known_name_lookup_slow(trie, name, len);
}
/* Id of the longest known name that is a prefix of text, or CRJIT_NPOS.
 * The others are its chain of shorter prefixes: crjit__known_parent. */
size_t crjit__longest_known_prefix(const crjit__trie *trie, const char *text,
                                   size_t len);
/* Nearest known name that is a proper prefix of name id, or CRJIT_NPOS. */
static inline size_t crjit__known_parent(const crjit__trie *trie, size_t id)
{
    return trie->parent[id] != 0 ? trie->parent[id] - 1 : CRJIT_NPOS;
}

/* ---- working view ------------------------------------------------------------ */

enum {
    CRJIT__F_CONSUMED = 1,
    CRJIT__F_EXEMPT = 2,
    CRJIT__F_EVER_CONSUMED = 4,
    CRJIT__F_BORN_EXEMPT = 8
};

/* flags, winner and post_off live in the view's own block (ral.c). */
struct crjit_ral {
    const crjit_args *args;
    uint8_t *flags;
    uint32_t *winner;   /* for exempted duplicates: winner index + 1, or 0 */
    uint32_t *post_off; /* known-name id -> start in post (count + 1) */
    uint32_t *post;     /* entry indices, ascending per name */
};

/* Consume every entry that matches (kind, name), each directly (A-27,
 * one pass over the name's posting list.  Returns how many. */
size_t crjit__ral_consume_all(crjit_ral *ral, crjit_match kind,
                              const char *name);

/* ---- plan ------------------------------------------------------------------ */

typedef struct crjit__message {
    const char *id;
    const char *text;
} crjit__message;

/* One sub-option of the restore-time -Xjit:/-Xaot: strings, as the plan
 * reports it. */
typedef struct crjit__suboption {
    bool aot;             /* from -Xaot: (else -Xjit:) */
    const char *name;     /* the table's spelling (static) */
    const char *value;    /* copy in the plan's arena, or NULL */
    size_t arg;           /* restore argument it came from */
    size_t offset;        /* byte offset in that argument */
    const char *effect;   /* what it does after restore (static text) */
    bool passed;          /* handed to the host unchanged */
} crjit__suboption;

struct crjit_plan {
    crjit_ctx *ctx;
    size_t arg_count;
    uint8_t *status;  /* crjit_arg_status per argument */
    uint32_t *winner; /* duplicate's winner + 1, or 0 */
    bool accepted;
    const char *verdict_message; /* static text or NULL */
    crjit__message *messages;
    size_t message_count;
    size_t message_cap;
    crjit__diags diags;
    crjit_restore_facts facts;
    crjit__arena text;
    /* decisions */
    bool jit_enabled;
    bool aot_enabled;
    bool jit_processed;        /* false: the JIT never saw the args (T-6) */
    bool gate_open;            /* B-21 */
    uint8_t invalidation;      /* crjit_invalidation */
    bool cpu_invalidation;     /* issue 6 */
    crjit_filters *filters;    /* compile filters in force (D-25) */
    crjit_filters *load_filters;
    bool filters_changed;      /* this restore added compile filters */
    uint8_t vlog_action;       /* crjit_log_action */
    char *vlog_file;
    unsigned threads_usable;
    bool print_code_cache;
    bool async_compilation;
    char *option_string[2];    /* restore -Xaot: [1] and -Xjit: [0] */
    crjit__suboption *subs;
    size_t sub_count, sub_cap;
    size_t invalidated_count;  /* bodies the plan invalidates */
    size_t unsafe_count;       /* selected but cannot be invalidated */
    size_t origin[5];          /* crjit_decision -> argument or NPOS */
    crjit_jitserver_decision jitserver; /* phase_jitserver.c */
    crjit_codegen codegen;     /* phase_codegen.c */
    crjit__message *actions;   /* host actions (B-23, B-39, B-41, B-70…) */
    size_t action_count, action_cap;
    bool all_selected;         /* invalidate-all by the JIT (B-18, B-35) */
    bool filtered_selected;    /* the filtered walk (B-50) */
    const crjit_host_ops *host; /* copy of the input's, for accessors */
    void *host_user;
};

/* State shared by the phases of one planning run.  Phases read the input and
 * the view, and write only to the plan under construction. */
typedef struct crjit__run {
    crjit_ctx *ctx;
    const crjit_plan_input *input;
    crjit_checkpoint_state checkpoint;
    crjit_ral *ral;
    crjit_plan *plan;
    /* verdict inputs, filled by the verdict phase */
    bool ignore_restore;
    bool ignore_unrecognized;
    bool ignore_top_level;
    bool ignore_xx;
    bool agent_found;
    bool check_ran;
    /* the JIT's processing (phase_jit.c and after) */
    bool jit_pre, aot_pre;
    bool disable_aot_post;    /* B-14 */
    bool disable_aot;         /* B-33 */
    bool aot_disable_done;    /* B-16 one-shot */
    bool invalidate_all;      /* B-33/B-34 triggers */
    bool all_walk_done;       /* phase 3 walked already (DV-9) */
    bool message_044;         /* DV-8: printed once */
    bool merge;               /* B-24 */
    bool restore_traps_off;   /* disableTraps / noResumableTrapHandler now */
    bool restore_disclaim;    /* enableCodeCacheDisclaiming now */
    bool restore_no_async;    /* disableAsyncCompilation now */
    bool restore_no_suffix;   /* dontApplyLogFileNameSuffix now */
    bool verbose_now;         /* verbose given at restore (DV-7) */
    const char *vlog_new;     /* vlog= at restore (into args) */
    size_t vlog_new_len;
    size_t vlog_new_arg;
    uint64_t threads_requested; /* -XcompilationThreads; 0 = none */
    size_t threads_arg;
} crjit__run;

/* Append a user-visible message (copied). */
crjit_status crjit__message_add(crjit__run *run, const char *id,
                                const char *text, size_t len);
/* Planning diagnostic. */
#define CRJIT__RUN_DIAG(run, sev, code, arg, off, ...)                        \
    crjit__diag((run)->ctx, &(run)->plan->diags, (sev), (code), (arg), (off), \
                __VA_ARGS__)

/* Why the VM's check skips an unconsumed entry, or NULL. */
const char *crjit__skip_reason(const crjit__run *run, const char *text,
                               size_t len);

/* Part C's external options (phase_external.c), also indexed by names.c. */
size_t crjit__external_count(void);
const char *crjit__external_name(size_t i);

/* Visit each body; return NULL to go on, or the name of a host callback
 * that failed to stop the walk. */
typedef const char *(*crjit__visit_fn)(void *arg, size_t index,
                                       const crjit_body *body);
typedef struct crjit__walk_failure {
    const char *callback; /* the callback that failed, or NULL */
    size_t index;         /* the body it failed on, or CRJIT_NPOS */
} crjit__walk_failure;
/* Walk the host's bodies in batches; CRJIT_E_HOST names the failure. */
crjit_status crjit__walk(const crjit_host_ops *ops, void *user,
                         crjit__visit_fn visit, void *arg,
                         crjit__walk_failure *failure);

/* Walk the host's bodies (planning: read only).  all: every body; else
 * those the plan's filters exclude.  Counts what apply would invalidate and
 * what it would have to keep. */
crjit_status crjit__walk_count(crjit__run *run, bool all, size_t *invalidated,
                               size_t *unsafe);

/* crjit_plan_body_action with the class-level work kept between
 * consecutive bodies (a walk); cache is a crjit__class_cache (filter.h). */
struct crjit__class_cache;
crjit_body_action crjit__plan_body_action_cached(const crjit_plan *plan,
                                                const crjit_body *body,
                                                struct crjit__class_cache *cache);

/* B-16 DisableAOT (one-shot) and B-18/B-35 invalidate-all with DV-8. */
crjit_status crjit__disable_aot(crjit__run *run, bool pre_checkpoint);
crjit_status crjit__invalidate_all_now(crjit__run *run);

/* Run-level diagnostic on argument arg. */
crjit_status crjit__note(crjit__run *run, crjit_severity sev,
                         crjit_diag_code code, size_t arg, size_t off,
                         const char *text);

/* Number of the JDWP/agent restore error in the VM's message catalogue. */
#define CRJIT__JDWP_MSG_NUMBER "265"

/* Phases, one per file, run in the order of the table in plan.c. */
crjit_status crjit__phase_vm_before_jit(crjit__run *run);
crjit_status crjit__phase_vm_after_jit(crjit__run *run);
crjit_status crjit__phase_jit_modes(crjit__run *run);
crjit_status crjit__phase_jit_strings(crjit__run *run);
crjit_status crjit__phase_external(crjit__run *run);
crjit_status crjit__phase_jitserver(crjit__run *run);
crjit_status crjit__phase_post(crjit__run *run);
crjit_status crjit__phase_codegen(crjit__run *run);
crjit_status crjit__phase_verdict(crjit__run *run);
crjit_status crjit__phase_classify(crjit__run *run);
crjit_status crjit__phase_policy(crjit__run *run);

#endif /* CRJIT_INTERNAL_H */
