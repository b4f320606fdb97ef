/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System calls: the Linux i386 numbers (the ABI user space is compiled
 * against) and the handlers. kernel/syscall_table.c maps numbers to
 * handlers; Documentation/syscalls.md lists what each supports.
 *
 * Convention (int $0x80): eax = number; ebx, ecx, edx, esi, edi, ebp =
 * arguments 1-6; the result or -errno comes back in eax.
 *
 * Handlers are written with SYSCALL_DEFINEn(name, type1, arg1, ...), which
 * defines sys_name(struct pt_regs *) that takes the arguments out of the
 * saved registers and calls the typed body: every entry of the table has
 * the same type, and no function pointer is cast.
 */
#ifndef _SYSCALLS_H
#define _SYSCALLS_H

#include <types.h>
#include <asm/ptrace.h>


#define __NR_restart_syscall	0
#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_link		9
#define __NR_unlink		10
#define __NR_execve		11
#define __NR_chdir		12
#define __NR_time		13
#define __NR_mknod		14
#define __NR_chmod		15
#define __NR_lchown		16
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_setuid		23
#define __NR_getuid		24
#define __NR_alarm		27
#define __NR_pause		29
#define __NR_utime		30
#define __NR_access		33
#define __NR_sync		36
#define __NR_kill		37
#define __NR_rename		38
#define __NR_mkdir		39
#define __NR_rmdir		40
#define __NR_dup		41
#define __NR_pipe		42
#define __NR_times		43
#define __NR_brk		45
#define __NR_setgid		46
#define __NR_getgid		47
#define __NR_geteuid		49
#define __NR_getegid		50
#define __NR_ioctl		54
#define __NR_setpgid		57
#define __NR_umask		60
#define __NR_dup2		63
#define __NR_getppid		64
#define __NR_getpgrp		65
#define __NR_setsid		66
#define __NR_sigaction		67
#define __NR_setreuid		70
#define __NR_setregid		71
#define __NR_setrlimit		75
#define __NR_getrlimit		76
#define __NR_getrusage		77
#define __NR_gettimeofday	78
#define __NR_getgroups		80
#define __NR_setgroups		81
#define __NR_symlink		83
#define __NR_readlink		85
#define __NR_munmap		91
#define __NR_truncate		92
#define __NR_ftruncate		93
#define __NR_reboot		88
#define __NR_fchmod		94
#define __NR_fchown		95
#define __NR_getpriority	96
#define __NR_setpriority	97
#define __NR_statfs		99
#define __NR_fstatfs		100
#define __NR_syslog		103
#define __NR_setitimer		104
#define __NR_getitimer		105
#define __NR_stat		106
#define __NR_lstat		107
#define __NR_fstat		108
#define __NR_wait4		114
#define __NR_sysinfo		116
#define __NR_fsync		118
#define __NR_sigreturn		119
#define __NR_clone		120
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_sigprocmask	126
#define __NR_getpgid		132
#define __NR_fchdir		133
#define __NR_setfsuid		138
#define __NR_setfsgid		139
#define __NR__llseek		140
#define __NR_getdents		141
#define __NR__newselect		142
#define __NR_msync		144
#define __NR_readv		145
#define __NR_writev		146
#define __NR_getsid		147
#define __NR_fdatasync		148
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_mremap		163
#define __NR_setresuid		164
#define __NR_getresuid		165
#define __NR_poll		168
#define __NR_setresgid		170
#define __NR_getresgid		171
#define __NR_prctl		172
#define __NR_rt_sigreturn	173
#define __NR_rt_sigaction	174
#define __NR_rt_sigprocmask	175
#define __NR_rt_sigpending	176
#define __NR_rt_sigsuspend	179
#define __NR_pread64		180
#define __NR_pwrite64		181
#define __NR_chown		182
#define __NR_getcwd		183
#define __NR_sigaltstack	186
#define __NR_vfork		190
#define __NR_ugetrlimit		191
#define __NR_mmap2		192
#define __NR_truncate64		193
#define __NR_ftruncate64	194
#define __NR_stat64		195
#define __NR_lstat64		196
#define __NR_fstat64		197
#define __NR_lchown32		198
#define __NR_getuid32		199
#define __NR_getgid32		200
#define __NR_geteuid32		201
#define __NR_getegid32		202
#define __NR_setreuid32		203
#define __NR_setregid32		204
#define __NR_getgroups32	205
#define __NR_setgroups32	206
#define __NR_fchown32		207
#define __NR_setresuid32	208
#define __NR_getresuid32	209
#define __NR_setresgid32	210
#define __NR_getresgid32	211
#define __NR_chown32		212
#define __NR_setuid32		213
#define __NR_setgid32		214
#define __NR_setfsuid32		215
#define __NR_setfsgid32		216
#define __NR_madvise		219
#define __NR_getdents64		220
#define __NR_fcntl64		221
#define __NR_gettid		224
#define __NR_tkill		238
#define __NR_futex		240
#define __NR_sched_setaffinity	241
#define __NR_sched_getaffinity	242
#define __NR_set_thread_area	243
#define __NR_get_thread_area	244
#define __NR_fadvise64		250
#define __NR_exit_group		252
#define __NR_set_tid_address	258
#define __NR_clock_gettime	265
#define __NR_clock_getres	266
#define __NR_clock_nanosleep	267
#define __NR_statfs64		268
#define __NR_fstatfs64		269
#define __NR_tgkill		270
#define __NR_utimes		271
#define __NR_fadvise64_64	272
#define __NR_openat		295
#define __NR_mkdirat		296
#define __NR_mknodat		297
#define __NR_fchownat		298
#define __NR_futimesat		299
#define __NR_fstatat64		300
#define __NR_unlinkat		301
#define __NR_renameat		302
#define __NR_linkat		303
#define __NR_symlinkat		304
#define __NR_readlinkat		305
#define __NR_fchmodat		306
#define __NR_faccessat		307
#define __NR_pselect6		308
#define __NR_ppoll		309
#define __NR_set_robust_list	311
#define __NR_getcpu		318
#define __NR_utimensat		320
#define __NR_dup3		330
#define __NR_pipe2		331
#define __NR_preadv		333
#define __NR_pwritev		334
#define __NR_prlimit64		340
#define __NR_syncfs		344
#define __NR_renameat2		353
#define __NR_getrandom		355
#define __NR_creat		8
#define __NR_mount		21
#define __NR_umount		22
#define __NR_umount2		52
#define __NR_chroot		61
#define __NR_flock		143
#define __NR_sendfile	187
#define __NR_sendfile64	239
#define __NR_fallocate	324
#define __NR_copy_file_range	377
#define __NR_sync_file_range	314
#define __NR_memfd_create	356
#define __NR_statx		383
#define __NR_clock_gettime64	403
#define __NR_clock_nanosleep_time64 407
#define __NR_utimensat_time64	412
#define __NR_pselect6_time64	413
#define __NR_ppoll_time64	414
#define __NR_futex_time64	422
#define __NR_faccessat2		439
#define NR_syscalls		440

