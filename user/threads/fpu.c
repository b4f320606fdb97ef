// SPDX-License-Identifier: GPL-2.0
/*
 * fpu: the x87 and SSE registers as a program sees them.
 *
 * - SSE and SSE2 instructions run on every CPU (the kernel set CR4.OSFXSR
 *   there; without it they raise #UD and the program dies of SIGILL).
 * - Each thread has its own registers: 3 threads per CPU, pinned, load
 *   distinct x87 stack values, xmm0-7, control word (precision and
 *   rounding) and MXCSR (rounding, flush-to-zero), then spin with and
 *   without sched_yield() so that they are switched out and in many times,
 *   and check every register afterwards. Everything between the loads and
 *   the checks is one asm block, so the compiler cannot touch them either.
 * - fork copies the registers; execve starts from the initial state
 *   (FCW 0x37f, MXCSR 0x1f80, empty x87 stack, xmm zero). The program
 *   re-executes itself with "--child-exec-state" for that.
 * - Unmasked SSE and x87 exceptions kill the process with SIGFPE on every
 *   CPU (CR4.OSXMMEXCPT and CR0.NE), also when the x87 error is still
 *   pending across a context switch; masked ones only set flags.
 *
 * The file is compiled like every other test (no -msse): the SSE code is
 * inline assembly, and the program checks CPUID before using it.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "util.h"

#define FCW_DEFAULT	0x037f
#define MXCSR_DEFAULT	0x1f80
#define MXCSR_ZM	(1u << 9)	/* divide-by-zero mask */
#define MXCSR_ZE	(1u << 2)	/* divide-by-zero flag */
#define FCW_ZM		(1u << 2)
#define FSW_ZE		(1u << 2)

#define THREADS_PER_CPU	3
#define MAX_THREADS	(THREADS_PER_CPU * 32)
#define ROUNDS		64
#define SPIN		1000000	/* loop iterations per round */

static bool have_sse2;
static char *self_path;
/* The registers as main() found them, before other code ran. */
static uint16_t start_fcw;
static uint32_t start_mxcsr;

/* What one thread loads and what it finds at the end. */
struct fp_regs {
	uint8_t xmm[8][16];	/* offset 0 */
	double st[8];		/* offset 128: st[0] is the top of stack */
	uint32_t mxcsr;		/* offset 192 */
	uint16_t fcw;		/* offset 196 */
	uint16_t fsw;		/* offset 198 */
	/* Out: TSC (low half) when `rounds` left was i; tsc[0] at the end. */
	uint32_t tsc[ROUNDS + 1];	/* offset 200 */
};

_Static_assert(__builtin_offsetof(struct fp_regs, st) == 128, "asm offsets");
_Static_assert(__builtin_offsetof(struct fp_regs, mxcsr) == 192, "asm");
_Static_assert(__builtin_offsetof(struct fp_regs, fcw) == 196, "asm");
_Static_assert(__builtin_offsetof(struct fp_regs, tsc) == 200, "asm");

static inline uint16_t get_fcw(void)
{
	uint16_t v;

	__asm__ __volatile__("fnstcw %0" : "=m"(v));
	return v;
}

static inline void set_fcw(uint16_t v)
{
	__asm__ __volatile__("fldcw %0" : : "m"(v));
}

static inline uint16_t get_fsw(void)
{
	uint16_t v;

	__asm__ __volatile__("fnstsw %0" : "=m"(v));
	return v;
}

static inline uint32_t get_mxcsr(void)
{
	uint32_t v;

	__asm__ __volatile__("stmxcsr %0" : "=m"(v));
	return v;
}

static inline void set_mxcsr(uint32_t v)
{
	__asm__ __volatile__("ldmxcsr %0" : : "m"(v));
}

static inline void set_xmm7(const uint8_t v[16])
{
	__asm__ __volatile__("movdqu %0, %%xmm7" : : "m"(*(const uint8_t(*)[16])v));
}

static inline void get_xmm7(uint8_t v[16])
{
	__asm__ __volatile__("movdqu %%xmm7, %0" : "=m"(*(uint8_t(*)[16])v));
}

static bool cpu_has_sse2(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return false;
	return (d & bit_SSE) && (d & bit_SSE2);
}

/* ---- SSE and SSE2 work ---------------------------------------------------- */

