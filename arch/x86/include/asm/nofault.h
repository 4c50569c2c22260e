/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reads that may fault, for memory the kernel cannot know is mapped
 * (Xen leaves the M2P table unmapped over holes in machine memory).
 */
#ifndef _ASM_X86_NOFAULT_H
#define _ASM_X86_NOFAULT_H

#include <linux/types.h>

/**
 * read_u64_nofault() - read the 8 bytes at @src, surviving a fault
 * @src: the address, mapped or not
 * @dst: where the value goes; untouched when the read faults
 *
 * The load is in the kernel's text, covered by its exception table
 * (asm/traps.h): a page fault or #GP there resumes after it.  So a
 * backend, whose own text is not in that table, reads through it.
 *
 * Context: any; the fault, if any, is recorded in last_trap.
 * Return: 0, or -1 if the read faulted.
 */
int read_u64_nofault(const u64 *src, u64 *dst);

#endif /* _ASM_X86_NOFAULT_H */
