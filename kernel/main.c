// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel(): the boot CPU's path from the assembly entry to a running
 * system. The order matters: the console first (so everything after can
 * report), then memory (boot memory, per-CPU areas, the page allocator,
 * the kmap area's page tables), then time and the other CPUs, and last the
 * tests or the first user process.
 */
#include <kernel.h>
#include <console.h>
#include <setup.h>
#include <percpu.h>
#include <mm.h>
#include <highmem.h>
#include <time.h>
#include <ktest.h>
#include <reboot.h>
#include <cmdline.h>
#include <sched.h>
#include <futex.h>
#include <smp.h>
#include <lockdep.h>

#define KERNEL_NAME	"kmapos"
#define KERNEL_VERSION	"0.1"

void start_kernel(u32 magic, u32 boot_info)
{
	serial_init();
	vga_init();
	early_cpu_init();
	pr_notice("%s %s (i386, SMP) booting\n", KERNEL_NAME, KERNEL_VERSION);

	setup_arch(magic, boot_info);
	setup_per_cpu_areas();
	lockdep_init();
	sched_init();
	futex_init();
	page_alloc_init();
	pr_info("Zones:\n");
	show_zones();
	highmem_init();
	tsc_init();
	smp_init();
	serial_irq_init();

	/* The init task runs the tests (ktest=) or /init; we become idle. */
	rest_init();
}
