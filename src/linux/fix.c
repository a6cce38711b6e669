/*
 * fix.c: the exact fix for a layer on Linux: the command that raises it
 * now and the change that survives a reboot or a new login, with the
 * recommended value the plan computed. One builder per layer kind; a
 * layer whose row names one sysctl (FIX_SYSCTL with .key) needs none.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "container.h"
#include "fix-int.h"
#include "persist.h"
#include "probe-linux.h"

typedef void fix_builder(struct layer *l, const struct fix_ctx *c);

/* A fix is shown whole or not at all: a command cut mid-name would act on
 * another unit or user. What does not fit says so instead. */
bool
fix_set(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < size)
		return true;
	snprintf(dst, size, "none shown: the fix is %d bytes, more than the %zu headroom holds", n,
		 size - 1);
	return false;
}

/* Inside a container: the runtime's flag, the pod spec, or the host. */
static bool
fix_sysctl_container(struct layer *l, const char *key, const char *value)
{
	const struct container_info *ci = container_detect();

	if (ci->kind == CONTAINER_NONE)
		return false;
	container_sysctl_fix(ci, key, value, l->fix.live, sizeof(l->fix.live), l->fix.persist,
			     sizeof(l->fix.persist));
	l->fix.needs_root = true;
	return true;
}

static void
fix_sysctl(struct layer *l, const char *key, long long value)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld", value);
	if (fix_sysctl_container(l, key, v))
		return;
	LIVE(l, "sysctl -w %s=%lld", key, value);
	PERSIST(l, "%s = %lld in " PERSIST_SYSCTL_D " (or: headroom apply --target N)", key, value);
	l->fix.needs_root = true;
}

static void
fix_somaxconn(struct layer *l, const struct fix_ctx *c)
{
	fix_sysctl(l, layer_descs[l->kind].key, c->r);
	layer_note(l, "the server must also pass a large backlog to listen()");
}

/* Where the restarted process gets its limit for good: its unit's
 * drop-in, or limits.d for the login that starts it. */
void
fix_persist_nofile_pid(struct layer *l, const struct fix_ctx *c, long long r)
{
	char dropin[PATH_MAX];
	/* limits.conf names users, not uids: its owner when /etc/passwd knows it */
	const char *who =
	    l->proc.ids_known && strspn(l->proc.owner, "0123456789") < strlen(l->proc.owner)
		? l->proc.owner
		: c->user;

	if (l->unit_name[0] != '\0' &&
	    persist_unit_dropin_path(l->unit_name, dropin, sizeof(dropin)) == 0)
		PERSIST(l,
			"LimitNOFILE=%lld in %s, then systemctl daemon-reload && systemctl "
			"restart %s",
			r, dropin, l->unit_name);
	else if (container_detect()->kind != CONTAINER_NONE)
		container_nofile_fix(container_detect(), r, l->fix.persist, sizeof(l->fix.persist));
	else
		PERSIST(l,
			"%s hard nofile %lld and %s soft nofile %lld in " PERSIST_LIMITS_D
			", then start it from a new login",
			who, r, who, r);
}

/* A live raise works: this session has CAP_SYS_RESOURCE, or the soft
 * limit only needs to go up to the hard one (as the owner). The prlimit
 * equivalent keeps the hard limit: it never lowers it. */
static void
fix_nofile_raise(struct layer *l, const struct caps_state *st, long long soft, long long hard)
{
	long long h = hard == LAYER_UNLIMITED || soft <= hard ? hard : soft;
	char who[96], hs[32];

	fix_as_owner(l, st, "--clear-groups", false, who, sizeof(who));
	if (h == LAYER_UNLIMITED)
		snprintf(hs, sizeof(hs), "unlimited");
	else
		snprintf(hs, sizeof(hs), "%lld", h);
	if (who[0] != '\0')
		LIVE(
		    l,
		    "%sheadroom raise --pid %d --nofile %lld  (as its owner %s: without "
		    "CAP_SYS_RESOURCE only the owner may; or: %sprlimit --pid %d --nofile=%lld:%s)",
		    who, (int)l->pid, soft, l->proc.owner, who, (int)l->pid, soft, hs);
	else
		LIVE(l,
		     "headroom raise --pid %d --nofile %lld  (prlimit --pid %d --nofile=%lld:%s)",
		     (int)l->pid, soft, (int)l->pid, soft, hs);
	l->fix.needs_root = who[0] != '\0' || (hard != LAYER_UNLIMITED && h > hard);
}

