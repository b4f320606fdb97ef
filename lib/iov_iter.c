// SPDX-License-Identifier: GPL-2.0
/*
 * iov_iter: one cursor over the buffers of a read or write
 * (include/uio.h), user (an iovec) or kernel (a kvec).
 *
 * User memory is never dereferenced: every byte goes through
 * copy_to_user()/copy_from_user()/clear_user(), which walk the page
 * tables and kmap the user frame. Copying a page of the page cache is
 * therefore two nested kmap_local levels on this CPU:
 *
 *   copy_page_to_iter(cache page)
 *     kmap_local_page(cache page)          level n
 *       copy_to_user()
 *         kmap_local_page(user frame)      level n + 1
 *         memcpy
 *         kunmap_local(user frame)
 *     kunmap_local(cache page)
 *
 * A user page that is not mapped (or not writable for a read) ends the
 * copy short; the callers return what was done before it. Inside the
 * outer kmap_local the task may not sleep, so uaccess does not wait for
 * the OOM killer there; a copy that came up short for lack of a frame
 * is retried once the outer mapping is dropped and the user page has
 * been faulted in the ordinary, sleeping way.
 */
#include <uio.h>
#include <uaccess.h>
#include <highmem.h>
#include <mman.h>
#include <task.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

static void iter_setup(struct iov_iter *i, int direction, bool user,
		       const void *vec, unsigned long nr_segs, size_t count)
{
	i->user = user;
	i->data_source = direction;
	if (user)
		i->iov = vec;
	else
		i->kvec = vec;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}

/**
 * iov_iter_init - an iter over a user iovec
 * @i: the iter
 * @direction: READ (data goes to the buffers) or WRITE (comes from them)
 * @iov: the vectors (must stay valid while the iter is used)
 * @nr_segs: how many
 * @count: total bytes (at most the sum of the lengths)
 */
void iov_iter_init(struct iov_iter *i, int direction,
		   const struct iovec *iov, unsigned long nr_segs, size_t count)
{
	iter_setup(i, direction, true, iov, nr_segs, count);
}

/**
 * iov_iter_kvec - an iter over kernel buffers
 * @i, @direction, @nr_segs, @count: as iov_iter_init()
 * @kvec: the buffers
 */
void iov_iter_kvec(struct iov_iter *i, int direction,
		   const struct kvec *kvec, unsigned long nr_segs, size_t count)
{
	iter_setup(i, direction, false, kvec, nr_segs, count);
}

/**
 * iov_iter_ubuf - an iter over one user buffer (read/write)
 * @i, @direction: as iov_iter_init()
 * @iov: caller-provided storage for the one vector
 * @buf: the user buffer
 * @count: its length
 */
void iov_iter_ubuf(struct iov_iter *i, int direction, struct iovec *iov,
		   void __user *buf, size_t count)
{
	iov->iov_base = buf;
	iov->iov_len = count;
	iov_iter_init(i, direction, iov, 1, count);
}

/* The current segment: its address (offset applied) and bytes left. */
static size_t cur_seg(const struct iov_iter *i, unsigned long *base)
{
	size_t len;

	if (!i->nr_segs) {
		*base = 0;
		return 0;
	}
	if (i->user) {
		*base = (unsigned long)i->iov->iov_base + i->iov_offset;
		len = i->iov->iov_len - i->iov_offset;
	} else {
		*base = (unsigned long)i->kvec->iov_base + i->iov_offset;
		len = i->kvec->iov_len - i->iov_offset;
	}
	return min(len, i->count);
}

/* Step over segments that are used up (or empty). */
static void skip_done_segs(struct iov_iter *i)
{
	unsigned long base;

	while (i->count && i->nr_segs && !cur_seg(i, &base)) {
		if (i->user)
			i->iov++;
		else
			i->kvec++;
		i->nr_segs--;
		i->iov_offset = 0;
	}
}

/**
 * iov_iter_advance - consume bytes without copying them
 * @i: the iter
 * @bytes: how many (at most iov_iter_count())
 */
void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	while (bytes) {
		unsigned long base;
		size_t n;

		skip_done_segs(i);
		n = min(bytes, cur_seg(i, &base));
		if (WARN_ON(!n))
			break;
		i->iov_offset += n;
		i->count -= n;
		bytes -= n;
	}
	skip_done_segs(i);
}

/**
 * iov_iter_truncate - limit the bytes left
 * @i: the iter
 * @count: the new limit
 *
 * Returns the bytes left afterwards.
 */
size_t iov_iter_truncate(struct iov_iter *i, size_t count)
{
	if (i->count > count)
		i->count = count;
	return i->count;
}

enum iter_op { ITER_TO, ITER_FROM, ITER_ZERO };

/*
 * Move up to `bytes` between kernel memory and the iter, segment by
 * segment; stops at the first segment a user copy could not finish.
 * Returns the bytes done (the iter has advanced by as many).
 */
static size_t iterate(struct iov_iter *i, char *kaddr, size_t bytes,
		      enum iter_op op)
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	while (done < bytes) {
		unsigned long base, left = 0;
		size_t n;

		skip_done_segs(i);
		n = min(bytes - done, cur_seg(i, &base));
		if (WARN_ON(!n))
			break;
		if (i->user) {
			void __user *u = (void __user *)base;

			if (op == ITER_TO)
				left = copy_to_user(u, kaddr + done, n);
			else if (op == ITER_FROM)
				left = copy_from_user(kaddr + done, u, n);
			else
				left = clear_user(u, n);
		} else if (op == ITER_TO) {
			memcpy((void *)base, kaddr + done, n);
		} else if (op == ITER_FROM) {
			memcpy(kaddr + done, (void *)base, n);
		} else {
			memset((void *)base, 0, n);
		}
		i->iov_offset += n - left;
		i->count -= n - left;
		done += n - left;
		if (left)
			break;
	}
	skip_done_segs(i);
	return done;
}

