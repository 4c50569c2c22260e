// SPDX-License-Identifier: GPL-2.0
/*
 * lib/sha256.c on the host: prints "HEX  FILE" for each file, like
 * sha256sum, hashing each in pieces of a size given first (so the
 * block-buffering paths of sha256_update() are exercised too).
 *
 *	sha256_test CHUNK FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/sha256.h>

int main(int argc, char **argv)
{
	static unsigned char buf[1 << 20];
	size_t chunk;

	if (argc < 3 || !(chunk = strtoul(argv[1], NULL, 0)) || chunk > sizeof(buf))
		return 2;
	for (int i = 2; i < argc; i++) {
		struct sha256_state s;
		u8 d[SHA256_DIGEST_SIZE];
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f)
			return 2;
		sha256_init(&s);
		while ((n = fread(buf, 1, chunk, f)) > 0)
			sha256_update(&s, buf, n);
		fclose(f);
		sha256_final(&s, d);
		for (int j = 0; j < SHA256_DIGEST_SIZE; j++)
			printf("%02x", d[j]);
		printf("  %s\n", argv[i]);
	}
	return 0;
}
