// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV dom0: turn start_info into boot_info and start the kernel.
 *
 * The kernel runs in ring 3 here: nothing on this path may execute a
 * privileged instruction, so boot_info.caps has BOOT_CAP_XEN and not
 * BOOT_CAP_PRIV, and generic code keys off that.  No pv-op is installed
 * (that is the job of a Xen PV backend): printk reaches Xen's console
 * through console_io, exceptions reach do_trap() through the PV trap
 * table, and the run ends through the Xen exit hook.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/boot.h>
#include <asm/pgtable.h>
#include <xen/cpuid.h>
#include <xen/hypercall.h>
#include <xen/mmu.h>
#include <xen/sched.h>
#include <xen/xen.h>

#include "xen-ops.h"

void xen_pv_start(struct xen_start_info *si);	/* from head.S */
extern char __per_cpu_areas[];			/* vmlinux.lds.S: CPU 0's area first */
void start_kernel(struct boot_info *bi);

/* ENOSYS in Xen's public/errno.h. */
#define XEN_ENOSYS		38

/*
 * Start-of-day layout (public/xen.h): the bootstrap region is mapped
 * from VIRT_BASE (0 here, see notes.S) up to a 4 MiB boundary with at
 * least 512 KiB after its last element, the one-page bootstrap stack
 * that follows the page tables.  Xen's PV dom0 builder gets there by
 * rounding the stack's end up to 4 MiB and adding another 4 MiB when
 * less than 512 KiB would be left.  Everything below that end is
 * mapped; what lies above is not, until a Xen backend maps it with
 * mmu_update.
 */
#define XEN_PV_MAP_ALIGN	(4ul << 20)
#define XEN_PV_MAP_PADDING	(512ul << 10)

static u64 xen_pv_mapped_end(u64 stack_end)
{
	u64 end = ALIGN(stack_end, XEN_PV_MAP_ALIGN);

	if (end - stack_end < XEN_PV_MAP_PADDING)
		end += XEN_PV_MAP_ALIGN;
	return end;
}

static bool magic_ok(const struct xen_start_info *si)
{
	const char *want = XEN_START_INFO_MAGIC_PREFIX;
	unsigned int i;

	for (i = 0; want[i]; i++)
		if (si->magic[i] != want[i])
			return false;
	return true;
}

static void __noreturn xen_pv_fail(const char *why)
{
	struct sched_shutdown s = { .reason = SHUTDOWN_crash };

	printk(KERN_EMERG "xen-pv: %s\n", why);
	printk(KERN_EMERG "xen-pv: cannot continue; shutting the domain down\n");
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

/*
 * The hypervisor signature at CPUID 0x40000000, for backend selection
 * (include/linux/bootinfo.h).  A PV guest's plain cpuid is not
 * intercepted by Xen (under QEMU TCG it returns the host CPU's leaves),
 * so it uses Xen's forced-emulation prefix: "ud2a; .ascii \"xen\"; cpuid"
 * traps to Xen, which emulates the cpuid with the guest's policy
 * (public/arch-x86/xen.h, XEN_EMULATE_PREFIX).  No pv-op is needed.
 */
#define XEN_PV_CPUID_HV_BASE	0x40000000u

static void xen_pv_cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile(XEN_EMULATE_PREFIX "cpuid"
		     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "0"(leaf), "2"(0));
}

/*
 * Xen runs every PV guest with EFER.NXE set when the CPU has NX, and
 * its CPUID policy says so: page-table entries may then carry NX
 * (asm/pgtable.h, boot_pte_nx, which head.S sets on the native path).
 */
static __noinline void xen_pv_platform_facts(struct boot_info *bi)
{
	u32 a, b, c, d;

	xen_pv_cpuid(XEN_PV_CPUID_HV_BASE, &a, &b, &c, &d);
	memcpy(bi->hv_signature, &b, 4);
	memcpy(bi->hv_signature + 4, &c, 4);
	memcpy(bi->hv_signature + 8, &d, 4);

	xen_pv_cpuid(CPUID_EXT_MAX, &a, &b, &c, &d);
	if (a < CPUID_EXT_FEATURES)
		return;
	xen_pv_cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
	if (d & (1u << CPUID_EXT_EDX_NX))
		boot_pte_nx = PTE_NX;
}

/* Reserve [start, end) in whole pages. */
static void xen_pv_rsv(struct boot_info *bi, u64 start, u64 end)
{
	start = ALIGN_DOWN(start, XEN_PAGE_SIZE);
	end = ALIGN(end, XEN_PAGE_SIZE);
	if (end > start)
		boot_add_rsv(bi, start, end - start);
}

/*
 * The module: Xen passes dom0 the second multiboot module (the first is
 * this kernel) as one blob, at a virtual address in the bootstrap region
 * unless the kernel declared MOD_START_PFN (it does not).
 */
static void xen_pv_module(struct boot_info *bi, struct xen_start_info *si)
{
	u64 start;

	if (!si->mod_start || !si->mod_len) {
		pr_info("xen-pv: no module\n");
		return;
	}
	if (si->flags & SIF_MOD_START_PFN)
		start = (u64)si->mod_start << XEN_PAGE_SHIFT;
	else
		start = si->mod_start;	/* virtual == pseudo-physical here */
	/* The generic code reserves modules; no rsv[] entry needed. */
	boot_add_module(bi, start, si->mod_len, NULL);
}

