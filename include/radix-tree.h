/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A radix tree (lib/radix-tree.c): an index from unsigned long keys to
 * pointers, 64 slots a node, as deep as the largest key needs. The page
 * cache keeps each inode's pages in one (key: page index). The caller
 * provides the locking; lookups and changes must not run concurrently.
 */
#ifndef _RADIX_TREE_H
#define _RADIX_TREE_H

#include <types.h>

struct radix_tree_root {
	unsigned int height;	/* 0: empty */
	void *rnode;		/* a node, or the only item at height 0 */
};

#define RADIX_TREE_INIT		{ 0, NULL }

static inline void INIT_RADIX_TREE(struct radix_tree_root *root)
{
	root->height = 0;
	root->rnode = NULL;
}

void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index);
/* 0, -EEXIST (something is there), or -ENOMEM. Item must not be NULL. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item);
/* Remove and return the item at index (NULL if none); frees empty nodes. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/*
 * Up to max items with index >= first, in index order, into results
 * (and their indices into indices, if not NULL). Returns how many.
 */
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root,
				    void **results, unsigned long *indices,
				    unsigned long first, unsigned int max);

#endif
