// SPDX-License-Identifier: GPL-2.0
/*
 * Highmem: temporary kernel mappings of pages that have no permanent
 * kernel address (Documentation/mm/highmem.md).
 *
 * This file holds the kmap area itself (its page tables, installed before
 * any process directory exists), the kmap_local_page() front end with its
 * per-CPU nesting stack and debug checks, the per-CPU slot design
 * (kmap=percpu, the default), the map-copy-unmap helpers and the
 * statistics. The persistent pool (kmap/kunmap) is in highmem_pkmap.c and
 * the seed's shared-slot design (kmap=global) in highmem_global.c.
 *
 * THE RULE that makes a kmap visible under every CR3: the kmap area's page
 * tables are installed in kernel_directory by highmem_init(), before the
 * first process directory copies the kernel PDEs (768-1023), and no kernel
 * PDE is ever added afterwards (kernel_pgd_install_table() panics once
 * pgd_alloc() has run). Every directory therefore points at the same two
 * page tables, and a PTE written here is seen under all of them at once.
 * The seed created the temp area's table later, in kernel_directory only,
 * and system calls running on a process directory faulted.
 */
#include "highmem_internal.h"
#include <kernel.h>
#include <string.h>
#include <cmdline.h>
#include <smp.h>
#include <preempt.h>
#include <tlbflush.h>

_Static_assert(KMAP_PERCPU_END <= KMAP_BASE + KMAP_SIZE,
	       "per-CPU and shared slots must fit in the kmap PDE");
_Static_assert(PKMAP_BASE == KMAP_BASE + KMAP_SIZE,
	       "the pool's page table follows the kmap area's");
_Static_assert(PKMAP_SIZE == PGDIR_SIZE, "the pool fills one page table");

/* Both page tables, contiguous: PDE 896 then PDE 897. */
static pte_t *kmap_ptes;

static const struct kmap_local_ops *kmap_ops = &kmap_percpu_ops;

DEFINE_PER_CPU(struct kmap_stats, kmap_stats);

/* ---- the kmap area ------------------------------------------------------- */

pte_t *kmap_area_pte(unsigned long vaddr)
{
	if (unlikely(!kmap_ptes))
		panic("highmem: kmap of %#lx before highmem_init()", vaddr);
	return &kmap_ptes[(vaddr - KMAP_BASE) >> PAGE_SHIFT];
}

static bool is_kmap_area(unsigned long vaddr)
{
	return vaddr >= KMAP_BASE && vaddr < KMAP_BASE + KMAP_SIZE;
}

void highmem_init(void)
{
	void *tables;

	/* The rule above: no process directory may exist yet. */
	if (kernel_pgd_frozen())
		panic("highmem_init: a process page directory already exists; "
		      "it would lack the kmap area's page tables");
	tables = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	if (!tables)
		panic("highmem_init: no memory for the kmap page tables");
	kernel_pgd_install_table(pgd_index(KMAP_BASE), __pa(tables));
	kernel_pgd_install_table(pgd_index(PKMAP_BASE),
				 __pa(tables) + PAGE_SIZE);
	kmap_ptes = tables;
	pkmap_init();
	pr_info("highmem: kmap=%s; %d per-CPU slots x %d CPUs at %#lx, "
		"%d shared at %#lx, pool of %d at %#lx\n", kmap_ops->name,
		KM_MAX_IDX, NR_CPUS, KMAP_PERCPU_BASE, KMAP_TEMP_SLOTS,
		KMAP_TEMP_BASE, LAST_PKMAP, PKMAP_BASE);
}

static int kmap_mode_setup(const char *val)
{
	if (!strcmp(val, "percpu"))
		kmap_ops = &kmap_percpu_ops;
	else if (!strcmp(val, "global"))
		kmap_ops = &kmap_global_ops;
	else
		return -1;
	return 0;
}
__setup("kmap", kmap_mode_setup);

