// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_fuzz: a deterministic system-call fuzzer. Worker processes make
 * thousands of raw int $0x80 calls, numbers 0..450, with arguments drawn
 * from a table of nasty values (NULL, -1, kernel addresses, the last byte
 * below 3 GiB, a buffer that ends where an unmapped page begins, a
 * read-only page, lengths that wrap 4 GiB, bad descriptors, ...). The
 * kernel passes when
 *
 *   - it is still alive: this process runs on, and a sanity battery
 *     (pipe round trip, mmap/munmap, fork + wait, getpid) works after;
 *   - every result is a value or -errno in [-4095, -1], and a number the
 *     kernel implements never answers -ENOSYS (futex: unknown ops do);
 *   - no worker dies of a signal: the workers never hurt themselves (see
 *     below), so a fault in one means the kernel broke its memory or state;
 *   - the free-page counts return exactly to where they were once the
 *     workers are reaped and the SysV IPC objects they made (which
 *     outlive them by design) removed: error paths leak nothing.
 *
 * What a worker must not do, because it would take the test down rather
 * than test the kernel: exit, fork/vfork/clone, a successful execve (it
 * execs only files exec must refuse, with nasty argv/envp), signals to
 * anyone but itself (kill/tkill/tgkill become "self, signal 0"), a handler
 * for the signals it can get (SIGALRM from its own timers, SIGPIPE: both
 * are ignored, and rt_sigaction may only read their action), calls that
 * block for ever (futex, poll and select waits get a 1 ms timeout, sleeps
 * a short time, its pipe is non-blocking and fds 0-2 are /dev/null so
 * reads never wait; SysV semop gets a 1 ms timeout and msgsnd/msgrcv
 * IPC_NOWAIT, and shmat never SHM_REMAP),
 * and memory calls (munmap, mprotect, madvise, mmap MAP_FIXED, mremap)
 * whose range covers its own code, data, stack or buffers: those are
 * pointed at a scratch area instead; pointers the fuzz makes up (also
 * inside structures in the buffer) never point into the worker. A worker
 * that makes no progress for HANG_MS is killed by the parent and reported
 * with the call it was in ("killed by us": a diagnostic, not a failure).
 *
 * The name space the fuzz sees is a sandbox, never the real root (which
 * is writable): a small tmpfs in a scratch directory under /tmp with the
 * names the fuzz uses (/bin, /bin/hello, /init, /dev/null, /dev/zero,
 * /lib/bad-elf/...), remounted read-only, which every worker chroots
 * into. Whatever path a call makes up, creating, removing, renaming or
 * changing a file there answers EROFS and changes nothing, so the
 * second run meets the same files as the warm-up. The calls that change
 * the mounts every process sees (mount, umount, umount2, pivot_root and
 * the new mount API) are not fuzzed. Without the privilege to mount, the
 * fuzz case is skipped.
 *
 * Deterministic: call i of worker w depends only on (seed, w, i), so a
 * failure names the seed and the call, and FUZZ_SEED=s reproduces it.
 * FUZZ_ITERS=n sets the calls per worker (make soak uses more),
 * FUZZ_ONLY=nr,nr restricts the numbers, FUZZ_TRACE=i prints every call
 * from the i-th on (all from the kernel command line, which passes
 * name=value words to init's environment).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"
#include "scratch.h"
#include "util.h"

#define DEFAULT_SEED	0x5eed2026u
#define DEFAULT_ITERS	5000	/* calls per worker */
#define WORKERS		8
#define MAX_NR		450
#define HANG_MS		20000	/* no progress this long: the worker is killed */
#define MAX_REPORTS	8

/* Descriptors above what the fuzz ever names (its table stops at 16). */
#define PROGRESS_FD	63	/* worker -> parent: index of the current call */
#define REPORT_FD	62	/* the worker's copy of the real stdout */
#define DONE_BIT	0x80000000u	/* progress record: "call i returned" */

/* ---- the worker's memory ------------------------------------------------ */

/*
 * One mapping, with unmapped guard pages so that a kernel writing past a
 * buffer's end faults instead of landing in the worker's other memory:
 *
 *   | g | buf (4 pages) | g | edge | g | ro | g | scratch (8 pages) | g |
 *
 * "edge" ends exactly where an unmapped page begins; "ro" is read-only;
 * "scratch" is where the dangerous memory calls are sent.
 */
#define BUF_PAGES	4
#define SCRATCH_PAGES	8
#define AREA_PAGES	(1 + BUF_PAGES + 1 + 1 + 1 + 1 + 1 + SCRATCH_PAGES + 1)

struct area {
	char *base;
	char *buf, *edge, *ro, *scratch;
};

static struct area area;

/* The whole stack region (include/mm_types.h): 8 MiB below 3 GiB. */
#define STACK_LO	0xbf800000UL
#define STACK_HI	0xc0000000UL

static int setup_area(void)
{
	char *p = mmap(NULL, AREA_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	area.base = p;
	area.buf = p + PAGE_SIZE;
	area.edge = area.buf + (BUF_PAGES + 1) * PAGE_SIZE;
	area.ro = area.edge + 2 * PAGE_SIZE;
	area.scratch = area.ro + 2 * PAGE_SIZE;
	memset(area.buf, 0, BUF_PAGES * PAGE_SIZE);
	memset(area.edge, 0, PAGE_SIZE);
	memset(area.ro, 0x5a, PAGE_SIZE);
	if (munmap(p, PAGE_SIZE) ||
	    munmap(area.buf + BUF_PAGES * PAGE_SIZE, PAGE_SIZE) ||
	    munmap(area.edge + PAGE_SIZE, PAGE_SIZE) ||
	    munmap(area.ro + PAGE_SIZE, PAGE_SIZE) ||
	    munmap(area.scratch + SCRATCH_PAGES * PAGE_SIZE, PAGE_SIZE) ||
	    mprotect(area.ro, PAGE_SIZE, PROT_READ))
		return -1;
	return 0;
}

/* ---- deterministic choices ---------------------------------------------- */

/* splitmix32-style: a stream per (seed, worker). */
struct rng {
	uint32_t s;
};

static uint32_t rng_next(struct rng *r)
{
	uint32_t z = (r->s += 0x9E3779B9u);

	z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
	z = (z ^ (z >> 13)) * 0xC2B2AE35u;
	return z ^ (z >> 16);
}

static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return rng_next(r) % n;
}

/* The numbers the kernel implements (include/syscalls.h SYSCALL_LIST). */
static const int implemented[] = {
	SYS_read, SYS_write, SYS_open, SYS_close, SYS_waitpid, SYS_time,
	SYS_lseek, SYS_getpid, SYS_getuid, SYS_access, SYS_kill, SYS_dup,
	SYS_pipe, SYS_brk, SYS_getgid, SYS_geteuid, SYS_getegid, SYS_ioctl,
	SYS_dup2, SYS_getppid, SYS_getpgrp, SYS_setsid, SYS_gettimeofday_time32,
	SYS_munmap, SYS_wait4, SYS_sysinfo, SYS_uname, SYS_mprotect,
	SYS_getpgid, SYS__llseek, SYS_readv, SYS_writev, SYS_sched_yield,
	SYS_nanosleep, SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_getcwd,
	SYS_mmap2, SYS_getuid32, SYS_getgid32, SYS_geteuid32, SYS_getegid32,
	SYS_madvise, SYS_getdents64, SYS_fcntl64, SYS_gettid, SYS_tkill,
	SYS_sched_setaffinity, SYS_sched_getaffinity, SYS_set_thread_area,
	SYS_get_thread_area, SYS_set_tid_address, SYS_clock_gettime32,
	SYS_clock_getres_time32, SYS_clock_nanosleep_time32, SYS_tgkill, SYS_pipe2,
	SYS_getcpu, SYS_prlimit64, SYS_getrandom, SYS_clock_gettime64,
	SYS_clock_nanosleep_time64, SYS_futex, SYS_futex_time64,
	SYS_set_robust_list, SYS_chdir, SYS_umask, SYS_setrlimit,
	SYS_getrlimit, SYS_readlink, SYS_stat, SYS_lstat, SYS_fstat,
	SYS_fchdir, SYS_ugetrlimit, SYS_stat64, SYS_lstat64, SYS_fstat64,
	SYS_openat, SYS_fstatat64, SYS_readlinkat, SYS_faccessat, SYS_statx,
	SYS_execve, SYS_restart_syscall, SYS_alarm, SYS_pause, SYS_sigaction,
	SYS_setitimer, SYS_getitimer, SYS_sigreturn, SYS_sigprocmask,
	SYS_rt_sigreturn, SYS_rt_sigpending, SYS_rt_sigsuspend, SYS_sigaltstack,
	/* Found missing by booting unseen programs. */
	SYS_times, SYS_getrusage, SYS_pread64, SYS_pwrite64, SYS_dup3,
	SYS_mremap, SYS_getsid, SYS_setpgid, SYS_getpriority, SYS_fsync,
	SYS_fdatasync, SYS_preadv, SYS_pwritev, SYS_mkdir, SYS_mkdirat,
	SYS_mknod, SYS_mknodat, SYS_symlink, SYS_symlinkat, SYS_link,
	SYS_linkat, SYS_unlink, SYS_unlinkat, SYS_rmdir, SYS_rename,
	SYS_renameat, SYS_renameat2, SYS_chmod, SYS_fchmod, SYS_fchmodat,
	SYS_chown, SYS_lchown, SYS_fchown, SYS_chown32, SYS_lchown32,
	SYS_fchown32, SYS_fchownat, SYS_utime, SYS_utimes, SYS_futimesat,
	SYS_utimensat, SYS_utimensat_time64, SYS_truncate, SYS_truncate64,
	SYS_ftruncate, SYS_ftruncate64, SYS_statfs, SYS_fstatfs,
	SYS_statfs64, SYS_fstatfs64, SYS_sync, SYS_syncfs, SYS_fadvise64,
	SYS_fadvise64_64, SYS_poll, SYS__newselect, SYS_ppoll, SYS_pselect6,
	SYS_ppoll_time64, SYS_pselect6_time64,
	/* System V IPC (ipc/). */
	SYS_ipc, SYS_semget, SYS_semctl, SYS_shmget, SYS_shmctl, SYS_shmat,
	SYS_shmdt, SYS_msgget, SYS_msgsnd, SYS_msgrcv, SYS_msgctl,
	SYS_semtimedop_time64,
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static bool is_implemented(long nr)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(implemented); i++)
		if (implemented[i] == nr)
			return true;
	return false;
}

