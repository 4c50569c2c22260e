# SPDX-License-Identifier: GPL-2.0
#
# Top-level Makefile of the pvlink reference kernel.
#
# Kbuild in miniature: every directory lists its objects in a Makefile
# (obj-y += foo.o, obj-$(CONFIG_X) += bar.o, obj-y += subdir/), the
# configuration comes from Kconfig through the Debian Kconfig tool, and
# "make O=dir" keeps the source tree untouched.  "make help" lists the
# targets.

KERNELVERSION := 0.1

# Built-in rules and variables only obscure what a rule does.
MAKEFLAGS += -rR --no-print-directory

# V=1 prints every command; the default prints one short line per step.
ifeq ("$(origin V)", "command line")
  KBUILD_VERBOSE := $(V)
endif
KBUILD_VERBOSE ?= 0
ifeq ($(KBUILD_VERBOSE),1)
  Q :=
  quiet :=
else
  Q := @
  quiet := quiet_
endif
export Q quiet KBUILD_VERBOSE

# C=1 also runs sparse (CHECK) on every C file compiled.
ifeq ("$(origin C)", "command line")
  KBUILD_CHECKSRC := $(C)
endif
KBUILD_CHECKSRC ?= 0
CHECK ?= sparse
CHECKFLAGS := -m64 -Wbitwise -Wno-decl
export KBUILD_CHECKSRC CHECK CHECKFLAGS

# ---------------------------------------------------------------------------
# O=dir: restart make inside the output directory, with KBUILD_SRC naming
# the sources.  Everything below then writes only below $(CURDIR).
ifeq ($(KBUILD_SRC),)
ifeq ("$(origin O)", "command line")
KBUILD_OUTPUT := $(O)
endif
ifneq ($(KBUILD_OUTPUT),)
KBUILD_OUTPUT := $(shell mkdir -p "$(KBUILD_OUTPUT)" && cd "$(KBUILD_OUTPUT)" && pwd)
$(if $(KBUILD_OUTPUT),,$(error cannot create output directory "$(O)"))

PHONY := __sub-make
__sub-make:
$(filter-out __sub-make Makefile, $(MAKECMDGOALS)): __sub-make
	@:
__sub-make:
	$(Q)test -e $(KBUILD_OUTPUT)/Makefile || { \
		echo '# Generated: "make" here builds as "make O=$(KBUILD_OUTPUT)" in $(CURDIR)'; \
		echo 'MAKEFLAGS += --no-print-directory'; \
		echo '__sub-make:'; \
		echo '	@$$(MAKE) -C $(CURDIR) O=$(KBUILD_OUTPUT) $$(MAKECMDGOALS)'; \
		echo '$$(filter-out __sub-make,$$(MAKECMDGOALS)): __sub-make'; \
		echo '	@:'; \
		echo '.PHONY: __sub-make'; \
	} > $(KBUILD_OUTPUT)/Makefile
	$(Q)$(MAKE) -C $(KBUILD_OUTPUT) -f $(CURDIR)/Makefile KBUILD_SRC=$(CURDIR) \
		$(filter-out __sub-make Makefile, $(MAKECMDGOALS))

skip-makefile := 1
endif
endif

ifeq ($(skip-makefile),)

PHONY := all
all: vmlinux

ifeq ($(KBUILD_SRC),)
srctree := .
else
srctree := $(KBUILD_SRC)
endif
objtree := .
abs_srctree := $(abspath $(srctree))
abs_objtree := $(CURDIR)
export srctree objtree abs_srctree abs_objtree

# ---------------------------------------------------------------------------
# Tools.  CC=clang selects the LLVM compiler; binutils stay GNU unless
# given (ld keeps the relocations the pvlink site table is built from).
CC	?= gcc
ifeq ($(origin CC),default)
CC	:= gcc
endif
LD	?= ld
ifeq ($(origin LD),default)
LD	:= ld
endif
AR	:= ar
OBJCOPY	?= objcopy
CPP	= $(CC) -E
CLANG	?= clang
HOSTCC	?= cc
KCONFIG_CONF ?= kconfig-conf
KCONFIG_MCONF ?= kconfig-mconf
export CC LD AR OBJCOPY CPP CLANG HOSTCC

SRCARCH := x86
export SRCARCH

# ---------------------------------------------------------------------------
# Configuration.  The Debian Kconfig tool resolves "source" against
# $(srctree); .config lives in the build tree.
KCONFIG_ENV := srctree=$(srctree) KERNELVERSION=$(KERNELVERSION)
kconfig := $(KCONFIG_ENV) $(KCONFIG_CONF)
KBUILD_DEFCONFIG := $(srctree)/arch/$(SRCARCH)/configs/defconfig

config-targets := defconfig olddefconfig oldconfig menuconfig savedefconfig \
		  allnoconfig allyesconfig alldefconfig listnewconfig
