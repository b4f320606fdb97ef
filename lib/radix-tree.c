// SPDX-License-Identifier: GPL-2.0
/*
 * A radix tree of 64-way nodes (include/radix-tree.h).
 *
 * A tree of height h indexes keys 0 .. 64^h - 1 (all of unsigned long
 * from h = 6 on); each level consumes 6 bits of the key, the top level
 * the most significant ones. Height 0 holds at most the key 0, whose
 * item is root->rnode itself. The tree grows a level on top when a key
 * does not fit and shrinks again when the top node only uses slot 0, so
 * a file with one page at index 0 costs no node at all and a sparse
 * file costs one node per level along each populated path.
 *
 * Nodes come from kmalloc (lowmem, 260 bytes in a 512-byte class) and
 * are freed as soon as they become empty. The caller serializes every
 * call (the page cache holds mapping->lock, a spinlock: nothing here
 * sleeps).
 */
#include <radix-tree.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)
#define RADIX_TREE_MAX_HEIGHT	DIV_ROUND_UP(32, RADIX_TREE_MAP_SHIFT)

struct radix_tree_node {
	unsigned int count;		/* slots in use */
	void *slots[RADIX_TREE_MAP_SIZE];
};

/* The largest key a tree of this height can hold. */
static unsigned long height_max_index(unsigned int height)
{
	unsigned int bits = height * RADIX_TREE_MAP_SHIFT;

	if (!height)
		return 0;
	if (bits >= 32)
		return ~0UL;
	return (1UL << bits) - 1;
}

/* The slot of `index` in a node `level` levels above the items. */
static unsigned int slot_offset(unsigned long index, unsigned int level)
{
	unsigned int shift = (level - 1) * RADIX_TREE_MAP_SHIFT;

	return (index >> shift) & RADIX_TREE_MAP_MASK;
}

static struct radix_tree_node *node_alloc(void)
{
	return kzalloc(sizeof(struct radix_tree_node), GFP_KERNEL);
}

/* Add levels on top until `index` fits; 0 or -ENOMEM (tree unchanged). */
static int grow(struct radix_tree_root *root, unsigned long index)
{
	while (index > height_max_index(root->height)) {
		struct radix_tree_node *node;

		if (!root->rnode) {
			/* Empty: a taller tree costs nothing yet. */
			root->height++;
			continue;
		}
		node = node_alloc();
		if (!node)
			return -ENOMEM;
		/* Everything so far has the high bits 0: it goes in slot 0. */
		node->slots[0] = root->rnode;
		node->count = 1;
		root->rnode = node;
		root->height++;
	}
	return 0;
}

/* Drop the top node while it only routes slot 0 (lookups of 0 stay fast). */
static void shrink(struct radix_tree_root *root)
{
	while (root->height > 0) {
		struct radix_tree_node *node = root->rnode;

		if (!node) {
			root->height = 0;
			return;
		}
		if (node->count != 1 || !node->slots[0])
			return;
		root->rnode = node->slots[0];
		root->height--;
		kfree(node);
	}
}

/**
 * radix_tree_lookup - the item stored at index
 * @root: the tree
 * @index: the key
 *
 * Returns the item, or NULL if nothing is stored there.
 */
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	void *slot = root->rnode;

	if (index > height_max_index(root->height))
		return NULL;
	for (unsigned int level = root->height; level > 0 && slot; level--) {
		struct radix_tree_node *node = slot;

		slot = node->slots[slot_offset(index, level)];
	}
	return slot;
}

/* Free the nodes of path[0 .. depth) that an aborted insert left empty. */
static void free_empty_path(struct radix_tree_root *root,
			    struct radix_tree_node **path, unsigned int *offs,
			    unsigned int depth)
{
	while (depth-- > 0) {
		struct radix_tree_node *node = path[depth];

		if (node->count)
			break;
		if (depth) {
			path[depth - 1]->slots[offs[depth - 1]] = NULL;
			path[depth - 1]->count--;
		} else {
			root->rnode = NULL;
		}
		kfree(node);
	}
	shrink(root);
}

