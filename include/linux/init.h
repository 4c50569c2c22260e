/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/bootinfo.h>
#include <linux/compiler.h>

/**
 * start_kernel() - the generic kernel, entered from every entry path
 * @bi: filled by the entry (memory map, modules, command line, caps)
 *
 * The entry has registered its console(s) and may have set a
 * machine-exit hook.  Until a console is up nothing here needs a pv-op, so an
 * entry without one (Xen PV, ring 3) can call this directly.
 *
 * Context: boot CPU, interrupts off.  Never returns.
 */
void __noreturn start_kernel(struct boot_info *bi);

/* Report the boot modules ("module: ..." lines); init/bootmod.c. */
void report_boot_modules(const struct boot_info *bi);

/* The first and last bytes of each boot module, as the loader gave them. */
#define BOOT_MODULE_END_BYTES	16
struct boot_module_ends {
	unsigned int n;			/* bytes kept at each end */
	u8 head[BOOT_MODULE_END_BYTES];
	u8 tail[BOOT_MODULE_END_BYTES];
};
extern struct boot_module_ends boot_module_ends[BOOT_MOD_MAX];

#endif /* _LINUX_INIT_H */
