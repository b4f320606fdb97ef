// SPDX-License-Identifier: GPL-2.0
/*
 * personality(2). There is one execution domain, PER_LINUX; the value a
 * process sets (with its flags: ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC, and
 * others) is kept, inherited by fork and exec, and given back, but
 * changes nothing here: the layout is not randomised anyway. 0xffffffff
 * only asks. Every call returns the previous value.
 */
#include <task.h>
#include <syscalls.h>

#define PER_QUERY	0xffffffffU

SYSCALL_DEFINE1(personality, unsigned int, persona)
{
	unsigned int old = current->personality;

	if (persona != PER_QUERY)
		current->personality = persona;
	return old;
}
