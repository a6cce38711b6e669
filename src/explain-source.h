/*
 * explain-source.h: logs explain reads where they are: the kernel's ring
 * buffer (/dev/kmsg, or its text on standard input) and the systemd
 * journal through journalctl. Nothing here prints.
 */
#ifndef EXPLAIN_SOURCE_H
#define EXPLAIN_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "explain.h"

#define EXPLAIN_JOURNAL_UNITS_MAX 16

/* The /dev/kmsg line filter: records as dmesg prints them, dictionary
 * lines dropped, other lines passed as they are. */
struct explain_kmsg {
	struct explain_scan *scan;
	char line[8192];
	size_t len;
	bool passing; /* inside a line longer than line[]: passed unfiltered */
};

void explain_kmsg_init(struct explain_kmsg *k, struct explain_scan *s);
void explain_kmsg_feed(struct explain_kmsg *k, const char *data, size_t len);
void explain_kmsg_finish(struct explain_kmsg *k);

/*
 * Read the kernel log into s to its current end: /dev/kmsg (under --root
 * when one is set) when fd < 0, else fd (dmesg or /dev/kmsg text). Returns
 * 0 or -errno with a cause (-EPERM: kernel.dmesg_restrict and no
 * CAP_SYSLOG; -ENOENT: no /dev/kmsg here).
 */
int explain_read_kernel(struct explain_scan *s, int fd, char *cause, size_t causelen);

/*
 * Read `journalctl -o cat --no-pager [--root ROOT] [-u UNIT]...` into s.
 * Returns 0, -ENOENT when journalctl is not there, -EIO when it failed
 * (its own message went to standard error), or another -errno; with a cause.
 */
int explain_read_journal(struct explain_scan *s, const char *const *units, size_t nunits,
			 const char *root, char *cause, size_t causelen);

#endif
