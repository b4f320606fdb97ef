// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF loader and the initramfs parser against images built here: a
 * minimal valid executable loads with its segments, BSS and headers where
 * they belong, from kernel memory and from a tmpfs file (execve's way:
 * kernel_read page by page, here across several pages); every kind of
 * malformed image is refused with -ENOEXEC and leaves no frame behind;
 * corrupt cpio archives are refused.
 */
#include <elf.h>
#include <mman.h>
#include <initramfs.h>
#include <fs.h>
#include <shmem_fs.h>
#include <uaccess.h>
#include <ktest.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define TEXT_VA		0x08048000UL
#define DATA_VA		0x0804a000UL
#define DATA_FILESZ	16
#define DATA_MEMSZ	(2 * PAGE_SIZE + 100)	/* BSS over two more pages */

struct test_image {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[2];
	u8 text[32];
	u8 data[DATA_FILESZ];
} __packed;

static struct test_image img;

static void build_image(void)
{
	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, ELFMAG, 4);
	img.eh.e_ident[EI_CLASS] = ELFCLASS32;
	img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	img.eh.e_ident[EI_VERSION] = EV_CURRENT;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_386;
	img.eh.e_version = EV_CURRENT;
	img.eh.e_entry = TEXT_VA + offsetof(struct test_image, text);
	img.eh.e_phoff = offsetof(struct test_image, ph);
	img.eh.e_ehsize = sizeof(Elf32_Ehdr);
	img.eh.e_phentsize = sizeof(Elf32_Phdr);
	img.eh.e_phnum = 2;
	/* Text: the whole file from offset 0, so the headers are mapped. */
	img.ph[0].p_type = PT_LOAD;
	img.ph[0].p_vaddr = TEXT_VA;
	img.ph[0].p_filesz = img.ph[0].p_memsz = sizeof(img);
	img.ph[0].p_flags = PF_R | PF_X;
	img.ph[1].p_type = PT_LOAD;
	img.ph[1].p_offset = offsetof(struct test_image, data);
	img.ph[1].p_vaddr = DATA_VA + 8;
	img.ph[1].p_filesz = DATA_FILESZ;
	img.ph[1].p_memsz = DATA_MEMSZ;
	img.ph[1].p_flags = PF_R | PF_W;
	for (unsigned int i = 0; i < sizeof(img.text); i++)
		img.text[i] = 0x90;	/* nop */
	memcpy(img.data, "initialised data", DATA_FILESZ);
}

/*
 * Every frame the load took is free again. Not checked for a load from
 * a file: the file's inode, dentry and page cache come from caches that
 * may keep a page they grew by.
 */
static void expect_frames_back(struct ktest *t, bool from_file,
			       unsigned long low, unsigned long high)
{
	if (from_file)
		return;
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_NORMAL), low);
	KTEST_EXPECT_EQ(t, zone_free_pages(ZONE_HIGHMEM), high);
}

/* A tmpfs file holding size bytes of image, or an error pointer. */
static struct file *image_file(const void *image, size_t size)
{
	struct file *f = shmem_file_setup("exec_test", 0, 0);
	loff_t pos = 0;

	if (IS_ERR(f))
		return f;
	if (kernel_write(f, image, size, &pos) != (ssize_t)size) {
		fput(f);
		return ERR_PTR(-EIO);
	}
	return f;
}

/* Load image as execve would (from_file) or from kernel memory. */
static int load(struct mm_struct *mm, const void *image, size_t size,
		bool from_file, struct elf_image *out)
{
	struct file *f;
	int err;

	if (!from_file)
		return elf_load(mm, image, size, out);
	f = image_file(image, size);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = elf_load_file(mm, f, out);
	fput(f);
	return err;
}

