// SPDX-License-Identifier: GPL-2.0
/*
 * copy_from_user() and friends, done the way the seed's fix wanted but
 * without its assumptions: the user address is never dereferenced.
 * Instead, for each page the buffer touches:
 *
 *   1. check the range is below PAGE_OFFSET and does not wrap;
 *   2. translate() the address through mm->pgd (the process's own
 *      directory, reached through the direct map: no CR3 switch);
 *   3. a page not present inside a region is faulted in as the CPU would
 *      have done (with no frame free, outside mm->lock, through
 *      handle_mm_fault() and so the OOM killer); one outside every
 *      region is -EFAULT;
 *   4. require _PAGE_USER, and _PAGE_RW when writing;
 *   5. take a reference to the frame (get_page()) and drop mm->lock;
 *   6. kmap_local_page() the frame (highmem or not), copy, unmap, and
 *      put the reference.
 *
 * The reference, not mm->lock, keeps the frame alive during the copy: a
 * munmap by another thread meanwhile unmaps it, but the frame is freed
 * only by our put_page(). The copy runs with no spinlock held for a
 * reason: kmap=global (mm/highmem_global.c) may shoot down other CPUs'
 * TLBs only from such a context, and otherwise falls back to a private
 * per-CPU slot. Under mm->lock, every user copy would have bypassed the
 * seed's shared slots, which exist precisely for this path, and the
 * baseline would have measured the per-CPU design instead. Nothing is
 * held across pages, so a long copy stays preemptible between pages.
 */
#include <uaccess.h>
#include <mman.h>
#include <task.h>
#include <highmem.h>
#include <preempt.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

enum uaccess_op { UA_READ, UA_WRITE, UA_CLEAR };

/*
 * The frame behind user address `addr` in mm, checked for the access, in
 * *pagep; -EFAULT if the access is not allowed, -ENOMEM if the page had to
 * be faulted in and no frame was free. mm->lock held.
 */
static int user_page(struct mm_struct *mm, unsigned long addr, bool write,
		     struct page **pagep)
{
	pte_t pte = translate(mm->pgd, addr);

	/* Not present, or a read-only copy-on-write page of a private file
	 * mapping that a write must copy first: as the CPU's fault would. */
	if (!pte || (write && (pte & _PAGE_PRESENT) && !(pte & _PAGE_RW))) {
		int err = __handle_mm_fault(mm, addr, write);

		if (err)
			return err;
		pte = translate(mm->pgd, addr);
	}
	if (!(pte & _PAGE_PRESENT) || !(pte & _PAGE_USER))
		return -EFAULT;
	if (write && !(pte & _PAGE_RW))
		return -EFAULT;
	if (!pfn_valid(pte_pfn(pte)))
		return -EFAULT;
	*pagep = pfn_to_page(pte_pfn(pte));
	return 0;
}

/*
 * user_page() failed with mm->lock dropped: may the caller try the page
 * again? Only if it lacked a frame and handle_mm_fault(), which calls the
 * OOM killer (and sleeps), then got one or found the page present. Not
 * when the caller cannot sleep (a copy inside kmap_local_page() of a
 * page-cache page, lib/iov_iter.c): the copy ends short and that caller
 * faults the page in itself once it has dropped its mapping.
 */
static bool retry_user_page(struct mm_struct *mm, unsigned long addr,
			    bool write, int err)
{
	return err == -ENOMEM && preemptible() &&
	       handle_mm_fault(mm, addr, write) != -ENOMEM;
}

/* Copy between `kbuf` and [uaddr, uaddr + n) of mm; bytes not done. */
static unsigned long access_mm(struct mm_struct *mm, unsigned long uaddr,
			       void *kbuf, unsigned long n,
			       enum uaccess_op op)
{
	char *k = kbuf;

