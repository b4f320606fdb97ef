/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An iov_iter walks a list of buffers (lib/iov_iter.c): the user's
 * iovec of a readv/writev, one user buffer of a read/write, or kernel
 * buffers (exec, the initramfs, sendfile). A file system copies a page
 * of its cache to or from it without caring which; a short copy means
 * a user buffer was not mapped there, and the call returns what was
 * done before it.
 */
#ifndef _UIO_H
#define _UIO_H

#include <types.h>
#include <fs.h>

/* The most one read/write/readv/writev moves (as Linux). */
#define MAX_RW_COUNT	0x7ffff000UL

struct page;

#define READ	0	/* data goes into the iter's buffers */
#define WRITE	1	/* data comes from them */

struct kvec {
	void *iov_base;
	size_t iov_len;
};

struct iov_iter {
	bool user;			/* iov (user) or kvec (kernel) */
	int data_source;		/* READ or WRITE, as above */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
	};
	unsigned long nr_segs;		/* vectors left, iov[0] current */
	size_t iov_offset;		/* bytes of iov[0] already done */
	size_t count;			/* bytes left in all */
};

void iov_iter_init(struct iov_iter *i, int direction,
		   const struct iovec *iov, unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, int direction,
		   const struct kvec *kvec, unsigned long nr_segs, size_t count);
/* One user buffer (read/write): the iovec lives in *iov. */
void iov_iter_ubuf(struct iov_iter *i, int direction, struct iovec *iov,
		   void __user *buf, size_t count);

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

void iov_iter_advance(struct iov_iter *i, size_t bytes);
/* Shrink to at most count bytes (a size limit); returns the new count. */
size_t iov_iter_truncate(struct iov_iter *i, size_t count);

/* Copy out of / into kernel memory; returns bytes done (short: fault). */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
/*
 * Copy part of a page (any zone: it is kmap_local'd; with a user buffer
 * in highmem that is two nested slots) to or from the iter.
 */
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes,
			 struct iov_iter *i);
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
			   struct iov_iter *i);
/* Zeros into the iter (a hole of a sparse file). */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);

/* Read a user iovec array (readv & co.): checks count and lengths.
 * *iov is kmalloc'd if fast (UIO_FASTIOV entries) is too small. */
#define UIO_FASTIOV	8
#define UIO_MAXIOV	1024
ssize_t import_iovec(int direction, const struct iovec __user *uvec,
		     unsigned int nr_segs, struct iovec *fast,
		     struct iovec **iov, struct iov_iter *i);

#endif
