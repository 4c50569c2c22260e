// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 as specified by FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1,
 * 5.3.3 and 6.2).  Compiled into the kernel and into pvimage.
 */
#include <linux/sha256.h>

/* FIPS 180-4 4.2.2: first 32 bits of the cube roots of the first 64 primes. */
static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline u32 ror32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline u32 get_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static inline void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* FIPS 180-4 6.2.2: one 512-bit block. */
static void sha256_block(u32 h[8], const u8 *block)
{
	u32 w[64], a, b, c, d, e, f, g, hh, t1, t2;
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = get_be32(block + 4 * i);
	for (; i < 64; i++) {
		u32 s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		u32 s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

void sha256_init(struct sha256_state *s)
{
	/* FIPS 180-4 5.3.3: square roots of the first 8 primes. */
	static const u32 iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	unsigned int i;

	for (i = 0; i < 8; i++)
		s->h[i] = iv[i];
	s->count = 0;
}

void sha256_update(struct sha256_state *s, const void *data, size_t len)
{
	const u8 *p = data;
	unsigned int fill = s->count % SHA256_BLOCK_SIZE;

	s->count += len;
	while (len) {
		if (fill == 0 && len >= SHA256_BLOCK_SIZE) {
			sha256_block(s->h, p);
			p += SHA256_BLOCK_SIZE;
			len -= SHA256_BLOCK_SIZE;
			continue;
		}
		s->buf[fill++] = *p++;
		len--;
		if (fill == SHA256_BLOCK_SIZE) {
			sha256_block(s->h, s->buf);
			fill = 0;
		}
	}
}

/* FIPS 180-4 5.1.1: a 1 bit, zeros, then the length in bits (64-bit BE). */
void sha256_final(struct sha256_state *s, u8 out[SHA256_DIGEST_SIZE])
{
	u64 bits = s->count * 8;
	unsigned int fill = s->count % SHA256_BLOCK_SIZE, i;

	s->buf[fill++] = 0x80;
	if (fill > SHA256_BLOCK_SIZE - 8) {
		while (fill < SHA256_BLOCK_SIZE)
			s->buf[fill++] = 0;
		sha256_block(s->h, s->buf);
		fill = 0;
	}
	while (fill < SHA256_BLOCK_SIZE - 8)
		s->buf[fill++] = 0;
	for (i = 0; i < 8; i++)
		s->buf[SHA256_BLOCK_SIZE - 1 - i] = bits >> (8 * i);
	sha256_block(s->h, s->buf);
	for (i = 0; i < 8; i++)
		put_be32(out + 4 * i, s->h[i]);
}

void sha256(const void *data, size_t len, u8 out[SHA256_DIGEST_SIZE])
{
	struct sha256_state s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, out);
}
