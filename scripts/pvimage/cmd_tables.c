// SPDX-License-Identifier: GPL-2.0
/*
 * pvimage tables: the kernel's pvlink tables, as assembly for its next
 * link (scripts/Makefile.vmlinux links vmlinux three times with them):
 *
 *  pvlink_kernel_exports	struct pvlink_export_table: every symbol marked
 *				PVLINK_EXPORT() or PVLINK_EXPORT_PERCPU(), from
 *				the records of PVLINK_EXPORT_SECTION, with its
 *				address (percpu: its offset) from the symbol table
 *  pvlink_allowed_digests	struct pvlink_digest_list: the backends built
 *				with this kernel ("pvimage digests" output)
 *  pvlink_sites		struct pvlink_site_table: every relocation
 *				vmlinux kept (--emit-relocs) that names a pv-op
 *				of PVLINK_PVOPS_SECTION, with its form
 *  pvlink_pvop_entries	struct pvlink_pvop_entries: the address of each
 *				of the kernel's own pv_<op> functions
 *
 * Without --vmlinux (the first link) the three vmlinux tables are empty.
 * vmlinux is read only through the library's checked view
 * (<linux/pvlink_elf.h>), the layouts are those of <linux/pvlink_abi.h>
 * and the export table is laid out by pvlink_export_table_layout(), so
 * the kernel, pvimage and the tests agree on every byte.  Nothing is
 * printed unless every table could be built.  Usage and exit status:
 * Documentation/pvimage.rst.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pvimage.h"
#include <linux/pvlink_abi.h>
#include <linux/pvlink_elf.h>
#include <linux/pvlink_lib.h>
#include <asm/pvlink.h>

struct tables {
	const char *path;		/* --vmlinux, or NULL */
	struct pvlink_elf elf;
	struct pvlink_export *exports;	/* in table order */
	unsigned int nr_exports;
	u32 nr_buckets;
	u32 *bucket;
	const char **pvops;		/* PVLINK_PVOPS_SECTION, in order */
	unsigned int nr_pvops;
	struct pvlink_site *sites;	/* sorted by address */
	size_t nr_sites;
	u64 *entries;			/* one per pv-op */
	u8 (*digests)[SHA256_DIGEST_SIZE];
	unsigned int nr_digests;
};

/*
 * Every name is written into the assembly as a string and a comment:
 * a symbol name as C and the assembler make them, nothing to escape.
 */
static bool name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '$'))
			return false;
	return true;
}

/*
 * A list section (PVLINK_EXPORT_SECTION, PVLINK_PVOPS_SECTION): strings
 * one after the other, each NUL-terminated; empty ones (padding) are
 * skipped.  Returns the number of non-empty strings and, when @out is not
 * NULL, fills it with them.  No section: no strings.
 */
static unsigned int list_section(const struct tables *t, const char *name, const char **out)
{
	struct pvlink_elf_section s;
	unsigned int n = 0;

	if (pvlink_elf_section_by_name(&t->elf, name, &s) < 0 || !s.size)
		return 0;
	if (!s.data || s.data[s.size - 1])
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: section %s %s", t->path, name,
			    s.data ? "does not end with a NUL" : "has no bytes in the file");
	for (u64 off = 0; off < s.size; off += strlen((const char *)s.data + off) + 1) {
		if (!s.data[off])
			continue;
		if (out)
			out[n] = (const char *)s.data + off;
		n++;
	}
	return n;
}

/* ---- pvlink_kernel_exports ---- */

