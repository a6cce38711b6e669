/*
 * explain-cat-web.c: web servers and application servers in front of a
 * load test: nginx, PHP-FPM, uWSGI, gunicorn, Apache httpd, Caddy. Each
 * entry names the source file of the message it matches.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

#define NGINX_CONFIRM "nginx -T | grep -E 'worker_(connections|processes|rlimit_nofile)'"

const struct explain_entry explain_cat_web[] = {
    {
	/* nginx/nginx src/core/ngx_connection.c ngx_get_connection(): "%ui
	 * worker_connections are not enough" */
	.id = "nginx.worker-connections",
	.patterns = {"worker_connections are not enough"},
	.runtimes = "nginx",
	.cause = LAYER_ID_APP_NGINX,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "an nginx worker reached its worker_connections setting",
	.why = "worker_connections caps the connections one worker holds, counting "
	       "client and upstream connections alike (a proxied request takes two). "
	       "It is nginx's own setting, not a kernel limit, and the worker's fd "
	       "limit (worker_rlimit_nofile) must be at least as high.",
	.confirm = NGINX_CONFIRM,
	.fix = "raise worker_connections in the events block and worker_rlimit_nofile "
	       "(about twice worker_connections) in the main context; nginx -s reload",
    },
    {
	/* nginx/nginx src/event/ngx_event.c ngx_event_module_init(): "%ui
	 * worker_connections exceed open file resource limit: %i" */
	.id = "nginx.connections-above-rlimit",
	.patterns = {"worker_connections exceed open file resource limit"},
	.runtimes = "nginx (at start-up)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "nginx's worker_connections is above the open-file limit it runs with",
	.why = "nginx checks at start-up that worker_connections fits in RLIMIT_NOFILE; "
	       "without worker_rlimit_nofile the workers keep the soft limit nginx "
	       "started with (LimitNOFILE= of nginx.service, not limits.conf), and "
	       "fail with \"Too many open files\" before reaching worker_connections.",
	.confirm = NGINX_CONFIRM "; grep 'open files' /proc/$(pgrep -f 'nginx: "
				 "worker' | head -1)/limits",
	.fix = "worker_rlimit_nofile N (twice worker_connections) in the main context, "
	       "and LimitNOFILE=N in nginx.service (systemctl edit nginx); restart",
    },
    {
	/* nginx/nginx src/os/unix/ngx_process_cycle.c ngx_worker_process_init():
	 * "setrlimit(RLIMIT_NOFILE, %i) failed" */
	.id = "nginx.setrlimit",
	.patterns = {"setrlimit(RLIMIT_NOFILE, #) failed"},
	.runtimes = "nginx",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_FS_NR_OPEN,
	.title = "nginx could not apply worker_rlimit_nofile",
	.why = "A worker sets RLIMIT_NOFILE to worker_rlimit_nofile. Running as a "
	       "non-root user (or in a container without CAP_SYS_RESOURCE) it cannot "
	       "go above the hard limit it inherited (EPERM, \"1: Operation not "
	       "permitted\"); nobody can go above fs.nr_open.",
	.confirm = "grep 'open files' /proc/$(pgrep -o nginx)/limits; cat /proc/sys/fs/nr_open",
	.fix = "raise the hard limit nginx starts with: LimitNOFILE= in nginx.service, "
	       "docker --ulimit nofile=N:N; keep worker_rlimit_nofile at most that",
    },
    {
	/* nginx/nginx src/os/unix/ngx_process.c ngx_spawn_process(): "fork()
	 * failed while spawning \"%s\"" */
	.id = "nginx.fork",
	.patterns = {"fork() failed while spawning"},
	.runtimes = "nginx",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_MEM_PER_CONN,
	.title = "nginx could not start a worker process",
	.why = "fork() failed: with \"11: Resource temporarily unavailable\" the user, "
	       "the cgroup (TasksMax=, --pids-limit) or the system is out of tasks; with "
	       "\"12: Cannot allocate memory\" the machine or cgroup is out of memory.",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
	.candidates = {{LAYER_ID_NPROC,
			"\"(11: Resource temporarily unavailable)\" and the user "
			"runs about ulimit -u tasks",
			"ps -L -u nginx | wc -l; grep processes /proc/$(pgrep -o nginx)/limits"},
		       {LAYER_ID_CGROUP_PIDS, "the service reached TasksMax=",
			"systemctl show -p TasksMax -p TasksCurrent nginx"},
		       {LAYER_ID_MEM_PER_CONN, "\"(12: Cannot allocate memory)\"", "free -m"}},
    },
    {
	/* nginx/nginx src/event/ngx_event_connect.c: "connect() to %V failed"
	 * with (11: Resource temporarily unavailable) on a unix socket: the
	 * upstream's listen queue is full */
	.id = "nginx.upstream-queue-full",
	.patterns = {"connect() to unix:@ failed (11:"},
	.runtimes = "nginx (proxy_pass, fastcgi_pass, uwsgi_pass to a unix socket)",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "the upstream's unix socket queue is full (PHP-FPM, uWSGI, gunicorn)",
	.why = "connect() on a unix socket returns EAGAIN at once when the listener's "
	       "accept queue is full, where TCP would wait. The upstream's workers are "
	       "all busy (pm.max_children, the uWSGI processes) and its backlog "
	       "(listen.backlog, --listen) or net.core.somaxconn, which caps it, is "
	       "too small to absorb the burst.",
	.confirm = "ss -xl | grep SOCKET (Recv-Q against Send-Q); the upstream's log for "
		   "\"max_children\" or \"listen queue\"",
	.fix = "more upstream workers; raise its backlog (PHP-FPM listen.backlog, uWSGI "
	       "--listen) and net.core.somaxconn to match",
	.candidates = {{LAYER_ID_BACKLOG_SOMAXCONN, "the upstream's queue is at its backlog",
			"ss -xl | grep SOCKET"},
		       {"app.php-fpm.max_children", "the upstream is out of workers",
			"grep max_children /var/log/php*-fpm.log"}},
    },
    {
	/* nginx/nginx src/event/ngx_event_connect.c: "connect() to %V failed"
	 * with (99: Cannot assign requested address) */
	.id = "nginx.upstream-ports",
	.patterns = {"connect() to @ failed (99:"},
	.runtimes = "nginx (proxy_pass)",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "nginx ran out of local ports toward an upstream",
	.why = "Without keepalive to the upstream nginx opens and closes a connection "
	       "per request; each close leaves the port in TIME_WAIT for 60 s, and one "
	       "upstream address and port gets at most the size of "
	       "ip_local_port_range.",
	.confirm = "ss -tan state time-wait dst UPSTREAM_IP | wc -l; sysctl "
		   "net.ipv4.ip_local_port_range",
	.fix = "keepalive N in the upstream block with proxy_http_version 1.1 and "
	       "proxy_set_header Connection \"\"; widen ip_local_port_range",
    },
    {
	/* nginx/nginx src/event/ngx_event_connect.c "connect() to %V failed" with
	 * (111: Connection refused) "while connecting to upstream"; src/http/
	 * ngx_http_upstream.c "no live upstreams", "upstream prematurely closed
	 * connection", writev() (32: Broken pipe) "while sending request to
	 * upstream" */
	.id = "nginx.upstream-down",
	.patterns = {"(111: Connection refused) while connecting to upstream",
		     "no live upstreams while connecting to upstream",
		     "connect() to unix:@ failed (2: No such file or directory)",
		     "upstream prematurely closed connection",
		     "(32: Broken pipe) while sending request to upstream"},
	.runtimes = "nginx",
	.cause = "app.server-died",
	.title = "the upstream behind nginx is down or closed the connection",
	.why = "Nothing listens on the upstream's address (refused, or its unix socket "
	       "is gone): the application crashed or restarted, often of a limit of "
	       "its own, or every server of the upstream block was marked failed "
	       "(max_fails). \"Prematurely closed\" and a broken pipe are the "
	       "upstream closing the connection mid-request: it died, or it closes "
	       "what it cannot serve.",
	.confirm = "ss -ltnp on the upstream; its log; dmesg | grep -i 'killed process'",
	.fix = "find why the upstream stopped (headroom explain on its log)",
    },
    {
	/* nginx/nginx src/http/ngx_http_upstream.c: ngx_connection_error(c,
	 * NGX_ETIMEDOUT, "upstream timed out") "while connecting to upstream" */
	.id = "nginx.upstream-connect-timeout",
	.patterns = {"upstream timed out (110:*while connecting to upstream"},
	.runtimes = "nginx",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "the upstream did not accept nginx's connection in time",
	.why = "proxy_connect_timeout expired: the upstream's SYN or accept queue is "
	       "full and drops the SYNs, or conntrack drops them.",
	.confirm = "on the upstream: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE,
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* nginx/nginx src/http/ngx_http_upstream.c: "upstream timed out" "while
	 * reading response header from upstream" */
	.id = "nginx.upstream-read-timeout",
	.patterns = {"upstream timed out*while reading response header from upstream",
		     "upstream timed out*while reading upstream"},
	.runtimes = "nginx",
	.cause = "app.upstream-slow",
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "the upstream accepted but did not answer within proxy_read_timeout",
	.why = "The connection was made, so no connection limit of this host stopped "
	       "it: the application was too slow (all its workers busy, a database or "
	       "pool it waits for), or its own accept queue held the request.",
	.confirm = "the upstream's own latency and worker use; its log",
	.fix = "more upstream capacity (workers, pool sizes); raise proxy_read_timeout "
	       "only when slow answers are expected",
	.candidates = {{"app.upstream-slow", "the upstream's workers are all busy",
			"the upstream's status page or log"},
		       CAND_QUEUE},
    },
    {
	/* nginx/nginx: ngx_log_error with errno 24 "(24: Too many open files)"
	 * after accept4(), socket(), open() */
	.id = "nginx.emfile",
	.patterns = {"failed (24: Too many open files)"},
	.runtimes = "nginx",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
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
    {
	/* nginx/nginx src/http/modules/ngx_http_limit_conn_module.c: "limiting
	 * connections%s by zone \"%V\"" */
	.id = "nginx.limit-conn",
	.patterns = {"limiting connections by zone", "limiting connections, dry run, by zone"},
	.runtimes = "nginx (limit_conn)",
	.cause = "app.nginx.limit_conn",
	.title = "nginx's limit_conn rejected a connection (503)",
	.why = "A limit_conn zone caps connections per key, usually per client "
	       "address; a load generator on one address reaches it at once.",
	.confirm = "nginx -T | grep -E 'limit_conn'",
	.fix = "raise or remove limit_conn for the test, or spread the load over more "
	       "source addresses",
    },
    {
	/* nginx/nginx src/http/modules/ngx_http_limit_req_module.c: "limiting
	 * requests, excess: %ui.%03ui by zone \"%V\"" */
	.id = "nginx.limit-req",
	.patterns = {"limiting requests, excess:"},
	.runtimes = "nginx (limit_req)",
	.cause = "app.nginx.limit_req",
	.title = "nginx's limit_req delayed or rejected a request (503)",
	.why = "A limit_req zone caps the request rate per key; it is a rate limit "
	       "configured on purpose, not a connection limit of the host.",
	.confirm = "nginx -T | grep -E 'limit_req'",
	.fix = "raise rate= and burst= for the test, or exempt the load generator",
    },
    {
	/* nginx/nginx src/core/ngx_connection.c ngx_open_listening_sockets():
	 * "bind() to %V failed" with (98: Address already in use), retried five
	 * times, then "still could not bind()" (seen from nginx 1.22.1 on a
	 * port another nginx held, tests/explain/gen-real.sh) */
	.id = "nginx.bind-in-use",
	.patterns = {"bind() to @ failed (98:", "[emerg] still could not bind()"},
	.runtimes = "nginx",
	.cause = "app.port-in-use",
	.title = "nginx could not listen: another process holds the port",
	.why = "Another nginx (an old master that did not exit), another server, or a "
	       "client connection with that local port holds it.",
	.confirm = "ss -ltnp 'sport = :PORT'",
	.fix = "stop the other listener; keep server ports out of "
	       "ip_local_port_range (net.ipv4.ip_local_reserved_ports)",
    },
    {
	/* php/php-src sapi/fpm/fpm/fpm_process_ctl.c: "[pool %s] server reached
	 * pm.max_children setting (%d), consider raising it"; "[pool %s] seems
	 * busy (you may need to increase pm.start_servers, or
	 * pm.min/max_spare_servers), spawning %d children, ..." */
	.id = "php-fpm.max-children",
	.patterns = {"server reached pm.max_children setting",
		     "server reached max_children setting",
		     "seems busy (you may need to increase pm.start_servers"},
	.runtimes = "PHP-FPM",
	.cause = "app.php-fpm.max_children",
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "every PHP-FPM worker is busy: pm.max_children reached",
	.why = "PHP-FPM serves one request per child process; beyond pm.max_children "
	       "requests wait in the pool's listen queue (listen.backlog) and then "
	       "fail in nginx with \"(11: Resource temporarily unavailable)\" or time "
	       "out.",
	.confirm = "the pool's status page (pm.status_path): max children reached, listen "
		   "queue",
	.fix = "raise pm.max_children as far as memory allows (children x memory per "
	       "child), and listen.backlog with net.core.somaxconn",
    },
    {
	/* unbit/uwsgi core/master_checks.c: "*** uWSGI listen queue of socket %d
	 * full !!! (%d/%d) ***", later "of socket \"%s\" (fd: %d) full !!!" */
	.id = "uwsgi.listen-queue",
	.patterns = {"uWSGI listen queue of socket*full !!!"},
	.runtimes = "uWSGI",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN,
	.title = "uWSGI's listen queue is full",
	.why = "Every uWSGI worker is busy and the socket's queue reached its backlog "
	       "(--listen, 100 by default), itself capped by net.core.somaxconn: new "
	       "connections are dropped.",
	.confirm = "ss -ltn 'sport = :PORT' (Recv-Q against Send-Q); sysctl "
		   "net.core.somaxconn",
	.fix = "more processes or threads; --listen N with net.core.somaxconn at least N",
    },
    {
	/* unbit/uwsgi core/socket.c bind_to_tcp(): "Listen queue size is greater
	 * than the system max net.core.somaxconn (%li).\n" (then it exits) */
	.id = "uwsgi.somaxconn",
	.patterns = {"Listen queue size is greater than the system max"},
	.runtimes = "uWSGI (at start-up)",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "uWSGI's --listen is above net.core.somaxconn: it refuses to start",
	.why = "The kernel would silently cap the backlog at net.core.somaxconn, so "
	       "uWSGI checks it at start-up and exits rather than run with a shorter "
	       "queue than asked.",
	.confirm = "sysctl net.core.somaxconn; the listen option of the uWSGI config",
	.fix = "sysctl -w net.core.somaxconn=N (at least --listen; in a container "
	       "docker --sysctl or the pod's securityContext.sysctls), or a smaller "
	       "--listen",
    },
    {
	/* benoitc/gunicorn gunicorn/arbiter.py: self.log.critical("WORKER TIMEOUT
	 * (pid:%s)", pid) */
	.id = "gunicorn.worker-timeout",
	.patterns = {"WORKER TIMEOUT (pid:#)"},
	.runtimes = "gunicorn",
	.cause = "app.upstream-slow",
	.title = "a gunicorn worker took longer than --timeout and was killed",
	.why = "A sync worker serves one request at a time; a request slower than "
	       "--timeout (30 s) gets the worker killed, and under load requests queue "
	       "behind the busy workers.",
	.confirm = "gunicorn's --workers and --timeout; the application's slow requests",
	.fix = "more workers or an async worker class; find what the requests wait for",
    },
    {
	/* apache/tomcat java/org/apache/tomcat/util/net/LocalStrings.properties
	 * endpoint.maxThreadsReached (older JIoEndpoint: log.info("Maximum number
	 * of threads " + maxThreads + " created for connector with address " ...)),
	 * JBoss Web id 3008: "Maximum number of threads (%s) created for connector
	 * with address %s and port %s" */
	.id = "tomcat.max-threads",
	.patterns = {"Maximum number of threads*created for connector with address"},
	.runtimes = "Apache Tomcat, JBoss Web, Spring Boot (embedded Tomcat)",
	.cause = "app.tomcat.max_threads",
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "every Tomcat request thread is busy: the connector's maxThreads",
	.why = "A connector serves each request on a thread of its pool (maxThreads, "
	       "200 by default); once all are busy new connections wait up to "
	       "maxConnections, then in the accept queue (acceptCount, capped by "
	       "net.core.somaxconn), and are then refused or time out.",
	.confirm = "the connector's maxThreads, maxConnections and acceptCount in "
		   "server.xml (server.tomcat.threads.max in Spring Boot); jstack PID | "
		   "grep -c 'http-nio.*exec'",
	.fix = "raise maxThreads as far as the work allows, or find what the busy "
	       "threads wait for (a pool, a slow upstream)",
    },
    {
	/* apache/httpd server/mpm/event/event.c AH00484 "server reached
	 * MaxRequestWorkers setting, consider raising the MaxRequestWorkers
	 * setting", AH00485 "scoreboard is full, not at MaxRequestWorkers";
	 * prefork.c AH00161; 2.2: "server reached MaxClients setting" */
	.id = "apache.max-workers",
	.patterns = {"server reached MaxRequestWorkers setting",
		     "server reached MaxClients setting",
		     "scoreboard is full, not at MaxRequestWorkers",
		     "All workers busy, not accepting new conns"},
	.runtimes = "Apache httpd (event, worker, prefork MPMs)",
	.cause = "app.apache.max_request_workers",
	.also = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "Apache httpd is serving MaxRequestWorkers requests at once",
	.why = "MaxRequestWorkers caps the requests httpd serves at a time (threads or "
	       "processes); beyond it new connections wait in the listen queue "
	       "(ListenBacklog, capped by net.core.somaxconn) and time out.",
	.confirm = "apachectl -V; grep -rE 'MaxRequestWorkers|ServerLimit|ThreadsPerChild' "
		   "/etc/apache2 /etc/httpd",
	.fix = "raise MaxRequestWorkers (and ServerLimit with it) as far as memory "
	       "allows; raise ListenBacklog and net.core.somaxconn",
    },
    {
	/* apache/httpd server/mpm/prefork/prefork.c AH00159 "fork: Unable to fork
	 * new process"; event.c AH00480 "ap_thread_create: unable to create
	 * worker thread" */
	.id = "apache.fork",
	.patterns = {"fork: Unable to fork new process", "unable to create worker thread"},
	.runtimes = "Apache httpd",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_THREADS_MAX " " LAYER_ID_MEM_PER_CONN,
	.title = "Apache httpd could not start a process or thread",
	.why = "With \"(11)Resource temporarily unavailable\" the user, the cgroup or the "
	       "system is out of tasks; with \"(12)Cannot allocate memory\" out of "
	       "memory.",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
    },
    {
	/* apache/httpd: ap_log_error prints errno as "(%d)%s: " — "(24)Too many
	 * open files" */
	.id = "apache.emfile",
	.patterns = {"(24)Too many open files"},
	.runtimes = "Apache httpd",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "Apache httpd is out of file descriptors",
	.why = "httpd does not raise RLIMIT_NOFILE itself (apachectl sets the soft "
	       "limit to the hard one when it starts httpd); each connection, log file "
	       "and proxied backend takes an fd.",
	.confirm = "grep 'open files' /proc/$(pgrep -o -x apache2 || pgrep -o -x httpd)/limits",
	.fix = "LimitNOFILE= in apache2.service or httpd.service, or ULIMIT_MAX_FILES in "
	       "envvars; restart",
    },
    {
	/* apache/httpd server/listen.c AH00072 "make_sock: could not bind to
	 * address %pI" */
	.id = "apache.bind",
	.patterns = {"make_sock: could not bind to address"},
	.runtimes = "Apache httpd",
	.cause = "app.port-in-use",
	.also = LAYER_ID_PORTS_EPHEMERAL,
	.title = "Apache httpd could not listen on its port",
	.why = "With \"(98)Address already in use\" another process holds the port; "
	       "with \"(99)Cannot assign requested address\" the Listen address is not "
	       "on this host.",
	.confirm = "ss -ltnp 'sport = :PORT'; ip -br addr",
	.fix = "stop the other listener, or correct the Listen directive",
	.candidates = {{"app.port-in-use", "(98)Address already in use",
			"ss -ltnp 'sport = :PORT'"},
		       {"app.bind-address", "(99)Cannot assign requested address",
			"ip -br "
			"addr"}},
    },
    {
	/* apache/httpd modules/proxy/proxy_util.c AH00957 "%s: attempt to connect
	 * to %pI (%s:%hu) failed" */
	.id = "apache.proxy-connect",
	.patterns = {"attempt to connect to @ (*) failed"},
	.runtimes = "Apache httpd (mod_proxy)",
	.cause = "app.server-died",
	.also = LAYER_ID_PORTS_EPHEMERAL " " LAYER_ID_BACKLOG_SYN,
	.title = "mod_proxy could not connect to the backend",
	.why = "The errno before AH00957 tells which: (111)Connection refused, the "
	       "backend is down; (99)Cannot assign requested address, out of local "
	       "ports; (110)Connection timed out, its queue drops SYNs.",
	.confirm = "the errno in the same line; ss -ltnp on the backend",
	.fix = "according to the errno: restart the backend, keep-alive to it "
	       "(ProxyPass ... keepalive=On), or raise its backlog",
	.candidates = {CAND_SERVER_DIED, CAND_PORTS, CAND_SYN},
    },
    {
	/* caddyserver/caddy modules/caddyhttp/reverseproxy/reverseproxy.go:
	 * errNoUpstream = fmt.Errorf("no upstreams available") */
	.id = "caddy.no-upstreams",
	.patterns = {"no upstreams available"},
	.runtimes = "Caddy (reverse_proxy)",
	.cause = "app.server-died",
	.title = "Caddy found no healthy upstream to proxy to",
	.why = "Every upstream failed its health checks or its passive failure count: "
	       "they are down, or refuse because they are at a limit of their own.",
	.confirm = "the upstreams' logs; ss -ltnp on them",
	.fix = "find why the upstreams stopped answering (headroom explain on their logs)",
    },
};
const size_t explain_cat_web_len = nitems(explain_cat_web);
