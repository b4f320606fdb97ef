// SPDX-License-Identifier: GPL-2.0
/*
 * System calls about the caller and the system: pids (process groups and
 * sessions are kernel/pgrp.c), priority, uname, sysinfo, getcpu, CPU affinity, sched_yield,
 * resource limits, getrandom.
 */
#include <task.h>
#include <sched.h>
#include <mm.h>
#include <mman.h>
#include <smp.h>
#include <time.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>
#include <utsname.h>
#include <capability.h>

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	/* A thread's parent is its process's: the group leader's. Under
	 * tasklist_lock, which reparenting and reaping take: unlocked, the
	 * parent could be reaped and freed between the two loads. */
	struct task_struct *leader = task_group_leader(current);
	unsigned long flags;
	pid_t ppid;

	spin_lock_irqsave(&tasklist_lock, flags);
	ppid = leader->parent ? leader->parent->tgid : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ppid;
}

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2
#define MIN_NICE	(-20)
#define MAX_NICE	19

/*
 * The task a priority call names: who 0 is the caller; for PRIO_PGRP a
 * group is one process, for PRIO_USER every task belongs to user 0 (the
 * caller stands for them). With a reference; NULL: -ESRCH.
 */
static struct task_struct *prio_task(int which, int who)
{
	if (which == PRIO_USER && who != 0)
		return NULL;
	if (!who || which == PRIO_USER) {
		get_task_struct(current);
		return current;
	}
	return find_get_task_by_pid(who);
}

/* Linux returns 20 - nice (1..40), so that no result looks like -errno. */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct task_struct *p;
	long prio;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	p = prio_task(which, who);
	if (!p)
		return -ESRCH;
	prio = 20 - READ_ONCE(p->nice);
	put_task_struct(p);
	return prio;
}

/*
 * The value is kept, inherited by fork and reported, but the round-robin
 * scheduler gives every task the same share for now. There is one user,
 * root, so raising the priority is allowed.
 */
SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	struct task_struct *p;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	p = prio_task(which, who);
	if (!p)
		return -ESRCH;
	WRITE_ONCE(p->nice, min(max(niceval, MIN_NICE), MAX_NICE));
	put_task_struct(p);
	return 0;
}

SYSCALL_DEFINE1(set_tid_address, u32 __user *, tidptr)
{
	current->clear_child_tid = (u32)(unsigned long)tidptr;
	return current->pid;
}

struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/* The system's names: sethostname and /proc/sys/kernel/ change them. */
static DEFINE_SPINLOCK(uts_lock);
static char uts_hostname[UTS_LEN + 1] = "kmapos";
static char uts_domainname[UTS_LEN + 1] = "(none)";

static void uts_get(const char *name, char *buf, size_t size)
{
	spin_lock(&uts_lock);
	strlcpy(buf, name, size);
	spin_unlock(&uts_lock);
}

static int uts_set(char *name, const char *val, size_t len)
{
	if (len > UTS_LEN)
		return -EINVAL;
	spin_lock(&uts_lock);
	memcpy(name, val, len);
	name[len] = '\0';
	spin_unlock(&uts_lock);
	return 0;
}

void uts_get_hostname(char *buf, size_t size)
{
	uts_get(uts_hostname, buf, size);
}

void uts_get_domainname(char *buf, size_t size)
{
	uts_get(uts_domainname, buf, size);
}

int uts_set_hostname(const char *name, size_t len)
{
	return uts_set(uts_hostname, name, len);
}

int uts_set_domainname(const char *name, size_t len)
{
	return uts_set(uts_domainname, name, len);
}

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, UTS_SYSNAME, sizeof(u.sysname));
	uts_get_hostname(u.nodename, sizeof(u.nodename));
	strlcpy(u.release, UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, UTS_VERSION, sizeof(u.version));
	strlcpy(u.machine, UTS_MACHINE, sizeof(u.machine));
	uts_get_domainname(u.domainname, sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* sethostname/setdomainname: root only; len over 64 (or < 0) is EINVAL. */
static long set_uts_name(const char __user *uname, int len,
			 int (*set)(const char *, size_t))
{
	char buf[UTS_LEN];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, uname, len))
		return -EFAULT;
	return set(buf, len);
}

SYSCALL_DEFINE2(sethostname, const char __user *, uname, int, len)
{
	return set_uts_name(uname, len, uts_set_hostname);
}

SYSCALL_DEFINE2(setdomainname, const char __user *, uname, int, len)
{
	return set_uts_name(uname, len, uts_set_domainname);
}

/* Linux's struct sysinfo on i386 (64 bytes). */
struct sysinfo {
	s32 uptime;
	u32 loads[3];
	u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u32 totalhigh, freehigh;
	u32 mem_unit;
	char _f[8];
};

#define SI_LOAD_SHIFT	16

