/*
 * app-nginx.c: nginx's own cap. Each worker holds at most
 * worker_connections connections (clients and upstreams alike), so the
 * server holds worker_processes x worker_connections. The configuration
 * is found as nginx finds it (-c on the master's command line, else the
 * compiled-in path) and read as nginx reads it: directives end in ';',
 * blocks in braces, '#' comments, quotes with backslash escapes, and
 * `include` globs relative to the configuration's directory.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-parsers.h"
#include "parse.h"

#define WORDS_MAX 16
#define WORD_MAX  512
#define STACK_MAX 32

struct lexer {
	const char *p;
	int line;
};

struct directive {
	char w[WORDS_MAX][WORD_MAX];
	int n;
	int line;
	char end; /* ';', '{', '}' or 0 at the end of the text */
};

struct parser {
	struct nginx_conf *c;
	char stack[STACK_MAX][24]; /* open blocks, innermost last */
	int depth;
	int includes; /* include nesting */
};

static int parse_file(struct parser *ps, const char *file, char *cause, size_t causelen);

void
nginx_conf_init(struct nginx_conf *c, const char *prefix)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->prefix, sizeof(c->prefix), "%s", prefix);
}

static int
bad(char *cause, size_t causelen, const char *file, int line, const char *what)
{
	snprintf(cause, causelen, "%s:%d: %s", file, line, what);
	return -EBADMSG;
}

static void
skip_blanks(struct lexer *lx)
{
	for (;;) {
		char c = *lx->p;

		if (c == '\n')
			lx->line++;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			lx->p++;
		} else if (c == '#') {
			while (*lx->p != '\0' && *lx->p != '\n')
				lx->p++;
		} else {
			return;
		}
	}
}

/* One word, quoted or bare, unescaped into out. */
static int
read_word(struct lexer *lx, char *out, const char *file, char *cause, size_t causelen)
{
	char quote = 0;
	size_t n = 0;
	int line = lx->line;

	if (*lx->p == '"' || *lx->p == '\'')
		quote = *lx->p++;
	for (;;) {
		char c = *lx->p;

		if (c == '\0') {
			if (quote)
				return bad(cause, causelen, file, line,
					   "unexpected end of file in a quoted string");
			break;
		}
		if (quote && c == quote) {
			lx->p++;
			break;
		}
		if (!quote && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' ||
			       c == '{' || c == '}'))
			break;
		if (c == '\n')
			lx->line++;
		if (c == '\\' && lx->p[1] != '\0') {
			char e = lx->p[1];
			lx->p++;
			c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e;
			if (e != '"' && e != '\'' && e != '\\' && e != 't' && e != 'n' &&
			    e != 'r' && n + 1 < WORD_MAX)
				out[n++] = '\\'; /* nginx keeps other escapes as written */
		}
		if (n + 1 >= WORD_MAX)
			return bad(cause, causelen, file, line, "word too long");
		out[n++] = c;
		lx->p++;
	}
	out[n] = '\0';
	return 0;
}

/* The next directive: words up to ';' or '{', or a lone '}'. */
static int
next_directive(struct lexer *lx, struct directive *d, const char *file, char *cause,
	       size_t causelen)
{
	int err;

	d->n = 0;
	d->end = 0;
	for (;;) {
		skip_blanks(lx);
		if (d->n == 0)
			d->line = lx->line;
		if (*lx->p == '\0') {
			if (d->n > 0)
				return bad(cause, causelen, file, d->line,
					   "unexpected end of file, expecting \";\" or \"}\"");
			return 0;
		}
		if (*lx->p == ';' || *lx->p == '{' || *lx->p == '}') {
			d->end = *lx->p++;
			if (d->end == '}' && d->n > 0)
				return bad(cause, causelen, file, lx->line, "unexpected \"}\"");
			if (d->end != '}' && d->n == 0)
				return bad(cause, causelen, file, lx->line,
					   d->end == ';' ? "unexpected \";\"" : "unexpected \"{\"");
			return 0;
		}
		if (d->n >= WORDS_MAX)
			return bad(cause, causelen, file, lx->line, "too many arguments");
		err = read_word(lx, d->w[d->n], file, cause, causelen);
		if (err < 0)
			return err;
		d->n++;
	}
}

static const char *
context(const struct parser *ps)
{
	return ps->depth > 0 ? ps->stack[ps->depth - 1] : "main";
}

static int
number(const struct directive *d, int64_t min, struct app_setting *s, const char *file, char *cause,
       size_t causelen)
{
	char msg[WORD_MAX + 64];
	int64_t v;

	if (d->n != 2) {
		snprintf(msg, sizeof(msg), "invalid number of arguments in \"%.64s\"", d->w[0]);
		return bad(cause, causelen, file, d->line, msg);
	}
	if (parse_i64(d->w[1], min, INT32_MAX, &v) < 0) {
		snprintf(msg, sizeof(msg), "invalid value \"%.200s\" in \"%.64s\"", d->w[1],
			 d->w[0]);
		return bad(cause, causelen, file, d->line, msg);
	}
	appconf_setting(s, v, file, d->line);
	return 0;
}

