// SPDX-License-Identifier: GPL-2.0
/*
 * execve(): replace the calling process's program with a static ELF32
 * executable, a regular file opened through the VFS.
 *
 * The headers are read into a small kernel buffer; segment data goes
 * from the file (kernel_read, i.e. the page cache) straight into the new
 * program's pages, one page at a time, never through a copy of the whole
 * file: busybox is 2 MiB and lowmem may be small.
 *
 * The new image is built in a new mm_struct while the old one still runs
 * the caller: segments are read into its frames through kmap() (the
 * read may sleep), BSS is zero-filled and the stack written through
 * kmap_local (memset_page, copy_to_mm), never by loading the new
 * directory into CR3. Only when everything has succeeded
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
#include <namei.h>
#include <mount.h>
#include <dcache.h>
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

/*
 * Where the image comes from: an open file, or (for the in-kernel tests)
 * a copy in kernel memory. size is what the headers are checked against.
 */
struct elf_source {
	struct file *file;
	const u8 *image;
	loff_t size;
};

/* n bytes at pos into kernel memory buf: 0, -EIO if short, or -errno. */
static int elf_read(const struct elf_source *src, void *buf, size_t n,
		    loff_t pos)
{
	ssize_t got;

	if (!src->file) {
		memcpy(buf, src->image + pos, n);	/* checked by the caller */
		return 0;
	}
	got = kernel_read(src->file, buf, n, &pos);
	if (got < 0)
		return got;
	return (size_t)got == n ? 0 : -EIO;	/* truncated under us */
}

static int elf_check_header(const Elf32_Ehdr *eh, loff_t size)
{
	if (memcmp(eh->e_ident, ELFMAG, 4))
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
	    (loff_t)eh->e_phnum * sizeof(Elf32_Phdr) > size - eh->e_phoff)
		return -ENOEXEC;
	return 0;
}

static int elf_check_segment(const Elf32_Phdr *ph, loff_t size,
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

/* The frame behind a user address of mm that map_segment_pages made. */
static struct page *segment_page(struct mm_struct *mm, unsigned long va)
{
	struct page *page;

	spin_lock(&mm->lock);
	page = pfn_to_page(pte_pfn(translate(mm->pgd, va)));
	spin_unlock(&mm->lock);
	return page;
}

/*
 * Copy len bytes of the image from file offset pos to user address va
 * of mm, page by page. The read may sleep (the page cache, a lock of the
 * file), so each user page is mapped with kmap(), which allows that,
 * not kmap_local_page(); the page cache's own kmap_local nests inside.
 */
static int read_segment(struct mm_struct *mm, const struct elf_source *src,
			unsigned long va, loff_t pos, unsigned long len)
{
	while (len) {
		unsigned long off = va & ~PAGE_MASK;
		unsigned long chunk = min(len, PAGE_SIZE - off);
		struct page *page = segment_page(mm, va);
		u8 *kaddr = kmap(page);
		int err = elf_read(src, kaddr + off, chunk, pos);

		kunmap(page);
		if (err)
			return err;
		va += chunk;
		pos += chunk;
		len -= chunk;
	}
	return 0;
}

/* BSS: zero len bytes at va (frames come zeroed, but a page shared with
 * file data of an earlier segment may not be). */
static void zero_segment(struct mm_struct *mm, unsigned long va,
			 unsigned long len)
{
	while (len) {
		unsigned long off = va & ~PAGE_MASK;
		unsigned long chunk = min(len, PAGE_SIZE - off);

		memset_page(segment_page(mm, va), off, 0, chunk);
		va += chunk;
		len -= chunk;
	}
}

/* The ELF header and program headers: *phs is kmalloc'd on success. */
static int elf_read_headers(const struct elf_source *src, Elf32_Ehdr *eh,
			    Elf32_Phdr **phs)
{
	size_t size;
	int err;

	if (src->size < (loff_t)sizeof(*eh))
		return -ENOEXEC;
	err = elf_read(src, eh, sizeof(*eh), 0);
	if (!err)
		err = elf_check_header(eh, src->size);
	if (err)
		return err;
	size = eh->e_phnum * sizeof(Elf32_Phdr);
	*phs = kmalloc(size, GFP_KERNEL);
	if (!*phs)
		return -ENOMEM;
	err = elf_read(src, *phs, size, eh->e_phoff);
	if (err) {
		kfree(*phs);
		*phs = NULL;
	}
	return err;
}

/* Check every program header; the user address of the headers, or 0. */
static int elf_check_phdrs(const Elf32_Ehdr *eh, const Elf32_Phdr *ph,
			   loff_t size, unsigned long bias,
			   unsigned long *phdr)
{
	bool entry_ok = false;
	int nr_load = 0, err;

	*phdr = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return -ENOEXEC;	/* no dynamic linking */
		if (ph[i].p_type == PT_PHDR)
			*phdr = ph[i].p_vaddr + bias;
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
		if (!*phdr && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff + eh->e_phnum * sizeof(*ph) <=
		    ph[i].p_offset + ph[i].p_filesz)
			*phdr = ph[i].p_vaddr + bias + eh->e_phoff -
				ph[i].p_offset;
	}
	return nr_load && entry_ok ? 0 : -ENOEXEC;
}

