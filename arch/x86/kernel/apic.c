// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC: per-CPU setup, the periodic LAPIC timer, and sending
 * inter-processor interrupts (see arch/x86/include/asm/apic.h).
 *
 * The timer counts down at the APIC bus clock divided by 16. Its rate is
 * not architecturally known, so the boot CPU measures it once against the
 * PIT (drivers/pit.c); every CPU then programs the same period, giving
 * each CPU HZ ticks per second that call scheduler_tick().
 */
#include <asm/apic.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/traps.h>
#include <asm/tlbflush.h>
#include <kernel.h>
#include <percpu.h>
#include <sched.h>
#include <cputime.h>
#include <pit.h>
#include <smp.h>
#include <time.h>
#include <errno.h>

#define MSR_IA32_APICBASE		0x1B
#define MSR_IA32_APICBASE_ENABLE	(1u << 11)
#define CPUID_EDX_APIC			(1u << 9)

#define CALIBRATE_US	10000	/* PIT window for the calibration */
#define ICR_TIMEOUT_US	100000

volatile u8 *lapic_base;
int cpu_to_apicid[NR_CPUS] = { [0 ... NR_CPUS - 1] = -1 };

static u32 timer_period;	/* LAPIC timer counts per tick */
static DEFINE_PER_CPU(unsigned long, timer_ticks);
static DEFINE_PER_CPU(unsigned long, spurious_irqs);

static void lapic_timer_interrupt(struct pt_regs *regs)
{
	/* Acknowledge first: scheduler_tick() may switch tasks. */
	apic_eoi();
	this_cpu_inc(timer_ticks);
	account_process_tick(user_mode(regs));
	scheduler_tick();
}

/* A spurious interrupt is not in service: it must not be acknowledged. */
static void lapic_spurious_interrupt(struct pt_regs *regs)
{
	this_cpu_inc(spurious_irqs);
}

static void lapic_error_interrupt(struct pt_regs *regs)
{
	u32 esr;

	apic_write(APIC_ESR, 0);	/* latch the errors into ESR */
	esr = apic_read(APIC_ESR);
	apic_eoi();
	pr_err("apic: CPU %d: APIC error, ESR %#x\n", smp_processor_id(),
	       esr);
}

void lapic_init(unsigned long phys)
{
	u32 a, b, c, d;
	u64 base;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_EDX_APIC))
		panic("apic: the CPU has no local APIC");
	if (phys < MMIO_BASE || phys >= MMIO_END || !IS_ALIGNED(phys, PAGE_SIZE))
		panic("apic: local APIC at %#lx is outside the MMIO area", phys);
	/* The MMIO area's page table exists from boot (paging_init). */
	BUG_ON(map_page(kernel_directory, phys, phys, PAGE_KERNEL_NOCACHE));
	local_flush_tlb_page(phys);
	lapic_base = (volatile u8 *)phys;

	/* The firmware may have left it globally disabled. */
	base = rdmsr(MSR_IA32_APICBASE);
	if (!(base & MSR_IA32_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);

	set_intr_handler(LOCAL_TIMER_VECTOR, lapic_timer_interrupt);
	set_intr_handler(SPURIOUS_APIC_VECTOR, lapic_spurious_interrupt);
	set_intr_handler(ERROR_APIC_VECTOR, lapic_error_interrupt);
	pr_info("apic: local APIC at %#lx, version %#x, boot CPU APIC id %d\n",
		phys, apic_read(APIC_LVR) & 0xFF, read_apic_id());
}

void lapic_setup_this_cpu(bool boot_cpu)
{
	/* Accept every interrupt priority. */
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
	/* The 8259s are masked; LINT0 (their ExtINT line) stays off. The
	 * platform wires NMI sources to LINT1 of the boot CPU only. */
	apic_write(APIC_LVT0, APIC_LVT_MASKED | APIC_LVT_DM_EXTINT);
	apic_write(APIC_LVT1, boot_cpu ? APIC_LVT_DM_NMI : APIC_LVT_MASKED);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	/* ESR is write-to-latch: two writes clear stale errors. */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
	/* Drop anything left in service by the firmware. */
	apic_eoi();
}

