/* Env-file value tokenisation (A-6), different from the options file:
 *  - only the space byte separates options (a tab does not);
 *  - "\"" and "\"\"" each give a literal quote; any other quote opens the
 *    option's quoted span, closes it, or (after it closed) just vanishes:
 *    only the first quoted span of an option protects spaces;
 *  - a quote left open runs to the end of the value;
 *  - an option made only of an unmatched quote is an empty entry, as in the
 *    reference (it then fails the restore as unrecognised).
 * DV-16: when an option starts with a quote whose span protects a space
 * followed by '-', the quotes have glued several options into one entry
 * (`"-XX:+MergeCompilerOptions -Xnojit"`); we keep the reference
 * tokenisation and add an error that shows the intended split.  A quote
 * inside a value (`-Dargs="-v -x"`) is the normal way to write a space and
 * is left alone.
 */
#include "crjit_internal.h"

#include <string.h>

typedef struct env_token {
    char *buf;
    size_t len;
    bool started;
    bool quote_open;     /* inside the first quoted span */
    bool quote_done;     /* the first quoted span has closed */
    bool glued;          /* a protected space was followed by '-' */
    bool quote_first;    /* the option starts with its opening quote */
    bool last_protected; /* previous byte was a protected space */
    size_t start;        /* offset of the option in the file */
    size_t quote_at;     /* offset of the opening quote in the file */
    size_t quote_end;    /* offset of the closing quote, or end of value */
} env_token;

/* Number of space-separated words in the token. */
static size_t pieces(const env_token *t)
{
    size_t i, n = 0;
    bool in_space = true;
    for (i = 0; i < t->len; i++) {
        if (t->buf[i] == ' ') {
            in_space = true;
        } else if (in_space) {
            n++;
            in_space = false;
        }
    }
    return n;
}

static crjit_status glued_diag(crjit_args *args, const env_token *t)
{
    char q[CRJIT__QUOTE_MAX + 8];
    char split[CRJIT__QUOTE_MAX + 8];
    char parts[CRJIT__QUOTE_MAX + 8];
    size_t i, n = 0, shown = 0;
    bool in_space = true;

    crjit__quote(q, sizeof q, t->buf, t->len);
    /* The split the user most likely meant: at every run of spaces, each
     * piece in single quotes. */
    for (i = 0; i < t->len && n + 4 < sizeof parts; i++) {
        if (t->buf[i] == ' ') {
            in_space = true;
            continue;
        }
        if (in_space) {
            if (shown++ != 0) {
                parts[n++] = '\'';
                parts[n++] = ' ';
            }
            parts[n++] = '\'';
            in_space = false;
        }
        parts[n++] = t->buf[i];
    }
    parts[n++] = '\''; /* glued values have at least two pieces */
    parts[n] = '\0';
    crjit__quote(split, sizeof split, parts, n);
    return crjit__diag(args->ctx, &args->diags, CRJIT_SEV_ERROR,
                       CRJIT_DIAG_QUOTED_VALUE, args->count - 1, 0,
                       "the quotes from byte %zu to byte %zu of the env file "
                       "make \"%s\" one argument, which matches no option; "
                       "without them it would be %zu arguments: %s",
                       t->quote_at, t->quote_end, q, pieces(t), split);
}

static crjit_status finish(crjit_args *args, env_token *t)
{
    crjit_status st;

    if (!t->started)
        return CRJIT_OK;
    st = crjit__args_push(args, t->buf, t->len, CRJIT_SOURCE_ENV_FILE,
                          t->start);
    if (st == CRJIT_OK && t->glued && t->quote_first && pieces(t) >= 2)
        st = glued_diag(args, t);
    if (st == CRJIT_OK && t->len == 0)
        st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_WARNING,
                         CRJIT_DIAG_EMPTY_ARG, args->count - 1, 0,
                         "an unmatched quote at byte %zu of the env file "
                         "makes an empty argument",
                         t->quote_at);
    memset(t, 0, sizeof *t);
    return st;
}

static void put(env_token *t, char c)
{
    if (t->last_protected && c == '-')
        t->glued = true;
    t->last_protected = false;
    t->buf[t->len++] = c;
}

static void quote(env_token *t, size_t at)
{
    if (!t->quote_open && !t->quote_done) {
        t->quote_open = true;
        t->quote_at = at;
        t->quote_first = t->len == 0;
    } else if (t->quote_open) {
        t->quote_open = false;
        t->quote_done = true;
        t->quote_end = at;
    }
    t->last_protected = false;
}

crjit_status crjit__parse_env_value(crjit_args *args, const char *text,
                                    size_t len, size_t base)
{
    env_token t;
    char *buf;
    size_t i = 0;
    crjit_status st = CRJIT_OK;

    buf = crjit__alloc(args->ctx, len + 1);
    if (buf == NULL)
        return CRJIT_E_NOMEM;
    memset(&t, 0, sizeof t);
    while (st == CRJIT_OK && i < len) {
        char c = text[i];
        if (c == ' ' && !t.quote_open) {
            if (t.started)
                st = finish(args, &t);
            i++;
            continue;
        }
        if (!t.started) {
            t.started = true;
            t.start = base + i;
            t.buf = buf;
        }
        if (c == ' ') {
            put(&t, c);
            t.last_protected = true;
            t.quote_end = base + len;
            i++;
        } else if (c == '\\' && i + 1 < len && text[i + 1] == '"') {
            put(&t, '"');
            i += 2;
        } else if (c == '"' && i + 1 < len && text[i + 1] == '"') {
            put(&t, '"');
            i += 2;
        } else if (c == '"') {
            quote(&t, base + i);
            i++;
        } else {
            put(&t, c);
            i++;
        }
    }
    if (st == CRJIT_OK && t.started) {
        if (t.quote_open)
            t.quote_end = base + len;
        st = finish(args, &t);
    }
    crjit__free(args->ctx, buf);
    return st;
}
