// SPDX-License-Identifier: GPL-2.0
/*
 * Page tables under Xen PV: set_pte, read_pte, pt_alloc, pt_free,
 * read_cr3, write_cr3 and the TLB flushes.
 *
 * The kernel sees pseudo-physical frames (pfn): its direct map is
 * virtual == pseudo-physical.  The page tables hold machine frames (mfn)
 * and are mapped read-only: Xen validates every write (mmu_update).  So
 * set_pte converts pfn -> mfn through start_info's p2m list, read_pte
 * converts back through the M2P table Xen maps at MACH2PHYS_VIRT_START,
 * and a frame the domain does not own as RAM (shared_info, or I/O
 * memory beyond its pages) comes back from read_pte as the machine frame
 * tagged with XEN_PV_PTE_MACHINE, a bit the hardware ignores, so that a
 * read-modify-write by the kernel (set_memory_*) maps the same frame.
 *
 * Xen maps the M2P table only where machine memory is (its chunks over a
 * large hole, I/O space among them, stay unmapped): an entry is read
 * with read_u64_nofault(), as Linux reads it with a fault-tolerant
 * accessor, and a frame whose entry cannot be read is not the domain's.
 */
#include <linux/kernel.h>
#include <linux/pvlink_backend.h>
#include <asm/nofault.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/pvops.h>
#include <xen/hypercall.h>
#include <xen/mmu.h>

#include "xen-pv.h"

/*
 * Bits 58:52 of an entry are ignored by the CPU (SDM vol. 3A, 4.5,
 * tables 4-19 and 4-20) and the kernel sets none of them: bit 58 marks
 * "this entry's frame is machine, not pseudo-physical".  Never passed
 * to Xen.
 */
#define XEN_PV_PTE_MACHINE	(1ULL << 58)

/*
 * A 64-bit PV kernel runs in ring 3, so Xen makes every page it maps
 * user-accessible: a leaf entry written without PTE_USER gets PTE_USER
 * and bit 52, Xen's mark for "a kernel page" (_PAGE_GUEST_KERNEL; Xen
 * 4.17, arch/x86/pv/mm.h, adjust_guest_l1e()).  read_pte takes both off
 * again, so the kernel reads back what it wrote.
 */
#define XEN_PV_PTE_GUEST_KERNEL	(1ULL << 52)

/* Refused mmu_update requests reported in full; the rest are counted. */
#define XEN_PV_MMU_REPORTS	8

static const u64 *p2m;			/* pfn -> mfn, start_info.mfn_list */
static unsigned long nr_pfns;		/* start_info.nr_pages */
static const u64 *m2p = (const u64 *)MACH2PHYS_VIRT_START;
static unsigned long max_mfn;		/* frames of the host, M2P bound */
/*
 * Each vCPU's loaded root (its CR3), pseudo-physical; 0 until known.
 * An AP starts on the root VCPUOP_initialise gave it (arch/x86/xen/
 * smp_pv.c), which the backend learns on first use from CR3 itself:
 * Xen emulates a PV kernel's mov from %cr3 (the root's machine address).
 */
static unsigned long root_pfn[CONFIG_NR_CPUS];
static unsigned int mmu_errors;

u64 xen_pv_pfn_to_mfn(u64 pfn)
{
	/*
	 * Dom0 sees I/O memory at its machine address: frames above its
	 * RAM are their own machine frames (as Linux's identity p2m).
	 */
	return pfn < nr_pfns ? p2m[pfn] : pfn;
}

u64 xen_pv_virt_to_machine(const void *va)
{
	unsigned long a = (unsigned long)va;

	return (xen_pv_pfn_to_mfn(a >> PAGE_SHIFT) << PAGE_SHIFT) | (a & ~PAGE_MASK);
}

/* The pseudo-physical frame of @mfn, or ~0 if the domain has none. */
static u64 mfn_to_pfn(u64 mfn)
{
	u64 pfn;

	if (mfn >= max_mfn || mfn >= MACH2PHYS_NR_ENTRIES)
		return ~0ULL;
	if (read_u64_nofault(&m2p[mfn], &pfn))
		return ~0ULL;		/* a hole in the M2P table */
	/* Frames of other owners (Xen's shared_info) map back elsewhere. */
	if (pfn >= nr_pfns || p2m[pfn] != mfn)
		return ~0ULL;
	return pfn;
}