void lapic_timer_calibrate(void)
{
	unsigned long flags;
	u32 elapsed;

	local_irq_save(flags);
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	pit_start_oneshot(CALIBRATE_US);
	apic_write(APIC_TMICT, 0xFFFFFFFF);
	while (!pit_expired())
		;
	elapsed = 0xFFFFFFFF - apic_read(APIC_TMCCT);
	apic_write(APIC_TMICT, 0);
	local_irq_restore(flags);

	timer_period = (u32)((u64)elapsed * (1000000 / HZ) / CALIBRATE_US);
	if (!timer_period)
		panic("apic: LAPIC timer does not count");
	pr_info("apic: timer %u.%03u MHz (bus/16), %u counts per tick at "
		"HZ=%d\n", elapsed / CALIBRATE_US,
		elapsed % CALIBRATE_US * 1000 / CALIBRATE_US, timer_period, HZ);
}

void lapic_timer_start(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, timer_period);
}

unsigned long lapic_timer_ticks(int cpu)
{
	return READ_ONCE(per_cpu(timer_ticks, cpu));
}

u32 lapic_timer_period(void)
{
	return timer_period;
}

/* The previous IPI must have left the ICR before the next is written. */
static int wait_icr_idle(void)
{
	for (int i = 0; i < ICR_TIMEOUT_US; i++) {
		if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
			return 0;
		udelay(1);
	}
	return -EIO;
}

/*
 * Write both ICR halves with interrupts off: an interrupt handler sending
 * its own IPI between the two writes would change the destination.
 */
static int send_icr(int apicid, u32 low)
{
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = wait_icr_idle();
	if (!ret) {
		apic_write(APIC_ICR2, (u32)apicid << 24);
		apic_write(APIC_ICR, low);
	}
	local_irq_restore(flags);
	return ret;
}

void apic_send_ipi(int cpu, int vector)
{
	if (send_icr(cpu_to_apicid[cpu], APIC_DM_FIXED | vector))
		panic("apic: ICR stuck busy sending vector %#x to CPU %d",
		      vector, cpu);
}

void apic_send_nmi(int cpu)
{
	/* No panic here: this is the panic path's tool. */
	if (send_icr(cpu_to_apicid[cpu], APIC_DM_NMI))
		printk(KERN_EMERG "apic: ICR stuck busy sending NMI to CPU %d\n",
		       cpu);
}

/*
 * The universal start-up algorithm (Intel SDM vol. 3, 8.4.4.1): INIT,
 * 10 ms, then two STARTUP IPIs 200 us apart. The STARTUP vector is the
 * page number of the real-mode entry point.
 */
int apic_wakeup_secondary(int apicid, unsigned long start_eip)
{
	u32 sipi = APIC_DM_STARTUP | (start_eip >> PAGE_SHIFT);
	u32 esr;

	apic_write(APIC_ESR, 0);
	if (send_icr(apicid, APIC_DM_INIT | APIC_INT_LEVELTRIG |
				     APIC_INT_ASSERT))
		return -EIO;
	udelay(200);
	/* De-assert: needed by discrete APICs, harmless on xAPICs. */
	if (send_icr(apicid, APIC_DM_INIT | APIC_INT_LEVELTRIG))
		return -EIO;
	mdelay(10);
	for (int i = 0; i < 2; i++) {
		apic_write(APIC_ESR, 0);
		if (send_icr(apicid, sipi))
			return -EIO;
		udelay(200);
		if (wait_icr_idle())
			return -EIO;
		apic_write(APIC_ESR, 0);
		esr = apic_read(APIC_ESR) & 0xEF;	/* bit 4: reserved */
		if (esr)
			pr_warn("apic: STARTUP to APIC id %d: ESR %#x\n", apicid,
				esr);
	}
	return 0;
}