struct sse_results {
	float addps[4];
	double mulpd[2];
	uint32_t paddd[4];
	double sqrtsd;
	uint32_t movd;
};

/* A few SSE and SSE2 instructions, including glibc's first (movd). */
static void run_sse(struct sse_results *r)
{
	static const float fa[4] = { 1, 2, 3, 4 }, fb[4] = { 10, 20, 30, 40 };
	static const double da[2] = { 1.5, 2.5 }, db[2] = { 2, 4 };
	static const uint32_t ia[4] = { 1, 2, 3, 0xffffffff };
	static const uint32_t ib[4] = { 100, 200, 300, 2 };
	int sixteen = 16;
	uint32_t word = 0x12345678;

	__asm__ __volatile__(
		"movups %[fa], %%xmm0\n\t"
		"movups %[fb], %%xmm1\n\t"
		"addps %%xmm1, %%xmm0\n\t"
		"movups %%xmm0, %[addps]\n\t"
		"movupd %[da], %%xmm2\n\t"
		"movupd %[db], %%xmm3\n\t"
		"mulpd %%xmm3, %%xmm2\n\t"
		"movupd %%xmm2, %[mulpd]\n\t"
		"movdqu %[ia], %%xmm4\n\t"
		"movdqu %[ib], %%xmm5\n\t"
		"paddd %%xmm5, %%xmm4\n\t"
		"movdqu %%xmm4, %[paddd]\n\t"
		"cvtsi2sd %[sixteen], %%xmm6\n\t"
		"sqrtsd %%xmm6, %%xmm6\n\t"
		"movsd %%xmm6, %[sqrtsd]\n\t"
		"movd %[word], %%xmm7\n\t"
		"pshufd $0, %%xmm7, %%xmm7\n\t"
		"psrldq $12, %%xmm7\n\t"
		"movd %%xmm7, %[movd]\n\t"
		: [addps] "=m"(r->addps), [mulpd] "=m"(r->mulpd),
		  [paddd] "=m"(r->paddd), [sqrtsd] "=m"(r->sqrtsd),
		  [movd] "=m"(r->movd)
		: [fa] "m"(fa), [fb] "m"(fb), [da] "m"(da), [db] "m"(db),
		  [ia] "m"(ia), [ib] "m"(ib), [sixteen] "m"(sixteen),
		  [word] "m"(word));
}

/* Exit 0 if the results are right, 2 if not; SIGILL if SSE is off. */
static void sse_on_cpu(void *arg)
{
	struct sse_results r;

	if (pin_to_cpu((int)(long)arg))
		_exit(3);
	run_sse(&r);
	if (r.addps[0] != 11 || r.addps[1] != 22 || r.addps[2] != 33 ||
	    r.addps[3] != 44 || r.mulpd[0] != 3 || r.mulpd[1] != 10 ||
	    r.paddd[0] != 101 || r.paddd[1] != 202 || r.paddd[2] != 303 ||
	    r.paddd[3] != 1 || r.sqrtsd != 4 || r.movd != 0x12345678)
		_exit(2);
	_exit(0);
}

static void sse_instructions_work_on_every_cpu(void)
{
	char why[64];

	if (!have_sse2) {
		ktap_skip("CPU has no SSE2");
		return;
	}
	for (int cpu = 0; cpu < online_cpus(); cpu++) {
		int st = child_status(sse_on_cpu, (void *)(long)cpu);

		if (st != 0)
			ktap_diag("CPU %d: %s", cpu,
				  describe_status(st, why, sizeof(why)));
		KT_EXPECT_EQ(st, 0);
	}
}

static void program_starts_with_default_state(void)
{
	KT_EXPECT_EQ(start_fcw, FCW_DEFAULT);
	if (have_sse2)
		KT_EXPECT_EQ(start_mxcsr, MXCSR_DEFAULT);
}

/* ---- private registers per thread ------------------------------------------ */

struct fp_thread {
	pthread_t tid;
	int cpu;
	int yield;		/* sched_yield() after each round */
	struct fp_regs in, out;
	int pinned;
};

/*
 * Rounds that took at least 4 times as long as the fastest: the thread
 * was switched out during them (a diagnostic: timings never fail a test).
 */
