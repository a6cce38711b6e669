/*
 * fix-restart.c: the fixes that start a process again: a watched process
 * whose hard nofile limit this session may not raise, Redis past its hard
 * limit, and a listener that keeps the backlog listen() gave it. The
 * line stops the process, waits for it to go, and starts its command
 * line again in its directory, as its owner.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "fix-int.h"
#include "persist.h"
#include "probe-linux.h"
#include "runtime.h"

/* May this session run a command as another user (setpriv)? */
static bool
can_switch_user(const struct caps_state *st)
{
	return st->euid == 0 && st->eff_setuid && st->eff_setgid;
}

/* "setpriv ... " to act as the process's owner when other, else "";
 * sudo first when this session cannot switch users itself, unless the
 * whole line is to be run as root (root_line). */
static void
owner_prefix(const struct layer *l, const struct caps_state *st, const char *groups, bool root_line,
	     bool other, char *out, size_t size)
{
	out[0] = '\0';
	if (!other)
		return;
	snprintf(out, size, "%ssetpriv --reuid=%u --regid=%u %s ",
		 root_line || can_switch_user(st) ? "" : "sudo ", (unsigned)l->proc.uid[0],
		 (unsigned)l->proc.gid[0], groups);
}

/* As its owner when this session may not prlimit it itself. */
void
fix_as_owner(const struct layer *l, const struct caps_state *st, const char *groups, bool root_line,
	     char *out, size_t size)
{
	owner_prefix(l, st, groups, root_line, l->proc.other_owner, out, size);
}

/* Stop the process, wait for it to go, and start its command line (or
 * cmd, when not NULL) again in its directory, as its owner, after prefix
 * (headroom exec ...), with suffix after it (options to add). 0, or
 * -ENAMETOOLONG when the line does not fit out (it is never cut). */
static int
restart_line(const struct layer *l, const struct caps_state *st, const char *prefix,
	     const char *cmd, const char *suffix, char *out, size_t size)
{
	char who[96], cd[224] = "";
	int n;
	/* Another user's process starts again as that user, whatever this
	 * session may do to it (as root it would run as root); stopping it
	 * and starting it: a line for root as a whole (sudo would not carry
	 * the shell's loop). */
	bool other = l->proc.other_owner || (l->proc.ids_known && l->proc.uid[0] != st->ruid);
	bool as_root = other && !can_switch_user(st);

	owner_prefix(l, st, "--init-groups", true, other, who, sizeof(who));
	if (l->proc.cwd[0] != '\0' && strcmp(l->proc.cwd, "/") != 0 &&
	    strpbrk(l->proc.cwd, "'\\") == NULL)
		snprintf(cd, sizeof(cd), "cd '%s' && ", l->proc.cwd);
	n = snprintf(out, size,
		     "%skill %d; while kill -0 %d 2>/dev/null; do sleep 0.1; done; %s%s%s%s%s",
		     as_root ? "as root (it is another user's process): " : "", (int)l->pid,
		     (int)l->pid, cd, prefix, who, cmd != NULL ? cmd : l->proc.cmdline, suffix);
	return n >= 0 && (size_t)n < size ? 0 : -ENAMETOOLONG;
}

/* The fds a watched HAProxy sets its own limit to at start-up (its
 * ulimit-n), or 0. */
long long
fix_app_fds_asked(const struct layer_set *set, pid_t pid)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct layer *a = &set->v[i];

		if (a->pid == pid && a->app.app == APP_HAPROXY && a->app.fd_soft != LAYER_NONE &&
		    a->app.fd_soft != LAYER_UNLIMITED)
			return a->app.fd_soft;
	}
	return 0;
}

/* Its hard limit is short and this session may not raise it: start it
 * again with a higher one, or say why that cannot be done from here. */
