/*
 * probe-app.c: application layers on Linux. For each watched pid that is
 * a known server (src/app.h), read what the portable parsers need from
 * /proc through rootfs (its command line, executable, limits, CPUs, working
 * directory, children), ask Redis and memcached themselves over loopback
 * when they share our network namespace, and add the server's layer.
 * A server's layer belongs to its main process: a watched nginx worker or
 * PostgreSQL backend adds the layer of its master, once.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "parse.h"
#include "probe-linux.h"
#include "rootfs.h"
#include "sysdconf.h"

#define ASK_TIMEOUT_MS 500	   /* for the whole exchange with a server */
#define REPLY_MAX      (64 * 1024) /* INFO is a few KiB */

/* The target of a symlink under /proc, read under the root ("" if not). */
static void
read_link(pid_t pid, const char *name, char *out, size_t size)
{
	char rel[64], path[PATH_MAX];
	ssize_t n;

	out[0] = '\0';
	snprintf(rel, sizeof(rel), "/proc/%d/%s", (int)pid, name);
	if (rootfs_path(rel, path, sizeof(path)) < 0)
		return;
	n = readlink(path, out, size - 1);
	out[n > 0 ? n : 0] = '\0';
}

static ssize_t
read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	return rootfs_read(path, buf, size);
}

/* CPUs in a Cpus_allowed_list ("0-3,8,10-11"). */
static int
count_cpus(const char *list)
{
	int n = 0, a, b, used;

	while (sscanf(list, "%d%n", &a, &used) == 1) {
		list += used;
		b = a;
		if (*list == '-' && sscanf(list + 1, "%d%n", &b, &used) == 1)
			list += 1 + used;
		if (b >= a)
			n += b - a + 1;
		if (*list != ',')
			break;
		list++;
	}
	return n;
}

static pid_t
parent_of(pid_t pid)
{
	char buf[8192];
	int64_t ppid;

	if (read_proc(pid, "status", buf, sizeof(buf)) < 0 ||
	    parse_keyed_i64(buf, "PPid", &ppid) < 0)
		return 0;
	return (pid_t)ppid;
}

static enum app_id
identify(pid_t pid, char *comm, size_t commlen, char *exe, size_t exelen)
{
	comm[0] = '\0';
	if (read_proc(pid, "comm", comm, commlen) > 0)
		comm[strcspn(comm, "\n")] = '\0';
	read_link(pid, "exe", exe, exelen);
	return app_identify(exe, comm);
}

/* PGDATA from the environment, which has no size bound worth a buffer. */
static void
find_pgdata(struct app_proc *p, pid_t pid)
{
	char path[64], *env;
	ssize_t n, i;

	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	n = rootfs_read_alloc(path, &env, 16u << 20);
	for (i = 0; n > 0 && i < n; i += (ssize_t)strlen(env + i) + 1) {
		if (strncmp(env + i, "PGDATA=", 7) == 0)
			snprintf(p->pgdata, sizeof(p->pgdata), "%s", env + i + 7);
	}
	free(env);
}

/* What the parsers need of the server's main process. Returns -EFBIG when
 * its command line is too long to hold whole (options there can set the
 * cap: it is not guessed from part of them). */
