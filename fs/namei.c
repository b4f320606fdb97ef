// SPDX-License-Identifier: GPL-2.0
/*
 * The path walk, and the system calls that add or remove names.
 *
 * A walk keeps one place (struct nameidata.path, with references) and
 * moves it one component at a time:
 *
 *   "."     stays;
 *   ".."    goes to the parent, stepping out of a mount at its root,
 *           never above the process's root;
 *   a name  is looked up in the dcache (d_lookup); on a miss the
 *           directory's i_rwsem is taken and the file system's ->lookup
 *           fills in a dentry; a mount on the result is entered;
 *   a symlink is followed by walking its target from the directory that
 *           holds it (at most MAXSYMLINKS links in one walk, nested at
 *           most MAX_NESTED_LINKS deep: -ELOOP), or, for /proc's magic
 *           links, by jumping to the place the link gives.
 *
 * Every component but the last must be a directory. What happens to
 * the last depends on the caller: looked up (stat, chdir), split off
 * with its parent locked (mkdir, unlink, rename), or looked up or
 * created (open). Documentation/filesystems/path-walk.md has pictures.
 */
#include <namei.h>
#include <mount.h>
#include <fs_struct.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define MAX_NESTED_LINKS	8

struct nameidata {
	struct path path;	/* where the walk is */
	struct path root;	/* ".." stops here; "/" starts here */
	struct qstr last;	/* LOOKUP_PARENT: the last component */
	bool last_slash;	/* the name ended in '/' */
	bool last_dots;		/* the last component is "." or ".." */
	int total_links;
	int depth;
	char last_buf[NAME_MAX + 1];	/* a link target's last component */
};

/* ---- names from user space ---------------------------------------- */

struct filename *getname_flags(const char __user *upath, bool empty_ok)
{
	struct filename *fn = kmalloc(sizeof(*fn), GFP_KERNEL);
	long len;

	if (!fn)
		return ERR_PTR(-ENOMEM);
	fn->name = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!fn->name) {
		kfree(fn);
		return ERR_PTR(-ENOMEM);
	}
	len = strncpy_from_user(fn->name, upath, PATH_MAX);
	if (len < 0 || len >= PATH_MAX || (!len && !empty_ok)) {
		putname(fn);
		return ERR_PTR(len < 0 ? -EFAULT : len ? -ENAMETOOLONG
						      : -ENOENT);
	}
	fn->len = len;
	return fn;
}

struct filename *getname(const char __user *upath)
{
	return getname_flags(upath, false);
}

struct filename *getname_kernel(const char *name)
{
	struct filename *fn = kmalloc(sizeof(*fn), GFP_KERNEL);
	size_t len = strlen(name);

	if (!fn)
		return ERR_PTR(-ENOMEM);
	if (len >= PATH_MAX) {
		kfree(fn);
		return ERR_PTR(-ENAMETOOLONG);
	}
	fn->name = kmalloc(len + 1, GFP_KERNEL);
	if (!fn->name) {
		kfree(fn);
		return ERR_PTR(-ENOMEM);
	}
	memcpy(fn->name, name, len + 1);
	fn->len = len;
	return fn;
}

void putname(struct filename *name)
{
	if (IS_ERR_OR_NULL(name))
		return;
	kfree(name->name);
	kfree(name);
}

/* ---- the walk ------------------------------------------------------ */

static void nd_root(struct path *root)
{
	if (current && current->fs)
		get_fs_root(current->fs, root);
	else
		get_init_root(root);
}

