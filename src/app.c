/*
 * app.c: which server a process is, its command line, and the names of
 * the application layers (see app.h).
 */
#include "config.h"

#include <string.h>

#include "app.h"

static const struct {
	enum app_id app;
	const char *name;    /* for messages */
	const char *bins[3]; /* executable basenames and comm values */
	enum layer_kind kind;
} apps[] = {
    {APP_NGINX, "nginx", {"nginx", NULL, NULL}, LAYER_APP_NGINX},
    {APP_HAPROXY, "HAProxy", {"haproxy", NULL, NULL}, LAYER_APP_HAPROXY},
    {APP_REDIS, "Redis", {"redis-server", NULL, NULL}, LAYER_APP_REDIS},
    {APP_MEMCACHED, "memcached", {"memcached", NULL, NULL}, LAYER_APP_MEMCACHED},
    {APP_POSTGRESQL, "PostgreSQL", {"postgres", "postmaster", NULL}, LAYER_APP_POSTGRESQL},
    {APP_MYSQL, "MySQL", {"mysqld", "mariadbd", NULL}, LAYER_APP_MYSQL},
};

#define NAPPS (sizeof(apps) / sizeof(apps[0]))

static enum app_id
by_name(const char *name, size_t len)
{
	size_t i, j;

	for (i = 0; i < NAPPS; i++) {
		for (j = 0; j < 3 && apps[i].bins[j] != NULL; j++) {
			if (strlen(apps[i].bins[j]) == len &&
			    strncmp(apps[i].bins[j], name, len) == 0)
				return apps[i].app;
		}
	}
	return APP_NONE;
}

enum app_id
app_identify(const char *exe, const char *comm)
{
	const char *base, *end;
	enum app_id app = APP_NONE;

	/* The executable first: comm is cut at 15 bytes and a program may name
	 * itself anything. Then comm: Debian's redis-server is a symlink to
	 * redis-check-rdb, which acts by the name it was started as. */
	if (exe != NULL && exe[0] != '\0') {
		base = strrchr(exe, '/');
		base = base != NULL ? base + 1 : exe;
		end = strstr(base, " (deleted)"); /* upgraded in place since it started */
		app = by_name(base, end != NULL ? (size_t)(end - base) : strlen(base));
	}
	if (app == APP_NONE && comm != NULL)
		app = by_name(comm, strcspn(comm, "\n"));
	return app;
}

const char *
app_name(enum app_id app)
{
	size_t i;

	for (i = 0; i < NAPPS; i++) {
		if (apps[i].app == app)
			return apps[i].name;
	}
	return "?";
}

enum layer_kind
app_layer_kind(enum app_id app)
{
	size_t i;

	for (i = 0; i < NAPPS; i++) {
		if (apps[i].app == app)
			return apps[i].kind;
	}
	return LAYER_KIND_NONE;
}

int
app_assess(enum app_id app, const struct app_proc *p, const struct app_live *live, struct layer *l)
{
	switch (app) {
	case APP_NGINX:
		return app_nginx_assess(p, l);
	case APP_HAPROXY:
		return app_haproxy_assess(p, l);
	case APP_REDIS:
		return app_redis_assess(p, live, l);
	case APP_MEMCACHED:
		return app_memcached_assess(p, live, l);
	case APP_POSTGRESQL:
		return app_postgresql_assess(p, l);
	case APP_MYSQL:
		return app_mysql_assess(p, l);
	case APP_NONE:
		break;
	}
	return 0;
}

void
app_split_cmdline(struct app_proc *p, const char *buf, size_t len)
{
	size_t i = 0;

	p->args_cut = len >= sizeof(p->cmdline);
	if (p->args_cut)
		len = sizeof(p->cmdline) - 1;
	memmove(p->cmdline, buf, len);
	p->cmdline[len] = '\0';
	p->cmdlen = len;
	p->argc = 0;
	/* A title written over argv is padded with NULs: skip empty strings. */
	while (i < len) {
		if (p->cmdline[i] != '\0') {
			if (p->argc == APP_ARGS_MAX) {
				p->args_cut = true;
				break;
			}
			p->argv[p->argc++] = &p->cmdline[i];
		}
		i += strlen(&p->cmdline[i]) + 1;
	}
}

void
app_split_title(struct app_proc *p)
{
	size_t i;

	for (i = 0; i < p->cmdlen; i++) {
		if (p->cmdline[i] == ' ' || p->cmdline[i] == '\t')
			p->cmdline[i] = '\0';
	}
	app_split_cmdline(p, p->cmdline, p->cmdlen);
}

const char *
app_arg(const struct app_proc *p, const char *shortopt, const char *longopt)
{
	const char *found = NULL;
	size_t i, llen = longopt != NULL ? strlen(longopt) : 0;

	for (i = 1; i < p->argc; i++) {
		const char *a = p->argv[i];

		if (shortopt != NULL && strcmp(a, shortopt) == 0 && i + 1 < p->argc)
			found = p->argv[++i];
		else if (shortopt != NULL && strncmp(a, shortopt, strlen(shortopt)) == 0 &&
			 a[1] != '-' && a[strlen(shortopt)] != '\0')
			found = a + strlen(shortopt);
		else if (longopt != NULL && strcmp(a, longopt) == 0 && i + 1 < p->argc)
			found = p->argv[++i];
		else if (longopt != NULL && strncmp(a, longopt, llen) == 0 && a[llen] == '=')
			found = a + llen + 1;
	}
	return found;
}
