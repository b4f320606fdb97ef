// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the initramfs, a cpio archive in the "newc" format (what
 * `cpio -o -H newc` writes), in place:
 *
 *   +----------------------------+ 110-byte ASCII header: "070701" then
 *   | c_magic c_ino c_mode ...   | 13 fields of 8 hex digits (mode,
 *   | c_filesize ... c_namesize  | filesize, namesize among them)
 *   +----------------------------+
 *   | name\0, padded so header + | e.g. "./init", "bin/hello", "."
 *   | name is a multiple of 4    |
 *   +----------------------------+
 *   | file data, padded to 4     |
 *   +----------------------------+
 *   | ... next entry ...         |
 *   | "TRAILER!!!" ends it       |
 *
 * Every field is checked against the archive's length before use: a
 * corrupt archive is reported and ignored, never trusted.
 *
 * Hard links: cpio writes a file with several names (c_nlink > 1) once
 * per name, all with the same c_ino and device, and stores the data with
 * only one of them (the last, for GNU cpio); the others have size 0. Each
 * name gets that data and one shared inode number, as if linked.
 */
#include <initramfs.h>
#include <fs.h>
#include <namei.h>
#include <mount.h>
#include <panic.h>
#include <printk.h>
#include <initrd.h>
#include <setup.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define NEWC_HDR_LEN	110
#define MAX_ENTRIES	4096


static int parse_hex8(const char *s, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* Drop leading "/" and "./"; "." and "" both name the root. */
static const char *strip_prefix(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else if (name[0] == '.' && name[1] == '\0')
			name++;
		else
			return name;
	}
}

static bool same_cpio_inode(const struct initramfs_entry *a,
			    const struct initramfs_entry *b)
{
	return S_ISREG(a->mode) && S_ISREG(b->mode) && a->nlink > 1 &&
	       b->nlink > 1 && a->cpio_ino == b->cpio_ino &&
	       a->cpio_dev == b->cpio_dev;
}

/*
 * Give every name of a hard-linked file the data stored with one of them
 * and the inode number of its first name. Quadratic only in the names
 * that have links.
 */
static void resolve_hard_links(struct initramfs_entry *tab, int n)
{
	for (int i = 0; i < n; i++) {
		struct initramfs_entry *e = &tab[i];

		if (!S_ISREG(e->mode) || e->nlink < 2)
			continue;
		for (int j = 0; j < n; j++) {
			if (j == i || !same_cpio_inode(e, &tab[j]))
				continue;
			if (tab[j].ino < e->ino)
				e->ino = tab[j].ino;
			if (!e->size && tab[j].size) {
				e->data = tab[j].data;
				e->size = tab[j].size;
			}
		}
	}
}

int initramfs_parse_into(const void *archive, unsigned long len,
			 struct initramfs_entry *tab, int max)
{
	const char *base = archive;
	unsigned long off = 0;
	int n = 0;

	for (;;) {
		const char *h = base + off;
		u32 ino, mode, nlink, mtime, filesize, devmajor, devminor;
		u32 rdevmajor, rdevminor;
		u32 namesize;
		unsigned long name_off, data_off;

		if (off > len || len - off < NEWC_HDR_LEN)
			goto corrupt;
		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
			goto corrupt;
		if (parse_hex8(h + 6, &ino) || parse_hex8(h + 14, &mode) ||
		    parse_hex8(h + 38, &nlink) || parse_hex8(h + 46, &mtime) ||
		    parse_hex8(h + 54, &filesize) ||
		    parse_hex8(h + 62, &devmajor) ||
		    parse_hex8(h + 70, &devminor) ||
		    parse_hex8(h + 78, &rdevmajor) ||
		    parse_hex8(h + 86, &rdevminor) ||
		    parse_hex8(h + 94, &namesize))
			goto corrupt;
		name_off = off + NEWC_HDR_LEN;
		if (namesize == 0 || namesize > len - name_off ||
		    base[name_off + namesize - 1] != '\0')
			goto corrupt;
		data_off = ALIGN(name_off + namesize, 4);
		if (data_off > len || filesize > len - data_off)
			goto corrupt;
		if (!strcmp(base + name_off, "TRAILER!!!")) {
			resolve_hard_links(tab, n);
			return n;
		}
		if (n == max) {
			pr_warn("initramfs: more than %d entries; rest ignored\n",
				max);
			resolve_hard_links(tab, n);
			return n;
		}
		tab[n].name = strip_prefix(base + name_off);
		tab[n].mode = mode;
		tab[n].data = base + data_off;
		tab[n].size = filesize;
		tab[n].ino = n + 2;
		tab[n].mtime = mtime;
		tab[n].nlink = nlink;
		tab[n].cpio_ino = ino;
		tab[n].cpio_dev = devmajor << 16 ^ devminor;
		tab[n].rdev = MKDEV(rdevmajor, rdevminor);
		n++;
		off = ALIGN(data_off + filesize, 4);
	}
corrupt:
	pr_err("initramfs: corrupt cpio newc archive at offset %lu\n", off);
	return -EINVAL;
}

/* ---- unpacking into the root file system ---------------------------- */

/* Make one name from the kernel: a directory, a symlink to target, or
 * a node of mode (file type included) and dev. 0 or -errno. */
static int init_create(const char *name, u32 mode, u32 dev,
		       const char *target)
{
	struct filename *fn = getname_kernel(name);
	struct path parent;
	struct dentry *dentry;
	struct inode *dir;
	int err;

	if (IS_ERR(fn))
		return PTR_ERR(fn);
	dentry = filename_create(AT_FDCWD, fn, &parent,
				 S_ISDIR(mode) ? LOOKUP_DIRECTORY : 0);
	putname(fn);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	dir = d_inode(parent.dentry);
	if (S_ISDIR(mode))
		err = vfs_mkdir(dir, dentry, mode);
	else if (target)
		err = vfs_symlink(dir, dentry, target);
	else
		err = vfs_mknod(dir, dentry, mode, dev);
	done_path_create(&parent, dentry);
	return err;
}

