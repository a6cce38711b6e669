/*
 * explain-cat-tools.c: the load generators' own words: wrk and wrk2,
 * h2load, tcpkali, ab, Locust, JMeter, k6, Gatling, curl. (vegeta, hey
 * and k6 print Go's errors, and JMeter and Gatling Java's: the runtimes
 * part explains those.) Each entry names the source of its message.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

/*
 * nghttp2/nghttp2 src/h2load.cc main(): "requests: %d total, %d started, %d
 * done, %d succeeded, %d failed, %d errored, %d timeout", often the only
 * trace of connect failures (a refused port prints nothing else). The
 * pattern language has no "not zero", so the errored count's first digit
 * is spelled out over two entries. Seen with h2load 1.52.0 at its own
 * 32 fds, at a closed port, at nginx's worker_connections and with the
 * ephemeral ports used up (tests/explain/gen-real.sh).
 */
#define H2LOAD_FAILED(ID, P1, P2, P3, P4, P5)                                                      \
	{                                                                                          \
		.id = ID, .patterns = {P1, P2, P3, P4, P5}, .runtimes = "h2load (nghttp2)",        \
		.cause = LAYER_ID_NOFILE_SOFT,                                                     \
		.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_PORTS_EPHEMERAL,                         \
		.title = "h2load requests failed: connections could not be made or were lost",     \
		.why = "h2load counts a request as failed when its connection fails: socket() "    \
		       "or connect() failing on its side (beyond its ulimit -n, which it does "    \
		       "not raise, or beyond the ephemeral ports toward one address), a "          \
		       "refusing server, or a server that closes what it cannot hold. Its "        \
		       "output says which only in \"client could not connect to host\" lines.",    \
		.confirm = "ulimit -n against -c; " CONFIRM_PORTS "; " CONFIRM_SERVER_UP,          \
		.fix = "headroom exec --nofile N -- h2load -c C ... with N above C; then the "     \
		       "cause the server's log names",                                             \
		.candidates = {CAND_CLIENT_NOFILE, CAND_SERVER_DIED, CAND_PORTS, CAND_NGINX_WC},   \
	}

const struct explain_entry explain_cat_tools[] = {
    {
	/* wg/wrk src/wrk.c main(): "  Socket errors: connect %d, read %d, write
	 * %d, timeout %d\n" (printed only when one is not zero; wrk2 the same) */
	.id = "wrk.timeouts",
	.patterns = {"Socket errors: connect 0, read 0, write 0, timeout #"},
	.runtimes = "wrk, wrk2",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "wrk's requests timed out, with no connect or read errors",
	.why = "Every connection was made, and answers took longer than --timeout (2 s): "
	       "the server is saturated, or connections wait in its accept queue "
	       "because it accepts too slowly or is out of fds and stopped accepting.",
	.confirm = CONFIRM_QUEUE "; the server's log",
	.fix = FIX_QUEUE "; lower -c or raise --timeout when the server is just slow",
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {"app.upstream-slow",
			"the server accepts but is slow: its CPU or "
			"workers are saturated",
			"the server's CPU and its own latency metrics"}},
    },
    {
	/* wg/wrk src/wrk.c: "Socket errors: connect %d, read %d, ..." with no
	 * connect errors: read errors are EOFs and resets from the server */
	.id = "wrk.read-errors",
	.patterns = {"Socket errors: connect 0, read #"},
	.runtimes = "wrk, wrk2",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "wrk connected, then the server closed or reset connections",
	.why = "All connects succeeded, so wrk's own limits were fine; read and write "
	       "errors are connections the server closed or reset: its accept queue "
	       "overflowed, it was at its own connection cap (nginx worker_connections, "
	       "HAProxy maxconn) or out of fds and closed what it could not serve.",
	.confirm = CONFIRM_QUEUE "; the server's log (\"worker_connections are not enough\", "
				 "\"too many open files\")",
	.fix = FIX_QUEUE "; raise the server's connection cap and nofile limit",
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {LAYER_ID_APP_NGINX,
			"the server's log says \"worker_connections are not enough\" (or its "
			"own cap: maxconn, maxclients)",
			"grep -E 'worker_connections|maxconn' in the server's log"}},
    },
    {
	/* wg/wrk src/wrk.c connect_socket(): socket() or connect() failed at once
	 * -> thread->errors.connect++ */
	.id = "wrk.connect-errors",
	.patterns = {"Socket errors: connect #"},
	.runtimes = "wrk, wrk2",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_PORTS_EPHEMERAL,
	.title = "wrk could not open some of its -c connections",
	.why = "wrk counts a connect error when socket() or connect() fails at once, on "
	       "wrk's side: it does not raise its own RLIMIT_NOFILE, so -c at or above "
	       "ulimit -n fails (EMFILE), as do connections beyond the ephemeral port "
	       "range to one server address (EADDRNOTAVAIL). A refusing server shows "
	       "as write errors instead.",
	.confirm = "ulimit -n in the shell that ran wrk, against -c; " CONFIRM_PORTS,
	.fix = "headroom exec --nofile N -- wrk -c C ... with N above C plus wrk's "
	       "threads; more server addresses or ports past 28k connections",
	.candidates = {CAND_CLIENT_NOFILE, CAND_PORTS},
    },
    {
	/* wg/wrk src/wrk.c main(): "unable to connect to %s:%s %s\n" (the first
	 * connection, before the run) */
	.id = "wrk.unable-to-connect",
	.patterns = {"unable to connect to @ Connection refused"},
	.runtimes = "wrk, wrk2",
	.cause = "app.server-died",
	.title = "wrk's first connection was refused: nothing listens there",
	.why = "wrk connects once before the run; a refusal means the server is not "
	       "listening on that address and port.",
	.confirm = CONFIRM_SERVER_UP,
	.fix = "start the server (or point wrk at the address it listens on)",
    },
    {
	/* wg/wrk src/wrk.c main(): "unable to create thread %"PRIu64": %s\n" */
	.id = "wrk.thread",
	.patterns = {"unable to create thread #: Too many open files"},
	.runtimes = "wrk, wrk2",
	.cause = LAYER_ID_NOFILE_SOFT,
	.title = "wrk could not set up a thread: out of file descriptors",
	.why = "Each wrk thread opens an event loop (epoll fd) and its share of -c "
	       "sockets; the shell's ulimit -n is below what -c and -t need.",
	.confirm = "ulimit -n against -c",
	.fix = "headroom exec --nofile N -- wrk ...",
    },
    {
	/* httperf src/gen/conn_rate.c / core.c: fprintf(stderr, "%s: connection
	 * failed with unexpected error %d\n", prog_name, err) (errno 99,
	 * EADDRNOTAVAIL) */
	.id = "httperf.ports",
	.patterns = {"connection failed with unexpected error 99~"},
	.runtimes = "httperf",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "httperf ran out of local ports (errno 99)",
	.why = "99 is EADDRNOTAVAIL: every local port toward the server is taken, "
	       "TIME_WAIT included (httperf opens a new connection per call unless "
	       "--num-calls is above 1).",
	.confirm = CONFIRM_PORTS,
	.fix = FIX_PORTS "; --num-calls N to reuse connections",
    },
    {
	/* httperf: "connection failed with unexpected error %d" with errno 24
	 * (EMFILE) */
	.id = "httperf.emfile",
	.patterns = {"connection failed with unexpected error 24~"},
	.runtimes = "httperf",
	.cause = LAYER_ID_NOFILE_SOFT,
	.title = "httperf ran out of file descriptors (errno 24)",
	.why = "24 is EMFILE: httperf's open connections reached the shell's ulimit "
	       "-n (its --max-connections and FD_SETSIZE aside).",
	.confirm = "ulimit -n in the shell that runs httperf",
	.fix = "headroom exec --nofile N -- httperf ...; httperf --hog",
    },
    {
	/* nghttp2/nghttp2 src/h2load.cc: std::println(stderr, "client could not
	 * connect to host") when socket() or connect() fails at once */
	.id = "h2load.could-not-connect",
	.patterns = {"client could not connect to host"},
	.runtimes = "h2load (nghttp2)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_PORTS_EPHEMERAL,
	.title = "h2load could not open one of its -c clients",
	.why = "h2load prints this when socket() or connect() fails at once: beyond its "
	       "ulimit -n (h2load does not raise it), beyond the ephemeral ports toward "
	       "one address, or when the server refuses on loopback.",
	.confirm = "ulimit -n against -c; " CONFIRM_PORTS,
	.fix = "headroom exec --nofile N -- h2load -c C ... with N above C",
	.candidates = {CAND_CLIENT_NOFILE, CAND_PORTS, CAND_SERVER_DIED},
    },
    H2LOAD_FAILED("h2load.failed", "succeeded, # failed, 1", "succeeded, # failed, 2",
		  "succeeded, # failed, 3", "succeeded, # failed, 4", "succeeded, # failed, 5"),
    H2LOAD_FAILED("h2load.failed-6-9", "succeeded, # failed, 6", "succeeded, # failed, 7",
		  "succeeded, # failed, 8", "succeeded, # failed, 9", NULL),
    {
	/* satori-com/tcpkali src/tcpkali_syslimits.c adjust_system_limits_for_
	 * highload(): "Could not adjust open files limit from %ld to %ld",
	 * "Adjusted open files limit from %ld to %ld, but still too low for
	 * --connections=%d."; check_system_limits_sanity(): "Open files limit
	 * (`ulimit -n`) %ld is too low for the expected scale (-c %d)."; engine:
	 * "Increase `ulimit -n` to twice exceed the --connections." */
	.id = "tcpkali.nofile",
	.patterns = {"Could not adjust open files limit from # to #",
		     "Adjusted open files limit from # to #, but still too low",
		     "Open files limit (`ulimit -n`) # is too low",
		     "Increase `ulimit -n` to twice exceed the --connections"},
	.runtimes = "tcpkali",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "tcpkali could not raise its open-file limit to what -c needs",
	.why = "tcpkali raises its own soft limit as far as the hard limit lets it; it "
	       "needs about two fds per connection when it also listens.",
	.confirm = "ulimit -Hn in the shell that runs tcpkali",
	.fix = "headroom exec --nofile N -- tcpkali -c C ... with N above 2 x C, or "
	       "raise the hard limit (limits.conf, LimitNOFILE=)",
    },
    {
	/* satori-com/tcpkali src/tcpkali_syslimits.c: "System-wide open files
	 * limit %d is too low for the expected scale (-c %d)."; engine "Increase
	 * kern.maxfiles/fs.file-max sysctls" */
	.id = "tcpkali.file-max",
	.patterns = {"System-wide open files limit # is too low",
		     "Increase kern.maxfiles/fs.file-max sysctls"},
	.runtimes = "tcpkali",
	.cause = LAYER_ID_FS_FILE_MAX,
	.also = LAYER_ID_KERN_MAXFILES,
	.title = "the system-wide open-file limit is below tcpkali's -c",
	.why = "fs.file-max (kern.maxfiles on macOS) caps all open files together.",
	.confirm = "cat /proc/sys/fs/file-nr",
	.fix = "sysctl -w fs.file-max=N, persisted in /etc/sysctl.d/",
    },
    {
	/* satori-com/tcpkali src/tcpkali_syslimits.c: "Will not be able to open %d
	 * simultaneous connections since \"%s\" specifies too narrow range
	 * [%d..%d]." */
	.id = "tcpkali.port-range",
	.patterns = {"specifies too narrow range", "sysctls specify too narrow range"},
	.runtimes = "tcpkali",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.title = "the ephemeral port range is smaller than tcpkali's -c",
	.why = "One destination address and port gets at most the size of "
	       "ip_local_port_range connections from one source address.",
	.confirm = "sysctl net.ipv4.ip_local_port_range",
	.fix = "widen the range, or give tcpkali more destination addresses",
    },
    {
	/* satori-com/tcpkali src/tcpkali_syslimits.c: "Not reusing TIME_WAIT
	 * sockets, might not open %d simultaneous connections. Adjust \"%s\"
	 * value." */
	.id = "tcpkali.time-wait",
	.patterns = {"Not reusing TIME_WAIT sockets"},
	.runtimes = "tcpkali",
	.cause = LAYER_ID_TCP_TW,
	.also = LAYER_ID_PORTS_EPHEMERAL,
	.title = "net.ipv4.tcp_tw_reuse is off on the load generator",
	.why = "Ports of closed connections stay in TIME_WAIT for 60 s; with "
	       "tcp_tw_reuse=0 (or 2, loopback only) a client opening connections at a "
	       "high rate runs out of ports.",
	.confirm = "sysctl net.ipv4.tcp_tw_reuse",
	.fix = "sysctl -w net.ipv4.tcp_tw_reuse=1 on the client",
    },
    {
	/* satori-com/tcpkali src/tcpkali_syslimits.c: "IP filter might not allow
	 * opening %d simultaneous connections.", "IP filter is not properly sized
	 * for tracking %d simultaneous connections." */
	.id = "tcpkali.conntrack",
	.patterns = {"IP filter might not allow opening", "IP filter is not properly sized"},
	.runtimes = "tcpkali",
	.cause = LAYER_ID_CONNTRACK,
	.title = "nf_conntrack_max (or its hash size) is below tcpkali's -c",
	.why = "With connection tracking loaded, each connection takes an entry; a full "
	       "table drops new connections.",
	.confirm = "sysctl net.netfilter.nf_conntrack_max; cat "
		   "/sys/module/nf_conntrack/parameters/hashsize",
	.fix = "sysctl -w net.netfilter.nf_conntrack_max=N and the hashsize N/4, or "
	       "NOTRACK the test traffic",
    },
    {
	/* satori-com/tcpkali src/tcpkali.c: "Could not create %d connection%s in
	 * allotted time (%gs)" */
	.id = "tcpkali.ramp",
	.patterns = {"Could not create # connection* in allotted time"},
	.runtimes = "tcpkali",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "tcpkali could not establish its connections in time",
	.why = "Connections did not complete: the server's queues dropped SYNs, "
	       "conntrack dropped them, or the server capped its connections.",
	.confirm = "tcpkali's earlier warnings; on the server: nstat -az "
		   "TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE "; a slower --connect-rate",
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* apache/httpd support/ab.c: apr_err("socket", rv) -> "socket: Too many
	 * open files (24)" */
	.id = "ab.emfile",
	.patterns = {"socket: Too many open files (24)"},
	.runtimes = "ab (ApacheBench)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "ab ran out of file descriptors for its -c connections",
	.why = "ab opens -c sockets at once and does not raise its own RLIMIT_NOFILE; "
	       "with -c near or above ulimit -n (1024 by default) the socket call fails "
	       "and the run aborts.",
	.confirm = "ulimit -n in the shell that runs ab, compared with -c",
	.fix = "headroom exec --nofile N -- ab -c C ... with N above C plus a few; or "
	       "ulimit -n N first when the hard limit allows it",
    },
    {
	/* apache/httpd support/ab.c read_connection(): "%s: %s (%d)\n",
	 * "apr_socket_recv" */
	.id = "ab.econnreset",
	.patterns = {"apr_socket_recv: Connection reset by peer (104)"},
	.runtimes = "ab (ApacheBench)",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "the server reset a connection and ab aborted the run",
	.why = "ab opens -c connections at once; when they outrun the server's listen "
	       "queue (the smaller of its listen() backlog and net.core.somaxconn) the "
	       "kernel drops or resets the excess, and ab stops at the first reset.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE "; ab -r keeps going after errors",
	/* Seen against nginx 1.22.1 at worker_connections 4 (ab -c 100,
	 * tests/explain/gen-real.sh): nginx closed what it could not hold. */
	.candidates = {CAND_QUEUE, CAND_SERVER_NOFILE, CAND_NGINX_WC, CAND_SERVER_DIED},
    },
    {
	/* apache/httpd support/ab.c test(): apr_err("apr_pollset_poll", status)
	 * -> "apr_pollset_poll: The timeout specified has expired (70007)" */
	.id = "ab.timeout",
	.patterns = {"apr_pollset_poll: The timeout specified has expired"},
	.runtimes = "ab (ApacheBench)",
	/* The accept queue first: see curl.timeout. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "ab got no answer within its timeout (-s, 30 s)",
	.why = "Connections or responses stalled: SYNs dropped by a full SYN or accept "
	       "queue are retried after 1 s, 3 s, 7 s..., so a saturated listener shows "
	       "up as timeouts, not errors.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops "
		   "TcpExtTCPReqQFullDrop",
	.fix = FIX_QUEUE "; lower -c or raise -s",
	.candidates = {CAND_QUEUE, CAND_SYN},
    },
    {
	/* apache/httpd support/ab.c main(): "%s: Invalid Concurrency [Range
	 * 0..%d]\n" with MAX_CONCURRENCY 20000 */
	.id = "ab.concurrency",
	.patterns = {"Invalid Concurrency [Range 0..#]"},
	.runtimes = "ab (ApacheBench)",
	.cause = "app.ab.max_concurrency",
	.title = "ab refuses -c above its compiled-in MAX_CONCURRENCY (20000)",
	.why = "ab is built with #define MAX_CONCURRENCY 20000; larger -c is refused "
	       "before anything is sent, whatever the system's limits.",
	.confirm = "ab -c 20000 works, -c 20001 does not",
	.fix = "run several ab processes, or a load tool without that cap (wrk, h2load, "
	       "k6)",
    },
    {
	/* apache/httpd support/ab.c: "\nTest aborted after 10 failures\n\n" then
	 * the apr_socket_connect() error */
	.id = "ab.aborted",
	.patterns = {"Test aborted after 10 failures"},
	.runtimes = "ab (ApacheBench)",
	.cause = "app.server-died",
	.also = LAYER_ID_PORTS_EPHEMERAL " " LAYER_ID_NOFILE_SOFT,
	.title = "ab stopped after ten connection failures in a row",
	.why = "The next line names the error: \"Connection refused (111)\" the server "
	       "is down, \"Cannot assign requested address (99)\" out of local ports, "
	       "\"Too many open files (24)\" out of fds.",
	.confirm = "the apr_socket_connect() line after it",
	.fix = "according to that error",
	.candidates = {CAND_SERVER_DIED, CAND_PORTS, CAND_CLIENT_NOFILE},
    },
    {
	/* locustio/locust locust/main.py: "System open file limit '%s' is below
	 * minimum setting '%s'. It's not high enough for load testing, and the OS
	 * didn't allow locust to increase it by itself." */
	.id = "locust.nofile",
	.patterns = {"System open file limit '#' is below minimum setting '#'"},
	.runtimes = "Locust (Python)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "Locust could not raise its open-file limit to 10000",
	.why = "At start-up Locust raises its own soft RLIMIT_NOFILE to 10000; this "
	       "warning means the hard limit is lower, so it could not. Every simulated "
	       "user holds at least one socket, so the test fails with [Errno 24] when "
	       "the soft limit is reached.",
	.confirm = "ulimit -Hn in the shell that starts locust; grep 'open files' "
		   "/proc/PID/limits",
	.fix = "start it under a higher hard limit: headroom exec --nofile 65536 -- "
	       "locust ...; persist it with a limits.conf nofile line (login sessions) "
	       "or LimitNOFILE= (systemd units)",
    },
    {
	/* locustio/locust locust/runners.py: "CPU usage above 90%! This may
	 * constrain your throughput and may even give inconsistent response time
	 * measurements!" */
	.id = "locust.cpu",
	.patterns = {"CPU usage above 90%! This may constrain your throughput"},
	.runtimes = "Locust (Python)",
	.cause = "app.loadgen-cpu",
	.title = "the Locust worker itself is CPU-bound",
	.why = "A Locust process uses one core; above 90% it cannot send the load "
	       "asked for, and the response times it measures include its own "
	       "queueing.",
	.confirm = "top -p $(pgrep -d, -f locust)",
	.fix = "more worker processes (locust --processes N, or --worker on more "
	       "machines), FastHttpUser",
    },
    {
	/* JMeter / Apache HttpClient: org.apache.http.NoHttpResponseException:
	 * "The target server failed to respond"; reactor-netty
	 * PrematureCloseException "Connection prematurely closed BEFORE
	 * response" */
	.id = "jmeter.no-response",
	.patterns = {"NoHttpResponseException", "Connection prematurely closed BEFORE response"},
	.runtimes = "JMeter, Apache HttpClient, Spring WebClient (reactor-netty)",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the server closed a connection without answering",
	.why = "The connection ended where a response should have started: the server "
	       "closed it. It went away (crashed, restarted), it closes what it cannot "
	       "serve (out of fds, at its own connection cap), or it closed an idle "
	       "kept-alive connection just as JMeter reused it.",
	.confirm = "the server's log at that time (\"too many open files\", its connection "
		   "cap, a restart); its keep-alive timeout against JMeter's",
	.fix = "fix what made the server close (its nofile limit, its connection cap); "
	       "set httpclient4.idletimeout below the server's keep-alive timeout",
	.candidates = {CAND_SERVER_DIED,
		       CAND_SERVER_NOFILE,
		       {"app.keepalive-race",
			"only a few, on reused connections: the server closed an idle "
			"keep-alive connection as JMeter sent on it",
			"the server's keep-alive timeout against httpclient4.idletimeout"}},
    },
    {
	/* grafana/k6 lib/netext/httpext/error_codes.go: tcpDialTimeoutErrorCodeMsg
	 * "dial: i/o timeout" (1211) */
	.id = "k6.dial-timeout",
	.patterns = {"dial: i/o timeout"},
	.runtimes = "k6",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "k6 could not connect within the dial timeout",
	.why = "The SYN was not answered in time: the server's SYN or accept queue "
	       "drops them under the ramp-up, or conntrack does.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops; dmesg "
		   "| grep -E 'SYN flooding|conntrack'",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* grafana/k6 lib/netext/httpext/error_codes.go: requestTimeoutErrorCodeMsg
	 * "request timeout" (1050) */
	.id = "k6.request-timeout",
	.patterns = {"error=\"request timeout\"", "Request Failed*request timeout"},
	.runtimes = "k6",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "k6's request got no complete answer within its timeout (60 s)",
	.why = "The server is saturated: connections wait in its accept queue, it is "
	       "out of fds and stopped accepting, or it is slow to answer.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {"app.upstream-slow", "connections are accepted but answers are slow",
			"the server's own latency"}},
    },
    {
	/* gatling/gatling: io.gatling.http.client.impl.RequestTimeoutException
	 * "Request timeout to %s after %d ms" */
	.id = "gatling.request-timeout",
	.patterns = {"RequestTimeoutException: Request timeout to",
		     "Request timeout to @ after # ms"},
	.runtimes = "Gatling",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "Gatling's request got no answer within requestTimeout",
	.why = "The server is saturated: connections wait in its accept queue, it is "
	       "out of fds, or it answers too slowly.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SERVER_NOFILE},
    },
    {
	/* curl/curl lib/connect.c: "Failed to connect to %s port %u after %ld ms:
	 * %s" / older "Failed to connect to %s port %ld: %s" with strerror */
	.id = "curl.refused",
	.patterns = {"Failed to connect to * Connection refused",
		     "Failed connect to *; Connection refused"},
	.runtimes = "curl",
	.cause = "app.server-died",
	.title = "curl's connection was refused: nothing listens there",
	.why = "Older curl prints the errno: ECONNREFUSED means no socket listens on that "
	       "address and port.",
	.confirm = CONFIRM_SERVER_UP,
	.fix = "find why the server is not listening",
    },
    {
	/* curl/curl lib/strerror.c CURLE_COULDNT_CONNECT "Couldn't connect to
	 * server" (8.x: "Could not connect to server"), in lib/cf-ip-happy.c
	 * "Failed to connect to %s:%u after %ld ms: %s" */
	.id = "curl.couldnt-connect",
	.patterns = {"Couldn't connect to server", "Could not connect to server"},
	.runtimes = "curl, libcurl (PHP, git, pycurl)",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW " " LAYER_ID_NOFILE_SOFT,
	.title = "curl could not connect: error 7 does not say why",
	.why = "Recent curl prints CURLE_COULDNT_CONNECT for every connect() failure. "
	       "In a loop of requests the usual one is running out of local ports "
	       "(each curl leaves a TIME_WAIT behind: EADDRNOTAVAIL after ~28,000 "
	       "runs a minute); otherwise nothing listens (refused), or curl is out of "
	       "fds. curl -v shows the errno.",
	.confirm = "curl -v (the errno); " CONFIRM_PORTS,
	.fix = FIX_PORTS "; or reuse one curl for many requests (curl URL URL ..., "
			 "--keepalive)",
	.candidates = {CAND_PORTS, CAND_SERVER_DIED, CAND_CLIENT_NOFILE},
    },
    {
	/* curl/curl lib/connect.c "Connection timed out after %ld milliseconds";
	 * lib/multi.c "Operation timed out after %ld milliseconds with %ld bytes
	 * received" */
	.id = "curl.timeout",
	.patterns = {"curl: (28) Failed to connect", "Connection timed out after # milliseconds",
		     "Operation timed out after # milliseconds with 0 bytes received",
		     "Operation timed out after # milliseconds with 0 out of"},
	.runtimes = "curl, libcurl",
	/* The accept queue first. torvalds/linux net/ipv4/tcp_input.c
	 * tcp_conn_request(): a full SYN queue with tcp_syncookies=1 (the
	 * default) is answered with a cookie, while a full accept queue drops
	 * the SYN (LINUX_MIB_LISTENOVERFLOWS) and the client times out. Seen
	 * with curl 7.88.1 against a listener that stopped accepting and
	 * against HAProxy 2.6 at maxconn (tests/explain/gen-real.sh). */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "curl got no answer before its timeout",
	.why = "A connect timeout is SYNs unanswered (a full SYN or accept queue, "
	       "conntrack); an operation timeout with 0 bytes is a connection the "
	       "server accepted but did not serve (queued behind busy workers).",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_HAPROXY_MAXCONN, CAND_CONNTRACK},
    },
    {
	/* curl/curl lib/http.c CURLE_GOT_NOTHING "Empty reply from server" */
	.id = "curl.empty-reply",
	.patterns = {"Empty reply from server"},
	.runtimes = "curl, libcurl",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the server closed the connection without answering",
	.why = "The connection was accepted and closed before any response: the server "
	       "crashed or restarted, or closed a connection it would not serve (its "
	       "own connection cap, out of fds).",
	.confirm = "the server's log around that moment; dmesg | grep -i 'killed process'",
	.fix = "see why the server closed it (headroom explain on its log)",
	.candidates = {CAND_SERVER_DIED, CAND_SERVER_NOFILE, CAND_QUEUE},
    },
};
const size_t explain_cat_tools_len = nitems(explain_cat_tools);