static void
add_listen(struct nginx_conf *c, const struct directive *d, const char *file)
{
	struct nginx_listen *l;
	int i;

	c->nlisten_all++;
	if (c->nlisten >= NGINX_LISTEN_MAX || d->n < 2)
		return;
	l = &c->listen[c->nlisten++];
	snprintf(l->addr, sizeof(l->addr), "%.95s", d->w[1]);
	l->backlog = NGINX_DEFAULT_BACKLOG;
	for (i = 2; i < d->n; i++) {
		int64_t v;

		if (strncmp(d->w[i], "backlog=", 8) == 0 &&
		    parse_i64(d->w[i] + 8, INT32_MIN, INT32_MAX, &v) == 0) {
			l->backlog = v;
			l->backlog_set = true;
		}
	}
	snprintf(l->file, sizeof(l->file), "%s", file);
	l->line = d->line;
}

static int
include(struct parser *ps, const struct directive *d, const char *file, char *cause,
	size_t causelen)
{
	char path[APP_PATH_MAX], sub[512];
	struct appconf_list files;
	size_t i;
	int err;

	if (d->n != 2)
		return bad(cause, causelen, file, d->line,
			   "invalid number of arguments in \"include\"");
	if (ps->includes >= APP_DEPTH_MAX)
		return bad(cause, causelen, file, d->line, "include nesting too deep (a loop?)");
	if (appconf_join(ps->c->prefix, d->w[1], path, sizeof(path)) < 0)
		return bad(cause, causelen, file, d->line, "include path too long");
	err = appconf_glob(path, &files, cause, causelen);
	if (err < 0)
		return err;
	for (i = 0; i < files.n && err == 0; i++) {
		ps->includes++;
		err = parse_file(ps, files.v[i], sub, sizeof(sub));
		ps->includes--;
		if (err < 0 && err != -EBADMSG)
			snprintf(cause, causelen, "%s (included from %s:%d)", sub, file, d->line);
		else if (err < 0)
			snprintf(cause, causelen, "%s", sub);
	}
	appconf_list_free(&files);
	return err;
}

/* A directive inside the current block. */
static int
directive(struct parser *ps, const struct directive *d, const char *file, char *cause,
	  size_t causelen)
{
	struct nginx_conf *c = ps->c;
	const char *ctx = context(ps);

	if (strcmp(d->w[0], "include") == 0)
		return include(ps, d, file, cause, causelen);
	if (strcmp(ctx, "main") == 0 && strcmp(d->w[0], "worker_processes") == 0) {
		if (d->n == 2 && strcmp(d->w[1], "auto") == 0) {
			appconf_setting(&c->workers, NGINX_WORKERS_AUTO, file, d->line);
			return 0;
		}
		return number(d, 1, &c->workers, file, cause, causelen);
	}
	if (strcmp(ctx, "main") == 0 && strcmp(d->w[0], "worker_rlimit_nofile") == 0)
		return number(d, 1, &c->rlimit_nofile, file, cause, causelen);
	if (strcmp(ctx, "events") == 0 && strcmp(d->w[0], "worker_connections") == 0)
		return number(d, 1, &c->connections, file, cause, causelen);
	if (strcmp(ctx, "server") == 0 && strcmp(d->w[0], "listen") == 0)
		add_listen(c, d, file);
	return 0;
}

static int
parse_text(struct parser *ps, const char *file, const char *text, char *cause, size_t causelen)
{
	struct lexer lx = {text, 1};
	struct directive *d = malloc(sizeof(*d));
	int start = ps->depth, err = 0;

	if (d == NULL)
		return -ENOMEM;
	for (;;) {
		err = next_directive(&lx, d, file, cause, causelen);
		if (err < 0 || d->end == 0)
			break;
		if (d->end == '}') {
			if (ps->depth <= start) {
				err = bad(cause, causelen, file, d->line, "unexpected \"}\"");
				break;
			}
			ps->depth--;
		} else if (d->end == '{') {
			if (ps->depth >= STACK_MAX) {
				err = bad(cause, causelen, file, d->line, "blocks nested too deep");
				break;
			}
			if (ps->depth == 0 && strcmp(d->w[0], "events") == 0)
				appconf_setting(&ps->c->events, 0, file, d->line);
			snprintf(ps->stack[ps->depth++], sizeof(ps->stack[0]), "%.23s", d->w[0]);
		} else {
			err = directive(ps, d, file, cause, causelen);
			if (err < 0)
				break;
		}
	}
	if (err == 0 && ps->depth != start)
		err =
		    bad(cause, causelen, file, lx.line, "unexpected end of file, expecting \"}\"");
	free(d);
	return err;
}

