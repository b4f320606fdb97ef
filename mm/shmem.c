// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs: a file system whose files live only in the page cache
 * (Documentation/filesystems/tmpfs.md).
 *
 * Directories are the dcache itself (every name holds a pinned dentry,
 * fs/libfs.c's simple_* helpers keep it); regular files are their page
 * cache, pages from highmem first, reached through kmap_local_page() for
 * every copy; a symlink's target is a kmalloc'd string in i_link.
 *
 * Accounting: each super block has a page limit (size=) and an inode
 * limit (nr_inodes=). A page is charged when it enters a file's cache
 * and uncharged when it leaves it; an inode when it is made and when it
 * is evicted. i_blocks is always 8 x the file's pages. Evicting an inode
 * frees every page it had, so deleting every file gives every frame back.
 *
 * Locks, outermost first:
 *   inode->i_rwsem         write, truncate, fallocate (write); read (read)
 *   mm->lock               a fault on a mapping of the file
 *   mapping->lock          the cache index (mm/filemap.c)
 *   sbinfo->stat_lock,     counters and times; innermost, nothing nests
 *   inode->i_lock          (i_size is written under i_lock too, so that
 *                          the fault path, which holds no i_rwsem, reads
 *                          it whole)
 * The fault path never takes i_rwsem: mm->lock is a spinlock, and a
 * write() whose buffer is a mapping of the same file faults under
 * i_rwsem.
 */
#include <shmem_fs.h>
#include <pagemap.h>
#include <uio.h>
#include <dcache.h>
#include <mount.h>
#include <mman.h>
#include <oom.h>
#include <highmem.h>
#include <syscalls.h>
#include <uaccess.h>
#include <task.h>
#include <signal.h>
#include <printk.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define TMPFS_MAGIC		0x01021994
#define BLOCKS_PER_PAGE		(PAGE_SIZE / 512)
/* The page cache indexes pages with an unsigned long (Linux's 32-bit
 * MAX_LFS_FILESIZE): 16 TiB - 4 KiB. */
#define SHMEM_MAX_BYTES		((loff_t)~0UL << PAGE_SHIFT)

struct shmem_sb_info {
	spinlock_t stat_lock;		/* the four counters */
	unsigned long max_blocks;	/* page limit; 0: none */
	unsigned long used_blocks;	/* pages in every file's cache */
	unsigned long max_inodes;	/* inode limit; 0: none */
	unsigned long free_inodes;
	u32 mode;			/* of the root directory */
	u32 uid, gid;
};

static const struct super_operations shmem_ops;
static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_file_inode_operations;
static const struct inode_operations shmem_special_inode_operations;
static const struct file_operations shmem_file_operations;
static const struct vm_operations_struct shmem_vm_ops;

static struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static unsigned long totalram_pages(void)
{
	return zones[ZONE_NORMAL].managed_pages +
	       zones[ZONE_HIGHMEM].managed_pages;
}

/* ---- accounting ---------------------------------------------------------- */

static bool shmem_charge_page(struct shmem_sb_info *sbi)
{
	bool ok;

	spin_lock(&sbi->stat_lock);
	ok = !sbi->max_blocks || sbi->used_blocks < sbi->max_blocks;
	if (ok)
		sbi->used_blocks++;
	spin_unlock(&sbi->stat_lock);
	return ok;
}

/* n pages left inode's cache: give them back to the super block. */
static void shmem_uncharge_pages(struct inode *inode, unsigned long n)
{
	struct shmem_sb_info *sbi = SHMEM_SB(inode->i_sb);

	if (!n)
		return;
	spin_lock(&sbi->stat_lock);
	sbi->used_blocks -= n;
	spin_unlock(&sbi->stat_lock);
	spin_lock(&inode->i_lock);
	inode->i_blocks -= (u64)n * BLOCKS_PER_PAGE;
	spin_unlock(&inode->i_lock);
}

static bool shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	bool ok = true;

	spin_lock(&sbi->stat_lock);
	if (sbi->max_inodes) {
		ok = sbi->free_inodes > 0;
		if (ok)
			sbi->free_inodes--;
	}
	spin_unlock(&sbi->stat_lock);
	return ok;
}

