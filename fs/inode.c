// SPDX-License-Identifier: GPL-2.0
/*
 * Inodes: creation, reference counting and the attribute helpers every
 * file system shares.
 *
 * An inode lives while someone holds a reference: a dentry that names it,
 * an open file (through its dentry), the page-cache code for a moment.
 * The last iput() hands it to the file system's evict_inode (tmpfs frees
 * its pages there) and frees it. Inodes are not cached by number: every
 * file system here keeps its inodes reachable through dentries alone.
 */
#include <fs.h>
#include <dcache.h>
#include <pagemap.h>
#include <time.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <filelock.h>

static void inode_init_always(struct super_block *sb, struct inode *inode)
{
	struct timespec64 now;

	atomic_set(&inode->i_count, 1);
	inode->i_sb = sb;
	inode->i_nlink = 1;
	inode->i_ino = get_next_ino(sb);
	spin_lock_init(&inode->i_lock, "inode->i_lock");
	init_rwsem(&inode->i_rwsem, "inode->i_rwsem");
	address_space_init(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_flock);
	now = current_time(inode);
	inode->i_atime = inode->i_mtime = inode->i_ctime = now;
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;

	if (sb->s_op && sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else
		inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return NULL;
	inode_init_always(sb, inode);
	spin_lock(&sb->s_inode_list_lock);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb->s_inode_list_lock);
	return inode;
}

u64 get_next_ino(struct super_block *sb)
{
	return (u32)atomic_add_return(1, &sb->s_next_ino);
}

struct inode *igrab(struct inode *inode)
{
	atomic_inc(&inode->i_count);
	return inode;
}

static void evict(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	spin_lock(&sb->s_inode_list_lock);
	list_del_init(&inode->i_sb_list);
	spin_unlock(&sb->s_inode_list_lock);
	if (!list_empty(&inode->i_flock))
		locks_free_inode(inode);
	if (sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(inode);
	else
		truncate_inode_pages(&inode->i_data, 0);
	if (sb->s_op && sb->s_op->free_inode)
		sb->s_op->free_inode(inode);
	else
		kfree(inode);
}

void iput(struct inode *inode)
{
	if (inode && atomic_dec_and_test(&inode->i_count))
		evict(inode);
}

/* root is the only user: new files belong to it (uid 0, gid 0). */
void inode_init_owner(struct inode *inode, const struct inode *dir, u32 mode)
{
	inode->i_uid = 0;
	inode->i_gid = 0;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	inode->i_mode = mode;
}

void init_special_inode(struct inode *inode, u32 mode, u32 rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;
	}
	/* Block devices and sockets have no driver here: open fails. */
}

void inc_nlink(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	inode->i_nlink++;
	spin_unlock(&inode->i_lock);
}

void drop_nlink(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	if (inode->i_nlink)
		inode->i_nlink--;
	spin_unlock(&inode->i_lock);
}

void clear_nlink(struct inode *inode)
{
	set_nlink(inode, 0);
}

void set_nlink(struct inode *inode, u32 n)
{
	spin_lock(&inode->i_lock);
	inode->i_nlink = n;
	spin_unlock(&inode->i_lock);
}

struct timespec64 current_time(struct inode *inode)
{
	struct timespec64 ts = { 0, 0 };
	u64 ns;

	if (!clock_now(CLOCK_REALTIME, &ns)) {
		ts.tv_sec = ns / NSEC_PER_SEC;
		ts.tv_nsec = ns % NSEC_PER_SEC;
	}
	return ts;
}

void inode_touch_mc(struct inode *inode)
{
	struct timespec64 now = current_time(inode);

	spin_lock(&inode->i_lock);
	inode->i_mtime = inode->i_ctime = now;
	spin_unlock(&inode->i_lock);
}

void generic_fillattr(struct inode *inode, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	spin_lock(&inode->i_lock);
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->dev = inode->i_sb->s_dev;
	st->rdev = inode->i_rdev;
	st->ino = inode->i_ino;
	st->size = inode->i_size;
	st->blksize = STAT_BLKSIZE;
	st->blocks = inode->i_blocks;
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	spin_unlock(&inode->i_lock);
}
