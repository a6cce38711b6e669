/*
 * fix.c: the exact fix for a layer on Linux: the command that raises it
 * now and the change that survives a reboot or a new login, with the
 * recommended value the plan computed.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "probe-linux.h"

#define SYSCTL_FILE "/etc/sysctl.d/90-headroom.conf"
#define LIMITS_FILE "/etc/security/limits.d/90-headroom.conf"

static void __attribute__((format(printf, 3, 4))) set(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

#define LIVE(l, ...)	set((l)->fix.live, sizeof((l)->fix.live), __VA_ARGS__)
#define PERSIST(l, ...) set((l)->fix.persist, sizeof((l)->fix.persist), __VA_ARGS__)

static void
fix_sysctl(struct layer *l, const char *key, long long value)
{
	LIVE(l, "sysctl -w %s=%lld", key, value);
	PERSIST(l, "%s = %lld in " SYSCTL_FILE " (or: headroom apply --target N)", key, value);
	l->fix.needs_root = true;
}

static void
fix_nofile(struct layer *l, const char *user, long long r)
{
	bool soft = strcmp(l->id, "nofile.soft") == 0;

	if (l->pid != 0) {
		LIVE(l,
		     "headroom raise --pid %d --nofile %lld  (prlimit --pid %d --nofile=%lld:%lld)",
		     (int)l->pid, r, (int)l->pid, r, r);
		if (l->unit_name[0] != '\0')
			PERSIST(l,
				"LimitNOFILE=%lld in /etc/systemd/system/%s.d/90-headroom.conf, "
				"then systemctl daemon-reload && systemctl restart %s",
				r, l->unit_name, l->unit_name);
		else
			PERSIST(l,
				"%s hard nofile %lld and %s soft nofile %lld in " LIMITS_FILE
				", then start it from a new login",
				user, r, user, r);
		l->fix.needs_root = !soft;
		return;
	}
	if (soft) {
		LIVE(l,
		     "ulimit -n %lld  (in the shell that starts the test; or: headroom exec "
		     "--nofile %lld -- CMD)",
		     r, r);
		PERSIST(l, "%s soft nofile %lld in " LIMITS_FILE, user, r);
	} else {
		LIVE(l, "sudo prlimit --pid $$ --nofile=%lld:%lld  (needs CAP_SYS_RESOURCE)", r, r);
		PERSIST(l, "%s hard nofile %lld in " LIMITS_FILE ", then log in again", user, r);
		l->fix.needs_root = true;
	}
}

static void
fix_ports(struct layer *l, const struct target *t)
{
	/* The widest sane range leaves 1-1023 to privileged services. */
	const long long widest = 65535 - 1024 + 1;
	long long sources = widest > 0 ? (t->conns + widest - 1) / widest : 1;

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
	LIVE(l,
	     "sysctl -w net.ipv4.ip_local_port_range='1024 65535'; and/or spread clients "
	     "over %lld+ source addresses (127.0.0.2..; headroom verify --sources %lld)",
	     sources, sources);
	PERSIST(l, "net.ipv4.ip_local_port_range = 1024 65535 in " SYSCTL_FILE);
	l->fix.needs_root = true;
}

static void
fix_session(struct layer *l, const char *user, long long r)
{
	if (strcmp(l->id, "limits.conf") == 0) {
		LIVE(l, "none: limits.conf applies at the next login (pam_limits)");
		PERSIST(l,
			"%s soft nofile %lld and %s hard nofile %lld in " LIMITS_FILE
			"; session required pam_limits.so in /etc/pam.d/common-session",
			user, r, user, r);
	} else if (strcmp(l->id, "systemd.default") == 0) {
		LIVE(l, "systemctl daemon-reexec after the change; services get it at restart");
		PERSIST(l,
			"DefaultLimitNOFILE=%lld:%lld in "
			"/etc/systemd/system.conf.d/90-headroom.conf",
			r, r);
	} else {
		LIVE(l, "systemctl daemon-reload && systemctl restart %s", l->unit_name);
		PERSIST(l, "LimitNOFILE=%lld in /etc/systemd/system/%s.d/90-headroom.conf", r,
			l->unit_name);
	}
	l->fix.needs_root = true;
}

