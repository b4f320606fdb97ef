// SPDX-License-Identifier: GPL-2.0
/*
 * The name cache: dentries, their hash table, and their lifetimes
 * (include/dcache.h explains what a dentry is).
 *
 * One spinlock, dcache_lock, guards the hash chains, every directory's
 * child list, a dentry's name and parent while a rename moves it, and
 * the 1 -> 0 transition of d_count. Linux walks paths without locks
 * (RCU); here each component's lookup takes dcache_lock for a hash-chain
 * scan, which is short and never held across anything that sleeps.
 *
 * When the last reference goes, a dentry is freed unless it is worth
 * keeping: it is freed if it is negative, unhashed, on an SB_NOCACHE
 * super block (/proc), or its d_op->d_delete says so. tmpfs names never
 * get there: each holds a reference of its own (DCACHE_PINNED) until it
 * is unlinked. Freeing a dentry drops its parent's reference, so a
 * chain of unused dentries is freed bottom-up.
 */
#include <dcache.h>
#include <fs.h>
#include <mount.h>
#include <shmem_fs.h>
#include <pipe_fs_i.h>
#include <procfs.h>
#include <devices.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <panic.h>

#define D_HASH_BITS	10
#define D_HASH_SIZE	(1U << D_HASH_BITS)

DEFINE_SPINLOCK(dcache_lock);
static struct list_head dentry_hashtable[D_HASH_SIZE];

u32 full_name_hash(const char *name, u32 len)
{
	u32 h = 2166136261u;	/* FNV-1a */

	while (len--) {
		h ^= (u8)*name++;
		h *= 16777619u;
	}
	return h;
}

static struct list_head *d_hash_chain(const struct dentry *parent, u32 hash)
{
	u32 h = hash ^ ((unsigned long)parent >> 4);

	return &dentry_hashtable[(h ^ (h >> D_HASH_BITS)) & (D_HASH_SIZE - 1)];
}

