/* SPDX-License-Identifier: GPL-2.0 */
/* ELF32 file format (the System V ABI, i386 supplement) and auxv keys. */
#ifndef _ELF_H
#define _ELF_H

#include <types.h>

#define EI_NIDENT	16
#define ELFMAG		"\177ELF"
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3

#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct {
	u8 e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u32 e_entry;
	u32 e_phoff;
	u32 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	u32 p_type;
	u32 p_offset;
	u32 p_vaddr;
	u32 p_paddr;
	u32 p_filesz;
	u32 p_memsz;
	u32 p_flags;
	u32 p_align;
} Elf32_Phdr;

/* Auxiliary vector keys (the initial stack, after envp). */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_EXECFN	31

struct mm_struct;
struct file;

/* A loaded image: what the initial stack and registers need. */
struct elf_image {
	unsigned long entry;
	unsigned long phdr;		/* user address of the headers */
	unsigned int phnum;
	unsigned long brk_start;	/* first page after the last segment */
};

/*
 * Check an ELF32 i386 executable and load its segments into mm: from an
 * open file (execve: kernel_read, page by page into mm's frames) or
 * from a copy in kernel memory (the in-kernel tests). -ENOEXEC for
 * anything malformed or unsupported, -ENOMEM when out of memory, -EIO
 * if the file is shorter than its size said; mm may then hold part of
 * the image (the caller discards it).
 */
int elf_load(struct mm_struct *mm, const void *image, unsigned long size,
	     struct elf_image *out);
int elf_load_file(struct mm_struct *mm, struct file *file,
		  struct elf_image *out);

#endif
