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

/* Trie: node 0 is the root.  Nodes are laid out breadth first, so the
 * children of a node are contiguous (kids .. kids + nkids - 1).  A node with
 * few children is searched through kbyte (one byte per node); a wide one
 * through a 256-slot map.  Names are also in a small hash table, so a
 * search for a known name costs one probe instead of a walk. */
struct crjit__trie_node {
    uint32_t kids;  /* first child; valid when nkids != 0 */
    uint32_t id;    /* name id + 1, 0 = no name ends here */
    uint16_t nkids;
    uint16_t wide;  /* 1 + index of the node's map, or 0 */
    /* A node with one child starts a run: the bytes of the chain of
     * single-child, unnamed nodes below it, ending at run_to (the first
     * named or branching node, or a leaf).  The walk compares the run at
     * once: stopping inside it could find no name. */
    uint32_t run;
    uint32_t run_to;
    const char *label; /* run bytes, inside a known name */
};

#define WIDE_MIN 4 /* children from which a node gets a map */

/* The build's sibling-chain trie. */
typedef struct chain_node {
    uint32_t child, sibling, id;
    uint32_t via, depth; /* a name through the node, and the node's depth */
    unsigned char byte;
} chain_node;

static uint32_t chain_child(const chain_node *nodes, uint32_t node,
                            unsigned char byte)
{
    uint32_t c = nodes[node].child;
    while (c != 0 && nodes[c].byte != byte)
        c = nodes[c].sibling;
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

static uint64_t load_le(const char *p, size_t n)
{
    uint64_t v = 0;
    size_t i;
    for (i = 0; i < n; i++)
        v |= (uint64_t)(unsigned char)p[i] << (8 * i);
    return v;
}

/* Hash of a name: its length and its first and last 8 bytes. */
static size_t name_hash(const char *name, size_t len)
{
    uint64_t a, b, h;
    if (len >= 8) {
        memcpy(&a, name, 8);
        memcpy(&b, name + len - 8, 8);
    } else {
        a = load_le(name, len);
        b = 0;
    }
    h = (a ^ (uint64_t)len) * 0x9E3779B97F4A7C15u;
    h ^= h >> 29;
    h = (h ^ b) * 0xBF58476D1CE4E5B9u;
    return (size_t)(h >> 32);
}

static uint32_t slot_of(const crjit__trie *trie, const char *name, size_t len)
{
    size_t mask = trie->hash_cap - 1, h = name_hash(name, len) & mask;
    uint32_t id;
    while ((id = trie->hash[h]) != 0) {
        if (trie->name_len[id - 1] == len &&
            memcmp(trie->name[id - 1], name, len) == 0)
            return (uint32_t)h;
        h = (h + 1) & mask;
    }
    return (uint32_t)h;
}

/* Slot of address p in phash: the slot holding it, or the empty one where
 * it would go. */
static size_t pslot_of(const crjit__trie *trie, const char *p)
{
    size_t mask = trie->hash_cap - 1, h = crjit__pslot_hash(p) & mask;
    while (trie->phash[h].key != NULL && trie->phash[h].key != p)
        h = (h + 1) & mask;
    return h;
}

/* The sibling-chain trie of every name (id + 1 at the node it ends). */
static chain_node *build_chain(const crjit_ctx *ctx, size_t *count)
{
    size_t i, j, used = 1, cap = trie_size();
    chain_node *nodes = crjit__calloc(ctx, cap, sizeof *nodes);

    if (nodes == NULL)
        return NULL;
    for (i = 0; i < crjit__known_name_count(); i++) {
        const char *name = crjit__known_name(i);
        uint32_t node = 0;
        for (j = 0; name[j] != '\0'; j++) {
            unsigned char b = (unsigned char)name[j];
            uint32_t c = chain_child(nodes, node, b);
            if (c == 0) {
                c = (uint32_t)used++;
                nodes[c].byte = b;
                nodes[c].via = (uint32_t)i;
                nodes[c].depth = (uint32_t)j + 1;
                nodes[c].sibling = nodes[node].child;
                nodes[node].child = c;
            }
            node = c;
        }
        nodes[node].id = (uint32_t)i + 1;
    }
    *count = used;
    return nodes;
}

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

crjit_status crjit__trie_build(const crjit_ctx *ctx, crjit__trie *trie)
{
    size_t count = 0, k = crjit__known_name_count(), i, head, tail, wide = 0;
    size_t hash_cap = 16, off_kbyte, off_maps, off_parent, off_len, off_hash;
    size_t off_phash, off_name, total;
    chain_node *chain = build_chain(ctx, &count);
    uint32_t *order, *named; /* BFS order: new index -> chain node */
    unsigned char *block;

    if (chain == NULL)
        return CRJIT_E_NOMEM;
    while (hash_cap < 4 * k)
        hash_cap *= 2;
    /* Wide nodes, counted on the chain trie. */
    for (i = 0; i < count; i++) {
        size_t n = 0;
        uint32_t c;
        for (c = chain[i].child; c != 0; c = chain[c].sibling)
            n++;
        if (n >= WIDE_MIN)
            wide++;
    }
    off_kbyte = align8(count * sizeof(crjit__trie_node));
    off_maps = align8(off_kbyte + count);
    off_parent = align8(off_maps + wide * 256);
    off_len = align8(off_parent + k * sizeof(uint32_t));
    off_hash = align8(off_len + k * sizeof(uint32_t));
    off_phash = align8(off_hash + hash_cap * sizeof(uint32_t));
    off_name = align8(off_phash + hash_cap * sizeof(crjit__pslot));
    total = off_name + k * sizeof(const char *);
    block = crjit__calloc(ctx, total, 1);
    /* order[new] = chain node; named[new] = nearest named ancestor's id + 1
     * (itself excluded), during the build only. */
    order = crjit__calloc(ctx, 2 * count, sizeof *order);
    if (block == NULL || order == NULL) {
        crjit__free(ctx, block);
        crjit__free(ctx, order);
        crjit__free(ctx, chain);
        return CRJIT_E_NOMEM;
    }
    named = order + count;
    trie->nodes = (crjit__trie_node *)(void *)block;
    trie->kbyte = block + off_kbyte;
    trie->maps = block + off_maps;
    trie->parent = (uint32_t *)(void *)(block + off_parent);
    trie->name_len = (uint32_t *)(void *)(block + off_len);
    trie->hash = (uint32_t *)(void *)(block + off_hash);
    trie->phash = (crjit__pslot *)(void *)(block + off_phash);
    trie->name = (const char **)(void *)(block + off_name);
    trie->hash_cap = hash_cap;
    trie->count = count;

    /* Breadth-first relayout: children get consecutive indices. */
    order[0] = 0;
    named[0] = 0;
    head = 0;
    tail = 1;
    wide = 0;
    while (head < tail) {
        size_t at = head++;
        uint32_t c, src = order[at];
        crjit__trie_node *nd = &trie->nodes[at];
        uint32_t up = chain[src].id != 0 ? chain[src].id : named[at];
        nd->id = chain[src].id;
        if (nd->id != 0)
            trie->parent[nd->id - 1] = named[at];
        nd->kids = (uint32_t)tail;
        for (c = chain[src].child; c != 0; c = chain[c].sibling) {
            order[tail] = c;
            named[tail] = up;
            trie->kbyte[tail] = chain[c].byte;
            tail++;
        }
        nd->nkids = (uint16_t)(tail - nd->kids);
        if (nd->nkids >= WIDE_MIN) {
            unsigned char *map = trie->maps + 256 * wide;
            uint32_t j;
            for (j = 0; j < nd->nkids; j++)
                map[trie->kbyte[nd->kids + j]] = (unsigned char)(j + 1);
            nd->wide = (uint16_t)(++wide);
        }
    }
    /* Runs.  Every name through a node spells the same bytes below its
     * depth along the chain, so the label points into one of them. */
    for (i = 0; i < count; i++) {
        crjit__trie_node *nd = &trie->nodes[i];
        uint32_t cur = (uint32_t)i, r = 0;
        if (nd->nkids != 1)
            continue;
        while (trie->nodes[cur].nkids == 1) {
            cur = trie->nodes[cur].kids;
            r++;
            if (trie->nodes[cur].id != 0 || trie->nodes[cur].nkids != 1)
                break;
        }
        nd->run = r;
        nd->run_to = cur;
        nd->label = crjit__known_name(chain[order[cur]].via) +
                    chain[order[cur]].depth - r;
    }
    crjit__free(ctx, order);
    crjit__free(ctx, chain);

    for (i = 0; i < k; i++) {
        const char *name = crjit__known_name(i);
        size_t len = strlen(name);
        trie->name[i] = name;
        trie->name_len[i] = (uint32_t)len;
        /* A repeated name keeps the last id, as the trie does. */
        trie->hash[slot_of(trie, name, len)] = (uint32_t)i + 1;
    }
    /* Every table string's address maps to the id its text resolves to. */
    for (i = 0; i < k; i++) {
        crjit__pslot *ps = &trie->phash[pslot_of(trie, trie->name[i])];
        if (ps->key == NULL) {
            ps->key = trie->name[i];
            ps->id = trie->hash[slot_of(trie, trie->name[i],
                                        trie->name_len[i])] - 1;
            ps->len = trie->name_len[i];
        }
    }
    return CRJIT_OK;
}

void crjit__trie_free(const crjit_ctx *ctx, crjit__trie *trie)
{
    crjit__free(ctx, trie->nodes);
    memset(trie, 0, sizeof *trie);
}

size_t crjit__known_name_id(const crjit__trie *trie, const char *name,
                            size_t len)
{
    uint32_t id = trie->hash[slot_of(trie, name, len)];
    return id != 0 ? id - 1 : CRJIT_NPOS;
}

size_t crjit__known_name_lookup_slow(const crjit__trie *trie,
                                     const char *name, size_t *len)
{
    const crjit__pslot *ps = &trie->phash[pslot_of(trie, name)];
    uint32_t id;
    if (ps->key != NULL) {
        *len = ps->len;
        return ps->id;
    }
    *len = strlen(name);
    id = trie->hash[slot_of(trie, name, *len)];
    return id != 0 ? id - 1 : CRJIT_NPOS;
}

static inline uint32_t child(const crjit__trie *trie, uint32_t node,
                             unsigned char byte)
{
    const crjit__trie_node *nd = &trie->nodes[node];
    uint32_t j;
    if (nd->wide != 0) {
        j = trie->maps[256 * (size_t)(nd->wide - 1) + byte];
        return j != 0 ? nd->kids + j - 1 : 0;
    }
    for (j = 0; j < nd->nkids; j++)
        if (trie->kbyte[nd->kids + j] == byte)
            return nd->kids + j;
    return 0;
}

static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return false;
    }
    for (; n > 0; a++, b++, n--)
        if (*a != *b)
            return false;
    return true;
}

size_t crjit__longest_known_prefix(const crjit__trie *trie, const char *text,
                                   size_t len)
{
    uint32_t node = 0, best = 0;
    size_t i = 0;
    while (i < len) {
        const crjit__trie_node *nd = &trie->nodes[node];
        if (nd->run != 0) {
            if (len - i < nd->run || !same_bytes(text + i, nd->label, nd->run))
                break;
            i += nd->run;
            node = nd->run_to;
        } else {
            node = child(trie, node, (unsigned char)text[i]);
            if (node == 0)
                break;
            i++;
        }
        if (trie->nodes[node].id != 0)
            best = trie->nodes[node].id;
    }
    return best != 0 ? best - 1 : CRJIT_NPOS;
}
