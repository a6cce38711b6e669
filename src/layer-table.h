/*
 * layer-table.h: every layer headroom knows, one row each, indexed by
 * enum layer_kind (htop's Process_fields[] model). A row holds what is the
 * same on every host: the stable id, the scope, the unit, what it limits,
 * the plan's rule, how it is fixed and where headroom(1) documents it.
 *
 * Code names a layer by its enum, so a misspelled layer is a compile
 * error. The id string exists once, as a LAYER_ID_* macro below: the row
 * in layer-table.c and the explain catalogue's causes (data kept as text,
 * "app.*" causes beside layer ids) use the macro, so a misspelled id does
 * not compile either. Output prints it with layer_kind_id(), and ids that
 * come from outside (JSON, profiles, the catalogue's cause at run time)
 * become kinds through layer_kind_parse(), which refuses an unknown id.
 *
 * Adding a layer: an enum value and its LAYER_ID_* here, its row in layer-table.c, its probe
 * (src/linux/probe-*.c, src/darwin/probe-darwin.c), a fix builder in the
 * platform's fix table unless the generic one-sysctl fix fits, and its
 * entry under LAYERS in man/headroom.1 (tests/unit/test-layer-table
 * checks that every row has one).
 *
 * Application layers (app.nginx.worker_connections, ...) are rows like
 * any other: scope SCOPE_APPLICATION, one instance per watched pid (a
 * layer instance is a kind plus a pid, see struct layer), fix FIX_SETTING
 * with .key naming the configuration setting. Their parsers are
 * src/app-*.c (dispatch in src/app.h), their probe src/linux/probe-app.c
 * and their fixes src/app-fix.c.
 */
#ifndef LAYER_TABLE_H
#define LAYER_TABLE_H

#include <stdbool.h>

enum layer_kind {
	LAYER_KIND_NONE = 0, /* no layer: a run nothing stopped, no bottleneck */
	LAYER_NOFILE_SOFT,
	LAYER_NOFILE_HARD,
	LAYER_FS_NR_OPEN,
	LAYER_FS_FILE_MAX,
	LAYER_EPOLL_WATCHES,
	LAYER_PORTS_EPHEMERAL,
	LAYER_BACKLOG_SOMAXCONN,
	LAYER_BACKLOG_SYN,
	LAYER_BACKLOG_LISTEN, /* one listener's accept queue as listen() set it */
	LAYER_TCP_TW,
	LAYER_CONNTRACK,
	LAYER_TCP_MEM,
	LAYER_MEM_PER_CONN,
	LAYER_CGROUP_MEMORY,
	LAYER_CGROUP_PIDS,
	LAYER_NPROC,
	LAYER_THREADS_MAX,
	LAYER_PID_MAX,
	LAYER_MAX_MAP_COUNT,
	LAYER_LIMITS_CONF,
	LAYER_SYSTEMD_DEFAULT,
	LAYER_SYSTEMD_UNIT,
	LAYER_CAPS,
	/* a watched server's own cap (src/app.h) */
	LAYER_APP_NGINX,
	LAYER_APP_HAPROXY,
	LAYER_APP_REDIS,
	LAYER_APP_MEMCACHED,
	LAYER_APP_POSTGRESQL,
	LAYER_APP_MYSQL,
	/* macOS */
	LAYER_LAUNCHD_MAXFILES,
	LAYER_KERN_MAXFILES,
	LAYER_KERN_MAXFILESPERPROC,
	LAYER_KERN_IPC_SOMAXCONN,
	LAYER_KIND_COUNT
};

/* The stable ids, spelled here once: layer-table.c's rows and the explain
 * catalogue's causes use these names, so a misspelled id does not compile. */
#define LAYER_ID_NOFILE_SOFT	      "nofile.soft"
#define LAYER_ID_NOFILE_HARD	      "nofile.hard"
#define LAYER_ID_FS_NR_OPEN	      "fs.nr_open"
#define LAYER_ID_FS_FILE_MAX	      "fs.file-max"
#define LAYER_ID_EPOLL_WATCHES	      "epoll.watches"
#define LAYER_ID_PORTS_EPHEMERAL      "ports.ephemeral"
#define LAYER_ID_BACKLOG_SOMAXCONN    "backlog.somaxconn"
#define LAYER_ID_BACKLOG_SYN	      "backlog.syn"
#define LAYER_ID_BACKLOG_LISTEN	      "backlog.listen"
#define LAYER_ID_TCP_TW		      "tcp.tw"
#define LAYER_ID_CONNTRACK	      "conntrack"
#define LAYER_ID_TCP_MEM	      "tcp.mem"
#define LAYER_ID_MEM_PER_CONN	      "mem.per-conn"
#define LAYER_ID_CGROUP_MEMORY	      "cgroup.memory"
#define LAYER_ID_CGROUP_PIDS	      "cgroup.pids"
#define LAYER_ID_NPROC		      "nproc"
#define LAYER_ID_THREADS_MAX	      "threads-max"
#define LAYER_ID_PID_MAX	      "pid_max"
#define LAYER_ID_MAX_MAP_COUNT	      "max_map_count"
#define LAYER_ID_LIMITS_CONF	      "limits.conf"
#define LAYER_ID_SYSTEMD_DEFAULT      "systemd.default"
#define LAYER_ID_SYSTEMD_UNIT	      "systemd.unit"
#define LAYER_ID_CAPS		      "caps"
#define LAYER_ID_APP_NGINX	      "app.nginx.worker_connections"
#define LAYER_ID_APP_HAPROXY	      "app.haproxy.maxconn"
#define LAYER_ID_APP_REDIS	      "app.redis.maxclients"
#define LAYER_ID_APP_MEMCACHED	      "app.memcached.maxconns"
#define LAYER_ID_APP_POSTGRESQL	      "app.postgresql.max_connections"
#define LAYER_ID_APP_MYSQL	      "app.mysql.max_connections"
#define LAYER_ID_LAUNCHD_MAXFILES     "launchd.maxfiles"
#define LAYER_ID_KERN_MAXFILES	      "kern.maxfiles"
#define LAYER_ID_KERN_MAXFILESPERPROC "kern.maxfilesperproc"
#define LAYER_ID_KERN_IPC_SOMAXCONN   "kern.ipc.somaxconn"

