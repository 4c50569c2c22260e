/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Functions shared by the files of arch/x86/xen/ (not an API).
 */
#ifndef _ARCH_X86_XEN_OPS_H
#define _ARCH_X86_XEN_OPS_H

#include <linux/bootinfo.h>
#include <linux/types.h>
#include <xen/xen.h>

/* console.c */
void xen_console_write(const char *s, size_t len);
void xen_console_register(void);

/* memmap.c */
int xen_memmap_to_boot_info(struct boot_info *bi);

/* traps_pv.c */
long xen_pv_trap_init(void);
void xen_pv_trap_ctxt(struct xen_trap_info *ctxt);

/* exit.c */
void xen_exit_install(void);

#endif /* _ARCH_X86_XEN_OPS_H */
