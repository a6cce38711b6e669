/*
 * test-app.c: the configuration parsers of the application layers, on
 * throw-away roots: includes and globs, comments and quotes, blocks and
 * sections, defaults, `auto`, missing, unreadable and oversized files,
 * parse errors naming file:line; the servers' replies; and the layers
 * the assess functions build from a process's command line.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "app-parsers.h"
#include "rootfs.h"
#include "tmptree.h"

static char cause[1024];
static const char *tree;

static int
setup(void **state)
{
	(void)state;
	tree = tmptree_make();
	cause[0] = '\0';
	return tree != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	tmptree_remove();
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	assert_int_equal(tmptree_write(path, text), 0);
}

/* A process with this command line (NUL-separated words in one string
 * with '|' between them) and limits. */
static void
proc_of(struct app_proc *p, const char *words, int64_t soft, int64_t hard)
{
	char buf[APP_CMDLINE_MAX];
	size_t i, n = strlen(words);

	memset(p, 0, sizeof(*p));
	memcpy(buf, words, n + 1);
	for (i = 0; i < n; i++) {
		if (buf[i] == '|')
			buf[i] = '\0';
	}
	app_split_cmdline(p, buf, n + 1);
	p->pid = 4300;
	p->nofile_soft = soft;
	p->nofile_hard = hard;
	p->children = -1;
	p->child_nofile = LAYER_NONE;
	snprintf(p->cwd, sizeof(p->cwd), "/");
}

static struct layer *
new_layer(enum layer_kind kind)
{
	static struct layer_set set;

	layer_set_init(&set);
	return layer_add(&set, kind);
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", hay, needle);
}

/* ---- nginx ---- */

static void
test_nginx_blocks_includes(void **state)
{
	struct nginx_conf c;

	(void)state;
	write_file("/etc/nginx/nginx.conf",
		   "# stock layout\n"
		   "user www-data;\n"
		   "worker_processes 4;\n"
		   "events {\n"
		   "    include events.d/*.conf;   # relative: to /etc/nginx\n"
		   "}\n"
		   "http {\n"
		   "    log_format main '$remote_addr \"quoted; {braces}\"';\n"
		   "    include /etc/nginx/sites-enabled/*;\n"
		   "}\n");
	write_file("/etc/nginx/events.d/10-conn.conf", "worker_connections \"2048\";\n");
	write_file("/etc/nginx/sites-enabled/b", "server { listen 127.0.0.1:81; }\n");
	write_file("/etc/nginx/sites-enabled/a", "server {\n  listen 80 backlog=4096 reuseport;\n  "
						 "location / { return 200 'x;'; }\n}\n");
	write_file("/etc/nginx/sites-enabled/.hidden", "this is not nginx syntax {{{\n");
	nginx_conf_init(&c, "/etc/nginx");
	assert_int_equal(nginx_parse_file(&c, "/etc/nginx/nginx.conf", cause, sizeof(cause)), 0);
	assert_int_equal(c.workers.value, 4);
	assert_int_equal(c.workers.line, 3);
	assert_int_equal(c.connections.value, 2048);
	assert_string_equal(c.connections.file, "/etc/nginx/events.d/10-conn.conf");
	assert_int_equal(c.connections.line, 1);
	assert_int_equal(c.events.line, 4);
	assert_int_equal(c.nfiles, 4);
	/* Sorted as glob(3) sorts: a before b. */
	assert_int_equal(c.nlisten, 2);
	assert_string_equal(c.listen[0].addr, "80");
	assert_int_equal(c.listen[0].backlog, 4096);
	assert_true(c.listen[0].backlog_set);
	assert_string_equal(c.listen[1].addr, "127.0.0.1:81");
	assert_int_equal(c.listen[1].backlog, NGINX_DEFAULT_BACKLOG);
}

static void
test_nginx_context(void **state)
{
	struct nginx_conf c;

	(void)state;
	/* worker_connections counts only in events; worker_processes only
	 * in the main context. */
	nginx_conf_init(&c, "/");
	assert_int_equal(nginx_parse_text(&c, "t",
					  "http { worker_connections 9; worker_processes 9; }\n"
					  "# worker_connections 7;\n"
					  "events { }\n",
					  cause, sizeof(cause)),
			 0);
	assert_false(c.connections.set);
	assert_false(c.workers.set);
	assert_true(c.events.set);
}

static void
test_nginx_errors(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
	    {"events {\n worker_connections 10;\n", "t:3: unexpected end of file, expecting \"}\""},
	    {"events { worker_connections ten; }",
	     "t:1: invalid value \"ten\" in \"worker_connections\""},
	    {"worker_processes;\n", "t:1: invalid number of arguments in \"worker_processes\""},
	    {"}\n", "t:1: unexpected \"}\""},
	    {"user \"nobody;\n", "t:1: unexpected end of file in a quoted string"},
	    {"worker_processes 2\n", "t:1: unexpected end of file, expecting \";\" or \"}\""},
	};
	struct nginx_conf c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		nginx_conf_init(&c, "/");
		assert_int_equal(nginx_parse_text(&c, "t", bad[i].text, cause, sizeof(cause)),
				 -EBADMSG);
		assert_string_equal(cause, bad[i].want);
	}
}

