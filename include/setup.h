/* SPDX-License-Identifier: GPL-2.0 */
/* Architecture boot setup called from start_kernel(). */
#ifndef _SETUP_H
#define _SETUP_H

#include <types.h>

/*
 * Parse the boot loader's information (command line, memory map, modules),
 * reserve what must not be allocated, and build the kernel page tables.
 */
void setup_arch(u32 magic, u32 boot_info_phys);
/* Early CPU state of the boot CPU: descriptors and exception vectors. */
void early_cpu_init(void);

/* Physical end of the direct map (the lowmem limit). */
extern phys_addr_t lowmem_end;

#endif
