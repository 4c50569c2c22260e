// SPDX-License-Identifier: GPL-2.0
/*
 * Exception handling: a fault either has an entry in the exception table
 * (code that expects it, such as the self-tests) and resumes at its fixup,
 * or it is reported - vector, name, error code, RIP, CR2, registers and a
 * stack trace - and the run ends as a failure through machine_exit(1).
 * Never a return to the faulting instruction, never a reboot loop.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/boot.h>
#include <asm/page.h>
#include <asm/processor-flags.h>
#include <asm/ptrace.h>
#include <asm/pvops.h>
#include <asm/setup.h>
#include <asm/traps.h>

struct exception_table_entry {
	u64 insn;
	u64 fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

struct trap_record last_trap;
static irq_handler_t irq_handlers[256];
static int trap_depth;

static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE] = "#DE divide error",
	[X86_TRAP_DB] = "#DB debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP] = "#BP breakpoint",
	[X86_TRAP_OF] = "#OF overflow",
	[X86_TRAP_BR] = "#BR bound range exceeded",
	[X86_TRAP_UD] = "#UD invalid opcode",
	[X86_TRAP_NM] = "#NM device not available",
	[X86_TRAP_DF] = "#DF double fault",
	[9] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "#TS invalid TSS",
	[X86_TRAP_NP] = "#NP segment not present",
	[X86_TRAP_SS] = "#SS stack-segment fault",
	[X86_TRAP_GP] = "#GP general protection",
	[X86_TRAP_PF] = "#PF page fault",
	[X86_TRAP_MF] = "#MF x87 floating-point error",
	[X86_TRAP_AC] = "#AC alignment check",
	[X86_TRAP_MC] = "#MC machine check",
	[X86_TRAP_XF] = "#XM SIMD floating-point",
	[X86_TRAP_VE] = "#VE virtualization exception",
	[X86_TRAP_CP] = "#CP control protection",
};

static bool traps_ready;

void mark_trap_handling_ready(void)
{
	traps_ready = true;
}

bool trap_handling_ready(void)
{
	return traps_ready;
}

void set_irq_handler(unsigned int vector, irq_handler_t handler)
{
	if (vector >= NR_EXCEPTION_VECTORS && vector < 256)
		irq_handlers[vector] = handler;
}

void handle_irq(unsigned int vector, struct pt_regs *regs)
{
	irq_handler_t handler = vector >= NR_EXCEPTION_VECTORS && vector < 256 ?
		irq_handlers[vector] : NULL;

	/* Nobody waits for it (a timer cancelled as it fired): drop it. */
	if (handler)
		handler(regs);
}

static u64 search_extable(u64 rip)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

static void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "RIP: %04lx:%016lx RFLAGS: %016lx\n",
	       regs->cs, regs->rip, regs->rflags);
	printk(KERN_EMERG "RSP: %04lx:%016lx\n", regs->ss, regs->rsp);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       regs->rax, regs->rbx, regs->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       regs->rdx, regs->rsi, regs->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n",
	       regs->rbp, regs->r8, regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n",
	       regs->r10, regs->r11, regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n",
	       regs->r13, regs->r14, regs->r15);
}

/*
 * CR2 is read through a pv-op.  A Xen PV kernel has none installed until
 * its backend is linked, yet its exceptions arrive here (through the PV
 * trap table, arch/x86/xen/traps_pv.c): report 0 rather than panic
 * inside the report.
 */
static unsigned long fault_address(void)
{
	return pvops_available() ? pv_read_cr2() : 0;
}

static void __noreturn die(struct pt_regs *regs)
{
	u64 vec = regs->vector;
	const char *name = vec < NR_EXCEPTION_VECTORS && exception_names[vec] ?
		exception_names[vec] : "unexpected interrupt";

	printk(KERN_EMERG "\n");
	printk(KERN_EMERG "EXCEPTION: vector %lu (%s) error_code %#lx\n",
	       vec, name, regs->error_code);
	if (vec == X86_TRAP_PF)
		printk(KERN_EMERG "CR2: %016lx (%s, %s access, %s mode)\n",
		       fault_address(),
		       regs->error_code & 1 ? "protection violation" : "page not present",
		       regs->error_code & 2 ? "write" : (regs->error_code & 16 ? "fetch" : "read"),
		       regs->error_code & 4 ? "user" : "kernel");
	else
		printk(KERN_EMERG "CR2: %016lx\n", fault_address());
	if (vec == X86_TRAP_DF && fault_address() - (uintptr_t)boot_stack_guard < PAGE_SIZE)
		printk(KERN_EMERG "CR2 is in the boot stack's guard page: kernel stack overflow\n");
	show_regs(regs);
	printk(KERN_EMERG "Call trace:\n");
	print_address(" ", regs->rip, " (faulting instruction)");
	show_trace(regs->rbp);
	printk(KERN_EMERG "---[ end of exception report: the run fails ]---\n");
	machine_exit(1);
}

void do_trap(struct pt_regs *regs)
{
	u64 fixup;

	/*
	 * A fault while reporting a fault: print the bare minimum, then end
	 * the run with ever fewer dependencies.
	 */
	if (trap_depth) {
		if (trap_depth++ == 1) {
			printk(KERN_EMERG "\nEXCEPTION: vector %lu at %016lx while handling an exception: stopping\n",
			       regs->vector, regs->rip);
			machine_exit(1);
		}
		pv_shutdown(1);
	}

	/*
	 * An interrupt through the IDT comes from the local APIC: the
	 * handler runs, then its end is signalled here, once, for every
	 * handler (the spurious vector takes none: SDM vol. 3A, 11.9).
	 */
	if (regs->vector >= NR_EXCEPTION_VECTORS && irq_handlers[regs->vector]) {
		handle_irq(regs->vector, regs);
		if (regs->vector != SPURIOUS_APIC_VECTOR)
			lapic_eoi();
		return;
	}

	fixup = regs->vector < NR_EXCEPTION_VECTORS ? search_extable(regs->rip) : 0;
	if (fixup) {
		last_trap.vector = regs->vector;
		last_trap.error_code = regs->error_code;
		last_trap.rip = regs->rip;
		last_trap.cr2 = regs->vector == X86_TRAP_PF ? fault_address() : 0;
		last_trap.irqs_on = false;
		if (pvops_available()) {
			unsigned long flags = pv_irq_save();

			pv_irq_restore(flags);
			last_trap.irqs_on = flags & X86_EFLAGS_IF;
		}
		last_trap.count++;
		regs->rip = fixup;
		return;
	}

	trap_depth = 1;
	die(regs);
}
