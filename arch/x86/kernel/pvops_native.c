// SPDX-License-Identifier: GPL-2.0
/*
 * The built-in native pv-op implementation: bare hardware, or a
 * hypervisor that emulates it (QEMU, KVM, a Xen HVM/PVH guest).
 *
 * With arch/x86/boot/, this is the only place privileged instructions
 * may appear (the checker in "make check" enforces it).
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/setup.h>
#include <asm/processor-flags.h>
#include <asm/pvops.h>

#define COM1_BASE		0x3f8
#define UART_TX			0	/* transmit holding register */
#define UART_LSR		5	/* line status */
#define UART_LSR_THRE		0x20	/* transmit holding register empty */

/* QEMU isa-debug-exit, as the tests configure it: iobase=0xf4, iosize=4. */
#define ISA_DEBUG_EXIT_PORT	0xf4

/* i8253/i8254 PIT channel 2, gated by port 0x61 (ISA legacy). */
#define PIT_HZ			1193182
#define PIT_CH2			0x42
#define PIT_CMD			0x43
#define PIT_GATE		0x61

static unsigned long native_irq_save(void)
{
	unsigned long flags;

	asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static void native_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		asm volatile("sti" : : : "memory");
	else
		asm volatile("cli" : : : "memory");
}

static void native_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

static void native_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

/* sti's one-instruction interrupt shadow makes "sti; hlt" race-free. */
static void native_safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static void native_halt(void)
{
	asm volatile("hlt" : : : "memory");
}

static void native_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile("cpuid"
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf));
}

