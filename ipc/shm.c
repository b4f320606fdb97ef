// SPDX-License-Identifier: GPL-2.0
/*
 * System V shared memory: shmget, shmat, shmdt, shmctl
 * (Documentation/ipc.md).
 *
 * A segment is an unlinked tmpfs file (shmem_file_setup(), "SYSV<key>")
 * that the segment owns. Each shmat() opens that file again: an "attach
 * file" on the same dentry and inode, whose mmap is tmpfs's, so faults,
 * fork and shared futexes treat an attachment as any shared file
 * mapping. Every region of an attachment (the one shmat made, its copies
 * in forked children, the pieces munmap or mprotect split it into) holds
 * a reference to the attach file, and nothing else does; so the sum of
 * the attach files' reference counts is the number of attaching regions,
 * which is what Linux reports as shm_nattch.
 *
 * When the last region of an attachment goes, the attach file is
 * released: that is the detach that may destroy a segment IPC_RMID
 * marked (SHM_DEST) while it was attached. Until then the segment stays
 * in the table under key IPC_PRIVATE, and IPC_STAT and shmat by id still
 * work on it, as on Linux.
 *
 * Lock order: shm_ids.lock -> mm->lock. shmat maps with shm_ids.lock
 * dropped: replacing an old attachment (SHM_REMAP) releases its attach
 * file, which takes shm_ids.lock.
 */
#include <ipc.h>
#include "util.h"
#include <shmem_fs.h>
#include <fs.h>
#include <mman.h>
#include <task.h>
#include <uaccess.h>
#include <syscalls.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <errno.h>

/* shmget flags, shm_perm.mode bits and shmat flags (Linux's). */
#define SHM_HUGETLB	04000
#define SHM_NORESERVE	010000
#define SHM_DEST	01000	/* mode: IPC_RMID while attached */
#define SHM_LOCKED	02000	/* mode: SHM_LOCK (nothing swaps here) */
#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000

/* shmctl commands beyond the common ones. */
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

#define SHMLBA		PAGE_SIZE
#define SHMMIN		1UL
#define SHMMAX		(~0UL - (1UL << 24))	/* Linux's default */
#define SHMALL		(~0UL - (1UL << 24))	/* pages */

struct shmid_kernel {
	struct kern_ipc_perm perm;
	struct file *file;		/* the segment's memory */
	size_t size;
	u32 atime, dtime, ctime;
	pid_t cpid, lpid;
	struct list_head attaches;	/* struct shm_attach, under the lock */
	int refs;			/* the table + one per attach file */
};

/* One shmat(): the attach file's private_data. */
struct shm_attach {
	struct list_head list;
	struct file *file;
	struct shmid_kernel *shp;
};

/* The i386 shmid64_ds (with IPC_64) and the old shmid_ds. */
struct shmid64_ds {
	struct ipc64_perm shm_perm;
	u32 shm_segsz;
	u32 shm_atime, shm_atime_high;
	u32 shm_dtime, shm_dtime_high;
	u32 shm_ctime, shm_ctime_high;
	s32 shm_cpid, shm_lpid;
	u32 shm_nattch;
	u32 __unused4, __unused5;
};

struct shmid_ds_old {
	struct ipc_perm_old shm_perm;
	s32 shm_segsz;
	s32 shm_atime, shm_dtime, shm_ctime;
	u16 shm_cpid, shm_lpid;
	u16 shm_nattch, shm_unused;
	u32 shm_unused2, shm_unused3;
};

struct shminfo64 {
	u32 shmmax, shmmin, shmmni, shmseg, shmall;
	u32 __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	s32 used_ids;
	u32 shm_tot, shm_rss, shm_swp;
	u32 swap_attempts, swap_successes;
};

static struct ipc_ids shm_ids;
static bool shm_ids_ready;
static DEFINE_MUTEX(shm_init_lock);

/* The table, set up on first use (no init call needed at boot). */
static struct ipc_ids *shm_table(void)
{
	if (!READ_ONCE(shm_ids_ready)) {
		mutex_lock(&shm_init_lock);
		if (!shm_ids_ready) {
			ipc_init_ids(&shm_ids, "shm_ids.lock");
			WRITE_ONCE(shm_ids_ready, true);
		}
		mutex_unlock(&shm_init_lock);
	}
	return &shm_ids;
}