static void
test_nginx_missing_include(void **state)
{
	struct nginx_conf c;

	(void)state;
	write_file("/etc/nginx/nginx.conf",
		   "events {}\ninclude modules/*.conf;\ninclude mime.types;\n");
	nginx_conf_init(&c, "/etc/nginx");
	/* A glob that matches nothing is fine; a named file that is missing is not. */
	assert_int_equal(nginx_parse_file(&c, "/etc/nginx/nginx.conf", cause, sizeof(cause)),
			 -ENOENT);
	assert_string_equal(cause, "/etc/nginx/mime.types: No such file or directory (included "
				   "from /etc/nginx/nginx.conf:3)");
	nginx_conf_init(&c, "/etc/nginx");
	assert_int_equal(nginx_parse_file(&c, "/etc/nginx/none.conf", cause, sizeof(cause)),
			 -ENOENT);
	assert_string_equal(cause, "/etc/nginx/none.conf: No such file or directory");
}

static void
test_nginx_include_loop(void **state)
{
	struct nginx_conf c;

	(void)state;
	write_file("/etc/nginx/nginx.conf", "include nginx.conf;\n");
	nginx_conf_init(&c, "/etc/nginx");
	assert_int_equal(nginx_parse_file(&c, "/etc/nginx/nginx.conf", cause, sizeof(cause)),
			 -EBADMSG);
	assert_contains(cause, "include nesting too deep");
}

/* A file too large is an error naming it, not a silent cut; a directory
 * where a file should be is one too. */
static void
test_too_large_and_directory(void **state)
{
	struct nginx_conf c;
	size_t n = APP_FILE_MAX + 2;
	char *big = malloc(n);

	(void)state;
	assert_non_null(big);
	memset(big, '#', n - 1);
	big[n - 1] = '\0';
	write_file("/etc/nginx/nginx.conf", big);
	free(big);
	nginx_conf_init(&c, "/etc/nginx");
	assert_int_equal(nginx_parse_file(&c, "/etc/nginx/nginx.conf", cause, sizeof(cause)),
			 -EFBIG);
	assert_contains(cause, "/etc/nginx/nginx.conf: too large (1048577 bytes");
	write_file("/etc/nginx/conf.d/x/.keep", "");
	assert_int_equal(nginx_parse_file(&c, "/etc/nginx/conf.d/x", cause, sizeof(cause)),
			 -EISDIR);
	assert_string_equal(cause, "/etc/nginx/conf.d/x: is a directory, not a file");
}

