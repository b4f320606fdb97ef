/* SPDX-License-Identifier: GPL-2.0 */
/* The initial RAM disk: the first Multiboot module (QEMU -initrd). */
#ifndef _INITRD_H
#define _INITRD_H

#include <types.h>

/* Physical range of the initrd; both 0 when there is none. */
extern phys_addr_t initrd_start, initrd_end;

#endif
