#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything pvlink needs to build, boot and test, on Debian 12.
#
# Usage: sudo scripts/setup.sh
#
# One list for developers and CI (.ci/run calls this).  Only Debian's own
# packages: the Xen hypervisor the boot tests use is fetched later, as a
# package file, by scripts/get-xen.sh.
set -euo pipefail

PACKAGES=(
	# build: GCC, make, binutils; Clang/LLD/LLVM for "make CC=clang";
	# compiler-rt for the fuzzers (libFuzzer) and the sanitizers
	build-essential clang lld llvm libclang-rt-14-dev
	# configuration: kconfig-conf/-mconf, and kconfiglib as an alternative
	kconfig-frontends-nox python3-kconfiglib
	# host tools and tests (cppcheck: suite 31)
	python3 sparse cppcheck xz-utils ca-certificates
	# documentation: "make htmldocs" and suite 50-docs
	python3-sphinx
	# benchmarks ("make bench") compare pvimage with these linkers too
	mold
	# booting: QEMU (with qboot.rom and SeaBIOS), GRUB2 rescue ISOs
	qemu-system-x86 grub-pc-bin grub-common xorriso mtools
)

if [ "$(id -u)" != 0 ]; then
	echo "setup.sh: run as root (sudo $0): it installs Debian packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${PACKAGES[@]}"
