// SPDX-License-Identifier: GPL-2.0
/*
 * Stack traces by walking the frame-pointer chain (the kernel builds
 * with -fno-omit-frame-pointer): each frame starts with the caller's
 * %rbp and the return address.  The walk stops at a null, misaligned,
 * out-of-order or implausibly distant frame, so a corrupt stack cannot
 * send it wandering.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <asm/page.h>
#include <asm/traps.h>

#define TRACE_DEPTH_MAX		16
#define FRAME_DISTANCE_MAX	(64 * 1024)

/* " [<address>] function+0xoff" (or just the address outside the code). */
void print_address(const char *prefix, unsigned long addr, const char *suffix)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		printk(KERN_EMERG "%s[<%016lx>] %s+%#lx%s\n", prefix, addr, name, off, suffix);
	else
		printk(KERN_EMERG "%s[<%016lx>]%s\n", prefix, addr, suffix);
}

void show_trace(unsigned long rbp)
{
	unsigned long prev = 0;

	for (int depth = 0; depth < TRACE_DEPTH_MAX; depth++) {
		const unsigned long *frame = (const unsigned long *)rbp;

		if (!rbp || (rbp & 7) || rbp >= IDENTITY_MAP_SIZE - 16)
			return;
		if (prev && (rbp <= prev || rbp - prev > FRAME_DISTANCE_MAX))
			return;
		if (!frame[1])
			return;
		print_address(" ", frame[1], "");
		prev = rbp;
		rbp = frame[0];
	}
	printk(KERN_EMERG " ...\n");
}

void dump_stack(void)
{
	printk(KERN_EMERG "Call trace:\n");
	show_trace((unsigned long)__builtin_frame_address(0));
}
