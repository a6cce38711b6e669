/*
 * explain-cat.h: the parts of the explain catalogue (one file per family
 * of programs, see explain-catalog.c for their order) and the wording
 * several entries share.
 */
#ifndef EXPLAIN_CAT_H
#define EXPLAIN_CAT_H

#include <stddef.h>

#include "explain.h"
#include "layer-table.h" /* the causes: LAYER_ID_* */

#define EXPLAIN_PART(name)                                                                         \
	extern const struct explain_entry explain_cat_##name[];                                    \
	extern const size_t explain_cat_##name##_len

EXPLAIN_PART(first);
EXPLAIN_PART(kernel);
EXPLAIN_PART(admin);
EXPLAIN_PART(sysctl);
EXPLAIN_PART(web);
EXPLAIN_PART(proxy);
EXPLAIN_PART(brokers);
EXPLAIN_PART(data);
EXPLAIN_PART(clients);
EXPLAIN_PART(tools);
EXPLAIN_PART(runtimes);
EXPLAIN_PART(langs);
EXPLAIN_PART(generic);

/* ---- wording shared by several entries ---- */

#define CONFIRM_NOFILE_PID                                                                         \
	"grep 'open files' /proc/PID/limits; ls /proc/PID/fd | wc -l; headroom check --pid PID"
#define CONFIRM_QUEUE                                                                              \
	"on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops (growing counters); "    \
	"ss -ltn 'sport = :PORT' (Recv-Q against Send-Q)"
#define CONFIRM_PORTS                                                                              \
	"ss -tan state time-wait | wc -l; cat /proc/sys/net/ipv4/ip_local_port_range; headroom "   \
	"check --role client"
#define CONFIRM_SERVER_UP                                                                          \
	"ss -ltnp 'sport = :PORT' on the server; its log and dmesg | grep -i 'killed process'"
#define CONFIRM_TASKS                                                                              \
	"ulimit -u; ls /proc/PID/task | wc -l; cat /proc/sys/kernel/threads-max "                  \
	"/proc/sys/kernel/pid_max; pids.max and pids.current of the cgroup; headroom check"

#define FIX_NOFILE_SERVICE                                                                         \
	"LimitNOFILE= in the unit (systemctl edit SERVICE), headroom exec --nofile N -- CMD at "   \
	"start, headroom raise --pid PID --nofile N while it runs; limits.conf for login "         \
	"sessions"
#define FIX_QUEUE                                                                                  \
	"raise net.core.somaxconn and net.ipv4.tcp_max_syn_backlog, and the server's own "         \
	"backlog (it must listen() again); ramp clients up gradually"
#define FIX_PORTS                                                                                  \
	"widen net.ipv4.ip_local_port_range, keep connections alive, net.ipv4.tcp_tw_reuse=1 "     \
	"on clients, or spread over more source addresses (headroom verify --sources K)"
#define FIX_TASKS                                                                                  \
	"raise the layer that is full: LimitNPROC= or a limits.conf nproc line, TasksMax= of "     \
	"the unit, kernel.threads-max, kernel.pid_max; bound the thread pools"

/* ---- candidates shared by the ambiguous lines ---- */

/*
 * A connect that times out is ranked on the accept queue first, the SYN
 * queue second. torvalds/linux net/ipv4/tcp_input.c tcp_conn_request():
 * a full SYN queue with net.ipv4.tcp_syncookies=1 (the default) is
 * answered with a cookie ("Sending cookies"), while a full accept queue
 * drops the SYN (LINUX_MIB_LISTENOVERFLOWS) and the client's retries run
 * out. tests/explain/gen-real.sh times out curl, ab, Python, Java and
 * nginx's upstream connect against a listener that stopped accepting.
 */
#define CAND_QUEUE                                                                                 \
	{                                                                                          \
		LAYER_ID_BACKLOG_SOMAXCONN,                                                        \
		    "the server's accept queue overflowed: ListenOverflows grows while clients "   \
		    "connect, "                                                                    \
		    "and more connections fail during a ramp-up than at a steady rate",            \
		    "nstat -az TcpExtListenOverflows TcpExtListenDrops on the server, twice, a "   \
		    "few seconds "                                                                 \
		    "apart"                                                                        \
	}