void
fix_nofile_restart(struct layer *l, const struct fix_ctx *c, const struct caps_state *st,
		   long long r, long long hard)
{
	const struct layer *own = layer_find(c->set, LAYER_NOFILE_HARD, 0);
	char dropin[PATH_MAX], exec[64], line[1024];

	if (l->unit_name[0] != '\0' &&
	    persist_unit_dropin_path(l->unit_name, dropin, sizeof(dropin)) == 0) {
		LIVE(l,
		     "LimitNOFILE=%lld in %s, then systemctl daemon-reload && systemctl restart "
		     "%s  (a restart: hard limit %lld and no CAP_SYS_RESOURCE here, a live raise "
		     "cannot lift it)",
		     r, dropin, l->unit_name, hard);
		l->fix.needs_root = true;
		return;
	}
	if (l->proc.cmdline[0] == '\0') {
		LIVE(l,
		     "restart it with a higher limit: headroom exec --nofile %lld -- ITS COMMAND "
		     "(its command line is not readable here; hard limit %lld and no "
		     "CAP_SYS_RESOURCE: a live raise cannot lift it)",
		     r, hard);
		return;
	}
	if (own != NULL && own->limit != LAYER_UNLIMITED && own->limit < r) {
		LIVE(l,
		     "none from this session: its hard limit %lld is short, this session's own "
		     "is %lld and it lacks CAP_SYS_RESOURCE; restart it from an environment "
		     "with a hard limit of %lld or more (see persist)",
		     hard, (long long)own->limit, r);
		return;
	}
	snprintf(exec, sizeof(exec), "headroom exec --nofile %lld -- ", r);
	if (restart_line(l, st, exec, NULL, "", line, sizeof(line)) < 0 ||
	    !LIVE(l,
		  "%s  (a restart: hard limit %lld and no CAP_SYS_RESOURCE here, a live raise "
		  "cannot lift it)",
		  line, hard))
		LIVE(l,
		     "restart it with a higher limit: headroom exec --nofile %lld -- ITS COMMAND "
		     "(too long to print; hard limit %lld and no CAP_SYS_RESOURCE)",
		     r, hard);
	l->fix.needs_root = l->proc.other_owner;
}

/*
 * A listener below the need: it keeps the backlog listen() gave it, so
 * the fix restarts its process (after raising somaxconn when that is
 * short too); a server that asks for a small backlog itself needs its
 * own setting raised.
 */
void
fix_listen(struct layer *l, const struct fix_ctx *c)
{
	const struct layer *s = layer_find(c->set, LAYER_BACKLOG_SOMAXCONN, 0);
	const struct caps_state *st = probe_caller();
	static const struct caps_state unknown = {.eff_sys_resource = true};
	char line[1024], sysctl[96] = "";

	if (s != NULL && s->limit != LAYER_NONE && s->limit < c->r) {
		snprintf(sysctl, sizeof(sysctl), "sysctl -w net.core.somaxconn=%lld; ", c->r);
		l->fix.needs_root = true;
	}
	if (l->pid == 0) {
		LIVE(l, "%srestart the server that listens here (its process was not found)",
		     sysctl);
	} else if (l->limit == RUNTIME_NODE_BACKLOG && runtime_is_node(l->comm)) {
		/* Node.js asks for 511 whatever somaxconn is: a restart keeps it. */
		LIVE(l,
		     "%spass a backlog of %lld to its listen() (server.listen({port, host, "
		     "backlog: %lld})), then restart pid %d: Node.js asks for %d unless told, "
		     "whatever somaxconn is",
		     sysctl, c->r, c->r, (int)l->pid, RUNTIME_NODE_BACKLOG);
		l->fix.needs_root = l->fix.needs_root || l->proc.other_owner;
	} else if (l->proc.cmdline[0] == '\0') {
		LIVE(l,
		     "%srestart pid %d (%s) so it listens again with the new backlog (its "
		     "command line is not readable here)",
		     sysctl, (int)l->pid, l->comm);
	} else {
		/* Below somaxconn as it is now: somaxconn was raised after it
		 * listened (a restart helps), or it asks for less itself. */
		bool asks = s != NULL && s->limit != LAYER_NONE && s->limit > l->limit;
		char again[160] = "";

		if (asks)
			snprintf(again, sizeof(again),
				 "; if it listens with %lld again, it asks for %lld itself: see "
				 "persist",
				 (long long)l->limit, (long long)l->limit);
		if (restart_line(l, st != NULL ? st : &unknown, "", NULL, "", line, sizeof(line)) <
			0 ||
		    !LIVE(l,
			  "%s%s  (restarts pid %d, %s: listen() takes min(its backlog, somaxconn) "
			  "only when it is called%s)",
			  sysctl, line, (int)l->pid, l->comm, again))
			LIVE(l,
			     "%srestart pid %d (%s) so it listens again with the new backlog (its "
			     "command line is too long to print)",
			     sysctl, (int)l->pid, l->comm);
		l->fix.needs_root = l->fix.needs_root || l->proc.other_owner;
	}
	PERSIST(l,
		"if it still shows %lld after a restart, the server asks for it: raise its own "
		"backlog (nginx: listen ... backlog=%lld; Redis: tcp-backlog %lld; HAProxy: "
		"backlog %lld; Node.js: listen({backlog: %lld}), 511 unless told; Java: the "
		"backlog argument, 50 unless told (Tomcat acceptCount 100; Netty takes "
		"somaxconn); Python asyncio: backlog=, 100 unless told; Go takes somaxconn)",
		(long long)l->limit, c->r, c->r, c->r, c->r);
}

