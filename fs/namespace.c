// SPDX-License-Identifier: GPL-2.0
/*
 * Mounts: the one name space, mount(2) and umount2(2) (include/mount.h
 * draws the tree).
 *
 * mount_lock (a spinlock) guards the mount list, each mount's parent and
 * mount point, and the dentries' d_mounted counts, so the path walk can
 * ask "what is mounted here?" cheaply. namespace_lock (a mutex)
 * serialises whole mount and umount operations, which walk paths and
 * allocate while they decide.
 *
 * A mount holds a reference on its root dentry and on its mount point;
 * mnt_count counts the mount itself (1, while attached), every struct
 * path that names it (open files, working directories, walks in
 * progress) and its child mounts. umount refuses a busy mount (EBUSY)
 * unless MNT_DETACH asks it to go once the last user is done.
 */
#include <mount.h>
#include <namei.h>
#include <dcache.h>
#include <fs_struct.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <panic.h>
#include <printk.h>

#define MS_RDONLY	0x1
#define MS_NOSUID	0x2
#define MS_NODEV	0x4
#define MS_NOEXEC	0x8
#define MS_SYNCHRONOUS	0x10
#define MS_REMOUNT	0x20
#define MS_MANDLOCK	0x40
#define MS_DIRSYNC	0x80
#define MS_NOATIME	0x400
#define MS_NODIRATIME	0x800
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_REC		0x4000
#define MS_SILENT	0x8000
#define MS_UNBINDABLE	(1 << 17)
#define MS_PRIVATE	(1 << 18)
#define MS_SLAVE	(1 << 19)
#define MS_SHARED	(1 << 20)
#define MS_RELATIME	(1 << 21)
#define MS_STRICTATIME	(1 << 24)
#define MS_LAZYTIME	(1 << 25)
#define MS_MGC_VAL	0xC0ED0000	/* old magic in the high half */
#define MS_MGC_MSK	0xffff0000
#define MS_PROPAGATION	(MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED)

DEFINE_SPINLOCK(mount_lock);
static DEFINE_MUTEX(namespace_lock);
static LIST_HEAD(mount_list);
static struct vfsmount *root_mnt;

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		atomic_inc(&mnt->mnt_count);
	return mnt;
}

static void deactivate_super(struct super_block *sb)
{
	if (atomic_dec_and_test(&sb->s_active))
		sb->s_type->kill_sb(sb);
}

/* The last reference to a detached mount: free it. */
static void mnt_free(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	dput(mnt->mnt_root);
	kfree(mnt);
	deactivate_super(sb);
}

void mntput(struct vfsmount *mnt)
{
	if (mnt && atomic_dec_and_test(&mnt->mnt_count))
		mnt_free(mnt);
}

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

static struct vfsmount *alloc_vfsmnt(const char *dev_name)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);

	if (!mnt)
		return NULL;
	atomic_set(&mnt->mnt_count, 1);
	INIT_LIST_HEAD(&mnt->mnt_list);
	mnt->mnt_parent = mnt;
	strlcpy(mnt->mnt_devname, dev_name ? dev_name : "none",
		sizeof(mnt->mnt_devname));
	return mnt;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *dev_name, void *data)
{
	struct vfsmount *mnt = alloc_vfsmnt(dev_name ? dev_name : type->name);
	struct dentry *root;

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	root = type->mount(type, flags, dev_name, data);
	if (IS_ERR(root)) {
		kfree(mnt);
		return ERR_CAST(root);
	}
	mnt->mnt_root = root;
	mnt->mnt_sb = root->d_sb;
	if (flags & SB_RDONLY)
		mnt->mnt_flags |= MNT_RDONLY;
	return mnt;
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *m, *found = NULL;

	if (!READ_ONCE(path->dentry->d_mounted))
		return NULL;
	spin_lock(&mount_lock);
	/* The newest mount on a place hides the older ones. */
	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_parent == path->mnt &&
		    m->mnt_mountpoint == path->dentry)
			found = m;
	mntget(found);
	spin_unlock(&mount_lock);
	return found;
}

