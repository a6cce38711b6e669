/*
 * platform-stub.c: a platform that implements nothing (htop's
 * unsupported/). `make check-portable` links the portable core with it and
 * src/generic/ into a program, which proves the core needs nothing from
 * src/linux/ or src/darwin/ and nothing beyond POSIX from the C library.
 * Every probe is -ENOSYS with a cause, so a command that needs the system
 * says so and exits 3.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "platform.h"

const char *
platform_name(void)
{
	return "the stub platform";
}

int
probe_collect(struct layer_set *set, const struct probe_opts *opts, char *cause, size_t causelen)
{
	(void)opts;
	layer_set_init(set);
	snprintf(cause, causelen, "no probe on %s: this build reads nothing from the system",
		 platform_name());
	return -ENOSYS;
}

void
probe_fill_fixes(struct layer_set *set, const struct target *t, const struct probe_opts *opts)
{
	(void)set;
	(void)t;
	(void)opts;
}

int
platform_self_exe(char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return -ENOSYS;
}

bool
platform_can_raise_hard(void)
{
	return false;
}