/*
 * Never called: they end, copy or replace the worker, block for ever,
 * reach other processes, or change the mounts other processes see (a
 * chroot does not stop umount2(MNT_DETACH) or a remount of the sandbox,
 * and a mount left behind would hold pages). (Most are not implemented
 * today; the list is for the day they are.)
 */
static bool excluded(long nr)
{
	switch (nr) {
	case SYS_exit: case SYS_exit_group: case SYS_fork: case SYS_vfork:
	case SYS_clone: case SYS_reboot: case SYS_pause:
	case SYS_sigsuspend: case SYS_rt_sigsuspend:
	case SYS_select: case SYS_epoll_wait: case SYS_epoll_pwait:
	case SYS_rt_sigtimedwait: case SYS_rt_sigqueueinfo:
	case SYS_rt_tgsigqueueinfo: case SYS_ipc: case SYS_socketcall:
	case SYS_ptrace: case SYS_execveat: case SYS_clone3: case SYS_kexec_load:
	case SYS_vm86: case SYS_vm86old: case SYS_iopl: case SYS_ioperm:
	case SYS_rt_sigtimedwait_time64: case SYS_pidfd_send_signal:
	case SYS_setpriority: case SYS_sched_setscheduler:
	case SYS_sched_setparam: case SYS_msgrcv:
	case SYS_semtimedop_time64: case SYS_signal:
	case SYS_sigaction: case SYS_sigreturn: case SYS_rt_sigreturn:
	case SYS_mount: case SYS_umount: case SYS_umount2:
	case SYS_pivot_root: case SYS_open_tree: case SYS_move_mount:
	case SYS_fsopen: case SYS_fsconfig: case SYS_fsmount:
	case SYS_fspick: case SYS_mount_setattr:
	/* The clock and the host name are every process's. */
	case SYS_settimeofday_time32: case SYS_clock_settime32:
	case SYS_clock_settime64: case SYS_sethostname:
	case SYS_setdomainname: case SYS_stime:
		return true;
	default:
		return false;
	}
}

enum arg_kind { A_NASTY, A_FD, A_PID };