static struct shmid_kernel *to_shp(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct shmid_kernel, perm);
}

/* shm_ids.lock held: regions attached, see the top of the file. */
static unsigned long shm_nattch(struct shmid_kernel *shp)
{
	struct shm_attach *sa;
	unsigned long n = 0;

	list_for_each_entry(sa, &shp->attaches, list)
		n += atomic_read(&sa->file->f_count);
	return n;
}

/* shm_ids.lock held: drop a reference; the last one hands back the file
 * for the caller to fput() after unlocking. */
static struct file *shm_put(struct shmid_kernel *shp)
{
	struct file *f;

	if (--shp->refs)
		return NULL;
	f = shp->file;
	kfree(shp);
	return f;
}

/* shm_ids.lock held: out of the table (no attachment left). */
static struct file *shm_destroy(struct shmid_kernel *shp)
{
	ipc_rmid(&shm_ids, &shp->perm);
	return shm_put(shp);
}

static struct kern_ipc_perm *shm_newseg(const struct ipc_params *p)
{
	size_t size = p->arg;
	struct shmid_kernel *shp;
	char name[16];

	if (size < SHMMIN || size > SHMMAX)
		return ERR_PTR(-EINVAL);
	if (ALIGN(size, PAGE_SIZE) < size)
		return ERR_PTR(-ENOSPC);
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return ERR_PTR(-ENOMEM);
	snprintf(name, sizeof(name), "SYSV%08x", (u32)p->key);
	shp->file = shmem_file_setup(name, size, 0);
	if (IS_ERR(shp->file)) {
		long err = PTR_ERR(shp->file);

		kfree(shp);
		return ERR_PTR(err);
	}
	shp->size = size;
	shp->ctime = ipc_get_seconds();
	shp->cpid = current->tgid;
	INIT_LIST_HEAD(&shp->attaches);
	shp->refs = 1;
	return &shp->perm;
}

static int shm_more_checks(struct kern_ipc_perm *perm,
			   const struct ipc_params *p)
{
	return to_shp(perm)->size < p->arg ? -EINVAL : 0;
}

/**
 * ksys_shmget - shmget(2)
 * @key: the key, or IPC_PRIVATE
 * @size: bytes (at least 1)
 * @shmflg: IPC_CREAT, IPC_EXCL and the 0777 mode bits
 *
 * Returns the segment's id, or -EINVAL (size), -EEXIST, -ENOENT, -ENOSPC,
 * -ENOMEM, -EACCES.
 */
long ksys_shmget(s32 key, size_t size, int shmflg)
{
	static const struct ipc_ops ops = {
		.getnew = shm_newseg,
		.more_checks = shm_more_checks,
	};
	struct ipc_params p = { .key = key, .flg = shmflg, .arg = size };

	return ipcget(shm_table(), &ops, &p);
}

/* ---- attaching ------------------------------------------------------ */

static int shm_attach_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct shm_attach *sa = f->private_data;

	return sa->shp->file->f_op->mmap(f, vma);
}

/* The last region of this attachment is gone: the detach. */
static int shm_attach_release(struct inode *inode, struct file *f)
{
	struct shm_attach *sa = f->private_data;
	struct shmid_kernel *shp = sa->shp;
	struct file *dead;

	mutex_lock(&shm_ids.lock);
	list_del(&sa->list);
	shp->dtime = ipc_get_seconds();
	shp->lpid = current->tgid;
	if ((shp->perm.mode & SHM_DEST) && !shp->perm.deleted &&
	    !shm_nattch(shp)) {
		/* The table's reference; ours keeps shp until below. */
		ipc_rmid(&shm_ids, &shp->perm);
		shp->refs--;
	}
	dead = shm_put(shp);
	mutex_unlock(&shm_ids.lock);
	kfree(sa);
	if (dead)
		fput(dead);
	return 0;
}

