/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The i386 user layouts of stat(2) (kernel/stat.c fills them from a
 * struct kstat). Both are packed to the i386 alignment of 64-bit fields
 * (4 bytes), which is what user space compiled for i386 expects.
 *
 *   struct stat64 (195-197, 300)       struct stat32 (106-108)
 *     0  st_dev (u64)                    0  st_dev
 *     8  pad, 12 __st_ino (low 32)       4  st_ino
 *    16  st_mode, st_nlink               8  mode nlink uid gid (u16 each)
 *    24  st_uid, st_gid                 16  st_rdev
 *    32  st_rdev (u64), 40 pad          20  st_size
 *    44  st_size (s64)                  24  st_blksize, 28 st_blocks
 *    52  st_blksize, 56 st_blocks (u64) 32  a/m/ctime and their nsec
 *    64  a/m/ctime and their nsec       56  unused
 *    88  st_ino (u64)                   64  end
 *    96  end
 */
#ifndef _ASM_X86_STAT_H
#define _ASM_X86_STAT_H

#include <types.h>
#include <compiler.h>

struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;		/* low 32 bits, for old binaries */
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid;
	u32 st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec;
	u32 st_mtime, st_mtime_nsec;
	u32 st_ctime, st_ctime_nsec;
	u64 st_ino;
} __packed;

_Static_assert(sizeof(struct stat64) == 96, "i386 struct stat64");
_Static_assert(__builtin_offsetof(struct stat64, st_size) == 44, "st_size");
_Static_assert(__builtin_offsetof(struct stat64, st_ino) == 88, "st_ino");

struct stat32 {
	u32 st_dev;
	u32 st_ino;
	u16 st_mode;
	u16 st_nlink;
	u16 st_uid;
	u16 st_gid;
	u32 st_rdev;
	u32 st_size;
	u32 st_blksize;
	u32 st_blocks;
	u32 st_atime, st_atime_nsec;
	u32 st_mtime, st_mtime_nsec;
	u32 st_ctime, st_ctime_nsec;
	u32 __unused4, __unused5;
} __packed;

_Static_assert(sizeof(struct stat32) == 64, "i386 struct stat");

#endif
