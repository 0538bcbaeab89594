/* The restore argument list: entries, limits, and the two file loaders'
 * entry points (A-1…A-12).  Tokenisation lives in optfile.c and envfile.c. */
#include "crjit_internal.h"

#include <string.h>

const char *crjit_source_name(crjit_source source)
{
    switch (source) {
    case CRJIT_SOURCE_COMMAND_LINE: return "command-line";
    case CRJIT_SOURCE_OPTIONS_FILE: return "options-file";
    case CRJIT_SOURCE_ENV_FILE: return "env-file";
    }
    return "unknown";
}

crjit_status crjit_args_new(crjit_ctx *ctx, crjit_args **out)
{
    crjit_args *args;
    if (ctx == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    args = crjit__calloc(ctx, 1, sizeof *args);
    if (args == NULL)
        return CRJIT_E_NOMEM;
    args->ctx = ctx;
    *out = args;
    return CRJIT_OK;
}

void crjit_args_free(crjit_args *args)
{
    const crjit_ctx *ctx;
    if (args == NULL)
        return;
    ctx = args->ctx;
    crjit__free(ctx, args->entries);
    crjit__arena_free(ctx, &args->text);
    crjit__diags_free(ctx, &args->diags);
    crjit__free(ctx, args);
}

static crjit_status limit_diag(crjit_args *args, size_t arg, size_t offset,
                               const char *what, size_t limit)
{
    crjit_status st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_ERROR,
                                  CRJIT_DIAG_LIMIT_EXCEEDED, arg, offset,
                                  "%s exceeds the limit of %zu", what, limit);
    return st == CRJIT_OK ? CRJIT_E_LIMIT : st;
}