enum kmap_mode kmap_mode(void)
{
	return kmap_ops == &kmap_global_ops ? KMAP_MODE_GLOBAL :
					      KMAP_MODE_PERCPU;
}

const char *kmap_mode_name(void)
{
	return kmap_ops->name;
}

/* ---- kmap=percpu: a fixed slot per (CPU, nesting level) ------------------ */

static unsigned long percpu_slot_vaddr(int cpu, int idx)
{
	return KMAP_PERCPU_BASE +
	       (unsigned long)(cpu * KM_MAX_IDX + idx) * PAGE_SIZE;
}

/*
 * Why no lock and no shootdown: slot (cpu, idx) is only ever dereferenced
 * by `cpu`, which cannot be preempted while it holds the slot. Its last
 * unmap cleared the PTE and invalidated the translation on that CPU, and a
 * CPU never caches a not-present translation, so mapping needs no flush
 * at all. Other CPUs may speculatively cache a translation of this slot,
 * but they never use the address, so a stale copy there does no harm.
 */
unsigned long kmap_percpu_map(struct page *page, int idx)
{
	unsigned long vaddr = percpu_slot_vaddr(smp_processor_id(), idx);
	pte_t *pte = kmap_area_pte(vaddr);

	if (unlikely(*pte))
		panic("kmap_local: slot %#lx (CPU %d level %d) still maps pfn "
		      "%#x", vaddr, smp_processor_id(), idx, pte_pfn(*pte));
	WRITE_ONCE(*pte, mk_kmap_pte(page));
	barrier();
	return vaddr;
}

void kmap_percpu_unmap(unsigned long vaddr)
{
	WRITE_ONCE(*kmap_area_pte(vaddr), 0);
	local_flush_tlb_page(vaddr);
	kmap_stat_inc(invlpg);
}

int kmap_percpu_slot_cpu(unsigned long vaddr)
{
	if (vaddr < KMAP_PERCPU_BASE || vaddr >= KMAP_PERCPU_END ||
	    !READ_ONCE(*kmap_area_pte(vaddr)))
		return -1;
	return (vaddr - KMAP_PERCPU_BASE) / PAGE_SIZE / KM_MAX_IDX;
}

static void percpu_unmap(unsigned long vaddr, int idx)
{
	kmap_percpu_unmap(vaddr);
}

const struct kmap_local_ops kmap_percpu_ops = {
	.name = "percpu",
	.map = kmap_percpu_map,
	.unmap = percpu_unmap,
	.slot_cpu = kmap_percpu_slot_cpu,
};

/* ---- the kmap_local front end -------------------------------------------- */

/*
 * Each CPU's kmap_local mappings form a stack: level i is the i-th
 * mapping still held. A lowmem page takes a level too (no slot, no PTE),
 * so every kunmap_local() is checked against the level it must undo.
 * An interrupt handler pushes above the interrupted code's levels and pops
 * them all before it returns, which keeps the stack intact.
 */
struct kmap_local_entry {
	unsigned long vaddr;	/* page-aligned address handed out */
	unsigned long caller;	/* who mapped it: named in debug reports */
	bool in_irq;		/* mapped by an interrupt handler */
};

struct kmap_ctrl {
	int depth;
	struct kmap_local_entry stack[KM_MAX_IDX];
};

static DEFINE_PER_CPU(struct kmap_ctrl, kmap_ctrl);

static __noreturn void kmap_local_overflow(const struct kmap_ctrl *ctrl,
					   unsigned long caller)
{
	panic("kmap_local: slot overflow on CPU %d by %pS: all %d levels "
	      "held (outermost by %pS, innermost by %pS)", smp_processor_id(),
	      (void *)caller, KM_MAX_IDX, (void *)ctrl->stack[0].caller,
	      (void *)ctrl->stack[KM_MAX_IDX - 1].caller);
}

