/*
 * app-postgresql.c: PostgreSQL's own cap, max_connections, less the slots
 * kept for superusers (superuser_reserved_connections, and
 * reserved_connections from 16 on). The configuration is found as the
 * postmaster finds it: config_file from its command line, else
 * postgresql.conf in the data directory (-D, else PGDATA); then
 * postgresql.auto.conf (ALTER SYSTEM) in the data directory, then the
 * command line's own settings. Files are read as guc-file.l reads them:
 * `name [=] value`, '#' comments, quoted values, include,
 * include_if_exists and include_dir relative to the including file.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app-parsers.h"
#include "parse.h"

#define NAME_MAX_ 64
#define VALUE_MAX 512

void
pg_conf_init(struct pg_conf *c)
{
	memset(c, 0, sizeof(*c));
}

static int parse_file(struct pg_conf *c, const char *file, bool must_exist, int depth, char *cause,
		      size_t causelen);

static int
syntax(char *cause, size_t causelen, const char *file, int line)
{
	snprintf(cause, causelen, "%s:%d: syntax error", file, line);
	return -EBADMSG;
}

/* One `name [=] value` line into name and value; 1 for a setting, 0 for a
 * blank or comment line, -EBADMSG for anything else. */
static int
split(const char *s, size_t len, char *name, char *value)
{
	size_t i = 0, n = 0;

	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if (i == len || s[i] == '#')
		return 0;
	if (!isalpha((unsigned char)s[i]) && s[i] != '_')
		return -EBADMSG;
	while (i < len &&
	       (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '$') &&
	       n + 1 < NAME_MAX_)
		name[n++] = s[i++];
	name[n] = '\0';
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	if (i < len && s[i] == '=')
		i++;
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	n = 0;
	if (i < len && s[i] == '\'') {
		for (i++;; i++) {
			if (i >= len)
				return -EBADMSG;
			if (s[i] == '\'' && i + 1 < len && s[i + 1] == '\'')
				i++;
			else if (s[i] == '\\' && i + 1 < len)
				i++;
			else if (s[i] == '\'')
				break;
			if (n + 1 >= VALUE_MAX)
				return -EBADMSG;
			value[n++] = s[i];
		}
		i++;
	} else {
		while (i < len && !isspace((unsigned char)s[i]) && s[i] != '#' && n + 1 < VALUE_MAX)
			value[n++] = s[i++];
		if (n == 0)
			return -EBADMSG;
	}
	value[n] = '\0';
	while (i < len && isspace((unsigned char)s[i]))
		i++;
	return i == len || s[i] == '#' ? 1 : -EBADMSG;
}

static int
include(struct pg_conf *c, const char *kind, const char *value, const char *file, int line,
	int depth, char *cause, size_t causelen)
{
	char dir[APP_PATH_MAX], path[APP_PATH_MAX], sub[512];
	struct appconf_list files = {NULL, 0};
	size_t i;
	int err;

	if (depth >= APP_DEPTH_MAX) {
		snprintf(cause, causelen, "%s:%d: include nesting too deep (a loop?)", file, line);
		return -EBADMSG;
	}
	appconf_dirname(file, dir, sizeof(dir));
	if (appconf_join(dir, value, path, sizeof(path)) < 0)
		return -ENAMETOOLONG;
	if (strcmp(kind, "include_dir") == 0) {
		err = appconf_dir(path, ".conf", &files, sub, sizeof(sub));
		for (i = 0; err == 0 && i < files.n; i++)
			err = parse_file(c, files.v[i], true, depth + 1, sub, sizeof(sub));
		appconf_list_free(&files);
	} else {
		err =
		    parse_file(c, path, strcmp(kind, "include") == 0, depth + 1, sub, sizeof(sub));
	}
	if (err < 0 && err != -EBADMSG)
		snprintf(cause, causelen, "%s (%s at %s:%d)", sub, kind, file, line);
	else if (err < 0)
		snprintf(cause, causelen, "%s", sub);
	return err;
}

static int
setting(struct pg_conf *c, const char *name, const char *value, const char *file, int line,
	char *cause, size_t causelen)
{
	struct app_setting *s = NULL;
	int64_t v;

	if (strcasecmp(name, "max_connections") == 0)
		s = &c->max_connections;
	else if (strcasecmp(name, "superuser_reserved_connections") == 0)
		s = &c->superuser_reserved;
	else if (strcasecmp(name, "reserved_connections") == 0)
		s = &c->reserved;
	else if (strcasecmp(name, "data_directory") == 0 &&
		 strlen(value) >= sizeof(c->data_directory)) {
		snprintf(cause, causelen, "%s:%d: data_directory too long", file, line);
		return -EBADMSG;
	} else if (strcasecmp(name, "data_directory") == 0) {
		memcpy(c->data_directory, value, strlen(value) + 1);
	}
	if (s == NULL)
		return 0;
	if (parse_i64(value, 0, 262143, &v) < 0) {
		snprintf(cause, causelen, "%s:%d: invalid value for %s: \"%s\"", file, line, name,
			 value);
		return -EBADMSG;
	}
	appconf_setting(s, v, file, line);
	return 0;
}

