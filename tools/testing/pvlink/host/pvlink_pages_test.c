// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the boot-time link's pages (kernel/pvlink_pages.c)
 * against a model of page protections: the page-attribute calls are
 * stubs that keep each page's W and X bits and can be told to fail, the
 * allocator is a stub that records what comes back to it.
 *
 *  - release: text goes back not executable before writable, so no page
 *    is ever writable and executable at once, and every page freed is
 *    plain data (the allocator poisons what it frees);
 *  - a region whose protection cannot be changed back is kept, never
 *    freed, and said; the others still go back;
 *  - without pv-ops (Xen PV before its stack) nothing was protected and
 *    nothing is changed: the pages go back as they are;
 *  - keep: the regions stay reserved, the workspace goes back.
 *
 * Usage: pvlink_pages_test [-t TEST] [PREFIX]
 *        pvlink_pages_test --list
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

#include <linux/types.h>
#include <linux/pvlink.h>

/* The kernel's functions, renamed by the suite (objcopy --redefine-sym). */
int k_pvlink_pages_reserve(struct pvlink_ctx *ctx, struct pvlink_boot_state *st);
void k_pvlink_pages_protect(void);
void k_pvlink_pages_release(void);
void k_pvlink_pages_keep(const struct pvlink_boot_state *st, const char *backend,
			 bool exit_failed);

#define PAGE		4096ul
#define NR_PAGES	256
#define ARENA		0x40000000ul	/* the stub allocator's first address */

/* The model: each page's protection, and whether the allocator has it. */
static struct {
	bool w, x, allocated;
} page[NR_PAGES];
static unsigned long next_free;
static unsigned int wx_seen, freed_unclean, frees, warnings;
static char last_warning[512];
/* A set_memory_* call to fail: its name and address (0: none). */
static const char *fail_op;
static unsigned long fail_addr;
static bool have_pvops = true;

static unsigned long index_of(unsigned long addr)
{
	return (addr - ARENA) / PAGE;
}

unsigned long k_alloc_pages(unsigned int order);
unsigned long k_alloc_pages(unsigned int order)
{
	unsigned long pa = ARENA + next_free * PAGE, n = 1ul << order;

	if (next_free + n > NR_PAGES)
		return 0;
	for (unsigned long i = 0; i < n; i++)
		page[next_free + i] = (typeof(page[0])){ .w = true, .x = false, .allocated = true };
	next_free += n;
	return pa;
}

void k_free_pages(unsigned long pa, unsigned int order);
void k_free_pages(unsigned long pa, unsigned int order)
{
	frees++;
	for (unsigned long i = index_of(pa); i < index_of(pa) + (1ul << order); i++) {
		if (!page[i].w || page[i].x)
			freed_unclean++;
		page[i].allocated = false;
	}
}

static int set(const char *op, unsigned long addr, unsigned long n, int w, int x)
{
	if (fail_op && !strcmp(op, fail_op) && addr == fail_addr)
		return -1;
	for (unsigned long i = index_of(addr); i < index_of(addr) + n; i++) {
		if (w >= 0)
			page[i].w = w;
		if (x >= 0)
			page[i].x = x;
		if (page[i].w && page[i].x)
			wx_seen++;
	}
	return 0;
}

int set_memory_ro(unsigned long addr, unsigned long n);
int set_memory_rw(unsigned long addr, unsigned long n);
int set_memory_x(unsigned long addr, unsigned long n);
int set_memory_nx(unsigned long addr, unsigned long n);
int set_memory_ro(unsigned long addr, unsigned long n) { return set("ro", addr, n, 0, -1); }
int set_memory_rw(unsigned long addr, unsigned long n) { return set("rw", addr, n, 1, -1); }
int set_memory_x(unsigned long addr, unsigned long n) { return set("x", addr, n, -1, 1); }
int set_memory_nx(unsigned long addr, unsigned long n) { return set("nx", addr, n, -1, 0); }

bool pvops_available(void);
bool pvops_available(void)
{
	return have_pvops;
}

int k_printk(const char *fmt, ...);
int k_printk(const char *fmt, ...)
{
	va_list ap;

	warnings++;
	if (fmt[0] == '\001' && fmt[1])	/* a KERN_* level */
		fmt += 2;
	va_start(ap, fmt);
	vsnprintf(last_warning, sizeof(last_warning), fmt, ap);
	va_end(ap);
	return 0;
}

