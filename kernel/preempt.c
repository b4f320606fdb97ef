// SPDX-License-Identifier: GPL-2.0
/* Preemption control (see include/preempt.h). */
#include <preempt.h>

void preempt_enable(void)
{
	barrier();
	this_cpu_dec(preempt_count);
}
