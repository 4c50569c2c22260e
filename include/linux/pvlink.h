/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvlink, the kernel's side: exporting symbols to backends, importing
 * symbols from the linked stack, and the boot-time link itself
 * (kernel/pvlink.c), with the record of what it did.
 *
 * The linker library the boot-time link is built on is in
 * <linux/pvlink_lib.h>, the layouts it reads in <linux/pvlink_abi.h>,
 * and what a backend includes in <linux/pvlink_backend.h>.
 */
#ifndef _LINUX_PVLINK_H
#define _LINUX_PVLINK_H

#include <linux/types.h>
#include <linux/pvlink_abi.h>
#include <linux/pvlink_lib.h>

/*
 * Exports: what a backend may resolve against the kernel.  Each
 * PVLINK_EXPORT() leaves the symbol's name in section
 * PVLINK_EXPORT_SECTION of vmlinux (its records: <linux/pvlink_abi.h>);
 * "pvimage tables" turns the list into the hashed struct
 * pvlink_export_table, linked in a later pass like kallsyms
 * (scripts/Makefile.vmlinux).  Nothing else is resolvable.  The section
 * is not allocated: it costs no memory at run time.
 */

#define __PVLINK_EXPORT(sym, kind)					\
	asm(".pushsection " PVLINK_EXPORT_SECTION ", \"\", @progbits\n\t" \
	    ".asciz \"" kind #sym "\"\n\t"				\
	    ".popsection")

/** PVLINK_EXPORT() - let backends call or read @sym (a global). */
#define PVLINK_EXPORT(sym)		__PVLINK_EXPORT(sym, "F")
/** PVLINK_EXPORT_PERCPU() - let backends use percpu variable @var. */
#define PVLINK_EXPORT_PERCPU(var)	__PVLINK_EXPORT(var, "P")

/* The table the build generates (empty in the first link pass). */
extern const struct pvlink_export_table pvlink_kernel_exports;

/* The tables "pvimage tables" generates into vmlinux (<linux/pvlink_abi.h>). */
extern const struct pvlink_site_table pvlink_sites;
extern const struct pvlink_pvop_entries pvlink_pvop_entries;
extern const struct pvlink_digest_list pvlink_allowed_digests;

/* The boot-time link (kernel/pvlink_boot.c and friends). */
struct boot_info;


/**
 * arch_pvlink_platform() - the facts selection matches, from @bi
 * @bi: what the entry path found (it read CPUID: no pv-op is needed).
 * @p:  filled.
 *
 * Context: boot CPU, before pv-ops exist.
 */
void arch_pvlink_platform(const struct boot_info *bi, struct pvlink_platform *p);

/**
 * arch_pvlink_cycles() - a cycle counter that needs no pv-op
 *
 * For timing the boot-time link (the TSC on x86); converted to time
 * once a clock exists.
 */
u64 arch_pvlink_cycles(void);

#define PVLINK_REASON_MAX	(PVLINK_MSG_MAX + 128)

/**
 * struct pvlink_boot_state - what the boot-time link did (resident)
 * @linked:    a backend stack is linked and its pv-ops are installed.
 * @stack:     its name, bottom first ("native+test"); "" if not linked.
 * @image:     the image's name: the module's command line if the loader
 *             gave one, else "the boot module"; "" if there was none.
 * @image_mod: index in boot_info.mod[] of the image, -1 if none.
 * @image_freed: the image's pages went back to the allocator.
 * @reason:    why nothing was linked (what, where); "" when linked.
 * @nr_passed: candidate stacks passed over (pvlink_candidates()).
 * @passed:    why each was, "; " between two (truncated if long).
 * @first_reason: why the first was: @reason when none is linked.
 * @region:    where each region of the stack lives (@addr: run-time
 *             address; percpu: offset in every CPU's area) and its size.
 * @nr_relocs: relocations applied.
 * @patch:     site counts from arch_pvlink_patch_sites().
 * @link_cycles: arch_pvlink_cycles() spent from reading the image to
 *             installing the pv-ops.
 * @link_us:   the same in microseconds (set by pvlink_boot_finish()).
 * @freed_bytes: memory given back by pvlink_boot_finish(): the image,
 *             the percpu template and the kernel's init-only memory.
 */
