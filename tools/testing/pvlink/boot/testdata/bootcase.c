// SPDX-License-Identifier: GPL-2.0
/*
 * Backends that only a boot can refuse (suite 21): well-formed objects
 * with nothing undefined, so the first error is one of the kernel's own
 * limits, not of the corpus driver's.
 *
 *   -DBOOTCASE_PERCPU=N  N bytes of percpu data: more than the kernel's
 *                        percpu reserve for backends
 *   -DBOOTCASE_BSS=N     an N-byte bss: more than the guest's memory
 *   -DBOOTCASE_INIT_ORPHAN  stacked on native: an init that says it ran,
 *                        and an inline body for an op this object does
 *                        not define (pv_irq_disable): the call sites
 *                        cannot be patched, which the boot must find
 *                        before any init runs
 *   -DBOOTCASE_INIT      stacked on native: an init that says it ran and
 *                        has no exit, so it cannot be undone
 *   none of them         links, but defines no pv-op
 */

#ifdef BOOTCASE_PERCPU
__attribute__((section(".data..percpu"))) char bootcase_percpu[BOOTCASE_PERCPU] = { 1 };
#endif

#ifdef BOOTCASE_BSS
char bootcase_bss[BOOTCASE_BSS];
#endif

#if defined(BOOTCASE_INIT_ORPHAN) || defined(BOOTCASE_INIT)
struct boot_info;
int printk(const char *fmt, ...);
int pvlink_backend_init_corrupt(struct boot_info *bi);

int pvlink_backend_init_corrupt(struct boot_info *bi)
{
	(void)bi;
	printk("bootcase: init ran\n");
	return 0;
}
#endif

#ifdef BOOTCASE_INIT_ORPHAN
/* A record as PVLINK_INLINE(irq_disable, "cli") would leave: name, length, body. */
asm(".pushsection .pvlink.inline, \"\", @progbits\n\t"
    ".asciz \"irq_disable\"\n\t"
    ".byte 1\n\t"
    "cli\n\t"
    ".popsection");
#endif

int bootcase_func(void);

int bootcase_func(void)
{
	return 0;
}
