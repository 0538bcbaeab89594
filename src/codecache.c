/* The reference in-memory code cache: a crjit_host_ops implementation for
 * the tool, the tests, the examples and the benchmarks.
 *
 * Bodies live in one array of records; their names are copied into one
 * string arena, so the slices get_bodies hands out point into the cache's
 * own storage and stay valid for its whole lifetime (the host contract only
 * asks "until the next request").  get_bodies is a copy of records.
 *
 * crjit_codecache_load() reads the `--methods` format (product.md §6):
 *
 *     # comment
 *     java/lang/String.hashCode()I
 *     java/lang/Object.hashCode()I   native      # a JNI thunk
 *     a/B.main([Ljava/lang/String;)V aot on-stack post-restore
 *
 * Lines end at LF, CR or CRLF (as in options files, A-4.1).  A '#' anywhere
 * starts a comment that runs to the line end.  Tokens are separated by
 * spaces and tabs; the first is the signature, split at the first '(' and
 * at the last '.' before it; the rest are flags.  Loading is all-or-nothing:
 * the whole text is checked first, then the storage for all of its bodies is
 * reserved, and only then are bodies appended, which cannot fail any more.
 */
#include "codecache.h"

#include <string.h>

#define DEFAULT_FLAGS (CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT)
#define KNOWN_FLAGS                                                          \
    (CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_NATIVE | CRJIT_BODY_AOT |         \
     CRJIT_BODY_ON_STACK | CRJIT_BODY_PRE_CHECKPOINT)

crjit_status crjit_codecache_new(crjit_ctx *ctx, crjit_codecache **out)
{
    crjit_codecache *cache;
    if (ctx == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    cache = crjit__calloc(ctx, 1, sizeof *cache);
    if (cache == NULL)
        return CRJIT_E_NOMEM;
    cache->ctx = ctx;
    *out = cache;
    return CRJIT_OK;
}

void crjit_codecache_free(crjit_codecache *cache)
{
    const crjit_ctx *ctx;
    if (cache == NULL)
        return;
    ctx = cache->ctx;
    crjit__free(ctx, cache->bodies);
    crjit__arena_free(ctx, &cache->names);
    crjit__free(ctx, cache);
}

/* Bytes one body's names take in the arena: three NUL-terminated copies
 * (the terminators cost little and make the names printable). */
static size_t names_size(size_t cls, size_t name, size_t desc)
{
    return cls + name + desc + 3;
}

/* Append a body whose record slot and name bytes are already reserved:
 * copies the names into dst, which has names_size() bytes.  Cannot fail. */
static void append_reserved(crjit_codecache *cache, char *dst,
                            const char *cls, size_t cls_len,
                            const char *name, size_t name_len,
                            const char *desc, size_t desc_len, unsigned flags)
{
    crjit__cc_body *rec = &cache->bodies[cache->count++];
    crjit_body *b = &rec->body;

    memset(rec, 0, sizeof *rec);
    b->class_name = dst;
    if (cls_len != 0)
        memcpy(dst, cls, cls_len);
    dst[cls_len] = '\0';
    dst += cls_len + 1;
    b->method_name = dst;
    if (name_len != 0)
        memcpy(dst, name, name_len);
    dst[name_len] = '\0';
    dst += name_len + 1;
    b->descriptor = dst;
    if (desc_len != 0)
        memcpy(dst, desc, desc_len);
    dst[desc_len] = '\0';
    b->class_len = cls_len;
    b->method_len = name_len;
    b->descriptor_len = desc_len;
    b->flags = flags;
}

/* Make room for n more records and bytes more name bytes.  On failure the
 * cache is unchanged as far as any accessor can tell (a larger record array
 * is invisible). */
static crjit_status reserve(crjit_codecache *cache, size_t n, size_t bytes,
                            char **names)
{
    if (crjit__grow(cache->ctx, (void **)&cache->bodies, &cache->cap,
                    cache->count + n, sizeof *cache->bodies) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    *names = crjit__arena_alloc(cache->ctx, &cache->names, bytes);
    return *names != NULL ? CRJIT_OK : CRJIT_E_NOMEM;
}

crjit_status crjit_codecache_add(crjit_codecache *cache,
                                 const crjit_body *body)
{
    size_t sig;
    char *names;
    crjit_status st;

    if (cache == NULL || body == NULL ||
        (body->class_name == NULL && body->class_len != 0) ||
        (body->method_name == NULL && body->method_len != 0) ||
        (body->descriptor == NULL && body->descriptor_len != 0) ||
        (body->flags & ~KNOWN_FLAGS) != 0)
        return CRJIT_E_INVALID_ARG;
    /* The same bound as a `--methods` line: the signature is one entry. */
    if (body->class_len > CRJIT_MAX_ARG_BYTES ||
        body->method_len > CRJIT_MAX_ARG_BYTES - body->class_len ||
        body->descriptor_len >
            CRJIT_MAX_ARG_BYTES - body->class_len - body->method_len)
        return CRJIT_E_LIMIT;
    if (cache->count >= CRJIT_MAX_ARGS)
        return CRJIT_E_LIMIT;
    sig = names_size(body->class_len, body->method_len, body->descriptor_len);
    st = reserve(cache, 1, sig, &names);
    if (st != CRJIT_OK)
        return st;
    append_reserved(cache, names, body->class_name, body->class_len,
                    body->method_name, body->method_len, body->descriptor,
                    body->descriptor_len, body->flags);
    return CRJIT_OK;
}

/* ---- the `--methods` format ---------------------------------------------- */

/* One line, parsed.  The slices point into the caller's text. */
typedef struct parsed {
    bool present; /* false: blank or comment-only line */
    const char *cls;
    size_t cls_len;
    const char *name;
    size_t name_len;
    const char *desc;
    size_t desc_len;
    unsigned flags;
} parsed;

static const struct flag_word {
    const char *word;
    unsigned set;
    unsigned clear;
} flag_words[] = {
    { "native", CRJIT_BODY_NATIVE, CRJIT_BODY_HAS_BODY_INFO },
    { "no-body-info", 0, CRJIT_BODY_HAS_BODY_INFO },
    { "aot", CRJIT_BODY_AOT, 0 },
    { "on-stack", CRJIT_BODY_ON_STACK, 0 },
    { "post-restore", 0, CRJIT_BODY_PRE_CHECKPOINT },
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static size_t skip_blanks(const char *s, size_t len, size_t pos)
{
    while (pos < len && is_blank(s[pos]))
        pos++;
    return pos;
}

static size_t token_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && !is_blank(s[pos]))
        pos++;
    return pos;
}

static const struct flag_word *find_flag(const char *tok, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof flag_words / sizeof flag_words[0]; i++)
        if (strlen(flag_words[i].word) == len &&
            memcmp(flag_words[i].word, tok, len) == 0)
            return &flag_words[i];
    return NULL;
}

