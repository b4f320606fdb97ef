/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File types and attributes: the S_IF* mode bits (the Linux values) and
 * struct kstat, what stat(2) reports about an inode (fs/stat.c fills it
 * with generic_fillattr() and copies it out in whichever user layout was
 * asked for: stat, stat64, statx).
 */
#ifndef _STAT_H
#define _STAT_H

#include <types.h>

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_IALLUGO	07777

#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

/* Device numbers as the kernel keeps them: major in the high 12 bits. */
#define MINORBITS	20
#define MKDEV(ma, mi)	(((u32)(ma) << MINORBITS) | (u32)(mi))
#define MAJOR(dev)	((u32)(dev) >> MINORBITS)
#define MINOR(dev)	((u32)(dev) & ((1U << MINORBITS) - 1))

#define STAT_BLKSIZE	4096	/* st_blksize: the page, our I/O unit */

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

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
	struct timespec64 atime, mtime, ctime;
};

#endif