/* The argument table; some entries are filled in at run time. */
static unsigned long nasty[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 64, 255, 256, 4095, 4096, 4097, 0x8000,
	0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0xfffff000,
	0xfffff001, 0xbffff000, 0xbffffffc, 0xbfffffff, 0xc0000000,
	0xc0001000, 0xe0000000, 0xdeadbeef, 0x00001000, 0x08048000,
	0x10000000, 0x7ffff000, 0xfffffff0,
	/* flags that mean something to the common calls */
	0x22, 0x32, 0x8022, 0x100022, O_NONBLOCK, O_CLOEXEC, O_DIRECTORY,
	O_WRONLY | O_CREAT, 0x80 /* FUTEX_PRIVATE */,
	/* run time: buffers (several offsets), edge, read-only, scratch */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};
#define NASTY_FIXED	(ARRAY_SIZE(nasty) - 10)

/* Ranges the worker needs intact: its image, its stack, its buffers. */
extern char __executable_start[], _end[];

static bool overlaps(unsigned long s, unsigned long e, unsigned long lo,
		     unsigned long hi)
{
	return s < hi && lo < e;
}

static bool hurts_worker(unsigned long addr, unsigned long len)
{
	unsigned long end = addr + ((len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));

	if (len > 0xfffff000 || end < addr)
		return false;	/* wraps: the kernel must refuse it */
	return overlaps(addr, end, (unsigned long)__executable_start,
			(unsigned long)_end) ||
	       overlaps(addr, end, STACK_LO, STACK_HI) ||
	       overlaps(addr, end, (unsigned long)area.base,
			(unsigned long)area.scratch);
}

/*
 * The worker's descriptors, at fixed numbers so that the parent's replay
 * names the same ones: 0-2 (/dev/null), its pipe (read, write; both
 * non-blocking), /dev/null, a file and a directory of the sandbox.
 */
enum { FD_PIPE_R = 10, FD_PIPE_W, FD_NULL, FD_FILE, FD_DIR };
static const int fds[] = { 0, 1, 2, FD_PIPE_R, FD_PIPE_W, FD_NULL, FD_FILE,
			   FD_DIR };

static void fill_runtime_values(void)
{
	unsigned long *v = &nasty[NASTY_FIXED];

	v[0] = (unsigned long)area.buf;
	v[1] = (unsigned long)area.buf + 1;
	v[2] = (unsigned long)area.buf + 0x100;
	v[3] = (unsigned long)area.buf + BUF_PAGES * PAGE_SIZE - 8;
	v[4] = (unsigned long)area.buf + BUF_PAGES * PAGE_SIZE;
	v[5] = (unsigned long)area.edge + PAGE_SIZE - 1;
	v[6] = (unsigned long)area.edge + PAGE_SIZE - 16;
	v[7] = (unsigned long)area.ro;
	v[8] = (unsigned long)area.scratch;
	v[9] = (unsigned long)area.edge;
}

static unsigned long pick(struct rng *r, enum arg_kind kind)
{
	static const unsigned long bad_fds[] = { -1, 64, 1000, 0x7fffffff,
						 0x80000000, -100 /* AT_FDCWD */ };
	static const unsigned long bad_pids[] = { -1, 0x7fffffff, 0x80000000,
						  99999, 0 };
	uint32_t x = rng_next(r), y = rng_next(r);

	switch (kind) {
	case A_FD:
		if (x % 4)
			return fds[y % ARRAY_SIZE(fds)];
		return bad_fds[y % ARRAY_SIZE(bad_fds)];
	case A_PID:
		if (x % 3 == 0)
			return getpid();
		return bad_pids[y % ARRAY_SIZE(bad_pids)];
	default:
		if (x % 8 == 0)	/* anything, but not the worker's memory */
			return hurts_worker(y, 1) ? y | 0xc0000000 : y;
		return nasty[y % ARRAY_SIZE(nasty)];
	}
}

/* Which arguments are descriptors or process ids, per call. */
static void arg_kinds(long nr, enum arg_kind k[6])
{
	for (int i = 0; i < 6; i++)
		k[i] = A_NASTY;
	switch (nr) {
	case SYS_read: case SYS_write: case SYS_close: case SYS_lseek:
	case SYS_dup: case SYS_ioctl: case SYS__llseek: case SYS_readv:
	case SYS_writev: case SYS_getdents64: case SYS_fcntl64:
	case SYS_fstat: case SYS_fstat64: case SYS_fchdir: case SYS_openat:
	case SYS_fstatat64: case SYS_readlinkat: case SYS_faccessat:
	case SYS_statx:
		k[0] = A_FD;
		break;
	case SYS_dup2:
		k[0] = k[1] = A_FD;
		break;
	case SYS_mmap2:
		k[4] = A_FD;
		break;
	case SYS_kill: case SYS_tkill: case SYS_sched_setaffinity:
	case SYS_sched_getaffinity: case SYS_prlimit64: case SYS_wait4:
	case SYS_waitpid: case SYS_getpgid:
		k[0] = A_PID;
		break;
	case SYS_tgkill:
		k[0] = k[1] = A_PID;
		break;
	}
}

/* Strings a path argument may find in the buffer; never a console. */
static const char *const paths[] = {
	"/bin", "/init", "/dev/null", "/dev/zero", "", "/", "/bin/hello",
	"/nonexistent", "/bin/", "//bin//hello", "/init/x", "/dev", "..",
};

struct call {
	long nr;
	unsigned long a[6];
	uint32_t fill;		/* how the buffer is filled before the call */
};

/*
 * Call i of a worker: a fixed number of draws per call, so the parent can
 * replay the stream to name the call a worker died in.
 */
/* FUZZ_ONLY=nr,nr,...: only these numbers (to chase one bug down). */
static int only[96], nr_only;

static void parse_only(void)
{
	const char *s = getenv("FUZZ_ONLY");
	char *end;

	while (s && *s && nr_only < (int)ARRAY_SIZE(only)) {
		only[nr_only++] = strtol(s, &end, 0);
		s = *end == ',' ? end + 1 : NULL;
	}
}

static void make_call(struct rng *r, struct call *c)
{
	enum arg_kind k[6];
	uint32_t x = rng_next(r);

	do {
		if (nr_only)
			c->nr = only[x % nr_only];
		else if (x % 4)
			c->nr = implemented[rng_below(r, ARRAY_SIZE(implemented))];
		else
			c->nr = rng_below(r, MAX_NR + 1);
		x = rng_next(r);
	} while (excluded(c->nr));
	arg_kinds(c->nr, k);
	for (int i = 0; i < 6; i++)
		c->a[i] = pick(r, k[i]);
	c->fill = rng_next(r);
}

