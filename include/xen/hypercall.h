/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calling Xen on x86-64 through the hypercall page.
 *
 * ABI (public/arch-x86/xen-x86_64.h): arguments in %rdi, %rsi, %rdx,
 * %r10, %r8; result in %rax; hypercall N is entered with
 * "call hypercall_page + N * 32".  The argument registers are clobbered,
 * and so are %rcx and %r11 (a PV stub uses syscall).
 *
 * Under Xen PV the page is filled by the domain builder (ELF note
 * XEN_ELFNOTE_HYPERCALL_PAGE); under PVH the kernel asks Xen to fill it
 * through the MSR named in CPUID leaf base+2 (see arch/x86/xen/pvh.c).
 * Nothing may call these before xen_hypercall_page is filled.
 *
 * A pvlink backend that owns a hypercall page of its own (the xen-pvh
 * backend installs one in its text) defines XEN_HYPERCALL_PAGE to that
 * page's symbol before including this header.
 */
#ifndef _XEN_HYPERCALL_H
#define _XEN_HYPERCALL_H

#include <linux/types.h>
#include <xen/xen.h>

/* One page of stubs, 32 bytes per hypercall (arch/x86/xen/hypercall_page.S). */
#ifndef XEN_HYPERCALL_PAGE
#define XEN_HYPERCALL_PAGE	xen_hypercall_page
#endif
extern u8 XEN_HYPERCALL_PAGE[XEN_PAGE_SIZE];

#define __xen_hc_str(x)		#x
#define __xen_hc_xstr(x)	__xen_hc_str(x)

/*
 * Every wrapper below passes five registers, so one asm form covers all
 * arities; unused arguments are zero.  The "i" operand turns the
 * hypercall number into the stub offset at compile time.
 */
#define _xen_hypercall(nr, a1, a2, a3, a4, a5)				\
({									\
	register unsigned long __r10 asm("r10") = (unsigned long)(a4);	\
	register unsigned long __r8 asm("r8") = (unsigned long)(a5);	\
	unsigned long __rdi = (unsigned long)(a1);			\
	unsigned long __rsi = (unsigned long)(a2);			\
	unsigned long __rdx = (unsigned long)(a3);			\
	long __ret;							\
	asm volatile("call " __xen_hc_xstr(XEN_HYPERCALL_PAGE) " + %c[off]"		\
		     : "=a" (__ret), "+D" (__rdi), "+S" (__rsi),	\
		       "+d" (__rdx), "+r" (__r10), "+r" (__r8)		\
		     : [off] "i" ((nr) * XEN_HYPERCALL_STRIDE)		\
		     : "rcx", "r11", "memory", "cc");			\
	__ret;								\
})

/**
 * HYPERVISOR_set_trap_table() - install a PV guest's exception handlers
 * @table: entries ending with one whose address is 0
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_set_trap_table(const struct xen_trap_info *table)
{
	return _xen_hypercall(__HYPERVISOR_set_trap_table, table, 0, 0, 0, 0);
}

/**
 * HYPERVISOR_console_io() - write to or read from Xen's console
 * @cmd:   CONSOLEIO_write or CONSOLEIO_read
 * @count: bytes
 * @buf:   the bytes
 *
 * Return: 0 (write: the whole count was written) or a count read, or a
 * negative Xen errno.
 */
static inline long HYPERVISOR_console_io(int cmd, int count, char *buf)
{
	return _xen_hypercall(__HYPERVISOR_console_io, cmd, count, buf, 0, 0);
}

/**
 * HYPERVISOR_memory_op() - memory reservation and map queries
 * @cmd: XENMEM_* (include/xen/memory.h)
 * @arg: the command's argument structure
 *
 * Return: 0 or a positive count on success, a negative Xen errno on error.
 */
static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_memory_op, cmd, arg, 0, 0, 0);
}

/**
 * HYPERVISOR_physdev_op() - physical device and I/O privilege control
 * @cmd: PHYSDEVOP_* (include/xen/physdev.h)
 * @arg: the command's argument structure
 *
 * Return: 0 on success, a negative Xen errno on error.
 */
static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_physdev_op, cmd, arg, 0, 0, 0);
}

/**
 * HYPERVISOR_sched_op() - yield, block, poll or shut down
 * @cmd: SCHEDOP_* (include/xen/sched.h)
 * @arg: the command's argument structure (may be NULL for yield/block)
 *
 * Return: 0 on success (SCHEDOP_shutdown does not return on success),
 * a negative Xen errno on error.
 */
static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_sched_op, cmd, arg, 0, 0, 0);
}

/**
 * HYPERVISOR_xen_version() - query the hypervisor's version and features
 * @cmd: 0 (XENVER_version) returns major << 16 | minor
 * @arg: command argument, NULL for XENVER_version
 *
 * Return: the answer, or a negative Xen errno.
 */
static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_xen_version, cmd, arg, 0, 0, 0);
}

#define XENVER_version			0	/* public/version.h */

/* update_va_mapping flags (public/xen.h, UVMF_*). */
#define UVMF_NONE			0ul	/* no TLB flush */
#define UVMF_TLB_FLUSH			1ul	/* flush the whole TLB */
#define UVMF_INVLPG			2ul	/* flush this one entry */
#define UVMF_LOCAL			0ul	/* on this vCPU only */
#define UVMF_ALL			4ul	/* on every vCPU */

/**
 * HYPERVISOR_update_va_mapping() - set the PTE that maps one virtual page
 * @va:    page-aligned virtual address, already covered by page tables
 * @pte:   the new entry, with a machine frame number (Xen validates it)
 * @flags: UVMF_*
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_update_va_mapping(unsigned long va, u64 pte,
						unsigned long flags)
{
	return _xen_hypercall(__HYPERVISOR_update_va_mapping, va, pte, flags,
			      0, 0);
}

#endif /* _XEN_HYPERCALL_H */