/* Where a name starts: "/" at the root, else dfd or the cwd. */
static int path_init(struct nameidata *nd, int dfd, const char *s)
{
	struct file *f;

	memset(nd, 0, sizeof(*nd));
	nd_root(&nd->root);
	if (*s == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
		return 0;
	}
	if (dfd == AT_FDCWD) {
		if (current && current->fs)
			get_fs_pwd(current->fs, &nd->path);
		else
			get_init_root(&nd->path);
		return 0;
	}
	f = fget_raw(dfd);
	if (!f)
		return -EBADF;
	if (*s && !S_ISDIR(file_inode(f)->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	nd->path = f->f_path;
	path_get(&nd->path);
	fput(f);
	return 0;
}

static void nd_done(struct nameidata *nd)
{
	if (nd->path.dentry)
		path_put(&nd->path);
	path_put(&nd->root);
}

/* Replace nd->path with next (whose references it takes over). */
static void nd_jump(struct nameidata *nd, struct path *next)
{
	path_put(&nd->path);
	nd->path = *next;
}

static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct dentry *parent;

		if (path_equal(&nd->path, &nd->root))
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			spin_lock(&dcache_lock);
			parent = dget(nd->path.dentry->d_parent);
			spin_unlock(&dcache_lock);
			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		if (!follow_up(&nd->path))
			break;	/* the top of the name space */
	}
	follow_mount(&nd->path);
}

struct dentry *lookup_one_locked(struct dentry *parent, struct qstr *name)
{
	struct inode *dir = d_inode(parent);
	struct dentry *dentry, *old;

	dentry = d_lookup(parent, name);
	if (dentry)
		return dentry;
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	dentry = d_alloc(parent, name);
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	old = dir->i_op->lookup(dir, dentry, 0);
	if (old) {
		dput(dentry);
		return old;
	}
	return dentry;
}

/* A component that is not "." or "..": the dentry, positive or not. */
static struct dentry *lookup_name(struct dentry *parent, struct qstr *name)
{
	struct inode *dir = d_inode(parent);
	struct dentry *dentry = d_lookup(parent, name);

	if (dentry)
		return dentry;
	inode_lock_nested(dir, I_MUTEX_PARENT);
	dentry = lookup_one_locked(parent, name);
	inode_unlock(dir);
	return dentry;
}

static bool is_dots(const struct qstr *name)
{
	return name->name[0] == '.' &&
	       (name->len == 1 || (name->len == 2 && name->name[1] == '.'));
}

static int walk_link(struct nameidata *nd, struct path *link);

/*
 * Look a name (not "." or "..") up in the directory nd is at: the place
 * it names in *next, with references, mounts on it entered.
 */
static int lookup_component(struct nameidata *nd, struct qstr *name,
			    struct path *next)
{
	struct dentry *dentry;

	if (name->len > NAME_MAX)
		return -ENAMETOOLONG;
	dentry = lookup_name(nd->path.dentry, name);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (d_is_negative(dentry)) {
		dput(dentry);
		return -ENOENT;
	}
	next->mnt = mntget(nd->path.mnt);
	next->dentry = dentry;
	follow_mount(next);
	return 0;
}

/* "." stays, ".." goes up: true if name was one of them. */
static bool walk_dots(struct nameidata *nd, const struct qstr *name)
{
	if (name->len == 1 && name->name[0] == '.')
		return true;
	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.') {
		follow_dotdot(nd);
		return true;
	}
	return false;
}

/*
 * Move nd onto the component name. A symlink found there is followed
 * if `follow`; otherwise nd stops on the link itself.
 */
static int walk_component(struct nameidata *nd, struct qstr *name,
			  bool follow)
{
	struct path next;
	int err;

	if (!S_ISDIR(d_inode(nd->path.dentry)->i_mode))
		return -ENOTDIR;
	if (walk_dots(nd, name))
		return 0;
	err = lookup_component(nd, name, &next);
	if (err)
		return err;
	if (follow && S_ISLNK(d_inode(next.dentry)->i_mode))
		return walk_link(nd, &next);
	nd_jump(nd, &next);
	return 0;
}

/* The next component of *s: its length, *s moved past it and slashes. */
static u32 next_component(const char **s, struct qstr *name)
{
	const char *p = *s;
	u32 len = 0;

	while (p[len] && p[len] != '/')
		len++;
	name->name = p;
	name->len = len;
	p += len;
	while (*p == '/')
		p++;
	*s = p;
	return len;
}

/*
 * Walk every component of s but the last, which is left in nd->last.
 * A name of only slashes leaves an empty last (the start itself).
 */