/*
 * No read or write: an attach file is only ever mapped (it never gets a
 * descriptor). ->llseek is absent so that it counts as a stream.
 */
static const struct file_operations shm_attach_fops = {
	.mmap = shm_attach_mmap,
	.release = shm_attach_release,
};

/* shm_ids.lock held: a new attach file of shp, opened as flags says. */
static struct file *shm_new_attach(struct shmid_kernel *shp, int flags)
{
	struct shm_attach *sa = kzalloc(sizeof(*sa), GFP_KERNEL);
	struct file *f;

	if (!sa)
		return ERR_PTR(-ENOMEM);
	f = alloc_file(&shp->file->f_path, flags, &shm_attach_fops);
	if (IS_ERR(f)) {
		kfree(sa);
		return f;
	}
	sa->file = f;
	sa->shp = shp;
	f->private_data = sa;
	list_add(&sa->list, &shp->attaches);
	shp->refs++;
	return f;
}

/**
 * do_shmat - shmat(2)
 * @shmid: the segment
 * @shmaddr: where (0: the kernel picks), rounded with SHM_RND
 * @shmflg: SHM_RDONLY, SHM_RND, SHM_REMAP, SHM_EXEC
 * @raddr: the address attached at, on success
 *
 * Returns 0, or -EINVAL (id, address, overlap without SHM_REMAP),
 * -EIDRM, -EACCES, -ENOMEM.
 */
long do_shmat(int shmid, unsigned long shmaddr, int shmflg,
	      unsigned long *raddr)
{
	struct ipc_ids *ids = shm_table();
	unsigned long prot, flags = MAP_SHARED, addr = shmaddr, size;
	struct kern_ipc_perm *perm;
	struct shmid_kernel *shp;
	struct file *f;
	long ret;

	if (shmid < 0)
		return -EINVAL;
	if (addr) {
		if (addr & (SHMLBA - 1)) {
			if (!(shmflg & SHM_RND))
				return -EINVAL;
			addr &= ~(SHMLBA - 1);
			if (!addr)	/* rounded down to page 0 */
				return -EINVAL;
		}
		flags |= (shmflg & SHM_REMAP) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	} else if (shmflg & SHM_REMAP) {
		return -EINVAL;
	}
	prot = PROT_READ | ((shmflg & SHM_RDONLY) ? 0 : PROT_WRITE) |
	       ((shmflg & SHM_EXEC) ? PROT_EXEC : 0);

	if (mutex_lock_killable(&ids->lock))
		return -EINTR;
	perm = ipc_obtain(ids, shmid);
	if (IS_ERR(perm)) {
		mutex_unlock(&ids->lock);
		return PTR_ERR(perm);
	}
	shp = to_shp(perm);
	ret = ipcperms(perm, (shmflg & SHM_RDONLY) ? 0444 : 0666);
	if (!ret && (shmflg & SHM_EXEC))
		ret = ipcperms(perm, 0111);
	f = ret ? ERR_PTR(ret) :
		  shm_new_attach(shp, (shmflg & SHM_RDONLY) ? O_RDONLY : O_RDWR);
	size = shp->size;
	mutex_unlock(&ids->lock);
	if (IS_ERR(f))
		return PTR_ERR(f);

	ret = do_mmap_file(current->mm, f, addr, size, prot, flags, 0);
	if (ret == -EEXIST)
		ret = -EINVAL;	/* shmat's word for "overlaps a mapping" */
	if (!IS_ERR_VALUE(ret)) {
		mutex_lock(&ids->lock);
		shp->atime = ipc_get_seconds();
		shp->lpid = current->tgid;
		mutex_unlock(&ids->lock);
		*raddr = ret;
		ret = 0;
	}
	fput(f);	/* the region holds its own reference */
	return ret;
}

/**
 * ksys_shmdt - shmdt(2)
 * @addr: where a shmat() attached a segment
 *
 * Unmaps every region of that attachment within the segment's size from
 * addr, as Linux does. -EINVAL if no attachment starts at addr.
 */
