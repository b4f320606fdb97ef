// SPDX-License-Identifier: GPL-2.0
/*
 * getdents64: a directory's entries in struct linux_dirent64 records.
 *
 * The file system's ->iterate_shared hands entries to an actor with
 * dir_emit(); the actor here packs them into a kernel buffer, and the
 * records go to user space once the directory has been read, so no
 * user page is touched while the file system holds its locks. The
 * directory's position (a cookie the file system chooses) moves only
 * past entries that were copied out, under f_pos_lock, so two readers
 * of one open directory never see an entry twice or skip one.
 */
#include <fs.h>
#include <dcache.h>
#include <uaccess.h>
#include <syscalls.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __packed;

#define GETDENTS_CHUNK	PAGE_SIZE	/* kernel buffer per pass */

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t used, size;
	bool full;
};

static bool filldir64(struct dir_context *ctx, const char *name, int len,
		      loff_t pos, u64 ino, unsigned int type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN(sizeof(struct linux_dirent64) + len + 1, 8);
	struct linux_dirent64 *d;

	if (g->used + reclen > g->size) {
		g->full = true;
		return false;
	}
	d = (void *)(g->buf + g->used);
	memset(d, 0, reclen);
	d->d_ino = ino;
	d->d_off = pos + 1;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	g->used += reclen;
	return true;	/* the file system moves ctx->pos on */
}

bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, d_inode(d)->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		u64 ino;

		spin_lock(&dcache_lock);
		ino = d_inode(d->d_parent)->i_ino;
		spin_unlock(&dcache_lock);
		if (!dir_emit(ctx, "..", 2, ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/* Fill up to size bytes of records from f's position on. */
static long read_entries(struct file *f, struct getdents_ctx *g)
{
	struct inode *inode = file_inode(f);
	int err;

	g->ctx.actor = filldir64;
	g->ctx.pos = f->f_pos;
	err = inode_lock_shared_killable(inode);
	if (err)
		return err;
	err = f->f_op->iterate_shared(f, &g->ctx);
	inode_unlock_shared(inode);
	return err;
}

static long do_getdents64(struct file *f, void __user *ubuf, size_t count)
{
	struct getdents_ctx g = { .size = min(count, (size_t)GETDENTS_CHUNK) };
	long err;

	if (!access_ok(ubuf, count))
		return -EFAULT;
	g.buf = kmalloc(GETDENTS_CHUNK, GFP_KERNEL);
	if (!g.buf)
		return -ENOMEM;
	err = mutex_lock_killable(&f->f_pos_lock);
	if (err)
		goto out;
	err = read_entries(f, &g);
	if (!err && g.used && copy_to_user(ubuf, g.buf, g.used))
		err = -EFAULT;
	else if (!err && !g.used && g.full)
		err = -EINVAL;	/* the buffer cannot hold one record */
	if (!err) {
		f->f_pos = g.ctx.pos;
		err = g.used;
	}
	mutex_unlock(&f->f_pos_lock);
out:
	kfree(g.buf);
	return err;
}

SYSCALL_DEFINE3(getdents64, int, fd, void __user *, buf, size_t, count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(file_inode(f)->i_mode) || !f->f_op->iterate_shared)
		ret = -ENOTDIR;
	else
		ret = do_getdents64(f, buf, count);
	fput(f);
	return ret;
}
