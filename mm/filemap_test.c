// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for the page cache (mm/filemap.c) and the kernel side of
 * iov_iter: find_or_create_page() and its references, pages coming from
 * highmem, truncation freeing frames and zeroing the tail, hole punching,
 * page_cache_next(), and generic_file_read_iter() reading holes as zeros
 * without allocating. They use a bare inode and file (no file system):
 * only the fields the page cache and the read path touch are set up.
 */
#include <ktest.h>
#include <pagemap.h>
#include <uio.h>
#include <highmem.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>

struct fake_file {
	struct inode inode;
	struct file file;
};

static struct fake_file *fake_file_alloc(void)
{
	struct fake_file *ff = kzalloc(sizeof(*ff), GFP_KERNEL);

	if (!ff)
		return NULL;
	init_rwsem(&ff->inode.i_rwsem, "test i_rwsem");
	spin_lock_init(&ff->inode.i_lock, "test i_lock");
	address_space_init(&ff->inode.i_data, &ff->inode);
	ff->inode.i_mapping = &ff->inode.i_data;
	ff->file.f_inode = &ff->inode;
	ff->file.f_mapping = &ff->inode.i_data;
	return ff;
}

static void fake_file_free(struct fake_file *ff)
{
	truncate_inode_pages(ff->inode.i_mapping, 0);
	kfree(ff);
}

/* Fill a cached page with a byte (creating it). */
static struct page *fill_page(struct address_space *m, unsigned long index,
			      int byte)
{
	struct page *page = find_or_create_page(m, index, GFP_HIGHUSER, NULL);

	if (page) {
		memset_page(page, 0, byte, PAGE_SIZE);
		put_page(page);
	}
	return page;
}

static bool page_is(struct page *page, size_t off, size_t len, int byte)
{
	u8 *p = kmap_local_page(page);
	bool ok = true;

	for (size_t k = off; k < off + len; k++)
		if (p[k] != byte)
			ok = false;
	kunmap_local(p);
	return ok;
}

static void find_or_create_makes_one_zeroed_page(struct ktest *t)
{
	struct fake_file *ff = fake_file_alloc();
	struct address_space *m;
	struct page *a, *b;
	bool created;

	KTEST_ASSERT_NOT_NULL(t, ff);
	m = ff->inode.i_mapping;
	KTEST_EXPECT_NULL(t, find_get_page(m, 7));
	a = find_or_create_page(m, 7, GFP_HIGHUSER, &created);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_TRUE(t, created);
	KTEST_EXPECT_TRUE(t, a->mapping == m);
	KTEST_EXPECT_EQ(t, a->index, 7);
	KTEST_EXPECT_TRUE(t, page_is(a, 0, PAGE_SIZE, 0));
	/* The cache's reference and ours. */
	KTEST_EXPECT_EQ(t, atomic_read(&a->refcount), 2);
	b = find_or_create_page(m, 7, GFP_HIGHUSER, &created);
	KTEST_EXPECT_TRUE(t, a == b);
	KTEST_EXPECT_FALSE(t, created);
	KTEST_EXPECT_EQ(t, m->nrpages, 1);
	put_page(b);
	put_page(a);
	KTEST_EXPECT_EQ(t, atomic_read(&a->refcount), 1);
	KTEST_EXPECT_TRUE(t, find_get_page(m, 7) == a);
	put_page(a);
	fake_file_free(ff);
}

static void pages_come_from_highmem(struct ktest *t)
{
	struct fake_file *ff;
	struct page *page;

	if (!zones[ZONE_HIGHMEM].managed_pages ||
	    zone_free_pages(ZONE_HIGHMEM) < 16) {
		ktest_skip(t, "no free highmem");
		return;
	}
	ff = fake_file_alloc();
	KTEST_ASSERT_NOT_NULL(t, ff);
	page = fill_page(ff->inode.i_mapping, 0, 0x5a);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageHighMem(page));
	fake_file_free(ff);
}

