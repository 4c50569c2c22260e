// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: what a linked kernel (vmlinux, an ELF64 executable)
 * holds for its backends, read through a checked view (pvlink_elf_open()):
 *
 *  pvlink_kernel_exports	struct pvlink_export_table: the hashed exports
 *  pvlink_allowed_digests	struct pvlink_digest_list: the backends built
 *				with this kernel
 *  __per_cpu_reserve		where the backend percpu reserve starts
 *  __per_cpu_reserve_size	its size (an absolute symbol)
 *  .pvlink.pvops		non-allocated: the names of the pv-ops the
 *				kernel calls, each NUL-terminated
 *
 * Every address is turned into file bytes only through
 * pvlink_elf_vaddr(), which checks the whole range; every count is
 * bounded before it sizes anything.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/pvlink_lib.h>
#include <linux/pvlink_elf.h>

#define FAIL(...)	do { snprintf(msg, len, __VA_ARGS__); return -1; } while (0)

/* Far above any real kernel; bounds what the caller is asked to allocate. */
#define MAX_EXPORTS	(1u << 20)
#define MAX_BUCKETS	(1u << 20)
#define MAX_NAME	512

/* struct pvlink_digest_list up to its digests. */
#define DIGESTS_HDR	__builtin_offsetof(struct pvlink_digest_list, digest)

static int sym(const struct pvlink_elf *e, const char *name, u64 *value, char *msg, size_t len)
{
	struct pvlink_elf_symbol s;

	if (pvlink_elf_symbol_by_name(e, name, &s) < 0)
		FAIL("no symbol %s: not a kernel built with CONFIG_PVLINK", name);
	*value = s.value;
	return 0;
}

static int bytes(const struct pvlink_elf *e, u64 vaddr, u64 n, const char *what,
		 const u8 **p, char *msg, size_t len)
{
	*p = pvlink_elf_vaddr(e, vaddr, n);
	if (!*p)
		FAIL("%s at %#llx (+%llu) is not in the file", what, (unsigned long long)vaddr,
		     (unsigned long long)n);
	return 0;
}

static int read_pvops(const struct pvlink_elf *e, struct pvlink_kernel_info *k,
		      char *msg, size_t len)
{
	struct pvlink_elf_section s;

	if (pvlink_elf_section_by_name(e, PVLINK_PVOPS_SECTION, &s) < 0 || !s.data ||
	    !s.size || s.data[s.size - 1])
		FAIL("no well-formed %s section (the list of pv-ops the kernel calls)",
		     PVLINK_PVOPS_SECTION);
	k->pvops = (const char *)s.data;
	k->pvops_size = s.size;
	k->nr_pvops = 0;
	for (u64 i = 0; i < s.size; i++)
		k->nr_pvops += !s.data[i];
	return 0;
}

int pvlink_kernel_read(const struct pvlink_elf *e, struct pvlink_kernel_info *k,
		       char *msg, size_t len)
{
	struct pvlink_export_table t;
	u32 nr_digests;
	const u8 *p;
	u64 v;

	memset(k, 0, sizeof(*k));
	if (e->type != ET_EXEC || !e->symtab)
		FAIL("not a linked kernel with a symbol table");
	if (sym(e, "pvlink_kernel_exports", &v, msg, len) ||
	    bytes(e, v, sizeof(t), "the export table", &p, msg, len))
		return -1;
	memcpy(&t, p, sizeof(t));
	if (!t.nr_buckets || t.nr_buckets > MAX_BUCKETS || t.nr_exports > MAX_EXPORTS)
		FAIL("export table with %u buckets and %u entries", t.nr_buckets, t.nr_exports);
	k->nr_buckets = t.nr_buckets;
	k->nr_exports = t.nr_exports;
	if (bytes(e, (u64)(uintptr_t)t.bucket, (u64)(t.nr_buckets + 1) * sizeof(u32),
		  "the export buckets", &k->bucket, msg, len) ||
	    bytes(e, (u64)(uintptr_t)t.exports, (u64)t.nr_exports * sizeof(struct pvlink_export),
		  "the export entries", &k->exports, msg, len))
		return -1;
	if (read_pvops(e, k, msg, len) ||
	    sym(e, "__per_cpu_reserve", &k->percpu_base, msg, len) ||
	    sym(e, "__per_cpu_reserve_size", &k->percpu_size, msg, len) ||
	    sym(e, "pvlink_allowed_digests", &v, msg, len) ||
	    bytes(e, v, DIGESTS_HDR, "the digest allow-list", &p, msg, len))
		return -1;
	memcpy(&nr_digests, p + __builtin_offsetof(struct pvlink_digest_list, nr),
	       sizeof(nr_digests));
	if (nr_digests > PVLINK_IMAGE_MAX_BACKENDS)
		FAIL("%u allowed digests, at most %u", nr_digests, PVLINK_IMAGE_MAX_BACKENDS);
	k->nr_digests = nr_digests;
	return bytes(e, v + DIGESTS_HDR, (u64)nr_digests * SHA256_DIGEST_SIZE,
		     "the digest allow-list", &k->digests, msg, len);
}

int pvlink_kernel_read_exports(const struct pvlink_elf *e, const struct pvlink_kernel_info *k,
			       struct pvlink_export *out, u32 *bucket, char *msg, size_t len)
{
	u32 i;

	memcpy(bucket, k->bucket, (k->nr_buckets + 1) * sizeof(u32));
	for (i = 0; i < k->nr_exports; i++) {
		struct pvlink_export x;
		u64 n;

		memcpy(&x, k->exports + (u64)i * sizeof(x), sizeof(x));
		/* The name must end, with its NUL, inside the section holding it. */
		for (n = 0; n < MAX_NAME; n++) {
			const u8 *c = pvlink_elf_vaddr(e, (u64)(uintptr_t)x.name + n, 1);

			if (!c)
				break;
			if (!*c)
				break;
		}
		if (n == MAX_NAME || !pvlink_elf_vaddr(e, (u64)(uintptr_t)x.name + n, 1))
			FAIL("export %u: its name is not a string in the file", i);
		out[i] = x;
		out[i].name = (const char *)pvlink_elf_vaddr(e, (u64)(uintptr_t)x.name, 1);
	}
	return 0;
}