static int slow_rounds(const struct fp_regs *out)
{
	uint32_t fastest = UINT32_MAX;
	int slow = 0;

	for (int i = ROUNDS; i > 0; i--)
		if (out->tsc[i - 1] - out->tsc[i] < fastest)
			fastest = out->tsc[i - 1] - out->tsc[i];
	for (int i = ROUNDS; i > 0; i--)
		if (out->tsc[i - 1] - out->tsc[i] >= 4 * (uint64_t)fastest)
			slow++;
	return slow;
}

/*
 * Load `in` into the registers, run `ROUNDS` rounds of SPIN iterations
 * (with a sched_yield() system call after each if `yield`), then store the
 * registers into `out`. Nothing but the integer loop and the system call
 * runs in between.
 */
static void hold_registers(const struct fp_regs *in, struct fp_regs *out,
			   int yield, int sse)
{
	int rounds = ROUNDS, spin = SPIN;

	__asm__ __volatile__(
		"fninit\n\t"
		"fldcw 196(%%esi)\n\t"
		"cmpl $0, %[sse]\n\t"
		"je 1f\n\t"
		"ldmxcsr 192(%%esi)\n\t"
		"movdqu 0(%%esi), %%xmm0\n\t"
		"movdqu 16(%%esi), %%xmm1\n\t"
		"movdqu 32(%%esi), %%xmm2\n\t"
		"movdqu 48(%%esi), %%xmm3\n\t"
		"movdqu 64(%%esi), %%xmm4\n\t"
		"movdqu 80(%%esi), %%xmm5\n\t"
		"movdqu 96(%%esi), %%xmm6\n\t"
		"movdqu 112(%%esi), %%xmm7\n"
		"1:\n\t"
		"fldl 184(%%esi)\n\t"
		"fldl 176(%%esi)\n\t"
		"fldl 168(%%esi)\n\t"
		"fldl 160(%%esi)\n\t"
		"fldl 152(%%esi)\n\t"
		"fldl 144(%%esi)\n\t"
		"fldl 136(%%esi)\n\t"
		"fldl 128(%%esi)\n"
		"2:\n\t"
		"rdtsc\n\t"
		"movl %[rounds], %%edx\n\t"
		"movl %%eax, 200(%%edi,%%edx,4)\n\t"
		"movl %[spin], %%ecx\n"
		"3:\n\t"
		"decl %%ecx\n\t"
		"jnz 3b\n\t"
		"cmpl $0, %[yield]\n\t"
		"je 4f\n\t"
		"movl $158, %%eax\n\t"		/* __NR_sched_yield */
		"int $0x80\n"
		"4:\n\t"
		"decl %[rounds]\n\t"
		"jnz 2b\n\t"
		"rdtsc\n\t"
		"movl %%eax, 200(%%edi)\n\t"
		"fstpl 128(%%edi)\n\t"
		"fstpl 136(%%edi)\n\t"
		"fstpl 144(%%edi)\n\t"
		"fstpl 152(%%edi)\n\t"
		"fstpl 160(%%edi)\n\t"
		"fstpl 168(%%edi)\n\t"
		"fstpl 176(%%edi)\n\t"
		"fstpl 184(%%edi)\n\t"
		"fnstcw 196(%%edi)\n\t"
		"fnstsw 198(%%edi)\n\t"
		"cmpl $0, %[sse]\n\t"
		"je 5f\n\t"
		"stmxcsr 192(%%edi)\n\t"
		"movdqu %%xmm0, 0(%%edi)\n\t"
		"movdqu %%xmm1, 16(%%edi)\n\t"
		"movdqu %%xmm2, 32(%%edi)\n\t"
		"movdqu %%xmm3, 48(%%edi)\n\t"
		"movdqu %%xmm4, 64(%%edi)\n\t"
		"movdqu %%xmm5, 80(%%edi)\n\t"
		"movdqu %%xmm6, 96(%%edi)\n\t"
		"movdqu %%xmm7, 112(%%edi)\n"
		"5:\n\t"
		"fninit\n\t"	/* back to the control word C code expects */
		: [rounds] "+m"(rounds)
		: "S"(in), "D"(out), [spin] "m"(spin), [yield] "m"(yield),
		  [sse] "m"(sse)
		: "eax", "ecx", "edx", "memory");
}

