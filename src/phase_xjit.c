/* -Xaot: then -Xjit: (B-25…B-27, Part D): the pre-checkpoint filters are
 * loaded first (D-25), then each restore string is assembled (D-2, D-3) and
 * parsed; every sub-option is recorded with what it does after restore. */
#include "xjit.h"

#include <stdio.h>
#include <string.h>

static const char *effect_of(const crjit__run *run, crjit__xrole role)
{
    switch (role) {
    case XR_COUNT:
    case XR_BCOUNT:
    case XR_MILCOUNT:
    case XR_SCOUNT:
        return "stored; applies to methods whose invocation counters are set "
               "up after restore; compilation stays as asynchronous as "
               "before (D.3)";
    case XR_DISABLE_ASYNC:
        return run->checkpoint.async_compilation
                   ? "ignored: synchronous compilation cannot be introduced "
                     "at restore (B-38, G-17)"
                   : "no change: compilation was already synchronous (B-38)";
    case XR_EXCLUDE:
    case XR_LIMIT:
    case XR_LIMITFILE:
        return "added to the compilation filters; compiled bodies they "
               "forbid are invalidated and not compiled again (B-50…B-57)";
    case XR_LOAD_EXCLUDE:
    case XR_LOAD_LIMIT:
    case XR_LOAD_LIMITFILE:
        return "relocation filter: affects only future AOT loads, never "
               "invalidates (D.3)";
    case XR_VERBOSE:
        return "verbose settings take effect after restore, with or without "
               "a new vlog= (DV-7)";
    case XR_VLOG:
        return "verbose log opened after restore (B-47)";
    case XR_RTLOG:
        return "runtime log opened after restore (B-47)";
    case XR_DISABLE_TRAPS:
    case XR_NO_RESUMABLE_TRAP:
        return run->checkpoint.traps_disabled
                   ? "no change: traps were already off before the "
                     "checkpoint (B-33.1)"
                   : "stops trap-based code: invalidates all compiled code "
                     "and disables AOT (B-33.1)";
    case XR_CODE_CACHE_DISCLAIM:
        return run->checkpoint.code_cache_disclaiming
                   ? "no change: disclaiming was on before the checkpoint"
                   : "ignored: code cache disclaiming cannot be turned on at "
                     "restore (B-40)";
    case XR_NO_LOG_SUFFIX:
        return "log files opened at this restore get no time-stamp suffix "
               "(B-47)";
    case XR_OPTLEVEL:
        return "handed to the host; the reference does not compensate "
               "bodies compiled at other levels (G-35)";
    case XR_LOG:
        return "handed to the host; the reference does not reopen trace "
               "logs at restore (G-35)";
    case XR_PASS:
        break;
    }
    return "handed to the host unchanged";
}

