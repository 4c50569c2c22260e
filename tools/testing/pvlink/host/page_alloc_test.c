// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the kernel's page-frame allocator (mm/page_alloc.c),
 * compiled from the kernel source with every symbol renamed k_*, against
 * a model: one byte per page frame saying "RAM" and "free".  The
 * allocator must know exactly which pages are free, after
 * page_alloc_init() on awkward memory maps and after every allocation,
 * free, double free, free_pages_range() and add_unused_pages_range() of a
 * long random walk.  Every page it takes back must be poisoned
 * (page_poison(), mm/poison.c, which this test replaces with a log)
 * exactly once, just before it becomes free, and no other page: not the
 * never-used pages add_unused_pages_range() adds.
 *
 * Usage: page_alloc_test [-t TEST] [PREFIX]	prints TAP lines "ok - PREFIX: TEST: ..."
 *        page_alloc_test --list		names the TESTs
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include <linux/bootinfo.h>
#include <asm/page.h>

/* The kernel's functions, renamed by the suite (objcopy --redefine-sym). */
void k_page_alloc_init(const struct boot_info *bi);
phys_addr_t k_alloc_pages(unsigned int order);
void k_free_pages(phys_addr_t pa, unsigned int order);
unsigned long k_free_pages_range(phys_addr_t start, u64 size);
unsigned long k_add_unused_pages_range(phys_addr_t start, u64 size);
unsigned long k_nr_free_pages(void);
unsigned long k_nr_ram_pages(void);
bool k_page_is_free(unsigned long pfn);
bool k_page_is_ram(unsigned long pfn);
int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#define MAX_PFN		(IDENTITY_MAP_SIZE >> PAGE_SHIFT)	/* mm.h: MM_MAX_PFN */
#define LOW_MEMORY	0x100000ull				/* page_alloc.c */
#define RANDOM_MAPS	20

/*
 * The kernel image the allocator must keep: three pages, named as the
 * linker script names its bounds.  Non-PIE, so its address is a small
 * "physical" address that the memory maps below can contain.
 */
extern char k__text[], k__end[];
__asm__(".pushsection .data\n"
	".balign 4096\n"
	".globl k__text\n"
	"k__text: .space 3 * 4096\n"
	".globl k__end\n"
	"k__end:\n"
	".popsection\n");

static int printk_calls;

int k_printk(const char *fmt, ...);
int k_printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	k_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk_calls++;
	return 0;
}

static unsigned char model_ram[MAX_PFN], model_free[MAX_PFN];
static unsigned long model_nr_free;

/* The pages page_poison() was asked to fill since the log was cleared. */
#define POISON_LOG_MAX	4096
static unsigned long poison_log[POISON_LOG_MAX];
static unsigned int poison_logged;
static int poison_errors;

/* mm/poison.c's page_poison(), as a log: the pages are not real here. */
void page_poison(phys_addr_t pa, unsigned long npages);
void page_poison(phys_addr_t pa, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++) {
		unsigned long pfn = PFN_DOWN(pa) + i;

		/* Poisoned before it is marked free, never after. */
		if ((pa & (PAGE_SIZE - 1)) || !k_page_is_ram(pfn) || k_page_is_free(pfn)) {
			printf("# page_poison(%#llx): frame %#lx is %s\n", (unsigned long long)pa,
			       pfn, !k_page_is_ram(pfn) ? "not RAM" : "free already");
			poison_errors++;
		}
		if (poison_logged < POISON_LOG_MAX)
			poison_log[poison_logged++] = pfn;
	}
}

/* The frames an operation must poison: those it turns free. */
static unsigned long expect[POISON_LOG_MAX];
static unsigned int nexpect;

static void expect_poison(unsigned long pfn)
{
	if (nexpect < POISON_LOG_MAX)
		expect[nexpect++] = pfn;
}

/* The log must hold exactly the expected frames, each once. */
static int poison_matches(const char *when)
{
	static unsigned char count[MAX_PFN];
	int ok = !poison_errors;

	for (unsigned int i = 0; i < poison_logged; i++)
		count[poison_log[i]]++;
	for (unsigned int i = 0; i < nexpect; i++)
		if (count[expect[i]] != 1) {
			printf("# %s: frame %#lx became free but was poisoned %d times\n", when,
			       expect[i], count[expect[i]]);
			ok = 0;
		}
	if (poison_logged != nexpect) {
		printf("# %s: %u frames became free, %u were poisoned\n", when, nexpect,
		       poison_logged);
		ok = 0;
	}
	for (unsigned int i = 0; i < poison_logged; i++)
		count[poison_log[i]] = 0;
	poison_logged = 0;
	poison_errors = 0;
	nexpect = 0;
	return ok;
}

