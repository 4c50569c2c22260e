/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 (FIPS 180-4), shared by the kernel and the pvimage host tool:
 * the digests the kernel's allow-list holds and the image's index
 * records must be computed by the same code.  Freestanding: no library
 * calls, no globals written.
 */
#ifndef _LINUX_SHA256_H
#define _LINUX_SHA256_H

#include <linux/types.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

/* Running state; private to lib/sha256.c. */
struct sha256_state {
	u32 h[8];
	u64 count;			/* bytes hashed so far */
	u8 buf[SHA256_BLOCK_SIZE];	/* count % 64 bytes pending */
};

/** sha256_init() - start a digest */
void sha256_init(struct sha256_state *s);
/** sha256_update() - hash @len more bytes of @data */
void sha256_update(struct sha256_state *s, const void *data, size_t len);
/** sha256_final() - pad, finish and write the 32-byte digest to @out */
void sha256_final(struct sha256_state *s, u8 out[SHA256_DIGEST_SIZE]);
/** sha256() - digest of one buffer */
void sha256(const void *data, size_t len, u8 out[SHA256_DIGEST_SIZE]);

#endif /* _LINUX_SHA256_H */