static void
fix_one(struct layer *l, const struct target *t, const char *user)
{
	long long r = l->recommend;
	const char *id = l->id;

	if (strncmp(id, "nofile.", 7) == 0)
		fix_nofile(l, user, r);
	else if (strcmp(id, "fs.nr_open") == 0 || strcmp(id, "fs.file-max") == 0)
		fix_sysctl(l, id, r);
	else if (strcmp(id, "epoll.watches") == 0)
		fix_sysctl(l, "fs.epoll.max_user_watches", r);
	else if (strcmp(id, "ports.ephemeral") == 0)
		fix_ports(l, t);
	else if (strcmp(id, "backlog.somaxconn") == 0) {
		fix_sysctl(l, "net.core.somaxconn", r);
		layer_note(l, "the server must also pass a large backlog to listen()");
	} else if (strcmp(id, "backlog.syn") == 0)
		fix_sysctl(l, "net.ipv4.tcp_max_syn_backlog", r);
	else if (strcmp(id, "tcp.tw") == 0)
		fix_sysctl(l, "net.ipv4.tcp_max_tw_buckets", r);
	else if (strcmp(id, "conntrack") == 0)
		fix_sysctl(l, "net.netfilter.nf_conntrack_max", r);
	else if (strcmp(id, "tcp.mem") == 0) {
		LIVE(l, "sysctl -w net.ipv4.tcp_mem='%lld %lld %lld'", r / 2, r * 3 / 4, r);
		PERSIST(l, "net.ipv4.tcp_mem = %lld %lld %lld in " SYSCTL_FILE, r / 2, r * 3 / 4,
			r);
		l->fix.needs_root = true;
	} else if (strcmp(id, "mem.per-conn") == 0) {
		LIVE(l, "free memory, or lower per-socket buffers (net.ipv4.tcp_rmem / tcp_wmem)");
		PERSIST(l, "more memory for this host");
	} else if (strcmp(id, "cgroup.memory") == 0 || strcmp(id, "cgroup.pids") == 0) {
		bool mem = strcmp(id, "cgroup.memory") == 0;
		LIVE(l, "echo %lld > %s of this cgroup (or the container runtime's %s)", r,
		     mem ? "memory.max" : "pids.max", mem ? "--memory" : "--pids-limit");
		PERSIST(l, "%s=%lld on the unit or container that runs the test",
			mem ? "MemoryMax" : "TasksMax", r);
		l->fix.needs_root = true;
	} else if (strcmp(id, "nproc") == 0) {
		LIVE(l, "ulimit -u %lld", r);
		PERSIST(l, "%s soft nproc %lld and %s hard nproc %lld in " LIMITS_FILE, user, r,
			user, r);
	} else if (strcmp(id, "threads-max") == 0 || strcmp(id, "pid_max") == 0)
		fix_sysctl(l, strcmp(id, "pid_max") == 0 ? "kernel.pid_max" : "kernel.threads-max",
			   r);
	else if (strcmp(id, "max_map_count") == 0)
		fix_sysctl(l, "vm.max_map_count", r);
	else if (strcmp(id, "limits.conf") == 0 || strncmp(id, "systemd.", 8) == 0)
		fix_session(l, user, r);
	else if (strcmp(id, "caps") == 0) {
		LIVE(l, "run with sudo, or from an environment that grants CAP_SYS_RESOURCE");
		PERSIST(l, "raise the hard limit where the session starts (container runtime "
			   "--ulimit nofile=N:N, the unit's LimitNOFILE=)");
		l->fix.needs_root = true;
	}
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
			fix_one(l, t, user);
	}
}