int init_mkdir(const char *name, u32 mode)
{
	return init_create(name, S_IFDIR | (mode & S_IALLUGO), 0, NULL);
}

static int init_link(const char *old, const char *name)
{
	struct filename *fn;
	struct path from, parent;
	struct dentry *dentry;
	int err = kern_path(old, 0, &from);

	if (err)
		return err;
	fn = getname_kernel(name);
	err = PTR_ERR(fn);
	if (IS_ERR(fn))
		goto out;
	dentry = filename_create(AT_FDCWD, fn, &parent, 0);
	putname(fn);
	err = PTR_ERR(dentry);
	if (IS_ERR(dentry))
		goto out;
	err = vfs_link(from.dentry, d_inode(parent.dentry), dentry);
	done_path_create(&parent, dentry);
out:
	path_put(&from);
	return err;
}

/* The archive's mode bits and mtime for what was just made. */
static void init_attrs(const char *name, const struct initramfs_entry *e)
{
	struct iattr attr = {
		.ia_valid = ATTR_MODE | ATTR_MTIME | ATTR_MTIME_SET |
			    ATTR_ATIME | ATTR_ATIME_SET,
		.ia_mode = e->mode,
		.ia_mtime = { e->mtime, 0 },
		.ia_atime = { e->mtime, 0 },
	};
	struct path path;

	if (kern_path(name, 0, &path))
		return;
	notify_change(path.dentry, &attr);
	path_put(&path);
}

static int write_file(const char *name, const struct initramfs_entry *e)
{
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC,
				   e->mode & S_IALLUGO);
	loff_t pos = 0;
	ssize_t n = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (e->size)
		n = kernel_write(f, e->data, e->size, &pos);
	fput(f);
	if (n < 0)
		return n;
	return (u32)n == e->size ? 0 : -ENOSPC;
}

/* An earlier name of the same file in the archive (a hard link). */
static const struct initramfs_entry *first_name(
	const struct initramfs_entry *tab, int i)
{
	for (int j = 0; j < i; j++)
		if (same_cpio_inode(&tab[i], &tab[j]))
			return &tab[j];
	return NULL;
}

static int unpack_entry(const struct initramfs_entry *tab, int i, char *path)
{
	const struct initramfs_entry *e = &tab[i], *first;
	u32 type = e->mode & S_IFMT;
	int err;

	snprintf(path, PATH_MAX, "/%s", e->name);
	if (!e->name[0])
		return 0;	/* the root: its mode comes with the directories' */
	if (type == S_IFDIR) {
		err = init_mkdir(path, e->mode & S_IALLUGO);
		return err == -EEXIST ? 0 : err;
	}
	if (type == S_IFLNK) {
		char *target = kmalloc(e->size + 1, GFP_KERNEL);

		if (!target)
			return -ENOMEM;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		err = init_create(path, S_IFLNK | 0777, 0, target);
		kfree(target);
		return err;
	}
	if (type == S_IFREG && (first = first_name(tab, i))) {
		char *old = kmalloc(PATH_MAX, GFP_KERNEL);

		if (!old)
			return -ENOMEM;
		snprintf(old, PATH_MAX, "/%s", first->name);
		err = init_link(old, path);
		kfree(old);
		return err;
	}
	if (type == S_IFREG)
		err = write_file(path, e);
	else
		err = init_create(path, e->mode, e->rdev, NULL);
	if (!err)
		init_attrs(path, e);
	return err;
}

/* Directories get their times last: making their entries changed them. */
static void unpack_dir_times(const struct initramfs_entry *tab, int n,
			     char *path)
{
	for (int i = 0; i < n; i++) {
		if (!S_ISDIR(tab[i].mode))
			continue;
		snprintf(path, PATH_MAX, "/%s", tab[i].name);
		init_attrs(path, &tab[i]);
	}
}

static int unpack(const struct initramfs_entry *tab, int n)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	int failed = 0;

	if (!path)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		int err = unpack_entry(tab, i, path);

		if (err) {
			pr_warn("initramfs: /%s: error %d\n", tab[i].name, err);
			failed++;
		}
	}
	unpack_dir_times(tab, n, path);
	kfree(path);
	return failed;
}

/**
 * initramfs_unpack - put the boot archive into the root file system
 *
 * Every directory, file, symlink, hard link and node of the cpio archive
 * the boot loader passed (the first Multiboot module) is made in the
 * rootfs tmpfs, so / is writable and the files' pages live in the page
 * cache (highmem first), as Linux does with its initramfs.
 */
void initramfs_unpack(void)
{
	unsigned long len = initrd_end - initrd_start;
	struct initramfs_entry *tab;
	int n, failed;

	if (!initrd_start) {
		pr_warn("initramfs: no initrd module; no programs to run\n");
		return;
	}
	if (initrd_end > lowmem_end) {
		pr_err("initramfs: module at %#x-%#x is above lowmem; ignored\n",
		       initrd_start, initrd_end);
		return;
	}
	tab = kmalloc(sizeof(*tab) * MAX_ENTRIES, GFP_KERNEL);
	if (!tab)
		panic("initramfs: no memory for the entry table");
	n = initramfs_parse_into(__va(initrd_start), len, tab, MAX_ENTRIES);
	if (n >= 0) {
		failed = unpack(tab, n);
		pr_info("initramfs: %d entries, %lu KiB unpacked into the "
			"rootfs%s\n", n, len / 1024,
			failed ? " (some failed)" : "");
	}
	kfree(tab);
}
