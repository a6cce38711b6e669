/*
 * platform-linux.c: the Linux side of the platform interface that belongs
 * to no module of its own (platform.h).
 */
#include "config.h"

#include "platform.h"

const char *
platform_name(void)
{
	return "Linux";
}