static int
parse_text(struct pg_conf *c, const char *name, const char *text, int depth, char *cause,
	   size_t causelen)
{
	char key[NAME_MAX_], value[VALUE_MAX];
	const char *p = text;
	int line = 0, err = 0, r;

	while (*p != '\0' && err == 0) {
		size_t len = strcspn(p, "\n");

		line++;
		r = split(p, len, key, value);
		p += len + (p[len] == '\n');
		if (r < 0)
			return syntax(cause, causelen, name, line);
		if (r == 0)
			continue;
		if (strcasecmp(key, "include") == 0 || strcasecmp(key, "include_if_exists") == 0 ||
		    strcasecmp(key, "include_dir") == 0) {
			char kind[24];
			size_t i;

			for (i = 0; key[i] != '\0' && i + 1 < sizeof(kind); i++)
				kind[i] = (char)tolower((unsigned char)key[i]);
			kind[i] = '\0';
			err = include(c, kind, value, name, line, depth, cause, causelen);
		} else {
			err = setting(c, key, value, name, line, cause, causelen);
		}
	}
	return err;
}

int
pg_parse_text(struct pg_conf *c, const char *name, const char *text, char *cause, size_t causelen)
{
	return parse_text(c, name, text, 0, cause, causelen);
}

static int
parse_file(struct pg_conf *c, const char *file, bool must_exist, int depth, char *cause,
	   size_t causelen)
{
	char *text;
	int err;

	err = appconf_read_included(file, &c->nfiles, &text, cause, causelen);
	if (err == -ENOENT && !must_exist)
		return 0;
	if (err < 0)
		return err;
	err = parse_text(c, file, text, depth, cause, causelen);
	free(text);
	return err;
}

int
pg_parse_file(struct pg_conf *c, const char *file, bool must_exist, char *cause, size_t causelen)
{
	return parse_file(c, file, must_exist, 0, cause, causelen);
}

/* ---- the layer ---- */

struct cmdline {
	char datadir[APP_PATH_MAX];
	char config_file[APP_PATH_MAX];
	char data_directory[APP_PATH_MAX];
	char gucs[2048]; /* its settings as configuration text */
	size_t len;
};

static void
add_guc(struct cmdline *cl, const char *nv)
{
	char name[NAME_MAX_];
	const char *eq = strchr(nv, '=');
	size_t i, n;
	int w;

	if (eq == NULL || eq == nv || (size_t)(eq - nv) >= sizeof(name))
		return;
	n = (size_t)(eq - nv);
	for (i = 0; i < n; i++)
		name[i] = nv[i] == '-' ? '_' : nv[i];
	name[n] = '\0';
	if (strcasecmp(name, "config_file") == 0)
		snprintf(cl->config_file, sizeof(cl->config_file), "%s", eq + 1);
	else if (strcasecmp(name, "data_directory") == 0)
		snprintf(cl->data_directory, sizeof(cl->data_directory), "%s", eq + 1);
	w = snprintf(cl->gucs + cl->len, sizeof(cl->gucs) - cl->len, "%s = '%s'\n", name, eq + 1);
	if (w > 0 && (size_t)w < sizeof(cl->gucs) - cl->len)
		cl->len += (size_t)w;
}

static void
read_cmdline(const struct app_proc *p, struct cmdline *cl)
{
	char nv[VALUE_MAX];
	size_t i;

	memset(cl, 0, sizeof(*cl));
	for (i = 1; i < p->argc; i++) {
		const char *a = p->argv[i], *next = i + 1 < p->argc ? p->argv[i + 1] : NULL;

		if (strcmp(a, "-D") == 0 && next != NULL) {
			snprintf(cl->datadir, sizeof(cl->datadir), "%s", next);
			i++;
		} else if (strncmp(a, "-D", 2) == 0 && a[2] != '\0') {
			snprintf(cl->datadir, sizeof(cl->datadir), "%s", a + 2);
		} else if (strcmp(a, "-c") == 0 && next != NULL) {
			add_guc(cl, next);
			i++;
		} else if (strncmp(a, "-c", 2) == 0 && a[2] != '\0') {
			add_guc(cl, a + 2);
		} else if (strcmp(a, "-N") == 0 && next != NULL) {
			snprintf(nv, sizeof(nv), "max_connections=%s", next);
			add_guc(cl, nv);
			i++;
		} else if (strncmp(a, "--", 2) == 0 && strchr(a, '=') != NULL) {
			add_guc(cl, a + 2);
		} else if (a[0] == '-' && a[1] != '\0' && a[2] == '\0' &&
			   strchr("BdhkprSs", a[1])) {
			i++; /* an option with an argument */
		}
	}
}