static u64 pte_to_machine(u64 pte)
{
	if (!(pte & PTE_PRESENT))
		return pte;
	if (pte & XEN_PV_PTE_MACHINE)
		return pte & ~XEN_PV_PTE_MACHINE;
	return (pte & ~PTE_ADDR_MASK) |
	       (xen_pv_pfn_to_mfn((pte & PTE_ADDR_MASK) >> PAGE_SHIFT) << PAGE_SHIFT);
}

static u64 pte_from_machine(u64 pte)
{
	u64 pfn;

	if (!(pte & PTE_PRESENT))
		return pte;
	if (pte & XEN_PV_PTE_GUEST_KERNEL)
		pte &= ~(XEN_PV_PTE_GUEST_KERNEL | PTE_USER);
	pfn = mfn_to_pfn((pte & PTE_ADDR_MASK) >> PAGE_SHIFT);
	if (pfn == ~0ULL)
		return pte | XEN_PV_PTE_MACHINE;
	return (pte & ~PTE_ADDR_MASK) | (pfn << PAGE_SHIFT);
}

static void mmu_error(const char *what, unsigned long arg, u64 val, long rc)
{
	if (mmu_errors++ < XEN_PV_MMU_REPORTS)
		printk(KERN_ERR "xen-pv: %s %#lx (value %#llx) refused by Xen (error %ld)%s\n",
		       what, arg, (unsigned long long)val, rc,
		       mmu_errors == XEN_PV_MMU_REPORTS ? "; further refusals are not reported" : "");
}

/*
 * The init maps shared_info through pte_ptr(): before the percpu areas
 * exist xen_pv_cpu() is 0 without reading cpu_number, which the percpu
 * rule of inits cannot see (PVLINK_PERCPU_CHECKED() below).
 */
static __noinline unsigned long cur_root_pfn(void)
{
	unsigned long *root = &root_pfn[xen_pv_cpu()];

	if (!*root) {
		unsigned long cr3;
		u64 pfn;

		asm volatile("movq %%cr3, %0" : "=r"(cr3));
		pfn = mfn_to_pfn((cr3 & PTE_ADDR_MASK) >> PAGE_SHIFT);
		if (pfn == ~0ULL) {
			mmu_error("reading the root from CR3", cr3, 0, -1);
			return root_pfn[0];
		}
		*root = pfn;
	}
	return *root;
}
PVLINK_PERCPU_CHECKED(cur_root_pfn);

/* The level-1 entry that maps @va (4 KiB pages only), or NULL. */
static u64 *pte_ptr(unsigned long va)
{
	u64 *table = (u64 *)(cur_root_pfn() << PAGE_SHIFT);

	for (int level = 4; level > 1; level--) {
		u64 e = pte_from_machine(table[(va >> (PAGE_SHIFT + 9 * (level - 1))) &
					       (PT_ENTRIES - 1)]);

		if (!(e & PTE_PRESENT) || (e & (PTE_PSE | XEN_PV_PTE_MACHINE)))
			return NULL;
		table = (u64 *)(unsigned long)(e & PTE_ADDR_MASK);
	}
	return &table[(va >> PAGE_SHIFT) & (PT_ENTRIES - 1)];
}


static long mmuext(unsigned int cmd, unsigned long arg1)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };

	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

int xen_pv_map_ro(void *va)
{
	u64 *pte = pte_ptr((unsigned long)va);
	long rc;

	if (!pte)
		return -1;
	rc = HYPERVISOR_update_va_mapping((unsigned long)va, *pte & ~PTE_RW,
					  UVMF_INVLPG | UVMF_LOCAL);
	if (rc)
		mmu_error("update_va_mapping (read-only) of", (unsigned long)va, *pte, rc);
	return rc ? -1 : 0;
}

int xen_pv_map_mfn(void *va, u64 mfn)
{
	u64 *pte = pte_ptr((unsigned long)va);
	u64 val;
	long rc;

	if (!pte)
		return -1;
	val = (*pte & ~PTE_ADDR_MASK) | (mfn << PAGE_SHIFT) | PTE_RW;
	rc = HYPERVISOR_update_va_mapping((unsigned long)va, val, UVMF_INVLPG | UVMF_LOCAL);
	if (rc)
		mmu_error("update_va_mapping of", (unsigned long)va, val, rc);
	return rc ? -1 : 0;
}