static crjit_status add_sub(crjit__run *run, const crjit__suboption *sub)
{
    crjit_plan *plan = run->plan;
    if (crjit__grow(run->ctx, (void **)&plan->subs, &plan->sub_cap,
                    plan->sub_count + 1, sizeof *plan->subs) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    plan->subs[plan->sub_count++] = *sub;
    return CRJIT_OK;
}


static char *copy_text(crjit__run *run, const char *text, size_t len)
{
    return crjit__arena_strdup(run->ctx, &run->plan->text, text, len);
}

/* Flags the post-processing phase needs (B-33, B-38, B-40, B-47).  The
 * option string is freed after parsing, so values are copied. */
static bool remember(crjit__run *run, const crjit__xitem *it,
                     const crjit__xstring *s)
{
    switch ((crjit__xrole)it->role) {
    case XR_DISABLE_TRAPS:
    case XR_NO_RESUMABLE_TRAP:
        run->restore_traps_off = !it->negated;
        break;
    case XR_CODE_CACHE_DISCLAIM:
        run->restore_disclaim = !it->negated;
        break;
    case XR_DISABLE_ASYNC:
        run->restore_no_async = !it->negated;
        break;
    case XR_NO_LOG_SUFFIX:
        run->restore_no_suffix = !it->negated;
        break;
    case XR_VERBOSE:
        run->verbose_now = true;
        break;
    case XR_VLOG: {
        size_t off;
        run->vlog_new = copy_text(run, s->text + it->value_off, it->value_len);
        if (run->vlog_new == NULL)
            return false;
        run->vlog_new_len = it->value_len;
        crjit__xstring_locate(s, it->offset, &run->vlog_new_arg, &off);
        break;
    }
    default:
        break;
    }
    return true;
}

static crjit_status record_items(crjit__run *run, const crjit__xjit *x,
                                 const crjit__xstring *s, bool aot)
{
    size_t i;
    for (i = 0; i < x->count; i++) {
        const crjit__xitem *it = &x->items[i];
        crjit__suboption sub;
        memset(&sub, 0, sizeof sub);
        sub.aot = aot;
        sub.name = it->name;
        if (it->value_len != 0 || it->value_off != 0) {
            sub.value = copy_text(run, s->text + it->value_off, it->value_len);
            if (sub.value == NULL)
                return CRJIT_E_NOMEM;
        }
        crjit__xstring_locate(s, it->offset, &sub.arg, &sub.offset);
        sub.effect = effect_of(run, (crjit__xrole)it->role);
        sub.passed = it->role == XR_PASS || it->role == XR_OPTLEVEL ||
                     it->role == XR_LOG;
        if (!remember(run, it, s) || add_sub(run, &sub) != CRJIT_OK)
            return CRJIT_E_NOMEM;
    }
    return CRJIT_OK;
}

static crjit_status record_subsets(crjit__run *run, const crjit__xjit *x,
                                   const crjit__xstring *s, bool aot)
{
    size_t i;
    for (i = 0; i < x->subset_count; i++) {
        const crjit__xsubset *sb = &x->subsets[i];
        crjit__suboption sub;
        memset(&sub, 0, sizeof sub);
        sub.aot = aot;
        sub.name = sb->kind == XS_LIMIT ? "limit= option subset"
                                        : "option subset";
        sub.value = copy_text(run, s->text + sb->offset, sb->len);
        if (sub.value == NULL)
            return CRJIT_E_NOMEM;
        crjit__xstring_locate(s, sb->offset, &sub.arg, &sub.offset);
        sub.effect = "handed to the host; restore-time subsets are consulted "
                     "before pre-checkpoint ones, first written first (D-8)";
        sub.passed = true;
        if (add_sub(run, &sub) != CRJIT_OK)
            return CRJIT_E_NOMEM;
    }
    return CRJIT_OK;
}

/* D-6 / DV-6: the reference stops silently; we say where and why. */
static crjit_status report_error(crjit__run *run, const crjit__xjit *x,
                                 const crjit__xstring *s, const char *which)
{
    char q[CRJIT__QUOTE_MAX + 8], hint[200] = "";
    size_t arg, off, tl = x->error_token_len;
    crjit_diag_code code = CRJIT_DIAG_OPTION_STRING_ERROR;

    crjit__xstring_locate(s, x->error_offset, &arg, &off);
    if (tl > 80)
        tl = 80;
    crjit__quote(q, sizeof q, s->text + x->error_offset, tl);
    if (strcmp(x->error, "unknown sub-option") == 0) {
        const char *names[3], *tok = s->text + x->error_offset;
        size_t nl = 0, n;
        /* Compare the name only: up to and including '=', or up to the
         * first bracket. */
        while (nl < tl && tok[nl] != '=' && tok[nl] != '{' && tok[nl] != '(')
            nl++;
        if (nl < tl && tok[nl] == '=')
            nl++;
        n = crjit__xjit_suggest(tok, nl, names, 3);
        code = CRJIT_DIAG_UNKNOWN_SUBOPTION;
        if (n > 0)
            (void)snprintf(hint, sizeof hint, "; did you mean %s%s%s%s%s?",
                           names[0], n > 1 ? ", " : "", n > 1 ? names[1] : "",
                           n > 2 ? ", " : "", n > 2 ? names[2] : "");
    }
    return crjit__diag(run->ctx, &run->plan->diags, CRJIT_SEV_ERROR, code, arg,
                       off,
                       "%s at \"%s\" in the %s string%s; this and every later "
                       "sub-option are ignored, the earlier ones apply (D-6, "
                       "DV-6)",
                       x->error, q, which, hint);
}

static crjit_status report_replaced(crjit__run *run, const crjit__xjit *x,
                                    const crjit__xstring *s)
{
    size_t i, arg, off;
    for (i = 0; i < x->replaced_count; i++) {
        crjit_status st;
        crjit__xstring_locate(s, x->replaced_at[i], &arg, &off);
        st = crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_FILTER_REPLACED,
                         arg, off,
                         "this filter replaces an older one with the same "
                         "method key; the reference would keep the older "
                         "(DV-14, G-27)");
        if (st != CRJIT_OK)
            return st;
    }
    return CRJIT_OK;
}

