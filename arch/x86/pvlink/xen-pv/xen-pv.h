/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State and helpers shared by the files of the xen-pv backend (not an
 * API).  CPU n runs on vCPU n (arch/x86/xen/smp_pv.c starts them so).
 * Each vCPU's vcpu_info is xen_pv_vcpu_info in its own percpu area once
 * registered there (vcpu.c); until the boot vCPU's is, only the boot
 * vCPU runs, on shared_info's slot 0.
 */
#ifndef _XEN_PV_BACKEND_H
#define _XEN_PV_BACKEND_H

#include <linux/bootinfo.h>
#include <linux/compiler.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include <asm/ptrace.h>
#include <xen/shared.h>
#include <xen/xen.h>

/* shared_info, mapped by the init (backend.c). */
extern struct shared_info *xen_pv_shared;
/* start_info, as the PV entry found it. */
extern struct xen_start_info *xen_pv_si;

/*
 * Set once the boot CPU's GS base points at its percpu area: before,
 * only CPU 0 runs and %gs reaches no percpu data.
 */
extern bool xen_pv_percpu_ready;

/* The running CPU's number, which is its vCPU's. */
static inline unsigned int xen_pv_cpu(void)
{
	return xen_pv_percpu_ready ? this_cpu_read(cpu_number) : 0;
}

/* Every vCPU's vcpu_info, in its percpu area (vcpu.c); page-crossing never. */
DECLARE_PER_CPU(struct vcpu_info, xen_pv_vcpu_info);
/*
 * Set once the boot vCPU's vcpu_info is registered in its percpu area;
 * no AP runs before, and each runs on its own from its first instruction.
 */
extern bool xen_pv_vcpu_placed;

/* The running vCPU's vcpu_info: event mask and flags, CR2, time record. */
static inline struct vcpu_info *xen_pv_vcpu(void)
{
	if (xen_pv_vcpu_placed)
		return this_cpu_ptr(&xen_pv_vcpu_info);
	return &xen_pv_shared->vcpu_info[0];
}

/*
 * The running vCPU's event mask and upcall flag, one %gs-relative access
 * each once vcpu_info is in percpu data: the interrupt-flag pv-ops.
 */
static inline u8 xen_pv_mask(void)
{
	if (xen_pv_vcpu_placed)
		return this_cpu_read(xen_pv_vcpu_info.evtchn_upcall_mask);
	return READ_ONCE(xen_pv_shared->vcpu_info[0].evtchn_upcall_mask);
}

static inline void xen_pv_set_mask(u8 mask)
{
	if (xen_pv_vcpu_placed)
		this_cpu_write(xen_pv_vcpu_info.evtchn_upcall_mask, mask);
	else
		WRITE_ONCE(xen_pv_shared->vcpu_info[0].evtchn_upcall_mask, mask);
}

static inline u8 xen_pv_upcall_pending(void)
{
	if (xen_pv_vcpu_placed)
		return this_cpu_read(xen_pv_vcpu_info.evtchn_upcall_pending);
	return READ_ONCE(xen_pv_shared->vcpu_info[0].evtchn_upcall_pending);
}

/* Compiler barrier: Xen reads and writes vcpu_info behind our back. */
#define xen_pv_barrier()	asm volatile("" : : : "memory")

/* mmu.c: frame conversions and the direct map. */
u64 xen_pv_pfn_to_mfn(u64 pfn);
/* The machine address of the byte at direct-map address @va. */
u64 xen_pv_virt_to_machine(const void *va);
/* Make the direct-map page @va read-only (a page Xen will type). */
int xen_pv_map_ro(void *va);
/* Map machine frame @mfn writable at the page @va, in place of its own. */
int xen_pv_map_mfn(void *va, u64 mfn);
int xen_pv_mmu_init(struct xen_start_info *si);

/*
 * rsv.c: take [@start, @end) out of @bi's reservations, trimming or
 * splitting those it overlaps; false if a split found no free slot.
 */
bool xen_pv_unreserve(struct boot_info *bi, u64 start, u64 end);

/* ram.c: map the RAM above the bootstrap mapping; @nx: PTE_NX or 0. */
int xen_pv_map_ram(struct boot_info *bi, unsigned long nr_pfns, u64 nx);

/* events.c */
/* IPI vectors pv_send_ipi() carries: one bit each of a word. */
#define XEN_PV_IPI_FIRST_VECTOR	0xc0
#define XEN_PV_IPI_VECTORS	64
int xen_pv_bind_ipi(unsigned int cpu);
int xen_pv_events_init(void);
int xen_pv_events_exit(unsigned int *port, bool *clean);
void xen_pv_do_upcall(struct pt_regs *regs);

/* entry.S */
extern const u8 xen_pv_upcall_entry[];

/* clock.c: Xen system time, in ns. */
u64 xen_pv_system_time(void);

/* The init's debug switch (pvlink.debug): one line per step. */
extern bool xen_pv_debug;

#endif /* _XEN_PV_BACKEND_H */