static void check_valid_image(struct ktest *t, bool from_file)
{
	unsigned long low = zone_free_pages(ZONE_NORMAL);
	unsigned long high = zone_free_pages(ZONE_HIGHMEM);
	struct mm_struct *mm = mm_alloc();
	struct elf_image out;
	u8 buf[DATA_FILESZ];
	Elf32_Ehdr eh;
	static u8 bss[DATA_MEMSZ - DATA_FILESZ];

	KTEST_ASSERT_NOT_NULL(t, mm);
	build_image();
	KTEST_ASSERT_EQ(t, load(mm, &img, sizeof(img), from_file, &out), 0);
	KTEST_EXPECT_EQ(t, out.entry, img.eh.e_entry);
	KTEST_EXPECT_EQ(t, out.phdr, TEXT_VA + img.eh.e_phoff);
	KTEST_EXPECT_EQ(t, out.phnum, 2);
	KTEST_EXPECT_EQ(t, out.brk_start,
			ALIGN(DATA_VA + 8 + DATA_MEMSZ, PAGE_SIZE));
	/* The segments' bytes are where the headers say. */
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, &eh, TEXT_VA, sizeof(eh)), 0);
	KTEST_EXPECT_EQ(t, memcmp(&eh, &img.eh, sizeof(eh)), 0);
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, buf, DATA_VA + 8, DATA_FILESZ), 0);
	KTEST_EXPECT_EQ(t, memcmp(buf, img.data, DATA_FILESZ), 0);
	/* BSS reads as zero over all its pages... */
	memset(bss, 0xAA, sizeof(bss));
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, bss, DATA_VA + 8 + DATA_FILESZ,
					sizeof(bss)), 0);
	for (unsigned int i = 0; i < sizeof(bss); i++)
		if (bss[i]) {
			KTEST_EXPECT_EQ(t, bss[i], 0);
			break;
		}
	/* ...text is read-only for the user, data writable. */
	KTEST_EXPECT_FALSE(t, translate(mm->pgd, TEXT_VA) & _PAGE_RW);
	KTEST_EXPECT_TRUE(t, translate(mm->pgd, DATA_VA) & _PAGE_RW);
	KTEST_EXPECT_TRUE(t, translate(mm->pgd, TEXT_VA) & _PAGE_USER);
	mmput(mm);
	expect_frames_back(t, from_file, low, high);
}

static void valid_image_loads(struct ktest *t)
{
	check_valid_image(t, false);
}

static void valid_image_loads_from_file(struct ktest *t)
{
	check_valid_image(t, true);
}

/*
 * A text segment of several pages, starting mid-page in the file and in
 * memory: every byte arrives, across the page boundaries of both.
 */
#define BIG_TEXT_OFF	100
#define BIG_SIZE	(3 * PAGE_SIZE + 200)

static void multi_page_segment_from_file(struct ktest *t)
{
	u8 *big = kzalloc(BIG_SIZE, GFP_KERNEL), *back;
	struct mm_struct *mm = mm_alloc();
	unsigned long len = BIG_SIZE - BIG_TEXT_OFF;
	struct test_image *hdr = (struct test_image *)big;
	struct elf_image out;

	back = kmalloc(BIG_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, big);
	KTEST_ASSERT_NOT_NULL(t, back);
	KTEST_ASSERT_NOT_NULL(t, mm);
	build_image();
	memcpy(big, &img, sizeof(img));
	hdr->eh.e_phnum = 1;
	hdr->ph[0].p_offset = BIG_TEXT_OFF;
	hdr->ph[0].p_vaddr = TEXT_VA + BIG_TEXT_OFF;
	hdr->ph[0].p_filesz = hdr->ph[0].p_memsz = len;
	hdr->eh.e_entry = TEXT_VA + BIG_TEXT_OFF;
	for (unsigned long i = BIG_TEXT_OFF; i < BIG_SIZE; i++)
		big[i] = (u8)(i * 7 + (i >> 8));
	KTEST_ASSERT_EQ(t, load(mm, big, BIG_SIZE, true, &out), 0);
	KTEST_EXPECT_EQ(t, copy_from_mm(mm, back, TEXT_VA + BIG_TEXT_OFF,
					len), 0);
	KTEST_EXPECT_EQ(t, memcmp(back, big + BIG_TEXT_OFF, len), 0);
	mmput(mm);
	kfree(back);
	kfree(big);
}

enum corruption {
	BAD_MAGIC, CLASS64, BIG_ENDIAN, WRONG_MACHINE, RELOCATABLE,
	BAD_PHENTSIZE, NO_PHDRS, PHDRS_PAST_END, FILESZ_OVER_MEMSZ,
	DATA_PAST_END, SEGMENT_IN_KERNEL, SEGMENT_WRAPS, SEGMENT_AT_ZERO,
	ENTRY_OUTSIDE, INTERPRETER, TRUNCATED, NR_CORRUPTIONS
};

