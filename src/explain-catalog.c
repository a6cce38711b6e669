/*
 * explain-catalog.c: the catalogue of error signatures, as data.
 *
 * Adding a signature: add an entry here (patterns in the language of
 * explain-pattern.h), add at least two lines it must explain and one near
 * miss it must not to tests/explain/samples.txt, and make sure its cause
 * has a section in man/headroom-errors.7 (the tests check all three).
 *
 * Order is priority: a line is explained by the first entry that matches
 * it, so specific signatures (a runtime's own wording, ENFILE before
 * EMFILE, bind before connect) come before the generic errno ones at the
 * end. This file is long because it is the data, not code.
 */
#include "config.h"

#include <string.h>

#include "explain.h"
#include "headroom.h"

const struct explain_entry explain_catalog[] = {
    /* ---- open files: the whole system ---- */
    {
	.id = "kernel.file-max",
	.patterns = {"VFS: file-max limit # reached"},
	.runtimes = "Linux kernel log (dmesg, journalctl -k)",
	.cause = "fs.file-max",
	.also = "nofile.soft",
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
	.id = "sys.enfile",
	.patterns = {"too many open files in system", "~ENFILE~", "[Errno 23]", "(os error 23)"},
	.runtimes = "any: Go, Node.js, Python, Java, Rust, nginx, C",
	.cause = "fs.file-max",
	.title = "ENFILE: the system-wide file table is full, not this process's limit",
	.why = "\"In system\" is ENFILE, not EMFILE: the process is under its own "
	       "RLIMIT_NOFILE, but the kernel-wide fs.file-max was reached. Raising "
	       "ulimit -n does nothing here.",
	.confirm = "cat /proc/sys/fs/file-nr; dmesg | grep 'file-max limit'; find the "
		   "holder: ls /proc/*/fd | sort | uniq -c | sort -n | tail",
	.fix = "raise fs.file-max (sysctl -w fs.file-max=N, persisted in "
	       "/etc/sysctl.d/) and stop whatever leaks handles",
    },

    /* ---- open files: one process, in a tool's own words ---- */
    {
	.id = "locust.nofile",
	.patterns = {"System open file limit '#' is below minimum setting '#'"},
	.runtimes = "Locust (Python)",
	.cause = "nofile.hard",
	.also = "nofile.soft",
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
	.id = "es.nofile",
	.patterns = {"max file descriptors [#] for * is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = "nofile.hard",
	.also = "nofile.soft",
	.title = "the JVM's open-file limit is below what the bootstrap check needs",
	.why = "The JVM raises its soft limit to the hard limit at start-up, so the "
	       "number reported is the hard RLIMIT_NOFILE it inherited; the node refuses "
	       "to start in production mode below 65535.",
	.confirm = "grep 'open files' /proc/PID/limits; systemctl show -p LimitNOFILE "
		   "elasticsearch",
	.fix = "LimitNOFILE=65535 (or more) in the unit (systemctl edit elasticsearch), "
	       "or a limits.conf nofile line for the user when started from a shell",
    },
    {
	.id = "es.max-map-count",
	.patterns = {"max virtual memory areas vm.max_map_count [#] is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = "max_map_count",
	.title = "vm.max_map_count is below what the bootstrap check needs",
	.why = "Each memory-mapped index file and each thread stack is a mapping; "
	       "vm.max_map_count caps mappings per process and mmap fails beyond it.",
	.confirm = "sysctl vm.max_map_count; wc -l /proc/PID/maps",
	.fix = "sysctl -w vm.max_map_count=262144, persisted in /etc/sysctl.d/",
    },
    {
	.id = "es.nproc",
	.patterns = {"max number of threads [#] for user [@] is too low"},
	.runtimes = "Elasticsearch, OpenSearch (bootstrap checks)",
	.cause = "nproc",
	.also = "threads-max cgroup.pids",
	.title = "the user's thread limit (RLIMIT_NPROC) is too low",
	.why = "RLIMIT_NPROC counts the threads of every process of the user, not "
	       "processes only; the node needs thousands of threads for its pools.",
	.confirm = "ulimit -u as that user; grep processes /proc/PID/limits",
	.fix = "LimitNPROC=4096 (or more) in the unit, or a limits.conf nproc line for "
	       "the user",
    },
    {
	.id = "ab.emfile",
	.patterns = {"socket: Too many open files (24)"},
	.runtimes = "ab (ApacheBench)",
	.cause = "nofile.soft",
	.also = "nofile.hard",
	.title = "ab ran out of file descriptors for its -c connections",
	.why = "ab opens -c sockets at once and does not raise its own RLIMIT_NOFILE; "
	       "with -c near or above ulimit -n (1024 by default) the socket call fails "
	       "and the run aborts.",
	.confirm = "ulimit -n in the shell that runs ab, compared with -c",
	.fix = "headroom exec --nofile N -- ab -c C ... with N above C plus a few; or "
	       "ulimit -n N first when the hard limit allows it",
    },
    {
	.id = "nginx.worker-connections",
	.patterns = {"worker_connections are not enough"},
	.runtimes = "nginx",
	.cause = "app.worker-connections",
	.also = "nofile.soft",
	.title = "an nginx worker reached its worker_connections setting",
	.why = "worker_connections caps the connections one worker holds, counting "
	       "client and upstream connections alike (a proxied request takes two). "
	       "It is nginx's own setting, not a kernel limit, and the worker's fd "
	       "limit (worker_rlimit_nofile) must be at least as high.",
	.confirm = "nginx -T | grep -E 'worker_(connections|processes|rlimit_nofile)'",
	.fix = "raise worker_connections in the events block and worker_rlimit_nofile "
	       "(about twice worker_connections) in the main context; nginx -s reload",
    },
    {
	.id = "nginx.emfile",
	.patterns = {"failed (24: Too many open files)"},
	.runtimes = "nginx",
	.cause = "nofile.soft",
	.also = "nofile.hard",
	.title = "an nginx worker is out of file descriptors",
	.why = "accept4(), socket() or open() returned EMFILE in a worker: its "
	       "RLIMIT_NOFILE is below the connections it holds (clients, upstreams, "
	       "files). Workers get worker_rlimit_nofile when it is set, otherwise the "
	       "limit nginx started with (LimitNOFILE= of nginx.service, not "
	       "limits.conf).",
	.confirm = "grep 'open files' /proc/WORKER_PID/limits; nginx -T | grep "
		   "worker_rlimit_nofile",
	.fix = "set worker_rlimit_nofile (for example twice worker_connections) and "
	       "raise LimitNOFILE= in nginx.service (systemctl edit nginx); reload",
    },

    /* ---- Go ---- */
    {
	.id = "go.accept-emfile",
	.patterns = {"accept*: too many open files; retrying in"},
	.runtimes = "Go (net/http server)",
	.cause = "nofile.soft",
	.also = "nofile.hard fs.nr_open",
	.title = "a Go server cannot accept: it is out of file descriptors",
	.why = "http.Server's accept loop got EMFILE and backs off (5 ms doubling up "
	       "to 1 s) instead of exiting, so new clients wait in the listen queue and "
	       "time out or are reset. Each connection is one fd. Go 1.19 and later "
	       "raise the soft limit to the hard limit at start-up, so for a modern Go "
	       "server the hard limit is what ran out.",
	.confirm = "grep 'open files' /proc/PID/limits; ls /proc/PID/fd | wc -l; "
		   "headroom check --pid PID",
	.fix = "raise the server's limits: LimitNOFILE= in its unit, headroom exec "
	       "--nofile N -- SERVER at start, headroom raise --pid PID --nofile N "
	       "while it runs",
    },
    {
	.id = "go.socket-emfile",
	.patterns = {"socket: too many open files"},
	.runtimes = "Go (net.Dial, net/http client, gorilla/websocket), k6, vegeta, hey",
	.cause = "nofile.soft",
	.also = "nofile.hard fs.nr_open",
	.title = "a Go client cannot create a socket: it is out of file descriptors",
	.why = "socket(2) failed with EMFILE: each connection is one fd and the client "
	       "reached its RLIMIT_NOFILE (the default soft limit is 1024). Go 1.19 and "
	       "later raise the soft limit to the hard limit at start-up, so there the "
	       "hard limit ran out; an older Go binary stops at the soft limit.",
	.confirm = "ulimit -Sn; ulimit -Hn in the shell that runs the client; grep "
		   "'open files' /proc/PID/limits",
	.fix = "headroom exec --nofile N -- CLIENT with N = connections + 16; raise "
	       "the hard limit persistently with limits.conf or LimitNOFILE=",
    },
    {
	.id = "go.lookup-fds",
	.patterns = {"lookup @: no such host"},
	.runtimes = "Go (net resolver), k6",
	.cause = "nofile.soft",
	.also = "nofile.hard",
	.title = "a name lookup failed without asking a DNS server: out of fds",
	.why = "The message names no DNS server (a real negative answer reads \"lookup "
	       "HOST on SERVER:53: no such host\"): the Go resolver could not even open "
	       "/etc/hosts or a socket to the server, which is what running out of file "
	       "descriptors looks like. \"lookup localhost: no such host\" during a load "
	       "test is fd exhaustion, not DNS.",
	.confirm = "look for \"too many open files\" in the same log; compare the "
		   "connections in flight with the client's ulimit -n",
	.fix = "as for \"socket: too many open files\": headroom exec --nofile N -- "
	       "CLIENT",
    },
    {
	.id = "go.thread-limit",
	.patterns = {"program exceeds #-thread limit"},
	.runtimes = "Go runtime",
	.cause = "app.go-max-threads",
	.also = "nproc threads-max",
	.title = "the Go runtime hit its own 10000-thread limit",
	.why = "Go runs an OS thread for each goroutine blocked in a system call or a "
	       "cgo call, and aborts beyond debug.SetMaxThreads (10000). Under load that "
	       "means thousands of blocking calls at once: the cgo DNS resolver, slow "
	       "file I/O, a C library. It is the program's own limit, not the "
	       "kernel's.",
	.confirm = "the crash dump lists goroutines in syscalls; GODEBUG=netdns=go+2 "
		   "shows which resolver runs; ls /proc/PID/task | wc -l",
	.fix = "stop the blocking: the pure-Go resolver (GODEBUG=netdns=go or "
	       "CGO_ENABLED=0), bounded concurrency for blocking calls; raise "
	       "debug.SetMaxThreads only for legitimate threads, then check nproc and "
	       "kernel.threads-max",
    },
    {
	.id = "sys.eagain-task",
	.patterns = {"pthread_create*Resource temporarily unavailable",
		     "failed to create new OS thread", "can't start new thread",
		     "failed to spawn thread", "fork: *Resource temporarily unavailable"},
	.runtimes = "Go runtime (cgo), Python (threading), Rust (std::thread), "
		    "C/C++ (pthreads), bash",
	.cause = "nproc",
	.also = "threads-max pid_max cgroup.pids max_map_count",
	.title = "the kernel refused a new thread or process (EAGAIN)",
	.why = "clone() returns EAGAIN when the user's RLIMIT_NPROC is reached (it "
	       "counts the threads of all the user's processes), when kernel.threads-max "
	       "or kernel.pid_max is reached, or when the cgroup's pids.max is (TasksMax= "
	       "in systemd, --pids-limit in containers). Thread stacks also need "
	       "mappings under vm.max_map_count.",
	.confirm = "ulimit -u; ps -eLf | wc -l; cat /proc/sys/kernel/threads-max "
		   "/proc/sys/kernel/pid_max; pids.max and pids.current of the cgroup; "
		   "headroom check",
	.fix = "raise the layer that is full: nproc (LimitNPROC=, limits.conf nproc), "
	       "TasksMax= of the unit, kernel.threads-max, kernel.pid_max, "
	       "vm.max_map_count; and bound thread pools",
    },
    {
	.id = "java.native-thread",
	.patterns = {"unable to create native thread", "unable to create new native thread"},
	.runtimes = "Java (OpenJDK/HotSpot), Tomcat, Elasticsearch, JMeter",
	.cause = "nproc",
	.also = "threads-max pid_max cgroup.pids max_map_count cgroup.memory",
	.title = "the JVM could not start a thread (an OutOfMemoryError that is not heap)",
	.why = "Despite the name this is rarely the heap: pthread_create failed because "
	       "the user reached RLIMIT_NPROC (it counts the threads of all the user's "
	       "processes), kernel.threads-max, kernel.pid_max, the cgroup's pids.max "
	       "(TasksMax=, --pids-limit) or vm.max_map_count, or there was no memory "
	       "left for another thread stack (-Xss).",
	.confirm = "ls /proc/PID/task | wc -l; grep processes /proc/PID/limits; "
		   "pids.max and pids.current of the cgroup; headroom check --pid PID",
	.fix = "bound the thread pools (a thread per connection does not reach 10k), "
	       "then raise the layer that is full: LimitNPROC= or limits.conf nproc, "
	       "TasksMax=, kernel.threads-max, kernel.pid_max",
    },
    {
	.id = "go.closed-conn",
	.patterns = {"use of closed network connection"},
	.runtimes = "Go (net, net/http, gorilla/websocket)",
	.cause = "app.closed-conn",
	.title = "the program used a connection after it was closed",
	.why = "net.ErrClosed: a Read, Write or Accept ran on a connection or listener "
	       "this process had already closed. It is an application race or a "
	       "shutdown path, not a system limit; under load it often follows another "
	       "error that made one goroutine close the connection while another still "
	       "used it.",
	.confirm = "find the first error on the same connection earlier in the log; "
		   "run with -race",
	.fix = "close each connection from the one goroutine that owns it, stop "
	       "readers first, and treat errors.Is(err, net.ErrClosed) as a normal end "
	       "during shutdown",
    },
    {
	.id = "go.ws-concurrent-write",
	.patterns = {"concurrent write to websocket connection"},
	.runtimes = "Go (gorilla/websocket)",
	.cause = "app.concurrent-write",
	.title = "two goroutines wrote to one websocket connection at once",
	.why = "gorilla/websocket supports one writer and one reader per connection at "
	       "a time; it detects a second concurrent writer and panics. An "
	       "application bug, not a limit: load only makes the overlap likely "
	       "(broadcasts, pings and replies writing at the same time).",
	.confirm = "run with -race; the panic's stack names one writer, -race the "
		   "other",
	.fix = "one writer goroutine per connection fed by a channel, or a mutex per "
	       "connection around WriteMessage/NextWriter; WriteControl (ping, close) "
	       "is the one write call safe to use concurrently",
    },

    /* ---- open files: one process, by runtime ---- */
    {
	.id = "node.emfile",
	.patterns = {"Error: EMFILE", "Error: @ EMFILE", "code: 'EMFILE'", "\"code\":\"EMFILE\""},
	.runtimes = "Node.js (libuv)",
	.cause = "nofile.hard",
	.also = "nofile.soft fs.nr_open",
	.title = "a Node.js process is out of file descriptors: its hard limit",
	.why = "Node.js raises its soft RLIMIT_NOFILE to the hard limit when it starts, "
	       "so EMFILE means the hard limit was reached; the soft limit shown by "
	       "ulimit -n in the shell is not the number that matters.",
	.confirm = "grep 'open files' /proc/PID/limits (both columns); ls /proc/PID/fd "
		   "| wc -l",
	.fix = "raise the hard limit where node starts: LimitNOFILE= in the unit, a "
	       "limits.conf nofile line, or headroom exec --nofile N -- node ...",
    },
    {
	.id = "py.emfile",
	.patterns = {"[Errno 24]"},
	.runtimes = "Python (socket, asyncio, requests, aiohttp)",
	.cause = "nofile.soft",
	.also = "nofile.hard fs.nr_open",
	.title = "a Python process is out of file descriptors (its soft limit)",
	.why = "EMFILE. Python does not raise its own limit, so the soft RLIMIT_NOFILE "
	       "it inherited (often 1024) is what was reached; asyncio servers log "
	       "\"socket.accept() out of system resource\" with it and keep retrying.",
	.confirm = "python3 -c 'import resource; "
		   "print(resource.getrlimit(resource.RLIMIT_NOFILE))'; grep 'open files' "
		   "/proc/PID/limits",
	.fix = "start it with a higher limit (headroom exec --nofile N -- python3 "
	       "...), or raise the soft limit to the hard one in the program with "
	       "resource.setrlimit",
    },
    {
	.id = "java.emfile",
	.patterns = {"Exception*Too many open files"},
	.runtimes = "Java (OpenJDK/HotSpot), JMeter, Gatling, Tomcat, Netty",
	.cause = "nofile.hard",
	.also = "nofile.soft fs.nr_open",
	.title = "a JVM is out of file descriptors",
	.why = "HotSpot raises its soft RLIMIT_NOFILE to the hard limit at start-up "
	       "(-XX:+MaxFDLimit, the default), so the hard limit it inherited is what "
	       "ran out. Services started by systemd get LimitNOFILE= of their unit, "
	       "not limits.conf.",
	.confirm = "grep 'open files' /proc/PID/limits; ls /proc/PID/fd | wc -l",
	.fix = "raise the hard limit where the JVM starts: LimitNOFILE= (systemctl "
	       "edit SERVICE), a limits.conf nofile line for login sessions, or "
	       "headroom exec --nofile N -- java ...",
    },
    {
	.id = "rust.emfile",
	.patterns = {"(os error 24)", "code: 24, kind:"},
	.runtimes = "Rust (std, tokio, hyper, axum)",
	.cause = "nofile.soft",
	.also = "nofile.hard fs.nr_open",
	.title = "a Rust program is out of file descriptors",
	.why = "EMFILE. Rust's standard library does not raise RLIMIT_NOFILE, so the "
	       "inherited soft limit applies. An accept loop that retries at once on "
	       "this error spins at full CPU while clients time out in the listen "
	       "queue.",
	.confirm = "grep 'open files' /proc/PID/limits; ls /proc/PID/fd | wc -l",
	.fix = "start with a higher limit (headroom exec --nofile N -- PROGRAM, "
	       "LimitNOFILE=), or raise the soft limit to the hard one at start-up; back "
	       "off in the accept loop on EMFILE",
    },

    /* ---- load generators ---- */
    {
	.id = "ab.econnreset",
	.patterns = {"apr_socket_recv: Connection reset by peer (104)"},
	.runtimes = "ab (ApacheBench)",
	.cause = "backlog.somaxconn",
	.also = "backlog.syn",
	.title = "the server reset a connection and ab aborted the run",
	.why = "ab opens -c connections at once; when they outrun the server's listen "
	       "queue (the smaller of its listen() backlog and net.core.somaxconn) the "
	       "kernel drops or resets the excess, and ab stops at the first reset.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops; "
		   "ss -ltn (Recv-Q against Send-Q of the listener)",
	.fix = "raise net.core.somaxconn and the server's backlog; ab -r keeps going "
	       "after errors",
    },
    {
	.id = "ab.timeout",
	.patterns = {"apr_pollset_poll: The timeout specified has expired"},
	.runtimes = "ab (ApacheBench)",
	.cause = "backlog.syn",
	.also = "backlog.somaxconn conntrack",
	.title = "ab got no answer within its timeout (-s, 30 s)",
	.why = "Connections or responses stalled: SYNs dropped by a full SYN or accept "
	       "queue are retried after 1 s, 3 s, 7 s..., so a saturated listener shows "
	       "up as timeouts, not errors.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops "
		   "TcpExtTCPReqQFullDrop",
	.fix = "raise net.core.somaxconn, net.ipv4.tcp_max_syn_backlog and the "
	       "server's backlog; lower -c or raise -s",
    },
    {
	.id = "wrk.timeouts",
	.patterns = {"Socket errors: connect 0, read #, write #, timeout #"},
	.runtimes = "wrk, wrk2",
	.cause = "backlog.somaxconn",
	.also = "backlog.syn",
	.title = "wrk connected but saw read errors or timeouts",
	.why = "All connects succeeded, so wrk's own limits were fine; read and write "
	       "errors are resets from the server, timeouts are responses slower than "
	       "--timeout (2 s): a saturated server or an overflowing listen queue.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops; "
		   "the server's own log",
	.fix = "raise net.core.somaxconn and the server's backlog; lower -c or raise "
	       "--timeout when the server is simply slow",
    },
    {
	.id = "wrk.connect-errors",
	.patterns = {"Socket errors: connect #"},
	.runtimes = "wrk, wrk2",
	.cause = "nofile.soft",
	.also = "nofile.hard ports.ephemeral",
	.title = "wrk could not open some of its -c connections",
	.why = "wrk prints this line only when a count is not zero. Connect errors come "
	       "from wrk's side: it does not raise its own RLIMIT_NOFILE, so -c at or "
	       "above ulimit -n fails, as do connections beyond the ephemeral port range "
	       "to one server address.",
	.confirm = "ulimit -n in the shell that ran wrk, against -c",
	.fix = "headroom exec --nofile N -- wrk -c C ... with N above C plus wrk's "
	       "threads",
    },
    {
	.id = "jmeter.no-response",
	.patterns = {"NoHttpResponseException"},
	.runtimes = "JMeter, Apache HttpClient (Java)",
	.cause = "backlog.somaxconn",
	.also = "nofile.soft",
	.title = "the server closed a connection without answering",
	.why = "The connection ended where a response should have started: the server "
	       "is saturated or out of fds and closes what it cannot serve, its accept "
	       "queue overflowed, or it closed an idle kept-alive connection just as "
	       "JMeter reused it.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows; its log for \"too "
		   "many open files\"; its keep-alive timeout against JMeter's",
	.fix = "raise the server's backlog and nofile limit; set JMeter's "
	       "httpclient4.idletimeout below the server's keep-alive timeout",
    },

    /* ---- ports and addresses ---- */
    {
	.id = "sys.bind-eaddrnotavail",
	.patterns = {"bind: cannot assign requested address",
		     "cannot assign requested address*bind", "listen EADDRNOTAVAIL",
		     "bind() to @ failed (99:"},
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
	.id = "sys.eaddrnotavail",
	.patterns = {"cannot assign requested address", "can't assign requested address",
		     "~EADDRNOTAVAIL~", "[Errno 99]", "(os error 99)"},
	.runtimes = "Go, Node.js, Python, Java, Rust, curl, ab, nginx (upstreams), k6, "
		    "wrk, JMeter",
	.cause = "ports.ephemeral",
	.also = "tcp.tw",
	.title = "no free local port for a new outgoing connection",
	.why = "connect() returned EADDRNOTAVAIL: every port of "
	       "net.ipv4.ip_local_port_range (28,232 by default) is in use toward this "
	       "destination address and port, counting connections in TIME_WAIT (60 s "
	       "after each close on the side that closed first). One source address "
	       "holds about 28,000 connections to one server address and port.",
	.confirm = "cat /proc/sys/net/ipv4/ip_local_port_range; ss -tan state "
		   "time-wait | wc -l; headroom check --role client",
	.fix = "widen the range (sysctl -w net.ipv4.ip_local_port_range='1024 "
	       "65000'), keep connections alive instead of one per request, "
	       "net.ipv4.tcp_tw_reuse=1 for outgoing connections, or spread over more "
	       "source addresses or server ports (headroom verify --sources K)",
    },
    {
	.id = "sys.eaddrinuse",
	.patterns = {"address already in use", "~EADDRINUSE~", "[Errno 98]", "(os error 98)"},
	.runtimes = "Go, Node.js, Python, Java, Rust, nginx",
	.cause = "app.port-in-use",
	.also = "ports.ephemeral",
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
    },

    /* ---- queues and timeouts ---- */
    {
	.id = "sys.econnreset",
	.patterns = {"connection reset by peer", "~ECONNRESET~", "[Errno 104]", "(os error 104)",
		     "SocketException: Connection reset", "socket hang up"},
	.runtimes = "Go, Node.js, Python, Java, Rust, curl, k6, wrk, JMeter",
	.cause = "backlog.somaxconn",
	.also = "backlog.syn nofile.soft",
	.title = "the server side reset the connection",
	.why = "During a ramp-up this is usually the listen queue: the handshake "
	       "completed, but the server's accept queue (the smaller of its listen() "
	       "backlog and net.core.somaxconn) was full, so the connection was "
	       "dropped or reset; or the server was out of fds and closed what it "
	       "accepted. Later in a test it means the server closed or crashed with "
	       "connections open.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops "
		   "(growing counters confirm it); ss -ltn; its log for \"too many open "
		   "files\"",
	.fix = "raise net.core.somaxconn and the server's own backlog (nginx listen "
	       "... backlog=N; Node server.listen(port, host, backlog)), raise the "
	       "server's nofile limit, and ramp clients up gradually",
    },
    {
	.id = "go.io-timeout",
	.patterns = {"i/o timeout", "TLS handshake timeout", "Client.Timeout exceeded"},
	.runtimes = "Go (net, net/http, gorilla/websocket), k6",
	.cause = "backlog.somaxconn",
	.also = "backlog.syn conntrack",
	.title = "the peer did not answer before the deadline",
	.why = "During a connection or websocket handshake under load this means the "
	       "server does not accept fast enough: SYNs and completed connections wait "
	       "in, or are dropped from, a full listen queue (the kernel drops rather "
	       "than refuses, so clients see timeouts), conntrack drops packets when "
	       "its table is full, or the client's handshake timeout is shorter than "
	       "the queueing delay.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops; "
		   "dmesg | grep -E 'SYN flooding|conntrack'",
	.fix = "raise net.core.somaxconn, net.ipv4.tcp_max_syn_backlog and the "
	       "server's backlog; give the handshake a longer timeout; ramp up clients "
	       "gradually",
    },
    {
	.id = "sys.etimedout",
	.patterns = {"connection timed out", "~ETIMEDOUT~", "[Errno 110]", "(os error 110)",
		     "connect timed out", "curl: (28)"},
	.runtimes = "Go, Node.js, Python, Java, Rust, curl, nginx, JMeter",
	.cause = "backlog.syn",
	.also = "backlog.somaxconn conntrack",
	.title = "a connection attempt got no answer",
	.why = "SYNs were sent and never answered. On a healthy network during a load "
	       "test that is the server's SYN queue (net.ipv4.tcp_max_syn_backlog) or "
	       "accept queue overflowing, where the kernel drops SYNs silently, or "
	       "nf_conntrack dropping packets when its table is full.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops "
		   "TcpExtTCPReqQFullDrop; dmesg | grep -E 'SYN flooding|table full'",
	.fix = "raise net.core.somaxconn, net.ipv4.tcp_max_syn_backlog and the "
	       "server's backlog; raise net.netfilter.nf_conntrack_max or do not track "
	       "the test traffic",
    },
    {
	.id = "sys.econnrefused",
	.patterns = {"connection refused", "~ECONNREFUSED~", "[Errno 111]", "(os error 111)",
		     "Couldn't connect to server"},
	.runtimes = "Go, Node.js, Python, Java, Rust, curl, wrk, ab, k6, JMeter, nginx",
	.cause = "app.server-died",
	.also = "nofile.soft",
	.title = "nothing listens on that port: the server is down",
	.why = "The host answered the SYN with a reset: no socket listens on that "
	       "address and port. In a load test the server process usually died, "
	       "often of a limit behind the other errors (out of fds, killed by the OOM "
	       "killer, out of threads); or it has not started yet, or it listens on "
	       "another address (127.0.0.1 against ::1).",
	.confirm = "ss -ltnp 'sport = :PORT'; the server's log and dmesg | grep -i "
		   "'killed process' around the first refusal",
	.fix = "find out why the server stopped (run headroom explain on its log) and "
	       "fix that limit; restart it under a supervisor (Restart=on-failure)",
    },
    {
	.id = "go.unexpected-eof",
	.patterns = {"unexpected EOF", "close 1006 (abnormal closure)"},
	.runtimes = "Go (net/http, gorilla/websocket, io), k6",
	.cause = "app.server-died",
	.also = "nofile.soft",
	.title = "the peer went away in the middle of a message",
	.why = "The connection ended before a complete response or frame arrived: the "
	       "server died or restarted (often of a limit: fds, memory, threads), a "
	       "proxy closed it at a timeout, or the server dropped connections it "
	       "could not serve. Websocket close 1006 is the same event.",
	.confirm = "was the server still running then? its log, systemctl status, dmesg "
		   "for OOM kills, \"too many open files\" in its log",
	.fix = "fix what stopped the server (see its log); match the idle timeouts of "
	       "client, proxy and server",
    },

    /* ---- kernel log ---- */
    {
	.id = "kernel.conntrack",
	.patterns = {"conntrack: table full, dropping packet"},
	.runtimes = "Linux kernel log (netfilter)",
	.cause = "conntrack",
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
	.id = "kernel.syn-flood",
	.patterns = {"Possible SYN flooding on port"},
	.runtimes = "Linux kernel log",
	.cause = "backlog.syn",
	.also = "backlog.somaxconn",
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
	.id = "kernel.orphans",
	.patterns = {"too many orphaned sockets", "too many of orphaned sockets"},
	.runtimes = "Linux kernel log",
	.cause = "tcp.mem",
	.also = "tcp.tw",
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
	.id = "kernel.tcp-mem",
	.patterns = {"out of memory -- consider tuning tcp_mem"},
	.runtimes = "Linux kernel log",
	.cause = "tcp.mem",
	.also = "mem.per-conn",
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
	.id = "kernel.tw-overflow",
	.patterns = {"time wait bucket table overflow"},
	.runtimes = "Linux kernel log",
	.cause = "tcp.tw",
	.also = "ports.ephemeral",
	.title = "more TIME_WAIT sockets than net.ipv4.tcp_max_tw_buckets",
	.why = "Each close leaves a TIME_WAIT socket for 60 s; beyond "
	       "tcp_max_tw_buckets the kernel destroys them early and logs this. It "
	       "means connections are opened and closed at a high rate.",
	.confirm = "ss -tan state time-wait | wc -l; sysctl net.ipv4.tcp_max_tw_buckets",
	.fix = "reuse connections (keep-alive); raise net.ipv4.tcp_max_tw_buckets; "
	       "net.ipv4.tcp_tw_reuse=1 on clients",
    },
    {
	.id = "kernel.cgroup-pids",
	.patterns = {"fork rejected by pids controller"},
	.runtimes = "Linux kernel log (cgroups), systemd, docker, Kubernetes",
	.cause = "cgroup.pids",
	.also = "nproc",
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
	.id = "kernel.oom-cgroup",
	.patterns = {"Memory cgroup out of memory"},
	.runtimes = "Linux kernel log (cgroups), systemd, docker, Kubernetes",
	.cause = "cgroup.memory",
	.also = "mem.per-conn",
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
	.id = "kernel.oom",
	.patterns = {"Out of memory: Kill* process #"},
	.runtimes = "Linux kernel log",
	.cause = "mem.per-conn",
	.also = "tcp.mem",
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
	.id = "sys.epoll-enospc",
	.patterns = {"epoll*No space left on device"},
	.runtimes = "any epoll user: Go, Node.js, nginx, Java NIO",
	.cause = "epoll.watches",
	.title = "fs.epoll.max_user_watches reached",
	.why = "epoll_ctl() returns ENOSPC when the user's registered fds in all "
	       "epoll sets reach fs.epoll.max_user_watches (a share of memory at boot).",
	.confirm = "sysctl fs.epoll.max_user_watches; grep -c tfd /proc/PID/fdinfo/*",
	.fix = "sysctl -w fs.epoll.max_user_watches=N, persisted in /etc/sysctl.d/",
    },

    /* ---- shell, PAM and launchd ---- */
    {
	.id = "sh.ulimit-eperm",
	.patterns = {"ulimit: open files: cannot modify limit: Operation not permitted",
		     "ulimit: error setting limit (Operation not permitted)"},
	.runtimes = "bash, dash (sh)",
	.cause = "nofile.hard",
	.also = "fs.nr_open caps limits.conf",
	.title = "ulimit -n cannot go above the hard limit",
	.why = "An unprivileged process may raise its soft limit only up to the hard "
	       "limit, and never the hard limit itself (CAP_SYS_RESOURCE). Even root "
	       "gets EPERM above fs.nr_open: the kernel refuses rather than clamps. "
	       "bash's ulimit -n N sets soft and hard together, so it fails as soon as "
	       "N is above the current hard limit.",
	.confirm = "ulimit -Hn; cat /proc/sys/fs/nr_open; headroom check",
	.fix = "ask for at most the hard limit (ulimit -Sn N), or raise the hard "
	       "limit where the session starts: limits.conf (pam_limits, new login), "
	       "LimitNOFILE= for services, or as root headroom exec --nofile N -- CMD; "
	       "raise fs.nr_open first when N is above it",
    },
    {
	.id = "sh.ulimit-einval",
	.patterns = {"ulimit: open files: cannot modify limit: Invalid argument"},
	.runtimes = "bash, zsh (Linux, macOS)",
	.cause = "nofile.hard",
	.also = "kern.maxfilesperproc launchd.maxfiles",
	.title = "the open-file limit asked for is not allowed (EINVAL)",
	.why = "On Linux the soft limit asked for is above the hard limit (ulimit -Sn "
	       "above ulimit -Hn). On macOS setrlimit refuses values above "
	       "kern.maxfilesperproc, and programs that pass OPEN_MAX cannot go past "
	       "10240: ulimit -n 20000 fails there until the sysctl and launchd's "
	       "maxfiles are raised.",
	.confirm = "Linux: ulimit -Hn. macOS: sysctl kern.maxfiles kern.maxfilesperproc; "
		   "launchctl limit maxfiles",
	.fix = "Linux: raise the hard limit first (see nofile.hard). macOS: sudo "
	       "sysctl -w kern.maxfilesperproc=N kern.maxfiles=M, sudo launchctl limit "
	       "maxfiles N M, then a new shell (headroom apply macos-dev persists it)",
    },
    {
	.id = "sh.sudo-ulimit",
	.patterns = {"sudo: ulimit: command not found"},
	.runtimes = "sudo, any shell",
	.cause = "nofile.hard",
	.title = "ulimit is a shell builtin: sudo cannot run it",
	.why = "sudo runs programs, and ulimit is not one. sudo sh -c 'ulimit -n N' "
	       "does run, but raises the limit of that short-lived shell only, never "
	       "of your session or of a running server.",
	.confirm = "type ulimit (\"ulimit is a shell builtin\")",
	.fix = "start the program with the limit: sudo headroom exec --nofile N -- CMD "
	       "(or prlimit --nofile=N:N CMD); for a running process headroom raise "
	       "--pid PID --nofile N; for later sessions limits.conf or LimitNOFILE=",
    },
    {
	.id = "pam.limits",
	.patterns = {"pam_limits(*): unknown limit item", "pam_limits(*): invalid line",
		     "pam_limits(*): wrong limit value", "pam_limits(*): Could not set limit for"},
	.runtimes = "PAM (pam_limits) in the auth log",
	.cause = "limits.conf",
	.also = "nofile.hard fs.nr_open",
	.title = "a limits.conf line was skipped or could not be applied at login",
	.why = "pam_limits reads /etc/security/limits.conf and limits.d/*.conf at each "
	       "login: it skips lines it cannot parse (\"nofiles\" for \"nofile\"), and "
	       "when a value is above fs.nr_open setrlimit fails and the session keeps "
	       "the old limit. A line such as \"* hard core 100000\" parses fine and "
	       "changes the wrong limit.",
	.confirm = "headroom check (limits.conf lint); grep -r nofile "
		   "/etc/security/limits.conf /etc/security/limits.d/",
	.fix = "correct the line (DOMAIN TYPE nofile VALUE, VALUE at most fs.nr_open) "
	       "and log in again",
    },
    {
	.id = "macos.launchctl-limit",
	.patterns = {"Could not set resource limits: #: Operation not permitted"},
	.runtimes = "macOS launchctl",
	.cause = "launchd.maxfiles",
	.also = "kern.maxfiles kern.maxfilesperproc",
	.title = "launchctl limit maxfiles was refused",
	.why = "launchd's limits are inherited by everything it starts; changing them "
	       "needs root, and the values cannot exceed kern.maxfiles and "
	       "kern.maxfilesperproc. Without a LaunchDaemon that sets them at boot "
	       "they are lost at the next reboot.",
	.confirm = "launchctl limit maxfiles; sysctl kern.maxfiles kern.maxfilesperproc",
	.fix = "sudo launchctl limit maxfiles N M after raising the two sysctls; "
	       "persist with a LaunchDaemon plist that runs it at boot (headroom apply "
	       "macos-dev); open a new shell",
    },

    /* ---- generic: any runtime, last ---- */
    {
	.id = "sys.emfile",
	.patterns = {"too many open files", "~EMFILE~"},
	.runtimes = "any: C, C++, Go, Python, Java, Rust, Ruby, PHP, Erlang",
	.cause = "nofile.soft",
	.also = "nofile.hard fs.nr_open",
	.title = "a process is out of file descriptors (EMFILE)",
	.why = "The process reached its RLIMIT_NOFILE: every socket, file, pipe and "
	       "epoll instance is one fd. Most programs run with the soft limit they "
	       "inherited (1024 by default); Go 1.19+, Node.js and the JVM raise the "
	       "soft limit to the hard limit at start-up, so for them the hard limit "
	       "counts.",
	.confirm = "grep 'open files' /proc/PID/limits; ls /proc/PID/fd | wc -l; "
		   "headroom check --pid PID",
	.fix = "headroom exec --nofile N -- CMD at start, headroom raise --pid PID "
	       "--nofile N while it runs, LimitNOFILE= or limits.conf to persist",
    },
};

const size_t explain_catalog_len = nitems(explain_catalog);

bool
explain_cause_is_layer(const char *cause)
{
	return strncmp(cause, "app.", 4) != 0;
}

const struct explain_entry *
explain_entry_find(const char *id)
{
	size_t i;

	for (i = 0; i < explain_catalog_len; i++) {
		if (strcmp(explain_catalog[i].id, id) == 0)
			return &explain_catalog[i];
	}
	return NULL;
}
