// SPDX-License-Identifier: GPL-2.0
/*
 * pvlink library: error messages.  A tiny formatter (the core runs
 * without libc), the one place errors are recorded, and their descriptions.
 */
#include "internal.h"

struct pvlink_buf {
	char *p;
	size_t len;
	size_t cap;
};

static void buf_putc(struct pvlink_buf *b, char c)
{
	if (b->len + 1 < b->cap)
		b->p[b->len++] = c;
}

static void buf_puts(struct pvlink_buf *b, const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		buf_putc(b, *s++);
}

static void buf_putnum(struct pvlink_buf *b, u64 v, unsigned int base)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (base == 16) {
		buf_putc(b, '0');
		buf_putc(b, 'x');
	}
	while (n)
		buf_putc(b, tmp[--n]);
}

/*
 * Formats %s, %c, %u, %d, %x (unsigned int) and %lu, %ld, %lx (64-bit).
 * Hex always gets a 0x prefix.
 */
static void pvlink_vfmt(struct pvlink_buf *b, const char *fmt,
			__builtin_va_list ap)
{
	for (; *fmt; fmt++) {
		int ll = 0;
		s64 sv;

		if (*fmt != '%') {
			buf_putc(b, *fmt);
			continue;
		}
		fmt++;
		while (*fmt == 'l') {
			ll = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			buf_puts(b, __builtin_va_arg(ap, const char *));
			break;
		case 'c':
			buf_putc(b, (char)__builtin_va_arg(ap, int));
			break;
		case 'u':
			buf_putnum(b, ll ? __builtin_va_arg(ap, u64) :
				   __builtin_va_arg(ap, unsigned int), 10);
			break;
		case 'x':
			buf_putnum(b, ll ? __builtin_va_arg(ap, u64) :
				   __builtin_va_arg(ap, unsigned int), 16);
			break;
		case 'd':
			sv = ll ? __builtin_va_arg(ap, s64) : __builtin_va_arg(ap, int);
			if (sv < 0) {
				buf_putc(b, '-');
				buf_putnum(b, -(u64)sv, 10);
			} else {
				buf_putnum(b, (u64)sv, 10);
			}
			break;
		case '%':
			buf_putc(b, '%');
			break;
		default:
			return;
		}
	}
}

static const char *obj_name(const struct pvlink_ctx *ctx, int oi)
{
	if (oi < 0 || (unsigned int)oi >= ctx->nr_objs || !ctx->objs[oi].name)
		return "object";
	return ctx->objs[oi].name;
}

/*
 * Record an error: "<object>: <context>: <description>".  Returns @err so
 * checks read "return pvlink_fail(...)".
 */
enum pvlink_err
pvlink_fail(struct pvlink_ctx *ctx, int oi, enum pvlink_err err,
	    const char *fmt, ...)
{
	struct pvlink_buf b = { ctx->msg, 0, sizeof(ctx->msg) };
	__builtin_va_list ap;

	buf_puts(&b, "pvlink: ");
	if (oi >= 0) {
		buf_puts(&b, obj_name(ctx, oi));
		buf_puts(&b, ": ");
	}
	__builtin_va_start(ap, fmt);
	pvlink_vfmt(&b, fmt, ap);
	__builtin_va_end(ap);
	buf_puts(&b, " (");
	buf_puts(&b, pvlink_strerror(err));
	buf_putc(&b, ')');
	b.p[b.len] = '\0';
	ctx->err = err;
	return err;
}

