/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 32-bit entries and the switch to long mode.
 *
 * PVH (Xen's hvm start protocol, docs/misc/pvh.pandoc): 32-bit protected
 * mode, paging off, flat CS/DS, %ebx = physical address of
 * hvm_start_info, no usable stack or GDT.
 * Multiboot2 (spec 3.3): the same, with %eax = 0x36d76289 and
 * %ebx = the information structure.
 *
 * Both load our GDT, zero .bss, map the first 4 GiB 1:1 (2 MiB pages, the
 * kernel image in 4 KiB pages, nothing but kernel text executable), enter
 * long mode and call x86_native_start(kind, info) on the boot stack.
 */
#include <asm/boot.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <xen/elfnote.h>

/* The PVH entry note: QEMU and Xen read it from the PT_NOTE segment. */
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 4				/* namesz: "Xen\0" */
	.long 8				/* descsz: one 64-bit address */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad pvh_entry
	.balign 4
	.popsection

/* Multiboot2 header: must be 8-byte aligned in the first 32 KiB. */
	.pushsection .head.multiboot2, "a"
	.balign 8
	.globl mb2_header
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/*
	 * Address tag (spec 3.1.5): GRUB refuses ELF files that carry
	 * relocation sections, and vmlinux keeps its relocations for the
	 * pvlink site table.  With this tag GRUB loads the file as a flat
	 * image instead: the bytes from the header's file offset onwards go
	 * to header_addr onwards (vmlinux.lds.S keeps file offsets and
	 * addresses in step, checked after the link), up to load_end_addr;
	 * then zeroes up to bss_end_addr.
	 */
	.short MB2_HEADER_TAG_ADDRESS
	.short 0
	.long 24
	.long mb2_header		/* header_addr */
	.long _text			/* load_addr */
	.long _edata			/* load_end_addr */
	.long _end			/* bss_end_addr */
	/* Entry address tag (spec 3.1.6): required with the address tag. */
	.short MB2_HEADER_TAG_ENTRY_ADDRESS
	.short 0
	.long 12
	.long mb2_entry
	.balign 8
	/* end tag: type 0, flags 0, size 8 */
	.short 0
	.short 0
	.long 8
mb2_header_end:
	.popsection

	.section .head.text, "ax"
	.code32

	.globl pvh_entry
	.type pvh_entry, @function
pvh_entry:
	cli
	cld
	movl	%ebx, %esi
	movl	$X86_BOOT_PVH, %ebp
	jmp	startup_32
	.size pvh_entry, . - pvh_entry

	.globl mb2_entry
	.type mb2_entry, @function
mb2_entry:
	cli
	cld
	cmpl	$MB2_BOOTLOADER_MAGIC, %eax
	jne	boot_fail_32
	movl	%ebx, %esi
	movl	$X86_BOOT_MULTIBOOT2, %ebp
	jmp	startup_32
	.size mb2_entry, . - mb2_entry

/*
 * Entered by something that is not a multiboot2 loader: nothing to print
 * with yet.  Report a failure through isa-debug-exit and stop.
 */
boot_fail_32:
	movl	$1, %eax
	movw	$0xf4, %dx
	outl	%eax, %dx
1:	hlt
	jmp	1b

/* %esi = loader information, %ebp = X86_BOOT_* */
startup_32:
	lgdt	boot_gdt_desc
	ljmp	$__KERNEL32_CS, $1f
1:	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/* Loaders zero .bss, but no protocol here promises it. */
	movl	$__bss_start, %edi
	movl	$__bss_stop, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	$boot_stack_top, %esp

	/*
	 * No-execute (AMD64 APM vol. 3, CPUID Fn8000_0001 EDX bit 20; SDM
	 * vol. 3A 4.6): if the CPU has it, every page but the kernel text is
	 * mapped NX from the start, and EFER.NXE is turned on with long mode
	 * below.  %edx holds the high dword of a non-executable entry.
	 */
	movl	$CPUID_EXT_MAX, %eax
	cpuid
	cmpl	$CPUID_EXT_FEATURES, %eax
	jb	1f
	movl	$CPUID_EXT_FEATURES, %eax
	cpuid
	btl	$CPUID_EXT_EDX_NX, %edx
	jnc	1f
	movl	$(PTE_NX_HIGH), %edx
	movl	%edx, boot_pte_nx + 4
	jmp	2f
1:	xorl	%edx, %edx
2:
	/* 2048 PD entries of 2 MiB: 0 .. 4 GiB, none executable */
	movl	$boot_pd, %edi
	movl	$(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), %eax
	movl	$2048, %ecx
1:	movl	%eax, (%edi)
	movl	%edx, 4(%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	loop	1b

	/* four PDPT entries, one per PD page */
	movl	$boot_pdpt, %edi
	movl	$(boot_pd + _PAGE_PRESENT + _PAGE_RW), %eax
	movl	$4, %ecx
1:	movl	%eax, (%edi)
	movl	$0, 4(%edi)
	addl	$PAGE_SIZE, %eax
	addl	$8, %edi
	loop	1b

	movl	$(boot_pdpt + _PAGE_PRESENT + _PAGE_RW), boot_pml4

	/*
	 * The 2 MiB pages that hold the kernel image, in 4 KiB pages so that
	 * protections can follow its sections (vmlinux.lds.S): only
	 * [_text, _einittext) is executable; the boot stack's guard page is
	 * left out, so a stack overflow faults instead of silently
	 * overwriting what lies below the stack.  Read-only comes later
	 * (mark_kernel_protections()): the pv-op patcher writes the text.
	 */
	movl	$__kernel_map_start, %eax
	movl	$boot_kernel_pt, %edi
1:	movl	%eax, %ebx
	orl	$(_PAGE_PRESENT | _PAGE_RW), %ebx
	movl	%edx, %ecx
	cmpl	$_text, %eax
	jb	2f
	cmpl	$_einittext, %eax
	jae	2f
	xorl	%ecx, %ecx
2:	cmpl	$boot_stack_guard, %eax
	jne	3f
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
3:	movl	%ebx, (%edi)
	movl	%ecx, 4(%edi)
	addl	$PAGE_SIZE, %eax
	addl	$8, %edi
	cmpl	$__kernel_map_end, %eax
	jb	1b

	/* and the PD entries of those 2 MiB pages point at the tables */
	movl	$__kernel_map_start, %eax
	shrl	$21, %eax			/* first PD index */
	movl	$(boot_kernel_pt + _PAGE_PRESENT + _PAGE_RW), %ebx
	movl	$__kernel_map_start, %ecx
1:	movl	%ebx, boot_pd(, %eax, 8)
	movl	$0, boot_pd + 4(, %eax, 8)
	addl	$PAGE_SIZE, %ebx
	incl	%eax
	addl	$0x200000, %ecx
	cmpl	$__kernel_map_end, %ecx
	jb	1b

	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	cmpl	$0, boot_pte_nx + 4
	je	1f
	orl	$EFER_NX, %eax
1:	wrmsr
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP), %eax
	movl	%eax, %cr0
	ljmp	$__KERNEL_CS, $startup_64

	.code64
startup_64:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$boot_stack_top, %esp
	movl	%ebp, %edi		/* kind */
	movl	%esi, %esi		/* info, zero-extended */
	xorl	%ebp, %ebp		/* ends the frame-pointer chain */
	call	x86_native_start
	ud2

	/* The NX bit of a page-table entry, or 0 without NX (asm/pgtable.h). */
	.section .data, "aw"
	.balign 8
	.globl boot_pte_nx
boot_pte_nx:
	.quad 0

	.section .rodata
	.balign 8
boot_gdt:
	.quad 0
	.quad GDT_KERNEL_CS_DESC
	.quad GDT_KERNEL_DS_DESC
	.quad GDT_KERNEL32_CS_DESC
boot_gdt_end:
boot_gdt_desc:
	.word boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	.section .bss..page_aligned, "aw", @nobits
	.balign PAGE_SIZE
	.globl boot_pml4
boot_pml4:
	.skip PAGE_SIZE
boot_pdpt:
	.skip PAGE_SIZE
boot_pd:
	.skip 4 * PAGE_SIZE
	.globl boot_kernel_pt
boot_kernel_pt:
	.skip KERNEL_MAP_PT_PAGES * PAGE_SIZE
	.globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:				/* not mapped */
	.skip PAGE_SIZE
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:
