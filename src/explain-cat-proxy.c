/*
 * explain-cat-proxy.c: load balancers and proxies: HAProxy, Envoy (and
 * Istio's sidecars), nghttpx, Squid. Each entry names the source file of the
 * message it matches.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

#define HAPROXY_CONFIRM                                                                            \
	"echo 'show info' | socat stdio /run/haproxy/admin.sock | grep -E "                        \
	"'Maxconn|CurrConns|Maxsock|Ulimit-n'; grep 'open files' /proc/$(pidof -s haproxy)/limits"

const struct explain_entry explain_cat_proxy[] = {
    {
	/* haproxy/haproxy src/sock.c sock_accept_conn(): "Proxy %s reached the
	 * configured maximum connection limit. Please check the global 'maxconn'
	 * value."; src/connection.c CO_ER_CONF_FDLIM "Reached configured maxconn
	 * value" */
	.id = "haproxy.maxconn",
	.patterns = {"reached the configured maximum connection limit",
		     "Reached configured maxconn value"},
	.runtimes = "HAProxy",
	.cause = LAYER_ID_APP_HAPROXY,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "HAProxy reached its global maxconn",
	.why = "global maxconn caps the connections HAProxy holds (frontends and "
	       "backends together); beyond it new connections wait in the kernel's "
	       "listen queue. HAProxy sizes its own fd limit from maxconn.",
	.confirm = HAPROXY_CONFIRM,
	.fix = "raise maxconn in the global section (HAProxy raises its own ulimit-n to "
	       "match when it starts as root or under a high enough hard limit)",
    },
    {
	/* haproxy/haproxy src/sock.c: "Proxy %s reached process FD limit
	 * (maxsock=%d). Please check 'ulimit-n' and restart."; src/connection.c
	 * CO_ER_PROC_FDLIM "Too many sockets on the process" */
	.id = "haproxy.process-fd",
	.patterns = {"reached process FD limit", "Too many sockets on the process"},
	.runtimes = "HAProxy",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_FS_NR_OPEN,
	.title = "HAProxy ran out of file descriptors",
	.why = "HAProxy sets its own RLIMIT_NOFILE from maxconn (ulimit-n) when it "
	       "starts; accept() still failed with EMFILE, so the limit it could get "
	       "was lower than it needed: the hard limit it started under (systemd "
	       "LimitNOFILE=, a container's --ulimit) capped it.",
	.confirm = HAPROXY_CONFIRM,
	.fix = "raise the hard limit HAProxy starts under (LimitNOFILE= of "
	       "haproxy.service, docker --ulimit), or lower maxconn; restart",
    },
    {
	/* haproxy/haproxy src/sock.c: "Proxy %s reached system FD limit
	 * (actconn=%d). Please check system tunables."; CO_ER_SYS_FDLIM "Too many
	 * sockets on the system" */
	.id = "haproxy.system-fd",
	.patterns = {"reached system FD limit", "Too many sockets on the system"},
	.runtimes = "HAProxy",
	.cause = LAYER_ID_FS_FILE_MAX,
	.title = "the whole system ran out of file handles under HAProxy",
	.why = "accept() returned ENFILE: the system-wide fs.file-max is reached, not "
	       "HAProxy's own limit.",
	.confirm = "cat /proc/sys/fs/file-nr",
	.fix = "sysctl -w fs.file-max=N, persisted in /etc/sysctl.d/",
    },
    {
	/* haproxy/haproxy src/sock.c: "Proxy %s reached system memory limit
	 * (actconn=%d). Please check system tunables."; CO_ER_SYS_MEMLIM "Out of
	 * system buffers" */
	.id = "haproxy.system-memory",
	.patterns = {"reached system memory limit", "Out of system buffers"},
	.runtimes = "HAProxy",
	.cause = LAYER_ID_TCP_MEM,
	.also = LAYER_ID_MEM_PER_CONN,
	.title = "the kernel had no memory for another socket under HAProxy",
	.why = "accept() returned ENOBUFS or ENOMEM: socket buffers reached "
	       "net.ipv4.tcp_mem or the machine is short of memory.",
	.confirm = "cat /proc/net/sockstat; sysctl net.ipv4.tcp_mem; free -m",
	.fix = "raise net.ipv4.tcp_mem or lower tune.bufsize and socket buffers; more "
	       "memory",
	.candidates = {{LAYER_ID_TCP_MEM, "sockstat's mem is at tcp_mem's third value",
			"cat /proc/net/sockstat; sysctl net.ipv4.tcp_mem"},
		       {LAYER_ID_MEM_PER_CONN, "MemAvailable is low", "free -m"}},
    },
    {
	/* haproxy/haproxy src/limits.c check_nofile_lim_and_prealloc_fd(): "FD
	 * limit (%d) too low for maxconn=%d/maxsock=%d. Please raise 'ulimit-n'
	 * to %d or more to avoid any trouble."; "Cannot raise FD limit to %d" */
	.id = "haproxy.fd-limit",
	.patterns = {"FD limit (#) too low for maxconn", "Cannot raise FD limit to #"},
	.runtimes = "HAProxy (at start-up)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_FS_NR_OPEN,
	.title = "HAProxy could not raise its open-file limit to what maxconn needs",
	.why = "HAProxy needs about two fds per connection plus listeners and checks, "
	       "and raises its soft limit itself; as a non-root user, or under a low "
	       "LimitNOFILE=, it cannot go past the hard limit.",
	.confirm = HAPROXY_CONFIRM,
	.fix = "LimitNOFILE= of haproxy.service (or --ulimit in a container) at least "
	       "the maxsock HAProxy reports; or drop ulimit-n and let HAProxy size "
	       "itself (fd-hard-limit)",
    },
    {
	/* haproxy/haproxy src/cfgparse-global.c: "maxconn value %d too high for
	 * this system.\nLimiting to %d." */
	.id = "haproxy.maxconn-too-high",
	.patterns = {"maxconn value # too high for this system"},
	.runtimes = "HAProxy (configuration)",
	.cause = LAYER_ID_APP_HAPROXY,
	.title = "HAProxy capped maxconn at its compiled-in SYSTEM_MAXCONN",
	.why = "The maxconn asked for exceeds the build's SYSTEM_MAXCONN, so HAProxy "
	       "uses the lower value; -n on the command line forces it.",
	.confirm = "haproxy -vv | grep -i maxconn",
	.fix = "start with -n N, or accept the cap",
    },
    {
	/* haproxy/haproxy src/proto_tcp.c tcp_connect_server(): "Connect() failed
	 * for backend %s: no free ports."; src/connection.c CO_ER_FREE_PORTS
	 * "Out of local source ports on the system", CO_ER_PORT_RANGE */
	.id = "haproxy.no-free-ports",
	.patterns = {"Connect() failed for backend @: no free ports",
		     "Out of local source ports on the system", "Source port range exhausted"},
	.runtimes = "HAProxy",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "HAProxy ran out of local ports toward a backend",
	.why = "connect() to a backend returned EADDRNOTAVAIL (or the source port range "
	       "of a `source` line is used up): every local port toward that server "
	       "address and port is in use or in TIME_WAIT.",
	.confirm = "ss -tan state time-wait dst BACKEND_IP | wc -l; sysctl "
		   "net.ipv4.ip_local_port_range",
	.fix = "keep-alive to the backends (http-reuse), more source addresses "
	       "(`source` per server), wider ip_local_port_range, tcp_tw_reuse=1",
    },
    {
	/* haproxy/haproxy src/proto_tcp.c: "Connect() failed for backend %s:
	 * local address already in use."; CO_ER_ADDR_INUSE */
	.id = "haproxy.source-in-use",
	.patterns = {"Connect() failed for backend @: local address already in use",
		     "Local source address already in use"},
	.runtimes = "HAProxy",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "HAProxy's source address has no free port left",
	.why = "With a `source` address (or usesrc) HAProxy binds before connecting: "
	       "EADDRINUSE means every port of that address is taken.",
	.confirm = "ss -tan src SOURCE_IP | wc -l",
	.fix = "more source addresses, a port range on `source`, keep-alive to backends",
    },
    {
	/* haproxy/haproxy src/backend.c: "%s '%s' has no server available!";
	 * src/server.c "Server %s/%s is DOWN" with src/check.c "Layer4
	 * connection problem" */
	.id = "haproxy.backend-down",
	.patterns = {"has no server available!", "is DOWN, reason: Layer4 connection problem"},
	.runtimes = "HAProxy",
	.cause = "app.server-died",
	.title = "HAProxy's backend servers are down",
	.why = "Health checks got refusals or resets: the application behind HAProxy "
	       "stopped listening (crashed, restarted, killed at a limit).",
	.confirm = "the backend's log; ss -ltnp on it; dmesg | grep -i 'killed process'",
	.fix = "find why the backend stopped (headroom explain on its log)",
    },
    {
	/* haproxy/haproxy src/check.c HCHK_STATUS_L4TOUT "Layer4 timeout" */
	.id = "haproxy.check-timeout",
	.patterns = {"is DOWN, reason: Layer4 timeout"},
	.runtimes = "HAProxy",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN,
	.title = "HAProxy's health checks got no answer from a backend",
	.why = "The check's SYN was not answered in time: the backend's SYN or accept "
	       "queue is full (it is saturated) or it is unreachable.",
	.confirm = "on the backend: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_SERVER_DIED},
    },
    {
	/* haproxy/haproxy src/sock_inet.c: "cannot bind socket (%s)" */
	.id = "haproxy.bind",
	.patterns = {"cannot bind socket"},
	.runtimes = "HAProxy",
	.cause = "app.port-in-use",
	.title = "HAProxy could not listen on a frontend's address",
	.why = "Another process (an old HAProxy that did not exit) holds the port, or "
	       "the bind address is not on this host.",
	.confirm = "ss -ltnp 'sport = :PORT'",
	.fix = "stop the other listener or correct the bind line",
    },
    {
	/* envoyproxy/envoy source/common/router/router.cc local reply "upstream
	 * connect error or disconnect/reset before headers. reset reason: %s";
	 * Http::StreamResetReason Overflow prints "overflow" (circuit breakers) */
	.id = "envoy.overflow",
	.patterns = {"reset reason: overflow", "upstream_reset_before_response_started{overflow}"},
	.runtimes = "Envoy, Istio sidecars",
	.cause = "app.envoy.circuit_breakers",
	.title = "Envoy's circuit breaker refused the request (503 UO)",
	.why = "The cluster's circuit breakers (max_connections, max_pending_requests, "
	       "max_requests; Istio's connectionPool settings) were reached: Envoy "
	       "answers 503 itself without trying the upstream. A limit of "
	       "configuration, not of the host.",
	.confirm = "curl localhost:15000/stats | grep -E 'upstream_(cx|rq)_pending_overflow|"
		   "upstream_cx_overflow'",
	.fix = "raise the cluster's circuit_breakers thresholds (Istio DestinationRule "
	       "connectionPool), or more upstream capacity",
    },
    {
	/* envoyproxy/envoy source/common/network/connection_impl.cc "delayed
	 * connect error: {}" (errno), in "reset reason: connection failure,
	 * transport failure reason: delayed connect error: 111" */
	.id = "envoy.upstream-refused",
	.patterns = {"delayed connect error: 111", "delayed_connect_error:_111",
		     "delayed connect error: Connection refused"},
	.runtimes = "Envoy, Istio sidecars",
	.cause = "app.server-died",
	.title = "Envoy's upstream refused the connection: nothing listens",
	.why = "errno 111 is ECONNREFUSED: the upstream process is not listening on "
	       "that port (crashed, restarting, not ready, or listening on localhost "
	       "only inside the pod).",
	.confirm = "ss -ltnp on the upstream; its log",
	.fix = "find why the upstream is not listening; readiness probes so traffic "
	       "waits for it",
    },
    {
	/* envoyproxy/envoy source/common/network/connection_impl.cc "immediate
	 * connect error: {}" / "delayed connect error: {}" with errno 99 */
	.id = "envoy.upstream-ports",
	.patterns = {"connect error: 99", "connect_error:_99",
		     "connect error: Cannot assign requested address"},
	.runtimes = "Envoy, Istio sidecars",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "Envoy ran out of local ports toward an upstream",
	.why = "errno 99 is EADDRNOTAVAIL: every local port toward that upstream address "
	       "is in use or in TIME_WAIT, typically with HTTP/1.1 upstreams and no "
	       "connection reuse.",
	.confirm = CONFIRM_PORTS,
	.fix = "connection reuse to the upstream (HTTP/2, keep-alive, "
	       "max_requests_per_connection unset), wider ip_local_port_range",
    },
    {
	/* envoyproxy/envoy source/common/http/utility (StreamResetReason
	 * ConnectionTimeout "connection timeout") */
	.id = "envoy.connect-timeout",
	.patterns = {"reset reason: connection timeout"},
	.runtimes = "Envoy, Istio sidecars",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "Envoy could not connect to the upstream within connect_timeout",
	.why = "The upstream's SYN or accept queue dropped the connection attempt "
	       "(saturated), or conntrack did.",
	.confirm = "on the upstream: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* envoyproxy/envoy overload manager local reply "envoy overloaded" */
	.id = "envoy.overloaded",
	.patterns = {"envoy overloaded"},
	.runtimes = "Envoy, Istio sidecars",
	.cause = "app.envoy.overload_manager",
	.title = "Envoy's overload manager is shedding load",
	.why = "An overload action (heap size, downstream connection count "
	       "global_downstream_max_connections) triggered: Envoy answers 503 to "
	       "protect itself.",
	.confirm = "curl localhost:15000/stats | grep overload",
	.fix = "raise the overload manager's thresholds or Envoy's memory, or more "
	       "Envoy instances",
    },
    {
	/* envoyproxy/envoy source/common/upstream: "no healthy upstream" local
	 * reply; its access log's %RESPONSE_CODE_DETAILS% no_healthy_upstream
	 * (flag UH) as JSON */
	.id = "envoy.no-healthy-upstream",
	.patterns = {"no healthy upstream", "\"response_code_details\":\"no_healthy_upstream\""},
	.runtimes = "Envoy, Istio sidecars",
	.cause = "app.server-died",
	.title = "Envoy has no healthy host in the cluster",
	.why = "Every host failed health checks or was ejected by outlier detection "
	       "(after 5xx or connect failures): they are down or overloaded.",
	.confirm = "curl localhost:15000/clusters | grep health_flags",
	.fix = "find why the upstream hosts fail (headroom explain on their logs)",
    },
    {
	/* envoyproxy/envoy: "reset reason: connection failure" without the errno */
	.id = "envoy.connection-failure",
	.patterns = {"reset reason: connection failure", "reset reason: remote connection "
							 "failure"},
	.runtimes = "Envoy, Istio sidecars",
	.cause = "app.server-died",
	.also = LAYER_ID_PORTS_EPHEMERAL " " LAYER_ID_BACKLOG_SYN,
	.title = "Envoy could not connect to the upstream",
	.why = "The transport failure reason in the same line names the errno when "
	       "there is one: 111 refused (down), 99 out of local ports, a timeout for "
	       "a saturated queue.",
	.confirm = "the transport failure reason in the line; Envoy's access log "
		   "%UPSTREAM_TRANSPORT_FAILURE_REASON%",
	.fix = "according to the errno",
	.candidates = {CAND_SERVER_DIED, CAND_PORTS, CAND_SYN},
    },
    {
	/* nghttp2/nghttp2 src/shrpx_accept_handler.cc: "acceptor: running out
	 * file descriptor; disable acceptor temporarily" */
	.id = "nghttpx.acceptor-fds",
	.patterns = {"running out file descriptor; disable acceptor"},
	.runtimes = "nghttpx",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "nghttpx is out of file descriptors and stopped accepting for a while",
	.why = "accept() returned EMFILE or ENFILE; nghttpx pauses its acceptor, so new "
	       "clients wait in the listen queue.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "--rlimit-nofile=N (as root) or LimitNOFILE= of the unit; restart",
    },
    {
	/* nghttp2/nghttp2 src/shrpx.cc: "Setting rlimit-nofile failed: " */
	.id = "nghttpx.rlimit",
	.patterns = {"Setting rlimit-nofile failed"},
	.runtimes = "nghttpx",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_FS_NR_OPEN,
	.title = "nghttpx could not apply --rlimit-nofile",
	.why = "setrlimit sets soft and hard together: without CAP_SYS_RESOURCE it "
	       "cannot go above the hard limit, and nobody above fs.nr_open.",
	.confirm = "grep 'open files' /proc/$(pidof -s nghttpx)/limits",
	.fix = "start it as root or raise LimitNOFILE= of its unit",
    },
    {
	/* nghttp2/nghttp2 src/shrpx_worker.cc: "Too many connections >= " <<
	 * max_conns */
	.id = "nghttpx.worker-connections",
	.patterns = {"Too many connections >= #"},
	.runtimes = "nghttpx",
	.cause = "app.nghttpx.worker_connections",
	.title = "an nghttpx worker reached --worker-connections",
	.why = "nghttpx closes new connections beyond its own per-worker cap.",
	.confirm = "nghttpx's --worker-connections and --workers",
	.fix = "raise --worker-connections (and its fd limit with it)",
    },
    {
	/* nghttp2/nghttp2 src/shrpx_http_downstream_connection.cc: "connect()
	 * failed; addr=" << addr << ", errno=" << error, here 99 */
	.id = "nghttpx.backend-ports",
	.patterns = {"connect() failed; addr=@ errno=99"},
	.runtimes = "nghttpx",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "nghttpx ran out of local ports toward a backend",
	.why = "errno=99 is EADDRNOTAVAIL: every local port toward that backend address "
	       "is in use or in TIME_WAIT.",
	.confirm = CONFIRM_PORTS,
	.fix = "backend keep-alive, wider ip_local_port_range, more backend addresses",
    },
    {
	/* nghttp2/nghttp2 src/shrpx_http_downstream_connection.cc: "socket()
	 * failed; addr=" << addr << ", errno=" << error, here 24 */
	.id = "nghttpx.backend-fds",
	.patterns = {"socket() failed; addr=@ errno=24"},
	.runtimes = "nghttpx",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "nghttpx is out of file descriptors for backend connections",
	.why = "errno=24 is EMFILE: client and backend connections together reached "
	       "nghttpx's RLIMIT_NOFILE.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "--rlimit-nofile=N (as root) or LimitNOFILE= of the unit",
    },
    {
	/* nghttp2/nghttp2 src/shrpx_http_downstream_connection.cc "connect()
	 * failed; addr=..., errno=111" */
	.id = "nghttpx.backend-refused",
	.patterns = {"connect() failed; addr=@ errno=111"},
	.runtimes = "nghttpx",
	.cause = "app.server-died",
	.title = "nghttpx's backend refused the connection",
	.why = "errno=111 is ECONNREFUSED: nothing listens on the backend.",
	.confirm = CONFIRM_SERVER_UP,
	.fix = "find why the backend stopped",
    },
    {
	/* squid-cache/squid src/comm/TcpAcceptor.cpp okToAccept(): debugs(5,
	 * DBG_CRITICAL, "WARNING! Your cache is running out of filedescriptors") */
	.id = "squid.fds",
	.patterns = {"Your cache is running out of filedescriptors"},
	.runtimes = "Squid",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "Squid is out of file descriptors and stops accepting",
	.why = "Squid keeps a reserve of descriptors and stops accepting clients when "
	       "fewer are free: its max_filedescriptors (or the RLIMIT_NOFILE it "
	       "started with, when lower) is reached by client and server "
	       "connections together.",
	.confirm = "squidclient mgr:info | grep -i 'file desc'; " CONFIRM_NOFILE_PID,
	.fix = "max_filedescriptors N in squid.conf and LimitNOFILE=N in squid.service; "
	       "restart",
    },
};
const size_t explain_cat_proxy_len = nitems(explain_cat_proxy);
