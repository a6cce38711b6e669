/*
 * explain-cat-clients.c: the errors the servers' own client libraries
 * print when a connection fails: the MySQL/MariaDB client (mysql,
 * mysqlslap, sysbench, PHP mysqli/PDO, the C connector), whose messages
 * carry only the errno in parentheses, and the Kafka client. Each entry
 * names the source of its message.
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

/*
 * mysql/mysql-server libmysql/errmsg.cc client_errors[]:
 * CR_CONNECTION_ERROR (2002) "Can't connect to local MySQL server through
 * socket '%-.100s' (%d)", CR_CONN_HOST_ERROR (2003) "Can't connect to MySQL
 * server on '%-.100s:%u' (%d)" (5.7: "on '%-.100s' (%d)"), CR_IPSOCK_ERROR
 * (2004) "Can't create TCP/IP socket (%d)"; mariadb-corporation/
 * mariadb-connector-c libmariadb/ma_errmsg.c: "Can't connect to local
 * server through socket '%-.64s' (%d)", "Can't connect to server on
 * '%-.64s' (%d)". The number is the errno of connect() or socket().
 */
#define MYSQL_TCP(err)                                                                             \
	"Can't connect to MySQL server on @ (" err ")", "Can't connect to server on @ (" err ")"
#define MYSQL_UNIX(err)                                                                            \
	"Can't connect to local MySQL server through socket @ (" err ")",                          \
	    "Can't connect to local server through socket @ (" err ")"

const struct explain_entry explain_cat_clients[] = {
    {
	/* CR_CONN_HOST_ERROR with errno 99 (EADDRNOTAVAIL) */
	.id = "mysql.client-ports",
	.patterns = {MYSQL_TCP("99")},
	.runtimes = "MySQL/MariaDB clients (mysql, mysqlslap, sysbench, PHP, the C connector)",
	.cause = LAYER_ID_PORTS_EPHEMERAL,
	.also = LAYER_ID_TCP_TW,
	.title = "a MySQL client could not connect: no local port left (errno 99)",
	.why = "99 is EADDRNOTAVAIL: every local port toward the server's address and "
	       "port is taken, most by connections in TIME_WAIT when each query opens "
	       "its own connection.",
	.confirm = CONFIRM_PORTS,
	.fix = FIX_PORTS "; or a persistent connection pool",
    },
    {
	/* CR_IPSOCK_ERROR / CR_CONN_HOST_ERROR / CR_CONNECTION_ERROR with errno
	 * 24 (EMFILE) */
	.id = "mysql.client-emfile",
	.patterns = {"Can't create TCP/IP socket (24)", "Can't create UNIX socket (24)",
		     MYSQL_TCP("24"), MYSQL_UNIX("24")},
	.runtimes = "MySQL/MariaDB clients",
	.cause = LAYER_ID_NOFILE_SOFT,
	.also = LAYER_ID_NOFILE_HARD,
	.title = "a MySQL client is out of file descriptors (errno 24)",
	.why = "24 is EMFILE: the client process (a load generator, a PHP worker) "
	       "reached its own soft RLIMIT_NOFILE before it could open the socket.",
	.confirm = "ulimit -n in the shell of the client; ls /proc/PID/fd | wc -l",
	.fix = "raise the client's limit (ulimit -n, headroom exec --nofile N -- CMD, "
	       "LimitNOFILE= of its unit) or open fewer connections",
    },
    {
	/* CR_CONNECTION_ERROR with errno 11 (EAGAIN): connect() on a full
	 * unix socket listen queue */
	.id = "mysql.client-socket-full",
	.patterns = {MYSQL_UNIX("11")},
	.runtimes = "MySQL/MariaDB clients on the local socket",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.title = "mysqld's unix socket backlog is full (errno 11)",
	.why = "connect() on a unix socket returns EAGAIN at once when the listener's "
	       "queue is full: mysqld accepts more slowly than clients arrive, and its "
	       "back_log is capped by net.core.somaxconn.",
	.confirm = "ss -xl | grep mysqld.sock (Recv-Q against Send-Q); mysql -e \"SHOW "
		   "VARIABLES LIKE 'back_log'\"",
	.fix = "raise back_log in my.cnf and net.core.somaxconn with it, or connect "
	       "through a pool",
    },
    {
	/* CR_CONN_HOST_ERROR with errno 110 (ETIMEDOUT) */
	.id = "mysql.client-timeout",
	.patterns = {MYSQL_TCP("110")},
	.runtimes = "MySQL/MariaDB clients",
	.cause = LAYER_ID_BACKLOG_SOMAXCONN,
	.also = LAYER_ID_BACKLOG_SYN " " LAYER_ID_CONNTRACK,
	.title = "a MySQL client's connect timed out (errno 110)",
	.why = "110 is ETIMEDOUT: the SYN or its answer was lost. Under load the "
	       "server's accept queue (back_log, capped by net.core.somaxconn) is the "
	       "usual cause; a full conntrack table on the way drops SYNs alike.",
	.confirm = CONFIRM_QUEUE,
	.fix = FIX_QUEUE "; back_log in my.cnf",
	.candidates = {CAND_QUEUE, CAND_SYN, CAND_CONNTRACK},
    },
    {
	/* CR_CONN_HOST_ERROR with errno 111 (ECONNREFUSED); CR_CONNECTION_ERROR
	 * with 2 (ENOENT: no socket file) or 111 */
	.id = "mysql.client-refused",
	.patterns = {MYSQL_TCP("111"), MYSQL_UNIX("2"), MYSQL_UNIX("111")},
	.runtimes = "MySQL/MariaDB clients",
	.cause = "app.server-died",
	.title = "nothing listens where the MySQL client connects (errno 111 or 2)",
	.why = "111 is ECONNREFUSED (no listener on the port), 2 is ENOENT (no socket "
	       "file): mysqld is not running there, crashed, or listens elsewhere.",
	.confirm = "ss -ltnp 'sport = :3306'; ss -xlp | grep mysqld; journalctl -u mysql",
	.fix = "start mysqld, or point the client at its address, port or socket",
    },
    {
	/* apache/kafka clients/src/main/java/org/apache/kafka/clients/
	 * NetworkClient.java: "Connection to node {} ({}) could not be
	 * established. Broker may not be available." */
	.id = "kafka.client-unreachable",
	.patterns = {"could not be established. Broker may not be available"},
	.runtimes = "Kafka clients (producers, consumers, AdminClient, kafka-*-perf-test)",
	.cause = "app.server-died",
	.also = LAYER_ID_NOFILE_HARD,
	.title = "a Kafka client could not connect to a broker",
	.why = "The TCP connection to the broker failed: the broker is down or "
	       "restarting, listens on another address (advertised.listeners), or "
	       "refuses connections (its log says why: Too many open files).",
	.confirm = "ss -ltnp 'sport = :9092' on the broker; grep -E 'Too many open "
		   "files|Shutting down' in its server.log",
	.fix = "start the broker, fix advertised.listeners, or raise its LimitNOFILE=",
    },
};
const size_t explain_cat_clients_len = nitems(explain_cat_clients);