/* Included files are parsed in the block that includes them. */
static int
parse_file(struct parser *ps, const char *file, char *cause, size_t causelen)
{
	struct nginx_conf *c = ps->c;
	char *text;
	int err;

	err = appconf_read_included(file, &c->nfiles, &text, cause, causelen);
	if (err < 0)
		return err;
	err = parse_text(ps, file, text, cause, causelen);
	free(text);
	return err;
}

int
nginx_parse_file(struct nginx_conf *c, const char *file, char *cause, size_t causelen)
{
	struct parser top = {.c = c};

	return parse_file(&top, file, cause, causelen);
}

int
nginx_parse_text(struct nginx_conf *c, const char *name, const char *text, char *cause,
		 size_t causelen)
{
	struct parser top = {.c = c};

	return parse_text(&top, name, text, cause, causelen);
}

/* ---- the layer ---- */

/* The -g directives: the words after -g up to the next option. */
static void
g_directives(const struct app_proc *p, char *out, size_t size)
{
	size_t i, len = 0;
	bool in = false;

	out[0] = '\0';
	for (i = 1; i < p->argc; i++) {
		const char *a = p->argv[i];

		if (a[0] == '-' && a[1] != '\0' && a[2] == '\0') {
			in = strcmp(a, "-g") == 0;
			continue;
		}
		if (in && len + strlen(a) + 2 < size)
			len +=
			    (size_t)snprintf(out + len, size - len, "%s%s", len > 0 ? " " : "", a);
	}
}

/* Where the configuration is, as nginx finds it. */
static void
find_conf(const struct app_proc *p, char *conf, size_t size, char *how, size_t howlen)
{
	const char *c = app_arg(p, "-c", NULL), *prefix = app_arg(p, "-p", NULL);

	if (prefix == NULL)
		prefix = NGINX_DEFAULT_PREFIX;
	if (c != NULL && appconf_join(prefix, c, conf, size) == 0) {
		snprintf(how, howlen, "-c on the master's command line");
		return;
	}
	snprintf(conf, size, "%s", NGINX_DEFAULT_CONF);
	snprintf(how, howlen, "no -c on the master's command line: nginx's compiled-in default");
}

static void
note_listeners(struct layer *l, const struct nginx_conf *c)
{
	size_t i;

	for (i = 0; i < c->nlisten && i < 4; i++) {
		const struct nginx_listen *x = &c->listen[i];
		layer_note(l,
			   "listen %s (%s:%d): accept queue %lld%s; the kernel caps it at "
			   "net.core.somaxconn",
			   x->addr, x->file, x->line, (long long)x->backlog,
			   x->backlog_set ? "" : " (default; raise with listen ... backlog=N)");
	}
	if (c->nlisten_all > i)
		layer_note(l, "and %zu more listen directives", c->nlisten_all - i);
}

static int64_t
worker_count(const struct app_proc *p, const struct nginx_conf *c, struct layer *l)
{
	if (!c->workers.set) {
		layer_note(l, "worker_processes not set: 1 worker (nginx's default)");
		return 1;
	}
	if (c->workers.value != NGINX_WORKERS_AUTO)
		return c->workers.value;
	if (p->ncpus > 0) {
		layer_note(l, "worker_processes auto (%s:%d): %d, the CPUs the master may run on",
			   c->workers.file, c->workers.line, p->ncpus);
		return p->ncpus;
	}
	if (p->children > 0) {
		layer_note(l, "worker_processes auto: %lld, the workers running now",
			   (long long)p->children);
		return p->children;
	}
	return -1;
}

/* A worker's fd limit: worker_rlimit_nofile, else the limit it has. */
static int64_t
worker_fds(const struct app_proc *p, const struct nginx_conf *c, char *from, size_t size)
{
	if (c->rlimit_nofile.set &&
	    (p->child_nofile == LAYER_NONE || p->child_nofile >= c->rlimit_nofile.value)) {
		snprintf(from, size, "worker_rlimit_nofile at %s:%d", c->rlimit_nofile.file,
			 c->rlimit_nofile.line);
		return c->rlimit_nofile.value;
	}
	if (c->rlimit_nofile.set) { /* its setrlimit failed, or not reloaded yet */
		snprintf(from, size,
			 "a worker's soft nofile limit, not worker_rlimit_nofile %lld at %s:%d "
			 "(not reloaded yet, or above the master's hard limit)",
			 (long long)c->rlimit_nofile.value, c->rlimit_nofile.file,
			 c->rlimit_nofile.line);
		return p->child_nofile;
	}
	if (p->child_nofile != LAYER_NONE) {
		snprintf(from, size, "a worker's soft nofile limit");
		return p->child_nofile;
	}
	snprintf(from, size, "the master's soft nofile limit, which workers inherit");
	return p->nofile_soft;
}

