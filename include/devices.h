/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Character devices and the /dev they appear in.
 *
 *   fs/char_dev.c          register_chrdev() (include/fs.h): major -> fops;
 *                          def_chr_fops, what opening any S_IFCHR inode runs
 *   drivers/char/mem.c     /dev/null 1:3, /dev/zero 1:5, /dev/full 1:7
 *   drivers/char/kmapstat.c /dev/kmapstat 10:240 (the kmap counters)
 *   drivers/tty/console.c  /dev/tty 5:0, /dev/console 5:1, /dev/ttyS0 4:64
 *   fs/devtmpfs.c          a tmpfs on /dev with a node for each of them
 *
 * Documentation/filesystems/devices.md tells the whole story.
 */
#ifndef _DEVICES_H
#define _DEVICES_H

#include <fs.h>

/* Boot: register every character device driver (before any open). */
void chr_dev_init(void);
/* Boot, once the root is unpacked: mount a tmpfs on /dev, make the nodes. */
void devtmpfs_init(void);
/* Boot: take console input from the serial receive interrupt or a timer. */
void console_input_init(void);

/* Each driver's registration, called by chr_dev_init(). */
void mem_chr_init(void);
void kmapstat_chr_init(void);
void tty_chr_init(void);

/*
 * For a driver with several minors: its ->open switches the file to the
 * minor's operations (fs/char_dev.c), then calls the minor's ->open.
 */
void chrdev_replace_fops(struct file *f, const struct file_operations *fops);

/*
 * A device without a position (terminals, pipes): lseek, pread and
 * pwrite fail with -ESPIPE. Called from a file's ->open.
 */
static inline void file_make_stream(struct file *f)
{
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE |
		       FMODE_ATOMIC_POS);
	f->f_mode |= FMODE_STREAM;
}

#endif
