// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the interrupt hardware setup (suite "apic"): firmware
 * discovery, the per-CPU LAPIC timer, NMI delivery, and a device IRQ
 * routed through the IOAPIC (COM1's).
 */
#include <ktest.h>
#include <ktest_smp.h>
#include <kernel.h>
#include <console.h>
#include <cpumask.h>
#include <irq.h>
#include <sched.h>
#include <smp.h>
#include <time.h>
#include <preempt.h>
#include <errno.h>
#include <asm/apic.h>
#include <asm/mpspec.h>
#include <asm/smp.h>
#include <asm/irqflags.h>

#define WAIT_MS		20000	/* for a CPU or device to react; a hang if hit */
#define COM1_IRQ	4

static bool in_list(const struct mp_config *c, u8 apicid)
{
	for (int i = 0; i < c->nr_cpus; i++)
		if (c->apic_ids[i] == apicid)
			return true;
	return false;
}

/*
 * The MADT and the MP table describe the same machine. (SeaBIOS lists
 * one CPU per package in its MP table, so the MP CPUs are a subset.)
 */
static void apic_discovery_acpi_and_mp_agree(struct ktest *t)
{
	static struct mp_config acpi, mp;

	if (acpi_parse_madt(&acpi) || mpparse_read_config(&mp)) {
		ktest_skip(t, "needs both an ACPI MADT and an MP table");
		return;
	}
	ktest_log(t, "MADT: %d CPUs, %d IOAPICs; MP table: %d CPUs, %d IOAPICs",
		  acpi.nr_cpus, acpi.nr_ioapics, mp.nr_cpus, mp.nr_ioapics);
	KTEST_EXPECT_EQ(t, acpi.lapic_phys, mp.lapic_phys);
	KTEST_ASSERT_EQ(t, acpi.nr_ioapics, mp.nr_ioapics);
	for (int i = 0; i < acpi.nr_ioapics; i++)
		KTEST_EXPECT_EQ(t, acpi.ioapics[i].phys, mp.ioapics[i].phys);
	KTEST_EXPECT_GE(t, mp.nr_cpus, 1);
	for (int i = 0; i < mp.nr_cpus; i++)
		KTEST_EXPECT_TRUE(t, in_list(&acpi, mp.apic_ids[i]));
	/* IRQ 2 is the PIC cascade: neither table routes it meaningfully. */
	for (int irq = 0; irq < NR_ISA_IRQS; irq++)
		if (irq != 2)
			KTEST_EXPECT_EQ(t, acpi.isa_irqs[irq].gsi,
					mp.isa_irqs[irq].gsi);
	/* The PC's timer IRQ is wired to IOAPIC input 2 on QEMU/SeaBIOS. */
	KTEST_EXPECT_EQ(t, acpi.isa_irqs[0].gsi, 2);
}

static void apic_timer_ticks_on_every_cpu(struct ktest *t)
{
	unsigned long before[NR_CPUS];
	u64 t0 = ktime_get_ns(), ns;
	int cpu;

	KTEST_ASSERT_TRUE(t, lapic_timer_period() > 0);
	for_each_online_cpu(cpu)
		before[cpu] = lapic_timer_ticks(cpu);
	/* Ticks are interrupts: this CPU needs them enabled to get its own. */
	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	for_each_online_cpu(cpu)
		KTEST_EXPECT_TRUE(t, ktest_wait_until(
			lapic_timer_ticks(cpu) >= before[cpu] + 3, WAIT_MS));
	ns = ktime_get_ns() - t0;
	for_each_online_cpu(cpu)
		ktest_log(t, "CPU %d: %lu ticks in %llu ms (HZ=%d)", cpu,
			  lapic_timer_ticks(cpu) - before[cpu],
			  ns / 1000000, HZ);
}

static void apic_nmi_reaches_every_cpu(struct ktest *t)
{
	int me, cpu;

	preempt_disable();
	me = smp_processor_id();
	preempt_enable();
	for_each_online_cpu(cpu) {
		unsigned long before = nmi_count(cpu);

		if (cpu == me)
			continue;
		nmi_send_test(cpu);
		KTEST_EXPECT_TRUE(t, ktest_wait_until(nmi_count(cpu) > before,
						      WAIT_MS));
	}
}

/* The UART interrupts when told to report an empty transmitter; the
 * interrupt must come through the IOAPIC to COM1's handler. */
static void irq_com1_routed_through_ioapic(struct ktest *t)
{
	unsigned long irqs = irq_count(COM1_IRQ);
	unsigned long tx = serial_tx_interrupts();

	if (!boot_mp_config.nr_ioapics) {
		ktest_skip(t, "no IOAPIC");
		return;
	}
	KTEST_ASSERT_TRUE(t, !irqs_disabled());
	for (int i = 0; i < 3; i++) {
		serial_raise_tx_interrupt();
		KTEST_EXPECT_TRUE(t, ktest_wait_until(
			serial_tx_interrupts() > tx, WAIT_MS));
		tx = serial_tx_interrupts();
	}
	KTEST_EXPECT_GE(t, irq_count(COM1_IRQ), irqs + 3);
}

static void dummy_handler(unsigned int irq, void *dev_id)
{
}

static void irq_request_rejects_bad_lines(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, request_irq(COM1_IRQ, NULL, "null", NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, request_irq(1000, dummy_handler, "bad", NULL),
			-EINVAL);
	if (!boot_mp_config.nr_ioapics)
		return;
	/* COM1's driver owns IRQ 4 since boot. */
	KTEST_EXPECT_EQ(t, request_irq(COM1_IRQ, dummy_handler, "dup", NULL),
			-EBUSY);
}

static struct ktest_case apic_cases[] = {
	KTEST_CASE(apic_discovery_acpi_and_mp_agree),
	KTEST_CASE(apic_timer_ticks_on_every_cpu),
	KTEST_CASE(apic_nmi_reaches_every_cpu),
	KTEST_CASE(irq_com1_routed_through_ioapic),
	KTEST_CASE(irq_request_rejects_bad_lines),
	{}
};

static struct ktest_suite apic_suite = {
	.name = "apic",
	.cases = apic_cases,
};
ktest_register_suite(apic_suite);
