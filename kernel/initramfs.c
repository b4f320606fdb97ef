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
#include <initrd.h>
#include <setup.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define NEWC_HDR_LEN	110
#define MAX_ENTRIES	4096
#define MAX_SYMLINKS	8
#define PATH_MAX	256

static struct initramfs_entry *entries;
static int nr_entries;

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
		n++;
		off = ALIGN(data_off + filesize, 4);
	}
corrupt:
	pr_err("initramfs: corrupt cpio newc archive at offset %lu\n", off);
	return -EINVAL;
}

int initramfs_parse(const void *archive, unsigned long len)
{
	struct initramfs_entry *tab;
	int n;

	tab = kmalloc(sizeof(*tab) * MAX_ENTRIES, GFP_KERNEL);
	if (!tab)
		return -ENOMEM;
	n = initramfs_parse_into(archive, len, tab, MAX_ENTRIES);
	if (n < 0) {
		kfree(tab);
		return n;
	}
	kfree(entries);
	entries = tab;
	nr_entries = n;
	return 0;
}

void initramfs_init(void)
{
	unsigned long len = initrd_end - initrd_start;

	if (!initrd_start) {
		pr_warn("initramfs: no initrd module; no programs to run\n");
		return;
	}
	if (initrd_end > lowmem_end) {
		pr_err("initramfs: module at %#x-%#x is above lowmem; ignored\n",
		       initrd_start, initrd_end);
		return;
	}
	if (!initramfs_parse(__va(initrd_start), len))
		pr_info("initramfs: %d entries, %lu KiB\n", nr_entries,
			len / 1024);
}

static const struct initramfs_entry *lookup_exact(const char *path, size_t len)
{
	for (int i = 0; i < nr_entries; i++) {
		const char *name = entries[i].name;

		if (strlen(name) == len && !strncmp(name, path, len))
			return &entries[i];
	}
	return NULL;
}

/*
 * Drop ".", "..", leading and repeated slashes from a name, in place, by
 * its letters only: a symlink's target may say "../bin/hello".
 */
static void normalize(char *buf)
{
	char *out = buf;
	const char *p = buf;

	while (*p) {
		size_t n = 0;

		while (*p == '/')
			p++;
		while (p[n] && p[n] != '/')
			n++;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (out > buf && out[-1] != '/')
				out--;
			if (out > buf)
				out--;		/* and the slash before it */
		} else if (n && (n != 1 || p[0] != '.')) {
			if (out > buf)
				*out++ = '/';
			memmove(out, p, n);	/* out never passes p */
			out += n;
		}
		p += n;
	}
	*out = '\0';
}

static const struct initramfs_entry root = {
	.name = "", .mode = S_IFDIR | 0755, .data = NULL, .size = 0, .ino = 1,
};

const struct initramfs_entry *initramfs_lookup_nofollow(const char *path)
{
	const char *name = strip_prefix(path);
	size_t len = strlen(name);

	while (len && name[len - 1] == '/')
		len--;
	return len ? lookup_exact(name, len) : &root;
}

const struct initramfs_entry *initramfs_lookup(const char *path)
{
	char buf[PATH_MAX];
	const struct initramfs_entry *e;
	size_t len;

	strlcpy(buf, path, sizeof(buf));
	normalize(buf);
	for (int depth = 0; depth <= MAX_SYMLINKS; depth++) {
		len = strlen(buf);
		while (len && buf[len - 1] == '/')
			buf[--len] = '\0';
		if (!len)
			return &root;
		e = lookup_exact(buf, len);
		if (!e || !S_ISLNK(e->mode))
			return e;
		if (e->size == 0 || e->size >= PATH_MAX)
			return NULL;
		if (((const char *)e->data)[0] == '/') {
			memcpy(buf, e->data, e->size);
			buf[e->size] = '\0';
		} else {
			/* Relative to the link's directory. */
			char *slash = NULL;

			for (char *p = buf; *p; p++)
				if (*p == '/')
					slash = p;
			len = slash ? (size_t)(slash - buf + 1) : 0;
			if (len + e->size >= PATH_MAX)
				return NULL;
			memcpy(buf + len, e->data, e->size);
			buf[len + e->size] = '\0';
		}
		normalize(buf);
	}
	return NULL;	/* too many links */
}

int initramfs_count(void)
{
	return nr_entries;
}

const struct initramfs_entry *initramfs_get(int i)
{
	return i >= 0 && i < nr_entries ? &entries[i] : NULL;
}
