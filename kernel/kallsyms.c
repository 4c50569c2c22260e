// SPDX-License-Identifier: GPL-2.0
#include <linux/kallsyms.h>

/* From the generated table (scripts/kallsyms.sh) and vmlinux.lds.S. */
extern const u64 kallsyms_num;
extern const u64 kallsyms_addresses[];
extern const u32 kallsyms_offsets[];
extern const char kallsyms_names[];
extern const char _text[], _einittext[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	u64 lo = 0, hi = kallsyms_num;

	/* Text, then init text right after it (vmlinux.lds.S): one range. */
	if (addr < (unsigned long)_text || addr >= (unsigned long)_einittext || !hi)
		return NULL;
	/* The last entry whose address is <= addr. */
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	*offset = addr - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}