static void read_exports(struct tables *t)
{
	const char **rec;
	unsigned int n, i;

	n = list_section(t, PVLINK_EXPORT_SECTION, NULL);
	rec = pvimage_alloc((n ? n : 1) * sizeof(*rec));
	list_section(t, PVLINK_EXPORT_SECTION, rec);
	t->exports = pvimage_alloc((n ? n : 1) * sizeof(*t->exports));
	for (i = 0; i < n; i++) {
		const char *name = rec[i] + 1;
		bool percpu = rec[i][0] == 'P';
		const char *macro = percpu ? "PVLINK_EXPORT_PERCPU" : "PVLINK_EXPORT";
		struct pvlink_elf_section sec;
		struct pvlink_elf_symbol s;
		bool in_percpu;

		if ((rec[i][0] != 'F' && !percpu) || !name_ok(name))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s record %u \"%s\": not F or P "
				    "followed by a symbol name", t->path, PVLINK_EXPORT_SECTION,
				    i, rec[i]);
		if (pvlink_elf_symbol_by_name(&t->elf, name, &s) < 0)
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: %s(%s): no global symbol %s in the "
				    "kernel", t->path, macro, name, name);
		in_percpu = s.shndx < t->elf.shnum && !pvlink_elf_section(&t->elf, s.shndx, &sec) &&
			    !strcmp(sec.name, PVLINK_PERCPU_SECTION);
		if (percpu != in_percpu)
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: %s is %sa percpu variable: use %s()",
				    t->path, name, in_percpu ? "" : "not ",
				    in_percpu ? "PVLINK_EXPORT_PERCPU" : "PVLINK_EXPORT");
		t->exports[i].name = name;
		t->exports[i].value = s.value;
		t->exports[i].flags = percpu ? PVLINK_EXPORT_F_PERCPU : 0;
	}
	free(rec);
	t->nr_exports = n;
}

/* One bucket per two names, as pvimage_exports_build() does: short chains. */
static void lay_out_exports(struct tables *t)
{
	t->nr_buckets = t->nr_exports / 2 + 1;
	t->bucket = pvimage_alloc((t->nr_buckets + 1) * sizeof(*t->bucket));
	pvlink_export_table_layout(t->exports, t->nr_exports, t->nr_buckets, t->bucket);
	/* Equal names hash alike, so a duplicate sits next to its twin. */
	for (unsigned int i = 1; i < t->nr_exports; i++)
		if (!strcmp(t->exports[i - 1].name, t->exports[i].name))
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: %s is exported twice (PVLINK_EXPORT)",
				    t->path, t->exports[i].name);
}

/* ---- pvlink_sites ---- */

static void read_pvops(struct tables *t)
{
	unsigned int n = list_section(t, PVLINK_PVOPS_SECTION, NULL);

	t->pvops = pvimage_alloc((n ? n : 1) * sizeof(*t->pvops));
	t->nr_pvops = list_section(t, PVLINK_PVOPS_SECTION, t->pvops);
	for (unsigned int i = 0; i < n; i++) {
		if (!name_ok(t->pvops[i]))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s entry %u \"%s\" is not a "
				    "symbol name", t->path, PVLINK_PVOPS_SECTION, i, t->pvops[i]);
		for (unsigned int j = 0; j < i; j++)
			if (!strcmp(t->pvops[i], t->pvops[j]))
				pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s lists pv-op %s twice "
					    "(entries %u and %u)", t->path, PVLINK_PVOPS_SECTION,
					    t->pvops[i], j, i);
	}
}

/*
 * The pv-op each symbol names (an index into t->pvops), or -1: looked up
 * once per symbol, not once per relocation.  A section symbol carries no
 * name of its own and is never a pv-op.
 */
static int *pvop_of_symbols(const struct tables *t)
{
	int *op = pvimage_alloc((t->elf.nsyms ? t->elf.nsyms : 1) * sizeof(*op));
	struct pvlink_elf_symbol s;

	for (u32 i = 0; i < t->elf.nsyms; i++) {
		op[i] = -1;
		if (pvlink_elf_symbol(&t->elf, i, &s) || s.type == STT_SECTION)
			continue;
		for (unsigned int k = 0; k < t->nr_pvops; k++)
			if (!strcmp(s.name, t->pvops[k]))
				op[i] = (int)k;
	}
	return op;
}

/* What a site table entry can describe (struct pvlink_site.type). */
static bool site_type(u32 type)
{
	return type == R_X86_64_64 || type == R_X86_64_PC32 || type == R_X86_64_PLT32 ||
	       type == R_X86_64_32 || type == R_X86_64_32S;
}