static void *__kmap_local(struct page *page, unsigned long caller)
{
	struct kmap_ctrl *ctrl;
	unsigned long vaddr;
	int idx;

	preempt_disable();
	ctrl = this_cpu_ptr(&kmap_ctrl);
	idx = ctrl->depth;
	if (unlikely(idx >= KM_MAX_IDX))
		kmap_local_overflow(ctrl, caller);
	/* Claim the level first: an interrupt from here on nests above. */
	ctrl->depth = idx + 1;
	barrier();
	if (PageHighMem(page))
		vaddr = kmap_ops->map(page, idx);
	else
		vaddr = (unsigned long)lowmem_page_address(page);
	ctrl->stack[idx] = (struct kmap_local_entry){ vaddr, caller,
						      in_irq() };
	kmap_stat_inc(kmap_local);
	return (void *)vaddr;
}

/* Called when `vaddr` is not the innermost level: say exactly why. */
static __noreturn void kunmap_local_bad(const struct kmap_ctrl *ctrl,
					unsigned long vaddr,
					unsigned long caller)
{
	int cpu = smp_processor_id(), depth = ctrl->depth, owner;
	const struct kmap_local_entry *top;

	owner = is_kmap_area(vaddr) ? kmap_ops->slot_cpu(vaddr) : -1;
	if (owner >= 0 && owner != cpu)
		panic("kunmap_local(%#lx) on CPU %d by %pS: that slot was "
		      "mapped by CPU %d; a kmap_local address is valid only "
		      "on the CPU that mapped it", vaddr, cpu, (void *)caller,
		      owner);
	if (depth == 0)
		panic("kunmap_local(%#lx) on CPU %d by %pS: not a kmap_local "
		      "address (this CPU holds none)", vaddr, cpu,
		      (void *)caller);
	top = &ctrl->stack[depth - 1];
	for (int i = depth - 2; i >= 0; i--)
		if (ctrl->stack[i].vaddr == vaddr)
			panic("kunmap_local(%#lx) out of order on CPU %d by "
			      "%pS: it is level %d of %d; unmap the innermost "
			      "(%#lx, mapped by %pS) first", vaddr, cpu,
			      (void *)caller, i, depth, top->vaddr,
			      (void *)top->caller);
	panic("kunmap_local(%#lx) on CPU %d by %pS: not a kmap_local address "
	      "held on this CPU (innermost is %#lx, mapped by %pS)", vaddr,
	      cpu, (void *)caller, top->vaddr, (void *)top->caller);
}

static void __kunmap_local(const void *addr, unsigned long caller)
{
	struct kmap_ctrl *ctrl = this_cpu_ptr(&kmap_ctrl);
	unsigned long vaddr = (unsigned long)addr & PAGE_MASK;
	int idx = ctrl->depth - 1;

	/* Check everything before changing anything (tests catch these). */
	if (unlikely(idx < 0 || ctrl->stack[idx].vaddr != vaddr))
		kunmap_local_bad(ctrl, vaddr, caller);
	if (is_kmap_area(vaddr))
		kmap_ops->unmap(vaddr, idx);
	barrier();
	ctrl->depth = idx;
	kmap_stat_inc(kunmap_local);
	preempt_enable();
}

#define CALLER	((unsigned long)__builtin_return_address(0))

void *kmap_local_page(struct page *page)
{
	return __kmap_local(page, CALLER);
}

void kunmap_local(const void *addr)
{
	__kunmap_local(addr, CALLER);
}

/*
 * kmap_local_page() already works in any context; kmap_atomic() is the
 * name Linux code uses in interrupt handlers, kept for familiarity.
 */
void *kmap_atomic(struct page *page)
{
	return __kmap_local(page, CALLER);
}

void kunmap_atomic(const void *addr)
{
	__kunmap_local(addr, CALLER);
}

int kmap_local_depth(void)
{
	return this_cpu_read(kmap_ctrl.depth);
}

/*
 * Both callers run in task context (a context switch never happens inside
 * an interrupt handler: preempt_count holds its hardirq count), so every
 * level still held belongs to this task, or to an interrupt handler that
 * returned without unmapping, which the report says.
 */