crjit_status crjit__args_push(crjit_args *args, const char *text, size_t len,
                              crjit_source source, size_t file_offset)
{
    crjit__entry *e;
    char *copy;

    if (args->count >= CRJIT_MAX_ARGS)
        return limit_diag(args, CRJIT_NPOS, file_offset,
                          "the number of restore arguments",
                          (size_t)CRJIT_MAX_ARGS);
    if (len > CRJIT_MAX_ARG_BYTES)
        return limit_diag(args, CRJIT_NPOS, file_offset,
                          "the length of one restore argument",
                          (size_t)CRJIT_MAX_ARG_BYTES);
    if (len > CRJIT_MAX_TOTAL_BYTES - args->total_bytes)
        return limit_diag(args, CRJIT_NPOS, file_offset,
                          "the total size of the restore arguments",
                          (size_t)CRJIT_MAX_TOTAL_BYTES);
    if (crjit__grow(args->ctx, (void **)&args->entries, &args->cap,
                    args->count + 1, sizeof *args->entries) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    copy = crjit__arena_strdup(args->ctx, &args->text, text, len);
    if (copy == NULL)
        return CRJIT_E_NOMEM;
    e = &args->entries[args->count++];
    e->text = copy;
    e->len = (uint32_t)len;
    e->source = (uint8_t)source;
    args->total_bytes += len;
    return CRJIT_OK;
}

void crjit__args_fail(crjit_args *args, crjit_diag_code code)
{
    size_t i;
    /* Entry text stays in the arena until the list is freed; only the
     * entries themselves go, like the reference's unbuilt list.  A
     * diagnostic about a dropped entry now concerns the load as a whole. */
    for (i = 0; i < args->diags.count; i++)
        args->diags.items[i].arg = CRJIT_NPOS;
    args->count = 0;
    args->total_bytes = 0;
    args->failed = true;
    args->fail_code = code;
}

static bool valid_source(crjit_source source)
{
    return source == CRJIT_SOURCE_COMMAND_LINE ||
           source == CRJIT_SOURCE_OPTIONS_FILE ||
           source == CRJIT_SOURCE_ENV_FILE;
}

crjit_status crjit_args_add(crjit_args *args, const char *text, size_t len,
                            crjit_source source)
{
    const char *nul;

    if (args == NULL || (text == NULL && len != 0) || !valid_source(source))
        return CRJIT_E_INVALID_ARG;
    if (args->failed)
        return CRJIT_E_STATE;
    if (text == NULL)
        text = "";
    nul = len != 0 ? memchr(text, '\0', len) : NULL;
    if (nul != NULL) {
        crjit_status st = crjit__diag(
            args->ctx, &args->diags, CRJIT_SEV_ERROR, CRJIT_DIAG_NUL_BYTE,
            CRJIT_NPOS, (size_t)(nul - text),
            "argument %zu contains a NUL byte at offset %zu; a JVM option "
            "is a C string, so it was not added",
            args->count, (size_t)(nul - text));
        return st == CRJIT_OK ? CRJIT_E_INVALID_ARG : st;
    }
    return crjit__args_push(args, text, len, source, 0);
}

crjit_status crjit_args_add_cstr(crjit_args *args, const char *text,
                                 crjit_source source)
{
    if (text == NULL)
        return CRJIT_E_INVALID_ARG;
    return crjit_args_add(args, text, strlen(text), source);
}

/* Snapshot so a loader that fails for a reason other than the file itself
 * (out of memory) can leave the list as it was. */
typedef struct mark {
    size_t count;
    size_t total_bytes;
    size_t diags;
} mark;

static mark take_mark(const crjit_args *args)
{
    mark m;
    m.count = args->count;
    m.total_bytes = args->total_bytes;
    m.diags = args->diags.count;
    return m;
}

static void roll_back(crjit_args *args, mark m)
{
    args->count = m.count;
    args->total_bytes = m.total_bytes;
    args->diags.count = m.diags;
}

/* Text beyond CRJIT_MAX_FILE_BYTES is refused before tokenising, so the
 * tokenisers' work is bounded. */
static crjit_status check_file_size(crjit_args *args, size_t len,
                                    const char *what)
{
    if (len <= CRJIT_MAX_FILE_BYTES)
        return CRJIT_OK;
    return limit_diag(args, CRJIT_NPOS, 0, what,
                      (size_t)CRJIT_MAX_FILE_BYTES);
}

static crjit_status finish_load(crjit_args *args, mark m, crjit_status st,
                                crjit_diag_code fail_code)
{
    if (st == CRJIT_OK)
        return CRJIT_OK;
    if (st == CRJIT_E_LOAD || st == CRJIT_E_LIMIT) {
        crjit__args_fail(args, fail_code);
        return st;
    }
    roll_back(args, m);
    return st;
}

crjit_status crjit_args_load_options_file(crjit_args *args, const char *path,
                                          size_t path_len, const char *text,
                                          size_t len)
{
    static const char prefix[] = "-Xoptionsfile=";
    const size_t plen = sizeof prefix - 1;
    crjit_status st;
    char *entry;
    mark m;

    if (args == NULL || (path == NULL && path_len != 0) ||
        (text == NULL && len != 0))
        return CRJIT_E_INVALID_ARG;
    if (args->failed)
        return CRJIT_E_STATE;
    if (path == NULL)
        path = "";
    if (memchr(path, '\0', path_len) != NULL ||
        path_len > CRJIT_MAX_ARG_BYTES)
        return CRJIT_E_INVALID_ARG;
    m = take_mark(args);
    entry = crjit__alloc(args->ctx, plen + path_len + 1);
    if (entry == NULL)
        return CRJIT_E_NOMEM;
    memcpy(entry, prefix, plen);
    if (path_len != 0)
        memcpy(entry + plen, path, path_len);
    st = crjit__args_push(args, entry, plen + path_len,
                          CRJIT_SOURCE_OPTIONS_FILE, 0);
    crjit__free(args->ctx, entry);
    if (st != CRJIT_OK)
        return finish_load(args, m, st, CRJIT_DIAG_LIMIT_EXCEEDED);
    if (text == NULL) {
        /* a missing file is a warning; the restore goes on. */
        char q[CRJIT__QUOTE_MAX + 8];
        crjit__quote(q, sizeof q, path, path_len);
        st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_WARNING,
                         CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND, args->count - 1,
                         plen, "Options file not found: %s", q);
        return finish_load(args, m, st, CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND);
    }
    st = check_file_size(args, len, "the options file");
    if (st == CRJIT_OK)
        st = crjit__parse_options_file(args, text, len,
                                       CRJIT_SOURCE_OPTIONS_FILE);
    return finish_load(args, m, st,
                       st == CRJIT_E_LIMIT ? CRJIT_DIAG_LIMIT_EXCEEDED
                                           : CRJIT_DIAG_OPTIONS_FILE_MALFORMED);
}

crjit_status crjit_args_add_options_text(crjit_args *args, const char *text,
                                         size_t len, crjit_source source)
{
    crjit_status st;
    mark m;

    if (args == NULL || (text == NULL && len != 0) || !valid_source(source))
        return CRJIT_E_INVALID_ARG;
    if (args->failed)
        return CRJIT_E_STATE;
    m = take_mark(args);
    st = check_file_size(args, len, "the options text");
    if (st == CRJIT_OK && len != 0)
        st = crjit__parse_options_file(args, text, len, source);
    /* Not a file load: a failure leaves the list as it was. */
    if (st != CRJIT_OK && st != CRJIT_E_NOMEM) {
        size_t keep = args->diags.count;
        roll_back(args, m);
        args->diags.count = keep; /* the reason stays visible */
        return st == CRJIT_E_LOAD ? CRJIT_E_PARSE : st;
    }
    if (st == CRJIT_E_NOMEM)
        roll_back(args, m);
    return st;
}