/*
 * PVLINK_SITE_CALL or _JMP: a rel32 to the op (PC32 or PLT32, addend -4)
 * right after an e8 or e9 opcode in an executable section; anything else
 * (taking the address, a data reference) is PVLINK_SITE_OTHER.
 */
static u8 site_form(const struct tables *t, const struct pvlink_elf_rela *r)
{
	struct pvlink_elf_section s;
	u8 op;

	if ((r->type != R_X86_64_PC32 && r->type != R_X86_64_PLT32) || r->addend != -4)
		return PVLINK_SITE_OTHER;
	if (pvlink_elf_section_at(&t->elf, r->offset - 1, &s) < 0 ||
	    !(s.flags & SHF_EXECINSTR))
		return PVLINK_SITE_OTHER;
	op = s.data[r->offset - 1 - s.addr];
	if (op == PVLINK_OPCODE_CALL)
		return PVLINK_SITE_CALL;
	if (op == PVLINK_OPCODE_JMP)
		return PVLINK_SITE_JMP;
	return PVLINK_SITE_OTHER;
}

static void add_site(struct tables *t, size_t *room, const struct pvlink_site *site)
{
	if (t->nr_sites == *room) {
		*room = *room ? 2 * *room : 256;
		t->sites = realloc(t->sites, *room * sizeof(*t->sites));
		if (!t->sites)
			pvimage_die(PVIMAGE_EXIT_IO, "out of memory (%zu sites)", *room);
	}
	t->sites[t->nr_sites++] = *site;
}

/* The relocations of one section that name a pv-op. */
static void sites_of(struct tables *t, const int *op_of, size_t *room,
		     const struct pvlink_elf_section *rs, const struct pvlink_elf_section *target)
{
	struct pvlink_elf_rela r;
	char where[256];

	for (u64 j = 0; !pvlink_elf_rela(&t->elf, rs, j, &r); j++) {
		const struct pvlink_howto *howto = arch_pvlink_howto(r.type);
		struct pvlink_site site = { 0 };

		if (r.sym >= t->elf.nsyms)
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: relocation %llu of %s: symbol %u, "
				    "the symbol table has %u", t->path, (unsigned long long)j,
				    rs->name, r.sym, t->elf.nsyms);
		if (op_of[r.sym] < 0)
			continue;
		if (!site_type(r.type))
			pvimage_die(PVIMAGE_EXIT_FAIL, "%s: %s (section %s) refers to pv-op %s "
				    "with relocation type %u (%s), which the site table cannot "
				    "describe (R_X86_64_64, PC32, PLT32, 32 and 32S only)", t->path,
				    pvlink_elf_where(&t->elf, r.offset, where, sizeof(where)),
				    target->name, t->pvops[op_of[r.sym]], r.type,
				    howto ? howto->name : "not supported by pvlink");
		site.addr = r.offset;
		site.pvop = op_of[r.sym];
		site.type = r.type;
		site.form = site_form(t, &r);
		add_site(t, room, &site);
	}
}

static int site_cmp(const void *a, const void *b)
{
	const struct pvlink_site *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->pvop != y->pvop)
		return x->pvop < y->pvop ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return (int)x->form - (int)y->form;
}

static void read_sites(struct tables *t)
{
	struct pvlink_elf_section rs, target;
	int *op_of = pvop_of_symbols(t);
	size_t room = 0;
	char msg[256];
	u32 i = 0;
	int found;

	while ((found = pvlink_elf_next_rela(&t->elf, &i, &rs, &target, msg, sizeof(msg))) > 0)
		if (target.flags & SHF_ALLOC)
			sites_of(t, op_of, &room, &rs, &target);
	if (found < 0)
		pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", t->path, msg);
	free(op_of);
	if (t->nr_sites)
		qsort(t->sites, t->nr_sites, sizeof(*t->sites), site_cmp);
}

