// SPDX-License-Identifier: GPL-2.0
/*
 * Run the malformed-object corpus through the pvlink core.
 *
 *   corpus_driver [-t CASE] CASES.LIST [CASE...]
 *   corpus_driver --list CASES.LIST [CASE...]
 *
 * CASES.LIST is written by mkcorpus.py: "<case> <code> <file>[,<file>]
 * [key=value...]", files relative to the list.  For every case the driver
 * plans and links the objects (a stack, bottom first) with a fixed export
 * table at a fixed address, and prints one TAP line:
 *
 *   ok - corpus: <case>: refused with PVLINK_E_X   (or "links" for PVLINK_OK)
 *   not ok - corpus: <case>: <what went wrong>
 *
 * Besides the code it checks what the API promises around a refusal:
 *  - the message buffer is non-empty, NUL-terminated and names what the
 *    case's msg= options say (the section or symbol at fault);
 *  - ctx->err holds the returned code;
 *  - the objects are never written;
 *  - a refused pvlink_link() leaves every staging byte as it was: the
 *    staging buffers are filled with a canary pattern first;
 *  - after any refusal pvlink_lookup() answers PVLINK_E_STATE, and so does
 *    pvlink_section() after a refused plan;
 *  - a successful link writes nothing outside its regions and workspace
 *    (guard bytes around each); pvlink_section() places every loaded
 *    section aligned, inside its region and over no other section; and
 *    pvlink_lookup() finds what the case's lookup= options say where they
 *    say.
 *
 * Objects are handed to the core at an odd address (the API allows any
 * alignment), so the sanitizer build also catches misaligned accesses.
 *
 * The CASEs after the list, or the one of -t, select cases; --list names
 * those it would run.
 *
 * Each case runs in a child process with a time limit, so a crash or a
 * sanitizer report fails that case (and names it) instead of the run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/pvlink_lib.h>
#include "tap.h"

#define MAX_TOKENS	32
#define MAX_STACK	(PVLINK_MAX_OBJECTS + 1)	/* one more: a case tests the cap */
#define GUARD		256		/* canary bytes after each buffer */
#define CASE_TIMEOUT	20		/* seconds; a hang is a failure */
#define EXIT_NOT_OK	10		/* child printed "not ok" */

/* Defaults the expected list's options override. */
#define DEFAULT_ADDR		0xffffffffc0000000ull	/* module-area-like */
#define DEFAULT_PCPU_BASE	0x1000ull
#define DEFAULT_PCPU_SIZE	256ull
#define REGION_GAP		0x1000ull		/* regions page-aligned */
#define NR_BUCKETS		4

static const struct {
	const char *name;
	enum pvlink_err code;
} err_names[] = {
#define PVLINK_ERRNAME(x) { #x, x },
#include <pvlink_errnames.h>	/* generated in $objtree, never the source dir */
#undef PVLINK_ERRNAME
};

static const char *err_name(enum pvlink_err e)
{
	size_t i;

	for (i = 0; i < sizeof(err_names) / sizeof(err_names[0]); i++)
		if (err_names[i].code == e)
			return err_names[i].name;
	return "(not in enum pvlink_err)";
}

static bool err_code(const char *name, enum pvlink_err *e)
{
	size_t i;

	for (i = 0; i < sizeof(err_names) / sizeof(err_names[0]); i++)
		if (!strcmp(err_names[i].name, name)) {
			*e = err_names[i].code;
			return true;
		}
	return false;
}

