/*
 * app-mysql.c: MySQL's and MariaDB's own cap, max_connections (default
 * 151), with open_files_limit. Option files are read as my_print_defaults
 * reads them: --defaults-file alone when given, else /etc/my.cnf,
 * /etc/mysql/my.cnf and --defaults-extra-file; `[group]` headers (mysqld,
 * server, mariadb, mariadbd and their -VERSION forms), `#` and `;`
 * comments, `name=value` with '-' and '_' alike, `!include FILE` and
 * `!includedir DIR` (*.cnf); the command line's --max-connections last.
 * The server lowers max_connections at start-up when open_files_limit
 * cannot hold it ("Changed limits" in its log); SET GLOBAL changes it live.
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

#define LINE_MAX_ 1024

void
mysql_conf_init(struct mysql_conf *c)
{
	memset(c, 0, sizeof(*c));
}

bool
mysql_server_group(const char *g)
{
	static const char *const names[] = {"mysqld", "server", "mariadb", "mariadbd"};
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (strncasecmp(g, names[i], n) == 0 &&
		    (g[n] == '\0' || (g[n] == '-' && isdigit((unsigned char)g[n + 1]))))
			return true;
	}
	return false;
}

/* A number with an optional K, M or G suffix. */
static int
size_value(const char *s, int64_t *out)
{
	char buf[32];
	size_t n = strlen(s);
	int64_t mult = 1, v;

	if (n == 0 || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n + 1);
	switch (toupper((unsigned char)buf[n - 1])) {
	case 'K':
		mult = 1024;
		break;
	case 'M':
		mult = 1024 * 1024;
		break;
	case 'G':
		mult = 1024 * 1024 * 1024;
		break;
	}
	if (mult > 1)
		buf[n - 1] = '\0';
	if (parse_i64(buf, 0, INT32_MAX, &v) < 0 || v > INT32_MAX / mult)
		return -EINVAL;
	*out = v * mult;
	return 0;
}

static void
trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
}

