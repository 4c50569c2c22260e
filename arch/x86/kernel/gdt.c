// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's GDT, replacing the boot one (which lives in the entry
 * code's read-only data), and the TSS.  Same selectors (asm/segment.h).
 *
 * The TSS exists for its interrupt stack table: a double fault runs on
 * its own stack (IST_DOUBLE_FAULT), so a kernel stack overflow - which
 * faults on the guard page below the boot stack (arch/x86/boot/head.S)
 * and then cannot push the #PF frame - is still reported.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pvops.h>
#include <asm/segment.h>

#define IST_STACK_SIZE		(16 * 1024)
/* System-segment type 9: available 64-bit TSS (SDM vol. 3, table 3-2). */
#define DESC_TSS_AVAILABLE	0x9ULL
#define DESC_PRESENT		(1ULL << 47)

static u64 gdt_table[GDT_PAGE_ENTRIES] __aligned(GDT_PAGE_BYTES);
static struct tss tss __aligned(16);
static u8 double_fault_stack[IST_STACK_SIZE] __aligned(16);

/* A 16-byte TSS descriptor (SDM vol. 3, 8.2.3), as two GDT entries. */
static void set_tss_desc(u64 *desc, const struct tss *t)
{
	u64 base = (uintptr_t)t, limit = sizeof(*t) - 1;

	desc[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (DESC_TSS_AVAILABLE << 40) | DESC_PRESENT |
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	desc[1] = base >> 32;
}

_Static_assert(GDT_PAGE_BYTES == PAGE_SIZE, "a GDT is one page");
_Static_assert(GDT_ENTRIES <= GDT_PAGE_ENTRIES, "the GDT fits its page");

void gdt_load_cpu(u64 *gdt, struct tss *t, void *df_stack_top)
{
	struct desc_ptr dtr = {
		.size = GDT_ENTRIES * sizeof(u64) - 1,
		.address = (uintptr_t)gdt,
	};

	t->ist[IST_DOUBLE_FAULT - 1] = (uintptr_t)df_stack_top;
	t->io_bitmap_base = sizeof(*t);	/* no I/O bitmap */

	gdt[0] = 0;
	gdt[GDT_ENTRY_KERNEL_CS] = GDT_KERNEL_CS_DESC;
	gdt[GDT_ENTRY_KERNEL_DS] = GDT_KERNEL_DS_DESC;
	gdt[GDT_ENTRY_KERNEL32_CS] = GDT_KERNEL32_CS_DESC;
	/* Rewritten each time: ltr marks the descriptor busy, and ltr of a busy TSS faults. */
	set_tss_desc(&gdt[GDT_ENTRY_TSS], t);

	pv_load_gdt(&dtr);
	/*
	 * Under Xen PV (no BOOT_CAP_PRIV) the kernel runs in ring 3 on Xen's
	 * flat selectors, which stay valid whatever GDT is loaded: loading
	 * the kernel's ring-0 selectors would fault, so they are not.
	 */
	if (!boot_has(BOOT_CAP_PRIV)) {
		pv_load_tr(__KERNEL_TSS);
		return;
	}
	/* Reload the cached descriptors: CS by a far return, then the data ones. */
	asm volatile("pushq %[cs]\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "movl %[ds], %%eax\n\t"
		     "movl %%eax, %%ds\n\t"
		     "movl %%eax, %%es\n\t"
		     "movl %%eax, %%ss\n\t"
		     : : [cs] "i"(__KERNEL_CS), [ds] "i"(__KERNEL_DS) : "rax", "memory");
	pv_load_tr(__KERNEL_TSS);
}

void gdt_init(void)
{
	gdt_load_cpu(gdt_table, &tss, double_fault_stack + IST_STACK_SIZE);
}