/* `class.name(descriptor)`: the class is everything before the last '.'
 * ahead of the first '(' (a descriptor may contain dots, a class internal
 * name uses '/'), the descriptor runs from '(' to the token's end and must
 * close its parameter list. */
static crjit_status split_signature(const char *tok, size_t len, parsed *p)
{
    const char *paren = memchr(tok, '(', len);
    size_t dot;

    /* The VM holds names as C strings: a NUL cannot be part of one. */
    if (paren == NULL || memchr(tok, '\0', len) != NULL)
        return CRJIT_E_PARSE;
    dot = (size_t)(paren - tok);
    while (dot > 0 && tok[dot - 1] != '.')
        dot--;
    if (dot <= 1 || tok + dot == paren)
        return CRJIT_E_PARSE; /* no '.', empty class or empty name */
    p->cls = tok;
    p->cls_len = dot - 1;
    p->name = tok + dot;
    p->name_len = (size_t)(paren - p->name);
    p->desc = paren;
    p->desc_len = len - (size_t)(paren - tok);
    if (memchr(p->desc, ')', p->desc_len) == NULL)
        return CRJIT_E_PARSE;
    return CRJIT_OK;
}

/* Parse one line (without its line end). */
static crjit_status parse_line(const char *line, size_t len, parsed *p)
{
    const char *hash = memchr(line, '#', len);
    size_t pos, end;
    crjit_status st;

    if (hash != NULL)
        len = (size_t)(hash - line);
    p->present = false;
    pos = skip_blanks(line, len, 0);
    if (pos == len)
        return CRJIT_OK;
    end = token_end(line, len, pos);
    st = split_signature(line + pos, end - pos, p);
    if (st != CRJIT_OK)
        return st;
    p->flags = DEFAULT_FLAGS;
    for (pos = skip_blanks(line, len, end); pos < len;
         pos = skip_blanks(line, len, end)) {
        const struct flag_word *f;
        end = token_end(line, len, pos);
        f = find_flag(line + pos, end - pos);
        if (f == NULL)
            return CRJIT_E_PARSE;
        /* No word clears what another sets, so the order does not matter. */
        p->flags = (p->flags | f->set) & ~f->clear;
    }
    p->present = true;
    return CRJIT_OK;
}

/* The line starting at *pos: returns its length (without the line end) and
 * moves *pos past the line end (LF, CR or CRLF). */
static size_t next_line(const char *text, size_t len, size_t *pos)
{
    size_t start = *pos, end = start;
    while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
    *pos = end;
    if (end < len) {
        *pos = end + 1;
        if (text[end] == '\r' && *pos < len && text[*pos] == '\n')
            (*pos)++;
    }
    return end - start;
}

/* Pass one: check every line and size what the text adds.  Nothing is
 * changed, so an error leaves the cache as it was. */