no-dot-config-targets := clean mrproper distclean help mutants $(config-targets)

PHONY += $(config-targets)
defconfig:
	$(Q)$(kconfig) --defconfig=$(KBUILD_DEFCONFIG) $(srctree)/Kconfig
olddefconfig oldconfig allnoconfig allyesconfig alldefconfig listnewconfig:
	$(Q)$(kconfig) --$@ $(srctree)/Kconfig
menuconfig:
	$(Q)$(KCONFIG_ENV) $(KCONFIG_MCONF) $(srctree)/Kconfig
savedefconfig:
	$(Q)$(kconfig) --savedefconfig=defconfig $(srctree)/Kconfig
	@echo "  GEN     defconfig (copy it to arch/$(SRCARCH)/configs/defconfig)"

# Only build targets need a configuration.
need-config := 1
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out $(no-dot-config-targets),$(MAKECMDGOALS)),)
need-config :=
endif
endif

ifdef need-config
ifeq ($(wildcard .config),)
$(error no .config in $(abs_objtree): run "make defconfig" (or "make menuconfig") first)
endif
# auto.conf is what make sees of .config; it is regenerated (and make
# restarts) whenever .config is newer.  New symbols take their defaults.
include include/config/auto.conf
include/config/auto.conf: .config $(shell find $(srctree) -name Kconfig -not -path '*/.git/*' 2>/dev/null)
	$(Q)mkdir -p include/config include/generated
	$(Q)$(kconfig) -s --olddefconfig $(srctree)/Kconfig
	$(Q)$(kconfig) -s --silentoldconfig $(srctree)/Kconfig
	@echo "  SYNC    include/generated/autoconf.h"
endif

# ---------------------------------------------------------------------------
# Flags.  Kernel code is freestanding and may not touch vector registers:
# the KVM of the test hosts emulates every instruction and kills guests on
# SSE, and the Xen PV path saves no FPU state.
# The build tree's generated headers come first: an in-tree build's
# include/generated must not leak into an O= build of the same sources.
KBUILD_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-I$(objtree)/include -I$(srctree)/arch/$(SRCARCH)/include -I$(srctree)/include \
	-include $(srctree)/include/linux/kconfig.h -D__KERNEL__
KBUILD_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -ffreestanding -fno-pic \
	-mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-stack-protector \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-common \
	-fno-strict-aliasing -fno-delete-null-pointer-checks -O2 -g \
	-Wno-unused-parameter -Wno-sign-compare -Wmissing-prototypes \
	-Wstrict-prototypes -Wno-pointer-arith -MMD -MP
KBUILD_AFLAGS := -D__ASSEMBLY__ -Wa,--noexecstack -g
ifneq ($(findstring clang,$(shell $(CC) --version 2>/dev/null | head -n1)),)
KBUILD_CFLAGS += -Wno-gnu -Wno-unused-command-line-argument
KBUILD_AFLAGS += -Wno-unused-command-line-argument
endif
KBUILD_LDFLAGS := -m elf_x86_64 -nostdlib --emit-relocs -z max-page-size=0x1000 \
	-z noexecstack --build-id=sha1
include $(srctree)/arch/$(SRCARCH)/Makefile
export KBUILD_CPPFLAGS KBUILD_CFLAGS KBUILD_AFLAGS KBUILD_LDFLAGS

# Objects are rebuilt when the compiler or its flags change (gcc <-> clang).
FLAGS_STAMP := include/generated/cc-flags
export FLAGS_STAMP
PHONY += flags-stamp
flags-stamp:
	$(Q)mkdir -p include/generated
	$(Q)echo '$(CC) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_AFLAGS)' > $(FLAGS_STAMP).tmp
	$(Q)cmp -s $(FLAGS_STAMP).tmp $(FLAGS_STAMP) && rm -f $(FLAGS_STAMP).tmp || mv $(FLAGS_STAMP).tmp $(FLAGS_STAMP)
	$(Q)echo '#define KERNEL_VERSION_STRING "$(KERNELVERSION)"' > include/generated/version.h.tmp
	$(Q)cmp -s include/generated/version.h.tmp include/generated/version.h && \
		rm -f include/generated/version.h.tmp || \
		mv include/generated/version.h.tmp include/generated/version.h

# ---------------------------------------------------------------------------
# The directory walk.  Each top directory builds its objects and subdirs
# and leaves built-in.objs, the list of its objects in link order.
core-y := init/ kernel/ mm/ lib/ arch/$(SRCARCH)/
vmlinux-dirs := $(patsubst %/,%,$(core-y))
build := -f $(srctree)/scripts/Makefile.build obj

PHONY += prepare $(vmlinux-dirs) vmlinux
prepare: include/config/auto.conf flags-stamp

$(vmlinux-dirs): prepare
	$(Q)$(MAKE) $(build)=$@

