// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo's block for one CPU, in Linux's x86 format: what CPUID
 * says about the processor, the TSC's calibrated frequency, and the
 * feature flags under Linux's names (the standard leaf 1 and the AMD
 * extended leaf 0x80000001; Linux adds synthetic flags we do not).
 *
 * CPUID runs on the reading CPU: the machines we boot (QEMU, one CPU
 * model for all) are symmetric, so every block but the numbering is the
 * same. The TSC frequency is CPU 0's calibration (arch/x86/kernel/tsc.c).
 */
#include <procfs.h>
#include <time.h>
#include <smp.h>
#include <string.h>
#include <kernel.h>
#include <asm/processor.h>
#include <asm/apic.h>

/* Linux's names by bit, NULL where it prints none. */
static const char *const std_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
	"cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
	"pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx",
	"fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};

static const char *const std_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
	"tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm",
	NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c", "rdrand",
	"hypervisor",
};

static const char *const ext_edx[32] = {
	[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
	[25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
	[30] = "3dnowext", [31] = "3dnow",
};

static const char *const ext_ecx[32] = {
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm",
	"sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop",
	"skinit", "wdt", NULL, "lwp", "fma4", "tce", NULL, "nodeid_msr",
	NULL, "tbm", "topoext", "perfctr_core", "perfctr_nb", NULL, "bpext",
	"ptsc", "perfctr_llc", "mwaitx",
};

static void put_flags(struct pbuf *pb, const char *const names[32], u32 bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits >> i) & 1 && names[i])
			pb_printf(pb, " %s", names[i]);
}

static u32 max_ext_leaf(void)
{
	u32 a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	return a >= 0x80000000 && a < 0x8000ffff ? a : 0;
}

/* The brand string of leaves 0x80000002-4, trimmed; "" if none. */
static void model_name(char *out, u32 ext_max)
{
	u32 *w = (u32 *)out;
	char *p = out;

	out[0] = '\0';
	if (ext_max < 0x80000004)
		return;
	for (u32 leaf = 0; leaf < 3; leaf++)
		cpuid(0x80000002 + leaf, &w[leaf * 4], &w[leaf * 4 + 1],
		      &w[leaf * 4 + 2], &w[leaf * 4 + 3]);
	out[48] = '\0';
	while (*p == ' ')
		p++;
	memmove(out, p, strlen(p) + 1);
}

/* Family, model, stepping from leaf 1's EAX, with the extended fields. */
static void signature(u32 eax, u32 *family, u32 *model, u32 *stepping)
{
	*family = (eax >> 8) & 0xf;
	*model = (eax >> 4) & 0xf;
	*stepping = eax & 0xf;
	if (*family == 0xf)
		*family += (eax >> 20) & 0xff;
	if (*family >= 6)
		*model += ((eax >> 16) & 0xf) << 4;
}

static void show_identity(struct pbuf *pb, int cpu, u32 *level, u32 ext_max)
{
	u32 vendor[4] = { 0 }, a, b, c, d, family, model, stepping;
	char name[52];

	cpuid(0, level, &vendor[0], &vendor[2], &vendor[1]);
	cpuid(1, &a, &b, &c, &d);
	signature(a, &family, &model, &stepping);
	model_name(name, ext_max);
	pb_printf(pb, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\n"
		  "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n", cpu,
		  (char *)vendor, family, model, name[0] ? name : "unknown",
		  stepping);
	pb_printf(pb, "cpu MHz\t\t: %u.%03u\n", tsc_khz / 1000,
		  tsc_khz % 1000);
	if (ext_max >= 0x80000006) {
		cpuid(0x80000006, &a, &b, &c, &d);
		pb_printf(pb, "cache size\t: %u KB\n", c >> 16);
	}
}

static void show_topology(struct pbuf *pb, int cpu)
{
	int n = num_online_cpus();

	pb_printf(pb, "physical id\t: 0\nsiblings\t: %d\ncore id\t\t: %d\n"
		  "cpu cores\t: %d\napicid\t\t: %d\ninitial apicid\t: %d\n",
		  n, cpu, n, cpu_to_apicid[cpu], cpu_to_apicid[cpu]);
}

void arch_cpuinfo_show(struct pbuf *pb, int cpu)
{
	u32 level, ext_max = max_ext_leaf(), a, b, c, d;

	show_identity(pb, cpu, &level, ext_max);
	show_topology(pb, cpu);
	pb_printf(pb, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\n"
		  "wp\t\t: yes\nflags\t\t:", level);
	cpuid(1, &a, &b, &c, &d);
	put_flags(pb, std_edx, d);
	put_flags(pb, std_ecx, c);
	if (ext_max >= 0x80000001) {
		u32 ea, eb, ec, ed;

		cpuid(0x80000001, &ea, &eb, &ec, &ed);
		put_flags(pb, ext_edx, ed);
		put_flags(pb, ext_ecx, ec);
	}
	/* BogoMIPS as Linux derives it from the TSC: two per cycle. */
	pb_printf(pb, "\nbogomips\t: %u.%02u\nclflush size\t: %u\n"
		  "cache_alignment\t: %u\n", tsc_khz / 500, (tsc_khz / 5) % 100,
		  ((b >> 8) & 0xff) * 8, ((b >> 8) & 0xff) * 8);
	if (ext_max >= 0x80000008) {
		cpuid(0x80000008, &a, &b, &c, &d);
		pb_printf(pb, "address sizes\t: %u bits physical, %u bits virtual\n",
			  a & 0xff, (a >> 8) & 0xff);
	}
	pb_printf(pb, "power management:\n\n");
}
