// SPDX-License-Identifier: GPL-2.0
/*
 * The files of /proc/PID (fs/proc/base.c lists them): stat, status,
 * statm, cmdline, environ, comm and maps, in the formats of Linux's
 * proc(5).
 *
 * The caller holds a reference to the task, which keeps its struct (and
 * its group leader) allocated but not its place in the world: the task
 * may exit and be reaped at any moment. So every file starts with one
 * sample taken under tasklist_lock:
 *
 *   reaped (EXIT_DEAD, off the task list)   -ESRCH, as Linux
 *   ->parent, ->live, the signal actions    read only under the lock
 *   ->mm                                    mmget() under the lock (exit
 *                                           and exec change ->mm under
 *                                           it), mmput() when done
 *
 * The address space is then read through that reference: the regions
 * under mm->lock, the argument strings with copy_from_mm(), which reads
 * them as the owner would (a page not yet present is faulted in) and
 * stops at an unmapped one.
 */
#include <procfs.h>
#include <task.h>
#include <sched.h>
#include <signal.h>
#include <cputime.h>
#include <cpumask.h>
#include <mman.h>
#include <mm_types.h>
#include <fs.h>
#include <namei.h>
#include <time.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <tty.h>

#define ARGS_CHUNK	256
#define PF_KTHREAD_LINUX	0x00200000	/* Linux's PF_KTHREAD, in stat */

struct task_sample {
	char comm[TASK_COMM_LEN];
	char state;
	pid_t pid, tgid, ppid, pgrp, session, tpgid;
	int tty_nr;
	int threads, nice, cpu, exit_signal, exit_code;
	bool kthread;
	u64 start_time;
	sigset_t pending, blocked, ignored, caught;
	cpumask_t allowed;
	struct mm_struct *mm;	/* with a reference, or NULL */
};

