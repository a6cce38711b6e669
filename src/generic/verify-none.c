/*
 * verify-none.c: verify on a platform without its engine (macOS for now,
 * the stub). The engine that opens and watches N sockets across worker
 * processes is Linux's (epoll, signalfd, timerfd, eventfd, prctl); a port
 * would implement verify_run with kqueue. Until then verify stops before it
 * prints anything and says why (exit 3).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "platform.h"

int
verify_supported(char *cause, size_t causelen)
{
	snprintf(cause, causelen,
		 "not implemented on %s: its engine is Linux's (epoll, signalfd, "
		 "timerfd, eventfd)",
		 platform_name());
	return -ENOSYS;
}

int
verify_run(const struct verify_opts *opts, const struct verify_layout *lay,
	   struct verify_result *res, verify_progress_fn progress, void *ctx, char *cause,
	   size_t causelen)
{
	(void)opts;
	(void)lay;
	(void)res;
	(void)progress;
	(void)ctx;
	return verify_supported(cause, causelen);
}

int
verify_bare_rate(int64_t target, bool ipv6, struct verify_bare *out, char *cause, size_t causelen)
{
	(void)target;
	(void)ipv6;
	(void)out;
	return verify_supported(cause, causelen);
}
