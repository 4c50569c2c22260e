/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a backend author includes: how a backend object says what it is
 * (PVLINK_BACKEND()), its optional set-up (PVLINK_BACKEND_INIT()) and its
 * inline bodies (PVLINK_INLINE(), <asm/pvlink_backend.h>).  How to add a
 * backend: Documentation/pvlink.rst.
 */
#ifndef _LINUX_PVLINK_BACKEND_H
#define _LINUX_PVLINK_BACKEND_H

#include <linux/pvlink_abi.h>
#include <asm/pvlink_backend.h>

struct boot_info;

/*
 * pvlink backends: how a backend object says what it is, and how the
 * kernel says what a backend may use.
 *
 * A backend is one ELF64 ET_REL object (a folder under arch/x86/pvlink/
 * linked with "ld -r").  It defines pv-ops as global pv_<op> functions
 * and declares itself with exactly one PVLINK_BACKEND() line, which
 * becomes an ELF note in section PVLINK_NOTE_SECTION ("pvimage dump"
 * decodes it).  The byte layout of the note is in Documentation/pvlink.rst ("The image format and the kernel tables").
 *
 *	PVLINK_BACKEND(native,
 *		.entry    = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
 *		.priority = 0);
 *
 *	PVLINK_BACKEND(kvm,
 *		.entry    = PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_PVH,
 *		.cpuid    = "KVMKVMKVM",
 *		.priority = 10,
 *		.requires = "native");
 *
 * A backend matches when the kernel was entered through one of the
 * @entry modes and, if @cpuid is not empty, CPUID leaf 0x40000000 returns
 * that signature in ebx, ecx, edx.  Among the matching backends the
 * highest @priority wins; its @requires chain (bottom first) is linked
 * under it.
 *
 * A name that is not a C identifier ("xen-pv") is declared with
 * PVLINK_BACKEND_NAMED(xen_pv, "xen-pv", ...); a backend that must set
 * something up before the kernel runs on it defines PVLINK_BACKEND_INIT().
 */

/**
 * PVLINK_BACKEND_NAMED() - declare the backend this object is, by name
 * @id:    an identifier for the backend, unique in its object (e.g. xen_pv).
 * @bname: the backend's name, a string literal (e.g. "xen-pv"): what the
 *         note, the image, "pvlink=<name>" and the messages call it.  At
 *         most PVLINK_IMAGE_NAME_MAX characters from [a-z0-9_-].
 * @...:   designated initialisers of struct pvlink_backend_desc
 *         (.entry, .priority, .requires, .cpuid).
 *
 * Use once per backend, in its own file.  A note section is metadata:
 * the linker core never loads it.  A name with a '-' is not a C
 * identifier: its PVLINK_BACKEND_INIT() uses @id, which is the name with
 * every '-' made '_'.
 */
#define PVLINK_BACKEND_NAMED(id, bname, ...)				\
	static const struct pvlink_backend_note				\
	__pvlink_backend_##id						\
	__attribute__((section(PVLINK_NOTE_SECTION), used, aligned(4))) = { \
		.namesz = sizeof(PVLINK_NOTE_OWNER),			\
		.descsz = sizeof(struct pvlink_backend_desc),		\
		.type = PVLINK_NOTE_BACKEND,				\
		.owner = PVLINK_NOTE_OWNER,				\
		.desc = {						\
			.version = PVLINK_NOTE_VERSION,			\
			.name = bname,					\
			__VA_ARGS__					\
		},							\
	}

/**
 * PVLINK_BACKEND() - declare the backend this object is
 * @bname: the backend's name, an identifier (e.g. native).
 * @...:   designated initialisers of struct pvlink_backend_desc.
 *
 * PVLINK_BACKEND_NAMED(@bname, "@bname", ...): for names that are C
 * identifiers.
 */
