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

/**
 * HYPERVISOR_mmu_update() - write page-table entries (or M2P entries)
 * @req:   the requests (struct mmu_update, include/xen/mmu.h)
 * @count: how many
 * @done:  out: how many were done, or NULL
 * @domid: DOMID_SELF
 *
 * Return: 0 or a negative Xen errno (the first refused request stops it).
 */
static inline long HYPERVISOR_mmu_update(const void *req, unsigned int count,
					 unsigned int *done, domid_t domid)
{
	return _xen_hypercall(__HYPERVISOR_mmu_update, req, count, done, domid, 0);
}

/**
 * HYPERVISOR_mmuext_op() - pin, unpin, load the root, flush the TLB
 * @op:    the requests (struct mmuext_op, include/xen/mmu.h)
 * @count: how many
 * @done:  out: how many were done, or NULL
 * @domid: DOMID_SELF
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_mmuext_op(const void *op, unsigned int count,
					unsigned int *done, domid_t domid)
{
	return _xen_hypercall(__HYPERVISOR_mmuext_op, op, count, done, domid, 0);
}

/**
 * HYPERVISOR_set_gdt() - give the vCPU a GDT
 * @frames:  machine frame numbers of its pages (read-only in the guest)
 * @entries: number of 8-byte entries
 *
 * Return: 0 or a negative Xen errno (-EINVAL: a page holds a descriptor
 * Xen does not allow, such as a TSS).
 */
static inline long HYPERVISOR_set_gdt(const unsigned long *frames,
				      unsigned int entries)
{
	return _xen_hypercall(__HYPERVISOR_set_gdt, frames, entries, 0, 0, 0);
}

/**
 * HYPERVISOR_update_descriptor() - write one descriptor of a GDT page
 * @ma:   machine address of the descriptor
 * @desc: its new value
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_update_descriptor(u64 ma, u64 desc)
{
	return _xen_hypercall(__HYPERVISOR_update_descriptor, ma, desc, 0, 0, 0);
}

/**
 * HYPERVISOR_fpu_taskswitch() - set or clear the vCPU's CR0.TS
 * @set: 1 sets TS, 0 clears it
 *
 * Return: 0.
 */
static inline long HYPERVISOR_fpu_taskswitch(int set)
{
	return _xen_hypercall(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0);
}

/**
 * HYPERVISOR_set_segment_base() - set the FS or a GS base
 * @which: SEGBASE_* (include/xen/xen.h)
 * @base:  the new base
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_set_segment_base(int which, unsigned long base)
{
	return _xen_hypercall(__HYPERVISOR_set_segment_base, which, base, 0, 0, 0);
}

/**
 * HYPERVISOR_vcpu_op() - per-vCPU operations (timers, bring-up)
 * @cmd:  VCPUOP_* (include/xen/vcpu.h)
 * @vcpu: the vCPU's number
 * @arg:  the command's argument structure, or NULL
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu, arg, 0, 0);
}

/**
 * HYPERVISOR_event_channel_op() - bind, close, send, unmask event channels
 * @cmd: EVTCHNOP_* (include/xen/event_channel.h)
 * @arg: the command's argument structure
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return _xen_hypercall(__HYPERVISOR_event_channel_op, cmd, arg, 0, 0, 0);
}

/**
 * HYPERVISOR_callback_op() - register a PV guest's entry points
 * @cmd: CALLBACKOP_* (include/xen/callback.h)
 * @arg: struct callback_register or struct callback_unregister
 *
 * Return: 0 or a negative Xen errno.
 */
static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
	return _xen_hypercall(__HYPERVISOR_callback_op, cmd, arg, 0, 0, 0);
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
