// SPDX-License-Identifier: GPL-2.0
/*
 * "pvlink.debug": what the boot-time link did, object by object, section
 * by section, and a digest of every region's bytes as linked (before any
 * call site is patched), in a fixed format the test harness compares
 * with "pvimage link" given the same addresses:
 *
 *	pvlink: platform entry <mode> cpuid "<signature>"
 *	pvlink: backend <name> entry 0x<mask> cpuid "<sig>" priority <n> requires "<name>" size <bytes>
 *	pvlink: stack <name> (<how it was chosen>)
 *	pvlink: object <name> size <bytes>
 *	pvlink: section <object> <section> region <region> addr 0x<hex> size <bytes>
 *	pvlink: region <region> addr 0x<hex> size <decimal> sha256 <64 hex>
 *
 * The percpu region's addr is its offset in every CPU's percpu area and
 * its digest that of the template; bss's is that of its zeroed bytes.
 *
 * Init-only.
 */
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/sha256.h>

#include "pvlink_boot.h"

void pvlink_debug_select(const struct pvlink_image_backend *b, unsigned int nr,
			 const struct pvlink_platform *p, const char *force,
			 const struct pvlink_candidate *c, unsigned int nr_cand)
{
	char sig[PVLINK_CPUID_SIG_LEN + 1];

	pvlink_sig_text(p->cpuid, sig);
	printk(KERN_INFO "pvlink: platform entry %s cpuid \"%s\"\n",
	       pvlink_entry_name(p->entry), sig);
	for (unsigned int i = 0; i < nr; i++) {
		pvlink_sig_text(b[i].cpuid, sig);
		printk(KERN_INFO "pvlink: backend %s entry %#x cpuid \"%s\" priority %d requires \"%s\" size %lu\n",
		       b[i].name, b[i].entry, sig, b[i].priority, b[i].requires,
		       (unsigned long)b[i].size);
	}
	for (unsigned int i = 0; i < nr_cand; i++) {
		char stack[PVLINK_STACK_NAME_MAX];
		size_t n = 0;

		stack[0] = '\0';
		for (unsigned int k = 0; k < c[i].depth && n < sizeof(stack); k++)
			n += snprintf(stack + n, sizeof(stack) - n, "%s%s", k ? "+" : "",
				      b[c[i].stack[k]].name);
		printk(KERN_INFO "pvlink: candidate %u: %s (%s%s)\n", i + 1,
		       c[i].depth ? stack : c[i].why,
		       force && !i ? "pvlink=" : "the rules", force && !i ? force : "");
	}
}

static void report_sections(const struct pvlink_ctx *ctx, unsigned int oi)
{
	struct pvlink_section_info si;

	printk(KERN_INFO "pvlink: object %s size %lu\n", ctx->objs[oi].name,
	       (unsigned long)ctx->objs[oi].size);
	/* Section 0 is the null section; the core says when the index ends. */
	for (unsigned int i = 1; pvlink_section(ctx, oi, i, &si) == PVLINK_OK; i++) {
		if (si.region >= PVLINK_NR_REGIONS)
			continue;
		printk(KERN_INFO "pvlink: section %s %s region %s addr 0x%lx size %lu\n",
		       ctx->objs[oi].name, si.name, pvlink_region_name(si.region),
		       (unsigned long)si.addr, (unsigned long)si.size);
	}
}

void pvlink_debug_report(const struct pvlink_ctx *ctx)
{
	u8 d[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1];

	for (unsigned int oi = 0; oi < ctx->nr_objs; oi++)
		report_sections(ctx, oi);
	for (unsigned int r = 0; r < PVLINK_NR_REGIONS; r++) {
		const struct pvlink_region *rg = &ctx->region[r];

		if (!rg->size)
			continue;
		sha256(rg->mem, rg->size, d);
		for (unsigned int i = 0; i < SHA256_DIGEST_SIZE; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
		printk(KERN_INFO "pvlink: region %s addr 0x%lx size %lu sha256 %s\n",
		       pvlink_region_name(r), (unsigned long)rg->addr, (unsigned long)rg->size, hex);
	}
}
