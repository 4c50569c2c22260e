/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pv-op interface: every operation the kernel needs that a
 * hypervisor may have to perform for it, in ONE list.
 *
 * The kernel calls each pv-op as a plain C function, pv_<name>(), and
 * nothing else: outside arch/x86/boot/ and the native implementation
 * (arch/x86/kernel/pvops_native.c) the kernel contains no privileged
 * instruction.  Because every pv_<name> is a real global function, the
 * relocations the linker keeps (--emit-relocs) name every call site; a
 * later build step turns them into the site table pvlink patches.  So
 * the "pv_" prefix is reserved for the pv-op entry points themselves:
 * helpers of this interface are named pvops_*.
 *
 * Today pv_<name>() dispatches through pvops_table.  It starts with a
 * handler per op that panics naming the op ("not linked"); an entry
 * path running in ring 0 installs the built-in native implementation.
 *
 * PV_OPS(OP, VOP, NOP) expands the list:
 *	OP(type, name, (params), (args))	returns type
 *	VOP(name, (params), (args))		returns nothing
 *	NOP(name, (params), (args))		never returns
 */
#ifndef _ASM_X86_PVOPS_H
#define _ASM_X86_PVOPS_H

#include <linux/types.h>

struct desc_ptr;
struct gate_desc;

/* Result of the cpuid instruction for one leaf/subleaf. */
struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

#define PV_OPS(OP, VOP, NOP)						\
	/* interrupt flag; flags use the EFLAGS.IF bit */		\
	OP(unsigned long, irq_save, (void), ())				\
	VOP(irq_restore, (unsigned long flags), (flags))		\
	VOP(irq_disable, (void), ())					\
	VOP(irq_enable, (void), ())					\
	/* enable interrupts and wait for one, atomically */		\
	VOP(safe_halt, (void), ())					\
	/* wait for an interrupt, flag unchanged */			\
	VOP(halt, (void), ())						\
	VOP(cpuid, (u32 leaf, u32 subleaf, struct cpuid_regs *regs),	\
		(leaf, subleaf, regs))					\
	OP(unsigned long, read_cr0, (void), ())				\
	VOP(write_cr0, (unsigned long val), (val))			\
	OP(unsigned long, read_cr2, (void), ())				\
	VOP(write_cr2, (unsigned long val), (val))			\
	OP(unsigned long, read_cr3, (void), ())				\
	VOP(write_cr3, (unsigned long val), (val))			\
	OP(unsigned long, read_cr4, (void), ())				\
	VOP(write_cr4, (unsigned long val), (val))			\
	VOP(load_idt, (const struct desc_ptr *dtr), (dtr))		\
	VOP(load_gdt, (const struct desc_ptr *dtr), (dtr))		\
	/* load the task register (the TSS holds the IST stacks) */	\
	VOP(load_tr, (u16 selector), (selector))			\
	VOP(write_idt_entry, (struct gate_desc *idt, unsigned int vector, \
		const struct gate_desc *gate), (idt, vector, gate))	\
	OP(u64, rdmsr, (u32 msr), (msr))				\
	VOP(wrmsr, (u32 msr, u64 val), (msr, val))			\
	/* the short delay legacy devices need between accesses */	\
	VOP(io_delay, (void), ())					\
	OP(u8, inb, (u16 port), (port))					\
	OP(u16, inw, (u16 port), (port))				\
	OP(u32, inl, (u16 port), (port))				\
	VOP(outb, (u8 val, u16 port), (val, port))			\
	VOP(outw, (u16 val, u16 port), (val, port))			\
	VOP(outl, (u32 val, u16 port), (val, port))			\
	VOP(flush_tlb_all, (void), ())					\
	VOP(flush_tlb_one, (unsigned long addr), (addr))		\
	/* write one page-table entry (Xen PV validates each one) */	\
	VOP(set_pte, (u64 *ptep, u64 pte), (ptep, pte))			\
	/*								\
	 * read one page-table entry, its frame as a (pseudo-)physical	\
	 * address: what set_pte takes (Xen PV: machine to pseudo-	\
	 * physical through the M2P table)				\
	 */								\
	OP(u64, read_pte, (const u64 *ptep), (ptep))			\
	/*								\
	 * the zeroed page @table (a direct-map address) becomes a page	\
	 * table of @level (1 = PTE table, 2 = PMD, 3 = PUD, 4 = root):	\
	 * called before the set_pte that links it in (Xen PV maps it	\
	 * read-only and pins it)					\
	 */								\
	VOP(pt_alloc, (u64 *table, unsigned int level), (table, level))	\
	/*								\
	 * the page @table, a table of @level announced with pt_alloc	\
	 * and now linked into no table, loaded in no CR3 and flushed	\
	 * from every TLB, becomes ordinary memory again, to be freed:	\
	 * 0, or non-zero if the platform still holds it as a table	\
	 * (then it must never be written or freed).  Xen PV unpins it	\
	 * and maps it writable again				\
	 */								\
	OP(int, pt_free, (u64 *table, unsigned int level), (table, level)) \
	/* nanoseconds since an arbitrary point, monotonic */		\
	OP(u64, sched_clock, (void), ())				\
	/*								\
	 * arm this CPU's one-shot timer: the LOCAL_TIMER_VECTOR handler	\
	 * (set_irq_handler()) runs once, about @ns from now, as soon as	\
	 * interrupts are on; 0 cancels					\
	 */								\
	VOP(timer_oneshot, (u64 ns), (ns))				\
	/*								\
	 * interrupt CPU @cpu (a CPU number) with @vector (>= 32; its	\
	 * handler runs there once, set_irq_handler(); several sends	\
	 * before it runs may be taken as one, as with a local APIC's	\
	 * IRR): 0, or non-zero if it could not be sent		\
	 */								\
	OP(int, send_ipi, (unsigned int cpu, unsigned int vector),	\
		(cpu, vector))						\
	/* the platform's debug console, independent of drivers */	\
	VOP(console_write, (const char *s, unsigned int len), (s, len))	\
	/* end the run: 0 = pass, else fail (isa-debug-exit natively) */\
	NOP(shutdown, (int status), (status))

