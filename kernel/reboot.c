// SPDX-License-Identifier: GPL-2.0
/*
 * reboot(2) with Linux's magic numbers: what busybox's poweroff -f,
 * reboot -f and halt -f (and a test runner's init) call. Every caller is
 * root here, so no permission is checked; a wrong magic is EINVAL.
 */
#include <reboot.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216

#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define LINUX_REBOOT_CMD_RESTART2	0xA1B2C3D4

static bool magic_ok(unsigned int m1, unsigned int m2)
{
	return m1 == LINUX_REBOOT_MAGIC1 &&
	       (m2 == LINUX_REBOOT_MAGIC2 || m2 == LINUX_REBOOT_MAGIC2A ||
		m2 == LINUX_REBOOT_MAGIC2B || m2 == LINUX_REBOOT_MAGIC2C);
}

SYSCALL_DEFINE4(reboot, unsigned int, magic1, unsigned int, magic2,
		unsigned int, cmd, void __user *, arg)
{
	if (!magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;	/* there is no Ctrl-Alt-Del to route */
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("reboot: Power down\n");
		machine_power_off();
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("reboot: System halted\n");
		machine_halt();
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		pr_emerg("reboot: Restarting system\n");
		machine_restart();
	default:
		return -EINVAL;
	}
}
