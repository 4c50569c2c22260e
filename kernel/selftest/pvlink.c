// SPDX-License-Identifier: GPL-2.0
/*
 * The boot-time link's outcome is consistent: pvlink_boot_state agrees
 * with the command line and with itself, the installed pv-ops are the
 * linked stack's (each inside its text region) or the built-in ones,
 * PVLINK_IMPORT() records were filled, and the image was given back.
 */
#include <linux/bootinfo.h>
#include <linux/cmdline.h>
#include <linux/kernel.h>
#include <linux/pvlink.h>
#include <linux/selftest.h>
#include <linux/string.h>
#include <asm/pvops.h>

/* One import every stack defines (a pv-op), one none does. */
static PVLINK_IMPORT(import_io_delay, "pv_io_delay");
static PVLINK_IMPORT(import_missing, "pvlink_selftest_no_such_symbol");
/* What the test backend's init recorded (arch/x86/pvlink/test/init.c). */
static PVLINK_IMPORT(import_init_calls, "test_init_calls");
static PVLINK_IMPORT(import_init_saw, "test_init_saw");

static bool contains(const char *s, const char *what)
{
	size_t n = strlen(what);

	for (; *s; s++)
		if (!strncmp(s, what, n))
			return true;
	return false;
}

/* Does @stack ("a+b+c") end with backend @name? */
static bool stack_top_is(const char *stack, const char *name)
{
	size_t ls = strlen(stack), ln = strlen(name);

	return ls >= ln && !strcmp(stack + ls - ln, name) &&
	       (ls == ln || stack[ls - ln - 1] == '+');
}

static void test_command_line(const struct pvlink_boot_state *st)
{
	const char *opt = cmdline_get("pvlink");

	if (!IS_ENABLED(CONFIG_PVLINK)) {
		report(!st->linked, "CONFIG_PVLINK=n: nothing is linked");
		return;
	}
	if (!opt) {
		report_info("no pvlink= on the command line: the rules chose (%s)",
			    st->linked ? st->stack : "nothing");
		return;
	}
	if (!strcmp(opt, "off")) {
		report(!st->linked && contains(st->reason, "pvlink=off"),
		       "pvlink=off: not linked, and the reason says so");
		return;
	}
	if (st->linked && !st->nr_passed)
		report(stack_top_is(st->stack, opt),
		       "pvlink=%s: linked with %s on top (stack \"%s\")", opt, opt, st->stack);
	else if (st->linked)	/* refused: the next candidate was linked */
		report(!stack_top_is(st->stack, opt) && contains(st->passed, opt),
		       "pvlink=%s: passed over, with a reason naming %s; the next candidate, %s, linked",
		       opt, opt, st->stack);
	else	/* no such backend, or it was refused: the reason names it */
		report(st->image_mod >= 0 && contains(st->reason, opt),
		       "pvlink=%s: an image was found, nothing linked, and the reason names %s",
		       opt, opt);
}