long ksys_shmdt(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *tmp;
	struct file *f = NULL;
	unsigned long end = 0;
	long ret = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	spin_lock(&mm->lock);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start == addr && !vma->vm_pgoff && vma->vm_file &&
	    vma->vm_file->f_op == &shm_attach_fops) {
		struct shm_attach *sa = vma->vm_file->private_data;

		f = vma->vm_file;
		end = addr + ALIGN(sa->shp->size, PAGE_SIZE);
	}
	if (f) {
		list_for_each_entry_safe(vma, tmp, &mm->regions, list) {
			if (vma->vm_start >= end)
				break;
			if (vma->vm_start < addr || vma->vm_file != f)
				continue;
			/* vma may be freed here; tmp is the next one */
			if (__do_munmap(mm, vma->vm_start,
					vma->vm_end - vma->vm_start))
				break;
		}
		ret = 0;
	}
	spin_unlock(&mm->lock);
	mm_free_dead_vmas(mm);	/* the last region's fput is the detach */
	return ret;
}

/* ---- shmctl --------------------------------------------------------- */

static void shm_fill64(struct shmid_kernel *shp, struct shmid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm64(&shp->perm, &ds->shm_perm);
	ds->shm_segsz = shp->size;
	ds->shm_atime = shp->atime;
	ds->shm_dtime = shp->dtime;
	ds->shm_ctime = shp->ctime;
	ds->shm_cpid = shp->cpid;
	ds->shm_lpid = shp->lpid;
	ds->shm_nattch = shm_nattch(shp);
}

static int shm_copy_out(void __user *buf, const struct shmid64_ds *ds,
			int version)
{
	struct shmid_ds_old old;

	if (version == IPC_64)
		return copy_to_user(buf, ds, sizeof(*ds)) ? -EFAULT : 0;
	memset(&old, 0, sizeof(old));
	old.shm_perm = (struct ipc_perm_old){
		.key = ds->shm_perm.key, .uid = ds->shm_perm.uid,
		.gid = ds->shm_perm.gid, .cuid = ds->shm_perm.cuid,
		.cgid = ds->shm_perm.cgid, .mode = ds->shm_perm.mode,
		.seq = ds->shm_perm.seq,
	};
	old.shm_segsz = ds->shm_segsz;
	old.shm_atime = ds->shm_atime;
	old.shm_dtime = ds->shm_dtime;
	old.shm_ctime = ds->shm_ctime;
	old.shm_cpid = ds->shm_cpid;
	old.shm_lpid = ds->shm_lpid;
	old.shm_nattch = ds->shm_nattch;
	return copy_to_user(buf, &old, sizeof(old)) ? -EFAULT : 0;
}

/* IPC_SET's input: uid, gid, mode from either layout. */
static int shm_copy_in(const void __user *buf, int version, u32 *uid,
		       u32 *gid, u32 *mode)
{
	if (version == IPC_64) {
		struct shmid64_ds ds;

		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		*uid = ds.shm_perm.uid;
		*gid = ds.shm_perm.gid;
		*mode = ds.shm_perm.mode;
	} else {
		struct shmid_ds_old ds;

		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		*uid = ds.shm_perm.uid;
		*gid = ds.shm_perm.gid;
		*mode = ds.shm_perm.mode;
	}
	return 0;
}

static long shmctl_info(int cmd, void __user *buf)
{
	struct ipc_ids *ids = shm_table();
	long ret;

	if (cmd == IPC_INFO) {
		struct shminfo64 si = {
			.shmmax = SHMMAX, .shmmin = SHMMIN,
			.shmmni = IPC_MAX_OBJECTS, .shmseg = IPC_MAX_OBJECTS,
			.shmall = SHMALL,
		};

		if (copy_to_user(buf, &si, sizeof(si)))
			return -EFAULT;
		mutex_lock(&ids->lock);
		ret = ids->max_idx ? ids->max_idx - 1 : 0;
		mutex_unlock(&ids->lock);
		return ret;
	} else {
		struct shm_info si = { 0 };

		mutex_lock(&ids->lock);
		si.used_ids = ids->in_use;
		for (int i = 0; i < ids->max_idx; i++) {
			struct kern_ipc_perm *p = ids->entries[i];

			if (p)
				si.shm_tot += DIV_ROUND_UP(to_shp(p)->size,
							   PAGE_SIZE);
		}
		si.shm_rss = si.shm_tot;
		ret = ids->max_idx ? ids->max_idx - 1 : 0;
		mutex_unlock(&ids->lock);
		if (copy_to_user(buf, &si, sizeof(si)))
			return -EFAULT;
		return ret;
	}
}

