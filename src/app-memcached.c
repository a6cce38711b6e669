/*
 * app-memcached.c: memcached's own cap, -c / --conn-limit (default 1024),
 * read from its command line only: memcached has no configuration file of
 * its own (Debian's service turns /etc/memcached.conf into arguments). It
 * is fixed at start-up: memcached sets its fd limit to it then, and
 * answers "ERROR Too many open connections" past it.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-parsers.h"
#include "parse.h"

static const char *
conn_limit(const struct app_proc *p)
{
	return app_arg(p, "-c", "--conn-limit");
}

int
app_memcached_endpoint(const struct app_proc *p, struct app_endpoint *ep, char *why, size_t len)
{
	const char *s = app_arg(p, "-s", "--unix-socket"), *port = app_arg(p, "-p", "--port");
	const char *listen = app_arg(p, "-l", "--listen");
	int64_t v = MEMCACHED_DEFAULT_PORT;

	memset(ep, 0, sizeof(*ep));
	if (s != NULL) {
		snprintf(ep->unix_path, sizeof(ep->unix_path), "%s", s);
		return 0;
	}
	if (port != NULL && parse_i64(port, 0, 65535, &v) < 0) {
		snprintf(why, len, "-p %s is not a port", port);
		return -ENOENT;
	}
	if (v == 0) {
		snprintf(why, len, "TCP is off (-p 0)");
		return -ENOENT;
	}
	ep->port = (int)v;
	if (listen == NULL || strstr(listen, "127.") != NULL || strstr(listen, "0.0.0.0") != NULL ||
	    strstr(listen, "localhost") != NULL)
		snprintf(ep->host, sizeof(ep->host), "127.0.0.1");
	else if (strstr(listen, "::1") != NULL)
		snprintf(ep->host, sizeof(ep->host), "::1");
	else {
		snprintf(why, len, "it listens on no loopback address (-l %s)", listen);
		return -ENOENT;
	}
	return 0;
}

static bool
stat_value(const char *reply, const char *name, int64_t *out)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "STAT %s ", name);
	p = strstr(reply, key);
	if (p == NULL)
		return false;
	p += strlen(key);
	{
		char num[32];
		size_t n = strcspn(p, "\r\n");

		if (n == 0 || n >= sizeof(num))
			return false;
		memcpy(num, p, n);
		num[n] = '\0';
		return parse_i64(num, 0, INT64_MAX, out) == 0;
	}
}

int
app_memcached_parse_stats(const char *reply, pid_t pid, struct app_live *live)
{
	int64_t v;

	live->known = false;
	live->maxclients = live->clients = LAYER_NONE;
	live->config_file[0] = '\0';
	if (strncmp(reply, "STAT ", 5) != 0)
		return -EBADMSG;
	if (!stat_value(reply, "pid", &v))
		return -EBADMSG;
	if (v != pid)
		return -ESRCH;
	if (stat_value(reply, "curr_connections", &v))
		live->clients = v;
	if (stat_value(reply, "max_connections", &v))
		live->maxclients = v;
	live->known = live->maxclients != LAYER_NONE;
	return live->known ? 0 : -EBADMSG;
}

/* Its command line without -c, for the restart the fix asks for. */
static void
restart_command(const struct app_proc *p, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < p->argc; i++) {
		const char *a = p->argv[i];
		int n;

		if (strcmp(a, "-c") == 0 || strcmp(a, "--conn-limit") == 0) {
			i++;
			continue;
		}
		if ((strncmp(a, "-c", 2) == 0 && a[2] != '\0') ||
		    strncmp(a, "--conn-limit=", 13) == 0)
			continue;
		n = snprintf(out + len, size - len, "%s%s", len > 0 ? " " : "", a);
		if (n < 0 || (size_t)n >= size - len) {
			out[0] = '\0'; /* too long to print whole: the fix says it in words */
			return;
		}
		len += (size_t)n;
	}
}

/* Debian's service reads its options from /etc/memcached.conf: the line
 * that sets -c there, for the persistent fix. */
static void
debian_conf(struct layer *l)
{
	char *text, cause[256];
	const char *p;
	int line = 0;

	if (appconf_read(MEMCACHED_DEBIAN_CONF, &text, cause, sizeof(cause)) < 0)
		return;
	snprintf(l->app.file, sizeof(l->app.file), "%s", MEMCACHED_DEBIAN_CONF);
	for (p = text; *p != '\0'; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n')) {
		line++;
		if (strncmp(p, "-c", 2) == 0 && (p[2] == ' ' || p[2] == '\t')) {
			l->app.line = line;
			break;
		}
	}
	free(text);
}

int
app_memcached_assess(const struct app_proc *p, const struct app_live *live, struct layer *l)
{
	const char *c = conn_limit(p);
	int64_t configured = MEMCACHED_DEFAULT_MAXCONNS;

	if (c != NULL && parse_i64(c, 1, INT32_MAX, &configured) < 0) {
		layer_unknown(l, "-c %s on the command line of pid %d is not a number", c,
			      (int)p->pid);
		return 0;
	}
	if (live != NULL && live->known) {
		l->limit = live->maxclients;
		l->use = live->clients;
		layer_note(l,
			   "max_connections %lld in effect (asked the server: stats); "
			   "curr_connections counts its listeners too",
			   (long long)live->maxclients);
	} else {
		l->limit = configured;
		if (live != NULL && live->why[0] != '\0')
			layer_note(l, "could not ask the server: %s", live->why);
	}
	if (c != NULL)
		layer_note(l, "-c %lld on its command line", (long long)configured);
	else
		layer_note(l, "no -c on its command line: %d (memcached's default)",
			   MEMCACHED_DEFAULT_MAXCONNS);
	layer_note(l, "fixed at start-up: past it memcached answers \"ERROR Too many open "
		      "connections\" and closes the connection");
	restart_command(p, l->app.reload, sizeof(l->app.reload));
	l->app.app = APP_MEMCACHED;
	l->app.fd_soft = p->nofile_hard;
	l->app.root_owned = p->uid_known && p->uid == 0;
	if (strncmp(l->unit_name, "memcached", 9) == 0)
		debian_conf(l); /* the packaged service */
	return 0;
}
