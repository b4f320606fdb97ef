// SPDX-License-Identifier: GPL-2.0
/*
 * Path resolution for the system calls that take a path name.
 *
 * The name space is flat: the devices of kernel/devices.c under /dev, /proc
 * (kernel/procfs.c) and the entries of the initramfs, each known by its
 * full name. So a lookup
 * is a string comparison, and what this file does is to produce the one
 * string that names the file:
 *
 *   dirfd = AT_FDCWD, "bin//./tests/../hello"
 *     base "/" (the working directory, kernel/fs_struct.c)
 *     "bin"   -> "/bin"          more follows: must be a directory
 *     "."     -> "/bin"
 *     "tests" -> "/bin/tests"    must be a directory: -ENOENT here
 *
 *   dirfd = open("/bin", O_DIRECTORY), "hello"  ->  "/bin/hello"
 *
 * Every component before the last is checked to be a directory, as the
 * kernel's walk would find out (-ENOTDIR, -ENOENT), and a symlink there is
 * replaced by its target's name, so ".." after it goes where the link
 * points. The last component is left for the caller, which decides
 * whether to follow a symlink there (stat vs lstat, readlink).
 */
#include <namei.h>
#include <fs.h>
#include <fs_struct.h>
#include <initramfs.h>
#include <procfs.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>

long getname(const char __user *upath, char *buf)
{
	long len = strncpy_from_user(buf, upath, PATH_MAX);

	if (len < 0)
		return len;
	return len == PATH_MAX ? -ENAMETOOLONG : len;
}

#define MAX_PROC_LINKS	8

/* out = "/" + name (name is an initramfs name, without leading "/"). */
static int set_path(char *out, const char *name)
{
	size_t len = strlen(name);

	if (len + 2 > PATH_MAX)
		return -ENAMETOOLONG;
	out[0] = '/';
	memcpy(out + 1, name, len + 1);
	return 0;
}

/* The directory dirfd refers to, as an absolute path. */
static int dirfd_path(int dirfd, char *out)
{
	const struct initramfs_entry *e;
	struct file *f;

	if (dirfd == AT_FDCWD) {
		get_cwd(out);
		return 0;
	}
	f = fget(dirfd);
	if (!f)
		return -EBADF;
	e = initramfs_file_entry(f);
	if (!e && f->f_op->getdents64 && procfs_file_path(f, out, PATH_MAX)) {
		fput(f);
		return 0;	/* a /proc directory */
	}
	fput(f);
	if (!e || !S_ISDIR(e->mode))
		return -ENOTDIR;
	return set_path(out, e->name);
}

/*
 * More components follow `out`: it must be a directory. Devices come
 * first, as in filp_open(); /dev is their directory even when the archive
 * has no /dev entry.
 */
static int walk_into(char *out)
{
	const struct initramfs_entry *e;

	/* /proc, as if mounted there; its symlinks (/proc/self) are
	 * replaced by their targets, which must be directories in turn. */
	for (int links = 0; procfs_path(out); links++) {
		int err = procfs_walk(out);

		if (err <= 0)
			return err;
		if (links == MAX_PROC_LINKS)
			return -ELOOP;
	}
	if (device_exists(out))
		return -ENOTDIR;
	e = initramfs_lookup(out);
	if (e)
		return S_ISDIR(e->mode) ? set_path(out, e->name) : -ENOTDIR;
	return strcmp(out, "/dev") ? -ENOENT : 0;
}

/* Drop the last component ("/" stays "/": ".." of the root is itself). */
static void path_pop(char *out)
{
	size_t len = strlen(out);

	while (len > 1 && out[len - 1] != '/')
		len--;
	out[len > 1 ? len - 1 : 1] = '\0';
}

static int path_append(char *out, const char *comp, size_t n)
{
	size_t len = strlen(out);
	bool root = len == 1;

	if (len + !root + n + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	if (!root)
		out[len++] = '/';
	memcpy(out + len, comp, n);
	out[len + n] = '\0';
	return 0;
}

static size_t component_len(const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != '/')
		n++;
	return n;
}

int path_at(int dirfd, const char *name, char *out)
{
	int err = name[0] == '/' ? set_path(out, "") : dirfd_path(dirfd, out);

	while (!err && *name) {
		size_t n;

		while (*name == '/')
			name++;
		n = component_len(name);
		if (!n)
			break;		/* only slashes were left */
		if (n == 2 && name[0] == '.' && name[1] == '.')
			path_pop(out);
		else if (n != 1 || name[0] != '.')
			err = path_append(out, name, n);
		name += n;
		if (!err && *name)	/* a slash: out must be a directory */
			err = walk_into(out);
	}
	return err;
}

int user_path_at(int dirfd, const char __user *upath, char *out)
{
	char name[PATH_MAX];
	long len = getname(upath, name);

	if (len < 0)
		return len;
	if (!len)
		return -ENOENT;
	return path_at(dirfd, name, out);
}
