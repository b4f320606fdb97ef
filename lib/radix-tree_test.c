// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for lib/radix-tree.c: items at sparse and extreme indices, -EEXIST,
 * delete, gang lookup in key order, and the tree shrinking back to height
 * 0 (and to no node at all) when items go.
 */
#include <ktest.h>
#include <radix-tree.h>
#include <kernel.h>
#include <errno.h>

/* Distinct non-NULL "items" that carry their index for checking. */
static void *item(unsigned long index)
{
	return (void *)((index << 1) | 1);
}

static const unsigned long sparse[] = {
	0, 1, 63, 64, 65, 4095, 4096, 262143, 262144, 1UL << 20,
	0x7fffffffUL, 0x80000000UL, 0xfffffffeUL, ~0UL,
};

static void insert_and_lookup_sparse_indices(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT;

	for (unsigned int k = 0; k < ARRAY_SIZE(sparse); k++)
		KTEST_ASSERT_EQ(t, radix_tree_insert(&root, sparse[k],
						     item(sparse[k])), 0);
	KTEST_EXPECT_EQ(t, root.height, 6);	/* ~0UL needs all 32 bits */
	for (unsigned int k = 0; k < ARRAY_SIZE(sparse); k++)
		KTEST_EXPECT_TRUE(t, radix_tree_lookup(&root, sparse[k]) ==
				     item(sparse[k]));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&root, 2));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&root, 4097));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&root, 0xfffffffdUL));
	for (unsigned int k = 0; k < ARRAY_SIZE(sparse); k++)
		KTEST_EXPECT_TRUE(t, radix_tree_delete(&root, sparse[k]) ==
				     item(sparse[k]));
	KTEST_EXPECT_EQ(t, root.height, 0);
	KTEST_EXPECT_NULL(t, root.rnode);
}

static void insert_twice_is_eexist(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT;

	KTEST_ASSERT_EQ(t, radix_tree_insert(&root, 1000, item(1000)), 0);
	KTEST_EXPECT_EQ(t, radix_tree_insert(&root, 1000, item(1)), -EEXIST);
	KTEST_EXPECT_TRUE(t, radix_tree_lookup(&root, 1000) == item(1000));
	/* At height 0 too (index 0 is the root's own slot). */
	KTEST_ASSERT_EQ(t, radix_tree_insert(&root, 0, item(0)), 0);
	KTEST_EXPECT_EQ(t, radix_tree_insert(&root, 0, item(1)), -EEXIST);
	radix_tree_delete(&root, 1000);
	radix_tree_delete(&root, 0);
	KTEST_EXPECT_NULL(t, root.rnode);
}

static void delete_missing_returns_null(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT;

	KTEST_EXPECT_NULL(t, radix_tree_delete(&root, 5));
	KTEST_ASSERT_EQ(t, radix_tree_insert(&root, 70, item(70)), 0);
	KTEST_EXPECT_NULL(t, radix_tree_delete(&root, 71));
	KTEST_EXPECT_NULL(t, radix_tree_delete(&root, 1UL << 30));
	KTEST_EXPECT_TRUE(t, radix_tree_delete(&root, 70) == item(70));
	KTEST_EXPECT_NULL(t, radix_tree_delete(&root, 70));
	KTEST_EXPECT_EQ(t, root.height, 0);
	KTEST_EXPECT_NULL(t, root.rnode);
}