static char task_state(struct task_struct *t)
{
	long state = READ_ONCE(t->state);

	if (t->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (state & TASK_DEAD)
		return 'X';
	if (state & __TASK_STOPPED)
		return 'T';
	if (state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (state & TASK_INTERRUPTIBLE)
		return 'S';
	return 'R';
}

static const char *state_name(char state)
{
	switch (state) {
	case 'S':
		return "S (sleeping)";
	case 'D':
		return "D (disk sleep)";
	case 'T':
		return "T (stopped)";
	case 'Z':
		return "Z (zombie)";
	case 'X':
		return "X (dead)";
	default:
		return "R (running)";
	}
}

/* tasklist_lock held, t listed. */
static void sample_locked(struct task_struct *t, struct task_sample *s)
{
	struct task_struct *leader = t->group_leader ?: t;

	memcpy(s->comm, t->comm, sizeof(s->comm));
	s->comm[TASK_COMM_LEN - 1] = '\0';
	s->state = task_state(t);
	s->pid = t->pid;
	s->tgid = t->tgid;
	s->ppid = leader->parent ? leader->parent->tgid : 0;
	s->pgrp = leader->pgrp;
	s->session = leader->session;
	s->tty_nr = leader->tty ? tty_devnum(leader->tty) : 0;
	s->tpgid = leader->tty ? tty_fg_pgrp(leader->tty) : -1;
	s->threads = t->group_leader ? max(leader->live, 1) : 1;
	s->nice = READ_ONCE(t->nice);
	s->cpu = READ_ONCE(t->cpu);
	s->exit_signal = t->exit_signal;
	s->exit_code = t->exit_state ? t->exit_code : 0;
	s->kthread = t->flags & PF_KTHREAD;
	s->start_time = t->start_time;
	s->pending = t->pending.set | leader->shared_pending.set;
	s->blocked = t->blocked;
	task_sigactions_locked(t, &s->ignored, &s->caught);
	cpumask_copy(&s->allowed, &t->cpus_allowed);
	s->mm = t->mm;
	if (s->mm)
		mmget(s->mm);
}

/* One consistent look at the task; -ESRCH once it has been reaped. */
static int sample_task(struct task_struct *t, struct task_sample *s)
{
	unsigned long flags;
	int err = 0;

	memset(s, 0, sizeof(*s));
	spin_lock_irqsave(&tasklist_lock, flags);
	if (t->exit_state == EXIT_DEAD)
		err = -ESRCH;
	else
		sample_locked(t, s);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static void release_sample(struct task_sample *s)
{
	if (s->mm)
		mmput(s->mm);
	s->mm = NULL;
}

/* The address space's sizes, in pages, and where its parts are. */
struct mm_sample {
	unsigned long total, rss, hiwater, exec, data, stack;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
};

static void sample_mm(struct mm_struct *mm, struct mm_sample *m)
{
	struct vm_area_struct *vma;

	memset(m, 0, sizeof(*m));
	if (!mm)
		return;
	spin_lock(&mm->lock);
	list_for_each_entry(vma, &mm->regions, list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		m->total += pages;
		if (vma->vm_flags & VM_GROWSDOWN) {
			m->stack += pages;
		} else if (vma->vm_flags & VM_EXEC) {
			m->exec += pages;
			if (!m->start_code) {
				m->start_code = vma->vm_start;
				m->end_code = vma->vm_end;
			}
		} else if (vma->vm_flags & VM_WRITE) {
			m->data += pages;
			if (!m->start_data && !(vma->vm_flags & VM_HEAP)) {
				m->start_data = vma->vm_start;
				m->end_data = vma->vm_end;
			}
		}
	}
	m->rss = mm->nr_pages;
	m->hiwater = mm->hiwater_pages;
	m->start_brk = mm->brk_start;
	m->brk = mm->brk;
	m->start_stack = mm->start_stack;
	m->arg_start = mm->arg_start;
	m->arg_end = mm->arg_end;
	m->env_start = mm->env_start;
	m->env_end = mm->env_end;
	spin_unlock(&mm->lock);
}

static unsigned long long ns_to_ticks(u64 ns)
{
	return ns / (NSEC_PER_SEC / HZ);
}

static void stat_line(struct pbuf *pb, const struct task_sample *s,
		      const struct mm_sample *m, const struct cputime_sum *self,
		      const struct cputime_sum *kids)
{
	pb_printf(pb, "%d (%s) %c %d %d %d %d %d %u 0 0 0 0 ", s->pid, s->comm,
		  s->state, s->ppid, s->pgrp, s->session, s->tty_nr, s->tpgid,
		  s->kthread ? PF_KTHREAD_LINUX : 0);
	pb_printf(pb, "%llu %llu %llu %llu %d %d %d 0 %llu %lu %lu %lu ",
		  self->utime, self->stime, kids->utime, kids->stime,
		  20 + s->nice, s->nice, s->threads,
		  ns_to_ticks(s->start_time), m->total * PAGE_SIZE, m->rss,
		  0xffffffffUL);
	pb_printf(pb, "%lu %lu %lu 0 0 %u %u %u %u 0 0 0 %d %d 0 0 0 0 0 ",
		  m->start_code, m->end_code, m->start_stack,
		  (u32)s->pending, (u32)s->blocked, (u32)s->ignored,
		  (u32)s->caught, s->exit_signal, s->cpu);
	pb_printf(pb, "%lu %lu %lu %lu %lu %lu %lu %d\n", m->start_data,
		  m->end_data, m->start_brk, m->arg_start, m->arg_end,
		  m->env_start, m->env_end, s->exit_code);
}

/*
 * The 52 fields of proc(5) in order. The times are the whole process's
 * ticks and its reaped children's; there is no page-fault or I/O
 * accounting (0); tty_nr and tpgid are the controlling terminal's
 * (0 and -1 without one); rsslim is unlimited.
 */
int proc_pid_stat(struct pbuf *pb, struct task_struct *t)
{
	struct cputime_sum self, kids;
	struct task_sample s;
	struct mm_sample m;
	int err = sample_task(t, &s);

	if (err)
		return err;
	sample_mm(s.mm, &m);
	cputime_process(t, &self);
	cputime_children(t, &kids);
	stat_line(pb, &s, &m, &self, &kids);
	release_sample(&s);
	return 0;
}

/* Linux's statm: size resident shared text lib data dt, in pages. */
int proc_pid_statm(struct pbuf *pb, struct task_struct *t)
{
	struct task_sample s;
	struct mm_sample m;
	int err = sample_task(t, &s);

	if (err)
		return err;
	sample_mm(s.mm, &m);
	pb_printf(pb, "%lu %lu 0 %lu 0 %lu 0\n", m.total, m.rss, m.exec,
		  m.data + m.stack);
	release_sample(&s);
	return 0;
}

static void status_kb(struct pbuf *pb, const char *name, unsigned long pages)
{
	pb_printf(pb, "%s\t%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

static void status_memory(struct pbuf *pb, const struct mm_sample *m)
{
	status_kb(pb, "VmPeak:", m->total);
	status_kb(pb, "VmSize:", m->total);
	status_kb(pb, "VmLck:", 0);
	status_kb(pb, "VmPin:", 0);
	status_kb(pb, "VmHWM:", m->hiwater);
	status_kb(pb, "VmRSS:", m->rss);
	status_kb(pb, "RssAnon:", m->rss);
	status_kb(pb, "RssFile:", 0);
	status_kb(pb, "RssShmem:", 0);
	status_kb(pb, "VmData:", m->data);
	status_kb(pb, "VmStk:", m->stack);
	status_kb(pb, "VmExe:", m->exec);
	status_kb(pb, "VmLib:", 0);
	status_kb(pb, "VmSwap:", 0);
}

/* "0-1,3" */
static void cpu_list(struct pbuf *pb, const cpumask_t *mask)
{
	bool first = true;

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		int end = cpu;

		if (!cpumask_test_cpu(cpu, mask))
			continue;
		while (end + 1 < NR_CPUS && cpumask_test_cpu(end + 1, mask))
			end++;
		pb_printf(pb, first ? "%d" : ",%d", cpu);
		if (end > cpu)
			pb_printf(pb, "-%d", end);
		first = false;
		cpu = end;
	}
	pb_printf(pb, "\n");
}

static void status_signals(struct pbuf *pb, const struct task_sample *s)
{
	pb_printf(pb, "SigQ:\t0/0\nSigPnd:\t%016llx\nShdPnd:\t%016llx\n",
		  s->pending, 0ULL);
	pb_printf(pb, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		  s->blocked, s->ignored, s->caught);
}

/*
 * Everyone is root; a zombie (or a kernel thread) has no Vm lines, as on
 * Linux. VmPeak is VmSize: the peak of the address space's size is not
 * kept, only of its resident pages (VmHWM).
 */
int proc_pid_status(struct pbuf *pb, struct task_struct *t)
{
	struct cputime_sum self;
	struct task_sample s;
	struct mm_sample m;
	int err = sample_task(t, &s);

	if (err)
		return err;
	sample_mm(s.mm, &m);
	cputime_thread(t, &self);
	pb_printf(pb, "Name:\t%s\nUmask:\t0022\nState:\t%s\n", s.comm,
		  state_name(s.state));
	pb_printf(pb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		  "TracerPid:\t0\n", s.tgid, s.pid, s.ppid);
	pb_printf(pb, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\n"
		  "Groups:\t\n", NR_OPEN);
	if (s.mm)
		status_memory(pb, &m);
	pb_printf(pb, "Threads:\t%d\n", s.threads);
	status_signals(pb, &s);
	pb_printf(pb, "Cpus_allowed:\t%lx\nCpus_allowed_list:\t",
		  s.allowed.bits[0]);
	cpu_list(pb, &s.allowed);
	pb_printf(pb, "voluntary_ctxt_switches:\t%llu\n"
		  "nonvoluntary_ctxt_switches:\t%llu\n", self.nvcsw,
		  self.nivcsw);
	release_sample(&s);
	return 0;
}

int proc_pid_comm(struct pbuf *pb, struct task_struct *t)
{
	struct task_sample s;
	int err = sample_task(t, &s);

	if (err)
		return err;
	pb_printf(pb, "%s\n", s.comm);
	release_sample(&s);
	return 0;
}

/*
 * Copy [start, end) of the address space into the text, a page-bounded
 * chunk at a time: a page that is not there (unmapped since exec) ends
 * the text early instead of failing the read.
 */
static void copy_user_range(struct pbuf *pb, struct mm_struct *mm,
			    unsigned long start, unsigned long end)
{
	char chunk[ARGS_CHUNK];

	while (start < end) {
		unsigned long n = min(end - start, (unsigned long)ARGS_CHUNK);

		n = min(n, PAGE_SIZE - (start & ~PAGE_MASK));
		if (copy_from_mm(mm, chunk, start, n))
			return;
		pb_write(pb, chunk, n);
		start += n;
	}
}

/* cmdline or environ: which part of the strings exec put on the stack. */
static int pid_strings(struct pbuf *pb, struct task_struct *t, bool env)
{
	struct task_sample s;
	struct mm_sample m;
	int err = sample_task(t, &s);

	if (err)
		return err;
	if (s.mm) {
		sample_mm(s.mm, &m);
		if (env)
			copy_user_range(pb, s.mm, m.env_start, m.env_end);
		else
			copy_user_range(pb, s.mm, m.arg_start, m.arg_end);
	}
	release_sample(&s);
	return 0;
}

/* argv as exec left it, NUL after each; empty for a kernel thread or a
 * zombie (no address space), as on Linux. */
int proc_pid_cmdline(struct pbuf *pb, struct task_struct *t)
{
	return pid_strings(pb, t, false);
}

int proc_pid_environ(struct pbuf *pb, struct task_struct *t)
{
	return pid_strings(pb, t, true);
}

static const char *region_name(const struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_GROWSDOWN)
		return "[stack]";
	if (vma->vm_flags & VM_HEAP)
		return "[heap]";
	return NULL;
}

/*
 * One line per region: every mapping is anonymous and private (the ELF
 * segments are copied in at exec), so offset, device and inode are 0.
 * The name column starts where Linux's does on a 32-bit kernel.
 */
/*
 * One line of maps. A file mapping shows its offset, device, inode and
 * name (d_path into pathbuf: PATH_MAX bytes, taken before mm->lock,
 * since nothing may sleep under it).
 */
static void maps_line(struct pbuf *pb, const struct vm_area_struct *vma,
		      char *pathbuf)
{
	const char *name = region_name(vma);
	struct inode *inode = NULL;
	size_t start = pb->len;

	if (vma->vm_file) {
		inode = file_inode(vma->vm_file);
		name = pathbuf ? d_path(&vma->vm_file->f_path, pathbuf,
					PATH_MAX) : NULL;
		if (IS_ERR(name))
			name = NULL;
	}
	pb_printf(pb, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %llu",
		  vma->vm_start, vma->vm_end,
		  vma->vm_flags & VM_READ ? 'r' : '-',
		  vma->vm_flags & VM_WRITE ? 'w' : '-',
		  vma->vm_flags & VM_EXEC ? 'x' : '-',
		  vma->vm_flags & VM_SHARED ? 's' : 'p',
		  inode ? vma->vm_pgoff << PAGE_SHIFT : 0,
		  inode ? MAJOR(inode->i_sb->s_dev) : 0,
		  inode ? MINOR(inode->i_sb->s_dev) : 0,
		  inode ? (unsigned long long)inode->i_ino : 0ULL);
	if (name)
		pb_printf(pb, "%*s%s", (int)max(1L, 49L - (long)(pb->len -
								 start)),
			  "", name);
	pb_printf(pb, "\n");
}

int proc_pid_maps(struct pbuf *pb, struct task_struct *t)
{
	struct vm_area_struct *vma;
	struct task_sample s;
	int err = sample_task(t, &s);

	if (err)
		return err;
	if (s.mm) {
		char *pathbuf = kmalloc(PATH_MAX, GFP_KERNEL);

		spin_lock(&s.mm->lock);
		list_for_each_entry(vma, &s.mm->regions, list)
			maps_line(pb, vma, pathbuf);
		spin_unlock(&s.mm->lock);
		kfree(pathbuf);
	}
	release_sample(&s);
	return 0;
}
