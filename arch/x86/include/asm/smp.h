/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 application-processor start-up: what the boot CPU leaves in memory
 * for an AP's trampoline (arch/x86/boot/trampoline.S), and the CPUs the
 * ACPI MADT lists (acpi.c).
 *
 * The offsets are for the assembly; smpboot.c checks them against the
 * structures at compile time.
 */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

/* struct ap_start_slot: one per CPU number, found by APIC ID. */
#define AP_SLOT_APIC_ID		0
#define AP_SLOT_STACK		8
#define AP_SLOT_SIZE		16
/* An APIC ID no CPU has: the slot is not in use. */
#define AP_SLOT_UNUSED		0xffffffff

/* struct ap_cpu_state: the boot CPU's control registers, 32-bit halves. */
#define AP_STATE_CR0		0
#define AP_STATE_CR3		4
#define AP_STATE_CR4		8
#define AP_STATE_EFER		12	/* low half, high half at 16 */
#define AP_STATE_SIZE		20

/* APIC IDs recorded from the MADT. */
#define ACPI_MAX_CPUS		256

#ifndef __ASSEMBLY__

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/desc.h>
#include <asm/segment.h>

/**
 * struct ap_start_slot - where an AP finds its stack
 * @apic_id:   the AP's APIC ID (CPUID, as apic_cpu_id() reads it), or
 *             AP_SLOT_UNUSED
 * @reserved:  0
 * @stack_top: initial %rsp; 0 sends the AP back to halt
 *
 * An AP looks its own slot up by APIC ID, so it can never take another
 * CPU's stack, even if it wakes up late.  The index is its CPU number.
 */
struct ap_start_slot {
	u32 apic_id;
	u32 reserved;
	u64 stack_top;
};

/**
 * struct ap_cpu_state - the paging state every AP enters long mode with
 * @cr0:  the boot CPU's CR0 (PE, PG, WP, cache enabled)
 * @cr3:  the kernel's top-level page table; below 4 GiB
 * @cr4:  the boot CPU's CR4, less what 32-bit code may not set (PCIDE)
 * @efer: the boot CPU's EFER (LME, NXE, ...), less the read-only LMA
 */
struct ap_cpu_state {
	u32 cr0;
	u32 cr3;
	u32 cr4;
	u32 efer[2];
} __packed;

extern struct ap_start_slot ap_start_slots[CONFIG_NR_CPUS];
extern struct ap_cpu_state ap_cpu_state;

/*
 * The real-mode trampoline (arch/x86/boot/trampoline.S): position
 * independent, copied to a page below 1 MiB whose page number is the
 * STARTUP IPI's vector.  It enters long mode and jumps to ap_start_64,
 * which finds the AP's slot and calls smp_ap_main(cpu) on its stack.
 */
extern const char ap_trampoline_start[], ap_trampoline_end[];
void __noreturn smp_ap_main(unsigned int cpu);

/* What smp_cpus[].state says about a CPU. */
enum smp_cpu_state {
	SMP_CPU_ABSENT,		/* no CPU has this number */
	SMP_CPU_STARTING,	/* INIT and STARTUP sent, not answered yet */
	SMP_CPU_ALIVE,		/* the AP claimed its slot: it runs kernel code */
	SMP_CPU_ONLINE,		/* set up, waiting in its mailbox loop */
	SMP_CPU_FAILED,		/* did not start in time, or stopped answering:
				 * sent INIT, never used again */
};

/*
 * An AP's own GDT and TSS (asm/desc.h), in two pages: the GDT alone in
 * the first (GDT_PAGE_ENTRIES), the TSS at the start of the second.
 */
struct ap_tables {
	u64 gdt[GDT_PAGE_ENTRIES];
	struct tss tss;
};
#define AP_TABLES_ORDER		1

/**
 * struct smp_cpu - one CPU number, as the boot CPU and the AP share it
 * @state:     enum smp_cpu_state; changed with atomics (see smpboot.c)
 * @apic_id:   the CPU's APIC ID
 * @call_seq:  mailbox: bumped by smp_call_on_cpu() after @fn, @arg
 * @done_seq:  mailbox: set to @call_seq by the AP once @fn returned
 * @fn:        mailbox: the function to run
 * @arg:       mailbox: its argument
 * @seen_cpu:  cpu_number as the AP read it through %gs when it came up
 * @wake_by_ipi: the AP waits for its calls halted, interrupts on, and
 *             smp_call_on_cpu() wakes it with CALL_FUNCTION_VECTOR
 *             (pv_send_ipi()); 0: it polls its mailbox, interrupts off
 * @seen_area: this_cpu_off as the AP read it: its area's address
 * @tables:    the AP's GDT and TSS
 * @df_stack_top: top of its double-fault stack
 *
 * Application processors never print (printk has no lock): what an AP
 * finds is left here and the boot CPU reports it.  Each CPU's entry has
 * its own cache line, so that an AP spinning on its mailbox does not
 * slow down the others.
 */
struct smp_cpu {
	u32 state;
	u32 apic_id;
	u32 call_seq;
	u32 done_seq;
	void (*fn)(void *arg);
	void *arg;
	u32 seen_cpu;
	u32 wake_by_ipi;
	u64 seen_area;
	struct ap_tables *tables;
	void *df_stack_top;
} __aligned(64);

extern struct smp_cpu smp_cpus[CONFIG_NR_CPUS];

/*
 * CPUs the platform has (ACPI MADT, or Xen's vCPUs) that the kernel did
 * not start because CONFIG_NR_CPUS has no room for them; for the
 * self-tests.
 */
extern unsigned int smp_cpus_left_out;

/* The page the APs started from (0: none was used); for the self-tests. */
extern phys_addr_t smp_trampoline_pa;

/**
 * smp_alloc_ap_memory() - take an AP's stack, double-fault stack and tables
 * @c:   the CPU's entry: @c->tables (zeroed) and @c->df_stack_top are set
 * @cpu: its number, for the message
 *
 * Return: the top of its stack, or 0 when memory is short (said, and
 * nothing kept).
 */
uintptr_t smp_alloc_ap_memory(struct smp_cpu *c, unsigned int cpu);

/**
 * smp_free_ap_memory() - give back what smp_alloc_ap_memory() took
 * @c:         the CPU's entry
 * @stack_top: what smp_alloc_ap_memory() returned
 *
 * Only for a CPU that never ran: one that may have run keeps its memory.
 */
void smp_free_ap_memory(struct smp_cpu *c, uintptr_t stack_top);

/* The mailbox loop an online AP runs (smp.c). */
void __noreturn smp_ap_idle(struct smp_cpu *c);
/*
 * The handler of CALL_FUNCTION_VECTOR, set before the first AP starts:
 * the wake-up is the interrupt itself, the handler only counts it.
 */
void smp_ipi_init(void);
/* Halt this CPU for good, interrupts off (until an INIT). */
void __noreturn smp_ap_park(void);

/* CPUs the MADT lists as enabled, in its order; the boot CPU among them. */
extern u32 acpi_cpu_apic_id[ACPI_MAX_CPUS];
extern unsigned int acpi_nr_cpu_ids;
/* The local APIC address the MADT gives (0 if no MADT). */
extern u32 acpi_lapic_addr;

#endif /* __ASSEMBLY__ */

#endif /* _ASM_X86_SMP_H */