/* Counts are in pages (mem_unit = PAGE_SIZE), exact at the moment. */
SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	unsigned long loads[3];
	struct sysinfo s;

	memset(&s, 0, sizeof(s));
	s.uptime = ktime_get_ns() / 1000000000ULL;
	get_avenrun(loads, SI_LOAD_SHIFT - FSHIFT);
	for (int i = 0; i < 3; i++)
		s.loads[i] = loads[i];
	s.totalram = zones[ZONE_NORMAL].managed_pages +
		     zones[ZONE_HIGHMEM].managed_pages;
	s.freeram = nr_free_pages();
	s.totalhigh = zones[ZONE_HIGHMEM].managed_pages;
	s.freehigh = zone_free_pages(ZONE_HIGHMEM);
	s.procs = nr_tasks();
	s.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpup, unsigned int __user *, nodep,
		void __user *, cache)
{
	unsigned int cpu = smp_processor_id(), node = 0;

	if (cpup && put_user(cpu, cpup))
		return -EFAULT;
	if (nodep && put_user(node, nodep))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

static struct task_struct *get_target(pid_t pid)
{
	if (!pid) {
		get_task_struct(current);
		return current;
	}
	return find_get_task_by_pid(pid);
}

SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len,
		void __user *, umask)
{
	struct task_struct *p;
	cpumask_t mask;

	if (len < sizeof(cpumask_t) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	p = get_target(pid);
	if (!p)
		return -ESRCH;
	cpumask_and(&mask, &p->cpus_allowed, &cpu_online_mask);
	put_task_struct(p);
	if (copy_to_user(umask, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len,
		const void __user *, umask)
{
	struct task_struct *p;
	cpumask_t mask;
	long ret;

	cpumask_clear(&mask);
	if (copy_from_user(&mask, umask, min(len, (unsigned int)sizeof(mask))))
		return -EFAULT;
	p = get_target(pid);
	if (!p)
		return -ESRCH;
	ret = set_cpus_allowed(p, &mask);
	put_task_struct(p);
	return ret;
}

#define RLIMIT_STACK	3
#define RLIMIT_NOFILE	7
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ULL)

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

/*
 * Limits read back as what the kernel enforces; setting is refused. Every
 * rlimit call comes here with kernel structs (new: NULL or a request).
 */
static int do_prlimit(unsigned int resource, const struct rlimit64 *new,
		      struct rlimit64 *old)
{
	struct rlimit64 r = { RLIM_INFINITY, RLIM_INFINITY };

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new)
		return new->rlim_cur > new->rlim_max ? -EINVAL : -EPERM;
	if (resource == RLIMIT_STACK)
		r.rlim_cur = r.rlim_max = USER_STACK_SIZE;
	else if (resource == RLIMIT_NOFILE)
		r.rlim_cur = r.rlim_max = 64;
	*old = r;
	return 0;
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, unew, struct rlimit64 __user *, uold)
{
	struct rlimit64 new, old;
	int err;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != current->tgid)
		return -ESRCH;
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	err = do_prlimit(resource, unew ? &new : NULL, &old);
	if (!err && uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* The 32-bit struct rlimit of getrlimit/ugetrlimit/setrlimit. */
struct rlimit32 {
	u32 rlim_cur, rlim_max;
};

/* ugetrlimit (191): a limit that does not fit is RLIM_INFINITY (~0). */
static u32 rlim_to_32(u64 v, u32 infinity)
{
	return v >= infinity ? infinity : (u32)v;
}

static long get_rlimit32(unsigned int resource, struct rlimit32 __user *urlim,
			 u32 infinity)
{
	struct rlimit64 r;
	struct rlimit32 r32;
	int err = do_prlimit(resource, NULL, &r);

	if (err)
		return err;
	r32.rlim_cur = rlim_to_32(r.rlim_cur, infinity);
	r32.rlim_max = rlim_to_32(r.rlim_max, infinity);
	return copy_to_user(urlim, &r32, sizeof(r32)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(ugetrlimit, unsigned int, resource,
		struct rlimit32 __user *, urlim)
{
	return get_rlimit32(resource, urlim, 0xffffffffU);
}

/* The original getrlimit (76) reports infinity as 0x7fffffff, as Linux. */
SYSCALL_DEFINE2(getrlimit, unsigned int, resource,
		struct rlimit32 __user *, urlim)
{
	return get_rlimit32(resource, urlim, 0x7fffffffU);
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource,
		const struct rlimit32 __user *, urlim)
{
	struct rlimit32 r32;
	struct rlimit64 r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&r32, urlim, sizeof(r32)))
		return -EFAULT;
	r.rlim_cur = r32.rlim_cur == 0xffffffffU ? RLIM_INFINITY : r32.rlim_cur;
	r.rlim_max = r32.rlim_max == 0xffffffffU ? RLIM_INFINITY : r32.rlim_max;
	return do_prlimit(resource, &r, NULL);
}

/* Not cryptographic: xorshift over the cycle counter. */
SYSCALL_DEFINE3(getrandom, void __user *, ubuf, size_t, len,
		unsigned int, flags)
{
	u8 buf[64];
	size_t done = 0;
	u64 x = get_cycles() | 1;

	if (flags & ~0x7u)
		return -EINVAL;
	len = min(len, (size_t)0x2000000);
	while (done < len) {
		size_t n = min(len - done, sizeof(buf));

		for (size_t i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = x >> 32;
		}
		x ^= get_cycles();
		if (copy_to_user((u8 __user *)ubuf + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}