enum layer_scope {
	SCOPE_PROCESS,
	SCOPE_USER,
	SCOPE_SYSTEM,
	SCOPE_NETNS,
	SCOPE_CGROUP,
	SCOPE_SESSION,	   /* what the next login session or service start gets */
	SCOPE_APPLICATION, /* a server's own cap, read from its configuration */
};

enum layer_unit {
	UNIT_COUNT,
	UNIT_PORTS,
	UNIT_BYTES,
	UNIT_PAGES, /* 4 KiB pages, as tcp_mem counts */
};

/*
 * The plan's rule: how much of the limit one connection consumes for each
 * role, what already counts against it (current use, or the fixed
 * per-process overhead of a fresh process), and whether it caps the number
 * of connections or only warns (the accept backlog shapes bursts, it does
 * not bound how many connections can be held).
 */
enum layer_rule_kind {
	RULE_INFO,     /* no figure to compare (caps): verdict set by the probe */
	RULE_CAPS,     /* supports = (limit - base) / per_conn */
	RULE_TRAFFIC,  /* as CAPS, but only traffic fills it: warn only */
	RULE_BURST,    /* accept backlog: need = min(target, PLAN_BURST) */
	RULE_HEADROOM, /* threads: need = use + PLAN_THREAD_HEADROOM */
	RULE_CHURN,    /* TIME_WAIT: need = use + target, warn only */
};

enum layer_base {
	BASE_NONE,     /* nothing counts against the limit before the target */
	BASE_USE,      /* shared limit: what is in use now counts */
	BASE_OVERHEAD, /* a fresh process: stdio, logs, the listener */
};

struct layer_rule {
	enum layer_rule_kind kind;
	enum layer_base base;
	/* Per-connection consumption for client, server, both (enum role).
	 * For `both`, client and server are separate processes (as in a local
	 * load test): a per-process limit carries one fd per connection, a
	 * system-wide limit two. */
	double per_conn[3];
	bool per_source; /* shared out over the target's source addresses */
};

/* What kind of setting raises the layer. */
enum layer_fix_kind {
	FIX_SYSCTL,  /* a kernel setting; with .key, one value of that key is the limit */
	FIX_RLIMIT,  /* a process resource limit: ulimit, prlimit, limits.d */
	FIX_CGROUP,  /* the cgroup's controller file or the container runtime's flag */
	FIX_SESSION, /* a file the next login or service start reads */
	FIX_ADVICE,  /* no one setting: more memory, or privilege */
	FIX_SETTING, /* an application's configuration setting, .key */
};

struct layer_desc {
	const char *id;	   /* stable: JSON, Prometheus labels, profiles, explain */
	const char *title; /* what it limits, one short phrase */
	enum layer_scope scope;
	enum layer_unit unit;
	struct layer_rule rule;
	enum layer_fix_kind fix;
	/* FIX_SYSCTL: the sysctl whose one value is the limit (the probe reads
	 * it, the generic fix sets it); NULL when the limit is derived from
	 * several values. FIX_SETTING: the configuration setting. */
	const char *key;
	/* The entry under LAYERS in headroom(1) that documents it, when it
	 * shares one with other layers; LAYER_KIND_NONE: its own. */
	enum layer_kind man_entry;
	bool per_process; /* caps each process on its own: verify spreads around it */
	bool fds;	  /* also caps bare fds, not only sockets (verify --what fds) */
};

extern const struct layer_desc layer_descs[LAYER_KIND_COUNT];

/* The stable id of a kind; NULL for LAYER_KIND_NONE. */
const char *layer_kind_id(enum layer_kind kind);

/* An id from outside to its kind: 0, or -EINVAL for an id no row has. */
int layer_kind_parse(const char *id, enum layer_kind *out);

/* The kind whose entry under LAYERS in headroom(1) documents kind. */
enum layer_kind layer_kind_man_entry(enum layer_kind kind);

#endif
