// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time setup from the Multiboot information: command line, physical
 * memory map, reservations, and the lowmem limit that splits ZONE_NORMAL
 * from ZONE_HIGHMEM.
 */
#include <asm/multiboot.h>
#include <asm/pgtable.h>
#include <asm/desc.h>
#include <asm/i8259.h>
#include <asm/smp.h>
#include <asm/fpu.h>
#include <setup.h>
#include <cmdline.h>
#include <memblock.h>
#include <initrd.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>

/* The boot page directory maps this much; early allocations stay below. */
#define BOOT_MAPPED_END	(256 * MiB)

phys_addr_t lowmem_end;
phys_addr_t initrd_start, initrd_end;
static u64 lowmem_param = LOWMEM_MAX;

static int lowmem_setup(const char *val)
{
	const char *end;
	u64 v = memparse(val, &end);

	if (*end || v < 16 * MiB) {
		pr_warn("lowmem=%s: need a size of at least 16M\n", val);
		return -1;
	}
	lowmem_param = min(v, (u64)LOWMEM_MAX);
	return 0;
}
__setup("lowmem", lowmem_setup);

void early_cpu_init(void)
{
	idt_init();
	cpu_init_descriptors(0, 0);	/* per-CPU base fixed up later */
	pic_disable();
	fpu__init_system();
}

static void parse_memory_map(const struct multiboot_info *mbi)
{
	u32 off = 0;

	if (!(mbi->flags & MULTIBOOT_INFO_MEM_MAP))
		panic("setup: the boot loader passed no memory map");
	pr_info("BIOS-provided physical RAM map:\n");
	while (off < mbi->mmap_length) {
		const struct multiboot_mmap_entry *e =
			__va(mbi->mmap_addr + off);
		u64 end = e->addr + e->len;

		pr_info("  [mem 0x%016llx-0x%016llx] %s\n", e->addr, end - 1,
			e->type == MULTIBOOT_MEMORY_AVAILABLE ? "usable"
							      : "reserved");
		/* No PAE: RAM above 4 GiB is out of reach. */
		if (e->type == MULTIBOOT_MEMORY_AVAILABLE && e->addr < 0x100000000ULL)
			memblock_add(e->addr, min(end, 0x100000000ULL) - e->addr);
		off += e->size + sizeof(e->size);
	}
}

static void reserve_boot_data(const struct multiboot_info *mbi, u32 mbi_phys)
{
	extern char _stext[], _end[];
	const struct multiboot_module *mods;
	u32 ebda;

	/* Real-mode IVT and BIOS data area. */
	memblock_reserve(0, PAGE_SIZE);
	/* EBDA up to 1 MiB: BIOS data, VGA memory, option and BIOS ROMs. */
	ebda = (u32)(*(u16 *)__va(0x40E)) << 4;
	if (ebda < 0x80000 || ebda > 0x9F000)
		ebda = 0x9F000;
	memblock_reserve(ALIGN_DOWN(ebda, PAGE_SIZE),
			 0x100000 - ALIGN_DOWN(ebda, PAGE_SIZE));
	memblock_reserve(TRAMPOLINE_PHYS, PAGE_SIZE);
	memblock_reserve(__pa(_stext), _end - _stext);
	memblock_reserve(mbi_phys, sizeof(*mbi));
	memblock_reserve(mbi->mmap_addr, mbi->mmap_length);

	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || !mbi->mods_count)
		return;
	mods = __va(mbi->mods_addr);
	memblock_reserve(mbi->mods_addr, mbi->mods_count * sizeof(*mods));
	for (u32 i = 0; i < mbi->mods_count; i++) {
		memblock_reserve(mods[i].mod_start,
				 mods[i].mod_end - mods[i].mod_start);
		pr_info("setup: module %u at [%#x-%#x] (%u KiB)\n", i,
			mods[i].mod_start, mods[i].mod_end,
			(mods[i].mod_end - mods[i].mod_start) / 1024);
	}
	initrd_start = mods[0].mod_start;
	initrd_end = mods[0].mod_end;
}

void setup_arch(u32 magic, u32 mbi_phys)
{
	const struct multiboot_info *mbi = __va(mbi_phys);
	phys_addr_t ram_end;
	bool truncated;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("setup: not started by a Multiboot loader (magic %#x)",
		      magic);
	if (mbi_phys >= BOOT_MAPPED_END)
		panic("setup: Multiboot info above the boot mapping");
	truncated = cmdline_save(mbi->flags & MULTIBOOT_INFO_CMDLINE ?
				 (const char *)__va(mbi->cmdline) : "");
	pr_info("Command line: %s\n", boot_command_line);
	if (truncated)
		pr_warn("Command line longer than %d bytes: the rest is lost\n",
			COMMAND_LINE_SIZE - 1);
	parse_early_params();

	parse_memory_map(mbi);
	reserve_boot_data(mbi, mbi_phys);

	ram_end = memblock_end_of_ram();
	lowmem_end = min((phys_addr_t)ALIGN_DOWN(lowmem_param, PGDIR_SIZE),
			 ram_end);
	max_low_pfn = PFN_DOWN(lowmem_end);
	pr_info("setup: RAM ends at %#x; lowmem [0-%#x] is direct-mapped, "
		"%u MiB above it is highmem\n", ram_end, lowmem_end,
		(ram_end - lowmem_end) >> 20);

	memblock_set_alloc_limit(min(lowmem_end, (phys_addr_t)BOOT_MAPPED_END));
	paging_init(ALIGN(lowmem_end, PGDIR_SIZE));
	memblock_set_alloc_limit(lowmem_end);
}