/*
 * Thread n's values: all different from every other thread's. The control
 * word keeps all exceptions masked and varies precision (single, double,
 * extended) and rounding; MXCSR varies rounding and flush-to-zero.
 */
static void make_values(struct fp_regs *r, int n)
{
	static const uint16_t pc[3] = { 0 << 8, 2 << 8, 3 << 8 };

	fill_pattern(r->xmm, sizeof(r->xmm), 0xf0000000u + n);
	for (int i = 0; i < 8; i++)
		r->st[i] = n * 1000.0 + i + 0.25;	/* exact in a double */
	r->fcw = 0x3f | 0x40 | pc[n % 3] | (((n / 3) % 4) << 10);
	r->mxcsr = MXCSR_DEFAULT | ((n % 4) << 13) | (((n / 4) % 2) << 15);
	r->fsw = 0;
}

static void *fp_thread_fn(void *arg)
{
	struct fp_thread *t = arg;

	t->pinned = pin_to_cpu(t->cpu) == 0;
	hold_registers(&t->in, &t->out, t->yield, have_sse2);
	return NULL;
}

/* Compare what thread n found with what it loaded; 0 if all equal. */
static int check_thread(const struct fp_thread *t, int n)
{
	int bad = 0;

	if (memcmp(t->in.st, t->out.st, sizeof(t->in.st))) {
		ktap_diag("thread %d: x87 st0 %.2f, loaded %.2f", n,
			  t->out.st[0], t->in.st[0]);
		bad++;
	}
	if (t->out.fcw != t->in.fcw) {
		ktap_diag("thread %d: FCW %#x, loaded %#x", n, t->out.fcw,
			  t->in.fcw);
		bad++;
	}
	if (!have_sse2)
		return bad;
	if (memcmp(t->in.xmm, t->out.xmm, sizeof(t->in.xmm))) {
		ktap_diag("thread %d: xmm registers changed", n);
		bad++;
	}
	if (t->out.mxcsr != t->in.mxcsr) {
		ktap_diag("thread %d: MXCSR %#x, loaded %#x", n, t->out.mxcsr,
			  t->in.mxcsr);
		bad++;
	}
	return bad;
}

static void run_fp_threads(int yield)
{
	static struct fp_thread threads[MAX_THREADS];
	int cpus = online_cpus(), n = cpus * THREADS_PER_CPU, bad = 0;
	int pinned = 0, slow = 0;

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	memset(threads, 0, sizeof(threads));
	for (int i = 0; i < n; i++) {
		threads[i].cpu = i % cpus;
		threads[i].yield = yield;
		make_values(&threads[i].in, i + (yield ? 100 : 0));
		KT_ASSERT_EQ(pthread_create(&threads[i].tid, NULL,
					    fp_thread_fn, &threads[i]), 0);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(threads[i].tid, NULL);
		pinned += threads[i].pinned;
		bad += check_thread(&threads[i], i) != 0;
		slow += slow_rounds(&threads[i].out);
	}
	ktap_diag("%d threads on %d CPUs (%d pinned), %d rounds of %d "
		  "iterations%s, %d rounds slowed by a switch: %d threads "
		  "with changed registers", n, cpus, pinned, ROUNDS, SPIN,
		  yield ? " + sched_yield" : "", slow, bad);
	KT_EXPECT_EQ(pinned, n);
	KT_EXPECT_EQ(bad, 0);
}

static void registers_private_per_thread_preempted(void)
{
	run_fp_threads(0);
}

static void registers_private_per_thread_yielding(void)
{
	run_fp_threads(1);
}

/* ---- fork and execve ------------------------------------------------------- */

#define CHILD_FCW	(0x3f | (2 << 8) | (3 << 10))	/* double, chop */
#define CHILD_MXCSR	(MXCSR_DEFAULT | (1 << 13) | (1 << 15))

static const uint8_t child_xmm7[16] = "fork copies xmm";

/* In the forked child: the parent's values must be there. */
static void check_inherited(void *arg)
{
	uint8_t x[16];

	(void)arg;
	KT_EXPECT_EQ(get_fcw(), CHILD_FCW);
	if (have_sse2) {
		KT_EXPECT_EQ(get_mxcsr(), CHILD_MXCSR);
		get_xmm7(x);
		KT_EXPECT(!memcmp(x, child_xmm7, sizeof(x)));
		set_mxcsr(MXCSR_DEFAULT);	/* must not reach the parent */
	}
	set_fcw(FCW_DEFAULT);
}

