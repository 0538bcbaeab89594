/* Internal interface of the -Xjit:/-Xaot: option-string parser (xjit.c) and
 * the option-string assembly (xjit_string.c). */
#ifndef CRJIT_XJIT_H
#define CRJIT_XJIT_H

#include "crjit_internal.h"
#include "filter.h"
#include "xjit_table.h"

/* What a recognised sub-option means after restore (table D.3). */
typedef enum crjit__xrole {
    XR_PASS = 0, /* no post-restore meaning of its own: handed to the host */
    XR_COUNT,
    XR_BCOUNT,
    XR_MILCOUNT,
    XR_SCOUNT,
    XR_DISABLE_ASYNC,
    XR_EXCLUDE,
    XR_LIMIT,
    XR_LIMITFILE,
    XR_LOAD_EXCLUDE,
    XR_LOAD_LIMIT,
    XR_LOAD_LIMITFILE,
    XR_VERBOSE,
    XR_VLOG,
    XR_RTLOG,
    XR_DISABLE_TRAPS,
    XR_NO_RESUMABLE_TRAP,
    XR_CODE_CACHE_DISCLAIM,
    XR_NO_LOG_SUFFIX,
    XR_OPTLEVEL,
    XR_LOG
} crjit__xrole;

/* One recognised sub-option of the global option string. */
typedef struct crjit__xitem {
    const char *name; /* the table's spelling */
    uint8_t role;     /* crjit__xrole */
    uint8_t kind;     /* crjit__xkind */
    uint8_t source;   /* crjit__xsource */
    bool negated;     /* leading '!' */
    size_t offset;    /* token start in the option string */
    size_t len;       /* token length (name and value) */
    size_t value_off; /* value after the name, if the name ends in '=' */
    size_t value_len;
    uint64_t number;  /* XR_*COUNT: the value */
} crjit__xitem;

/* Kinds of option subset (D-5). */
typedef enum crjit__xsubset_kind {
    XS_REGEX = 0,       /* {regex}(...) or {regex}{optlevel}(...) */
    XS_RANGE = 1,       /* [m](...) or [m,n](...) */
    XS_IF_EXCLUDED = 2, /* ifExcluded(...) */
    XS_INDEX = 3,       /* N(...) */
    XS_LIMIT = 4        /* limit={regex}(...) */
} crjit__xsubset_kind;

typedef struct crjit__xsubset {
    uint8_t kind;
    size_t offset;    /* subset token start */
    size_t len;
    size_t inner_off; /* the options between the parentheses */
    size_t inner_len;
} crjit__xsubset;

/* Host-supplied extra option names (matched after the table). */

/* Reads a limit file (D-27).  Returns 0 and sets text and len (owned by the
 * reader, valid until the next call) or nonzero when unreadable. */
typedef int (*crjit__read_fn)(void *user, const char *path, size_t path_len,
                              const char **text, size_t *len);

typedef struct crjit__xjit_env {
    crjit_filters *compile_filters; /* exclude/limit/limitfile; may be NULL */
    crjit_filters *load_filters;    /* loadExclude/loadLimit/...; may be NULL */
    crjit__read_fn read_file;       /* may be NULL: limit files unreadable */
    void *read_user;
    const char *const *extra;       /* host names, may be NULL */
    size_t extra_count;
    bool in_subset;                 /* parsing a subset's inner options */
} crjit__xjit_env;

/* Result of parsing one option string. */
typedef struct crjit__xjit {
    crjit__xitem *items;
    size_t count, cap;
    crjit__xsubset *subsets;
    size_t subset_count, subset_cap;
    /* error: parsing stopped at error_offset (D-6) */
    bool failed;
    size_t error_offset;
    const char *error;          /* static text */
    size_t error_token_len;
    /* DV-14 replacements and other notes, by string offset */
    size_t *replaced_at;        /* offsets of filters that replaced older */
    size_t replaced_count, replaced_cap;
} crjit__xjit;

/* Parse text (len bytes) into out; filters are added to the env's stores as
 * they are met, so everything before an error has taken effect (D-6).
 * Returns CRJIT_OK (also when the text has an error: see out->failed) or
 * CRJIT_E_NOMEM. */
crjit_status crjit__xjit_parse(const crjit_ctx *ctx, const char *text,
                               size_t len, const crjit__xjit_env *env,
                               crjit__xjit *out);
void crjit__xjit_free(const crjit_ctx *ctx, crjit__xjit *x);

/* Closest table names to an unknown token, for the diagnostic.  Writes up to
 * max names into out and returns how many. */
size_t crjit__xjit_suggest(const char *token, size_t len, const char **out,
                           size_t max);

/* Case-insensitive longest-prefix lookup in the built-in table; returns the
 * index or CRJIT_NPOS. */
size_t crjit__xjit_lookup(const char *text, size_t len, bool front_end);

/* ---- option-string assembly (D-1…D-3) ---- */

typedef struct crjit__xsegment {
    size_t str_off; /* where this entry's value starts in the string */
    size_t arg;     /* restore argument index */
    size_t arg_off; /* offset of the value in the argument */
} crjit__xsegment;

typedef struct crjit__xstring {
    bool present;   /* some -Xjit: (-Xaot:) entry exists */
    bool empty;     /* D-2/D-3 build failure: nothing to process */
    char *text;     /* NUL-terminated, from the context allocator */
    size_t len;
    crjit__xsegment *segments;
    size_t segment_count;
    size_t entries; /* number of -Xjit: entries seen */
} crjit__xstring;

/* prefix is "-Xjit:" or "-Xaot:". */
crjit_status crjit__xjit_string(const crjit_ctx *ctx, crjit_ral *ral,
                                const char *prefix, bool merge,
                                crjit__xstring *out);
void crjit__xstring_free(const crjit_ctx *ctx, crjit__xstring *s);
/* Map a string offset to (argument, offset in argument). */
void crjit__xstring_locate(const crjit__xstring *s, size_t off, size_t *arg,
                           size_t *arg_off);

#endif
