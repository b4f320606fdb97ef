// SPDX-License-Identifier: GPL-2.0
/*
 * The IDT and the C side of interrupt entry. Every vector enters through
 * arch/x86/kernel/entry.asm and lands in x86_handle_interrupt(): CPU
 * exceptions are reported (and, from user mode, handed to the process
 * layer as signals); other vectors go to the handler registered with
 * set_intr_handler().
 */
#include <asm/desc.h>
#include <asm/traps.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <kernel.h>
#include <percpu.h>
#include <string.h>
#include <hardirq.h>

#define GATE_INTR	0x8E	/* present, DPL 0, 32-bit interrupt gate */
#define GATE_DPL3	0x60

struct gate_desc {
	u16 offset0;
	u16 selector;
	u8 zero;
	u8 type_attr;
	u16 offset1;
} __packed;

#define SIGILL	4
#define SIGTRAP	5
#define SIGBUS	7
#define SIGFPE	8
#define SIGSEGV	11

static struct gate_desc idt[NR_VECTORS] __aligned(8);
static intr_handler_t intr_handlers[NR_VECTORS];
static DEFINE_PER_CPU(unsigned long, spurious_count);
extern const u32 vector_stub_table[NR_VECTORS];

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack-segment fault",
	"general protection fault", "page fault", "reserved",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point exception", "virtualization exception",
	"control protection exception",
};

/* Signal Linux sends for each exception taken in user mode. */
static const u8 exception_signals[32] = {
	[X86_TRAP_DE] = SIGFPE, [X86_TRAP_DB] = SIGTRAP,
	[X86_TRAP_BP] = SIGTRAP, [X86_TRAP_OF] = SIGSEGV,
	[X86_TRAP_BR] = SIGSEGV, [X86_TRAP_UD] = SIGILL,
	[X86_TRAP_NM] = SIGSEGV, [X86_TRAP_TS] = SIGSEGV,
	[X86_TRAP_NP] = SIGBUS, [X86_TRAP_SS] = SIGBUS,
	[X86_TRAP_GP] = SIGSEGV, [X86_TRAP_PF] = SIGSEGV,
	[X86_TRAP_MF] = SIGFPE, [X86_TRAP_AC] = SIGBUS,
	[X86_TRAP_XF] = SIGFPE,
};

static void set_gate(int vector, u32 handler, u8 type_attr)
{
	idt[vector].offset0 = handler & 0xFFFF;
	idt[vector].selector = __KERNEL_CS;
	idt[vector].zero = 0;
	idt[vector].type_attr = type_attr;
	idt[vector].offset1 = handler >> 16;
}

void idt_init(void)
{
	for (int v = 0; v < NR_VECTORS; v++)
		set_gate(v, vector_stub_table[v], GATE_INTR);
	/* Let user code trap into the debugger vectors as on Linux. */
	idt[X86_TRAP_BP].type_attr |= GATE_DPL3;
	idt[X86_TRAP_OF].type_attr |= GATE_DPL3;
}

void idt_load(void)
{
	struct {
		u16 limit;
		u32 base;
	} __packed idtr = { sizeof(idt) - 1, (u32)idt };

	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}

void set_intr_handler(int vector, intr_handler_t handler)
{
	intr_handlers[vector] = handler;
}

void set_user_gate(int vector)
{
	idt[vector].type_attr |= GATE_DPL3;
}

static void describe_page_fault(const struct pt_regs *regs)
{
	u32 e = regs->error_code;

	printk(KERN_EMERG "BUG: %s %s at address %08lx (%s%s%s)\n",
	       (e & X86_PF_USER) ? "user" : "kernel",
	       (e & X86_PF_INSTR) ? "instruction fetch" :
	       (e & X86_PF_WRITE) ? "write" : "read",
	       read_cr2(),
	       (e & X86_PF_PROT) ? "protection violation" : "page not present",
	       (e & X86_PF_RSVD) ? ", reserved bit set" : "",
	       (e & X86_PF_USER) ? ", from ring 3" : "");
}

static void do_exception(struct pt_regs *regs)
{
	int v = regs->vector;
	const char *name = exception_names[v] ? exception_names[v]
					      : "reserved exception";

	if (user_mode(regs) && exception_signals[v] &&
	    user_exception(regs, exception_signals[v]))
		return;
	if (v == X86_TRAP_PF)
		describe_page_fault(regs);
	panic_regs(regs, "exception %d (%s), error code %#x, EIP %08x, CR2 %08lx",
		   v, name, regs->error_code, regs->eip, read_cr2());
}

/*
 * Device, LAPIC timer and IPI vectors run as interrupt handlers: counted
 * in preempt_count (in_irq()), so nothing preempts or sleeps inside them.
 * The system call gate runs in the calling task's context.
 */
static void run_intr_handler(struct pt_regs *regs)
{
	int v = regs->vector;
	bool hardirq = v >= FIRST_EXTERNAL_VECTOR && v != SYSCALL_VECTOR;

	if (hardirq)
		irq_enter();
	intr_handlers[v](regs);
	if (hardirq)
		irq_exit();
}

void x86_handle_interrupt(struct pt_regs *regs)
{
	int v = regs->vector;

	if (v < FIRST_EXTERNAL_VECTOR && v != X86_TRAP_NMI) {
		do_exception(regs);
	} else if (intr_handlers[v]) {
		run_intr_handler(regs);
	} else if (v == X86_TRAP_NMI) {
		panic_regs(regs, "NMI received with no handler");
	} else {
		this_cpu_inc(spurious_count);
		if (this_cpu_read(spurious_count) < 5)
			pr_warn("traps: unexpected interrupt vector %#x\n", v);
	}
	if (user_mode(regs))
		prepare_exit_to_usermode(regs);
	else
		irqentry_exit_to_kernel(regs);
}