static void format_call(const struct call *c, char *buf, size_t size)
{
	snprintf(buf, size, "syscall(%ld, %#lx, %#lx, %#lx, %#lx, %#lx, %#lx)",
		 c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
}

/* ---- the worker --------------------------------------------------------- */

/*
 * ebp (the 6th argument) can't be an asm operand: push the value first
 * (its operand may be esp-relative, so nothing may move esp before), then
 * swap it with ebp and restore ebp after the call.
 */
static long raw_syscall6(long nr, const unsigned long *a)
{
	unsigned long a6 = a[5];
	long ret;

	__asm__ volatile("push %[a6]\n\t"
			 "xchg %%ebp, (%%esp)\n\t"
			 "int $0x80\n\t"
			 "pop %%ebp"
			 : "=a"(ret)
			 : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]),
			   "D"(a[4]), [a6] "rm"(a6)
			 : "memory");
	return ret;
}

static long raw3(long nr, long a, long b, long c)
{
	unsigned long v[6] = { a, b, c, 0, 0, 0 };

	return raw_syscall6(nr, v);
}

/* MAP_FIXED or MAP_FIXED_NOREPLACE: the mapping replaces what is there. */
#define MAP_FIXED_ANY	(0x10UL | 0x100000UL)

/* A pointer the kernel may read a sleep time from. */
static bool user_pointer(unsigned long p)
{
	return p >= PAGE_SIZE && p < STACK_HI;
}

/*
 * Keep the worker able to go on; see the comment at the top. True if the
 * call was replaced by getpid.
 */
static bool tame(struct call *c)
{
	static const struct { int32_t s, ns; } short32 = { 0, 1000000 };
	static const struct { int64_t s; int32_t ns, pad; } short64 =
		{ 0, 1000000, 0 };
	static const struct { int32_t s, us; } short_tv = { 0, 1000 };
	unsigned long *a = c->a;

	/* Executables exec refuses (user/mkbadelf.py): argv, envp stay nasty. */
	static const char *const bad_elves[] = {
		"/lib/bad-elf/not-elf", "/lib/bad-elf/truncated-header",
		"/lib/bad-elf/wrong-machine", "/lib/bad-elf/bad-phentsize",
		"/lib/bad-elf/no-phdrs", "/lib/bad-elf/phdrs-past-eof",
		"/lib/bad-elf/segment-in-kernel", "/lib/bad-elf/segment-wraps",
		"/lib/bad-elf/segment-past-eof", "/lib/bad-elf/filesz-over-memsz",
		"/bin", "/nonexistent",
	};

	switch (c->nr) {
	case SYS_execve:
		a[0] = (unsigned long)bad_elves[c->fill % ARRAY_SIZE(bad_elves)];
		break;
	case SYS_kill: case SYS_tkill:
		a[1] = 0;
		break;
	case SYS_rt_sigaction:
		/*
		 * The only signals a worker can get (its own alarm or interval
		 * timer, a write to a pipe without reader) stay ignored: a
		 * made-up handler address would crash it.
		 */
		if (a[0] == SIGALRM || a[0] == SIGPIPE)
			a[1] = 0;
		break;
	case SYS_tgkill:
		a[2] = 0;
		break;
	case SYS_mremap:
		/* MREMAP_FIXED replaces whatever is at new_addr too. */
		if ((a[3] & 2) && hurts_worker(a[4], a[2]))
			a[4] = (unsigned long)area.scratch;
		if ((a[3] & 2) && hurts_worker(a[4], a[2]))
			a[3] &= ~2UL;
		/* The old range as munmap's. */
		__attribute__((fallthrough));
	case SYS_munmap: case SYS_mprotect: case SYS_madvise:
	case SYS_remap_file_pages: case SYS_mlock:
	case SYS_munlock: case SYS_msync:
		if (hurts_worker(a[0], a[1]))
			a[0] = (unsigned long)area.scratch;
		if (hurts_worker(a[0], a[1]))
			c->nr = SYS_getpid;
		return c->nr == SYS_getpid;
	case SYS_mmap2: case SYS_mmap:
		/*
		 * Populating a huge mapping takes all free memory, and with
		 * no OOM killer another process's next fault gets SIGSEGV:
		 * keep MAP_POPULATE to small lengths.
		 */
		if (a[1] > (1UL << 20))
			a[3] &= ~(unsigned long)MAP_POPULATE;
		if ((a[3] & MAP_FIXED_ANY) && hurts_worker(a[0], a[1]))
			a[0] = (unsigned long)area.scratch;
		if ((a[3] & MAP_FIXED_ANY) && hurts_worker(a[0], a[1]))
			c->nr = SYS_getpid;
		return c->nr == SYS_getpid;
	case SYS_syslog:
		/*
		 * CLEAR and READ_CLEAR empty the log every process reads
		 * (the syslog test expects lines in it): read it instead.
		 */
		if (a[0] == 4 || a[0] == 5)
			a[0] = 3;
		break;
	/* SysV IPC: no SHM_REMAP (it would map over the worker), no waits. */
	case SYS_shmat:
		a[2] &= ~(unsigned long)SHM_REMAP;
		break;
	case SYS_semtimedop_time64:
		a[3] = (unsigned long)&short64;
		break;
	case SYS_msgsnd:
		a[3] |= IPC_NOWAIT;
		break;
	case SYS_msgrcv:
		a[4] |= IPC_NOWAIT;
		break;
	case SYS_ipc:
		switch (a[0] & 0xffff) {
		case 1: case 4:		/* SEMOP, SEMTIMEDOP: bounded */
			a[0] = (a[0] & ~0xffffUL) | 4;
			a[5] = (unsigned long)&short32;
			break;
		case 11: case 12:	/* MSGSND, MSGRCV */
			a[3] |= IPC_NOWAIT;
			break;
		case 21:		/* SHMAT */
			a[2] &= ~(unsigned long)SHM_REMAP;
			break;
		}
		break;
	/* Waits for files: at most 1 ms (the time left is written back). */
	case SYS_poll:
		a[2] = 1;
		break;
	case SYS_ppoll: case SYS_pselect6:
		a[c->nr == SYS_ppoll ? 2 : 4] = (unsigned long)&short32;
		break;
	case SYS_ppoll_time64: case SYS_pselect6_time64:
		a[c->nr == SYS_ppoll_time64 ? 2 : 4] = (unsigned long)&short64;
		break;
	case SYS__newselect:
		a[4] = (unsigned long)&short_tv;
		break;
	case SYS_getrandom:
		/* 32 MiB, 64 bytes per copy, takes seconds under TCG. */
		if (a[1] > (1UL << 20))
			a[1] = 1UL << 20;
		break;
	case SYS_futex: case SYS_futex_time64:
		/* FUTEX_WAIT (with any private/clock bits): bounded. */
		if (!(a[1] & ~0x180UL))
			a[3] = c->nr == SYS_futex ? (unsigned long)&short32
						  : (unsigned long)&short64;
		break;
	case SYS_nanosleep: case SYS_clock_nanosleep_time32:
	case SYS_clock_nanosleep_time64: {
		unsigned long *req = &a[c->nr == SYS_nanosleep ? 0 : 2];

		if (user_pointer(*req))
			*req = (unsigned long)
				(c->nr == SYS_clock_nanosleep_time64 ?
				 (const void *)&short64 : (const void *)&short32);
		break;
	}
	}
	return false;
}

