// SPDX-License-Identifier: GPL-2.0
/*
 * Count the CPUs the firmware lists in the ACPI MADT (ACPI 6.4, 5.2.5
 * RSDP, 5.2.7/5.2.8 RSDT/XSDT, 5.2.12 MADT).  Only counted: application
 * processors stay parked until the SMP work brings them up.
 *
 * The tables are read through the identity map; anything malformed (bad
 * checksum, length, or an address beyond the map) stops the walk with a
 * message instead of being trusted.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/setup.h>

#define ACPI_SDT_HEADER_SIZE	36
#define MADT_ENTRIES_OFFSET	44	/* header + local APIC address + flags */
#define MADT_LOCAL_APIC		0
#define MADT_LOCAL_X2APIC	9
#define MADT_ENABLED		0x1
#define MADT_ONLINE_CAPABLE	0x2

unsigned int nr_cpus_found;

static bool mapped(u64 pa, u64 len)
{
	return pa && len && pa + len > pa && pa + len <= IDENTITY_MAP_SIZE;
}

static bool checksum_ok(const u8 *p, u32 len)
{
	u8 sum = 0;

	for (u32 i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* A system description table at @pa with signature @sig, or NULL. */
static const u8 *sdt(u64 pa, const char *sig)
{
	const u8 *t;
	u32 len;

	if (!mapped(pa, ACPI_SDT_HEADER_SIZE))
		return NULL;
	t = phys_to_virt(pa);
	if (memcmp(t, sig, 4)) {
		pr_warn("acpi: table at %#lx should be %.4s but has signature %02x %02x %02x %02x: ignored\n",
			(unsigned long)pa, sig, t[0], t[1], t[2], t[3]);
		return NULL;
	}
	memcpy(&len, t + 4, 4);
	if (len < ACPI_SDT_HEADER_SIZE || !mapped(pa, len) || !checksum_ok(t, len)) {
		pr_warn("acpi: %.4s at %#lx: bad length %u or checksum, ignored\n",
			sig, (unsigned long)pa, len);
		return NULL;
	}
	return t;
}

static unsigned int madt_count(const u8 *madt)
{
	u32 len, n = 0;

	memcpy(&len, madt + 4, 4);
	for (u32 off = MADT_ENTRIES_OFFSET; off + 2 <= len;) {
		u8 type = madt[off], elen = madt[off + 1];
		u32 flags;

		if (elen < 2 || off + elen > len)
			break;
		if (type == MADT_LOCAL_APIC && elen >= 8) {
			memcpy(&flags, madt + off + 4, 4);
			if (flags & (MADT_ENABLED | MADT_ONLINE_CAPABLE))
				n++;
		} else if (type == MADT_LOCAL_X2APIC && elen >= 16) {
			memcpy(&flags, madt + off + 8, 4);
			if (flags & (MADT_ENABLED | MADT_ONLINE_CAPABLE))
				n++;
		}
		off += elen;
	}
	return n;
}

void acpi_count_cpus(u64 rsdp_pa)
{
	const u8 *rsdp, *root, *madt = NULL;
	u64 xsdt = 0;
	u32 rsdt, len;
	unsigned int entry_size;

	if (!mapped(rsdp_pa, 36)) {
		pr_info("smp: no ACPI RSDP, CPUs not counted\n");
		return;
	}
	rsdp = phys_to_virt(rsdp_pa);
	if (memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20)) {
		pr_warn("acpi: no valid RSDP at %#lx\n", (unsigned long)rsdp_pa);
		return;
	}
	memcpy(&rsdt, rsdp + 16, 4);
	if (rsdp[15] >= 2)
		memcpy(&xsdt, rsdp + 24, 8);
	root = xsdt ? sdt(xsdt, "XSDT") : NULL;
	entry_size = 8;
	if (!root) {
		root = sdt(rsdt, "RSDT");
		entry_size = 4;
	}
	if (!root) {
		pr_warn("acpi: RSDP at %#lx (revision %u) names no valid RSDT (%#x) or XSDT (%#lx)\n",
			(unsigned long)rsdp_pa, rsdp[15], rsdt, (unsigned long)xsdt);
		return;
	}
	memcpy(&len, root + 4, 4);
	for (u32 off = ACPI_SDT_HEADER_SIZE; off + entry_size <= len && !madt; off += entry_size) {
		u64 pa = 0;

		memcpy(&pa, root + off, entry_size);
		/* Only the MADT is wanted: skip the others quietly. */
		if (mapped(pa, 4) && !memcmp(phys_to_virt(pa), "APIC", 4))
			madt = sdt(pa, "APIC");
	}
	if (!madt) {
		pr_info("smp: no ACPI MADT, CPUs not counted\n");
		return;
	}
	nr_cpus_found = madt_count(madt);
	pr_info("smp: %u CPUs in the ACPI MADT; the boot CPU runs, the others stay parked\n",
		nr_cpus_found);
	if (nr_cpus_found > CONFIG_NR_CPUS)
		pr_warn("smp: only %d CPUs have percpu areas (CONFIG_NR_CPUS)\n", CONFIG_NR_CPUS);
}