typedef long (*syscall_fn_t)(struct pt_regs *regs);

/* Dispatch regs->eax (arch/x86/kernel/syscall.c calls it). */
long do_syscall(struct pt_regs *regs);

#define __SC_ARG(t, reg)	((t)(unsigned long)regs->reg)

#define SYSCALL_DEFINE0(name)						\
	long sys_##name(struct pt_regs *regs)

#define SYSCALL_DEFINE1(name, t1, a1)					\
	static long __do_sys_##name(t1 a1);				\
	long sys_##name(struct pt_regs *regs)				\
	{								\
		return __do_sys_##name(__SC_ARG(t1, ebx));		\
	}								\
	static long __do_sys_##name(t1 a1)

#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)				\
	static long __do_sys_##name(t1 a1, t2 a2);			\
	long sys_##name(struct pt_regs *regs)				\
	{								\
		return __do_sys_##name(__SC_ARG(t1, ebx),		\
				       __SC_ARG(t2, ecx));		\
	}								\
	static long __do_sys_##name(t1 a1, t2 a2)

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)			\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3);		\
	long sys_##name(struct pt_regs *regs)				\
	{								\
		return __do_sys_##name(__SC_ARG(t1, ebx),		\
				       __SC_ARG(t2, ecx),		\
				       __SC_ARG(t3, edx));		\
	}								\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)		\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);	\
	long sys_##name(struct pt_regs *regs)				\
	{								\
		return __do_sys_##name(__SC_ARG(t1, ebx),		\
				       __SC_ARG(t2, ecx),		\
				       __SC_ARG(t3, edx),		\
				       __SC_ARG(t4, esi));		\
	}								\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);	\
	long sys_##name(struct pt_regs *regs)				\
	{								\
		return __do_sys_##name(__SC_ARG(t1, ebx),		\
				       __SC_ARG(t2, ecx),		\
				       __SC_ARG(t3, edx),		\
				       __SC_ARG(t4, esi),		\
				       __SC_ARG(t5, edi));		\
	}								\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5,	\
			t6, a6)						\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5,	\
				    t6 a6);				\
	long sys_##name(struct pt_regs *regs)				\
	{								\
		return __do_sys_##name(__SC_ARG(t1, ebx),		\
				       __SC_ARG(t2, ecx),		\
				       __SC_ARG(t3, edx),		\
				       __SC_ARG(t4, esi),		\
				       __SC_ARG(t5, edi),		\
				       __SC_ARG(t6, ebp));		\
	}								\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5,	\
				    t6 a6)