void pv_set_pte(u64 *ptep, u64 pte)
{
	struct mmu_update req = {
		.ptr = xen_pv_virt_to_machine(ptep) | MMU_NORMAL_PT_UPDATE,
		.val = pte_to_machine(pte),
	};
	long rc = HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);

	if (rc)
		mmu_error("mmu_update of the entry at", (unsigned long)ptep, req.val, rc);
}

u64 pv_read_pte(const u64 *ptep)
{
	return pte_from_machine(*(const volatile u64 *)ptep);
}

/*
 * A new table: Xen types a page as a page table only if no writable
 * mapping of it exists, so the direct map's entry loses RW first; then
 * pinning validates it (all zero: trivially) and keeps the type.
 */
void pv_pt_alloc(u64 *table, unsigned int level)
{
	long rc;

	if (level < 1 || level > 4 || xen_pv_map_ro(table))
		return;
	rc = mmuext(MMUEXT_PIN_L1_TABLE + level - 1, xen_pv_pfn_to_mfn((unsigned long)table >> PAGE_SHIFT));
	if (rc)
		mmu_error("pinning the new table at", (unsigned long)table, level, rc);
}

/*
 * A table the kernel is done with (unlinked everywhere, as pt_free's
 * contract says): unpinning drops the type pt_alloc's pin kept, and with
 * no table referring to the page any more Xen lets it be mapped
 * writable again.  On every vCPU: another may still hold the read-only
 * entry in its TLB, and a write through it would fault.  Every table
 * the kernel frees went through pt_alloc, so every one is pinned.
 */
int pv_pt_free(u64 *table, unsigned int level)
{
	unsigned long va = (unsigned long)table;
	u64 *pte;
	long rc;

	if (level < 1 || level > 4)
		return -1;
	rc = mmuext(MMUEXT_UNPIN_TABLE, xen_pv_pfn_to_mfn(va >> PAGE_SHIFT));
	if (rc) {
		mmu_error("unpinning the table at", va, level, rc);
		return -1;
	}
	pte = pte_ptr(va);
	if (!pte)
		return -1;
	rc = HYPERVISOR_update_va_mapping(va, *pte | PTE_RW, UVMF_INVLPG | UVMF_ALL);
	if (rc) {
		/* Still referenced as a table somewhere: it stays one. */
		mmu_error("update_va_mapping (writable) of the freed table at", va, *pte, rc);
		return -1;
	}
	return 0;
}

unsigned long pv_read_cr3(void)
{
	return cur_root_pfn() << PAGE_SHIFT;
}

void pv_write_cr3(unsigned long val)
{
	unsigned long pfn = (val & PTE_ADDR_MASK) >> PAGE_SHIFT;
	long rc = mmuext(MMUEXT_NEW_BASEPTR, xen_pv_pfn_to_mfn(pfn));

	if (rc) {
		mmu_error("MMUEXT_NEW_BASEPTR to the root at", val, 0, rc);
		return;
	}
	root_pfn[xen_pv_cpu()] = pfn;
}

void pv_flush_tlb_all(void)
{
	long rc = mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0);

	if (rc)
		mmu_error("MMUEXT_TLB_FLUSH_LOCAL", 0, 0, rc);
}

void pv_flush_tlb_one(unsigned long addr)
{
	long rc = mmuext(MMUEXT_INVLPG_LOCAL, addr);

	if (rc)
		mmu_error("MMUEXT_INVLPG_LOCAL of", addr, 0, rc);
}

int xen_pv_mmu_init(struct xen_start_info *si)
{
	long rc;

	p2m = (const u64 *)si->mfn_list;
	nr_pfns = si->nr_pages;
	root_pfn[0] = si->pt_base >> PAGE_SHIFT;	/* virtual == pseudo-physical */
	rc = HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL);
	if (rc <= 0) {
		printk(KERN_ERR "xen-pv: XENMEM_maximum_ram_page failed (Xen error %ld): cannot bound the M2P table\n",
		       rc);
		return -1;
	}
	max_mfn = (unsigned long)rc;
	return 0;
}
