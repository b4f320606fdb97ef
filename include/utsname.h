/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel calls itself. It implements the Linux i386 system-call
 * ABI, so uname() says sysname "Linux" and the release of the Linux ABI
 * it follows, as other Linux-compatible kernels do: C libraries and
 * programs that check for Linux or for a kernel version then run. Its own
 * name and build are in the version string and /proc/version.
 *
 * The host and domain names are the system's (sethostname,
 * setdomainname, /proc/sys/kernel/hostname and domainname).
 */
#ifndef _UTSNAME_H
#define _UTSNAME_H

#include <types.h>

#define UTS_SYSNAME	"Linux"
#define UTS_RELEASE	"6.1.0-kmapos"
#define UTS_VERSION	"#1 SMP kmapos 0.1"
#define UTS_MACHINE	"i686"
#define UTS_LEN		64	/* a name, without its NUL */

/* Copy the host (or NIS domain) name into buf, NUL-terminated. */
void uts_get_hostname(char *buf, size_t size);
void uts_get_domainname(char *buf, size_t size);
/*
 * Set it from len bytes of a kernel buffer (not necessarily terminated).
 * Returns 0 or -EINVAL when len is over UTS_LEN.
 */
int uts_set_hostname(const char *name, size_t len);
int uts_set_domainname(const char *name, size_t len);

#endif
