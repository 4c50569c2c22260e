// SPDX-License-Identifier: GPL-2.0
/*
 * Page-frame allocator over two bitmaps: "RAM" (fixed after boot) and
 * "free".  First fit with a moving hint; 2^order blocks naturally
 * aligned.  free_pages() moves the hint to the block it frees, so the
 * block freed last is the first looked at: a page freed and asked for
 * again comes back, still warm in the caches (as Linux's per-CPU lists
 * give it), and the self-tests can take back the page they gave.
 * Single CPU for now (APs are parked): no lock.
 *
 * Every page given back is poisoned first (page_poison(), PAGE_POISON_FREE):
 * not only the boot-time frees the freed-memory self-test checks, so that
 * what it checks stays true when someone allocates one of those pages and
 * frees it again, and so that a use after free reads the pattern.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

#define BITS_PER_WORD	64
#define LOW_MEMORY	0x100000	/* below 1 MiB: BIOS, real-mode leftovers */

static u64 ram_map[MM_MAX_PFN / BITS_PER_WORD];
static u64 free_map[MM_MAX_PFN / BITS_PER_WORD];
static unsigned long max_pfn;		/* highest RAM frame + 1 */
static unsigned long free_count;
static unsigned long ram_count;
static unsigned long search_hint;

static bool test_bit(const u64 *map, unsigned long n)
{
	return map[n / BITS_PER_WORD] & (1ULL << (n % BITS_PER_WORD));
}

static void set_bit(u64 *map, unsigned long n)
{
	map[n / BITS_PER_WORD] |= 1ULL << (n % BITS_PER_WORD);
}

static void clear_bit(u64 *map, unsigned long n)
{
	map[n / BITS_PER_WORD] &= ~(1ULL << (n % BITS_PER_WORD));
}

bool page_is_ram(unsigned long pfn)
{
	return pfn < max_pfn && test_bit(ram_map, pfn);
}

bool page_is_free(unsigned long pfn)
{
	return pfn < max_pfn && test_bit(free_map, pfn);
}

unsigned long nr_free_pages(void)
{
	return free_count;
}

unsigned long nr_ram_pages(void)
{
	return ram_count;
}

/*
 * Set bits [first, last) in @map, a word at a time where possible (under
 * the KVM of the test hosts every guest instruction is emulated), and
 * return how many were clear before.
 */
static unsigned long set_bits(u64 *map, unsigned long first, unsigned long last)
{
	unsigned long n = 0, pfn = first;

	while (pfn < last) {
		/* A whole clear word at once; anything else bit by bit. */
		if (pfn % BITS_PER_WORD == 0 && pfn + BITS_PER_WORD <= last &&
		    !map[pfn / BITS_PER_WORD]) {
			n += BITS_PER_WORD;
			map[pfn / BITS_PER_WORD] = ~0ULL;
			pfn += BITS_PER_WORD;
			continue;
		}
		if (!test_bit(map, pfn)) {
			set_bit(map, pfn);
			n++;
		}
		pfn++;
	}
	return n;
}

/* Mark the pages overlapping [start, start+size) not free. */
static unsigned long reserve_range(u64 start, u64 size)
{
	unsigned long first, last, n = 0;

	if (!size || start >= (u64)max_pfn << PAGE_SHIFT)
		return 0;
	first = PFN_DOWN(start);
	last = min(PFN_UP(start + size), (u64)max_pfn);
	for (unsigned long pfn = first; pfn < last; pfn++)
		if (test_bit(free_map, pfn)) {
			clear_bit(free_map, pfn);
			free_count--;
			n++;
		}
	return n;
}

static void reserve(const char *what, u64 start, u64 size)
{
	unsigned long n = reserve_range(start, size);

	pr_info("mm: reserved [%#lx-%#lx] %s (%lu pages were RAM)\n",
		start, start + size - 1, what, n);
}