/*
 * Before a call the buffer holds words from the table (so that structures
 * read from it contain nasty values too) or a path.
 */
static void fill_buffer(uint32_t fill)
{
	struct rng r = { fill };
	unsigned long *w = (unsigned long *)area.buf;

	if (fill % 4 == 0) {
		const char *p = paths[(fill >> 8) % ARRAY_SIZE(paths)];

		memcpy(area.buf, p, strlen(p) + 1);
		return;
	}
	/* Random words may be pointers (iovecs): not into the worker. */
	for (int i = 0; i < 32; i++) {
		unsigned long v = rng_next(&r);

		if (rng_below(&r, 4))
			w[i] = nasty[rng_below(&r, ARRAY_SIZE(nasty))];
		else
			w[i] = hurts_worker(v, 1) ? v | 0xc0000000 : v;
	}
	/* A long name, for ENAMETOOLONG. */
	if (fill % 16 == 1)
		memset(area.buf, 'a', 3 * PAGE_SIZE);
	area.buf[3 * PAGE_SIZE] = '\0';
}

struct worker_report {
	unsigned long calls, ok, errors, skipped, bad;
	struct call first_bad[MAX_REPORTS];
	long first_bad_ret[MAX_REPORTS];
};

static struct worker_report rep;

static bool result_ok(long nr, long ret)
{
	/* Addresses may be above 2 GiB: only the top 4095 values are errors. */
	if (nr == SYS_mmap2 || nr == SYS_brk || nr == SYS_mremap ||
	    nr == SYS_shmat)
		return true;
	/* The previous persona: any 32-bit value set before, as on Linux. */
	if (nr == SYS_personality)
		return true;
	if (ret < -4095)
		return false;
	if (ret == -ENOSYS && is_implemented(nr) && nr != SYS_futex &&
	    nr != SYS_futex_time64)
		return false;
	return true;
}

/* Close what the fuzz opened, and put the worker's descriptors back. */
static void restore_fds(void)
{
	static const char *const opens[] = { "/dev/null", "/dev/null",
					     "/dev/null" };

	for (int fd = 0; fd < 3; fd++) {
		int n = raw3(SYS_open, (long)opens[fd], O_RDWR, 0);

		if (n >= 0 && n != fd) {
			raw3(SYS_dup2, n, fd, 0);
			raw3(SYS_close, n, 0, 0);
		}
	}
	for (int fd = 3; fd < REPORT_FD; fd++) {
		bool keep = false;

		for (unsigned int i = 3; i < ARRAY_SIZE(fds); i++)
			keep |= fds[i] == fd;
		if (!keep)
			raw3(SYS_close, fd, 0, 0);
	}
	raw3(SYS_fcntl64, FD_PIPE_R, F_SETFL, O_NONBLOCK);
	raw3(SYS_fcntl64, FD_PIPE_W, F_SETFL, O_NONBLOCK);
}

