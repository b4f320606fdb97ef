/* SPDX-License-Identifier: GPL-2.0 */
/* printk and its log levels (kernel/printk.c, kernel/vsprintf.c). */
#ifndef _PRINTK_H
#define _PRINTK_H

#include <types.h>

/* A level is a "\001" + digit prefix on the format, as in Linux. */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	4	/* level of a message without one */

extern int console_loglevel;	/* messages below this level are shown */

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Raw console output, bypassing levels; used by panic and KTAP. */
void console_write(const char *s, size_t len);

/* The kernel log (see kernel/printk.c): positions count bytes ever stored. */
#define LOG_BUF_LEN	(64 * 1024)
u64 log_end(void);
/* Copy up to len bytes from *pos (moved up to the oldest byte still kept,
 * then past what was copied); returns how many. */
size_t log_copy(u64 *pos, char *dst, size_t len);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif
