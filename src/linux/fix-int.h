/*
 * fix-int.h: what the Linux fix builders (fix.c, fix-restart.c) share.
 */
#ifndef FIX_INT_H
#define FIX_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "caps.h"
#include "layer.h"
#include "plan.h"

struct fix_ctx {
	const struct target *t;
	struct layer_set *set;
	const char *user; /* the limits.d domain: --user, or "*" */
	long long r;	  /* the recommended value */
};

/* printf into dst whole, or say it does not fit (a fix is never cut). */
bool fix_set(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define LIVE(l, ...)	fix_set((l)->fix.live, sizeof((l)->fix.live), __VA_ARGS__)
#define PERSIST(l, ...) fix_set((l)->fix.persist, sizeof((l)->fix.persist), __VA_ARGS__)

/* Where a watched process's restarted self gets its nofile for good. */
void fix_persist_nofile_pid(struct layer *l, const struct fix_ctx *c, long long r);
/* "setpriv ... " to act as the process's owner, or "" when it is ours. */
void fix_as_owner(const struct layer *l, const struct caps_state *st, const char *groups,
		  bool root_line, char *out, size_t size);
/* A short hard limit this session may not raise: a restart with r. */
void fix_nofile_restart(struct layer *l, const struct fix_ctx *c, const struct caps_state *st,
			long long r, long long hard);
/* A listener below the need: a restart of its process. */
void fix_listen(struct layer *l, const struct fix_ctx *c);
/* Redis past its hard nofile without CAP_SYS_RESOURCE: a restart. */
void fix_app_restart(struct layer *l, const struct fix_ctx *c);
/* The fds a watched HAProxy asks for at start-up (its ulimit-n), or 0. */
long long fix_app_fds_asked(const struct layer_set *set, pid_t pid);
/* HAProxy past its hard nofile without CAP_SYS_RESOURCE: a restart. */
void fix_haproxy_restart(struct layer *l, const struct fix_ctx *c);
/* memcached's -c: a restart with the new -c, as a line that runs. */
void fix_memcached_restart(struct layer *l, const struct fix_ctx *c);

#endif