static void gang_lookup_in_key_order(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT;
	void *res[ARRAY_SIZE(sparse)];
	unsigned long idx[ARRAY_SIZE(sparse)];
	unsigned int n;

	/* Inserted back to front: the order comes from the tree. */
	for (int k = ARRAY_SIZE(sparse) - 1; k >= 0; k--)
		KTEST_ASSERT_EQ(t, radix_tree_insert(&root, sparse[k],
						     item(sparse[k])), 0);
	n = radix_tree_gang_lookup(&root, res, idx, 0, ARRAY_SIZE(sparse));
	KTEST_ASSERT_EQ(t, n, ARRAY_SIZE(sparse));
	for (unsigned int k = 0; k < n; k++) {
		KTEST_EXPECT_EQ(t, idx[k], sparse[k]);
		KTEST_EXPECT_TRUE(t, res[k] == item(sparse[k]));
	}
	/* From the middle of a gap, and limited by max. */
	n = radix_tree_gang_lookup(&root, res, idx, 66, 3);
	KTEST_ASSERT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, idx[0], 4095);
	KTEST_EXPECT_EQ(t, idx[1], 4096);
	KTEST_EXPECT_EQ(t, idx[2], 262143);
	n = radix_tree_gang_lookup(&root, res, NULL, 0xffffffffUL, 4);
	KTEST_EXPECT_EQ(t, n, 1);
	KTEST_EXPECT_TRUE(t, res[0] == item(~0UL));
	for (unsigned int k = 0; k < ARRAY_SIZE(sparse); k++)
		radix_tree_delete(&root, sparse[k]);
	KTEST_EXPECT_EQ(t, radix_tree_gang_lookup(&root, res, idx, 0, 4), 0);
}

static void height_shrinks_when_items_go(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT;

	KTEST_ASSERT_EQ(t, radix_tree_insert(&root, 0, item(0)), 0);
	KTEST_EXPECT_EQ(t, root.height, 0);
	KTEST_EXPECT_TRUE(t, root.rnode == item(0));
	KTEST_ASSERT_EQ(t, radix_tree_insert(&root, 64 * 64, item(4096)), 0);
	KTEST_EXPECT_EQ(t, root.height, 3);
	KTEST_ASSERT_EQ(t, radix_tree_insert(&root, 1UL << 24, item(1 << 24)),
			0);
	KTEST_EXPECT_EQ(t, root.height, 5);
	/* Only slot 0 of the top left: the top levels go. */
	radix_tree_delete(&root, 1UL << 24);
	KTEST_EXPECT_EQ(t, root.height, 3);
	radix_tree_delete(&root, 64 * 64);
	KTEST_EXPECT_EQ(t, root.height, 0);
	KTEST_EXPECT_TRUE(t, root.rnode == item(0));
	KTEST_EXPECT_TRUE(t, radix_tree_lookup(&root, 0) == item(0));
	radix_tree_delete(&root, 0);
	KTEST_EXPECT_NULL(t, root.rnode);
}

static void dense_range(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT;
	void *res[16];
	unsigned long idx[16], next = 0, seen = 0;
	unsigned int n;

	for (unsigned long i = 0; i < 5000; i++)
		KTEST_ASSERT_EQ(t, radix_tree_insert(&root, i * 3, item(i)), 0);
	while ((n = radix_tree_gang_lookup(&root, res, idx, next, 16))) {
		for (unsigned int k = 0; k < n; k++)
			KTEST_EXPECT_EQ(t, idx[k], (seen + k) * 3);
		seen += n;
		next = idx[n - 1] + 1;
	}
	KTEST_EXPECT_EQ(t, seen, 5000);
	for (unsigned long i = 0; i < 5000; i++)
		KTEST_EXPECT_TRUE(t, radix_tree_delete(&root, i * 3) ==
				     item(i));
	KTEST_EXPECT_EQ(t, root.height, 0);
	KTEST_EXPECT_NULL(t, root.rnode);
}

static struct ktest_case radix_tree_cases[] = {
	KTEST_CASE(insert_and_lookup_sparse_indices),
	KTEST_CASE(insert_twice_is_eexist),
	KTEST_CASE(delete_missing_returns_null),
	KTEST_CASE(gang_lookup_in_key_order),
	KTEST_CASE(height_shrinks_when_items_go),
	KTEST_CASE(dense_range),
	{}
};

static struct ktest_suite radix_tree_suite = {
	.name = "radix_tree",
	.cases = radix_tree_cases,
};
ktest_register_suite(radix_tree_suite);