void page_alloc_init(const struct boot_info *bi)
{
	unsigned long skipped = 0;

	memset(ram_map, 0, sizeof(ram_map));
	memset(free_map, 0, sizeof(free_map));
	max_pfn = 0;
	free_count = ram_count = 0;

	for (unsigned int i = 0; i < bi->nr_mem; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		u64 first, last;

		if (r->type != BOOT_MEM_RAM)
			continue;
		/* Only whole pages of RAM are usable. */
		first = PFN_UP(r->start);
		last = PFN_DOWN(r->start + r->size);
		if (last > MM_MAX_PFN) {
			skipped += last - max(first, (u64)MM_MAX_PFN);
			last = MM_MAX_PFN;
		}
		if (first < last) {
			/* Overlapping entries count once. */
			unsigned long added = set_bits(ram_map, first, last);

			set_bits(free_map, first, last);
			ram_count += added;
			free_count += added;
		}
		if (last > max_pfn)
			max_pfn = last;
	}
	if (skipped)
		pr_info("mm: %lu pages of RAM above 4 GiB are not managed\n", skipped);

	reserve("low memory", 0, LOW_MEMORY);
	reserve("kernel image", (uintptr_t)_text, _end - _text);
	for (unsigned int i = 0; i < bi->nr_mod; i++)
		reserve("boot module", bi->mod[i].start, bi->mod[i].size);
	for (unsigned int i = 0; i < bi->nr_rsv; i++)
		reserve("boot data", bi->rsv[i].start, bi->rsv[i].size);

	search_hint = 0;
	pr_info("mm: %lu pages of RAM, %lu free (%lu KiB), highest frame %#lx\n",
		ram_count, free_count, free_count * (PAGE_SIZE / 1024), max_pfn);
}

phys_addr_t alloc_pages(unsigned int order)
{
	unsigned long n = 1UL << order;

	if (order >= 20 || n > free_count)
		return 0;
	for (unsigned int pass = 0; pass < 2; pass++) {
		unsigned long start = pass ? 0 : ALIGN(search_hint, n);
		unsigned long end = pass ? min(search_hint + n, max_pfn) : max_pfn;

		for (unsigned long pfn = start; pfn + n <= end; pfn += n) {
			unsigned long i;

			for (i = 0; i < n && test_bit(free_map, pfn + i); i++)
				;
			if (i < n)
				continue;
			for (i = 0; i < n; i++)
				clear_bit(free_map, pfn + i);
			free_count -= n;
			search_hint = pfn + n;
			return PFN_PHYS(pfn);
		}
	}
	return 0;
}

void free_pages(phys_addr_t pa, unsigned int order)
{
	unsigned long pfn = PFN_DOWN(pa), n = 1UL << order;

	if (pa & (PAGE_SIZE - 1)) {
		pr_err("mm: free_pages(%#lx, %u): address not page aligned, ignored\n",
		       pa, order);
		return;
	}
	for (unsigned long i = 0; i < n; i++) {
		if (!page_is_ram(pfn + i)) {
			pr_err("mm: free_pages(%#lx, %u): frame %#lx is not managed RAM, ignored\n",
			       pa, order, pfn + i);
			continue;
		}
		if (test_bit(free_map, pfn + i)) {
			pr_err("mm: free_pages(%#lx, %u): frame %#lx is already free (double free), ignored\n",
			       pa, order, pfn + i);
			continue;
		}
		page_poison(PFN_PHYS(pfn + i), 1);
		set_bit(free_map, pfn + i);
		free_count++;
	}
	search_hint = pfn;
}

/* The reserved RAM pages of [@start, @start+@size) join the free pages. */
static unsigned long release_range(phys_addr_t start, u64 size, bool poison)
{
	unsigned long first = PFN_UP(start), last = PFN_DOWN(start + size), n = 0;

	for (unsigned long pfn = first; pfn < last; pfn++) {
		if (!page_is_ram(pfn) || test_bit(free_map, pfn))
			continue;
		/* Low memory and the kernel image are never released. */
		if (PFN_PHYS(pfn) < LOW_MEMORY ||
		    (PFN_PHYS(pfn) < (uintptr_t)_end && PFN_PHYS(pfn + 1) > (uintptr_t)_text))
			continue;
		if (poison)
			page_poison(PFN_PHYS(pfn), 1);
		set_bit(free_map, pfn);
		free_count++;
		n++;
	}
	return n;
}

unsigned long free_pages_range(phys_addr_t start, u64 size)
{
	return release_range(start, size, true);
}

unsigned long add_unused_pages_range(phys_addr_t start, u64 size)
{
	return release_range(start, size, false);
}
