// SPDX-License-Identifier: GPL-2.0
/*
 * Page protections of the kernel image and of linked backends.
 */
#include <linux/kernel.h>
#include <linux/mm.h>

void mark_kernel_protections(void)
{
	pr_warn("mm: page protections are not applied: every page stays writable and executable\n");
}

/* Not implemented yet: the caller reports the failure. */
int set_memory_ro(unsigned long addr, unsigned long npages)
{
	(void)addr;
	(void)npages;
	return -1;
}

int set_memory_rw(unsigned long addr, unsigned long npages)
{
	(void)addr;
	(void)npages;
	return -1;
}

int set_memory_x(unsigned long addr, unsigned long npages)
{
	(void)addr;
	(void)npages;
	return -1;
}

int set_memory_nx(unsigned long addr, unsigned long npages)
{
	(void)addr;
	(void)npages;
	return -1;
}
