// SPDX-License-Identifier: GPL-2.0
/*
 * Directories of /proc that are fixed tables of entries: /proc/sys and
 * its subdirectories, and /proc/PID/ns.
 *
 *   /proc/sys/kernel/   hostname, domainname (rw), osrelease, ostype,
 *                       version (as uname), pid_max (rw, 301..32768),
 *                       threads-max (rw; fork fails at it), tainted (0:
 *                       nothing taints this kernel), cap_last_cap,
 *                       ngroups_max
 *   /proc/sys/fs/       pipe-max-size (rw: F_SETPIPE_SZ's limit without
 *                       CAP_SYS_RESOURCE), file-max, nr_open
 *   /proc/sys/vm/       overcommit_memory (rw, 0..2: kept; memory is
 *                       always committed as the heuristic mode does)
 *
 * Writes take the whole value in one write(2), by root (open for writing
 * is -EACCES otherwise); a value out of range is -EINVAL, as Linux.
 *
 * /proc/PID/ns: there are no namespaces here, only the one the system
 * has, so each link names that one, as "type:[inode]" with the inode
 * numbers Linux gives its initial namespaces; every process shows the
 * same ones, which is what "shares all namespaces with init" looks like
 * on Linux. The targets are names, not files: opening one is -ENOENT.
 */
#include "internal.h"
#include <task.h>
#include <utsname.h>
#include <capability.h>
#include <cmdline.h>
#include <pipe_fs_i.h>
#include <string.h>
#include <errno.h>

/* ---- table directories ----------------------------------------------------- */

/* Inode numbers: system tables absolute, per-process ones from the base. */
static u64 table_ino(const struct proc_inode *dir, unsigned int i)
{
	u64 base = dir->pid ? proc_pid_base_ino(dir->pid) : 0;

	return base + dir->entry->table_ino + i;
}

static struct dentry *proc_table_lookup(struct inode *dir,
					struct dentry *dentry,
					unsigned int flags)
{
	struct proc_inode *pdir = PROC_I(dir);
	const struct proc_entry *tab = pdir->entry->table, *e;

	e = proc_find_entry(tab, pdir->entry->table_len, &dentry->d_name);
	if (!e || (pdir->task && proc_task_reaped(pdir->task)))
		return ERR_PTR(-ENOENT);
	return proc_add_inode(dentry,
			      proc_make_inode(dir->i_sb, e, pdir->task,
					      pdir->pid,
					      table_ino(pdir, e - tab)));
}

static int proc_table_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pdir = PROC_I(file_inode(f));

	if (dir_emit_dots(f, ctx))
		proc_emit_entries(ctx, pdir->entry->table,
				  pdir->entry->table_len, table_ino(pdir, 0));
	return 0;
}

const struct inode_operations proc_table_inode_operations = {
	.lookup = proc_table_lookup,
	.setattr = proc_setattr,
};

const struct file_operations proc_table_operations = {
	.iterate_shared = proc_table_readdir,
	.llseek = generic_file_llseek,
};

#define TABLE_DIR(n, tab, ino)	{ .name = n, .mode = S_IFDIR | 0555,	\
				  .iop = &proc_table_inode_operations,	\
				  .fop = &proc_table_operations,	\
				  .table = tab,				\
				  .table_len = ARRAY_SIZE(tab),		\
				  .table_ino = ino }

/* ---- /proc/sys files ------------------------------------------------------- */

/*
 * O_TRUNC of a sysctl file is allowed and does nothing, as on Linux,
 * which refuses only owner and mode changes here.
 */
static int proc_sys_setattr(struct dentry *dentry, struct iattr *attr)
{
	return attr->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID) ? -EPERM : 0;
}

static const struct inode_operations proc_sys_file_inode_operations = {
	.setattr = proc_sys_setattr,
};

#define RO(n, fn)	{ .name = n, .mode = S_IFREG | 0444,		\
			  .iop = &proc_sys_file_inode_operations,	\
			  .fop = &proc_text_file_operations, .show = fn }
#define RW(n, fn, st)	{ .name = n, .mode = S_IFREG | 0644,		\
			  .iop = &proc_sys_file_inode_operations,	\
			  .fop = &proc_text_file_operations, .show = fn,	\
			  .store = st }

