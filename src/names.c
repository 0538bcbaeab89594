/* The option names the library's consumers search for, and a byte trie over
 * them.  The trie lets one pass over the restore arguments find, for every
 * entry, all known names that are a prefix of it, so each later search is
 * answered from a posting list (O(matches)) instead of a scan of the whole
 * list (the reference's O(args) per search).
 *
 * Add a name here when a consumer starts searching for it; a search for a
 * name missing here still works, through a linear scan. */
#include "crjit_internal.h"

#include <string.h>

/* Part C's external options come from phase_external.c's table. */
static const char *const known_names[] = {
    /* verdict (A-39…A-41) */
    "-Xoptionsfile=",
    "-XX:+IgnoreUnrecognizedRestoreOptions",
    "-XX:-IgnoreUnrecognizedRestoreOptions",
    "-Xrunjdwp:",
    "-agentlib:",
    "-agentpath:",
    "-XXvm:ignoreUnrecognized",
    "-XX:+IgnoreUnrecognizedVMOptions",
    "-XX:-IgnoreUnrecognizedVMOptions",
    "-XX:+IgnoreUnrecognizedXXColonOptions",
    "-XX:-IgnoreUnrecognizedXXColonOptions",
    /* VM consumers (A-49…A-56) */
    "-Xtrace",
    "-Xdump",
    "-Xrs",
    "-Xshareclasses:disableOnRestore",
    "-XX:+DebugInterpreter",
    "-XX:-DebugInterpreter",
    "-Xgcthreads",
    "-Xsoftmx",
    "-Xverbosegclog",
    "-D",
    /* born exempt */
    "-Xargencoding",
    "-Xnoargsconversion",
    /* checkpoint state and JIT phases (B.2, B-24, F.1, T-6) */
    "-Xint",
    "-Xjit",
    "-Xnojit",
    "-Xaot",
    "-Xnoaot",
    "-Xshareclasses:none",
    "-XX:+CRIURestoreNonPortableMode",
    "-XX:-CRIURestoreNonPortableMode",
    "-XX:+JVMPortableRestoreMode",
    "-XX:-JVMPortableRestoreMode",
    "-XX:+PortableSharedCache",
    "-XX:-PortableSharedCache",
    /* the JIT's option strings (D-1…D-3) */
    "-Xjit:",
    "-Xaot:",
    /* checkpoint state */
    "-XX:+EnableCRIUSupport",
    "-XX:-EnableCRIUSupport",
    "-XX:CRaCCheckpointTo=",
    "-XX:+DebugOnRestore",
    "-XX:-DebugOnRestore",
};

#define KNOWN_COUNT (sizeof known_names / sizeof known_names[0])

/* Trie: node 0 is the root.  Children form a sibling chain. */
struct crjit__trie_node {
    uint32_t child;   /* first child, 0 = none */
    uint32_t sibling; /* next sibling, 0 = none */
    uint32_t id;      /* name id + 1, 0 = no name ends here */
    unsigned char byte;
};

static uint32_t find_child(const crjit__trie *trie, uint32_t node,
                           unsigned char byte)
{
    uint32_t c = trie->nodes[node].child;
    while (c != 0 && trie->nodes[c].byte != byte)
        c = trie->nodes[c].sibling;
    return c;
}

/* All indexed names: ours, then Part C's table (ids continue). */
size_t crjit__known_name_count(void)
{
    return KNOWN_COUNT + crjit__external_count();
}

const char *crjit__known_name(size_t id)
{
    if (id < KNOWN_COUNT)
        return known_names[id];
    return crjit__external_name(id - KNOWN_COUNT);
}

static size_t trie_size(void)
{
    size_t i, n = 1;
    for (i = 0; i < crjit__known_name_count(); i++)
        n += strlen(crjit__known_name(i));
    return n;
}

crjit_status crjit__trie_build(const crjit_ctx *ctx, crjit__trie *trie)
{
    size_t i, j, used = 1, cap = trie_size();

    trie->nodes = crjit__calloc(ctx, cap, sizeof *trie->nodes);
    if (trie->nodes == NULL)
        return CRJIT_E_NOMEM;
    for (i = 0; i < crjit__known_name_count(); i++) {
        const char *name = crjit__known_name(i);
        uint32_t node = 0;
        for (j = 0; name[j] != '\0'; j++) {
            unsigned char b = (unsigned char)name[j];
            uint32_t c = find_child(trie, node, b);
            if (c == 0) {
                c = (uint32_t)used++;
                trie->nodes[c].byte = b;
                trie->nodes[c].sibling = trie->nodes[node].child;
                trie->nodes[node].child = c;
            }
            node = c;
        }
        trie->nodes[node].id = (uint32_t)i + 1;
    }
    trie->count = used;
    return CRJIT_OK;
}

void crjit__trie_free(const crjit_ctx *ctx, crjit__trie *trie)
{
    crjit__free(ctx, trie->nodes);
    trie->nodes = NULL;
    trie->count = 0;
}

size_t crjit__known_name_id(const crjit__trie *trie, const char *name,
                            size_t len)
{
    uint32_t node = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        node = find_child(trie, node, (unsigned char)name[i]);
        if (node == 0)
            return CRJIT_NPOS;
    }
    return trie->nodes[node].id != 0 ? trie->nodes[node].id - 1 : CRJIT_NPOS;
}

void crjit__known_prefixes(const crjit__trie *trie, const char *text,
                           size_t len, void (*fn)(void *user, size_t id),
                           void *user)
{
    uint32_t node = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        node = find_child(trie, node, (unsigned char)text[i]);
        if (node == 0)
            return;
        if (trie->nodes[node].id != 0)
            fn(user, trie->nodes[node].id - 1);
    }
}