static int
fill_proc(struct app_proc *p, pid_t pid, enum app_id app)
{
	static char buf[APP_CMDLINE_MAX];
	struct rlimit_pair nofile;
	const char *cpus;
	int64_t uid;
	ssize_t n;

	p->pid = pid;
	p->nofile_soft = p->nofile_hard = p->child_nofile = LAYER_NONE;
	p->children = -1;
	identify(pid, p->comm, sizeof(p->comm), p->exe, sizeof(p->exe));
	n = read_proc(pid, "cmdline", buf, sizeof(buf));
	app_split_cmdline(p, buf, n > 0 ? (size_t)n : 0);
	if (n == -EFBIG)
		p->args_cut = true;
	/* nginx writes "nginx: master process /usr/sbin/nginx -c FILE" over
	 * its argv: one string, split it on blanks. */
	if (app == APP_NGINX && p->argc > 0 && strncmp(p->argv[0], "nginx:", 6) == 0)
		app_split_title(p);
	if (read_proc(pid, "limits", buf, sizeof(buf)) >= 0 &&
	    parse_proc_limits(buf, "Max open files", &nofile) == 0) {
		p->nofile_soft = nofile.soft;
		p->nofile_hard = nofile.hard;
	}
	p->cap_sys_resource = true; /* unknown: what nginx asks for may work */
	if (read_proc(pid, "status", buf, sizeof(buf)) >= 0) {
		struct caps_state st;

		if (caps_parse_status(buf, &st) == 0)
			p->cap_sys_resource = st.eff_sys_resource;
		if (parse_keyed_i64(buf, "Uid", &uid) == 0) {
			p->uid = (uid_t)uid;
			p->uid_known = true;
		}
		cpus = strstr(buf, "Cpus_allowed_list:");
		if (cpus != NULL)
			p->ncpus = count_cpus(cpus + strlen("Cpus_allowed_list:") +
					      strspn(cpus + strlen("Cpus_allowed_list:"), " \t"));
	}
	read_link(pid, "cwd", p->cwd, sizeof(p->cwd));
	if (app == APP_POSTGRESQL)
		find_pgdata(p, pid);
	return p->args_cut ? -EFBIG : 0;
}

/* PostgreSQL's processes that are not client backends. */
static bool
pg_auxiliary(const char *title)
{
	static const char *const aux[] = {"checkpointer",
					  "background writer",
					  "walwriter",
					  "autovacuum launcher",
					  "logical replication launcher",
					  "stats collector",
					  "archiver",
					  "walreceiver",
					  "walsender",
					  "startup",
					  "logger",
					  "autovacuum worker",
					  "parallel worker",
					  "logical replication",
					  "io worker",
					  "walsummarizer",
					  "background worker"};
	size_t i;

	for (i = 0; i < sizeof(aux) / sizeof(aux[0]); i++) {
		if (strstr(title, aux[i]) != NULL)
			return true;
	}
	return false;
}

/* Count the server's children: nginx workers (and one's fd limit),
 * PostgreSQL client backends. */
static void
count_children(struct app_proc *p, enum app_id app)
{
	char title[256], buf[4096], path[64];
	struct rlimit_pair nofile;
	struct dirent *de;
	DIR *proc;
	ssize_t n;

	if (app != APP_NGINX && app != APP_POSTGRESQL)
		return;
	proc = rootfs_opendir("/proc");
	if (proc == NULL)
		return;
	p->children = 0;
	while ((de = readdir(proc)) != NULL) {
		pid_t pid = (pid_t)atoi(de->d_name);

		if (!isdigit((unsigned char)de->d_name[0]) || pid == p->pid ||
		    parent_of(pid) != p->pid)
			continue;
		/* the start of its title is all that is matched */
		snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
		n = rootfs_read_head(path, title, sizeof(title));
		if (n <= 0)
			continue;
		if (app == APP_NGINX && strncmp(title, "nginx: worker process", 21) == 0) {
			p->children++;
			if (p->child_nofile == LAYER_NONE &&
			    read_proc(pid, "limits", buf, sizeof(buf)) >= 0 &&
			    parse_proc_limits(buf, "Max open files", &nofile) == 0)
				p->child_nofile = nofile.soft;
		} else if (app == APP_POSTGRESQL && !pg_auxiliary(title)) {
			p->children++;
		}
	}
	closedir(proc);
}

