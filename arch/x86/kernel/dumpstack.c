// SPDX-License-Identifier: GPL-2.0
/*
 * Register dumps and frame-pointer backtraces for panics, oopses and
 * WARN_ON. The kernel is built with -fno-omit-frame-pointer, so each frame
 * starts with the caller's EBP followed by the return address.
 */
#include <kernel.h>
#include <memlayout.h>
#include <smp.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

#define MAX_FRAMES	32

void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "CPU: %d  EIP: %04x:%pS\n", smp_processor_id(),
	       regs->cs & 0xffff, (void *)regs->eip);
	printk(KERN_EMERG "EIP: %08x EFLAGS: %08x\n", regs->eip, regs->eflags);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n",
	       regs->esi, regs->edi, regs->ebp,
	       user_mode(regs) ? regs->esp : regs->esp_kernel + 20);
	printk(KERN_EMERG "DS: %04x ES: %04x FS: %04x GS: %04x\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff,
	       regs->gs & 0xffff);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	if (!user_mode(regs))
		show_backtrace(regs->ebp);
}

static bool frame_ok(unsigned long fp, unsigned long prev)
{
	return fp >= PAGE_OFFSET && IS_ALIGNED(fp, 4) && fp > prev &&
	       fp - prev < 0x10000 && fp < 0xFFFFFFF0UL;
}

void show_backtrace(unsigned long fp)
{
	unsigned long prev = 0;

	if (!fp)
		fp = read_ebp();
	printk(KERN_EMERG "Call Trace:\n");
	for (int i = 0; i < MAX_FRAMES && fp; i++) {
		unsigned long ret;

		if (prev && !frame_ok(fp, prev))
			break;
		if (!prev && fp < PAGE_OFFSET)
			break;
		ret = ((unsigned long *)fp)[1];
		if (!ret)
			break;
		printk(KERN_EMERG " [<%08lx>] %pS\n", ret, (void *)ret);
		prev = fp;
		fp = ((unsigned long *)fp)[0];
	}
}

/*
 * Fill regs with this CPU's registers as they are in the caller of
 * capture_regs(): EIP is the return address, EBP its frame.
 */
void __noinline capture_regs(struct pt_regs *regs)
{
	__asm__ __volatile__(
		"movl %%eax, %0\n\tmovl %%ebx, %1\n\tmovl %%ecx, %2\n\t"
		"movl %%edx, %3\n\tmovl %%esi, %4\n\tmovl %%edi, %5"
		: "=m"(regs->eax), "=m"(regs->ebx), "=m"(regs->ecx),
		  "=m"(regs->edx), "=m"(regs->esi), "=m"(regs->edi));
	__asm__ __volatile__("movl %%cs, %0\n\tmovl %%ds, %1\n\t"
			     "movl %%es, %2\n\tmovl %%fs, %3\n\t"
			     "movl %%gs, %4"
			     : "=r"(regs->cs), "=r"(regs->ds), "=r"(regs->es),
			       "=r"(regs->fs), "=r"(regs->gs));
	regs->eflags = arch_local_save_flags();
	regs->ebp = ((unsigned long *)read_ebp())[0];
	regs->eip = (unsigned long)__builtin_return_address(0);
	regs->esp_kernel = read_ebp() + 8 - 20;	/* show_regs adds 20 */
	regs->vector = regs->error_code = 0;
}

void dump_stack(void)
{
	printk(KERN_EMERG "CPU: %d  CR2: %08lx CR3: %08lx\n",
	       smp_processor_id(), read_cr2(), read_cr3());
	show_backtrace(read_ebp());
}
