/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mounts (fs/namespace.c). A vfsmount attaches the tree of one super
 * block at a dentry (the mount point) of another mount; the path walk
 * steps from the mount point to the mounted root, and ".." at a mounted
 * root steps back out. There is one name space: the root mount (a tmpfs,
 * with the initramfs unpacked into it) and what is mounted on it.
 *
 *   rootfs (tmpfs) /          mnt_parent = itself
 *      /proc  <-- proc        mnt_mountpoint = dentry "proc" of rootfs
 *      /dev   <-- devtmpfs
 *      /tmp      (a directory of rootfs)
 */
#ifndef _MOUNT_H
#define _MOUNT_H

#include <fs.h>

#define MNT_RDONLY	0x1
#define MNT_NOSUID	0x2
#define MNT_NODEV	0x4
#define MNT_NOEXEC	0x8

/* umount2 flags */
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	int mnt_flags;
	struct vfsmount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct list_head mnt_list;	/* every mount, in mount order */
	atomic_t mnt_count;
	atomic_t mnt_writers;		/* files open for writing on it */
	char mnt_devname[32];		/* mount(2)'s source ("tmpfs") */
};

/* Guards the mount tree's links (parents, mount points, the list). */
extern spinlock_t mount_lock;

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
void path_get(const struct path *path);
void path_put(const struct path *path);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/*
 * At a mount's root, step out to its mount point in the parent mount
 * (references moved); false if path is not a mounted root.
 */
bool follow_up(struct path *path);
/* While something is mounted on path, step onto its root. */
void follow_mount(struct path *path);
/* The mount on path's dentry, with a reference; NULL if none. */
struct vfsmount *lookup_mnt(const struct path *path);
/* A mount of a file-system type that is not (yet) attached anywhere. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *dev_name, void *data);
/* Mount type at the kernel path dir ("/proc") during boot: 0 or -errno. */
int init_mount(const char *dev_name, const char *dir, const char *type,
	       unsigned long flags, const char *data);
/* The root of the name space (rootfs), with references. */
void get_init_root(struct path *root);
/* For /proc/mounts: fn for each mount, in mount order, under a lock. */
void for_each_mount(void (*fn)(struct vfsmount *mnt, void *arg), void *arg);
/* Is the mount read-only (its own flag or its super block's)? */
bool mnt_is_readonly(const struct vfsmount *mnt);
/* Boot: mount the root tmpfs; the first task's root and cwd. */
void mnt_init(void);

#endif
