// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache (include/pagemap.h): the data pages of a file, indexed
 * by page number in the radix tree of its address_space.
 *
 * References: a page in the cache holds one reference for the cache;
 * each lookup hands the caller another (put_page() it), and each user
 * PTE that maps the page holds one more (mm/memory.c). Taking a page
 * out of the cache drops only the cache's reference, so a page that a
 * reader is copying or a process still maps stays valid until they are
 * done with it, and the frame is freed by whoever puts the last one.
 *
 * Locks: mapping->lock (a spinlock) guards the tree and nrpages only;
 * nothing sleeps under it and no other lock is taken inside it. It nests
 * inside mm->lock (a page fault on a file mapping looks pages up here)
 * and inside inode->i_rwsem (read, write, truncate):
 *
 *   inode->i_rwsem  >  mm->lock  >  mapping->lock
 *
 * Pages are copied to and from user memory with the spinlock dropped.
 */
#include <pagemap.h>
#include <uio.h>
#include <highmem.h>
#include <task.h>
#include <signal.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define GANG_BATCH	16

/**
 * address_space_init - an empty page cache for an inode
 * @mapping: the address_space (usually &inode->i_data)
 * @host: its inode
 */
void address_space_init(struct address_space *mapping, struct inode *host)
{
	mapping->host = host;
	spin_lock_init(&mapping->lock, "mapping->lock");
	INIT_RADIX_TREE(&mapping->i_pages);
	mapping->nrpages = 0;
	INIT_LIST_HEAD(&mapping->i_mmap);
}

/**
 * find_get_page - look a page of a file up in its cache
 * @mapping: the file's page cache
 * @index: the page number
 *
 * Returns the page with a reference for the caller, or NULL. Does not
 * sleep (a page fault calls it under mm->lock).
 */
struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	spin_lock(&mapping->lock);
	page = radix_tree_lookup(&mapping->i_pages, index);
	if (page)
		get_page(page);
	spin_unlock(&mapping->lock);
	return page;
}

/**
 * find_or_create_page - a page of a file, made if it is not cached
 * @mapping: the file's page cache
 * @index: the page number
 * @gfp: how to allocate a new page; __GFP_ZERO is always added
 * @created: set to whether the page is new (may be NULL)
 *
 * Returns the page with a reference for the caller, or NULL without
 * memory. Does not sleep; if two callers race, one page wins and the
 * other's allocation is freed.
 */
struct page *find_or_create_page(struct address_space *mapping,
				 unsigned long index, gfp_t gfp,
				 bool *created)
{
	struct page *page, *new;

	if (created)
		*created = false;
	page = find_get_page(mapping, index);
	if (page)
		return page;
	new = alloc_page(gfp | __GFP_ZERO);
	if (!new)
		return NULL;
	spin_lock(&mapping->lock);
	page = radix_tree_lookup(&mapping->i_pages, index);
	if (page) {
		get_page(page);
		spin_unlock(&mapping->lock);
		__free_page(new);
		return page;
	}
	if (radix_tree_insert(&mapping->i_pages, index, new)) {
		spin_unlock(&mapping->lock);
		__free_page(new);
		return NULL;
	}
	new->mapping = mapping;
	new->index = index;
	get_page(new);		/* the caller's; alloc_page's is the cache's */
	mapping->nrpages++;
	spin_unlock(&mapping->lock);
	if (created)
		*created = true;
	return new;
}

/*
 * Remove the pages with first <= index < end (end 0: no upper bound),
 * a batch at a time under the lock; the cache's references are dropped
 * outside it. Returns how many were removed.
 */
static unsigned long remove_pages(struct address_space *mapping,
				  unsigned long first, unsigned long end)
{
	unsigned long removed = 0;

	for (;;) {
		struct page *pages[GANG_BATCH];
		unsigned long idx[GANG_BATCH];
		unsigned int n, taken = 0;

		spin_lock(&mapping->lock);
		n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages,
					   idx, first, GANG_BATCH);
		for (unsigned int k = 0; k < n; k++) {
			if (end && idx[k] >= end)
				break;
			radix_tree_delete(&mapping->i_pages, idx[k]);
			mapping->nrpages--;
			taken++;
		}
		spin_unlock(&mapping->lock);
		for (unsigned int k = 0; k < taken; k++) {
			pages[k]->mapping = NULL;
			put_page(pages[k]);
		}
		removed += taken;
		if (taken < GANG_BATCH || idx[taken - 1] == ~0UL)
			break;
		first = idx[taken - 1] + 1;
	}
	return removed;
}

