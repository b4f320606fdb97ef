// SPDX-License-Identifier: GPL-2.0
/*
 * execve(): replace the calling process's program with a static ELF32
 * executable from the initramfs.
 *
 * The new image is built in a new mm_struct while the old one still runs
 * the caller: segments are written and BSS is zero-filled through
 * kmap_local (mm/uaccess.c copy_to_mm and the highmem helpers), never by
 * loading the new directory into CR3. Only when everything has succeeded
 * does the task switch to it (the point of no return); any failure before
 * leaves the caller untouched with an error.
 *
 * Initial stack, as Linux lays it out (lowest address first, esp -> argc):
 *
 *   esp -> argc
 *          argv[0] ... argv[argc-1], NULL
 *          envp[0] ... envp[envc-1], NULL
 *          auxv: (AT_PHDR, a) (AT_PHENT, 32) (AT_PHNUM, n) (AT_PAGESZ,
 *                4096) ... (AT_RANDOM, p) (AT_EXECFN, s) (AT_NULL, 0)
 *          padding to 16 bytes
 *          16 random bytes                    <- AT_RANDOM
 *          argument and environment strings   <- argv[i], envp[i]
 *          program name string                <- AT_EXECFN
 *          4 zero bytes
 *   USER_STACK_TOP (0xC0000000)
 */
#include <elf.h>
#include <mman.h>
#include <task.h>
#include <fs.h>
#include <initramfs.h>
#include <namei.h>
#include <highmem.h>
#include <uaccess.h>
#include <syscalls.h>
#include <time.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

#define ARG_MAX		(32 * 1024)	/* bytes of argument + env strings */
#define MAX_ARG_STRINGS	1024
#define MAX_PHNUM	64
#define ET_DYN_BASE	0x00400000UL	/* where a static PIE is placed */

void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp);
void flush_thread(struct task_struct *t);
u32 arch_elf_hwcap(void);
void mm_release(struct task_struct *t);

/* ---- the ELF loader --------------------------------------------------------- */

static int elf_check_header(const Elf32_Ehdr *eh, unsigned long size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4))
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT ||
	    (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
	    eh->e_machine != EM_386 ||
	    eh->e_phentsize != sizeof(Elf32_Phdr) ||
	    eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM)
		return -ENOEXEC;
	if (eh->e_phoff > size ||
	    (unsigned long)eh->e_phnum * sizeof(Elf32_Phdr) > size - eh->e_phoff)
		return -ENOEXEC;
	return 0;
}

static int elf_check_segment(const Elf32_Phdr *ph, unsigned long size,
			     unsigned long bias)
{
	unsigned long start = ph->p_vaddr + bias;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset > size ||
	    ph->p_filesz > size - ph->p_offset)
		return -ENOEXEC;
	if (start < USER_MIN_ADDR || start < bias ||
	    start + ph->p_memsz < start ||
	    start + ph->p_memsz > USER_STACK_TOP - USER_STACK_SIZE)
		return -ENOEXEC;
	return 0;
}

/*
 * Make [start, end) present in mm with flags (mm->lock held). A page an
 * earlier segment already covers is shared and gets the union of the
 * permissions.
 */
