/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The name cache (fs/dcache.c). A dentry is one name in one directory:
 * (parent, name) -> inode, or -> nothing (a negative dentry: "this name
 * does not exist", so a second lookup need not ask the file system).
 * Dentries form the tree the path walk follows; every directory keeps a
 * list of its children in the order they were linked.
 *
 * For tmpfs the cache is the directory itself: a created dentry holds an
 * extra reference for as long as the name exists (as Linux's ramfs), and
 * dcache_readdir() lists the children. /proc's dentries (SB_NOCACHE) are
 * made by each lookup and freed with their last reference, so a name of
 * a process that has gone is never found again.
 *
 * dcache_lock guards the hash, every child list, d_name/d_parent of a
 * dentry being renamed, and a d_count going to or from 0.
 */
#ifndef _DCACHE_H
#define _DCACHE_H

#include <types.h>
#include <atomic.h>
#include <list.h>
#include <spinlock.h>

#define NAME_MAX		255	/* one component, without the NUL */
#define DNAME_INLINE_LEN	36

struct inode;
struct super_block;
struct path;
struct dentry;

struct qstr {
	const char *name;
	u32 len;
	u32 hash;
};

#define QSTR_INIT(n, l)	{ .name = (n), .len = (l) }

struct dentry_operations {
	/* True: free the dentry as soon as it is unused (do not cache). */
	bool (*d_delete)(const struct dentry *dentry);
	/* A name for a dentry that is not in the tree ("pipe:[12]"). */
	void (*d_dname)(struct dentry *dentry, char *buf, int size);
	void (*d_release)(struct dentry *dentry);
};

/* d_flags */
#define DCACHE_PSEUDO		0x1	/* not in the tree: pipes, memfd */
#define DCACHE_PINNED		0x2	/* holds its own reference (tmpfs) */

struct dentry {
	atomic_t d_count;
	unsigned int d_flags;
	int d_mounted;			/* mounts on this dentry */
	struct qstr d_name;
	struct inode *d_inode;		/* NULL: negative */
	struct dentry *d_parent;	/* the root's parent is itself */
	struct super_block *d_sb;
	struct list_head d_hash;	/* empty: unhashed */
	struct list_head d_child;	/* in parent->d_subdirs */
	struct list_head d_subdirs;	/* children, by d_offset */
	long long d_offset;		/* readdir cookie in the parent */
	long long d_next_offset;	/* a directory's next cookie */
	const struct dentry_operations *d_op;
	void *d_fsdata;
	char d_iname[DNAME_INLINE_LEN];	/* short names live here */
};

extern spinlock_t dcache_lock;

/**
 * d_alloc - a new, negative, unhashed dentry for name in parent
 * @parent: the directory (a reference is taken)
 * @name: the component (copied)
 *
 * Returns the dentry with one reference, or NULL without memory.
 */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_alloc_name(struct dentry *parent, const char *name);
/* A dentry outside the tree for an inode without a name (pipes). */
struct dentry *d_alloc_pseudo(struct super_block *sb, const char *name);
/* The root dentry of a new super block; NULL (and iput) on failure. */
struct dentry *d_make_root(struct inode *root);
/* Attach inode (may be NULL) to a negative dentry. */
void d_instantiate(struct dentry *dentry, struct inode *inode);
/* d_instantiate and put it in the hash: lookup finds it now. */
void d_add(struct dentry *dentry, struct inode *inode);
/* A referenced dentry for (parent, name), or NULL. */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);
/* Take it out of the hash: later lookups do not find it. */
void d_drop(struct dentry *dentry);
/* unlink: the name is gone (the dentry stays for its holders). */
void d_delete(struct dentry *dentry);
/* rename: dentry takes target's parent and name; target is dropped. */
void d_move(struct dentry *dentry, struct dentry *target);
/* RENAME_EXCHANGE: the two swap parents and names. */
void d_exchange(struct dentry *a, struct dentry *b);
/* tmpfs: the name now holds its own reference (simple_* helpers). */
void d_pin(struct dentry *dentry);
void d_unpin(struct dentry *dentry);

/*
 * Unmount of a tmpfs: drop the reference every name below root holds
 * for itself, deepest first, so the whole tree and its inodes are freed.
 */
void d_unpin_tree(struct dentry *root);

struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);

/* Is dentry at or below ancestor? (rename into itself) */
bool is_subdir(struct dentry *dentry, struct dentry *ancestor);

/**
 * d_path - the absolute name of a place, for getcwd and /proc links
 * @path: the place
 * @buf: where to build the name (from the end)
 * @size: bytes in buf
 *
 * Returns a pointer into buf at the start of the name, or
 * ERR_PTR(-ENAMETOOLONG). A removed file gets " (deleted)" appended;
 * a pipe gets its d_dname ("pipe:[5]").
 */
char *d_path(const struct path *path, char *buf, int size);

static inline bool d_unhashed(const struct dentry *dentry)
{
	return list_empty(&dentry->d_hash);
}

static inline bool d_is_negative(const struct dentry *dentry)
{
	return !dentry->d_inode;
}

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

static inline bool IS_ROOT(const struct dentry *dentry)
{
	return dentry->d_parent == dentry;
}

u32 full_name_hash(const char *name, u32 len);

#endif
