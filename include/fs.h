/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual file system: the objects every file system shares and the
 * operations through which the generic code (fs/) calls a particular
 * file system. Documentation/filesystems/vfs.md draws them; in short:
 *
 *   struct file_system_type  a kind of file system ("tmpfs", "proc")
 *   struct super_block       one mounted instance of it
 *   struct inode             one file, directory, link or device node
 *   struct dentry            one name of an inode in its parent
 *                            (include/dcache.h)
 *   struct vfsmount          a super block attached to the name space
 *                            (include/mount.h)
 *   struct file              one open of an inode: a position, the
 *                            access mode, the operations
 *
 * Each object has its own operations table, filled by the file system.
 * Generic code never asks which file system it is talking to.
 *
 * Locks, outermost first (Documentation/filesystems/locking.md):
 *   file->f_pos_lock     the position of one open file (mutex), taken
 *                        by read/write/lseek/getdents before any i_rwsem
 *   sb->s_rename_mutex   rename within one super block
 *   dir->i_rwsem         (write) a directory whose entries change,
 *                        parent before child; two parents by ancestry,
 *                        else by address
 *   inode->i_rwsem       (write) file data and size change: write,
 *                        truncate, fallocate; (read) read
 *   mapping->lock        the page-cache index of one inode (spinlock)
 *   inode->i_lock        times, link count, block count (spinlock)
 *   dcache_lock          the name cache: hash, children, d_count 0<->1
 */
#ifndef _FS_H
#define _FS_H

#include <types.h>
#include <atomic.h>
#include <spinlock.h>
#include <mutex.h>
#include <list.h>
#include <radix-tree.h>
#include <stat.h>

typedef long long loff_t;

#define NR_OPEN		64	/* descriptors per process */
#define MAX_LFS_FILESIZE	0x7fffffffffffffffLL

/* open(2) flags, the Linux i386 values. */
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
#define O_DSYNC		00010000
#define O_ASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* d_type in getdents64 */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* The d_type of an inode mode. */
static inline unsigned int mode_to_dtype(u32 mode)
{
	return (mode & S_IFMT) >> 12;
}

/* file->f_mode: what this open may do (set by the open, not the user). */
#define FMODE_READ		0x1
#define FMODE_WRITE		0x2
#define FMODE_LSEEK		0x4	/* lseek may move f_pos */
#define FMODE_PREAD		0x8	/* pread64/preadv allowed */
#define FMODE_PWRITE		0x10	/* pwrite64/pwritev allowed */
#define FMODE_ATOMIC_POS	0x20	/* read/write hold f_pos_lock */
#define FMODE_PATH		0x40	/* O_PATH: no I/O at all */
#define FMODE_STREAM		0x80	/* no position (pipes, terminals) */

/* fallocate(2) modes */
#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02

/* rename flags */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* super_block->s_flags and mount(2) flags */
#define SB_RDONLY		0x0001
#define SB_NOSUID		0x0002
#define SB_NODEV		0x0004
#define SB_NOEXEC		0x0008
#define SB_NOCACHE		0x10000000	/* kernel: drop unused dentries */

struct file;
struct inode;
struct dentry;
struct super_block;
struct vfsmount;
struct kstatfs;
struct iov_iter;
struct kiocb;
struct vm_area_struct;
struct poll_table_struct;
struct pipe_inode_info;
struct link_target;
struct dir_context;

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

/* A place in the name space: a dentry as seen through one mount. */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* The page cache of one inode (include/pagemap.h has the calls). */
struct address_space {
	struct inode *host;
	spinlock_t lock;		/* i_pages and nrpages */
	struct radix_tree_root i_pages;	/* page index -> struct page */
	unsigned long nrpages;
	struct list_head i_mmap;	/* VMAs mapping it (vm_file_list) */
};

/* What setattr should change (ia_valid bits). */
#define ATTR_MODE	0x0001
#define ATTR_UID	0x0002
#define ATTR_GID	0x0004
#define ATTR_SIZE	0x0008
#define ATTR_ATIME	0x0010
#define ATTR_MTIME	0x0020
#define ATTR_CTIME	0x0040
#define ATTR_ATIME_SET	0x0080	/* to ia_atime, not "now" */
#define ATTR_MTIME_SET	0x0100

