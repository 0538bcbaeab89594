/* Diagnostics: storage, formatting, names. */
#include "crjit_internal.h"

#include <stdio.h>
#include <string.h>

const char *crjit_severity_name(crjit_severity severity)
{
    switch (severity) {
    case CRJIT_SEV_NOTE: return "note";
    case CRJIT_SEV_WARNING: return "warning";
    case CRJIT_SEV_ERROR: return "error";
    }
    return "unknown";
}

const char *crjit_diag_code_name(crjit_diag_code code)
{
    switch (code) {
    case CRJIT_DIAG_NUL_BYTE: return "nul-byte";
    case CRJIT_DIAG_LIMIT_EXCEEDED: return "limit-exceeded";
    case CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND: return "options-file-not-found";
    case CRJIT_DIAG_OPTIONS_FILE_MALFORMED: return "options-file-malformed";
    case CRJIT_DIAG_ENV_FILE_UNREADABLE: return "env-file-unreadable";
    case CRJIT_DIAG_ENV_FILE_NO_OPTIONS: return "env-file-no-options";
    case CRJIT_DIAG_QUOTED_VALUE: return "quoted-value";
    case CRJIT_DIAG_UNRECOGNIZED: return "unrecognized-option";
    case CRJIT_DIAG_UNSUPPORTED: return "unsupported-option";
    case CRJIT_DIAG_TOLERATED: return "tolerated-option";
    case CRJIT_DIAG_DUPLICATE: return "duplicate-option";
    case CRJIT_DIAG_VALUE_MALFORMED: return "value-malformed";
    case CRJIT_DIAG_VALUE_OVERFLOW: return "value-overflow";
    case CRJIT_DIAG_VALUE_OUT_OF_RANGE: return "value-out-of-range";
    case CRJIT_DIAG_VALUE_TRAILING: return "value-trailing-characters";
    case CRJIT_DIAG_JDWP_NEEDS_DEBUG: return "agent-needs-debug-on-restore";
    case CRJIT_DIAG_RESTORE_ARGS_LOST: return "restore-args-not-loaded";
    case CRJIT_DIAG_IGNORED_BY_FLAG: return "ignored-unrecognized";
    case CRJIT_DIAG_EMPTY_ARG: return "empty-argument";
    case CRJIT_DIAG_STRICT_REJECT: return "rejected-by-strict-policy";
    case CRJIT_DIAG_NOT_APPLIED: return "not-applied";
    case CRJIT_DIAG_NO_EFFECT: return "no-effect-after-restore";
    case CRJIT_DIAG_OPTION_STRING_ERROR: return "option-string-error";
    case CRJIT_DIAG_UNKNOWN_SUBOPTION: return "unknown-suboption";
    case CRJIT_DIAG_FILTER_REPLACED: return "filter-replaced";
    case CRJIT_DIAG_SEVERAL_STRINGS: return "several-option-strings";
    case CRJIT_DIAG_EMPTY_STRING: return "empty-option-string";
    case CRJIT_DIAG_THREADS_CAPPED: return "threads-capped";
    case CRJIT_DIAG_LOG_TRUNCATED: return "log-truncated";
    case CRJIT_DIAG_SETTING_IGNORED: return "setting-ignored";
    case CRJIT_DIAG_HOST_FAILED: return "host-callback-failed";
    case CRJIT_DIAG_JIT_NOT_LOADED: return "jit-not-loaded";
    case CRJIT_DIAG_ONE_WAY: return "one-way-option";
    case CRJIT_DIAG_SUBSET_ERROR: return "option-subset-error";
    case CRJIT_DIAG_CPU_INCOMPATIBLE: return "cpu-incompatible";
    case CRJIT_DIAG_CPU_UNKNOWN: return "cpu-unknown";
    }
    return "unknown";
}

void crjit__quote(char *out, size_t out_size, const char *text, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, i;

    if (out_size == 0)
        return;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        size_t need = (c < 0x20 || c == 0x7f) ? 4 : 1;
        if (o + need + 4 > out_size || i >= CRJIT__QUOTE_MAX) {
            if (o + 3 < out_size) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        if (need == 4) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

#define DIAG_MESSAGE_MAX 512

crjit_status crjit__diag(const crjit_ctx *ctx, crjit__diags *diags,
                         crjit_severity severity, crjit_diag_code code,
                         size_t arg, size_t offset, const char *fmt, ...)
{
    char buf[DIAG_MESSAGE_MAX];
    crjit_diagnostic *d;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        buf[0] = '\0';
    if (crjit__grow(ctx, (void **)&diags->items, &diags->cap,
                    diags->count + 1, sizeof *diags->items) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    d = &diags->items[diags->count];
    d->message = crjit__arena_strdup(ctx, &diags->text, buf, strlen(buf));
    if (d->message == NULL)
        return CRJIT_E_NOMEM;
    d->severity = severity;
    d->code = code;
    d->arg = arg;
    d->offset = offset;
    diags->count++;
    if (ctx->log != NULL)
        ctx->log(ctx->log_user, d);
    return CRJIT_OK;
}

crjit_status crjit__note(crjit__run *run, crjit_severity sev,
                         crjit_diag_code code, size_t arg, size_t off,
                         const char *text)
{
    return crjit__diag(run->ctx, &run->plan->diags, sev, code, arg, off, "%s",
                       text);
}

crjit_status crjit__diag_copy(const crjit_ctx *ctx, crjit__diags *to,
                              const crjit__diags *from)
{
    size_t i;
    if (crjit__grow(ctx, (void **)&to->items, &to->cap,
                    to->count + from->count, sizeof *to->items) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    for (i = 0; i < from->count; i++) {
        crjit_diagnostic d = from->items[i];
        d.message = crjit__arena_strdup(ctx, &to->text, d.message,
                                        strlen(d.message));
        if (d.message == NULL)
            return CRJIT_E_NOMEM;
        to->items[to->count++] = d;
    }
    return CRJIT_OK;
}

void crjit__diags_free(const crjit_ctx *ctx, crjit__diags *diags)
{
    crjit__free(ctx, diags->items);
    crjit__arena_free(ctx, &diags->text);
    diags->items = NULL;
    diags->count = diags->cap = 0;
}