/* ---- asking the server ---- */

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static int
connect_to(const struct app_endpoint *ep)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	memset(&ss, 0, sizeof(ss));
	if (ep->unix_path[0] != '\0') {
		struct sockaddr_un *un = (struct sockaddr_un *)&ss;

		if (strlen(ep->unix_path) >= sizeof(un->sun_path))
			return -ENAMETOOLONG;
		un->sun_family = AF_UNIX;
		memcpy(un->sun_path, ep->unix_path, strlen(ep->unix_path) + 1);
		len = sizeof(*un);
	} else if (strchr(ep->host, ':') != NULL) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)ep->port);
		in6->sin6_addr = in6addr_loopback; /* only ever loopback */
		len = sizeof(*in6);
	} else {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)ep->port);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*in);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&ss, len) < 0 && errno != EINPROGRESS) {
		int err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/* Send request, read the reply until the server closes (the request
 * ends with QUIT) or the deadline passes. 0 or -errno. */
static int
exchange(const struct app_endpoint *ep, const char *request, char *reply, size_t size)
{
	struct timespec t0;
	size_t sent = 0, got = 0, want = strlen(request);
	int fd = connect_to(ep), err = 0;

	if (fd < 0)
		return fd;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd pfd = {fd, sent < want ? POLLOUT : POLLIN, 0};
		long left = ASK_TIMEOUT_MS - ms_since(&t0);
		ssize_t n;

		if (left <= 0) {
			err = -ETIMEDOUT;
			break;
		}
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		if (sent < want) {
			n = send(fd, request + sent, want - sent, MSG_NOSIGNAL);
			if (n < 0 && errno != EAGAIN && errno != EINTR) {
				err = -errno;
				break;
			}
			sent += n > 0 ? (size_t)n : 0;
			continue;
		}
		n = recv(fd, reply + got, size - 1 - got, 0);
		if (n == 0 || (n > 0 && got + (size_t)n >= size - 1)) {
			got += n > 0 ? (size_t)n : 0;
			break;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			err = -errno;
			break;
		}
		got += n > 0 ? (size_t)n : 0;
	}
	close(fd);
	reply[got] = '\0';
	return got > 0 ? 0 : err != 0 ? err : -ECONNRESET;
}

/* Only a server in our own network namespace is reachable as itself on
 * our loopback; another namespace's 127.0.0.1 is a different host. */
static bool
same_netns(pid_t pid)
{
	char ours[64], theirs[64];
	ssize_t n = readlink("/proc/self/ns/net", ours, sizeof(ours) - 1);

	ours[n > 0 ? n : 0] = '\0';
	read_link(pid, "ns/net", theirs, sizeof(theirs));
	return ours[0] != '\0' && strcmp(ours, theirs) == 0;
}

static void
ask(const struct app_proc *p, enum app_id app, struct app_live *live)
{
	static char reply[REPLY_MAX];
	struct app_endpoint ep;
	int err;

	memset(live, 0, sizeof(*live));
	live->maxclients = live->clients = LAYER_NONE;
	if (!rootfs_is_live()) {
		snprintf(live->why, sizeof(live->why), "not asked under --root");
		return;
	}
	if (!same_netns(p->pid)) {
		snprintf(live->why, sizeof(live->why),
			 "it runs in another network namespace (or /proc/%d/ns/net is unreadable)",
			 (int)p->pid);
		return;
	}
	err = app == APP_REDIS ? app_redis_endpoint(p, &ep, live->why, sizeof(live->why))
			       : app_memcached_endpoint(p, &ep, live->why, sizeof(live->why));
	if (err < 0)
		return;
	err = exchange(&ep,
		       app == APP_REDIS ? "INFO\r\nCONFIG GET maxclients\r\nQUIT\r\n"
					: "stats\r\nquit\r\n",
		       reply, sizeof(reply));
	if (err == 0)
		err = app == APP_REDIS ? app_redis_parse_reply(reply, p->pid, live)
				       : app_memcached_parse_stats(reply, p->pid, live);
	if (err == -EPERM)
		snprintf(live->why, sizeof(live->why), "it wants a password (NOAUTH)");
	else if (err == -ESRCH)
		snprintf(live->why, sizeof(live->why), "another process answers on %s port %d",
			 ep.host, ep.port);
	else if (err < 0 && ep.unix_path[0] != '\0')
		snprintf(live->why, sizeof(live->why), "%s: %s", ep.unix_path, strerror(-err));
	else if (err < 0)
		snprintf(live->why, sizeof(live->why), "%s port %d: %s", ep.host, ep.port,
			 strerror(-err));
}

/* ---- the layer ---- */