struct iattr {
	unsigned int ia_valid;
	u32 ia_mode;
	u32 ia_uid, ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

struct inode_operations {
	/*
	 * Find dentry's name in dir (i_rwsem of dir held). Attach the inode
	 * with d_add(), or d_add(dentry, NULL) for a name that does not
	 * exist; return NULL, or an error pointer.
	 */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry,
				 unsigned int flags);
	/* Directory changes: dir's i_rwsem held, dentry negative. */
	int (*create)(struct inode *dir, struct dentry *dentry, u32 mode,
		      bool excl);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, u32 mode);
	int (*mknod)(struct inode *dir, struct dentry *dentry, u32 mode,
		     u32 rdev);
	int (*symlink)(struct inode *dir, struct dentry *dentry,
		       const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *new);
	/* dentry positive; its inode's i_rwsem held too. */
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	/* Both parents' i_rwsem and sb->s_rename_mutex held. */
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new,
		      unsigned int flags);
	/*
	 * A symlink's target for the path walk: a string in lt->buf, or,
	 * for /proc's "magic" links, a place to jump to (lt->jump).
	 */
	int (*get_link)(struct dentry *dentry, struct link_target *lt);
	/* readlink(2) text, if not get_link's string (magic links). */
	int (*readlink)(struct dentry *dentry, char *buf, int size);
	/* Change attributes (chmod, truncate, utimes); i_rwsem held. */
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
	/* Attributes beyond the inode's fields (generic_fillattr first). */
	int (*getattr)(const struct path *path, struct kstat *st);
};

/* The position and flags of one read_iter/write_iter call. */
#define IOCB_APPEND	0x1
#define IOCB_NOWAIT	0x2

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	unsigned int ki_flags;
};

struct file_operations {
	/* NULL: lseek is -ESPIPE. generic_file_llseek() uses i_size. */
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	/*
	 * Stream-style I/O on user memory at *ppos (advance it). A file
	 * has these, or read_iter/write_iter, or both.
	 */
	ssize_t (*read)(struct file *f, char __user *buf, size_t n,
			loff_t *ppos);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t n,
			 loff_t *ppos);
	/* Vectored I/O, on user or kernel memory (include/uio.h). */
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	/* Directory listing: dir_emit() each entry from ctx->pos on. */
	int (*iterate_shared)(struct file *f, struct dir_context *ctx);
	unsigned int (*poll)(struct file *f, struct poll_table_struct *pt);
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd,
			       unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	/* After the struct file is set up; an error fails the open. */
	int (*open)(struct inode *inode, struct file *f);
	/* The last reference to the open file is gone. */
	int (*release)(struct inode *inode, struct file *f);
	int (*fsync)(struct file *f, loff_t start, loff_t end, int datasync);
	long (*fallocate)(struct file *f, int mode, loff_t off, loff_t len);
};

struct inode {
	atomic_t i_count;
	u32 i_mode;
	u32 i_uid, i_gid;
	u32 i_nlink;
	u32 i_rdev;			/* device node: MKDEV(major, minor) */
	u64 i_ino;
	loff_t i_size;
	u64 i_blocks;			/* 512-byte units in use */
	struct timespec64 i_atime, i_mtime, i_ctime;
	spinlock_t i_lock;		/* times, nlink, blocks */
	struct rw_semaphore i_rwsem;	/* see the lock order above */
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* what open() installs */
	struct address_space *i_mapping;	/* usually &i_data */
	struct address_space i_data;
	struct pipe_inode_info *i_pipe;	/* a pipe or FIFO's buffer */
	char *i_link;			/* a symlink's target (tmpfs) */
	void *i_private;		/* the file system's */
	struct list_head i_sb_list;	/* sb->s_inodes */
	struct list_head i_flock;	/* record locks (fs/locks.c) */
};

struct super_operations {
	/* Optional: a larger object with the inode inside it. */
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	/* The last iput of an inode: free its data (pages, link). */
	void (*evict_inode)(struct inode *inode);
	int (*statfs)(struct dentry *dentry, struct kstatfs *buf);
	/* The super block is going away (the last mount is gone). */
	void (*put_super)(struct super_block *sb);
	/* /proc/mounts options after "rw": ",size=...k" into buf. */
	void (*show_options)(struct super_block *sb, char *buf, size_t size);
};

struct super_block {
	struct list_head s_list;	/* every super block */
	u32 s_dev;			/* st_dev of its inodes */
	unsigned long s_magic;		/* statfs f_type */
	unsigned long s_flags;		/* SB_* */
	u32 s_blocksize;
	const struct super_operations *s_op;
	struct file_system_type *s_type;
	struct dentry *s_root;
	atomic_t s_active;		/* mounts of it */
	struct mutex s_rename_mutex;
	spinlock_t s_inode_list_lock;
	struct list_head s_inodes;
	atomic_t s_next_ino;		/* get_next_ino() for this sb */
	void *s_fs_info;
};

