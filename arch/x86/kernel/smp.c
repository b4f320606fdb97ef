// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-CPU function calls, the reschedule IPI and the spinlock kick IPI.
 *
 * Every CPU has a call queue: a lock-free singly linked list of requests
 * (struct call_single_data) that other CPUs push onto and that the owner
 * drains in its CALL_FUNCTION_VECTOR handler. A sender pushes with one
 * cmpxchg and sends the IPI only if the queue was empty (otherwise an IPI
 * is already on its way and the handler will find the new entry too), so
 * there is no global lock anywhere on this path.
 *
 * A request lives in the sender's per-CPU table, one slot per target CPU
 * (struct call_function_data), so a call needs no allocation. A slot is
 * "locked" while its request is queued or running; the sender waits for
 * the unlock before reusing it, and `wait` calls wait for it to know that
 * the function has finished.
 *
 * Deadlock rule: a CPU waiting for other CPUs with interrupts disabled
 * would never take their requests to it, so two such CPUs calling each
 * other would wait forever. Every wait loop here therefore drains the
 * waiting CPU's own queue whenever interrupts are off. What remains
 * forbidden is waiting while holding a spinlock that a target CPU may be
 * spinning on with interrupts disabled (Documentation/smp.md).
 */
#include <smp.h>
#include <cpumask.h>
#include <kernel.h>
#include <percpu.h>
#include <preempt.h>
#include <sched.h>
#include <spinlock.h>
#include <time.h>
#include <asm/apic.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <errno.h>

#define CSD_FLAG_LOCK	0x1	/* queued or running: slot busy */
#define CSD_FLAG_SYNC	0x2	/* sender waits: unlock after the call */

/* A CPU not answering a cross call for this long is a kernel bug. */
#define CSD_TIMEOUT_MS	10000

struct call_single_data {
	struct call_single_data *next;
	smp_call_func_t func;
	void *info;
	volatile u32 flags;
};

struct call_function_data {
	struct call_single_data csd[NR_CPUS];	/* one per target CPU */
};

static DEFINE_PER_CPU(struct call_single_data *, call_queue);
static DEFINE_PER_CPU(struct call_function_data, cfd_data);
static DEFINE_PER_CPU(struct smp_ipi_stats, ipi_stats);
static bool kick_ready;		/* the LAPIC is up: IPIs can be sent */