/* The main process: climb while the parent is the same server (an nginx
 * or HAProxy worker, a PostgreSQL backend, a Redis save child). */
static pid_t
main_process(pid_t pid, enum app_id app)
{
	char comm[32], exe[APP_PATH_MAX];
	int i;

	for (i = 0; i < 4; i++) {
		pid_t ppid = parent_of(pid);

		if (ppid <= 1 || identify(ppid, comm, sizeof(comm), exe, sizeof(exe)) != app)
			break;
		pid = ppid;
	}
	return pid;
}

/* Redis's title hides how it was started ("redis-server 127.0.0.1:6379"):
 * a restart runs the title's program with the file INFO names. */
static void
redis_restart_cmdline(const struct app_proc *p, const struct app_live *live, struct layer *l)
{
	char prog[APP_PATH_MAX];
	const char *sp;
	size_t len = 0;

	if (l->proc.cmdline[0] != '\0' || !live->known || live->config_file[0] != '/' ||
	    p->argc != 1 || (sp = strchr(p->argv[0], ' ')) == NULL ||
	    (size_t)(sp - p->argv[0]) >= sizeof(prog))
		return;
	snprintf(prog, sizeof(prog), "%.*s", (int)(sp - p->argv[0]), p->argv[0]);
	if (!probe_append_quoted(l->proc.cmdline, sizeof(l->proc.cmdline), &len, prog) ||
	    !probe_append_quoted(l->proc.cmdline, sizeof(l->proc.cmdline), &len,
				 live->config_file)) {
		l->proc.cmdline[0] = '\0';
		return;
	}
	layer_note(l,
		   "its title hides its command line: a restart runs %s (options given on "
		   "its command line, if any, are not known here)",
		   l->proc.cmdline);
}

/* Read the server's own cap into l (asking it, for Redis and memcached). */
static void
assess(struct app_proc *p, enum app_id app, struct layer *l)
{
	struct app_live live;

	memset(&live, 0, sizeof(live));
	if (app == APP_REDIS || app == APP_MEMCACHED)
		ask(p, app, &live);
	app_assess(app, p, &live, l);
	if (app == APP_REDIS)
		redis_restart_cmdline(p, &live, l);
}

static void
add_app(struct probe_ctx *ctx, pid_t watched)
{
	static struct app_proc p;
	char comm[32], exe[APP_PATH_MAX], cgroup[4096];
	enum app_id app = identify(watched, comm, sizeof(comm), exe, sizeof(exe));
	struct layer *l;
	pid_t pid;

	if (app == APP_NONE)
		return;
	pid = main_process(watched, app);
	if (layer_find(ctx->set, app_layer_kind(app), pid) != NULL)
		return; /* its master was watched too */
	l = probe_add(ctx, app_layer_kind(app));
	if (l == NULL)
		return;
	memset(&p, 0, sizeof(p));
	if (fill_proc(&p, pid, app) == -EFBIG) {
		l->pid = pid;
		snprintf(l->comm, sizeof(l->comm), "%s", p.comm);
		layer_unknown(l,
			      "/proc/%d/cmdline: more than %d bytes or %d arguments: not read "
			      "(refused, not cut), and options there can set the cap",
			      (int)pid, APP_CMDLINE_MAX - 1, APP_ARGS_MAX);
		return;
	}
	p.watched = watched;
	count_children(&p, app);
	l->pid = pid;
	snprintf(l->comm, sizeof(l->comm), "%s", p.comm);
	if (read_proc(pid, "cgroup", cgroup, sizeof(cgroup)) > 0)
		sysdconf_unit_of(cgroup, l->unit_name, sizeof(l->unit_name));
	/* its owner, command line and directory, for a fix that restarts it */
	probe_proc_facts(pid, p.comm, &l->proc);
	l->proc.other_owner = probe_other_owner(&l->proc);
	if (watched != pid)
		layer_note(l, "pid %d is one of its processes: the cap is its main process's",
			   (int)watched);
	assess(&p, app, l);
}

void
probe_apps(struct probe_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->opts->npids; i++)
		add_app(ctx, ctx->opts->pids[i]);
}