static void fork_copies_state(void)
{
	uint8_t x[16];
	char why[64];
	int st;

	set_fcw(CHILD_FCW);
	if (have_sse2) {
		set_mxcsr(CHILD_MXCSR);
		set_xmm7(child_xmm7);
	}
	st = child_status(check_inherited, NULL);
	KT_EXPECT_EQ(get_fcw(), CHILD_FCW);
	if (have_sse2) {
		KT_EXPECT_EQ(get_mxcsr(), CHILD_MXCSR);
		get_xmm7(x);
		KT_EXPECT(!memcmp(x, child_xmm7, sizeof(x)));
	}
	set_fcw(FCW_DEFAULT);
	if (have_sse2)
		set_mxcsr(MXCSR_DEFAULT);
	if (st)
		ktap_diag("child: %s", describe_status(st, why, sizeof(why)));
	KT_EXPECT_EQ(st, 0);
}

/* Exit status bits of the exec'd program: which checks failed. */
#define BAD_FCW		1
#define BAD_MXCSR	2
#define BAD_XMM		4
#define BAD_X87_STACK	8

/* The exec'd copy: registers as the kernel handed them over. */
static int child_exec_state(void)
{
	uint8_t x[16], zero[16] = { 0 };
	struct { uint32_t cw, sw, tw, rest[4]; } env;
	int bad = 0;

	__asm__ __volatile__("fnstenv %0" : "=m"(env));
	if (start_fcw != FCW_DEFAULT)
		bad |= BAD_FCW;
	if ((env.tw & 0xffff) != 0xffff || (env.sw & 0x3800))
		bad |= BAD_X87_STACK;		/* not empty, TOP != 0 */
	if (have_sse2) {
		get_xmm7(x);
		if (start_mxcsr != MXCSR_DEFAULT)
			bad |= BAD_MXCSR;
		if (memcmp(x, zero, sizeof(x)))
			bad |= BAD_XMM;
	}
	return bad;
}

static void exec_self_dirty(void *arg)
{
	char *argv[] = { self_path, "--child-exec-state", NULL };
	static const double junk[3] = { 1.5, 2.5, 3.5 };

	(void)arg;
	set_fcw(CHILD_FCW);
	__asm__ __volatile__("fldl %0\n\tfldl %1\n\tfldl %2"
			     : : "m"(junk[0]), "m"(junk[1]), "m"(junk[2]));
	if (have_sse2) {
		set_mxcsr(CHILD_MXCSR);
		set_xmm7(child_xmm7);
	}
	execv(self_path, argv);
	_exit(100);
}

static void execve_resets_state(void)
{
	int st = child_status(exec_self_dirty, NULL);

	KT_EXPECT(WIFEXITED(st));
	if (WIFEXITED(st)) {
		int bad = WEXITSTATUS(st);

		if (bad)
			ktap_diag("exec'd program: status %d (1 FCW, 2 MXCSR, "
				  "4 xmm7, 8 x87 stack, 100 exec failed)",
				  bad);
		KT_EXPECT_EQ(bad, 0);
	}
}

/* ---- exceptions ------------------------------------------------------------ */

/*
 * QEMU's TCG (at least up to 7.2) never raises #XM: an unmasked SSE error
 * only sets its flag. The child reports that instead of passing.
 */
#define NO_SIMD_TRAP	5

static void sse_divide_by_zero(void *arg)
{
	float one = 1, zero = 0;

	if (pin_to_cpu((int)(long)arg))
		_exit(3);
	set_mxcsr(MXCSR_DEFAULT & ~MXCSR_ZM);
	__asm__ __volatile__("movss %0, %%xmm0\n\tdivss %1, %%xmm0"
			     : : "m"(one), "m"(zero));
	/* Only the flag: the CPU treated the unmasked error as masked. */
	if (get_mxcsr() & MXCSR_ZE)
		_exit(NO_SIMD_TRAP);
	_exit(0);	/* should not get here */
}