#define PVLINK_BACKEND(bname, ...)					\
	PVLINK_BACKEND_NAMED(bname, #bname, __VA_ARGS__)

/**
 * PVLINK_BELOW() - the definition of @fn in the backends below this one
 * @fn: a global function this backend overrides (pv_outb, say), already
 *      declared.
 *
 * An upper backend that overrides a function and wants to call the
 * implementation it replaces cannot name it: its own definition would be
 * called.  PVLINK_BELOW(@fn) refers to the symbol "__pvlink_below_@fn",
 * which the linker resolves to @fn as the objects below this one define
 * it (the nearest first), never to the kernel and never to this object:
 * a direct call, with no pointer table::
 *
 *	void pv_outb(u8 val, u16 port)
 *	{
 *		if (port == MY_PORT)
 *			return;
 *		PVLINK_BELOW(pv_outb)(val, port);
 *	}
 *
 * No object below defining @fn refuses the stack (undefined symbol).
 */
#define PVLINK_BELOW(fn)						\
	({								\
		extern __typeof__(fn) __pvlink_below_##fn;		\
		__pvlink_below_##fn;					\
	})

/**
 * PVLINK_BACKEND_PROBE() - define the probe of backend @id
 * @id: the backend's name with every '-' made '_' (the @id of its
 *      PVLINK_BACKEND_NAMED()).
 *
 * Expands to the header of the definition
 * ``const char *pvlink_backend_probe_<id>(const struct boot_info *bi)``::
 *
 *	PVLINK_BACKEND_PROBE(vmware)
 *	{
 *		if (!hypervisor_bit())
 *			return "CPUID says no hypervisor";
 *		...
 *		return NULL;
 *	}
 *
 * Optional: for a platform the rules (entry mode, CPUID signature)
 * cannot tell apart.  The kernel calls every probe of a candidate stack,
 * bottom first, once the stack is linked and its call sites checked, and
 * before any backend's init, in the context of an init (see below).
 *
 * A probe only looks: it must leave no trace (no write to the platform,
 * no registration, no memory taken), because a stack that is passed
 * over is simply freed.  A probe that touches I/O ports does so only
 * where CPUID says a hypervisor is there (leaf 1, ecx bit 31): on bare
 * metal an unknown port may be a device.
 *
 * Return: NULL when the platform is this backend's, or why it is not (a
 * string constant of the backend's, a few words): the stack is then
 * passed over for the next candidate ("its probe says: ...").
 */
#define PVLINK_BACKEND_PROBE(id)					\
	const char *pvlink_backend_probe_##id(const struct boot_info *bi); \
	const char *pvlink_backend_probe_##id(const struct boot_info *bi)

/**
 * PVLINK_PERCPU_CHECKED() - @fn tests that the percpu areas exist first
 * @fn: a function of this backend, defined in the same file, not inline
 *      (mark a static one __noinline: inlined, it would have no name).
 *
 * A probe, init or exit must not use percpu data, nor may any function
 * of the stack it calls (pv-ops aside, which must cope anyway): the
 * build ("pvimage verify") and the boot refuse the stack, naming the
 * hook, the function and the percpu symbol.  The rule reads code, not
 * conditions: a function such an init calls that reaches its percpu data
 * only after a run-time test (percpu_ready(), or a flag of the backend's
 * set once the areas exist) says so with this line after its definition,
 * and the rule does not look into it (nor into what it calls)::
 *
 *	static __noinline unsigned long cur_root(void)
 *	{
 *		return my_percpu_ready ? this_cpu_read(my_root) : boot_root;
 *	}
 *	PVLINK_PERCPU_CHECKED(cur_root);
 *
 * The hooks themselves cannot be marked.
 */
#define PVLINK_PERCPU_CHECKED(fn)					\
	asm(".pushsection " PVLINK_PERCPU_CHECKED_SECTION ", \"\", @progbits\n\t" \
	    ".asciz \"" #fn "\"\n\t"					\
	    ".popsection")

/**
 * PVLINK_BACKEND_INIT() - define the set-up function of backend @id
 * @id: the backend's name with every '-' made '_' (the @id of its
 *      PVLINK_BACKEND_NAMED()).
 *
 * Expands to the header of the definition
 * ``int pvlink_backend_init_<id>(struct boot_info *bi)``; write the body
 * after it::
 *
 *	PVLINK_BACKEND_INIT(xen_pv)
 *	{
 *		...
 *		return 0;
 *	}
 *
 * Optional.  When the stack the boot-time link chose has backends with
 * an init, the kernel calls each once, bottom of the stack first, with
 * the kernel's struct boot_info:
 *
 *  - after the stack is linked and every pv-op was found in it, and
 *    before any pv-op call site of the kernel is patched or the stack's
 *    pv-ops are installed;
 *  - on the boot CPU, interrupts (events) off, the page allocator up
 *    (alloc_pages() works), percpu areas not yet set up (no percpu
 *    access);
 *  - the kernel's pv-ops are not usable (under Xen PV none exist yet;
 *    natively the built-in native ones may be installed): the init calls
 *    its own stack's functions, which resolve inside the stack (pv_*
 *    too), and kernel exports that use no pv-op (printk writes through
 *    the entry's early console).
 *
 * Return: 0 on success, or a negative error number: the stack is then
 * refused ("stack S: backend B's init failed (error N)") and the kernel
 * falls back where it can.  So the init prints its own detail first and
 * leaves the platform as it found it; the inits of the backends below it
 * that succeeded are undone by their PVLINK_BACKEND_EXIT(), top first.
 */
#define PVLINK_BACKEND_INIT(id)						\
	int pvlink_backend_init_##id(struct boot_info *bi);		\
	int pvlink_backend_init_##id(struct boot_info *bi)

/**
 * PVLINK_BACKEND_EXIT() - define the undoing of backend @id's init
 * @id: as for PVLINK_BACKEND_INIT().
 *
 * Expands to the header of ``int pvlink_backend_exit_<id>(struct
 * boot_info *bi)``.  Optional, and only with a PVLINK_BACKEND_INIT().
 * When the boot-time link refuses the stack after this backend's init
 * succeeded (an init above it failed, or a later step of the link), it
 * calls the exits of every backend whose init succeeded, top of the
 * stack first, in the same context as the inits: each hands back to the
 * platform what its init set up (a shared page, an event channel, a
 * callback), so that the refused stack leaves no hypervisor state
 * behind.  An exit does all it can, prints what it could not undo, and
 * goes on.
 *
 * Return: 0 when nothing of the init is left that points into the
 * stack's pages, or a negative error number when something may still
 * (the hypervisor refused to take it back).  When every init that
 * succeeded has an exit and every exit returned 0, the stack's pages go
 * back to the allocator; otherwise they are kept reserved, never freed:
 * the platform may still use them.
 */
#define PVLINK_BACKEND_EXIT(id)						\
	int pvlink_backend_exit_##id(struct boot_info *bi);		\
	int pvlink_backend_exit_##id(struct boot_info *bi)

#endif /* _LINUX_PVLINK_BACKEND_H */
