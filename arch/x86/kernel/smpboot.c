// SPDX-License-Identifier: GPL-2.0
/*
 * SMP bring-up: find the CPUs, set up the boot CPU's local APIC, timer and
 * the IOAPIC, then start every application processor (AP) and wait until
 * it reports itself online.
 *
 * Starting an AP (Documentation/smp.md has the full picture):
 *
 *   boot CPU                                 AP
 *   fill trampoline header (stack, cpu,
 *     APIC id), state = WAITING
 *   INIT, 10 ms, STARTUP, STARTUP  ------->  real mode at TRAMPOLINE_PHYS
 *                                            protected mode, paging on
 *                                            start_secondary(cpu):
 *   wait (timeout) for CALLED_IN   <-------    cmpxchg WAITING -> CALLED_IN
 *                                              GDT, TSS, IDT, %fs, CR3
 *                                              LAPIC, timer
 *   wait for online bit            <-------    set in cpu_online_mask
 *   next AP                                    cpu_idle()
 *
 * If the AP does not call in in time, the boot CPU moves the state from
 * WAITING to FAILED with the same cmpxchg: exactly one side wins, and an
 * AP that loses parks itself without touching anything shared.
 */
#include <asm/smp.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/mpspec.h>
#include <asm/desc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/fpu.h>
#include <smp.h>
#include <cpumask.h>
#include <percpu.h>
#include <sched.h>
#include <cmdline.h>
#include <kernel.h>
#include <string.h>
#include <time.h>
#include <mm.h>

#define AP_STACK_ORDER		2	/* 16 KiB, like the boot stack */
#define CALLIN_TIMEOUT_MS	2000
#define ONLINE_TIMEOUT_MS	5000

enum ap_state { AP_IDLE, AP_WAITING, AP_CALLED_IN, AP_FAILED };

struct mp_config boot_mp_config;
static int ap_state[NR_CPUS];
unsigned int smp_max_cpus = NR_CPUS;
static int panic_on_cpu = -1;

extern const u8 __trampoline_start[], __trampoline_end[];

static int nosmp_setup(const char *val)
{
	smp_max_cpus = 1;
	return 0;
}
__setup("nosmp", nosmp_setup);

static int maxcpus_setup(const char *val)
{
	unsigned long n;

	if (kstrtoul(val, &n) || n < 1)
		return -1;
	smp_max_cpus = min(n, (unsigned long)NR_CPUS);
	return 0;
}
__setup("maxcpus", maxcpus_setup);

/* Debugging aid for the panic path: CPU N panics once all are up. */
static int panic_on_cpu_setup(const char *val)
{
	unsigned long n;

	if (kstrtoul(val, &n) || n >= NR_CPUS)
		return -1;
	panic_on_cpu = n;
	return 0;
}
__setup("panic_on_cpu", panic_on_cpu_setup);

static void read_mp_config(struct mp_config *cfg)
{
	if (!acpi_parse_madt(cfg) || !mpparse_read_config(cfg))
		return;
	pr_warn("smp: no ACPI MADT and no MP table: one CPU, no IOAPIC\n");
	mp_config_init(cfg, "defaults");
}

/* Give logical numbers: the boot CPU is 0, the others in firmware order. */
static void enumerate_cpus(const struct mp_config *cfg, int boot_apicid)
{
	int next = 1, beyond_max = 0, beyond_nr = 0;
	bool boot_listed = false;

	cpu_to_apicid[0] = boot_apicid;
	cpumask_set_cpu(0, &cpu_possible_mask);
	for (int i = 0; i < cfg->nr_cpus; i++) {
		if (cfg->apic_ids[i] == boot_apicid) {
			boot_listed = true;
		} else if (next >= NR_CPUS) {
			beyond_nr++;
		} else if ((unsigned int)next >= smp_max_cpus) {
			beyond_max++;
		} else {
			cpu_to_apicid[next] = cfg->apic_ids[i];
			cpumask_set_cpu(next++, &cpu_possible_mask);
		}
	}
	pr_info("smp: %s lists %d CPUs (%d disabled), %d IOAPIC(s)\n",
		cfg->source, cfg->nr_cpus, cfg->nr_disabled_cpus,
		cfg->nr_ioapics);
	if (!boot_listed)
		pr_warn("smp: boot CPU (APIC id %d) missing from the %s\n",
			boot_apicid, cfg->source);
	if (beyond_nr)
		pr_warn("smp: %d CPUs beyond NR_CPUS=%d ignored\n", beyond_nr,
			NR_CPUS);
	if (beyond_max)
		pr_info("smp: %d CPUs not started (maxcpus=%u)\n", beyond_max,
			smp_max_cpus);
}

static bool ap_called_in(int cpu)
{
	return __atomic_load_n(&ap_state[cpu], __ATOMIC_ACQUIRE) != AP_WAITING;
}

/* Poll `done(cpu)` for up to `ms` milliseconds. */
static bool wait_for(bool (*done)(int cpu), int cpu, u32 ms)
{
	u64 end = get_cycles() + (u64)tsc_khz * ms;

	while (get_cycles() < end) {
		if (done(cpu))
			return true;
		cpu_relax();
	}
	return false;
}