/* ------------------------------------------------------------------ */

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("corpus_driver: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

struct export_def {
	const char *name;
	u64 value;
	u32 flags;
	bool dropped;
};

/* The "kernel" the corpus links against: corpus_base.c uses the first two. */
static struct export_def exports_default[] = {
	{ "corpus_ext_func", 0xffffffff81000000ull, 0, false },
	{ "corpus_ext_var",  0xffffffff81200000ull, 0, false },
	{ "corpus_ext_pcpu", 0x40, PVLINK_EXPORT_F_PERCPU, false },
	{ "pv_irq_disable",  0xffffffff81001000ull, 0, false },
	{ "pv_irq_enable",   0xffffffff81001040ull, 0, false },
};
#define NR_EXPORTS (sizeof(exports_default) / sizeof(exports_default[0]))

struct case_opts {
	u64 addr;
	u64 pcpu_base;
	u64 pcpu_size;
	const char *exports_how;
	const char *msg[MAX_TOKENS];
	unsigned int nr_msg;
	const char *lookup[MAX_TOKENS];		/* "NAME:OBJ" or "NAME:none" */
	unsigned int nr_lookup;
	struct export_def exports[NR_EXPORTS];
};

struct export_table {
	struct pvlink_export_table t;
	struct pvlink_export e[NR_EXPORTS];
	u32 bucket[NR_BUCKETS + 1];
};

/* Entries grouped by bucket, as the kernel build lays them out. */
static void build_exports(struct export_table *x, const struct case_opts *o)
{
	unsigned int b, i, n = 0;

	for (b = 0; b < NR_BUCKETS; b++) {
		x->bucket[b] = n;
		for (i = 0; i < NR_EXPORTS; i++) {
			const struct export_def *d = &o->exports[i];
			u32 h = pvlink_hash(d->name);

			if (d->dropped || h % NR_BUCKETS != b)
				continue;
			x->e[n].hash = h;
			x->e[n].flags = d->flags;
			x->e[n].name = d->name;
			x->e[n].value = d->value;
			n++;
		}
	}
	x->bucket[NR_BUCKETS] = n;
	x->t.nr_buckets = NR_BUCKETS;
	x->t.nr_exports = n;
	x->t.bucket = x->bucket;
	x->t.exports = x->e;
	if (!o->exports_how)
		return;
	if (!strcmp(o->exports_how, "bad-hash")) {
		x->e[0].hash ^= 1;
	} else if (!strcmp(o->exports_how, "bad-buckets")) {
		x->bucket[NR_BUCKETS] = n + 1;
	} else if (!strcmp(o->exports_how, "no-buckets")) {
		x->t.nr_buckets = 0;
	} else if (!strcmp(o->exports_how, "bucket-order")) {
		x->bucket[1] = n;
		x->bucket[2] = 0;
	} else if (!strcmp(o->exports_how, "wrong-bucket")) {
		/* The last entry of the first non-empty bucket moves to the next. */
		for (b = 0; b + 1 < NR_BUCKETS; b++)
			if (x->bucket[b + 1] > x->bucket[b]) {
				x->bucket[b + 1]--;
				break;
			}
	} else {
		die("exports=%s: unknown corruption", o->exports_how);
	}
}

/* ------------------------------------------------------------------ */

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0, got;
	u8 *p;

	if (!f)
		die("%s: %s", path, strerror(errno));
	p = malloc(cap);
	while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			p = realloc(p, cap *= 2);
	}
	if (!p || ferror(f))
		die("%s: read failed", path);
	fclose(f);
	/* Exact size, so ASan catches a read one byte past the object. */
	p = realloc(p, n ? n : 1);
	*size = n;
	return p;
}

static u8 canary(size_t i)
{
	return (u8)(0xa5 ^ (i * 0x3b) ^ (i >> 8));
}

static void fill_canary(u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = canary(i);
}

/* First index where @p no longer holds the canary, or @n. */
static size_t check_canary(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != canary(i))
			return i;
	return n;
}

/* ------------------------------------------------------------------ */

struct staging {
	u8 *block[PVLINK_NR_REGIONS];	/* canary + region + canary */
	size_t lead[PVLINK_NR_REGIONS];	/* bytes before the region */
	u8 *work;
};

static char fail_buf[1024];
static int failed;

static void fail(const char *fmt, ...)
{
	va_list ap;

	if (failed++)
		return;		/* the first failure is the one reported */
	va_start(ap, fmt);
	vsnprintf(fail_buf, sizeof(fail_buf), fmt, ap);
	va_end(ap);
}

