// SPDX-License-Identifier: GPL-2.0
/*
 * Find the CPUs the firmware lists in the ACPI MADT (ACPI 6.4, 5.2.5
 * RSDP, 5.2.7/5.2.8 RSDT/XSDT, 5.2.12 MADT): their count and their local
 * APIC IDs, which smpboot.c sends INIT and STARTUP to.
 *
 * The tables are read through the identity map; anything malformed (bad
 * checksum, length, or an address beyond the map) stops the walk with a
 * message instead of being trusted.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define ACPI_SDT_HEADER_SIZE	36
#define MADT_ENTRIES_OFFSET	44	/* header + local APIC address + flags */
#define MADT_LOCAL_APIC		0
#define MADT_LOCAL_X2APIC	9
#define MADT_LAPIC_ADDR_OFFSET	36	/* 32-bit physical address of the local APIC */
#define MADT_ENABLED		0x1
#define MADT_ONLINE_CAPABLE	0x2
/* xAPIC entries use 0xff for "no APIC" (ACPI 6.4, 5.2.12.2). */
#define MADT_XAPIC_ID_INVALID	0xff

unsigned int nr_cpus_found;
u32 acpi_cpu_apic_id[ACPI_MAX_CPUS];
unsigned int acpi_nr_cpu_ids;
u32 acpi_lapic_addr;

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

/*
 * The root table the RSDP names as its XSDT.  Xen 4.17 builds a PVH
 * dom0's XSDT with the header of the host's XSDT, which it reads at the
 * host RSDP's xsdt_physical_address even when that RSDP is revision 0
 * (SeaBIOS: an RSDT only), i.e. from address 0: the signature, OEM and
 * table ids are then bytes of the real-mode IVT, while Xen sets the
 * length, revision and checksum and the entries are right (fixed after
 * 4.17: Xen commit 6e7f7a0c16, pvh_setup_acpi_xsdt()).  A table with a
 * valid checksum over a length that holds whole 8-byte entries is taken
 * as the XSDT whatever its signature, with a warning.
 */
static const u8 *xsdt_table(u64 pa)
{
	const u8 *t;
	u32 len;

	if (!mapped(pa, ACPI_SDT_HEADER_SIZE))
		return NULL;
	t = phys_to_virt(pa);
	memcpy(&len, t + 4, 4);
	if (!memcmp(t, "XSDT", 4) || len < ACPI_SDT_HEADER_SIZE ||
	    (len - ACPI_SDT_HEADER_SIZE) % 8 || !mapped(pa, len) || !checksum_ok(t, len))
		return sdt(pa, "XSDT");
	pr_warn("acpi: the XSDT at %#lx has signature %02x %02x %02x %02x but a valid checksum: used (Xen 4.17 copies a PVH dom0's XSDT header from address 0 when the firmware has no XSDT)\n",
		(unsigned long)pa, t[0], t[1], t[2], t[3]);
	return t;
}

static bool apic_id_known(u32 id)
{
	for (unsigned int i = 0; i < acpi_nr_cpu_ids; i++)
		if (acpi_cpu_apic_id[i] == id)
			return true;
	return false;
}

/*
 * One processor entry: an enabled CPU is present and counted; an
 * "online capable" one is disabled until hot-added, which this kernel
 * does not do, so it is only reported.
 */
static void madt_cpu(u32 apic_id, u32 flags, unsigned int *offline)
{
	if (!(flags & MADT_ENABLED)) {
		if (flags & MADT_ONLINE_CAPABLE)
			(*offline)++;
		return;
	}
	/* Firmware lists a CPU both as xAPIC and x2APIC entry: count it once. */
	if (apic_id_known(apic_id))
		return;
	nr_cpus_found++;
	if (acpi_nr_cpu_ids < ACPI_MAX_CPUS)
		acpi_cpu_apic_id[acpi_nr_cpu_ids++] = apic_id;
}

static void madt_parse(const u8 *madt)
{
	unsigned int offline = 0;
	u32 len;

	memcpy(&len, madt + 4, 4);
	if (len >= MADT_LAPIC_ADDR_OFFSET + 4)
		memcpy(&acpi_lapic_addr, madt + MADT_LAPIC_ADDR_OFFSET, 4);
	for (u32 off = MADT_ENTRIES_OFFSET; off + 2 <= len;) {
		u8 type = madt[off], elen = madt[off + 1];
		u32 flags, id;

		if (elen < 2 || off + elen > len) {
			pr_warn("acpi: MADT entry at offset %u has length %u, past the table's %u bytes: rest ignored\n",
				off, elen, len);
			break;
		}
		if (type == MADT_LOCAL_APIC && elen >= 8) {
			/* uid (1 byte), APIC ID (1 byte), flags (4 bytes) */
			memcpy(&flags, madt + off + 4, 4);
			if (madt[off + 3] != MADT_XAPIC_ID_INVALID)
				madt_cpu(madt[off + 3], flags, &offline);
		} else if (type == MADT_LOCAL_X2APIC && elen >= 16) {
			/* reserved (2 bytes), x2APIC ID (4), flags (4), uid (4) */
			memcpy(&id, madt + off + 4, 4);
			memcpy(&flags, madt + off + 8, 4);
			madt_cpu(id, flags, &offline);
		}
		off += elen;
	}
	if (offline)
		pr_info("smp: %u more CPUs in the ACPI MADT are disabled (hot-pluggable): not started\n",
			offline);
	if (nr_cpus_found > ACPI_MAX_CPUS)
		pr_warn("smp: only the first %d of %u CPUs in the ACPI MADT are recorded\n",
			ACPI_MAX_CPUS, nr_cpus_found);
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
	root = xsdt ? xsdt_table(xsdt) : NULL;
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
	madt_parse(madt);
	pr_info("smp: %u CPU%s in the ACPI MADT, local APIC at %#x\n",
		nr_cpus_found, nr_cpus_found == 1 ? "" : "s", acpi_lapic_addr);
	if (nr_cpus_found > CONFIG_NR_CPUS)
		pr_warn("smp: only %d CPUs have percpu areas (CONFIG_NR_CPUS)\n", CONFIG_NR_CPUS);
}