vmlinux: $(vmlinux-dirs)
	$(Q)$(MAKE) -f $(srctree)/scripts/Makefile.vmlinux \
		VMLINUX_DIRS="$(vmlinux-dirs)" VMLINUX_LDS="$(KBUILD_LDS)" $(vmlinux-pvlink)

# ---------------------------------------------------------------------------
# pvimage, the host tool: its own sources plus the pvlink library
# (lib/pvlink/sources.mk, the one list), compiled for the host.
PVIMAGE := scripts/pvimage/pvimage
export PVIMAGE
PVLINK_SRCARCH := $(SRCARCH)
include $(srctree)/lib/pvlink/sources.mk
pvimage-srcs := $(sort $(wildcard $(srctree)/scripts/pvimage/*.c)) $(PVLINK_LIB_SRCS)
pvimage-hdrs := $(wildcard $(srctree)/scripts/pvimage/*.h) $(PVLINK_LIB_HDRS)
HOSTCFLAGS ?= -O2
$(PVIMAGE): $(pvimage-srcs) $(pvimage-hdrs)
	@echo '  HOSTCC  $@'
	$(Q)mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 $(HOSTCFLAGS) -Wall -Wextra -Werror \
		-I$(srctree)/include -I$(srctree)/arch/$(SRCARCH)/include \
		-o $@ $(pvimage-srcs)

# ---------------------------------------------------------------------------
# pvlink backends: each folder arch/$(SRCARCH)/pvlink/<name>/ with a
# Makefile becomes one relocatable object arch/$(SRCARCH)/pvlink/<name>.o
# (scripts/Makefile.backend).  A new backend is a new folder: nothing here
# names one.  They are not part of vmlinux: pvimage packs them into
# pvlink.img.
ifdef CONFIG_PVLINK
pvlink-backends := $(sort $(notdir $(patsubst %/Makefile,%,\
	$(wildcard $(srctree)/arch/$(SRCARCH)/pvlink/*/Makefile))))
backend-dirs := $(addprefix arch/$(SRCARCH)/pvlink/,$(pvlink-backends))
# PVLINK_EXTRA_BACKENDS: more backend objects (built elsewhere, ld -r) to
# bind to this kernel and pack into pvlink.img.
backend-objs := $(addsuffix .o,$(backend-dirs)) $(PVLINK_EXTRA_BACKENDS)
export backend-objs

PHONY += backends $(backend-dirs)
all: backends $(PVIMAGE)
backends: $(backend-dirs)
$(backend-dirs): prepare
	$(Q)$(MAKE) $(build)=$@ pvlink-backend=y
	$(Q)$(MAKE) -f $(srctree)/scripts/Makefile.backend obj=$@

# The kernel's allow-list: the SHA-256 of every backend built with it.
# Backends never depend on vmlinux, so there is no circular step.
# vmlinux's link runs "$(PVIMAGE) tables" (scripts/Makefile.vmlinux).
vmlinux-pvlink := PVLINK_DIGESTS=pvlink.digests
vmlinux: pvlink.digests $(PVIMAGE)
pvlink.digests: $(backend-dirs) $(PVIMAGE)
	$(Q)$(PVIMAGE) digests $(backend-objs) > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# The image, checked against the kernel: a backend that uses a symbol the
# kernel does not export, leaves a pv-op unimplemented or has an init that
# touches percpu data, fails here; so does one with a privileged
# instruction its entry modes do not allow (scripts/check-privileged.backends).
all: pvlink.img
PHONY += pvlink.img
pvlink.img: vmlinux $(PVIMAGE)
	@echo '  PVIMAGE $@'
	$(Q)$(PVIMAGE) create -o $@.tmp $(backend-objs)
	$(Q)$(PVIMAGE) verify --kernel vmlinux $@.tmp >/dev/null || { rm -f $@.tmp; \
		echo "pvlink.img: the backends do not fit this kernel (see above)" >&2; exit 1; }
	$(Q)$(srctree)/scripts/check-privileged --backends --pvimage $(PVIMAGE) $(backend-objs) || \
		{ rm -f $@.tmp; echo "pvlink.img: a backend has a privileged instruction its entry modes do not allow (see above)" >&2; exit 1; }
	$(Q)mv $@.tmp $@
endif

# ---------------------------------------------------------------------------
# Test plumbing.  The scripts belong to the test harness and the linker
# core; the Makefile only hands them the trees and the compilers.
test-env := srctree=$(abs_srctree) objtree=$(abs_objtree) CC="$(CC)" CLANG="$(CLANG)"
RUN_TESTS := $(srctree)/tools/testing/pvlink/run_tests.sh
FUZZ := $(srctree)/tools/testing/pvlink/fuzz/fuzz.sh
MUTANTS_SH := $(srctree)/tools/testing/pvlink/mutants/run-mutants.sh
BENCH := $(srctree)/tools/testing/pvlink/bench.sh
FUZZ_SECONDS ?= 60