/* What a server started again with more fds needs on its command line,
 * and what cannot lift its limit live. */
struct restart_words {
	const char *setting; /* its cap's name */
	char flag[48];	     /* " --maxclients N"; "" when the cap it has holds */
	const char *live;    /* its own live way, which the hard limit stops */
	long long hard;	     /* its hard nofile */
};

static void
restart_words(const struct layer *l, long long r, struct restart_words *w)
{
	if (l->app.app == APP_MYSQL) {
		w->setting = "max_connections";
		w->flag[0] = '\0';
		if (r > l->limit)
			snprintf(w->flag, sizeof(w->flag), " --max-connections=%lld", r);
		w->live = "a live raise cannot lift it, and SET GLOBAL gives it no fds";
		w->hard = l->app.fd_hard;
		return;
	}
	w->setting = "maxclients";
	snprintf(w->flag, sizeof(w->flag), " --maxclients %lld", r);
	w->live = "neither a raise nor CONFIG SET can lift it";
	w->hard = l->app.fd_soft; /* Redis: CONFIG SET raises the soft limit up to it */
}

/* Within its hard limit the raise app-fix.c printed needs only its
 * owner's rights: as that owner when this session is not. */
static void
app_raise_as_owner(struct layer *l, const struct caps_state *st)
{
	char who[96], line[sizeof(l->fix.live)];

	fix_as_owner(l, st, "--clear-groups", false, who, sizeof(who));
	if (who[0] == '\0')
		return;
	snprintf(line, sizeof(line), "%s", l->fix.live);
	if (!LIVE(l, "%s%s", who, line))
		LIVE(l, "%s", line);
}

/*
 * Redis's maxclients, or MySQL's connections, past its hard nofile:
 * raising that (the raise app-fix.c prints first) needs CAP_SYS_RESOURCE.
 * Without it the server starts again with the higher limit and its new
 * cap on its command line.
 */
