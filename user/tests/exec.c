// SPDX-License-Identifier: GPL-2.0
/*
 * exec: execve() and the ELF loader as a program sees them: argv, envp
 * and auxv on the initial stack, the old image gone, the pid kept, and
 * malformed executables refused with an error (never a crash).
 *
 * The program re-executes itself with "--child-..." arguments for the
 * checks that must run in a fresh image. The malformed executables are
 * made by user/mkbadelf.py and live in /lib/bad-elf/ of the initramfs;
 * on a Linux host set UTEST_ROOT to the staged root (Documentation/
 * userland.md) so the same paths are found there.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"
#include "sys.h"
#include "util.h"

extern char **environ;
extern const char __executable_start[];	/* the ELF header (GNU ld) */
extern void _start(void);

static int main_argc;
static char **main_argv;

#define MARKER_ADDR	0x31000000ul

static const char *root(void)
{
	const char *r = getenv("UTEST_ROOT");

	return r ? r : "";
}

static const char *self(void)
{
	return main_argv[0];
}

/* ---- the re-executed side --------------------------------------------- */

static int child_args(int argc, char **argv)
{
	static const char *want_env[] = { "X=1", "EMPTY=", "SPACE=a b" };
	int bad = 0, n = 0;

	bad |= argc != 5;
	bad |= argc > 4 && (strcmp(argv[2], "a b") || strcmp(argv[3], "") ||
			    strcmp(argv[4], "last"));
	bad |= argv[argc] != NULL;
	/* Linux's layout: envp starts right after argv's NULL. */
	bad |= environ != argv + argc + 1;
	for (char **e = environ; *e; e++, n++)
		bad |= n >= 3 || strcmp(*e, want_env[n]);
	bad |= n != 3;
	return bad;
}

static int child_pid(char **argv)
{
	return getpid() == atoi(argv[2]) ? 0 : 1;
}

static int child_image_gone(void)
{
	/* Mapped by the parent before execve: the new image must not have it. */
	(void)*(volatile char *)MARKER_ADDR;
	return 0;
}

static int run_child_mode(int argc, char **argv)
{
	if (!strcmp(argv[1], "--child-args"))
		return child_args(argc, argv);
	if (!strcmp(argv[1], "--child-pid") && argc == 3)
		return child_pid(argv);
	if (!strcmp(argv[1], "--child-image-gone"))
		return child_image_gone();
	return 100;
}

/* ---- the checks ---------------------------------------------------------- */

struct exec_args {
	const char *path;
	char *const *argv;
	char *const *envp;
};

/* In the child: execve, and exit with errno if it came back. */
static void do_execve(void *arg)
{
	struct exec_args *a = arg;

	execve(a->path, a->argv, a->envp);
	_exit(errno);
}

static int exec_status(const char *path, char *const argv[],
		       char *const envp[])
{
	struct exec_args a = { path, argv, envp };

	return child_status(do_execve, &a);
}

static void expect_exit(int status, int code, const char *what)
{
	char why[64];

	if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
		ktap_fail_at(__FILE__, __LINE__, "%s: %s, expected exit %d",
			     what, describe_status(status, why, sizeof(why)),
			     code);
}

static void execve_passes_argv_and_envp(void)
{
	char *argv[] = { (char *)self(), "--child-args", "a b", "", "last",
			 NULL };
	char *envp[] = { "X=1", "EMPTY=", "SPACE=a b", NULL };

	expect_exit(exec_status(self(), argv, envp), 0, "argv/envp check");
}

static void execve_keeps_pid(void)
{
	char pidbuf[16];
	char *argv[] = { (char *)self(), "--child-pid", pidbuf, NULL };
	char *envp[] = { NULL };
	struct exec_args a = { self(), argv, envp };
	pid_t pid;

	/* The child learns its own pid only after fork: pass it by argv. */
	pid = fork();
	if (pid == 0) {
		snprintf(pidbuf, sizeof(pidbuf), "%d", getpid());
		do_execve(&a);
	}
	KT_ASSERT(pid > 0);
	expect_exit(wait_status(pid), 0, "pid after execve");
}

static void map_marker_then_exec(void *unused)
{
	char *argv[] = { (char *)self(), "--child-image-gone", NULL };
	char *envp[] = { NULL };
	char *p = mmap((void *)MARKER_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	(void)unused;
	if (p == MAP_FAILED)
		_exit(101);
	*p = 1;
	execve(self(), argv, envp);
	_exit(102);
}

/* The old image's mappings do not survive into the new one. */
static void execve_replaces_image(void)
{
	char why[64];
	int status = child_status(map_marker_then_exec, NULL);

	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
		ktap_fail_at(__FILE__, __LINE__,
			     "new image %s, expected SIGSEGV reading the old "
			     "mapping", describe_status(status, why, sizeof(why)));
}

static void auxv_describes_the_program(void)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)__executable_start;
	const unsigned char *rnd;

	KT_ASSERT(!memcmp(eh->e_ident, ELFMAG, SELFMAG));
	KT_EXPECT_EQ(getauxval(AT_PAGESZ), 4096ul);
	KT_EXPECT_EQ(getauxval(AT_PHENT), sizeof(Elf32_Phdr));
	KT_EXPECT_EQ(getauxval(AT_PHNUM), eh->e_phnum);
	KT_EXPECT_EQ(getauxval(AT_PHDR),
		     (unsigned long)__executable_start + eh->e_phoff);
	KT_EXPECT_EQ(getauxval(AT_ENTRY), (unsigned long)_start);
	KT_EXPECT_EQ(getauxval(AT_ENTRY), eh->e_entry);
	rnd = (const unsigned char *)getauxval(AT_RANDOM);
	KT_ASSERT(rnd != NULL);
	ktap_diag("AT_RANDOM %02x%02x%02x%02x...", rnd[0], rnd[1], rnd[2],
		  rnd[3]);
	/* musl would call AT_SYSINFO instead of int $0x80: only Linux has it. */
	if (!on_linux())
		KT_EXPECT_EQ(getauxval(AT_SYSINFO), 0ul);
}