static long shmctl_stat(int shmid, int cmd, void __user *buf, int version)
{
	struct ipc_ids *ids = shm_table();
	struct kern_ipc_perm *perm;
	struct shmid64_ds ds;
	long ret;

	mutex_lock(&ids->lock);
	if (cmd == IPC_STAT)
		perm = ipc_obtain(ids, shmid);
	else
		perm = ipc_obtain_idx(ids, shmid);
	if (IS_ERR(perm)) {
		mutex_unlock(&ids->lock);
		return PTR_ERR(perm);
	}
	ret = cmd == SHM_STAT_ANY ? 0 : ipcperms(perm, 0444);
	if (!ret) {
		shm_fill64(to_shp(perm), &ds);
		ret = cmd == IPC_STAT ? 0 : perm->id;
	}
	mutex_unlock(&ids->lock);
	if (ret < 0)
		return ret;
	if (shm_copy_out(buf, &ds, version))
		return -EFAULT;
	return ret;
}

/* IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK: changes to one segment. */
static long shmctl_change(int shmid, int cmd, void __user *buf, int version)
{
	struct ipc_ids *ids = shm_table();
	struct kern_ipc_perm *perm;
	struct shmid_kernel *shp;
	struct file *dead = NULL;
	u32 uid = 0, gid = 0, mode = 0;
	long ret;

	if (cmd == IPC_SET) {
		ret = shm_copy_in(buf, version, &uid, &gid, &mode);
		if (ret)
			return ret;
	}
	mutex_lock(&ids->lock);
	perm = ipc_obtain(ids, shmid);
	ret = PTR_ERR(perm);
	if (IS_ERR(perm))
		goto out;
	shp = to_shp(perm);
	ret = ipc_check_owner(perm);
	if (ret)
		goto out;
	switch (cmd) {
	case IPC_SET:
		ipc_update_perm(perm, uid, gid, mode);
		shp->ctime = ipc_get_seconds();
		break;
	case IPC_RMID:
		if (!shm_nattch(shp)) {
			dead = shm_destroy(shp);
		} else {
			perm->mode |= SHM_DEST;
			perm->key = IPC_PRIVATE;	/* nobody finds it now */
		}
		break;
	case SHM_LOCK:
		perm->mode |= SHM_LOCKED;
		break;
	case SHM_UNLOCK:
		perm->mode &= ~SHM_LOCKED;
		break;
	}
	ret = 0;
out:
	mutex_unlock(&ids->lock);
	if (dead)
		fput(dead);
	return ret;
}

/**
 * ksys_shmctl - shmctl(2)
 * @shmid: the segment (an index for SHM_STAT and SHM_STAT_ANY)
 * @cmd: the command, without IPC_64
 * @buf: the user's shmid_ds, shminfo or shm_info
 * @version: IPC_64 (the direct call, and ipc(2) with IPC_64) or IPC_OLD
 */
long ksys_shmctl(int shmid, int cmd, void __user *buf, int version)
{
	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shmctl_info(cmd, buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shmctl_stat(shmid, cmd, buf, version);
	case IPC_SET:
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_change(shmid, cmd, buf, version);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(shmget, s32, key, size_t, size, int, shmflg)
{
	return ksys_shmget(key, size, shmflg);
}

SYSCALL_DEFINE3(shmat, int, shmid, unsigned long, shmaddr, int, shmflg)
{
	unsigned long addr;
	long ret = do_shmat(shmid, shmaddr, shmflg, &addr);

	return ret ? ret : (long)addr;
}

SYSCALL_DEFINE1(shmdt, unsigned long, shmaddr)
{
	return ksys_shmdt(shmaddr);
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void __user *, buf)
{
	return ksys_shmctl(shmid, cmd, buf, IPC_64);
}
