// SPDX-License-Identifier: GPL-2.0
/*
 * PVH boot: hvm_start_info to boot_info.
 *
 * Layout from Xen's public header arch-x86/hvm/start_info.h.  Version 1
 * (QEMU) adds the memory map; version 0 (Xen's PVH dom0) has none: the
 * map then comes from the XENMEM_memory_map hypercall (arch/x86/xen/).
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <asm/boot.h>
#include <asm/page.h>

#define HVM_START_MAGIC		0x336ec578	/* "xEn3" with the high bit */
#define HVM_MEMMAP_TYPE_RAM	1

struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;	/* array of hvm_modlist_entry */
	u64 cmdline_paddr;	/* NUL-terminated */
	u64 rsdp_paddr;
	/* version 1 and later */
	u64 memmap_paddr;	/* array of hvm_memmap_table_entry */
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_table_entry {
	u64 addr;
	u64 size;
	u32 type;		/* E820 types: 1 = RAM */
	u32 reserved;
};

/* Loader data is read through the boot identity map (0-4 GiB). */
static bool reachable(u64 pa, u64 len)
{
	return pa && pa + len >= pa && pa + len <= IDENTITY_MAP_SIZE;
}

void pvh_parse(u32 start_info, struct boot_info *bi)
{
	const struct hvm_start_info *si = (const void *)(uintptr_t)start_info;
	bool modlist_ok;
	u32 i;

	if (si->magic != HVM_START_MAGIC) {
		pr_err("pvh: hvm_start_info at %#x has magic %#x, expected %#x: no memory map, modules or command line\n",
		       start_info, si->magic, HVM_START_MAGIC);
		return;
	}
	bi->platform = (void *)si;
	bi->rsdp = si->rsdp_paddr;
	boot_add_rsv(bi, start_info, sizeof(*si));
	if (si->cmdline_paddr) {
		bi->cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
		/* The string is tiny; one page covers it and its neighbours. */
		boot_add_rsv(bi, si->cmdline_paddr & ~0xfffULL, 0x1000);
	}

	if (si->nr_modules > BOOT_MOD_MAX)
		pr_warn("pvh: %u modules, only the first %d are used\n",
			si->nr_modules, BOOT_MOD_MAX);
	modlist_ok = reachable(si->modlist_paddr,
			       (u64)si->nr_modules * sizeof(struct hvm_modlist_entry));
	if (si->nr_modules && !modlist_ok) {
		pr_err("pvh: module list at %#lx is beyond the identity map: modules ignored\n",
		       (unsigned long)si->modlist_paddr);
	} else if (si->nr_modules) {
		boot_add_rsv(bi, si->modlist_paddr,
			     si->nr_modules * sizeof(struct hvm_modlist_entry));
	}
	for (i = 0; modlist_ok && i < si->nr_modules && i < BOOT_MOD_MAX; i++) {
		const struct hvm_modlist_entry *m =
			(const void *)(uintptr_t)(si->modlist_paddr + i * sizeof(*m));

		boot_add_module(bi, m->paddr, m->size,
				m->cmdline_paddr ? (const char *)(uintptr_t)m->cmdline_paddr : NULL);
	}

	if (si->version < 1 || !si->memmap_entries) {
		pr_info("pvh: hvm_start_info version %u has no memory map\n", si->version);
		return;
	}
	if (!reachable(si->memmap_paddr,
		       (u64)si->memmap_entries * sizeof(struct hvm_memmap_table_entry))) {
		pr_err("pvh: memory map at %#lx (%u entries) is beyond the identity map: ignored\n",
		       (unsigned long)si->memmap_paddr, si->memmap_entries);
		return;
	}
	boot_add_rsv(bi, si->memmap_paddr,
		     si->memmap_entries * sizeof(struct hvm_memmap_table_entry));
	if (si->memmap_entries > BOOT_MEM_MAX)
		pr_warn("pvh: %u memory map entries, only the first %d are used\n",
			si->memmap_entries, BOOT_MEM_MAX);
	for (i = 0; i < si->memmap_entries && i < BOOT_MEM_MAX; i++) {
		const struct hvm_memmap_table_entry *e =
			(const void *)(uintptr_t)(si->memmap_paddr + i * sizeof(*e));

		if (!e->size)
			continue;
		boot_add_mem(bi, e->addr, e->size,
			     e->type == HVM_MEMMAP_TYPE_RAM ? BOOT_MEM_RAM : BOOT_MEM_RESERVED);
	}
}
