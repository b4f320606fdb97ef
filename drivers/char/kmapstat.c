// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/kmapstat: the per-CPU highmem counters (mm/highmem.c) as text, at
 * major 10 (misc) minor 240, a minor from Linux's local/experimental
 * range. It is the only misc device, so it has the major to itself and
 * refuses the other minors.
 *
 * Each read formats a fresh table and returns the part from the position
 * on, so `cat` sees one snapshot when its buffer holds the table (it
 * always does with 4 KiB), and reopening or seeking to 0 samples the
 * counters again. The node's size is 0, as a /proc file's.
 */
#include <fs.h>
#include <devices.h>
#include <highmem.h>
#include <stat.h>
#include <uaccess.h>
#include <kernel.h>
#include <mm.h>
#include <errno.h>

#define MISC_MAJOR		10
#define KMAPSTAT_MINOR		240
/* Room for the header and one line per CPU at NR_CPUS (about 80 bytes). */
#define KMAPSTAT_SIZE		PAGE_SIZE

static ssize_t kmapstat_read(struct file *f, char __user *buf, size_t n,
			     loff_t *ppos)
{
	char *table = kmalloc(KMAPSTAT_SIZE, GFP_KERNEL);
	loff_t pos = *ppos;
	ssize_t ret;
	int len;

	if (!table)
		return -ENOMEM;
	len = kmap_stats_show(table, KMAPSTAT_SIZE);
	ret = pos >= 0 && pos < len ? (ssize_t)min((loff_t)n, len - pos) : 0;
	if (ret && copy_to_user(buf, table + pos, ret))
		ret = -EFAULT;
	else
		*ppos = pos + ret;
	kfree(table);
	return ret;
}

static int kmapstat_open(struct inode *inode, struct file *f)
{
	if (MINOR(inode->i_rdev) != KMAPSTAT_MINOR)
		return -ENXIO;
	/* One read at a time moves the position (as a regular file). */
	f->f_mode |= FMODE_ATOMIC_POS;
	return 0;
}

static const struct file_operations kmapstat_fops = {
	.open = kmapstat_open,
	.read = kmapstat_read,
	.llseek = generic_file_llseek,
};

void kmapstat_chr_init(void)
{
	register_chrdev(MISC_MAJOR, "misc", &kmapstat_fops);
}