	if (!n)
		return 0;
	if (!mm || !access_ok((const void __user *)uaddr, n))
		return n;
	while (n) {
		unsigned long off = uaddr & ~PAGE_MASK;
		unsigned long chunk = min(n, PAGE_SIZE - off);
		struct page *page;
		char *kaddr;
		int err;

		spin_lock(&mm->lock);
		err = user_page(mm, uaddr, op != UA_READ, &page);
		if (err) {
			spin_unlock(&mm->lock);
			if (retry_user_page(mm, uaddr, op != UA_READ, err))
				continue;
			return n;
		}
		get_page(page);
		spin_unlock(&mm->lock);
		kaddr = kmap_local_page(page);
		if (op == UA_READ)
			memcpy(k, kaddr + off, chunk);
		else if (op == UA_WRITE)
			memcpy(kaddr + off, k, chunk);
		else
			memset(kaddr + off, 0, chunk);
		kunmap_local(kaddr);
		put_page(page);
		uaddr += chunk;
		if (k)
			k += chunk;
		n -= chunk;
	}
	return 0;
}

unsigned long copy_from_mm(struct mm_struct *mm, void *to,
			   unsigned long from, unsigned long n)
{
	return access_mm(mm, from, to, n, UA_READ);
}

unsigned long copy_to_mm(struct mm_struct *mm, unsigned long to,
			 const void *from, unsigned long n)
{
	return access_mm(mm, to, (void *)from, n, UA_WRITE);
}

unsigned long clear_mm(struct mm_struct *mm, unsigned long to,
		       unsigned long n)
{
	return access_mm(mm, to, NULL, n, UA_CLEAR);
}

long strncpy_from_mm(struct mm_struct *mm, char *dst, unsigned long src,
		     long count)
{
	long done = 0;

	if (count <= 0)
		return 0;
	if (!mm || src >= USER_STACK_TOP)
		return -EFAULT;
	while (done < count) {
		unsigned long off = src & ~PAGE_MASK;
		long chunk = min((long)(PAGE_SIZE - off), count - done);
		struct page *page;
		const char *kaddr;
		long len;
		int err;

		if (src >= USER_STACK_TOP)
			return -EFAULT;
		spin_lock(&mm->lock);
		err = user_page(mm, src, false, &page);
		if (err) {
			spin_unlock(&mm->lock);
			if (retry_user_page(mm, src, false, err))
				continue;
			return -EFAULT;
		}
		get_page(page);
		spin_unlock(&mm->lock);
		kaddr = kmap_local_page(page);
		len = strnlen(kaddr + off, chunk);
		memcpy(dst + done, kaddr + off, len);
		kunmap_local(kaddr);
		put_page(page);
		done += len;
		if (len < chunk) {
			dst[done] = '\0';
			return done;
		}
		src += chunk;
	}
	return count;
}

/*
 * Judged by the regions, as a fault would be (__handle_mm_fault), without
 * faulting anything in: a check must not allocate. (It used to fault in
 * each page, so write(fd, p, 2 GiB) of an untouched mapping to /dev/null
 * filled memory and took seconds with mm->lock held.) Present pages carry
 * the protection of their region (mprotect changes both), so the regions
 * alone decide.
 */
bool mm_range_ok(struct mm_struct *mm, unsigned long addr, unsigned long n,
		 bool write)
{
	unsigned long va = addr, end = addr + n;
	bool ok = true;

	if (!n)
		return true;
	if (!mm || !access_ok((const void __user *)addr, n))
		return false;
	spin_lock(&mm->lock);
	while (ok && va < end) {
		struct vm_area_struct *vma = find_vma(mm, va);

		ok = vma && vma->vm_start <= va &&
		     vm_page_prot(vma->vm_flags) &&
		     (!write || (vma->vm_flags & VM_WRITE));
		if (ok)
			va = vma->vm_end;
	}
	spin_unlock(&mm->lock);
	return ok;
}

bool user_range_ok(const void __user *addr, unsigned long n, bool write)
{
	return mm_range_ok(current->mm, (unsigned long)addr, n, write);
}

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	return copy_from_mm(current->mm, to, (unsigned long)from, n);
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return copy_to_mm(current->mm, (unsigned long)to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	return clear_mm(current->mm, (unsigned long)to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	return strncpy_from_mm(current->mm, dst, (unsigned long)src, count);
}