/* pvlink_state.c's: where the percpu template's pages are handed. */
unsigned long pvlink_percpu_pages;
unsigned int pvlink_percpu_order;

static struct pvlink_ctx ctx;
static struct pvlink_boot_state st;

/* A fresh model and a stack of a text, rodata and data page, reserved and protected. */
static bool stack_up(bool protect)
{
	memset(page, 0, sizeof(page));
	next_free = wx_seen = freed_unclean = frees = warnings = 0;
	last_warning[0] = '\0';
	fail_op = NULL;
	memset(&ctx, 0, sizeof(ctx));
	memset(&st, 0, sizeof(st));
	strcpy(st.stack, "native+model");
	ctx.region[PVLINK_TEXT].size = 100;
	ctx.region[PVLINK_RODATA].size = 100;
	ctx.region[PVLINK_DATA].size = 100;
	ctx.work_size = 3 * PAGE;
	if (k_pvlink_pages_reserve(&ctx, &st))
		return false;
	if (protect)
		k_pvlink_pages_protect();
	return true;
}

static unsigned long region_addr(unsigned int r)
{
	return ctx.region[r].addr;
}

static void test_release(void)
{
	bool up = stack_up(true);

	tap_check(up && page[index_of(region_addr(PVLINK_TEXT))].x &&
		  !page[index_of(region_addr(PVLINK_TEXT))].w && !wx_seen,
		  "protect: text is r-x, nothing was ever writable and executable");
	k_pvlink_pages_release();
	tap_check(!wx_seen, "release: no page was writable and executable on the way back (%u seen)",
		  wx_seen);
	tap_check(frees == 4 && !freed_unclean,
		  "release: three regions and the workspace go back, each as plain data (%u frees, %u pages unclean)",
		  frees, freed_unclean);
}

static void test_release_fails(void)
{
	unsigned long text;

	stack_up(true);
	text = region_addr(PVLINK_TEXT);
	fail_op = "nx";
	fail_addr = text;
	k_pvlink_pages_release();
	tap_check(page[index_of(text)].allocated && frees == 3 && !freed_unclean,
		  "text that cannot be made NX again is kept, the rest goes back (%u frees)", frees);
	tap_check(warnings == 1 && strstr(last_warning, "keeping the text region"),
		  "and it is said: %s", last_warning);

	stack_up(true);
	fail_op = "rw";
	fail_addr = region_addr(PVLINK_RODATA);
	k_pvlink_pages_release();
	tap_check(page[index_of(fail_addr)].allocated && frees == 3 && !freed_unclean && !wx_seen,
		  "rodata that cannot be made writable again is kept, never poisoned read-only (%u frees)",
		  frees);
}

static void test_no_pvops(void)
{
	stack_up(false);
	have_pvops = false;
	fail_op = "nx";		/* any protection change would fail */
	fail_addr = region_addr(PVLINK_TEXT);
	k_pvlink_pages_release();
	have_pvops = true;
	tap_check(frees == 4 && !warnings,
		  "without pv-ops nothing was protected: every page goes back unchanged (%u frees)", frees);
}

static void test_keep(void)
{
	stack_up(true);
	k_pvlink_pages_keep(&st, "model", false);
	tap_check(frees == 1 && page[index_of(region_addr(PVLINK_TEXT))].allocated &&
		  page[index_of(region_addr(PVLINK_DATA))].allocated,
		  "keep: the regions stay reserved, only the workspace goes back (%u frees)", frees);
	tap_check(strstr(last_warning, "stack native+model: keeping its 12 KiB reserved: backend model's init cannot be undone (no PVLINK_BACKEND_EXIT())") != NULL,
		  "keep: it says how much, for which backend and why: %s", last_warning);
}

/* Every test, by the name -t takes, with the results it prints. */
static const struct tap_test tests[] = {
	{ "release",		test_release,		3 },
	{ "release_fails",	test_release_fails,	3 },
	{ "no_pvops",		test_no_pvops,		1 },
	{ "keep",		test_keep,		2 },
};
TAP_MAIN(tests, "pvlink_pages")