static const char *const pvlink_errstr[PVLINK_E_NR] = {
	[PVLINK_OK]			= "success",
	[PVLINK_E_TRUNCATED]		= "object smaller than an ELF header",
	[PVLINK_E_MAGIC]		= "not an ELF object (bad magic)",
	[PVLINK_E_CLASS]		= "not a 64-bit ELF object",
	[PVLINK_E_DATA]			= "not a little-endian ELF object",
	[PVLINK_E_VERSION]		= "unknown ELF version",
	[PVLINK_E_TYPE]			= "not a relocatable object (ET_REL)",
	[PVLINK_E_MACHINE]		= "object built for another architecture",
	[PVLINK_E_EHSIZE]		= "bad ELF header size",
	[PVLINK_E_PHNUM]		= "relocatable object with program headers",
	[PVLINK_E_SHENTSIZE]		= "bad section header entry size",
	[PVLINK_E_SHNUM]		= "bad section count",
	[PVLINK_E_SHOFF]		= "section header table outside the object",
	[PVLINK_E_SHSTRNDX]		= "bad section name table index",
	[PVLINK_E_SEC_BOUNDS]		= "section data outside the object",
	[PVLINK_E_SEC_OVERLAP]		= "sections overlap in the file",
	[PVLINK_E_SEC_ALIGN]		= "section alignment not a power of two",
	[PVLINK_E_SEC_ALIGN_CAP]	= "section alignment above the limit",
	[PVLINK_E_SEC_NAME]		= "section name outside the name table",
	[PVLINK_E_SEC_TYPE]		= "allocated section of unsupported type",
	[PVLINK_E_SEC_TLS]		= "thread-local section not supported",
	[PVLINK_E_SEC_WX]		= "section both writable and executable",
	[PVLINK_E_STRTAB]		= "string table not NUL-terminated at both ends",
	[PVLINK_E_SYMTAB_NONE]		= "no symbol table",
	[PVLINK_E_SYMTAB_MULTI]		= "more than one symbol table",
	[PVLINK_E_SYMTAB_ENTSIZE]	= "bad symbol table entry size",
	[PVLINK_E_SYMTAB_LINK]		= "symbol table not linked to a string table",
	[PVLINK_E_SYMTAB_INFO]		= "bad first-global symbol index",
	[PVLINK_E_SYM_NAME]		= "symbol name outside the string table",
	[PVLINK_E_SYM_SHNDX]		= "bad symbol section index",
	[PVLINK_E_SYM_BIND]		= "bad symbol binding",
	[PVLINK_E_SYM_TYPE]		= "unknown symbol type",
	[PVLINK_E_SYM_VALUE]		= "symbol outside its section",
	[PVLINK_E_SYM_COMMON]		= "COMMON symbol not supported (build with -fno-common)",
	[PVLINK_E_SYM_TLS]		= "thread-local symbol not supported",
	[PVLINK_E_SYM_IFUNC]		= "IFUNC symbol not supported",
	[PVLINK_E_SYM_DUP]		= "symbol defined twice",
	[PVLINK_E_REL]			= "SHT_REL relocations not supported (RELA only)",
	[PVLINK_E_RELA_ENTSIZE]		= "bad relocation entry size",
	[PVLINK_E_RELA_LINK]		= "relocation section not linked to the symbol table",
	[PVLINK_E_RELA_INFO]		= "relocation section applies to no valid section",
	[PVLINK_E_RELA_MULTI]		= "two relocation sections for one section",
	[PVLINK_E_RELA_NOBITS]		= "relocations against a NOBITS section",
	[PVLINK_E_RELA_SYM]		= "relocation symbol index out of range",
	[PVLINK_E_RELA_TYPE]		= "unsupported relocation type",
	[PVLINK_E_RELA_OFFSET]		= "relocation outside its section",
	[PVLINK_E_RELA_NONALLOC_SYM]	= "relocation against a symbol in a section that is not loaded",
	[PVLINK_E_RELA_PERCPU]		= "PC-relative relocation against a percpu symbol",
	[PVLINK_E_RELA_OVERFLOW]	= "relocation result does not fit its field",
	[PVLINK_E_UNDEFINED]		= "undefined symbol",
	[PVLINK_E_EXPORTS]		= "malformed export table",
	[PVLINK_E_PERCPU_OVERFLOW]	= "percpu data larger than the percpu reserve",
	[PVLINK_E_LAYOUT]		= "region exceeds the address space",
	[PVLINK_E_OBJECTS]		= "bad number of objects",
	[PVLINK_E_ARG]			= "bad argument",
	[PVLINK_E_STATE]		= "call out of order",
	[PVLINK_E_NOT_FOUND]		= "symbol not found",
};

const char *pvlink_strerror(enum pvlink_err err)
{
	if ((unsigned int)err >= PVLINK_E_NR || !pvlink_errstr[err])
		return "unknown pvlink error";
	return pvlink_errstr[err];
}