bool follow_up(struct path *path)
{
	struct vfsmount *mnt = path->mnt, *parent;
	struct dentry *point;

	if (path->dentry != mnt->mnt_root)
		return false;
	spin_lock(&mount_lock);
	parent = mnt->mnt_parent;
	if (parent == mnt) {
		spin_unlock(&mount_lock);
		return false;
	}
	mntget(parent);
	point = dget(mnt->mnt_mountpoint);
	spin_unlock(&mount_lock);
	path_put(path);
	path->mnt = parent;
	path->dentry = point;
	return true;
}

void follow_mount(struct path *path)
{
	struct vfsmount *m;

	while ((m = lookup_mnt(path))) {
		path_put(path);
		path->mnt = m;
		path->dentry = dget(m->mnt_root);
	}
}

bool mnt_is_readonly(const struct vfsmount *mnt)
{
	return (mnt->mnt_flags & MNT_RDONLY) ||
	       (mnt->mnt_sb->s_flags & SB_RDONLY);
}

/* Attach mnt at the place mp (references taken for the tree). */
static void attach_mnt(struct vfsmount *mnt, const struct path *mp)
{
	struct vfsmount *parent = mntget(mp->mnt);
	struct dentry *point = dget(mp->dentry);

	spin_lock(&mount_lock);
	mnt->mnt_parent = parent;
	mnt->mnt_mountpoint = point;
	point->d_mounted++;
	list_add_tail(&mnt->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
}

/* Take mnt out of the tree; its references go when the caller puts it. */
static void detach_mnt(struct vfsmount *mnt, struct path *old)
{
	spin_lock(&mount_lock);
	old->mnt = mnt->mnt_parent;
	old->dentry = mnt->mnt_mountpoint;
	old->dentry->d_mounted--;
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = NULL;
	list_del_init(&mnt->mnt_list);
	spin_unlock(&mount_lock);
}

void for_each_mount(void (*fn)(struct vfsmount *mnt, void *arg), void *arg)
{
	struct vfsmount *m;

	mutex_lock(&namespace_lock);
	if (root_mnt)
		fn(root_mnt, arg);
	list_for_each_entry(m, &mount_list, mnt_list)
		fn(m, arg);
	mutex_unlock(&namespace_lock);
}

void get_init_root(struct path *root)
{
	root->mnt = mntget(root_mnt);
	root->dentry = dget(root_mnt->mnt_root);
}

/* Put the new mount of type at the place mp: 0 or -errno. */
static int do_new_mount(const struct path *mp, const char *type_name,
			int sb_flags, int mnt_flags, const char *dev_name,
			void *data)
{
	struct file_system_type *type = get_fs_type(type_name);
	struct vfsmount *mnt;

	if (!type || !(type->fs_flags & FS_USERMOUNT))
		return -ENODEV;	/* pipefs is the kernel's own */
	if (!d_inode(mp->dentry) || !S_ISDIR(d_inode(mp->dentry)->i_mode))
		return -ENOTDIR;
	if (!d_inode(mp->dentry)->i_nlink)
		return -ENOENT;	/* a removed directory */
	mnt = vfs_kern_mount(type, sb_flags, dev_name, data);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	mnt->mnt_flags |= mnt_flags;
	attach_mnt(mnt, mp);
	return 0;
}

/* MS_BIND: the tree below `from` appears at mp as well. */
static int do_bind_mount(const struct path *mp, const struct path *from)
{
	struct vfsmount *mnt = alloc_vfsmnt(from->mnt->mnt_devname);
	bool from_dir = S_ISDIR(d_inode(from->dentry)->i_mode);

	if (!mnt)
		return -ENOMEM;
	if (from_dir != S_ISDIR(d_inode(mp->dentry)->i_mode)) {
		kfree(mnt);
		return from_dir ? -ENOTDIR : -EISDIR;
	}
	mnt->mnt_root = dget(from->dentry);
	mnt->mnt_sb = from->mnt->mnt_sb;
	atomic_inc(&mnt->mnt_sb->s_active);
	mnt->mnt_flags = from->mnt->mnt_flags;
	attach_mnt(mnt, mp);
	return 0;
}

/* MS_REMOUNT: only the read-only and nosuid/nodev/noexec bits change. */
static int do_remount(const struct path *path, int mnt_flags)
{
	if (path->dentry != path->mnt->mnt_root)
		return -EINVAL;
	/* Read-only while someone writes: -EBUSY, as Linux. */
	if ((mnt_flags & MNT_RDONLY) && !mnt_is_readonly(path->mnt) &&
	    atomic_read(&path->mnt->mnt_writers))
		return -EBUSY;
	spin_lock(&mount_lock);
	path->mnt->mnt_flags = mnt_flags;
	spin_unlock(&mount_lock);
	return 0;
}

static int mnt_flags_from(unsigned long flags)
{
	int mnt_flags = 0;

	if (flags & MS_RDONLY)
		mnt_flags |= MNT_RDONLY;
	if (flags & MS_NOSUID)
		mnt_flags |= MNT_NOSUID;
	if (flags & MS_NODEV)
		mnt_flags |= MNT_NODEV;
	if (flags & MS_NOEXEC)
		mnt_flags |= MNT_NOEXEC;
	return mnt_flags;
}

/* mount(2) once the strings are in the kernel. */
static int do_mount(const char *dev_name, const struct path *mp,
		    const char *type, unsigned long flags, void *data)
{
	int mnt_flags = mnt_flags_from(flags);
	struct path from;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_REMOUNT)
		return do_remount(mp, mnt_flags);
	if (flags & MS_BIND) {
		if (!dev_name)
			return -EFAULT;
		err = kern_path(dev_name, LOOKUP_FOLLOW, &from);
		if (err)
			return err;
		err = do_bind_mount(mp, &from);
		path_put(&from);
		return err;
	}
	if (flags & MS_PROPAGATION)
		return 0;	/* one name space: nothing propagates */
	if (flags & MS_MOVE)
		return -EINVAL;
	if (!type)
		return -EINVAL;
	/* Read-only is the mount's flag (MNT_RDONLY), so a remount can
	 * clear it; the super block itself stays writable. */
	return do_new_mount(mp, type, 0, mnt_flags, dev_name, data);
}

