/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel symbol lookup for backtraces. The table is generated at build time
 * from the kernel image itself (scripts/kallsyms.py, two link passes).
 */
#ifndef _KALLSYMS_H
#define _KALLSYMS_H

#include <types.h>

/*
 * Find the text symbol containing addr. Returns its name and sets *offset
 * and *size, or returns NULL if addr is not in kernel text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size);

/* Format addr as "name+0xoff/0xsize", or as a bare hex address. */
void kallsyms_format(unsigned long addr, char *buf, size_t len);

/* Address of a symbol by name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