static void alloc_staging(struct pvlink_ctx *ctx, struct staging *st,
			  const struct case_opts *o)
{
	u64 addr = o->addr;
	unsigned int r;

	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		struct pvlink_region *rg = &ctx->region[r];
		size_t a = rg->align > 64 ? rg->align : 64;

		if (!rg->size)
			continue;
		if (rg->size > (64u << 20))
			die("region %s of %llu bytes: the corpus has no such object",
			    pvlink_region_name(r), (unsigned long long)rg->size);
		if (posix_memalign((void **)&st->block[r], a, a + rg->size + GUARD))
			die("out of memory");
		st->lead[r] = a;
		fill_canary(st->block[r], a + rg->size + GUARD);
		rg->mem = st->block[r] + a;
		if (r == PVLINK_PERCPU) {
			rg->addr = ctx->percpu_base;
			continue;
		}
		addr = (addr + rg->align - 1) & ~(rg->align - 1);
		rg->addr = addr;
		addr += (rg->size + REGION_GAP - 1) & ~(REGION_GAP - 1);
	}
	st->work = malloc(ctx->work_size + GUARD);
	if (!st->work)
		die("out of memory");
	fill_canary(st->work, ctx->work_size + GUARD);
}

/* After a refused link: nothing in the staging buffers may have changed. */
static void check_untouched(const struct pvlink_ctx *ctx, const struct staging *st)
{
	unsigned int r;

	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		size_t n, at;

		if (!st->block[r])
			continue;
		n = st->lead[r] + ctx->region[r].size + GUARD;
		at = check_canary(st->block[r], n);
		if (at != n)
			fail("refused link wrote staging memory: region %s byte %lld",
			     pvlink_region_name(r), (long long)at - (long long)st->lead[r]);
	}
}

/* After a successful link: nothing outside the regions and workspace. */
static void check_guards(const struct pvlink_ctx *ctx, const struct staging *st)
{
	unsigned int r;

	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		const u8 *b = st->block[r];
		size_t lead = st->lead[r], size = ctx->region[r].size;

		if (!b)
			continue;
		if (check_canary(b, lead) != lead)
			fail("link wrote before region %s", pvlink_region_name(r));
		for (size_t i = 0; i < GUARD; i++)
			if (b[lead + size + i] != canary(lead + size + i)) {
				fail("link wrote %zu bytes past region %s", i + 1, pvlink_region_name(r));
				break;
			}
	}
	for (size_t i = 0; i < GUARD; i++)
		if (st->work[ctx->work_size + i] != canary(ctx->work_size + i)) {
			fail("link wrote past its %llu-byte workspace",
			     (unsigned long long)ctx->work_size);
			break;
		}
}

struct placed {
	unsigned int region, obj, shndx;
	u64 offset, size;
};

/* No two loaded sections may share a byte of their region. */
static void check_disjoint(const struct placed *p, unsigned int n)
{
	unsigned int a, b;

	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++)
			if (p[a].region == p[b].region && p[a].size && p[b].size &&
			    p[a].offset < p[b].offset + p[b].size &&
			    p[b].offset < p[a].offset + p[a].size) {
				fail("sections %u:%u and %u:%u overlap in region %s",
				     p[a].obj, p[a].shndx, p[b].obj, p[b].shndx,
				     pvlink_region_name(p[a].region));
				return;
			}
}

static void check_sections(const struct pvlink_ctx *ctx)
{
	static struct placed placed[PVLINK_MAX_OBJECTS * 64];
	unsigned int oi, i, n = 0;

	for (oi = 0; oi < ctx->nr_objs; oi++) {
		for (i = 1; i < 0x10000; i++) {
			struct pvlink_section_info info;
			const struct pvlink_region *rg;

			if (pvlink_section(ctx, oi, i, &info) != PVLINK_OK)
				break;
			if (info.region == PVLINK_REGION_NONE)
				continue;
			if (info.region > PVLINK_REGION_NONE) {
				fail("pvlink_section(%u, %u): region %u", oi, i, info.region);
				return;
			}
			rg = &ctx->region[info.region];
			if (info.addr != rg->addr + info.offset ||
			    (info.align && info.offset % info.align) ||
			    info.offset > rg->size || info.size > rg->size - info.offset) {
				fail("pvlink_section(%u, %u) '%s': offset %llx size %llx align %llx, address %llx: not inside region %s",
				     oi, i, info.name, (unsigned long long)info.offset,
				     (unsigned long long)info.size, (unsigned long long)info.align,
				     (unsigned long long)info.addr, pvlink_region_name(info.region));
				return;
			}
			if (n < sizeof(placed) / sizeof(placed[0]))
				placed[n++] = (struct placed){ info.region, oi, i,
							       info.offset, info.size };
		}
	}
	check_disjoint(placed, n);
}

