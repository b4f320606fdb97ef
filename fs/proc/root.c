// SPDX-License-Identifier: GPL-2.0
/*
 * /proc: a read-only file system of generated text, in the formats of
 * Linux's proc(5), so that ps, free, uptime, top and the C libraries'
 * sysconf() read it as they read Linux's.
 *
 * There are no inodes: a canonical path is parsed into what it names (a
 * struct proc_loc) every time it is looked up.
 *
 *   /proc                     directory: the entries below, then one
 *                             directory per process (thread-group leader)
 *   /proc/meminfo ...         system files (root_entries[])
 *   /proc/self                symlink to the caller's process id
 *   /proc/mounts              symlink to self/mounts
 *   /proc/PID/stat ...        process files (pid_entries[]); any thread
 *                             id works, only processes are listed
 *   /proc/PID/fd/N            symlink to what descriptor N has open
 *
 * A file's text is made when it is first read, and again by each read at
 * position 0 (reopening, or lseek to 0, takes a new sample, as top does
 * with Linux's /proc); reads further on continue the same snapshot, so a
 * reader with a small buffer never sees a line torn between two samples.
 *
 * An open /proc/PID file holds a reference to the task (get_task_struct),
 * never a lock: the task may exit and be reaped meanwhile. Everything the
 * text needs is read under tasklist_lock after checking that the task is
 * still listed (-ESRCH once it is reaped, as Linux), the address space
 * through a reference of its own (mmget) and copy_from_mm(), which reads
 * it like the owner would: a missing page is faulted in (and may need a
 * frame), an unmapped one ends the text (kernel/procfs_pid.c).
 */
#include <procfs.h>
#include <fs.h>
#include <fs_struct.h>
#include <stat.h>
#include <namei.h>
#include <initramfs.h>
#include <task.h>
#include <sched.h>
#include <smp.h>
#include <cpumask.h>
#include <cputime.h>
#include <cmdline.h>
#include <time.h>
#include <mm.h>
#include <mm_types.h>
#include <oom.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define PROC_TEXT_MIN	4096		/* the first try at a file's text */
#define PROC_TEXT_MAX	(128 * 1024)	/* longer text is cut here */
#define PID_POS_BASE	256		/* getdents64 position of pid N */
#define PROC_ROOT_INO	1

/* ---- text buffers ------------------------------------------------------- */

void pb_printf(struct pbuf *pb, const char *fmt, ...)
{
	size_t room = pb->len < pb->size ? pb->size - pb->len : 0;
	va_list ap;

	va_start(ap, fmt);
	pb->len += vsnprintf(room ? pb->buf + pb->len : NULL, room, fmt, ap);
	va_end(ap);
}

/* As pb_printf: what does not fit is counted but not stored. */
void pb_write(struct pbuf *pb, const void *data, size_t n)
{
	if (pb->len < pb->size)
		memcpy(pb->buf + pb->len, data, min(n, pb->size - pb->len));
	pb->len += n;
}

/* ---- the system files ----------------------------------------------------- */

static unsigned long pages_to_kb(unsigned long pages)
{
	return pages * (PAGE_SIZE / 1024);
}

static void meminfo_line(struct pbuf *pb, const char *name, unsigned long pages)
{
	pb_printf(pb, "%-16s%8lu kB\n", name, pages_to_kb(pages));
}

/*
 * Lowmem is ZONE_NORMAL and highmem ZONE_HIGHMEM, the counts the buddy
 * allocator keeps exactly (sysinfo() reports the same numbers). There is
 * no page cache and no swap. Available is what a user page may still
 * take: highmem and lowmem above the kernel's reserve (mm/oom_kill.c),
 * estimated here as everything free.
 */
static int meminfo_show(struct pbuf *pb, struct task_struct *t)
{
	unsigned long low_total = zones[ZONE_NORMAL].managed_pages;
	unsigned long high_total = zones[ZONE_HIGHMEM].managed_pages;
	unsigned long low_free = zone_free_pages(ZONE_NORMAL);
	unsigned long high_free = zone_free_pages(ZONE_HIGHMEM);

	meminfo_line(pb, "MemTotal:", low_total + high_total);
	meminfo_line(pb, "MemFree:", low_free + high_free);
	meminfo_line(pb, "MemAvailable:", low_free + high_free);
	meminfo_line(pb, "Buffers:", 0);
	meminfo_line(pb, "Cached:", 0);
	meminfo_line(pb, "SwapCached:", 0);
	meminfo_line(pb, "HighTotal:", high_total);
	meminfo_line(pb, "HighFree:", high_free);
	meminfo_line(pb, "LowTotal:", low_total);
	meminfo_line(pb, "LowFree:", low_free);
	meminfo_line(pb, "SwapTotal:", 0);
	meminfo_line(pb, "SwapFree:", 0);
	meminfo_line(pb, "Shmem:", 0);
	return 0;
}