static const char *const corruption_names[] = {
	"bad magic", "ELFCLASS64", "big endian", "x86-64 machine", "ET_REL",
	"phentsize 56", "no program headers", "headers past the end",
	"filesz > memsz", "data past the end", "segment in kernel space",
	"segment wraps 4 GiB", "segment at address 0", "entry outside",
	"PT_INTERP", "truncated header",
};

/* Returns the image size to pass to the loader. */
static unsigned long corrupt(enum corruption c)
{
	unsigned long size = sizeof(img);

	build_image();
	switch (c) {
	case BAD_MAGIC: img.eh.e_ident[1] = 'X'; break;
	case CLASS64: img.eh.e_ident[EI_CLASS] = 2; break;
	case BIG_ENDIAN: img.eh.e_ident[EI_DATA] = 2; break;
	case WRONG_MACHINE: img.eh.e_machine = 62; break;
	case RELOCATABLE: img.eh.e_type = 1; break;
	case BAD_PHENTSIZE: img.eh.e_phentsize = 56; break;
	case NO_PHDRS: img.eh.e_phnum = 0; break;
	case PHDRS_PAST_END: img.eh.e_phoff = sizeof(img) - 8; break;
	case FILESZ_OVER_MEMSZ: img.ph[1].p_filesz = DATA_MEMSZ + 1; break;
	case DATA_PAST_END: img.ph[1].p_offset = 0xFFFFFFF0; break;
	case SEGMENT_IN_KERNEL: img.ph[1].p_vaddr = 0xC0000000; break;
	case SEGMENT_WRAPS:
		img.ph[1].p_vaddr = 0xFFFFF000;
		img.ph[1].p_memsz = 0x2000;
		break;
	case SEGMENT_AT_ZERO: img.ph[1].p_vaddr = 0; break;
	case ENTRY_OUTSIDE: img.eh.e_entry = 0x09000000; break;
	case INTERPRETER: img.ph[1].p_type = PT_INTERP; break;
	case TRUNCATED: size = 20; break;
	case NR_CORRUPTIONS: break;
	}
	return size;
}

static void check_malformed_images(struct ktest *t, bool from_file)
{
	unsigned long low = zone_free_pages(ZONE_NORMAL);
	unsigned long high = zone_free_pages(ZONE_HIGHMEM);

	for (int c = 0; c < NR_CORRUPTIONS; c++) {
		struct mm_struct *mm = mm_alloc();
		struct elf_image out;
		unsigned long size;
		int err;

		KTEST_ASSERT_NOT_NULL(t, mm);
		size = corrupt(c);
		err = load(mm, &img, size, from_file, &out);
		if (err != -ENOEXEC)
			ktest_log(t, "%s: %s returned %d", corruption_names[c],
				  from_file ? "elf_load_file" : "elf_load",
				  err);
		KTEST_EXPECT_EQ(t, err, -ENOEXEC);
		mmput(mm);
	}
	expect_frames_back(t, from_file, low, high);
}

static void malformed_images_are_refused(struct ktest *t)
{
	check_malformed_images(t, false);
}

static void malformed_files_are_refused(struct ktest *t)
{
	check_malformed_images(t, true);
}

/* ---- cpio newc ---------------------------------------------------------------- */

static char archive[1024];

/* One entry; ino and nlink as cpio writes them for a hard link. */
static unsigned long cpio_add_link(unsigned long off, const char *name,
				   u32 mode, const char *data, u32 ino,
				   u32 nlink)
{
	u32 namesize = strlen(name) + 1, filesize = data ? strlen(data) : 0;

	off += snprintf(archive + off, sizeof(archive) - off,
			"070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x"
			"%08x%08x", ino, mode, 0, 0, nlink, 0, filesize, 0, 0,
			0, 0, namesize, 0);
	memcpy(archive + off, name, namesize);
	off = ALIGN(off + namesize, 4);
	if (filesize)
		memcpy(archive + off, data, filesize);
	return ALIGN(off + filesize, 4);
}

static unsigned long cpio_add(unsigned long off, const char *name, u32 mode,
			      const char *data)
{
	return cpio_add_link(off, name, mode, data, 0, 1);
}

static unsigned long build_archive(void)
{
	unsigned long off = 0;

	memset(archive, 0, sizeof(archive));
	off = cpio_add(off, ".", S_IFDIR | 0755, NULL);
	off = cpio_add(off, "./init", S_IFREG | 0755, "#!ELF?");
	off = cpio_add(off, "bin", S_IFDIR | 0755, NULL);
	off = cpio_add(off, "bin/hello", S_IFREG | 0755, "hello world");
	return cpio_add(off, "TRAILER!!!", 0, NULL);
}