/* The table pv_<name>() dispatches through. */
#define PVOPS_MEMBER(type, name, params, args)	type (*name) params;
#define PVOPS_VMEMBER(name, params, args)	void (*name) params;
struct pvops {
	PV_OPS(PVOPS_MEMBER, PVOPS_VMEMBER, PVOPS_VMEMBER)
};
#undef PVOPS_MEMBER
#undef PVOPS_VMEMBER

/* The entry points the kernel calls. */
#define PVOPS_DECLARE(type, name, params, args)	type pv_##name params;
#define PVOPS_VDECLARE(name, params, args)	void pv_##name params;
#define PVOPS_NDECLARE(name, params, args)	\
	void __attribute__((noreturn)) pv_##name params;
PV_OPS(PVOPS_DECLARE, PVOPS_VDECLARE, PVOPS_NDECLARE)
#undef PVOPS_DECLARE
#undef PVOPS_VDECLARE
#undef PVOPS_NDECLARE

/* Longest implementation name pvops_name() keeps: a pvlink stack's fits. */
#define PVOPS_NAME_MAX	272

/**
 * pvops_install() - make every pv-op dispatch to @ops
 * @ops: a complete table (every member set)
 * @name: the implementation's name, for messages (copied; at most
 *        PVOPS_NAME_MAX - 1 characters are kept)
 *
 * Context: boot CPU, interrupts off, before any other CPU runs.
 */
void pvops_install(const struct pvops *ops, const char *name);

/**
 * pvops_available() - has an implementation been installed?
 *
 * Return: false while pv-ops would panic as "not linked" (a Xen PV
 * kernel before its backend is linked); code that can do without a
 * pv-op tests this and reports what it skipped.
 */
bool pvops_available(void);

/** pvops_name() - name of the installed implementation, or "none". */
const char *pvops_name(void);

/**
 * pvops_get() - copy the table pv_<name>() dispatches through
 * @ops: filled with the installed functions (the "not linked" handlers
 *       before pvops_install())
 *
 * For the self-tests: the functions must be the linked stack's.
 */
void pvops_get(struct pvops *ops);

/* The built-in native implementation (arch/x86/kernel/pvops_native.c). */
extern const struct pvops pvops_native;

#endif /* _ASM_X86_PVOPS_H */