static bool boot_one_ap(int cpu, struct trampoline_header *hdr)
{
	int apicid = cpu_to_apicid[cpu], from = AP_WAITING;
	unsigned long stack = (unsigned long)__get_free_pages(GFP_KERNEL,
							       AP_STACK_ORDER);

	if (!stack) {
		pr_err("smp: no memory for CPU %d's stack\n", cpu);
		return false;
	}
	/* The entry sees the stack as if called: aligned for the ABI. */
	hdr->stack = stack + (PAGE_SIZE << AP_STACK_ORDER) - 12;
	hdr->cpu = cpu;
	hdr->apic_id = apicid;
	__atomic_store_n(&ap_state[cpu], AP_WAITING, __ATOMIC_SEQ_CST);

	if (apic_wakeup_secondary(apicid, TRAMPOLINE_PHYS)) {
		pr_err("smp: CPU %d (APIC id %d): start-up IPI not delivered\n",
		       cpu, apicid);
		__atomic_store_n(&ap_state[cpu], AP_FAILED, __ATOMIC_SEQ_CST);
		return false;
	}
	if (!wait_for(ap_called_in, cpu, CALLIN_TIMEOUT_MS) &&
	    __atomic_compare_exchange_n(&ap_state[cpu], &from, AP_FAILED,
					false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST)) {
		/* The stack is leaked: a late AP may still be on it. */
		pr_err("smp: CPU %d (APIC id %d) did not respond within %u ms; "
		       "continuing without it\n", cpu, apicid,
		       CALLIN_TIMEOUT_MS);
		return false;
	}
	if (!wait_for(cpu_online, cpu, ONLINE_TIMEOUT_MS)) {
		pr_err("smp: CPU %d (APIC id %d) started but did not come "
		       "online within %u ms\n", cpu, apicid, ONLINE_TIMEOUT_MS);
		return false;
	}
	return true;
}

/*
 * The APs enable paging while running from low memory, so their first
 * page directory must also map the trampoline 1:1. kernel_directory has
 * no low mapping (a NULL dereference must fault), so the APs start on a
 * throwaway copy of it with PDE 0 added, and switch to kernel_directory
 * in start_secondary(); the copy is freed once all are up.
 */
static pde_t *trampoline_pgd_alloc(void)
{
	pde_t *pgd = get_zeroed_page();

	if (!pgd)
		return NULL;
	memcpy(pgd + KERNEL_PGD_START, kernel_directory + KERNEL_PGD_START,
	       (PTRS_PER_PGD - KERNEL_PGD_START) * sizeof(pde_t));
	pgd[0] = 0 | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	return pgd;
}

static struct trampoline_header *install_trampoline(pde_t *pgd)
{
	size_t size = __trampoline_end - __trampoline_start;
	struct trampoline_header *hdr = __va(TRAMPOLINE_PHYS);

	BUG_ON(size > PAGE_SIZE || size < sizeof(*hdr));
	memcpy(hdr, __trampoline_start, size);
	if (hdr->magic != TRAMPOLINE_MAGIC || hdr->phys != TRAMPOLINE_PHYS)
		panic("smp: trampoline header does not match asm/smp.h");
	hdr->cr3 = __pa(pgd);
	hdr->cr4 = read_cr4();
	hdr->entry = (u32)start_secondary;
	return hdr;
}

static void boot_secondaries(void)
{
	struct trampoline_header *hdr;
	bool any_failed = false;
	pde_t *pgd;
	int cpu;

	if (cpumask_weight(&cpu_possible_mask) < 2)
		return;
	pgd = trampoline_pgd_alloc();
	if (!pgd) {
		pr_err("smp: no memory for the trampoline page directory\n");
		return;
	}
	hdr = install_trampoline(pgd);
	for_each_possible_cpu(cpu) {
		if (cpu == 0 || boot_one_ap(cpu, hdr))
			continue;
		cpumask_clear_cpu(cpu, &cpu_possible_mask);
		any_failed = true;
	}
	/* A CPU that failed may still be on its way through the copy. */
	if (!any_failed)
		free_page(pgd);
}

__noreturn void start_secondary(int cpu)
{
	int from = AP_WAITING;

	/* Nothing per-CPU works yet (%fs is the trampoline's). */
	if (!__atomic_compare_exchange_n(&ap_state[cpu], &from, AP_CALLED_IN,
					 false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST)) {
		for (;;)
			halt();		/* the boot CPU gave up on us */
	}
	cpu_init_descriptors(cpu, __per_cpu_offset[cpu]);
	fpu__init_cpu();
	switch_pgd(kernel_directory);
	lapic_setup_this_cpu(false);
	if (read_apic_id() != cpu_to_apicid[cpu])
		panic("smp: CPU %d has APIC id %d, expected %d", cpu,
		      read_apic_id(), cpu_to_apicid[cpu]);
	lapic_timer_start();
	pr_info("smp: CPU %d (APIC id %d) online\n", cpu, read_apic_id());
	cpumask_set_cpu(cpu, &cpu_online_mask);
	cpu_idle();
}

static void panic_here(void *info)
{
	panic("panic_on_cpu=%d: testing the stop path", smp_processor_id());
}

void smp_init(void)
{
	struct mp_config *cfg = &boot_mp_config;
	int boot_apicid;

	read_mp_config(cfg);
	lapic_init(cfg->lapic_phys);
	boot_apicid = read_apic_id();
	enumerate_cpus(cfg, boot_apicid);
	lapic_setup_this_cpu(true);
	ioapic_init(cfg);
	smp_ipi_init();
	nmi_init();
	lapic_timer_calibrate();
	lapic_timer_start();
	cpumask_set_cpu(0, &cpu_online_mask);
	pr_info("smp: CPU 0 (APIC id %d) online (boot CPU)\n", boot_apicid);
	local_irq_enable();

	boot_secondaries();
	pr_info("smp: %u of %d CPUs online\n", num_online_cpus(),
		min(cfg->nr_cpus, NR_CPUS));

	/* Waiting for the call leaves this CPU spinning in kernel code, a
	 * state the NMI report should show. */
	if (panic_on_cpu >= 0)
		smp_call_function_single(panic_on_cpu, panic_here, NULL, true);
}