/* "name" with '-' for '_' and without a loose- prefix. */
static void
option_name(const char *in, char *out, size_t size)
{
	size_t i;

	if (strncasecmp(in, "loose-", 6) == 0 || strncasecmp(in, "loose_", 6) == 0)
		in += 6;
	for (i = 0; in[i] != '\0' && i + 1 < size; i++)
		out[i] = in[i] == '-' ? '_' : (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static int
option(struct mysql_conf *c, char *s, const char *file, int line, char *cause, size_t causelen)
{
	char name[64], *eq = strchr(s, '='), *val;
	struct app_setting *st = NULL;
	int64_t v;
	size_t n;

	if (eq == NULL)
		return 0; /* a flag */
	*eq = '\0';
	val = eq + 1;
	trim(s);
	option_name(s, name, sizeof(name));
	if (strcmp(name, "max_connections") == 0)
		st = &c->max_connections;
	else if (strcmp(name, "open_files_limit") == 0)
		st = &c->open_files_limit;
	else if (strcmp(name, "socket") != 0)
		return 0;
	/* A trailing comment after blanks; quotes around the value. */
	for (n = 0; val[n] != '\0'; n++) {
		if (val[n] == '#' && n > 0 && isspace((unsigned char)val[n - 1])) {
			val[n] = '\0';
			break;
		}
	}
	trim(val);
	n = strlen(val);
	if (n >= 2 && (val[0] == '"' || val[0] == '\'') && val[n - 1] == val[0]) {
		val[n - 1] = '\0';
		val++;
	}
	if (st == NULL) {
		snprintf(c->socket, sizeof(c->socket), "%s", val); /* the last one counts */
		return 0;
	}
	if (size_value(val, &v) < 0) {
		snprintf(cause, causelen, "%s:%d: invalid value for %s: \"%s\"", file, line, name,
			 val);
		return -EBADMSG;
	}
	appconf_setting(st, v, file, line);
	return 0;
}

static int parse_file(struct mysql_conf *c, const char *file, int depth, char *cause,
		      size_t causelen);

static int
directive(struct mysql_conf *c, char *s, const char *file, int line, int depth, char *cause,
	  size_t causelen)
{
	struct appconf_list files = {NULL, 0};
	char sub[512], dir[APP_PATH_MAX], path[APP_PATH_MAX];
	bool isdir = strncmp(s, "!includedir", 11) == 0;
	char *arg = s + (isdir ? 11 : 8);
	size_t i;
	int err;

	if (!isdir && strncmp(s, "!include", 8) != 0)
		return 0; /* unknown ! directives are ignored, as the server does */
	trim(arg);
	if (depth >= APP_DEPTH_MAX) {
		snprintf(cause, causelen, "%s:%d: include nesting too deep (a loop?)", file, line);
		return -EBADMSG;
	}
	appconf_dirname(file, dir, sizeof(dir));
	if (appconf_join(dir, arg, path, sizeof(path)) < 0)
		return -ENAMETOOLONG;
	if (isdir) {
		err = appconf_dir(path, ".cnf", &files, sub, sizeof(sub));
		for (i = 0; err == 0 && i < files.n; i++)
			err = parse_file(c, files.v[i], depth + 1, sub, sizeof(sub));
		appconf_list_free(&files);
	} else {
		err = parse_file(c, path, depth + 1, sub, sizeof(sub));
	}
	if (err < 0 && err != -EBADMSG)
		snprintf(cause, causelen, "%s (%s at %s:%d)", sub,
			 isdir ? "!includedir" : "!include", file, line);
	else if (err < 0)
		snprintf(cause, causelen, "%s", sub);
	return err;
}

static int
parse_text(struct mysql_conf *c, const char *name, const char *text, int depth, char *cause,
	   size_t causelen)
{
	char s[LINE_MAX_];
	const char *p = text;
	bool ours = false;
	int line = 0, err = 0;

	while (*p != '\0' && err == 0) {
		size_t len = strcspn(p, "\n");

		line++;
		if (len >= sizeof(s)) {
			snprintf(cause, causelen, "%s:%d: line too long", name, line);
			return -EBADMSG;
		}
		memcpy(s, p, len);
		s[len] = '\0';
		p += len + (p[len] == '\n');
		trim(s);
		if (s[0] == '\0' || s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '!') {
			err = directive(c, s, name, line, depth, cause, causelen);
		} else if (s[0] == '[') {
			char *end = strchr(s, ']');

			if (end == NULL) {
				snprintf(cause, causelen, "%s:%d: wrong group definition", name,
					 line);
				return -EBADMSG;
			}
			*end = '\0';
			trim(s + 1);
			ours = mysql_server_group(s + 1);
			if (ours && (!c->group.set || strcmp(s + 1, "mysqld") == 0))
				appconf_setting(&c->group, 0, name, line);
		} else if (ours) {
			err = option(c, s, name, line, cause, causelen);
		}
	}
	return err;
}

int
mysql_parse_text(struct mysql_conf *c, const char *name, const char *text, char *cause,
		 size_t causelen)
{
	return parse_text(c, name, text, 0, cause, causelen);
}

static int
parse_file(struct mysql_conf *c, const char *file, int depth, char *cause, size_t causelen)
{
	char *text;
	int err;

	err = appconf_read_included(file, &c->nfiles, &text, cause, causelen);
	if (err < 0)
		return err;
	err = parse_text(c, file, text, depth, cause, causelen);
	free(text);
	return err;
}

int
mysql_parse_file(struct mysql_conf *c, const char *file, char *cause, size_t causelen)
{
	return parse_file(c, file, 0, cause, causelen);
}

/* ---- the layer ---- */

static const char *const default_files[] = {"/etc/my.cnf", "/etc/mysql/my.cnf"};

/* The files the server reads, in order; a missing default file is skipped,
 * a missing --defaults-file is an error. */
static int
read_files(const struct app_proc *p, struct mysql_conf *c, char *first, size_t size, char *cause,
	   size_t causelen)
{
	const char *df = app_arg(p, NULL, "--defaults-file");
	const char *extra = app_arg(p, NULL, "--defaults-extra-file");
	size_t i;
	int err;

	first[0] = '\0';
	if (app_arg(p, NULL, "--no-defaults") != NULL ||
	    (p->argc > 1 && strcmp(p->argv[1], "--no-defaults") == 0))
		return 0;
	if (df != NULL) {
		snprintf(first, size, "%s", df);
		return mysql_parse_file(c, df, cause, causelen);
	}
	for (i = 0; i < sizeof(default_files) / sizeof(default_files[0]); i++) {
		err = mysql_parse_file(c, default_files[i], cause, causelen);
		if (err == -ENOENT)
			continue;
		if (err < 0)
			return err;
		if (first[0] == '\0')
			snprintf(first, size, "%s", default_files[i]);
	}
	return extra != NULL ? mysql_parse_file(c, extra, cause, causelen) : 0;
}

static void
cmdline_settings(const struct app_proc *p, struct mysql_conf *c, char *cause, size_t causelen)
{
	static const char *const names[][2] = {{"--max-connections", "--max_connections"},
					       {"--open-files-limit", "--open_files_limit"}};
	struct app_setting *st[] = {&c->max_connections, &c->open_files_limit};
	size_t i, j;
	int64_t v;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2; j++) {
			const char *a = app_arg(p, NULL, names[i][j]);

			if (a != NULL && size_value(a, &v) == 0)
				appconf_setting(st[i], v, "the command line", 0);
			else if (a != NULL)
				snprintf(cause, causelen,
					 "%s=%s on the command line is not a number", names[i][j],
					 a);
		}
	}
}