void kmap_local_assert_none_held(const char *where)
{
	const struct kmap_ctrl *ctrl = this_cpu_ptr(&kmap_ctrl);
	int depth = READ_ONCE(ctrl->depth);
	const struct kmap_local_entry *top;

	if (likely(!depth))
		return;
	top = &ctrl->stack[depth - 1];
	panic("%s: CPU %d still holds %d kmap_local slot(s); innermost %#lx "
	      "mapped by %pS%s", where, smp_processor_id(), depth, top->vaddr,
	      (void *)top->caller, top->in_irq ?
	      " in an interrupt handler that returned without unmapping" :
	      "");
}

/* ---- helpers ------------------------------------------------------------- */

static void check_in_page(const char *what, struct page *page, size_t offset,
			  size_t len, unsigned long caller)
{
	if (unlikely(offset > PAGE_SIZE || len > PAGE_SIZE - offset))
		panic("%s(pfn %#lx, offset %u, len %u) by %pS: crosses the end "
		      "of the page", what, page_to_pfn(page), offset, len,
		      (void *)caller);
}

void memcpy_to_page(struct page *page, size_t offset, const void *from,
		    size_t len)
{
	char *to;

	check_in_page(__func__, page, offset, len, CALLER);
	to = __kmap_local(page, CALLER);
	memcpy(to + offset, from, len);
	__kunmap_local(to, CALLER);
}

void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len)
{
	char *from;

	check_in_page(__func__, page, offset, len, CALLER);
	from = __kmap_local(page, CALLER);
	memcpy(to, from + offset, len);
	__kunmap_local(from, CALLER);
}

void memset_page(struct page *page, size_t offset, int val, size_t len)
{
	char *addr;

	check_in_page(__func__, page, offset, len, CALLER);
	addr = __kmap_local(page, CALLER);
	memset(addr + offset, val, len);
	__kunmap_local(addr, CALLER);
}

void clear_highpage(struct page *page)
{
	void *addr = __kmap_local(page, CALLER);

	memset(addr, 0, PAGE_SIZE);
	__kunmap_local(addr, CALLER);
}

/* Two levels at once: the source and the destination. */
void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = __kmap_local(from, CALLER);
	void *vto = __kmap_local(to, CALLER);

	memcpy(vto, vfrom, PAGE_SIZE);
	__kunmap_local(vto, CALLER);
	__kunmap_local(vfrom, CALLER);
}

/* ---- page_address -------------------------------------------------------- */

void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return pkmap_page_address(page);
}

/* ---- statistics and the locks they count --------------------------------- */

void kmap_spin_lock(spinlock_t *lock)
{
	if (spin_trylock(lock))
		return;
	kmap_stat_inc(lock_contended);
	spin_lock(lock);
}

unsigned long kmap_spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	kmap_spin_lock(lock);
	return flags;
}

void kmap_stats_get(int cpu, struct kmap_stats *out)
{
	struct tlb_stats tlb;

	*out = per_cpu(kmap_stats, cpu);
	tlb_stats_get(cpu, &tlb);
	out->shootdowns_received = tlb.ipis_received;
}

int kmap_stats_show(char *buf, size_t size)
{
	struct kmap_stats s;
	int cpu, n;

	if (!size)
		return 0;
	n = snprintf(buf, size, "kmap=%s\ncpu  kmap_local kunmap_local    "
		     "kmap  kunmap  invlpg sd_sent sd_recv contend   waits\n",
		     kmap_mode_name());
	for_each_online_cpu(cpu) {
		if ((size_t)n >= size)
			break;
		kmap_stats_get(cpu, &s);
		n += snprintf(buf + n, size - n, "%3d %11u %12u %7u %7u %7u "
			      "%7u %7u %7u %7u\n", cpu, s.kmap_local,
			      s.kunmap_local, s.kmap, s.kunmap, s.invlpg,
			      s.shootdowns_sent, s.shootdowns_received,
			      s.lock_contended, s.pkmap_waits);
	}
	return min(n, (int)size - 1);
}
