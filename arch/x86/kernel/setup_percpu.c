// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU areas: one copy of the .data..percpu template per possible CPU,
 * from boot memory. The boot CPU switches its %fs base to its own copy at
 * once; each AP loads its own when it builds its GDT.
 */
#include <percpu.h>
#include <memblock.h>
#include <memlayout.h>
#include <kernel.h>
#include <string.h>
#include <asm/desc.h>

unsigned long __per_cpu_offset[NR_CPUS];
DEFINE_PER_CPU(unsigned long, this_cpu_off);

void setup_per_cpu_areas(void)
{
	size_t size = __per_cpu_end - __per_cpu_start;
	char *areas = memblock_alloc(ALIGN(size, 64) * NR_CPUS, PAGE_SIZE);

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		char *area = areas + cpu * ALIGN(size, 64);

		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] = area - __per_cpu_start;
		per_cpu(this_cpu_off, cpu) = __per_cpu_offset[cpu];
		per_cpu(cpu_number, cpu) = cpu;
	}
	cpu_init_descriptors(0, __per_cpu_offset[0]);
	pr_info("percpu: %u bytes per CPU for %d CPUs\n", size, NR_CPUS);
}