/*
 * A watched process: the first fix printed is one that works when this
 * user runs it as printed. A live raise (prlimit) needs CAP_SYS_RESOURCE
 * to lift a hard limit, and without it works only on our own processes
 * (prlimit(2): the caller's real ids are the target's); otherwise the
 * owner runs it, or the process is restarted with a higher limit.
 */
static void
fix_nofile_pid(struct layer *l, const struct fix_ctx *c)
{
	const struct layer *hl = layer_find(c->set, LAYER_NOFILE_HARD, l->pid);
	const struct caps_state *st = probe_caller();
	static const struct caps_state unknown = {.eff_sys_resource = true};
	long long r = c->r, hard = hl != NULL ? hl->limit : LAYER_UNLIMITED;
	long long need = l->need;
	bool cap;

	if (st == NULL)
		st = &unknown; /* capabilities unreadable: the plain raise, as before */
	cap = st->eff_sys_resource;
	if (fix_app_fds_asked(c->set, l->pid) > r) {
		/* under less, its setrlimit at start-up fails again */
		r = fix_app_fds_asked(c->set, l->pid);
		layer_note(l, "the fix gives it its ulimit-n %lld, which HAProxy asks for", r);
	}
	fix_persist_nofile_pid(l, c, r);
	if (cap)
		fix_nofile_raise(l, st, r, hard);
	else if (hard == LAYER_UNLIMITED || hard >= need)
		fix_nofile_raise(l, st, hard == LAYER_UNLIMITED || r <= hard ? r : hard, hard);
	else
		fix_nofile_restart(l, c, st, r, hard);
}

/* This container's own limits: the soft one up to the hard one with
 * ulimit; the hard one only where the container starts. */
static void
fix_nofile_container(struct layer *l, const struct fix_ctx *c)
{
	const struct container_info *ci = container_detect();
	const struct layer *hard = layer_find(c->set, LAYER_NOFILE_HARD, 0);
	char how[512];

	container_nofile_fix(ci, c->r, how, sizeof(how));
	if (l->kind == LAYER_NOFILE_SOFT && hard != NULL &&
	    (hard->limit == LAYER_UNLIMITED || hard->limit >= c->r))
		LIVE(l,
		     "ulimit -Sn %lld  (in the shell that starts the test; or: headroom exec "
		     "--nofile %lld -- CMD)",
		     c->r, c->r);
	else
		LIVE(l, "none inside the container: its hard limit is set when it starts: %s", how);
	PERSIST(l, "%s", how);
	l->fix.needs_root = l->kind == LAYER_NOFILE_HARD;
}

/* This session's soft limit: `ulimit -Sn`, which leaves the hard limit
 * alone (bash's plain `ulimit -n N` sets both, lowering the hard one for
 * good), when the hard limit allows it; else nothing until the hard limit
 * is raised, which its own row says how. */
static void
fix_nofile_session_soft(struct layer *l, const struct fix_ctx *c)
{
	const struct layer *hard = layer_find(c->set, LAYER_NOFILE_HARD, 0);

	if (hard == NULL || hard->limit == LAYER_UNLIMITED || hard->limit < 0 ||
	    hard->limit >= c->r)
		LIVE(l,
		     "ulimit -Sn %lld  (in the shell that starts the test; or: headroom exec "
		     "--nofile %lld -- CMD)",
		     c->r, c->r);
	else
		LIVE(l,
		     "none until the hard limit (%lld) is raised: see nofile.hard; then "
		     "ulimit -Sn %lld in the shell that starts the test",
		     (long long)hard->limit, c->r);
}