/*
 * Memory Xen built the domain with and the kernel must not hand out:
 * the p2m list, start_info, the bootstrap page tables (mapped read-only;
 * Xen validates them) and the bootstrap stack page after them; and the
 * part of the pseudo-physical space not mapped yet.
 */
static void xen_pv_reserve(struct boot_info *bi, struct xen_start_info *si)
{
	u64 si_va = (u64)si;
	u64 pt_end = si->pt_base + si->nr_pt_frames * XEN_PAGE_SIZE;
	u64 stack_end = pt_end + XEN_PAGE_SIZE;
	u64 mapped_end = xen_pv_mapped_end(stack_end);
	u64 ram_end = (u64)si->nr_pages << XEN_PAGE_SHIFT;

	xen_pv_rsv(bi, si->mfn_list, si->mfn_list + si->nr_pages * sizeof(u64));
	xen_pv_rsv(bi, si_va, si_va + sizeof(*si));
	xen_pv_rsv(bi, si->pt_base, stack_end);
	if (mapped_end < ram_end) {
		pr_info("xen-pv: bootstrap mapping ends at %#llx; [%#llx, %#llx) stays reserved until mapped\n",
			(unsigned long long)mapped_end,
			(unsigned long long)mapped_end,
			(unsigned long long)ram_end);
		xen_pv_rsv(bi, mapped_end, ram_end);
	}
}

/*
 * Xen 4.17 keeps no E820 for a PV dom0 and answers XENMEM_memory_map
 * with -ENOSYS; the domain then owns pseudo-physical [0, nr_pages).
 */
static void xen_pv_memmap(struct boot_info *bi, struct xen_start_info *si)
{
	u64 ram = (u64)si->nr_pages << XEN_PAGE_SHIFT;
	int rc = xen_memmap_to_boot_info(bi);

	if (rc > 0)
		return;
	if (rc == -XEN_ENOSYS)
		pr_info("xen-pv: no XENMEM_memory_map for this domain; RAM is [0, %#llx) from nr_pages\n",
			(unsigned long long)ram);
	else
		pr_warn("xen-pv: XENMEM_memory_map failed (%d); RAM is [0, %#llx) from nr_pages\n",
			rc, (unsigned long long)ram);
	bi->nr_mem = 0;
	boot_add_mem(bi, 0, ram, BOOT_MEM_RAM);
}

/*
 * Xen mapped the whole kernel image; the boot stack's guard page must
 * not be, so that running off the stack faults (arch/x86/boot/head.S
 * leaves it out of the native page tables the same way).
 */
static void xen_pv_unmap_stack_guard(void)
{
	long rc = HYPERVISOR_update_va_mapping((unsigned long)boot_stack_guard, 0,
					       UVMF_INVLPG | UVMF_LOCAL);

	if (rc)
		pr_warn("xen-pv: cannot unmap the boot stack's guard page at %p (Xen error %ld): a stack overflow goes unnoticed\n",
			boot_stack_guard, rc);
}

/**
 * xen_pv_start() - C entry of a 64-bit Xen PV kernel
 * @si: start_info, as Xen passed it in %rsi
 *
 * Context: ring 3, boot stack, hypercall page filled by the domain builder.
 */
void xen_pv_start(struct xen_start_info *si)
{
	struct boot_info *bi = &boot_info;
	long rc;

	/* console_io needs nothing but the hypercall page: print at once. */
	xen_console_register();
	xen_exit_install();
	if (!magic_ok(si))
		xen_pv_fail("start_info magic is not \"" XEN_START_INFO_MAGIC_PREFIX
			    "\": not a 64-bit PV domain?");
	pr_info("xen-pv: start_info %p magic %.32s flags %#x nr_pages %lu\n",
		si, si->magic, si->flags, si->nr_pages);

	xen_pv_unmap_stack_guard();
	rc = xen_pv_trap_init();
	if (rc)
		pr_err("xen-pv: set_trap_table failed (%ld): exceptions will crash the domain\n",
		       rc);

	si->cmd_line[XEN_MAX_GUEST_CMDLINE - 1] = 0;
	bi->entry = BOOT_ENTRY_XEN_PV;
	bi->caps = BOOT_CAP_XEN;	/* ring 3: no BOOT_CAP_PRIV */
	bi->cmdline = (const char *)si->cmd_line;
	bi->platform = si;
	bi->rsdp = 0;
	/* Xen's own mappings (the M2P table among them): not the kernel's to walk. */
	bi->hv_va_start = HYPERVISOR_VIRT_START;
	bi->hv_va_end = HYPERVISOR_VIRT_END;

	xen_pv_platform_facts(bi);
	xen_pv_memmap(bi, si);
	xen_pv_module(bi, si);
	xen_pv_reserve(bi, si);

	/*
	 * The GS base at CPU 0's percpu area before any pv-op runs, as the
	 * native entries set it (arch/x86/boot/early_percpu.c): page 0 is
	 * not mapped here, so a percpu access through a zero base faults.
	 */
	rc = HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL,
					 (unsigned long)__per_cpu_areas);
	if (rc)
		xen_pv_fail("set_segment_base(GS) for CPU 0's percpu area failed");

	start_kernel(bi);
	xen_pv_fail("start_kernel() returned");
}
