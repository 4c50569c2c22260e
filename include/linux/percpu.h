/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU variables.
 *
 *	DEFINE_PER_CPU(int, counter);
 *	this_cpu_write(counter, 1);		current CPU, one instruction
 *	*per_cpu_ptr(&counter, cpu) = 2;	any CPU
 *
 * Layout of each CPU's area (stride percpu_area_stride()):
 *	[0, __per_cpu_end)		copy of the kernel's .data..percpu
 *	[__per_cpu_reserve, + reserve)	CONFIG_PVLINK_PERCPU_RESERVE bytes
 *					for the linked backend's percpu data,
 *					page-aligned (PVLINK_MAX_ALIGN)
 * The offsets are the same in every area, so a backend percpu symbol
 * resolves to one offset for all CPUs.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <asm/percpu.h>

/* Bytes each area keeps for the linked backend's percpu data. */
#ifdef CONFIG_PVLINK_PERCPU_RESERVE
#define PERCPU_BACKEND_RESERVE	CONFIG_PVLINK_PERCPU_RESERVE
#else
#define PERCPU_BACKEND_RESERVE	0	/* no pvlink: no backend */
#endif

#define DECLARE_PER_CPU(type, name) \
	extern __attribute__((section(PER_CPU_SECTION))) __typeof__(type) name
#define DEFINE_PER_CPU(type, name) \
	__attribute__((section(PER_CPU_SECTION))) __typeof__(type) name

/* Offset of each CPU's area (its address: virtual = physical here). */
extern unsigned long __per_cpu_offset[CONFIG_NR_CPUS];

#define per_cpu_ptr(ptr, cpu) \
	((__typeof__(ptr))((uintptr_t)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))
#define this_cpu_ptr(ptr) \
	((__typeof__(ptr))((uintptr_t)(ptr) + this_cpu_read(this_cpu_off)))

/* At offset 0 of every area: the area's own address (see percpu.c). */
extern unsigned long this_cpu_off;
DECLARE_PER_CPU(unsigned int, cpu_number);

#define smp_processor_id()	this_cpu_read(cpu_number)

/**
 * setup_percpu() - fill every CPU's area and point the boot CPU's %gs at
 * its own
 *
 * Context: boot CPU, once, after pv-ops are installed (the GS base is
 * written with pv_wrmsr()).
 */
void setup_percpu(void);

/* Has setup_percpu() run (do the areas hold the template)? */
bool percpu_ready(void);

/*
 * percpu_early_probe() - write one percpu variable before setup_percpu()
 *
 * Every entry points the boot CPU's GS base at CPU 0's area before the
 * first pv-op (a backend's pv-op may use its percpu data at any time):
 * until setup_percpu() fills the areas, percpu accesses reach that area,
 * and are overwritten by the template then.  The probe checks it, and
 * percpu_early_gs_ok() tells the self-tests.
 *
 * Context: the boot CPU, first thing in start_kernel().
 */
void percpu_early_probe(void);
bool percpu_early_gs_ok(void);

/* Bytes of kernel percpu data: the offset where the backend reserve starts. */
unsigned long percpu_reserve_offset(void);
/* Size of the backend reserve (CONFIG_PVLINK_PERCPU_RESERVE). */
unsigned long percpu_reserve_size(void);
/**
 * percpu_set_backend_template() - the linked backend's percpu data
 * @tmpl:   template bytes (the link's percpu region)
 * @offset: where they go in every area (inside the reserve)
 * @size:   their size
 *
 * Every CPU's area gets a copy: at setup_percpu() time, or at once if
 * the areas are already set up.  @tmpl must stay readable until then.
 *
 * Context: boot CPU, before any application processor starts.
 */
void percpu_set_backend_template(const void *tmpl, unsigned long offset,
				 unsigned long size);

/*
 * Where the linked backend's percpu data is in every area: its offset
 * and size, both 0 while none was given to percpu_set_backend_template().
 */
unsigned long percpu_backend_offset(void);
unsigned long percpu_backend_size(void);

/* Distance between two CPUs' areas. */
unsigned long percpu_area_stride(void);

#endif /* _LINUX_PERCPU_H */