static int map_segment_pages(struct mm_struct *mm, unsigned long start,
			     unsigned long end, unsigned long flags)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, va);
		pte_t *pte;
		int err;

		if (vma && vma->vm_start <= va) {
			if ((flags & VM_WRITE) && !(vma->vm_flags & VM_WRITE)) {
				vma->vm_flags |= VM_WRITE;
				pte = pte_lookup(mm->pgd, va);
				if (pte && (*pte & _PAGE_PRESENT))
					*pte |= _PAGE_RW;
			}
		} else {
			err = __insert_region(mm, va, va + PAGE_SIZE, flags);
			if (err)
				return err;
		}
		if (!translate(mm->pgd, va)) {
			err = __handle_mm_fault(mm, va, false);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Copy len bytes of file data to user address va of mm, page by page. */
static void write_segment(struct mm_struct *mm, unsigned long va,
			  const u8 *src, unsigned long len, bool zero)
{
	while (len) {
		unsigned long off = va & ~PAGE_MASK;
		unsigned long chunk = min(len, PAGE_SIZE - off);
		struct page *page = pfn_to_page(pte_pfn(translate(mm->pgd, va)));

		if (zero)
			memset_page(page, off, 0, chunk);
		else
			memcpy_to_page(page, off, src, chunk);
		va += chunk;
		src += chunk;
		len -= chunk;
	}
}

int elf_load(struct mm_struct *mm, const void *image, unsigned long size,
	     struct elf_image *out)
{
	const Elf32_Ehdr *eh = image;
	const Elf32_Phdr *ph;
	unsigned long bias = 0, phdr = 0, brk = 0;
	bool entry_ok = false;
	int nr_load = 0, err;

	err = elf_check_header(eh, size);
	if (err)
		return err;
	if (eh->e_type == ET_DYN)
		bias = ET_DYN_BASE;
	ph = (const Elf32_Phdr *)((const u8 *)image + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return -ENOEXEC;	/* no dynamic linking */
		if (ph[i].p_type == PT_PHDR)
			phdr = ph[i].p_vaddr + bias;
		if (ph[i].p_type != PT_LOAD)
			continue;
		err = elf_check_segment(&ph[i], size, bias);
		if (err)
			return err;
		nr_load++;
		if (eh->e_entry + bias >= ph[i].p_vaddr + bias &&
		    eh->e_entry + bias < ph[i].p_vaddr + bias + ph[i].p_memsz)
			entry_ok = true;
		/* The headers are in memory if a segment maps them. */
		if (!phdr && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff + eh->e_phnum * sizeof(*ph) <=
		    ph[i].p_offset + ph[i].p_filesz)
			phdr = ph[i].p_vaddr + bias + eh->e_phoff - ph[i].p_offset;
	}
	if (!nr_load || !entry_ok)
		return -ENOEXEC;

	spin_lock(&mm->lock);
	for (int i = 0; i < eh->e_phnum; i++) {
		unsigned long start, end, flags, va;

		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		va = ph[i].p_vaddr + bias;
		start = va & PAGE_MASK;
		end = ALIGN(va + ph[i].p_memsz, PAGE_SIZE);
		flags = (ph[i].p_flags & PF_R ? VM_READ : 0) |
			(ph[i].p_flags & PF_W ? VM_WRITE : 0) |
			(ph[i].p_flags & PF_X ? VM_EXEC : 0);
		err = map_segment_pages(mm, start, end, flags ? flags : VM_READ);
		if (err)
			break;
		write_segment(mm, va, (const u8 *)image + ph[i].p_offset,
			      ph[i].p_filesz, false);
		/* BSS: the frames came zeroed, but a page shared with file
		 * data of an earlier segment may not be; zero it here. */
		write_segment(mm, va + ph[i].p_filesz, NULL,
			      ph[i].p_memsz - ph[i].p_filesz, true);
		brk = max(brk, end);
	}
	spin_unlock(&mm->lock);
	if (err)
		return err;
	out->entry = eh->e_entry + bias;
	out->phdr = phdr;
	out->phnum = eh->e_phnum;
	out->brk_start = brk;
	return 0;
}

/* ---- arguments ------------------------------------------------------------- */

/* Argument and environment strings gathered in kernel memory. */
struct exec_args {
	char *buf;		/* argc strings, then envc strings, each NUL-ended */
	unsigned long len;
	int argc, envc;
};

static int args_add(struct exec_args *a, const char *s, size_t len)
{
	if (len + 1 > ARG_MAX - a->len || a->argc + a->envc >= MAX_ARG_STRINGS)
		return -E2BIG;
	memcpy(a->buf + a->len, s, len);
	a->buf[a->len + len] = '\0';
	a->len += len + 1;
	return 0;
}

/* Strings from a NULL-terminated user array of pointers. */
static int args_copy_user(struct exec_args *a, const u32 __user *uvec,
			  int *count)
{
	*count = 0;
	if (!uvec)
		return 0;
	for (;;) {
		u32 ptr;
		long len;

		if (get_user(ptr, uvec + *count))
			return -EFAULT;
		if (!ptr)
			return 0;
		if (a->argc + a->envc >= MAX_ARG_STRINGS)
			return -E2BIG;
		len = strncpy_from_user(a->buf + a->len,
					(const char __user *)ptr,
					ARG_MAX - a->len);
		if (len < 0)
			return len;
		if ((unsigned long)len >= ARG_MAX - a->len)
			return -E2BIG;
		a->len += len + 1;
		(*count)++;
	}
}

static int args_copy_kernel(struct exec_args *a, const char *const *vec,
			    int *count)
{
	int err;

	*count = 0;
	for (; vec && vec[*count]; (*count)++) {
		err = args_add(a, vec[*count], strlen(vec[*count]));
		if (err)
			return err;
	}
	return 0;
}

/* Cheap unpredictability for AT_RANDOM (no entropy source yet). */
static void fill_random(u8 *p, size_t n)
{
	u64 x = get_cycles() ^ ((u64)(unsigned long)p << 17) ^ 0x9e3779b97f4a7c15ULL;

	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (u8)(x >> 24);
	}
}

/*
 * Lay the initial stack out in a kernel buffer and copy it to the top of
 * mm's stack region. Returns the initial esp, or -errno.
 */