static int link_path_walk(struct nameidata *nd, const char *s)
{
	while (*s == '/')
		s++;
	nd->last.name = s;
	nd->last.len = 0;
	nd->last_slash = false;
	nd->last_dots = false;
	while (*s) {
		struct qstr name;
		int err;

		next_component(&s, &name);
		if (!*s) {
			nd->last = name;
			nd->last_slash = name.name[name.len] == '/';
			nd->last_dots = is_dots(&name);
			return 0;
		}
		err = walk_component(nd, &name, true);
		if (err)
			return err;
		if (!S_ISDIR(d_inode(nd->path.dentry)->i_mode))
			return -ENOTDIR;
	}
	return 0;
}

/* Walk the last component left by link_path_walk. */
static int walk_last(struct nameidata *nd, bool follow)
{
	bool slash = nd->last_slash;	/* a followed link reuses nd->last */
	int err;

	if (!nd->last.len)
		return 0;
	err = walk_component(nd, &nd->last, follow || slash);
	if (!err && slash && !S_ISDIR(d_inode(nd->path.dentry)->i_mode))
		err = -ENOTDIR;
	return err;
}

/*
 * One symlink (references consumed). A magic link jumps (*jumped set).
 * A text target has every component but its last walked from the
 * directory that holds the link (links met on the way are followed,
 * nested at most MAX_NESTED_LINKS deep); its last component is left in
 * nd->last, copied into nd->last_buf so the target's text can go.
 */
static int link_step(struct nameidata *nd, struct path *link, bool *jumped)
{
	struct inode *inode = d_inode(link->dentry);
	struct link_target lt = { 0 };
	int err;

	*jumped = false;
	if (++nd->total_links > MAXSYMLINKS || nd->depth >= MAX_NESTED_LINKS) {
		path_put(link);
		return -ELOOP;
	}
	if (!inode->i_op || !inode->i_op->get_link) {
		path_put(link);
		return -EINVAL;
	}
	lt.buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!lt.buf) {
		path_put(link);
		return -ENOMEM;
	}
	lt.buf[0] = '\0';
	err = inode->i_op->get_link(link->dentry, &lt);
	path_put(link);
	if (!err && lt.jump.dentry) {
		nd_jump(nd, &lt.jump);
		*jumped = true;
	} else if (!err && !lt.buf[0]) {
		err = -ENOENT;
	} else if (!err) {
		if (lt.buf[0] == '/') {
			struct path root = nd->root;

			path_get(&root);
			nd_jump(nd, &root);
		}
		nd->depth++;
		err = link_path_walk(nd, lt.buf);
		nd->depth--;
		if (!err && nd->last.len > NAME_MAX)
			err = -ENAMETOOLONG;
		if (!err) {
			memcpy(nd->last_buf, nd->last.name, nd->last.len);
			nd->last.name = nd->last_buf;
		}
	}
	kfree(lt.buf);
	return err;
}

/*
 * Follow the symlink at `link` (references consumed) to what it finally
 * names. A chain of links at the end of a target is followed in a loop,
 * not by nesting: only MAXSYMLINKS bounds it, as on Linux.
 */
static int walk_link(struct nameidata *nd, struct path *link)
{
	struct path next = *link;

	for (;;) {
		bool jumped;
		int err = link_step(nd, &next, &jumped);

		if (err || jumped || !nd->last.len)
			return err;
		if (!S_ISDIR(d_inode(nd->path.dentry)->i_mode))
			return -ENOTDIR;
		if (walk_dots(nd, &nd->last))
			return 0;
		err = lookup_component(nd, &nd->last, &next);
		if (err)
			return err;
		if (S_ISLNK(d_inode(next.dentry)->i_mode))
			continue;
		nd_jump(nd, &next);
		if (nd->last_slash && !S_ISDIR(d_inode(nd->path.dentry)->i_mode))
			return -ENOTDIR;
		return 0;
	}
}