static void report_line(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
struct fuzz_params {
	uint32_t seed;
	unsigned int iters;
	int index;
	int progress_w;
};

static struct fuzz_params wp;
/* FUZZ_TRACE=n: print each call from the n-th on, before making it. */
static unsigned int trace_from = ~0u;

static void fuzz_loop(struct rng *r, unsigned int iters)
{
	struct { unsigned char gs[16]; } tls0;
	unsigned int gs, tls_entry;

	/* The TLS descriptor musl set up: put back after each set_thread_area. */
	memset(&tls0, 0, sizeof(tls0));
	__asm__ volatile("mov %%gs, %0" : "=r"(gs));
	tls_entry = gs >> 3;
	memcpy(tls0.gs, &tls_entry, sizeof(tls_entry));
	raw3(SYS_get_thread_area, (long)&tls0, 0, 0);
	/* alarm/setitimer and broken pipes must not end the worker. */
	signal(SIGALRM, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);

	for (unsigned int i = 0; i < iters; i++) {
		unsigned int done;
		struct call c;
		long ret;

		make_call(r, &c);
		if (tame(&c))
			rep.skipped++;
		fill_buffer(c.fill);
		if (i >= trace_from) {
			char t[160];

			format_call(&c, t, sizeof(t));
			report_line("worker %d call #%u: %s", wp.index, i, t);
		}
		raw3(SYS_write, PROGRESS_FD, (long)&i, sizeof(i));
		ret = raw_syscall6(c.nr, c.a);
		done = i | DONE_BIT;
		raw3(SYS_write, PROGRESS_FD, (long)&done, sizeof(done));
		rep.calls++;
		if (ret >= 0 || ret < -4095)
			rep.ok++;
		else
			rep.errors++;
		if (!result_ok(c.nr, ret) && rep.bad++ < MAX_REPORTS) {
			rep.first_bad[rep.bad - 1] = c;
			rep.first_bad_ret[rep.bad - 1] = ret;
		}
		switch (c.nr) {
		case SYS_set_thread_area:
			raw3(SYS_set_thread_area, (long)&tls0, 0, 0);
			__asm__ volatile("mov %0, %%gs" : : "r"(gs));
			break;
		case SYS_open: case SYS_dup: case SYS_dup2: case SYS_fcntl64:
		case SYS_pipe: case SYS_pipe2: case SYS_close: case SYS_openat:
			restore_fds();
			break;
		}
	}
}

static int report_depth;	/* KTAP indentation, read before the fuzz */

static void report_line(const char *fmt, ...)
{
	va_list ap;
	char buf[256];
	int n = 4 * report_depth;

	memset(buf, ' ', n);
	n += snprintf(buf + n, sizeof(buf) - n, "# fuzz: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	buf[n++] = '\n';
	raw3(SYS_write, REPORT_FD, (long)buf, n);
}

static struct rng worker_rng(uint32_t seed, int index)
{
	struct rng r = { seed ^ (uint32_t)index * 0x632BE5ABu };

	return r;
}

/* What the worker needs after the fuzz started: never on the stack top. */
static struct rng wrng;

static __attribute__((noreturn)) void report_and_exit(void)
{
	for (unsigned long i = 0; i < rep.bad && i < MAX_REPORTS; i++) {
		char s[160];

		format_call(&rep.first_bad[i], s, sizeof(s));
		report_line("worker %d: %s = %ld: not a valid result",
			    wp.index, s, rep.first_bad_ret[i]);
	}
	report_line("worker %d: %lu calls, %lu succeeded, %lu failed, "
		    "%lu tamed to getpid, %lu bad results", wp.index,
		    rep.calls, rep.ok, rep.errors, rep.skipped, rep.bad);
	_exit(rep.bad ? 1 : 0);
}

/*
 * The fuzz may write anywhere in the top stack page (0xbffff000...), where
 * the frames of main() and its callees are: run the loop 16 KiB deeper,
 * keep its state in globals, and never return into those frames.
 */
static __attribute__((noinline, noreturn)) void run_below_stack_top(void)
{
	volatile char pad[16 * 1024];
	unsigned long sp = (unsigned long)&pad[0];

	pad[0] = 0;
	if (sp > STACK_HI - 2 * PAGE_SIZE)
		_exit(2);
	fuzz_loop(&wrng, wp.iters);
	report_and_exit();
}

/* The read-only sandbox every worker chroots into (see the top). */
static int sandbox_fd = -1;

static __attribute__((noreturn)) void worker(const struct fuzz_params *p)
{
	int null, pfd[2];

	if (fchdir(sandbox_fd) || chroot(".") || close(sandbox_fd))
		_exit(2);
	null = open("/dev/null", O_RDWR);
	wp = *p;
	wrng = worker_rng(p->seed, p->index);
	report_depth = ktap_depth();
	if (dup2(1, REPORT_FD) < 0 || dup2(p->progress_w, PROGRESS_FD) < 0 ||
	    null < 0 || pipe2(pfd, O_NONBLOCK))
		_exit(2);
	close(p->progress_w);
	if (dup2(pfd[0], FD_PIPE_R) < 0 || dup2(pfd[1], FD_PIPE_W) < 0 ||
	    dup2(null, FD_NULL) < 0 ||
	    dup2(open("/init", O_RDONLY), FD_FILE) < 0 ||
	    dup2(open("/bin", O_RDONLY | O_DIRECTORY), FD_DIR) < 0)
		_exit(2);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	restore_fds();		/* and close everything else */
	run_below_stack_top();
}

/* ---- the parent --------------------------------------------------------- */

static uint32_t fuzz_seed(void)
{
	const char *s = getenv("FUZZ_SEED");

	return s ? (uint32_t)strtoul(s, NULL, 0) : DEFAULT_SEED;
}

static unsigned int fuzz_iters(void)
{
	const char *s = getenv("FUZZ_ITERS");
	long n = s ? strtol(s, NULL, 0) : 0;

	return n > 0 ? (unsigned int)n : DEFAULT_ITERS;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

struct running {
	pid_t pid;
	int index;
	int progress_r;
	int last;		/* index of the call it is in, or -1 */
	long long last_ms;	/* when it last moved */
	bool killed;		/* by us, for making no progress */
};

/* Replay worker `index`'s stream up to call `n`, as it made it. */
static void describe_worker_call(const struct fuzz_params *p, int index,
				 int n, char *buf, size_t size)
{
	struct rng r = worker_rng(p->seed, index);
	struct call c;

	if (n < 0) {
		snprintf(buf, size, "before its first call");
		return;
	}
	for (int i = 0; i <= n; i++)
		make_call(&r, &c);
	tame(&c);
	format_call(&c, buf, size);
}

static void drain_progress(struct running *w)
{
	unsigned int v[64];
	ssize_t n;

	while ((n = read(w->progress_r, v, sizeof(v))) >= (ssize_t)sizeof(v[0])) {
		w->last = v[n / sizeof(v[0]) - 1];
		w->last_ms = now_ms();
	}
}

struct fuzz_result {
	int failed, killed, hung, bad;
};

/* Judge how a worker ended. */
static void judge_worker(const struct fuzz_params *p, struct running *w,
			 int status, struct fuzz_result *res)
{
	char why[64], call[160];

	close(w->progress_r);
	describe_worker_call(p, w->index,
			     w->last == -1 ? -1 : (int)(w->last & ~DONE_BIT),
			     call, sizeof(call));
	if (w->killed) {
		res->hung++;
		ktap_diag("worker %d made no progress for %d ms %s call #%d, "
			  "killed: %s", w->index, HANG_MS,
			  w->last != -1 && (w->last & DONE_BIT) ? "after" : "in",
			  w->last & ~DONE_BIT, call);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		return;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
		res->bad++;
	} else {
		res->failed++;
		ktap_diag("worker %d %s in call #%d: %s", w->index,
			  describe_status(status, why, sizeof(why)), w->last,
			  call);
	}
}

/*
 * Poll the running workers: drain their progress, kill the ones that
 * hang, judge the ones that ended. Returns how many ended.
 */
static int poll_workers(const struct fuzz_params *p, struct running *run,
			int nr, struct fuzz_result *res)
{
	int ended = 0;

	for (int i = 0; i < nr; i++) {
		struct running *w = &run[i];
		int status = -1;
		pid_t got;

		if (w->pid <= 0)
			continue;
		drain_progress(w);
		got = waitpid(w->pid, &status, WNOHANG);
		if (got == w->pid || got < 0) {
			drain_progress(w);
			judge_worker(p, w, status, res);
			w->pid = 0;
			ended++;
		} else if (!w->killed && now_ms() - w->last_ms > HANG_MS) {
			kill(w->pid, SIGKILL);
			w->killed = true;
		}
	}
	return ended;
}

static int start_worker(const struct fuzz_params *base, int index,
			struct running *w)
{
	struct fuzz_params p = *base;
	int pfd[2];

	/* The worker's end blocks when full: no progress record is lost. */
	if (pipe(pfd))
		return -1;
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	p.index = index;
	p.progress_w = pfd[1];
	w->index = index;
	w->progress_r = pfd[0];
	w->last = -1;
	w->last_ms = now_ms();
	w->pid = fork();
	if (w->pid == 0) {
		close(pfd[0]);
		worker(&p);
	}
	close(pfd[1]);
	if (w->pid < 0)
		close(pfd[0]);
	return w->pid < 0 ? -1 : 0;
}

/* All workers, `parallel` at a time. */
static void run_workers(const struct fuzz_params *p, int parallel,
			struct fuzz_result *res)
{
	struct running run[WORKERS];
	int started = 0, done = 0;

	bool give_up = false;

	memset(run, 0, sizeof(run));
	while (done < started || (!give_up && started < WORKERS)) {
		while (!give_up && started < WORKERS &&
		       started - done < parallel) {
			if (start_worker(p, started, &run[started])) {
				ktap_diag("cannot start worker %d", started);
				res->failed++;
				give_up = true;
				break;
			}
			started++;
		}
		done += poll_workers(p, run, started, res);
		usleep(10 * 1000);
	}
}

/* Copy the file src (if it exists) to dst with its mode; 0 or -errno. */
static int copy_file(const char *src, const char *dst)
{
	char buf[4096];
	struct stat st;
	int in = open(src, O_RDONLY), out, err = 0;
	ssize_t n;

	if (in < 0)
		return errno == ENOENT ? 0 : -errno;
	if (fstat(in, &st)) {
		err = -errno;
		close(in);
		return err;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 07777);
	if (out < 0) {
		err = -errno;
		close(in);
		return err;
	}
	while (!err && (n = read(in, buf, sizeof(buf))) > 0)
		err = write_full(out, buf, n);
	if (!err && n < 0)
		err = -errno;
	close(in);
	close(out);
	return err;
}

/* The bad executables exec must refuse (see tame()). */
static const char *const bad_elf_names[] = {
	"not-elf", "truncated-header", "wrong-machine", "bad-phentsize",
	"no-phdrs", "phdrs-past-eof", "segment-in-kernel", "segment-wraps",
	"segment-past-eof", "filesz-over-memsz",
};

/* Fill the fresh tmpfs with the names the fuzz uses; 0 or -errno. */
static int fill_sandbox(void)
{
	const char *staged = getenv("UTEST_ROOT");
	char src[512];
	int err;

	if (!staged)
		staged = "";
	if (mkdir(spath("root/bin"), 0755) || mkdir(spath("root/dev"), 0755) ||
	    mkdir(spath("root/lib"), 0755) ||
	    mkdir(spath("root/lib/bad-elf"), 0755) ||
	    mknod(spath("root/dev/null"), S_IFCHR | 0666, makedev(1, 3)) ||
	    mknod(spath("root/dev/zero"), S_IFCHR | 0666, makedev(1, 5)))
		return -errno;
	err = make_file(spath("root/init"), 3 * PAGE_SIZE + 100, 1);
	if (!err)
		err = make_file(spath("root/bin/hello"), PAGE_SIZE, 2);
	if (!err && (chmod(spath("root/init"), 0755) ||
		     chmod(spath("root/bin/hello"), 0755)))
		err = -errno;
	for (unsigned int i = 0; !err && i < ARRAY_SIZE(bad_elf_names); i++) {
		snprintf(src, sizeof(src), "%s/lib/bad-elf/%s", staged,
			 bad_elf_names[i]);
		err = copy_file(src, spath("root/lib/bad-elf/%s",
					   bad_elf_names[i]));
	}
	return err;
}

/*
 * Mount the sandbox, fill it, remount it read-only and open it for the
 * workers' chroot. False (the case skipped or failed) if it cannot be.
 */
static bool setup_sandbox(void)
{
	const char *root;
	int err;

	KT_ASSERT_EQ(scratch_init("syscall_fuzz"), 0);
	root = spath("root");
	KT_ASSERT_EQ(mkdir(root, 0755), 0);
	if (mount("tmpfs", root, "tmpfs", 0, "size=1m")) {
		err = errno;
		rmdir(root);
		if (err == EPERM) {
			ktap_skip("cannot mount the sandbox: %s",
				  strerror(err));
			return false;
		}
		ktap_fail_at(__FILE__, __LINE__, "mount %s: %s", root,
			     strerror(err));
		return false;
	}
	err = fill_sandbox();
	if (!err && mount(NULL, root, NULL, MS_REMOUNT | MS_RDONLY, NULL))
		err = -errno;
	if (!err && (sandbox_fd = open(root, O_RDONLY | O_DIRECTORY)) < 0)
		err = -errno;
	if (err) {
		ktap_fail_at(__FILE__, __LINE__, "setting up the sandbox %s: %s",
			     root, strerror(-err));
		umount2(root, MNT_DETACH);
		rmdir(root);
		return false;
	}
	return true;
}

static void remove_sandbox(void)
{
	const char *root = spath("root");

	close(sandbox_fd);
	sandbox_fd = -1;
	/* Still read-only and unchanged: the fuzz could not write. */
	KT_EXPECT_EQ(access(spath("root/init"), F_OK), 0);
	KT_EXPECT_EQ(access(spath("root/nonexistent"), F_OK), -1);
	KT_EXPECT_EQ(umount2(root, 0), 0);
	KT_EXPECT_EQ(rmdir(root), 0);
}

/* The kernel still does the basics. */
static void sanity_battery(void)
{
	char out[64], in[64];
	int pfd[2], status;
	char *m;
	pid_t pid;

	KT_ASSERT_EQ(pipe(pfd), 0);
	fill_pattern(out, sizeof(out), 7);
	KT_EXPECT_EQ(write(pfd[1], out, sizeof(out)), (long)sizeof(out));
	KT_EXPECT_EQ(read(pfd[0], in, sizeof(in)), (long)sizeof(in));
	KT_EXPECT_EQ(check_pattern(in, sizeof(in), 7), sizeof(in));
	close(pfd[0]);
	close(pfd[1]);
	m = map_pages(8);
	KT_ASSERT(m != NULL);
	KT_EXPECT_EQ(munmap(m, 8 * PAGE_SIZE), 0);
	pid = fork();
	if (pid == 0)
		_exit(42);
	KT_ASSERT(pid > 0);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	KT_EXPECT_EQ(raw3(SYS_getpid, 0, 0, 0), getpid());
}

/*
 * System V IPC objects outlive the processes that made them. The ids of
 * each kind that exist before a run are remembered; after it, every
 * other one is removed: the page counts can come back, and a Linux host
 * keeps only the objects it had.
 */
#define IPC_SNAP_MAX	1024

struct ipc_snapshot {
	int n[3];			/* -1: too many to remember */
	long ids[3][IPC_SNAP_MAX];
};

/* The id at table index idx of kind k (shm, sem, msg), or -1. */
static long ipc_stat_idx(int k, long idx)
{
	static char buf[512];

	if (k == 0)
		return syscall(SYS_shmctl, idx, 13, buf);	/* SHM_STAT */
	if (k == 1)
		return syscall(SYS_semctl, idx, 0, 18, buf);	/* SEM_STAT */
	return syscall(SYS_msgctl, idx, 11, buf);		/* MSG_STAT */
}

/* The highest index in use of kind k (IPC_INFO), or -1. */
static long ipc_max_idx(int k)
{
	static char buf[512];

	if (k == 0)
		return syscall(SYS_shmctl, 0, 3, buf);
	if (k == 1)
		return syscall(SYS_semctl, 0, 0, 3, buf);
	return syscall(SYS_msgctl, 0, 3, buf);
}

static void ipc_rmid(int k, long id)
{
	if (k == 0)
		syscall(SYS_shmctl, id, 0, NULL);
	else if (k == 1)
		syscall(SYS_semctl, id, 0, 0, 0);
	else
		syscall(SYS_msgctl, id, 0, NULL);
}

static void ipc_snapshot(struct ipc_snapshot *snap)
{
	for (int k = 0; k < 3; k++) {
		long max = ipc_max_idx(k), id;

		snap->n[k] = 0;
		for (long i = 0; i <= max; i++) {
			id = ipc_stat_idx(k, i);
			if (id < 0)
				continue;
			if (snap->n[k] == IPC_SNAP_MAX) {
				snap->n[k] = -1;
				break;
			}
			snap->ids[k][snap->n[k]++] = id;
		}
	}
}

static void ipc_remove_new(const struct ipc_snapshot *snap)
{
	for (int k = 0; k < 3; k++) {
		long max = ipc_max_idx(k), id;

		for (long i = 0; snap->n[k] >= 0 && i <= max; i++) {
			bool old = false;

			id = ipc_stat_idx(k, i);
			if (id < 0)
				continue;
			for (int j = 0; j < snap->n[k] && !old; j++)
				old = snap->ids[k][j] == id;
			if (!old)
				ipc_rmid(k, id);
		}
	}
}

static void fuzz_leaves_kernel_alive_and_exact(void)
{
	static struct ipc_snapshot ipc_before;
	struct fuzz_params p = { .seed = fuzz_seed(), .iters = fuzz_iters() };
	unsigned long low0, high0;
	struct fuzz_result res;
	int parallel = online_cpus() < 2 ? 2 : online_cpus();
	long long t0;

	parse_only();
	if (!setup_sandbox())
		return;
	/* Mapped here, inherited by the workers: the replay sees the same. */
	KT_ASSERT_EQ(setup_area(), 0);
	fill_runtime_values();
	if (getenv("FUZZ_TRACE"))
		trace_from = strtoul(getenv("FUZZ_TRACE"), NULL, 0);
	ktap_diag("seed %#x (FUZZ_SEED), %u calls per worker (FUZZ_ITERS), "
		  "%d workers, %d at a time", p.seed, p.iters, WORKERS,
		  parallel);
	/* Warm-up: the same run, so that lasting kernel caches exist. */
	memset(&res, 0, sizeof(res));
	ipc_snapshot(&ipc_before);
	run_workers(&p, parallel, &res);
	ipc_remove_new(&ipc_before);
	KT_ASSERT_EQ(free_pages(&low0, &high0), 0);
	t0 = now_ms();
	run_workers(&p, parallel, &res);
	ipc_remove_new(&ipc_before);
	ktap_diag("%d workers in %lld ms: %d died, %d hung, %d saw bad results",
		  WORKERS, now_ms() - t0, res.failed, res.hung, res.bad);
	KT_EXPECT_EQ(res.failed, 0);
	KT_EXPECT_EQ(res.bad, 0);
	/* A hang is reported, not failed: a call may block (see the top). */
	sanity_battery();
	expect_free_pages_back(low0, high0);
	remove_sandbox();
}

/*
 * The TLS descriptor %gs selects is cleared (the two forms Linux accepts:
 * "empty", or all zero) while %gs still holds it: the kernel's return to
 * user mode reloads %gs and must not take the fault itself. The child may
 * die (SIGSEGV when it next uses %gs) or go on with a null %gs; the
 * kernel lives.
 */
static void clear_own_tls(void *arg)
{
	struct {
		unsigned int entry, base, limit, flags;
	} u = { 0 };
	unsigned int gs;

	__asm__ volatile("mov %%gs, %0" : "=r"(gs));
	u.entry = gs >> 3;
	/* bits: 0 seg_32bit, 1-2 contents, 3 read_exec_only,
	 * 4 limit_in_pages, 5 seg_not_present, 6 useable */
	u.flags = arg ? (1 << 3 | 1 << 5) : 0;
	if (raw3(SYS_set_thread_area, (long)&u, 0, 0))
		_exit(3);	/* refused: nothing was tested */
	raw3(SYS_getpid, 0, 0, 0);
	_exit(0);
}

static void cleared_tls_descriptor_kills_at_most_the_caller(void)
{
	char why[64];

	for (int i = 0; i < 2; i++) {
		int status = child_status(clear_own_tls, (void *)(long)i);

		KT_EXPECT(status != -1);
		KT_EXPECT(!WIFEXITED(status) || WEXITSTATUS(status) != 3);
		ktap_diag("%s descriptor: child %s", i ? "empty" : "all-zero",
			  describe_status(status, why, sizeof(why)));
	}
	KT_EXPECT_EQ(raw3(SYS_getpid, 0, 0, 0), getpid());
}

static const struct ktap_case cases[] = {
	KTAP_CASE(cleared_tls_descriptor_kills_at_most_the_caller),
	KTAP_CASE(fuzz_leaves_kernel_alive_and_exact),
	{ 0 }
};

int main(void)
{
	int ret = ktap_main("syscall_fuzz", cases);

	/* A case that ended early may have left the sandbox mounted. */
	if (sandbox_fd >= 0)
		umount2(spath("root"), MNT_DETACH);
	return ret;
}