struct file_system_type {
	const char *name;
	int fs_flags;
#define FS_USERMOUNT	0x1		/* mount(2) may name it */
	/*
	 * Set up a super block (new, or the one instance) and return its
	 * root dentry with a reference; data is the option string.
	 */
	struct dentry *(*mount)(struct file_system_type *fs_type, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
};

struct file {
	atomic_t f_count;
	const struct file_operations *f_op;
	unsigned int f_flags;		/* O_* as opened; F_SETFL changes */
	unsigned int f_mode;		/* FMODE_* */
	loff_t f_pos;
	struct mutex f_pos_lock;	/* FMODE_ATOMIC_POS: held across I/O */
	spinlock_t f_lock;		/* f_flags */
	struct path f_path;
	struct inode *f_inode;
	struct address_space *f_mapping;
	void *private_data;
	/* fcntl F_SETOWN(_EX), F_SETSIG: kept and reported, under f_lock. */
	int f_owner_type;		/* F_OWNER_PID, _PGRP or _TID */
	pid_t f_owner_pid;		/* 0: no owner */
	int f_owner_sig;
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/*
 * readdir: the file system calls dir_emit() for each entry from ctx->pos
 * on, and after each one that was accepted moves ctx->pos to the cookie
 * of the next; it stops when dir_emit() returns false (buffer full).
 */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int len,
			  loff_t pos, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

/* Hand one entry to the reader; false: its buffer is full, stop. */
static inline bool dir_emit(struct dir_context *ctx, const char *name,
			    int len, u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, len, ctx->pos, ino, type);
}
/* "." and ".." at positions 0 and 1. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx);

/* What statfs(2) reports (fs/statfs.c copies it out). */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;
};

/* ---- files (fs/file_table.c, fs/open.c) ---------------------------- */

/**
 * alloc_file - a new open file of an inode at a path
 * @path: where it was found (references taken)
 * @flags: O_* open flags
 * @fop: its operations (usually inode->i_fop)
 *
 * f_mode is set from the access mode and from which operations fop has.
 * Returns the file with one reference, or an error pointer.
 */
struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop);
/*
 * A file on an inode that has no name (pipes, memfd): its own dentry.
 * On success the file owns the caller's inode reference; on failure the
 * caller still does.
 */
struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt,
			       const char *name, unsigned int flags,
			       const struct file_operations *fop);
void get_file(struct file *f);
void fput(struct file *f);
/* open(2) in the kernel: a path from "/" or the caller's cwd. */
struct file *filp_open(const char *name, unsigned int flags, u32 mode);
/* The same file opened again (for /proc/PID/fd/N). */
struct file *dentry_open(const struct path *path, unsigned int flags);

/* Read and write from kernel memory (exec, initramfs, sendfile). */
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos);

/* ---- descriptor tables (fs/file.c) --------------------------------- */

struct files_struct {
	atomic_t count;
	spinlock_t lock;
	struct file *fd[NR_OPEN];
	u64 close_on_exec;
};

/* Descriptor fd of a table (any task's), with a reference; or NULL. */
struct file *files_fget(struct files_struct *files, int fd);
/* The calling task's file for fd, with a reference; NULL if none. */
struct file *fget(int fd);
/* As fget, but an O_PATH descriptor counts too (fstat, fchdir, *at). */
struct file *fget_raw(int fd);
bool fd_is_open(int fd);
int fd_install_lowest(struct file *f);
int fd_install_flags(struct file *f, bool cloexec);
int fd_install_from(struct file *f, int start, bool cloexec);
int fd_close(int fd);
struct files_struct *files_alloc(void);
struct files_struct *dup_files(struct files_struct *old);
void put_files(struct files_struct *files);
void close_on_exec(struct files_struct *files);

/* ---- inodes (fs/inode.c) ------------------------------------------- */

/**
 * new_inode - a fresh inode on a super block
 * @sb: the super block
 *
 * i_count 1, i_nlink 1, times now, i_mapping = &i_data, a unique i_ino.
 * Returns NULL when out of memory.
 */
struct inode *new_inode(struct super_block *sb);
struct inode *igrab(struct inode *inode);
/* Drop a reference; the last one evicts and frees the inode. */
void iput(struct inode *inode);
void inode_init_owner(struct inode *inode, const struct inode *dir,
		      u32 mode);
void init_special_inode(struct inode *inode, u32 mode, u32 rdev);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void clear_nlink(struct inode *inode);
void set_nlink(struct inode *inode, u32 n);
struct timespec64 current_time(struct inode *inode);
/* i_mtime and i_ctime = now (a write, a directory change). */
void inode_touch_mc(struct inode *inode);
void generic_fillattr(struct inode *inode, struct kstat *st);
u64 get_next_ino(struct super_block *sb);