/* Every handler in the table, in number order. */
#define SYSCALL_LIST(X)							\
	X(restart_syscall)						\
	X(exit) X(fork) X(read) X(write) X(open) X(close) X(waitpid)	\
	X(execve) X(chdir) X(time) X(lseek) X(getpid) X(getuid)	\
	X(alarm) X(pause)						\
	X(access) X(kill) X(dup) X(pipe) X(brk) X(getgid) X(geteuid)	\
	X(getegid) X(ioctl) X(umask) X(dup2) X(getppid) X(getpgrp)	\
	X(setsid) X(sigaction) X(setrlimit) X(getrlimit)		\
	X(gettimeofday) X(readlink)					\
	X(munmap) X(setitimer) X(getitimer)				\
	X(stat) X(lstat) X(fstat) X(wait4) X(sysinfo) X(sigreturn)	\
	X(clone) X(uname) X(mprotect) X(sigprocmask) X(getpgid)	\
	X(fchdir) X(_llseek)						\
	X(readv) X(writev) X(sched_yield) X(nanosleep) X(rt_sigreturn)	\
	X(rt_sigaction) X(rt_sigprocmask) X(rt_sigpending)		\
	X(rt_sigsuspend) X(getcwd) X(sigaltstack)			\
	X(vfork) X(ugetrlimit) X(mmap2)					\
	X(stat64) X(lstat64) X(fstat64) X(getuid32)			\
	X(getgid32) X(geteuid32) X(getegid32) X(madvise) X(getdents64)	\
	X(fcntl64) X(gettid) X(tkill) X(sched_setaffinity)		\
	X(sched_getaffinity) X(set_thread_area) X(get_thread_area)	\
	X(exit_group) X(set_tid_address) X(clock_gettime)		\
	X(clock_getres) X(clock_nanosleep) X(tgkill) X(openat)		\
	X(fstatat64) X(readlinkat) X(faccessat) X(pipe2) X(getcpu)	\
	X(prlimit64) X(getrandom) X(statx) X(clock_gettime64)		\
	X(clock_nanosleep_time64) X(futex) X(futex_time64) X(set_robust_list) \
	X(times) X(getrusage) X(_newselect) X(pread64) X(pwrite64)	\
	X(pselect6) X(ppoll) X(dup3) X(pselect6_time64) X(ppoll_time64)	\
	X(poll) X(mremap) X(getsid) X(setpgid) X(getpriority)		\
	X(setpriority) X(fsync) X(fdatasync) X(reboot)			\
	X(mkdir) X(mkdirat) X(mknod) X(mknodat) X(symlink)		\
	X(symlinkat) X(link) X(linkat) X(unlink) X(rmdir) X(unlinkat)	\
	X(rename) X(renameat) X(renameat2) X(chmod) X(fchmodat)		\
	X(fchmod) X(chown) X(lchown) X(fchown) X(chown32) X(lchown32)	\
	X(fchown32) X(fchownat) X(utimensat) X(utimensat_time64)	\
	X(utimes) X(futimesat) X(utime) X(truncate) X(truncate64)	\
	X(ftruncate) X(ftruncate64) X(statfs) X(fstatfs) X(statfs64)	\
	X(fstatfs64) X(sync) X(syncfs) X(fadvise64) X(fadvise64_64)	\
	X(preadv) X(pwritev) X(setuid) X(setgid) X(setuid32)		\
	X(setgid32) X(setreuid) X(setregid) X(setreuid32) X(setregid32)	\
	X(setresuid) X(setresgid) X(setresuid32) X(setresgid32)	\
	X(getresuid) X(getresgid) X(getresuid32) X(getresgid32)	\
	X(setfsuid) X(setfsgid) X(setfsuid32) X(setfsgid32)		\
	X(getgroups) X(getgroups32) X(setgroups) X(setgroups32) X(prctl)	\
	X(faccessat2) X(syslog)						\
	X(creat) X(mount) X(umount) X(umount2) X(chroot) X(flock)	\
	X(sendfile) X(sendfile64) X(fallocate) X(copy_file_range)	\
	X(sync_file_range) X(memfd_create) X(msync)

#define __SYSCALL_DECLARE(name)	long sys_##name(struct pt_regs *regs);
SYSCALL_LIST(__SYSCALL_DECLARE)
#undef __SYSCALL_DECLARE

#endif
