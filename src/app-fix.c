/*
 * app-fix.c: the fix of an application layer: the setting, the file and
 * line where it is set (or the file and block to add it to), the value
 * the plan recommends in the setting's own terms, and the server's own
 * way to take it: a reload, CONFIG SET, SET GLOBAL, or a restart where
 * the server reads it only at start-up.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "persist.h"

/* A fix line; one longer than the field goes whole into the note and the
 * field says so, rather than being cut. */
static void __attribute__((format(printf, 4, 5)))
put(struct layer *l, char *dst, size_t size, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < size) {
		memcpy(dst, line, (size_t)n + 1);
		return;
	}
	snprintf(dst, size, "too long for this line: see the note");
	layer_note(l, "fix: %s%s", line, n >= (int)sizeof(line) ? " [cut at 1 KiB]" : "");
}

#define LIVE(l, ...)	put((l), (l)->fix.live, sizeof((l)->fix.live), __VA_ARGS__)
#define PERSIST(l, ...) put((l), (l)->fix.persist, sizeof((l)->fix.persist), __VA_ARGS__)

/* "FILE:LINE" where the setting is, or "FILE, CONTEXT" to add it to. */
static void
where(const struct layer_app *a, char *out, size_t size)
{
	if (a->line > 0)
		snprintf(out, size, "%s:%d", a->file, a->line);
	else if (a->context[0] != '\0')
		snprintf(out, size, "%s, %s", a->file, a->context);
	else
		snprintf(out, size, "%s", a->file);
}

/* Round an fd count up to a value that reads well. */
static long long
round_fds(long long n)
{
	return (n + 255) / 256 * 256;
}

/* worker_rlimit_nofile past the master's hard limit: the workers'
 * setrlimit fails (EPERM) without CAP_SYS_RESOURCE, and a reload keeps
 * the master's limit; it must start again under a higher one. */
static void
fix_nginx_restart(struct layer *l, long long wc, long long fds, const char *w)
{
	const struct layer_app *a = &l->app;

	if (a->restart[0] != '\0')
		LIVE(
		    l,
		    "set worker_connections %lld; in %s and worker_rlimit_nofile %lld; in the main "
		    "context of %s (outside any block), then start it again under that hard "
		    "limit: kill -QUIT %d; while kill -0 %d 2>/dev/null; do sleep 0.1; done; "
		    "headroom exec --nofile %lld -- %s  (its hard limit %lld and no "
		    "CAP_SYS_RESOURCE: a reload cannot lift it)",
		    wc, w, fds, a->conf, (int)l->pid, (int)l->pid, fds, a->restart,
		    (long long)a->fd_hard);
	else
		LIVE(
		    l,
		    "set worker_connections %lld; in %s and worker_rlimit_nofile %lld; in the main "
		    "context of %s, then start it again with headroom exec --nofile %lld -- ITS "
		    "COMMAND (its hard limit %lld and no CAP_SYS_RESOURCE: a reload cannot lift "
		    "it)",
		    wc, w, fds, a->conf, fds, (long long)a->fd_hard);
}

static void
fix_nginx(struct layer *l, long long r)
{
	const struct layer_app *a = &l->app;
	long long per = a->per > 0 ? a->per : 1, wc = (r + per - 1) / per, fds = round_fds(wc + 64);
	char w[APP_PATH_MAX + 64];

	where(a, w, sizeof(w));
	PERSIST(l, "the edited file keeps it: %lld workers x %lld = %lld connections", per, wc,
		per * wc);
	l->fix.needs_root = a->root_owned;
	/* A worker needs an fd per connection plus its logs and listeners. */
	if (a->fd_soft == LAYER_NONE || a->fd_soft >= wc + 64)
		LIVE(l, "set worker_connections %lld; in %s, then %s", wc, w, a->reload);
	else if (a->fd_hard_final && a->fd_hard != LAYER_NONE && a->fd_hard != LAYER_UNLIMITED &&
		 a->fd_hard < fds)
		fix_nginx_restart(l, wc, fds, w);
	else
		LIVE(
		    l,
		    "set worker_connections %lld; in %s and worker_rlimit_nofile %lld; in the main "
		    "context of %s (outside any block), then %s",
		    wc, w, fds, a->conf, a->reload);
}

long long
app_haproxy_edit(const struct layer *l, long long r, char *out, size_t size)
{
	const struct layer_app *a = &l->app;
	long long fds = r * 2 + (a->per > 0 ? r / 2 : 0) + a->fd_need, ask = round_fds(fds);
	char w[APP_PATH_MAX + 64], extra[64] = "";

	where(a, w, sizeof(w));
	if (a->fd_soft != LAYER_NONE && a->fd_soft < fds)
		snprintf(extra, sizeof(extra), " and ulimit-n %lld", ask);
	else if (a->fd_soft != LAYER_NONE)
		ask = a->fd_soft; /* its ulimit-n holds it: HAProxy asks for that */
	snprintf(out, size, "set maxconn %lld%s in %s", r, extra, w);
	return ask;
}

/* Past its hard limit without CAP_SYS_RESOURCE, HAProxy's setrlimit to
 * ulimit-n (or the fds maxconn takes) fails: with strict-limits it refuses
 * to start, without it runs with the fds it has. A reload starts under
 * the same limit; it must start again under a higher one (the platform
 * writes the line: src/linux/fix-restart.c). */
static void
fix_haproxy(struct layer *l, long long r)
{
	const struct layer_app *a = &l->app;
	long long fds = r * 2 + (a->per > 0 ? r / 2 : 0) + a->fd_need, ask;
	char edit[APP_PATH_MAX + 160];

	ask = app_haproxy_edit(l, r, edit, sizeof(edit));
	l->app.fd_raise = 0;
	if (!a->fd_hard_final || a->fd_hard == LAYER_NONE || a->fd_hard == LAYER_UNLIMITED ||
	    a->fd_hard >= ask) {
		LIVE(l, "%s, then %s", edit, a->reload);
	} else if (a->takeover) {
		/* the -sf process gets the limits of the shell it starts from */
		l->app.fd_raise = ask;
		LIVE(l,
		     "%s, then %s, from a shell whose hard nofile is %lld or more (the new "
		     "process gets that shell's limit; pid %d's hard limit %lld and no "
		     "CAP_SYS_RESOURCE: it cannot raise its own)",
		     edit, a->reload, ask, (int)l->pid, (long long)a->fd_hard);
	} else {
		l->app.fd_raise = ask;
		LIVE(l,
		     "%s, then start it again under that hard limit: headroom exec --nofile %lld "
		     "-- ITS COMMAND  (its hard limit %lld and no CAP_SYS_RESOURCE: HAProxy's "
		     "own setrlimit cannot pass it, and a reload keeps it)",
		     edit, ask, (long long)a->fd_hard);
	}
	PERSIST(l,
		"the edited file keeps it; HAProxy needs about %lld fds for it (2 per "
		"connection%s, %lld of its own) and raises its limit itself as root",
		fds, a->per > 0 ? ", splice pipes" : "", (long long)a->fd_need);
	l->fix.needs_root = a->root_owned;
}

static void
fix_redis(struct layer *l, long long r)
{
	const struct layer_app *a = &l->app;
	long long fds = r + a->fd_need;
	char w[APP_PATH_MAX + 64];

	where(a, w, sizeof(w));
	/* CONFIG SET raises Redis's soft fd limit itself, but only up to its
	 * hard limit; past it the hard limit must be raised first (the
	 * platform's fix turns that into a restart where this session may
	 * not raise it: src/linux/fix.c). */
	l->app.fd_raise = 0;
	if (a->fd_soft == LAYER_NONE || a->fd_soft == LAYER_UNLIMITED || a->fd_soft >= fds) {
		LIVE(l, "%s CONFIG SET maxclients %lld", a->reload, r);
	} else {
		l->app.fd_raise = round_fds(fds);
		LIVE(l,
		     "headroom raise --pid %d --nofile %lld, then %s CONFIG SET maxclients "
		     "%lld (CONFIG SET takes only what the fd limit allows)",
		     (int)l->pid, round_fds(fds), a->reload, r);
	}
	if (a->file[0] == '\0')
		PERSIST(l,
			"maxclients %lld in its configuration file (config_file in INFO server), "
			"or CONFIG REWRITE after the CONFIG SET",
			r);
	else if (a->line > 0)
		PERSIST(l, "maxclients %lld at %s (or CONFIG REWRITE after the CONFIG SET)", r, w);
	else
		PERSIST(l, "add maxclients %lld to %s (or CONFIG REWRITE after the CONFIG SET)", r,
			w);
	/* Raising a hard limit needs CAP_SYS_RESOURCE. */
	l->fix.needs_root =
	    !(a->fd_soft == LAYER_NONE || a->fd_soft == LAYER_UNLIMITED || a->fd_soft >= fds);
}

static void
fix_memcached(struct layer *l, long long r)
{
	const struct layer_app *a = &l->app;

	if (a->reload[0] != '\0')
		LIVE(l,
		     "restart it with -c %lld (read only at start-up; it sets its fd limit to -c, "
		     "so start it with a hard nofile >= %lld): %s -c %lld",
		     r, r, a->reload, r);
	else
		LIVE(l, "restart it with -c %lld added to its command line (read only at start-up)",
		     r);
	if (a->file[0] != '\0' && a->line > 0)
		PERSIST(l, "-c %lld at %s:%d (Debian's service reads its options there)", r,
			a->file, a->line);
	else if (a->file[0] != '\0')
		PERSIST(l, "add -c %lld to %s (Debian's service reads its options there)", r,
			a->file);
	else
		PERSIST(l, "-c %lld in the unit or script that starts it", r);
	l->fix.needs_root = a->root_owned;
}

static void
fix_postgresql(struct layer *l, long long r)
{
	const struct layer_app *a = &l->app;
	long long v = r + a->reserved;
	char w[APP_PATH_MAX + 64];

	where(a, w, sizeof(w));
	if (strstr(a->file, "postgresql.auto.conf") != NULL)
		LIVE(l, "ALTER SYSTEM SET max_connections = %lld; then %s (read only at start)", v,
		     a->reload);
	else
		LIVE(l, "set max_connections = %lld in %s, then %s (read only at start)", v, w,
		     a->reload);
	PERSIST(l, "the edited file keeps it (%lld for clients + %lld reserved for superusers)", r,
		(long long)a->reserved);
	l->fix.needs_root = a->root_owned;
}

/* MySQL keeps max_connections within open files less 10 and two per
 * table of its minimum table cache (400: TABLE_OPEN_CACHE_MIN). */
#define MYSQL_FDS_BEYOND 810
#define MYSQL_FDS_OWN	 10

/*
 * SET GLOBAL max_connections takes effect at once, but neither MySQL nor
 * MariaDB raises its fd limit after start-up: past it accept() fails
 * ("Too many open files"). When its nofile cannot hold the connections,
 * the live fix raises it first (the platform turns that into a restart
 * where this session may not: src/linux/fix-restart.c).
 */
static void
fix_mysql(struct layer *l, long long r)
{
	const struct layer_app *a = &l->app;
	long long conns = r > l->limit ? r : (long long)l->limit;
	long long fds = round_fds(conns + MYSQL_FDS_BEYOND);
	char w[APP_PATH_MAX + 64], set[sizeof(a->reload) + 64] = "";

	where(a, w, sizeof(w));
	if (r > l->limit)
		snprintf(set, sizeof(set), "%s -e 'SET GLOBAL max_connections = %lld'", a->reload,
			 r);
	l->app.fd_raise = 0;
	l->fix.needs_root = a->root_owned;
	if (a->fd_soft == LAYER_NONE || a->fd_soft == LAYER_UNLIMITED ||
	    a->fd_soft >= conns + MYSQL_FDS_OWN) {
		if (set[0] != '\0')
			LIVE(l, "%s (live until a restart)", set);
		else
			LIVE(l, "none needed: max_connections %lld and its nofile hold the target",
			     (long long)l->limit);
		PERSIST(l,
			"max_connections = %lld in %s; its open_files_limit (and LimitNOFILE) "
			"must hold it, or the server lowers it at start-up",
			r, w);
		return;
	}
	l->app.fd_raise = fds;
	/* Raising a hard limit needs CAP_SYS_RESOURCE. */
	l->fix.needs_root = a->root_owned || a->fd_hard == LAYER_NONE ||
			    (a->fd_hard != LAYER_UNLIMITED && a->fd_hard < fds);
	if (set[0] != '\0')
		LIVE(l,
		     "headroom raise --pid %d --nofile %lld, then %s (its nofile %lld cannot hold "
		     "%lld connections: past it accept() fails)",
		     (int)l->pid, fds, set, (long long)a->fd_soft, conns);
	else
		LIVE(l,
		     "headroom raise --pid %d --nofile %lld (max_connections %lld holds the "
		     "target, its nofile %lld does not: past it accept() fails)",
		     (int)l->pid, fds, (long long)l->limit, (long long)a->fd_soft);
	PERSIST(l,
		"%s%lld in %s; open_files_limit = %lld in the [mysqld] group of %s, and a hard "
		"nofile of %lld where it starts (LimitNOFILE=)",
		r > l->limit ? "max_connections = " : "max_connections stays ", conns, w, fds,
		a->file, fds);
}

void
app_fill_fix(struct layer *l, int64_t recommend)
{
	long long r = (long long)recommend;

	if (recommend == LAYER_NONE || recommend == LAYER_UNLIMITED)
		return;
	switch ((enum app_id)l->app.app) {
	case APP_NGINX:
		fix_nginx(l, r);
		break;
	case APP_HAPROXY:
		fix_haproxy(l, r);
		break;
	case APP_REDIS:
		fix_redis(l, r);
		break;
	case APP_MEMCACHED:
		fix_memcached(l, r);
		break;
	case APP_POSTGRESQL:
		fix_postgresql(l, r);
		break;
	case APP_MYSQL:
		fix_mysql(l, r);
		break;
	case APP_NONE:
		break;
	}
}