static void truncate_frees_pages_and_zeroes_tail(struct ktest *t)
{
	unsigned long high0 = zone_free_pages(ZONE_HIGHMEM);
	struct fake_file *ff = fake_file_alloc();
	struct address_space *m;
	struct page *p1;

	KTEST_ASSERT_NOT_NULL(t, ff);
	m = ff->inode.i_mapping;
	for (unsigned long i = 0; i < 4; i++)
		KTEST_ASSERT_NOT_NULL(t, fill_page(m, i, 0xaa));
	/* Far away too: the tree grows, and shrinks again below. */
	KTEST_ASSERT_NOT_NULL(t, fill_page(m, 1UL << 20, 0xaa));
	KTEST_EXPECT_EQ(t, m->nrpages, 5);
	p1 = find_get_page(m, 1);
	KTEST_ASSERT_NOT_NULL(t, p1);
	/* Cut inside page 1: pages 2, 3 and the far one go. */
	KTEST_EXPECT_EQ(t, truncate_inode_pages(m, PAGE_SIZE + 100), 3);
	KTEST_EXPECT_EQ(t, m->nrpages, 2);
	KTEST_EXPECT_TRUE(t, page_is(p1, 0, 100, 0xaa));
	KTEST_EXPECT_TRUE(t, page_is(p1, 100, PAGE_SIZE - 100, 0));
	KTEST_EXPECT_NULL(t, find_get_page(m, 2));
	KTEST_EXPECT_NULL(t, find_get_page(m, 1UL << 20));
	put_page(p1);
	KTEST_EXPECT_EQ(t, truncate_inode_pages(m, 0), 2);
	KTEST_EXPECT_EQ(t, m->nrpages, 0);
	KTEST_EXPECT_EQ(t, m->i_pages.height, 0);
	KTEST_EXPECT_NULL(t, m->i_pages.rnode);
	kfree(ff);
	/* Every frame back (the tree's nodes are kmalloc'd: lowmem, and
	 * the slab may keep its pages, so only highmem is exact). */
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_HIGHMEM), high0);
}

static void a_page_still_referenced_outlives_truncate(struct ktest *t)
{
	struct fake_file *ff = fake_file_alloc();
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, ff);
	KTEST_ASSERT_NOT_NULL(t, fill_page(ff->inode.i_mapping, 3, 0x11));
	page = find_get_page(ff->inode.i_mapping, 3);	/* as a PTE would */
	KTEST_EXPECT_EQ(t, truncate_inode_pages(ff->inode.i_mapping, 0), 1);
	KTEST_EXPECT_NULL(t, page->mapping);
	KTEST_EXPECT_EQ(t, atomic_read(&page->refcount), 1);
	KTEST_EXPECT_TRUE(t, page_is(page, 0, PAGE_SIZE, 0x11));
	put_page(page);
	fake_file_free(ff);
}

static void punch_removes_only_whole_pages(struct ktest *t)
{
	struct fake_file *ff = fake_file_alloc();
	struct address_space *m;

	KTEST_ASSERT_NOT_NULL(t, ff);
	m = ff->inode.i_mapping;
	for (unsigned long i = 0; i < 5; i++)
		KTEST_ASSERT_NOT_NULL(t, fill_page(m, i, 0x22));
	/* [1.5 pages, 4 pages): only pages 2 and 3 lie wholly inside. */
	KTEST_EXPECT_EQ(t, truncate_inode_pages_range(m, PAGE_SIZE * 3 / 2,
						      PAGE_SIZE * 4), 2);
	KTEST_EXPECT_EQ(t, m->nrpages, 3);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 0, false), 2);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 2, true), 4);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 4, false), 5);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 5, true), ~0UL);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 0, true), 0);
	/* An empty or backwards range removes nothing. */
	KTEST_EXPECT_EQ(t, truncate_inode_pages_range(m, 100, 200), 0);
	KTEST_EXPECT_EQ(t, truncate_inode_pages_range(m, PAGE_SIZE, 0), 0);
	fake_file_free(ff);
}

static void page_cache_next_across_batches(struct ktest *t)
{
	struct fake_file *ff = fake_file_alloc();
	struct address_space *m;

	KTEST_ASSERT_NOT_NULL(t, ff);
	m = ff->inode.i_mapping;
	/* A run longer than one gang-lookup batch. */
	for (unsigned long i = 10; i < 60; i++)
		KTEST_ASSERT_NOT_NULL(t, fill_page(m, i, 0));
	KTEST_EXPECT_EQ(t, page_cache_next(m, 10, false), 60);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 0, false), 0);
	KTEST_EXPECT_EQ(t, page_cache_next(m, 0, true), 10);
	fake_file_free(ff);
}

