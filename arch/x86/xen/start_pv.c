// SPDX-License-Identifier: GPL-2.0
/*
 * Xen PV dom0: turn start_info into boot_info and start the kernel.
 *
 * The kernel runs in ring 3 here: nothing on this path may execute a
 * privileged instruction, so boot_info.caps has BOOT_CAP_XEN and not
 * BOOT_CAP_PRIV, and generic code keys off that.
 */
#include <linux/bootinfo.h>
#include <linux/types.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/xen.h>

#include "xen-ops.h"

void xen_pv_start(struct xen_start_info *si);	/* from head.S */
void start_kernel(struct boot_info *bi);

/*
 * Start-of-day layout (public/xen.h): the bootstrap region is mapped
 * from VIRT_BASE (0 here, see notes.S) up to a 4 MiB boundary with at
 * least 512 KiB after its last element, the one-page bootstrap stack
 * that follows the page tables.  So everything below that element's end
 * rounded up to 4 MiB is mapped; what lies above is not, until a Xen
 * backend maps it with mmu_update.
 */
#define XEN_PV_MAP_ALIGN	(4ul << 20)

static u64 align_up(u64 v, u64 a)
{
	return (v + a - 1) & ~(a - 1);
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

static void __attribute__((noreturn)) xen_pv_fail(const char *why)
{
	struct sched_shutdown s = { .reason = SHUTDOWN_crash };

	xen_console_puts("xen-pv: ");
	xen_console_puts(why);
	xen_console_puts("\nxen-pv: cannot continue; shutting the domain down\n");
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

static void add_rsv(struct boot_info *bi, u64 start, u64 end)
{
	struct boot_mem_range *r;

	if (end <= start)
		return;
	if (bi->nr_rsv >= BOOT_RSV_MAX)
		xen_pv_fail("too many reserved ranges for boot_info.rsv[] (BOOT_RSV_MAX)");
	r = &bi->rsv[bi->nr_rsv++];
	r->start = start & ~(XEN_PAGE_SIZE - 1);
	r->size = align_up(end, XEN_PAGE_SIZE) - r->start;
	r->type = BOOT_MEM_RESERVED;
}

/*
 * The module: Xen passes dom0 the second multiboot module (the first is
 * this kernel) as one blob, at a virtual address in the bootstrap region
 * unless the kernel declared MOD_START_PFN (it does not).
 */
static void xen_pv_module(struct boot_info *bi, struct xen_start_info *si)
{
	struct boot_module *m;
	u64 start;

	if (!si->mod_start || !si->mod_len)
		return;
	if (si->flags & SIF_MOD_START_PFN)
		start = (u64)si->mod_start << XEN_PAGE_SHIFT;
	else
		start = si->mod_start;	/* virtual == pseudo-physical here */
	m = &bi->mod[bi->nr_mod++];
	m->start = start;
	m->size = si->mod_len;
	m->virt = (void *)start;
	m->cmdline = NULL;
	add_rsv(bi, start, start + si->mod_len);
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
	u64 mapped_end = align_up(stack_end, XEN_PV_MAP_ALIGN);
	u64 ram_end = (u64)si->nr_pages << XEN_PAGE_SHIFT;

	add_rsv(bi, si->mfn_list, si->mfn_list + si->nr_pages * sizeof(u64));
	add_rsv(bi, si_va, si_va + sizeof(*si));
	add_rsv(bi, si->pt_base, stack_end);
	if (mapped_end < ram_end)
		add_rsv(bi, mapped_end, ram_end);
}

/*
 * Without a memory map from Xen, the domain owns pseudo-physical pages
 * [0, nr_pages) and nothing else.
 */
static void xen_pv_memmap(struct boot_info *bi, struct xen_start_info *si)
{
	int rc = xen_memmap_to_boot_info(bi);

	if (rc > 0)
		return;
	xen_console_put_hex("xen-pv: XENMEM_memory_map failed, using nr_pages; rc=",
			    (u64)(s64)rc);
	bi->nr_mem = 1;
	bi->mem[0].start = 0;
	bi->mem[0].size = (u64)si->nr_pages << XEN_PAGE_SHIFT;
	bi->mem[0].type = BOOT_MEM_RAM;
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

	xen_console_puts("xen-pv: entered at xen_pv_entry\n");
	if (!si || !magic_ok(si))
		xen_pv_fail("start_info magic is not \"" XEN_START_INFO_MAGIC_PREFIX
			    "\": not a 64-bit PV domain?");

	si->cmd_line[XEN_MAX_GUEST_CMDLINE - 1] = 0;

	bi->entry = BOOT_ENTRY_XEN_PV;
	bi->caps = BOOT_CAP_XEN;	/* ring 3: no BOOT_CAP_PRIV */
	bi->cmdline = (const char *)si->cmd_line;
	bi->platform = si;
	bi->rsdp = 0;

	xen_pv_memmap(bi, si);
	xen_pv_module(bi, si);
	xen_pv_reserve(bi, si);

	xen_console_register();
	xen_exit_install();
	start_kernel(bi);
	xen_pv_fail("start_kernel() returned");
}
