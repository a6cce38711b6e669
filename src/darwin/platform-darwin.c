/*
 * platform-darwin.c: the macOS side of the platform interface that belongs
 * to no module of its own (platform.h). Compiled on macOS only; the rest
 * comes from src/generic/.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <mach-o/dyld.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform.h"

const char *
platform_name(void)
{
	return "macOS";
}

int
platform_self_exe(char *buf, size_t size)
{
	char path[PATH_MAX], real[PATH_MAX];
	uint32_t len = sizeof(path);

	/* The path the program was started by: resolve it as /proc/self/exe is. */
	if (_NSGetExecutablePath(path, &len) != 0)
		return -ENAMETOOLONG;
	if (realpath(path, real) == NULL)
		return -errno;
	if (strlen(real) >= size)
		return -ENAMETOOLONG;
	memcpy(buf, real, strlen(real) + 1);
	return 0;
}

/* macOS has no capabilities: only root raises a hard limit. */
bool
platform_can_raise_hard(void)
{
	return geteuid() == 0;
}