/* How it was started, to start it again: nginx [-p P] -c CONF [-g '...'];
 * "" when a -g directive holds a quote. */
static void
restart_command(const struct app_proc *p, const char *conf, char *out, size_t size)
{
	const char *prefix = app_arg(p, "-p", NULL);
	char g[512];
	int n;

	g_directives(p, g, sizeof(g));
	out[0] = '\0';
	if (strchr(g, '\'') != NULL || strchr(conf, '\'') != NULL ||
	    (prefix != NULL && strchr(prefix, '\'') != NULL))
		return;
	n = snprintf(out, size, "nginx%s%s%s -c '%s'%s%s%s", prefix != NULL ? " -p '" : "",
		     prefix != NULL ? prefix : "", prefix != NULL ? "'" : "", conf,
		     g[0] != '\0' ? " -g '" : "", g, g[0] != '\0' ? "'" : "");
	if (n < 0 || (size_t)n >= size)
		out[0] = '\0';
}

static void
set_fix(struct layer *l, const struct app_proc *p, const struct nginx_conf *c, const char *conf,
	int64_t workers, int64_t fds)
{
	const char *prefix = app_arg(p, "-p", NULL);

	l->app.app = APP_NGINX;
	if (c->connections.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c->connections.file);
		l->app.line = c->connections.line;
	} else if (c->events.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c->events.file);
		snprintf(l->app.context, sizeof(l->app.context), "the events block (line %d)",
			 c->events.line);
	} else {
		snprintf(l->app.file, sizeof(l->app.file), "%s", conf);
		snprintf(l->app.context, sizeof(l->app.context), "a new events block");
	}
	snprintf(l->app.reload, sizeof(l->app.reload),
		 "nginx%s%s -c %s -s reload (or kill -HUP %d)", prefix != NULL ? " -p " : "",
		 prefix != NULL ? prefix : "", conf, (int)p->pid);
	l->app.per = workers;
	l->app.fd_soft = fds;
	l->app.root_owned = p->uid_known && p->uid == 0;
	l->app.fd_hard = p->nofile_hard;
	l->app.fd_hard_final = !p->cap_sys_resource;
	snprintf(l->app.conf, sizeof(l->app.conf), "%s", conf);
	restart_command(p, conf, l->app.restart, sizeof(l->app.restart));
}

int
app_nginx_assess(const struct app_proc *p, struct layer *l)
{
	char conf[APP_PATH_MAX], how[96], dir[APP_PATH_MAX], g[512], cause[768];
	char from[APP_PATH_MAX + 160];
	struct nginx_conf *c = malloc(sizeof(*c));
	int64_t workers, wc, fds, per;
	int err = 0;

	if (c == NULL)
		return -ENOMEM;
	find_conf(p, conf, sizeof(conf), how, sizeof(how));
	appconf_dirname(conf, dir, sizeof(dir));
	nginx_conf_init(c, dir);
	g_directives(p, g, sizeof(g));
	if (g[0] != '\0')
		err = nginx_parse_text(c, "-g", g, cause, sizeof(cause));
	if (err == 0)
		err = nginx_parse_file(c, conf, cause, sizeof(cause));
	if (err < 0) {
		layer_unknown(l, "%s (configuration from %s)", cause, how);
		free(c);
		return 0;
	}
	workers = worker_count(p, c, l);
	if (workers < 0) {
		layer_unknown(l, "worker_processes auto: cannot tell the CPUs of pid %d",
			      (int)p->pid);
		free(c);
		return 0;
	}
	wc = c->connections.set ? c->connections.value : NGINX_DEFAULT_CONNECTIONS;
	fds = worker_fds(p, c, from, sizeof(from));
	per = fds != LAYER_NONE && fds < wc ? fds : wc;
	l->limit = workers * per;
	if (c->connections.set)
		layer_note(l, "%lld workers x worker_connections %lld (%s:%d)", (long long)workers,
			   (long long)wc, c->connections.file, c->connections.line);
	else
		layer_note(l, "%lld workers x worker_connections %lld (not set: nginx's default)",
			   (long long)workers, (long long)wc);
	if (per < wc)
		layer_note(l,
			   "worker_connections exceed open file resource limit: %lld (%s); each "
			   "worker stops there (accept: Too many open files)",
			   (long long)fds, from);
	layer_note(l, "configuration %s (%s)", conf, how);
	if (p->children > 0 && p->children != workers)
		layer_note(l, "%lld workers run now: a reload starts %lld", (long long)p->children,
			   (long long)workers);
	layer_note(l, "a worker counts clients and upstreams alike: a proxied request takes two "
		      "connections");
	note_listeners(l, c);
	set_fix(l, p, c, conf, workers, fds);
	free(c);
	return 0;
}