static void x87_divide_by_zero(void *arg)
{
	static const double zero;
	int yield = (int)(long)arg < 0;

	if (pin_to_cpu(yield ? 0 : (int)(long)arg))
		_exit(3);
	set_fcw(FCW_DEFAULT & ~FCW_ZM);
	/* fdiv records the error; the next waiting x87 instruction raises it. */
	__asm__ __volatile__("fld1\n\tfdivl %0" : : "m"(zero) : "memory");
	if (!(get_fsw() & FSW_ZE))
		_exit(4);	/* the error was not even recorded */
	if (yield)		/* the pending error must survive a switch */
		for (int i = 0; i < 100; i++)
			sched_yield();
	__asm__ __volatile__("fwait\n\tfstp %%st(0)" ::: "memory");
	_exit(0);
}

static void expect_sigfpe(int st, const char *what, int cpu)
{
	char why[64];

	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGFPE)
		ktap_diag("%s on CPU %d: %s", what, cpu,
			  describe_status(st, why, sizeof(why)));
	KT_EXPECT(WIFSIGNALED(st));
	KT_EXPECT_EQ(WTERMSIG(st), SIGFPE);
}

static void unmasked_sse_exception_is_sigfpe(void)
{
	if (!have_sse2) {
		ktap_skip("CPU has no SSE2");
		return;
	}
	for (int cpu = 0; cpu < online_cpus(); cpu++) {
		int st = child_status(sse_divide_by_zero, (void *)(long)cpu);

		if (WIFEXITED(st) && WEXITSTATUS(st) == NO_SIMD_TRAP) {
			ktap_skip("CPU %d set MXCSR.ZE but raised no #XM (an "
				  "emulator without SIMD exceptions)", cpu);
			continue;
		}
		expect_sigfpe(st, "divss", cpu);
	}
}

static void unmasked_x87_exception_is_sigfpe(void)
{
	pid_t busy;

	for (int cpu = 0; cpu < online_cpus(); cpu++)
		expect_sigfpe(child_status(x87_divide_by_zero,
					   (void *)(long)cpu), "fdiv", cpu);
	/* A sibling process keeps CPU 0 busy so the yields really switch. */
	busy = fork();
	if (busy == 0) {
		pin_to_cpu(0);
		for (int i = 0; i < 200; i++)
			sched_yield();
		_exit(0);
	}
	expect_sigfpe(child_status(x87_divide_by_zero, (void *)-1L),
		      "fdiv pending across sched_yield", 0);
	if (busy > 0)
		wait_status(busy);
}

static void masked_exceptions_set_flags(void)
{
	static const double dzero;
	float one = 1, zero = 0, q = 0;

	set_fcw(FCW_DEFAULT);
	__asm__ __volatile__("fnclex\n\tfld1\n\tfdivl %0\n\tfstp %%st(0)"
			     : : "m"(dzero) : "memory");
	KT_EXPECT(get_fsw() & FSW_ZE);
	__asm__ __volatile__("fnclex");
	if (!have_sse2)
		return;
	set_mxcsr(MXCSR_DEFAULT);
	__asm__ __volatile__("movss %1, %%xmm0\n\tdivss %2, %%xmm0\n\t"
			     "movss %%xmm0, %0"
			     : "=m"(q) : "m"(one), "m"(zero));
	KT_EXPECT(q > 1e38f);		/* +infinity */
	KT_EXPECT(get_mxcsr() & MXCSR_ZE);
	set_mxcsr(MXCSR_DEFAULT);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(program_starts_with_default_state),
	KTAP_CASE(sse_instructions_work_on_every_cpu),
	KTAP_CASE(registers_private_per_thread_preempted),
	KTAP_CASE(registers_private_per_thread_yielding),
	KTAP_CASE(fork_copies_state),
	KTAP_CASE(execve_resets_state),
	KTAP_CASE(unmasked_sse_exception_is_sigfpe),
	KTAP_CASE(unmasked_x87_exception_is_sigfpe),
	KTAP_CASE(masked_exceptions_set_flags),
	{ 0 }
};

int main(int argc, char **argv)
{
	/* Before any C code could change them. */
	start_fcw = get_fcw();
	have_sse2 = cpu_has_sse2();
	if (have_sse2)
		start_mxcsr = get_mxcsr();
	self_path = argv[0];
	if (argc == 2 && !strcmp(argv[1], "--child-exec-state"))
		return child_exec_state();
	return ktap_main("fpu", cases);
}
