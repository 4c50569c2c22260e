// SPDX-License-Identifier: GPL-2.0
/*
 * Test backend "weak": weak undefined references (0 unless something
 * defines them) and a weak definition, as the gABI describes them.
 */
#include "tb_kernel.h"

extern long maybe_there(long x) __attribute__((weak));

long weak_probe(long x)
{
	if (maybe_there)
		return maybe_there(x);
	return -1;
}

__attribute__((weak)) long weak_default(long x)
{
	return x - 1;
}