/* Seconds with two decimals, from nanoseconds. */
static void put_centiseconds(struct pbuf *pb, u64 ns)
{
	u64 cs = ns / (NSEC_PER_SEC / 100);

	pb_printf(pb, "%llu.%02llu", cs / 100, cs % 100);
}

/* Uptime, and the idle time of all CPUs together (idle ticks). */
static int uptime_show(struct pbuf *pb, struct task_struct *t)
{
	struct cpu_ticks ct;
	u64 idle = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		cpu_ticks_get(cpu, &ct);
		idle += ct.idle;
	}
	put_centiseconds(pb, ktime_get_ns());
	pb_printf(pb, " ");
	put_centiseconds(pb, idle * (NSEC_PER_SEC / HZ));
	pb_printf(pb, "\n");
	return 0;
}

/* Counted under tasklist_lock: every task, and the largest pid given. */
static void count_tasks(unsigned int *tasks, pid_t *last)
{
	struct task_struct *p;
	unsigned long flags;

	*tasks = 0;
	*last = 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		(*tasks)++;
		if (p->pid > *last)
			*last = p->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* "0.12 0.05 0.01 1/42 123": the averages, running/all tasks, last pid. */
static int loadavg_show(struct pbuf *pb, struct task_struct *t)
{
	unsigned long loads[3];
	unsigned int tasks;
	pid_t last;

	get_avenrun(loads, 0);
	count_tasks(&tasks, &last);
	for (int i = 0; i < 3; i++)
		pb_printf(pb, "%lu.%02lu ", LOAD_INT(loads[i]),
			  LOAD_FRAC(loads[i]));
	pb_printf(pb, "%u/%u %d\n", nr_running_tasks(), tasks, last);
	return 0;
}

static int cpuinfo_show(struct pbuf *pb, struct task_struct *t)
{
	int cpu;

	for_each_online_cpu(cpu)
		arch_cpuinfo_show(pb, cpu);
	return 0;
}

static void stat_cpu_line(struct pbuf *pb, const char *name,
			  const struct cpu_ticks *ct)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	pb_printf(pb, "%s %lu %lu %lu %lu 0 0 0 0 0 0\n", name, ct->user,
		  ct->nice, ct->system, ct->idle);
}

static u64 boot_time_sec(void)
{
	u64 now;

	if (clock_now(CLOCK_REALTIME, &now))
		return 0;
	return (now - ktime_get_ns()) / NSEC_PER_SEC;
}

/*
 * The cpu lines are the ticks each CPU's timer interrupt charged to
 * user, nice, system and idle (kernel/sched/cputime.c); interrupt time
 * goes to whatever was interrupted. processes counts pids handed out.
 */
static int stat_show(struct pbuf *pb, struct task_struct *t)
{
	struct cpu_ticks sum = { 0 }, ct;
	struct sched_stats ss;
	unsigned long ctxt = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		cpu_ticks_get(cpu, &ct);
		sum.user += ct.user;
		sum.nice += ct.nice;
		sum.system += ct.system;
		sum.idle += ct.idle;
		sched_stats_get(cpu, &ss);
		ctxt += ss.nr_switches;
	}
	stat_cpu_line(pb, "cpu ", &sum);
	for_each_online_cpu(cpu) {
		char name[8];

		snprintf(name, sizeof(name), "cpu%d", cpu);
		cpu_ticks_get(cpu, &ct);
		stat_cpu_line(pb, name, &ct);
	}
	pb_printf(pb, "intr 0\nctxt %lu\nbtime %llu\nprocesses %u\n",
		  ctxt, boot_time_sec(), nr_forks());
	pb_printf(pb, "procs_running %u\nprocs_blocked 0\n", nr_running_tasks());
	return 0;
}

static int version_show(struct pbuf *pb, struct task_struct *t)
{
	/* As uname(): sysname, release, version. */
	pb_printf(pb, "kmapos version 0.1 (gcc) #1 SMP\n");
	return 0;
}

static int cmdline_show(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "%s\n", boot_command_line);
	return 0;
}

/* What open() can reach, as Linux's nodev file systems are listed. */
static int filesystems_show(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "nodev\trootfs\nnodev\tramfs\nnodev\tdevtmpfs\n"
		  "nodev\tproc\nnodev\tpipefs\n");
	return 0;
}

