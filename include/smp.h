/* SPDX-License-Identifier: GPL-2.0 */
/* CPU numbering and the cross-CPU call interface. */
#ifndef _SMP_H
#define _SMP_H

#include <types.h>
#include <config.h>

/* The calling CPU's logical number (0 = boot CPU). */
#define smp_processor_id()	this_cpu_read(cpu_number)

unsigned int num_online_cpus(void);

#include <percpu.h>

#endif