/**
 * copy_to_iter - copy kernel memory into the iter's buffers
 * @addr: the source
 * @bytes: how many
 * @i: the iter (READ)
 *
 * Returns the bytes copied: fewer than asked if the iter ran out or a
 * user page was not mapped writable.
 */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return iterate(i, (char *)addr, bytes, ITER_TO);
}

/**
 * copy_from_iter - copy from the iter's buffers into kernel memory
 * @addr: the destination
 * @bytes: how many
 * @i: the iter (WRITE)
 *
 * Returns the bytes copied (short: end of the iter or an unmapped page).
 */
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return iterate(i, addr, bytes, ITER_FROM);
}

/**
 * iov_iter_zero - write zeros into the iter's buffers
 * @bytes: how many
 * @i: the iter (READ)
 *
 * Returns the bytes zeroed (short as copy_to_iter()).
 */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	return iterate(i, NULL, bytes, ITER_ZERO);
}

/*
 * A user copy inside a kmap_local came up short: fault the user page it
 * stopped at in, the ordinary way (this may sleep for the OOM killer).
 * True if it is there now and the copy is worth trying again.
 */
static bool fault_in_iter(struct iov_iter *i, bool write)
{
	unsigned long base;

	skip_done_segs(i);
	if (!i->user || !i->count || !cur_seg(i, &base) || !current->mm)
		return false;
	return handle_mm_fault(current->mm, base, write) == 0;
}

static bool page_range_ok(struct page *page, size_t offset, size_t bytes)
{
	return !WARN_ON(offset > PAGE_SIZE || bytes > PAGE_SIZE - offset);
}

/* Copy between part of a page (mapped here) and the iter. */
static size_t copy_page_iter(struct page *page, size_t offset, size_t bytes,
			     struct iov_iter *i, enum iter_op op)
{
	size_t done = 0;
	bool faulted = false;

	if (!page_range_ok(page, offset, bytes))
		return 0;
	bytes = min(bytes, i->count);
	while (done < bytes) {
		char *kaddr = kmap_local_page(page);
		size_t n = iterate(i, kaddr + offset + done, bytes - done, op);

		kunmap_local(kaddr);
		done += n;
		if (done == bytes)
			break;
		/* Once per stop: a page that faults in but still fails ends it. */
		if (n)
			faulted = false;
		if (faulted || !fault_in_iter(i, op == ITER_TO))
			break;
		faulted = true;
	}
	return done;
}

/**
 * copy_page_to_iter - copy part of a page into the iter's buffers
 * @page: the page (any zone)
 * @offset: where in the page
 * @bytes: how many (offset + bytes within the page)
 * @i: the iter (READ)
 *
 * The page is kmap_local'd for the copy; each user frame is too, inside
 * it. Returns the bytes copied (short: a user page that cannot be
 * written).
 */
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes,
			 struct iov_iter *i)
{
	return copy_page_iter(page, offset, bytes, i, ITER_TO);
}

/**
 * copy_page_from_iter - copy from the iter's buffers into part of a page
 * @page, @offset, @bytes: as copy_page_to_iter()
 * @i: the iter (WRITE)
 *
 * Returns the bytes copied (short: a user page that cannot be read).
 */
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
			   struct iov_iter *i)
{
	return copy_page_iter(page, offset, bytes, i, ITER_FROM);
}

/**
 * import_iovec - read a user iovec array and set up an iter over it
 * @direction: READ or WRITE
 * @uvec: the user's array
 * @nr_segs: its length
 * @fast: UIO_FASTIOV entries of caller storage
 * @iov: set to a kmalloc'd array the caller must kfree(), or NULL if
 *	 fast was used (kfree(*iov) is always right)
 * @i: the iter
 *
 * As Linux: more than UIO_MAXIOV vectors or a length negative as ssize_t
 * is -EINVAL, an unreadable array or a vector outside user space -EFAULT;
 * the total is clamped to MAX_RW_COUNT by shortening the vectors. The
 * buffers themselves are not checked: a copy stops at the first page that
 * is not mapped, and the call returns what was done before it.
 *
 * Returns the total length, or -errno (then *iov is NULL).
 */
ssize_t import_iovec(int direction, const struct iovec __user *uvec,
		     unsigned int nr_segs, struct iovec *fast,
		     struct iovec **iov, struct iov_iter *i)
{
	struct iovec *vec = fast;
	size_t total = 0;
	ssize_t err;

	*iov = NULL;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs > UIO_FASTIOV) {
		vec = kmalloc(nr_segs * sizeof(*vec), GFP_KERNEL);
		if (!vec)
			return -ENOMEM;
	}
	err = -EFAULT;
	if (copy_from_user(vec, uvec, nr_segs * sizeof(*vec)))
		goto fail;
	for (unsigned int s = 0; s < nr_segs; s++) {
		size_t len = vec[s].iov_len;

		err = -EINVAL;
		if ((ssize_t)len < 0)
			goto fail;
		if (len > MAX_RW_COUNT - total)
			len = MAX_RW_COUNT - total;
		err = -EFAULT;
		if (!access_ok(vec[s].iov_base, len))
			goto fail;
		vec[s].iov_len = len;
		total += len;
	}
	iov_iter_init(i, direction, vec, nr_segs, total);
	if (vec != fast)
		*iov = vec;
	return total;
fail:
	if (vec != fast)
		kfree(vec);
	return err;
}