static void cpio_newc_parses(struct ktest *t)
{
	struct initramfs_entry tab[8];
	unsigned long len = build_archive();
	int n = initramfs_parse_into(archive, len, tab, ARRAY_SIZE(tab));

	KTEST_ASSERT_EQ(t, n, 4);
	KTEST_EXPECT_STREQ(t, tab[0].name, "");		/* "." is the root */
	KTEST_EXPECT_STREQ(t, tab[1].name, "init");	/* "./" dropped */
	KTEST_EXPECT_STREQ(t, tab[3].name, "bin/hello");
	KTEST_EXPECT_TRUE(t, S_ISDIR(tab[2].mode));
	KTEST_EXPECT_EQ(t, tab[3].size, 11);
	KTEST_EXPECT_EQ(t, memcmp(tab[3].data, "hello world", 11), 0);
}

/*
 * GNU cpio writes a hard-linked file once per name and its data only
 * with the last name: every name must read the data, with one inode.
 */
static void cpio_hard_links_share_data(struct ktest *t)
{
	struct initramfs_entry tab[8];
	unsigned long off = 0;
	int n;

	memset(archive, 0, sizeof(archive));
	off = cpio_add_link(off, "bin/sh", S_IFREG | 0755, NULL, 42, 3);
	off = cpio_add_link(off, "bin/ls", S_IFREG | 0755, NULL, 42, 3);
	off = cpio_add(off, "other", S_IFREG | 0644, NULL);	/* empty */
	off = cpio_add_link(off, "bin/box", S_IFREG | 0755, "BOX", 42, 3);
	off = cpio_add(off, "TRAILER!!!", 0, NULL);
	n = initramfs_parse_into(archive, off, tab, ARRAY_SIZE(tab));
	KTEST_ASSERT_EQ(t, n, 4);
	for (int i = 0; i < 4; i++) {
		if (i == 2)
			continue;
		KTEST_EXPECT_EQ(t, tab[i].size, 3);
		KTEST_EXPECT_EQ(t, memcmp(tab[i].data, "BOX", 3), 0);
		KTEST_EXPECT_EQ(t, tab[i].ino, tab[0].ino);
		KTEST_EXPECT_EQ(t, tab[i].nlink, 3);
	}
	KTEST_EXPECT_EQ(t, tab[2].size, 0);	/* not a link: stays empty */
	KTEST_EXPECT_NE(t, tab[2].ino, tab[0].ino);
}

static void corrupt_cpio_is_refused(struct ktest *t)
{
	struct initramfs_entry tab[8];
	unsigned long len = build_archive();

	/* No trailer: the archive ends mid-way. */
	KTEST_EXPECT_EQ(t, initramfs_parse_into(archive, len - 120, tab, 8),
			-EINVAL);
	/* A file claiming more bytes than the archive has. */
	build_archive();
	memcpy(archive + 54, "7fffffff", 8);	/* first entry's filesize */
	KTEST_EXPECT_EQ(t, initramfs_parse_into(archive, len, tab, 8), -EINVAL);
	/* Not hex, and a bad magic. */
	build_archive();
	memcpy(archive + 94, "0000zz02", 8);	/* namesize */
	KTEST_EXPECT_EQ(t, initramfs_parse_into(archive, len, tab, 8), -EINVAL);
	build_archive();
	archive[5] = '9';
	KTEST_EXPECT_EQ(t, initramfs_parse_into(archive, len, tab, 8), -EINVAL);
	/* Intact again: parses. */
	build_archive();
	KTEST_EXPECT_EQ(t, initramfs_parse_into(archive, len, tab, 8), 4);
}

static struct ktest_case exec_cases[] = {
	KTEST_CASE(valid_image_loads),
	KTEST_CASE(valid_image_loads_from_file),
	KTEST_CASE(multi_page_segment_from_file),
	KTEST_CASE(malformed_images_are_refused),
	KTEST_CASE(malformed_files_are_refused),
	KTEST_CASE(cpio_newc_parses),
	KTEST_CASE(cpio_hard_links_share_data),
	KTEST_CASE(corrupt_cpio_is_refused),
	{}
};

static struct ktest_suite exec_suite = {
	.name = "exec",
	.cases = exec_cases,
};
ktest_register_suite(exec_suite);
