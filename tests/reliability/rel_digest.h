/* A digest of everything a plan reports through its accessors, so two
 * plans can be compared for equality in one number. */
#ifndef CRJIT_REL_DIGEST_H
#define CRJIT_REL_DIGEST_H

#include <stdint.h>

#include "crjit.h"

/* cache: optional; when given, crjit_plan_body_action of each of its
 * bodies is part of the digest. */
uint64_t rel_plan_digest(const crjit_plan *plan, const crjit_codecache *cache);

#endif
