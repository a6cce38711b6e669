/*
 * explain-cat-data.c: databases and caches under load: Redis, memcached,
 * PostgreSQL and PgBouncer, MySQL and MariaDB, MongoDB. Each entry names
 * the source of the message it matches. (Search engines and brokers are in
 * explain-cat-brokers.c, read before this part: MySQL's bare "Too many
 * connections" comes last of all the servers.)
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

#define FIX_SERVICE_NOFILE(unit)                                                                   \
	"LimitNOFILE=N in " unit " (systemctl edit " unit "), docker --ulimit nofile=N:N; "        \
	"restart"

/* Order: MongoDB's "too many open connections" before memcached's, and
 * MySQL's bare "Too many connections" last. */
const struct explain_entry explain_cat_data[] = {
    {
	/* redis/redis src/server.c adjustOpenFilesLimit(): "You requested
	 * maxclients of %d requiring at least %llu max file descriptors.",
	 * "Server can't set maximum open files to %llu because of OS error: %s.",
	 * "maxclients has been reduced to %d to compensate for low ulimit.";
	 * before 3.2: "Unable to set the max number of files limit to %d (%s),
	 * setting the max clients configuration to %d." */
	.id = "redis.maxclients-reduced",
	.patterns = {"You requested maxclients of # requiring at least",
		     "can't set maximum open files to #",
		     "maxclients has been reduced to # to compensate for low ulimit",
		     "Unable to set the max number of files limit to"},
	.runtimes = "Redis, Valkey, KeyDB",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "Redis lowered maxclients to fit its open-file limit",
	.why = "Redis raises its own RLIMIT_NOFILE to maxclients + 32 at start-up; "
	       "as a non-root user (or under LimitNOFILE=) it cannot go past the hard "
	       "limit, so it lowers maxclients to what fits and clients beyond it get "
	       "\"max number of clients reached\".",
	.confirm = "redis-cli config get maxclients; grep 'open files' /proc/$(pidof -s "
		   "redis-server)/limits",
	.fix = FIX_SERVICE_NOFILE("redis-server.service") " with N at least maxclients + 32",
    },
    {
	/* redis/redis src/server.c: "Your current 'ulimit -n' of %llu is not
	 * enough for the server to start. Please increase your open file limit to
	 * at least %llu. Exiting." */
	.id = "redis.ulimit-too-low",
	.patterns = {"'ulimit -n' of # is not enough for the server to start"},
	.runtimes = "Redis, Valkey",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "Redis refused to start: its open-file limit is too low for anything",
	.why = "Redis needs 32 fds for itself before any client; below that it exits.",
	.confirm = "ulimit -Hn where it starts",
	.fix = FIX_SERVICE_NOFILE("redis-server.service"),
    },
    {
	/* redis/redis src/networking.c acceptCommonHandler(): "-ERR max number of
	 * clients reached\r\n" ("+ cluster connections" in a cluster) */
	.id = "redis.max-clients",
	.patterns = {"max number of clients reached", "max number of clients + cluster"},
	.runtimes = "Redis (server reply, seen by clients: redis-cli, redis-py, ioredis, "
		    "go-redis, Jedis, Lettuce)",
	.cause = LAYER_ID_APP_REDIS,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "Redis refused a client: maxclients reached",
	.why = "Redis holds at most maxclients connections (10,000 by default, lowered "
	       "at start-up when the fd limit is smaller). Client pools that open a "
	       "connection per worker reach it quickly.",
	.confirm = "redis-cli info clients (connected_clients); redis-cli config get "
		   "maxclients; redis's log for \"maxclients has been reduced\"",
	.fix = "raise maxclients (and LimitNOFILE= with it), or share connections "
	       "(pool size per client process)",
	.candidates = {{LAYER_ID_APP_REDIS, "connected_clients equals maxclients",
			"redis-cli info clients; redis-cli config get maxclients"},
		       {LAYER_ID_NOFILE_HARD,
			"maxclients was lowered at start-up to fit the fd limit",
			"grep 'maxclients has been reduced' in redis's log"}},
    },
    {
	/* redis/redis src/server.c checkTcpBacklogSettings(): "WARNING: The TCP
	 * backlog setting of %d cannot be enforced because
	 * /proc/sys/net/core/somaxconn is set to the lower value of %d." */
	.id = "redis.tcp-backlog",
	.patterns = {"TCP backlog setting of # cannot be enforced"},
	.runtimes = "Redis, Valkey",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "Redis's tcp-backlog is capped by net.core.somaxconn",
	.why = "listen(511) gets at most net.core.somaxconn; a burst of new clients "
	       "beyond it overflows the accept queue and times out.",
	.confirm = "sysctl net.core.somaxconn; redis-cli config get tcp-backlog",
	.fix = "sysctl -w net.core.somaxconn=4096 (in a container: --sysctl), then "
	       "restart Redis",
    },
    {
	/* redis/redis src/server.c listenToPort(): "Failed listening on port %u
	 * (%s), aborting.", after the line that names the error ("Could not
	 * create server TCP listening socket %s:%d: %s"); redis-server 7.0.15
	 * printed both on a port its first instance held
	 * (tests/explain/gen-real.sh) */
	.id = "redis.listen-failed",
	.patterns = {"Failed listening on port # (@), aborting"},
	.runtimes = "Redis",
	.cause = "app.port-in-use",
	.title = "Redis could not listen on its port and stopped",
	.why = "The line before it names the error: \"bind: Address already in use\" "
	       "another process holds the port, \"Cannot assign requested address\" "
	       "the bind address is not on this host.",
	.confirm = "ss -ltnp 'sport = :PORT'; ip -br addr",
	.fix = "stop the other listener, or correct bind/port in redis.conf",
	.candidates = {{"app.port-in-use", "bind: Address already in use",
			"ss -ltnp 'sport = :PORT'"},
		       {"app.bind-address", "Cannot assign requested address", "ip -br addr"}},
    },
    {
	/* redis/redis src/socket.c connSocketAcceptHandler(): "Accepting client
	 * connection: %s" with anet's "accept: %s"; src/networking.c "Error
	 * accepting a client connection: %s (addr=%s laddr=%s)" */
	.id = "redis.accept-emfile",
	.patterns = {"Accepting client connection: accept: Too many open files",
		     "Error accepting a client connection: *Too many open files"},
	.runtimes = "Redis",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "Redis is out of file descriptors",
	.why = "Redis sizes maxclients from its fd limit, so this means other fds "
	       "(AOF, RDB, replicas, Lua) took the headroom, or the limit was lowered "
	       "after start.",
	.confirm = "ls /proc/$(pidof -s redis-server)/fd | wc -l; grep 'open files' "
		   "/proc/$(pidof -s redis-server)/limits",
	.fix = FIX_SERVICE_NOFILE("redis-server.service"),
    },
    {
	/* postgres/postgres src/backend/storage/lmgr/proc.c InitProcess():
	 * errmsg("sorry, too many clients already") */
	.id = "pg.too-many-clients",
	.patterns = {"sorry, too many clients already"},
	.runtimes = "PostgreSQL (server log and client errors: psql, libpq, JDBC, psycopg, "
		    "pgx, asyncpg)",
	.cause = LAYER_ID_APP_POSTGRESQL,
	.title = "PostgreSQL refused a connection: max_connections reached",
	.why = "Each connection is a backend process; max_connections (100 by default) "
	       "caps them. It is PostgreSQL's setting, not a kernel limit: clients "
	       "that open a connection per request or per thread reach it first.",
	.confirm = "psql -c 'SHOW max_connections' -c 'SELECT count(*) FROM "
		   "pg_stat_activity'",
	.fix = "a connection pool (PgBouncer) or smaller client pools; raise "
	       "max_connections (restart) only with memory for each backend",
    },
    {
	/* postgres/postgres src/backend/utils/init/postinit.c: "remaining
	 * connection slots are reserved for non-replication superuser
	 * connections" (16: "for roles with the %s attribute") */
	.id = "pg.reserved-slots",
	.patterns = {"remaining connection slots are reserved for"},
	.runtimes = "PostgreSQL",
	.cause = LAYER_ID_APP_POSTGRESQL,
	.title = "PostgreSQL is at max_connections minus the reserved slots",
	.why = "superuser_reserved_connections (and reserved_connections) keep the last "
	       "slots of max_connections for administrators; ordinary clients are "
	       "refused already.",
	.confirm = "psql -c 'SHOW max_connections' -c 'SHOW superuser_reserved_connections' -c "
		   "'SELECT count(*) FROM pg_stat_activity'",
	.fix = "a connection pool or smaller client pools; raise max_connections",
    },
    {
	/* postgres/postgres src/backend/utils/init/postinit.c: "too many
	 * connections for role \"%s\"", "too many connections for database
	 * \"%s\"" */
	.id = "pg.role-limit",
	.patterns = {"too many connections for role", "too many connections for database"},
	.runtimes = "PostgreSQL",
	.cause = LAYER_ID_APP_POSTGRESQL,
	.title = "a role's or database's CONNECTION LIMIT was reached",
	.why = "ALTER ROLE ... CONNECTION LIMIT or ALTER DATABASE ... CONNECTION LIMIT "
	       "caps connections below max_connections.",
	.confirm = "psql -c 'SELECT rolname, rolconnlimit FROM pg_roles' -c 'SELECT "
		   "datname, datconnlimit FROM pg_database'",
	.fix = "raise the CONNECTION LIMIT, or pool connections",
    },
    {
	/* postgres/postgres src/backend/postmaster/postmaster.c BackendStartup():
	 * "could not fork new process for connection: %m" with ENOMEM; the other
	 * children alike (autovacuum.c "could not fork autovacuum worker
	 * process: %m", bgworker.c "could not fork worker process: %m") */
	.id = "pg.fork-memory",
	.patterns = {"could not fork new process for connection: Cannot allocate",
		     "could not fork * process: Cannot allocate"},
	.runtimes = "PostgreSQL",
	.cause = LAYER_ID_MEM_PER_CONN,
	.also = LAYER_ID_CGROUP_MEMORY,
	.title = "PostgreSQL had no memory to fork a backend for a new connection",
	.why = "fork() returned ENOMEM: with vm.overcommit_memory=2 the commit limit is "
	       "reached (each backend commits shared_buffers' page tables and "
	       "work_mem), or the container's memory limit is.",
	.confirm = "grep -E 'Commit(Limit|ted_AS)' /proc/meminfo; free -m; the cgroup's "
		   "memory.max",
	.fix = "fewer backends (a pool such as PgBouncer), more memory, or a higher "
	       "vm.overcommit_ratio",
    },
    {
	/* postgres/postgres src/backend/postmaster/postmaster.c BackendStartup():
	 * errmsg("could not fork new process for connection: %m") */
	.id = "pg.fork",
	.patterns = {"could not fork new process for connection", "could not fork * process"},
	.runtimes = "PostgreSQL",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_MEM_PER_CONN,
	.title = "PostgreSQL could not start a backend for a new connection",
	.why = "Each connection is a process forked by the postmaster. \"Resource "
	       "temporarily unavailable\" is the postgres user's RLIMIT_NPROC, the "
	       "cgroup's pids.max (TasksMax=) or the system's task limits; \"Cannot "
	       "allocate memory\" is memory (vm.overcommit_memory=2 with a full "
	       "CommitLimit, or a container's memory limit).",
	.confirm = CONFIRM_TASKS "; free -m; grep Commit /proc/meminfo",
	.fix = FIX_TASKS "; or fewer connections through a pool",
	.candidates = {{LAYER_ID_NPROC, "\"Resource temporarily unavailable\" near ulimit -u",
			"ps -L -u postgres | wc -l; grep processes /proc/$(pgrep -o "
			"postgres)/limits"},
		       {LAYER_ID_CGROUP_PIDS, "the service's TasksMax= is reached",
			"systemctl show -p TasksMax -p TasksCurrent postgresql"},
		       {LAYER_ID_MEM_PER_CONN, "\"Cannot allocate memory\"",
			"free -m; grep Commit "
			"/proc/meminfo"}},
    },
    {
	/* postgres/postgres src/backend/libpq/pqcomm.c: "could not accept new
	 * connection: %m"; src/backend/storage/file/fd.c: "out of file
	 * descriptors: %m; release and retry" */
	.id = "pg.fds",
	.patterns = {"could not accept new connection: Too many open files",
		     "out of file descriptors: *; release and retry"},
	.runtimes = "PostgreSQL",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "PostgreSQL is out of file descriptors",
	.why = "The postmaster and each backend run with the soft RLIMIT_NOFILE they "
	       "inherited (PostgreSQL does not raise it); max_files_per_process "
	       "assumes it can open that many per backend.",
	.confirm = "grep 'open files' /proc/$(pgrep -o postgres)/limits; psql -c 'SHOW "
		   "max_files_per_process'",
	.fix = FIX_SERVICE_NOFILE("postgresql.service") "; or lower max_files_per_process",
    },
    {
	/* postgres/postgres src/backend/libpq/pqcomm.c: "could not bind %s
	 * address \"%s\": %m" with hint "Is another postmaster already running on
	 * port %d?", then "could not create any TCP/IP sockets" */
	.id = "pg.bind",
	.patterns = {"Is another postmaster already running on port",
		     "could not create any TCP/IP sockets"},
	.runtimes = "PostgreSQL",
	.cause = "app.port-in-use",
	.title = "PostgreSQL could not listen: the port is taken",
	.why = "Another postmaster (or another program) listens on the port.",
	.confirm = "ss -ltnp 'sport = :5432'",
	.fix = "stop the other instance or change port",
    },
    {
	/* postgres/postgres src/interfaces/libpq/fe-connect.c (14 and later)
	 * connectFailureMessage(): "\tIs the server running on that host and
	 * accepting TCP/IP connections?", added to every failed TCP connect():
	 * seen with psql 15.18 after "Connection refused" and after "Cannot
	 * assign requested address" (tests/explain/gen-real.sh) */
	.id = "pg.client-tcp-hint",
	.patterns = {"Is the server running on that host and accepting TCP/IP"},
	.runtimes = "libpq clients (psql, pgbench, psycopg)",
	.cause = "app.server-died",
	.also = LAYER_ID_PORTS_EPHEMERAL,
	.title = "a libpq client could not connect over TCP",
	.why = "libpq adds this hint to any failed connect(); the line above it names the "
	       "error: \"Connection refused\" the server is down or listens elsewhere, "
	       "\"Cannot assign requested address\" the client is out of local ports.",
	.confirm = "the line above it; pg_isready -h HOST -p PORT",
	.fix = "according to that error",
	.candidates = {CAND_SERVER_DIED, CAND_PORTS},
    },
    {
	/* postgres/postgres src/interfaces/libpq/fe-misc.c pqWaitTimed():
	 * "timeout expired" when connect_timeout (PGCONNECT_TIMEOUT) runs out:
	 * psql 15.18 against a listener whose accept queue was full printed
	 * 'connection to server at "127.0.0.1", port 8096 failed: timeout
	 * expired' (tests/explain/gen-real.sh) */
	.id = "pg.connect-timeout",
	.patterns = {"failed: timeout expired"},
	.runtimes = "libpq clients (psql, pgbench, psycopg)",
	/* The accept queue first: see CAND_QUEUE. */
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "a libpq client got no answer within connect_timeout",
	.why = "The connection was not set up in time: the server's accept queue was full "
	       "(PostgreSQL's postmaster busy forking, or at its listen backlog) and the "
	       "kernel dropped the SYN, or the SYN queue or conntrack dropped it.",
	.confirm = "on the server: nstat -az TcpExtListenOverflows TcpExtListenDrops",
	.fix = FIX_QUEUE "; a longer connect_timeout; a pooler (PgBouncer) in front",
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* postgres/postgres src/interfaces/libpq/fe-connect.c: "\tIs the server
	 * running on host \"%s\" (%s) and accepting\n\tTCP/IP connections on
	 * port %s?" */
	.id = "pg.client-refused",
	.patterns = {"Is the server running on host", "Is the server running locally and "
						      "accepting"},
	.runtimes = "libpq clients (psql, pgbench, psycopg)",
	.cause = "app.server-died",
	.title = "nothing listens where the client looks for PostgreSQL",
	.why = "libpq adds this hint to \"Connection refused\" or a missing socket file: "
	       "the server is down, restarting, or listens elsewhere.",
	.confirm = "pg_isready -h HOST -p PORT; the server's log",
	.fix = "find why the server stopped (headroom explain on its log)",
    },
    {
	/* pgbouncer/pgbouncer src/client.c: disconnect_client(client, true, "no
	 * more connections allowed (max_client_conn)") */
	.id = "pgbouncer.max-client-conn",
	.patterns = {"no more connections allowed (max_client_conn)"},
	.runtimes = "PgBouncer (reply seen by clients)",
	.cause = "app.pgbouncer.max_client_conn",
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "PgBouncer refused a client: max_client_conn reached",
	.why = "PgBouncer accepts at most max_client_conn clients (100 by default); its "
	       "fd limit must be at least max_client_conn plus the server connections.",
	.confirm = "psql -p 6432 pgbouncer -c 'SHOW CONFIG' | grep max_client_conn; -c "
		   "'SHOW LISTS'",
	.fix = "raise max_client_conn and the fd limit of pgbouncer.service with it",
    },
    {
	/* mysql/mysql-server sql/mysqld.cc: "Could not increase number of
	 * max_open_files to more than %lu (request: %lu)" (MY-010140) and
	 * "Changed limits: max_open_files: %lu (requested %lu)",
	 * "max_connections: %lu (requested %lu)" (MY-010141); MariaDB sql/mysqld.cc
	 * "Changed limits: max_open_files: %u  max_connections: %lu (was %lu)" */
	.id = "mysql.open-files-limit",
	.patterns = {"Could not increase number of max_open_files to more than",
		     "Changed limits: max_open_files:", "Changed limits: max_connections:",
		     "Changed limits: table_open_cache:", "Changed limits: table_cache:"},
	.runtimes = "MySQL, MariaDB, Percona Server",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_NOFILE_SOFT,
	.title = "mysqld lowered its limits to fit the open files it may use",
	.why = "mysqld raises RLIMIT_NOFILE to open_files_limit (computed from "
	       "max_connections and table_open_cache) at start-up; it cannot go past "
	       "the hard limit it started under (LimitNOFILE= of mysql.service or "
	       "mariadb.service), so it lowers max_connections and table_open_cache "
	       "to fit.",
	.confirm =
	    "mysql -e \"SHOW VARIABLES LIKE 'open_files_limit'; SHOW VARIABLES LIKE "
	    "'max_connections'\"; grep 'open files' /proc/$(pidof -s mysqld mariadbd)/limits",
	.fix = FIX_SERVICE_NOFILE("mysql.service") " (mariadb.service)",
    },
    {
	/* mysql/mysql-server share/messages_to_clients.txt ER_CON_COUNT_ERROR
	 * (1040) "Too many connections"; ER_TOO_MANY_USER_CONNECTIONS (1203)
	 * "User %s already has more than 'max_user_connections' active
	 * connections"; Connector/J "Data source rejected establishment of
	 * connection, message from server: \"Too many connections\"" */
	.id = "mysql.too-many-connections",
	.patterns = {"1040*Too many connections",
		     "Data source rejected establishment of "
		     "connection",
		     "more than 'max_user_connections' active connections", "ERROR 1040",
		     "ER_CON_COUNT_ERROR"},
	.runtimes = "MySQL, MariaDB (server reply seen by clients: mysql, PHP, JDBC, "
		    "go-sql-driver, PyMySQL, mysqlclient)",
	.cause = LAYER_ID_APP_MYSQL,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "MySQL refused a connection: max_connections reached",
	.why = "mysqld holds at most max_connections + 1 connections (151 by default, "
	       "lowered at start-up when its fd limit is too small: \"Changed limits: "
	       "max_connections\"). It is the server's own setting, not a kernel limit.",
	.confirm = "mysql -e \"SHOW VARIABLES LIKE 'max_connections'; SHOW STATUS LIKE "
		   "'Threads_connected'; SHOW STATUS LIKE 'Max_used_connections'\"",
	.fix = "smaller client pools or a proxy pool; raise max_connections (SET GLOBAL, "
	       "and my.cnf) with LimitNOFILE= to match",
	.candidates = {{LAYER_ID_APP_MYSQL, "Threads_connected is at max_connections",
			"mysql -e \"SHOW STATUS LIKE 'Threads_connected'\""},
		       {LAYER_ID_NOFILE_HARD, "mysqld lowered max_connections at start-up",
			"grep 'Changed limits' in mysqld's error log"}},
    },
    {
	/* mysql/mysql-server share/messages_to_clients.txt ER_CANT_CREATE_THREAD
	 * (1135) "Can't create a new thread (errno %d); if you are not out of
	 * available memory, you can consult the manual for a possible OS-dependent
	 * bug"; sql/conn_handler "Can't create thread to handle new connection" */
	.id = "mysql.thread",
	.patterns = {"Can't create a new thread (errno", "Can't create thread to handle"},
	.runtimes = "MySQL, MariaDB",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_THREADS_MAX " " LAYER_ID_MEM_PER_CONN,
	.title = "mysqld could not start a thread for a connection",
	.why = "mysqld runs a thread per connection: errno 11 (EAGAIN) is the mysql "
	       "user's RLIMIT_NPROC, the cgroup's pids.max (TasksMax=) or the system's "
	       "task limits; errno 12 is memory for the thread stack.",
	.confirm = "grep processes /proc/$(pidof -s mysqld mariadbd)/limits; ls "
		   "/proc/$(pidof -s mysqld mariadbd)/task | wc -l",
	.fix = "LimitNPROC= and TasksMax= of mysql.service; the thread pool plugin "
	       "for many connections",
    },
    {
	/* mysql/mysql-server mysys/errors.cc EE_OUT_OF_FILERESOURCES "Out of
	 * resources when opening file '%s' (OS errno %d - %s)"; sql "Error in
	 * accept: %s"; storage/innobase/os/os0file.cc "Operating system error
	 * number %lu in a file operation." (24 is EMFILE) */
	.id = "mysql.fds",
	.patterns = {"Out of resources when opening file", "Error in accept: Too many open files",
		     "Operating system error number 24 in a file operation"},
	.runtimes = "MySQL, MariaDB",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "mysqld is out of file descriptors",
	.why = "Connections, tables (table_open_cache) and temporary files all take fds; "
	       "mysqld's limit is what it could raise itself to, capped by its hard "
	       "limit.",
	.confirm = "mysql -e \"SHOW VARIABLES LIKE 'open_files_limit'; SHOW GLOBAL STATUS "
		   "LIKE 'Open_files'\"",
	.fix = FIX_SERVICE_NOFILE("mysql.service") "; or a smaller table_open_cache",
    },
    {
	/* mysql/mysql-server ER_HOST_IS_BLOCKED (1129) "Host '%s' is blocked
	 * because of many connection errors; unblock with 'mysqladmin
	 * flush-hosts'" */
	.id = "mysql.host-blocked",
	.patterns = {"is blocked because of many connection errors"},
	.runtimes = "MySQL, MariaDB",
	.cause = "app.mysql.max_connect_errors",
	.title = "mysqld blocked the load generator's address after failed handshakes",
	.why = "max_connect_errors (100) interrupted handshakes in a row from one host "
	       "block it: clients that time out or give up during a connection storm "
	       "trip it.",
	.confirm = "mysql -e \"SHOW VARIABLES LIKE 'max_connect_errors'\"",
	.fix = "mysqladmin flush-hosts (or TRUNCATE performance_schema.host_cache); "
	       "raise max_connect_errors",
    },
    {
	/* mysql/mysql-server sql: "Can't start server: Bind on TCP/IP port:
	 * Address already in use", "Do you already have another mysqld server
	 * running on port: %d ?" */
	.id = "mysql.bind",
	.patterns = {"Do you already have another mysqld server running on port",
		     "Bind on TCP/IP port"},
	.runtimes = "MySQL, MariaDB",
	.cause = "app.port-in-use",
	.title = "mysqld could not listen: the port is taken",
	.why = "Another mysqld or program listens on the port.",
	.confirm = "ss -ltnp 'sport = :3306'",
	.fix = "stop the other instance or change port",
    },
    {
	/* mongodb/mongo src/mongo/db/startup_warnings_mongod.cpp: LOGV2(22184,
	 * "Soft rlimits for open file descriptors too low") (4.4: "Soft rlimits
	 * too low"); before 4.4: "** WARNING: soft rlimits too low. Number of files
	 * is %d, should be at least %d" */
	.id = "mongo.rlimits-files",
	.patterns = {"Soft rlimits for open file descriptors too low",
		     "\"msg\":\"Soft rlimits too low\"", "\"id\":22184,",
		     "soft rlimits too low. Number of files is"},
	.runtimes = "MongoDB (mongod start-up warning)",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "mongod runs with fewer open files than it recommends (64,000)",
	.why = "mongod takes an fd per connection and per data file, and does not "
	       "raise its own limit; it accepts at most about 80% of RLIMIT_NOFILE as "
	       "connections.",
	.confirm = "grep 'open files' /proc/$(pidof -s mongod)/limits",
	.fix = FIX_SERVICE_NOFILE("mongod.service") " with N at least 64000",
    },
    {
	/* mongodb/mongo src/mongo/db/startup_warnings_mongod.cpp (before 4.4):
	 * "** WARNING: soft rlimits too low. rlimits set to %d processes, %d files.
	 * Number of processes should be at least %d : 0.5 times number of files." */
	.id = "mongo.rlimits-processes",
	.patterns = {"soft rlimits too low. rlimits set to # processes"},
	.runtimes = "MongoDB (mongod start-up warning, before 4.4)",
	.cause = LAYER_ID_NPROC,
	.title = "mongod's process limit is below half its open-file limit",
	.why = "mongod runs a thread per connection (by default), so RLIMIT_NPROC caps "
	       "connections too.",
	.confirm = "grep processes /proc/$(pidof -s mongod)/limits",
	.fix = "LimitNPROC=64000 in mongod.service",
    },
    {
	/* mongodb/mongo src/mongo/transport/service_entry_point_impl.cpp:
	 * LOGV2(22942, "Connection refused because there are too many open
	 * connections"); before 4.4: "connection refused because too many open
	 * connections: %d" */
	.id = "mongo.too-many-connections",
	.patterns = {"Connection refused because there are too many open connections",
		     "connection refused because too many open connections", "\"id\":22942,"},
	.runtimes = "MongoDB",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "mongod refused a connection: its connection cap is reached",
	.why = "mongod caps connections at net.maxIncomingConnections, or at about 80% "
	       "of its RLIMIT_NOFILE when that is lower (819 under the default 1024): "
	       "most often the fd limit is the cap.",
	.confirm = "mongosh --eval 'db.serverStatus().connections'; grep 'open files' "
		   "/proc/$(pidof -s mongod)/limits",
	.fix = FIX_SERVICE_NOFILE("mongod.service") "; or raise "
						    "net.maxIncomingConnections",
	.candidates = {{LAYER_ID_NOFILE_SOFT, "the cap is about 80% of mongod's fd limit",
			"db.serverStatus().connections.available + current against the "
			"limit"},
		       {"app.mongodb.max_incoming_connections",
			"net.maxIncomingConnections is set lower",
			"grep maxIncomingConnections /etc/mongod.conf"}},
    },
    {
	/* memcached/memcached memcached.c drive_machine(): str = "ERROR Too many
	 * open connections\r\n" (maxconns_fast) and, verbose, "Too many open
	 * connections\n" at EMFILE */
	.id = "memcached.maxconns",
	.patterns = {"ERROR Too many open connections", "~Too many open connections"},
	.runtimes = "memcached (server reply and -v log)",
	.cause = LAYER_ID_APP_MEMCACHED,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "memcached refused a connection: -c (maxconns) reached",
	.why = "memcached sets its fd limit to -c (1024 by default) at start-up and "
	       "rejects connections beyond it.",
	.confirm = "echo stats | nc localhost 11211 | grep -E 'curr_connections|"
		   "max_connections|rejected_connections'",
	.fix = "start memcached with a higher -c (as root, or under a hard limit at "
	       "least that high)",
    },
    {
	/* memcached/memcached memcached.c main(): "failed to set rlimit for open
	 * files. Try starting as root or requesting smaller maxconns value." */
	.id = "memcached.rlimit",
	.patterns = {"failed to set rlimit for open files"},
	.runtimes = "memcached",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "memcached could not raise its open-file limit to -c",
	.why = "A non-root memcached cannot set RLIMIT_NOFILE above the hard limit it "
	       "inherited; it exits.",
	.confirm = "ulimit -Hn where memcached starts",
	.fix = FIX_SERVICE_NOFILE("memcached.service") " with N at least -c",
    },
    {
	/* mysql/mysql-server ER_CON_COUNT_ERROR "Too many connections" as the
	 * drivers pass it on without the code (Ruby mysql2, JDBC
	 * SQLNonTransientConnectionException); last of the servers, after
	 * ZooKeeper's, Kafka's and nghttpx's own "Too many connections ..." */
	.id = "mysql.too-many-connections-text",
	.patterns = {"Mysql2::Error*Too many connections",
		     "SQLNonTransientConnectionException: Too many connections",
		     "~Too many connections~"},
	.runtimes = "MySQL, MariaDB (as drivers report it: mysql2, JDBC, mysqli)",
	.cause = LAYER_ID_APP_MYSQL,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "the database refused a connection: too many connections (MySQL 1040)",
	.why = "\"Too many connections\" is MySQL's ER_CON_COUNT_ERROR: max_connections is "
	       "reached (151 by default, lowered at start-up when mysqld's fd limit is "
	       "smaller). It is the server's setting, not a kernel limit.",
	.confirm = "mysql -e \"SHOW VARIABLES LIKE 'max_connections'; SHOW STATUS LIKE "
		   "'Threads_connected'\"",
	.fix = "smaller client pools or a proxy pool; raise max_connections with "
	       "LimitNOFILE= to match",
    },
};
const size_t explain_cat_data_len = nitems(explain_cat_data);