/* ---- pvlink_pvop_entries ---- */

/*
 * Numbers, not relocations: a table of pointers to the entries would
 * itself be a reference to every pv-op, that is one more site each.
 */
static void read_entries(struct tables *t)
{
	char missing[1024] = "";
	size_t used = 0;

	t->entries = pvimage_alloc((t->nr_pvops ? t->nr_pvops : 1) * sizeof(*t->entries));
	for (unsigned int k = 0; k < t->nr_pvops; k++) {
		struct pvlink_elf_symbol s;

		if (pvlink_elf_symbol_by_name(&t->elf, t->pvops[k], &s) >= 0 &&
		    s.bind == STB_GLOBAL && s.type == STT_FUNC) {
			t->entries[k] = s.value;
			continue;
		}
		if (used < sizeof(missing))
			used += snprintf(missing + used, sizeof(missing) - used, "%s%s",
					 used ? ", " : "", t->pvops[k]);
	}
	if (used)
		pvimage_die(PVIMAGE_EXIT_FAIL, "%s: no global function for pv-op %s", t->path,
			    missing);
}

/* ---- pvlink_allowed_digests ---- */

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "pvimage digests" output: one "SHA256 NAME" line per backend. */
static void read_digests(struct tables *t, const char *path)
{
	struct pvimage_buf b;
	unsigned int line = 0;
	size_t pos = 0;

	pvimage_read(path, &b);
	t->digests = pvimage_alloc(PVLINK_IMAGE_MAX_BACKENDS * sizeof(*t->digests));
	while (pos < b.size) {
		const char *s = (const char *)b.data + pos;
		const char *nl = memchr(s, '\n', b.size - pos);
		size_t n = nl ? (size_t)(nl - s) : b.size - pos;
		size_t w = 0, skip = 0;

		pos += n + 1;
		line++;
		while (skip < n && blank(s[skip]))
			skip++;
		if (skip == n)
			continue;
		s += skip;
		n -= skip;
		while (w < n && !blank(s[w]))
			w++;
		for (unsigned int i = 0; w == 2 * SHA256_DIGEST_SIZE && i < w; i++)
			if (hex_digit(s[i]) < 0)
				w = 0;
		if (w != 2 * SHA256_DIGEST_SIZE || memchr(s, 0, n))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: \"%.*s\" is not a SHA-256 line "
				    "(64 hex digits, then the backend)", path, line, (int)n, s);
		if (t->nr_digests == PVLINK_IMAGE_MAX_BACKENDS)
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s:%u: more than %u digests (an image "
				    "holds at most %u backends)", path, line,
				    PVLINK_IMAGE_MAX_BACKENDS, PVLINK_IMAGE_MAX_BACKENDS);
		for (unsigned int i = 0; i < SHA256_DIGEST_SIZE; i++)
			t->digests[t->nr_digests][i] = hex_digit(s[2 * i]) << 4 |
						       hex_digit(s[2 * i + 1]);
		t->nr_digests++;
	}
	free(b.data);
}

/* ---- the assembly ---- */

