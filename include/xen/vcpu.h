/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcpu_op sub-commands pvlink uses (public/vcpu.h): the per-vCPU timers.
 */
#ifndef _XEN_VCPU_H
#define _XEN_VCPU_H

#include <linux/types.h>
#include <xen/xen.h>

#define VCPUOP_initialise		0
#define VCPUOP_up			1
#define VCPUOP_down			2
#define VCPUOP_is_up			3	/* 1 up, 0 down, -ENOENT: no such vCPU */
#define VCPUOP_stop_periodic_timer	7	/* arg: NULL */
#define VCPUOP_set_singleshot_timer	8
#define VCPUOP_stop_singleshot_timer	9	/* arg: NULL */
#define VCPUOP_register_vcpu_info	10

/*
 * Fail with -ETIME instead of firing at once when the timeout is
 * already past.
 */
#define VCPU_SSHOTTMR_future		(1u << 0)

/**
 * struct vcpu_register_vcpu_info - argument of VCPUOP_register_vcpu_info
 * @mfn:    the machine frame of the page the vCPU's vcpu_info moves to
 * @offset: its offset in that page; the structure may not cross the page
 * @rsvd:   0
 *
 * Once per vCPU, for the running vCPU itself or for one that is down;
 * it cannot be undone.  Xen copies the vcpu_info in use (shared_info's
 * slot for the first 32 vCPUs, else a masked placeholder) to the new
 * place, takes a writable-type reference on the page, and then marks
 * every event selector pending, so that nothing pending is lost (one
 * spurious upcall follows).  The vCPUs past the first 32 get their
 * events and time only this way.
 */
struct vcpu_register_vcpu_info {
	u64 mfn;
	u32 offset;
	u32 rsvd;
};
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16,
	       "vcpu_register_vcpu_info is 16 bytes");

/**
 * struct vcpu_set_singleshot_timer - argument of VCPUOP_set_singleshot_timer
 * @timeout_abs_ns: Xen system time (vcpu_time_info) to fire at
 * @flags:          VCPU_SSHOTTMR_*
 *
 * VIRQ_TIMER is raised on the vCPU at the timeout.
 */
struct vcpu_set_singleshot_timer {
	u64 timeout_abs_ns;
	u32 flags;
};

_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16,
	       "vcpu_set_singleshot_timer is 16 bytes (public/vcpu.h)");

/*
 * The latest deadline: Xen keeps timer deadlines as s_time_t, a signed
 * 64-bit time, so a @timeout_abs_ns above this reads as negative, in
 * the past, and fires at once.
 */
#define XEN_TIMEOUT_MAX			0x7fffffffffffffffULL

/* Xen system time @now plus @ns, saturated at XEN_TIMEOUT_MAX. */
static inline u64 xen_timeout_after(u64 now, u64 ns)
{
	return ns > XEN_TIMEOUT_MAX || now > XEN_TIMEOUT_MAX - ns ? XEN_TIMEOUT_MAX : now + ns;
}

/* vcpu_guest_context.flags (public/arch-x86/xen.h, VGCF_*). */
#define VGCF_in_kernel			(1ul << 2)	/* start in guest kernel mode */
#define VGCF_online			(1ul << 5)

/**
 * struct xen_cpu_user_regs - a 64-bit PV vCPU's registers
 * (public/arch-x86/xen-x86_64.h, struct cpu_user_regs)
 *
 * Segment selectors are 16 bits, each padded to 8 bytes; @cs also
 * carries the saved event mask (unused in a context to start from).
 */
struct xen_cpu_user_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10;
	u64 r9, r8, rax, rcx, rdx, rsi, rdi;
	u32 error_code;
	u32 entry_vector;
	u64 rip;
	u64 cs;
	u64 rflags;
	u64 rsp;
	u64 ss, es, ds, fs, gs;
};

/**
 * struct vcpu_guest_context - the state VCPUOP_initialise starts a PV
 * vCPU in (public/arch-x86/xen.h, x86-64 layout)
 */
struct vcpu_guest_context {
	u8 fpu_ctxt[512];
	unsigned long flags;			/* VGCF_* */
	struct xen_cpu_user_regs user_regs;
	struct xen_trap_info trap_ctxt[256];	/* the vCPU's trap table */
	unsigned long ldt_base, ldt_ents;
	unsigned long gdt_frames[16], gdt_ents;	/* 0 entries: Xen's own only */
	unsigned long kernel_ss, kernel_sp;	/* stack for ring changes */
	unsigned long ctrlreg[8];		/* CR3: the root's machine address */
	unsigned long debugreg[8];
	unsigned long event_callback_eip;
	unsigned long failsafe_callback_eip;
	unsigned long syscall_callback_eip;
	unsigned long vm_assist;
	u64 fs_base, gs_base_kernel, gs_base_user;
};

_Static_assert(sizeof(struct xen_cpu_user_regs) == 200, "cpu_user_regs is 200 bytes");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, user_regs) == 520,
	       "vcpu_guest_context.user_regs offset");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, trap_ctxt) == 720,
	       "vcpu_guest_context.trap_ctxt offset");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, ctrlreg) == 4984,
	       "vcpu_guest_context.ctrlreg offset");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, event_callback_eip) == 5112,
	       "vcpu_guest_context.event_callback_eip offset");
_Static_assert(sizeof(struct vcpu_guest_context) == 5168, "vcpu_guest_context is 5168 bytes");

#endif /* _XEN_VCPU_H */
