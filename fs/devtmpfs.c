// SPDX-License-Identifier: GPL-2.0
/*
 * devtmpfs: /dev is a tmpfs mounted at boot with a node for every
 * built-in character device, as Linux's devtmpfs makes them when drivers
 * register. Here the list is fixed (devnodes[] below) and made once;
 * being a tmpfs, /dev then takes mknod, mkfifo, links and removals like
 * any directory.
 *
 * The nodes are made through the VFS as mknod(2) would, so what stat()
 * shows is the tmpfs inode: st_rdev the device number, st_dev the /dev
 * mount. Opening one runs def_chr_fops (fs/char_dev.c).
 */
#include <fs.h>
#include <mount.h>
#include <namei.h>
#include <dcache.h>
#include <devices.h>
#include <stat.h>
#include <kernel.h>
#include <printk.h>
#include <errno.h>

struct devnode {
	const char *name;
	u32 mode;
	u32 rdev;
};

/* Linux's numbers and devtmpfs's modes (Documentation/admin-guide/devices.txt). */
static const struct devnode devnodes[] = {
	{ "/dev/null",		S_IFCHR | 0666, MKDEV(1, 3) },
	{ "/dev/zero",		S_IFCHR | 0666, MKDEV(1, 5) },
	{ "/dev/full",		S_IFCHR | 0666, MKDEV(1, 7) },
	{ "/dev/tty",		S_IFCHR | 0666, MKDEV(5, 0) },
	{ "/dev/console",	S_IFCHR | 0600, MKDEV(5, 1) },
	{ "/dev/ttyS0",		S_IFCHR | 0660, MKDEV(4, 64) },
	{ "/dev/kmapstat",	S_IFCHR | 0444, MKDEV(10, 240) },
};

/* The standard descriptors through /proc (Linux's udev and systemd). */
static const struct {
	const char *name, *target;
} devlinks[] = {
	{ "/dev/fd",		"/proc/self/fd" },
	{ "/dev/stdin",		"/proc/self/fd/0" },
	{ "/dev/stdout",	"/proc/self/fd/1" },
	{ "/dev/stderr",	"/proc/self/fd/2" },
};

enum devtmpfs_op { DEV_MKDIR, DEV_MKNOD, DEV_SYMLINK };

/* Make one name, as mkdir(2), mknod(2) or symlink(2) would: 0 or -errno. */
static int devtmpfs_create(const char *name, enum devtmpfs_op op, u32 mode,
			   u32 rdev, const char *target)
{
	struct filename *fn = getname_kernel(name);
	struct dentry *dentry;
	struct path parent;
	struct inode *dir;
	int err;

	if (IS_ERR(fn))
		return PTR_ERR(fn);
	dentry = filename_create(AT_FDCWD, fn, &parent,
				 op == DEV_MKDIR ? LOOKUP_DIRECTORY : 0);
	if (IS_ERR(dentry)) {
		putname(fn);
		return PTR_ERR(dentry);
	}
	dir = d_inode(parent.dentry);
	switch (op) {
	case DEV_MKDIR:
		err = vfs_mkdir(dir, dentry, mode);
		break;
	case DEV_MKNOD:
		err = vfs_mknod(dir, dentry, mode, rdev);
		break;
	default:
		err = vfs_symlink(dir, dentry, target);
		break;
	}
	done_path_create(&parent, dentry);
	putname(fn);
	return err;
}

/**
 * devtmpfs_init - mount a tmpfs on /dev and make the device nodes
 *
 * Called once at boot, after the initramfs is unpacked into the root
 * (an archive that has /dev keeps it as the mount point; one without
 * gets the directory made here) and before init opens /dev/console.
 */
void devtmpfs_init(void)
{
	int err = devtmpfs_create("/dev", DEV_MKDIR, 0755, 0, NULL);

	if (err && err != -EEXIST)
		pr_err("devtmpfs: cannot make /dev: %d\n", err);
	err = init_mount("devtmpfs", "/dev", "tmpfs", 0, "mode=0755");
	if (err) {
		pr_err("devtmpfs: cannot mount on /dev: %d\n", err);
		return;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(devnodes); i++) {
		err = devtmpfs_create(devnodes[i].name, DEV_MKNOD,
				      devnodes[i].mode, devnodes[i].rdev, NULL);
		if (err)
			pr_err("devtmpfs: %s: %d\n", devnodes[i].name, err);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(devlinks); i++) {
		err = devtmpfs_create(devlinks[i].name, DEV_SYMLINK, 0, 0,
				      devlinks[i].target);
		if (err)
			pr_err("devtmpfs: %s: %d\n", devlinks[i].name, err);
	}
}
