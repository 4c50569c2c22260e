// SPDX-License-Identifier: GPL-2.0
/*
 * Execution tests: link the test backends into executable memory of this
 * process and call them.
 *
 * This harness plays the kernel.  It is built without PIE, so its
 * "exports" (kernel_add, kernel_counter, ...) lie below 2 GiB; the
 * backends are linked into memory mapped below 2 GiB as well, so every
 * 32-bit relocation kind (PC32, 32, 32S) reaches its target, as in a
 * kernel linked in the top 2 GiB.  Percpu access is real: the backends
 * use %gs-relative addressing with percpu offsets, and this harness sets
 * the GS base per fake CPU with arch_prctl(ARCH_SET_GS), then switches it
 * to prove that each CPU sees its own copy.
 *
 * Usage: exec_test [-t TEST] TAG DIR    (DIR holds tb_base.o tb_top.o tb_weak.o tb_got.o)
 *        exec_test --list
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "testlib.h"

/* arch/x86/include/uapi/asm/prctl.h */
#define TL_ARCH_SET_GS	0x1001

/* Where the backends are linked: 1 GiB, well clear of the harness. */
#define LINK_BASE	0x40000000ul
#define PAGE		4096ul

/* The fake percpu area: kernel_cpu_id at offset 0, backends from 64. */
#define PERCPU_AREA	4096
#define PERCPU_BASE	64
#define PERCPU_RESERVE	1024
#define NR_CPUS		2

/* ---- the "kernel" the backends link against ---- */
long kernel_counter = 100;
const char kernel_banner[] = "K";

long kernel_add(long a, long b)
{
	return a + b;
}

long kernel_apply(long (*fn)(long), long v)
{
	return fn(v) + 1;
}

/* Offset of the kernel's percpu variable in every CPU's area. */
#define KERNEL_CPU_ID_OFF 0

static unsigned char percpu_area[NR_CPUS][PERCPU_AREA] __attribute__((aligned(64)));

static void set_cpu(int cpu)
{
	if (syscall(SYS_arch_prctl, TL_ARCH_SET_GS, (unsigned long)percpu_area[cpu])) {
		perror("arch_prctl(ARCH_SET_GS)");
		exit(2);
	}
}

static struct tl_exports exports;

static long maybe(long x)
{
	return x * 7;
}

static void build_exports(bool with_maybe)
{
	const struct tl_sym syms[] = {
		{ "kernel_add", (u64)(unsigned long)kernel_add, 0 },
		{ "kernel_apply", (u64)(unsigned long)kernel_apply, 0 },
		{ "kernel_counter", (u64)(unsigned long)&kernel_counter, 0 },
		{ "kernel_banner", (u64)(unsigned long)kernel_banner, 0 },
		{ "kernel_cpu_id", KERNEL_CPU_ID_OFF, PVLINK_EXPORT_F_PERCPU },
		{ "maybe_there", (u64)(unsigned long)maybe, 0 },
	};

	tl_exports_build(&exports, syms, with_maybe ? 6 : 5, 3);
}

/* ---- linking into executable memory ---- */
struct linked {
	struct pvlink_ctx ctx;
	void *work;
	void *map;
	size_t map_size;
};

