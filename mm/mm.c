// SPDX-License-Identifier: GPL-2.0
/*
 * The life cycle of a user address space (struct mm_struct): creation
 * with a page directory that shares the kernel half, duplication for fork,
 * switching on a CPU (with the cpumask that TLB shootdown relies on), and
 * teardown when the last user goes, which returns every frame: the user
 * pages, the page tables, the directory and the region descriptors.
 */
#include <mman.h>
#include <fs.h>
#include <task.h>
#include <oom.h>
#include <highmem.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>
#include <asm/pgtable.h>

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	/* Copies PDEs 768-1023: the kmap page tables come with them. */
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	atomic_set(&mm->users, 1);
	spin_lock_init(&mm->lock, "mm->lock");
	INIT_LIST_HEAD(&mm->regions);
	INIT_LIST_HEAD(&mm->dead_vmas);
	cpumask_clear(&mm->cpu_mask);
	mm->mmap_base = USER_MMAP_BASE;
	return mm;
}

/* Free every user frame mapped in mm and every region. */
static void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *tmp;

	zap_page_range(mm, 0, USER_STACK_TOP);
	/* The last user is gone: no lock is needed, and fput may sleep. */
	list_for_each_entry_safe(vma, tmp, &mm->regions, list) {
		list_del(&vma->list);
		if (vma->vm_file)
			fput(vma->vm_file);
		kfree(vma);
	}
	mm_free_dead_vmas(mm);
}

void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->users))
		return;
	/* No CPU may still have it loaded: switch_mm() cleared the mask. */
	if (WARN_ON(!cpumask_empty(&mm->cpu_mask)))
		pr_err("mm: freeing an address space still loaded on CPU %d\n",
		       cpumask_next(-1, &mm->cpu_mask));
	exit_mmap(mm);
	pgd_free(mm->pgd);	/* the user page tables and the directory */
	oom_victim_freed(mm);
	kfree(mm);
}

/* Copy one present user page of `old` into a new frame mapped in `mm`. */
static int copy_one_page(struct mm_struct *mm, unsigned long va, pte_t pte)
{
	struct page *page = NULL;

	/* A user frame, as a fault gets one: never from the lowmem reserve
	 * the kernel keeps for itself (mm/oom_kill.c). */
	if (user_page_available())
		page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
	if (!page)
		return -ENOMEM;
	copy_highpage(page, pfn_to_page(pte_pfn(pte)));
	if (map_page(mm->pgd, va, page_to_phys(page),
		     pte & (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER))) {
		__free_page(page);
		return -ENOMEM;
	}
	mm_add_page(mm);
	return 0;
}

/*
 * The same frame mapped in the child too: a shared mapping, or a page of
 * a private file mapping not yet copied (read-only in both; the first
 * write in either copies it).
 */
static int share_one_page(struct mm_struct *mm, unsigned long va, pte_t pte)
{
	struct page *page = pfn_to_page(pte_pfn(pte));

	get_page(page);		/* the child's PTE's */
	if (map_page(mm->pgd, va, pte & PAGE_MASK,
		     pte & (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER))) {
		put_page(page);
		return -ENOMEM;
	}
	mm_add_page(mm);
	return 0;
}

/* Does the child map this present page of vma as it is (not a copy)? */
static bool shared_on_fork(const struct vm_area_struct *vma, pte_t pte)
{
	if (!vma || !vma->vm_file)
		return false;
	return (vma->vm_flags & VM_SHARED) || !(pte & _PAGE_RW);
}

/*
 * fork: copy the regions and every present page. Eager copying keeps
 * fork simple and makes the child independent at once; pages not yet
 * touched (demand-paged regions) stay untouched in the child too. File
 * regions take a reference to their file; their shared pages and the
 * not-yet-copied pages of private ones are mapped, not copied.
 */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;
	int err = 0;

	if (!mm)
		return NULL;
	spin_lock(&old->lock);
	mm->brk_start = old->brk_start;
	mm->brk = old->brk;
	mm->mmap_base = old->mmap_base;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	memcpy(mm->exe_path, old->exe_path, sizeof(mm->exe_path));
	list_for_each_entry(vma, &old->regions, list) {
		err = __insert_vma(mm, vma);
		if (err)
			break;
	}
	/* Pages in address order; vma follows along old->regions. */
	vma = list_empty(&old->regions) ? NULL :
	      list_first_entry(&old->regions, struct vm_area_struct, list);
	for (unsigned int i = 0; !err && i < KERNEL_PGD_START; i++) {
		pde_t pde = old->pgd[i];
		pte_t *table;

		if (!(pde & _PAGE_PRESENT))
			continue;
		table = __va(pde & PAGE_MASK);
		for (unsigned int j = 0; j < PTRS_PER_PTE && !err; j++) {
			unsigned long va = (i << PGDIR_SHIFT) | (j << PAGE_SHIFT);
			pte_t pte = table[j];

			if (!(pte & _PAGE_PRESENT))
				continue;
			while (vma && vma->vm_end <= va)
				vma = vma->list.next == &old->regions ? NULL :
				      list_entry(vma->list.next,
						 struct vm_area_struct, list);
			if (vma && vma->vm_start <= va &&
			    shared_on_fork(vma, pte))
				err = share_one_page(mm, va, pte);
			else
				err = copy_one_page(mm, va, pte);
		}
	}
	spin_unlock(&old->lock);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/*
 * Order matters for TLB shootdown: the CPU joins next's mask before it
 * loads next's directory (a concurrent shootdown then either sees the bit
 * or changed the PTE before our CR3 load), and leaves prev's mask only
 * after CR3 no longer points to it (the load dropped prev's translations).
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next, int cpu)
{
	if (prev == next)
		return;
	if (next)
		cpumask_set_cpu(cpu, &next->cpu_mask);
	switch_pgd(next ? next->pgd : kernel_directory);
	if (prev)
		cpumask_clear_cpu(cpu, &prev->cpu_mask);
}

struct mm_struct *exec_mmap(struct mm_struct *mm)
{
	struct task_struct *t = current;
	struct mm_struct *old = t->mm;
	unsigned long flags;

	preempt_disable();
	switch_mm(t->active_mm, mm, smp_processor_id());
	/* Under tasklist_lock: the OOM killer reads other tasks' ->mm. */
	spin_lock_irqsave(&tasklist_lock, flags);
	t->mm = t->active_mm = mm;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	preempt_enable();
	return old;
}

void exit_mm(void)
{
	struct task_struct *t = current;
	struct mm_struct *mm = t->mm;
	unsigned long flags;

	if (!mm)
		return;
	preempt_disable();
	switch_mm(mm, NULL, smp_processor_id());
	/* Under tasklist_lock: the OOM killer reads other tasks' ->mm. */
	spin_lock_irqsave(&tasklist_lock, flags);
	t->mm = t->active_mm = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	preempt_enable();
	mmput(mm);
}
