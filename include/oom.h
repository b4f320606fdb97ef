/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The out-of-memory killer (mm/oom_kill.c): when a user page cannot get
 * a frame, the process with the most resident pages is killed so that
 * the others can go on. Documentation/mm/oom.md explains the policy.
 */
#ifndef _OOM_H
#define _OOM_H

#include <types.h>

struct mm_struct;

/* One allocation's dealings with the OOM killer; zero it before the first
 * out_of_memory() call. */
struct oom_control {
	u64 deadline;		/* ktime_get_ns() after which we give up */
};

/*
 * A user page for current->mm could not be allocated. Kill a victim if
 * none is dying yet, then sleep (at most 100 ms) while it gives its memory
 * back. True: retry the allocation. False: give up; either current is
 * dying (it was picked, or a signal is pending anyway), nothing could be
 * killed (init is never picked), the caller cannot sleep, or oc has
 * waited 10 s in all. May sleep; call without locks.
 */
bool out_of_memory(struct oom_control *oc);

/* mmput(): the address space of an OOM victim has been freed. */
void oom_victim_freed(struct mm_struct *mm);

/*
 * May a user page be allocated now? False once highmem is gone and
 * lowmem is down to the reserve that only the kernel may use (its page
 * tables, stacks and objects must outlive the user pages that filled
 * memory, or the kernel could not even kill).
 */
bool user_page_available(void);

#endif
