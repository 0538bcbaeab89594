/* Internal interface of the method-filter store (filter.c). */
#ifndef CRJIT_FILTER_H
#define CRJIT_FILTER_H

#include "crjit_internal.h"

enum { FILTER_REGEX = 0, FILTER_NAME1 = 1, FILTER_NAME2 = 2, FILTER_NAME3 = 3 };

typedef struct crjit__filter_error {
    size_t offset;        /* in the spec, for CRJIT_E_PARSE */
    const char *message;  /* static text, for CRJIT_E_PARSE */
    bool replaced_any;    /* DV-14: an older same-key name filter lost */
    size_t replaced;      /* argument index of the filter it replaced */
} crjit__filter_error;

/* Add one filter; arg is the restore argument it came from (diagnostics). */
crjit_status crjit__filters_add(crjit_filters *f, crjit_filter_type type,
                                const char *spec, size_t len, size_t arg,
                                crjit__filter_error *error);
/* Length of the filter value at the start of s (brace group or non-brace
 * token), so the option parser knows where it ends. */
size_t crjit__filter_extent(const char *s, size_t len);
void crjit__filters_set_default_exclude(crjit_filters *f);
void crjit__filters_set_if_excluded(crjit_filters *f);
size_t crjit__filters_count(const crjit_filters *f);
/* A filter store exists in the sense of B-50: a filter, or default-exclude
 * from limit=/limitfile=. */
bool crjit__filters_active(const crjit_filters *f);
/* Class-level work of a decision, kept between consecutive bodies of the
 * same class (a walk visits a class's methods together): the class hash and
 * the literal-trie walk over "class.".  Zero it (valid and oneshot false)
 * before the first body. */
#define CRJIT__CLASS_CACHE_MAX 256
typedef struct crjit__class_cache {
    bool valid;
    bool oneshot; /* decide once, remember nothing */
    const crjit_filters *filters;
    char cls[CRJIT__CLASS_CACHE_MAX]; /* a copy: host slices may not last */
    size_t clen;
    uint64_t hc;
    uint32_t node;
    uint32_t best;
    bool dead;
} crjit__class_cache;

crjit_filter_result crjit__filters_decide_cached(const crjit_filters *f,
                                                 const crjit_body *b,
                                                 crjit__class_cache *c);

crjit_filter_result crjit__filters_decide(const crjit_filters *f,
                                          const char *cls, size_t clen,
                                          const char *name, size_t nlen,
                                          const char *desc, size_t dlen);

#endif