static size_t page_up(u64 v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

static bool link_at(struct linked *l, const struct pvlink_object *objs, unsigned int n)
{
	enum pvlink_err err;
	u64 off = 0;
	unsigned int r, cpu;
	void *percpu_tmpl;

	memset(l, 0, sizeof(*l));
	pvlink_init(&l->ctx, objs, n, &exports.table, PERCPU_BASE, PERCPU_RESERVE);
	err = pvlink_plan(&l->ctx);
	if (err) {
		tl_diag("%s", l->ctx.msg);
		return false;
	}
	for (r = 0; r < PVLINK_NR_REGIONS; r++)
		if (r != PVLINK_PERCPU)
			off += page_up(l->ctx.region[r].size);
	l->map_size = off ? off : PAGE;
	l->map = mmap((void *)LINK_BASE, l->map_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (l->map != (void *)LINK_BASE) {
		tl_diag("cannot map %zu bytes at %#lx", l->map_size, LINK_BASE);
		return false;
	}
	off = 0;
	for (r = 0; r < PVLINK_NR_REGIONS; r++) {
		if (r == PVLINK_PERCPU)
			continue;
		/* Staging memory is the run-time memory, as in the kernel. */
		l->ctx.region[r].addr = LINK_BASE + off;
		l->ctx.region[r].mem = (void *)(LINK_BASE + off);
		off += page_up(l->ctx.region[r].size);
	}
	percpu_tmpl = aligned_alloc(l->ctx.region[PVLINK_PERCPU].align < 16 ? 16 :
				    l->ctx.region[PVLINK_PERCPU].align, PERCPU_RESERVE);
	l->ctx.region[PVLINK_PERCPU].mem = percpu_tmpl;
	l->work = malloc(l->ctx.work_size + 8);
	err = pvlink_link(&l->ctx, l->work, l->ctx.work_size);
	if (err) {
		tl_diag("%s", l->ctx.msg);
		return false;
	}
	/* Text becomes read-only and executable, like the kernel maps it. */
	if (l->ctx.region[PVLINK_TEXT].size &&
	    mprotect(l->map, page_up(l->ctx.region[PVLINK_TEXT].size), PROT_READ | PROT_EXEC)) {
		perror("mprotect");
		return false;
	}
	/* Every CPU's area gets the template, and its CPU number. */
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		memset(percpu_area[cpu], 0, PERCPU_AREA);
		memcpy(percpu_area[cpu] + PERCPU_BASE, percpu_tmpl,
		       l->ctx.region[PVLINK_PERCPU].size);
		*(long *)(percpu_area[cpu] + KERNEL_CPU_ID_OFF) = cpu;
	}
	free(percpu_tmpl);
	l->ctx.region[PVLINK_PERCPU].mem = NULL;
	return true;
}

static void unlink_all(struct linked *l)
{
	if (l->map)
		munmap(l->map, l->map_size);
	free(l->work);
}

typedef long (*fn0)(void);
typedef long (*fn1)(long);
typedef long (*fn2)(long, long);

static void *sym(struct linked *l, const char *name, unsigned int *obj)
{
	struct pvlink_symbol s;

	if (pvlink_lookup(&l->ctx, name, &s)) {
		tl_diag("no symbol %s", name);
		return NULL;
	}
	if (obj)
		*obj = s.obj;
	return (void *)(unsigned long)s.value;
}

#define CALL0(l, n)	   ({ fn0 f = (fn0)sym(l, n, NULL); f ? f() : -999999; })
#define CALL1(l, n, a)	   ({ fn1 f = (fn1)sym(l, n, NULL); f ? f(a) : -999999; })
#define CALL2(l, n, a, b)  ({ fn2 f = (fn2)sym(l, n, NULL); f ? f(a, b) : -999999; })

static struct pvlink_object load(const char *dir, const char *name)
{
	char path[4096];
	struct pvlink_object o = { .name = name };

	snprintf(path, sizeof(path), "%s/%s.o", dir, name);
	o.data = tl_read_file(path, &o.size);
	return o;
}

static void test_base(const struct pvlink_object *base)
{
	struct linked l;
	long i, c0;
	static const long sw[] = { 11, 22, 35, 47, 51, 68, 73, -1 };
	bool sw_ok = true;

	if (!tl_check(link_at(&l, base, 1), "base links into executable memory")) {
		unlink_all(&l);
		return;
	}
	set_cpu(0);
	tl_check(CALL1(&l, "pv_op_a", 5) == 6, "PLT32 call to a kernel export");
	tl_check(CALL1(&l, "pv_op_b", 4) == 2 * 4 + 1 + 42,
		 "callback: kernel calls a backend static function; static data");
	for (i = 0; i < 8; i++)
		sw_ok &= CALL1(&l, "base_switch", i) == sw[i];
	tl_check(sw_ok, "switch (jump table in rodata on some compilers)");
	tl_check(CALL2(&l, "base_call_ops", 0, 7) == 14 && CALL2(&l, "base_call_ops", 1, 7) == 21,
		 "function-pointer table (R_X86_64_64 in rodata)");
	tl_check(CALL0(&l, "base_bss_sum") == 28 && CALL0(&l, "base_bss_sum") == 56,
		 "bss is zeroed and writable");
	c0 = kernel_counter;
	tl_check(CALL0(&l, "base_counter_bump") == c0 + 5 && kernel_counter == c0 + 5,
		 "writes kernel-exported data");
	tl_check(CALL0(&l, "base_strlen") == 12 + 'K', "rodata strings and kernel rodata");

	/* percpu: CPU 0 calls pv_op_a twice more, CPU 1 once */
	set_cpu(0);
	CALL1(&l, "pv_op_a", 1);
	CALL1(&l, "pv_op_a", 1);
	set_cpu(1);
	CALL1(&l, "pv_op_a", 1);
	tl_check(CALL0(&l, "base_cpu") == 100 + 1, "percpu on CPU 1: kernel percpu export and backend percpu");
	set_cpu(0);
	tl_check(CALL0(&l, "base_cpu") == 0 + 3, "percpu on CPU 0 is separate from CPU 1");
	tl_check(CALL0(&l, "base_cpu_rip") == 0 + 3,
		 "percpu through %%gs:var(%%rip) (PC-relative against percpu symbols) on CPU 0");
	set_cpu(1);
	tl_check(CALL0(&l, "base_cpu_rip") == 100 + 1,
		 "percpu through %%gs:var(%%rip) on CPU 1");
	set_cpu(0);
	tl_check(CALL0(&l, "base_scratch_sum") == 1 + 4, "percpu template initialised from .data..percpu");
	unlink_all(&l);
}

static void test_stack(const struct pvlink_object *objs)
{
	struct linked l;
	unsigned int oa = 9, ob = 9, oc = 9;

	if (!tl_check(link_at(&l, objs, 2), "stack top over base links")) {
		unlink_all(&l);
		return;
	}
	set_cpu(0);
	sym(&l, "pv_op_a", &oa);
	sym(&l, "pv_op_b", &ob);
	sym(&l, "pv_op_c", &oc);
	tl_check(oa == 0 && ob == 1 && oc == 0, "lookup: top overrides pv_op_b, base provides a and c");
	tl_check(CALL1(&l, "pv_op_b", 3) == (3 + 1) * 10, "top's pv_op_b calls base's pv_op_a (external, resolved below)");
	tl_check(CALL1(&l, "top_chain", 2) == 1002 + 4, "top calls base and the kernel");
	tl_check(CALL1(&l, "base_calls_b", 3) == 2 * 3 + 1 + 42,
		 "base's own call to pv_op_b binds locally, not to top's override");
	set_cpu(1);
	CALL1(&l, "pv_op_b", 1);
	set_cpu(0);
	tl_check(CALL0(&l, "top_calls_read") == 1, "top's percpu counter is per CPU (CPU 0 saw 1 call)");
	set_cpu(1);
	tl_check(CALL0(&l, "top_calls_read") == 1 && CALL0(&l, "base_cpu") == 100 + 1,
		 "CPU 1 sees its own top and base percpu copies");
	unlink_all(&l);
}

static void test_weak(const struct pvlink_object *weak)
{
	struct linked l;

	if (tl_check(link_at(&l, weak, 1), "weak undefined, not exported: links")) {
		tl_check(CALL1(&l, "weak_probe", 3) == -1, "weak undefined resolves to 0");
		tl_check(CALL1(&l, "weak_default", 3) == 2, "weak definition is used");
	}
	unlink_all(&l);
	tl_exports_free(&exports);
	build_exports(true);
	if (tl_check(link_at(&l, weak, 1), "weak undefined, exported: links"))
		tl_check(CALL1(&l, "weak_probe", 3) == 21, "weak undefined binds to the export");
	unlink_all(&l);
	tl_exports_free(&exports);
	build_exports(false);
}

static bool bytes_at(struct linked *l, const char *name, const unsigned char *want, size_t n)
{
	unsigned char *p = sym(l, name, NULL);

	return p && !memcmp(p, want, n);
}

static void test_got(const struct pvlink_object *got)
{
	static const unsigned char call_relaxed[] = { 0x67, 0xe8 };
	static const unsigned char jmp_relaxed[] = { 0xe9 };
	static const unsigned char mov_imm[] = { 0x48, 0xc7, 0xc0 };
	static const unsigned char add_imm[] = { 0x48, 0x89, 0xf8, 0x48, 0x81, 0xc0 };
	struct linked l;
	unsigned char *j;

	if (!tl_check(link_at(&l, got, 1), "GOT forms link")) {
		unlink_all(&l);
		return;
	}
	set_cpu(1);
	tl_check(CALL2(&l, "got_call", 2, 3) == 5 && bytes_at(&l, "got_call", call_relaxed, 2),
		 "call *f@GOTPCREL relaxed to addr32 call, runs");
	j = sym(&l, "got_jmp", NULL);
	tl_check(CALL2(&l, "got_jmp", 2, 3) == 5 && bytes_at(&l, "got_jmp", jmp_relaxed, 1) &&
		 j && j[5] == 0x90, "jmp *f@GOTPCREL relaxed to jmp f; nop, runs");
	tl_check(CALL0(&l, "got_load") == kernel_counter && bytes_at(&l, "got_load", mov_imm, 3),
		 "mov export@GOTPCREL relaxed to mov $imm32 (absolute value), runs");
	tl_check(CALL0(&l, "got_local") == 0x1234 && bytes_at(&l, "got_local", mov_imm, 3),
		 "mov local@GOTPCREL relaxed to mov $imm32, runs");
	tl_check(CALL1(&l, "got_add", 7) == 7 && bytes_at(&l, "got_add", add_imm, 6),
		 "add v@GOTPCREL relaxed to add $imm32, runs");
	tl_check(CALL0(&l, "got_percpu") == 1 && bytes_at(&l, "got_percpu", mov_imm, 3),
		 "percpu offset through the GOT becomes mov $offset, reads this CPU's copy");
	tl_check(CALL0(&l, "got_abs64") == 0, "R_X86_64_64 and R_X86_64_PC64 agree");
	unlink_all(&l);
}

/* Three backends merged by "ld -r" into one object, as a backend is built. */
static void test_combined(const struct pvlink_object *all)
{
	struct linked l;

	if (tl_check(link_at(&l, all, 1), "ld -r combined object links")) {
		set_cpu(0);
		tl_check(CALL1(&l, "pv_op_b", 4) == 2 * 4 + 1 + 42 && CALL2(&l, "got_call", 2, 3) == 5 &&
			 CALL1(&l, "weak_probe", 3) == -1 && CALL0(&l, "base_scratch_sum") == 5,
			 "ld -r combined object: functions of all three parts run");
	}
	unlink_all(&l);
}

static struct pvlink_object base, top, weak, got, all, stack[2];

static void run_base(void)	{ test_base(&base); }
static void run_stack(void)	{ test_stack(stack); }
static void run_weak(void)	{ test_weak(&weak); }
static void run_got(void)	{ test_got(&got); }
static void run_combined(void)	{ test_combined(&all); }

/* Every test, by the name -t takes, with its count (struct tap_test). */
static const struct tap_test tests[] = {
	{ "base",	run_base,	13 },
	{ "stack",	run_stack,	7 },
	{ "weak",	run_weak,	5 },
	{ "got",	run_got,	8 },
	{ "combined",	run_combined,	2 },
};
#define NR_TESTS	(sizeof(tests) / sizeof(tests[0]))

int main(int argc, char **argv)
{
	struct tap_args a;
	int rc = tap_parse_args(argc, argv, tests, NR_TESTS, 2, 2, "TAG DIR", &a);
	const char *dir;

	if (rc >= 0)
		return rc;
	dir = a.argv[1];
	build_exports(false);
	base = load(dir, "tb_base");
	top = load(dir, "tb_top");
	weak = load(dir, "tb_weak");
	got = load(dir, "tb_got");
	all = load(dir, "tb_all");
	stack[0] = base;
	stack[1] = top;
	rc = tap_run_tests(tests, NR_TESTS, &a, a.argv[0]);
	tl_exports_free(&exports);
	return rc;
}
