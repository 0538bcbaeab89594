/* Options-file tokenisation.
 *
 * Rules, in our words:
 *  - lines end at \n, \r or \r\n;
 *  - a line whose first byte is '#' is a comment;
 *  - a backslash right before a line end joins the next line: the backslash,
 *    the blanks before it, the line end and the next line's leading blanks
 *    vanish; "\"" is a literal quote; any other backslash is literal;
 *  - an unescaped '"' toggles quoting and disappears; quoted blanks never
 *    split;
 *  - outside quotes, blanks followed by '-' start a new option on the same
 *    line; blanks followed by anything else belong to the option;
 *  - leading blanks and trailing blanks of an option are dropped; empty
 *    lines give nothing; "-Xoptionsfile=" inside the file is an ordinary
 *    entry;
 *  - an option that ends while a quote is open makes the file malformed.
 * Blanks are space and tab.  One pass, linear in the text.
 */
#include "crjit_internal.h"

#include <string.h>

typedef struct tokenizer {
    crjit_args *args;
    crjit_source source;
    const char *text;
    size_t len;
    size_t pos;
    char *tok;          /* scratch, as long as the text */
    size_t tok_len;     /* bytes in tok, pending blanks included */
    size_t committed;   /* bytes of tok before pending blanks */
    size_t tok_start;   /* file offset where the option began */
    size_t quote_start; /* file offset of the open quote */
    bool in_quote;
} tokenizer;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_eol(char c)
{
    return c == '\n' || c == '\r';
}

static size_t eol_len(const tokenizer *t)
{
    if (t->text[t->pos] == '\r' && t->pos + 1 < t->len &&
        t->text[t->pos + 1] == '\n')
        return 2;
    return 1;
}

static crjit_status malformed(tokenizer *t)
{
    char q[CRJIT__QUOTE_MAX + 8];
    crjit_status st;

    crjit__quote(q, sizeof q, t->tok, t->committed);
    st = crjit__diag(t->args->ctx, &t->args->diags, CRJIT_SEV_ERROR,
                     CRJIT_DIAG_OPTIONS_FILE_MALFORMED, CRJIT_NPOS,
                     t->quote_start,
                     "Malformed option %s found in -Xoptionsfile: the quote "
                     "opened at byte %zu of the options file is not closed",
                     q, t->quote_start);
    return st == CRJIT_OK ? CRJIT_E_LOAD : st;
}

/* End the current option: trailing blanks dropped, empty options skipped. */
static crjit_status emit(tokenizer *t)
{
    crjit_status st = CRJIT_OK;

    if (t->committed != 0) {
        if (t->in_quote)
            return malformed(t);
        st = crjit__args_push(t->args, t->tok, t->committed, t->source,
                              t->tok_start);
    }
    t->tok_len = t->committed = 0;
    return st;
}

/* A byte that belongs to an option (not an unquoted blank). */
static crjit_status content(tokenizer *t, char c, size_t at)
{
    if (t->tok_len != t->committed && c == '-' && !t->in_quote) {
        crjit_status st = emit(t);
        if (st != CRJIT_OK)
            return st;
    }
    if (t->committed == 0 && t->tok_len == 0)
        t->tok_start = at;
    t->tok[t->tok_len++] = c;
    t->committed = t->tok_len;
    return CRJIT_OK;
}

static void skip_line(tokenizer *t)
{
    while (t->pos < t->len && !is_eol(t->text[t->pos]))
        t->pos++;
}

static void skip_blanks(tokenizer *t)
{
    while (t->pos < t->len && is_blank(t->text[t->pos]))
        t->pos++;
}

/* Handle one byte at t->pos; returns with t->pos advanced.  Sets *eol when
 * the byte ended a line (so the caller treats the next byte as a line
 * start). */
static crjit_status step(tokenizer *t, bool *eol)
{
    char c = t->text[t->pos];
    size_t at = t->pos;

    *eol = false;
    if (is_eol(c)) {
        t->pos += eol_len(t);
        *eol = true;
        return emit(t);
    }
    if (c == '\\' && t->pos + 1 < t->len && is_eol(t->text[t->pos + 1])) {
        /* Continuation: drop blanks before the backslash, the line end and
         * (at the next line start) the leading blanks. */
        t->tok_len = t->committed;
        t->pos++;
        t->pos += eol_len(t);
        *eol = true;
        return CRJIT_OK;
    }
    if (c == '\\' && t->pos + 1 < t->len && t->text[t->pos + 1] == '"') {
        t->pos += 2;
        return content(t, '"', at);
    }
    t->pos++;
    if (c == '"') {
        t->in_quote = !t->in_quote;
        if (t->in_quote)
            t->quote_start = at;
        return CRJIT_OK;
    }
    if (is_blank(c)) {
        if (t->tok_len == 0)
            return CRJIT_OK; /* blanks never start an option */
        if (t->in_quote)
            return content(t, c, at);
        t->tok[t->tok_len++] = c; /* pending until we see what follows */
        return CRJIT_OK;
    }
    return content(t, c, at);
}

crjit_status crjit__parse_options_file(crjit_args *args, const char *text,
                                       size_t len, crjit_source source)
{
    tokenizer t;
    crjit_status st = CRJIT_OK;
    const char *nul = len != 0 ? memchr(text, '\0', len) : NULL;
    bool line_start = true;

    if (nul != NULL) {
        /* The reference reads the file as a C string. */
        st = crjit__diag(args->ctx, &args->diags, CRJIT_SEV_WARNING,
                         CRJIT_DIAG_NUL_BYTE, CRJIT_NPOS, (size_t)(nul - text),
                         "the options file contains a NUL byte at offset "
                         "%zu; the rest of the file is ignored",
                         (size_t)(nul - text));
        if (st != CRJIT_OK)
            return st;
        len = (size_t)(nul - text);
    }
    memset(&t, 0, sizeof t);
    t.args = args;
    t.source = source;
    t.text = text;
    t.len = len;
    t.tok = crjit__alloc(args->ctx, len + 1);
    if (t.tok == NULL)
        return CRJIT_E_NOMEM;
    while (st == CRJIT_OK && t.pos < t.len) {
        if (line_start) {
            line_start = false;
            if (text[t.pos] == '#') {
                skip_line(&t);
                if (t.pos < t.len)
                    t.pos += eol_len(&t);
                line_start = true;
                continue;
            }
            skip_blanks(&t);
            continue;
        }
        st = step(&t, &line_start);
    }
    if (st == CRJIT_OK)
        st = emit(&t);
    crjit__free(args->ctx, t.tok);
    return st;
}
