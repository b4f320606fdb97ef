/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel command line (Multiboot `-append`): "name=value" and bare
 * "name" words separated by spaces; a value may be "double quoted" to hold
 * spaces. Subsystems register handlers with __setup(); parse_args() calls
 * each handler whose name appears. Documentation/admin/boot-params.md lists
 * every parameter.
 */
#ifndef _CMDLINE_H
#define _CMDLINE_H

#include <types.h>

#define COMMAND_LINE_SIZE	2048	/* Linux i386's */

struct kernel_param {
	const char *name;
	/* Gets the value ("" for a bare word); returns 0 or -1 if invalid. */
	int (*setup)(const char *val);
};

#define __init_param
#define __setup(str, fn)						\
	static const struct kernel_param __setup_##fn			\
		__section(".init.setup") __used = { str, fn }

extern char boot_command_line[COMMAND_LINE_SIZE];

/* Save the boot loader's command line; true if it had to be truncated
 * to COMMAND_LINE_SIZE - 1 bytes. */
bool cmdline_save(const char *s);
/* Run every registered handler for the saved command line. */
void parse_early_params(void);

/*
 * Split `line` at the next parameter. On return *name and *val point into
 * `buf` (NUL-terminated; *val is "" for a bare word); returns the rest of
 * the line, or NULL when no parameter is left.
 */
const char *next_arg(const char *line, char *buf, size_t size,
		     const char **name, const char **val);

/* Copy the value of `name` from `line` to buf; true if it was present. */
bool cmdline_find(const char *line, const char *name, char *buf, size_t size);

/* Parse "123", "0x7b", "-5" into *res; 0 on success, -1 on bad input. */
int kstrtoint(const char *s, int *res);
int kstrtoul(const char *s, unsigned long *res);
/* Parse a size with an optional K, M or G suffix ("64M"); *end after it. */
u64 memparse(const char *s, const char **end);

#endif