/* nd at the parent of the last component of name, the last in nd->last. */
static int path_parentat(struct nameidata *nd, int dfd, const char *name)
{
	int err = path_init(nd, dfd, name);

	if (!err)
		err = link_path_walk(nd, name);
	return err;
}

int filename_lookup(int dfd, struct filename *name, unsigned int flags,
		    struct path *path)
{
	struct nameidata nd;
	int err;

	if (!name->len && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(&nd, dfd, name->name);
	if (!err)
		err = link_path_walk(&nd, name->name);
	if (!err)
		err = walk_last(&nd, flags & LOOKUP_FOLLOW);
	if (!err && (flags & LOOKUP_DIRECTORY) &&
	    !S_ISDIR(d_inode(nd.path.dentry)->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*path = nd.path;
		nd.path.dentry = NULL;
	}
	nd_done(&nd);
	return err;
}

int user_path_at(int dfd, const char __user *upath, unsigned int flags,
		 struct path *path)
{
	struct filename *name = getname_flags(upath, flags & LOOKUP_EMPTY);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(dfd, name, flags, path);
	putname(name);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	struct filename *fn = getname_kernel(name);
	int err;

	if (IS_ERR(fn))
		return PTR_ERR(fn);
	err = filename_lookup(AT_FDCWD, fn, flags, path);
	putname(fn);
	return err;
}

int filename_parentat(int dfd, struct filename *name, struct path *parent,
		      struct qstr *last)
{
	struct nameidata nd;
	int err = path_parentat(&nd, dfd, name->name);

	if (!err) {
		*parent = nd.path;
		*last = nd.last;
		nd.path.dentry = NULL;
	}
	nd_done(&nd);
	return err;
}

/* ---- creating names ----------------------------------------------- */

static int may_create_in(const struct path *parent)
{
	return mnt_is_readonly(parent->mnt) ? -EROFS : 0;
}

struct dentry *filename_create(int dfd, struct filename *name,
			       struct path *parent, unsigned int flags)
{
	struct nameidata nd;
	struct dentry *dentry;
	int err = path_parentat(&nd, dfd, name->name);

	if (err)
		goto fail;
	err = -EEXIST;
	if (!nd.last.len || nd.last_dots)
		goto fail;
	err = -ENAMETOOLONG;
	if (nd.last.len > NAME_MAX)
		goto fail;
	inode_lock_nested(d_inode(nd.path.dentry), I_MUTEX_PARENT);
	dentry = lookup_one_locked(nd.path.dentry, &nd.last);
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto unlock;
	}
	err = -EEXIST;
	if (!d_is_negative(dentry))
		goto put;
	err = -ENOENT;
	if (nd.last_slash && !(flags & LOOKUP_DIRECTORY))
		goto put;
	if (!d_inode(nd.path.dentry)->i_nlink)
		goto put;	/* the directory has been removed */
	err = may_create_in(&nd.path);
	if (err)
		goto put;
	*parent = nd.path;
	nd.path.dentry = NULL;
	nd_done(&nd);
	return dentry;
put:
	dput(dentry);
unlock:
	inode_unlock(d_inode(nd.path.dentry));
fail:
	nd_done(&nd);
	return ERR_PTR(err);
}

void done_path_create(struct path *parent, struct dentry *dentry)
{
	dput(dentry);
	inode_unlock(d_inode(parent->dentry));
	path_put(parent);
}

int vfs_create(struct inode *dir, struct dentry *dentry, u32 mode, bool excl)
{
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, (mode & S_IALLUGO) | S_IFREG,
				 excl);
}

int vfs_mkdir(struct inode *dir, struct dentry *dentry, u32 mode)
{
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, (mode & (S_IALLUGO)) | S_IFDIR);
}

int vfs_mknod(struct inode *dir, struct dentry *dentry, u32 mode, u32 dev)
{
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, target);
}

int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new)
{
	struct inode *inode = d_inode(old);
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	inode_lock_nested(inode, I_MUTEX_CHILD);
	err = inode->i_nlink ? dir->i_op->link(old, dir, new) : -ENOENT;
	inode_unlock(inode);
	return err;
}

