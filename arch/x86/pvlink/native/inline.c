// SPDX-License-Identifier: GPL-2.0
/*
 * The native backend's inline bodies (PVLINK_INLINE(), asm/pvlink.h).
 *
 * Each body does what the op's function in arch/x86/kernel/pvops_native.c
 * does, under the op's C calling convention (arguments in %rdi, %rsi,
 * result in %rax) and touching only registers a call may clobber (%rax,
 * %rdx).  Patching writes a body over the kernel's 5-byte call when it
 * fits, so on native these ops cost their instructions and nothing more.
 *
 * irq_save is "save and disable" (pushf; pop; cli), as the function is.
 * irq_restore has no body: the function changes IF alone (sti or cli by
 * its argument's IF bit), and nothing of 5 bytes does exactly that;
 * "push %rdi; popf" would load every other flag of the argument too
 * (DF, AC, TF, NT) at inlined sites only.  Its sites are direct calls.
 */
#include <linux/pvlink_backend.h>
#include <asm/pvops.h>

PVLINK_INLINE(irq_disable, "cli");
PVLINK_INLINE(irq_enable, "sti");
PVLINK_INLINE(irq_save, "pushfq; popq %rax; cli");
/* sti's interrupt shadow covers hlt: no wake-up is lost in between. */
PVLINK_INLINE(safe_halt, "sti; hlt");
PVLINK_INLINE(halt, "hlt");

PVLINK_INLINE(read_cr0, "movq %cr0, %rax");
PVLINK_INLINE(write_cr0, "movq %rdi, %cr0");
PVLINK_INLINE(read_cr2, "movq %cr2, %rax");
PVLINK_INLINE(write_cr2, "movq %rdi, %cr2");
PVLINK_INLINE(read_cr3, "movq %cr3, %rax");
PVLINK_INLINE(write_cr3, "movq %rdi, %cr3");
PVLINK_INLINE(read_cr4, "movq %cr4, %rax");
PVLINK_INLINE(write_cr4, "movq %rdi, %cr4");

PVLINK_INLINE(flush_tlb_one, "invlpg (%rdi)");
PVLINK_INLINE(set_pte, "movq %rsi, (%rdi)");
PVLINK_INLINE(read_pte, "movq (%rdi), %rax");
/*
 * Nothing to do natively, and a body cannot be empty: the one 5-byte NOP
 * (SDM vol. 2B, NOP: 0f 1f 44 00 00), the call's own size, so a site
 * costs one NOP and no call.  As bytes: assemblers may drop the zero
 * displacement and make it four.
 */
PVLINK_INLINE(pt_alloc, ".byte 0x0f, 0x1f, 0x44, 0x00, 0x00");
/* Nothing to undo either: the result, 0, and nothing else. */
PVLINK_INLINE(pt_free, "xorl %eax, %eax");

/* Port numbers arrive in %di (or %si), the port instructions want %dx. */
PVLINK_INLINE(inb, "movl %edi, %edx; inb %dx, %al");
PVLINK_INLINE(inw, "movl %edi, %edx; inw %dx, %ax");
PVLINK_INLINE(inl, "movl %edi, %edx; inl %dx, %eax");
PVLINK_INLINE(outb, "movl %edi, %eax; movl %esi, %edx; outb %al, %dx");
PVLINK_INLINE(outl, "movl %edi, %eax; movl %esi, %edx; outl %eax, %dx");
/*
 * Six bytes (the operand-size prefix): longer than the call, so sites
 * stay direct calls.  Kept to show, and test, that rule on real code.
 */
PVLINK_INLINE(outw, "movl %edi, %eax; movl %esi, %edx; outw %ax, %dx");
PVLINK_INLINE(io_delay, "xorl %eax, %eax; outb %al, $0x80");