/* Subset contents are checked only when the global options parsed (D-4). */
static crjit_status check_subsets(crjit__run *run, const crjit__xjit *x,
                                  const crjit__xstring *s,
                                  const crjit__xjit_env *genv)
{
    crjit__xjit_env env = *genv;
    size_t i;
    env.compile_filters = NULL;
    env.load_filters = NULL;
    env.in_subset = true;
    for (i = 0; i < x->subset_count; i++) {
        const crjit__xsubset *sb = &x->subsets[i];
        crjit__xjit inner;
        crjit_status st = crjit__xjit_parse(run->ctx, s->text + sb->inner_off,
                                            sb->inner_len, &env, &inner);
        if (st == CRJIT_OK && inner.failed) {
            size_t arg, off;
            crjit__xstring_locate(s, sb->inner_off + inner.error_offset, &arg,
                                  &off);
            st = crjit__diag(run->ctx, &run->plan->diags, CRJIT_SEV_ERROR,
                             CRJIT_DIAG_SUBSET_ERROR, arg, off,
                             "option subset: %s; the subset's remaining "
                             "options are ignored (D-4)",
                             inner.error);
        }
        crjit__xjit_free(run->ctx, &inner);
        if (st != CRJIT_OK)
            return st;
    }
    return CRJIT_OK;
}

static int read_file(void *user, const char *path, size_t path_len,
                     const char **text, size_t *len)
{
    const crjit_plan_input *in = user;
    if (in->read_file == NULL)
        return -1;
    return in->read_file(in->read_user, path, path_len, text, len);
}

static void make_env(crjit__run *run, crjit__xjit_env *env)
{
    memset(env, 0, sizeof *env);
    env->compile_filters = run->plan->filters;
    env->load_filters = run->plan->load_filters;
    env->read_file = read_file;
    env->read_user = (void *)(uintptr_t)run->input; /* read only */
    env->extra = run->input->extra_suboptions;
    env->extra_count = run->input->extra_suboption_count;
}

/* D-25: the pre-checkpoint strings' filters come first. */
static crjit_status load_pre_checkpoint(crjit__run *run)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    const char *text[2] = { ck->aot_options, ck->jit_options };
    size_t len[2] = { ck->aot_options_len, ck->jit_options_len }, i;
    crjit__xjit_env env;

    make_env(run, &env);
    for (i = 0; i < 2; i++) {
        crjit__xjit x;
        crjit_status st;
        if (text[i] == NULL)
            continue;
        st = crjit__xjit_parse(run->ctx, text[i], len[i], &env, &x);
        crjit__xjit_free(run->ctx, &x);
        if (st != CRJIT_OK)
            return st;
    }
    return CRJIT_OK;
}

static crjit_status note_string_entries(crjit__run *run, const char *prefix,
                                        const char *why)
{
    size_t at = 0, i;
    while ((i = crjit_ral_find(run->ral, CRJIT_MATCH_STARTSWITH, prefix,
                               CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, at)) !=
           CRJIT_NPOS) {
        crjit_status st = crjit__note(run, CRJIT_SEV_WARNING,
                                      CRJIT_DIAG_NOT_APPLIED, i, 0, why);
        if (st != CRJIT_OK)
            return st;
        at = i + 1;
    }
    return CRJIT_OK;
}

static size_t first_filter_arg(const crjit__xjit *x, const crjit__xstring *s)
{
    size_t i, arg, off;
    for (i = 0; i < x->count; i++) {
        uint8_t r = x->items[i].role;
        if (r == XR_EXCLUDE || r == XR_LIMIT || r == XR_LIMITFILE) {
            crjit__xstring_locate(s, x->items[i].offset, &arg, &off);
            return arg;
        }
    }
    return s->segment_count != 0 ? s->segments[0].arg : CRJIT_NPOS;
}