static void read_iter_holes_read_as_zeros(struct ktest *t)
{
	struct fake_file *ff = fake_file_alloc();
	struct address_space *m;
	struct kiocb iocb = { 0 };
	struct iov_iter iter;
	struct kvec kv;
	u8 *buf = kmalloc(4 * PAGE_SIZE, GFP_KERNEL);
	ssize_t n;
	bool ok = true;

	KTEST_ASSERT_NOT_NULL(t, ff);
	KTEST_ASSERT_NOT_NULL(t, buf);
	m = ff->inode.i_mapping;
	KTEST_ASSERT_NOT_NULL(t, fill_page(m, 1, 0x77));
	ff->inode.i_size = 3 * PAGE_SIZE - 10;
	memset(buf, 0xee, 4 * PAGE_SIZE);
	kv.iov_base = buf;
	kv.iov_len = 4 * PAGE_SIZE;
	iov_iter_kvec(&iter, READ, &kv, 1, kv.iov_len);
	iocb.ki_filp = &ff->file;
	iocb.ki_pos = 0;
	n = generic_file_read_iter(&iocb, &iter);
	KTEST_EXPECT_EQ(t, n, 3 * PAGE_SIZE - 10);	/* stops at i_size */
	KTEST_EXPECT_EQ(t, iocb.ki_pos, 3 * PAGE_SIZE - 10);
	for (size_t k = 0; k < 3 * PAGE_SIZE - 10; k++)
		if (buf[k] != (k >= PAGE_SIZE && k < 2 * PAGE_SIZE ? 0x77 : 0))
			ok = false;
	KTEST_EXPECT_TRUE(t, ok);
	KTEST_EXPECT_EQ(t, buf[3 * PAGE_SIZE - 10], 0xee);
	/* The holes were read without making pages. */
	KTEST_EXPECT_EQ(t, m->nrpages, 1);
	/* At the end: 0. */
	iov_iter_kvec(&iter, READ, &kv, 1, kv.iov_len);
	KTEST_EXPECT_EQ(t, generic_file_read_iter(&iocb, &iter), 0);
	kfree(buf);
	fake_file_free(ff);
}

static void page_copies_through_a_kvec_iter(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	char src[10] = "abcdefghi", a[4], b[8], back[9];
	struct kvec kv[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct iov_iter iter;

	KTEST_ASSERT_NOT_NULL(t, page);
	memcpy_to_page(page, PAGE_SIZE - 10, src, 10);
	/* Two segments; the iter (12) is longer than asked (10). */
	iov_iter_kvec(&iter, READ, kv, 2, 12);
	KTEST_EXPECT_EQ(t, copy_page_to_iter(page, PAGE_SIZE - 10, 10, &iter),
			10);
	KTEST_EXPECT_EQ(t, iov_iter_count(&iter), 2);
	KTEST_EXPECT_TRUE(t, !memcmp(a, "abcd", 4));
	KTEST_EXPECT_TRUE(t, !memcmp(b, "efghi", 6));
	/* Only what is left of the iter fits. */
	KTEST_EXPECT_EQ(t, copy_page_to_iter(page, 0, 5, &iter), 2);
	KTEST_EXPECT_EQ(t, iov_iter_count(&iter), 0);
	/* And back: from the kvecs into the page. */
	iov_iter_kvec(&iter, WRITE, kv, 2, 12);
	iov_iter_advance(&iter, 3);
	KTEST_EXPECT_EQ(t, copy_page_from_iter(page, 0, 9, &iter), 9);
	memcpy_from_page(back, page, 0, 9);
	KTEST_EXPECT_TRUE(t, !memcmp(back, "defghi\0\0\0", 9));
	__free_page(page);
}

static struct ktest_case filemap_cases[] = {
	KTEST_CASE(find_or_create_makes_one_zeroed_page),
	KTEST_CASE(pages_come_from_highmem),
	KTEST_CASE(truncate_frees_pages_and_zeroes_tail),
	KTEST_CASE(a_page_still_referenced_outlives_truncate),
	KTEST_CASE(punch_removes_only_whole_pages),
	KTEST_CASE(page_cache_next_across_batches),
	KTEST_CASE(read_iter_holes_read_as_zeros),
	KTEST_CASE(page_copies_through_a_kvec_iter),
	{}
};

static struct ktest_suite filemap_suite = {
	.name = "filemap",
	.cases = filemap_cases,
};
ktest_register_suite(filemap_suite);
