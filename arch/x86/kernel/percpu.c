// SPDX-License-Identifier: GPL-2.0
/*
 * Percpu areas: CONFIG_NR_CPUS copies of the .data..percpu template in
 * the space the linker script set aside at the end of .bss, each followed
 * by the reserve for the linked backend's percpu data.
 *
 * Every area is filled here, on the boot CPU, before any application
 * processor starts (the linked backend's template too), so an AP only has
 * to point its GS base at its own area (smp_ap_main()).
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/msr-index.h>
#include <asm/pvops.h>

/* From vmlinux.lds.S. */
extern char __per_cpu_load[], __per_cpu_start[], __per_cpu_end[];
extern char __per_cpu_areas[], __per_cpu_area_stride[], __per_cpu_reserve[],
	    __per_cpu_reserve_size[];

/* First in the section, so that offset 0 is never a plain variable. */
__attribute__((section(PER_CPU_FIRST_SECTION)))
unsigned long this_cpu_off;
DEFINE_PER_CPU(unsigned int, cpu_number);

unsigned long __per_cpu_offset[CONFIG_NR_CPUS];
static bool percpu_set_up;
static bool early_gs_ok;

/*
 * The entry set the boot CPU's GS base at CPU 0's area (early_percpu_init()
 * or Xen's set_segment_base): a percpu write now must land there, not in
 * low memory.  setup_percpu() later fills the area from the template.
 */
void percpu_early_probe(void)
{
	unsigned long area = (uintptr_t)__per_cpu_areas;

	this_cpu_write(this_cpu_off, area);
	early_gs_ok = *(volatile unsigned long *)area == area;
}

bool percpu_early_gs_ok(void)
{
	return early_gs_ok;
}

/* The linked backend's percpu template, copied into every area. */
static const void *backend_tmpl;
static unsigned long backend_offset, backend_size;

static void copy_backend_template(unsigned int cpu)
{
	char *area = (char *)__per_cpu_offset[cpu];

	if (backend_size)
		memcpy(area + backend_offset, backend_tmpl, backend_size);
}

void percpu_set_backend_template(const void *tmpl, unsigned long offset,
				 unsigned long size)
{
	if (offset < percpu_reserve_offset() ||
	    offset + size > percpu_reserve_offset() + percpu_reserve_size() ||
	    offset + size < offset)
		panic("percpu: backend template [%#lx +%#lx] is outside the reserve [%#lx +%#lx]",
		      offset, size, percpu_reserve_offset(), percpu_reserve_size());
	/* An AP could be using its copy while it is overwritten. */
	if (num_online_cpus() > 1)
		panic("percpu: backend template given after %u CPUs came online: the link must come before smp_boot_cpus()",
		      num_online_cpus());
	backend_tmpl = tmpl;
	backend_offset = offset;
	backend_size = size;
	if (percpu_set_up)
		for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			copy_backend_template(cpu);
}

unsigned long percpu_backend_offset(void)
{
	return backend_offset;
}

unsigned long percpu_backend_size(void)
{
	return backend_size;
}

unsigned long percpu_reserve_offset(void)
{
	return (uintptr_t)__per_cpu_reserve;
}

unsigned long percpu_reserve_size(void)
{
	return (uintptr_t)__per_cpu_reserve_size;
}

unsigned long percpu_area_stride(void)
{
	return (uintptr_t)__per_cpu_area_stride;
}

bool percpu_ready(void)
{
	return percpu_set_up;
}

void setup_percpu(void)
{
	unsigned long size = (uintptr_t)__per_cpu_end;	/* linked at 0 */
	unsigned long stride = percpu_area_stride();

	for (unsigned int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		char *area = __per_cpu_areas + cpu * stride;

		memcpy(area, __per_cpu_load, size);
		memset(area + size, 0, stride - size);
		__per_cpu_offset[cpu] = (uintptr_t)area;
		per_cpu(this_cpu_off, cpu) = (uintptr_t)area;
		per_cpu(cpu_number, cpu) = cpu;
		copy_backend_template(cpu);
	}
	pv_wrmsr(MSR_GS_BASE, __per_cpu_offset[0]);
	percpu_set_up = true;
	pr_info("percpu: %u areas of %lu bytes at %p: %lu bytes of kernel data, %lu reserved for the backend\n",
		CONFIG_NR_CPUS, stride, (void *)__per_cpu_areas, size, percpu_reserve_size());
}
