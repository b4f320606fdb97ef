/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File attributes (kernel/stat.c): what stat(2) reports about an open
 * file. Each kind of file fills a struct kstat through the getattr hook
 * of its struct file_operations; the system calls then copy it out in
 * whichever user layout was asked for (stat, stat64, statx).
 */
#ifndef _STAT_H
#define _STAT_H

#include <types.h>
#include <initramfs.h>	/* S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR */

#define S_IFIFO		0010000
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/* Device numbers as the kernel keeps them: major in the high 12 bits. */
#define MINORBITS	20
#define MKDEV(ma, mi)	(((u32)(ma) << MINORBITS) | (u32)(mi))
#define MAJOR(dev)	((u32)(dev) >> MINORBITS)
#define MINOR(dev)	((u32)(dev) & ((1U << MINORBITS) - 1))

/*
 * st_dev of each kind of file: one anonymous "file system" each, as the
 * numbers Linux hands out to its initramfs (rootfs), devtmpfs and pipefs.
 */
#define INITRAMFS_DEV	MKDEV(0, 1)
#define DEVFS_DEV	MKDEV(0, 5)
#define PROCFS_DEV	MKDEV(0, 4)
#define PIPEFS_DEV	MKDEV(0, 12)

#define STAT_BLKSIZE	4096	/* st_blksize: the page, our I/O unit */

struct kstat {
	u32 mode;		/* S_IF* type and permission bits */
	u32 nlink;
	u32 uid, gid;
	u32 dev;		/* the file system, MKDEV() */
	u32 rdev;		/* for S_IFCHR: the device, MKDEV() */
	u64 ino;		/* unique and stable within dev */
	s64 size;
	u32 blksize;
	u64 blocks;		/* 512-byte units */
	s64 atime, mtime, ctime;	/* seconds since the epoch */
};

struct file;

/* getattr hooks of the initramfs files (file.c uses it in its fops). */
int initramfs_getattr(struct file *f, struct kstat *st);
/* Fill st from an initramfs entry (used for symlinks themselves too). */
void initramfs_entry_getattr(const struct initramfs_entry *e,
			     struct kstat *st);
/*
 * The attributes of a user path relative to dirfd, as fstatat64 sees
 * them (flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). 0 or -errno.
 */
int vfs_statat(int dirfd, const char __user *upath, unsigned int flags,
	       struct kstat *st);

#endif