static void shmem_free_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);

	spin_lock(&sbi->stat_lock);
	if (sbi->max_inodes)
		sbi->free_inodes++;
	spin_unlock(&sbi->stat_lock);
}

static loff_t shmem_size(struct inode *inode)
{
	loff_t size;

	spin_lock(&inode->i_lock);
	size = inode->i_size;
	spin_unlock(&inode->i_lock);
	return size;
}

static void shmem_set_size(struct inode *inode, loff_t size)
{
	spin_lock(&inode->i_lock);
	inode->i_size = size;
	spin_unlock(&inode->i_lock);
}

/*
 * The page at index of a regular file, made (zeroed, charged) if it is a
 * hole: 0 and the page with a reference in *pagep, -ENOSPC (the size
 * limit) or -ENOMEM. Never sleeps and never calls the OOM killer: a page
 * fault calls it under mm->lock, and a write() that finds no memory ends
 * short instead of killing a process. A frame of the lowmem reserve the
 * kernel keeps for itself (user_page_available()) is not taken either.
 */
static int shmem_getpage(struct inode *inode, unsigned long index,
			 struct page **pagep)
{
	struct shmem_sb_info *sbi = SHMEM_SB(inode->i_sb);
	struct page *page;
	bool created;

	page = find_get_page(inode->i_mapping, index);
	if (page)
		goto out;
	if (!shmem_charge_page(sbi))
		return -ENOSPC;
	page = NULL;
	if (user_page_available())
		page = find_or_create_page(inode->i_mapping, index,
					   GFP_HIGHUSER | __GFP_NOWARN,
					   &created);
	if (!page || !created) {
		spin_lock(&sbi->stat_lock);
		sbi->used_blocks--;
		spin_unlock(&sbi->stat_lock);
		if (!page)
			return -ENOMEM;
	} else {
		spin_lock(&inode->i_lock);
		inode->i_blocks += BLOCKS_PER_PAGE;
		spin_unlock(&inode->i_lock);
	}
out:
	*pagep = page;
	return 0;
}

/* Remove the cache's pages in [start, end) and uncharge them. */
static void shmem_remove_range(struct inode *inode, loff_t start, loff_t end)
{
	shmem_uncharge_pages(inode, truncate_inode_pages_range(
						inode->i_mapping, start, end));
}

/* Zero [pos, pos + len) inside one page, if that page exists. */
static void shmem_zero_in_page(struct inode *inode, loff_t pos, size_t len)
{
	struct page *page = find_get_page(inode->i_mapping,
					  PAGE_CACHE_INDEX(pos));

	if (!page)
		return;
	memset_page(page, pos & ~PAGE_MASK, 0, len);
	put_page(page);
}

/* ---- inodes -------------------------------------------------------------- */

/*
 * A new inode of the given type on sb (charged to its inode limit), or an
 * error pointer: -ENOSPC past nr_inodes, -ENOMEM.
 */