/* Map one PT_LOAD segment, read its file part and zero the rest. */
static int elf_load_segment(struct mm_struct *mm,
			    const struct elf_source *src,
			    const Elf32_Phdr *ph, unsigned long bias,
			    unsigned long *brk)
{
	unsigned long va = ph->p_vaddr + bias;
	unsigned long start = va & PAGE_MASK;
	unsigned long end = ALIGN(va + ph->p_memsz, PAGE_SIZE);
	unsigned long flags = (ph->p_flags & PF_R ? VM_READ : 0) |
			      (ph->p_flags & PF_W ? VM_WRITE : 0) |
			      (ph->p_flags & PF_X ? VM_EXEC : 0);
	int err;

	spin_lock(&mm->lock);
	err = map_segment_pages(mm, start, end, flags ? flags : VM_READ);
	spin_unlock(&mm->lock);
	if (err)
		return err;
	/* mm is not running yet: nobody else can unmap these pages. */
	err = read_segment(mm, src, va, ph->p_offset, ph->p_filesz);
	if (err)
		return err;
	zero_segment(mm, va + ph->p_filesz, ph->p_memsz - ph->p_filesz);
	*brk = max(*brk, end);
	return 0;
}

static int __elf_load(struct mm_struct *mm, const struct elf_source *src,
		      struct elf_image *out)
{
	Elf32_Phdr *ph = NULL;
	unsigned long bias = 0, phdr, brk = 0;
	Elf32_Ehdr eh;
	int err;

	err = elf_read_headers(src, &eh, &ph);
	if (err)
		return err;
	if (eh.e_type == ET_DYN)
		bias = ET_DYN_BASE;
	err = elf_check_phdrs(&eh, ph, src->size, bias, &phdr);
	for (int i = 0; !err && i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_memsz)
			err = elf_load_segment(mm, src, &ph[i], bias, &brk);
	kfree(ph);
	if (err)
		return err;
	out->entry = eh.e_entry + bias;
	out->phdr = phdr;
	out->phnum = eh.e_phnum;
	out->brk_start = brk;
	return 0;
}

int elf_load(struct mm_struct *mm, const void *image, unsigned long size,
	     struct elf_image *out)
{
	struct elf_source src = { .image = image, .size = size };

	return __elf_load(mm, &src, out);
}

int elf_load_file(struct mm_struct *mm, struct file *file,
		  struct elf_image *out)
{
	struct elf_source src = {
		.file = file,
		.size = file_inode(file)->i_size,
	};

	return __elf_load(mm, &src, out);
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
			const char *filename, const char *exe_path,
			const struct elf_image *img)
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
	strlcpy(mm->exe_path, exe_path, sizeof(mm->exe_path));
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

/*
 * Open the program: a regular file with an execute bit, on a mount that
 * allows it (not noexec). Looked up before it is opened, so that a FIFO
 * or a device is refused without running its open.
 */
static struct file *open_exec(struct filename *name)
{
	struct path path;
	struct inode *inode;
	struct file *f;
	int err;