static void test_linked(const struct pvlink_boot_state *st)
{
	const u64 text = st->region[PVLINK_TEXT].addr, size = st->region[PVLINK_TEXT].size;
	struct pvops ops;
	bool inside = true;

	report(st->stack[0] != '\0', "the stack has a name (%s)", st->stack);
	report(st->image[0] != '\0', "the image has a name (%s)", st->image);
	report(st->reason[0] == '\0', "no fallback reason is recorded");
	report(!strcmp(pvops_name(), st->stack), "the installed pv-ops are the stack's (%s)",
	       pvops_name());
	report(size > 0, "the text region is not empty (%lu bytes at %#lx)",
	       (unsigned long)size, (unsigned long)text);
	report(st->nr_relocs > 0, "relocations were applied (%lu)", (unsigned long)st->nr_relocs);
	report(st->patch.sites > 0 &&
	       st->patch.sites == st->patch.inlined + st->patch.direct + st->patch.table,
	       "site counts add up: %u = %u inline + %u direct + %u table",
	       st->patch.sites, st->patch.inlined, st->patch.direct, st->patch.table);
	report(st->link_cycles > 0, "the link was timed (%lu cycles, %lu us)",
	       (unsigned long)st->link_cycles, (unsigned long)st->link_us);

	pvops_get(&ops);
#define IN_TEXT(op)							\
	if ((uintptr_t)ops.op - text >= size) {				\
		report_info("pv_%s at %p is outside the text region", #op, ops.op); \
		inside = false;						\
	}
#define IN_TEXT_OP(type, op, params, args)	IN_TEXT(op)
#define IN_TEXT_VOP(op, params, args)		IN_TEXT(op)
	PV_OPS(IN_TEXT_OP, IN_TEXT_VOP, IN_TEXT_VOP)
#undef IN_TEXT_OP
#undef IN_TEXT_VOP
#undef IN_TEXT
	report(inside, "every pv-op table entry points into the linked text region");

	report(import_io_delay.found && (import_io_delay.flags & PVLINK_SYM_FUNC) &&
	       import_io_delay.value == (uintptr_t)ops.io_delay,
	       "PVLINK_IMPORT(\"pv_io_delay\") found the installed function");
	report(!import_missing.found && !import_missing.value,
	       "PVLINK_IMPORT() of a symbol no backend defines is not found");
}

/* PVLINK_BACKEND_INIT(): the test backend's init ran once, in time. */
static void test_backend_init(const struct pvlink_boot_state *st)
{
	const char *saw;

	if (!import_init_calls.found || !import_init_saw.found) {
		report_skip("the test backend's init ran once, before the stack's pv-ops were installed",
			    "the test backend is not linked (stack %s; boot with pvlink=test)",
			    st->linked ? st->stack : "none");
		return;
	}
	report(*(const unsigned int *)(uintptr_t)import_init_calls.value == 1,
	       "the test backend's init ran once (%u calls)",
	       *(const unsigned int *)(uintptr_t)import_init_calls.value);
	saw = (const char *)(uintptr_t)import_init_saw.value;
	report(strcmp(saw, st->stack) != 0 && strcmp(saw, pvops_name()) != 0,
	       "it ran before the stack's pv-ops were installed (it saw \"%s\", not \"%s\")",
	       saw, st->stack);
}

/*
 * PVLINK_BELOW(): the test backend's pv_cpuid answers its private leaf
 * itself and passes every other leaf to native's, which it overrides.
 */
#define TEST_CPUID_LEAF		0x4000ff00u
#define TEST_CPUID_EBX		0x74736574u	/* "test" */

static void test_backend_below(const struct pvlink_boot_state *st)
{
	struct cpuid_regs own, below;

	if (!import_init_calls.found) {
		report_skip("an override calls the function it replaces (PVLINK_BELOW())",
			    "the test backend is not linked (stack %s; boot with pvlink=test)",
			    st->linked ? st->stack : "none");
		return;
	}
	pv_cpuid(TEST_CPUID_LEAF, 0, &own);
	pv_cpuid(0, 0, &below);
	report(own.ebx == TEST_CPUID_EBX,
	       "the test backend's pv_cpuid answers its own leaf (ebx %#x)", own.ebx);
	report(below.eax >= 1 && below.ebx && below.ebx != TEST_CPUID_EBX,
	       "and passes leaf 0 to native's through PVLINK_BELOW() (max leaf %#x, vendor %.4s%.4s%.4s)",
	       below.eax, (const char *)&below.ebx, (const char *)&below.edx,
	       (const char *)&below.ecx);
}

static void test_not_linked(const struct pvlink_boot_state *st)
{
	report(st->reason[0] != '\0', "the fallback reason is recorded: %s", st->reason);
	report(st->stack[0] == '\0', "no stack is named");
	if (boot_has(BOOT_CAP_PRIV)) {
		struct pvops ops;

		pvops_get(&ops);
		report(!strcmp(pvops_name(), "native") &&
		       !memcmp(&ops, &pvops_native, sizeof(ops)),
		       "the built-in native pv-ops are installed");
	} else {
		report(!pvops_available(), "no pv-ops are installed (no built-in ones here)");
	}
	report(!import_io_delay.found && !import_missing.found,
	       "no PVLINK_IMPORT() is found");
}

static void pvlink_suite(void)
{
	const struct pvlink_boot_state *st = &pvlink_boot_state;

	report_info("%s", st->linked ? st->stack : "not linked");
	test_command_line(st);
	if (st->linked)
		test_linked(st);
	else
		test_not_linked(st);
	test_backend_init(st);
	test_backend_below(st);
	if (st->image_mod >= 0)
		report(st->image_freed && boot_info.mod[st->image_mod].freed,
		       "the image (module %d) was given back", st->image_mod);
	else
		report_skip("the image was given back", "no boot module is a pvlink image");
}
SELFTEST_SUITE(pvlink, "pvlink", pvlink_suite, 0);
