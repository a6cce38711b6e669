/*
 * probe-proc.c: what a watched process's fix depends on: its owner (user
 * and group ids, from /proc/PID/status), how it was started (its command
 * line, shell-quoted, and working directory, to restart it) and whether it
 * is a server that sized its own cap from the limit at start-up.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "caps.h"
#include "probe-linux.h"
#include "rootfs.h"

/* The name of uid, else the number. */
static void
user_name(uid_t uid, char *out, size_t size)
{
	if (probe_user_name(uid, out, size) < 0)
		snprintf(out, size, "%u", (unsigned)uid);
}

/* Append one argument, quoted for sh when it needs it; false when full. */
bool
probe_append_quoted(char *out, size_t size, size_t *len, const char *arg)
{
	const char *safe =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-";
	bool plain = arg[0] != '\0' && strspn(arg, safe) == strlen(arg);
	size_t need = strlen(arg) * 4 + 4, i;

	if (*len + need >= size)
		return false;
	if (*len > 0)
		out[(*len)++] = ' ';
	if (plain) {
		*len += (size_t)sprintf(out + *len, "%s", arg);
		return true;
	}
	out[(*len)++] = '\'';
	for (i = 0; arg[i] != '\0'; i++) {
		if (arg[i] == '\'') {
			memcpy(out + *len, "'\\''", 4);
			*len += 4;
		} else {
			out[(*len)++] = arg[i];
		}
	}
	out[(*len)++] = '\'';
	out[*len] = '\0';
	return true;
}

/* One string with blanks and nothing but NULs after it: a title. */
static bool
is_title(const char *buf, size_t n)
{
	size_t first = strlen(buf), i;

	if (strchr(buf, ' ') == NULL)
		return false;
	for (i = first; i < n; i++)
		if (buf[i] != '\0')
			return false;
	return true;
}

/* Its command line as sh would take it back; "" when it cannot be: not
 * readable, too long, or a title the process wrote over its argv
 * ("nginx: master process ..."), which no longer says how it started. */
static void
read_cmdline(pid_t pid, struct layer_proc *pr)
{
	static char buf[8192];
	char path[64];
	size_t len = 0, off;
	ssize_t n;

	pr->cmdline[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	n = rootfs_read(path, buf, sizeof(buf) - 1);
	if (n <= 0 || (size_t)n >= sizeof(buf) - 1)
		return;
	buf[n] = '\0';
	if (is_title(buf, (size_t)n))
		return;
	for (off = 0; off < (size_t)n && buf[off] != '\0'; off += strlen(buf + off) + 1) {
		if (!probe_append_quoted(pr->cmdline, sizeof(pr->cmdline), &len, buf + off)) {
			pr->cmdline[0] = '\0';
			return;
		}
	}
}

void
probe_proc_facts(pid_t pid, const char *comm, struct layer_proc *pr)
{
	static char status[8192];
	char rel[64], path[PATH_MAX];
	struct caps_ids ids;
	ssize_t n;
	int i;

	memset(pr, 0, sizeof(*pr));
	snprintf(rel, sizeof(rel), "/proc/%d/status", (int)pid);
	if (rootfs_read(rel, status, sizeof(status)) > 0 && caps_parse_ids(status, &ids) == 0) {
		pr->ids_known = true;
		for (i = 0; i < 3; i++) {
			pr->uid[i] = ids.uid[i];
			pr->gid[i] = ids.gid[i];
		}
		user_name(ids.uid[0], pr->owner, sizeof(pr->owner));
	}
	read_cmdline(pid, pr);
	snprintf(rel, sizeof(rel), "/proc/%d/cwd", (int)pid);
	if (rootfs_path(rel, path, sizeof(path)) == 0 &&
	    (n = readlink(path, pr->cwd, sizeof(pr->cwd) - 1)) > 0)
		pr->cwd[n] = '\0';
	switch (app_identify(NULL, comm)) {
	case APP_NGINX:
	case APP_HAPROXY:
	case APP_REDIS:
	case APP_MEMCACHED:
		pr->start_up_cap = true;
		break;
	default:
		break;
	}
}
