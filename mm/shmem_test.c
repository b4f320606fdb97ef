// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs through the VFS (mm/shmem.c): a small instance mounted with
 * size=, files created, written and truncated from the kernel. Checks
 * the size limit (ENOSPC for the writer, never the OOM killer), that
 * statfs counts what is used, that truncate and unlink give the space
 * back, and that file data lands in highmem pages when there is highmem.
 */
#include <ktest.h>
#include <fs.h>
#include <namei.h>
#include <mount.h>
#include <pagemap.h>
#include <shmem_fs.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <errno.h>

#define LIMIT_PAGES	16

struct tmp_file {
	struct vfsmount *mnt;
	struct dentry *dentry;
	struct file *file;
};

/* A tmpfs of LIMIT_PAGES pages with one empty file "f" open O_RDWR. */
static int tmp_file_open(struct tmp_file *tf)
{
	struct qstr name = QSTR_INIT("f", 1);
	struct inode *dir;
	struct path path;
	int err;

	tf->mnt = vfs_kern_mount(&tmpfs_fs_type, 0, "tmpfs", "size=64k");
	if (IS_ERR(tf->mnt))
		return PTR_ERR(tf->mnt);
	dir = d_inode(tf->mnt->mnt_root);
	inode_lock(dir);
	tf->dentry = lookup_one_locked(tf->mnt->mnt_root, &name);
	err = IS_ERR(tf->dentry) ? PTR_ERR(tf->dentry)
				 : vfs_create(dir, tf->dentry, 0644, true);
	inode_unlock(dir);
	if (err)
		return err;
	path.mnt = tf->mnt;
	path.dentry = tf->dentry;
	tf->file = dentry_open(&path, O_RDWR);
	return IS_ERR(tf->file) ? PTR_ERR(tf->file) : 0;
}

/* Close, unlink and unmount: every page goes back. */
static void tmp_file_close(struct tmp_file *tf)
{
	struct inode *dir = d_inode(tf->mnt->mnt_root);

	fput(tf->file);
	inode_lock_nested(dir, I_MUTEX_PARENT);
	vfs_unlink(dir, tf->dentry);
	inode_unlock(dir);
	dput(tf->dentry);
	mntput(tf->mnt);
}

static u64 free_blocks(struct tmp_file *tf)
{
	struct kstatfs st;

	if (vfs_statfs(&tf->file->f_path, &st))
		return ~0ULL;
	return st.f_bfree;
}

static void size_limit_gives_enospc(struct ktest *t)
{
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct tmp_file tf;
	loff_t pos = 0;
	int i;

	KTEST_ASSERT_TRUE(t, page != NULL);
	memset(page, 0x5a, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, tmp_file_open(&tf), 0);
	KTEST_EXPECT_EQ(t, free_blocks(&tf), (u64)LIMIT_PAGES);
	for (i = 0; i < LIMIT_PAGES; i++)
		if (kernel_write(tf.file, page, PAGE_SIZE, &pos) != PAGE_SIZE)
			break;
	KTEST_EXPECT_EQ(t, i, LIMIT_PAGES);
	KTEST_EXPECT_EQ(t, free_blocks(&tf), 0ULL);
	/* Full: the writer gets ENOSPC and the size does not move. */
	KTEST_EXPECT_EQ(t, kernel_write(tf.file, page, PAGE_SIZE, &pos),
			(ssize_t)-ENOSPC);
	KTEST_EXPECT_EQ(t, file_inode(tf.file)->i_size,
			(loff_t)LIMIT_PAGES * PAGE_SIZE);
	/* Truncate gives the space back. */
	KTEST_EXPECT_EQ(t, do_truncate(tf.file->f_path.dentry, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, free_blocks(&tf), (u64)LIMIT_PAGES - 1);
	tmp_file_close(&tf);
	kfree(page);
}

static void holes_take_no_space(struct ktest *t)
{
	char buf[16];
	struct tmp_file tf;
	loff_t pos = 10 * PAGE_SIZE;

	KTEST_ASSERT_EQ(t, tmp_file_open(&tf), 0);
	KTEST_EXPECT_EQ(t, kernel_write(tf.file, "tail", 4, &pos), 4);
	/* One page written, nine of hole before it. */
	KTEST_EXPECT_EQ(t, free_blocks(&tf), (u64)LIMIT_PAGES - 1);
	KTEST_EXPECT_EQ(t, tf.file->f_mapping->nrpages, 1UL);
	pos = 3 * PAGE_SIZE;
	memset(buf, 0x77, sizeof(buf));
	KTEST_EXPECT_EQ(t, kernel_read(tf.file, buf, sizeof(buf), &pos),
			(ssize_t)sizeof(buf));
	KTEST_EXPECT_TRUE(t, buf[0] == 0 && buf[15] == 0);
	KTEST_EXPECT_EQ(t, tf.file->f_mapping->nrpages, 1UL);
	tmp_file_close(&tf);
}

static void file_pages_come_from_highmem(struct ktest *t)
{
	struct tmp_file tf;
	struct page *page;
	loff_t pos = 0;

	if (!zones[ZONE_HIGHMEM].managed_pages) {
		ktest_skip(t, "no highmem on this machine");
		return;
	}
	KTEST_ASSERT_EQ(t, tmp_file_open(&tf), 0);
	KTEST_EXPECT_EQ(t, kernel_write(tf.file, "x", 1, &pos), 1);
	page = find_get_page(tf.file->f_mapping, 0);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_TRUE(t, PageHighMem(page));
	put_page(page);
	tmp_file_close(&tf);
}

/* Mount, write 8 pages, unlink and unmount: 0 or -errno. */
static int fill_and_unmount(char *page)
{
	struct tmp_file tf;
	loff_t pos = 0;
	int err = tmp_file_open(&tf);

	if (err)
		return err;
	for (int i = 0; i < 8; i++)
		kernel_write(tf.file, page, PAGE_SIZE, &pos);
	tmp_file_close(&tf);
	return 0;
}

static unsigned long free_frames(void)
{
	return zones[ZONE_HIGHMEM].free_pages + zones[ZONE_NORMAL].free_pages;
}

static void umount_returns_every_page(struct ktest *t)
{
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long before;

	KTEST_ASSERT_TRUE(t, page != NULL);
	memset(page, 1, PAGE_SIZE);
	/* A first round lets kmalloc grow the caches it keeps. */
	KTEST_ASSERT_EQ(t, fill_and_unmount(page), 0);
	before = free_frames();
	KTEST_ASSERT_EQ(t, fill_and_unmount(page), 0);
	KTEST_EXPECT_EQ(t, free_frames(), before);
	kfree(page);
}

static struct ktest_case shmem_cases[] = {
	KTEST_CASE(size_limit_gives_enospc),
	KTEST_CASE(holes_take_no_space),
	KTEST_CASE(file_pages_come_from_highmem),
	KTEST_CASE(umount_returns_every_page),
	{}
};

static struct ktest_suite shmem_suite = {
	.name = "shmem",
	.cases = shmem_cases,
};
ktest_register_suite(shmem_suite);
