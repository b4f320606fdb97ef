/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path names from user space (kernel/namei.c): copying them in and
 * resolving them against a directory descriptor (the *at() calls) into
 * one canonical absolute path, the only form filp_open() and the
 * initramfs lookups are given.
 */
#ifndef _NAMEI_H
#define _NAMEI_H

#include <types.h>


#define PATH_MAX	256	/* including the NUL */

#define AT_FDCWD		-100	/* relative to the working directory */
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_NO_AUTOMOUNT		0x800	/* accepted; nothing is mounted */
#define AT_EMPTY_PATH		0x1000	/* "" names dirfd itself */

/*
 * Copy a path from user space into buf (PATH_MAX bytes): its length,
 * -EFAULT, or -ENAMETOOLONG. An empty path is returned as length 0; the
 * caller decides whether that is -ENOENT or AT_EMPTY_PATH.
 */
long getname(const char __user *upath, char *buf);

/*
 * Resolve the non-empty kernel string `name` relative to dirfd (AT_FDCWD:
 * the working directory) into `out` (PATH_MAX bytes):
 * absolute, without ".", ".." or repeated slashes. Every component but
 * the last must be a directory (-ENOTDIR, -ENOENT otherwise); a symlink
 * there is followed. A trailing slash makes the last component such a
 * component too. The last component itself is not looked up.
 */
int path_at(int dirfd, const char *name, char *out);

/* getname() then path_at(): 0 or -errno; "" is -ENOENT. */
int user_path_at(int dirfd, const char __user *upath, char *out);

#endif
