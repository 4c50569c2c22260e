// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a backend's inline bodies (PVLINK_INLINE(), asm/pvlink.h).
 *
 * The records come from the image, which the bootloader hands over: they
 * are untrusted like every other byte of it.  Every length and offset is
 * checked before it is used, each rule with its own error, and nothing
 * is read outside the object: the section is found through the library's
 * checked view of the object (<linux/pvlink_elf.h>).  Pure code: the kernel and the host tests
 * (tools/testing/pvlink/patch/) compile this same file.
 */
#include <linux/types.h>
#include <linux/elf.h>
#include <linux/pvlink_elf.h>
#include <asm/pvlink.h>
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif

/* Is [off, off + n) inside [0, size)? */
static bool span_ok(u64 off, u64 n, u64 size)
{
	return off <= size && n <= size - off;
}

enum pvlink_patch_err pvlink_inline_section(const void *obj, u64 size, const u8 **sec,
					    u64 *secsize, char *msg, size_t len)
{
	struct pvlink_elf_section s;
	struct pvlink_elf e;
	int i;

	*sec = NULL;
	*secsize = 0;
	/* The library's checked view: every section inside the object. */
	if (pvlink_elf_open(&e, obj, size, msg, len))
		return PVLINK_PATCH_E_INL_ELF;
	i = pvlink_elf_section_by_name(&e, PVLINK_INLINE_SECTION, &s);
	if (i < 0)
		return PVLINK_PATCH_OK;
	for (u32 j = i + 1; j < e.shnum; j++) {
		struct pvlink_elf_section t;

		pvlink_elf_section(&e, j, &t);
		if (!strcmp(t.name, PVLINK_INLINE_SECTION)) {
			snprintf(msg, len, "sections %d and %u are both %s: one object has one",
				 i, j, PVLINK_INLINE_SECTION);
			return PVLINK_PATCH_E_INL_SECTION;
		}
	}
	if ((s.flags & SHF_ALLOC) || s.type != SHT_PROGBITS) {
		snprintf(msg, len, "section %d %s must be PROGBITS and not allocated (type %u, flags 0x%lx): declare bodies with PVLINK_INLINE()",
			 i, PVLINK_INLINE_SECTION, s.type, (unsigned long)s.flags);
		return PVLINK_PATCH_E_INL_SECTION;
	}
	*sec = s.data;
	*secsize = s.size;
	return PVLINK_PATCH_OK;
}

/*
 * One record at @off: its name (checked NUL-terminated inside the
 * section), its body and the offset of the next record.
 */
struct inline_rec {
	const char *name;
	u64 name_len;
	const u8 *body;
	u32 len;
	u64 next;
};

static enum pvlink_patch_err rec_at(const u8 *sec, u64 size, u64 off,
				    struct inline_rec *r, char *msg, size_t len)
{
	u64 n = 0;

	while (off + n < size && sec[off + n])
		n++;
	if (off + n == size) {
		snprintf(msg, len, "record at offset 0x%lx: its name is not NUL-terminated inside the section's %lu bytes",
			 (unsigned long)off, (unsigned long)size);
		return PVLINK_PATCH_E_INL_TRUNC;
	}
	r->name = (const char *)sec + off;
	r->name_len = n;
	if (off + n + 1 == size) {
		snprintf(msg, len, "record at offset 0x%lx (\"%s\"): the section ends before its length byte",
			 (unsigned long)off, r->name);
		return PVLINK_PATCH_E_INL_TRUNC;
	}
	r->len = sec[off + n + 1];
	r->body = sec + off + n + 2;
	if (!r->len || r->len > PVLINK_INLINE_MAX) {
		snprintf(msg, len, "record at offset 0x%lx (\"%s\"): body of %u bytes, allowed 1 to %u",
			 (unsigned long)off, r->name, r->len, (unsigned int)PVLINK_INLINE_MAX);
		return PVLINK_PATCH_E_INL_LEN;
	}
	if (!span_ok(off + n + 2, r->len, size)) {
		snprintf(msg, len, "record at offset 0x%lx (\"%s\"): its %u-byte body runs past the section's %lu bytes",
			 (unsigned long)off, r->name, r->len, (unsigned long)size);
		return PVLINK_PATCH_E_INL_TRUNC;
	}
	r->next = off + n + 2 + r->len;
	return PVLINK_PATCH_OK;
}

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

enum pvlink_patch_err pvlink_inline_check(const u8 *sec, u64 size,
					  const char *const *names, u32 nr_ops,
					  char *msg, size_t len)
{
	struct inline_rec r, q;
	enum pvlink_patch_err err;
	u64 off, prev;
	u32 op;

	for (off = 0; off < size; off = r.next) {
		err = rec_at(sec, size, off, &r, msg, len);
		if (err)
			return err;
		for (op = 0; op < nr_ops; op++)
			if (streq(r.name, names[op]))
				break;
		if (op == nr_ops) {
			snprintf(msg, len, "record at offset 0x%lx: \"%.*s\" is not a pv-op (asm/pvops.h lists them, without \"pv_\")",
				 (unsigned long)off, r.name_len > 40 ? 40 : (int)r.name_len, r.name);
			return PVLINK_PATCH_E_INL_NAME;
		}
		/* Records before this one are valid: walk them again. */
		for (prev = 0; prev < off; prev = q.next) {
			rec_at(sec, size, prev, &q, msg, len);
			if (streq(q.name, r.name)) {
				snprintf(msg, len, "records at offsets 0x%lx and 0x%lx both give a body for %s",
					 (unsigned long)prev, (unsigned long)off, r.name);
				return PVLINK_PATCH_E_INL_DUP;
			}
		}
	}
	return PVLINK_PATCH_OK;
}

void pvlink_inline_find(const u8 *sec, u64 size, const char *name,
			struct pvlink_inline_body *body)
{
	struct inline_rec r;
	char unused[1];
	u64 off;

	body->bytes = NULL;
	body->len = 0;
	for (off = 0; sec && off < size; off = r.next) {
		if (rec_at(sec, size, off, &r, unused, sizeof(unused)))
			return;
		if (streq(r.name, name)) {
			body->bytes = r.body;
			body->len = r.len;
			return;
		}
	}
}
