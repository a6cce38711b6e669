/*
 * sysdconf.c: systemd limit settings (see sysdconf.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "confdir.h"
#include "layer.h"
#include "parse.h"
#include "rootfs.h"
#include "sysdconf.h"

#define CONF_MAX (64 * 1024)

/* One buffer for whole files: not reentrant, and nothing to allocate. */
static char conf_buf[CONF_MAX];

static int
parse_one(const char *s, size_t len, int64_t *out)
{
	char buf[32];

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (strcmp(buf, "infinity") == 0) {
		*out = LAYER_UNLIMITED;
		return 0;
	}
	return parse_i64(buf, 0, INT64_MAX, out) < 0 ? -EINVAL : 0;
}

int
sysdconf_parse_value(const char *s, struct rlimit_pair *out)
{
	const char *colon = strchr(s, ':');
	size_t len = strcspn(s, " \t\r\n");

	if (colon == NULL || (size_t)(colon - s) > len) {
		if (parse_one(s, len, &out->soft) < 0)
			return -EINVAL;
		out->hard = out->soft;
		return 0;
	}
	if (parse_one(s, (size_t)(colon - s), &out->soft) < 0 ||
	    parse_one(colon + 1, strcspn(colon + 1, " \t\r\n"), &out->hard) < 0)
		return -EINVAL;
	return out->soft <= out->hard ? 0 : -EINVAL;
}

int
sysdconf_feed(struct sysdconf_limit *lim, const char *file, const char *text, const char *section,
	      const char *key)
{
	const char *line = text;
	bool in_section = false;
	size_t klen = strlen(key), slen = strlen(section);
	int lineno = 0, err = 0;

	while (line != NULL && *line != '\0') {
		const char *nl = strchr(line, '\n'), *p = line;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[')
			in_section = strncmp(p + 1, section, slen) == 0 && p[1 + slen] == ']';
		else if (in_section && strncmp(p, key, klen) == 0 &&
			 (p[klen] == '=' || p[klen] == ' ')) {
			struct rlimit_pair v;
			/* Only an '=' on this line: "Key" alone assigns nothing. */
			p = memchr(p, '=', nl != NULL ? (size_t)(nl - p) : strlen(p));
			if (p != NULL) {
				p++;
				while (*p == ' ')
					p++;
				if (*p == '\n' || *p == '\0') {
					lim->set = false; /* an empty assignment resets */
				} else if (sysdconf_parse_value(p, &v) == 0) {
					lim->set = true;
					lim->nofile = v;
					snprintf(lim->where, sizeof(lim->where), "%s:%d", file,
						 lineno);
				} else {
					err = -EINVAL;
				}
			}
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	return err;
}

/* Read one file of the configuration; one that is there but cannot be
 * read (too large, not a regular file) is remembered, never skipped
 * quietly: what it sets is not known. */
static bool
read_conf(struct sysdconf_limit *lim, const char *path, char *buf)
{
	ssize_t n = rootfs_read(path, buf, CONF_MAX);

	if (n >= 0 || n == -ENOENT || lim->unread[0] != '\0')
		return n >= 0;
	if (n == -EFBIG)
		snprintf(lim->unread, sizeof(lim->unread),
			 "%s: larger than %d bytes: not read (refused, not cut)", path,
			 CONF_MAX - 1);
	else
		snprintf(lim->unread, sizeof(lim->unread), "%s: not read: %s", path,
			 rootfs_strerror((int)n));
	return false;
}

/* Feed every *.conf of the drop-in directories in the order systemd reads
 * them (confdir.h). */
static void
feed_dropins(struct sysdconf_limit *lim, const char *const *dirs, size_t ndirs, char *buf,
	     const char *section, const char *key)
{
	static struct confdir_file files[128];
	size_t n = confdir_list(dirs, ndirs, rootfs_opendir, files, 128), i;
	char path[512];

	if (n == CONFDIR_TOO_MANY) {
		if (lim->unread[0] == '\0')
			snprintf(lim->unread, sizeof(lim->unread),
				 "%s: more than 128 drop-in files: not read (refused, not cut)",
				 dirs[ndirs - 1]);
		return;
	}
	for (i = 0; i < n; i++) {
		int len = snprintf(path, sizeof(path), "%s/%s", dirs[files[i].dir], files[i].name);

		if (len < (int)sizeof(path) && read_conf(lim, path, buf))
			sysdconf_feed(lim, path, buf, section, key);
	}
}

void
sysdconf_load_default(struct sysdconf_limit *lim)
{
	static const char *const dirs[] = {
	    "/usr/lib/systemd/system.conf.d",
	    "/run/systemd/system.conf.d",
	    "/etc/systemd/system.conf.d",
	};
	char *buf = conf_buf;

	memset(lim, 0, sizeof(*lim));
	if (read_conf(lim, "/etc/systemd/system.conf", buf))
		sysdconf_feed(lim, "/etc/systemd/system.conf", buf, "Manager",
			      "DefaultLimitNOFILE");
	feed_dropins(lim, dirs, sizeof(dirs) / sizeof(dirs[0]), buf, "Manager",
		     "DefaultLimitNOFILE");
}

void
sysdconf_load_unit(struct sysdconf_limit *lim, const char *unit)
{
	static const char *const unit_dirs[] = {
	    "/etc/systemd/system",
	    "/run/systemd/system",
	    "/usr/lib/systemd/system",
	    "/lib/systemd/system",
	};
	char path[512], dropins[4][512];
	const char *dirs[4];
	char *buf = conf_buf;
	size_t i;

	memset(lim, 0, sizeof(*lim));
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", unit_dirs[i], unit);
		if (read_conf(lim, path, buf)) {
			sysdconf_feed(lim, path, buf, "Service", "LimitNOFILE");
			break;
		}
	}
	for (i = 0; i < 4; i++) {
		snprintf(dropins[i], sizeof(dropins[i]), "%s/%s.d", unit_dirs[3 - i], unit);
		dirs[i] = dropins[i];
	}
	feed_dropins(lim, dirs, 4, buf, "Service", "LimitNOFILE");
}

bool
sysdconf_booted(void)
{
	int fd = rootfs_open("/run/systemd/system", O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

bool
sysdconf_unit_of(const char *text, char *unit, size_t size)
{
	const char *line = text;

	/* The deepest path component ending in .service or .scope names the unit. */
	while (line != NULL && *line != '\0') {
		const char *nl = strchr(line, '\n');
		size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
		const char *path = memchr(line, '/', len);

		if ((strncmp(line, "0::", 3) == 0 ||
		     memmem(line, len, ":name=systemd:", 14) != NULL) &&
		    path != NULL) {
			const char *end = line + len, *seg = end;
			while (seg > path) {
				const char *start = seg;
				while (start > path && start[-1] != '/')
					start--;
				size_t slen = (size_t)(seg - start);
				if ((slen > 8 && strncmp(seg - 8, ".service", 8) == 0) &&
				    slen < size) {
					memcpy(unit, start, slen);
					unit[slen] = '\0';
					return true;
				}
				seg = start > path ? start - 1 : path;
			}
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	return false;
}