static void write_tables(const struct tables *t, FILE *f)
{
	unsigned int i, k;

	fputs("/* Generated by pvimage tables: do not edit. */\n"
	      "\t.section .rodata.pvlink_tables, \"a\"\n\t.balign 8\n"
	      "\t.globl pvlink_kernel_exports, pvlink_allowed_digests\n", f);
	/* struct pvlink_export_table, its buckets, then its entries. */
	fprintf(f, "pvlink_kernel_exports:\n\t.long %u, %u\n", t->nr_buckets, t->nr_exports);
	fputs("\t.quad .Lpvlink_buckets, .Lpvlink_entries\n.Lpvlink_buckets:\n", f);
	for (i = 0; i <= t->nr_buckets; i++)
		fprintf(f, "\t.long %u\n", t->bucket[i]);
	fputs("\t.balign 8\n.Lpvlink_entries:\n", f);
	for (i = 0; i < t->nr_exports; i++) {
		const struct pvlink_export *x = &t->exports[i];

		fprintf(f, "\t.long 0x%08x, %u\n\t.quad .Lpvlink_name%u, 0x%llx\t/* %s */\n",
			x->hash, x->flags, i, (unsigned long long)x->value, x->name);
	}
	/* struct pvlink_digest_list */
	fprintf(f, "pvlink_allowed_digests:\n\t.long %u, 0\n", t->nr_digests);
	for (i = 0; i < t->nr_digests; i++) {
		fputs("\t.byte ", f);
		for (k = 0; k < SHA256_DIGEST_SIZE; k++)
			fprintf(f, "%s0x%02x", k ? ", " : "", t->digests[i][k]);
		fputc('\n', f);
	}
	/* struct pvlink_site_table */
	fprintf(f, "\t.balign 8\n\t.globl pvlink_sites\npvlink_sites:\n\t.long %zu, 0\n",
		t->nr_sites);
	for (size_t s = 0; s < t->nr_sites; s++) {
		const struct pvlink_site *site = &t->sites[s];

		fprintf(f, "\t.quad 0x%llx\n\t.long %u\n\t.byte %u, %u\n\t.short 0\t/* %s */\n",
			(unsigned long long)site->addr, site->pvop, site->type, site->form,
			t->pvops[site->pvop]);
	}
	/* struct pvlink_pvop_entries */
	fprintf(f, "\t.balign 8\n\t.globl pvlink_pvop_entries\npvlink_pvop_entries:\n"
		"\t.long %u, 0\n", t->nr_pvops);
	for (k = 0; k < t->nr_pvops; k++)
		fprintf(f, "\t.quad 0x%llx\t/* %s */\n", (unsigned long long)t->entries[k],
			t->pvops[k]);
	for (i = 0; i < t->nr_exports; i++)
		fprintf(f, ".Lpvlink_name%u:\t.asciz \"%s\"\n", i, t->exports[i].name);
	fputs("\t.section .note.GNU-stack, \"\", @progbits\n", f);
}

int pvimage_cmd_tables(int argc, char **argv)
{
	const char *digests = NULL;
	struct tables t = { 0 };
	struct pvimage_buf vmlinux = { 0 };
	char msg[256];

	for (int i = 1; i < argc; i++) {
		const char **opt;

		if (!strcmp(argv[i], "--vmlinux"))
			opt = &t.path;
		else if (!strcmp(argv[i], "--digests"))
			opt = &digests;
		else
			pvimage_die(PVIMAGE_EXIT_USAGE, "unknown argument %s (usage: pvimage tables "
				    "[--vmlinux VMLINUX] [--digests FILE])", argv[i]);
		if (i + 1 >= argc || *opt)
			pvimage_die(PVIMAGE_EXIT_USAGE, "%s %s", argv[i],
				    *opt ? "given twice" : "needs a file name");
		*opt = argv[++i];
	}
	if (t.path) {
		pvimage_read(t.path, &vmlinux);
		if (pvlink_elf_open(&t.elf, vmlinux.data, vmlinux.size, msg, sizeof(msg)))
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: %s", t.path, msg);
		if (t.elf.type != ET_EXEC)
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: ELF type %u, not a linked kernel "
				    "(ET_EXEC)", t.path, t.elf.type);
		if (!t.elf.symtab)
			pvimage_die(PVIMAGE_EXIT_FORMAT, "%s: no symbol table", t.path);
		read_exports(&t);
		read_pvops(&t);
		read_sites(&t);
		read_entries(&t);
	}
	lay_out_exports(&t);
	if (digests)
		read_digests(&t, digests);
	write_tables(&t, stdout);
	if (fflush(stdout) || ferror(stdout))
		pvimage_die(PVIMAGE_EXIT_IO, "cannot write the tables to standard output");
	free(t.exports);
	free(t.bucket);
	free(t.pvops);
	free(t.sites);
	free(t.entries);
	free(t.digests);
	free(vmlinux.data);
	return PVIMAGE_EXIT_OK;
}
