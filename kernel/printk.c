// SPDX-License-Identifier: GPL-2.0
/*
 * printk: format, keep in the log buffer, write to every console.
 *
 * The log buffer exists so that nothing is lost before the first console
 * registers: register_console() replays it.  No pv-op is needed here,
 * which lets a Xen PV entry print before any backend is linked.
 *
 * Single CPU for now (application processors are parked): no lock.
 */
#include <linux/console.h>
#include <linux/kernel.h>
#include <linux/string.h>

#define LOG_BUF_SIZE	(32 * 1024)

static char log_buf[LOG_BUF_SIZE];
static size_t log_len;			/* bytes ever logged; wraps the buffer */
static struct console *consoles;
static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static bool line_visible = true;	/* for KERN_CONT: level of the open line */
static bool at_line_start = true;

int console_set_loglevel(int level)
{
	int old = console_loglevel;

	if (level >= 0 && level <= 7)
		console_loglevel = level;
	return old;
}

bool console_registered(void)
{
	return consoles != NULL;
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_len + i) % LOG_BUF_SIZE] = s[i];
	log_len += n;
}

static void console_emit(const char *s, size_t n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n);
}

void register_console(struct console *con)
{
	size_t start = log_len > LOG_BUF_SIZE ? log_len - LOG_BUF_SIZE : 0;

	if (con->flags & CON_NO_REPLAY)
		goto link;
	/* Replay what was logged before; it was filtered by level when stored. */
	if (start)
		con->write(con, "[log start lost]\n", 17);
	for (size_t i = start; i < log_len;) {
		size_t off = i % LOG_BUF_SIZE;
		size_t n = min(log_len - i, (size_t)LOG_BUF_SIZE - off);

		con->write(con, log_buf + off, n);
		i += n;
	}
link:
	con->next = consoles;
	consoles = con;
}

int unregister_console(struct console *con)
{
	for (struct console **p = &consoles; *p; p = &(*p)->next) {
		if (*p == con) {
			*p = con->next;
			con->next = NULL;
			return 0;
		}
	}
	return -1;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = LOGLEVEL_DEFAULT;
	bool cont = false;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf)) {
		n = sizeof(buf) - 1;
		buf[n - 1] = '\n';	/* keep lines whole for parsers */
	}
	/* A continuation takes the level of the line it continues. */
	if (!cont || at_line_start)
		line_visible = level <= console_loglevel;
	if (n > 0) {
		at_line_start = buf[n - 1] == '\n';
		if (line_visible) {
			log_store(buf, n);
			console_emit(buf, n);
		}
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
