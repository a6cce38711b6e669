/*
 * app-parsers.h: the configuration parsers of the application layers, for
 * their callers in src/app-*.c and for the unit tests. Each reads the
 * configuration the way its server does (includes, globs, comments,
 * quotes, blocks, defaults) and records where each setting was found.
 * They return 0, or -errno with cause naming the file (and line for a
 * parse error: -EBADMSG).
 */
#ifndef APP_PARSERS_H
#define APP_PARSERS_H

#include "app.h"
#include "appconf.h"

/* ---- nginx ---- */

#define NGINX_DEFAULT_CONF	  "/etc/nginx/nginx.conf" /* Debian's --conf-path */
#define NGINX_DEFAULT_PREFIX	  "/usr/share/nginx"	  /* Debian's --prefix */
#define NGINX_DEFAULT_CONNECTIONS 512
#define NGINX_DEFAULT_BACKLOG	  511 /* NGX_LISTEN_BACKLOG on Linux */
#define NGINX_WORKERS_AUTO	  (-1)
#define NGINX_LISTEN_MAX	  8

struct nginx_listen {
	char addr[96];
	int64_t backlog; /* NGINX_DEFAULT_BACKLOG unless backlog=N */
	bool backlog_set;
	char file[APP_PATH_MAX];
	int line;
};

struct nginx_conf {
	char prefix[APP_PATH_MAX];  /* the configuration's directory: includes are relative to it */
	struct app_setting workers; /* worker_processes; NGINX_WORKERS_AUTO for auto */
	struct app_setting connections;	  /* worker_connections */
	struct app_setting rlimit_nofile; /* worker_rlimit_nofile */
	struct app_setting events;	  /* where `events {` opens */
	struct nginx_listen listen[NGINX_LISTEN_MAX];
	size_t nlisten;	    /* kept */
	size_t nlisten_all; /* seen */
	int nfiles;
};

void nginx_conf_init(struct nginx_conf *c, const char *prefix);
/* Parse one file and what it includes; file is absolute under the root. */
int nginx_parse_file(struct nginx_conf *c, const char *file, char *cause, size_t causelen);
/* Parse text in the main context (the -g directives, or a test's input). */
int nginx_parse_text(struct nginx_conf *c, const char *name, const char *text, char *cause,
		     size_t causelen);

/* ---- HAProxy ---- */

#define HAPROXY_DEFAULT_CONF	"/etc/haproxy/haproxy.cfg"
#define HAPROXY_DEFAULT_MAXCONN 100 /* DEFAULT_MAXCONN: the floor of the computed value */
#define HAPROXY_FRONTENDS_MAX	16

struct haproxy_frontend {
	char name[64];
	bool splice;
	struct app_setting maxconn; /* 0: none of its own (the global one applies) */
	int binds;
};

struct haproxy_conf {
	struct app_setting maxconn;	  /* global maxconn */
	struct app_setting ulimit_n;	  /* global ulimit-n */
	struct app_setting fd_hard_limit; /* global fd-hard-limit */
	struct app_setting nbthread;
	struct app_setting strict_limits; /* 1 on, 0 `no strict-limits`; default on */
	struct app_setting global;	  /* where the global section opens */
	struct haproxy_frontend fe[HAPROXY_FRONTENDS_MAX];
	size_t nfe;
	int listeners;	    /* bind lines in frontends and listen sections */
	int checks;	    /* servers with health checks: one fd each */
	int stats_socket;   /* stats socket lines: a listener each */
	bool master_worker; /* -W or master-worker: the master's CLI to the worker is
			       a listener with a maxconn of 10 */
	bool conditional;   /* .if blocks were read as if true */
	/* Kernel splicing (option splice-*) takes pipes: unlimited while a
	 * splicing proxy has no maxconn of its own; else a quarter of theirs. */
	bool splice_unlimited;
	int64_t splice_conns;
	int nfiles;
};

void haproxy_conf_init(struct haproxy_conf *c);
/* A file, or a directory of *.cfg files read in order, as -f takes them. */
int haproxy_parse_path(struct haproxy_conf *c, const char *path, char *cause, size_t causelen);
int haproxy_parse_text(struct haproxy_conf *c, const char *name, const char *text, char *cause,
		       size_t causelen);
/* maxconn as HAProxy 2.6 computes it without a global maxconn: from the
 * nofile limit at start-up (the larger of soft and hard), fd-hard-limit,
 * the fds the configuration takes, and threads (compute_ideal_maxconn). */
int64_t haproxy_ideal_maxconn(const struct haproxy_conf *c, int64_t nofile_at_start,
			      int64_t nthreads);

/* ---- Redis ---- */

#define REDIS_DEFAULT_CONF	 "/etc/redis/redis.conf" /* Debian's service */
#define REDIS_DEFAULT_MAXCLIENTS 10000
#define REDIS_RESERVED_FDS	 32 /* CONFIG_MIN_RESERVED_FDS */
#define REDIS_DEFAULT_PORT	 6379

struct redis_conf {
	char cwd[APP_PATH_MAX]; /* relative includes: the server's working directory */
	struct app_setting maxclients;
	struct app_setting port;
	char bind[256];
	char unixsocket[APP_PATH_MAX];
	int nfiles;
};

void redis_conf_init(struct redis_conf *c, const char *cwd);
int redis_parse_file(struct redis_conf *c, const char *file, char *cause, size_t causelen);
int redis_parse_text(struct redis_conf *c, const char *name, const char *text, char *cause,
		     size_t causelen);

/* ---- memcached ---- */

#define MEMCACHED_DEFAULT_MAXCONNS 1024
#define MEMCACHED_DEFAULT_PORT	   11211
#define MEMCACHED_DEBIAN_CONF	   "/etc/memcached.conf"

/* ---- PostgreSQL ---- */

#define PG_DEFAULT_MAX_CONNECTIONS    100
#define PG_DEFAULT_SUPERUSER_RESERVED 3

struct pg_conf {
	struct app_setting max_connections;
	struct app_setting superuser_reserved;
	struct app_setting reserved; /* reserved_connections (16+) */
	char data_directory[APP_PATH_MAX];
	int nfiles;
};

void pg_conf_init(struct pg_conf *c);
int pg_parse_file(struct pg_conf *c, const char *file, bool must_exist, char *cause,
		  size_t causelen);
int pg_parse_text(struct pg_conf *c, const char *name, const char *text, char *cause,
		  size_t causelen);

/* ---- MySQL / MariaDB ---- */

#define MYSQL_DEFAULT_MAX_CONNECTIONS 151

struct mysql_conf {
	struct app_setting max_connections;
	struct app_setting open_files_limit;
	struct app_setting group;  /* where a [mysqld]-like group opens, to add to */
	char socket[APP_PATH_MAX]; /* its unix socket when set; "" the client's default */
	int nfiles;
};

void mysql_conf_init(struct mysql_conf *c);
int mysql_parse_file(struct mysql_conf *c, const char *file, char *cause, size_t causelen);
int mysql_parse_text(struct mysql_conf *c, const char *name, const char *text, char *cause,
		     size_t causelen);
/* Whether an option group is one mysqld reads. */
bool mysql_server_group(const char *group);

#endif