static crjit_status check_text(const crjit_codecache *cache, const char *text,
                               size_t len, size_t *bodies, size_t *bytes,
                               size_t *error_line)
{
    size_t pos = 0, line = 0;

    *bodies = 0;
    *bytes = 0;
    while (pos < len) {
        size_t start = pos;
        size_t n = next_line(text, len, &pos);
        parsed p;
        line++;
        if (n > CRJIT_MAX_ARG_BYTES) {
            *error_line = line;
            return CRJIT_E_LIMIT;
        }
        if (parse_line(text + start, n, &p) != CRJIT_OK) {
            *error_line = line;
            return CRJIT_E_PARSE;
        }
        if (!p.present)
            continue;
        if (cache->count + *bodies >= CRJIT_MAX_ARGS) {
            *error_line = line;
            return CRJIT_E_LIMIT;
        }
        ++*bodies;
        /* Cannot overflow: the text is at most CRJIT_MAX_FILE_BYTES and a
         * body takes at most its line's length plus 3 bytes. */
        *bytes += names_size(p.cls_len, p.name_len, p.desc_len);
    }
    return CRJIT_OK;
}

crjit_status crjit_codecache_load(crjit_codecache *cache, const char *text,
                                  size_t len, size_t *error_line)
{
    size_t bodies, bytes, pos = 0, line_err = 0;
    char *names;
    crjit_status st;

    if (cache == NULL || (text == NULL && len != 0))
        return CRJIT_E_INVALID_ARG;
    if (len > CRJIT_MAX_FILE_BYTES)
        return CRJIT_E_LIMIT;
    st = check_text(cache, text, len, &bodies, &bytes, &line_err);
    if (st != CRJIT_OK) {
        if (error_line != NULL)
            *error_line = line_err;
        return st;
    }
    if (bodies == 0)
        return CRJIT_OK;
    st = reserve(cache, bodies, bytes, &names);
    if (st != CRJIT_OK)
        return st;
    /* Pass two: the text is known good and the storage is reserved. */
    while (pos < len) {
        size_t start = pos;
        size_t n = next_line(text, len, &pos);
        parsed p;
        (void)parse_line(text + start, n, &p);
        if (!p.present)
            continue;
        append_reserved(cache, names, p.cls, p.cls_len, p.name, p.name_len,
                        p.desc, p.desc_len, p.flags);
        names += names_size(p.cls_len, p.name_len, p.desc_len);
    }
    return CRJIT_OK;
}

/* ---- accessors ------------------------------------------------------------ */

size_t crjit_codecache_count(const crjit_codecache *cache)
{
    return cache != NULL ? cache->count : 0;
}

const crjit_body *crjit_codecache_body(const crjit_codecache *cache,
                                       size_t index)
{
    if (cache == NULL || index >= cache->count)
        return NULL;
    return &cache->bodies[index].body;
}

bool crjit_codecache_invalidated(const crjit_codecache *cache, size_t index)
{
    return cache != NULL && index < cache->count &&
           cache->bodies[index].invalidated;
}

/* ---- host operations ------------------------------------------------------- */

/* Nonzero returns mean "the host failed" to the caller (CRJIT_E_HOST); the
 * reference cache fails only on a bad call, so a planner bug shows up as a
 * host error in tests instead of being papered over. */

static int op_body_count(void *user, size_t *count)
{
    const crjit_codecache *cache = user;
    if (cache == NULL || count == NULL)
        return 1;
    *count = cache->count;
    return 0;
}

static int op_get_bodies(void *user, size_t first, crjit_body *out,
                         size_t max, size_t *got)
{
    const crjit_codecache *cache = user;
    size_t i, n;
    if (cache == NULL || got == NULL || (out == NULL && max != 0))
        return 1;
    /* Asking beyond the end is how an enumeration learns it is done. */
    n = first < cache->count ? cache->count - first : 0;
    if (n > max)
        n = max;
    for (i = 0; i < n; i++)
        out[i] = cache->bodies[first + i].body;
    *got = n;
    return 0;
}

static int op_invalidate(void *user, size_t index)
{
    crjit_codecache *cache = user;
    if (cache == NULL || index >= cache->count)
        return 1;
    cache->bodies[index].invalidated = true;
    cache->invalidations++;
    return 0;
}

static int op_forget_memoized(void *user, size_t index)
{
    crjit_codecache *cache = user;
    if (cache == NULL || index >= cache->count)
        return 1;
    cache->bodies[index].forgotten++;
    cache->forgets++;
    return 0;
}

static int op_purge_memoized(void *user)
{
    crjit_codecache *cache = user;
    if (cache == NULL)
        return 1;
    cache->purges++;
    return 0;
}

void crjit_codecache_host_ops(crjit_codecache *cache, crjit_host_ops *ops)
{
    (void)cache; /* the callbacks take the cache as their user pointer */
    if (ops == NULL)
        return;
    ops->version = CRJIT_HOST_OPS_VERSION;
    ops->body_count = op_body_count;
    ops->get_bodies = op_get_bodies;
    ops->invalidate = op_invalidate;
    ops->forget_memoized = op_forget_memoized;
    ops->purge_memoized = op_purge_memoized;
    /* The cache models bodies only; switches and logs are the host's. */
    ops->set_compiler = NULL;
    ops->set_compilation_threads = NULL;
    ops->open_vlog = NULL;
}