/* The model's view of page_alloc_init(): whole pages of RAM below 4 GiB,
 * free unless a reservation overlaps them. */
static void model_init(const struct boot_info *bi)
{
	memset(model_ram, 0, sizeof(model_ram));
	memset(model_free, 0, sizeof(model_free));
	for (unsigned int i = 0; i < bi->nr_mem; i++) {
		u64 first = PFN_UP(bi->mem[i].start);
		u64 last = PFN_DOWN(bi->mem[i].start + bi->mem[i].size);

		if (bi->mem[i].type != BOOT_MEM_RAM)
			continue;
		for (u64 pfn = first; pfn < last && pfn < MAX_PFN; pfn++)
			model_ram[pfn] = model_free[pfn] = 1;
	}
}

static void model_reserve(u64 start, u64 size)
{
	if (!size)
		return;
	for (u64 pfn = PFN_DOWN(start); pfn < PFN_UP(start + size) && pfn < MAX_PFN; pfn++)
		model_free[pfn] = 0;
}

static int image_page(u64 pfn)
{
	u64 pa = PFN_PHYS(pfn);

	return pa < LOW_MEMORY || (pa < (uintptr_t)k__end &&
				   pa + PAGE_SIZE > (uintptr_t)k__text);
}

static void model_count(void)
{
	model_nr_free = 0;
	for (unsigned long pfn = 0; pfn < MAX_PFN; pfn++)
		model_nr_free += model_free[pfn];
}

/* Every frame and both counters against the model; the first difference
 * as a diagnostic. */
static int compare_all(const char *when)
{
	unsigned long ram = 0, diff = 0, first = 0;

	for (unsigned long pfn = 0; pfn < MAX_PFN; pfn++) {
		ram += model_ram[pfn];
		if (k_page_is_ram(pfn) != !!model_ram[pfn] ||
		    k_page_is_free(pfn) != !!model_free[pfn]) {
			if (!diff++)
				first = pfn;
		}
	}
	if (diff)
		printf("# %s: %lu frames differ, first %#lx: kernel ram %d free %d, model ram %d free %d\n",
		       when, diff, first, k_page_is_ram(first), k_page_is_free(first),
		       model_ram[first], model_free[first]);
	if (k_nr_ram_pages() != ram || k_nr_free_pages() != model_nr_free) {
		printf("# %s: kernel counts %lu RAM, %lu free; model %lu, %lu\n",
		       when, k_nr_ram_pages(), k_nr_free_pages(), ram, model_nr_free);
		diff++;
	}
	return diff == 0;
}

static void add_mem(struct boot_info *bi, u64 start, u64 size, u32 type)
{
	bi->mem[bi->nr_mem++] = (struct boot_mem_range){ start, size, type };
}

static int init_both(const char *name, struct boot_info *bi)
{
	model_init(bi);
	model_reserve(0, LOW_MEMORY);
	model_reserve((uintptr_t)k__text, (uintptr_t)k__end - (uintptr_t)k__text);
	for (unsigned int i = 0; i < bi->nr_mod; i++)
		model_reserve(bi->mod[i].start, bi->mod[i].size);
	for (unsigned int i = 0; i < bi->nr_rsv; i++)
		model_reserve(bi->rsv[i].start, bi->rsv[i].size);
	model_count();
	k_page_alloc_init(bi);
	return compare_all(name);
}

static unsigned int rnd_state = 2024;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

