/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to user memory from the kernel (mm/uaccess.c). Documentation/
 * uaccess.md explains the design: the kernel never dereferences a user
 * address. It walks the process's own page tables (translate()), checks
 * that the page is present, user-accessible and, for writes, writable,
 * and copies through a kmap_local_page() mapping of the frame, one page at
 * a time. A bad address therefore gives -EFAULT, never a kernel page
 * fault, whatever CR3 holds and whether or not the frame is in highmem.
 *
 * As in Linux, copy_from_user()/copy_to_user()/clear_user() return the
 * number of bytes NOT copied (0 on success); strncpy_from_user() returns
 * the string length or -EFAULT.
 */
#ifndef _UACCESS_H
#define _UACCESS_H

#include <types.h>


struct mm_struct;

/* Is [addr, addr + size) inside user space, without wrapping? */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a + size >= a && a + size <= 0xC0000000UL;
}

/* On an explicit address space (exec builds one that is not current's). */
unsigned long copy_from_mm(struct mm_struct *mm, void *to,
			   unsigned long from, unsigned long n);
unsigned long copy_to_mm(struct mm_struct *mm, unsigned long to,
			 const void *from, unsigned long n);
unsigned long clear_mm(struct mm_struct *mm, unsigned long to,
		       unsigned long n);
long strncpy_from_mm(struct mm_struct *mm, char *dst, unsigned long src,
		     long count);

/* On the calling task's address space. */
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
/*
 * Copy a NUL-terminated string of at most `count` bytes. Returns its
 * length (without the NUL); `count` if no NUL was found in that many
 * bytes (dst is then not terminated); -EFAULT on a bad address.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/*
 * Is every byte of the range accessible (writable if `write`)? Decided by
 * the regions: nothing is faulted in. Used where a call must fail
 * as a whole rather than half-done (write() of a partly bad buffer).
 */
bool mm_range_ok(struct mm_struct *mm, unsigned long addr, unsigned long n,
		 bool write);
bool user_range_ok(const void __user *addr, unsigned long n, bool write);

/* Single values: 0 or -EFAULT. */
#define get_user(x, ptr)						\
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr)						\
	({								\
		__typeof__(*(ptr)) __pu_v = (x);			\
		copy_to_user((ptr), &__pu_v, sizeof(__pu_v)) ? -EFAULT : 0; \
	})

#endif