static u32 apply_umask(u32 mode)
{
	return mode & ~current_umask() & S_IALLUGO;
}

static long do_mkdirat(int dfd, const char __user *upath, u32 mode)
{
	struct filename *name = getname(upath);
	struct path parent;
	struct dentry *dentry;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	dentry = filename_create(dfd, name, &parent, LOOKUP_DIRECTORY);
	putname(name);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = vfs_mkdir(d_inode(parent.dentry), dentry, apply_umask(mode));
	done_path_create(&parent, dentry);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char __user *, upath, u32, mode)
{
	return do_mkdirat(AT_FDCWD, upath, mode);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, upath, u32, mode)
{
	return do_mkdirat(dfd, upath, mode);
}

/* Linux's may_mknod(): what a node may be, before the path is looked at. */
static long check_mknod_mode(u32 mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

static long do_mknodat(int dfd, const char __user *upath, u32 mode, u32 dev)
{
	struct filename *name;
	struct path parent;
	struct dentry *dentry;
	struct inode *dir;
	long err = check_mknod_mode(mode);

	if (err)
		return err;
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	dentry = filename_create(dfd, name, &parent, 0);
	putname(name);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	dir = d_inode(parent.dentry);
	mode = (mode & S_IFMT) | apply_umask(mode);
	if (!(mode & S_IFMT) || S_ISREG(mode))
		err = vfs_create(dir, dentry, mode, true);
	else
		err = vfs_mknod(dir, dentry, mode, dev);
	done_path_create(&parent, dentry);
	return err;
}

/* The i386 dev_t of mknod: Linux's old_decode_dev / new_decode_dev. */
static u32 decode_dev(u32 dev)
{
	u32 major = (dev & 0xfff00) >> 8;
	u32 minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

SYSCALL_DEFINE3(mknod, const char __user *, upath, u32, mode, u32, dev)
{
	return do_mknodat(AT_FDCWD, upath, mode, decode_dev(dev));
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, upath, u32, mode,
		u32, dev)
{
	return do_mknodat(dfd, upath, mode, decode_dev(dev));
}

static long do_symlinkat(const char __user *utarget, int dfd,
			 const char __user *upath)
{
	struct filename *target = getname(utarget), *name;
	struct path parent;
	struct dentry *dentry;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname(upath);
	if (IS_ERR(name)) {
		putname(target);
		return PTR_ERR(name);
	}
	dentry = filename_create(dfd, name, &parent, 0);
	putname(name);
	err = PTR_ERR(dentry);
	if (!IS_ERR(dentry)) {
		err = vfs_symlink(d_inode(parent.dentry), dentry,
				  target->name);
		done_path_create(&parent, dentry);
	}
	putname(target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char __user *, target,
		const char __user *, upath)
{
	return do_symlinkat(target, AT_FDCWD, upath);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, target, int, dfd,
		const char __user *, upath)
{
	return do_symlinkat(target, dfd, upath);
}

static long do_linkat(int olddfd, const char __user *uold, int newdfd,
		      const char __user *unew, int flags)
{
	unsigned int how = 0;
	struct filename *name;
	struct path old, parent;
	struct dentry *dentry;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = user_path_at(olddfd, uold, how, &old);
	if (err)
		return err;
	name = getname(unew);
	err = PTR_ERR(name);
	if (IS_ERR(name))
		goto out;
	dentry = filename_create(newdfd, name, &parent, 0);
	putname(name);
	err = PTR_ERR(dentry);
	if (IS_ERR(dentry))
		goto out;
	err = -EXDEV;
	if (parent.mnt == old.mnt)
		err = vfs_link(old.dentry, d_inode(parent.dentry), dentry);
	done_path_create(&parent, dentry);
out:
	path_put(&old);
	return err;
}

SYSCALL_DEFINE2(link, const char __user *, uold, const char __user *, unew)
{
	return do_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, uold,
		int, newdfd, const char __user *, unew, int, flags)
{
	return do_linkat(olddfd, uold, newdfd, unew, flags);
}

/* ---- removing names ------------------------------------------------ */

static bool is_busy(struct dentry *dentry)
{
	return READ_ONCE(dentry->d_mounted) || IS_ROOT(dentry);
}

int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!dir->i_op->unlink)
		return -EPERM;
	if (is_busy(dentry))
		return -EBUSY;
	inode_lock_nested(inode, I_MUTEX_CHILD);
	err = dir->i_op->unlink(dir, dentry);
	inode_unlock(inode);
	if (!err)
		d_delete(dentry);
	return err;
}

int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	int err;

	if (!S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (!dir->i_op->rmdir)
		return -EPERM;
	if (is_busy(dentry))
		return -EBUSY;
	inode_lock_nested(inode, I_MUTEX_CHILD);
	err = dir->i_op->rmdir(dir, dentry);
	inode_unlock(inode);
	if (!err)
		d_delete(dentry);
	return err;
}

/* unlink and rmdir: look the last component up with the parent locked. */
static long do_remove(int dfd, const char __user *upath, bool dir)
{
	struct filename *name = getname(upath);
	struct nameidata nd;
	struct dentry *dentry;
	struct inode *pdir;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_parentat(&nd, dfd, name->name);
	if (err)
		goto out;
	if (!nd.last.len || nd.last_dots) {
		/* rmdir(".") -EINVAL, rmdir("..") -ENOTEMPTY, "/" -EBUSY */
		err = !dir ? -EISDIR : !nd.last.len ? -EBUSY :
		      nd.last.len == 1 ? -EINVAL : -ENOTEMPTY;
		goto out;
	}
	err = may_create_in(&nd.path);
	if (err)
		goto out;
	pdir = d_inode(nd.path.dentry);
	inode_lock_nested(pdir, I_MUTEX_PARENT);
	dentry = lookup_one_locked(nd.path.dentry, &nd.last);
	err = PTR_ERR(dentry);
	if (IS_ERR(dentry))
		goto unlock;
	if (d_is_negative(dentry))
		err = -ENOENT;
	else if (dir)
		err = vfs_rmdir(pdir, dentry);
	else if (nd.last_slash && !S_ISDIR(d_inode(dentry)->i_mode))
		err = -ENOTDIR;
	else
		err = vfs_unlink(pdir, dentry);
	dput(dentry);
unlock:
	inode_unlock(pdir);
out:
	nd_done(&nd);
	putname(name);	/* nd.last pointed into it */
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, upath)
{
	return do_remove(AT_FDCWD, upath, false);
}

SYSCALL_DEFINE1(rmdir, const char __user *, upath)
{
	return do_remove(AT_FDCWD, upath, true);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, upath, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dfd, upath, flags & AT_REMOVEDIR);
}