static void check_lookups(const struct pvlink_ctx *ctx, const struct case_opts *o)
{
	unsigned int i;

	for (i = 0; i < o->nr_lookup; i++) {
		char name[256], *colon;
		struct pvlink_symbol sym;
		enum pvlink_err err;

		snprintf(name, sizeof(name), "%s", o->lookup[i]);
		colon = strrchr(name, ':');
		if (!colon)
			die("lookup=%s: want NAME:OBJ", o->lookup[i]);
		*colon++ = '\0';
		err = pvlink_lookup(ctx, name, &sym);
		if (!strcmp(colon, "none")) {
			if (err != PVLINK_E_NOT_FOUND)
				fail("pvlink_lookup(%s) gave %s, want PVLINK_E_NOT_FOUND",
				     name, err_name(err));
		} else if (err) {
			fail("pvlink_lookup(%s) failed with %s", name, err_name(err));
		} else if (sym.obj != strtoul(colon, NULL, 0)) {
			fail("pvlink_lookup(%s) found it in object %u, want %s",
			     name, sym.obj, colon);
		}
	}
}

static void check_message(const struct pvlink_ctx *ctx, enum pvlink_err err,
			  const struct case_opts *o)
{
	unsigned int i;

	if (ctx->err != err)
		fail("returned %s but ctx->err is %s", err_name(err), err_name(ctx->err));
	/* Every code has its own description, not the out-of-range one. */
	if (!pvlink_strerror(err) || !pvlink_strerror(err)[0] ||
	    !strcmp(pvlink_strerror(err), pvlink_strerror(PVLINK_E_NR)))
		fail("pvlink_strerror(%s) gives no description", err_name(err));
	if (!memchr(ctx->msg, 0, sizeof(ctx->msg))) {
		fail("message buffer not NUL-terminated");
		return;
	}
	if (!ctx->msg[0])
		fail("empty error message");
	for (i = 0; i < o->nr_msg; i++)
		if (!strstr(ctx->msg, o->msg[i]))
			fail("message does not name '%s'", o->msg[i]);
}

/* After any refusal nothing may be looked up: no half-linked values leak. */
static void check_no_lookup(const struct pvlink_ctx *ctx, bool planned)
{
	struct pvlink_section_info info;
	struct pvlink_symbol sym;
	enum pvlink_err err;

	err = pvlink_lookup(ctx, "corpus_func_a", &sym);
	if (err != PVLINK_E_STATE)
		fail("pvlink_lookup() after a refusal gave %s, want PVLINK_E_STATE",
		     err_name(err));
	/* Section offsets are valid after a plan, not after a refused one. */
	err = pvlink_section(ctx, 0, 1, &info);
	if (!planned && err != PVLINK_E_STATE)
		fail("pvlink_section() after a refused plan gave %s, want PVLINK_E_STATE",
		     err_name(err));
}

/* Plan and link one case; returns the code the core gave. */
static enum pvlink_err run_link(const struct pvlink_object *objs, unsigned int n,
				const struct case_opts *o, enum pvlink_err expect,
				struct pvlink_ctx *ctx)
{
	struct export_table x;
	struct staging st = { 0 };
	enum pvlink_err err;
	unsigned int r;

	build_exports(&x, o);
	pvlink_init(ctx, objs, n, &x.t, o->pcpu_base, o->pcpu_size);
	err = pvlink_plan(ctx);
	if (err) {
		check_message(ctx, err, o);
		check_no_lookup(ctx, false);
		return err;
	}
	alloc_staging(ctx, &st, o);
	err = pvlink_link(ctx, st.work, ctx->work_size);
	if (err) {
		check_message(ctx, err, o);
		check_untouched(ctx, &st);
		check_no_lookup(ctx, true);
	} else {
		check_guards(ctx, &st);
		check_sections(ctx);
		check_lookups(ctx, o);
		if (expect == PVLINK_OK && ctx->nr_relocs == 0)
			fail("linked, but applied no relocation");
	}
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		free(st.block[r]);
	free(st.work);
	return err;
}

