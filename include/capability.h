/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Privilege checks. Every process runs as root here (kernel/cred.c), and
 * root holds every capability unless it gave some up with capset(2)
 * (kernel/capability.c). capable() is the one place that answers.
 */
#ifndef _CAPABILITY_H
#define _CAPABILITY_H

#include <task.h>

#define CAP_IPC_LOCK		14
#define CAP_SYS_ADMIN		21
#define CAP_SYS_BOOT		22
#define CAP_SYS_RESOURCE	24
#define CAP_SYS_TIME		25
#define CAP_LAST_CAP		40	/* Linux 6.1: CAP_CHECKPOINT_RESTORE */
#define CAP_FULL_SET		((1ULL << (CAP_LAST_CAP + 1)) - 1)

/* Does the caller hold capability cap in its effective set? */
static inline bool capable(int cap)
{
	if (cap < 0 || cap > CAP_LAST_CAP)
		return false;
	return !(current->cap_drop_effective & (1ULL << cap));
}

#endif