/* ---- rename -------------------------------------------------------- */

/* Lock two directories in an order every renamer agrees on. */
static void lock_rename(struct dentry *p1, struct dentry *p2)
{
	if (p1 == p2) {
		inode_lock_nested(d_inode(p1), I_MUTEX_PARENT);
		return;
	}
	if (is_subdir(p2, p1) ||
	    (!is_subdir(p1, p2) && (unsigned long)p1 < (unsigned long)p2)) {
		inode_lock_nested(d_inode(p1), I_MUTEX_PARENT);
		inode_lock_nested(d_inode(p2), I_MUTEX_PARENT2);
	} else {
		inode_lock_nested(d_inode(p2), I_MUTEX_PARENT);
		inode_lock_nested(d_inode(p1), I_MUTEX_PARENT2);
	}
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	inode_unlock(d_inode(p1));
	if (p1 != p2)
		inode_unlock(d_inode(p2));
}

/* The checks rename makes once both dentries are known. */
static int rename_check(struct dentry *old, struct dentry *new,
			struct dentry *new_parent, unsigned int flags)
{
	struct inode *src = d_inode(old), *dst = d_inode(new);
	bool exchange = flags & RENAME_EXCHANGE;

	if (!src)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && dst)
		return -EEXIST;
	if (exchange && !dst)
		return -ENOENT;
	if (is_busy(old) || (dst && is_busy(new)))
		return -EBUSY;
	/* A directory cannot move below itself. */
	if (S_ISDIR(src->i_mode) && is_subdir(new_parent, old))
		return -EINVAL;
	if (exchange && S_ISDIR(dst->i_mode) &&
	    is_subdir(old->d_parent, new))
		return -EINVAL;
	if (dst && !exchange) {
		if (S_ISDIR(src->i_mode) && !S_ISDIR(dst->i_mode))
			return -ENOTDIR;
		if (!S_ISDIR(src->i_mode) && S_ISDIR(dst->i_mode))
			return -EISDIR;
		if (is_subdir(old->d_parent, new))
			return -ENOTEMPTY;
	}
	return 0;
}