static struct inode *shmem_get_inode(struct super_block *sb,
				     const struct inode *dir, u32 mode,
				     u32 dev)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	struct inode *inode;

	if (!shmem_reserve_inode(sb))
		return ERR_PTR(-ENOSPC);
	inode = new_inode(sb);
	if (!inode) {
		shmem_free_inode(sb);
		return ERR_PTR(-ENOMEM);
	}
	if (dir) {
		inode_init_owner(inode, dir, mode);
	} else {
		inode->i_mode = mode;
		inode->i_uid = sbi->uid;
		inode->i_gid = sbi->gid;
	}
	inode->i_blocks = 0;
	address_space_init(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &shmem_file_inode_operations;
		inode->i_fop = &shmem_file_operations;
		break;
	case S_IFDIR:
		inc_nlink(inode);	/* "." */
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		break;
	case S_IFLNK:
		inode->i_op = &simple_symlink_inode_operations;
		break;
	default:
		inode->i_op = &shmem_special_inode_operations;
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

/**
 * is_shmem_inode - is this inode a tmpfs one?
 * @inode: the inode
 */
bool is_shmem_inode(const struct inode *inode)
{
	return inode->i_sb->s_type == &tmpfs_fs_type;
}

static void shmem_evict_inode(struct inode *inode)
{
	if (S_ISREG(inode->i_mode))
		shmem_uncharge_pages(inode,
				     truncate_inode_pages(inode->i_mapping, 0));
	kfree(inode->i_link);
	inode->i_link = NULL;
	shmem_free_inode(inode->i_sb);
}

/* Change the size of a regular file; i_rwsem held. */
static int shmem_resize(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;

	if (newsize < 0)
		return -EINVAL;
	if (newsize > SHMEM_MAX_BYTES)
		return -EFBIG;
	if (newsize == oldsize)
		return 0;
	if (newsize > oldsize) {
		/* Bytes past the old end (a shared mapping may have written
		 * them) must read as zeros now. */
		if (oldsize & ~PAGE_MASK)
			shmem_zero_in_page(inode, oldsize,
					   PAGE_SIZE - (oldsize & ~PAGE_MASK));
		shmem_set_size(inode, newsize);
	} else {
		/* The size first: a fault then no longer maps what goes. */
		shmem_set_size(inode, newsize);
		shmem_uncharge_pages(inode,
				     truncate_inode_pages(inode->i_mapping,
							  newsize));
	}
	inode_touch_mc(inode);
	return 0;
}

static int shmem_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	struct iattr rest = *attr;
	int err;

	if (attr->ia_valid & ATTR_SIZE) {
		if (!S_ISREG(inode->i_mode))
			return S_ISDIR(inode->i_mode) ? -EISDIR : -EINVAL;
		err = shmem_resize(inode, attr->ia_size);
		if (err)
			return err;
		rest.ia_valid &= ~ATTR_SIZE;
	}
	if (!rest.ia_valid)
		return 0;
	return simple_setattr(dentry, &rest);
}

/* ---- directories --------------------------------------------------------- */

static int shmem_mknod(struct inode *dir, struct dentry *dentry, u32 mode,
		       u32 dev)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, dev);

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	d_instantiate(dentry, inode);
	d_pin(dentry);		/* the name keeps the dentry (and inode) */
	inode_touch_mc(dir);
	return 0;
}

static int shmem_create(struct inode *dir, struct dentry *dentry, u32 mode,
			bool excl)
{
	return shmem_mknod(dir, dentry, (mode & S_IALLUGO) | S_IFREG, 0);
}

static int shmem_mkdir(struct inode *dir, struct dentry *dentry, u32 mode)
{
	int err = shmem_mknod(dir, dentry, (mode & S_IALLUGO) | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);		/* the new directory's ".." */
	return err;
}