/* ------------------------------------------------------------------ */

static void parse_opts(struct case_opts *o, char **tok, int ntok)
{
	int t;

	memset(o, 0, sizeof(*o));
	o->addr = DEFAULT_ADDR;
	o->pcpu_base = DEFAULT_PCPU_BASE;
	o->pcpu_size = DEFAULT_PCPU_SIZE;
	memcpy(o->exports, exports_default, sizeof(exports_default));
	for (t = 0; t < ntok; t++) {
		char *k = tok[t], *v = strchr(k, '=');

		if (!v)
			die("option '%s' is not key=value", k);
		*v++ = '\0';
		if (!strcmp(k, "msg")) {
			o->msg[o->nr_msg++] = v;
		} else if (!strcmp(k, "lookup")) {
			o->lookup[o->nr_lookup++] = v;
		} else if (!strcmp(k, "addr")) {
			o->addr = strtoull(v, NULL, 0);
		} else if (!strcmp(k, "pcpu_base")) {
			o->pcpu_base = strtoull(v, NULL, 0);
		} else if (!strcmp(k, "pcpu_size")) {
			o->pcpu_size = strtoull(v, NULL, 0);
		} else if (!strcmp(k, "exports")) {
			o->exports_how = v;
		} else if (!strcmp(k, "export_percpu")) {
			size_t i;

			for (i = 0; i < NR_EXPORTS; i++)
				if (!strcmp(o->exports[i].name, v))
					o->exports[i].flags |= PVLINK_EXPORT_F_PERCPU;
		} else if (!strcmp(k, "export")) {
			char *val = strchr(v, '=');
			size_t i;

			if (!val)
				die("export=%s: want export=NAME=VALUE", v);
			*val++ = '\0';
			for (i = 0; i < NR_EXPORTS; i++)
				if (!strcmp(o->exports[i].name, v))
					break;
			if (i == NR_EXPORTS)
				die("export=%s: not in the driver's export table", v);
			o->exports[i].dropped = !strcmp(val, "none");
			o->exports[i].value = strtoull(val, NULL, 0);
		} else {
			die("unknown option '%s'", k);
		}
	}
}

/* Runs in the child: prints the TAP line, exits 0 or EXIT_NOT_OK. */
static void run_case(const char *dir, char **tok, int ntok)
{
	const char *name = tok[0];
	struct pvlink_object objs[MAX_STACK];
	void *copy[MAX_STACK];
	struct pvlink_ctx *ctx;
	struct case_opts o;
	enum pvlink_err expect, got;
	unsigned int n = 0, i;
	char *f, *save = NULL;
	u8 *data;

	if (!err_code(tok[1], &expect))
		die("%s: %s is not in enum pvlink_err", name, tok[1]);
	for (f = strtok_r(tok[2], ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		char path[8192];

		if (n == MAX_STACK)
			die("%s: too many objects", name);
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, f) >= sizeof(path))
			die("%s/%s: path too long", dir, f);
		copy[n] = read_file(path, &objs[n].size);
		/*
		 * The API takes objects at any alignment: hand them over at an
		 * odd address so UBSan sees any misaligned header access.
		 */
		data = malloc(objs[n].size + 1);
		if (!data)
			die("out of memory");
		memcpy(data + 1, copy[n], objs[n].size);
		objs[n].name = f;
		objs[n].data = data + 1;
		n++;
	}
	parse_opts(&o, tok + 3, ntok - 3);

	ctx = malloc(sizeof(*ctx));	/* heap: ASan sees overruns of it */
	got = run_link(objs, n, &o, expect, ctx);
	for (i = 0; i < n; i++)
		if (memcmp(copy[i], objs[i].data, objs[i].size))
			fail("object %u was written", i);

	if (got != expect)
		printf("not ok - corpus: %s: expected %s, got %s\n", name,
		       err_name(expect), err_name(got));
	else if (failed)
		printf("not ok - corpus: %s: %s %s, but %s\n", name,
		       expect ? "refused with" : "links with", err_name(got), fail_buf);
	else if (expect == PVLINK_OK)
		printf("ok - corpus: %s: links\n", name);
	else
		printf("ok - corpus: %s: refused with %s\n", name, err_name(got));
	if (got != PVLINK_OK)
		printf("# %s: %s\n", name, ctx->msg[0] ? ctx->msg : "(empty message)");
	fflush(stdout);
	_exit(got == expect && !failed ? 0 : EXIT_NOT_OK);
}

