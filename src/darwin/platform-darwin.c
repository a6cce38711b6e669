/*
 * platform-darwin.c: the macOS side of the platform interface that belongs
 * to no module of its own (platform.h). Compiled on macOS only.
 */
#include "config.h"

#include "platform.h"

const char *
platform_name(void)
{
	return "macOS";
}
