/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Open files and file descriptors (kernel/file.c). There is no real file
 * system: open() finds /dev/null, /dev/zero, /dev/console (kernel/
 * devices.c) and the read-only files and directories of the initramfs
 * (kernel/initramfs.c). Each task has a files_struct, a table of struct
 * file pointers indexed by descriptor, shared on CLONE_FILES.
 */
#ifndef _FS_H
#define _FS_H

#include <types.h>
#include <atomic.h>
#include <spinlock.h>


#define NR_OPEN		64

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* d_type in getdents64 */
#define DT_CHR		2
#define DT_DIR		4
#define DT_REG		8
#define DT_LNK		10

struct file;
struct kstat;
struct initramfs_entry;
struct poll_table_struct;

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

struct file_operations {
	ssize_t (*read)(struct file *f, char __user *buf, size_t n);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t n);
	/* Optional: at an explicit offset, f_pos untouched (pread64,
	 * pwrite64); a file without them is a stream there (-ESPIPE). */
	ssize_t (*pread)(struct file *f, char __user *buf, size_t n,
			 long long pos);
	ssize_t (*pwrite)(struct file *f, const char __user *buf, size_t n,
			  long long pos);
	/* Optional: write all vectors as one (the console keeps them
	 * together); the vectors are already checked. */
	ssize_t (*writev)(struct file *f, const struct iovec *iov, int cnt);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Fill buf with struct linux_dirent64 records; bytes or -errno. */
	long (*getdents64)(struct file *f, void __user *buf, size_t n);
	/* Size for SEEK_END; NULL: not seekable (-ESPIPE). */
	long long (*size)(struct file *f);
	/* The last reference is gone (before the struct is freed). */
	void (*release)(struct file *f);
	/* Fill *st for fstat() and stat() (kernel/stat.c); 0 or -errno. */
	int (*getattr)(struct file *f, struct kstat *st);
	/* Optional: register on wait queues, return POLL* bits (poll.h). */
	unsigned int (*poll)(struct file *f, struct poll_table_struct *pt);
};

struct file {
	atomic_t count;
	const struct file_operations *f_op;
	unsigned int f_flags;
	long long f_pos;
	spinlock_t f_pos_lock;
	const void *private_data;	/* the initramfs entry, if any */
};

struct files_struct {
	atomic_t count;
	spinlock_t lock;
	struct file *fd[NR_OPEN];
	u64 close_on_exec;
};

/* Look `path` up and open it (kernel/file.c uses devices + initramfs). */
struct file *filp_open(const char *path, unsigned int flags);
/* The initramfs entry an open initramfs file or directory reads; else NULL. */
const struct initramfs_entry *initramfs_file_entry(struct file *f);
struct file *alloc_file(const struct file_operations *fop, unsigned int flags,
			const void *private_data);
void get_file(struct file *f);
void fput(struct file *f);
/* The calling task's file for fd, with a reference; NULL if none. */
struct file *fget(int fd);
/* Does the caller have fd open (for calls that only check it)? */
bool fd_is_open(int fd);
/* Lowest free fd of the caller for f (takes over the reference). */
int fd_install_lowest(struct file *f);
int fd_install_flags(struct file *f, bool cloexec);
/* close(fd) for the caller: 0 or -EBADF. */
int fd_close(int fd);

struct files_struct *files_alloc(void);
struct files_struct *dup_files(struct files_struct *old);
void put_files(struct files_struct *files);
/* exec: close the fds marked close-on-exec. */
void close_on_exec(struct files_struct *files);

/* Device lookup (kernel/devices.c): NULL if path names no device. */
struct file *device_open(const char *path, unsigned int flags);
/* The node an open device file came from ("/dev/null"), else NULL. */
const char *device_file_path(struct file *f);
/* Is there a device node at path (device_open() without opening)? */
bool device_exists(const char *path);
/* Console output and input for /dev/console and the kernel. */
extern const struct file_operations console_fops;
/* Take serial input from the receive interrupt (kernel/devices.c). */
void console_input_init(void);

#endif
