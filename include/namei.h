/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path walk (fs/namei.c): from a name given by user space to a
 * struct path, one component at a time through the dcache, crossing
 * mounts and following symlinks, and the system calls that change the
 * name space (mkdir, unlink, rename, link, symlink, mknod).
 * Documentation/filesystems/path-walk.md describes the walk.
 */
#ifndef _NAMEI_H
#define _NAMEI_H

#include <types.h>
#include <fs.h>
#include <dcache.h>

#define PATH_MAX	4096	/* including the NUL */
#define MAXSYMLINKS	40	/* links followed in one walk */

#define AT_FDCWD		-100	/* relative to the working directory */
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800	/* accepted; nothing automounts */
#define AT_EMPTY_PATH		0x1000	/* "" names dirfd itself */

/* lookup flags */
#define LOOKUP_FOLLOW		0x0001	/* follow a final symlink */
#define LOOKUP_DIRECTORY	0x0002	/* the result must be a directory */
#define LOOKUP_EMPTY		0x0004	/* "" is dirfd itself */
#define LOOKUP_PARENT		0x0010	/* internal: stop before the last */

/*
 * The lookup flags of a *at() call's AT_SYMLINK_NOFOLLOW and
 * AT_EMPTY_PATH (the caller has rejected any other flag).
 */
static inline unsigned int at_lookup_flags(int at_flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;

	if (at_flags & AT_SYMLINK_NOFOLLOW)
		lookup = 0;
	if (at_flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	return lookup;
}

/*
 * A path name copied in from user space (or made in the kernel), in a
 * PATH_MAX buffer of its own: never on the kernel stack.
 */
struct filename {
	char *name;
	int len;
};

/* Copy a user path in: a filename, or ERR_PTR(-EFAULT/-ENAMETOOLONG);
 * "" gives -ENOENT unless empty_ok. putname() frees it. */
struct filename *getname_flags(const char __user *upath, bool empty_ok);
struct filename *getname(const char __user *upath);
struct filename *getname_kernel(const char *name);
void putname(struct filename *name);

/* What a symlink's ->get_link gives the walk. */
struct link_target {
	char *buf;		/* PATH_MAX bytes: the target as text */
	struct path jump;	/* or, if jump.dentry: go exactly here */
};

/**
 * filename_lookup - walk a name to the place it names
 * @dfd: the directory a relative name starts in (AT_FDCWD: the cwd)
 * @name: the name
 * @flags: LOOKUP_*
 * @path: the result, with references (path_put() it)
 *
 * Returns 0, or -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES...
 */
int filename_lookup(int dfd, struct filename *name, unsigned int flags,
		    struct path *path);
int user_path_at(int dfd, const char __user *upath, unsigned int flags,
		 struct path *path);
int kern_path(const char *name, unsigned int flags, struct path *path);

/**
 * filename_create - find the parent of a new name and lock it
 * @dfd, @name: as filename_lookup
 * @parent: the parent directory's place, with references
 * @flags: LOOKUP_DIRECTORY allows a trailing slash (mkdir)
 *
 * Returns a negative dentry for the last component with the parent's
 * i_rwsem held, or an error pointer (-EEXIST if the name exists).
 * done_path_create() unlocks and drops everything.
 */
struct dentry *filename_create(int dfd, struct filename *name,
			       struct path *parent, unsigned int flags);
void done_path_create(struct path *parent, struct dentry *dentry);

/* The last component of a name: the parent walked, the name split off. */
int filename_parentat(int dfd, struct filename *name, struct path *parent,
		      struct qstr *last);
/* One component in a locked directory: a referenced dentry. */
struct dentry *lookup_one_locked(struct dentry *parent, struct qstr *name);

/* open(2)'s walk (fs/namei.c) for fs/open.c. */
struct file *do_filp_open(int dfd, struct filename *name, unsigned int flags,
			  u32 mode);

#endif