/* The client line that reaches this server: its socket when it sets one
 * (the client's default is the packaged server's). */
static void
client_command(const struct app_proc *p, const struct mysql_conf *c, char *out, size_t size)
{
	const char *sock = app_arg(p, NULL, "--socket");

	if (sock == NULL)
		sock = c->socket;
	if (sock[0] == '\0')
		snprintf(out, size, "mysql");
	else if (sock[strspn(sock, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789/._-+")] == '\0')
		snprintf(out, size, "mysql --socket=%s", sock);
	else if (strchr(sock, '\'') == NULL)
		snprintf(out, size, "mysql --socket='%s'", sock);
	else
		snprintf(out, size, "mysql (with --socket set to its socket)");
}

/* Whether its fds hold max_connections, and what the server does when not. */
static void
fds_note(const struct app_proc *p, struct layer *l, int64_t max)
{
	if (p->nofile_soft != LAYER_NONE && p->nofile_soft != LAYER_UNLIMITED &&
	    p->nofile_soft < max + 10) {
		layer_note(l,
			   "its nofile (%lld) cannot hold max_connections %lld: at start-up "
			   "MySQL lowers max_connections to fit (\"Changed limits\" in its "
			   "log), MariaDB its table cache; past its fds accept() fails "
			   "(\"Error in accept: Too many open files\"). SELECT "
			   "@@max_connections shows what it runs with",
			   (long long)p->nofile_soft, (long long)max);
		l->floor = VERDICT_WARN;
	} else {
		layer_note(l,
			   "the server lowers it at start-up when open_files_limit cannot hold "
			   "it (\"Changed limits\" in its log); SELECT @@max_connections shows it");
	}
}

int
app_mysql_assess(const struct app_proc *p, struct layer *l)
{
	struct mysql_conf c;
	char first[APP_PATH_MAX], cause[768] = "";
	int64_t max;
	int err;

	mysql_conf_init(&c);
	err = read_files(p, &c, first, sizeof(first), cause, sizeof(cause));
	if (err < 0) {
		layer_unknown(l, "%s", cause);
		return 0;
	}
	cause[0] = '\0'; /* a missing default file is no error */
	cmdline_settings(p, &c, cause, sizeof(cause));
	if (cause[0] != '\0')
		layer_note(l, "%s", cause);
	max = c.max_connections.set ? c.max_connections.value : MYSQL_DEFAULT_MAX_CONNECTIONS;
	l->limit = max;
	if (c.max_connections.set && c.max_connections.line > 0)
		layer_note(l, "max_connections %lld (%s:%d)", (long long)max,
			   c.max_connections.file, c.max_connections.line);
	else if (c.max_connections.set)
		layer_note(l, "max_connections %lld (the command line)", (long long)max);
	else
		layer_note(l, "max_connections not set: %d (the server's default)",
			   MYSQL_DEFAULT_MAX_CONNECTIONS);
	if (c.open_files_limit.set)
		layer_note(l, "open_files_limit %lld", (long long)c.open_files_limit.value);
	fds_note(p, l, max);
	layer_note(l, "configuration: %s", first[0] != '\0' ? first : "no option file found");
	l->app.app = APP_MYSQL;
	if (c.max_connections.set && c.max_connections.line > 0) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c.max_connections.file);
		l->app.line = c.max_connections.line;
	} else if (c.group.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c.group.file);
		snprintf(l->app.context, sizeof(l->app.context), "the [mysqld] group (line %d)",
			 c.group.line);
	} else {
		snprintf(l->app.file, sizeof(l->app.file), "%s",
			 first[0] != '\0' ? first : "/etc/mysql/my.cnf");
		snprintf(l->app.context, sizeof(l->app.context), "a new [mysqld] group");
	}
	layer_note(l, "as configured: a SET GLOBAL since start-up is not seen here");
	client_command(p, &c, l->app.reload, sizeof(l->app.reload));
	l->app.fd_soft = p->nofile_soft;
	l->app.fd_hard = p->nofile_hard;
	l->app.root_owned = p->uid_known && p->uid == 0;
	return 0;
}
