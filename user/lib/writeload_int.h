/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside writeload: what writeload.c (processes, pipes) and
 * writeload_file.c (the file sinks) share. Not for the programs.
 */
#ifndef USER_WRITELOAD_INT_H
#define USER_WRITELOAD_INT_H

#include <sys/types.h>

#include "writeload.h"

uint32_t wl_worker_seed(const struct wl_config *c, int id);
void wl_run_error(struct wl_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parent, before forking: make the shared file (empty). 0 or -errno. */
int wl_file_prepare(const struct wl_config *c);
/* Writer: open its file; the fd or -errno. */
int wl_file_open(const struct wl_config *c, int id);
/* Writer: write number k (pos: the writer's own offset, file sink). */
ssize_t wl_file_write(const struct wl_config *c, int id, int fd,
		      const void *buf, uint32_t k, uint64_t *pos);
/* Writer: has it written all a file-append writer may? */
bool wl_file_full(const struct wl_config *c, uint64_t bytes);
/* Parent, after the run: read back (if c->verify) and remove the files. */
void wl_file_finish(const struct wl_config *c, struct wl_result *r);

#endif
