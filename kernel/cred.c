// SPDX-License-Identifier: GPL-2.0
/*
 * User and group ids. This kernel has one user: every process runs as
 * root (uid 0, gid 0, no supplementary groups), and there is nobody else
 * to become. So the get* calls answer 0, and the set* calls succeed when
 * they ask for what already holds (id 0, or -1 for "leave unchanged" in
 * the re/res forms) and fail with -EPERM when they ask for another user
 * or group, rather than pretend a change that nothing would honour.
 *
 * The 16-bit calls of old i386 binaries (getuid, 24) and the 32-bit ones
 * (getuid32, 199) differ only in the width of the ids; with every id 0
 * they are the same code.
 */
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <errno.h>

#define NGROUPS_MAX	65536

SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }
SYSCALL_DEFINE0(getuid32) { return 0; }
SYSCALL_DEFINE0(getgid32) { return 0; }
SYSCALL_DEFINE0(geteuid32) { return 0; }
SYSCALL_DEFINE0(getegid32) { return 0; }

/*
 * Is id root, or "unchanged" (-1)? The 16-bit calls look at the low 16
 * bits of the register only, as Linux's do.
 */
static bool id_is_root(u32 id, bool wide)
{
	if (!wide)
		id &= 0xFFFF;
	return id == 0 || id == (wide ? 0xFFFFFFFFu : 0xFFFFu);
}

static long set_ids(u32 a, u32 b, u32 c, bool wide)
{
	return id_is_root(a, wide) && id_is_root(b, wide) &&
	       id_is_root(c, wide) ? 0 : -EPERM;
}

/* setuid/setgid take one id and have no "unchanged": -1 is -EINVAL. */
static long set_one_id(u32 id, bool wide)
{
	if (!wide)
		id &= 0xFFFF;
	if (id == (wide ? 0xFFFFFFFFu : 0xFFFFu))
		return -EINVAL;
	return id ? -EPERM : 0;
}

SYSCALL_DEFINE1(setuid, u32, uid) { return set_one_id(uid, false); }
SYSCALL_DEFINE1(setgid, u32, gid) { return set_one_id(gid, false); }
SYSCALL_DEFINE1(setuid32, u32, uid) { return set_one_id(uid, true); }
SYSCALL_DEFINE1(setgid32, u32, gid) { return set_one_id(gid, true); }

SYSCALL_DEFINE2(setreuid, u32, r, u32, e) { return set_ids(r, e, 0, false); }
SYSCALL_DEFINE2(setregid, u32, r, u32, e) { return set_ids(r, e, 0, false); }
SYSCALL_DEFINE2(setreuid32, u32, r, u32, e) { return set_ids(r, e, 0, true); }
SYSCALL_DEFINE2(setregid32, u32, r, u32, e) { return set_ids(r, e, 0, true); }

SYSCALL_DEFINE3(setresuid, u32, r, u32, e, u32, s)
{
	return set_ids(r, e, s, false);
}

SYSCALL_DEFINE3(setresgid, u32, r, u32, e, u32, s)
{
	return set_ids(r, e, s, false);
}

SYSCALL_DEFINE3(setresuid32, u32, r, u32, e, u32, s)
{
	return set_ids(r, e, s, true);
}

SYSCALL_DEFINE3(setresgid32, u32, r, u32, e, u32, s)
{
	return set_ids(r, e, s, true);
}

/* Real, effective and saved ids, each `size` bytes wide: all 0. */
static long put_three_zero_ids(void __user *r, void __user *e,
			       void __user *s, size_t size)
{
	u32 zero = 0;

	if (copy_to_user(r, &zero, size) || copy_to_user(e, &zero, size) ||
	    copy_to_user(s, &zero, size))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, void __user *, r, void __user *, e,
		void __user *, s)
{
	return put_three_zero_ids(r, e, s, 2);
}

SYSCALL_DEFINE3(getresgid, void __user *, r, void __user *, e,
		void __user *, s)
{
	return put_three_zero_ids(r, e, s, 2);
}

SYSCALL_DEFINE3(getresuid32, void __user *, r, void __user *, e,
		void __user *, s)
{
	return put_three_zero_ids(r, e, s, 4);
}

SYSCALL_DEFINE3(getresgid32, void __user *, r, void __user *, e,
		void __user *, s)
{
	return put_three_zero_ids(r, e, s, 4);
}

/* setfsuid/setfsgid answer the old id, whatever happens (Linux). */
SYSCALL_DEFINE1(setfsuid, u32, uid) { (void)uid; return 0; }
SYSCALL_DEFINE1(setfsgid, u32, gid) { (void)gid; return 0; }
SYSCALL_DEFINE1(setfsuid32, u32, uid) { (void)uid; return 0; }
SYSCALL_DEFINE1(setfsgid32, u32, gid) { (void)gid; return 0; }

/* No supplementary groups: the count is 0, whatever the buffer. */
static long get_no_groups(int size)
{
	return size < 0 ? -EINVAL : 0;
}

SYSCALL_DEFINE2(getgroups, int, size, void __user *, list)
{
	(void)list;
	return get_no_groups(size);
}

SYSCALL_DEFINE2(getgroups32, int, size, void __user *, list)
{
	(void)list;
	return get_no_groups(size);
}

/* Setting the (empty) list, or a list of group 0 only, changes nothing. */
static long set_groups(int size, const u8 __user *list, size_t width)
{
	u8 buf[256];
	size_t len, chunk;

	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	for (len = size * width; len; len -= chunk, list += chunk) {
		chunk = min(len, sizeof(buf));
		if (copy_from_user(buf, list, chunk))
			return -EFAULT;
		for (size_t i = 0; i < chunk; i++)
			if (buf[i])
				return -EPERM;	/* a group other than 0 */
	}
	return 0;
}

SYSCALL_DEFINE2(setgroups, int, size, const void __user *, list)
{
	return set_groups(size, list, 2);
}

SYSCALL_DEFINE2(setgroups32, int, size, const void __user *, list)
{
	return set_groups(size, list, 4);
}
