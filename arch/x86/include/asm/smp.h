/* SPDX-License-Identifier: GPL-2.0 */
/* x86 SMP constants. */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

/* The page below 1 MiB where APs start in real mode (reserved at boot). */
#define TRAMPOLINE_PHYS	0x8000

#endif