/* Copy an optional user string into a page; NULL stays NULL. */
static char *copy_mount_string(const char __user *ustr, long *err)
{
	char *buf;
	long len;

	*err = 0;
	if (!ustr)
		return NULL;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	len = strncpy_from_user(buf, ustr, PAGE_SIZE);
	if (len < 0 || len == PAGE_SIZE) {
		kfree(buf);
		*err = len < 0 ? -EFAULT : -EINVAL;
		return NULL;
	}
	return buf;
}

SYSCALL_DEFINE5(mount, const char __user *, udev, const char __user *, udir,
		const char __user *, utype, unsigned long, flags,
		const char __user *, udata)
{
	char *dev, *type = NULL, *data = NULL;
	struct path mp;
	long err;

	dev = copy_mount_string(udev, &err);
	if (!err)
		type = copy_mount_string(utype, &err);
	if (!err)
		data = copy_mount_string(udata, &err);
	if (!err)
		err = user_path_at(AT_FDCWD, udir, LOOKUP_FOLLOW, &mp);
	if (!err) {
		mutex_lock(&namespace_lock);
		err = do_mount(dev, &mp, type, flags, data);
		mutex_unlock(&namespace_lock);
		path_put(&mp);
	}
	kfree(dev);
	kfree(type);
	kfree(data);
	return err;
}

