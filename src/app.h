/*
 * app.h: application layers. A watched process that is a known server
 * (nginx, HAProxy, Redis, memcached, PostgreSQL, MySQL/MariaDB) has a cap
 * of its own on the connections it takes: read it from its configuration
 * the way the server reads it, and add it as a layer (app.*).
 *
 * The portable side (src/app*.c) is plain code over text and files read
 * through rootfs: recognising a server, finding its configuration from its
 * command line, parsing it with its includes, and turning the result into
 * a layer. The platform glue (src/linux/probe-app.c) fills struct app_proc
 * from /proc and asks the server itself over loopback where it can
 * (struct app_live).
 */
#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "layer.h"

#define APP_PATH_MAX	256
#define APP_CMDLINE_MAX 4096
#define APP_ARGS_MAX	96
#define APP_FILE_MAX	(1024 * 1024) /* a larger configuration file is an error */
#define APP_DEPTH_MAX	16	      /* include nesting */
#define APP_FILES_MAX	512	      /* files one configuration may pull in */

enum app_id {
	APP_NONE = 0,
	APP_NGINX,
	APP_HAPROXY,
	APP_REDIS,
	APP_MEMCACHED,
	APP_POSTGRESQL,
	APP_MYSQL,
};

/* What the platform knows of the server process. */
struct app_proc {
	pid_t pid;     /* the server's main process (nginx master, postmaster) */
	pid_t watched; /* the pid asked about, when it is another of its processes */
	char comm[32];
	char exe[APP_PATH_MAX]; /* /proc/PID/exe's target; "" when unreadable */
	char cmdline[APP_CMDLINE_MAX];
	size_t cmdlen;
	const char *argv[APP_ARGS_MAX]; /* into cmdline */
	size_t argc;
	bool args_cut; /* more than the buffer or APP_ARGS_MAX holds: not all in argv */
	bool uid_known;
	uid_t uid;
	bool cap_sys_resource;		  /* CAP_SYS_RESOURCE in its effective set (or unknown):
					     it may raise its own hard limits */
	int64_t nofile_soft, nofile_hard; /* LAYER_NONE when unknown */
	int ncpus;			  /* CPUs it may run on; 0: unknown */
	char cwd[APP_PATH_MAX];		  /* "" when unreadable */
	char pgdata[APP_PATH_MAX];	  /* PGDATA from its environment, "" */
	int64_t children;		  /* nginx workers, PostgreSQL client backends; -1 */
	int64_t child_nofile;		  /* nginx: a worker's soft nofile; LAYER_NONE */
};

/* What the server said about itself over its socket (Redis, memcached). */
struct app_live {
	bool known;
	int64_t maxclients; /* LAYER_NONE when it did not say */
	int64_t clients;    /* LAYER_NONE when it did not say */
	char config_file[APP_PATH_MAX];
	char why[192]; /* not known: why (unreachable, NOAUTH, not loopback) */
};

/* Which server a process is, from its executable's basename and comm. */
enum app_id app_identify(const char *exe, const char *comm);
const char *app_name(enum app_id app);
enum layer_kind app_layer_kind(enum app_id app);

/* Split a /proc/PID/cmdline buffer (NUL-separated, len bytes) into p->argv;
 * p->args_cut says whether some did not fit (then the options seen are not
 * all the server was given). A title a server wrote over its argv ("nginx:
 * master process ...") is one string with spaces: app_split_title() splits
 * argv on blanks. */
void app_split_cmdline(struct app_proc *p, const char *buf, size_t len);
void app_split_title(struct app_proc *p);

/* The value of option `name` in argv: "-c FILE", "-cFILE", "--name=V",
 * "--name V"; NULL when absent. */
const char *app_arg(const struct app_proc *p, const char *shortopt, const char *longopt);

/*
 * Assess a server: find and parse its configuration, fill the layer's
 * limit, use, note and app fix fields, or mark it unknown with the reason.
 * live may be NULL (nothing asked). Returns 0; the layer carries any failure.
 */
int app_nginx_assess(const struct app_proc *p, struct layer *l);
int app_haproxy_assess(const struct app_proc *p, struct layer *l);
int app_redis_assess(const struct app_proc *p, const struct app_live *live, struct layer *l);
int app_memcached_assess(const struct app_proc *p, const struct app_live *live, struct layer *l);
int app_postgresql_assess(const struct app_proc *p, struct layer *l);
int app_mysql_assess(const struct app_proc *p, struct layer *l);
/* The assess function of that server; live is read by Redis's and
 * memcached's only (what the platform asked the server). */
int app_assess(enum app_id app, const struct app_proc *p, const struct app_live *live,
	       struct layer *l);

/* Where a Redis or memcached server listens on loopback, for the glue to
 * ask it: a TCP port on 127.0.0.1 or ::1, or a unix socket path under the
 * root. 0, or -ENOENT when it listens on no loopback address we know of. */
struct app_endpoint {
	char host[64]; /* "127.0.0.1", "::1"; "" for a unix socket */
	int port;
	char unix_path[APP_PATH_MAX];
};
int app_redis_endpoint(const struct app_proc *p, struct app_endpoint *ep, char *why, size_t len);
int app_memcached_endpoint(const struct app_proc *p, struct app_endpoint *ep, char *why,
			   size_t len);

/* Parse the replies the glue got (pure): Redis's INFO (and CONFIG GET
 * maxclients), memcached's `stats`. -EPERM for NOAUTH, -EBADMSG for a reply
 * that is not one. */
int app_redis_parse_reply(const char *reply, pid_t pid, struct app_live *live);
int app_memcached_parse_stats(const char *reply, pid_t pid, struct app_live *live);

/* The fix of an application layer, from the plan's recommended value
 * (src/app-fix.c). */
void app_fill_fix(struct layer *l, int64_t recommend);
/* HAProxy: "set maxconn R [and ulimit-n U] in FILE..." into out; returns
 * the fds it will ask for at start-up with that setting (its ulimit-n). */
long long app_haproxy_edit(const struct layer *l, long long r, char *out, size_t size);

#endif
