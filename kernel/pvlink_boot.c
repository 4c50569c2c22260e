// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink_boot(): link the backend stack for this platform, or fall back.
 *
 * The decision in one place: "pvlink=off", "pvlink=<name>" or the rules
 * (lib/pvlink/select.c); the link itself is pvlink.c.  Whatever goes
 * wrong before the stack's pv-ops are installed is logged as
 *
 *	pvlink: <reason>; using the built-in native pv-ops
 *
 * and the built-in native pv-ops are installed instead - where the
 * kernel runs in ring 0.  A Xen PV kernel has no built-in pv-ops to fall
 * back on: it prints the reason and what to do, and ends the run as a
 * failure.
 *
 * Init-only.
 */
#include <linux/bootinfo.h>
#include <linux/cmdline.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/reboot.h>
#include <linux/string.h>
#include <asm/pvops.h>

#include "pvlink_boot.h"

static void fall_back(struct pvlink_boot_state *st)
{
	/* Nothing was linked: a stack refused after selection is in the reason. */
	st->stack[0] = '\0';
	if (boot_has(BOOT_CAP_PRIV)) {
		pvops_install(&pvops_native, "native");
		if (IS_ENABLED(CONFIG_PVLINK))
			printk(KERN_WARNING "pvlink: %s; using the built-in native pv-ops\n",
			       st->reason);
		return;
	}
	/*
	 * Xen PV: ring 3, so no built-in pv-op could run, and the kernel
	 * cannot go on without any.  Say why and what to do (printk reaches
	 * Xen's console through console_io), then end the run as a failure
	 * (the Xen exit hook: SCHEDOP_shutdown, reason crash).
	 */
	printk(KERN_EMERG "pvlink: %s\n", st->reason);
	printk(KERN_EMERG "pvlink: this kernel runs in ring 3 (Xen PV) and has no built-in pv-ops to fall back on: give Xen the pvlink.img built with this vmlinux as the module after the kernel, with no pvlink= or one naming a Xen PV backend; stopping\n");
	machine_exit(1);
}

void pvlink_boot(struct boot_info *bi)
{
	struct pvlink_boot_state *st = &pvlink_boot_state;
	const char *opt = cmdline_get("pvlink");

	st->image_mod = -1;
	if (!IS_ENABLED(CONFIG_PVLINK)) {
		PVLINK_BOOT_REASON(st, "the kernel is built without CONFIG_PVLINK");
		fall_back(st);
		return;
	}
	/* Looked for even when not used, so that pvlink_boot_finish() frees it. */
	pvlink_find_image(bi, st);
	if (opt && !strcmp(opt, "off")) {
		PVLINK_BOOT_REASON(st, "pvlink=off on the command line");
	} else if (opt && !*opt) {
		PVLINK_BOOT_REASON(st, "\"pvlink\" on the command line needs a value: pvlink=<backend name> or pvlink=off");
	} else if (st->image_mod >= 0 && !pvlink_boot_link(bi, opt)) {
		printk(KERN_INFO "pvlink: stack %s linked from %s; its pv-ops are installed\n",
		       st->stack, st->image);
		return;
	}
	fall_back(st);
}
