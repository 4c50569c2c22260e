// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel(): the generic boot flow, the same for every entry.
 *
 * Generic code tests capabilities (boot_has(), pvops_available()), never
 * the entry's name.
 */
#include <linux/bootinfo.h>
#include <linux/cmdline.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <linux/pvlink.h>
#include <linux/reboot.h>
#include <linux/selftest.h>
#include <linux/smp.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <generated/version.h>

struct boot_info boot_info;

static const char *const entry_names[] = {
	[BOOT_ENTRY_PVH] = "pvh",
	[BOOT_ENTRY_MULTIBOOT2] = "multiboot2",
	[BOOT_ENTRY_XEN_PV] = "xen-pv",
};

static void print_banner(const struct boot_info *bi)
{
	const char *entry = (unsigned int)bi->entry < ARRAY_SIZE(entry_names) ?
		entry_names[bi->entry] : "unknown";

	/* No pv-ops yet: pvlink_boot() says which it installs. */
	printk(KERN_INFO "pvlink reference kernel %s, entry %s, caps%s%s%s\n",
	       KERNEL_VERSION_STRING, entry,
	       boot_has(BOOT_CAP_PRIV) ? " priv" : "",
	       boot_has(BOOT_CAP_XEN) ? " xen" : "",
	       boot_has(BOOT_CAP_DEBUG_EXIT) ? " debug-exit" : "");
	printk(KERN_INFO "Command line: %s\n", cmdline_raw());
}

static void parse_loglevel(void)
{
	const char *v = cmdline_get("loglevel");

	if (v && *v)
		console_set_loglevel((int)simple_strtoull(v, NULL, 10));
}

void start_kernel(struct boot_info *bi)
{
	int failed = 0;

	percpu_early_probe();
	if (bi != &boot_info)
		boot_info = *bi;
	bi = &boot_info;

	cmdline_init(bi->cmdline);
	parse_loglevel();
	/* Each entry registered its console (natively the 8250). */
	print_banner(bi);

	memmap_print(bi);
	report_boot_modules(bi);
	page_alloc_init(bi);
	/*
	 * Test mode only: a pv-op used before the link must stop the
	 * kernel with a message naming it (arch/x86/kernel/pvops.c).
	 */
	if (IS_ENABLED(CONFIG_PVLINK_TESTING) && cmdline_has("pvlink.early_pvop"))
		pv_io_delay();
	pvlink_boot(bi);

	arch_setup(bi);
	if (pvops_available()) {
		mark_kernel_protections();
		smp_boot_cpus();
	}
	pvlink_boot_finish();

	if (IS_ENABLED(CONFIG_SELFTEST))
		failed = selftests_run(cmdline_get("selftest"));
	machine_exit(failed ? 1 : 0);
}
