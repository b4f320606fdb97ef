// SPDX-License-Identifier: GPL-2.0
/*
 * From the booted kernel to the first process.
 *
 * rest_init() starts the init task (pid 1) as a kernel thread and turns
 * the boot context into CPU 0's idle task. The init task runs the
 * in-kernel tests when booted with ktest=, or else opens the console as
 * fds 0, 1, 2 and execs /init (or the program named by init=) from the
 * initramfs, becoming the first user process.
 *
 * As on Linux, command-line words the kernel does not consume go to init:
 * "name=value" into its environment, other words into its arguments, and
 * every word after a bare "--" into its arguments without being looked at.
 */
#include <task.h>
#include <sched.h>
#include <fs.h>
#include <fs_struct.h>
#include <initramfs.h>
#include <namei.h>
#include <mount.h>
#include <devices.h>
#include <cmdline.h>
#include <ktest.h>
#include <reboot.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define MAX_INIT_ARGS	32
#define MAX_INIT_ENVS	32

extern const struct kernel_param __setup_start[], __setup_end[];
void syscall_init(void);

static char init_path[128] = "/init";
static char init_words[COMMAND_LINE_SIZE];	/* backing store of the strings */
static const char *init_argv[MAX_INIT_ARGS + 2];
static const char *init_envp[MAX_INIT_ENVS + 3] = { "HOME=/", "TERM=linux" };

static int init_setup(const char *val)
{
	if (!*val)
		return -1;
	strlcpy(init_path, val, sizeof(init_path));
	return 0;
}
__setup("init", init_setup);

static bool is_kernel_param(const char *word, size_t len)
{
	for (const struct kernel_param *p = __setup_start; p < __setup_end; p++)
		if (strlen(p->name) == len && !strncmp(p->name, word, len))
			return true;
	return false;
}

/* Split the command line into init's argv and envp (see above). */
static void build_init_args(void)
{
	const char *s = boot_command_line;
	char *out = init_words;
	int argc = 1, envc = 2;
	bool after_dashes = false;

	init_argv[0] = init_path;
	/* Multiboot loaders put the kernel image's path first: skip it. */
	while (*s == ' ')
		s++;
	if (*s && !strchr(s, '=')) {
		while (*s && *s != ' ')
			s++;
	} else if (*s) {
		const char *end = strchr(s, ' ');
		const char *eq = strchr(s, '=');

		if (end && eq > end)
			while (*s && *s != ' ')
				s++;
	}
	while (*s) {
		char *word = out;
		const char *eq;
		bool quoted = false;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n'));
		     s++) {
			if (*s == '"')
				quoted = !quoted;
			else
				*out++ = *s;
		}
		*out++ = '\0';
		if (!after_dashes && !strcmp(word, "--")) {
			after_dashes = true;
			continue;
		}
		eq = after_dashes ? NULL : strchr(word, '=');
		if (!after_dashes &&
		    is_kernel_param(word, eq ? (size_t)(eq - word) : strlen(word)))
			continue;
		/* After "--" every word is an argument, '=' or not (Linux). */
		if (eq && envc < MAX_INIT_ENVS + 2)
			init_envp[envc++] = word;
		else if (!eq && argc < MAX_INIT_ARGS + 1)
			init_argv[argc++] = word;
	}
	init_argv[argc] = NULL;
	init_envp[envc] = NULL;
}

static void open_console_fds(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);

	current->files = files_alloc();
	if (!current->files || IS_ERR(f))
		panic("init: cannot open /dev/console");
	get_file(f);
	get_file(f);
	fd_install_lowest(f);	/* 0 */
	fd_install_lowest(f);	/* 1 */
	fd_install_lowest(f);	/* 2 */
}

/* A directory the system needs, made if the archive has none. */
static void ensure_dir(const char *path, u32 mode)
{
	struct path p;

	if (!kern_path(path, LOOKUP_FOLLOW, &p)) {
		path_put(&p);
		return;
	}
	if (init_mkdir(path, mode))
		pr_warn("init: cannot make %s\n", path);
}

/*
 * POSIX shared memory: shm_open() in glibc and musl is open() under
 * /dev/shm, which must be a tmpfs anyone may create files in (sticky, as
 * /tmp). Linux leaves this mount to user space; an init that is a single
 * test program has nobody to do it, so the kernel makes it here.
 */
static void mount_dev_shm(void)
{
	int err = init_mkdir("/dev/shm", 01777);

	if (err && err != -EEXIST) {
		pr_warn("init: cannot make /dev/shm: %d\n", err);
		return;
	}
	if (init_mount("shm", "/dev/shm", "tmpfs", 0, "mode=1777"))
		pr_warn("init: cannot mount /dev/shm\n");
}

/*
 * The name space init starts in: the root tmpfs with the archive in it,
 * /proc, /dev and /dev/shm mounted on it, and a /tmp anyone may write.
 */
static void prepare_namespace(void)
{
	vfs_caches_init();
	current->fs = fs_alloc();
	if (!current->fs)
		panic("init: no memory for the file-system context");
	initramfs_unpack();
	ensure_dir("/proc", 0555);
	ensure_dir("/tmp", 01777);
	if (init_mount("proc", "/proc", "proc", 0, NULL))
		pr_warn("init: cannot mount /proc\n");
	devtmpfs_init();
	mount_dev_shm();
}

static int kernel_init(void *unused)
{
	int err;

	prepare_namespace();
	if (ktest_mode) {
		int failed = ktest_run_selected();

		qemu_exit(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
	}
	build_init_args();
	console_input_init();
	open_console_fds();
	pr_info("init: starting %s\n", init_path);
	err = kernel_execve(init_path, init_argv, init_envp);
	if (!err)
		return 0;	/* ret_from_fork goes to user mode */
	pr_emerg("init: cannot run %s (error %d); nothing to do, powering off\n",
		 init_path, err);
	machine_power_off();
}

void rest_init(void)
{
	syscall_init();
	if (kernel_thread(kernel_init, NULL, "init") != 1)
		panic("init: could not start the init task as pid 1");
	cpu_idle();
}
