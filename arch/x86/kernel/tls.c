// SPDX-License-Identifier: GPL-2.0
/*
 * set_thread_area(): a per-thread TLS segment, as on Linux i386. The
 * thread's descriptors live in its task (thread.tls_array) and are copied
 * into GDT entries 6-8 of whichever CPU runs it (process.c switch_to);
 * user space loads %gs with (entry << 3) | 3. musl calls this at start-up
 * with entry_number = -1, meaning "pick a free entry and tell me".
 */
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <errno.h>
#include <kernel.h>
#include <string.h>
#include <asm/desc.h>
#include <asm/segment.h>

/* Linux's struct user_desc (asm/ldt.h). */
struct user_desc {
	u32 entry_number;
	u32 base_addr;
	u32 limit;
	u32 seg_32bit:1;
	u32 contents:2;
	u32 read_exec_only:1;
	u32 limit_in_pages:1;
	u32 seg_not_present:1;
	u32 useable:1;
};

static bool desc_empty(const struct desc_struct *d)
{
	return !d->access && !d->limit0 && !d->limit1_flags && !d->base0 &&
	       !d->base1 && !d->base2;
}

/* A "clear this entry" request, as Linux's LDT_empty(). */
static bool user_desc_empty(const struct user_desc *u)
{
	return !u->base_addr && !u->limit && !u->contents &&
	       u->read_exec_only && !u->seg_32bit && !u->limit_in_pages &&
	       u->seg_not_present && !u->useable;
}

/* All zero but the entry number: old programs' way of saying "clear". */
static bool user_desc_zero(const struct user_desc *u)
{
	return !u->base_addr && !u->limit && !u->contents &&
	       !u->read_exec_only && !u->seg_32bit && !u->limit_in_pages &&
	       !u->seg_not_present && !u->useable;
}

static bool user_desc_clears(const struct user_desc *u)
{
	return user_desc_empty(u) || user_desc_zero(u);
}

/*
 * The descriptors Linux accepts in the TLS array: present 32-bit data
 * segments (or a request to clear the entry). Code, 16-bit and
 * not-present segments have no use there and only give the iret path
 * more ways to fault.
 */
static bool user_desc_ok(const struct user_desc *u)
{
	if (user_desc_clears(u))
		return true;
	return u->seg_32bit && u->contents <= 1 && !u->seg_not_present;
}

static void fill_desc(struct desc_struct *d, const struct user_desc *u)
{
	memset(d, 0, sizeof(*d));
	if (user_desc_clears(u))
		return;
	d->limit0 = u->limit & 0xFFFF;
	d->limit1_flags = (u->limit >> 16) & 0x0F;
	d->base0 = u->base_addr & 0xFFFF;
	d->base1 = (u->base_addr >> 16) & 0xFF;
	d->base2 = u->base_addr >> 24;
	/* present unless asked otherwise, DPL 3, code/data, type bits. */
	d->access = (u->seg_not_present ? 0 : 0x80) | 0x60 | 0x10 |
		    (u->contents << 2) | (u->read_exec_only ? 0 : 0x02);
	d->limit1_flags |= (u->seg_32bit ? 0x40 : 0) |
			   (u->limit_in_pages ? 0x80 : 0) |
			   (u->useable ? 0x10 : 0);
}

/* Install u for task t (current, or a child being cloned). */
int do_set_thread_area(struct task_struct *t, struct user_desc __user *uptr,
		       bool write_back)
{
	struct user_desc u;
	struct desc_struct d;
	int idx;

	if (copy_from_user(&u, uptr, sizeof(u)))
		return -EFAULT;
	idx = (int)u.entry_number;
	if (idx == -1) {
		for (idx = GDT_ENTRY_TLS_MIN; idx <= GDT_ENTRY_TLS_MAX; idx++)
			if (desc_empty(&t->thread.tls_array[idx -
						GDT_ENTRY_TLS_MIN]))
				break;
		if (idx > GDT_ENTRY_TLS_MAX)
			return -ESRCH;
		if (write_back &&
		    copy_to_user(&uptr->entry_number, &idx, sizeof(idx)))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	if (!user_desc_ok(&u))
		return -EINVAL;
	fill_desc(&d, &u);
	set_tls_desc(t, idx, &d);
	return 0;
}

SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *, u_info)
{
	return do_set_thread_area(current, u_info, true);
}

SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *, u_info)
{
	struct user_desc u;
	const struct desc_struct *d;
	int idx;

	if (copy_from_user(&u, u_info, sizeof(u)))
		return -EFAULT;
	idx = (int)u.entry_number;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	d = &current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];
	memset(&u, 0, sizeof(u));
	u.entry_number = idx;
	u.base_addr = d->base0 | (d->base1 << 16) | ((u32)d->base2 << 24);
	u.limit = d->limit0 | ((d->limit1_flags & 0x0F) << 16);
	u.seg_32bit = !!(d->limit1_flags & 0x40);
	u.contents = (d->access >> 2) & 3;
	u.read_exec_only = !(d->access & 0x02);
	u.limit_in_pages = !!(d->limit1_flags & 0x80);
	u.seg_not_present = !(d->access & 0x80);
	u.useable = !!(d->limit1_flags & 0x10);
	if (copy_to_user(u_info, &u, sizeof(u)))
		return -EFAULT;
	return 0;
}

#define LDT_ENTRIES	8192
#define DEFAULT_LDT_SIZE	(5 * sizeof(struct desc_struct))

/*
 * modify_ldt(2), with the LDT every process has here: none (the empty
 * LDT, which is what a Linux process has until it asks for one). So
 *
 *   func 0 (read)          0 bytes
 *   func 2 (read default)  Linux i386's default: five zeroed descriptors
 *   func 1, 0x11 (write)   a well-formed request to clear an entry
 *                          succeeds (it is clear); installing a
 *                          descriptor is -EINVAL: this kernel never loads
 *                          a user LDT (Documentation/syscalls.md)
 *   anything else          -ENOSYS, as Linux
 *
 * Writes are checked as Linux checks them first: the size must be that of
 * struct user_desc, the entry below 8192, the pointer readable.
 */
static long write_ldt(const void __user *ptr, unsigned long bytecount,
		      bool oldmode)
{
	struct user_desc u;

	if (bytecount != sizeof(u))
		return -EINVAL;
	if (copy_from_user(&u, ptr, sizeof(u)))
		return -EFAULT;
	if (u.entry_number >= LDT_ENTRIES)
		return -EINVAL;
	if (u.contents == 3 && (oldmode || !u.seg_not_present))
		return -EINVAL;
	if ((oldmode && user_desc_zero(&u)) || user_desc_empty(&u))
		return 0;
	return -EINVAL;
}

SYSCALL_DEFINE3(modify_ldt, int, func, void __user *, ptr,
		unsigned long, bytecount)
{
	unsigned long n;

	switch (func) {
	case 0:
		return 0;
	case 1:
		return write_ldt(ptr, bytecount, true);
	case 0x11:
		return write_ldt(ptr, bytecount, false);
	case 2:
		n = min(bytecount, (unsigned long)DEFAULT_LDT_SIZE);
		if (clear_user(ptr, n))
			return -EFAULT;
		return n;
	default:
		return -ENOSYS;
	}
}
