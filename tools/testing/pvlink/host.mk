# SPDX-License-Identifier: GPL-2.0
#
# What the host-test Makefiles under tools/testing/pvlink/ share: the
# source and build trees, the output folder, the compilers and the linker
# core's files.  A test folder's Makefile sets TEST to its folder's name
# and includes this first:
#
#	TEST := core
#	include $(dir $(lastword $(MAKEFILE_LIST)))../host.mk
#
# then writes everything below $(O) = $(objtree)/tools/testing/pvlink/$(TEST)
# and nothing into the source tree.

MAKEFLAGS += -rR --no-print-directory

srctree	?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))../../..)
objtree	?= $(srctree)
srctree	:= $(abspath $(srctree))
objtree	:= $(abspath $(objtree))
O	:= $(objtree)/tools/testing/pvlink/$(TEST)
S	:= $(srctree)/tools/testing/pvlink/$(TEST)

# make's built-in CC is cc; the suites pass CC=gcc or CC=clang.
ifeq ($(origin CC),default)
CC	:= gcc
endif
HOSTCC	?= gcc
CLANG	?= clang
PYTHON	:= /usr/bin/python3

# The pvlink library: the files the kernel, pvimage and these tests share,
# from its one source list.
include $(srctree)/lib/pvlink/sources.mk
CORE_SRC := $(PVLINK_LIB_SRCS)
CORE_HDR := $(PVLINK_LIB_HDRS)

# The host tests also run under ASan and UBSan (built with $(CLANG)).
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The kernel's compiler flags for compiler $(1), for code built for the
# kernel's target (test backends, corpus objects): "make kernelflags", the
# top Makefile's one definition, read through lib/kflags.sh.  A test adds
# what it needs on top, and says why.  An error, not an empty list, if the
# build tree is not configured.  Assign with := (one nested make each).
kernelflags = $(or $(shell srctree=$(srctree) objtree=$(objtree) \
	bash $(srctree)/tools/testing/pvlink/lib/kflags.sh $(1)),$(error \
	"make kernelflags" failed for $(1): run make defconfig in $(objtree) first))
