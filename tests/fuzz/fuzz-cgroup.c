/*
 * fuzz-cgroup: /proc/PID/cgroup text (part 0) and the cgroup's files
 * under a root: parts 1-4 are pids.max, pids.current, memory.max and
 * memory.current, written at the top of the v2 hierarchy and at the
 * v1 controllers' roots; cgroup_read walks from the process's group up.
 */
#include "config.h"

#include <string.h>

#include "cgroup.h"
#include "fuzz.h"

static void
put(const struct fuzz_parts *p, size_t i, const char *path)
{
	const char *text = fuzz_part(p, i);

	fuzz_put(path, text, strlen(text));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cgroup_limit lim;
	struct fuzz_parts p;
	char path[512];
	int version;

	fuzz_split(data, size, &p);
	put(&p, 1, "/sys/fs/cgroup/pids.max");
	put(&p, 2, "/sys/fs/cgroup/pids.current");
	put(&p, 3, "/sys/fs/cgroup/memory.max");
	put(&p, 4, "/sys/fs/cgroup/memory.current");
	put(&p, 1, "/sys/fs/cgroup/pids/pids.max");
	put(&p, 2, "/sys/fs/cgroup/pids/pids.current");
	put(&p, 3, "/sys/fs/cgroup/memory/memory.limit_in_bytes");
	put(&p, 4, "/sys/fs/cgroup/memory/memory.usage_in_bytes");
	cgroup_path_of(p.part[0], CGROUP_PIDS, path, sizeof(path), &version);
	cgroup_path_of(p.part[0], CGROUP_MEMORY, path, 16, &version);
	cgroup_read(p.part[0], CGROUP_PIDS, &lim);
	cgroup_read(p.part[0], CGROUP_MEMORY, &lim);
	fuzz_parts_free(&p);
	return 0;
}
