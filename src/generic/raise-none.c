/*
 * raise-none.c: `headroom raise` on a platform that cannot read or set
 * another process's limits (macOS has no prlimit(2)); the command says so
 * (exit 3). Nor does it find processes by name (--pid NAME, --name) or
 * detect containers here.
 */
#include "config.h"

#include <errno.h>

#include "container.h"
#include "platform.h"

int
platform_pid_nofile(pid_t pid, struct rlimit_pair *out, char *comm, size_t commlen)
{
	(void)pid;
	(void)out;
	(void)comm;
	(void)commlen;
	return -ENOSYS;
}

int
platform_set_pid_nofile(pid_t pid, const struct rlimit_pair *want)
{
	(void)pid;
	(void)want;
	return -ENOSYS;
}

int
platform_pids_named(const char *name, pid_t *pids, size_t max)
{
	(void)name;
	(void)pids;
	(void)max;
	return -ENOSYS;
}

/* No container detection here: a macOS host is never inside one. */
const struct container_info *
container_detect(void)
{
	static const struct container_info none = {.kind = CONTAINER_NONE};

	return &none;
}
