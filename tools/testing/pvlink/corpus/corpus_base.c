// SPDX-License-Identifier: GPL-2.0
/*
 * The good object the malformed corpus is derived from.  It holds one of
 * everything the validation rules look at: text, data, rodata, bss, a
 * percpu variable, calls and data references to kernel exports, a table
 * of absolute pointers (R_X86_64_64) and a percpu access the way the
 * kernel does it (%gs-relative, R_X86_64_32S), of its own percpu
 * variable and of one the kernel exports.  Every name starts with
 * "corpus_" so the generator finds its targets by name.
 */

/* Provided by the corpus driver's export table. */
extern int corpus_ext_func(int x);
extern int corpus_ext_var;
extern int corpus_ext_pcpu;	/* a kernel percpu variable: its value is an offset */

/* What it defines for a stack above it (corpus_top.c calls corpus_func_a). */
int corpus_func_a(int x);
int corpus_func_b(void);

int corpus_data = 42;
int corpus_data_b = 43;
const char corpus_rodata[16] = "pvlink corpus";
static int corpus_bss_counter;
int corpus_bss_global;

__attribute__((section(".data..percpu"))) int corpus_percpu = 7;
/* Every CPU's copy holds the same address: R_X86_64_64 in the template. */
__attribute__((section(".data..percpu"))) int *corpus_percpu_ptr = &corpus_data;

/* Absolute addresses: R_X86_64_64 relocations in .data. */
void *corpus_ptrs[3] = { &corpus_data, (void *)corpus_rodata, &corpus_ext_var };

static int corpus_read_percpu(void)
{
	int v, k;

	/* %gs-relative like the kernel's this_cpu_read(): the symbol is an offset. */
	asm volatile("movl %%gs:%c1, %0" : "=r"(v) : "i"(&corpus_percpu));
	asm volatile("movl %%gs:%c1, %0" : "=r"(k) : "i"(&corpus_ext_pcpu));
	return v + k;
}

int corpus_func_a(int x)
{
	corpus_bss_counter++;
	return corpus_ext_func(x + corpus_data) + corpus_rodata[x & 7];
}

int corpus_func_b(void)
{
	corpus_bss_global += corpus_bss_counter;
	return corpus_read_percpu() + corpus_ext_var + corpus_data_b;
}
