/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The initramfs: a cpio "newc" archive passed as the first Multiboot
 * module (QEMU -initrd), parsed in place at boot and unpacked into the
 * root tmpfs (init/initramfs.c).
 */
#ifndef _INITRAMFS_H
#define _INITRAMFS_H

#include <types.h>

#include <stat.h>

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
	u32 rdev;	/* a device node's number, MKDEV() */
};

/* Parse into tab (at most max entries): the count, or -EINVAL. */
int initramfs_parse_into(const void *archive, unsigned long len,
			 struct initramfs_entry *tab, int max);
/* Boot: mkdir in the kernel (absolute name); 0 or -errno. */
int init_mkdir(const char *name, u32 mode);
/* Boot: unpack the boot module's archive into the root tmpfs. */
void initramfs_unpack(void);

#endif
