// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/mounts (a link to self/mounts; /proc/PID/mounts is the same text
 * for every process: there is one name space) and /proc/filesystems,
 * made from the mount table and the registered file-system types.
 *
 *   tmpfs / tmpfs rw,size=...k 0 0
 *   proc /proc proc rw,nosuid,nodev,noexec 0 0
 *
 * Fields: the source mount(2) was given, the mount point as seen from
 * the root of the name space (space, tab, newline and backslash written
 * as \ooo octal, as Linux does, so the line still splits on blanks), the
 * type, the options (the super block's own after the generic ones), and
 * two zeros for dump and fsck.
 */
#include "internal.h"
#include <mount.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define MOUNT_OPTS_MAX	128

struct mounts_walk {
	struct pbuf *pb;
	char *path_buf;			/* PATH_MAX bytes for d_path */
};

/* A name with the field separators escaped. */
static void show_escaped(struct pbuf *pb, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			pb_printf(pb, "\\%03o", (unsigned char)*s);
		else
			pb_write(pb, s, 1);
	}
}

static void show_flags(struct pbuf *pb, const struct vfsmount *mnt)
{
	unsigned long sbf = mnt->mnt_sb->s_flags;

	pb_printf(pb, " %s", mnt_is_readonly(mnt) ? "ro" : "rw");
	if ((mnt->mnt_flags & MNT_NOSUID) || (sbf & SB_NOSUID))
		pb_printf(pb, ",nosuid");
	if ((mnt->mnt_flags & MNT_NODEV) || (sbf & SB_NODEV))
		pb_printf(pb, ",nodev");
	if ((mnt->mnt_flags & MNT_NOEXEC) || (sbf & SB_NOEXEC))
		pb_printf(pb, ",noexec");
}

/* One line; a mount point whose name does not fit is left out. */
static void show_mount(struct vfsmount *mnt, void *arg)
{
	struct mounts_walk *w = arg;
	struct super_block *sb = mnt->mnt_sb;
	struct path root = { .mnt = mnt, .dentry = mnt->mnt_root };
	char opts[MOUNT_OPTS_MAX] = "";
	char *name = d_path(&root, w->path_buf, PATH_MAX);

	if (IS_ERR(name))
		return;
	show_escaped(w->pb, mnt->mnt_devname[0] ? mnt->mnt_devname
						: sb->s_type->name);
	pb_printf(w->pb, " ");
	show_escaped(w->pb, name);
	pb_printf(w->pb, " %s", sb->s_type->name);
	show_flags(w->pb, mnt);
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(sb, opts, sizeof(opts));
	pb_printf(w->pb, "%s 0 0\n", opts);
}

int proc_mounts_show(struct pbuf *pb, struct task_struct *t)
{
	struct mounts_walk w = { .pb = pb };

	w.path_buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!w.path_buf)
		return -ENOMEM;
	for_each_mount(show_mount, &w);
	kfree(w.path_buf);
	return 0;
}

/* Every type is "nodev": none needs a block device. */
static void show_filesystem(struct file_system_type *type, void *arg)
{
	pb_printf(arg, "nodev\t%s\n", type->name);
}

int proc_filesystems_show(struct pbuf *pb, struct task_struct *t)
{
	for_each_filesystem(show_filesystem, pb);
	return 0;
}