static int vfs_rename(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new,
		      unsigned int flags)
{
	struct inode *src = d_inode(old), *dst = d_inode(new);
	int err;

	if (src == dst)
		return 0;	/* two names of one file: nothing to do */
	if (!old_dir->i_op->rename)
		return -EPERM;
	inode_lock_nested(src, I_MUTEX_CHILD);
	if (dst)
		inode_lock_nested(dst, I_MUTEX_CHILD2);
	err = old_dir->i_op->rename(old_dir, old, new_dir, new, flags);
	if (dst)
		inode_unlock(dst);
	inode_unlock(src);
	return err;
}

struct rename_names {
	struct nameidata old, new;
};

static int rename_locked(struct rename_names *r, unsigned int flags)
{
	struct dentry *op = r->old.path.dentry, *np = r->new.path.dentry;
	struct dentry *old, *new;
	int err;

	old = lookup_one_locked(op, &r->old.last);
	if (IS_ERR(old))
		return PTR_ERR(old);
	new = lookup_one_locked(np, &r->new.last);
	err = PTR_ERR(new);
	if (IS_ERR(new))
		goto put_old;
	err = rename_check(old, new, np, flags);
	if (!err && !d_inode(np)->i_nlink)
		err = -ENOENT;	/* the new parent has been removed */
	if (!err && !S_ISDIR(d_inode(old)->i_mode) &&
	    (r->old.last_slash || r->new.last_slash))
		err = -ENOTDIR;
	if (!err)
		err = vfs_rename(d_inode(op), old, d_inode(np), new, flags);
	dput(new);
put_old:
	dput(old);
	return err;
}

static long do_renameat2(int olddfd, const char __user *uold, int newdfd,
			 const char __user *unew, unsigned int flags)
{
	struct filename *oname, *nname;
	struct rename_names r;
	struct super_block *sb;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) &&
	    (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;	/* only overlay file systems want one */
	oname = getname(uold);
	if (IS_ERR(oname))
		return PTR_ERR(oname);
	nname = getname(unew);
	if (IS_ERR(nname)) {
		putname(oname);
		return PTR_ERR(nname);
	}
	/* A failed walk still holds its start: nd_done() both, always. */
	err = path_parentat(&r.old, olddfd, oname->name);
	if (err)
		goto put_old;
	err = path_parentat(&r.new, newdfd, nname->name);
	if (err)
		goto put_new;
	err = -EBUSY;
	if (!r.old.last.len || r.old.last_dots || !r.new.last.len ||
	    r.new.last_dots)
		goto put_new;
	err = -EXDEV;
	if (r.old.path.mnt != r.new.path.mnt)
		goto put_new;
	err = may_create_in(&r.new.path);
	if (err)
		goto put_new;
	sb = r.old.path.mnt->mnt_sb;
	mutex_lock(&sb->s_rename_mutex);
	lock_rename(r.old.path.dentry, r.new.path.dentry);
	err = rename_locked(&r, flags);
	unlock_rename(r.old.path.dentry, r.new.path.dentry);
	mutex_unlock(&sb->s_rename_mutex);
put_new:
	nd_done(&r.new);
put_old:
	nd_done(&r.old);
	putname(nname);
	putname(oname);
	return err;
}

