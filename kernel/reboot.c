// SPDX-License-Identifier: GPL-2.0
/*
 * reboot(2), as Linux defines it: two magic numbers guard against a
 * stray call, then a command. Only root may call it.
 *
 *   LINUX_REBOOT_CMD_POWER_OFF   stop every CPU and power off (ACPI S5:
 *                                QEMU exits)
 *   LINUX_REBOOT_CMD_RESTART     stop every CPU and reset the machine
 *   LINUX_REBOOT_CMD_RESTART2    the same; the command string is read
 *                                (bad pointer: EFAULT) and printed
 *   LINUX_REBOOT_CMD_HALT        stop every CPU and halt
 *   LINUX_REBOOT_CMD_CAD_ON/OFF  what Ctrl-Alt-Del should do: kept, for
 *                                a keyboard that does not send it here
 *
 * The kernel does not sync on the way down: as on Linux, that is the
 * caller's job (tmpfs has nothing to write anyway). Anything else,
 * including suspend and kexec (not built), is -EINVAL.
 */
#include <task.h>
#include <reboot.h>
#include <panic.h>
#include <printk.h>
#include <capability.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define LINUX_REBOOT_MAGIC1		0xfee1deadU
#define LINUX_REBOOT_MAGIC2		672274793U
#define LINUX_REBOOT_MAGIC2A		85072278U
#define LINUX_REBOOT_MAGIC2B		369367448U
#define LINUX_REBOOT_MAGIC2C		537993216U

#define LINUX_REBOOT_CMD_RESTART	0x01234567U
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123U
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEFU
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000U
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDCU
#define LINUX_REBOOT_CMD_RESTART2	0xA1B2C3D4U

/* Ctrl-Alt-Del: reboot at once (on) or signal init (off, the default). */
static bool cad_reboot;

static bool reboot_magic_ok(unsigned int magic1, unsigned int magic2)
{
	if (magic1 != LINUX_REBOOT_MAGIC1)
		return false;
	return magic2 == LINUX_REBOOT_MAGIC2 ||
	       magic2 == LINUX_REBOOT_MAGIC2A ||
	       magic2 == LINUX_REBOOT_MAGIC2B ||
	       magic2 == LINUX_REBOOT_MAGIC2C;
}

/* The end: the other CPUs are stopped first, so nothing runs on. */
static __noreturn void reboot_stop(unsigned int cmd)
{
	smp_send_stop_quiet();
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_notice("reboot: Power down\n");
		machine_power_off();
	case LINUX_REBOOT_CMD_HALT:
		pr_notice("reboot: System halted\n");
		machine_halt();
	default:
		pr_notice("reboot: Restarting system\n");
		machine_restart();
	}
}

SYSCALL_DEFINE4(reboot, unsigned int, magic1, unsigned int, magic2,
		unsigned int, cmd, const char __user *, arg)
{
	char buf[256];
	long n;

	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if (!reboot_magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		WRITE_ONCE(cad_reboot, true);
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		WRITE_ONCE(cad_reboot, false);
		return 0;
	case LINUX_REBOOT_CMD_RESTART2:
		n = strncpy_from_user(buf, arg, sizeof(buf) - 1);
		if (n < 0)
			return -EFAULT;
		buf[n] = '\0';
		pr_notice("reboot: command '%s'\n", buf);
		reboot_stop(cmd);
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		reboot_stop(cmd);
	default:
		return -EINVAL;
	}
}
