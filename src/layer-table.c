/*
 * layer-table.c: the one row of every layer (see layer-table.h). Rows are
 * in the order headroom(1) documents them.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "layer-table.h"

/* Per-connection consumption for client, server, both. */
#define ONE_PER_PROCESS                                                                            \
	{                                                                                          \
		1, 1, 1                                                                            \
	} /* one fd per connection in each process */
#define ONE_PER_SOCKET                                                                             \
	{                                                                                          \
		1, 1, 2                                                                            \
	} /* system-wide: both ends on this host */
#define ACCEPTS                                                                                    \
	{                                                                                          \
		0, 1, 1                                                                            \
	} /* only a server accepts */
#define CONNECTS                                                                                   \
	{                                                                                          \
		1, 0, 1                                                                            \
	} /* only a client connects */
#define NO_PER_CONN                                                                                \
	{                                                                                          \
		0, 0, 0                                                                            \
	} /* threads, processes: not per connection */

const struct layer_desc layer_descs[LAYER_KIND_COUNT] = {
    [LAYER_KIND_NONE] = {.id = NULL, .title = NULL, .rule = {RULE_INFO, BASE_NONE, NO_PER_CONN}},
    [LAYER_NOFILE_SOFT] =
	{
	    .id = LAYER_ID_NOFILE_SOFT,
	    .title = "open files per process (soft limit)",
	    .scope = SCOPE_PROCESS,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_RLIMIT,
	    .per_process = true,
	    .fds = true,
	},
    [LAYER_NOFILE_HARD] =
	{
	    .id = LAYER_ID_NOFILE_HARD,
	    .title = "open files per process (hard limit: the soft limit's ceiling)",
	    .scope = SCOPE_PROCESS,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_RLIMIT,
	    .per_process = true,
	    .fds = true,
	},
    [LAYER_FS_NR_OPEN] =
	{
	    .id = LAYER_ID_FS_NR_OPEN,
	    .title = "ceiling of any process's nofile hard limit",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_SYSCTL,
	    .key = "fs.nr_open",
	    .per_process = true,
	    .fds = true,
	},
    [LAYER_FS_FILE_MAX] =
	{
	    .id = LAYER_ID_FS_FILE_MAX,
	    .title = "open files on the whole system",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_CAPS, BASE_USE, ONE_PER_SOCKET},
	    .fix = FIX_SYSCTL,
	    .key = "fs.file-max",
	    .fds = true,
	},
    [LAYER_EPOLL_WATCHES] =
	{
	    .id = LAYER_ID_EPOLL_WATCHES,
	    .title = "epoll registrations per user (fs.epoll.max_user_watches)",
	    .scope = SCOPE_USER,
	    .rule = {RULE_CAPS, BASE_NONE, ONE_PER_SOCKET},
	    .fix = FIX_SYSCTL,
	    .key = "fs.epoll.max_user_watches",
	},
    [LAYER_PORTS_EPHEMERAL] =
	{
	    .id = LAYER_ID_PORTS_EPHEMERAL,
	    .title = "local ports for outbound connections, per destination and source address",
	    .scope = SCOPE_NETNS,
	    .unit = UNIT_PORTS,
	    .rule = {RULE_CAPS, BASE_USE, CONNECTS, .per_source = true},
	    .fix = FIX_SYSCTL, /* a range: each platform builds its fix */
	},
    [LAYER_BACKLOG_SOMAXCONN] =
	{
	    .id = LAYER_ID_BACKLOG_SOMAXCONN,
	    .title = "accept queue of a listener (net.core.somaxconn)",
	    .scope = SCOPE_NETNS,
	    .rule = {RULE_BURST, BASE_NONE, ACCEPTS},
	    .fix = FIX_SYSCTL,
	    .key = "net.core.somaxconn",
	},
    [LAYER_BACKLOG_SYN] =
	{
	    .id = LAYER_ID_BACKLOG_SYN,
	    .title = "half-open connections (tcp_max_syn_backlog)",
	    .scope = SCOPE_NETNS,
	    .rule = {RULE_BURST, BASE_NONE, ACCEPTS},
	    .fix = FIX_SYSCTL,
	    .key = "net.ipv4.tcp_max_syn_backlog",
	},
    /* A listener's backlog is min(what it asked, somaxconn) at listen()
     * time: raising somaxconn later does not change it. */
    [LAYER_BACKLOG_LISTEN] =
	{
	    .id = LAYER_ID_BACKLOG_LISTEN,
	    .title = "accept queue of this listener, as listen() set it",
	    .scope = SCOPE_PROCESS,
	    .rule = {RULE_BURST, BASE_NONE, ACCEPTS},
	    .fix = FIX_ADVICE,
	},
    [LAYER_TCP_TW] =
	{
	    .id = LAYER_ID_TCP_TW,
	    .title = "sockets in TIME_WAIT (tcp_max_tw_buckets)",
	    .scope = SCOPE_NETNS,
	    .rule = {RULE_CHURN, BASE_USE, CONNECTS},
	    .fix = FIX_SYSCTL,
	    .key = "net.ipv4.tcp_max_tw_buckets",
	},
    [LAYER_CONNTRACK] =
	{
	    .id = LAYER_ID_CONNTRACK,
	    .title = "tracked connections (nf_conntrack_max)",
	    .scope = SCOPE_NETNS,
	    .rule = {RULE_CAPS, BASE_USE, ONE_PER_PROCESS},
	    .fix = FIX_SYSCTL,
	    .key = "net.netfilter.nf_conntrack_max",
	},
    /* Held idle connections buffer nothing: tcp_mem fills with traffic. */
    [LAYER_TCP_MEM] =
	{
	    .id = LAYER_ID_TCP_MEM,
	    .title = "memory of all TCP buffers, in pages (tcp_mem)",
	    .scope = SCOPE_NETNS,
	    .unit = UNIT_PAGES,
	    .rule = {RULE_TRAFFIC, BASE_USE, ONE_PER_SOCKET},
	    .fix = FIX_SYSCTL, /* three values: net.ipv4.tcp_mem */
	},
    [LAYER_MEM_PER_CONN] =
	{
	    .id = LAYER_ID_MEM_PER_CONN,
	    .title = "kernel memory of held connections against MemAvailable",
	    .scope = SCOPE_SYSTEM,
	    .unit = UNIT_BYTES,
	    .rule = {RULE_CAPS, BASE_NONE, ONE_PER_SOCKET},
	    .fix = FIX_ADVICE,
	},
    [LAYER_CGROUP_MEMORY] =
	{
	    .id = LAYER_ID_CGROUP_MEMORY,
	    .title = "memory of this cgroup (memory.max)",
	    .scope = SCOPE_CGROUP,
	    .unit = UNIT_BYTES,
	    .rule = {RULE_CAPS, BASE_USE, ONE_PER_SOCKET},
	    .fix = FIX_CGROUP,
	},
    [LAYER_CGROUP_PIDS] =
	{
	    .id = LAYER_ID_CGROUP_PIDS,
	    .title = "tasks in this cgroup (pids.max)",
	    .scope = SCOPE_CGROUP,
	    .rule = {RULE_HEADROOM, BASE_USE, NO_PER_CONN},
	    .fix = FIX_CGROUP,
	    .man_entry = LAYER_CGROUP_MEMORY,
	},
    [LAYER_NPROC] =
	{
	    .id = LAYER_ID_NPROC,
	    .title = "processes and threads of this user (RLIMIT_NPROC)",
	    .scope = SCOPE_USER,
	    .rule = {RULE_HEADROOM, BASE_USE, NO_PER_CONN},
	    .fix = FIX_RLIMIT,
	},
    [LAYER_THREADS_MAX] =
	{
	    .id = LAYER_ID_THREADS_MAX,
	    .title = "threads on the whole system (kernel.threads-max)",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_HEADROOM, BASE_USE, NO_PER_CONN},
	    .fix = FIX_SYSCTL,
	    .key = "kernel.threads-max",
	},
    [LAYER_PID_MAX] =
	{
	    .id = LAYER_ID_PID_MAX,
	    .title = "process and thread ids (kernel.pid_max)",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_HEADROOM, BASE_USE, NO_PER_CONN},
	    .fix = FIX_SYSCTL,
	    .key = "kernel.pid_max",
	    .man_entry = LAYER_THREADS_MAX,
	},
    [LAYER_MAX_MAP_COUNT] =
	{
	    .id = LAYER_ID_MAX_MAP_COUNT,
	    .title = "memory mappings per process (vm.max_map_count)",
	    .scope = SCOPE_PROCESS,
	    .rule = {RULE_HEADROOM, BASE_USE, NO_PER_CONN},
	    .fix = FIX_SYSCTL,
	    .key = "vm.max_map_count",
	    .man_entry = LAYER_THREADS_MAX,
	},
    [LAYER_LIMITS_CONF] =
	{
	    .id = LAYER_ID_LIMITS_CONF,
	    .title = "nofile a new login session gets (pam_limits)",
	    .scope = SCOPE_SESSION,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_SESSION,
	    .per_process = true,
	},
    [LAYER_SYSTEMD_DEFAULT] =
	{
	    .id = LAYER_ID_SYSTEMD_DEFAULT,
	    .title = "nofile systemd gives services (DefaultLimitNOFILE)",
	    .scope = SCOPE_SESSION,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_SESSION,
	    .per_process = true,
	},
    [LAYER_SYSTEMD_UNIT] =
	{
	    .id = LAYER_ID_SYSTEMD_UNIT,
	    .title = "nofile the unit gets at its next start (LimitNOFILE)",
	    .scope = SCOPE_SESSION,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_SESSION,
	    .per_process = true,
	},
    [LAYER_CAPS] =
	{
	    .id = LAYER_ID_CAPS,
	    .title = "privilege to raise hard limits and sysctls",
	    .scope = SCOPE_PROCESS,
	    .rule = {RULE_INFO, BASE_NONE, NO_PER_CONN},
	    .fix = FIX_ADVICE,
	},
    /* A server's own cap: only inbound connections count against it. */
    [LAYER_APP_NGINX] =
	{
	    .id = LAYER_ID_APP_NGINX,
	    .title = "nginx: worker_processes x worker_connections",
	    .scope = SCOPE_APPLICATION,
	    .rule = {RULE_CAPS, BASE_NONE, ACCEPTS},
	    .fix = FIX_SETTING,
	    .key = "worker_connections",
	},
    [LAYER_APP_HAPROXY] =
	{
	    .id = LAYER_ID_APP_HAPROXY,
	    .title = "HAProxy: global maxconn",
	    .scope = SCOPE_APPLICATION,
	    .rule = {RULE_CAPS, BASE_NONE, ACCEPTS},
	    .fix = FIX_SETTING,
	    .key = "maxconn",
	},
    [LAYER_APP_REDIS] =
	{
	    .id = LAYER_ID_APP_REDIS,
	    .title = "Redis: maxclients",
	    .scope = SCOPE_APPLICATION,
	    .rule = {RULE_CAPS, BASE_NONE, ACCEPTS},
	    .fix = FIX_SETTING,
	    .key = "maxclients",
	},
    [LAYER_APP_MEMCACHED] =
	{
	    .id = LAYER_ID_APP_MEMCACHED,
	    .title = "memcached: -c (max simultaneous connections)",
	    .scope = SCOPE_APPLICATION,
	    .rule = {RULE_CAPS, BASE_NONE, ACCEPTS},
	    .fix = FIX_SETTING,
	    .key = "-c",
	},
    [LAYER_APP_POSTGRESQL] =
	{
	    .id = LAYER_ID_APP_POSTGRESQL,
	    .title = "PostgreSQL: max_connections for ordinary clients",
	    .scope = SCOPE_APPLICATION,
	    .rule = {RULE_CAPS, BASE_NONE, ACCEPTS},
	    .fix = FIX_SETTING,
	    .key = "max_connections",
	},
    [LAYER_APP_MYSQL] =
	{
	    .id = LAYER_ID_APP_MYSQL,
	    .title = "MySQL/MariaDB: max_connections",
	    .scope = SCOPE_APPLICATION,
	    .rule = {RULE_CAPS, BASE_NONE, ACCEPTS},
	    .fix = FIX_SETTING,
	    .key = "max_connections",
	},
    [LAYER_LAUNCHD_MAXFILES] =
	{
	    .id = LAYER_ID_LAUNCHD_MAXFILES,
	    .title = "maxfiles launchd gives every process it starts",
	    .scope = SCOPE_SESSION,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_SESSION,
	    .per_process = true,
	    .fds = true,
	},
    [LAYER_KERN_MAXFILES] =
	{
	    .id = LAYER_ID_KERN_MAXFILES,
	    .title = "open files on the whole system",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_CAPS, BASE_USE, ONE_PER_SOCKET},
	    .fix = FIX_SYSCTL,
	    .key = "kern.maxfiles",
	    .man_entry = LAYER_LAUNCHD_MAXFILES,
	    .fds = true,
	},
    [LAYER_KERN_MAXFILESPERPROC] =
	{
	    .id = LAYER_ID_KERN_MAXFILESPERPROC,
	    .title = "open files per process (kernel ceiling)",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_CAPS, BASE_OVERHEAD, ONE_PER_PROCESS},
	    .fix = FIX_SYSCTL,
	    .key = "kern.maxfilesperproc",
	    .man_entry = LAYER_LAUNCHD_MAXFILES,
	    .per_process = true,
	    .fds = true,
	},
    [LAYER_KERN_IPC_SOMAXCONN] =
	{
	    .id = LAYER_ID_KERN_IPC_SOMAXCONN,
	    .title = "accept queue of a listener",
	    .scope = SCOPE_SYSTEM,
	    .rule = {RULE_BURST, BASE_NONE, ACCEPTS},
	    .fix = FIX_SYSCTL,
	    .key = "kern.ipc.somaxconn",
	    .man_entry = LAYER_LAUNCHD_MAXFILES,
	},
};

const char *
layer_kind_id(enum layer_kind kind)
{
	return layer_descs[kind].id;
}

int
layer_kind_parse(const char *id, enum layer_kind *out)
{
	int k;

	for (k = LAYER_KIND_NONE + 1; k < LAYER_KIND_COUNT; k++) {
		if (strcmp(layer_descs[k].id, id) == 0) {
			*out = (enum layer_kind)k;
			return 0;
		}
	}
	return -EINVAL;
}

enum layer_kind
layer_kind_man_entry(enum layer_kind kind)
{
	enum layer_kind entry = layer_descs[kind].man_entry;

	return entry != LAYER_KIND_NONE ? entry : kind;
}