/**
 * radix_tree_insert - store an item at index
 * @root: the tree
 * @index: the key
 * @item: the item (not NULL)
 *
 * Returns 0, -EEXIST if an item is already stored at index, or -ENOMEM
 * when a node could not be allocated (the tree is then as it was).
 */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item)
{
	struct radix_tree_node *path[RADIX_TREE_MAX_HEIGHT];
	unsigned int offs[RADIX_TREE_MAX_HEIGHT];
	unsigned int depth = 0;
	void **slot;
	int err;

	if (WARN_ON(!item))
		return -EINVAL;
	err = grow(root, index);
	if (err)
		return err;
	slot = &root->rnode;
	for (unsigned int level = root->height; level > 0; level--) {
		struct radix_tree_node *node = *slot;

		if (!node) {
			node = node_alloc();
			if (!node) {
				free_empty_path(root, path, offs, depth);
				return -ENOMEM;
			}
			*slot = node;
			if (depth)
				path[depth - 1]->count++;
		}
		path[depth] = node;
		offs[depth] = slot_offset(index, level);
		slot = &node->slots[offs[depth]];
		depth++;
	}
	if (*slot) {
		free_empty_path(root, path, offs, depth);
		return -EEXIST;
	}
	*slot = item;
	if (depth)
		path[depth - 1]->count++;
	return 0;
}

/**
 * radix_tree_delete - remove the item at index
 * @root: the tree
 * @index: the key
 *
 * Nodes left empty are freed and the tree loses the levels it no longer
 * needs. Returns the item removed, or NULL if there was none.
 */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *path[RADIX_TREE_MAX_HEIGHT];
	unsigned int offs[RADIX_TREE_MAX_HEIGHT];
	unsigned int depth = 0;
	void **slot = &root->rnode;
	void *item;

	if (index > height_max_index(root->height))
		return NULL;
	for (unsigned int level = root->height; level > 0; level--) {
		struct radix_tree_node *node = *slot;

		if (!node)
			return NULL;
		path[depth] = node;
		offs[depth] = slot_offset(index, level);
		slot = &node->slots[offs[depth]];
		depth++;
	}
	item = *slot;
	if (!item)
		return NULL;
	*slot = NULL;
	if (depth)
		path[depth - 1]->count--;
	free_empty_path(root, path, offs, depth);
	return item;
}

/* Collect items of the subtree `node` (keys from base) with key >= first. */
static unsigned int gang_node(struct radix_tree_node *node, unsigned int level,
			      unsigned long base, unsigned long first,
			      void **results, unsigned long *indices,
			      unsigned int n, unsigned int max)
{
	unsigned int shift = (level - 1) * RADIX_TREE_MAP_SHIFT;
	unsigned int off = first > base ? (first - base) >> shift : 0;

	for (; off < RADIX_TREE_MAP_SIZE && n < max; off++) {
		void *child = node->slots[off];
		unsigned long child_base;

		if (!child)
			continue;
		child_base = base + ((unsigned long)off << shift);
		if (level > 1) {
			n = gang_node(child, level - 1, child_base, first,
				      results, indices, n, max);
			continue;
		}
		results[n] = child;
		if (indices)
			indices[n] = child_base;
		n++;
	}
	return n;
}

/**
 * radix_tree_gang_lookup - items at or after an index, in key order
 * @root: the tree
 * @results: where the items go
 * @indices: where their keys go (may be NULL)
 * @first: the smallest key wanted
 * @max: room in results (and indices)
 *
 * Returns the number of items stored.
 */
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root,
				    void **results, unsigned long *indices,
				    unsigned long first, unsigned int max)
{
	if (!max || !root->rnode || first > height_max_index(root->height))
		return 0;
	if (!root->height) {
		results[0] = root->rnode;
		if (indices)
			indices[0] = 0;
		return 1;
	}
	return gang_node(root->rnode, root->height, 0, first, results, indices,
			 0, max);
}
