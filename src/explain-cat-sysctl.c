/*
 * explain-cat-sysctl.c: a limit's sysctl that could not be set from where
 * it was tried: sysctl(8) in a container or without root, the kubelet's
 * SysctlForbidden, docker's and podman's --sysctl checks. A line that
 * names a layer's sysctl points to that layer first (the limit the user
 * is raising), with "caps" (not from here) as the other candidate.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

/* How the tools name a sysctl they could not set: procps-ng src/sysctl.c
 * ("setting key \"%s\"", "permission denied on key \"%s\""), busybox
 * ("error setting key '%s'"), the kubelet (kubernetes
 * pkg/kubelet/sysctl/allowlist.go: "%q not allowlisted", "forbidden
 * sysctl: %v", reason SysctlForbidden), docker and podman (moby
 * opts/opts.go, containers/common: "sysctl '%s' is not whitelisted", "is
 * not allowed"). */
#define SYSCTL_PATTERNS(key)                                                                       \
	{                                                                                          \
		"setting key*" key, "permission denied on key*" key, key "*not allowlisted",       \
		    key "*is not whitelisted", key "*is not allowed", "forbidden sysctl*" key      \
	}
#define SYSCTL_RUNTIMES "sysctl (procps, busybox), kubelet (SysctlForbidden), docker, podman"
#define SYSCTL_WHY                                                                                 \
	"The value could not be set from here: sysctl needs root (CAP_SYS_ADMIN or "               \
	"CAP_NET_ADMIN), /proc/sys is read-only inside a container, the kubelet refuses sysctls "  \
	"not on its allow-list, and docker refuses those that are not namespaced. "
#define SYSCTL_CANDIDATE_CAPS                                                                      \
	{                                                                                          \
		LAYER_ID_CAPS,                                                                     \
		    "the limit is fine but this session may not change it: not root, or inside a " \
		    "container",                                                                   \
		    "id -u; grep CapEff /proc/self/status; is /proc/sys mounted read-only (mount " \
		    "| grep "                                                                      \
		    "/proc/sys)"                                                                   \
	}

