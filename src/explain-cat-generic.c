/*
 * explain-cat-generic.c: the errno messages any program prints, by their
 * strerror(3) text, errno name or number (glibc, Go's syscall table,
 * libuv's uv_err_name, CPython's [Errno N], Rust's "(os error N)" and
 * ErrorKind, .NET's SocketException (N), Ruby's Errno::).
 *
 * explain_cat_first is read before every other part: ENFILE's "too many
 * open files in system" holds the EMFILE wording the others look for.
 * explain_cat_generic is read last of all: a program's own wording wins.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

const struct explain_entry explain_cat_first[] = {
    {
	/* glibc strerror(ENFILE); Go syscall ENFILE; libuv "ENFILE: file table
	 * overflow"; CPython [Errno 23]; Rust (os error 23) */
	.id = "sys.enfile",
	.patterns = {"too many open files in system", "~ENFILE~", "[Errno 23]", "(os error 23)",
		     "file table overflow"},
	.runtimes = "any: Go, Node.js, Python, Java, Rust, nginx, C",
	.cause = LAYER_ID_FS_FILE_MAX,
	.title = "ENFILE: the system-wide file table is full, not this process's limit",
	.why = "\"In system\" is ENFILE, not EMFILE: the process is under its own "
	       "RLIMIT_NOFILE, but the kernel-wide fs.file-max was reached. Raising "
	       "ulimit -n does nothing here.",
	.confirm = "cat /proc/sys/fs/file-nr; dmesg | grep 'file-max limit'; find the "
		   "holder: ls /proc/*/fd | sort | uniq -c | sort -n | tail",
	.fix = "raise fs.file-max (sysctl -w fs.file-max=N, persisted in "
	       "/etc/sysctl.d/) and stop whatever leaks handles",
    },
};
const size_t explain_cat_first_len = nitems(explain_cat_first);

