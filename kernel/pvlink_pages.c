// SPDX-License-Identifier: GPL-2.0
/*
 * The pages of the boot-time link: one block per region of the linked
 * stack (so each gets its own protection) and one for the linker's
 * workspace, taken after the plan and given back, kept or handed on as
 * the link ends (kernel/pvlink.c).
 *
 * Init-only, like the link.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <asm/pvops.h>

#include "pvlink_boot.h"

/* Pages taken for each region and for the workspace (0: none). */
static phys_addr_t region_pages[PVLINK_NR_REGIONS];
static unsigned int region_order[PVLINK_NR_REGIONS];
static phys_addr_t work_pages;
static unsigned int work_order;

/*
 * No region or workspace of a sane stack comes near this (a backend is
 * kilobytes); it bounds the search below against sizes from a malformed
 * object.
 */
#define PVLINK_BOOT_MAX_ORDER	16	/* 256 MiB */

/* The smallest order whose pages hold @bytes, or -1 if above the cap. */
static int order_of(u64 bytes)
{
	int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		if (++order > PVLINK_BOOT_MAX_ORDER)
			return -1;
	return order;
}

static int take_pages(u64 bytes, phys_addr_t *pa, unsigned int *order)
{
	int o = order_of(bytes);

	if (o < 0)
		return -1;
	*order = o;
	*pa = alloc_pages(o);
	return *pa ? 0 : -1;
}

void pvlink_pages_release(void)
{
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		unsigned long n = 1ul << region_order[r];

		if (!region_pages[r])
			continue;
		/*
		 * Free pages must be plain data again, whatever they were:
		 * not executable first, then writable, so that text is never
		 * writable and executable at once.  A page whose protection
		 * could not be changed is kept, never poisoned: the
		 * allocator writes to what it frees.  Without pv-ops (Xen PV
		 * before its stack is installed) none was protected, and
		 * none could be changed.
		 */
		if (pvops_available() &&
		    (set_memory_nx(region_pages[r], n) || set_memory_rw(region_pages[r], n))) {
			pr_warn("pvlink: keeping the %s region's %lu pages at %#lx: their protection could not be changed back\n",
				pvlink_region_name(r), n, (unsigned long)region_pages[r]);
			region_pages[r] = 0;
			continue;
		}
		free_pages(region_pages[r], region_order[r]);
		region_pages[r] = 0;
	}
	pvlink_pages_free_work();
}

/*
 * A backend's init succeeded, the stack was then refused, and the backend
 * has no PVLINK_BACKEND_EXIT() to undo it, or its exit failed (the
 * hypervisor refused to take something back): the init may have handed the
 * hypervisor addresses inside the stack's regions (a shared page, an
 * event callback).  Those regions are never freed or poisoned: they stay
 * reserved, and the loss is said.  Only the workspace goes back.
 */
void pvlink_pages_keep(const struct pvlink_boot_state *st, const char *backend,
		       bool exit_failed)
{
	unsigned long kib = 0;

	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		if (!region_pages[r])
			continue;
		kib += (PAGE_SIZE << region_order[r]) >> 10;
		region_pages[r] = 0;
	}
	if (work_pages)
		free_pages(work_pages, work_order);
	work_pages = 0;
	pr_warn("pvlink: stack %s: keeping its %lu KiB reserved: backend %s's init cannot be undone (%s), so the platform may still use that memory\n",
		st->stack, kib, backend,
		exit_failed ? "its PVLINK_BACKEND_EXIT() failed" : "no PVLINK_BACKEND_EXIT()");
}

void pvlink_pages_free_work(void)
{
	if (work_pages)
		free_pages(work_pages, work_order);
	work_pages = 0;
}

void *pvlink_pages_work(u64 *size)
{
	*size = PAGE_SIZE << work_order;
	return (void *)(uintptr_t)work_pages;
}

void pvlink_pages_hand_percpu(void)
{
	pvlink_percpu_pages = region_pages[PVLINK_PERCPU];
	pvlink_percpu_order = region_order[PVLINK_PERCPU];
	region_pages[PVLINK_PERCPU] = 0;
}

/* Each region on pages of its own, so that each can get its protection. */
int pvlink_pages_reserve(struct pvlink_ctx *ctx, struct pvlink_boot_state *st)
{
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &ctx->region[r];

		if (!rg->size)
			continue;
		if (take_pages(rg->size, &region_pages[r], &region_order[r])) {
			PVLINK_BOOT_REASON(st, "stack %s: no free memory for its %s region (%lu bytes in one piece; at most %lu MiB is ever tried)",
					   st->stack, pvlink_region_name(r), (unsigned long)rg->size,
					   (PAGE_SIZE << PVLINK_BOOT_MAX_ORDER) >> 20);
			region_pages[r] = 0;
			return -1;
		}
		rg->mem = (void *)(uintptr_t)region_pages[r];	/* identity map */
		if (r != PVLINK_PERCPU)	/* percpu: the plan set the offset */
			rg->addr = region_pages[r];
	}
	if (take_pages(ctx->work_size ? ctx->work_size : 1, &work_pages, &work_order)) {
		PVLINK_BOOT_REASON(st, "stack %s: no free memory for the linker's workspace (%lu bytes in one piece)",
				   st->stack, (unsigned long)ctx->work_size);
		work_pages = 0;
		return -1;
	}
	return 0;
}

/*
 * text read-only and executable, the rest not executable, rodata and
 * the GOT read-only: before anything runs in the stack (new pages are
 * not executable).  A failure is worth a warning, not a refused link
 * (the page-attribute code may not do it on every platform).
 */
void pvlink_pages_protect(void)
{
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		unsigned long addr = region_pages[r];
		unsigned long n = 1ul << region_order[r];
		int err;

		if (r == PVLINK_PERCPU || !addr)
			continue;
		switch (r) {
		case PVLINK_TEXT:
			err = set_memory_ro(addr, n) | set_memory_x(addr, n);
			break;
		case PVLINK_RODATA:
		case PVLINK_GOT:
			err = set_memory_ro(addr, n) | set_memory_nx(addr, n);
			break;
		default:
			err = set_memory_rw(addr, n) | set_memory_nx(addr, n);
			break;
		}
		if (err)
			pr_warn("pvlink: could not set the page protections of the %s region at %#lx (%lu pages): it stays writable and executable\n",
				pvlink_region_name(r), addr, n);
	}
}