static int shmem_symlink(struct inode *dir, struct dentry *dentry,
			 const char *target)
{
	size_t len = strlen(target) + 1;
	struct inode *inode;

	if (len > PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = shmem_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->i_link = kmalloc(len, GFP_KERNEL);
	if (!inode->i_link) {
		clear_nlink(inode);
		iput(inode);
		return -ENOMEM;
	}
	memcpy(inode->i_link, target, len);
	inode->i_size = len - 1;
	d_instantiate(dentry, inode);
	d_pin(dentry);
	inode_touch_mc(dir);
	return 0;
}

static const struct inode_operations shmem_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = shmem_create,
	.mkdir = shmem_mkdir,
	.mknod = shmem_mknod,
	.symlink = shmem_symlink,
	.link = simple_link,
	.unlink = simple_unlink,
	.rmdir = simple_rmdir,
	.rename = simple_rename,
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_file_inode_operations = {
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_special_inode_operations = {
	.setattr = shmem_setattr,
};

/* ---- regular files ------------------------------------------------------- */

/*
 * write(2) and friends. The whole call holds i_rwsem for writing, so one
 * write() is atomic with respect to other writers and to readers (which
 * hold it for reading). Page by page: find or make the page, copy into
 * it; a user page that cannot be read ends the write there, as does the
 * size limit or a lack of memory. Returns the bytes written, or -EFAULT,
 * -ENOSPC, -ENOMEM if none were, -EFBIG at the size limit.
 */
static ssize_t shmem_file_write_iter(struct kiocb *iocb,
				     struct iov_iter *from)
{
	struct file *f = iocb->ki_filp;
	struct inode *inode = file_inode(f);
	ssize_t written = 0;
	loff_t pos;
	int err;

	if (!iov_iter_count(from))
		return 0;
	err = inode_lock_killable(inode);
	if (err)
		return err;
	pos = iocb->ki_flags & IOCB_APPEND ? inode->i_size : iocb->ki_pos;
	err = -EINVAL;
	if (pos < 0)
		goto out;
	err = -EFBIG;
	if (pos >= SHMEM_MAX_BYTES)
		goto out;
	iov_iter_truncate(from, min((u64)iov_iter_count(from),
				    (u64)(SHMEM_MAX_BYTES - pos)));
	err = 0;
	while (iov_iter_count(from)) {
		size_t off = pos & ~PAGE_MASK;
		size_t n = min(PAGE_SIZE - off, iov_iter_count(from));
		struct page *page;
		size_t copied;

		err = shmem_getpage(inode, PAGE_CACHE_INDEX(pos), &page);
		if (err)
			break;
		copied = copy_page_from_iter(page, off, n, from);
		put_page(page);
		pos += copied;
		written += copied;
		if (pos > inode->i_size)
			shmem_set_size(inode, pos);
		if (copied < n) {
			err = -EFAULT;
			break;
		}
		if (fatal_signal_pending(current))
			break;
	}
	if (written) {
		inode_touch_mc(inode);
		iocb->ki_pos = pos;
	}
out:
	inode_unlock(inode);
	return written ? written : err;
}

/* lseek: SEEK_DATA/SEEK_HOLE by the pages present; the rest generic. */
static loff_t shmem_file_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *inode = file_inode(f);
	unsigned long idx, next;
	loff_t size, pos;

	if (whence != SEEK_DATA && whence != SEEK_HOLE)
		return generic_file_llseek(f, off, whence);
	inode_lock_shared(inode);
	size = inode->i_size;
	if (off < 0 || off >= size) {
		inode_unlock_shared(inode);
		return -ENXIO;
	}
	idx = PAGE_CACHE_INDEX(off);
	next = page_cache_next(f->f_mapping, idx, whence == SEEK_DATA);
	pos = next == idx ? off : (loff_t)next << PAGE_SHIFT;
	inode_unlock_shared(inode);
	if (whence == SEEK_DATA && (next == ~0UL || pos >= size))
		return -ENXIO;
	if (pos > size)
		pos = size;	/* the end of the file is a hole */
	return vfs_setpos(f, pos, SHMEM_MAX_BYTES);
}

/* Allocate the pages of [off, off + len); stops at the first failure. */
static int shmem_allocate_range(struct inode *inode, loff_t off, loff_t len)
{
	unsigned long first = PAGE_CACHE_INDEX(off);
	unsigned long last = PAGE_CACHE_INDEX(off + len - 1);

	for (unsigned long idx = first; ; idx++) {
		struct page *page;
		int err = shmem_getpage(inode, idx, &page);

		if (err)
			return err;
		put_page(page);
		if (idx == last)
			return 0;
		if (fatal_signal_pending(current))
			return -EINTR;
	}
}

/* Zero the parts of partial pages at either end of a punched hole. */
static void shmem_punch_hole(struct inode *inode, loff_t start, loff_t end)
{
	loff_t offs_mask = PAGE_SIZE - 1;
	loff_t first_end = (start & ~offs_mask) + PAGE_SIZE;

	/* The page start is in, if the hole does not cover all of it. */
	if ((start & offs_mask) || end < first_end)
		shmem_zero_in_page(inode, start, min(end, first_end) - start);
	/* The page end is in, if that is a later one, partly covered. */
	if ((end & offs_mask) && end > first_end)
		shmem_zero_in_page(inode, end & ~offs_mask, end & offs_mask);
	shmem_remove_range(inode, start, end);
}

/*
 * fallocate(2): mode 0 allocates the pages and extends the size;
 * FALLOC_FL_KEEP_SIZE allocates only; FALLOC_FL_PUNCH_HOLE |
 * FALLOC_FL_KEEP_SIZE frees the whole pages of the range and zeroes the
 * partial ones. A failed allocation keeps the pages it made (they read as
 * zeros, and are counted) but does not change the size.
 */
static long shmem_fallocate(struct file *f, int mode, loff_t off, loff_t len)
{
	struct inode *inode = file_inode(f);
	loff_t end;
	int err;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if (off < 0 || len <= 0)
		return -EINVAL;
	if (off > SHMEM_MAX_BYTES - len)
		return -EFBIG;
	end = off + len;
	err = inode_lock_killable(inode);
	if (err)
		return err;
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		shmem_punch_hole(inode, off, end);
		inode_touch_mc(inode);
		goto out;
	}
	err = shmem_allocate_range(inode, off, len);
	if (err)
		goto out;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->i_size)
		shmem_set_size(inode, end);
	spin_lock(&inode->i_lock);
	inode->i_ctime = current_time(inode);
	spin_unlock(&inode->i_lock);