#define NATIVE_CR(n)							\
	static unsigned long native_read_cr##n(void)			\
	{								\
		unsigned long v;					\
		asm volatile("mov %%cr" #n ", %0" : "=r"(v));		\
		return v;						\
	}								\
	static void native_write_cr##n(unsigned long v)			\
	{								\
		asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");	\
	}
NATIVE_CR(0)
NATIVE_CR(2)
NATIVE_CR(3)
NATIVE_CR(4)

static void native_load_idt(const struct desc_ptr *dtr)
{
	asm volatile("lidt %0" : : "m"(*dtr));
}

static void native_load_gdt(const struct desc_ptr *dtr)
{
	asm volatile("lgdt %0" : : "m"(*dtr));
}

static void native_load_tr(u16 selector)
{
	asm volatile("ltr %0" : : "rm"(selector));
}

static void native_write_idt_entry(struct gate_desc *idt, unsigned int vector,
				   const struct gate_desc *gate)
{
	/*
	 * cppcheck's cross-file check pairs the pv-op functions the PV_OPS()
	 * X-macro makes (all on one line of native/ops.c) with the wrong
	 * calls: it sees pv_cpuid(0, 0, &r) pass a NULL idt here.
	 */
	/* cppcheck-suppress [ctunullpointer,ctuuninitvar] */
	idt[vector] = *gate;
}

static u64 native_rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static void native_wrmsr(u32 msr, u64 val)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
}

static u8 native_inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static u16 native_inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static u32 native_inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void native_outb(u8 v, u16 port)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static void native_outw(u16 v, u16 port)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static void native_outl(u32 v, u16 port)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* A write to the unused POST port takes about a microsecond on ISA. */
static void native_io_delay(void)
{
	native_outb(0, 0x80);
}

static void native_flush_tlb_all(void)
{
	unsigned long cr4 = native_read_cr4();

	/* Toggling CR4.PGE also drops global entries (SDM vol. 3, 4.10.4.1). */
	if (cr4 & X86_CR4_PGE) {
		native_write_cr4(cr4 & ~X86_CR4_PGE);
		native_write_cr4(cr4);
	} else {
		native_write_cr3(native_read_cr3());
	}
}

static void native_flush_tlb_one(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static void native_set_pte(u64 *ptep, u64 pte)
{
	*(volatile u64 *)ptep = pte;
}

/* The entry holds a physical address as it is: a load. */
static u64 native_read_pte(const u64 *ptep)
{
	return *(const volatile u64 *)ptep;
}

/* Any zeroed page may be a page table: nothing to prepare. */
static void native_pt_alloc(u64 *table, unsigned int level)
{
}

/* And any unlinked table is ordinary memory at once: nothing to undo. */
static int native_pt_free(u64 *table, unsigned int level)
{
	return 0;
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/*
 * TSC frequency, measured once against 10 ms of PIT channel 2.  Where no
 * PIT answers (a Xen PVH guest has none) assume 1 GHz: sched_clock()
 * must be monotonic, its scale only approximate.
 */
static u64 tsc_khz;

static void calibrate_tsc(void)
{
	const u16 count = PIT_HZ / 100;
	u64 t0, t1;
	u32 spins = 0;
	u8 gate = native_inb(PIT_GATE);

	native_outb((gate & ~0x02) | 0x01, PIT_GATE);	/* gate on, speaker off */
	native_outb(0xb0, PIT_CMD);	/* channel 2, lo/hi byte, mode 0, binary */
	native_outb(count & 0xff, PIT_CH2);
	native_outb(count >> 8, PIT_CH2);
	t0 = rdtsc();
	while (!(native_inb(PIT_GATE) & 0x20) && ++spins < 10000000)
		;
	t1 = rdtsc();
	native_outb(gate, PIT_GATE);
	tsc_khz = t1 > t0 ? (t1 - t0) / 10 : 0;
	/* No PIT: the gate bit never or always reads set. */
	if (spins >= 10000000 || tsc_khz < 1000) {
		tsc_khz = 1000000;
		pr_warn("sched_clock: no PIT to calibrate the TSC against, assuming 1 GHz\n");
	}
}

static u64 native_sched_clock(void)
{
	u64 t;

	if (!tsc_khz)
		calibrate_tsc();
	t = rdtsc();
	/* ns = cycles * 10^6 / kHz, split to avoid overflow */
	return (t / tsc_khz) * 1000000 + (t % tsc_khz) * 1000000 / tsc_khz;
}

/* The local APIC timer, at the rate apic.c measured (arch/x86/kernel/apic.c). */
static void native_timer_oneshot(u64 ns)
{
	lapic_timer_oneshot(ns);
}

/* A fixed IPI through the local APIC (arch/x86/kernel/apic.c). */
static int native_send_ipi(unsigned int cpu, unsigned int vector)
{
	return lapic_send_ipi_cpu(cpu, vector);
}

static void native_console_write(const char *s, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++) {
		for (int spin = 0; spin < 100000; spin++)
			if (native_inb(COM1_BASE + UART_LSR) & UART_LSR_THRE)
				break;
		native_outb(s[i], COM1_BASE + UART_TX);
	}
}

/*
 * isa-debug-exit makes QEMU exit with (value << 1) | 1.  Without that
 * device, force a triple fault (an empty IDT and a breakpoint): with
 * -no-reboot QEMU then stops instead of looping.
 */
static void native_shutdown(int status)
{
	static const struct desc_ptr no_idt = { .size = 0, .address = 0 };

	native_irq_disable();
	native_outl(status ? 1 : 0, ISA_DEBUG_EXIT_PORT);
	native_load_idt(&no_idt);
	asm volatile("int3");
	for (;;)
		native_halt();
}

/*
 * The pvlink native backend (arch/x86/pvlink/native/) compiles this same
 * file with PVOPS_NATIVE_BACKEND defined and exports global pv_<op>
 * definitions instead of this table: one implementation, two users.
 */
#ifndef PVOPS_NATIVE_BACKEND
/* Built from the pv-op list: a missing native_<name> fails the build. */
#define NATIVE_OP(type, name, params, args)	.name = native_##name,
#define NATIVE_VOP(name, params, args)		.name = native_##name,
const struct pvops pvops_native = {
	PV_OPS(NATIVE_OP, NATIVE_VOP, NATIVE_VOP)
};
#endif
