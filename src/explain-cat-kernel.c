/*
 * explain-cat-kernel.c: the Linux kernel's own log lines (dmesg,
 * journalctl -k, /dev/kmsg) about the limits a load test reaches. The
 * sources are torvalds/linux files named beside each entry.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

const struct explain_entry explain_cat_kernel[] = {
    {
	/* torvalds/linux fs/file_table.c: pr_info("VFS: file-max limit %lu
	 * reached\n", get_max_files()) */
	.id = "kernel.file-max",
	.patterns = {"VFS: file-max limit # reached"},
	.runtimes = "Linux kernel log (dmesg, journalctl -k)",
	.cause = LAYER_ID_FS_FILE_MAX,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "the whole system ran out of file handles (fs.file-max)",
	.why = "The kernel refused to allocate a file because the system-wide count in "
	       "/proc/sys/fs/file-nr reached fs.file-max. Every process gets ENFILE "
	       "(\"Too many open files in system\") until handles are freed, whatever "
	       "its own ulimit says.",
	.confirm = "cat /proc/sys/fs/file-nr (allocated, unused, max); headroom check",
	.fix = "sysctl -w fs.file-max=N with N well above the open files of every "
	       "process together, persisted in /etc/sysctl.d/ (headroom apply --target "
	       "N does both)",
    },
    {
	/* torvalds/linux net/netfilter/nf_conntrack_core.c:
	 * net_warn_ratelimited("nf_conntrack: table full, dropping packet\n");
	 * older kernels: "ip_conntrack: table full, dropping packet" */
	.id = "kernel.conntrack",
	.patterns = {"conntrack: table full, dropping packet"},
	.runtimes = "Linux kernel log (netfilter)",
	.cause = LAYER_ID_CONNTRACK,
	.title = "the connection tracking table is full: new connections are dropped",
	.why = "Every connection through netfilter (NAT, stateful firewall rules, "
	       "docker) takes a conntrack entry, also for 120 s in TIME_WAIT; when "
	       "nf_conntrack_count reaches nf_conntrack_max new packets are dropped, "
	       "which clients see as connect timeouts.",
	.confirm = "sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max",
	.fix = "sysctl -w net.netfilter.nf_conntrack_max=N (and the hash size), or "
	       "exempt the test traffic (iptables -t raw ... -j NOTRACK)",
    },
    {
	/* torvalds/linux net/netfilter/nf_conntrack_expect.c
	 * nf_ct_expect_insert(): net_warn_ratelimited("nf_conntrack: expectation
	 * table full\n") */
	.id = "kernel.conntrack-expect",
	.patterns = {"nf_conntrack: expectation table full"},
	.runtimes = "Linux kernel log (netfilter helpers: FTP, SIP, H.323)",
	.cause = LAYER_ID_CONNTRACK,
	.title = "the conntrack expectation table is full",
	.why = "Connection tracking helpers (FTP, SIP, TFTP) register expected "
	       "related connections; beyond nf_conntrack_expect_max (a 256th of the "
	       "hash size by default) new ones are refused and those data "
	       "connections fail.",
	.confirm = "sysctl net.netfilter.nf_conntrack_expect_max; conntrack -L expect "
		   "| wc -l",
	.fix = "sysctl -w net.netfilter.nf_conntrack_expect_max=N, or a larger "
	       "nf_conntrack_buckets",
    },
    {
	/* freebsd/freebsd-src sys/kern/uipc_socket.c sonewconn(): "%s: pcb %p
	 * (%s): Listen queue overflow: %i already in queue awaiting acceptance
	 * (%d occurrences)" (the BSD kernels, macOS alike) */
	.id = "kernel.bsd-listen-overflow",
	.patterns = {"Listen queue overflow: # already in queue awaiting acceptance"},
	.runtimes = "FreeBSD and macOS kernel log",
	.cause = LAYER_ID_KERN_IPC_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "a listener's accept queue overflowed (BSD kernel)",
	.why = "The server accepts more slowly than connections arrive and its queue "
	       "reached its backlog, capped by kern.ipc.somaxconn "
	       "(kern.ipc.soacceptqueue); further connections are dropped.",
	.confirm = "netstat -Lan (qlen/incqlen/maxqlen); sysctl kern.ipc.somaxconn",
	.fix = "sysctl kern.ipc.somaxconn=N and a larger listen() backlog in the "
	       "server; more accepting threads",
    },
    {
	/* torvalds/linux net/ipv4/tcp_input.c tcp_syn_flood_action(): "%s:
	 * Possible SYN flooding on port %s:%u. %s.\n" (older: "TCP: Possible SYN
	 * flooding on port %d. %s.  Check SNMP counters.") */
	.id = "kernel.syn-flood",
	.patterns = {"Possible SYN flooding on port"},
	.runtimes = "Linux kernel log",
	.cause = LAYER_ID_BACKLOG_SYN,
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "a listener's queue overflowed (not an attack during a load test)",
	.why = "The SYN or accept queue of a listener was full, so the kernel answered "
	       "with SYN cookies (\"Sending cookies\") or dropped SYNs (\"Dropping "
	       "request\"). The server accepts more slowly than clients connect, or its "
	       "backlog is small: the effective backlog is the smaller of the listen() "
	       "argument and net.core.somaxconn.",
	.confirm = "ss -ltn 'sport = :PORT' (Send-Q is the backlog); nstat -az "
		   "TcpExtListenOverflows TcpExtListenDrops",
	.fix = "raise net.core.somaxconn, net.ipv4.tcp_max_syn_backlog and the "
	       "server's own backlog; the server must listen() again (restart) to use "
	       "it",
    },
    {
	/* torvalds/linux (2.6) net/ipv4/tcp_ipv4.c: LIMIT_NETDEBUG(KERN_DEBUG
	 * "TCP: drop open request from %pI4/%u\n") */
	.id = "kernel.syn-drop",
	.patterns = {"drop open request from"},
	.runtimes = "Linux kernel log (older kernels, syncookies off)",
	.cause = LAYER_ID_BACKLOG_SYN,
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the SYN queue was full and a connection request was dropped",
	.why = "With SYN cookies off, a full SYN queue (net.ipv4.tcp_max_syn_backlog, "
	       "capped by the listener's backlog) drops new requests; the client "
	       "retries after 1 s, 3 s, 7 s and then times out.",
	.confirm = "sysctl net.ipv4.tcp_max_syn_backlog net.ipv4.tcp_syncookies; nstat -az "
		   "TcpExtListenDrops",
	.fix = "raise net.ipv4.tcp_max_syn_backlog and net.core.somaxconn, enable "
	       "net.ipv4.tcp_syncookies=1",
    },
    {
	/* torvalds/linux net/ipv4/tcp.c tcp_check_oom(): net_info_ratelimited("too
	 * many orphaned sockets\n") (older: "TCP: too many of orphaned sockets") */
	.id = "kernel.orphans",
	.patterns = {"too many orphaned sockets", "too many of orphaned sockets"},
	.runtimes = "Linux kernel log",
	.cause = LAYER_ID_TCP_MEM,
	.also = LAYER_ID_TCP_TW,
	.title = "too many closed sockets still finishing their close",
	.why = "Orphans are sockets the application closed that the kernel still "
	       "holds (FIN_WAIT, LAST_ACK, CLOSING); beyond net.ipv4.tcp_max_orphans "
	       "the kernel resets connections instead.",
	.confirm = "cat /proc/net/sockstat (orphan, mem); sysctl "
		   "net.ipv4.tcp_max_orphans net.ipv4.tcp_mem",
	.fix = "raise net.ipv4.tcp_max_orphans and net.ipv4.tcp_mem; close idle "
	       "connections from the client side",
    },
    {
	/* torvalds/linux net/ipv4/tcp.c tcp_check_oom(): net_info_ratelimited("out
	 * of memory -- consider tuning tcp_mem\n") */
	.id = "kernel.tcp-mem",
	.patterns = {"out of memory -- consider tuning tcp_mem"},
	.runtimes = "Linux kernel log",
	.cause = LAYER_ID_TCP_MEM,
	.also = LAYER_ID_MEM_PER_CONN,
	.title = "TCP buffers reached net.ipv4.tcp_mem",
	.why = "All TCP sockets together reached the hard limit of net.ipv4.tcp_mem "
	       "(in pages): the kernel drops data and resets connections. Many "
	       "connections with full buffers (slow readers) get there first.",
	.confirm = "cat /proc/net/sockstat (mem, in pages) against sysctl "
		   "net.ipv4.tcp_mem",
	.fix = "raise net.ipv4.tcp_mem (3 values, pages), or lower per-socket buffers "
	       "(tcp_rmem, tcp_wmem) for many mostly idle connections",
    },
    {
	/* torvalds/linux net/ipv4/tcp_minisocks.c tcp_time_wait():
	 * net_dbg_ratelimited("TCP: time wait bucket table overflow\n") */
	.id = "kernel.tw-overflow",
	.patterns = {"time wait bucket table overflow"},
	.runtimes = "Linux kernel log",
	.cause = LAYER_ID_TCP_TW,
	.also = LAYER_ID_PORTS_EPHEMERAL,
	.title = "more TIME_WAIT sockets than net.ipv4.tcp_max_tw_buckets",
	.why = "Each close leaves a TIME_WAIT socket for 60 s; beyond "
	       "tcp_max_tw_buckets the kernel destroys them early and logs this. It "
	       "means connections are opened and closed at a high rate.",
	.confirm = "ss -tan state time-wait | wc -l; sysctl net.ipv4.tcp_max_tw_buckets",
	.fix = "reuse connections (keep-alive); raise net.ipv4.tcp_max_tw_buckets; "
	       "net.ipv4.tcp_tw_reuse=1 on clients",
    },
    {
	/* torvalds/linux kernel/cgroup/pids.c pids_event(): pr_info("cgroup: fork
	 * rejected by pids controller in ") */
	.id = "kernel.cgroup-pids",
	.patterns = {"fork rejected by pids controller"},
	.runtimes = "Linux kernel log (cgroups), systemd, docker, Kubernetes",
	.cause = LAYER_ID_CGROUP_PIDS,
	.also = LAYER_ID_NPROC,
	.title = "the cgroup's pids.max refused a new thread or process",
	.why = "pids.max of the cgroup counts threads as well as processes: systemd "
	       "sets it from TasksMax= (DefaultTasksMax is 15% of pid_max for "
	       "services), containers from --pids-limit.",
	.confirm = "cat /sys/fs/cgroup/<path in the message>/pids.max pids.current; "
		   "systemctl show -p TasksMax SERVICE",
	.fix = "TasksMax= in the unit (systemctl edit SERVICE), --pids-limit for a "
	       "container, or fewer threads",
    },
    {
	/* torvalds/linux mm/oom_kill.c: "Memory cgroup out of memory: Killed
	 * process %d (%s)" */
	.id = "kernel.oom-cgroup",
	.patterns = {"Memory cgroup out of memory"},
	.runtimes = "Linux kernel log (cgroups), systemd, docker, Kubernetes",
	.cause = LAYER_ID_CGROUP_MEMORY,
	.also = LAYER_ID_MEM_PER_CONN,
	.title = "the OOM killer killed a process at its cgroup's memory.max",
	.why = "The cgroup reached memory.max (MemoryMax=, a container's memory "
	       "limit): the kernel killed a process in it. Each connection costs kernel "
	       "buffers and user-space memory; the killed server then shows up as "
	       "\"connection refused\" on the clients.",
	.confirm = "cat /sys/fs/cgroup/<path>/memory.max memory.events (oom_kill)",
	.fix = "raise MemoryMax= or the container's limit, or lower memory per "
	       "connection",
    },
    {
	/* torvalds/linux mm/oom_kill.c: "Out of memory: Killed process %d (%s)"
	 * (older: "Out of memory: Kill process %d (%s) score %u or sacrifice
	 * child") */
	.id = "kernel.oom",
	.patterns = {"Out of memory: Kill* process #"},
	.runtimes = "Linux kernel log",
	.cause = LAYER_ID_MEM_PER_CONN,
	.also = LAYER_ID_TCP_MEM,
	.title = "the machine ran out of memory and the OOM killer killed a process",
	.why = "Connections cost memory: socket buffers in the kernel, and per "
	       "connection state, goroutines or threads in the server. The estimate "
	       "per connection times the target exceeded MemAvailable.",
	.confirm = "dmesg | grep -i 'killed process'; free -m; headroom check --target "
		   "N (mem.per-conn)",
	.fix = "fewer connections per host, smaller per-connection buffers, or more "
	       "memory",
    },
    {
	/* torvalds/linux net/core/neighbour.c neigh_alloc():
	 * net_info_ratelimited("%s: neighbor table overflow!\n", tbl->id) (older:
	 * "Neighbour table overflow.") */
	.id = "kernel.neigh-overflow",
	.patterns = {"neighbor table overflow", "neighbour table overflow"},
	.runtimes = "Linux kernel log",
	.cause = "app.neigh-table",
	.title = "the ARP/NDP neighbour table is full",
	.why = "Each directly reachable address (clients on the same network, "
	       "containers, many source addresses on one interface) takes an entry; "
	       "beyond net.ipv4.neigh.default.gc_thresh3 (1024 by default) new ones "
	       "fail and packets to those hosts are dropped, which looks like "
	       "timeouts. headroom does not model this limit as a layer.",
	.confirm = "ip -4 neigh | wc -l; sysctl net.ipv4.neigh.default.gc_thresh3",
	.fix = "raise net.ipv4.neigh.default.gc_thresh1/2/3 (and the ipv6 ones), "
	       "persisted in /etc/sysctl.d/",
    },
    {
	/* torvalds/linux net/ipv4/sysctl_net_ipv4.c ipv4_local_port_range():
	 * pr_warn_once("ip_local_port_range: prefer different parity for
	 * start/end values.\n") */
	.id = "kernel.port-range-parity",
	.patterns = {"ip_local_port_range: prefer different parity"},
	.runtimes = "Linux kernel log",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.title = "the ephemeral port range was set with start and end of the same parity",
	.why = "connect() picks even ports first and bind() odd ones (or the other way "
	       "round); with both ends of the same parity one half of the range is "
	       "one port short. The message is harmless, but it says someone just "
	       "changed net.ipv4.ip_local_port_range.",
	.confirm = "sysctl net.ipv4.ip_local_port_range",
	.fix = "use an odd start and an even end, for example 1024 65535",
    },
};
const size_t explain_cat_kernel_len = nitems(explain_cat_kernel);