/* the first "OPENJ9_RESTORE_JAVA_OPTIONS=" at byte 0 or right after a
 * '\n'.  Returns the offset of the value or CRJIT_NPOS. */
static size_t find_env_value(const char *text, size_t len)
{
    static const char key[] = "OPENJ9_RESTORE_JAVA_OPTIONS=";
    const size_t klen = sizeof key - 1;
    size_t pos = 0;

    while (pos < len) {
        const char *nl;
        if (len - pos >= klen && memcmp(text + pos, key, klen) == 0)
            return pos + klen;
        nl = memchr(text + pos, '\n', len - pos);
        if (nl == NULL)
            break;
        pos = (size_t)(nl - text) + 1;
    }
    return CRJIT_NPOS;
}

crjit_status crjit_args_load_env_file(crjit_args *args, const char *text,
                                      size_t len)
{
    crjit_status st;
    size_t start, end;
    const char *nul;
    mark m;

    if (args == NULL || (text == NULL && len != 0))
        return CRJIT_E_INVALID_ARG;
    if (args->failed)
        return CRJIT_E_STATE;
    m = take_mark(args);
    if (text == NULL) {
        /* DV-13: the reference keeps no new list and silently reuses the
         * previous restore's; we report it and never reuse anything. */
        st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_ERROR,
                         CRJIT_DIAG_ENV_FILE_UNREADABLE, CRJIT_NPOS, 0,
                         "the env file could not be read; no restore "
                         "arguments are loaded (the reference would silently "
                         "reuse the previous restore's list)");
        if (st != CRJIT_OK)
            return st;
        crjit__args_fail(args, CRJIT_DIAG_ENV_FILE_UNREADABLE);
        return CRJIT_E_LOAD;
    }
    st = check_file_size(args, len, "the env file");
    if (st != CRJIT_OK)
        return finish_load(args, m, st, CRJIT_DIAG_LIMIT_EXCEEDED);
    /* The reference reads a C string: a NUL ends the text. */
    nul = memchr(text, '\0', len);
    if (nul != NULL) {
        st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_WARNING,
                         CRJIT_DIAG_NUL_BYTE, CRJIT_NPOS, (size_t)(nul - text),
                         "the env file contains a NUL byte at offset %zu; "
                         "the rest of the file is ignored",
                         (size_t)(nul - text));
        if (st != CRJIT_OK)
            return finish_load(args, m, st, CRJIT_DIAG_NUL_BYTE);
        len = (size_t)(nul - text);
    }
    start = find_env_value(text, len);
    if (start == CRJIT_NPOS) {
        st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_NOTE,
                         CRJIT_DIAG_ENV_FILE_NO_OPTIONS, CRJIT_NPOS, 0,
                         "the env file has no line starting with "
                         "OPENJ9_RESTORE_JAVA_OPTIONS=");
        return finish_load(args, m, st, CRJIT_DIAG_ENV_FILE_NO_OPTIONS);
    }
    for (end = start; end < len && text[end] != '\n' && text[end] != '\r';)
        end++;
    st = crjit__parse_env_value(args, text + start, end - start, start);
    return finish_load(args, m, st, CRJIT_DIAG_LIMIT_EXCEEDED);
}

size_t crjit_args_count(const crjit_args *args)
{
    return args != NULL ? args->count : 0;
}

const char *crjit_args_text(const crjit_args *args, size_t index, size_t *len,
                            crjit_source *source)
{
    if (args == NULL || index >= args->count)
        return NULL;
    if (len != NULL)
        *len = args->entries[index].len;
    if (source != NULL)
        *source = (crjit_source)args->entries[index].source;
    return args->entries[index].text;
}

bool crjit_args_load_failed(const crjit_args *args)
{
    return args != NULL && args->failed;
}

size_t crjit_args_diag_count(const crjit_args *args)
{
    return args != NULL ? args->diags.count : 0;
}

const crjit_diagnostic *crjit_args_diag(const crjit_args *args, size_t i)
{
    if (args == NULL || i >= args->diags.count)
        return NULL;
    return &args->diags.items[i];
}
