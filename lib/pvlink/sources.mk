# SPDX-License-Identifier: GPL-2.0
#
# The pvlink library: the one list of the sources that the kernel, the
# pvimage host tool, "make bench" and every host test compile, unchanged.
# Everything here is pure code (no allocation, no global state, no libc
# beyond what the kernel's lib/ also provides), one job per file:
#
#	msg.c		error messages: the formatter and the descriptions
#	elf.c		validation steps 1-3: ELF header, sections, strings
#	symtab.c	validation step 4: the symbol table and every symbol
#	rela.c		validation step 5: relocation sections and entries
#	resolve.c	symbol resolution and the kernel's export table
#	symindex.c	each object's index of its global names, duplicate names
#	plan.c		the plan: validate every object, size every region
#	link.c		the link: place, resolve, relocate
#	query.c		pvlink_lookup(), pvlink_section() and friends
#	stack.c		the rules of a linked stack: pv-ops, backend inits
#	image.c		reading a pvlink image
#	select.c	choosing the backend stack for a platform
#	elffile.c	a checked view of any ELF64 file (<linux/pvlink_elf.h>),
#			which the call-site patcher reads inline records through
#
# and, for the host tools only (the kernel never needs them, but they
# compile with the kernel's flags all the same):
#
#	elfscan.c	a linked file's relocation sections, what lies at an address
#	export_table.c	the export table's layout
#	note.c		reading a backend's PVLINK_BACKEND() note
#	vmlinux.c	reading a linked kernel's pvlink tables
#
# plus the architecture's pure parts (arch/$(SRCARCH)/pvlink/: reloc.c, the
# relocation table; patch_site.c, patch_inline.c and patch_resolve.c, what
# a call site and an inline record may become) and the SHA-256 the image
# reader uses (lib/sha256.c).
#
# Included by lib/pvlink/Makefile (the kernel), the top Makefile
# (pvimage) and tools/testing/pvlink/host.mk; shell scripts ask for the
# list with
#
#	make -s -f lib/pvlink/sources.mk srctree=TREE pvlink-sources

pvlink-lib-y := msg.c elf.c symtab.c rela.c resolve.c symindex.c plan.c link.c \
		query.c stack.c image.c select.c elffile.c
pvlink-host-y := elfscan.c export_table.c note.c vmlinux.c
pvlink-arch-y := reloc.c patch_site.c patch_inline.c patch_resolve.c

# Host builds: full paths.
PVLINK_SRCARCH ?= x86
PVLINK_LIB_SRCS = $(addprefix $(srctree)/lib/pvlink/,$(pvlink-lib-y) $(pvlink-host-y)) \
		  $(addprefix $(srctree)/arch/$(PVLINK_SRCARCH)/pvlink/,$(pvlink-arch-y)) \
		  $(srctree)/lib/sha256.c
PVLINK_LIB_HDRS = $(wildcard $(srctree)/lib/pvlink/*.h) \
		  $(wildcard $(srctree)/include/linux/pvlink*.h) \
		  $(srctree)/include/linux/elf.h $(srctree)/include/linux/types.h \
		  $(srctree)/include/linux/sha256.h \
		  $(srctree)/arch/$(PVLINK_SRCARCH)/include/asm/pvlink.h

# Only when this file is make's own file, never when it is included.
ifeq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.PHONY: pvlink-sources pvlink-headers
pvlink-sources:
	@echo $(PVLINK_LIB_SRCS)
pvlink-headers:
	@echo $(PVLINK_LIB_HDRS)
endif