void
fix_app_restart(struct layer *l, const struct fix_ctx *c)
{
	const struct caps_state *st = probe_caller();
	const struct layer *own = layer_find(c->set, LAYER_NOFILE_HARD, 0);
	long long f = l->app.fd_raise;
	struct restart_words w;
	char exec[64], line[1024], dropin[PATH_MAX];

	if (st == NULL || st->eff_sys_resource)
		return; /* the raise it printed works (or the caps are unknown) */
	restart_words(l, c->r, &w);
	if (w.hard == LAYER_UNLIMITED || w.hard >= f) {
		app_raise_as_owner(l, st);
		return;
	}
	snprintf(exec, sizeof(exec), "headroom exec --nofile %lld -- ", f);
	l->fix.needs_root = l->proc.other_owner;
	if (l->app.app == APP_REDIS && l->app.file[0] != '\0')
		PERSIST(l,
			"maxclients %lld in %s%s%.0d, and a hard nofile of %lld where it starts "
			"(LimitNOFILE=, limits.d, a container's --ulimit): else it lowers "
			"maxclients to fit again",
			c->r, l->app.file, l->app.line > 0 ? ":" : "", l->app.line, f);
	if (l->unit_name[0] != '\0' &&
	    persist_unit_dropin_path(l->unit_name, dropin, sizeof(dropin)) == 0) {
		LIVE(l,
		     "%s %lld in its configuration (see persist) and LimitNOFILE=%lld in %s, then "
		     "systemctl daemon-reload && systemctl restart %s  (a restart: hard limit "
		     "%lld and no CAP_SYS_RESOURCE here, %s)",
		     w.setting, c->r > l->limit ? c->r : (long long)l->limit, f, dropin,
		     l->unit_name, w.hard, w.live);
		l->fix.needs_root = true;
	} else if (l->proc.cmdline[0] == '\0') {
		LIVE(l,
		     "restart it: headroom exec --nofile %lld -- ITS COMMAND%s (its command line "
		     "is not readable here; hard limit %lld and no CAP_SYS_RESOURCE: %s)",
		     f, w.flag, w.hard, w.live);
	} else if (own != NULL && own->limit != LAYER_UNLIMITED && own->limit < f) {
		LIVE(l,
		     "none from this session: its hard limit %lld is short, this session's own "
		     "is %lld and it lacks CAP_SYS_RESOURCE; restart it%s from an environment "
		     "with a hard limit of %lld or more",
		     w.hard, (long long)own->limit, w.flag, f);
		l->fix.needs_root = false;
	} else if (restart_line(l, st, exec, NULL, w.flag, line, sizeof(line)) < 0 ||
		   !LIVE(l, "%s  (a restart: hard limit %lld and no CAP_SYS_RESOURCE here, %s)",
			 line, w.hard, w.live)) {
		LIVE(l,
		     "restart it: headroom exec --nofile %lld -- ITS COMMAND%s (too long to "
		     "print; hard limit %lld and no CAP_SYS_RESOURCE)",
		     f, w.flag, w.hard);
	}
}

/* memcached reads -c only at start-up and sets its fd limit to it: stop
 * it and start it again with the new -c, under a limit that holds it. The
 * words app-fix.c wrote stay when its command line or this session's hard
 * limit does not allow a line that works. */
void
fix_memcached_restart(struct layer *l, const struct fix_ctx *c)
{
	static const struct caps_state unknown = {.eff_sys_resource = true};
	const struct caps_state *st = probe_caller();
	const struct layer *own = layer_find(c->set, LAYER_NOFILE_HARD, 0);
	char exec[64], cmd[sizeof(l->app.reload) + 32], line[1024];

	if (l->unit_name[0] != '\0' && l->app.file[0] != '\0') {
		/* its unit starts it with the options in that file */
		LIVE(l,
		     "%s -c %lld %s %s%s%.0d, then systemctl restart %s  (-c is read only at "
		     "start-up; it sets its fd limit to -c, so the unit's LimitNOFILE must hold "
		     "it)",
		     l->app.line > 0 ? "set" : "add", c->r, l->app.line > 0 ? "at" : "to",
		     l->app.file, l->app.line > 0 ? ":" : "", l->app.line, l->unit_name);
		l->fix.needs_root = true;
		return;
	}
	if (l->app.reload[0] == '\0' ||
	    (own != NULL && own->limit != LAYER_UNLIMITED && own->limit < c->r))
		return;
	snprintf(exec, sizeof(exec), "headroom exec --nofile %lld -- ", c->r);
	snprintf(cmd, sizeof(cmd), "%s -c %lld", l->app.reload, c->r);
	if (restart_line(l, st != NULL ? st : &unknown, exec, cmd, "", line, sizeof(line)) < 0)
		return;
	LIVE(l, "%s  (-c is read only at start-up: a restart; it sets its fd limit to -c)", line);
	l->fix.needs_root = l->fix.needs_root || l->proc.other_owner;
}