/* This session's hard limit: prlimit on the shell, with CAP_SYS_RESOURCE
 * (sudo gives it, unless the bounding set lacks it: then nothing in this
 * session can, and the limit is set where the session starts). */
static void
fix_nofile_session_hard(struct layer *l, long long r)
{
	const struct caps_state *st = probe_caller();

	if (st != NULL && !st->bnd_sys_resource && !st->eff_sys_resource)
		LIVE(l,
		     "none from this session: CAP_SYS_RESOURCE is not in its bounding set, so "
		     "not even sudo can raise a hard limit; start the session with a hard limit "
		     "of %lld (see persist)",
		     r);
	else
		LIVE(l, "sudo prlimit --pid $$ --nofile=%lld:%lld  (needs CAP_SYS_RESOURCE)", r, r);
}

static void
fix_nofile(struct layer *l, const struct fix_ctx *c)
{
	long long r = c->r;

	if (l->pid != 0) {
		fix_nofile_pid(l, c);
		return;
	}
	if (container_detect()->kind != CONTAINER_NONE) {
		fix_nofile_container(l, c);
		return;
	}
	if (l->kind == LAYER_NOFILE_SOFT) {
		fix_nofile_session_soft(l, c);
		PERSIST(l, "%s soft nofile %lld in " PERSIST_LIMITS_D, c->user, r);
	} else {
		fix_nofile_session_hard(l, r);
		PERSIST(l, "%s hard nofile %lld in " PERSIST_LIMITS_D ", then log in again",
			c->user, r);
		l->fix.needs_root = true;
	}
}

static void
fix_ports(struct layer *l, const struct fix_ctx *c)
{
	/* The widest sane range leaves 1-1023 to privileged services. */
	const long long widest = 65535 - 1024 + 1;
	long long sources = widest > 0 ? (c->t->conns + widest - 1) / widest : 1;

	if (sources < 2)
		sources = 2;
	if (l->limit >= widest - 1024) {
		/* The range is already as wide as it sensibly gets. */
		LIVE(l,
		     "spread clients over %lld+ source addresses (127.0.0.2..; headroom verify "
		     "--sources %lld), or add listener ports",
		     sources, sources);
		PERSIST(l, "give the load generator %lld source addresses", sources);
		return;
	}
	if (fix_sysctl_container(l, "net.ipv4.ip_local_port_range", "1024 65535")) {
		size_t n = strlen(l->fix.live);
		fix_set(l->fix.live + n, sizeof(l->fix.live) - n,
			"; and/or spread clients over %lld+ source addresses", sources);
		return;
	}
	LIVE(l,
	     "sysctl -w net.ipv4.ip_local_port_range='1024 65535'; and/or spread clients "
	     "over %lld+ source addresses (127.0.0.2..; headroom verify --sources %lld)",
	     sources, sources);
	PERSIST(l, "net.ipv4.ip_local_port_range = 1024 65535 in " PERSIST_SYSCTL_D);
	l->fix.needs_root = true;
}

static void
fix_tcp_mem(struct layer *l, const struct fix_ctx *c)
{
	long long r = c->r;
	char v[96];

	snprintf(v, sizeof(v), "%lld %lld %lld", r / 2, r * 3 / 4, r);
	if (fix_sysctl_container(l, "net.ipv4.tcp_mem", v))
		return;
	LIVE(l, "sysctl -w net.ipv4.tcp_mem='%lld %lld %lld'", r / 2, r * 3 / 4, r);
	PERSIST(l, "net.ipv4.tcp_mem = %lld %lld %lld in " PERSIST_SYSCTL_D, r / 2, r * 3 / 4, r);
	l->fix.needs_root = true;
}