/* The same for every process: one name space. */
static int mounts_show(struct pbuf *pb, struct task_struct *t)
{
	pb_printf(pb, "rootfs / rootfs ro 0 0\n"
		  "devtmpfs /dev devtmpfs ro 0 0\n"
		  "proc /proc proc ro,nosuid,nodev,noexec 0 0\n");
	return 0;
}

/* ---- what a path names ------------------------------------------------------ */

enum proc_kind {
	PROC_ROOT,	/* /proc */
	PROC_FILE,	/* an entry with text */
	PROC_LINK,	/* an entry that is a symlink */
	PROC_PID_DIR,	/* /proc/PID */
	PROC_FD_DIR,	/* /proc/PID/fd */
	PROC_FD_LINK,	/* /proc/PID/fd/N */
};

struct proc_loc;

struct proc_entry {
	const char *name;
	enum proc_kind kind;
	/* PROC_FILE: the text (t is NULL for the system files). */
	int (*show)(struct pbuf *pb, struct task_struct *t);
	/* PROC_LINK: the target, as readlink gives it. */
	int (*link)(const struct proc_loc *loc, char *buf, size_t size);
};

struct proc_loc {
	enum proc_kind kind;
	const struct proc_entry *ent;	/* FILE, LINK */
	struct task_struct *task;	/* PID_DIR and below: a reference */
	pid_t pid;			/* as named in the path */
	int fd;				/* FD_LINK */
};

static int self_link(const struct proc_loc *loc, char *buf, size_t size)
{
	snprintf(buf, size, "%d", current->tgid);
	return 0;
}

static int mounts_link(const struct proc_loc *loc, char *buf, size_t size)
{
	strlcpy(buf, "self/mounts", size);
	return 0;
}

/* The program the process runs, as exec was given it (canonical). */
static int exe_link(const struct proc_loc *loc, char *buf, size_t size)
{
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&tasklist_lock, flags);	/* exit and exec change ->mm */
	if (loc->task->mm && loc->task->mm->exe_path[0]) {
		strlcpy(buf, loc->task->mm->exe_path, size);
		err = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static int cwd_link(const struct proc_loc *loc, char *buf, size_t size)
{
	char cwd[PATH_MAX];

	if (!task_get_cwd(loc->task, cwd))
		return -ENOENT;
	strlcpy(buf, cwd, size);
	return 0;
}

static int root_link(const struct proc_loc *loc, char *buf, size_t size)
{
	strlcpy(buf, "/", size);
	return 0;
}

#define FILE_ENTRY(n, fn)	{ .name = n, .kind = PROC_FILE, .show = fn }
#define LINK_ENTRY(n, fn)	{ .name = n, .kind = PROC_LINK, .link = fn }

static const struct proc_entry root_entries[] = {
	FILE_ENTRY("cmdline", cmdline_show),
	FILE_ENTRY("cpuinfo", cpuinfo_show),
	FILE_ENTRY("filesystems", filesystems_show),
	FILE_ENTRY("loadavg", loadavg_show),
	FILE_ENTRY("meminfo", meminfo_show),
	LINK_ENTRY("mounts", mounts_link),
	LINK_ENTRY("self", self_link),
	FILE_ENTRY("stat", stat_show),
	FILE_ENTRY("uptime", uptime_show),
	FILE_ENTRY("version", version_show),
};

static const struct proc_entry pid_entries[] = {
	FILE_ENTRY("cmdline", proc_pid_cmdline),
	FILE_ENTRY("comm", proc_pid_comm),
	LINK_ENTRY("cwd", cwd_link),
	FILE_ENTRY("environ", proc_pid_environ),
	LINK_ENTRY("exe", exe_link),
	{ .name = "fd", .kind = PROC_FD_DIR },
	FILE_ENTRY("maps", proc_pid_maps),
	FILE_ENTRY("mounts", mounts_show),
	LINK_ENTRY("root", root_link),
	FILE_ENTRY("stat", proc_pid_stat),
	FILE_ENTRY("statm", proc_pid_statm),
	FILE_ENTRY("status", proc_pid_status),
};

bool procfs_path(const char *path)
{
	return !strncmp(path, "/proc", 5) && (!path[5] || path[5] == '/');
}

static const struct proc_entry *find_entry(const struct proc_entry *tab,
					   size_t n, const char *name,
					   size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(tab[i].name) == len &&
		    !strncmp(tab[i].name, name, len))
			return &tab[i];
	return NULL;
}

