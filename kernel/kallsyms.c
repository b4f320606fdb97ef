// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol lookup over the table that scripts/kallsyms.py generates from the
 * kernel image (addresses sorted ascending).
 */
#include <kallsyms.h>
#include <kernel.h>
#include <string.h>

extern const unsigned int kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern char _stext[], _etext[];

/* Index of the last symbol at or below addr, or -1. */
static int kallsyms_find(unsigned long addr)
{
	int lo = 0, hi = (int)kallsyms_num - 1, found = -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size)
{
	unsigned long end;
	int i;

	if (addr < (unsigned long)_stext || addr >= (unsigned long)_etext)
		return NULL;
	i = kallsyms_find(addr);
	if (i < 0)
		return NULL;
	/* Several names may share an address: the next distinct one ends it. */
	end = (unsigned long)_etext;
	for (unsigned int j = i + 1; j < kallsyms_num; j++) {
		if (kallsyms_addresses[j] > kallsyms_addresses[i]) {
			end = kallsyms_addresses[j];
			break;
		}
	}
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	if (size)
		*size = end - kallsyms_addresses[i];
	return &kallsyms_names[kallsyms_name_offsets[i]];
}

void kallsyms_format(unsigned long addr, char *buf, size_t len)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);

	if (name)
		snprintf(buf, len, "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintf(buf, len, "0x%08lx", addr);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned int i = 0; i < kallsyms_num; i++)
		if (!strcmp(&kallsyms_names[kallsyms_name_offsets[i]], name))
			return kallsyms_addresses[i];
	return 0;
}