/* Unreadable for real: a mode-000 file read by an unprivileged child. */
static void
test_unreadable(void **state)
{
	char path[4096];
	pid_t pid;
	int status;

	(void)state;
	write_file("/etc/redis/redis.conf", "maxclients 5\n");
	snprintf(path, sizeof(path), "%s/etc/redis/redis.conf", tree);
	assert_int_equal(chmod(path, 0), 0);
	assert_int_equal(chmod(tree, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct redis_conf c;
		int err;

		if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(3);
		redis_conf_init(&c, "/");
		err = redis_parse_file(&c, "/etc/redis/redis.conf", cause, sizeof(cause));
		_exit(err == -EACCES &&
			      strcmp(cause, "/etc/redis/redis.conf: Permission denied") == 0
			  ? 0
			  : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_nginx_assess(void **state)
{
	struct app_proc p;
	struct layer *l;

	(void)state;
	write_file("/srv/ngx/nginx.conf", "worker_processes auto;\nworker_rlimit_nofile 700;\n"
					  "events { worker_connections 1024; }\n");
	/* nginx's title: one string, split on blanks. */
	proc_of(&p, "nginx: master process /usr/sbin/nginx -c /srv/ngx/nginx.conf", 1024, 1024);
	app_split_title(&p);
	p.ncpus = 3;
	p.uid_known = true;
	p.cap_sys_resource = true; /* the master may raise its workers' limits */
	l = new_layer(LAYER_APP_NGINX);
	l->pid = p.pid;
	assert_int_equal(app_nginx_assess(&p, l), 0);
	/* 3 CPUs x min(1024, worker_rlimit_nofile 700) */
	assert_int_equal(l->limit, 3 * 700);
	assert_contains(l->note, "worker_processes auto (/srv/ngx/nginx.conf:1): 3");
	assert_contains(l->note, "worker_connections exceed open file resource limit: 700");
	assert_string_equal(l->app.file, "/srv/ngx/nginx.conf");
	assert_int_equal(l->app.line, 3);
	assert_int_equal(l->app.per, 3);
	app_fill_fix(l, 4096);
	/* ceil(4096 / 3) = 1366 per worker, and fds for it. */
	assert_string_equal(l->fix.live,
			    "set worker_connections 1366; in /srv/ngx/nginx.conf:3 and "
			    "worker_rlimit_nofile 1536; in the main context of /srv/ngx/nginx.conf "
			    "(outside any block), then nginx -c /srv/ngx/nginx.conf -s reload "
			    "(or kill -HUP 4300)");
	/* Without CAP_SYS_RESOURCE the workers' setrlimit past the master's
	 * hard limit (1024) fails: it starts again under a higher one. */
	p.cap_sys_resource = false;
	l = new_layer(LAYER_APP_NGINX);
	l->pid = p.pid;
	assert_int_equal(app_nginx_assess(&p, l), 0);
	app_fill_fix(l, 4096);
	assert_string_equal(
	    l->fix.live, "set worker_connections 1366; in /srv/ngx/nginx.conf:3 and "
			 "worker_rlimit_nofile 1536; in the main context of /srv/ngx/nginx.conf "
			 "(outside any block), then start it again under that hard limit: kill "
			 "-QUIT 4300; while kill -0 4300 2>/dev/null; do sleep 0.1; done; headroom "
			 "exec --nofile 1536 -- nginx -c '/srv/ngx/nginx.conf'  (its hard limit "
			 "1024 and no CAP_SYS_RESOURCE: a reload cannot lift it)");
	assert_true(l->fix.needs_root);
}

/* A fix with the longest file and reload its fields hold is not cut
 * (live holds 1024 bytes: a restart's command line too). */
static void
test_long_fix(void **state)
{
	struct layer *l = new_layer(LAYER_APP_NGINX);
	char dir[200];

	(void)state;
	memset(dir, 'd', sizeof(dir) - 1);
	dir[sizeof(dir) - 1] = '\0';
	l->app.app = APP_NGINX;
	snprintf(l->app.file, sizeof(l->app.file), "/%s/nginx.conf", dir);
	l->app.line = 5;
	l->app.per = 2;
	l->app.fd_soft = LAYER_NONE;
	snprintf(l->app.reload, sizeof(l->app.reload), "nginx -c /%s/nginx.conf -s reload", dir);
	app_fill_fix(l, 2560);
	assert_contains(l->fix.live, "set worker_connections 1280; in /ddd");
	assert_contains(l->fix.live, "/nginx.conf -s reload");
}

static void
test_nginx_defaults_and_g(void **state)
{
	struct app_proc p;
	struct layer *l;

	(void)state;
	/* The compiled-in path, -g directives, nothing else set. */
	write_file("/etc/nginx/nginx.conf", "events {\n}\n");
	proc_of(&p, "nginx|-g|daemon off; worker_processes 2;", 4096, 4096);
	app_split_title(&p);
	l = new_layer(LAYER_APP_NGINX);
	assert_int_equal(app_nginx_assess(&p, l), 0);
	assert_int_equal(l->limit, 2 * NGINX_DEFAULT_CONNECTIONS);
	assert_contains(l->note, "not set: nginx's default");
	assert_contains(l->note, "nginx's compiled-in default");
	assert_string_equal(l->app.context, "the events block (line 1)");
	/* A missing configuration: unknown, with the file and errno. */
	proc_of(&p, "nginx|-c|/srv/none.conf", 4096, 4096);
	l = new_layer(LAYER_APP_NGINX);
	assert_int_equal(app_nginx_assess(&p, l), 0);
	assert_int_equal(l->verdict, VERDICT_UNKNOWN);
	assert_int_equal(l->limit, LAYER_NONE);
	assert_contains(l->note, "/srv/none.conf: No such file or directory");
}

/* ---- HAProxy ---- */

static void
test_haproxy_parse(void **state)
{
	struct haproxy_conf c;

	(void)state;
	write_file("/etc/haproxy/haproxy.cfg", "global\n"
					       "    maxconn 20000 # comment\n"
					       "    ulimit-n \"50000\"\n"
					       "    no strict-limits\n"
					       "    stats socket /run/haproxy/admin.sock mode 660\n"
					       "defaults\n"
					       "    maxconn 3000\n"
					       "frontend web\n"
					       "    bind :80\n"
					       "    bind :443 # two\n"
					       "backend app\n"
					       "    server s1 127.0.0.1:8080 check\n"
					       "    server s2 127.0.0.1:8081\n");
	haproxy_conf_init(&c);
	assert_int_equal(haproxy_parse_path(&c, "/etc/haproxy/haproxy.cfg", cause, sizeof(cause)),
			 0);
	assert_int_equal(c.maxconn.value, 20000);
	assert_int_equal(c.maxconn.line, 2);
	assert_int_equal(c.ulimit_n.value, 50000);
	assert_true(c.strict_limits.set);
	assert_int_equal(c.strict_limits.value, 0);
	assert_int_equal(c.stats_socket, 1);
	assert_int_equal(c.nfe, 1);
	assert_string_equal(c.fe[0].name, "web");
	assert_int_equal(c.fe[0].maxconn.value, 3000); /* from defaults */
	assert_int_equal(c.listeners, 2);
	assert_int_equal(c.checks, 1);
}

static void
test_haproxy_dir_and_errors(void **state)
{
	struct haproxy_conf c;

	(void)state;
	write_file("/etc/haproxy/conf.d/20-b.cfg", "global\n  maxconn 200\n");
	write_file("/etc/haproxy/conf.d/10-a.cfg", "global\n  maxconn 100\n");
	write_file("/etc/haproxy/conf.d/30-c.txt", "global\n  maxconn 300\n");
	haproxy_conf_init(&c);
	assert_int_equal(haproxy_parse_path(&c, "/etc/haproxy/conf.d", cause, sizeof(cause)), 0);
	assert_int_equal(c.nfiles, 2); /* *.cfg only, in order: the last one wins */
	assert_int_equal(c.maxconn.value, 200);
	assert_string_equal(c.maxconn.file, "/etc/haproxy/conf.d/20-b.cfg");
	haproxy_conf_init(&c);
	assert_int_equal(
	    haproxy_parse_text(&c, "h", "global\n maxconn lots\n", cause, sizeof(cause)), -EBADMSG);
	assert_string_equal(cause, "h:2: 'maxconn' expects an integer argument");
	assert_int_equal(haproxy_parse_text(&c, "h", "global\n log \"x\n", cause, sizeof(cause)),
			 -EBADMSG);
	assert_string_equal(cause, "h:2: unmatched quote");
}

static void
test_haproxy_ideal_maxconn(void **state)
{
	struct haproxy_conf c;
	struct app_proc p;
	struct layer *l;

	(void)state;
	/* Measured with haproxy 2.6.12 -d under nofile 1024:1024, 2 threads,
	 * one bind: "Note: setting global.maxconn to 503." */
	haproxy_conf_init(&c);
	assert_int_equal(
	    haproxy_parse_text(&c, "h", "frontend f\n bind 127.0.0.1:8081\n", cause, sizeof(cause)),
	    0);
	assert_int_equal(haproxy_ideal_maxconn(&c, 1024, 2), 503);
	/* Master-worker (-W, or the keyword): "setting global.maxconn to 498"
	 * and a maxsock 11 more, measured the same way. */
	c.master_worker = true;
	assert_int_equal(haproxy_ideal_maxconn(&c, 1024, 2), 498);
	c.master_worker = false;
	/* Splicing without a frontend maxconn: a pipe per four connections. */
	assert_int_equal(haproxy_parse_text(&c, "h", "defaults\n option splice-auto\nfrontend g\n",
					    cause, sizeof(cause)),
			 0);
	assert_int_equal(haproxy_ideal_maxconn(&c, 1024, 2), 2 * (1024 - 12 - 6) / 5);
	/* The floor. */
	assert_int_equal(haproxy_ideal_maxconn(&c, 64, 2), HAPROXY_DEFAULT_MAXCONN);
	/* Through assess, with -f and the computed note. */
	write_file("/etc/haproxy/haproxy.cfg", "global\n  nbthread 2\nfrontend f\n  bind :1\n");
	proc_of(&p, "haproxy|-W|-f|/etc/haproxy/haproxy.cfg", 1024, 1024);
	l = new_layer(LAYER_APP_HAPROXY);
	assert_int_equal(app_haproxy_assess(&p, l), 0);
	assert_int_equal(l->limit, 498); /* -W: as measured above */
	assert_contains(l->note, "no global maxconn: computed 498 as HAProxy 2.6 does");
	assert_string_equal(l->app.context, "the global section (line 1)");
	assert_string_equal(l->app.reload, "kill -USR2 4300 (the master reloads)");
	/* It raises its soft limit to what maxconn needs at start-up: a soft
	 * limit below that means it could not, and connections stop there. */
	proc_of(&p, "haproxy|-f|/etc/haproxy/haproxy.cfg", 512, 1024);
	l = new_layer(LAYER_APP_HAPROXY);
	assert_int_equal(app_haproxy_assess(&p, l), 0);
	assert_int_equal(l->limit, (512 - 17) / 2);
	assert_contains(l->note, "FD limit (512) too low for maxconn=503");
	/* No -f: the packaged path; -n wins over the file. */
	proc_of(&p, "haproxy|-n|777", 4096, 4096);
	l = new_layer(LAYER_APP_HAPROXY);
	assert_int_equal(app_haproxy_assess(&p, l), 0);
	assert_int_equal(l->limit, 777);
}

/* ---- Redis ---- */

static void
test_redis_parse(void **state)
{
	struct redis_conf c;

	(void)state;
	write_file("/etc/redis/redis.conf", "# maxclients 1\n"
					    "bind 127.0.0.1 -::1\n"
					    "port 6380\n"
					    "MAXCLIENTS 5000\n"
					    "include /etc/redis/conf.d/*.conf\n"
					    "unixsocket \"/run/redis/redis server.sock\"\n");
	write_file("/etc/redis/conf.d/b.conf", "maxclients 7000\n");
	write_file("/etc/redis/conf.d/a.conf", "maxclients 6000\n");
	redis_conf_init(&c, "/var/lib/redis");
	assert_int_equal(redis_parse_file(&c, "/etc/redis/redis.conf", cause, sizeof(cause)), 0);
	assert_int_equal(c.maxclients.value, 7000); /* the last one read wins */
	assert_string_equal(c.maxclients.file, "/etc/redis/conf.d/b.conf");
	assert_int_equal(c.port.value, 6380);
	assert_string_equal(c.bind, "127.0.0.1 -::1");
	assert_string_equal(c.unixsocket, "/run/redis/redis server.sock");
	assert_int_equal(c.nfiles, 3);
	redis_conf_init(&c, "/");
	assert_int_equal(redis_parse_text(&c, "r", "bind \"127.0.0.1\n", cause, sizeof(cause)),
			 -EBADMSG);
	assert_string_equal(cause, "r:1: unbalanced quotes");
	assert_int_equal(redis_parse_text(&c, "r", "maxclients -1\n", cause, sizeof(cause)),
			 -EBADMSG);
	assert_string_equal(cause, "r:1: invalid maxclients \"-1\"");
	/* A relative include is relative to the server's working directory. */
	write_file("/var/lib/redis/local.conf", "maxclients 42\n");
	redis_conf_init(&c, "/var/lib/redis");
	assert_int_equal(redis_parse_text(&c, "r", "include local.conf\n", cause, sizeof(cause)),
			 0);
	assert_int_equal(c.maxclients.value, 42);
}

static void
test_redis_replies(void **state)
{
	static const char info[] = "$120\r\n# Server\r\nredis_version:7.0.15\r\nprocess_id:4300\r\n"
				   "config_file:/etc/redis/redis.conf\r\n# Clients\r\n"
				   "connected_clients:3\r\nmaxclients:992\r\n\r\n"
				   "*2\r\n$10\r\nmaxclients\r\n$3\r\n992\r\n+OK\r\n";
	struct app_live live;

	(void)state;
	assert_int_equal(app_redis_parse_reply(info, 4300, &live), 0);
	assert_true(live.known);
	assert_int_equal(live.maxclients, 992);
	assert_int_equal(live.clients, 3);
	assert_string_equal(live.config_file, "/etc/redis/redis.conf");
	assert_int_equal(app_redis_parse_reply(info, 4301, &live), -ESRCH);
	assert_int_equal(app_redis_parse_reply("-NOAUTH Authentication required.\r\n"
					       "-NOAUTH Authentication required.\r\n+OK\r\n",
					       4300, &live),
			 -EPERM);
	assert_false(live.known);
	assert_int_equal(app_redis_parse_reply("garbage", 4300, &live), -EBADMSG);
}

static void
test_redis_assess(void **state)
{
	struct app_live live = {.known = false, .why = "it wants a password (NOAUTH)"};
	struct app_proc p;
	struct layer *l;

	(void)state;
	live.maxclients = live.clients = LAYER_NONE;
	write_file("/etc/redis/redis.conf", "port 6390\n");
	/* Started under 1024: Redis lowered 10000 to 992, computed. */
	proc_of(&p, "redis-server|/etc/redis/redis.conf|--maxclients|10000", 1024, 1024);
	l = new_layer(LAYER_APP_REDIS);
	l->pid = p.pid; /* the glue sets it */
	assert_int_equal(app_redis_assess(&p, &live, l), 0);
	assert_int_equal(l->limit, 992);
	assert_contains(l->note, "could not ask the server: it wants a password (NOAUTH)");
	assert_contains(l->note, "computed, not asked");
	assert_string_equal(l->app.reload, "redis-cli -h 127.0.0.1 -p 6390");
	app_fill_fix(l, 2560);
	assert_string_equal(
	    l->fix.live, "headroom raise --pid 4300 --nofile 2816, then redis-cli -h 127.0.0.1 -p "
			 "6390 CONFIG SET maxclients 2560 (CONFIG SET takes only what the fd "
			 "limit allows)");
	assert_true(l->fix.needs_root);
	/* Its title hides the file and Debian's is another server's (another
	 * port): the most its fd limit allows, said so. */
	write_file("/etc/redis/redis.conf", "port 6379\nmaxclients 100\n");
	proc_of(&p, "/usr/bin/redis-server 127.0.0.1:6390", 4096, 4096);
	l = new_layer(LAYER_APP_REDIS);
	assert_int_equal(app_redis_assess(&p, &live, l), 0);
	assert_int_equal(l->limit, 4096 - REDIS_RESERVED_FDS);
	assert_contains(l->note,
			"hides its configuration file, and /etc/redis/redis.conf is not it "
			"(port 6379, it listens on 6390)");
	app_fill_fix(l, 5120);
	assert_contains(l->fix.persist, "maxclients 5120 in its configuration file");
	write_file("/etc/redis/redis.conf", "port 6390\n");
	/* Asked: what the server says wins, and its clients are the use. */
	live.known = true;
	live.maxclients = 4064;
	live.clients = 7;
	snprintf(live.config_file, sizeof(live.config_file), "/etc/redis/redis.conf");
	proc_of(&p, "/usr/bin/redis-server 127.0.0.1:6390", 4096, 65536);
	l = new_layer(LAYER_APP_REDIS);
	assert_int_equal(app_redis_assess(&p, &live, l), 0);
	assert_int_equal(l->limit, 4064);
	assert_int_equal(l->use, 7);
	assert_contains(l->note, "configuration /etc/redis/redis.conf (config_file in the server's "
				 "INFO)");
	app_fill_fix(l, 5120);
	assert_string_equal(l->fix.live,
			    "redis-cli -h 127.0.0.1 -p 6390 CONFIG SET maxclients 5120");
	assert_string_equal(l->fix.persist, "add maxclients 5120 to /etc/redis/redis.conf (or "
					    "CONFIG REWRITE after the CONFIG SET)");
}

/* ---- memcached ---- */

static void
test_memcached(void **state)
{
	static const char stats[] = "STAT pid 4300\r\nSTAT curr_connections 10\r\n"
				    "STAT max_connections 1000\r\nEND\r\n";
	struct app_live live;
	struct app_proc p;
	struct app_endpoint ep;
	struct layer *l;
	char why[128];

	(void)state;
	assert_int_equal(app_memcached_parse_stats(stats, 4300, &live), 0);
	assert_int_equal(live.maxclients, 1000);
	assert_int_equal(live.clients, 10);
	assert_int_equal(app_memcached_parse_stats(stats, 1, &live), -ESRCH);
	proc_of(&p, "memcached|-m|64|--conn-limit=3000|-l|127.0.0.1|-p|11300", 3000, 3000);
	assert_int_equal(app_memcached_endpoint(&p, &ep, why, sizeof(why)), 0);
	assert_int_equal(ep.port, 11300);
	assert_string_equal(ep.host, "127.0.0.1");
	l = new_layer(LAYER_APP_MEMCACHED);
	assert_int_equal(app_memcached_assess(&p, NULL, l), 0);
	assert_int_equal(l->limit, 3000);
	app_fill_fix(l, 5120);
	assert_contains(l->fix.live, ": memcached -m 64 -l 127.0.0.1 -p 11300 -c 5120");
	/* The default, and a listener off loopback. */
	proc_of(&p, "memcached|-l|10.0.0.5", 1024, 1024);
	l = new_layer(LAYER_APP_MEMCACHED);
	assert_int_equal(app_memcached_assess(&p, NULL, l), 0);
	assert_int_equal(l->limit, MEMCACHED_DEFAULT_MAXCONNS);
	assert_int_equal(app_memcached_endpoint(&p, &ep, why, sizeof(why)), -ENOENT);
	assert_string_equal(why, "it listens on no loopback address (-l 10.0.0.5)");
	proc_of(&p, "memcached|-c|many", 1024, 1024);
	l = new_layer(LAYER_APP_MEMCACHED);
	assert_int_equal(app_memcached_assess(&p, NULL, l), 0);
	assert_int_equal(l->verdict, VERDICT_UNKNOWN);
}

/* ---- PostgreSQL ---- */

static void
test_postgresql_parse(void **state)
{
	struct pg_conf c;

	(void)state;
	write_file("/etc/postgresql/15/main/postgresql.conf",
		   "data_directory = '/var/lib/postgresql/15/main'  # use data in another dir\n"
		   "max_connections = 100\t\t\t# (change requires restart)\n"
		   "#superuser_reserved_connections = 3\n"
		   "include_dir 'conf.d'\n"
		   "include_if_exists = 'missing.conf'\n"
		   "include 'extra.conf'\n");
	write_file("/etc/postgresql/15/main/conf.d/10-a.conf", "max_connections 300\n");
	write_file("/etc/postgresql/15/main/conf.d/.20-hidden.conf", "max_connections 9\n");
	write_file("/etc/postgresql/15/main/extra.conf", "superuser_reserved_connections='5'\n");
	pg_conf_init(&c);
	assert_int_equal(pg_parse_file(&c, "/etc/postgresql/15/main/postgresql.conf", true, cause,
				       sizeof(cause)),
			 0);
	assert_int_equal(c.max_connections.value, 300);
	assert_string_equal(c.max_connections.file, "/etc/postgresql/15/main/conf.d/10-a.conf");
	assert_int_equal(c.superuser_reserved.value, 5);
	assert_string_equal(c.data_directory, "/var/lib/postgresql/15/main");
	pg_conf_init(&c);
	assert_int_equal(
	    pg_parse_text(&c, "p", "max_connections = 100 200\n", cause, sizeof(cause)), -EBADMSG);
	assert_string_equal(cause, "p:1: syntax error");
	assert_int_equal(
	    pg_parse_text(&c, "p", "x = 'it''s'\nmax_connections = 'x'\n", cause, sizeof(cause)),
	    -EBADMSG);
	assert_string_equal(cause, "p:2: invalid value for max_connections: \"x\"");
	assert_int_equal(
	    pg_parse_text(&c, "/etc/p.conf", "include 'nope.conf'\n", cause, sizeof(cause)),
	    -ENOENT);
	assert_string_equal(cause, "/etc/nope.conf: No such file or directory (include at "
				   "/etc/p.conf:1)");
}

static void
test_postgresql_assess(void **state)
{
	struct app_proc p;
	struct layer *l;

	(void)state;
	write_file("/etc/postgresql/15/main/postgresql.conf",
		   "data_directory = '/var/lib/postgresql/15/main'\nmax_connections = 100\n");
	write_file("/var/lib/postgresql/15/main/postgresql.auto.conf", "max_connections = '250'\n");
	proc_of(&p,
		"/usr/lib/postgresql/15/bin/postgres|-D|/var/lib/postgresql/15/main|-c|"
		"config_file=/etc/postgresql/15/main/postgresql.conf",
		1024, 524288);
	p.children = 4;
	l = new_layer(LAYER_APP_POSTGRESQL);
	assert_int_equal(app_postgresql_assess(&p, l), 0);
	assert_int_equal(l->limit, 250 - PG_DEFAULT_SUPERUSER_RESERVED); /* ALTER SYSTEM wins */
	assert_int_equal(l->use, 4);
	app_fill_fix(l, 512);
	assert_string_equal(l->fix.live,
			    "ALTER SYSTEM SET max_connections = 515; then pg_ctlcluster "
			    "15 main restart (read only at start)");
	/* The command line wins over both files. */
	proc_of(&p,
		"postgres|-D|/var/lib/postgresql/15/main|-N|40|-c|config_file=/etc/postgresql/15/"
		"main/postgresql.conf",
		1024, 1024);
	l = new_layer(LAYER_APP_POSTGRESQL);
	assert_int_equal(app_postgresql_assess(&p, l), 0);
	assert_int_equal(l->limit, 37);
	/* No way to find it: unknown, saying why. */
	proc_of(&p, "postgres", 1024, 1024);
	assert_int_equal(tmptree_write("/etc/postgresql/14/main/postgresql.conf", ""), 0);
	l = new_layer(LAYER_APP_POSTGRESQL);
	assert_int_equal(app_postgresql_assess(&p, l), 0);
	assert_int_equal(l->verdict, VERDICT_UNKNOWN);
	assert_contains(l->note, "cannot find postgresql.conf");
}

/* ---- MySQL / MariaDB ---- */

static void
test_mysql(void **state)
{
	struct mysql_conf c;
	struct app_proc p;
	struct layer *l;

	(void)state;
	write_file("/etc/mysql/my.cnf", "[client]\nmax_connections = 1\n"
					"!includedir /etc/mysql/conf.d/\n"
					"!includedir /etc/mysql/mariadb.conf.d/\n");
	write_file("/etc/mysql/conf.d/mysql.cnf", "[mysql]\n");
	write_file("/etc/mysql/mariadb.conf.d/50-server.cnf",
		   "# server\n[server]\n\n[mysqld]\nmax-connections = 500 # tuned\n"
		   "open_files_limit=2K\nsocket = \"/run/my sql/s.sock\"\n");
	write_file("/etc/mysql/mariadb.conf.d/60-galera.cnf", "[galera]\nmax_connections=2\n");
	write_file("/etc/mysql/mariadb.conf.d/99.txt", "[mysqld]\nmax_connections=3\n");
	mysql_conf_init(&c);
	assert_int_equal(mysql_parse_file(&c, "/etc/mysql/my.cnf", cause, sizeof(cause)), 0);
	assert_int_equal(c.max_connections.value, 500);
	assert_int_equal(c.max_connections.line, 5);
	assert_int_equal(c.open_files_limit.value, 2048);
	assert_string_equal(c.socket, "/run/my sql/s.sock");
	assert_true(mysql_server_group("mysqld-10.11"));
	assert_false(mysql_server_group("mysqldump"));
	assert_int_equal(mysql_parse_text(&c, "m", "[mysqld\n", cause, sizeof(cause)), -EBADMSG);
	assert_string_equal(cause, "m:1: wrong group definition");
	/* The default search path; the command line last. */
	proc_of(&p, "/usr/sbin/mariadbd|--max-connections=1500", 1024, 1024);
	l = new_layer(LAYER_APP_MYSQL);
	assert_int_equal(app_mysql_assess(&p, l), 0);
	assert_int_equal(l->limit, 1500);
	assert_int_equal(l->floor, VERDICT_WARN); /* 1024 fds cannot hold 1500 + 10 */
	/* The client reaches it on its socket, quoted for the shell. */
	assert_string_equal(l->app.reload, "mysql --socket='/run/my sql/s.sock'");
	/* Its cap holds the target, its fds do not: raise them, no SET GLOBAL;
	 * past its hard limit that needs root. */
	app_fill_fix(l, 1024);
	assert_string_equal(l->fix.live, "headroom raise --pid 0 --nofile 2560 (max_connections "
					 "1500 holds the target, its nofile 1024 does not: past "
					 "it accept() fails)");
	assert_int_equal(l->app.fd_raise, 2560);
	assert_true(l->fix.needs_root);
	/* Past both: the raise, then SET GLOBAL on its socket. */
	app_fill_fix(l, 2048);
	assert_contains(l->fix.live, "headroom raise --pid 0 --nofile 3072, then mysql "
				     "--socket='/run/my sql/s.sock' -e 'SET GLOBAL "
				     "max_connections = 2048'");
	proc_of(&p, "/usr/sbin/mariadbd|--socket=/tmp/m.sock|--max-connections=100", 8192, 8192);
	l = new_layer(LAYER_APP_MYSQL);
	assert_int_equal(app_mysql_assess(&p, l), 0);
	app_fill_fix(l, 512);
	assert_string_equal(l->fix.live, "mysql --socket=/tmp/m.sock -e 'SET GLOBAL "
					 "max_connections = 512' (live until a restart)");
	assert_int_equal(l->app.fd_raise, 0);
	proc_of(&p, "mysqld|--defaults-file=/etc/mysql/none.cnf", 65536, 65536);
	l = new_layer(LAYER_APP_MYSQL);
	assert_int_equal(app_mysql_assess(&p, l), 0);
	assert_int_equal(l->verdict, VERDICT_UNKNOWN);
	assert_contains(l->note, "/etc/mysql/none.cnf: No such file or directory");
	/* Nothing anywhere: the default, and where to add it. */
	tmptree_remove();
	tree = tmptree_make();
	proc_of(&p, "mysqld", 65536, 65536);
	l = new_layer(LAYER_APP_MYSQL);
	assert_int_equal(app_mysql_assess(&p, l), 0);
	assert_int_equal(l->limit, MYSQL_DEFAULT_MAX_CONNECTIONS);
	app_fill_fix(l, 512);
	assert_contains(l->fix.persist,
			"max_connections = 512 in /etc/mysql/my.cnf, a new [mysqld] group");
}

static void
test_identify(void **state)
{
	(void)state;
	assert_int_equal(app_identify("/usr/sbin/nginx", "nginx"), APP_NGINX);
	assert_int_equal(app_identify("/usr/sbin/nginx (deleted)", "x"), APP_NGINX);
	/* Debian's redis-server is redis-check-rdb under another name. */
	assert_int_equal(app_identify("/usr/bin/redis-check-rdb", "redis-server"), APP_REDIS);
	assert_int_equal(app_identify("", "memcached"), APP_MEMCACHED);
	assert_int_equal(app_identify("/usr/lib/postgresql/15/bin/postgres", "postgres"),
			 APP_POSTGRESQL);
	assert_int_equal(app_identify("/usr/sbin/mariadbd", "mariadbd"), APP_MYSQL);
	assert_int_equal(app_identify("/usr/bin/python3", "python3"), APP_NONE);
	assert_int_equal(app_layer_kind(APP_HAPROXY), LAYER_APP_HAPROXY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_nginx_blocks_includes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nginx_context, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nginx_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nginx_missing_include, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nginx_include_loop, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_too_large_and_directory, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nginx_assess, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nginx_defaults_and_g, setup, teardown),
	    cmocka_unit_test(test_long_fix),
	    cmocka_unit_test_setup_teardown(test_haproxy_parse, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_haproxy_dir_and_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_haproxy_ideal_maxconn, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_redis_parse, setup, teardown),
	    cmocka_unit_test(test_redis_replies),
	    cmocka_unit_test_setup_teardown(test_redis_assess, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_memcached, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_postgresql_parse, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_postgresql_assess, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mysql, setup, teardown),
	    cmocka_unit_test(test_identify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