/**
 * truncate_inode_pages_range - remove the pages wholly inside a range
 * @mapping: the file's page cache
 * @start: first byte of the range
 * @end: first byte after it
 *
 * Pages that hold bytes outside [start, end) stay (the caller zeroes
 * their part of the range: fallocate's hole punching). A page still
 * mapped by a process or being copied lives on, outside the cache,
 * until its last reference goes. Returns the number of pages removed.
 */
unsigned long truncate_inode_pages_range(struct address_space *mapping,
					 loff_t start, loff_t end)
{
	u64 first = ((u64)start + PAGE_SIZE - 1) >> PAGE_SHIFT;
	u64 last = (u64)end >> PAGE_SHIFT;		/* exclusive */

	if (start < 0 || end <= start || first >= last || first > ~0UL)
		return 0;
	if (last > ~0UL)
		return remove_pages(mapping, first, 0);	/* to the top */
	return remove_pages(mapping, first, last);
}

/**
 * truncate_inode_pages - cut a file's cache at a byte position
 * @mapping: the file's page cache
 * @start: the new end of the data
 *
 * Every page wholly at or after start goes; the rest of the page that
 * holds start is zeroed, so that growing the file again reads zeros
 * there. Called with the inode's i_rwsem held for writing (or on an
 * inode nobody else can reach). Returns the number of pages removed.
 */
unsigned long truncate_inode_pages(struct address_space *mapping,
				   loff_t start)
{
	size_t off = start & ~PAGE_MASK;

	if (start < 0)
		return 0;
	if (off) {
		struct page *page = find_get_page(mapping,
						  PAGE_CACHE_INDEX(start));

		if (page) {
			memset_page(page, off, 0, PAGE_SIZE - off);
			put_page(page);
		}
	}
	return truncate_inode_pages_range(mapping, start, MAX_LFS_FILESIZE);
}

/**
 * page_cache_next - the next page number with, or without, a page
 * @mapping: the file's page cache
 * @index: where to start looking
 * @data: true: the first index >= index that has a page; false: the
 *	  first that has none
 *
 * Returns that index; ~0UL if there is no page at or after index (data).
 * For lseek's SEEK_DATA and SEEK_HOLE.
 */
unsigned long page_cache_next(struct address_space *mapping,
			      unsigned long index, bool data)
{
	void *pages[GANG_BATCH];
	unsigned long idx[GANG_BATCH];
	unsigned int n;

	spin_lock(&mapping->lock);
	for (;;) {
		n = radix_tree_gang_lookup(&mapping->i_pages, pages, idx,
					   index, data ? 1 : GANG_BATCH);
		if (data) {
			index = n ? idx[0] : ~0UL;
			break;
		}
		/* A hole is the first index the run of pages skips. */
		for (unsigned int k = 0; k < n && idx[k] == index; k++)
			index++;
		if (n < GANG_BATCH || idx[n - 1] + 1 != index || !index)
			break;
	}
	spin_unlock(&mapping->lock);
	return index;
}

/**
 * generic_file_read_iter - read a file whose data is all in the cache
 * @iocb: the file and position (advanced by what was read)
 * @to: the buffers
 *
 * Runs under the inode's i_rwsem for reading, so a read sees each
 * write() either entirely or not at all. Pages are copied one at a
 * time (copy_page_to_iter()); a hole (no page) reads as zeros and
 * allocates nothing. Stops at i_size, at a user page that cannot be
 * written, or when SIGKILL is pending.
 *
 * Returns the bytes read, 0 at or past the end, -EFAULT if nothing could
 * be copied, -EINTR if killed while waiting for a writer.
 */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *f = iocb->ki_filp;
	struct inode *inode = file_inode(f);
	struct address_space *mapping = f->f_mapping;
	loff_t pos = iocb->ki_pos;
	ssize_t done = 0;
	int err;

	if (!iov_iter_count(to))
		return 0;
	if (pos < 0)
		return -EINVAL;
	err = inode_lock_shared_killable(inode);
	if (err)
		return err;
	while (iov_iter_count(to)) {
		loff_t size = inode->i_size;
		size_t off = pos & ~PAGE_MASK, n, copied;
		struct page *page;

		if (pos >= size)
			break;
		n = min((u64)(PAGE_SIZE - off), (u64)(size - pos));
		n = min(n, iov_iter_count(to));
		page = find_get_page(mapping, PAGE_CACHE_INDEX(pos));
		if (page) {
			copied = copy_page_to_iter(page, off, n, to);
			put_page(page);
		} else {
			copied = iov_iter_zero(n, to);
		}
		pos += copied;
		done += copied;
		if (copied < n) {
			if (!done)
				done = -EFAULT;
			break;
		}
		if (fatal_signal_pending(current))
			break;
	}
	inode_unlock_shared(inode);
	iocb->ki_pos = pos;
	return done;
}
