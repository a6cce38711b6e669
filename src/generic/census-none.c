/*
 * census-none.c: the census of a platform that has none (macOS for now,
 * the stub). Taking one needs the kernel's socket tables, which only the
 * Linux census reads (NETLINK_SOCK_DIAG); here every census is -ENOSYS
 * with a cause, which `headroom census` reports (exit 3) and `headroom
 * top` shows in place of the accept-queue figures.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "platform.h"

int
census_collect(struct census *c, const struct census_opts *opts, char *cause, size_t causelen)
{
	(void)c;
	(void)opts;
	snprintf(cause, causelen,
		 "the socket census is not implemented on %s (it reads Linux's "
		 "NETLINK_SOCK_DIAG socket tables)",
		 platform_name());
	return -ENOSYS;
}

void
census_close(void)
{
}