out:
	inode_unlock(inode);
	return err;
}

/*
 * A fault on a mapping of the file, with mm->lock held: no i_rwsem, no
 * sleeping (see the lock order at the top). Past the end of the file is
 * SIGBUS, as is a full file system; a hole gets a new zeroed page.
 */
static int shmem_fault(struct vm_area_struct *vma, unsigned long pgoff,
		       struct page **pagep)
{
	struct inode *inode = file_inode(vma->vm_file);
	loff_t size = shmem_size(inode);

	if ((u64)pgoff >= DIV_ROUND_UP((u64)size, PAGE_SIZE))
		return -EIO;
	return shmem_getpage(inode, pgoff, pagep);
}

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
};

static int shmem_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.llseek = shmem_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = shmem_file_write_iter,
	.mmap = shmem_mmap,
	.fsync = noop_fsync,
	.fallocate = shmem_fallocate,
};

/* ---- super blocks -------------------------------------------------------- */

static int shmem_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct shmem_sb_info *sbi = SHMEM_SB(dentry->d_sb);

	memset(buf, 0, sizeof(*buf));
	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	spin_lock(&sbi->stat_lock);
	if (sbi->max_blocks) {
		buf->f_blocks = sbi->max_blocks;
		buf->f_bfree = sbi->max_blocks - sbi->used_blocks;
		buf->f_bavail = buf->f_bfree;
	}
	if (sbi->max_inodes) {
		buf->f_files = sbi->max_inodes;
		buf->f_ffree = sbi->free_inodes;
	}
	spin_unlock(&sbi->stat_lock);
	return 0;
}

static void shmem_show_options(struct super_block *sb, char *buf,
			       size_t size)
{
	struct shmem_sb_info *sbi = SHMEM_SB(sb);
	int n = 0;

	buf[0] = '\0';
	if (sbi->max_blocks)
		n += snprintf(buf + n, size - n, ",size=%luk",
			      sbi->max_blocks * (PAGE_SIZE / 1024));
	if (sbi->max_inodes && (size_t)n < size)
		n += snprintf(buf + n, size - n, ",nr_inodes=%lu",
			      sbi->max_inodes);
	if (sbi->mode != 01777 && (size_t)n < size)
		snprintf(buf + n, size - n, ",mode=%03o", sbi->mode);
}

static const struct super_operations shmem_ops = {
	.evict_inode = shmem_evict_inode,
	.statfs = shmem_statfs,
	.show_options = shmem_show_options,
};

/* A number with an optional k/m/g suffix, as Linux's memparse. */
static int parse_size(const char *s, u64 *out, bool *percent)
{
	u64 v = 0;

	*percent = false;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	while (*s >= '0' && *s <= '9') {
		if (v > (~0ULL - 9) / 10)
			return -EINVAL;
		v = v * 10 + (*s++ - '0');
	}
	switch (*s) {
	case 'g': case 'G':
		v <<= 10;
		/* fall through */
	case 'm': case 'M':
		v <<= 10;
		/* fall through */
	case 'k': case 'K':
		v <<= 10;
		s++;
		break;
	case '%':
		*percent = true;
		s++;
		break;
	}
	if (*s)
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_octal(const char *s, u32 *out)
{
	u32 v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '7' || v > 07777)
			return -EINVAL;
		v = v * 8 + (*s - '0');
	}
	*out = v;
	return 0;
}

