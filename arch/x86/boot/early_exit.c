// SPDX-License-Identifier: GPL-2.0
/*
 * Ending the run before the boot-time link has installed pv-ops.
 *
 * Once pv-ops are installed machine_exit() calls pv_shutdown(); before
 * that its fallback would be the "not linked" panic, whose own
 * machine_exit() stops in a nested panic and spins.  The ring-0 entries
 * set this hook instead, which does what the native implementation does
 * with its own instructions (isa-debug-exit, then a triple fault, which
 * QEMU -no-reboot turns into a stop).  Never a hang, never a reboot loop.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/boot.h>
#include <asm/desc.h>

/* QEMU's isa-debug-exit device, as configured by the boot environments. */
#define EARLY_DEBUG_EXIT_PORT	0xf4

static void __noreturn early_exit(int status)
{
	static const struct desc_ptr no_idt = { .size = 0, .address = 0 };

	asm volatile("cli");
	asm volatile("outl %0, %1" : : "a"((u32)(status ? 1 : 0)),
		     "Nd"((u16)EARLY_DEBUG_EXIT_PORT));
	/* No device there (bare metal): stop the CPU for good. */
	asm volatile("lidt %0; int3" : : "m"(no_idt));
	for (;;)
		asm volatile("hlt");
}

void early_exit_init(void)
{
	set_machine_exit_hook(early_exit);
}