static int split(char *line, char **tok)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(line, " \t\n", &save); t && n < MAX_TOKENS;
	     t = strtok_r(NULL, " \t\n", &save))
		tok[n++] = t;
	return n;
}

/* The cases to run: -t CASE, else the CASEs after the list, else all. */
static bool selected(const char *name, const struct tap_args *a)
{
	int i;

	if (a->only)
		return !strcmp(a->only, name);
	if (a->argc < 2)
		return true;
	for (i = 1; i < a->argc; i++)
		if (!strcmp(a->argv[i], name))
			return true;
	return false;
}

/*
 * The plan: the cases of the list that will run, counted before the first
 * runs, so that a driver dying halfway leaves fewer results than it.
 * With @list, print their names instead (--list).
 */
static unsigned int count_cases(const char *text, const struct tap_args *a, bool list)
{
	char *copy = strdup(text), *line, *next, *tok[MAX_TOKENS];
	unsigned int n = 0;

	if (!copy)
		die("out of memory");
	for (line = copy; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] != '#' && split(line, tok) >= 3 && selected(tok[0], a)) {
			if (list)
				printf("%s\n", tok[0]);
			n++;
		}
	}
	free(copy);
	return n;
}

int main(int argc, char **argv)
{
	char dir[4096], *slash, *text, *line, *next;
	unsigned int total = 0, bad = 0, plan;
	struct tap_args a;
	size_t size;
	int rc = tap_parse_args(argc, argv, NULL, 0, 1, -1, "CASES.LIST [CASE...]", &a);

	if (rc >= 0)
		return rc;
	/* Read it all before forking: children must not share a FILE offset. */
	text = read_file(a.argv[0], &size);
	text = realloc(text, size + 1);
	text[size] = '\0';
	if (a.list)
		return count_cases(text, &a, true) ? 0 : TAP_EXIT_ERROR;
	plan = count_cases(text, &a, false);
	if (a.only && !plan) {
		fprintf(stderr, "%s: no case named '%s' in %s (--list names them)\n", argv[0],
			a.only, a.argv[0]);
		return TAP_EXIT_ERROR;
	}
	snprintf(dir, sizeof(dir), "%s", a.argv[0]);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	printf("1..%u\n", plan);

	for (line = text; line && *line; line = next) {
		char *tok[MAX_TOKENS];
		int ntok, status;
		pid_t pid;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#')
			continue;
		ntok = split(line, tok);
		if (!ntok)
			continue;
		if (ntok < 3)
			die("%s: malformed line for '%s'", a.argv[0], tok[0]);
		if (!selected(tok[0], &a))
			continue;
		total++;
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (!pid) {
			alarm(CASE_TIMEOUT);
			run_case(dir, tok, ntok);
		}
		if (waitpid(pid, &status, 0) < 0)
			die("waitpid: %s", strerror(errno));
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		bad++;
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOT_OK)
			continue;
		if (WIFSIGNALED(status))
			printf("not ok - corpus: %s: crashed with signal %d%s\n", tok[0],
			       WTERMSIG(status),
			       WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
		else
			printf("not ok - corpus: %s: exited with status %d (driver error, sanitizer report or abort; see above)\n",
			       tok[0], WEXITSTATUS(status));
	}
	free(text);
	if (!total)
		die("no case ran");
	printf("# corpus: %u cases, %u failed\n", total, bad);
	return bad ? 1 : 0;
}