static crjit_status process(crjit__run *run, bool aot)
{
    const char *prefix = aot ? "-Xaot:" : "-Xjit:";
    const char *which = aot ? "-Xaot:" : "-Xjit:";
    crjit__xstring s;
    crjit__xjit x;
    crjit__xjit_env env;
    crjit_status st;
    size_t before = crjit__filters_count(run->plan->filters);

    st = crjit__xjit_string(run->ctx, run->ral, prefix, run->merge, &s);
    if (st != CRJIT_OK || !s.present)
        return st;
    if (!run->merge && s.entries == 1 &&
        crjit_ral_find(run->ral, CRJIT_MATCH_STARTSWITH, prefix,
                       CRJIT_FIND_FORWARD, 0) != s.segments[0].arg)
        st = crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_SEVERAL_STRINGS,
                         s.segments[0].arg, 0,
                         "several option strings were given; only this, the "
                         "rightmost, is used because -XX:+MergeCompilerOptions "
                         "is not in the restore arguments (D-2, B-24, G-8)");
    if (st == CRJIT_OK && s.empty)
        st = crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_EMPTY_STRING,
                         s.segment_count ? s.segments[0].arg : CRJIT_NPOS, 0,
                         "the option string is empty, so nothing is processed "
                         "(D-2)");
    if (st != CRJIT_OK || s.empty) {
        crjit__xstring_free(run->ctx, &s);
        return st;
    }
    run->plan->option_string[aot ? 1 : 0] = copy_text(run, s.text, s.len);
    if (run->plan->option_string[aot ? 1 : 0] == NULL) {
        crjit__xstring_free(run->ctx, &s);
        return CRJIT_E_NOMEM;
    }
    make_env(run, &env);
    st = crjit__xjit_parse(run->ctx, s.text, s.len, &env, &x);
    if (st == CRJIT_OK)
        st = record_items(run, &x, &s, aot);
    if (st == CRJIT_OK && x.failed)
        st = report_error(run, &x, &s, which);
    if (st == CRJIT_OK)
        st = report_replaced(run, &x, &s);
    if (st == CRJIT_OK && !x.failed) {
        st = record_subsets(run, &x, &s, aot);
        if (st == CRJIT_OK)
            st = check_subsets(run, &x, &s, &env);
    }
    if (crjit__filters_count(run->plan->filters) != before) {
        run->plan->filters_changed = true;
        /* The argument whose string added the first new filter. */
        if (run->plan->origin[CRJIT_DECISION_INVALIDATION] == CRJIT_NPOS)
            run->plan->origin[CRJIT_DECISION_INVALIDATION] =
                first_filter_arg(&x, &s);
    }
    crjit__xjit_free(run->ctx, &x);
    crjit__xstring_free(run->ctx, &s);
    return st;
}

crjit_status crjit__phase_jit_strings(crjit__run *run)
{
    crjit_plan *plan = run->plan;
    crjit_status st;

    if (!plan->jit_processed)
        return CRJIT_OK;
    st = crjit_filters_new(run->ctx, &plan->filters);
    if (st == CRJIT_OK)
        st = crjit_filters_new(run->ctx, &plan->load_filters);
    if (st == CRJIT_OK)
        st = load_pre_checkpoint(run);
    if (st != CRJIT_OK)
        return st;
    if (!plan->gate_open) {
        /* B-21/DV-4: consumed in phase 1, never parsed. */
        st = note_string_entries(run, "-Xaot:",
                                 "not applied: the compiler is disabled "
                                 "after restore (B-21, DV-4)");
        if (st == CRJIT_OK)
            st = note_string_entries(run, "-Xjit:",
                                     "not applied: the compiler is disabled "
                                     "after restore (B-21, DV-4)");
    } else {
        st = plan->aot_enabled
                 ? process(run, true)
                 : note_string_entries(run, "-Xaot:",
                                       "not processed: AOT is disabled after "
                                       "restore (B-25)");
        if (st == CRJIT_OK)
            st = plan->jit_enabled
                     ? process(run, false)
                     : note_string_entries(run, "-Xjit:",
                                           "not processed: the JIT is "
                                           "disabled after restore (B-25)");
    }
    if (st == CRJIT_OK)
        st = crjit_filters_seal(plan->filters);
    if (st == CRJIT_OK)
        st = crjit_filters_seal(plan->load_filters);
    return st;
}