static long setup_stack(struct mm_struct *mm, const struct exec_args *a,
			const char *filename, const struct elf_image *img)
{
	unsigned long top = USER_STACK_TOP, fn_len = strlen(filename) + 1;
	unsigned long strings, random, sp, size, str_at;
	int nvec = 1 + a->argc + 1 + a->envc + 1 + 2 * 18;
	u32 *vec, *auxv;
	char *buf;
	long ret;
	int i;

	strings = top - 4 - fn_len - a->len;
	random = (strings - 16) & ~15UL;
	sp = (random - nvec * 4) & ~15UL;
	size = top - sp;
	buf = kzalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
#define UADDR_TO_BUF(u)	(buf + ((u) - sp))
	memcpy(UADDR_TO_BUF(strings), a->buf, a->len);
	memcpy(UADDR_TO_BUF(strings + a->len), filename, fn_len);
	fill_random((u8 *)UADDR_TO_BUF(random), 16);

	vec = (u32 *)buf;
	*vec++ = a->argc;
	str_at = strings;
	mm->arg_start = strings;
	for (i = 0; i < a->argc + a->envc; i++) {
		if (i == a->argc) {
			*vec++ = 0;	/* end of argv */
			mm->arg_end = str_at;
		}
		*vec++ = str_at;
		str_at += strlen(UADDR_TO_BUF(str_at)) + 1;
	}
	if (i == a->argc)
		mm->arg_end = str_at;
	/* /proc/PID/cmdline and environ read these back from the stack. */
	mm->env_start = mm->arg_end;
	mm->env_end = strings + a->len;
	strlcpy(mm->exe_path, filename, sizeof(mm->exe_path));
	if (a->argc == a->argc + a->envc)
		*vec++ = 0;
	*vec++ = 0;			/* end of envp */
	auxv = vec;
#define AUX(k, v)	do { *auxv++ = (k); *auxv++ = (v); } while (0)
	AUX(AT_PHDR, img->phdr);
	AUX(AT_PHENT, sizeof(Elf32_Phdr));
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_HWCAP, arch_elf_hwcap());
	AUX(AT_CLKTCK, 100);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, strings + a->len);
	AUX(AT_NULL, 0);
#undef AUX
#undef UADDR_TO_BUF
	BUG_ON((char *)auxv > buf + (random - sp));
	ret = copy_to_mm(mm, sp, buf, size) ? -EFAULT : (long)sp;
	kfree(buf);
	return ret;
}

/* ---- execve ------------------------------------------------------------------ */

static const char *basename(const char *path)
{
	const char *slash = strchr(path, '/'), *p = path;

	while (slash) {
		p = slash + 1;
		slash = strchr(p, '/');
	}
	return p;
}

static int do_execve(const char *filename, const struct exec_args *args)
{
	struct task_struct *t = current;
	const struct initramfs_entry *e = initramfs_lookup(filename);
	struct mm_struct *mm, *old;
	struct elf_image img;
	long sp;
	int err;

	if (!e)
		return -ENOENT;
	if (!S_ISREG(e->mode))
		return -EACCES;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	err = elf_load(mm, e->data, e->size, &img);
	if (err)
		goto fail;
	spin_lock(&mm->lock);
	err = __insert_region(mm, USER_STACK_TOP - USER_STACK_SIZE,
			      USER_STACK_TOP, VM_READ | VM_WRITE | VM_GROWSDOWN);
	spin_unlock(&mm->lock);
	if (err)
		goto fail;
	sp = setup_stack(mm, args, filename, &img);
	if (IS_ERR_VALUE(sp)) {	/* user addresses are "negative" longs */
		err = sp;
		goto fail;
	}
	mm->brk_start = mm->brk = img.brk_start;
	mm->start_stack = sp;
	/*
	 * The new program starts with one thread: every other one dies
	 * first (the caller may take over the leader's process id).
	 */
	err = de_thread();
	if (err)
		goto fail;

	/* Point of no return: the old program is gone after this. */
	old = exec_mmap(mm);
	mm_release(t);
	if (old)
		mmput(old);
	t->flags &= ~PF_KTHREAD;
	flush_thread(t);
	flush_signal_handlers(t);
	if (t->files)
		close_on_exec(t->files);
	strlcpy(t->comm, basename(filename), sizeof(t->comm));
	t->not_dumpable = false;
	start_thread(current_pt_regs(), img.entry, sp);
	return 0;
fail:
	mmput(mm);
	return err;
}

int kernel_execve(const char *path, const char *const argv[],
		  const char *const envp[])
{
	struct exec_args a = { .buf = kmalloc(ARG_MAX, GFP_KERNEL) };
	int err;

	if (!a.buf)
		return -ENOMEM;
	err = args_copy_kernel(&a, argv, &a.argc);
	if (!err)
		err = args_copy_kernel(&a, envp, &a.envc);
	if (!err)
		err = do_execve(path, &a);
	kfree(a.buf);
	return err;
}

_Static_assert(sizeof(((struct mm_struct *)0)->exe_path) == PATH_MAX,
	       "exe_path holds a canonical path");

SYSCALL_DEFINE3(execve, const char __user *, upath,
		const u32 __user *, uargv, const u32 __user *, uenvp)
{
	struct exec_args a = { .buf = kmalloc(ARG_MAX, GFP_KERNEL) };
	char path[PATH_MAX];
	int err;

	if (!a.buf)
		return -ENOMEM;
	/* Relative to the working directory, as every path (namei.c). */
	err = user_path_at(AT_FDCWD, upath, path);
	if (!err)
		err = args_copy_user(&a, uargv, &a.argc);
	if (!err)
		err = args_copy_user(&a, uenvp, &a.envc);
	if (!err)
		err = do_execve(path, &a);
	kfree(a.buf);
	return err;
}
