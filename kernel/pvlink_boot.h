/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Between the files of the boot-time link (kernel/pvlink*.c); not an
 * API.  pvlink_boot.c decides and falls back, pvlink.c links (on the
 * library in lib/pvlink/, which also chooses the stack), pvlink_debug.c
 * prints the pvlink.debug detail; pvlink_state.c is the resident part.
 */
#ifndef _KERNEL_PVLINK_BOOT_H
#define _KERNEL_PVLINK_BOOT_H

#include <linux/bootinfo.h>
#include <linux/pvlink.h>

/* The message every refusal is reported with: "pvlink: <reason>; ...". */
#define PVLINK_BOOT_REASON(st, ...) \
	snprintf((st)->reason, sizeof((st)->reason), __VA_ARGS__)


/* pvlink.debug: every object, section and region of a finished link. */
void pvlink_debug_report(const struct pvlink_ctx *ctx);

/* pvlink.debug: the image's backends, the platform and the candidates. */
void pvlink_debug_select(const struct pvlink_image_backend *b, unsigned int nr,
			 const struct pvlink_platform *p, const char *force,
			 const struct pvlink_candidate *c, unsigned int nr_cand);


/*
 * The link's pages (pvlink_pages.c): each region of the stack on pages of
 * its own, and the workspace.  reserve() takes them after the plan and
 * points the context's regions at them; protect() gives each region its
 * protection; release() frees all, making them plain data first; keep()
 * leaves the regions reserved for good (an init that cannot be undone:
 * no exit, or its exit failed);
 * hand_percpu() passes the percpu template's pages to
 * pvlink_boot_finish().
 */
int pvlink_pages_reserve(struct pvlink_ctx *ctx, struct pvlink_boot_state *st);
void *pvlink_pages_work(u64 *size);
void pvlink_pages_free_work(void);
void pvlink_pages_protect(void);
void pvlink_pages_release(void);
void pvlink_pages_keep(const struct pvlink_boot_state *st, const char *backend,
		       bool exit_failed);
void pvlink_pages_hand_percpu(void);

/* The percpu template's pages, freed by pvlink_boot_finish(). */
extern phys_addr_t pvlink_percpu_pages;
extern unsigned int pvlink_percpu_order;

/*
 * Start measuring the cycle rate against pv_sched_clock(), once the
 * stack's pv-ops are installed; pvlink_boot_finish() ends it and turns
 * the link's cycles into microseconds.  Resident (pvlink_state.c): the
 * pv-op call site is not in init text.
 */
void pvlink_clock_start(void);

#ifdef CONFIG_PVLINK
/**
 * pvlink_find_image() - which boot module is the pvlink image
 * @bi: boot information.
 * @st: gets the module's index and name, or the reason there is none.
 *
 * Return: the module's index, or -1.
 */
int pvlink_find_image(const struct boot_info *bi, struct pvlink_boot_state *st);

/**
 * pvlink_boot_link() - link the image's stack and install its pv-ops
 * @bi:    boot information; pvlink_find_image() found the image in it.
 * @force: "pvlink=<name>" value, or NULL.
 *
 * Return: 0 when the stack's pv-ops are installed; -1 with
 * pvlink_boot_state.reason set, nothing installed and every page it
 * took given back.
 */
int pvlink_boot_link(struct boot_info *bi, const char *force);
#else
static inline int pvlink_find_image(const struct boot_info *bi,
				    struct pvlink_boot_state *st)
{
	return -1;
}

static inline int pvlink_boot_link(struct boot_info *bi, const char *force)
{
	return -1;
}
#endif

#endif /* _KERNEL_PVLINK_BOOT_H */
