// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for file systems whose directories are kept entirely in the
 * dcache (tmpfs, devtmpfs): a name exists exactly while its dentry is
 * hashed and pinned (DCACHE_PINNED holds a reference for the name), so
 * lookup of anything else is "no such name", unlink is unpinning, and
 * listing a directory is walking its dentry's children.
 *
 * Directory changes run with the directory's i_rwsem held (fs/namei.c
 * takes it); the dcache's own lists change under dcache_lock.
 */
#include <fs.h>
#include <dcache.h>
#include <namei.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags)
{
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d_add(dentry, NULL);
	return NULL;
}

/* dcache_lock held: does d name a file now? */
static bool d_live(const struct dentry *d)
{
	return d->d_inode && !d_unhashed(d);
}

bool simple_empty(struct dentry *dentry)
{
	struct dentry *child;
	bool empty = true;

	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dentry->d_subdirs, d_child) {
		if (d_live(child)) {
			empty = false;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return empty;
}

/*
 * List the live children from the cookie ctx->pos on. A child's cookie
 * (d_offset) is handed out when it is linked and never reused in that
 * directory, so entries created or removed meanwhile never make a
 * reader skip or repeat one that stays.
 */
int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *child;

	if (!dir_emit_dots(f, ctx))
		return 0;
	spin_lock(&dcache_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		struct inode *inode = child->d_inode;

		if (child->d_offset < ctx->pos || !d_live(child))
			continue;
		ctx->pos = child->d_offset;
		if (!dir_emit(ctx, child->d_name.name, child->d_name.len,
			      inode->i_ino, mode_to_dtype(inode->i_mode)))
			break;
		ctx->pos = child->d_offset + 1;
	}
	spin_unlock(&dcache_lock);
	return 0;
}

static loff_t dcache_dir_lseek(struct file *f, loff_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	return vfs_setpos(f, off, MAX_LFS_FILESIZE);
}

const struct file_operations simple_dir_operations = {
	.llseek = dcache_dir_lseek,
	.iterate_shared = dcache_readdir,
	.fsync = noop_fsync,
};

/* dir's own times: a name in it was added or removed. */
static void dir_changed(struct inode *dir)
{
	inode_touch_mc(dir);
}

int simple_link(struct dentry *old, struct inode *dir, struct dentry *new)
{
	struct inode *inode = d_inode(old);

	inode->i_ctime = current_time(inode);
	inc_nlink(inode);
	igrab(inode);
	d_add(new, inode);
	d_pin(new);
	dir_changed(dir);
	return 0;
}

int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);

	inode->i_ctime = current_time(inode);
	drop_nlink(inode);
	d_unpin(dentry);
	dir_changed(dir);
	return 0;
}

int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(d_inode(dentry));	/* its "." */
	simple_unlink(dir, dentry);
	drop_nlink(dir);		/* its ".." */
	return 0;
}

/* Directories' link counts when a directory moves between parents. */
static void move_dir_links(struct inode *from, struct inode *to)
{
	if (from == to)
		return;
	drop_nlink(from);
	inc_nlink(to);
}

static int simple_exchange(struct inode *old_dir, struct dentry *old,
			   struct inode *new_dir, struct dentry *new)
{
	bool old_is_dir = S_ISDIR(d_inode(old)->i_mode);
	bool new_is_dir = S_ISDIR(d_inode(new)->i_mode);

	if (old_is_dir && !new_is_dir)
		move_dir_links(old_dir, new_dir);
	else if (!old_is_dir && new_is_dir)
		move_dir_links(new_dir, old_dir);
	d_exchange(old, new);
	dir_changed(old_dir);
	dir_changed(new_dir);
	return 0;
}

int simple_rename(struct inode *old_dir, struct dentry *old,
		  struct inode *new_dir, struct dentry *new,
		  unsigned int flags)
{
	struct inode *inode = d_inode(old), *target = d_inode(new);
	bool is_dir = S_ISDIR(inode->i_mode);

	if (flags & RENAME_EXCHANGE)
		return simple_exchange(old_dir, old, new_dir, new);
	if (target) {
		if (is_dir && !simple_empty(new))
			return -ENOTEMPTY;
		if (is_dir) {
			drop_nlink(target);	/* its "." */
			drop_nlink(new_dir);	/* its ".." */
		}
		simple_unlink(new_dir, new);
	}
	if (is_dir)
		move_dir_links(old_dir, new_dir);
	d_move(old, new);
	inode->i_ctime = current_time(inode);
	dir_changed(old_dir);
	dir_changed(new_dir);
	return 0;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int valid = attr->ia_valid;

	spin_lock(&inode->i_lock);
	if (valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) |
				(attr->ia_mode & S_IALLUGO);
	if (valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (valid & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	spin_unlock(&inode->i_lock);
}

/* Attributes only: a file system with data has its own for ATTR_SIZE. */
int simple_setattr(struct dentry *dentry, struct iattr *attr)
{
	if (attr->ia_valid & ATTR_SIZE)
		return -EPERM;
	setattr_copy(d_inode(dentry), attr);
	return 0;
}

int simple_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = dentry->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

int simple_get_link(struct dentry *dentry, struct link_target *lt)
{
	struct inode *inode = d_inode(dentry);

	if (!inode->i_link)
		return -EINVAL;
	strlcpy(lt->buf, inode->i_link, PATH_MAX);
	return 0;
}

const struct inode_operations simple_symlink_inode_operations = {
	.get_link = simple_get_link,
};