	err = filename_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &path);
	if (err)
		return ERR_PTR(err);
	inode = d_inode(path.dentry);
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111) ||
	    (path.mnt->mnt_flags & MNT_NOEXEC) ||
	    (path.mnt->mnt_sb->s_flags & SB_NOEXEC))
		f = ERR_PTR(-EACCES);
	else
		f = dentry_open(&path, O_RDONLY | O_LARGEFILE);
	path_put(&path);
	return f;
}

/*
 * The program's absolute name for /proc/PID/exe, into buf (PATH_MAX
 * bytes); "" if it is longer than fit, the room mm->exe_path has.
 */
static void exe_path_of(struct file *f, char *buf, size_t fit)
{
	char *name = d_path(&f->f_path, buf, PATH_MAX);

	if (IS_ERR(name) || strlen(name) >= fit)
		name = "";
	memmove(buf, name, strlen(name) + 1);
}

/*
 * filename is the name as the caller gave it: the new comm is its last
 * component and AT_EXECFN points to it, as on Linux.
 */
static int do_execve(struct filename *filename, const struct exec_args *args)
{
	struct task_struct *t = current;
	struct mm_struct *mm, *old;
	struct elf_image img;
	struct file *file;
	char *exe_path;
	long sp;
	int err;

	file = open_exec(filename);
	if (IS_ERR(file))
		return PTR_ERR(file);
	err = -ENOMEM;
	exe_path = kmalloc(PATH_MAX, GFP_KERNEL);
	mm = mm_alloc();
	if (!mm || !exe_path)
		goto fail;
	exe_path_of(file, exe_path, sizeof(mm->exe_path));
	err = elf_load_file(mm, file, &img);
	if (err)
		goto fail;
	spin_lock(&mm->lock);
	err = __insert_region(mm, USER_STACK_TOP - USER_STACK_SIZE,
			      USER_STACK_TOP, VM_READ | VM_WRITE | VM_GROWSDOWN);
	spin_unlock(&mm->lock);
	if (err)
		goto fail;
	sp = setup_stack(mm, args, filename->name, exe_path, &img);
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
	strlcpy(t->comm, basename(filename->name), sizeof(t->comm));
	t->not_dumpable = false;
	WRITE_ONCE(task_group_leader(t)->did_exec, true);
	start_thread(current_pt_regs(), img.entry, sp);
	kfree(exe_path);
	fput(file);
	return 0;
fail:
	if (mm)
		mmput(mm);
	kfree(exe_path);
	fput(file);
	return err;
}

/*
 * The common part of execve and kernel_execve: the name (or its error),
 * the argument and environment vectors copied by `copy` from `argv` and
 * `envp` (user or kernel pointers), then the exec itself.
 */
static int execve_common(struct filename *name, const void *argv,
			 const void *envp,
			 int (*copy)(struct exec_args *, const void *, int *))
{
	struct exec_args a = { .buf = kmalloc(ARG_MAX, GFP_KERNEL) };
	int err = 0;

	if (IS_ERR(name))
		err = PTR_ERR(name);
	else if (!a.buf)
		err = -ENOMEM;
	if (!err)
		err = copy(&a, argv, &a.argc);
	if (!err)
		err = copy(&a, envp, &a.envc);
	if (!err)
		err = do_execve(name, &a);
	if (!IS_ERR(name))
		putname(name);
	kfree(a.buf);
	return err;
}

static int copy_kernel_vec(struct exec_args *a, const void *vec, int *n)
{
	return args_copy_kernel(a, vec, n);
}

static int copy_user_vec(struct exec_args *a, const void *vec, int *n)
{
	return args_copy_user(a, (const u32 __user *)vec, n);
}

int kernel_execve(const char *path, const char *const argv[],
		  const char *const envp[])
{
	return execve_common(getname_kernel(path), argv, envp,
			     copy_kernel_vec);
}

/* Relative to the working directory, as every path (fs/namei.c). */
SYSCALL_DEFINE3(execve, const char __user *, upath,
		const u32 __user *, uargv, const u32 __user *, uenvp)
{
	return execve_common(getname(upath), (const void *)uargv,
			     (const void *)uenvp, copy_user_vec);
}