struct pvlink_boot_state {
	bool linked;
	char stack[PVLINK_STACK_NAME_MAX];
	char image[64];
	int image_mod;
	bool image_freed;
	char reason[PVLINK_REASON_MAX];
	unsigned int nr_passed;
	char passed[2 * PVLINK_REASON_MAX];
	char first_reason[PVLINK_REASON_MAX];
	struct {
		u64 addr;
		u64 size;
	} region[PVLINK_NR_REGIONS];
	u64 nr_relocs;
	struct {
		unsigned int sites;
		unsigned int inlined;
		unsigned int direct;
		unsigned int table;
	} patch;
	u64 link_cycles;
	u64 link_us;
	u64 freed_bytes;
};
extern struct pvlink_boot_state pvlink_boot_state;

/**
 * struct pvlink_import - a symbol the kernel takes from the linked stack
 * @name:  the symbol's name.
 * @value: its run-time address, or its percpu offset (PVLINK_SYM_PERCPU
 *         in @flags: use per_cpu_ptr((type *)@value, cpu)).
 * @flags: PVLINK_SYM_* bits.
 * @found: the boot-time link found it; @value is 0 otherwise.
 */
struct pvlink_import {
	const char *name;
	u64 value;
	u32 flags;
	bool found;
};

/*
 * Where PVLINK_IMPORT() records live (inside .data, bounded by the
 * linker script); the boot-time link walks them.
 */
#define PVLINK_IMPORT_SECTION	"pvlink_imports"
extern struct pvlink_import __start_pvlink_imports[], __stop_pvlink_imports[];

/**
 * PVLINK_IMPORT() - ask the boot-time link for a symbol of the stack
 * @var: the struct pvlink_import to define.
 * @sym: the symbol's name, a string ("test_io_delays").
 *
 * For things the kernel wants from the linked stack that are not pv-ops
 * (pv-ops are patched call sites), percpu variables included.  After
 * pvlink_boot(), @var.found says whether the stack defines @sym (a global
 * of any of its objects, the top one winning) and @var.value where.
 * Nothing is found when nothing was linked (no image, fallback,
 * pvlink=off): code using an import must test @var.found.
 *
 *	PVLINK_IMPORT(io_delays, "test_io_delays");
 *	if (io_delays.found)
 *		n = *per_cpu_ptr((unsigned long *)io_delays.value, cpu);
 */
#define PVLINK_IMPORT(var, sym)						\
	struct pvlink_import var					\
	__attribute__((section(PVLINK_IMPORT_SECTION), used, aligned(8))) = { \
		.name = sym,						\
	}

/**
 * pvlink_boot() - install the pv-ops for this platform
 * @bi: what the entry found (modules, command line, entry mode, CPUID).
 *
 * Finds the image among the boot modules, checks that it is bound to
 * this kernel, selects the backend stack (or takes "pvlink=<name>"),
 * links it into pages of its own, patches every pv-op call site to it,
 * installs its pv-ops and fills every PVLINK_IMPORT().  On any error, on
 * "pvlink=off" or without an image, it logs why and installs the
 * built-in native pv-ops where the kernel runs in ring 0.
 * pvlink_boot_state records the outcome.
 *
 * Context: boot CPU, once, before the first pv-op call, interrupts off.
 */
void pvlink_boot(struct boot_info *bi);

/**
 * pvlink_boot_finish() - free the image and the linker, print the summary
 *
 * Gives the image and the kernel's init-only memory (the linker among
 * it) back to the page allocator and prints the one "pvlink: linked"
 * or "pvlink: not linked" line.
 *
 * Context: boot CPU, once, at the end of boot, after the other CPUs
 * have started; no init-only code or data may be used afterwards.
 */
void pvlink_boot_finish(void);

#endif /* _LINUX_PVLINK_H */
