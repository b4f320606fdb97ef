/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The initramfs: a cpio "newc" archive passed as the first Multiboot
 * module (QEMU -initrd), parsed in place at boot (kernel/initramfs.c).
 * Its files are read-only and stay where the boot loader put them.
 */
#ifndef _INITRAMFS_H
#define _INITRAMFS_H

#include <types.h>

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFREG		0100000
#define S_IFLNK		0120000
#define S_IFCHR		0020000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)

struct initramfs_entry {
	const char *name;	/* path without leading "/" or "./"; "" = root */
	u32 mode;
	const void *data;
	u32 size;
	u32 ino;	/* index + 2, as getdents64's d_ino; the root is 1;
			 * hard links share their first name's */
	u32 mtime;	/* the archive's c_mtime, seconds since the epoch */
	u32 nlink;	/* the archive's c_nlink */
	u32 cpio_ino;	/* the archive's c_ino and device: a hard link */
	u32 cpio_dev;	/*   has the same pair as its other names */
};

/* Parse into tab (at most max entries): the count, or -EINVAL. */
int initramfs_parse_into(const void *archive, unsigned long len,
			 struct initramfs_entry *tab, int max);
/* Parse a newc archive in memory; 0 or -errno (nothing is kept then). */
int initramfs_parse(const void *archive, unsigned long len);
/* Parse the boot module, if there is one. */
void initramfs_init(void);
/* Find a path (absolute or relative to "/"), following symlinks. */
const struct initramfs_entry *initramfs_lookup(const char *path);
/* Find a path without following a symlink in its last component. */
const struct initramfs_entry *initramfs_lookup_nofollow(const char *path);
/* Entries by index, for directory listings. */
int initramfs_count(void);
const struct initramfs_entry *initramfs_get(int i);

#endif
