// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel command line: split once into (name, value) pairs, looked up by
 * name afterwards.  Static storage only: it runs before any allocator.
 */
#include <linux/cmdline.h>
#include <linux/kernel.h>
#include <linux/string.h>

#define CMDLINE_MAX	1024
#define CMDLINE_PARAMS	64

static char raw[CMDLINE_MAX];
static char words[CMDLINE_MAX];
static struct {
	const char *name;
	const char *value;
} params[CMDLINE_PARAMS];
static unsigned int nr_params;

void cmdline_init(const char *cmdline)
{
	char *p = words;
	size_t len;

	nr_params = 0;
	if (!cmdline)
		cmdline = "";
	len = strlcpy(raw, cmdline, sizeof(raw));
	if (len >= sizeof(raw))
		pr_warn("cmdline: %zu bytes, only the first %zu are used\n",
			len, sizeof(raw) - 1);
	memcpy(words, raw, sizeof(words));

	while (*p) {
		char *name, *value = NULL;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		name = p;
		while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (*p == '=') {
			*p++ = '\0';
			if (*p == '"') {
				value = ++p;
				while (*p && *p != '"')
					p++;
			} else {
				value = p;
				while (*p && *p != ' ' && *p != '\t' && *p != '\n')
					p++;
			}
		}
		if (*p)
			*p++ = '\0';
		if (nr_params == CMDLINE_PARAMS) {
			pr_warn("cmdline: more than %d parameters, \"%s\" and later ignored\n",
				CMDLINE_PARAMS, name);
			break;
		}
		params[nr_params].name = name;
		params[nr_params].value = value ? value : "";
		nr_params++;
	}
}

const char *cmdline_get(const char *name)
{
	unsigned int i = nr_params;

	/* The last occurrence wins, as in Linux. */
	while (i--)
		if (!strcmp(params[i].name, name))
			return params[i].value;
	return NULL;
}

bool cmdline_has(const char *name)
{
	return cmdline_get(name) != NULL;
}

const char *cmdline_raw(void)
{
	return raw;
}