static void test_maps(void)
{
	static struct boot_info bi;
	u64 image = (uintptr_t)k__text;
	int bad = 0;

	/* What QEMU's PVH boot reports, with a module and boot data. */
	memset(&bi, 0, sizeof(bi));
	add_mem(&bi, 0, 0x9fc00, BOOT_MEM_RAM);
	add_mem(&bi, 0x9fc00, 0x400, BOOT_MEM_RESERVED);
	add_mem(&bi, 0xf0000, 0x10000, BOOT_MEM_RESERVED);
	add_mem(&bi, 0x100000, 0xff00000, BOOT_MEM_RAM);
	bi.mod[bi.nr_mod++] = (struct boot_module){ .start = 0xffbe000, .size = 102413 };
	bi.rsv[bi.nr_rsv++] = (struct boot_mem_range){ 0xcfeb0, 0xa8, 0 };
	bi.rsv[bi.nr_rsv++] = (struct boot_mem_range){ 0x7b7c, 0x20, 0 };
	tap_check(init_both("a QEMU-like map", &bi),
	    "page_alloc_init: a QEMU-like map: every frame and count as the model");

	/*
	 * Awkward: RAM that starts and ends inside pages, overlapping RAM
	 * entries, a reserved range inside RAM, RAM straddling 4 GiB and
	 * wholly above it, a zero-sized module, one outside RAM, boot data
	 * that crosses the end of RAM, and the kernel image.
	 */
	memset(&bi, 0, sizeof(bi));
	add_mem(&bi, 0x100800, 0x3000, BOOT_MEM_RAM);
	add_mem(&bi, 0x200000, 0x200000, BOOT_MEM_RAM);
	add_mem(&bi, 0x300000, 0x200000, BOOT_MEM_RAM);
	add_mem(&bi, 0x380000, 0x1000, BOOT_MEM_RESERVED);
	add_mem(&bi, image & ~0xfffffull, 0x400000, BOOT_MEM_RAM);
	add_mem(&bi, 0xfffff000ull, 0x3000, BOOT_MEM_RAM);
	add_mem(&bi, 0x100000000ull, 0x100000, BOOT_MEM_RAM);
	add_mem(&bi, 0x600000, 0x800, BOOT_MEM_RAM);
	bi.mod[bi.nr_mod++] = (struct boot_module){ .start = 0x210000, .size = 0 };
	bi.mod[bi.nr_mod++] = (struct boot_module){ .start = 0x50000000, .size = 0x5000 };
	bi.mod[bi.nr_mod++] = (struct boot_module){ .start = 0x2ff800, .size = 0x1001 };
	bi.rsv[bi.nr_rsv++] = (struct boot_mem_range){ 0x4ff000, 0x3000, 0 };
	tap_check(init_both("an awkward map", &bi),
	    "page_alloc_init: an awkward map: every frame and count as the model");

	/* Random maps: any mix of types, alignments and overlaps. */
	for (int round = 0; round < RANDOM_MAPS; round++) {
		char name[64];

		memset(&bi, 0, sizeof(bi));
		for (int i = 0; i < 12; i++)
			add_mem(&bi, (u64)(rnd() % 0x4000) << 14 | (rnd() % 3 ? 0 : rnd() % 4096),
				(u64)(rnd() % 0x400) << 12 | (rnd() % 2 ? 0 : rnd() % 4096),
				rnd() % 4 ? BOOT_MEM_RAM : BOOT_MEM_RESERVED);
		for (int i = 0; i < 3; i++)
			bi.mod[bi.nr_mod++] = (struct boot_module){
				.start = (u64)(rnd() % 0x10000) << 12 | rnd() % 4096,
				.size = rnd() % 0x40000 };
		for (int i = 0; i < 5; i++)
			bi.rsv[bi.nr_rsv++] = (struct boot_mem_range){
				(u64)(rnd() % 0x10000) << 12 | rnd() % 4096,
				rnd() % 0x8000, 0 };
		snprintf(name, sizeof(name), "random map %d", round);
		bad += !init_both(name, &bi);
	}
	tap_check(!bad, "page_alloc_init: %d random maps: every frame and count as the model",
	    RANDOM_MAPS);
}