PHONY += check fuzz bench mutants
check: all
	@test -x $(RUN_TESTS) || test -f $(RUN_TESTS) || \
		{ echo "make check: $(RUN_TESTS) does not exist (the test harness is not in this tree yet)" >&2; exit 1; }
	$(Q)$(test-env) bash $(RUN_TESTS)

fuzz:
	@test -f $(FUZZ) || \
		{ echo "make fuzz: $(FUZZ) does not exist (no fuzzer in this tree yet)" >&2; exit 1; }
	$(Q)srctree=$(abs_srctree) objtree=$(abs_objtree) CC="$(CC)" CLANG="$(CLANG)" \
		FUZZ_SECONDS=$(FUZZ_SECONDS) bash $(FUZZ)

# Each mutant builds its own scratch copy of the tree: nothing to build here.
# MUTANTS="a b" runs only those (run-mutants.sh -l lists them).
mutants:
	$(Q)$(test-env) PVLINK_MUTANTS="$(MUTANTS)" bash $(MUTANTS_SH)

bench: vmlinux
	$(Q)if [ -f $(BENCH) ]; then $(test-env) bash $(BENCH); \
	else echo "make bench: no benchmark exists yet ($(BENCH) is missing)"; fi

# The flags kernel code is compiled with, for the tests that compile kernel
# sources as the kernel does (tools/testing/pvlink/lib/kflags.sh): the one
# definition.  Dependency-file flags are build plumbing, not compilation.
PHONY += kernelflags
kernelflags:
	@echo $(filter-out -MMD -MP,$(subst $(srctree)/,$(abs_srctree)/,$(subst \
		$(objtree)/,$(abs_objtree)/,$(KBUILD_CPPFLAGS))) $(KBUILD_CFLAGS))

# The documentation, as HTML; warnings are errors (Debian's python3-sphinx).
PHONY += htmldocs
htmldocs:
	$(Q)sphinx-build -W -q -b html $(srctree)/Documentation $(objtree)/Documentation/output
	@echo '  HTML    $(objtree)/Documentation/output/index.html'

# ---------------------------------------------------------------------------
PHONY += clean mrproper distclean help
# Only what the kernel build writes: the test tools clean up after themselves.
clean:
	$(Q)for d in $(vmlinux-dirs); do test -d $$d || continue; \
		find $$d \( -name '*.o' -o -name '.*.d' -o -name 'built-in.objs' \
		-o -name '*.tmp' \) -type f -delete; done
	$(Q)rm -f vmlinux vmlinux.map System.map $(KBUILD_LDS) $(FLAGS_STAMP) $(PVIMAGE) pvlink.img pvlink.digests \
		include/generated/version.h .tmp_vmlinux* .tmp_kallsyms* .tmp_symbols* .tmp_pvtables*

mrproper distclean: clean
	$(Q)rm -rf include/config include/generated .config .config.old defconfig

help:
	@echo 'Configuration:'
	@echo '  defconfig       - .config from arch/$(SRCARCH)/configs/defconfig'
	@echo '  olddefconfig    - update .config, new symbols take their default'
	@echo '  oldconfig       - update .config, asking about new symbols'
	@echo '  menuconfig      - edit .config in a text menu (kconfig-mconf)'
	@echo '  savedefconfig   - write a minimal ./defconfig'
	@echo 'Build:'
	@echo '  all / vmlinux   - build vmlinux and vmlinux.map (default)'
	@echo '  clean           - remove build products, keep .config'
	@echo '  mrproper        - remove build products and the configuration'
	@echo 'Test:'
	@echo '  check           - build, then run tools/testing/pvlink/run_tests.sh'
	@echo '  fuzz            - run the linker-core fuzzers (FUZZ_SECONDS=$(FUZZ_SECONDS))'
	@echo '  mutants         - apply each deliberate bug of tools/testing/pvlink/mutants/mutants.cfg'
	@echo '                    to a copy of the tree; its owning suite must catch it'
	@echo '  bench           - run the benchmarks, if any'
	@echo '  kernelflags     - print the flags kernel code is compiled with'
	@echo 'Documentation:'
	@echo '  htmldocs        - HTML from Documentation/ into Documentation/output/'
	@echo 'Options:'
	@echo '  V=1             - show every command'
	@echo '  C=1             - also check every compiled C file with sparse'
	@echo '  O=dir           - put every output file in dir (sources untouched)'
	@echo '  CC=clang        - build with clang (LD, CLANG may also be given)'
	@echo '  PVLINK_EXTRA_BACKENDS="a.o b.o" - also bind and pack these backend objects'

endif # skip-makefile

PHONY += FORCE
FORCE:

.PHONY: $(PHONY)
