/* SPDX-License-Identifier: GPL-2.0 */
/* Stopping the machine: halt, power off, and leaving QEMU with a status. */
#ifndef _REBOOT_H
#define _REBOOT_H

#include <compiler.h>

/* Stop this CPU for good (interrupts off). */
__noreturn void machine_halt(void);
/* Power off through ACPI (QEMU exits); halts if that does not work. */
__noreturn void machine_power_off(void);
/* Reset the machine; powers off if that does not work. */
__noreturn void machine_restart(void);
/*
 * Leave QEMU through the isa-debug-exit device with QEMU's exit status
 * (code << 1) | 1: code 0 means success to the test harness. Falls back to
 * power off when the device is absent.
 */
__noreturn void qemu_exit(int code);

#define QEMU_EXIT_SUCCESS	0
#define QEMU_EXIT_FAILURE	1

#endif
