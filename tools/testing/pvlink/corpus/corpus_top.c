// SPDX-License-Identifier: GPL-2.0
/*
 * A second good object that sits on top of corpus_base.o in a two-object
 * stack: it calls a function defined below it and a kernel export.  It
 * alone (or below corpus_base.o) leaves corpus_func_a unresolved.
 */

extern int corpus_func_a(int x);
extern int corpus_ext_var;

int corpus_top_data = 5;

int corpus_top_func(int x);

int corpus_top_func(int x)
{
	return corpus_func_a(x) + corpus_ext_var + corpus_top_data;
}
