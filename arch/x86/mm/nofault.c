// SPDX-License-Identifier: GPL-2.0
/*
 * read_u64_nofault(): one load with an exception-table entry
 * (asm/nofault.h).  @err starts at -1 and is cleared only by the
 * instruction after the load; a fault at the load resumes past that
 * instruction, so it stays -1.
 */
#include <asm/nofault.h>
#include <asm/traps.h>

int read_u64_nofault(const u64 *src, u64 *dst)
{
	u64 v = 0;
	int err = -1;

	asm volatile("1:	movq %[src], %[v]\n\t"
		     "movl $0, %[err]\n"
		     "2:\n\t"
		     _ASM_EXTABLE(1b, 2b)
		     : [v] "+r"(v), [err] "+r"(err)
		     : [src] "m"(*src)
		     : "memory");
	if (!err)
		*dst = v;
	return err;
}
