// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices: a table from major number to the driver's file
 * operations. A device node (an S_IFCHR inode in any file system) gets
 * def_chr_fops from init_special_inode(); opening it looks up the major
 * of i_rdev here and hands the file over to the driver, whose own ->open
 * tells its minors apart if it has several (drivers/char/mem.c).
 *
 * Drivers are built in and never go away, so a looked-up fops needs no
 * reference: the table only grows, under chrdevs_lock.
 */
#include <fs.h>
#include <devices.h>
#include <stat.h>
#include <spinlock.h>
#include <kernel.h>
#include <printk.h>
#include <errno.h>

#define CHRDEV_MAJOR_MAX	256	/* majors 0..255 */
#define CHRDEV_MAJOR_DYN_HI	254	/* dynamic majors, from here down */
#define CHRDEV_MAJOR_DYN_LO	234

struct char_device {
	const char *name;
	const struct file_operations *fops;
};

static struct char_device chrdevs[CHRDEV_MAJOR_MAX];
static DEFINE_SPINLOCK(chrdevs_lock);

/* chrdevs_lock held: a free dynamic major, or -EBUSY. */
static int find_dynamic_major(void)
{
	for (int major = CHRDEV_MAJOR_DYN_HI; major >= CHRDEV_MAJOR_DYN_LO;
	     major--)
		if (!chrdevs[major].fops)
			return major;
	return -EBUSY;
}

/**
 * register_chrdev - let opens of a major's device nodes reach a driver
 * @major: the major number, or 0 for a free one (234..254)
 * @name: the driver's name (for messages)
 * @fops: the driver's operations; every minor of the major gets them
 *
 * Returns the major (the chosen one if @major was 0), -EINVAL for a
 * major out of range, or -EBUSY if another driver has it.
 */
int register_chrdev(u32 major, const char *name,
		    const struct file_operations *fops)
{
	int ret;

	if (major >= CHRDEV_MAJOR_MAX || !fops)
		return -EINVAL;
	spin_lock(&chrdevs_lock);
	ret = major ? (int)major : find_dynamic_major();
	if (ret > 0 && chrdevs[ret].fops)
		ret = -EBUSY;
	if (ret > 0) {
		chrdevs[ret].name = name;
		chrdevs[ret].fops = fops;
	}
	spin_unlock(&chrdevs_lock);
	if (ret < 0)
		pr_warn("chrdev: cannot register %s at major %u: %d\n", name,
			major, ret);
	return ret;
}

static const struct file_operations *chrdev_fops(u32 rdev)
{
	const struct file_operations *fops = NULL;

	if (MAJOR(rdev) >= CHRDEV_MAJOR_MAX)
		return NULL;
	spin_lock(&chrdevs_lock);
	fops = chrdevs[MAJOR(rdev)].fops;
	spin_unlock(&chrdevs_lock);
	return fops;
}

/*
 * The generic core set f_mode from def_chr_fops, which has nothing but
 * ->open: describe the driver's file instead. A device is seekable and
 * takes pread/pwrite unless its ->open says it is a stream (Linux's
 * default too: /dev/null and /dev/zero accept pread).
 */
static void chrdev_set_mode(struct file *f, const struct file_operations *fops)
{
	f->f_mode &= ~(FMODE_LSEEK | FMODE_STREAM);
	if (fops->llseek)
		f->f_mode |= FMODE_LSEEK;
	f->f_mode |= FMODE_PREAD | FMODE_PWRITE;
}

/**
 * chrdev_replace_fops - a driver's ->open hands the file to another fops
 * @f: the file being opened
 * @fops: the operations of the minor that was opened
 *
 * For drivers with several minors behind one major: they look at the
 * minor in their ->open and call this, then the minor's own ->open.
 */
void chrdev_replace_fops(struct file *f, const struct file_operations *fops)
{
	f->f_op = fops;
	chrdev_set_mode(f, fops);
}

static int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops = chrdev_fops(inode->i_rdev);

	if (!fops)
		return -ENXIO;	/* a node with no driver behind it */
	chrdev_replace_fops(f, fops);
	return fops->open ? fops->open(inode, f) : 0;
}

/* What open() of every S_IFCHR inode starts with (init_special_inode). */
const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/**
 * chr_dev_init - register the built-in character device drivers
 *
 * Called once at boot, before the first open of a device node.
 */
void chr_dev_init(void)
{
	mem_chr_init();
	tty_chr_init();
	kmapstat_chr_init();
}
