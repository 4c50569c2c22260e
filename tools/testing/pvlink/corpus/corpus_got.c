// SPDX-License-Identifier: GPL-2.0
/*
 * A good object that reaches symbols through the GOT, the way Clang and
 * newer GCC may (x86-64 psABI B.2): a relaxable call, relaxable loads,
 * and a load the core must keep on the GOT because the symbol is a
 * percpu offset.  Written in asm so every compiler emits exactly these
 * relocations; mkcorpus.py derives the plain R_X86_64_GOTPCREL form.
 */

extern int corpus_ext_func(int x);
extern int corpus_ext_var;

__attribute__((section(".data..percpu"))) long corpus_got_percpu = 3;
long corpus_got_local = 11;

long corpus_got_func(void);
long corpus_got_forms(long x);

long corpus_got_func(void)
{
	long a, b, c, d;

	/* R_X86_64_REX_GOTPCRELX: relaxed to lea */
	asm volatile("movq corpus_ext_var@GOTPCREL(%%rip), %0" : "=r"(a));
	/* R_X86_64_REX_GOTPCRELX against a percpu symbol: stays on the GOT */
	asm volatile("movq corpus_got_percpu@GOTPCREL(%%rip), %0" : "=r"(b));
	/* R_X86_64_GOTPCRELX: call *f@GOTPCREL(%rip), relaxed to addr32 call */
	asm volatile("call *corpus_ext_func@GOTPCREL(%%rip)" : "=a"(c) : "D"(1)
		     : "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "memory");
	/* R_X86_64_REX_GOTPCRELX against a local definition */
	asm volatile("movq corpus_got_local@GOTPCREL(%%rip), %0" : "=r"(d));
	return a + b + c + d;
}

/*
 * The other relaxable forms (psABI B.2): a tail jump, test and add with a
 * GOT operand.  Linked, never run.
 */
long corpus_got_forms(long x)
{
	asm volatile("testq %0, corpus_ext_var@GOTPCREL(%%rip)" : : "r"(x));
	asm volatile("addq corpus_got_local@GOTPCREL(%%rip), %0" : "+r"(x));
	asm volatile("jmp *corpus_ext_func@GOTPCREL(%%rip)" : : : "memory");
	return x;
}