/* A decimal number without sign or leading zero: the value, else -1. */
static int parse_number(const char *s, size_t len)
{
	int v = 0;

	if (!len || len > 9 || (s[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The next component of *p (advanced past it): its length, 0 at the end. */
static size_t next_component(const char **p, const char **comp)
{
	size_t n = 0;

	while (**p == '/')
		(*p)++;
	*comp = *p;
	while ((*p)[n] && (*p)[n] != '/')
		n++;
	*p += n;
	return n;
}

static void put_loc(struct proc_loc *loc)
{
	if (loc->task)
		put_task_struct(loc->task);
	loc->task = NULL;
}

/* Does the task still have descriptor fd open? */
static bool task_fd_open(struct task_struct *t, int fd);

/* Under /proc/PID: what rest names. loc->task is set. */
static int parse_pid_rest(const char *rest, struct proc_loc *loc)
{
	const char *comp;
	size_t n = next_component(&rest, &comp);

	loc->kind = PROC_PID_DIR;
	if (!n)
		return 0;
	loc->ent = find_entry(pid_entries, ARRAY_SIZE(pid_entries), comp, n);
	if (!loc->ent)
		return -ENOENT;
	loc->kind = loc->ent->kind;
	n = next_component(&rest, &comp);
	if (loc->kind != PROC_FD_DIR)
		return n ? -ENOTDIR : 0;
	if (!n)
		return 0;
	loc->fd = parse_number(comp, n);
	if (loc->fd < 0 || loc->fd >= NR_OPEN || !task_fd_open(loc->task,
							       loc->fd))
		return -ENOENT;
	loc->kind = PROC_FD_LINK;
	return next_component(&rest, &comp) ? -ENOTDIR : 0;
}

/*
 * Parse a path inside /proc. "self" as a directory stands for the
 * caller's process; as the last component it is the symlink itself.
 * On success loc->task holds a reference (put_loc() drops it).
 */
static int parse_loc(const char *path, struct proc_loc *loc)
{
	const char *rest = path + 5, *comp;
	size_t n = next_component(&rest, &comp);
	const char *after = rest;
	int err;

	memset(loc, 0, sizeof(*loc));
	loc->kind = PROC_ROOT;
	if (!n)
		return 0;
	loc->pid = parse_number(comp, n);
	if (loc->pid < 0) {
		loc->ent = find_entry(root_entries, ARRAY_SIZE(root_entries),
				      comp, n);
		if (!loc->ent)
			return -ENOENT;
		loc->kind = loc->ent->kind;
		if (!next_component(&after, &comp))
			return 0;
		if (loc->ent->link != self_link)
			return -ENOTDIR;
		loc->pid = current->tgid;
	}
	loc->task = find_get_task_by_pid(loc->pid);
	if (!loc->task || loc->pid == 0)
		err = -ENOENT;
	else
		err = parse_pid_rest(rest, loc);
	if (err)
		put_loc(loc);
	return err;
}

/* ---- open files of other tasks -------------------------------------------------- */

/* The task's descriptor table with a reference, or NULL (exited). */
static struct files_struct *get_task_files(struct task_struct *t)
{
	struct files_struct *files;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	files = t->files;
	if (files)
		atomic_inc(&files->count);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return files;
}

/* Descriptor fd of the task, with a reference; NULL if none. */
static struct file *task_fget(struct task_struct *t, int fd)
{
	struct files_struct *files = get_task_files(t);
	struct file *f = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->lock);
	f = files->fd[fd];
	if (f)
		get_file(f);
	spin_unlock(&files->lock);
	put_files(files);
	return f;
}

static bool task_fd_open(struct task_struct *t, int fd)
{
	struct file *f = task_fget(t, fd);

	if (f)
		fput(f);
	return f != NULL;
}

/* The lowest open descriptor >= fd (0 <= fd) of the task, or -1. */
static int task_next_fd(struct task_struct *t, int fd)
{
	struct files_struct *files;
	int found = -1;

	if (fd < 0 || fd >= NR_OPEN)
		return -1;
	files = get_task_files(t);
	if (!files)
		return -1;
	spin_lock(&files->lock);
	for (; fd < NR_OPEN && found < 0; fd++)
		if (files->fd[fd])
			found = fd;
	spin_unlock(&files->lock);
	put_files(files);
	return found;
}

/* What a descriptor has open, as /proc/PID/fd/N's target. */
static void file_name(struct file *f, char *buf, size_t size)
{
	const struct initramfs_entry *e = initramfs_file_entry(f);
	const char *dev = device_file_path(f);
	struct kstat st;

	if (e) {
		snprintf(buf, size, "/%s", e->name);
		return;
	}
	if (dev) {
		strlcpy(buf, dev, size);
		return;
	}
	if (procfs_file_path(f, buf, size))
		return;
	memset(&st, 0, sizeof(st));
	if (f->f_op->getattr && !f->f_op->getattr(f, &st) && S_ISFIFO(st.mode))
		snprintf(buf, size, "pipe:[%llu]", st.ino);
	else
		strlcpy(buf, "anon_inode:[unknown]", size);
}

static int fd_link(const struct proc_loc *loc, char *buf, size_t size)
{
	struct file *f = task_fget(loc->task, loc->fd);

	if (!f)
		return -ENOENT;
	file_name(f, buf, size);
	fput(f);
	return 0;
}

/* readlink's answer for a link; -EINVAL for anything else. */
static int loc_link(const struct proc_loc *loc, char *buf, size_t size)
{
	if (loc->kind == PROC_FD_LINK)
		return fd_link(loc, buf, size);
	if (loc->kind == PROC_LINK)
		return loc->ent->link(loc, buf, size);
	return -EINVAL;
}

/* ---- attributes ------------------------------------------------------------------ */

static u32 loc_mode(const struct proc_loc *loc)
{
	switch (loc->kind) {
	case PROC_ROOT:
	case PROC_PID_DIR:
		return S_IFDIR | 0555;
	case PROC_FD_DIR:
		return S_IFDIR | 0500;
	case PROC_FILE:
		return S_IFREG | 0444;
	default:
		return S_IFLNK | 0777;
	}
}

/*
 * Inode numbers only have to be unique and stable: the system files by
 * table index, a process's by pid in the high bits.
 */
static u64 loc_ino(const struct proc_loc *loc)
{
	u64 pid_base = ((u64)loc->pid << 16) + 0x100;

	switch (loc->kind) {
	case PROC_ROOT:
		return PROC_ROOT_INO;
	case PROC_PID_DIR:
		return pid_base;
	case PROC_FD_LINK:
		return pid_base + 0x100 + loc->fd;
	default:
		if (!loc->task)
			return 2 + (loc->ent - root_entries);
		return pid_base + 1 + (loc->ent - pid_entries);
	}
}

static unsigned int nr_processes(void);

static void loc_getattr(const struct proc_loc *loc, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->mode = loc_mode(loc);
	st->nlink = S_ISDIR(st->mode) ? 2 : 1;
	if (loc->kind == PROC_PID_DIR)
		st->nlink = 3;		/* and fd/ */
	else if (loc->kind == PROC_ROOT)
		st->nlink = 2 + nr_processes();
	st->dev = PROCFS_DEV;
	st->ino = loc_ino(loc);
	st->blksize = STAT_BLKSIZE;
	st->atime = st->mtime = st->ctime = boot_time_sec() +
		(loc->task ? loc->task->start_time / NSEC_PER_SEC : 0);
}

/* ---- open files ----------------------------------------------------------------- */

/* One sample of a file's text; readers share it by reference. */
struct proc_snap {
	atomic_t ref;
	size_t len;
	char data[];
};

struct proc_node {
	struct proc_loc loc;
	struct proc_snap *snap;		/* the last sample, under f_pos_lock */
	char path[PATH_MAX];		/* canonical: fd links, dirfd */
};

static struct proc_node *file_node(struct file *f)
{
	/* Ours to change: private_data is const for the initramfs' sake. */
	return (struct proc_node *)f->private_data;
}

static void put_snap(struct proc_snap *s)
{
	if (s && atomic_dec_and_test(&s->ref))
		kfree(s);
}

/* Make the text, in a larger buffer each time it does not fit. */
/*
 * Generate the file's text into a snapshot, doubling the allocation (a
 * power of two, header included, so kmalloc wastes nothing) until the
 * text fits or PROC_TEXT_MAX is reached.
 */
static struct proc_snap *make_snap(const struct proc_node *node)
{
	size_t alloc = PROC_TEXT_MIN;

	for (;;) {
		struct proc_snap *s = kmalloc(alloc, GFP_KERNEL);
		size_t room = alloc - sizeof(*s);
		struct pbuf pb;
		int err;

		if (!s)
			return ERR_PTR(-ENOMEM);
		pb = (struct pbuf){ .buf = s->data, .size = room };
		err = node->loc.ent->show(&pb, node->loc.task);
		if (err) {
			kfree(s);
			return ERR_PTR(err);
		}
		if (pb.len < room || alloc >= PROC_TEXT_MAX) {
			atomic_set(&s->ref, 1);
			s->len = min(pb.len, room - 1);
			return s;
		}
		kfree(s);
		alloc *= 2;
	}
}

/* The sample a read at pos uses, with a reference: new at 0. */
static struct proc_snap *get_snap(struct file *f, long long pos)
{
	struct proc_node *node = file_node(f);
	struct proc_snap *s = NULL, *old = NULL;

	if (pos) {
		spin_lock(&f->f_pos_lock);
		s = node->snap;
		if (s)
			atomic_inc(&s->ref);
		spin_unlock(&f->f_pos_lock);
		if (s)
			return s;
	}
	s = make_snap(node);
	if (IS_ERR(s))
		return s;
	atomic_inc(&s->ref);		/* the node's */
	spin_lock(&f->f_pos_lock);
	old = node->snap;
	node->snap = s;
	spin_unlock(&f->f_pos_lock);
	put_snap(old);
	return s;
}

static ssize_t snap_copy(struct proc_snap *s, char __user *buf, size_t n,
			 long long pos)
{
	size_t count = pos < (long long)s->len ?
		       min(n, (size_t)(s->len - pos)) : 0;

	if (count && copy_to_user(buf, s->data + pos, count))
		return -EFAULT;
	return count;
}

static ssize_t proc_pread(struct file *f, char __user *buf, size_t n,
			  long long pos)
{
	struct proc_snap *s = get_snap(f, pos);
	ssize_t ret;

	if (IS_ERR(s))
		return PTR_ERR(s);
	ret = snap_copy(s, buf, n, pos);
	put_snap(s);
	return ret;
}

/*
 * The position is read, the copy made, and the position moved by what
 * was copied; concurrent readers of one description may then overlap,
 * which Linux allows too (a read of /proc is not atomic).
 */
static ssize_t proc_read(struct file *f, char __user *buf, size_t n)
{
	long long pos;
	ssize_t ret;

	spin_lock(&f->f_pos_lock);
	pos = f->f_pos;
	spin_unlock(&f->f_pos_lock);
	ret = proc_pread(f, buf, n, pos);
	if (ret > 0) {
		spin_lock(&f->f_pos_lock);
		f->f_pos = pos + ret;
		spin_unlock(&f->f_pos_lock);
	}
	return ret;
}

/* Seekable; the size is 0, as Linux's /proc files say. */
static long long proc_size(struct file *f)
{
	return 0;
}

static int proc_getattr(struct file *f, struct kstat *st)
{
	loc_getattr(&file_node(f)->loc, st);
	return 0;
}

static void proc_release(struct file *f)
{
	struct proc_node *node = file_node(f);

	put_snap(node->snap);
	put_loc(&node->loc);
	kfree(node);
}

/* ---- directories ------------------------------------------------------------------ */

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __packed;

/* Where getdents64 puts records. */
struct dir_ctx {
	void __user *buf;
	size_t size;
	size_t done;
	int err;
};

/* One record; false if it does not fit (or the copy failed). */
static bool dir_emit(struct dir_ctx *ctx, const char *name, u64 ino,
		     unsigned int type, long long next_pos)
{
	char rec[sizeof(struct linux_dirent64) + 32];
	struct linux_dirent64 *d = (void *)rec;
	size_t reclen = ALIGN(sizeof(*d) + strlen(name) + 1, 8);

	if (reclen > sizeof(rec) || ctx->done + reclen > ctx->size) {
		if (!ctx->done)
			ctx->err = -EINVAL;	/* not even one record fits */
		return false;
	}
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = next_pos;
	d->d_reclen = reclen;
	d->d_type = type;
	strlcpy(d->d_name, name, 32);
	if (copy_to_user((char __user *)ctx->buf + ctx->done, rec, reclen)) {
		ctx->err = -EFAULT;
		return false;
	}
	ctx->done += reclen;
	return true;
}

static unsigned int entry_dtype(const struct proc_entry *e)
{
	return e->kind == PROC_FILE ? DT_REG : e->kind == PROC_LINK ? DT_LNK
								    : DT_DIR;
}

/* Positions 0 and 1: "." and "..". */
static bool emit_dots(struct dir_ctx *ctx, long long *pos, u64 ino,
		      u64 parent_ino)
{
	if (*pos == 0) {
		if (!dir_emit(ctx, ".", ino, DT_DIR, 1))
			return false;
		*pos = 1;
	}
	if (*pos == 1) {
		if (!dir_emit(ctx, "..", parent_ino, DT_DIR, 2))
			return false;
		*pos = 2;
	}
	return true;
}

/* Positions 2..: the table's entries; the position after them. */
static bool emit_entries(struct dir_ctx *ctx, long long *pos,
			 const struct proc_entry *tab, size_t n,
			 const struct proc_loc *dir)
{
	while (*pos >= 2 && *pos < 2 + (long long)n) {
		struct proc_loc loc = *dir;

		loc.ent = &tab[*pos - 2];
		loc.kind = loc.ent->kind;
		if (!dir_emit(ctx, loc.ent->name, loc_ino(&loc),
			      entry_dtype(loc.ent), *pos + 1))
			return false;
		(*pos)++;
	}
	return true;
}

static bool is_process(struct task_struct *p)
{
	return p->pid == p->tgid && p->pid > 0;
}

/* The smallest process id >= pid, or -1. */
static pid_t next_process(pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;
	pid_t found = -1;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (is_process(p) && p->pid >= pid &&
		    (found < 0 || p->pid < found))
			found = p->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

static unsigned int nr_processes(void)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		n += is_process(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/*
 * /proc: ".", "..", the system entries, then the processes by pid. A
 * process's position is PID_POS_BASE + pid, so a listing taken in
 * several calls neither repeats nor skips a process that stays, whatever
 * comes and goes meanwhile.
 */
static void root_readdir(struct dir_ctx *ctx, long long *pos)
{
	struct proc_loc root = { .kind = PROC_ROOT };
	pid_t pid;

	if (!emit_dots(ctx, pos, PROC_ROOT_INO, PROC_ROOT_INO) ||
	    !emit_entries(ctx, pos, root_entries, ARRAY_SIZE(root_entries),
			  &root))
		return;
	if (*pos < PID_POS_BASE)
		*pos = PID_POS_BASE;
	while ((pid = next_process(*pos - PID_POS_BASE)) >= 0) {
		struct proc_loc loc = { .kind = PROC_PID_DIR, .pid = pid };
		char name[12];

		snprintf(name, sizeof(name), "%d", pid);
		if (!dir_emit(ctx, name, loc_ino(&loc), DT_DIR,
			      PID_POS_BASE + pid + 1))
			return;
		*pos = PID_POS_BASE + pid + 1;
	}
}

static void pid_readdir(struct dir_ctx *ctx, long long *pos,
			const struct proc_loc *dir)
{
	if (emit_dots(ctx, pos, loc_ino(dir), PROC_ROOT_INO))
		emit_entries(ctx, pos, pid_entries, ARRAY_SIZE(pid_entries),
			     dir);
}

/* /proc/PID/fd: position 2 + fd for each open descriptor. */
static void fd_readdir(struct dir_ctx *ctx, long long *pos,
		       const struct proc_loc *dir)
{
	struct proc_loc pdir = *dir;
	int fd;

	pdir.kind = PROC_PID_DIR;
	if (!emit_dots(ctx, pos, loc_ino(dir), loc_ino(&pdir)))
		return;
	/* The position is any 64-bit value lseek accepted: bound it first. */
	while (*pos - 2 < NR_OPEN &&
	       (fd = task_next_fd(dir->task, (int)(*pos - 2))) >= 0) {
		struct proc_loc loc = *dir;
		char name[12];

		loc.kind = PROC_FD_LINK;
		loc.fd = fd;
		snprintf(name, sizeof(name), "%d", fd);
		if (!dir_emit(ctx, name, loc_ino(&loc), DT_LNK, fd + 3))
			return;
		*pos = fd + 3;
	}
}

static long proc_getdents64(struct file *f, void __user *buf, size_t n)
{
	const struct proc_loc *loc = &file_node(f)->loc;
	struct dir_ctx ctx = { .buf = buf, .size = n };
	long long pos;

	spin_lock(&f->f_pos_lock);
	pos = f->f_pos;
	spin_unlock(&f->f_pos_lock);
	if (loc->kind == PROC_ROOT)
		root_readdir(&ctx, &pos);
	else if (loc->kind == PROC_PID_DIR)
		pid_readdir(&ctx, &pos, loc);
	else
		fd_readdir(&ctx, &pos, loc);
	spin_lock(&f->f_pos_lock);
	f->f_pos = pos;
	spin_unlock(&f->f_pos_lock);
	return ctx.done ? (long)ctx.done : ctx.err;
}

static const struct file_operations proc_file_fops = {
	.read = proc_read,
	.pread = proc_pread,
	.size = proc_size,
	.getattr = proc_getattr,
	.release = proc_release,
};

static const struct file_operations proc_dir_fops = {
	.getdents64 = proc_getdents64,
	.size = proc_size,
	.getattr = proc_getattr,
	.release = proc_release,
};

bool procfs_file_path(struct file *f, char *out, size_t size)
{
	if (f->f_op != &proc_file_fops && f->f_op != &proc_dir_fops)
		return false;
	strlcpy(out, file_node(f)->path, size);
	return true;
}

/* ---- the name-space hooks ----------------------------------------------------- */

/* Where a symlink points, as an absolute path. */
static int link_target(const struct proc_loc *loc, char *out, size_t size)
{
	char target[PATH_MAX];
	int err = loc_link(loc, target, sizeof(target));

	if (err)
		return err;
	if (loc->kind == PROC_FD_LINK && target[0] != '/')
		return -ENOTDIR;	/* pipe:[N] names no directory */
	if (target[0] == '/')
		strlcpy(out, target, size);
	else	/* self, mounts: relative to /proc */
		snprintf(out, size, "/proc/%s", target);
	return 0;
}

int procfs_walk(char *path)
{
	struct proc_loc loc;
	int err = parse_loc(path, &loc);

	if (err)
		return err;
	switch (loc.kind) {
	case PROC_ROOT:
	case PROC_PID_DIR:
	case PROC_FD_DIR:
		break;
	case PROC_LINK:
	case PROC_FD_LINK:
		/* The caller checks the target in turn. */
		err = link_target(&loc, path, PATH_MAX) ?: 1;
		break;
	default:
		err = -ENOTDIR;
	}
	put_loc(&loc);
	return err;
}

/* Open what loc names (not a link); takes over loc's reference. */
static struct file *open_loc(struct proc_loc *loc, const char *path,
			     unsigned int flags)
{
	bool dir = S_ISDIR(loc_mode(loc));
	struct proc_node *node;
	struct file *f;

	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return ERR_PTR(-EEXIST);
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return ERR_PTR(dir ? -EISDIR : -EACCES);
	if ((flags & O_DIRECTORY) && !dir)
		return ERR_PTR(-ENOTDIR);
	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return ERR_PTR(-ENOMEM);
	node->loc = *loc;
	loc->task = NULL;
	strlcpy(node->path, path, sizeof(node->path));
	f = alloc_file(dir ? &proc_dir_fops : &proc_file_fops, flags, node);
	if (!f) {
		put_loc(&node->loc);
		kfree(node);
		return ERR_PTR(-ENOMEM);
	}
	return f;
}

/* Does an open file's access mode cover the one asked for? */
static bool access_allows(unsigned int have, unsigned int want)
{
	have &= O_ACCMODE;
	switch (want & O_ACCMODE) {
	case O_RDONLY:
		return have != O_WRONLY;
	case O_WRONLY:
		return have != O_RDONLY;
	default:
		return have == O_RDWR;
	}
}

/* Follow a final symlink: reopen what it points to. */
static struct file *open_link(const struct proc_loc *loc, unsigned int flags)
{
	char target[PATH_MAX];
	struct file *f;
	int err;

	if (loc->kind == PROC_FD_LINK) {
		f = task_fget(loc->task, loc->fd);
		if (!f)
			return ERR_PTR(-ENOENT);
		file_name(f, target, sizeof(target));
		if (target[0] == '/') {
			fput(f);
			return filp_open(target, flags);
		}
		/* A pipe has no name to reopen: the same open file, if it
		 * allows what is asked (Linux would open the pipe anew). */
		if (flags & O_DIRECTORY) {
			fput(f);
			return ERR_PTR(-ENOTDIR);
		}
		if (!access_allows(f->f_flags, flags)) {
			fput(f);
			return ERR_PTR(-EACCES);
		}
		return f;
	}
	err = link_target(loc, target, sizeof(target));
	if (err)
		return ERR_PTR(err);
	return filp_open(target, flags);
}

struct file *procfs_open(const char *path, unsigned int flags)
{
	struct proc_loc loc;
	struct file *f;
	int err = parse_loc(path, &loc);

	if (err)
		return ERR_PTR(err);
	if ((loc.kind == PROC_LINK || loc.kind == PROC_FD_LINK) &&
	    (flags & O_NOFOLLOW))
		f = ERR_PTR(-ELOOP);
	else if (loc.kind == PROC_LINK || loc.kind == PROC_FD_LINK)
		f = open_link(&loc, flags);
	else
		f = open_loc(&loc, path, flags);
	put_loc(&loc);
	return f;
}

int procfs_lstat(const char *path, struct kstat *st)
{
	struct proc_loc loc;
	int err = parse_loc(path, &loc);

	if (err)
		return err;
	if (loc.kind != PROC_LINK && loc.kind != PROC_FD_LINK) {
		put_loc(&loc);
		return 1;
	}
	loc_getattr(&loc, st);
	put_loc(&loc);
	return 0;
}

long procfs_readlink(const char *path, char *buf, size_t size)
{
	struct proc_loc loc;
	char target[PATH_MAX];
	int err = parse_loc(path, &loc);
	size_t len;

	if (err)
		return err;
	err = loc_link(&loc, target, sizeof(target));
	put_loc(&loc);
	if (err)
		return err;
	len = min(strlen(target), size);
	memcpy(buf, target, len);
	return len;
}