const struct explain_entry explain_cat_sysctl[] = {
    {
	/* SYSCTL_PATTERNS("net.core.somaxconn"): the sources named above it */
	.id = "sysctl.somaxconn",
	.patterns = SYSCTL_PATTERNS("net.core.somaxconn"),
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_CAPS,
	.title = "net.core.somaxconn could not be raised from here",
	.why = SYSCTL_WHY "net.core.somaxconn is per network namespace: set it for the "
			  "container (docker run --sysctl net.core.somaxconn=N, Kubernetes "
			  "securityContext.sysctls with the kubelet's "
			  "--allowed-unsafe-sysctls), not on the host.",
	.confirm = "sysctl net.core.somaxconn where the server runs; ss -ltn (Send-Q)",
	.fix = "docker run --sysctl net.core.somaxconn=4096; in Kubernetes allow it "
	       "(kubelet --allowed-unsafe-sysctls='net.core.somaxconn') and set "
	       "securityContext.sysctls; on a host: sudo sysctl -w "
	       "net.core.somaxconn=4096",
	.candidates = {{LAYER_ID_BACKLOG_SOMAXCONN, "the server needs a longer accept queue",
			"ss -ltn 'sport = :PORT' (Send-Q)"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* SYSCTL_PATTERNS("tcp_max_syn_backlog"): the sources named above it */
	.id = "sysctl.syn-backlog",
	.patterns = SYSCTL_PATTERNS("tcp_max_syn_backlog"),
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_BACKLOG_SYN,
	.also = LAYER_ID_CAPS,
	.title = "net.ipv4.tcp_max_syn_backlog could not be raised from here",
	.why = SYSCTL_WHY "It is per network namespace: set it for the container or "
			  "pod, as for net.core.somaxconn.",
	.confirm = "sysctl net.ipv4.tcp_max_syn_backlog where the server runs",
	.fix = "docker run --sysctl net.ipv4.tcp_max_syn_backlog=N, Kubernetes "
	       "securityContext.sysctls, or sudo sysctl -w on the host",
	.candidates = {{LAYER_ID_BACKLOG_SYN, "the server needs a longer SYN queue",
			"nstat -az TcpExtListenDrops"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* SYSCTL_PATTERNS("ip_local_port_range"): the sources named above it */
	.id = "sysctl.port-range",
	.patterns = SYSCTL_PATTERNS("ip_local_port_range"),
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_CAPS,
	.title = "net.ipv4.ip_local_port_range could not be widened from here",
	.why = SYSCTL_WHY "The range is per network namespace and on the kubelet's safe "
			  "list: set it in the pod's securityContext.sysctls or with docker "
			  "run --sysctl.",
	.confirm = "sysctl net.ipv4.ip_local_port_range where the client runs",
	.fix = "docker run --sysctl net.ipv4.ip_local_port_range='1024 65000', "
	       "securityContext.sysctls in Kubernetes, or sudo sysctl -w on the host",
	.candidates = {{LAYER_ID_PORTS_EPHEMERAL, "the client needs more local ports",
			CONFIRM_PORTS},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* the forms of SYSCTL_PATTERNS, from the sources named above it */
	.id = "sysctl.time-wait",
	.patterns = {"setting key*tcp_tw_reuse", "permission denied on key*tcp_tw_reuse",
		     "tcp_tw_reuse*not allowlisted", "tcp_tw_reuse*is not",
		     "setting key*tcp_max_tw_buckets", "tcp_max_tw_buckets*not allowlisted"},
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_TCP_TW,
	.also = LAYER_ID_CAPS " " LAYER_ID_PORTS_EPHEMERAL,
	.title = "a TIME_WAIT sysctl could not be set from here",
	.why = SYSCTL_WHY "tcp_tw_reuse and tcp_max_tw_buckets are per network "
			  "namespace.",
	.confirm = "sysctl net.ipv4.tcp_tw_reuse net.ipv4.tcp_max_tw_buckets",
	.fix = "docker run --sysctl net.ipv4.tcp_tw_reuse=1, Kubernetes "
	       "securityContext.sysctls (unsafe: allow it on the kubelet), or sudo "
	       "sysctl -w on the host",
	.candidates = {{LAYER_ID_TCP_TW, "connections are opened and closed at a high rate",
			"ss -tan state time-wait | wc -l"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* SYSCTL_PATTERNS("nf_conntrack_max"): the sources named above it */
	.id = "sysctl.conntrack",
	.patterns = SYSCTL_PATTERNS("nf_conntrack_max"),
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_CONNTRACK,
	.also = LAYER_ID_CAPS,
	.title = "net.netfilter.nf_conntrack_max could not be raised from here",
	.why = SYSCTL_WHY "nf_conntrack_max is global: only the host can raise it.",
	.confirm = "sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max "
		   "on the host",
	.fix = "on the host: sudo sysctl -w net.netfilter.nf_conntrack_max=N (or "
	       "kube-proxy's --conntrack-max-per-core)",
	.candidates = {{LAYER_ID_CONNTRACK, "the host's conntrack table is full",
			"dmesg | grep 'table full'"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* SYSCTL_PATTERNS("fs.file-max"): the sources named above it */
	.id = "sysctl.file-max",
	.patterns = SYSCTL_PATTERNS("fs.file-max"),
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_FS_FILE_MAX,
	.also = LAYER_ID_CAPS,
	.title = "fs.file-max could not be raised from here",
	.why = SYSCTL_WHY "fs.file-max is global: it is set on the host, never from a "
			  "container.",
	.confirm = "cat /proc/sys/fs/file-nr on the host",
	.fix = "on the host: sudo sysctl -w fs.file-max=N, persisted in /etc/sysctl.d/",
	.candidates = {{LAYER_ID_FS_FILE_MAX, "the system's file table is close to full",
			"cat /proc/sys/fs/file-nr"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* SYSCTL_PATTERNS("fs.nr_open"): the sources named above it */
	.id = "sysctl.nr-open",
	.patterns = SYSCTL_PATTERNS("fs.nr_open"),
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_FS_NR_OPEN,
	.also = LAYER_ID_CAPS,
	.title = "fs.nr_open could not be raised from here",
	.why = SYSCTL_WHY "fs.nr_open is global: it is set on the host. It caps every "
			  "process's nofile hard limit.",
	.confirm = "cat /proc/sys/fs/nr_open on the host",
	.fix = "on the host: sudo sysctl -w fs.nr_open=N, persisted in /etc/sysctl.d/",
	.candidates = {{LAYER_ID_FS_NR_OPEN, "a nofile limit above it was asked for",
			"cat /proc/sys/fs/nr_open"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* SYSCTL_PATTERNS("vm.max_map_count"): the sources named above it */
	.id = "sysctl.max-map-count",
	.patterns = SYSCTL_PATTERNS("vm.max_map_count"),
	.runtimes = SYSCTL_RUNTIMES ", Elasticsearch and OpenSearch images",
	.cause = LAYER_ID_MAX_MAP_COUNT,
	.also = LAYER_ID_CAPS,
	.title = "vm.max_map_count could not be raised from here",
	.why = SYSCTL_WHY "vm.max_map_count is global: Elasticsearch in a container needs "
			  "it raised on the host (or by a privileged init container).",
	.confirm = "sysctl vm.max_map_count on the host",
	.fix = "on the host: sudo sysctl -w vm.max_map_count=262144, persisted in "
	       "/etc/sysctl.d/",
	.candidates = {{LAYER_ID_MAX_MAP_COUNT, "the process needs more memory mappings",
			"wc -l /proc/PID/maps"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* the forms of SYSCTL_PATTERNS, from the sources named above it */
	.id = "sysctl.threads",
	.patterns = {"setting key*kernel.threads-max", "setting key*kernel.pid_max",
		     "permission denied on key*kernel.threads-max",
		     "permission denied on key*kernel.pid_max", "kernel.threads-max*is not",
		     "kernel.pid_max*is not"},
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_THREADS_MAX,
	.also = LAYER_ID_PID_MAX " " LAYER_ID_CAPS,
	.title = "kernel.threads-max or kernel.pid_max could not be raised from here",
	.why = SYSCTL_WHY "Both are global: set them on the host.",
	.confirm = "sysctl kernel.threads-max kernel.pid_max; ps -eL | wc -l",
	.fix = "on the host: sudo sysctl -w kernel.threads-max=N kernel.pid_max=M",
	.candidates = {{LAYER_ID_THREADS_MAX, "the system runs close to that many threads",
			"ps -eL | wc -l"},
		       SYSCTL_CANDIDATE_CAPS},
    },
    {
	/* the same tools for any other key */
	.id = "sysctl.denied",
	.patterns = {"setting key*Read-only file system", "permission denied on key",
		     "not allowlisted", "SysctlForbidden", "sysctl '@' is not whitelisted",
		     "forbidden sysctl"},
	.runtimes = SYSCTL_RUNTIMES,
	.cause = LAYER_ID_CAPS,
	.title = "a sysctl could not be set from here",
	.why = SYSCTL_WHY "Keys under net. are per network namespace and can be set for "
			  "a container or pod; fs., vm. and kernel. keys are global and "
			  "belong to the host.",
	.confirm = "id -u; mount | grep /proc/sys; kubectl describe pod POD (events)",
	.fix = "set it where it belongs: docker run --sysctl KEY=VALUE or Kubernetes "
	       "securityContext.sysctls (allowed on the kubelet) for net. keys, on the "
	       "host for the others",
    },
};
const size_t explain_cat_sysctl_len = nitems(explain_cat_sysctl);
