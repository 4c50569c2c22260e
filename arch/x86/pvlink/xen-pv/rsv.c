// SPDX-License-Identifier: GPL-2.0
/*
 * Reservations of boot_info that the xen-pv init gives up as it maps the
 * domain's RAM (ram.c), by overlap: the PV entry reserved everything
 * above Xen's bootstrap mapping as one range, and the init takes it back
 * one 2 MiB block at a time.  Apart from ram.c, so that the host test
 * (tools/testing/pvlink/host/xen_pv_test.c) runs it as it is.
 */
#include <linux/bootinfo.h>

#include "xen-pv.h"

/*
 * Take [start, end) out of every reservation it overlaps: an entry
 * inside it goes, one that overlaps an end is trimmed, one that holds it
 * in its middle is split in two.  False (and nothing changed by that
 * entry) if a split needs a slot and none is left.
 */
bool xen_pv_unreserve(struct boot_info *bi, u64 start, u64 end)
{
	for (unsigned int i = 0; i < bi->nr_rsv; i++) {
		struct boot_mem_range *r = &bi->rsv[i];
		u64 rs = r->start, re = r->start + r->size;

		if (re <= start || rs >= end)
			continue;
		if (rs >= start && re <= end) {
			for (unsigned int j = i + 1; j < bi->nr_rsv; j++)
				bi->rsv[j - 1] = bi->rsv[j];
			bi->nr_rsv--;
			i--;
		} else if (rs < start && re > end) {
			if (bi->nr_rsv == BOOT_RSV_MAX)
				return false;
			bi->rsv[bi->nr_rsv] = *r;
			bi->rsv[bi->nr_rsv].start = end;
			bi->rsv[bi->nr_rsv].size = re - end;
			bi->nr_rsv++;
			r->size = start - rs;
		} else if (rs < start) {
			r->size = start - rs;
		} else {
			r->start = end;
			r->size = re - end;
		}
	}
	return true;
}
