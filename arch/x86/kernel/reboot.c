// SPDX-License-Identifier: GPL-2.0
/*
 * Halting and powering off. Under QEMU's PC machine, SeaBIOS places the
 * PIIX4 ACPI PM registers at 0x600: writing SLP_TYPa=0 | SLP_EN to PM1a_CNT
 * (0x604) is S5, which makes QEMU exit. The q35 ICH9 equivalent is 0x604 as
 * well with SeaBIOS. The isa-debug-exit device (port 0xf4) lets the test
 * harness get a pass/fail exit status.
 */
#include <reboot.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define ISA_DEBUG_EXIT_PORT	0xf4
#define ACPI_PM1A_CNT		0x604
#define ACPI_SLP_EN		(1 << 13)

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		halt();
}

void machine_power_off(void)
{
	outw(ACPI_PM1A_CNT, ACPI_SLP_EN);
	/* Bochs/old QEMU shutdown port, then give up. */
	outw(0xB004, 0x2000);
	machine_halt();
}

/* The keyboard controller's reset line (QEMU with -no-reboot exits). */
void machine_restart(void)
{
	local_irq_disable();
	outb(0x64, 0xfe);
	machine_power_off();
}

void qemu_exit(int code)
{
	outl(ISA_DEBUG_EXIT_PORT, code);
	machine_power_off();
}
