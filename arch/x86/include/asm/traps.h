/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exceptions and interrupt vectors (Intel SDM vol. 3, table 6-1).
 */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#define X86_TRAP_DE		0	/* divide error */
#define X86_TRAP_DB		1	/* debug */
#define X86_TRAP_NMI		2
#define X86_TRAP_BP		3	/* int3 */
#define X86_TRAP_OF		4
#define X86_TRAP_BR		5
#define X86_TRAP_UD		6	/* invalid opcode */
#define X86_TRAP_NM		7
#define X86_TRAP_DF		8	/* double fault */
#define X86_TRAP_TS		10
#define X86_TRAP_NP		11
#define X86_TRAP_SS		12
#define X86_TRAP_GP		13	/* general protection */
#define X86_TRAP_PF		14	/* page fault */
#define X86_TRAP_MF		16
#define X86_TRAP_AC		17
#define X86_TRAP_MC		18
#define X86_TRAP_XF		19
#define X86_TRAP_VE		20
#define X86_TRAP_CP		21
#define NR_EXCEPTION_VECTORS	32

/* Interrupt vectors the kernel uses. */
#define LOCAL_TIMER_VECTOR	0xec
/*
 * Xen's event notifications to an HVM/PVH guest (HVM_PARAM_CALLBACK_IRQ,
 * type vector: the xen-pvh backend), the vector Linux gives them.
 */
#define HYPERVISOR_CALLBACK_VECTOR	0xf3
/* Wakes an application processor waiting for smp_call_on_cpu() (Linux's). */
#define CALL_FUNCTION_VECTOR	0xfb
#define SPURIOUS_APIC_VECTOR	0xff

/*
 * _ASM_EXTABLE(from, to) in inline assembly: a fault at label "from"
 * resumes at label "to" instead of ending the run.  The fault is recorded
 * (last_trap) for the code that expected it.
 */
#define _ASM_EXTABLE(from, to)				\
	".pushsection __ex_table, \"a\"\n\t"		\
	".balign 8\n\t"					\
	".quad " #from ", " #to "\n\t"			\
	".popsection\n\t"

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs;

/* The last exception that was fixed up through the exception table. */
struct trap_record {
	unsigned long count;	/* incremented on each fixup */
	u64 vector;
	u64 error_code;
	u64 rip;		/* where it happened */
	u64 cr2;		/* for #PF */
	/*
	 * Interrupts were on while the handler ran (read through the
	 * irq_save pv-op, once pv-ops are installed): never, since every
	 * gate is an interrupt gate, and under Xen PV every trap-table
	 * entry masks events.
	 */
	bool irqs_on;
};
extern struct trap_record last_trap;

typedef void (*irq_handler_t)(struct pt_regs *regs);

/*
 * Route interrupt @vector (>= 32) to @handler; NULL makes it unexpected.
 * A handler does not signal the end of the interrupt: the IDT path does
 * (the local APIC's EOI), a backend delivering it its own way needs none.
 */
void set_irq_handler(unsigned int vector, irq_handler_t handler);

/**
 * handle_irq() - run the handler registered for an interrupt vector
 * @vector: the vector (>= 32); one without a handler is ignored.
 * @regs:   the interrupted context.
 *
 * No EOI: for backends that deliver interrupts their own way (the Xen PV
 * event upcall calls it with LOCAL_TIMER_VECTOR for VIRQ_TIMER).  Exported
 * to backends.
 *
 * Context: interrupts off, in the interrupt's own context.
 */
void handle_irq(unsigned int vector, struct pt_regs *regs);

/*
 * Exceptions reach do_trap(): the IDT is loaded (idt_init()) or, under
 * Xen PV, the trap table is registered.  Code that raises exceptions on
 * purpose (the exceptions self-test) checks this first.
 */
void mark_trap_handling_ready(void);
bool trap_handling_ready(void);

/* Called by the entry code (entry_64.S) for every vector. */
void do_trap(struct pt_regs *regs);

/* Print "<prefix>[<addr>] function+0xoff<suffix>". */
void print_address(const char *prefix, unsigned long addr, const char *suffix);

/* Print a stack trace starting at frame pointer @rbp. */
void show_trace(unsigned long rbp);

/* Stubs for all 256 vectors (entry_64.S). */
extern const u64 vector_stubs[256];
#endif

#endif /* _ASM_X86_TRAPS_H */