/* Give d a copy of name: inline if short, else kmalloc'd. */
static int d_set_name(struct dentry *d, const struct qstr *name)
{
	char *buf = d->d_iname;

	if (name->len >= DNAME_INLINE_LEN) {
		buf = kmalloc(name->len + 1, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	memcpy(buf, name->name, name->len);
	buf[name->len] = '\0';
	d->d_name.name = buf;
	d->d_name.len = name->len;
	d->d_name.hash = full_name_hash(buf, name->len);
	return 0;
}

static void d_free_name(const char *name, struct dentry *d)
{
	if (name != d->d_iname)
		kfree(name);
}

static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	if (d_set_name(d, name)) {
		kfree(d);
		return NULL;
	}
	atomic_set(&d->d_count, 1);
	d->d_sb = sb;
	d->d_parent = d;
	d->d_next_offset = 2;	/* 0 and 1 are "." and ".." */
	INIT_LIST_HEAD(&d->d_hash);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	return d;
}

/* Link d into parent's child list with the next readdir cookie. */
static void d_link_child(struct dentry *d, struct dentry *parent)
{
	d->d_parent = parent;
	d->d_offset = parent->d_next_offset++;
	list_add_tail(&d->d_child, &parent->d_subdirs);
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name);

	if (!d)
		return NULL;
	d->d_op = parent->d_op;
	dget(parent);
	spin_lock(&dcache_lock);
	d_link_child(d, parent);
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *d_alloc_name(struct dentry *parent, const char *name)
{
	struct qstr q = QSTR_INIT(name, strlen(name));

	return d_alloc(parent, &q);
}

struct dentry *d_alloc_pseudo(struct super_block *sb, const char *name)
{
	struct qstr q = QSTR_INIT(name, strlen(name));
	struct dentry *d = __d_alloc(sb, &q);

	if (d)
		d->d_flags |= DCACHE_PSEUDO;
	return d;
}

struct dentry *d_make_root(struct inode *root)
{
	struct qstr q = QSTR_INIT("/", 1);
	struct dentry *d;

	if (!root)
		return NULL;
	d = __d_alloc(root->i_sb, &q);
	if (!d) {
		iput(root);
		return NULL;
	}
	d->d_inode = root;
	return d;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	dentry->d_inode = inode;
	spin_unlock(&dcache_lock);
}

static void __d_rehash(struct dentry *d)
{
	list_add(&d->d_hash, d_hash_chain(d->d_parent, d->d_name.hash));
}

void d_add(struct dentry *dentry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	dentry->d_inode = inode;
	if (d_unhashed(dentry))
		__d_rehash(dentry);
	spin_unlock(&dcache_lock);
}

static bool d_name_equal(const struct dentry *d, const struct qstr *name)
{
	return d->d_name.len == name->len &&
	       !memcmp(d->d_name.name, name->name, name->len);
}

struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	u32 hash = full_name_hash(name->name, name->len);
	struct list_head *chain = d_hash_chain(parent, hash);
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, chain, d_hash) {
		if (d->d_parent == parent && d->d_name.hash == hash &&
		    d_name_equal(d, name)) {
			atomic_inc(&d->d_count);
			found = d;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

void d_drop(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	list_del_init(&dentry->d_hash);
	spin_unlock(&dcache_lock);
}

/*
 * The name no longer exists. The dentry leaves the hash (a later lookup
 * asks the file system, which says "no such name") but keeps its inode
 * for whoever still holds it: an open file, a working directory.
 */
void d_delete(struct dentry *dentry)
{
	d_drop(dentry);
}

void d_pin(struct dentry *dentry)
{
	dget(dentry);
	dentry->d_flags |= DCACHE_PINNED;
}

void d_unpin(struct dentry *dentry)
{
	if (!(dentry->d_flags & DCACHE_PINNED))
		return;
	dentry->d_flags &= ~DCACHE_PINNED;
	dput(dentry);
}

/*
 * dcache_lock held: a pinned dentry below root none of whose children is
 * pinned or has children of its own, found without recursion (a tree
 * can be deeper than the kernel stack allows); NULL when none is left.
 */
static struct dentry *find_pinned_leaf(struct dentry *root)
{
	struct dentry *d = root, *child;

	for (;;) {
		struct dentry *next = NULL;

		list_for_each_entry(child, &d->d_subdirs, d_child) {
			if ((child->d_flags & DCACHE_PINNED) ||
			    !list_empty(&child->d_subdirs)) {
				next = child;
				break;
			}
		}
		if (next) {
			d = next;
			continue;
		}
		if (d == root || !(d->d_flags & DCACHE_PINNED))
			return NULL;	/* nothing pinned left below root */
		return d;
	}
}

void d_unpin_tree(struct dentry *root)
{
	for (;;) {
		struct dentry *victim;

		spin_lock(&dcache_lock);
		victim = find_pinned_leaf(root);
		if (victim) {
			atomic_inc(&victim->d_count);
			list_del_init(&victim->d_hash);
		}
		spin_unlock(&dcache_lock);
		if (!victim)
			break;
		d_unpin(victim);
		dput(victim);
	}
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		atomic_inc(&dentry->d_count);
	return dentry;
}

/* dcache_lock held, count 0: is it worth keeping for later lookups? */
static bool d_should_free(struct dentry *d)
{
	if (!d->d_inode || d_unhashed(d) || (d->d_flags & DCACHE_PSEUDO))
		return true;
	if (d->d_sb->s_flags & SB_NOCACHE)
		return true;
	return d->d_op && d->d_op->d_delete && d->d_op->d_delete(d);
}

/* dcache_lock held: unlink an unused dentry from the tree. Its parent
 * (returned, still referenced) is the caller's to put. */
static struct dentry *d_unlink_locked(struct dentry *d)
{
	struct dentry *parent = IS_ROOT(d) ? NULL : d->d_parent;

	list_del_init(&d->d_hash);
	list_del_init(&d->d_child);
	return parent;
}

static void d_free(struct dentry *d)
{
	if (d->d_op && d->d_op->d_release)
		d->d_op->d_release(d);
	if (d->d_inode)
		iput(d->d_inode);
	d_free_name(d->d_name.name, d);
	kfree(d);
}

void dput(struct dentry *dentry)
{
	while (dentry) {
		struct dentry *parent;

		spin_lock(&dcache_lock);
		if (!atomic_dec_and_test(&dentry->d_count)) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (!d_should_free(dentry) || !list_empty(&dentry->d_subdirs)) {
			/* Kept in the cache, unused. */
			spin_unlock(&dcache_lock);
			return;
		}
		parent = d_unlink_locked(dentry);
		spin_unlock(&dcache_lock);
		d_free(dentry);
		dentry = parent;
	}
}

/* dcache_lock held: give d a new parent and name (rename). */
static void d_reparent(struct dentry *d, struct dentry *parent,
		       const char *name, u32 len, u32 hash)
{
	list_del_init(&d->d_child);
	d_link_child(d, parent);
	d->d_name.name = name;
	d->d_name.len = len;
	d->d_name.hash = hash;
}

/* Take a copy of target's name for dentry (before any lock). */
static char *d_copy_name(const struct dentry *target)
{
	char *name = kmalloc(target->d_name.len + 1, GFP_KERNEL);

	if (name)
		memcpy(name, target->d_name.name, target->d_name.len + 1);
	return name;
}

/* Install a kmalloc'd name in d; move it inline if it fits. */
static const char *d_install_name(struct dentry *d, char *name, u32 len)
{
	if (len < DNAME_INLINE_LEN) {
		memcpy(d->d_iname, name, len + 1);
		kfree(name);
		return d->d_iname;
	}
	return name;
}

void d_move(struct dentry *dentry, struct dentry *target)
{
	char *copy = d_copy_name(target);
	const char *old_name = dentry->d_name.name;
	struct dentry *old_parent = dentry->d_parent;
	struct dentry *new_parent = dget(target->d_parent);
	u32 len = target->d_name.len, hash = target->d_name.hash;

	if (!copy)
		panic("d_move: out of memory for a %u-byte name", len);
	spin_lock(&dcache_lock);
	list_del_init(&dentry->d_hash);
	list_del_init(&target->d_hash);
	d_reparent(dentry, new_parent, d_install_name(dentry, copy, len),
		   len, hash);
	__d_rehash(dentry);
	spin_unlock(&dcache_lock);
	if (old_name != dentry->d_iname)
		kfree(old_name);
	dput(old_parent);
}

void d_exchange(struct dentry *a, struct dentry *b)
{
	char *name_a = d_copy_name(a), *name_b = d_copy_name(b);
	const char *old_a = a->d_name.name, *old_b = b->d_name.name;
	struct dentry *pa = a->d_parent, *pb = b->d_parent;
	struct qstr qa = a->d_name, qb = b->d_name;

	if (!name_a || !name_b)
		panic("d_exchange: out of memory for names");
	spin_lock(&dcache_lock);
	list_del_init(&a->d_hash);
	list_del_init(&b->d_hash);
	d_reparent(a, pb, d_install_name(a, name_b, qb.len), qb.len, qb.hash);
	d_reparent(b, pa, d_install_name(b, name_a, qa.len), qa.len, qa.hash);
	__d_rehash(a);
	__d_rehash(b);
	spin_unlock(&dcache_lock);
	if (old_a != a->d_iname)
		kfree(old_a);
	if (old_b != b->d_iname)
		kfree(old_b);
	/* Each parent lost one child and gained one: references balance. */
}

bool is_subdir(struct dentry *dentry, struct dentry *ancestor)
{
	bool found = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (dentry == ancestor) {
			found = true;
			break;
		}
		if (IS_ROOT(dentry))
			break;
		dentry = dentry->d_parent;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Put s (len bytes) in front of *pos in buf; false if it does not fit. */
static bool prepend(char *buf, char **pos, const char *s, int len)
{
	if (*pos - buf < len)
		return false;
	*pos -= len;
	memcpy(*pos, s, len);
	return true;
}

/* dcache_lock held: the names from path up to the name-space root. */
static bool prepend_path(const struct path *path, char *buf, char **pos)
{
	struct dentry *d = path->dentry;
	struct vfsmount *mnt = path->mnt;
	bool any = false;

	for (;;) {
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				break;		/* the root of everything */
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (IS_ROOT(d))
			break;	/* detached from the tree */
		if (!prepend(buf, pos, d->d_name.name, d->d_name.len) ||
		    !prepend(buf, pos, "/", 1))
			return false;
		any = true;
		d = d->d_parent;
	}
	return any || prepend(buf, pos, "/", 1);
}

char *d_path(const struct path *path, char *buf, int size)
{
	struct dentry *d = path->dentry;
	char *pos = buf + size;
	bool ok;

	if (d->d_op && d->d_op->d_dname) {
		d->d_op->d_dname(d, buf, size);
		return buf;
	}
	if (!prepend(buf, &pos, "", 1))
		return ERR_PTR(-ENAMETOOLONG);
	spin_lock(&dcache_lock);
	spin_lock(&mount_lock);	/* mount points and parents hold still */
	ok = (!d_unhashed(d) || IS_ROOT(d) ||
	      prepend(buf, &pos, " (deleted)", 10)) &&
	     prepend_path(path, buf, &pos);
	spin_unlock(&mount_lock);
	spin_unlock(&dcache_lock);
	return ok ? pos : ERR_PTR(-ENAMETOOLONG);
}

static void dcache_init(void)
{
	for (unsigned int i = 0; i < D_HASH_SIZE; i++)
		INIT_LIST_HEAD(&dentry_hashtable[i]);
}

/**
 * vfs_caches_init - the file-system layer at boot
 *
 * The name cache, the file-system types (tmpfs, proc, pipefs), the
 * root mount and the character-device table. Runs in the init task
 * before the initramfs is unpacked.
 */
void vfs_caches_init(void)
{
	dcache_init();
	shmem_init();
	mnt_init();
	pipe_init();
	proc_root_init();
	chr_dev_init();
}
