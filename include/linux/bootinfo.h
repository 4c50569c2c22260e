/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the entry path learned about the machine, in one place.
 *
 * Each entry (PVH, multiboot2, Xen PV) fills one struct boot_info and
 * hands it to start_kernel().  Generic code never tests an entry's name
 * to decide what it may do: it tests a capability bit that the entry
 * path set (the Xen Test Framework's model).
 */
#ifndef _LINUX_BOOTINFO_H
#define _LINUX_BOOTINFO_H

#include <linux/types.h>

enum boot_entry {
	BOOT_ENTRY_PVH,		/* hvm_start_info: QEMU -kernel, Xen PVH dom0 */
	BOOT_ENTRY_MULTIBOOT2,	/* GRUB2 multiboot2 */
	BOOT_ENTRY_XEN_PV,	/* Xen PV start_info, long mode, ring 3 */
};

/* Capabilities the entry path found; generic code tests only these. */
#define BOOT_CAP_PRIV		(1u << 0) /* ring 0: native privileged insns work */
#define BOOT_CAP_XEN		(1u << 1) /* Xen hypercalls are available */
#define BOOT_CAP_DEBUG_EXIT	(1u << 2) /* isa-debug-exit port may be written */

#define BOOT_MEM_MAX		64
#define BOOT_RSV_MAX		16
#define BOOT_MOD_MAX		4
#define BOOT_HV_SIGNATURE_LEN	12

enum boot_mem_type {
	BOOT_MEM_RAM = 1,	/* usable RAM */
	BOOT_MEM_RESERVED = 2,	/* anything else */
};

struct boot_mem_range {
	u64 start;		/* physical (pseudo-physical under Xen PV) */
	u64 size;
	u32 type;		/* enum boot_mem_type */
};

struct boot_module {
	u64 start;		/* physical address (pseudo-physical under Xen PV) */
	u64 size;
	void *virt;		/* where the kernel can read it now */
	const char *cmdline;	/* may be NULL */
	/*
	 * Consumed and given back to the page allocator (the pvlink image,
	 * by pvlink_boot_finish()): its pages are no longer reserved and
	 * @virt may no longer be read.
	 */
	bool freed;
};

struct boot_info {
	enum boot_entry entry;
	u32 caps;				/* BOOT_CAP_* */
	const char *cmdline;			/* never NULL; "" if none */
	unsigned int nr_mem;
	struct boot_mem_range mem[BOOT_MEM_MAX];
	unsigned int nr_rsv;			/* entry-specific reserved areas */
	struct boot_mem_range rsv[BOOT_RSV_MAX];/* (page tables, start_info, ...) */
	unsigned int nr_mod;
	struct boot_module mod[BOOT_MOD_MAX];
	u64 rsdp;				/* 0 if unknown */
	void *platform;				/* start_info / hvm_start_info */
	/*
	 * CPUID leaf 0x40000000's ebx, ecx, edx: the hypervisor's
	 * signature ("TCGTCGTCGTCG", "KVMKVMKVM\0\0\0", "XenVMMXenVMM"),
	 * read by the entry code; all NUL when CPUID says no hypervisor.
	 * Backend selection matches it (kernel/pvlink_boot.c).
	 */
	char hv_signature[BOOT_HV_SIGNATURE_LEN];
	/*
	 * A virtual range [hv_va_start, hv_va_end) the hypervisor owns in
	 * our page tables (Xen PV: HYPERVISOR_VIRT_START..END, set by the
	 * entry): page-table walks skip it, nothing of ours is mapped there.
	 * 0, 0 when there is none.
	 */
	u64 hv_va_start, hv_va_end;
};

extern struct boot_info boot_info;

static inline bool boot_has(u32 cap)
{
	return (boot_info.caps & cap) == cap;
}

#endif /* _LINUX_BOOTINFO_H */