const struct explain_entry explain_cat_generic[] = {
    {
	/* glibc strerror(EAGAIN) from pthread_create/fork/clone; Go runtime
	 * "runtime: failed to create new OS thread", "newosproc: errno=11";
	 * CPython "can't start new thread"; Rust std "failed to spawn thread" */
	.id = "sys.eagain-task",
	.patterns = {"pthread_create*Resource temporarily unavailable",
		     "failed to create new OS thread", "can't start new thread",
		     "failed to spawn thread", "fork: *Resource temporarily unavailable",
		     "newosproc"},
	.runtimes = "Go runtime (cgo), Python (threading), Rust (std::thread, tokio), C/C++ "
		    "(pthreads)",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_THREADS_MAX " " LAYER_ID_PID_MAX " " LAYER_ID_CGROUP_PIDS
				     " " LAYER_ID_MAX_MAP_COUNT,
	.title = "the kernel refused a new thread or process (EAGAIN)",
	.why = "clone() returns EAGAIN when the user's RLIMIT_NPROC is reached (it "
	       "counts the threads of all the user's processes), when kernel.threads-max "
	       "or kernel.pid_max is reached, or when the cgroup's pids.max is (TasksMax= "
	       "in systemd, --pids-limit in containers).",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
	.candidates = {{LAYER_ID_NPROC, "the user's processes and threads reach ulimit -u",
			"ps -L -u USER | wc -l against ulimit -u of that user"},
		       {LAYER_ID_CGROUP_PIDS, "the service or container reaches its pids.max",
			"cat /sys/fs/cgroup/<cgroup>/pids.current pids.max; dmesg | grep "
			"'fork rejected'"},
		       {LAYER_ID_THREADS_MAX, "the whole system reaches kernel.threads-max",
			"ps -eL | wc -l against sysctl kernel.threads-max"}},
    },
    {
	/* Go: "listen tcp 10.0.0.9:80: bind: cannot assign requested address";
	 * Node.js "listen EADDRNOTAVAIL"; nginx ngx_connection.c "bind() to %V
	 * failed" with (99: ...) */
	.id = "sys.bind-eaddrnotavail",
	.patterns = {"bind: cannot assign requested address",
		     "cannot assign requested address*bind", "listen EADDRNOTAVAIL",
		     "bind() to @ failed (99:", "Cannot assign requested address: bind"},
	.runtimes = "Go, Java, Node.js, nginx",
	.cause = "app.bind-address",
	.title = "a server was told to listen on an address this host does not have",
	.why = "bind() returned EADDRNOTAVAIL: the IP address in the listen setting is "
	       "not configured on any interface here (a typo, another host's address, "
	       "or an interface that is not up yet). It is not port exhaustion: that "
	       "comes from connect().",
	.confirm = "ip -br addr; the address in the server's listen setting",
	.fix = "listen on an address this host has (or 0.0.0.0 / ::); for a floating "
	       "address set net.ipv4.ip_nonlocal_bind=1",
    },
    {
	/* glibc strerror(EADDRNOTAVAIL); libuv/Node "connect EADDRNOTAVAIL";
	 * CPython [Errno 99]; Rust (os error 99), ErrorKind AddrNotAvailable;
	 * Java "Cannot assign requested address (Address not available)";
	 * .NET SocketException (99) */
	.id = "sys.eaddrnotavail",
	.patterns = {"cannot assign requested address", "can't assign requested address",
		     "~EADDRNOTAVAIL~", "[Errno 99]", "(os error 99)", "kind: AddrNotAvailable"},
	.runtimes = "Go, Node.js, Python, Java, .NET, Rust, Ruby, curl, ab, nginx (upstreams), "
		    "k6, wrk, JMeter, Gatling",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "no free local port for a new outgoing connection",
	.why = "connect() returned EADDRNOTAVAIL: every port of "
	       "net.ipv4.ip_local_port_range (28,232 by default) is in use toward this "
	       "destination address and port, counting connections in TIME_WAIT (60 s "
	       "after each close on the side that closed first). One source address "
	       "holds about 28,000 connections to one server address and port.",
	.confirm = CONFIRM_PORTS,
	.fix = FIX_PORTS,
    },
    {
	/* A client that binds port 0 before connecting: Go's Dialer.LocalAddr
	 * ("dial tcp 0.0.0.0:0->10.0.0.1:80: bind: address already in use", as
	 * vegeta does), Java on Windows "Address already in use: connect",
	 * libuv "connect EADDRINUSE" */
	.id = "sys.eaddrinuse-client",
	.patterns = {":0->*address already in use", "Address already in use: connect",
		     "connect EADDRINUSE", "Address already in use (connect failed)",
		     "bind*0.0.0.0:0*address already in use"},
	.runtimes = "Go (net.Dialer with LocalAddr: vegeta, k6), Java (JMeter, Gatling on "
		    "Windows), Node.js",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "a client found no free local port: not a port taken by a server",
	.why = "The failing call binds port 0 (any local port) or connects: the kernel "
	       "had no free port left in net.ipv4.ip_local_port_range, counting "
	       "connections in TIME_WAIT. A client that binds before connecting gets "
	       "EADDRINUSE where a plain connect() gets EADDRNOTAVAIL; both are the "
	       "ephemeral ports running out, not another program on the port.",
	.confirm = CONFIRM_PORTS,
	.fix = FIX_PORTS,
    },
    {
	/* Windows Winsock WSAEADDRINUSE (10048), FormatMessage: "Only one usage
	 * of each socket address (protocol/network address/port) is normally
	 * permitted." (.NET SocketException (10048), Python [WinError 10048]),
	 * from a bind() or listen(): a server's port is taken */
	.id = "win.eaddrinuse-bind",
	.patterns = {"bind*Only one usage of each socket address",
		     "Only one usage of each socket address*bind",
		     "listen*Only one usage of each socket address"},
	.runtimes = "Windows: .NET (Kestrel), Python, Node.js, Java",
	.cause = "app.port-in-use",
	.title = "the port is taken (Windows)",
	.why = "bind() returned WSAEADDRINUSE: another process listens on the port.",
	.confirm = "netstat -ano | findstr :PORT",
	.fix = "stop the other process or use another port",
    },
    {
	/* WSAEADDRINUSE (10048) without a bind: a client's connect() found no
	 * free local port (Windows reports it so, where Linux says
	 * EADDRNOTAVAIL) */
	.id = "win.eaddrinuse",
	.patterns = {"Only one usage of each socket address", "(10048)", "[WinError 10048]",
		     "~WSAEADDRINUSE~"},
	.runtimes = "Windows: .NET (HttpClient), Python, Java, JMeter, Locust",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "a Windows client found no free local port",
	.why = "Windows gives WSAEADDRINUSE to a connect() when every dynamic port "
	       "(49152-65535 by default, 16384 ports) toward that address is taken, "
	       "TIME_WAIT (240 s by default) included.",
	.confirm = "netstat -ano | find /c \"TIME_WAIT\"; netsh int ipv4 show "
		   "dynamicport tcp",
	.fix = "keep connections alive, or widen the range: netsh int ipv4 set "
	       "dynamicport tcp start=10000 num=55535; TcpTimedWaitDelay=30",
	.candidates = {{LAYER_ID_PORTS_EPHEMERAL, "the failing call connects (a client)",
			"netstat -ano | find /c \"TIME_WAIT\""},
		       {"app.port-in-use", "the failing call binds a server's port",
			"netstat -ano | findstr :PORT"}},
    },
    {
	/* Winsock WSAENOBUFS (10055): "An operation on a socket could not be
	 * performed because the system lacked sufficient buffer space or because
	 * a queue was full."; openjdk src/java.base/windows/native/libnet/
	 * net_util_md.c: "No buffer space available (maximum connections
	 * reached?)" */
	.id = "win.enobufs",
	.patterns = {"lacked sufficient buffer space or because a queue was full",
		     "No buffer space available (maximum connections reached?)", "(10055)",
		     "[WinError 10055]", "~WSAENOBUFS~"},
	.runtimes = "Windows: .NET, Java (JMeter, Gatling), Python",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "a Windows client ran out of sockets: usually the dynamic ports",
	.why = "Winsock returns WSAENOBUFS when it cannot create or connect another "
	       "socket; under a load test that is the dynamic port range used up by "
	       "connections and TIME_WAIT, less often non-paged memory.",
	.confirm = "netstat -ano | find /c \"TIME_WAIT\"; netsh int ipv4 show "
		   "dynamicport tcp",
	.fix = "keep connections alive, or widen the dynamic port range (netsh int "
	       "ipv4 set dynamicport tcp ...) and shorten TcpTimedWaitDelay",
    },
    {
	/* glibc strerror(EADDRINUSE); Go "listen tcp :8080: bind: address
	 * already in use"; Node.js "listen EADDRINUSE"; CPython [Errno 98];
	 * Rust (os error 98), ErrorKind AddrInUse; nginx "(98: Address already
	 * in use)"; gunicorn sock.py "Connection in use: %s" */
	.id = "sys.eaddrinuse",
	.patterns = {"address already in use", "~EADDRINUSE~", "[Errno 98]", "(os error 98)",
		     "kind: AddrInUse", "[ERROR] Connection in use:"},
	.runtimes = "Go, Node.js, Python, Java, Rust, Ruby, nginx, Apache httpd, memcached",
	.cause = "app.port-in-use",
	.also = LAYER_ID_PORTS_EPHEMERAL,
	.title = "the port is taken",
	.why = "bind() returned EADDRINUSE. For a server: another process (often an "
	       "old instance) listens on the port, or the port lies inside "
	       "ip_local_port_range and a client connection took it first. For a "
	       "client that binds a source address before connecting: its ephemeral "
	       "ports are used up.",
	.confirm = "ss -ltnp 'sport = :PORT'; cat /proc/sys/net/ipv4/ip_local_port_range "
		   "/proc/sys/net/ipv4/ip_local_reserved_ports",
	.fix = "stop the other listener or use another port; keep server ports out of "
	       "the ephemeral range (net.ipv4.ip_local_reserved_ports); SO_REUSEADDR on "
	       "listeners; IP_BIND_ADDRESS_NO_PORT for clients that bind",
	.candidates = {{"app.port-in-use",
			"a server starting: the line names listen or bind on a fixed port",
			"ss -ltnp 'sport = :PORT'"},
		       CAND_PORTS},
    },
    {
	/* glibc strerror(ECONNRESET); Node.js "read ECONNRESET", "socket hang
	 * up"; CPython [Errno 104]; Rust (os error 104), ErrorKind
	 * ConnectionReset; Java "java.net.SocketException: Connection reset" */
	.id = "sys.econnreset",
	.patterns = {"connection reset by peer", "~ECONNRESET~", "[Errno 104]", "(os error 104)",
		     "SocketException: Connection reset", "socket hang up"},
	.runtimes = "Go, Node.js, Python, Java, .NET, Rust, Ruby, curl, k6, wrk, JMeter",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "the server side reset the connection",
	.why = "During a ramp-up this is usually the listen queue: the handshake "
	       "completed, but the server's accept queue (the smaller of its listen() "
	       "backlog and net.core.somaxconn) was full, so the connection was "
	       "dropped or reset; or the server was out of fds or at its own connection "
	       "cap and closed what it accepted. Later in a test it means the server "
	       "closed or crashed with connections open.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE "; raise the server's nofile limit and its connection cap",
	.candidates = {CAND_QUEUE, CAND_SERVER_NOFILE, CAND_SERVER_DIED},
    },
    {
	/* glibc strerror(ETIMEDOUT); CPython [Errno 110]; Rust (os error 110),
	 * ErrorKind TimedOut; Java "connect timed out"; curl (28) */
	.id = "sys.etimedout",
	.patterns = {"connection timed out", "~ETIMEDOUT~", "[Errno 110]", "(os error 110)",
		     "connect timed out", "kind: TimedOut"},
	.runtimes = "Go, Node.js, Python, Java, Rust, Ruby, curl, nginx, JMeter",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "a connection attempt got no answer",
	.why = "SYNs were sent and never answered. On a healthy network during a load "
	       "test that is the server's SYN queue (net.ipv4.tcp_max_syn_backlog) or "
	       "accept queue overflowing, where the kernel drops SYNs silently, or "
	       "nf_conntrack dropping packets when its table is full.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops "
		   "TcpExtTCPReqQFullDrop; dmesg | grep -E 'SYN flooding|table full'",
	.fix = FIX_QUEUE "; raise net.netfilter.nf_conntrack_max or do not track the test "
			 "traffic",
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* glibc strerror(ECONNREFUSED); Node.js "connect ECONNREFUSED"; CPython
	 * [Errno 111]; Rust (os error 111), ErrorKind ConnectionRefused */
	.id = "sys.econnrefused",
	.patterns = {"connection refused", "~ECONNREFUSED~", "[Errno 111]", "(os error 111)",
		     "kind: ConnectionRefused"},
	.runtimes = "Go, Node.js, Python, Java, .NET, Rust, Ruby, curl, wrk, ab, k6, JMeter, "
		    "nginx, HAProxy",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "nothing listens on that port: the server is down",
	.why = "The host answered the SYN with a reset: no socket listens on that "
	       "address and port. In a load test the server process usually died, "
	       "often of a limit behind the other errors (out of fds, killed by the OOM "
	       "killer, out of threads); or it has not started yet, or it listens on "
	       "another address (127.0.0.1 against ::1).",
	.confirm = CONFIRM_SERVER_UP,
	.fix = "find out why the server stopped (run headroom explain on its log) and "
	       "fix that limit; restart it under a supervisor (Restart=on-failure)",
    },
    {
	/* glibc strerror(EPIPE); Go "write: broken pipe"; CPython [Errno 32] */
	.id = "sys.epipe",
	.patterns = {"write: broken pipe", "[Errno 32] Broken pipe", "(os error 32)", "~EPIPE~",
		     "IOException: Broken pipe", "(32: Broken pipe)"},
	.runtimes = "Go, Node.js, Python, Java, Rust",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the peer closed the connection while this side was still writing",
	.why = "EPIPE: the other end closed (or reset) the connection. Under load the "
	       "server closed connections it would not serve (at its connection cap, "
	       "out of fds) or went away; a client that gave up makes the server log "
	       "the same.",
	.confirm = CONFIRM_SERVER_UP,
	.fix = "see why the peer closed: its log (\"too many open files\", "
	       "worker_connections, maxclients); match the idle timeouts of both sides",
	.candidates = {CAND_SERVER_DIED, CAND_SERVER_NOFILE, CAND_QUEUE},
    },
    {
	/* epoll_ctl(2) ENOSPC; Go, libuv "epoll_ctl ... no space left on
	 * device" */
	.id = "sys.epoll-enospc",
	.patterns = {"epoll*No space left on device", "epoll*ENOSPC"},
	.runtimes = "any epoll user: Go, Node.js, nginx, Java NIO",
	.cause = LAYER_ID_EPOLL_WATCHES,
	.title = "fs.epoll.max_user_watches reached",
	.why = "epoll_ctl() returns ENOSPC when the user's registered fds in all "
	       "epoll sets reach fs.epoll.max_user_watches (a share of memory at boot).",
	.confirm = "sysctl fs.epoll.max_user_watches; grep -c tfd /proc/PID/fdinfo/*",
	.fix = "sysctl -w fs.epoll.max_user_watches=N, persisted in /etc/sysctl.d/",
    },
    {
	/* glibc strerror(EMFILE); errno name EMFILE */
	.id = "sys.emfile",
	.patterns = {"too many open files", "~EMFILE~"},
	.runtimes = "any: C, C++, Go, Python, Java, Rust, Ruby, PHP, Erlang",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_NR_OPEN,
	.title = "a process is out of file descriptors (EMFILE)",
	.why = "The process reached its RLIMIT_NOFILE: every socket, file, pipe and "
	       "epoll instance is one fd. Most programs run with the soft limit they "
	       "inherited (1024 by default); Go 1.19+, Node.js, .NET and the JVM raise "
	       "the soft limit to the hard limit at start-up, so for them the hard "
	       "limit counts.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = FIX_NOFILE_SERVICE,
    },
};
const size_t explain_cat_generic_len = nitems(explain_cat_generic);