#define CAND_SYN                                                                                   \
	{                                                                                          \
		LAYER_ID_BACKLOG_SYN,                                                              \
		    "SYNs were dropped before a connection existed: connects time out rather "     \
		    "than fail, "                                                                  \
		    "and TcpExtTCPReqQFullDrop or 'SYN flooding' in dmesg show it",                \
		    "nstat -az TcpExtTCPReqQFullDrop TcpExtListenDrops; dmesg | grep 'SYN "        \
		    "flooding'"                                                                    \
	}
#define CAND_SERVER_NOFILE                                                                         \
	{                                                                                          \
		LAYER_ID_NOFILE_SOFT,                                                              \
		    "the server ran out of descriptors: its log says \"too many open files\" and " \
		    "its open "                                                                    \
		    "fds sit at its limit",                                                        \
		    "ls /proc/SERVER_PID/fd | wc -l against grep 'open files' "                    \
		    "/proc/SERVER_PID/limits "                                                     \
		    "(headroom explain --pid SERVER_PID)"                                          \
	}
#define CAND_CLIENT_NOFILE                                                                         \
	{                                                                                          \
		LAYER_ID_NOFILE_SOFT,                                                              \
		    "the client ran out of descriptors: the failures start once the connections "  \
		    "in flight "                                                                   \
		    "reach its ulimit -n, and the same log says \"too many open files\"",          \
		    "ulimit -n in the shell that runs the client, against its connections"         \
	}
#define CAND_PORTS                                                                                 \
	{                                                                                          \
		LAYER_ID_PORTS_EPHEMERAL,                                                          \
		    "the client ran out of local ports: connections to one address and port "      \
		    "reach the "                                                                   \
		    "size of ip_local_port_range (TIME_WAIT included) and new ones fail at once",  \
		    "ss -tan state time-wait | wc -l; ss -tan | wc -l against "                    \
		    "/proc/sys/net/ipv4/ip_local_port_range"                                       \
	}
#define CAND_SERVER_DIED                                                                           \
	{                                                                                          \
		"app.server-died",                                                                 \
		    "nothing listened any more: the server crashed or restarted (its log ends, "   \
		    "dmesg shows "                                                                 \
		    "an OOM kill), and every later connection is refused",                         \
		    "ss -ltnp 'sport = :PORT' on the server; dmesg | grep -i 'killed process'"     \
	}
#define CAND_CONNTRACK                                                                             \
	{                                                                                          \
		LAYER_ID_CONNTRACK,                                                                \
		    "the connection tracking table was full: dmesg says \"nf_conntrack: table "    \
		    "full\" on a "                                                                 \
		    "host with NAT or a stateful firewall in the path",                            \
		    "dmesg | grep conntrack; sysctl net.netfilter.nf_conntrack_count "             \
		    "net.netfilter.nf_conntrack_max"                                               \
	}
#define CAND_NGINX_WC                                                                              \
	{                                                                                          \
		LAYER_ID_APP_NGINX,                                                                \
		    "the server was at its own connection cap and closed or reset what it could "  \
		    "not hold: nginx logs \"worker_connections are not enough\"",                  \
		    "grep 'worker_connections are not enough' in nginx's error log; nginx -T | "   \
		    "grep worker_connections"                                                      \
	}
#define CAND_HAPROXY_MAXCONN                                                                       \
	{                                                                                          \
		LAYER_ID_APP_HAPROXY,                                                              \
		    "the server was at its own connection cap and stopped accepting, so its "      \
		    "accept queue filled: HAProxy at maxconn logs nothing, its CurrConns equals "  \
		    "Maxconn",                                                                     \
		    "echo 'show info' | socat stdio /run/haproxy/admin.sock | grep -E "            \
		    "'^(CurrConns|Maxconn)'"                                                       \
	}

#endif
