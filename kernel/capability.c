// SPDX-License-Identifier: GPL-2.0
/*
 * capget(2) and capset(2). Every process is root, so it starts with the
 * full set (all of Linux 6.1's 41 capabilities) permitted and effective
 * and none inheritable; capset may give capabilities up, under Linux's
 * rules: nothing is added to the permitted set, the effective set stays
 * inside the permitted one, and the inheritable set inside the old
 * inheritable and permitted ones. What was given up stays given up for
 * the task and its children (exec does not restore it: a difference from
 * Linux, where root's exec gets the full set back).
 *
 * The header's version says how many 32-bit words each set has: one for
 * _LINUX_CAPABILITY_VERSION_1, two for versions 2 and 3. An unknown
 * version is -EINVAL, and the kernel writes the version it prefers (3)
 * back into the header, as Linux does so that libcap can probe.
 */
#include <task.h>
#include <capability.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define _LINUX_CAPABILITY_VERSION_1	0x19980330
#define _LINUX_CAPABILITY_VERSION_2	0x20071026
#define _LINUX_CAPABILITY_VERSION_3	0x20080522

struct cap_header {
	u32 version;
	s32 pid;
};

struct cap_data {
	u32 effective, permitted, inheritable;
};

/* Words per set for the caller's version: 1 or 2; -EINVAL if unknown. */
static int cap_words(struct cap_header __user *uhdr, struct cap_header *hdr)
{
	if (copy_from_user(hdr, uhdr, sizeof(*hdr)))
		return -EFAULT;
	switch (hdr->version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return 2;
	default:
		if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &uhdr->version))
			return -EFAULT;
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(capget, struct cap_header __user *, uhdr,
		struct cap_data __user *, udata)
{
	struct cap_data data[2];
	struct cap_header hdr;
	struct task_struct *p;
	u64 eff, prm, inh;
	int words = cap_words(uhdr, &hdr);

	if (words < 0)
		return words;
	if (hdr.pid < 0)
		return -EINVAL;
	p = hdr.pid ? find_get_task_by_pid(hdr.pid) : current;
	if (!p)
		return -ESRCH;
	eff = CAP_FULL_SET & ~READ_ONCE(p->cap_drop_effective);
	prm = CAP_FULL_SET & ~READ_ONCE(p->cap_drop_permitted);
	inh = READ_ONCE(p->cap_inheritable);
	if (hdr.pid)
		put_task_struct(p);
	if (!udata)
		return 0;	/* a probe of the version */
	for (int i = 0; i < 2; i++) {
		data[i].effective = eff >> (32 * i);
		data[i].permitted = prm >> (32 * i);
		data[i].inheritable = inh >> (32 * i);
	}
	return copy_to_user(udata, data, words * sizeof(data[0])) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(capset, struct cap_header __user *, uhdr,
		const struct cap_data __user *, udata)
{
	struct task_struct *t = current;
	struct cap_data data[2] = { 0 };
	struct cap_header hdr;
	u64 eff = 0, prm = 0, inh = 0, old_prm, old_inh;
	int words = cap_words(uhdr, &hdr);

	if (words < 0)
		return words;
	/* Only one's own sets may change (no CAP_SETPCAP on others). */
	if (hdr.pid && hdr.pid != t->pid && hdr.pid != t->tgid)
		return -EPERM;
	if (copy_from_user(data, udata, words * sizeof(data[0])))
		return -EFAULT;
	for (int i = 0; i < words; i++) {
		eff |= (u64)data[i].effective << (32 * i);
		prm |= (u64)data[i].permitted << (32 * i);
		inh |= (u64)data[i].inheritable << (32 * i);
	}
	eff &= CAP_FULL_SET;
	prm &= CAP_FULL_SET;
	inh &= CAP_FULL_SET;
	old_prm = CAP_FULL_SET & ~t->cap_drop_permitted;
	old_inh = t->cap_inheritable;
	if ((prm & ~old_prm) || (eff & ~prm) || (inh & ~(old_inh | old_prm)))
		return -EPERM;
	t->cap_drop_permitted = CAP_FULL_SET & ~prm;
	t->cap_drop_effective = CAP_FULL_SET & ~eff;
	t->cap_inheritable = inh;
	return 0;
}