/* Does anything but the tree and the caller's walk use mnt? */
static bool mnt_busy(struct vfsmount *mnt)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_parent == mnt)
			return true;
	/* 1 for being mounted, 1 for the caller's path. */
	return atomic_read(&mnt->mnt_count) > 2;
}

/* mount_lock held: is m mounted somewhere below top? */
static bool mnt_is_below(struct vfsmount *m, struct vfsmount *top)
{
	while (m->mnt_parent != m) {
		m = m->mnt_parent;
		if (m == top)
			return true;
	}
	return false;
}

/* mount_lock held: a mount below top with nothing mounted on it. */
static struct vfsmount *lowest_child(struct vfsmount *top)
{
	struct vfsmount *m, *c;

	list_for_each_entry(m, &mount_list, mnt_list) {
		bool leaf = true;

		if (!mnt_is_below(m, top))
			continue;
		list_for_each_entry(c, &mount_list, mnt_list)
			if (c->mnt_parent == m)
				leaf = false;
		if (leaf)
			return m;
	}
	return NULL;
}

/* MNT_DETACH: everything mounted below mnt goes with it, leaves first. */
static void detach_children(struct vfsmount *mnt)
{
	for (;;) {
		struct vfsmount *child;
		struct path old;

		spin_lock(&mount_lock);
		child = lowest_child(mnt);
		spin_unlock(&mount_lock);
		if (!child)
			break;
		detach_mnt(child, &old);
		path_put(&old);
		mntput(child);
	}
}

static int do_umount(struct path *path, int flags)
{
	struct vfsmount *mnt = path->mnt;
	struct path old;

	if (path->dentry != mnt->mnt_root)
		return -EINVAL;
	if (mnt == root_mnt)
		return -EBUSY;
	if (READ_ONCE(mnt->mnt_parent) == mnt)
		return -EINVAL;	/* detached already (MNT_DETACH) */
	spin_lock(&mount_lock);
	if (!(flags & MNT_DETACH) && mnt_busy(mnt)) {
		spin_unlock(&mount_lock);
		return -EBUSY;
	}
	spin_unlock(&mount_lock);
	if (flags & MNT_DETACH)
		detach_children(mnt);
	detach_mnt(mnt, &old);
	path_put(&old);
	mntput(mnt);	/* the tree's reference; the last user frees it */
	return 0;
}

static long ksys_umount(const char __user *udir, int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup = 0;
	err = user_path_at(AT_FDCWD, udir, lookup, &path);
	if (err)
		return err;
	mutex_lock(&namespace_lock);
	err = do_umount(&path, flags);
	mutex_unlock(&namespace_lock);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(umount2, const char __user *, udir, int, flags)
{
	return ksys_umount(udir, flags);
}

SYSCALL_DEFINE1(umount, const char __user *, udir)
{
	return ksys_umount(udir, 0);
}

int init_mount(const char *dev_name, const char *dir, const char *type,
	       unsigned long flags, const char *data)
{
	struct path mp;
	int err = kern_path(dir, LOOKUP_FOLLOW, &mp);

	if (err)
		return err;
	mutex_lock(&namespace_lock);
	err = do_mount(dev_name, &mp, type, flags, (void *)data);
	mutex_unlock(&namespace_lock);
	path_put(&mp);
	return err;
}

/*
 * The root of the name space: a tmpfs (Linux's rootfs), into which the
 * initramfs is unpacked. Every task starts with it as root and cwd.
 * Its source is "tmpfs", not "rootfs": tools such as busybox df skip
 * a "rootfs" line, expecting a real root mounted over it.
 */
void mnt_init(void)
{
	struct file_system_type *type = get_fs_type("tmpfs");
	struct vfsmount *mnt;

	if (!type)
		panic("mnt_init: no tmpfs to mount as the root");
	mnt = vfs_kern_mount(type, 0, "tmpfs", NULL);
	if (IS_ERR(mnt))
		panic("mnt_init: cannot mount the root tmpfs: %ld",
		      PTR_ERR(mnt));
	root_mnt = mnt;
}