/* One "key=value" of the mount options. */
static int shmem_parse_one(struct shmem_sb_info *sbi, char *opt)
{
	char *val = strchr(opt, '=');
	bool percent;
	u64 v;
	u32 m;

	if (!val)
		goto bad;
	*val++ = '\0';
	if (!strcmp(opt, "size")) {
		if (parse_size(val, &v, &percent))
			goto bad;
		if (percent)
			v = totalram_pages() * v / 100;
		else
			v = DIV_ROUND_UP(v, PAGE_SIZE);
		sbi->max_blocks = v > ~0UL ? ~0UL : (unsigned long)v;
	} else if (!strcmp(opt, "nr_inodes")) {
		if (parse_size(val, &v, &percent) || percent || v > ~0UL)
			goto bad;
		sbi->max_inodes = v;
	} else if (!strcmp(opt, "mode")) {
		if (parse_octal(val, &m))
			goto bad;
		sbi->mode = m & 07777;
	} else if (!strcmp(opt, "uid") || !strcmp(opt, "gid")) {
		if (parse_size(val, &v, &percent) || percent || v > 0xffffffffULL)
			goto bad;
		if (opt[0] == 'u')
			sbi->uid = v;
		else
			sbi->gid = v;
	} else {
		goto bad;
	}
	return 0;
bad:
	pr_warn("tmpfs: bad mount option '%s'\n", opt);
	return -EINVAL;
}

/* "size=64m,mode=0755,nr_inodes=1k": 0 or -EINVAL. */
static int shmem_parse_options(struct shmem_sb_info *sbi, const char *data)
{
	char *copy, *opt, *next;
	int err = 0;

	if (!data || !*data)
		return 0;
	copy = kmalloc(strlen(data) + 1, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, strlen(data) + 1);
	for (opt = copy; opt && !err; opt = next) {
		next = strchr(opt, ',');
		if (next)
			*next++ = '\0';
		if (*opt)
			err = shmem_parse_one(sbi, opt);
	}
	kfree(copy);
	return err;
}

static int shmem_fill_super(struct super_block *sb, void *data)
{
	unsigned long ram = totalram_pages();
	unsigned long lowram = zones[ZONE_NORMAL].managed_pages;
	struct shmem_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	struct inode *root;
	int err;

	if (!sbi)
		return -ENOMEM;
	spin_lock_init(&sbi->stat_lock, "shmem stat_lock");
	/* Linux's defaults: half of RAM; an inode per two lowmem pages. */
	sbi->max_blocks = ram / 2;
	sbi->max_inodes = min(lowram, ram / 2);
	sbi->mode = 01777;
	err = shmem_parse_options(sbi, data);
	if (err)
		goto fail;
	sbi->free_inodes = sbi->max_inodes;
	sb->s_fs_info = sbi;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_op = &shmem_ops;
	root = shmem_get_inode(sb, NULL, S_IFDIR | sbi->mode, 0);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		goto fail;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		err = -ENOMEM;
		goto fail;
	}
	return 0;
fail:
	sb->s_fs_info = NULL;
	kfree(sbi);
	return err;
}

static struct dentry *shmem_mount(struct file_system_type *fs_type,
				  int flags, const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, shmem_fill_super);
}

/* The super block goes: its inodes are evicted (uncharging) first. */
static void shmem_kill_sb(struct super_block *sb)
{
	struct shmem_sb_info *sbi = sb->s_fs_info;

	if (sb->s_root)
		d_unpin_tree(sb->s_root);	/* every name goes, then the sb */
	kill_anon_super(sb);
	kfree(sbi);
}

struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.fs_flags = FS_USERMOUNT,
	.mount = shmem_mount,
	.kill_sb = shmem_kill_sb,
};

/* ---- files without a name: memfd_create, MAP_SHARED|MAP_ANONYMOUS -------- */

static DEFINE_MUTEX(shm_mnt_lock);
static struct vfsmount *shm_mnt;

