/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Application-processor entry: from the real mode a STARTUP IPI leaves an
 * AP in (SDM vol. 3A, 9.4 "Multiple-Processor (MP) Initialization": CS =
 * vector << 8, IP = 0) to long mode on the kernel's page tables, then to
 * smp_ap_main() on the AP's own stack.
 *
 * ap_trampoline_start .. ap_trampoline_end is copied by smpboot.c to a
 * page below 1 MiB.  It runs wherever it is put: the real-mode part finds
 * its base from CS and fills in the two linear addresses it needs (its
 * GDT and its 32-bit entry) before using them.  Paging is still off, so
 * the write reaches the page whatever its page-table protection.
 *
 * The 32-bit part reads the boot CPU's CR0, CR3, CR4 and EFER from
 * ap_cpu_state (kernel data, below 4 GiB, reachable with 32-bit
 * addresses) and turns paging on.  From there on every fetch goes through
 * the kernel's page tables: smpboot.c maps the trampoline page executable
 * while APs start.  The far jump lands in ap_start_64, in kernel text.
 */
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/smp.h>

/* Offset inside the copied trampoline. */
#define TR(sym)		((sym) - ap_trampoline_start)

/*
 * The descriptors' "accessed" bit (SDM vol. 3A, 3.4.5.1), set in advance:
 * otherwise loading CS after paging is on writes it into the trampoline
 * page, which is read-only by then (a #PF with no IDT: triple fault).
 */
#define DESC_ACCESSED		(1 << 40)

/* CPUID leaves for the APIC ID: the rule of apic_cpu_id() (apic.c). */
#define CPUID_LEAF_FEATURES	0x1
#define CPUID_LEAF_TOPOLOGY	0xb

	.section .rodata, "a"
	.balign 16
	.globl ap_trampoline_start
ap_trampoline_start:
	.code16
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	movzwl	%ax, %ebx
	shll	$4, %ebx			/* linear base of the copy */
	leal	TR(tr_gdt)(%ebx), %eax
	movl	%eax, TR(tr_gdt_desc) + 2
	leal	TR(tr_protected)(%ebx), %eax
	movl	%eax, TR(tr_protected_ptr)
	lgdtl	TR(tr_gdt_desc)
	movl	%cr0, %eax
	orl	$X86_CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*TR(tr_protected_ptr)

	.code32
tr_protected:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	/* CR4 first: PAE must be on before paging with long mode enabled. */
	movl	ap_cpu_state + AP_STATE_CR4, %eax
	movl	%eax, %cr4
	movl	ap_cpu_state + AP_STATE_CR3, %eax
	movl	%eax, %cr3
	/* EFER: LME, and NXE when the kernel's page tables use NX bits. */
	movl	$MSR_EFER, %ecx
	movl	ap_cpu_state + AP_STATE_EFER, %eax
	movl	ap_cpu_state + AP_STATE_EFER + 4, %edx
	wrmsr
	/* PG on: long mode active, still in a 32-bit code segment. */
	movl	ap_cpu_state + AP_STATE_CR0, %eax
	movl	%eax, %cr0
	ljmp	$__KERNEL_CS, $ap_start_64

	/* The boot GDT's layout (asm/segment.h): the same selectors. */
	.balign 8
tr_gdt:
	.quad	0
	.quad	GDT_KERNEL_CS_DESC | DESC_ACCESSED
	.quad	GDT_KERNEL_DS_DESC | DESC_ACCESSED
	.quad	GDT_KERNEL32_CS_DESC | DESC_ACCESSED
tr_gdt_end:
tr_gdt_desc:
	.word	tr_gdt_end - tr_gdt - 1
	.long	0				/* base: set at run time */
tr_protected_ptr:				/* m16:32 for ljmpl */
	.long	0				/* offset: set at run time */
	.word	__KERNEL32_CS
	.globl ap_trampoline_end
ap_trampoline_end:

/*
 * 64-bit, in kernel text.  The AP looks for its APIC ID in ap_start_slots
 * (its index is the CPU number), takes that slot's stack and calls
 * smp_ap_main(cpu).  An AP without a slot, or whose slot has no stack,
 * halts with interrupts off: only another INIT wakes it.
 */
	.text
	.code64
	.globl ap_start_64
	.type ap_start_64, @function
ap_start_64:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs

	xorl	%eax, %eax
	xorl	%ecx, %ecx
	cpuid
	cmpl	$CPUID_LEAF_TOPOLOGY, %eax
	jb	1f
	movl	$CPUID_LEAF_TOPOLOGY, %eax
	xorl	%ecx, %ecx
	cpuid
	testl	%ebx, %ebx
	jz	1f
	movl	%edx, %r8d			/* x2APIC ID */
	jmp	2f
1:	movl	$CPUID_LEAF_FEATURES, %eax
	xorl	%ecx, %ecx
	cpuid
	shrl	$24, %ebx
	movl	%ebx, %r8d			/* initial APIC ID */

2:	leaq	ap_start_slots(%rip), %rsi
	xorl	%edi, %edi			/* CPU number */
3:	cmpl	%r8d, AP_SLOT_APIC_ID(%rsi)
	je	4f
	addq	$AP_SLOT_SIZE, %rsi
	incl	%edi
	cmpl	$CONFIG_NR_CPUS, %edi
	jb	3b
	jmp	ap_park

4:	movq	AP_SLOT_STACK(%rsi), %rsp
	testq	%rsp, %rsp
	jz	ap_park
	xorl	%ebp, %ebp			/* ends the frame-pointer chain */
	call	smp_ap_main
	/* smp_ap_main() does not return. */
ap_park:
	cli
	hlt
	jmp	ap_park
	.size ap_start_64, . - ap_start_64