SYSCALL_DEFINE2(rename, const char __user *, uold, const char __user *, unew)
{
	return do_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, uold,
		int, newdfd, const char __user *, unew)
{
	return do_renameat2(olddfd, uold, newdfd, unew, 0);
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, uold,
		int, newdfd, const char __user *, unew, unsigned int, flags)
{
	return do_renameat2(olddfd, uold, newdfd, unew, flags);
}

/* ---- open's walk --------------------------------------------------- */

/* O_CREAT: the last component, created if missing (parent locked). */
static int open_create(struct nameidata *nd, unsigned int flags, u32 mode,
		       bool *created)
{
	struct inode *dir = d_inode(nd->path.dentry);
	struct dentry *dentry;
	struct path next;
	bool jumped;
	int err = 0;

	if (nd->last_slash)
		return -EISDIR;
	if (nd->last.len > NAME_MAX)
		return -ENAMETOOLONG;
	inode_lock_nested(dir, I_MUTEX_PARENT);
	dentry = lookup_one_locked(nd->path.dentry, &nd->last);
	if (IS_ERR(dentry)) {
		inode_unlock(dir);
		return PTR_ERR(dentry);
	}
	if (d_is_negative(dentry)) {
		err = may_create_in(&nd->path);
		if (!err && !dir->i_nlink)
			err = -ENOENT;	/* the directory has been removed */
		if (!err)
			err = vfs_create(dir, dentry, apply_umask(mode),
					 flags & O_EXCL);
		*created = !err;
	} else if (flags & O_EXCL) {
		err = -EEXIST;
	}
	inode_unlock(dir);
	if (err) {
		dput(dentry);
		return err;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = dentry;
	follow_mount(&next);
	if (*created || (flags & O_NOFOLLOW) ||
	    !S_ISLNK(d_inode(next.dentry)->i_mode)) {
		nd_jump(nd, &next);
		return 0;
	}
	/*
	 * A symlink: what it names is opened, or created if missing (a
	 * dangling link), as on Linux; a link to a link goes round again.
	 */
	err = link_step(nd, &next, &jumped);
	if (err || jumped || !nd->last.len)
		return err;
	if (nd->last_dots)
		return walk_last(nd, true);
	return open_create(nd, flags, mode, created);
}

/* Can this open of inode go ahead? */
static int may_open(const struct path *path, unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	u32 mode = inode->i_mode;
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if (flags & O_PATH)
		return (flags & O_DIRECTORY) && !S_ISDIR(mode) ? -ENOTDIR : 0;
	if (S_ISLNK(mode))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && ((flags & O_ACCMODE) != O_RDONLY ||
			      (flags & O_CREAT)))
		return -EISDIR;
	if (S_ISSOCK(mode) || S_ISBLK(mode))
		return -ENXIO;
	if (S_ISCHR(mode) && (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	if (write && S_ISREG(mode) && mnt_is_readonly(path->mnt))
		return -EROFS;
	return 0;
}

struct file *do_filp_open(int dfd, struct filename *name, unsigned int flags,
			  u32 mode)
{
	struct nameidata nd;
	struct file *f = NULL;
	bool created = false;
	int err;

	err = path_init(&nd, dfd, name->name);
	if (!err)
		err = link_path_walk(&nd, name->name);
	if (err)
		goto out;
	if ((flags & O_CREAT) && nd.last.len && !nd.last_dots)
		err = open_create(&nd, flags, mode, &created);
	else if ((flags & O_CREAT) && !(flags & O_PATH))
		err = -EISDIR;
	else
		err = walk_last(&nd, !(flags & O_NOFOLLOW));
	if (!err)
		err = may_open(&nd.path, flags);
	if (!err && (flags & O_TRUNC) && !created &&
	    S_ISREG(d_inode(nd.path.dentry)->i_mode) && !(flags & O_PATH))
		err = do_truncate(nd.path.dentry, 0);
	if (!err)
		f = dentry_open(&nd.path, flags);
out:
	nd_done(&nd);
	return err ? ERR_PTR(err) : f;
}
