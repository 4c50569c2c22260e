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
 * order pvimage was given the objects in).  Its "requires" chain is
 * linked under it, bottom first; every backend of the chain must allow
 * the entry mode too.  "pvlink=<name>" replaces the rules by that
 * backend: its CPUID signature and priority are ignored, its entry mode
 * and chain are not.
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

static int pick_by_rules(const struct pvlink_image_backend *b, unsigned int nr,
			 const struct pvlink_platform *p, char *msg, size_t len)
{
	char sig[PVLINK_CPUID_SIG_LEN + 1];
	int top = -1;

	for (unsigned int i = 0; i < nr; i++) {
		if (!(b[i].entry & p->entry))
			continue;
		if (!sig_empty(b[i].cpuid) &&
		    memcmp(b[i].cpuid, p->cpuid, PVLINK_CPUID_SIG_LEN))
			continue;
		if (top < 0 || b[i].priority > b[top].priority)
			top = i;
	}
	if (top < 0) {
		pvlink_sig_text(p->cpuid, sig);
		snprintf(msg, len,
			 "no backend of the image matches this platform (entry mode %s, CPUID 0x40000000 signature \"%s\"): add one that does, or choose one with pvlink=<name>",
			 pvlink_entry_name(p->entry), sig);
	}
	return top;
}

int pvlink_select(const struct pvlink_image_backend *b, unsigned int nr,
		  const struct pvlink_platform *p, const char *force,
		  unsigned int stack[PVLINK_MAX_OBJECTS], unsigned int *depth,
		  char *msg, size_t len)
{
	unsigned int chain[PVLINK_MAX_OBJECTS], n = 0;
	char names[256];
	int cur;

	if (force) {
		cur = find_backend(b, nr, force);
		if (cur < 0) {
			list_names(b, nr, names, sizeof(names));
			snprintf(msg, len,
				 "pvlink=%s: the image has no backend of that name (it has: %s)",
				 force, names);
			return -1;
		}
	} else {
		cur = pick_by_rules(b, nr, p, msg, len);
		if (cur < 0)
			return -1;
	}

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
