// SPDX-License-Identifier: GPL-2.0
/*
 * Choosing the backend stack (include/linux/pvlink_backend.h,
 * PVLINK_BACKEND()).  Compiled into the kernel and into pvimage, so both
 * choose alike.
 *
 * The rules: a backend matches when it allows the entry mode the kernel
 * came in through and, if it names a CPUID signature, leaf 0x40000000
 * returns exactly that one.  The matching backend with the highest
 * priority is the top of the stack (on a tie, the first by name: the
 * image's index is sorted by name, so the choice never depends on the
 * order pvimage was given the objects in); a negative priority is never
 * chosen by the rules.  Its "requires" chain is linked under it, bottom
 * first; every backend of the chain must allow the entry mode too.
 * "pvlink=<name>" puts that backend first: its CPUID signature and
 * priority are ignored, its entry mode and chain are not.
 *
 * pvlink_candidates() lists every stack the boot may try, in that
 * order: the named one, then each match by the rules, highest priority
 * first.  The boot takes the first whose link, probes and inits succeed.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/pvlink_lib.h>

const char *pvlink_entry_name(u32 entry)
{
	switch (entry) {
	case PVLINK_ENTRY_NATIVE:
		return "native";
	case PVLINK_ENTRY_PVH:
		return "pvh";
	case PVLINK_ENTRY_XEN_PV:
		return "xen-pv";
	default:
		return "unknown";
	}
}

void pvlink_sig_text(const char sig[PVLINK_CPUID_SIG_LEN], char out[PVLINK_CPUID_SIG_LEN + 1])
{
	unsigned int i, n = 0;

	for (i = 0; i < PVLINK_CPUID_SIG_LEN && sig[i]; i++)
		out[n++] = sig[i] >= 0x20 && sig[i] < 0x7f ? sig[i] : '?';
	out[n] = '\0';
}

static bool sig_empty(const char sig[PVLINK_CPUID_SIG_LEN])
{
	for (unsigned int i = 0; i < PVLINK_CPUID_SIG_LEN; i++)
		if (sig[i])
			return false;
	return true;
}

static int find_backend(const struct pvlink_image_backend *b, unsigned int nr,
			const char *name)
{
	for (unsigned int i = 0; i < nr; i++)
		if (!strcmp(b[i].name, name))
			return i;
	return -1;
}

/* "a, b, c": the names of the image's backends, for "no such backend". */
static void list_names(const struct pvlink_image_backend *b, unsigned int nr,
		       char *out, size_t len)
{
	size_t n = 0;

	out[0] = '\0';
	for (unsigned int i = 0; i < nr && n < len; i++)
		n += snprintf(out + n, len - n, "%s%s", i ? ", " : "", b[i].name);
}

/* Does backend @i match the platform by the rules (entry mode, signature)? */
static bool matches(const struct pvlink_image_backend *bi, const struct pvlink_platform *p)
{
	return (bi->entry & p->entry) &&
	       (sig_empty(bi->cpuid) || !memcmp(bi->cpuid, p->cpuid, PVLINK_CPUID_SIG_LEN));
}

/*
 * The best backend by the rules not yet @used (NULL: none is): a match,
 * priority 0 or more, the highest; on a tie the first, which is the
 * first by name (the image's index is sorted by name).
 */
static int next_by_rules(const struct pvlink_image_backend *b, unsigned int nr,
			 const struct pvlink_platform *p, const bool *used)
{
	int top = -1;

	for (unsigned int i = 0; i < nr; i++) {
		if ((used && used[i]) || !matches(&b[i], p) || b[i].priority < 0)
			continue;
		if (top < 0 || b[i].priority > b[top].priority)
			top = i;
	}
	return top;
}

static void no_match(const struct pvlink_platform *p, char *msg, size_t len)
{
	char sig[PVLINK_CPUID_SIG_LEN + 1];

	pvlink_sig_text(p->cpuid, sig);
	snprintf(msg, len,
		 "no backend of the image matches this platform (entry mode %s, CPUID 0x40000000 signature \"%s\"): add one that does, or choose one with pvlink=<name>",
		 pvlink_entry_name(p->entry), sig);
}

static void no_such_backend(const struct pvlink_image_backend *b, unsigned int nr,
			    const char *force, char *msg, size_t len)
{
	char names[256];

	list_names(b, nr, names, sizeof(names));
	snprintf(msg, len, "pvlink=%s: the image has no backend of that name (it has: %s)",
		 force, names);
}