/* The internal tmpfs instance (no size limit), mounted on first use. */
static struct vfsmount *shm_mount(void)
{
	struct vfsmount *mnt;

	mutex_lock(&shm_mnt_lock);
	if (!shm_mnt) {
		mnt = vfs_kern_mount(&tmpfs_fs_type, 0, "tmpfs",
				     (void *)"size=0,nr_inodes=0");
		if (!IS_ERR(mnt))
			shm_mnt = mnt;
	} else {
		mnt = shm_mnt;
	}
	mutex_unlock(&shm_mnt_lock);
	return mnt;
}

/**
 * shmem_file_setup - an unlinked tmpfs file
 * @name: its name for /proc (d_path), e.g. "memfd:foo" or "dev/zero"
 * @size: its initial size in bytes
 * @flags: reserved (0)
 *
 * The file lives on the internal tmpfs mount, has no name in any
 * directory, and disappears (with every page) when its last reference
 * goes. Opened read-write. Returns the file with one reference, or an
 * error pointer.
 */
/* memfd and shared anonymous memory: "/memfd:name (deleted)", as Linux
 * shows them in /proc/PID/fd and /proc/PID/maps. */
static void shmem_unlinked_dname(struct dentry *dentry, char *buf, int size)
{
	snprintf(buf, size, "/%s (deleted)", dentry->d_name.name);
}

static const struct dentry_operations shmem_unlinked_dops = {
	.d_dname = shmem_unlinked_dname,
};

struct file *shmem_file_setup(const char *name, loff_t size,
			      unsigned int flags)
{
	struct vfsmount *mnt = shm_mount();
	struct inode *inode;
	struct file *f;

	if (IS_ERR(mnt))
		return (struct file *)mnt;
	if (size < 0 || size > SHMEM_MAX_BYTES)
		return ERR_PTR(-EINVAL);
	inode = shmem_get_inode(mnt->mnt_sb, NULL, S_IFREG | 0777, 0);
	if (IS_ERR(inode))
		return (struct file *)inode;
	inode->i_size = size;
	clear_nlink(inode);	/* no directory entry */
	f = alloc_file_pseudo(inode, mnt, name, O_RDWR | O_LARGEFILE,
			      &shmem_file_operations);
	if (IS_ERR(f))
		iput(inode);
	else
		f->f_path.dentry->d_op = &shmem_unlinked_dops;
	return f;
}

#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_NAME_PREFIX		"memfd:"
#define MFD_NAME_PREFIX_LEN	(sizeof(MFD_NAME_PREFIX) - 1)
#define MFD_NAME_MAX_LEN	249	/* NAME_MAX - strlen("memfd:") */

/*
 * memfd_create(2): an anonymous file in memory. MFD_ALLOW_SEALING is
 * accepted, but no seals can be added yet (fcntl F_ADD_SEALS).
 */
SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int,
		flags)
{
	char *name;
	struct file *f;
	long len;
	int fd;

	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;
	name = kmalloc(MFD_NAME_PREFIX_LEN + MFD_NAME_MAX_LEN + 2, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	memcpy(name, MFD_NAME_PREFIX, MFD_NAME_PREFIX_LEN);
	len = strncpy_from_user(name + MFD_NAME_PREFIX_LEN, uname,
				MFD_NAME_MAX_LEN + 1);
	if (len < 0) {
		fd = -EFAULT;
		goto out;
	}
	if (len > MFD_NAME_MAX_LEN) {
		fd = -EINVAL;
		goto out;
	}
	name[MFD_NAME_PREFIX_LEN + len] = '\0';
	f = shmem_file_setup(name, 0, 0);
	if (IS_ERR(f)) {
		fd = PTR_ERR(f);
		goto out;
	}
	fd = fd_install_flags(f, flags & MFD_CLOEXEC);
	if (fd < 0)
		fput(f);
out:
	kfree(name);
	return fd;
}

/**
 * shmem_init - register tmpfs
 *
 * Called from vfs_caches_init(). The internal mount for memfd and shared
 * anonymous memory is made on first use.
 */
void shmem_init(void)
{
	int err = register_filesystem(&tmpfs_fs_type);

	if (err)
		panic("tmpfs: cannot register (%d)", err);
}