static void initial_stack_layout(void)
{
	KT_EXPECT_GE(main_argc, 1);
	KT_EXPECT(main_argv[main_argc] == NULL);
	KT_EXPECT(environ == main_argv + main_argc + 1);
	/* The stack pointer at entry is in the same area as the strings. */
	KT_EXPECT_GT((unsigned long)main_argv[0], (unsigned long)main_argv);
}

/*
 * Malformed executables: what execve() must answer. `linux_may_kill`:
 * Linux finds the problem after the point of no return and kills the
 * process (SIGSEGV) instead of returning; kmapos must return an error.
 */
static const struct {
	const char *name;
	int err;		/* exact errno, or 0 for "any error" */
	bool linux_may_kill;
	bool linux_compat_runs;	/* a valid program on a 64-bit host */
} bad_elves[] = {
	{ "not-elf",		ENOEXEC, false, false },
	{ "truncated-header",	ENOEXEC, false, false },
	{ "wrong-machine",	ENOEXEC, false, false },
	{ "bad-phentsize",	ENOEXEC, false, false },
	{ "no-phdrs",		ENOEXEC, false, false },
	{ "phdrs-past-eof",	ENOEXEC, false, false },
	{ "segment-past-eof",	0,	 true,  false },
	{ "filesz-over-memsz",	0,	 true,  false },
	{ "segment-wraps",	0,	 true,  false },
	{ "segment-in-kernel",	0,	 true,  true },
};

static void check_bad_elf(int i)
{
	char path[256], why[64];
	char *argv[] = { path, NULL };
	char *envp[] = { NULL };
	int status;
	bool ok;

	snprintf(path, sizeof(path), "%s/lib/bad-elf/%s", root(),
		 bad_elves[i].name);
	if (bad_elves[i].linux_compat_runs && on_linux_compat())
		return;
	status = exec_status(path, argv, envp);
	if (WIFEXITED(status) && WEXITSTATUS(status) == ENOENT) {
		ktap_fail_at(__FILE__, __LINE__, "%s missing (UTEST_ROOT?)",
			     path);
		return;
	}
	if (bad_elves[i].err)
		ok = WIFEXITED(status) && WEXITSTATUS(status) == bad_elves[i].err;
	else
		ok = WIFEXITED(status) && WEXITSTATUS(status) != 0;
	if (!ok && bad_elves[i].linux_may_kill && on_linux())
		ok = WIFSIGNALED(status);
	ktap_diag("%-18s %s", bad_elves[i].name,
		  describe_status(status, why, sizeof(why)));
	if (!ok)
		ktap_fail_at(__FILE__, __LINE__, "%s: %s, expected %s %d",
			     bad_elves[i].name, why,
			     bad_elves[i].err ? "exit (errno)" : "nonzero exit",
			     bad_elves[i].err);
}

static void execve_malformed_elf_fails(void)
{
	for (size_t i = 0; i < sizeof(bad_elves) / sizeof(bad_elves[0]); i++)
		check_bad_elf(i);
}

static void raw_execve(void *arg)
{
	long *a = arg;

	_exit(-raw_syscall3(SYS_execve, a[0], a[1], a[2]));
}

static void execve_bad_arguments(void)
{
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };
	char missing[256];
	long bad_path[3] = { 0xE0000000, (long)argv, (long)envp };
	long bad_argv[3] = { (long)self(), 0xE0000000, (long)envp };
	long null_path[3] = { 0, (long)argv, (long)envp };
	long bad_arg0[3] = { (long)self(), 0, (long)envp };
	char *argv_bad_string[] = { (char *)0xC0000000, NULL };

	snprintf(missing, sizeof(missing), "%s/bin/no-such-program", root());
	expect_exit(exec_status(missing, argv, envp), ENOENT, "missing file");
	expect_exit(child_status(raw_execve, bad_path), EFAULT, "bad path");
	expect_exit(child_status(raw_execve, null_path), EFAULT, "NULL path");
	expect_exit(child_status(raw_execve, bad_argv), EFAULT, "bad argv");
	bad_arg0[1] = (long)argv_bad_string;
	expect_exit(child_status(raw_execve, bad_arg0), EFAULT,
		    "bad argv string");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(initial_stack_layout),
	KTAP_CASE(auxv_describes_the_program),
	KTAP_CASE(execve_passes_argv_and_envp),
	KTAP_CASE(execve_keeps_pid),
	KTAP_CASE(execve_replaces_image),
	KTAP_CASE(execve_malformed_elf_fails),
	KTAP_CASE(execve_bad_arguments),
	{ 0 }
};

int main(int argc, char **argv)
{
	main_argc = argc;
	main_argv = argv;
	if (argc > 1 && !strncmp(argv[1], "--child-", 8))
		return run_child_mode(argc, argv);
	return ktap_main("exec", cases);
}
