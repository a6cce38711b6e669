/*
 * cgroup.c: cgroup v1/v2 pids and memory limits (see cgroup.h).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cgroup.h"
#include "layer.h"
#include "parse.h"
#include "rootfs.h"

/* v1 memory reports "no limit" as a page-rounded LONG_MAX. */
#define V1_UNLIMITED_FLOOR (1LL << 62)

static const char *
v1_name(enum cgroup_controller c)
{
	return c == CGROUP_PIDS ? "pids" : "memory";
}

/* A ".." component: no kernel names a cgroup so, and under --root it
 * would lead out of the tree's /sys/fs/cgroup. */
static bool
has_dotdot(const char *path)
{
	for (const char *p = path; (p = strstr(p, "..")) != NULL; p += 2) {
		if ((p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return true;
	}
	return false;
}

static int
cgroup_path_find(const char *text, enum cgroup_controller c, char *path, size_t size, int *version)
{
	const char *line = text, *v2 = NULL;
	char want[32];

	snprintf(want, sizeof(want), ":%s:", v1_name(c));
	while (line != NULL && *line != '\0') {
		const char *nl = strchr(line, '\n');
		size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
		const char *hit = memmem(line, len, want, strlen(want));
		const char *p;

		if (hit == NULL) {
			/* v1 lists controllers comma-joined: "4:memory,foo:/x" is rare; cover ","
			 * too. */
			char alt[32];
			snprintf(alt, sizeof(alt), ",%s:", v1_name(c));
			hit = memmem(line, len, alt, strlen(alt));
		}
		if (hit != NULL) {
			p = memchr(hit + 1, ':', len - (size_t)(hit + 1 - line));
			if (p != NULL && (size_t)(line + len - p - 1) < size) {
				memcpy(path, p + 1, (size_t)(line + len - p - 1));
				path[line + len - p - 1] = '\0';
				*version = 1;
				return 0;
			}
		}
		if (strncmp(line, "0::", 3) == 0)
			v2 = line;
		line = nl != NULL ? nl + 1 : NULL;
	}
	if (v2 != NULL) {
		const char *nl = strchr(v2, '\n');
		size_t len = nl != NULL ? (size_t)(nl - v2 - 3) : strlen(v2 + 3);
		if (len >= size)
			return -ENAMETOOLONG;
		memcpy(path, v2 + 3, len);
		path[len] = '\0';
		*version = 2;
		return 0;
	}
	return -ENOENT;
}

int
cgroup_path_of(const char *text, enum cgroup_controller c, char *path, size_t size, int *version)
{
	int err = cgroup_path_find(text, c, path, size, version);

	return err == 0 && has_dotdot(path) ? -EXDEV : err;
}

static int
read_value(const char *dir, const char *file, int64_t *out)
{
	char path[768], buf[64];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	n = rootfs_read(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	if (parse_limit_value(buf, out) < 0)
		return -EINVAL;
	if (*out >= V1_UNLIMITED_FLOOR)
		*out = LAYER_UNLIMITED;
	return 0;
}

static const char *
limit_file_name(enum cgroup_controller c, int version)
{
	if (c == CGROUP_PIDS)
		return "pids.max";
	return version == 2 ? "memory.max" : "memory.limit_in_bytes";
}

static const char *
use_file_name(enum cgroup_controller c, int version)
{
	if (c == CGROUP_PIDS)
		return "pids.current";
	return version == 2 ? "memory.current" : "memory.usage_in_bytes";
}

int
cgroup_read(const char *text, enum cgroup_controller c, struct cgroup_limit *out)
{
	char rel[512], dir[768];
	const char *limit_file, *use_file;
	int version, err, levels = 0;
	int64_t best_room = LAYER_UNLIMITED;

	out->version = 0;
	out->limit = LAYER_UNLIMITED;
	out->use = LAYER_NONE;
	out->where[0] = '\0';
	out->limit_file = NULL;
	out->at_top = false;
	err = cgroup_path_of(text, c, rel, sizeof(rel), &version);
	if (err < 0)
		return err;
	limit_file = limit_file_name(c, version);
	use_file = use_file_name(c, version);
	/* Walk from the process's cgroup up to the root of the hierarchy. */
	for (;;) {
		int64_t limit, use = LAYER_NONE;
		char *slash;

		if (version == 2)
			snprintf(dir, sizeof(dir), "/sys/fs/cgroup%s",
				 strcmp(rel, "/") == 0 ? "" : rel);
		else
			snprintf(dir, sizeof(dir), "/sys/fs/cgroup/%s%s", v1_name(c),
				 strcmp(rel, "/") == 0 ? "" : rel);
		if (read_value(dir, limit_file, &limit) == 0) {
			levels++;
			read_value(dir, use_file, &use);
			if (out->use == LAYER_NONE)
				out->use = use; /* the process's own level */
			if (limit != LAYER_UNLIMITED) {
				int64_t room = limit - (use > 0 ? use : 0);
				if (room < best_room) {
					best_room = room;
					out->limit = limit;
					out->use = use;
					snprintf(out->where, sizeof(out->where), "%s", dir);
					out->at_top = strcmp(rel, "/") == 0 || rel[0] == '\0';
				}
			}
		}
		if (strcmp(rel, "/") == 0 || rel[0] == '\0')
			break;
		slash = strrchr(rel, '/');
		if (slash == NULL)
			break;
		if (slash == rel)
			rel[1] = '\0';
		else
			*slash = '\0';
	}
	if (levels == 0)
		return -ENOENT;
	out->version = version;
	out->limit_file = limit_file;
	return 0;
}
