// SPDX-License-Identifier: GPL-2.0
/*
 * NMIs: stopping the other CPUs when one panics, and test NMIs.
 *
 * A panicking CPU cannot rely on ordinary IPIs to stop the others: they
 * may be spinning with interrupts disabled (often the very deadlock being
 * reported). An NMI gets through regardless, and the stopped CPU prints
 * the registers and backtrace it was interrupted at, which is usually the
 * other half of the story. The panicking CPU stops the CPUs one at a time
 * and waits for each report, so the reports do not interleave.
 *
 * Once stopped, a CPU never returns from the NMI handler; NMIs stay
 * blocked until an iret, so it cannot be interrupted again either.
 */
#include <kernel.h>
#include <atomic.h>
#include <cpumask.h>
#include <percpu.h>
#include <smp.h>
#include <time.h>
#include <asm/apic.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <asm/processor.h>

#define STOP_REPORT_TIMEOUT_MS	1000

static volatile int stopping_cpu = -1;	/* the panicking CPU, or -1 */
static atomic_t cpus_stopped;
static bool stop_quietly;		/* reboot(2): no report wanted */
static DEFINE_PER_CPU(unsigned long, nmis);
static DEFINE_PER_CPU(atomic_t, test_nmis_pending);

static __noreturn void stop_this_cpu(struct pt_regs *regs)
{
	if (!READ_ONCE(stop_quietly)) {
		printk(KERN_EMERG "NMI: CPU %d stopped (panic on CPU %d); it "
		       "was at:\n", smp_processor_id(), stopping_cpu);
		show_regs(regs);
	}
	cpumask_clear_cpu(smp_processor_id(), &cpu_online_mask);
	atomic_inc(&cpus_stopped);
	for (;;)
		halt();
}

static void nmi_handler(struct pt_regs *regs)
{
	this_cpu_inc(nmis);
	if (READ_ONCE(stopping_cpu) >= 0 &&
	    READ_ONCE(stopping_cpu) != smp_processor_id())
		stop_this_cpu(regs);
	if (atomic_add_return(-1, this_cpu_ptr(&test_nmis_pending)) >= 0)
		return;
	atomic_inc(this_cpu_ptr(&test_nmis_pending));
	/* Not ours: LINT1 (a platform NMI source) or a hardware problem. */
	printk(KERN_EMERG "NMI for unknown reason on CPU %d\n",
	       smp_processor_id());
	show_regs(regs);
}

void nmi_init(void)
{
	set_intr_handler(X86_TRAP_NMI, nmi_handler);
}

static bool wait_for_stop(int before)
{
	u64 end = get_cycles() + (u64)tsc_khz * STOP_REPORT_TIMEOUT_MS;

	while (atomic_read(&cpus_stopped) == before) {
		if (get_cycles() > end)
			return false;
		cpu_relax();
	}
	return true;
}

/* Overrides the single-CPU default in kernel/panic.c. */
void smp_send_stop(void)
{
	int me = smp_processor_id(), cpu;

	if (!lapic_base)
		return;		/* before smp_init: no other CPU runs */
	WRITE_ONCE(stopping_cpu, me);
	for_each_online_cpu(cpu) {
		int before = atomic_read(&cpus_stopped);

		if (cpu == me)
			continue;
		apic_send_nmi(cpu);
		if (!wait_for_stop(before))
			printk(KERN_EMERG "NMI: CPU %d did not report within "
			       "%u ms\n", cpu, STOP_REPORT_TIMEOUT_MS);
	}
}

/* For a halt or a reboot: the same stop, without the reports. */
void smp_send_stop_quiet(void)
{
	WRITE_ONCE(stop_quietly, true);
	smp_send_stop();
}

void nmi_send_test(int cpu)
{
	atomic_inc(per_cpu_ptr(&test_nmis_pending, cpu));
	apic_send_nmi(cpu);
}

unsigned long nmi_count(int cpu)
{
	return READ_ONCE(per_cpu(nmis, cpu));
}