/* The configuration file: config_file, else DATADIR/postgresql.conf. */
static int
find_conf(const struct app_proc *p, const struct cmdline *cl, char *conf, size_t size, char *how,
	  size_t howlen, char *cause, size_t causelen)
{
	const char *dd = cl->datadir[0] != '\0' ? cl->datadir : p->pgdata;
	struct appconf_list l;
	char why[256];

	if (cl->config_file[0] != '\0') {
		snprintf(conf, size, "%s", cl->config_file);
		snprintf(how, howlen, "config_file on the postmaster's command line");
		return 0;
	}
	if (dd[0] != '\0') {
		snprintf(how, howlen, "the data directory %s (%s)", dd,
			 cl->datadir[0] != '\0' ? "-D" : "PGDATA");
		return appconf_join(dd, "postgresql.conf", conf, size);
	}
	/* Nothing says: Debian's layout, when it holds one cluster. */
	if (appconf_glob("/etc/postgresql/*/*/postgresql.conf", &l, why, sizeof(why)) == 0 &&
	    l.n == 1) {
		snprintf(conf, size, "%s", l.v[0]);
		snprintf(how, howlen, "no -D, config_file or PGDATA: the one Debian cluster");
		appconf_list_free(&l);
		return 0;
	}
	appconf_list_free(&l);
	snprintf(cause, causelen,
		 "cannot find postgresql.conf: no config_file or -D on the command line of pid %d "
		 "and its PGDATA unreadable",
		 (int)p->pid);
	return -ENOENT;
}

static void
restart_command(const struct app_proc *p, const char *conf, const char *datadir, char *out,
		size_t size)
{
	char ver[32], cluster[64];

	if (sscanf(conf, "/etc/postgresql/%31[^/]/%63[^/]/postgresql.conf", ver, cluster) == 2)
		snprintf(out, size, "pg_ctlcluster %s %s restart", ver, cluster);
	else if (datadir[0] != '\0')
		snprintf(out, size, "pg_ctl -D %s restart", datadir);
	else
		snprintf(out, size, "restart the postmaster (pid %d)", (int)p->pid);
}

static void
set_fix(struct layer *l, const struct app_proc *p, const struct pg_conf *c, const char *conf,
	const char *datadir, int64_t reserved)
{
	l->app.app = APP_POSTGRESQL;
	if (c->max_connections.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c->max_connections.file);
		l->app.line = c->max_connections.line;
	} else {
		snprintf(l->app.file, sizeof(l->app.file), "%s", conf);
	}
	restart_command(p, conf, datadir, l->app.reload, sizeof(l->app.reload));
	l->app.reserved = reserved;
	l->app.fd_soft = p->nofile_soft;
	l->app.root_owned = p->uid_known && p->uid == 0;
}

int
app_postgresql_assess(const struct app_proc *p, struct layer *l)
{
	struct pg_conf c;
	struct cmdline cl;
	char conf[APP_PATH_MAX], how[APP_PATH_MAX + 64], cause[768], dd[APP_PATH_MAX],
	    autoconf[APP_PATH_MAX];
	int64_t max, su, rs;
	int err;

	pg_conf_init(&c);
	read_cmdline(p, &cl);
	err = find_conf(p, &cl, conf, sizeof(conf), how, sizeof(how), cause, sizeof(cause));
	if (err == 0)
		err = pg_parse_file(&c, conf, true, cause, sizeof(cause));
	snprintf(dd, sizeof(dd), "%s",
		 cl.data_directory[0] != '\0'  ? cl.data_directory
		 : c.data_directory[0] != '\0' ? c.data_directory
		 : cl.datadir[0] != '\0'       ? cl.datadir
					       : p->pgdata);
	if (err == 0 && dd[0] != '\0' &&
	    appconf_join(dd, "postgresql.auto.conf", autoconf, sizeof(autoconf)) == 0)
		err = pg_parse_file(&c, autoconf, false, cause, sizeof(cause));
	if (err == 0 && cl.len > 0)
		err = pg_parse_text(&c, "the command line", cl.gucs, cause, sizeof(cause));
	if (err < 0) {
		layer_unknown(l, "%s", cause);
		return 0;
	}
	max = c.max_connections.set ? c.max_connections.value : PG_DEFAULT_MAX_CONNECTIONS;
	su = c.superuser_reserved.set ? c.superuser_reserved.value : PG_DEFAULT_SUPERUSER_RESERVED;
	rs = c.reserved.set ? c.reserved.value : 0;
	l->limit = max > su + rs ? max - su - rs : 0;
	if (p->children >= 0)
		l->use = p->children;
	if (c.max_connections.set)
		layer_note(l, "max_connections %lld (%s:%d)", (long long)max,
			   c.max_connections.file, c.max_connections.line);
	else
		layer_note(l, "max_connections not set: %d (PostgreSQL's default)",
			   PG_DEFAULT_MAX_CONNECTIONS);
	layer_note(l, "%lld kept for superusers (superuser_reserved_connections%s)",
		   (long long)(su + rs), rs > 0 ? " + reserved_connections" : "");
	layer_note(l, "configuration %s (%s)", conf, how);
	if (p->children >= 0)
		layer_note(l, "in use: client backends of the postmaster (pid %d)", (int)p->pid);
	layer_note(l, "read at server start: a change needs a restart; each connection is a "
		      "process");
	set_fix(l, p, &c, conf, dd, su + rs);
	return 0;
}
