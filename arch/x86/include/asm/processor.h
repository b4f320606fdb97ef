/* SPDX-License-Identifier: GPL-2.0 */
/* Control registers, CPUID, TSC and other single-instruction helpers. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <types.h>

#define X86_CR0_PE	(1u << 0)
#define X86_CR0_MP	(1u << 1)
#define X86_CR0_EM	(1u << 2)
#define X86_CR0_TS	(1u << 3)
#define X86_CR0_NE	(1u << 5)
#define X86_CR0_WP	(1u << 16)
#define X86_CR0_PG	(1u << 31)
#define X86_CR4_PSE	(1u << 4)
#define X86_CR4_PGE	(1u << 7)
#define X86_CR4_OSFXSR	(1u << 9)
#define X86_CR4_OSXMMEXCPT	(1u << 10)

#define X86_EFLAGS_CF	(1u << 0)
#define X86_EFLAGS_PF	(1u << 2)
#define X86_EFLAGS_AF	(1u << 4)
#define X86_EFLAGS_ZF	(1u << 6)
#define X86_EFLAGS_SF	(1u << 7)
#define X86_EFLAGS_TF	(1u << 8)
#define X86_EFLAGS_IF	(1u << 9)
#define X86_EFLAGS_DF	(1u << 10)
#define X86_EFLAGS_OF	(1u << 11)
#define X86_EFLAGS_IOPL	(3u << 12)
#define X86_EFLAGS_NT	(1u << 14)
#define X86_EFLAGS_RF	(1u << 16)
#define X86_EFLAGS_VM	(1u << 17)
#define X86_EFLAGS_AC	(1u << 18)

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

/* Spin-wait hint: lets the sibling hyperthread (or TCG vCPU) run. */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void halt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

static inline unsigned long read_ebp(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%ebp, %0" : "=r"(v));
	return v;
}

static inline void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

/* Reloading CR3 drops every non-global TLB entry on this CPU. */
static inline void flush_tlb_local_all(void)
{
	write_cr3(read_cr3());
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v),
			     "d"((u32)(v >> 32)));
}

#endif