static void
fix_mem_per_conn(struct layer *l, const struct fix_ctx *c)
{
	(void)c;
	LIVE(l, "free memory, or lower per-socket buffers (net.ipv4.tcp_rmem / tcp_wmem)");
	PERSIST(l, "more memory for this host");
}

static void
fix_cgroup(struct layer *l, const struct fix_ctx *c)
{
	bool mem = l->kind == LAYER_CGROUP_MEMORY;
	const struct container_info *ci = container_detect();

	if (ci->kubernetes) {
		LIVE(l, "%s in the pod spec, then recreate the pod",
		     mem ? "resources.limits.memory" : "the node's podPidsLimit (kubelet config)");
		PERSIST(l, "the same in the Deployment's pod template");
		l->fix.needs_root = true;
		return;
	}
	if (ci->kind == CONTAINER_DOCKER || ci->kind == CONTAINER_PODMAN) {
		LIVE(l, "%s update %s %lld CONTAINER (on the host; a live change)",
		     container_runtime_name(ci), mem ? "--memory" : "--pids-limit", c->r);
		PERSIST(l, "%s run %s %lld, compose: %s: %lld", container_runtime_name(ci),
			mem ? "--memory" : "--pids-limit", c->r, mem ? "mem_limit" : "pids_limit",
			c->r);
		l->fix.needs_root = true;
		return;
	}

	if (l->file[0] != '\0' && l->file_at_top)
		LIVE(l,
		     "echo %lld > %s  (the top of the cgroup tree this process sees: in a cgroup "
		     "namespace that is a container's limit, read-only inside: then the runtime's "
		     "%s)",
		     c->r, l->file, mem ? "--memory" : "--pids-limit");
	else if (l->file[0] != '\0')
		LIVE(l, "echo %lld > %s", c->r, l->file);
	else
		LIVE(l, "echo %lld > %s of this cgroup (or the container runtime's %s)", c->r,
		     mem ? "memory.max" : "pids.max", mem ? "--memory" : "--pids-limit");
	PERSIST(l, "%s=%lld on the unit or container that runs the test",
		mem ? "MemoryMax" : "TasksMax", c->r);
	l->fix.needs_root = true;
}

static void
fix_nproc(struct layer *l, const struct fix_ctx *c)
{
	LIVE(l, "ulimit -u %lld", c->r);
	PERSIST(l, "%s soft nproc %lld and %s hard nproc %lld in " PERSIST_LIMITS_D, c->user, c->r,
		c->user, c->r);
}

static void
fix_limits_conf(struct layer *l, const struct fix_ctx *c)
{
	const struct container_info *ci = container_detect();

	if (ci->kind != CONTAINER_NONE) {
		char how[512];

		container_nofile_fix(ci, c->r, how, sizeof(how));
		LIVE(l, "none: nothing logs in to a container, so pam_limits never applies "
			"limits.conf there");
		PERSIST(l, "%s", how);
		l->fix.needs_root = true;
		return;
	}
	LIVE(l, "none: limits.conf applies at the next login (pam_limits)");
	PERSIST(l,
		"%s soft nofile %lld and %s hard nofile %lld in " PERSIST_LIMITS_D
		"; session required pam_limits.so in /etc/pam.d/common-session",
		c->user, c->r, c->user, c->r);
	l->fix.needs_root = true;
}

static void
fix_systemd_default(struct layer *l, const struct fix_ctx *c)
{
	LIVE(l, "systemctl daemon-reexec after the change; services get it at restart");
	PERSIST(l, "DefaultLimitNOFILE=%lld:%lld in " PERSIST_SYSTEM_CONF, c->r, c->r);
	l->fix.needs_root = true;
}

static void
fix_systemd_unit(struct layer *l, const struct fix_ctx *c)
{
	char dropin[PATH_MAX];

	LIVE(l, "systemctl daemon-reload && systemctl restart %s", l->unit_name);
	if (persist_unit_dropin_path(l->unit_name, dropin, sizeof(dropin)) == 0)
		PERSIST(l, "LimitNOFILE=%lld in %s", c->r, dropin);
	l->fix.needs_root = true;
}

