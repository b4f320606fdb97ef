// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 side of tasks: preparing a new task's kernel stack so that its
 * first switch lands in ret_from_fork, switching the per-CPU state that
 * belongs to the running task (TSS kernel stack, TLS descriptors,
 * `current`), and the register state a freshly exec'd program starts with.
 */
#include <task.h>
#include <sched.h>
#include <kernel.h>
#include <string.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/fpu.h>

extern struct task_struct *__switch_to_asm(struct task_struct *prev,
					   struct task_struct *next);
extern char ret_from_fork[];

/* The five words __switch_to_asm pops for a task that never ran. */
struct fork_frame {
	u32 edi, esi, ebx, ebp;
	u32 ret;
};

static void load_tls(struct task_struct *t)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt_set_tls(GDT_ENTRY_TLS_MIN + i, &t->thread.tls_array[i]);
}

/* Called by the scheduler with interrupts off and the rq lock held. */
struct task_struct *switch_to(struct task_struct *prev,
			      struct task_struct *next)
{
	if (next->thread.sp0)
		tss_set_kernel_stack(next->thread.sp0);
	if (next->mm)
		load_tls(next);
	switch_fpu(prev, next);
	this_cpu_write(current_task, next);
	return __switch_to_asm(prev, next);
}

/*
 * The TLS descriptor a user selector names, or NULL if the selector is
 * not a TLS one. set_thread_area() only ever puts present 32-bit DPL 3
 * data segments there, or clears the entry.
 */
static const struct desc_struct *user_tls_desc(struct task_struct *t, u32 sel)
{
	unsigned int idx = (sel & 0xFFFF) >> 3;

	if ((sel & 7) != 3 || idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return NULL;
	return &t->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];
}

static bool tls_desc_present(const struct desc_struct *d)
{
	return d && (d->access & 0x80);
}

/*
 * Data segment selectors a task returns to user mode with must still be
 * loadable: set_thread_area() or exec may have cleared the TLS descriptor
 * a saved selector names, and the iret path would then fault in the
 * kernel. Such a selector becomes the null selector, as on Linux.
 */
static u32 sanitize_selector(struct task_struct *t, u32 sel)
{
	sel &= 0xFFFF;		/* the CPU may leave the pushed high half as it was */
	if (sel == 0 || sel == __USER_DS || sel == __USER_CS)
		return sel;
	return tls_desc_present(user_tls_desc(t, sel)) ? sel : 0;
}

/*
 * Can iret load the user's CS and SS? CS can only be the user code
 * segment (no TLS entry holds code). SS may be a TLS data segment the
 * task loaded with mov %ss and has since cleared, or made read-only, with
 * set_thread_area(): iret would then fault in the kernel.
 */
static bool iret_segments_ok(struct task_struct *t, u32 cs, u32 ss)
{
	const struct desc_struct *d = user_tls_desc(t, ss);

	if (cs != __USER_CS)
		return false;
	if (ss == __USER_DS)
		return true;
	return tls_desc_present(d) && (d->access & 0x02);	/* writable */
}

/* False if the task cannot return to user mode: CS or SS is unusable. */
bool fixup_user_segments(struct pt_regs *regs)
{
	struct task_struct *t = current;

	regs->ds = sanitize_selector(t, regs->ds) ?: __USER_DS;
	regs->es = sanitize_selector(t, regs->es) ?: __USER_DS;
	regs->fs = sanitize_selector(t, regs->fs);
	regs->gs = sanitize_selector(t, regs->gs);
	return iret_segments_ok(t, regs->cs & 0xFFFF, regs->ss & 0xFFFF);
}

/*
 * Set up p's kernel stack. fn != NULL: a kernel thread that runs fn(arg).
 * Else a user task whose registers are a copy of `regs` (fork/clone)
 * except eax = 0 (the child's return value) and, if usp, the stack.
 */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg,
		 const struct pt_regs *regs, unsigned long usp)
{
	struct pt_regs *child;
	struct fork_frame *frame;

	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	child = task_pt_regs(p);
	frame = (struct fork_frame *)child - 1;
	memset(frame, 0, sizeof(*frame));
	frame->ret = (u32)ret_from_fork;
	if (fn) {
		memset(child, 0, sizeof(*child));
		frame->ebx = (u32)fn;
		frame->esi = (u32)arg;
	} else {
		*child = *regs;
		child->eax = 0;
		if (usp)
			child->esp = usp;
	}
	p->thread.sp = (unsigned long)frame;
	fpu_clone(p, fn != NULL);
}

/* The user registers a new program starts with (execve). */
void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp)
{
	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->fs = regs->gs = 0;
	regs->eip = eip;
	regs->esp = esp;
	regs->eflags = X86_EFLAGS_IF | 0x2;	/* bit 1 is always set */
}

/* exec drops the TLS descriptors and the FPU state of the old program. */
void flush_thread(struct task_struct *t)
{
	fpu_flush_thread();
	memset(t->thread.tls_array, 0, sizeof(t->thread.tls_array));
	local_irq_disable();
	load_tls(t);
	local_irq_enable();
}

/*
 * set_thread_area(): TLS descriptor `idx` of t (current, or a child being
 * cloned) becomes *d. For current, the task's copy and this CPU's GDT
 * change together, with interrupts off so no preemption sees one without
 * the other.
 */
void set_tls_desc(struct task_struct *t, int idx, const struct desc_struct *d)
{
	unsigned long flags;

	local_irq_save(flags);
	t->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] = *d;
	if (t == current)
		gdt_set_tls(idx, d);
	local_irq_restore(flags);
}

/* AT_HWCAP: the CPUID leaf 1 EDX feature bits, as Linux i386 passes. */
u32 arch_elf_hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d;
}
