// SPDX-License-Identifier: GPL-2.0
/* Tests for sort() (kernel/sort.c). */
#include <ktest.h>
#include <ktest_smp.h>
#include <sort.h>
#include <kernel.h>

#define N_RANDOM	257	/* odd, and not a power of two */

static void sort_random_u32_is_ordered_permutation(struct ktest *t)
{
	static u32 v[N_RANDOM];
	u32 rnd = 12345, xor_before = 0, xor_after = 0;
	u64 sum_before = 0, sum_after = 0;
	int unordered = 0;

	for (int i = 0; i < N_RANDOM; i++) {
		/* Small values: many duplicates. */
		v[i] = i % 3 ? ktest_rand(&rnd) : ktest_rand(&rnd) % 8;
		sum_before += v[i];
		xor_before ^= v[i] * 2654435761u;
	}
	sort(v, N_RANDOM, sizeof(v[0]), cmp_u32);
	for (int i = 0; i < N_RANDOM; i++) {
		sum_after += v[i];
		xor_after ^= v[i] * 2654435761u;
		unordered += i > 0 && v[i - 1] > v[i];
	}
	KTEST_EXPECT_EQ(t, unordered, 0);
	KTEST_EXPECT_EQ(t, sum_after, sum_before);
	KTEST_EXPECT_EQ(t, xor_after, xor_before);
}

static void sort_u64_above_32_bits(struct ktest *t)
{
	u64 v[] = { 1ull << 40, 3, 1ull << 33, 0, ~0ull, 1ull << 32, 2 };
	static const u64 want[] = { 0, 2, 3, 1ull << 32, 1ull << 33,
				    1ull << 40, ~0ull };

	sort(v, ARRAY_SIZE(v), sizeof(v[0]), cmp_u64);
	for (unsigned int i = 0; i < ARRAY_SIZE(v); i++)
		KTEST_EXPECT_EQ(t, v[i], want[i]);
}

struct pair {
	u32 key;
	char tag;
};

static int cmp_pair_desc(const void *a, const void *b)
{
	return -cmp_u32(&((const struct pair *)a)->key,
			&((const struct pair *)b)->key);
}

static void sort_structs_with_own_comparator(struct ktest *t)
{
	struct pair v[] = { { 5, 'b' }, { 9, 'a' }, { 1, 'd' }, { 7, 'c' } };
	struct pair one = { 42, 'x' };

	sort(v, ARRAY_SIZE(v), sizeof(v[0]), cmp_pair_desc);
	KTEST_EXPECT_EQ(t, v[0].tag, 'a');
	KTEST_EXPECT_EQ(t, v[1].tag, 'c');
	KTEST_EXPECT_EQ(t, v[2].tag, 'b');
	KTEST_EXPECT_EQ(t, v[3].tag, 'd');
	/* Zero and one element: nothing to do, nothing touched. */
	sort(&one, 0, sizeof(one), cmp_pair_desc);
	sort(&one, 1, sizeof(one), cmp_pair_desc);
	KTEST_EXPECT_EQ(t, one.key, 42);
}

static struct ktest_case sort_cases[] = {
	KTEST_CASE(sort_random_u32_is_ordered_permutation),
	KTEST_CASE(sort_u64_above_32_bits),
	KTEST_CASE(sort_structs_with_own_comparator),
	{}
};

static struct ktest_suite sort_suite = {
	.name = "sort",
	.cases = sort_cases,
};
ktest_register_suite(sort_suite);