static void
fix_caps(struct layer *l, const struct fix_ctx *c)
{
	const struct caps_state *st = probe_caller();

	const struct container_info *ci = container_detect();

	(void)c;
	if (ci->kind != CONTAINER_NONE && st != NULL && !st->bnd_sys_resource)
		LIVE(l, "none inside the container: %s",
		     ci->kubernetes
			 ? "securityContext.capabilities.add: [SYS_RESOURCE] in the pod spec, or "
			   "the limits themselves at the runtime (see nofile.hard)"
			 : "start it with --cap-add SYS_RESOURCE, or with the limits themselves "
			   "(--ulimit nofile=N:N)");
	else if (st != NULL && st->euid == 0 && !st->bnd_sys_resource && !st->eff_sys_resource)
		LIVE(l, "none here: even root lacks CAP_SYS_RESOURCE (not in the bounding set); "
			"the fixes above restart processes with higher limits or act as their "
			"owners");
	else
		LIVE(l, "run with sudo, or from an environment that grants CAP_SYS_RESOURCE");
	PERSIST(l, "raise the hard limit where the session starts (container runtime "
		   "--ulimit nofile=N:N, the unit's LimitNOFILE=)");
	l->fix.needs_root = true;
}

static fix_builder *const builders[LAYER_KIND_COUNT] = {
    [LAYER_NOFILE_SOFT] = fix_nofile,	     [LAYER_NOFILE_HARD] = fix_nofile,
    [LAYER_PORTS_EPHEMERAL] = fix_ports,     [LAYER_BACKLOG_SOMAXCONN] = fix_somaxconn,
    [LAYER_BACKLOG_LISTEN] = fix_listen,     [LAYER_TCP_MEM] = fix_tcp_mem,
    [LAYER_MEM_PER_CONN] = fix_mem_per_conn, [LAYER_CGROUP_MEMORY] = fix_cgroup,
    [LAYER_CGROUP_PIDS] = fix_cgroup,	     [LAYER_NPROC] = fix_nproc,
    [LAYER_LIMITS_CONF] = fix_limits_conf,   [LAYER_SYSTEMD_DEFAULT] = fix_systemd_default,
    [LAYER_SYSTEMD_UNIT] = fix_systemd_unit, [LAYER_CAPS] = fix_caps,
};

static void
fix_one(struct layer_set *set, struct layer *l, const struct target *t, const char *user)
{
	const struct layer_desc *d = &layer_descs[l->kind];
	struct fix_ctx c = {.t = t, .set = set, .user = user, .r = l->recommend};

	if (d->fix == FIX_SETTING) {
		app_fill_fix(l, l->recommend); /* the server's own setting: src/app-fix.c */
		if (l->app.app == APP_HAPROXY && l->app.fd_raise > 0)
			fix_haproxy_restart(l, &c);
		else if (l->app.fd_raise > 0)
			fix_app_restart(l, &c);
		if (l->app.app == APP_MEMCACHED)
			fix_memcached_restart(l, &c);
	} else if (builders[l->kind] != NULL)
		builders[l->kind](l, &c);
	else if (d->fix == FIX_SYSCTL && d->key != NULL)
		fix_sysctl(l, d->key, c.r);
}

void
probe_fill_fixes(struct layer_set *set, const struct target *t, const struct probe_opts *opts)
{
	const char *user = opts->user != NULL ? opts->user : "*";
	size_t i;

	for (i = 0; i < set->n; i++) {
		struct layer *l = &set->v[i];

		l->fix.live[0] = l->fix.persist[0] = '\0';
		l->fix.needs_root = false;
		if (l->verdict == VERDICT_WARN || l->verdict == VERDICT_FAIL)
			fix_one(set, l, t, user);
	}
}
