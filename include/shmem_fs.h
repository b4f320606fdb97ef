/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmpfs (mm/shmem.c): a file system that lives in the page cache only.
 * It is the root file system (the initramfs is unpacked into it), /tmp,
 * /dev (devtmpfs is a tmpfs with the device nodes made at boot), and
 * the backing of memfd_create() and shared anonymous memory.
 */
#ifndef _SHMEM_FS_H
#define _SHMEM_FS_H

#include <fs.h>

extern struct file_system_type tmpfs_fs_type;

/* Register tmpfs (vfs_caches_init). */
void shmem_init(void);
/*
 * An unlinked tmpfs file of `size` bytes (memfd_create, MAP_SHARED |
 * MAP_ANONYMOUS): a file with one reference, or an error pointer.
 */
struct file *shmem_file_setup(const char *name, loff_t size,
			      unsigned int flags);
bool is_shmem_inode(const struct inode *inode);

#endif
