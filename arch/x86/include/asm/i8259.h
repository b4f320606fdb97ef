/* SPDX-License-Identifier: GPL-2.0 */
/* The legacy PIC: remapped away from the exception vectors and masked. */
#ifndef _ASM_X86_I8259_H
#define _ASM_X86_I8259_H

void pic_disable(void);

#endif