/* A decimal integer in [min, max], else -EINVAL. */
static int parse_int_range(const char *buf, int min, int max, int *val)
{
	while (*buf == ' ' || *buf == '\t')
		buf++;
	if (kstrtoint(buf, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

static int show_hostname(struct pbuf *pb, struct task_struct *t)
{
	char name[UTS_LEN + 1];

	uts_get_hostname(name, sizeof(name));
	pb_printf(pb, "%s\n", name);
	return 0;
}

static int store_hostname(const char *buf, size_t len)
{
	return uts_set_hostname(buf, len);
}

static int show_domainname(struct pbuf *pb, struct task_struct *t)
{
	char name[UTS_LEN + 1];

	uts_get_domainname(name, sizeof(name));
	pb_printf(pb, "%s\n", name);
	return 0;
}

static int store_domainname(const char *buf, size_t len)
{
	return uts_set_domainname(buf, len);
}

static int show_osrelease(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%s\n", UTS_RELEASE);
	return 0;
}

static int show_ostype(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%s\n", UTS_SYSNAME);
	return 0;
}

static int show_version(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%s\n", UTS_VERSION);
	return 0;
}

static int show_pid_max(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%d\n", READ_ONCE(pid_max));
	return 0;
}

static int store_pid_max(const char *buf, size_t len)
{
	int v, err = parse_int_range(buf, PID_MAX_MIN, PID_MAX_DEFAULT, &v);

	if (!err)
		WRITE_ONCE(pid_max, v);
	return err;
}

static int show_threads_max(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%d\n", threads_max());
	return 0;
}

/* Linux's range: 20 to FUTEX_TID_MASK. */
static int store_threads_max(const char *buf, size_t len)
{
	int v, err = parse_int_range(buf, 20, 0x3fffffff, &v);

	if (!err)
		WRITE_ONCE(max_threads, v);
	return err;
}

static int show_zero(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "0\n");
	return 0;
}

static int show_cap_last_cap(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%d\n", CAP_LAST_CAP);
	return 0;
}

static int show_ngroups_max(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "65536\n");
	return 0;
}

static const struct proc_entry sys_kernel_entries[] = {
	RO("cap_last_cap", show_cap_last_cap),
	RW("domainname", show_domainname, store_domainname),
	RW("hostname", show_hostname, store_hostname),
	RO("ngroups_max", show_ngroups_max),
	RO("osrelease", show_osrelease),
	RO("ostype", show_ostype),
	RW("pid_max", show_pid_max, store_pid_max),
	RO("tainted", show_zero),
	RW("threads-max", show_threads_max, store_threads_max),
	RO("version", show_version),
};

static int show_pipe_max_size(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%u\n", READ_ONCE(pipe_max_size));
	return 0;
}

/* Rounded as F_SETPIPE_SZ rounds; at least a page, at most 2 GiB. */
static int store_pipe_max_size(const char *buf, size_t len)
{
	unsigned long v;
	unsigned int size;

	while (*buf == ' ' || *buf == '\t')
		buf++;
	if (kstrtoul(buf, &v))
		return -EINVAL;
	size = round_pipe_size(v);
	if (!size)
		return -EINVAL;
	WRITE_ONCE(pipe_max_size, size);
	return 0;
}

/* Open files in the system: each process may have NR_OPEN. */
static int show_file_max(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%d\n", threads_max() * NR_OPEN);
	return 0;
}

static int show_nr_open(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%d\n", NR_OPEN);
	return 0;
}

static const struct proc_entry sys_fs_entries[] = {
	RO("file-max", show_file_max),
	RO("nr_open", show_nr_open),
	RW("pipe-max-size", show_pipe_max_size, store_pipe_max_size),
};

static int overcommit_memory;

static int show_overcommit_memory(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%d\n", READ_ONCE(overcommit_memory));
	return 0;
}

static int store_overcommit_memory(const char *buf, size_t len)
{
	int v, err = parse_int_range(buf, 0, 2, &v);

	if (!err)
		WRITE_ONCE(overcommit_memory, v);
	return err;
}

static const struct proc_entry sys_vm_entries[] = {
	RW("overcommit_memory", show_overcommit_memory,
	   store_overcommit_memory),
};

/* /proc/sys's numbers: below any pid's (proc_pid_base_ino(1)). */

const struct proc_entry proc_sys_table[PROC_SYS_NR] = {
	TABLE_DIR("fs", sys_fs_entries, PROC_SYS_INO + 0x100),
	TABLE_DIR("kernel", sys_kernel_entries, PROC_SYS_INO + 0x200),
	TABLE_DIR("vm", sys_vm_entries, PROC_SYS_INO + 0x300),
};


/* ---- /proc/PID/ns ---------------------------------------------------------- */

/* The inode numbers of Linux's initial namespaces (PROC_*_INIT_INO). */
#define NS_LINK(n, ino)	{ .name = n, .mode = S_IFLNK | 0777,		\
			  .iop = &proc_link_inode_operations,		\
			  .link_text = ns_link_##ino }
#define NS_FN(ino, type)						\
	static int ns_link_##ino(struct proc_inode *pi, char *buf, int size) \
	{								\
		snprintf(buf, size, "%s:[%u]", type, ino##U);		\
		return 0;						\
	}

NS_FN(4026531835, "cgroup")
NS_FN(4026531839, "ipc")
NS_FN(4026531841, "mnt")
NS_FN(4026531840, "net")
NS_FN(4026531836, "pid")
NS_FN(4026531834, "time")
NS_FN(4026531837, "user")
NS_FN(4026531838, "uts")

const struct proc_entry proc_ns_table[PROC_NS_NR] = {
	NS_LINK("cgroup", 4026531835),
	NS_LINK("ipc", 4026531839),
	NS_LINK("mnt", 4026531841),
	NS_LINK("net", 4026531840),
	NS_LINK("pid", 4026531836),
	NS_LINK("pid_for_children", 4026531836),
	NS_LINK("time", 4026531834),
	NS_LINK("time_for_children", 4026531834),
	NS_LINK("user", 4026531837),
	NS_LINK("uts", 4026531838),
};