/* Push onto `cpu`'s queue; true if it was empty (an IPI is needed). */
static bool call_queue_push(int cpu, struct call_single_data *csd)
{
	struct call_single_data **head = per_cpu_ptr(&call_queue, cpu);
	struct call_single_data *first = READ_ONCE(*head);

	do {
		csd->next = first;
	} while (!__atomic_compare_exchange_n(head, &first, csd, false,
					      __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	return first == NULL;
}

static void csd_unlock(struct call_single_data *csd)
{
	__atomic_store_n(&csd->flags, 0, __ATOMIC_RELEASE);
}

void flush_smp_call_queue(void)
{
	struct call_single_data *list, *fifo = NULL, *next;

	list = __atomic_exchange_n(this_cpu_ptr(&call_queue), NULL,
				   __ATOMIC_ACQUIRE);
	/* The queue is last-in first-out; run requests in arrival order. */
	while (list) {
		next = list->next;
		list->next = fifo;
		fifo = list;
		list = next;
	}
	for (; fifo; fifo = next) {
		smp_call_func_t func = fifo->func;
		void *info = fifo->info;

		/* Once unlocked the slot may be reused: read it first. */
		next = fifo->next;
		this_cpu_inc(ipi_stats.calls_handled);
		if (fifo->flags & CSD_FLAG_SYNC) {
			func(info);
			csd_unlock(fifo);
		} else {
			csd_unlock(fifo);
			func(info);
		}
	}
}

/*
 * Wait until the request in `csd` (sent to `cpu`) is done. With
 * interrupts off, serve our own queue meanwhile: the CPU we wait for may
 * be waiting for us.
 */
static void csd_lock_wait(struct call_single_data *csd, int cpu)
{
	u64 start = 0, limit;

	while (__atomic_load_n(&csd->flags, __ATOMIC_ACQUIRE) & CSD_FLAG_LOCK) {
		if (irqs_disabled())
			flush_smp_call_queue();
		cpu_relax();
		if (!tsc_khz || panic_in_progress)
			continue;
		limit = (u64)tsc_khz * CSD_TIMEOUT_MS;
		if (!start)
			start = get_cycles();
		else if (get_cycles() - start > limit)
			panic("smp: CPU %d did not run %pS (sent by CPU %d) "
			      "within %u ms", cpu, csd->func,
			      smp_processor_id(), CSD_TIMEOUT_MS);
	}
}

/*
 * Queue fn on every online CPU of `mask` but this one, optionally run it
 * here as well (with interrupts off, as on the targets) while they work,
 * and optionally wait for all of them.
 */
static void call_function_many(const cpumask_t *mask, smp_call_func_t fn,
			       void *info, bool wait, bool run_local)
{
	struct call_function_data *cfd;
	unsigned long flags;
	cpumask_t targets;
	int this_cpu, cpu;

	preempt_disable();
	this_cpu = smp_processor_id();
	cpumask_and(&targets, mask, &cpu_online_mask);
	cpumask_clear_cpu(this_cpu, &targets);
	cfd = this_cpu_ptr(&cfd_data);

	/* Interrupts off while slots are claimed and filled: a handler on
	 * this CPU reusing a half-filled slot would wait for itself. */
	local_irq_save(flags);
	for_each_cpu(cpu, &targets) {
		struct call_single_data *csd = &cfd->csd[cpu];

		csd_lock_wait(csd, cpu);
		csd->func = fn;
		csd->info = info;
		csd->flags = CSD_FLAG_LOCK | (wait ? CSD_FLAG_SYNC : 0);
		this_cpu_inc(ipi_stats.calls_sent);
		if (call_queue_push(cpu, csd)) {
			this_cpu_inc(ipi_stats.call_ipis_sent);
			apic_send_ipi(cpu, CALL_FUNCTION_VECTOR);
		}
	}
	if (run_local)
		fn(info);
	local_irq_restore(flags);

	if (wait)
		for_each_cpu(cpu, &targets)
			csd_lock_wait(&cfd->csd[cpu], cpu);
	preempt_enable();
}

void smp_call_function_many(const cpumask_t *mask, smp_call_func_t fn,
			    void *info, bool wait)
{
	call_function_many(mask, fn, info, wait, false);
}

void on_each_cpu_mask(const cpumask_t *mask, smp_call_func_t fn, void *info,
		      bool wait)
{
	bool local;

	preempt_disable();
	local = cpumask_test_cpu(smp_processor_id(), mask);
	call_function_many(mask, fn, info, wait, local);
	preempt_enable();
}

int smp_call_function_single(int cpu, smp_call_func_t fn, void *info,
			     bool wait)
{
	unsigned long flags;
	cpumask_t one;
	int ret = 0;

	preempt_disable();
	if (cpu == smp_processor_id()) {
		local_irq_save(flags);
		fn(info);
		local_irq_restore(flags);
	} else if (cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu)) {
		ret = -ENXIO;
	} else {
		cpumask_clear(&one);
		cpumask_set_cpu(cpu, &one);
		call_function_many(&one, fn, info, wait, false);
	}
	preempt_enable();
	return ret;
}

void smp_send_reschedule(int cpu)
{
	if (WARN_ON(cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu)))
		return;
	this_cpu_inc(ipi_stats.resched_ipis_sent);
	apic_send_ipi(cpu, RESCHEDULE_VECTOR);
}

static void call_function_interrupt(struct pt_regs *regs)
{
	/* Acknowledge first: a request queued from now on sends a new IPI
	 * only if we have already emptied the queue, and that IPI must not
	 * be lost. */
	apic_eoi();
	this_cpu_inc(ipi_stats.call_ipis_received);
	flush_smp_call_queue();
}

static void reschedule_interrupt(struct pt_regs *regs)
{
	apic_eoi();
	this_cpu_inc(ipi_stats.resched_ipis_received);
	scheduler_ipi();
}

/* The interrupt itself is the point: it ends the waiter's hlt. */
static void spinlock_kick_interrupt(struct pt_regs *regs)
{
	apic_eoi();
}

void arch_spin_kick_cpu(int cpu)
{
	apic_send_ipi(cpu, SPINLOCK_KICK_VECTOR);
}

bool arch_spin_can_halt(void)
{
	return kick_ready;
}

void smp_ipi_init(void)
{
	set_intr_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
	set_intr_handler(RESCHEDULE_VECTOR, reschedule_interrupt);
	set_intr_handler(SPINLOCK_KICK_VECTOR, spinlock_kick_interrupt);
	WRITE_ONCE(kick_ready, true);
}

void smp_ipi_stats_get(int cpu, struct smp_ipi_stats *out)
{
	const struct smp_ipi_stats *s = per_cpu_ptr(&ipi_stats, cpu);

	out->calls_sent = READ_ONCE(s->calls_sent);
	out->call_ipis_sent = READ_ONCE(s->call_ipis_sent);
	out->call_ipis_received = READ_ONCE(s->call_ipis_received);
	out->calls_handled = READ_ONCE(s->calls_handled);
	out->resched_ipis_sent = READ_ONCE(s->resched_ipis_sent);
	out->resched_ipis_received = READ_ONCE(s->resched_ipis_received);
}