/* HAProxy past its hard nofile without CAP_SYS_RESOURCE (app-fix.c set
 * fd_raise): the setting edited, then a start again under a hard limit
 * that holds what it asks for: its unit's LimitNOFILE=, or headroom exec
 * with its command line, as its owner. */
void
fix_haproxy_restart(struct layer *l, const struct fix_ctx *c)
{
	static const struct caps_state unknown = {.eff_sys_resource = true};
	const struct caps_state *st = probe_caller();
	const struct layer *own = layer_find(c->set, LAYER_NOFILE_HARD, 0);
	long long f = l->app.fd_raise, hard = l->app.fd_hard;
	char edit[APP_PATH_MAX + 160], exec[64], line[1024], dropin[PATH_MAX];
	const char *why = "HAProxy's own setrlimit cannot pass it, and a reload keeps it: kill "
			  "-USR2 re-executes the master under it";

	app_haproxy_edit(l, c->r, edit, sizeof(edit));
	if (l->app.takeover) {
		/* the -sf reload app-fix.c printed works from a shell with f */
		if (own != NULL && own->limit != LAYER_UNLIMITED && own->limit < f)
			LIVE(l,
			     "none from this session: pid %d's hard limit %lld is short, this "
			     "session's own is %lld and it lacks CAP_SYS_RESOURCE; %s, then %s "
			     "from a shell with a hard limit of %lld or more",
			     (int)l->pid, hard, (long long)own->limit, edit, l->app.reload, f);
		return;
	}
	PERSIST(l,
		"the edited file keeps the setting; HAProxy asks for %lld fds at start-up: a hard "
		"nofile of %lld where it starts (LimitNOFILE=, limits.d, a container's --ulimit)",
		f, f);
	l->fix.needs_root = l->app.root_owned || l->proc.other_owner;
	if (l->unit_name[0] != '\0' &&
	    persist_unit_dropin_path(l->unit_name, dropin, sizeof(dropin)) == 0) {
		LIVE(l,
		     "%s, and LimitNOFILE=%lld in %s, then systemctl daemon-reload && systemctl "
		     "restart %s  (a restart: its hard limit %lld and no CAP_SYS_RESOURCE: "
		     "HAProxy's own setrlimit cannot pass it, and systemctl reload keeps it: the "
		     "master re-executes under the unit's limit)",
		     edit, f, dropin, l->unit_name, hard);
		l->fix.needs_root = true;
	} else if (l->proc.cmdline[0] == '\0') {
		return; /* app-fix.c's words: ITS COMMAND */
	} else if (own != NULL && own->limit != LAYER_UNLIMITED && own->limit < f) {
		LIVE(l,
		     "none from this session: its hard limit %lld is short, this session's own "
		     "is %lld and it lacks CAP_SYS_RESOURCE; %s, then restart it from an "
		     "environment with a hard limit of %lld or more",
		     hard, (long long)own->limit, edit, f);
	} else {
		snprintf(exec, sizeof(exec), "headroom exec --nofile %lld -- ", f);
		if (restart_line(l, st != NULL ? st : &unknown, exec, NULL, "", line,
				 sizeof(line)) == 0)
			LIVE(l,
			     "%s, then start it again under that hard limit: %s  (a restart: its "
			     "hard limit %lld and no CAP_SYS_RESOURCE: %s)",
			     edit, line, hard, why); /* else app-fix.c's words stay */
	}
}
