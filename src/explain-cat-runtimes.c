/*
 * explain-cat-runtimes.c: the errors as Go (and the tools written in it:
 * k6, vegeta, hey, Caddy, Traefik, etcd) and Node.js word them; the other
 * runtimes are in explain-cat-langs.c. Each entry names the source of its
 * message.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

#define GO_RUNTIMES "Go (net, net/http, gorilla/websocket), k6, vegeta, hey, Caddy, Traefik, etcd"

const struct explain_entry explain_cat_runtimes[] = {
    {
	/* inotify_init1() fails with EMFILE at fs.inotify.max_user_instances:
	 * gorakhargosh/watchdog src/watchdog/observers/inotify_c.py
	 * OSError(errno.EMFILE, "inotify instance limit reached"); coreutils
	 * src/tail.c "inotify cannot be used, reverting to polling" with
	 * strerror; kubernetes pkg/kubelet/kuberuntime/logs/logs.go "failed to
	 * create fsnotify watcher: %v"; systemd "Failed to allocate directory
	 * watch: %m" (Node's "EMFILE: too many open files, watch" is left to
	 * node.emfile: on macOS fs.watch takes one fd per file) */
	.id = "inotify.instances",
	.patterns = {"inotify instance limit reached", "inotify*too many open files",
		     "fsnotify*too many open files",
		     "Failed to allocate directory watch: Too many open files"},
	.runtimes = "Python watchdog, coreutils tail -f, kubelet and Go fsnotify users "
		    "(promtail, Traefik), systemd, Node.js fs.watch",
	.cause = "app.inotify-instances",
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "the user's inotify instances are used up (fs.inotify.max_user_instances)",
	.why = "inotify_init returns EMFILE, which prints as \"Too many open files\", "
	       "when the user already holds fs.inotify.max_user_instances instances "
	       "(128 by default, shared by every process and container of that uid on "
	       "the host), well before the process's own fd limit.",
	.confirm = "sysctl fs.inotify.max_user_instances; find /proc/*/fd -lname "
		   "anon_inode:inotify 2>/dev/null | wc -l",
	.fix = "sysctl -w fs.inotify.max_user_instances=1024 on the host (persisted in "
	       "/etc/sysctl.d/), or fewer watchers",
	.candidates = {{"app.inotify-instances",
			"the user's inotify fds reach fs.inotify.max_user_instances while "
			"the process is far below ulimit -n",
			"find /proc/*/fd -lname anon_inode:inotify 2>/dev/null | wc -l"},
		       {LAYER_ID_NOFILE_SOFT, "the process itself is at its fd limit",
			"ls /proc/PID/fd | wc -l against ulimit -n"}},
    },
    {
	/* inotify_add_watch() fails with ENOSPC at fs.inotify.max_user_watches:
	 * watchdog OSError(errno.ENOSPC, "inotify watch limit reached"); coreutils
	 * src/tail.c "inotify resources exhausted"; inotify-tools "upper limit on
	 * inotify watches reached!"; systemd "Failed to add %s to directory
	 * watch: %m"; Node.js before 10 "Error: watch %s ENOSPC" */
	.id = "inotify.watches",
	.patterns = {"inotify watch limit reached", "inotify resources exhausted",
		     "upper limit on inotify watches reached", "inotify*No space left on device",
		     "Error: watch @ ENOSPC", "to directory watch: No space left on device"},
	.runtimes = "Python watchdog, coreutils tail -f, inotifywait, systemd, Node.js",
	.cause = "app.inotify-watches",
	.title = "the user's inotify watches are used up (fs.inotify.max_user_watches)",
	.why = "Each watched file or directory takes an inotify watch; "
	       "fs.inotify.max_user_watches caps them per user and inotify_add_watch "
	       "returns ENOSPC (\"No space left on device\") beyond it, whatever the "
	       "free disk space.",
	.confirm = "sysctl fs.inotify.max_user_watches",
	.fix = "sysctl -w fs.inotify.max_user_watches=524288 (persisted in "
	       "/etc/sysctl.d/), or watch less",
    },
    {
	/* golang/go src/net/http/server.go Serve(): srv.logf("http: Accept error:
	 * %v; retrying in %v", err, tempDelay) */
	.id = "go.accept-emfile",
	.patterns = {"accept*: too many open files; retrying in"},
	.runtimes = "Go (net/http server), Caddy, Traefik, etcd, Prometheus",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_NR_OPEN,
	.title = "a Go server cannot accept: it is out of file descriptors",
	.why = "http.Server's accept loop got EMFILE and backs off (5 ms doubling up "
	       "to 1 s) instead of exiting, so new clients wait in the listen queue and "
	       "time out or are reset. Each connection is one fd. Go 1.19 and later "
	       "raise the soft limit to the hard limit at start-up, so for a modern Go "
	       "server the hard limit is what ran out.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "raise the server's limits: LimitNOFILE= in its unit, headroom exec "
	       "--nofile N -- SERVER at start, headroom raise --pid PID --nofile N "
	       "while it runs",
    },
    {
	/* golang/go src/net/sock_posix.go socket(): os.NewSyscallError("socket",
	 * err) -> "dial tcp 127.0.0.1:8080: socket: too many open files" */
	.id = "go.socket-emfile",
	.patterns = {"socket: too many open files"},
	.runtimes = "Go (net.Dial, net/http client, gorilla/websocket), k6, vegeta, hey",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_NR_OPEN,
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
	/* golang/go src/net/dnsclient_unix.go: &DNSError{Err: errNoSuchHost.Error(),
	 * Name: name} with no Server when /etc/hosts or the resolver socket could
	 * not be opened -> "lookup localhost: no such host" */
	.id = "go.lookup-fds",
	.patterns = {"lookup @: no such host"},
	.runtimes = "Go (net resolver), k6, vegeta, hey",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
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
	/* golang/go src/net/dnsclient_unix.go: DNSError "lookup %s on %s: %s"
	 * with IsTimeout ("read udp ...: i/o timeout") or "server misbehaving" */
	.id = "go.lookup-timeout",
	.patterns = {"lookup @ on @:*i/o timeout", "lookup @ on @: server misbehaving"},
	.runtimes = "Go (net resolver), k6, vegeta, hey",
	.cause = "app.dns",
	.also = LAYER_ID_CONNTRACK " " LAYER_ID_NOFILE_SOFT,
	.title = "the DNS server did not answer a lookup in time",
	.why = "A lookup per new connection turns a load test into a DNS load test: "
	       "the local resolver (systemd-resolved, dnsmasq, CoreDNS) queues or drops "
	       "queries, and UDP to it takes conntrack entries too.",
	.confirm = "resolvectl statistics; dmesg | grep conntrack; dig @SERVER NAME during "
		   "the test",
	.fix = "reuse connections (keep-alive), resolve once (the target's IP, a local "
	       "cache), or a resolver that keeps up",
	.candidates = {{"app.dns", "the resolver is slow or dropping queries",
			"resolvectl statistics; time dig NAME"},
		       CAND_CONNTRACK},
    },
    {
	/* golang/go src/runtime/proc.go checkmcount(): print("runtime: program
	 * exceeds ", sched.maxmcount, "-thread limit\n") */
	.id = "go.thread-limit",
	.patterns = {"program exceeds #-thread limit"},
	.runtimes = "Go runtime",
	.cause = "app.go-max-threads",
	.also = LAYER_ID_NPROC " " LAYER_ID_THREADS_MAX,
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
	/* golang/go src/os/exec_posix.go startProcess(): &PathError{Op:
	 * "fork/exec", Path: name, Err: e} with syscall.EAGAIN "resource
	 * temporarily unavailable" */
	.id = "go.fork-exec-eagain",
	.patterns = {"fork/exec @: resource temporarily unavailable"},
	.runtimes = "Go (os/exec): docker, containerd, kubelet, Terraform, CI runners",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_THREADS_MAX,
	.title = "a Go program could not start a command: out of tasks",
	.why = "clone() returned EAGAIN: the user's RLIMIT_NPROC (which counts "
	       "threads), the cgroup's pids.max (a container's --pids-limit, "
	       "TasksMax=) or the system's task limits are reached.",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
    },
    {
	/* golang/go src/net/dial.go: a dial past its deadline -> "dial tcp
	 * ADDR: i/o timeout"; connect(2) ETIMEDOUT -> "connect: connection timed
	 * out"; net/http "request canceled while waiting for connection" */
	.id = "go.dial-timeout",
	.patterns = {"dial tcp @: i/o timeout", "dial tcp @: connect: connection timed out",
		     "request canceled while waiting for connection"},
	.runtimes = GO_RUNTIMES,
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "a Go client could not connect before its deadline",
	.why = "The SYN got no answer in time: the server's SYN or accept queue is full "
	       "and drops SYNs (the kernel drops, it does not refuse), or conntrack "
	       "drops them on a host with NAT or a stateful firewall.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops "
		   "TcpExtTCPReqQFullDrop; dmesg | grep -E 'SYN flooding|conntrack'",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* golang/go src/net/net.go: OpError{Op: "read"/"write", Net: "tcp"} with
	 * os.ErrDeadlineExceeded -> "read tcp A->B: i/o timeout" */
	.id = "go.read-timeout",
	.patterns = {"read tcp @: i/o timeout", "write tcp @: i/o timeout"},
	.runtimes = GO_RUNTIMES,
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "a Go client connected but got no answer before its deadline",
	.why = "The connection was established (the kernel completes the handshake "
	       "before the server accepts it), then nothing came back: it sat in a "
	       "full accept queue, or the server was out of fds or at its own "
	       "connection cap and stopped accepting, or it was simply too slow for "
	       "the client's timeout (a websocket handshake timeout, say).",
	.confirm = CONFIRM_QUEUE "; the server's log for \"too many open files\"",
	.fix = FIX_QUEUE "; raise the server's nofile limit; a longer handshake timeout",
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {LAYER_ID_APP_NGINX,
			"the server's own connection cap is reached (nginx "
			"worker_connections, HAProxy maxconn, a pool)",
			"the server's log and its connection count"}},
    },
    {
	/* golang/go os.ErrDeadlineExceeded "i/o timeout"; net/http "Client.Timeout
	 * exceeded while awaiting headers", "TLS handshake timeout" */
	.id = "go.io-timeout",
	.patterns = {"i/o timeout", "TLS handshake timeout", "Client.Timeout exceeded",
		     "timeout awaiting response headers"},
	.runtimes = GO_RUNTIMES,
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK " " LAYER_ID_NOFILE_SOFT,
	.title = "the peer did not answer before the deadline",
	.why = "Under load this means the server does not accept or answer fast enough: "
	       "connections wait in, or are dropped from, a full listen queue (the "
	       "kernel drops rather than refuses, so clients see timeouts), the server "
	       "is out of fds and stops accepting, conntrack drops packets when its "
	       "table is full, or the client's timeout is shorter than the queueing "
	       "delay.",
	.confirm = CONFIRM_QUEUE "; dmesg | grep -E 'SYN flooding|conntrack'",
	.fix = FIX_QUEUE "; give the handshake a longer timeout",
	.candidates = {CAND_QUEUE, CAND_SERVER_NOFILE, CAND_CONNTRACK},
    },
    {
	/* golang/go src/net/net.go: ErrClosed = errors.New("use of closed
	 * network connection") */
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
	/* gorilla/websocket conn.go: panic("concurrent write to websocket
	 * connection") */
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
    {
	/* golang/go src/io/io.go ErrUnexpectedEOF "unexpected EOF";
	 * gorilla/websocket "close 1006 (abnormal closure)" */
	.id = "go.unexpected-eof",
	.patterns = {"unexpected EOF", "close 1006 (abnormal closure)"},
	.runtimes = "Go (net/http, gorilla/websocket, io), k6",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "the peer went away in the middle of a message",
	.why = "The connection ended before a complete response or frame arrived: the "
	       "server died or restarted (often of a limit: fds, memory, threads), a "
	       "proxy closed it at a timeout, or the server dropped connections it "
	       "could not serve. Websocket close 1006 is the same event.",
	.confirm = "was the server still running then? its log, systemctl status, dmesg "
		   "for OOM kills, \"too many open files\" in its log",
	.fix = "fix what stopped the server (see its log); match the idle timeouts of "
	       "client, proxy and server",
	.candidates = {CAND_SERVER_DIED, CAND_SERVER_NOFILE},
    },
    {
	/* libuv include/uv.h UV_EMFILE "too many open files"; Node.js
	 * lib/internal/errors.js "Error: connect EMFILE", "EMFILE: too many open
	 * files, open '%s'" */
	.id = "node.emfile",
	.patterns = {"Error: EMFILE", "Error: @ EMFILE", "code: 'EMFILE'", "\"code\":\"EMFILE\""},
	.runtimes = "Node.js (libuv), Deno, Bun",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_FS_NR_OPEN,
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
	/* libuv uv_spawn() -> UV_EAGAIN; Node.js lib/internal/child_process.js
	 * "spawn ${file} EAGAIN" */
	.id = "node.spawn-eagain",
	.patterns = {"spawn*EAGAIN"},
	.runtimes = "Node.js (child_process)",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_THREADS_MAX,
	.title = "Node.js could not start a child process: out of tasks",
	.why = "fork/clone returned EAGAIN: the user's RLIMIT_NPROC, the cgroup's "
	       "pids.max (a container's --pids-limit, TasksMax=) or the system's task "
	       "limits are reached.",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
    },
    {
	/* nodejs/node lib/internal/fs/watchers.js / libuv inotify ENOSPC:
	 * "ENOSPC: System limit for number of file watchers reached" */
	.id = "node.file-watchers",
	.patterns = {"System limit for number of file watchers reached"},
	.runtimes = "Node.js (fs.watch, chokidar, webpack, vite, nodemon, jest)",
	.cause = "app.inotify-watches",
	.title = "the user's inotify watches are used up (fs.inotify.max_user_watches)",
	.why = "Each watched file or directory takes an inotify watch; "
	       "fs.inotify.max_user_watches (8192 on older kernels) caps them per user, "
	       "and inotify_add_watch returns ENOSPC beyond it. headroom does not model "
	       "inotify as a layer.",
	.confirm = "sysctl fs.inotify.max_user_watches; find /proc/*/fdinfo -type f "
		   "2>/dev/null | xargs grep -c '^inotify' 2>/dev/null | awk -F: '{s+=$2} "
		   "END {print s}'",
	.fix = "sysctl -w fs.inotify.max_user_watches=524288 (persisted in "
	       "/etc/sysctl.d/), or watch less (exclude node_modules)",
    },
    {
	/* nodejs/node lib/events.js: "MaxListenersExceededWarning: Possible
	 * EventEmitter memory leak detected. %d %s listeners added to %s. Use
	 * emitter.setMaxListeners() to increase limit" */
	.id = "node.max-listeners",
	.patterns = {"MaxListenersExceededWarning", "Possible EventEmitter memory leak detected"},
	.runtimes = "Node.js",
	.cause = "app.node.max_listeners",
	.title = "more than 10 listeners on one event emitter: usually a listener leak",
	.why = "Not a system limit: a listener is added per request (or per retry) and "
	       "never removed, for example on a shared socket or agent. Under load the "
	       "count grows with the requests and memory with it.",
	.confirm = "node --trace-warnings shows where the listeners are added",
	.fix = "remove the listener when the request ends (once(), removeListener); "
	       "raise setMaxListeners only for a known, bounded number",
    },
    {
	/* nodejs/node (V8) "FATAL ERROR: Reached heap limit Allocation failed -
	 * JavaScript heap out of memory" */
	.id = "node.heap",
	.patterns = {"JavaScript heap out of memory", "Reached heap limit Allocation failed"},
	.runtimes = "Node.js (V8)",
	.cause = "app.node.heap_limit",
	.also = LAYER_ID_CGROUP_MEMORY,
	.title = "the V8 heap reached --max-old-space-size",
	.why = "V8's heap has its own limit (about 2-4 GiB by default, or what "
	       "--max-old-space-size says), below the machine's memory: per-connection "
	       "state or a leak under load reached it and the process aborted.",
	.confirm = "node --max-old-space-size value; memory per connection (heap "
		   "snapshot)",
	.fix = "--max-old-space-size=MiB within the container's memory, or less state "
	       "per connection",
    },
};
const size_t explain_cat_runtimes_len = nitems(explain_cat_runtimes);
