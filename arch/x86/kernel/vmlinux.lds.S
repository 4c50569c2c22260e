/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmlinux layout.
 *
 * Linked at CONFIG_PHYSICAL_START (1 MiB) with virtual = physical, which
 * PVH, multiboot2 and a Xen PV dom0 (VIRT_BASE 0) all load as is: the
 * loaders place segments by p_paddr.
 *
 * Program headers:
 *   text    R X  multiboot2 header first (in the first 32 KiB of the
 *                file), entry code, code, init code, read-only data, notes
 *   percpu  RW   the percpu template: linked at virtual 0 so that the
 *                address of a percpu variable is its offset in every
 *                CPU's area (%gs-relative access); loaded before .data
 *   data    RW   data, init data, .bss, page tables, percpu areas
 *   note         every .note* input section: the PVH entry note, the Xen
 *                PV notes and the build id, where QEMU and Xen read them
 *
 * Each part with its own protection starts and ends on a page boundary,
 * so that the page tables can give it that protection (arch/x86/mm/
 * pageattr.c, mark_kernel_protections()):
 *   [_text, _etext)              kernel text          read-only, executable
 *   [_sinittext, _einittext)     init text            read-only, executable
 *                                                     until freed
 *   [__start_rodata, __end_rodata) read-only data      read-only, NX
 *   [__per_cpu_load, _end)       percpu template, data, init data, .bss
 *                                                     writable, NX
 * Init text and init data ([__init_data_begin, __init_data_end)) hold
 * the sections of the objects a Makefile lists in init-y (renamed
 * ".init.*" by scripts/Makefile.build); free_init_memory() poisons and
 * frees them at the end of boot.
 */
#include <asm/page.h>
#include <asm/pgtable.h>

#ifndef CONFIG_PVLINK_PERCPU_RESERVE
#define CONFIG_PVLINK_PERCPU_RESERVE 0
#endif

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(mb2_entry)

PHDRS {
	text PT_LOAD FLAGS(5);
	percpu PT_LOAD FLAGS(6);
	data PT_LOAD FLAGS(6);
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	/* First, so that .notes below does not collect these. */
	/DISCARD/ : {
		*(.note.GNU-stack)
		*(.note.gnu.property)
		*(.eh_frame)
		*(.comment)
		*(.init.note.gnu.property)
		*(.init.eh_frame)
	}

	. = CONFIG_PHYSICAL_START;
	_text = .;

	.text : {
		KEEP(*(.head.multiboot2))
		*(.head.text)
		_stext = .;
		*(.text .text.*)
		_etext = .;
	} :text

	/* Init-only code (init-y objects), on pages of its own. */
	. = ALIGN(PAGE_SIZE);
	.init.text : {
		_sinittext = .;
		*(.init.text .init.text.*)
		. = ALIGN(PAGE_SIZE);
		_einittext = .;
	} :text

	. = ALIGN(PAGE_SIZE);
	__start_rodata = .;
	.rodata : {
		*(.rodata .rodata.*)
	} :text

	/* Exception fixups: pairs of (faulting address, resume address). */
	__ex_table : ALIGN(8) {
		__start___ex_table = .;
		KEEP(*(__ex_table))
		__stop___ex_table = .;
	} :text

	/* Self-test suites, in link order. */
	.selftest_suites : ALIGN(8) {
		__start_selftest_suites = .;
		KEEP(*(.selftest_suites))
		__stop_selftest_suites = .;
	} :text

	.notes : ALIGN(4) {
		__start_notes = .;
		KEEP(*(.note.Xen))
		KEEP(*(.note.*))
		__stop_notes = .;
	} :text :note

	/* Function names for stack traces: last in the text segment. */
	.kallsyms : ALIGN(8) {
		KEEP(*(.kallsyms))
	} :text
	. = ALIGN(PAGE_SIZE);
	__end_rodata = .;

	/* The percpu template, loaded here, linked at 0 (first data). */
	. = ALIGN(PAGE_SIZE);
	__per_cpu_load = .;
	.data..percpu 0 : AT(__per_cpu_load) {
		__per_cpu_start = .;
		KEEP(*(.data..percpu..first))
		*(.data..percpu)
		. = ALIGN(64);
		__per_cpu_end = .;
	} :percpu
	. = __per_cpu_load + SIZEOF(.data..percpu);

	/* After the percpu section: ".data.*" would also match its inputs. */
	. = ALIGN(PAGE_SIZE);
	_sdata = .;
	.data : AT(ADDR(.data)) {
		*(.data .data.*)
		/* PVLINK_IMPORT() records, filled by the boot-time link. */
		. = ALIGN(8);
		__start_pvlink_imports = .;
		KEEP(*(pvlink_imports))
		__stop_pvlink_imports = .;
	} :data

	/*
	 * Init-only data, read-only data and .bss of init-y objects, on pages
	 * of their own (zeroes for their .bss are in the file: loaders zero
	 * only the .bss that follows).
	 */
	. = ALIGN(PAGE_SIZE);
	.init.data : AT(ADDR(.init.data)) {
		__init_data_begin = .;
		*(.init.data .init.data.*)
		*(.init.rodata .init.rodata.*)
		*(.init.bss .init.bss.*)
		. = ALIGN(PAGE_SIZE);
		__init_data_end = .;
	} :data
	_edata = .;

	/*
	 * One area per possible CPU: the template plus the room reserved
	 * for the percpu data of the pvlink backend, page-rounded.
	 */
	__per_cpu_reserve_size = CONFIG_PVLINK_PERCPU_RESERVE;
	/*
	 * The reserve starts page-aligned (PVLINK_MAX_ALIGN, the largest
	 * alignment a backend section may ask for): a backend's page-aligned
	 * percpu structure then links at any offset the plan gives it.
	 */
	__per_cpu_reserve = ALIGN(SIZEOF(.data..percpu), PAGE_SIZE);
	__per_cpu_area_stride = ALIGN(__per_cpu_reserve + CONFIG_PVLINK_PERCPU_RESERVE,
				      PAGE_SIZE);

	. = ALIGN(PAGE_SIZE);
	.bss : AT(ADDR(.bss)) {
		__bss_start = .;
		*(.bss..page_aligned)
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(PAGE_SIZE);
		__per_cpu_areas = .;
		. += CONFIG_NR_CPUS * __per_cpu_area_stride;
		__bss_stop = .;
	} :data
	. = ALIGN(PAGE_SIZE);
	_end = .;

	/* The 2 MiB pages head.S maps with 4 KiB pages (boot_kernel_pt). */
	__kernel_map_start = _text & ~(0x200000 - 1);
	__kernel_map_end = ALIGN(_end, 0x200000);
}

ASSERT(mb2_header - _text < 32768 - 4096, "multiboot2 header not in the first 32 KiB of the file")
ASSERT(__per_cpu_start == 0, "percpu section must be linked at 0")
ASSERT(_end <= 0x40000000, "kernel image beyond 1 GiB")
ASSERT(__kernel_map_end - __kernel_map_start <= KERNEL_MAP_PT_PAGES * 0x200000,
       "kernel image larger than the 4 KiB tables head.S has: raise KERNEL_MAP_PT_PAGES in asm/pgtable.h")
