// SPDX-License-Identifier: GPL-2.0
/*
 * File-system types and super blocks.
 *
 * A file-system type registers itself by name (mount(2) finds it that
 * way). Mounting asks the type for a super block and its root dentry:
 * a new one each time (tmpfs: mount_nodev), or the one instance every
 * mount shares (proc: mount_single). A super block lives while it is
 * mounted somewhere (s_active counts the mounts); the last umount kills
 * it through the type's kill_sb.
 */
#include <fs.h>
#include <dcache.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

static struct file_system_type *file_systems;
static DEFINE_SPINLOCK(file_systems_lock);
static LIST_HEAD(super_blocks);
static DEFINE_SPINLOCK(sb_lock);
/* Anonymous device numbers (0, n) for st_dev; 1-15 are left free. */
static atomic_t next_anon_dev = ATOMIC_INIT(15);

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type *p;
	int err = 0;

	spin_lock(&file_systems_lock);
	for (p = file_systems; p; p = p->next)
		if (!strcmp(p->name, fs->name))
			err = -EBUSY;
	if (!err) {
		struct file_system_type **tail = &file_systems;

		while (*tail)
			tail = &(*tail)->next;
		fs->next = NULL;
		*tail = fs;
	}
	spin_unlock(&file_systems_lock);
	return err;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *p;

	spin_lock(&file_systems_lock);
	for (p = file_systems; p; p = p->next)
		if (!strcmp(p->name, name))
			break;
	spin_unlock(&file_systems_lock);
	return p;
}

/* Types are never unregistered, so the list can be walked unlocked. */
void for_each_filesystem(void (*fn)(struct file_system_type *, void *),
			 void *arg)
{
	for (struct file_system_type *p = file_systems; p; p = p->next)
		fn(p, arg);
}

struct super_block *sget_anon(struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_dev = MKDEV(0, atomic_add_return(1, &next_anon_dev));
	sb->s_blocksize = STAT_BLKSIZE;
	atomic_set(&sb->s_active, 1);
	mutex_init(&sb->s_rename_mutex, "sb->s_rename_mutex");
	spin_lock_init(&sb->s_inode_list_lock, "sb->s_inode_list_lock");
	INIT_LIST_HEAD(&sb->s_inodes);
	spin_lock(&sb_lock);
	list_add_tail(&sb->s_list, &super_blocks);
	spin_unlock(&sb_lock);
	return sb;
}

void kill_anon_super(struct super_block *sb)
{
	struct dentry *root = sb->s_root;

	sb->s_root = NULL;
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	dput(root);
	spin_lock(&sb_lock);
	list_del(&sb->s_list);
	spin_unlock(&sb_lock);
	kfree(sb);
}

/* Make a super block and let fill_super give it a root. */
static struct dentry *mount_new(struct file_system_type *type, int flags,
				void *data,
				int (*fill_super)(struct super_block *, void *))
{
	struct super_block *sb = sget_anon(type);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_flags = flags;
	err = fill_super(sb, data);
	if (err) {
		type->kill_sb(sb);
		return ERR_PTR(err);
	}
	return dget(sb->s_root);
}

struct dentry *mount_nodev(struct file_system_type *type, int flags,
			   void *data,
			   int (*fill_super)(struct super_block *, void *))
{
	return mount_new(type, flags, data, fill_super);
}

struct dentry *mount_single(struct file_system_type *type, int flags,
			    void *data,
			    int (*fill_super)(struct super_block *, void *))
{
	struct super_block *sb, *found = NULL;
	struct dentry *root;

	spin_lock(&sb_lock);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_type == type && sb->s_root) {
			atomic_inc(&sb->s_active);
			found = sb;
			break;
		}
	}
	spin_unlock(&sb_lock);
	if (found)
		return dget(found->s_root);
	root = mount_new(type, flags, data, fill_super);
	return root;
}