static inline void inode_lock(struct inode *inode)
{
	down_write(&inode->i_rwsem);
}

/*
 * Lock-validator subclasses of i_rwsem (include/lockdep.h): a directory
 * whose entries change, before the inodes named in it; of two parents
 * (rename), the one lock_rename() takes first; of two victims, the
 * source. Plain inode_lock() (data, size) is I_MUTEX_NORMAL.
 */
enum inode_i_mutex_lock_class {
	I_MUTEX_NORMAL,
	I_MUTEX_PARENT,
	I_MUTEX_PARENT2,
	I_MUTEX_CHILD,
	I_MUTEX_CHILD2,
};

static inline void inode_lock_nested(struct inode *inode, int subclass)
{
	down_write_nested(&inode->i_rwsem, subclass);
}
static inline void inode_unlock(struct inode *inode)
{
	up_write(&inode->i_rwsem);
}
static inline void inode_lock_shared(struct inode *inode)
{
	down_read(&inode->i_rwsem);
}
static inline void inode_unlock_shared(struct inode *inode)
{
	up_read(&inode->i_rwsem);
}
static inline int inode_lock_killable(struct inode *inode)
{
	return down_write_killable(&inode->i_rwsem);
}
static inline int inode_lock_shared_killable(struct inode *inode)
{
	return down_read_killable(&inode->i_rwsem);
}

/* ---- super blocks and file system types (fs/super.c) --------------- */

int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
/* Call fn for every registered type (/proc/filesystems). */
void for_each_filesystem(void (*fn)(struct file_system_type *, void *),
			 void *arg);
/* A new super block of a type; s_dev is a fresh anonymous number. */
struct super_block *sget_anon(struct file_system_type *type);
/* The usual ->kill_sb: drop the root and free the super block. */
void kill_anon_super(struct super_block *sb);
/* One instance shared by every mount (proc, pipefs). */
struct dentry *mount_single(struct file_system_type *type, int flags,
			    void *data,
			    int (*fill_super)(struct super_block *, void *));
struct dentry *mount_nodev(struct file_system_type *type, int flags,
			   void *data,
			   int (*fill_super)(struct super_block *, void *));

/* ---- generic helpers (fs/libfs.c, fs/read_write.c) ----------------- */

loff_t generic_file_llseek(struct file *f, loff_t off, int whence);
/* lseek to an explicit position, checked: the new position or -EINVAL. */
loff_t vfs_setpos(struct file *f, loff_t pos, loff_t maxsize);
loff_t noop_llseek(struct file *f, loff_t off, int whence);
int noop_fsync(struct file *f, loff_t start, loff_t end, int datasync);
/* Directories kept entirely in the dcache (tmpfs): list the children. */
int dcache_readdir(struct file *f, struct dir_context *ctx);
extern const struct file_operations simple_dir_operations;
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry,
			     unsigned int flags);
int simple_link(struct dentry *old, struct inode *dir, struct dentry *new);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old,
		  struct inode *new_dir, struct dentry *new,
		  unsigned int flags);
/* Is the directory empty (only "." and "..")? */
bool simple_empty(struct dentry *dentry);
/* chmod/chown/utimes on the inode fields (no size change). */
int simple_setattr(struct dentry *dentry, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
int simple_statfs(struct dentry *dentry, struct kstatfs *buf);
/* A symlink whose target is inode->i_link. */
int simple_get_link(struct dentry *dentry, struct link_target *lt);
extern const struct inode_operations simple_symlink_inode_operations;

/* ---- the name-space operations (fs/namei.c), for kernel callers ---- */

int vfs_create(struct inode *dir, struct dentry *dentry, u32 mode, bool excl);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, u32 mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, u32 mode, u32 dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_truncate(const struct path *path, loff_t length);
int do_truncate(struct dentry *dentry, loff_t length);
/* Change attributes (chmod, chown, utimes, truncate); takes i_rwsem. */
int notify_change(struct dentry *dentry, struct iattr *attr);
/* The attributes of the file at path (stat(2)). */
int vfs_getattr(const struct path *path, struct kstat *st);
int vfs_statfs(const struct path *path, struct kstatfs *buf);

/* Character devices (fs/char_dev.c): open() of S_IFCHR finds the fops. */
int register_chrdev(u32 major, const char *name,
		    const struct file_operations *fops);
extern const struct file_operations def_chr_fops;

/* Pipes and FIFOs (fs/pipe.c): open() of S_IFIFO. */
extern const struct file_operations pipefifo_fops;

/* Boot: caches, the root file system and the mounts on it. */
void vfs_caches_init(void);

#endif