/* Is there a naturally aligned block of 2^order free pages in the model? */
static int model_has_block(unsigned int order)
{
	unsigned long n = 1ul << order;

	for (unsigned long pfn = 0; pfn + n <= MAX_PFN; pfn += n) {
		unsigned long i;

		for (i = 0; i < n && model_free[pfn + i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

static void test_walk(void)
{
	static struct boot_info bi;
	struct { phys_addr_t pa; unsigned int order; } held[256];
	unsigned int nheld = 0;
	long ops = 0, bad = 0, allocs = 0, exhausted = 0, dfree = 0, ranged = 0, added = 0;
	long poisoned = 0;
	u64 image = (uintptr_t)k__text;

	/* A small machine, so that allocation runs out now and then. */
	memset(&bi, 0, sizeof(bi));
	add_mem(&bi, image & ~0xfffffull, 0x200000, BOOT_MEM_RAM);
	add_mem(&bi, 0x1000000, 0x80000, BOOT_MEM_RAM);
	bi.mod[bi.nr_mod++] = (struct boot_module){ .start = 0x1010000, .size = 0x2345 };
	if (!init_both("the walk's map", &bi))
		bad++;

	for (int step = 0; step < 20000 && bad < 10; step++) {
		unsigned int op = rnd() % 10;
		int printks = printk_calls;
		char when[32];

		ops++;
		if (op < 5 && nheld < 256) {
			unsigned int order = rnd() % 5;
			phys_addr_t pa = k_alloc_pages(order);
			unsigned long pfn = PFN_DOWN(pa), n = 1ul << order;

			allocs++;
			if (!pa) {
				exhausted++;
				if (model_has_block(order)) {
					printf("# step %d: alloc_pages(%u) failed, but the model has a free block\n",
					       step, order);
					bad++;
				}
				continue;
			}
			if (pfn % n) {
				printf("# step %d: alloc_pages(%u) = %#llx is not aligned\n",
				       step, order, (unsigned long long)pa);
				bad++;
			}
			for (unsigned long i = 0; i < n; i++) {
				if (pfn + i >= MAX_PFN || !model_free[pfn + i]) {
					printf("# step %d: alloc_pages(%u) = %#llx hands out frame %#lx, which is not free\n",
					       step, order, (unsigned long long)pa, pfn + i);
					bad++;
					break;
				}
				model_free[pfn + i] = 0;
				model_nr_free--;
			}
			held[nheld].pa = pa;
			held[nheld++].order = order;
		} else if (op < 8 && nheld) {
			unsigned int i = rnd() % nheld;
			unsigned long pfn = PFN_DOWN(held[i].pa), n = 1ul << held[i].order;

			k_free_pages(held[i].pa, held[i].order);
			for (unsigned long j = 0; j < n; j++) {
				model_free[pfn + j] = 1;
				model_nr_free++;
				expect_poison(pfn + j);
			}
			if (rnd() % 4 == 0) {
				/* Again: a double free, reported and ignored. */
				k_free_pages(held[i].pa, held[i].order);
				dfree++;
				if (printk_calls == printks) {
					printf("# step %d: a double free of %#llx was not reported\n",
					       step, (unsigned long long)held[i].pa);
					bad++;
				}
			}
			held[i] = held[--nheld];
		} else if (op == 8) {
			/*
			 * Give back a range, as after a module is consumed,
			 * or add one never used (poisoned: not).
			 */
			u64 start = 0x1000000 + rnd() % 0x80000, size = rnd() % 0x20000;
			bool unused = rnd() & 1;
			unsigned long want = 0, got;

			for (u64 pfn = PFN_UP(start); pfn < PFN_DOWN(start + size); pfn++) {
				int held_here = 0;

				for (unsigned int i = 0; i < nheld; i++)
					if (pfn >= PFN_DOWN(held[i].pa) &&
					    pfn < PFN_DOWN(held[i].pa) + (1ul << held[i].order))
						held_here = 1;
				/* Only what nobody holds: the walk must stay consistent. */
				if (held_here)
					goto skip_range;
			}
			for (u64 pfn = PFN_UP(start); pfn < PFN_DOWN(start + size); pfn++)
				if (model_ram[pfn] && !model_free[pfn] && !image_page(pfn)) {
					model_free[pfn] = 1;
					model_nr_free++;
					want++;
					if (!unused)
						expect_poison(pfn);
				}
			if (unused) {
				got = k_add_unused_pages_range(start, size);
				added++;
			} else {
				got = k_free_pages_range(start, size);
				ranged++;
			}
			if (got != want) {
				printf("# step %d: %s(%#llx, %#llx) freed %lu pages, the model %lu\n",
				       step, unused ? "add_unused_pages_range" : "free_pages_range",
				       (unsigned long long)start, (unsigned long long)size, got, want);
				bad++;
			}
skip_range:		;
		} else {
			/* Freeing what is not managed RAM: reported, ignored. */
			k_free_pages(0x50000000, 0);
			if (printk_calls == printks) {
				printf("# step %d: freeing a non-RAM page was not reported\n", step);
				bad++;
			}
		}
		snprintf(when, sizeof(when), "step %d", step);
		poisoned += poison_logged;
		if (!poison_matches(when))
			bad++;
		if (k_nr_free_pages() != model_nr_free) {
			printf("# step %d: kernel has %lu free pages, the model %lu\n",
			       step, k_nr_free_pages(), model_nr_free);
			bad++;
		}
		if (step % 500 == 0 && !compare_all("walk"))
			bad++;
	}
	if (!compare_all("end of the walk"))
		bad++;
	tap_check(!bad && exhausted && dfree && ranged && added && poisoned,
	    "random walk: %ld operations (%ld allocations, %ld refused for lack of memory, %ld double frees, %ld range frees, %ld unused ranges added, %ld pages poisoned) agree with the model",
	    ops, allocs, exhausted, dfree, ranged, added, poisoned);
}

/* Every test, by the name -t takes, with the results it prints. */
static const struct tap_test tests[] = {
	{ "maps",	test_maps,	3 },
	{ "walk",	test_walk,	1 },
};
TAP_MAIN(tests, "page_alloc")
