// SPDX-License-Identifier: GPL-2.0
/*
 * The C side of the native entries (PVH, multiboot2): ring 0, identity
 * paging on.  Sets up what must work before any pv-op exists (early
 * console, exit path, IDT: all without pv-ops), turns the loader's
 * information into boot_info and starts the kernel.  No pv-op is
 * installed here: the boot-time link (pvlink_boot()) installs the linked
 * backend stack, or the built-in native pv-ops as the fallback.
 */
#include <linux/bootinfo.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <asm/boot.h>
#include <asm/page.h>
#include <xen/pvh.h>

void boot_add_mem(struct boot_info *bi, u64 start, u64 size, u32 type)
{
	if (bi->nr_mem == BOOT_MEM_MAX) {
		pr_warn("boot: more than %d memory ranges, [%#lx +%#lx] ignored\n",
			BOOT_MEM_MAX, start, size);
		return;
	}
	bi->mem[bi->nr_mem].start = start;
	bi->mem[bi->nr_mem].size = size;
	bi->mem[bi->nr_mem].type = type;
	bi->nr_mem++;
}

void boot_add_rsv(struct boot_info *bi, u64 start, u64 size)
{
	if (!size)
		return;
	if (bi->nr_rsv == BOOT_RSV_MAX) {
		pr_err("boot: more than %d reserved ranges, [%#lx +%#lx] is not protected\n",
		       BOOT_RSV_MAX, start, size);
		return;
	}
	bi->rsv[bi->nr_rsv].start = start;
	bi->rsv[bi->nr_rsv].size = size;
	bi->rsv[bi->nr_rsv].type = BOOT_MEM_RESERVED;
	bi->nr_rsv++;
}

void boot_add_module(struct boot_info *bi, u64 start, u64 size, const char *cmdline)
{
	if (start + size < start || start + size > IDENTITY_MAP_SIZE) {
		pr_err("boot: module at %#lx, %lu bytes, is beyond the 4 GiB identity map: ignored\n",
		       (unsigned long)start, (unsigned long)size);
		return;
	}
	if (bi->nr_mod == BOOT_MOD_MAX) {
		pr_warn("boot: more than %d modules, module at %#lx ignored\n",
			BOOT_MOD_MAX, start);
		return;
	}
	bi->mod[bi->nr_mod].start = start;
	bi->mod[bi->nr_mod].size = size;
	bi->mod[bi->nr_mod].virt = (void *)(uintptr_t)start;	/* identity map */
	bi->mod[bi->nr_mod].cmdline = cmdline;
	bi->nr_mod++;
}

void x86_native_start(u32 kind, u32 info)
{
	struct boot_info *bi = &boot_info;

	/*
	 * Console, exit path and exception reports before anything reads
	 * the loader's data: a bad pointer there is then reported, not a
	 * triple fault.  The boot GDT (head.S) has the kernel's selectors.
	 */
	early_console_init();
	early_exit_init();
	early_idt_init();
	early_percpu_init();
	early_platform_facts(bi);
	bi->caps = BOOT_CAP_PRIV | BOOT_CAP_DEBUG_EXIT;
	bi->cmdline = "";
	if (kind == X86_BOOT_PVH) {
		bi->entry = BOOT_ENTRY_PVH;
		pvh_parse(info, bi);
		/*
		 * A PVH dom0 under Xen: hypercall page, the memory map Xen
		 * did not put in hvm_start_info, console_io and the exit
		 * hook (arch/x86/xen/pvh.c).  Returns false elsewhere.
		 */
		xen_pvh_init(bi);
	} else {
		bi->entry = BOOT_ENTRY_MULTIBOOT2;
		multiboot2_parse(info, bi);
		if (xen_cpuid_base())
			bi->caps |= BOOT_CAP_XEN;
	}
	start_kernel(bi);
	panic("start_kernel() returned");
}
