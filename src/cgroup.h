/*
 * cgroup.h: the pids and memory limits of the cgroup a process runs in,
 * for cgroup v2 and v1. Limits are hierarchical: the ancestor with the
 * least headroom is the one that bites, so every level is read.
 */
#ifndef CGROUP_H
#define CGROUP_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

enum cgroup_controller { CGROUP_PIDS, CGROUP_MEMORY };

struct cgroup_limit {
	int version;   /* 1 or 2; 0 when the controller is not mounted */
	int64_t limit; /* LAYER_UNLIMITED when "max" at every level */
	int64_t use;
	char where[800];	/* the directory whose limit is tightest */
	const char *limit_file; /* the file in it that holds the limit ("pids.max") */
	bool at_top;		/* where is the top of the hierarchy this process sees */
};

/* The cgroup path of a controller in /proc/PID/cgroup text; version set.
 * -ENOENT when the controller is not there, -EXDEV for a path with a ".."
 * component (refused: it would climb out of /sys/fs/cgroup). */
int cgroup_path_of(const char *proc_cgroup, enum cgroup_controller c, char *path, size_t size,
		   int *version);

/* Read the tightest limit for the controller under the root; errors as
 * cgroup_path_of, and -ENOENT when no level has a limit file. */
int cgroup_read(const char *proc_cgroup, enum cgroup_controller c, struct cgroup_limit *out);

#endif