/* The stack with @cur on top: its requires chain, checked, bottom first. */
static int build_chain(const struct pvlink_image_backend *b, unsigned int nr,
		       const struct pvlink_platform *p, int cur,
		       unsigned int stack[PVLINK_MAX_OBJECTS], unsigned int *depth,
		       char *msg, size_t len)
{
	unsigned int chain[PVLINK_MAX_OBJECTS], n = 0;

	/* Walk the chain top down; reverse it at the end. */
	for (;;) {
		if (!(b[cur].entry & p->entry)) {
			snprintf(msg, len,
				 "backend %s%s%s does not run under entry mode %s",
				 b[cur].name, n ? ", required by " : "",
				 n ? b[chain[n - 1]].name : "", pvlink_entry_name(p->entry));
			return -1;
		}
		for (unsigned int i = 0; i < n; i++) {
			if (chain[i] == (unsigned int)cur) {
				snprintf(msg, len,
					 "backend %s requires %s, which is already in its chain: a requires cycle",
					 b[chain[n - 1]].name, b[cur].name);
				return -1;
			}
		}
		if (n == PVLINK_MAX_OBJECTS) {
			snprintf(msg, len,
				 "the requires chain of backend %s is longer than %u backends",
				 b[chain[0]].name, PVLINK_MAX_OBJECTS);
			return -1;
		}
		chain[n++] = cur;
		if (!b[cur].requires[0])
			break;
		cur = find_backend(b, nr, b[cur].requires);
		if (cur < 0) {
			snprintf(msg, len,
				 "backend %s requires backend %s, which the image does not hold: rebuild the image with it",
				 b[chain[n - 1]].name, b[chain[n - 1]].requires);
			return -1;
		}
	}
	for (unsigned int i = 0; i < n; i++)
		stack[i] = chain[n - 1 - i];
	*depth = n;
	return 0;
}

int pvlink_select(const struct pvlink_image_backend *b, unsigned int nr,
		  const struct pvlink_platform *p, const char *force,
		  unsigned int stack[PVLINK_MAX_OBJECTS], unsigned int *depth,
		  char *msg, size_t len)
{
	int top;

	if (force) {
		top = find_backend(b, nr, force);
		if (top < 0) {
			no_such_backend(b, nr, force, msg, len);
			return -1;
		}
	} else {
		top = next_by_rules(b, nr, p, NULL);
		if (top < 0) {
			no_match(p, msg, len);
			return -1;
		}
	}
	return build_chain(b, nr, p, top, stack, depth, msg, len);
}

static bool same_stack(const struct pvlink_candidate *x, const struct pvlink_candidate *y)
{
	return x->depth && x->depth == y->depth &&
	       !memcmp(x->stack, y->stack, x->depth * sizeof(x->stack[0]));
}

/* Append the stack with @top on top, unless it is one already there. */
static void add_candidate(const struct pvlink_image_backend *b, unsigned int nr,
			  const struct pvlink_platform *p, int top,
			  struct pvlink_candidate *c, unsigned int max, unsigned int *n)
{
	struct pvlink_candidate *x = &c[*n];

	if (*n >= max)
		return;
	x->why[0] = '\0';
	x->depth = 0;
	if (build_chain(b, nr, p, top, x->stack, &x->depth, x->why, sizeof(x->why)))
		x->depth = 0;
	for (unsigned int i = 0; i < *n; i++)
		if (same_stack(&c[i], x))
			return;
	(*n)++;
}

int pvlink_candidates(const struct pvlink_image_backend *b, unsigned int nr,
		      const struct pvlink_platform *p, const char *force,
		      struct pvlink_candidate *c, unsigned int max, unsigned int *n,
		      char *msg, size_t len)
{
	bool used[PVLINK_IMAGE_MAX_BACKENDS] = { false };
	int top;

	*n = 0;
	if (!max || nr > PVLINK_IMAGE_MAX_BACKENDS) {
		snprintf(msg, len, "no room for the candidate stacks (%u backends)", nr);
		return -1;
	}
	if (force) {
		top = find_backend(b, nr, force);
		if (top >= 0) {
			add_candidate(b, nr, p, top, c, max, n);
		} else {
			c[0].depth = 0;
			no_such_backend(b, nr, force, c[0].why, sizeof(c[0].why));
			*n = 1;
		}
	}
	while ((top = next_by_rules(b, nr, p, used)) >= 0) {
		used[top] = true;
		add_candidate(b, nr, p, top, c, max, n);
	}
	for (unsigned int i = 0; i < *n; i++)
		if (c[i].depth)
			return 0;
	if (*n)
		snprintf(msg, len, "%s", c[0].why);
	else
		no_match(p, msg, len);
	return -1;
}
