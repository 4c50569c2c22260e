// SPDX-License-Identifier: GPL-2.0
/*
 * Multiboot2 boot information to boot_info (Multiboot2 specification
 * 2.0, section 3.6): a u32 total size, a reserved u32, then tags aligned
 * to 8 bytes, each starting with a u32 type and a u32 size, up to an end
 * tag of type 0.
 */
#include <linux/bootinfo.h>
#include <linux/kernel.h>
#include <asm/boot.h>
#include <asm/page.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

#define MB2_MEMORY_AVAILABLE	1
#define MB2_INFO_MAX		(1024 * 1024)

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;		/* first byte after the module */
	char cmdline[];
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;
	u32 entry_version;
	/* entries follow */
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 zero;
};

static void parse_mmap(const struct mb2_tag_mmap *t, struct boot_info *bi)
{
	const char *p = (const char *)(t + 1);
	const char *end = (const char *)t + t->tag.size;

	if (t->entry_size < sizeof(struct mb2_mmap_entry)) {
		pr_err("multiboot2: mmap entry size %u is smaller than %zu: memory map ignored\n",
		       t->entry_size, sizeof(struct mb2_mmap_entry));
		return;
	}
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		boot_add_mem(bi, e->addr, e->len,
			     e->type == MB2_MEMORY_AVAILABLE ? BOOT_MEM_RAM : BOOT_MEM_RESERVED);
	}
}

void multiboot2_parse(u32 info, struct boot_info *bi)
{
	u32 total = *(const u32 *)(uintptr_t)info;
	const char *p = (const char *)(uintptr_t)info + 8;
	const char *end = (const char *)(uintptr_t)info + total;

	bi->platform = (void *)(uintptr_t)info;
	/* GRUB's information is a few KiB; anything huge is not one. */
	if (total < 16 || total > MB2_INFO_MAX || (u64)info + total > IDENTITY_MAP_SIZE) {
		pr_err("multiboot2: information at %#x claims %u bytes: ignored\n", info, total);
		return;
	}
	boot_add_rsv(bi, info, total);
	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->type == MB2_TAG_END)
			break;
		if (tag->size < sizeof(*tag) || p + tag->size > end) {
			pr_err("multiboot2: tag type %u at %p has size %u beyond the %u-byte information: rest ignored\n",
			       tag->type, p, tag->size, total);
			break;
		}
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			bi->cmdline = (const char *)(tag + 1);
			break;
		case MB2_TAG_MODULE: {
			const struct mb2_tag_module *m = (const void *)tag;

			boot_add_module(bi, m->mod_start, m->mod_end - m->mod_start,
					m->cmdline);
			break;
		}
		case MB2_TAG_MMAP:
			parse_mmap((const void *)tag, bi);
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The tag holds a copy of the RSDP itself. */
			if (!bi->rsdp)
				bi->rsdp = (uintptr_t)(tag + 1);
			break;
		}
		p += (tag->size + 7) & ~7u;
	}
}
