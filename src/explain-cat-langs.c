/*
 * explain-cat-langs.c: the errors as Python (asyncio, aiohttp, websockets,
 * requests), .NET, Java (HotSpot, Netty, Tomcat, HikariCP, JMeter,
 * Gatling), Rust and Ruby word them. Each entry names the source of its
 * message. .NET comes before Java: "SocketException (24): Too many open
 * files" is .NET's, and Java's pattern would take it.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

const struct explain_entry explain_cat_langs[] = {
    {
	/* python/cpython Lib/asyncio/selector_events.py _accept_connection():
	 * 'message': 'socket.accept() out of system resource' (EMFILE, ENFILE,
	 * ENOBUFS, ENOMEM) */
	.id = "py.asyncio-accept",
	.patterns = {"socket.accept() out of system resource"},
	.runtimes = "Python asyncio servers (aiohttp, websockets, uvicorn, FastAPI, Sanic)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_FILE_MAX,
	.title = "an asyncio server cannot accept: out of file descriptors",
	.why = "asyncio logs this and stops accepting for a second when accept() fails "
	       "with EMFILE (most often), ENFILE, ENOBUFS or ENOMEM. Python does not "
	       "raise its own limit, so the soft RLIMIT_NOFILE it inherited (often "
	       "1024) is the one reached.",
	.confirm = "the OSError after it ([Errno 24] is EMFILE); " CONFIRM_NOFILE_PID,
	.fix = "start it with a higher limit (headroom exec --nofile N -- python3 ..., "
	       "LimitNOFILE=), or raise the soft limit to the hard one at start-up "
	       "with resource.setrlimit",
	.candidates = {{LAYER_ID_NOFILE_SOFT, "[Errno 24] Too many open files follows",
			CONFIRM_NOFILE_PID},
		       {LAYER_ID_FS_FILE_MAX, "[Errno 23] Too many open files in system follows",
			"cat /proc/sys/fs/file-nr"}},
    },
    {
	/* python/cpython: OSError [Errno 24] "Too many open files"; Locust
	 * repr "OSError(24, 'Too many open files')" */
	.id = "py.emfile",
	.patterns = {"[Errno 24]", "Error(24, 'Too many open files')"},
	.runtimes = "Python (socket, asyncio, requests, aiohttp, Locust)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_NR_OPEN,
	.title = "a Python process is out of file descriptors (its soft limit)",
	.why = "EMFILE. Python does not raise its own limit, so the soft RLIMIT_NOFILE "
	       "it inherited (often 1024) is what was reached.",
	.confirm = "python3 -c 'import resource; "
		   "print(resource.getrlimit(resource.RLIMIT_NOFILE))'; grep 'open files' "
		   "/proc/PID/limits",
	.fix = "start it with a higher limit (headroom exec --nofile N -- python3 "
	       "...), or raise the soft limit to the hard one in the program with "
	       "resource.setrlimit",
    },
    {
	/* aio-libs/aiohttp aiohttp/client_exceptions.py ClientConnectorError:
	 * "Cannot connect to host {}:{} ssl:{} [{}]" with asyncio's "Connect call
	 * failed (...)" (ECONNREFUSED) */
	.id = "py.aiohttp-refused",
	.patterns = {"[Connect call failed", "Connect call failed ('"},
	.runtimes = "Python asyncio clients (aiohttp, httpx, websockets)",
	.cause = "app.server-died",
	.title = "an asyncio client's connection was refused",
	.why = "asyncio's sock_connect reports the errno as \"Connect call failed\"; "
	       "with aiohttp it is almost always ECONNREFUSED: nothing listens there.",
	.confirm = CONFIRM_SERVER_UP,
	.fix = "find why the server is not listening (headroom explain on its log)",
    },
    {
	/* aio-libs/aiohttp aiohttp/client_exceptions.py ServerDisconnectedError
	 * "Server disconnected"; python/cpython Lib/http/client.py
	 * RemoteDisconnected("Remote end closed connection without response")
	 * (requests, urllib3, Locust) */
	.id = "py.aiohttp-disconnected",
	.patterns = {"ServerDisconnectedError", "aiohttp*Server disconnected",
		     "Remote end closed connection without response"},
	.runtimes = "Python aiohttp, http.client (requests, urllib3, Locust)",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the server closed the connection before answering",
	.why = "The connection ended before a response: the server went away, closed "
	       "connections it would not serve (its cap, out of fds), or closed an idle "
	       "keep-alive connection the client reused.",
	.confirm = "the server's log at that time",
	.fix = "see why the server closed it; match keep-alive timeouts",
	.candidates = {CAND_SERVER_DIED, CAND_SERVER_NOFILE, CAND_QUEUE},
    },
    {
	/* aio-libs/aiohttp client_exceptions.py ServerTimeoutError, "Connection
	 * timeout to host %s" */
	.id = "py.aiohttp-timeout",
	.patterns = {"Connection timeout to host", "ServerTimeoutError"},
	.runtimes = "Python aiohttp",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "an aiohttp client could not connect in time",
	.why = "The server's SYN or accept queue dropped the attempt, or conntrack did.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN},
    },
    {
	/* python-websockets/websockets src/websockets/asyncio/client.py:
	 * TimeoutError("timed out during opening handshake") */
	.id = "py.websockets-handshake-timeout",
	.patterns = {"timed out during opening handshake"},
	.runtimes = "Python websockets",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "a websocket handshake did not finish within open_timeout (10 s)",
	.why = "During a ramp-up the server accepts more slowly than clients connect: "
	       "connections wait in its accept queue (or are dropped from it), or the "
	       "server is out of fds and stopped accepting, so the HTTP upgrade is not "
	       "answered in time.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE "; a longer open_timeout",
	.candidates = {CAND_QUEUE, CAND_SERVER_NOFILE, CAND_SYN},
    },
    {
	/* python-websockets/websockets src/websockets/exceptions.py
	 * InvalidStatus: "server rejected WebSocket connection: HTTP %d" */
	.id = "py.websockets-rejected",
	.patterns = {"server rejected WebSocket connection: HTTP 50#"},
	.runtimes = "Python websockets",
	.cause = "app.server-died",
	.title = "the websocket server (or a proxy before it) answered 5xx",
	.why = "502/503/504 come from a proxy whose upstream is down or over its own "
	       "limits, or from a server shedding load.",
	.confirm = "the proxy's and the server's logs",
	.fix = "see why the upstream refused (headroom explain on its log)",
    },
    {
	/* python-websockets/websockets src/websockets/exceptions.py
	 * InvalidMessage: "did not receive a valid HTTP response" */
	.id = "py.websockets-invalid-response",
	.patterns = {"did not receive a valid HTTP response"},
	.runtimes = "Python websockets",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the server closed the connection before answering the websocket upgrade",
	.why = "The TCP connection was made and then closed with no HTTP response: the "
	       "server closed what it would not serve (out of fds, at its connection "
	       "cap) or went away.",
	.confirm = "the server's log at that time",
	.fix = "see why the server closed it (headroom explain on its log)",
	.candidates = {CAND_SERVER_DIED, CAND_SERVER_NOFILE, CAND_QUEUE},
    },
    {
	/* python-websockets/websockets src/websockets/exceptions.py
	 * ConnectionClosed: "no close frame received or sent" */
	.id = "py.websockets-closed",
	.patterns = {"no close frame received"},
	.runtimes = "Python websockets",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "the websocket connection dropped without a close frame (1006)",
	.why = "The TCP connection ended abruptly: the peer crashed or restarted, a "
	       "proxy cut it at a timeout, or a server at its limits dropped it.",
	.confirm = "was the server still running? its log, dmesg for OOM kills",
	.fix = "fix what stopped the server; match proxy idle timeouts with pings",
    },
    {
	/* python/cpython Modules/socketmodule.c: a socket timeout raises
	 * TimeoutError("timed out") (socket.timeout, its alias since 3.10, before);
	 * seen with Python 3.11.7 create_connection(timeout=2) against a full
	 * accept queue (tests/explain/gen-real.sh); Lib/asyncio/exceptions.py
	 * TimeoutError (asyncio.wait_for, aiohttp's total timeout) */
	.id = "py.socket-timeout",
	.patterns = {"TimeoutError: timed out", "socket.timeout: timed out",
		     "asyncio.exceptions.TimeoutError", "asyncio.TimeoutError"},
	.runtimes = "Python (socket, asyncio, and the libraries on them)",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN,
	.title = "a Python socket operation timed out",
	.why = "A connect with a timeout got no answer (the server's accept queue was full "
	       "and the kernel dropped the SYN, or the SYN queue did), or a read waited "
	       "longer than the timeout for a server that accepted but did not answer.",
	.confirm = "the traceback (connect or recv); on the server: nstat -az "
		   "TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE "; a longer timeout when the server is only slow",
	.candidates = {CAND_QUEUE,
		       CAND_SYN,
		       {"app.upstream-slow",
			"the timeout hit a read: the server accepted but answered too slowly",
			"the server's CPU and its own latency metrics"}},
    },
    {
	/* psf/requests exceptions ConnectTimeout; urllib3 ConnectTimeoutError
	 * "Connection to %s timed out. (connect timeout=%s)"; encode/httpx
	 * ConnectTimeout */
	.id = "py.connect-timeout",
	.patterns = {"requests.exceptions.ConnectTimeout", "ConnectTimeoutError",
		     "httpx.ConnectTimeout", "timed out. (connect timeout="},
	.runtimes = "Python (requests, urllib3, httpx; Locust's HttpUser)",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "a Python HTTP client could not connect within its connect timeout",
	.why = "The SYN got no answer in time: the server's SYN or accept queue drops "
	       "it, or conntrack does.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* psf/requests exceptions ReadTimeout; urllib3 ReadTimeoutError "Read
	 * timed out. (read timeout=%s)"; encode/httpx ReadTimeout */
	.id = "py.read-timeout",
	.patterns = {"requests.exceptions.ReadTimeout", "ReadTimeoutError", "httpx.ReadTimeout",
		     "Read timed out. (read timeout="},
	.runtimes = "Python (requests, urllib3, httpx; Locust's HttpUser)",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "a Python HTTP client connected but got no answer in time",
	.why = "Connected, then nothing came back within the read timeout: the request "
	       "waited in the server's accept queue or behind busy workers, or the "
	       "server was out of fds.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {"app.upstream-slow", "the server accepts but answers slowly",
			"the server's own latency"}},
    },
    {
	/* urllib3/urllib3 src/urllib3/connectionpool.py: log.warning("Connection
	 * pool is full, discarding connection: %s. Connection pool size: %s") */
	.id = "py.urllib3-pool-full",
	.patterns = {"Connection pool is full, discarding connection"},
	.runtimes = "Python requests, urllib3 (Locust's HttpUser)",
	.cause = "app.urllib3.pool_maxsize",
	.also = LAYER_ID_PORTS_EPHEMERAL,
	.title = "more threads share a requests session than its pool holds",
	.why = "The pool (pool_maxsize 10) keeps only that many connections; the "
	       "others are closed after each request, each leaving a TIME_WAIT port "
	       "behind, so a long test can run out of local ports.",
	.confirm = "the HTTPAdapter's pool_maxsize against the threads using it",
	.fix = "HTTPAdapter(pool_connections=N, pool_maxsize=N) mounted on the session, "
	       "N the threads",
    },
    {
	/* glibc gai_strerror(EAI_AGAIN) "Temporary failure in name resolution";
	 * libuv UV_EAI_AGAIN -> Node.js "getaddrinfo EAI_AGAIN" */
	.id = "dns.eai-again",
	.patterns = {"Temporary failure in name resolution", "getaddrinfo EAI_AGAIN"},
	.runtimes = "Python, Node.js, Ruby, C (getaddrinfo)",
	.cause = "app.dns",
	.also = LAYER_ID_CONNTRACK,
	.title = "the resolver did not answer a lookup",
	.why = "A lookup per request under load overwhelms the local resolver, or "
	       "conntrack drops its UDP packets; Node.js also queues lookups in its 4 "
	       "libuv threads (UV_THREADPOOL_SIZE).",
	.confirm = "resolvectl statistics; dmesg | grep conntrack",
	.fix = "reuse connections, cache lookups, resolve the target once",
    },
    {
	/* dotnet/runtime src/libraries/System.IO.FileSystem.Watcher Strings.resx
	 * IOException_INotifyInstanceUserLimitExceeded: "The configured user
	 * limit ({0}) on the number of inotify instances has been reached" */
	.id = "dotnet.inotify-instances",
	.patterns = {"on the number of inotify instances has been reached"},
	.runtimes = ".NET (FileSystemWatcher, ASP.NET Core config reload)",
	.cause = "app.inotify-instances",
	.also = LAYER_ID_NOFILE_HARD,
	.title = "the user's inotify instances are used up (fs.inotify.max_user_instances)",
	.why = "Each FileSystemWatcher (ASP.NET Core creates some per host for "
	       "appsettings reload) takes an inotify instance; the user may have 128 by "
	       "default, shared by every container of that uid on the host.",
	.confirm = "sysctl fs.inotify.max_user_instances; find /proc/*/fd -lname "
		   "anon_inode:inotify 2>/dev/null | wc -l",
	.fix = "sysctl -w fs.inotify.max_user_instances=1024 on the host, or "
	       "DOTNET_USE_POLLING_FILE_WATCHER=1 / reloadOnChange: false",
    },
    {
	/* dotnet/runtime Strings.resx IOException_INotifyWatchesUserLimitExceeded:
	 * "The configured user limit ({0}) on the number of inotify watches has
	 * been reached" */
	.id = "dotnet.inotify-watches",
	.patterns = {"on the number of inotify watches has been reached"},
	.runtimes = ".NET (FileSystemWatcher)",
	.cause = "app.inotify-watches",
	.title = "the user's inotify watches are used up (fs.inotify.max_user_watches)",
	.why = "Each watched directory takes an inotify watch, capped per user.",
	.confirm = "sysctl fs.inotify.max_user_watches",
	.fix = "sysctl -w fs.inotify.max_user_watches=524288, or watch less",
    },
    {
	/* dotnet/runtime System.Net.Sockets.SocketException: "(24): Too many open
	 * files"; the runtime (PAL) raises its soft limit to the hard one */
	.id = "dotnet.emfile",
	.patterns = {"SocketException (24)"},
	.runtimes = ".NET (Kestrel, HttpClient)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "a .NET process is out of file descriptors: its hard limit",
	.why = "The .NET runtime raises its soft RLIMIT_NOFILE to the hard limit at "
	       "start-up, so EMFILE means the hard limit was reached.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "raise the hard limit where it starts: LimitNOFILE=, docker --ulimit "
	       "nofile=N:N",
    },
    {
	/* dotnet/runtime System.Net.Http: "The request was canceled due to the
	 * configured HttpClient.Timeout of %d seconds elapsing." */
	.id = "dotnet.timeout",
	.patterns = {"due to the configured HttpClient.Timeout of"},
	.runtimes = ".NET (HttpClient)",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "a .NET HttpClient request got no answer within HttpClient.Timeout",
	.why = "The request waited for a connection or an answer longer than the "
	       "timeout (100 s): the server's accept queue held it, the server was out "
	       "of fds, or it was slow.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {"app.upstream-slow", "the server accepts but answers slowly",
			"the server's own latency"}},
    },
    {
	/* openjdk/jdk: java.net.SocketException / java.io.IOException "Too many
	 * open files"; netty Errors$NativeIoException "accept(..) failed: Too many
	 * open files"; Tomcat "Socket accept failed"; java.nio.file
	 * FileSystemException "%s: Too many open files" (Kafka, Lucene) */
	.id = "java.emfile",
	.patterns = {"Exception: Too many open files", "(..) failed: Too many open files",
		     "Non HTTP response message: Too many open files",
		     "FileNotFoundException*(Too many open files)",
		     "FileSystemException*Too many open files",
		     "Socket accept failed*Too many open files"},
	.runtimes = "Java (OpenJDK/HotSpot), Tomcat, Netty, Kafka, Elasticsearch, JMeter, "
		    "Gatling",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT " " LAYER_ID_FS_NR_OPEN,
	.title = "a JVM is out of file descriptors",
	.why = "HotSpot raises its soft RLIMIT_NOFILE to the hard limit at start-up "
	       "(-XX:+MaxFDLimit, the default), so the hard limit it inherited is what "
	       "ran out. Services started by systemd get LimitNOFILE= of their unit, "
	       "not limits.conf.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "raise the hard limit where the JVM starts: LimitNOFILE= (systemctl "
	       "edit SERVICE), a limits.conf nofile line for login sessions, or "
	       "headroom exec --nofile N -- java ...",
    },
    {
	/* openjdk/jdk src/hotspot/os/linux/os_linux.cpp: log_warning(os,
	 * thread)("Failed to start thread \"%s\" - pthread_create failed (%s) for
	 * attributes: %s."); OutOfMemoryError "unable to create native thread:
	 * possibly out of memory or process/resource limits reached" (JDK 8:
	 * "unable to create new native thread") */
	.id = "java.native-thread",
	.patterns = {"unable to create native thread", "unable to create new native thread",
		     "pthread_create failed (EAGAIN)"},
	.runtimes = "Java (OpenJDK/HotSpot), Tomcat, Elasticsearch, Kafka, JMeter",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_THREADS_MAX " " LAYER_ID_PID_MAX " " LAYER_ID_CGROUP_PIDS
				     " " LAYER_ID_MAX_MAP_COUNT " " LAYER_ID_CGROUP_MEMORY,
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
	.candidates = {{LAYER_ID_NPROC, "the user's threads reach ulimit -u",
			"ps -L -u USER | wc -l; grep processes /proc/PID/limits"},
		       {LAYER_ID_CGROUP_PIDS, "the container or service reached pids.max",
			"cat /sys/fs/cgroup/<cgroup>/pids.current pids.max"},
		       {LAYER_ID_THREADS_MAX, "the whole system reached kernel.threads-max",
			"ps -eL | wc -l; sysctl kernel.threads-max"}},
    },
    {
	/* openjdk/jdk java.net.SocketTimeoutException "Read timed out"; OkHttp
	 * "timeout" */
	.id = "java.read-timeout",
	.patterns = {"SocketTimeoutException*Read timed out", "SocketTimeoutException: timeout",
		     "Read timed out (Read failed)"},
	.runtimes = "Java (HttpURLConnection, Apache HttpClient, OkHttp), JMeter, Gatling",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "a Java client connected but got no answer before its read timeout",
	.why = "The connection was established, then nothing came back in time: it "
	       "waited in the server's accept queue, the server was out of fds or at "
	       "its cap and stopped accepting, or it was too slow.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {"app.upstream-slow", "the server accepts but answers slowly",
			"the server's own latency"}},
    },
    {
	/* openjdk/jdk java.lang.OutOfMemoryError "Java heap space", "GC overhead
	 * limit exceeded" */
	.id = "java.heap",
	.patterns = {"OutOfMemoryError: Java heap space", "OutOfMemoryError: GC overhead limit "
							  "exceeded"},
	.runtimes = "Java (OpenJDK/HotSpot)",
	.cause = "app.jvm-heap",
	.also = LAYER_ID_CGROUP_MEMORY,
	.title = "the JVM's heap (-Xmx) is full",
	.why = "Not a kernel limit: the objects alive under load (per-connection "
	       "buffers, queues, caches) exceed -Xmx.",
	.confirm = "jcmd PID GC.heap_info; a heap dump (-XX:+HeapDumpOnOutOfMemoryError)",
	.fix = "a larger -Xmx within the container's memory, or less state per "
	       "connection",
    },
    {
	/* brettwooldridge/HikariCP HikariPool.java createTimeoutException():
	 * "Connection is not available, request timed out after %dms."; rails
	 * ActiveRecord ConnectionTimeoutError "could not obtain a connection
	 * from the pool"; sqlalchemy pool/impl.py "QueuePool limit of size %d
	 * overflow %d reached, connection timed out" */
	.id = "db.pool-timeout",
	.patterns = {"Connection is not available, request timed out after",
		     "could not obtain a connection from the pool",
		     "QueuePool limit of size # overflow # reached"},
	.runtimes = "Java (HikariCP: Spring Boot, Quarkus), Ruby on Rails (ActiveRecord), "
		    "Python (SQLAlchemy)",
	.cause = "app.db-pool",
	.title = "every connection of the database pool was busy for its timeout",
	.why = "The application's pool caps the database connections (HikariCP "
	       "maximumPoolSize 10, ActiveRecord pool 5, SQLAlchemy pool_size 5 + "
	       "max_overflow 10); under load requests wait for one and time out. The "
	       "database itself may be the slow part.",
	.confirm = "the pool's metrics (active, pending, waiting); the database's own load",
	.fix = "faster queries or a larger pool, within the database's max_connections",
    },
    {
	/* rust-lang/rust library/std/src/io/error.rs Display: "{detail} (os error
	 * {code})"; Debug: Os { code: 24, kind: ..., message: ... } */
	.id = "rust.emfile",
	.patterns = {"(os error 24)", "code: 24, kind:"},
	.runtimes = "Rust (std, tokio, hyper, axum, actix-web)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_NR_OPEN,
	.title = "a Rust program is out of file descriptors",
	.why = "EMFILE. Rust's standard library does not raise RLIMIT_NOFILE, so the "
	       "inherited soft limit applies. An accept loop that retries at once on "
	       "this error spins at full CPU while clients time out in the listen "
	       "queue.",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "start with a higher limit (headroom exec --nofile N -- PROGRAM, "
	       "LimitNOFILE=), or raise the soft limit to the hard one at start-up; back "
	       "off in the accept loop on EMFILE",
    },
    {
	/* ruby/ruby: SystemCallError subclass Errno::EMFILE "Too many open files -
	 * socket(2)" / "accept(2)" */
	.id = "ruby.emfile",
	.patterns = {"Errno::EMFILE"},
	.runtimes = "Ruby (Puma, Unicorn, Sidekiq, Net::HTTP)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "a Ruby process is out of file descriptors",
	.why = "Ruby does not raise RLIMIT_NOFILE; the soft limit it inherited is "
	       "reached (\"accept(2)\" in a server, \"socket(2)\" in a client).",
	.confirm = CONFIRM_NOFILE_PID,
	.fix = "LimitNOFILE= of the unit, headroom exec --nofile N -- bundle exec ..., "
	       "or Process.setrlimit(:NOFILE, hard) at boot",
    },
    {
	/* ruby/ruby thread.c: rb_raise(rb_eThreadError, "can't create Thread:
	 * %s", strerror(err)) */
	.id = "ruby.thread",
	.patterns = {"can't create Thread: Resource temporarily unavailable"},
	.runtimes = "Ruby (Puma, Sidekiq)",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_THREADS_MAX,
	.title = "Ruby could not start a thread: out of tasks",
	.why = "pthread_create returned EAGAIN: RLIMIT_NPROC, pids.max or the "
	       "system's task limits.",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
    },
    {
	/* ruby/net-http lib/net/protocol.rb: Net::OpenTimeout (connect) */
	.id = "ruby.open-timeout",
	.patterns = {"Net::OpenTimeout"},
	.runtimes = "Ruby (Net::HTTP, Faraday, HTTParty)",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "a Ruby HTTP client could not connect within open_timeout",
	.why = "The SYN got no answer in time: a full SYN or accept queue drops it, or "
	       "conntrack does.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* ruby/net-http lib/net/protocol.rb: Net::ReadTimeout, Net::WriteTimeout */
	.id = "ruby.read-timeout",
	.patterns = {"Net::ReadTimeout", "Net::WriteTimeout"},
	.runtimes = "Ruby (Net::HTTP, Faraday, HTTParty)",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_NOFILE_SOFT,
	.title = "a Ruby HTTP client connected but got no answer in time",
	.why = "Connected, then nothing came back within read_timeout: the request "
	       "waited in the server's accept queue or behind busy workers, or the "
	       "server was out of fds.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE,
		       CAND_SERVER_NOFILE,
		       {"app.upstream-slow", "the server accepts but answers slowly",
			"the server's own latency"}},
    },
};
const size_t explain_cat_langs_len = nitems(explain_cat_langs);
