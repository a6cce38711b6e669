/*
 * app-haproxy.c: HAProxy's own cap, the global maxconn. When it is not
 * set HAProxy derives it at start-up from the nofile limit it started with
 * (compute_ideal_maxconn in 2.6): the same computation is done here, and
 * the note says it is computed. The configuration comes from every -f
 * FILE|DIR on the command line (a directory: its *.cfg files in order),
 * else the packaged path; lines are words with '#' comments, quotes and
 * backslash escapes, in sections opened by a keyword at the line's start.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-parsers.h"
#include "parse.h"

#define WORDS_MAX 32
#define WORD_MAX  256

enum section {
	SEC_NONE,
	SEC_GLOBAL,
	SEC_DEFAULTS,
	SEC_FRONTEND,
	SEC_BACKEND,
	SEC_LISTEN,
	SEC_OTHER
};

struct line {
	char w[WORDS_MAX][WORD_MAX];
	int n;
};

void
haproxy_conf_init(struct haproxy_conf *c)
{
	memset(c, 0, sizeof(*c));
}

static int
bad(char *cause, size_t causelen, const char *file, int line, const char *what)
{
	snprintf(cause, causelen, "%s:%d: %s", file, line, what);
	return -EBADMSG;
}

/* Split one line into words as HAProxy's parse_line does (quotes, escapes,
 * '#' comments); environment variables are left as written. */
static int
split(const char *s, size_t len, struct line *ln, const char *file, int lineno, char *cause,
      size_t causelen)
{
	size_t i = 0, n;
	char quote;

	ln->n = 0;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i >= len || s[i] == '#')
			return 0;
		if (ln->n >= WORDS_MAX)
			return bad(cause, causelen, file, lineno, "too many words");
		n = 0;
		quote = 0;
		while (i < len) {
			char c = s[i];

			if (quote == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '#'))
				break;
			if (quote == 0 && (c == '"' || c == '\'')) {
				quote = c;
				i++;
				continue;
			}
			if (quote != 0 && c == quote) {
				quote = 0;
				i++;
				continue;
			}
			if (c == '\\' && quote != '\'' && i + 1 < len) {
				c = s[++i];
				c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
			}
			if (n + 1 >= WORD_MAX)
				return bad(cause, causelen, file, lineno, "word too long");
			ln->w[ln->n][n++] = c;
			i++;
		}
		if (quote != 0)
			return bad(cause, causelen, file, lineno, "unmatched quote");
		ln->w[ln->n][n] = '\0';
		ln->n++;
	}
}

static enum section
section_of(const char *word)
{
	static const char *const other[] = {"peers",	   "resolvers", "userlist", "program",
					    "http-errors", "ring",	"mailers",  "cache",
					    "log-forward", "crt-store", "traces"};
	size_t i;

	if (strcmp(word, "global") == 0)
		return SEC_GLOBAL;
	if (strcmp(word, "defaults") == 0)
		return SEC_DEFAULTS;
	if (strcmp(word, "frontend") == 0)
		return SEC_FRONTEND;
	if (strcmp(word, "backend") == 0)
		return SEC_BACKEND;
	if (strcmp(word, "listen") == 0)
		return SEC_LISTEN;
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		if (strcmp(word, other[i]) == 0)
			return SEC_OTHER;
	}
	return SEC_NONE;
}

static int
number(const struct line *ln, struct app_setting *s, const char *file, int lineno, char *cause,
       size_t causelen)
{
	char msg[WORD_MAX + 64];
	int64_t v;

	if (ln->n < 2 || parse_i64(ln->w[1], 0, INT32_MAX, &v) < 0) {
		snprintf(msg, sizeof(msg), "'%s' expects an integer argument", ln->w[0]);
		return bad(cause, causelen, file, lineno, msg);
	}
	appconf_setting(s, v, file, lineno);
	return 0;
}

struct state {
	enum section sec;
	struct app_setting defaults_maxconn;
	bool defaults_splice;
	struct haproxy_frontend *fe; /* the frontend or listen section being read */
};

static int
global_line(struct haproxy_conf *c, const struct line *ln, const char *file, int lineno,
	    char *cause, size_t causelen)
{
	const char *k = ln->w[0];

	if (strcmp(k, "maxconn") == 0)
		return number(ln, &c->maxconn, file, lineno, cause, causelen);
	if (strcmp(k, "ulimit-n") == 0)
		return number(ln, &c->ulimit_n, file, lineno, cause, causelen);
	if (strcmp(k, "fd-hard-limit") == 0)
		return number(ln, &c->fd_hard_limit, file, lineno, cause, causelen);
	if (strcmp(k, "nbthread") == 0)
		return number(ln, &c->nbthread, file, lineno, cause, causelen);
	if (strcmp(k, "strict-limits") == 0)
		appconf_setting(&c->strict_limits, 1, file, lineno);
	else if (strcmp(k, "no") == 0 && ln->n > 1 && strcmp(ln->w[1], "strict-limits") == 0)
		appconf_setting(&c->strict_limits, 0, file, lineno);
	else if (strcmp(k, "stats") == 0 && ln->n > 1 && strcmp(ln->w[1], "socket") == 0)
		c->stats_socket++;
	else if (strcmp(k, "master-worker") == 0)
		c->master_worker = true;
	return 0;
}

static int
proxy_line(struct haproxy_conf *c, struct state *st, const struct line *ln, const char *file,
	   int lineno, char *cause, size_t causelen)
{
	const char *k = ln->w[0];
	int i;

	if (strcmp(k, "maxconn") == 0) {
		if (st->sec == SEC_DEFAULTS)
			return number(ln, &st->defaults_maxconn, file, lineno, cause, causelen);
		if (st->fe != NULL)
			return number(ln, &st->fe->maxconn, file, lineno, cause, causelen);
		return 0;
	}
	if (strcmp(k, "option") == 0 && ln->n > 1 && strncmp(ln->w[1], "splice-", 7) == 0) {
		if (st->sec == SEC_DEFAULTS)
			st->defaults_splice = true;
		else if (st->fe != NULL)
			st->fe->splice = true;
		else if (st->sec == SEC_BACKEND)
			c->splice_unlimited = true; /* fullconn is not read: as if unset */
	}
	if (strcmp(k, "bind") == 0 && st->fe != NULL) {
		st->fe->binds++;
		c->listeners++;
	}
	if (strcmp(k, "server") == 0 && (st->sec == SEC_BACKEND || st->sec == SEC_LISTEN)) {
		for (i = 2; i < ln->n; i++) {
			if (strcmp(ln->w[i], "check") == 0)
				c->checks++;
		}
	}
	return 0;
}

static void
open_section(struct haproxy_conf *c, struct state *st, const struct line *ln, const char *file,
	     int lineno)
{
	st->sec = section_of(ln->w[0]);
	st->fe = NULL;
	if (st->sec == SEC_GLOBAL && !c->global.set)
		appconf_setting(&c->global, 0, file, lineno);
	if (st->sec == SEC_DEFAULTS) {
		memset(&st->defaults_maxconn, 0, sizeof(st->defaults_maxconn));
		st->defaults_splice = false;
	}
	if (st->sec == SEC_BACKEND && st->defaults_splice)
		c->splice_unlimited = true;
	if ((st->sec == SEC_FRONTEND || st->sec == SEC_LISTEN) && c->nfe < HAPROXY_FRONTENDS_MAX) {
		st->fe = &c->fe[c->nfe++];
		snprintf(st->fe->name, sizeof(st->fe->name), "%.63s", ln->n > 1 ? ln->w[1] : "?");
		st->fe->maxconn = st->defaults_maxconn;
		st->fe->splice = st->defaults_splice;
	}
}

/* The pipes splicing proxies take (compute_ideal_maxpipes). */
static void
splice_total(struct haproxy_conf *c)
{
	size_t i;

	c->splice_conns = 0;
	for (i = 0; i < c->nfe; i++) {
		if (!c->fe[i].splice)
			continue;
		if (!c->fe[i].maxconn.set || c->fe[i].maxconn.value == 0)
			c->splice_unlimited = true;
		else
			c->splice_conns += c->fe[i].maxconn.value;
	}
}

/* Sections do not cross files: each file starts outside any. */
int
haproxy_parse_text(struct haproxy_conf *c, const char *name, const char *text, char *cause,
		   size_t causelen)
{
	struct state st = {SEC_NONE, {0}, false, NULL};
	struct line *ln = malloc(sizeof(*ln));
	const char *p = text;
	int lineno = 0, err = 0;

	if (ln == NULL)
		return -ENOMEM;
	while (*p != '\0' && err == 0) {
		size_t len = strcspn(p, "\n");

		lineno++;
		err = split(p, len, ln, name, lineno, cause, causelen);
		p += len + (p[len] == '\n');
		if (err < 0 || ln->n == 0)
			continue;
		if (ln->w[0][0] == '.') {
			c->conditional = c->conditional || strcmp(ln->w[0], ".if") == 0;
			continue;
		}
		if (section_of(ln->w[0]) != SEC_NONE)
			open_section(c, &st, ln, name, lineno);
		else if (st.sec == SEC_GLOBAL)
			err = global_line(c, ln, name, lineno, cause, causelen);
		else if (st.sec != SEC_NONE && st.sec != SEC_OTHER)
			err = proxy_line(c, &st, ln, name, lineno, cause, causelen);
	}
	free(ln);
	splice_total(c);
	return err;
}

static int
parse_file(struct haproxy_conf *c, const char *file, char *cause, size_t causelen)
{
	char *text;
	int err;

	err = appconf_read_included(file, &c->nfiles, &text, cause, causelen);
	if (err < 0)
		return err;
	err = haproxy_parse_text(c, file, text, cause, causelen);
	free(text);
	return err;
}

int
haproxy_parse_path(struct haproxy_conf *c, const char *path, char *cause, size_t causelen)
{
	struct appconf_list files;
	size_t i;
	int err = parse_file(c, path, cause, causelen);

	if (err != -EISDIR)
		return err;
	/* A directory: its *.cfg files in lexical order, as -f DIR reads them. */
	err = appconf_dir(path, ".cfg", &files, cause, causelen);
	for (i = 0; err == 0 && i < files.n; i++)
		err = parse_file(c, files.v[i], cause, causelen);
	appconf_list_free(&files);
	return err;
}

int64_t
haproxy_ideal_maxconn(const struct haproxy_conf *c, int64_t nofile_at_start, int64_t nthreads)
{
	/* maxsock starts at 10 and grows by one per listener and health
	 * check; the stats socket's frontend adds its own maxconn (10). */
	int64_t remain = nofile_at_start, maxsock = 10 + c->listeners + c->checks;
	int64_t maxconn;

	/* No process holds more than fs.nr_open (at most INT_MAX) fds: a larger
	 * figure (unlimited, or a forged /proc under --root) counts as that,
	 * which keeps 2 * remain below in range (found by fuzzing). */
	if (remain > INT32_MAX)
		remain = INT32_MAX;
	if (c->stats_socket > 0)
		maxsock += c->stats_socket + 10;
	if (c->master_worker)
		maxsock += 11; /* the master CLI listener and its maxconn 10 (2.6, measured) */
	if (c->fd_hard_limit.set && c->fd_hard_limit.value > 0 && remain > c->fd_hard_limit.value)
		remain = c->fd_hard_limit.value;
	remain -= maxsock;
	remain -= 3 * nthreads; /* an epoll fd and a wake-up pipe per thread */
	if (c->splice_unlimited) {
		/* Two fds per connection and a pipe per four connections. */
		maxconn = 2 * remain / 5;
	} else {
		int64_t pipes = c->splice_conns >= 4 ? c->splice_conns / 4 : c->splice_conns;

		if (pipes * 2 < remain)
			remain -= pipes * 2;
		maxconn = remain / 2; /* two fds per connection */
	}
	return maxconn > HAPROXY_DEFAULT_MAXCONN ? maxconn : HAPROXY_DEFAULT_MAXCONN;
}

/* ---- the layer ---- */

struct cmdline {
	const char *files[16];
	size_t nfiles;
	const char *n; /* -n maxconn */
	bool master_worker;
};

static void
read_cmdline(const struct app_proc *p, struct cmdline *cl)
{
	size_t i;

	memset(cl, 0, sizeof(*cl));
	for (i = 1; i < p->argc; i++) {
		const char *a = p->argv[i];

		if (strcmp(a, "--") == 0) {
			while (++i < p->argc && cl->nfiles < 16)
				cl->files[cl->nfiles++] = p->argv[i];
			break;
		}
		if (strcmp(a, "-W") == 0 || strcmp(a, "-Ws") == 0)
			cl->master_worker = true;
		else if (strcmp(a, "-f") == 0 && i + 1 < p->argc && cl->nfiles < 16)
			cl->files[cl->nfiles++] = p->argv[++i];
		else if (strcmp(a, "-n") == 0 && i + 1 < p->argc)
			cl->n = p->argv[++i];
		else if (a[0] == '-' && strchr("CmNLpSx", a[1]) != NULL && a[2] == '\0')
			i++; /* options with an argument */
	}
}

/* The base of maxsock: fds HAProxy takes besides connections. */
static int64_t
base_fds(const struct haproxy_conf *c, int64_t threads)
{
	return 10 + c->listeners + c->checks + (c->stats_socket > 0 ? c->stats_socket + 10 : 0) +
	       (c->master_worker ? 11 : 0) + 3 * threads;
}

static int64_t
global_maxconn(const struct app_proc *p, const struct haproxy_conf *c, const struct cmdline *cl,
	       int64_t threads, struct layer *l)
{
	int64_t v, at_start;

	if (cl->n != NULL && parse_i64(cl->n, 1, INT32_MAX, &v) == 0) {
		layer_note(l, "maxconn %lld from -n on the command line", (long long)v);
		return v;
	}
	if (c->maxconn.set && c->maxconn.value > 0) {
		layer_note(l, "global maxconn %lld (%s:%d)", (long long)c->maxconn.value,
			   c->maxconn.file, c->maxconn.line);
		return c->maxconn.value;
	}
	if (p->nofile_soft == LAYER_NONE || p->nofile_hard == LAYER_NONE)
		return LAYER_NONE;
	at_start = p->nofile_soft > p->nofile_hard ? p->nofile_soft : p->nofile_hard;
	if (at_start == LAYER_UNLIMITED)
		at_start = INT32_MAX;
	v = haproxy_ideal_maxconn(c, at_start, threads);
	layer_note(l,
		   "no global maxconn: computed %lld as HAProxy 2.6 does from the nofile limit "
		   "(%lld now; HAProxy used the one it started with, a later raise does not "
		   "change it), %lld threads and %lld fds for listeners and checks",
		   (long long)v, (long long)at_start, (long long)threads,
		   (long long)(base_fds(c, threads) - 3 * threads));
	return v;
}

/* The most one frontend takes: its own maxconn, else the global one. */
static int64_t
frontend_cap(const struct haproxy_conf *c, int64_t global, struct layer *l)
{
	int64_t best = 0;
	size_t i;

	if (c->nfe == 0)
		return global;
	for (i = 0; i < c->nfe; i++) {
		const struct haproxy_frontend *fe = &c->fe[i];
		int64_t v = fe->maxconn.set && fe->maxconn.value > 0 ? fe->maxconn.value : global;

		if (v > global)
			v = global;
		if (v < global)
			layer_note(
			    l, "frontend %s: maxconn %lld (%s:%d); more wait in its listen queue",
			    fe->name, (long long)v, fe->maxconn.file, fe->maxconn.line);
		if (v > best)
			best = v;
	}
	return best;
}

/* What the fds allow: ulimit-n, or the limit HAProxy could set. */
static int64_t
fd_cap(const struct app_proc *p, const struct haproxy_conf *c, int64_t maxconn, int64_t threads,
       struct layer *l)
{
	int64_t base = base_fds(c, threads), have, cap;
	int64_t pipes = c->splice_unlimited ? maxconn / 4 : c->splice_conns / 4;
	int64_t need = 2 * maxconn + 2 * pipes + base;
	bool strict = !c->strict_limits.set || c->strict_limits.value != 0;

	if (c->ulimit_n.set && c->ulimit_n.value > 0) {
		have = c->ulimit_n.value;
		layer_note(l, "ulimit-n %lld (%s:%d)", (long long)have, c->ulimit_n.file,
			   c->ulimit_n.line);
		/* Its setrlimit failed (past the hard limit without
		 * CAP_SYS_RESOURCE, no strict-limits): it runs with what it has. */
		if (p->nofile_soft != LAYER_NONE && p->nofile_soft != LAYER_UNLIMITED &&
		    p->nofile_soft < have) {
			layer_note(l,
				   "but pid %d has %lld fds: HAProxy could not raise its limit to "
				   "ulimit-n (its hard limit is %lld)",
				   (int)p->pid, (long long)p->nofile_soft,
				   (long long)p->nofile_hard);
			have = p->nofile_soft;
		}
	} else {
		have = p->nofile_soft;
	}
	if (have == LAYER_NONE || have == LAYER_UNLIMITED || have >= need)
		return maxconn;
	cap = c->splice_unlimited ? (have - base) * 2 / 5 : (have - base - 2 * pipes) / 2;
	if (cap < 0)
		cap = 0;
	layer_note(l,
		   "FD limit (%lld) too low for maxconn=%lld (about %lld fds): connections fail "
		   "past about %lld%s",
		   (long long)have, (long long)maxconn, (long long)need, (long long)cap,
		   strict ? "" : " (no strict-limits: it started anyway)");
	return cap < maxconn ? cap : maxconn;
}

static void
set_fix(struct layer *l, const struct app_proc *p, const struct haproxy_conf *c,
	const struct cmdline *cl, const char *conf, int64_t threads)
{
	l->app.app = APP_HAPROXY;
	if (c->maxconn.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c->maxconn.file);
		l->app.line = c->maxconn.line;
	} else if (c->global.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c->global.file);
		snprintf(l->app.context, sizeof(l->app.context), "the global section (line %d)",
			 c->global.line);
	} else {
		snprintf(l->app.file, sizeof(l->app.file), "%s", conf);
		snprintf(l->app.context, sizeof(l->app.context), "a new global section");
	}
	if (l->unit_name[0] != '\0')
		snprintf(l->app.reload, sizeof(l->app.reload), "systemctl reload %s", l->unit_name);
	else if (c->master_worker)
		snprintf(l->app.reload, sizeof(l->app.reload), "kill -USR2 %d (the master reloads)",
			 (int)p->pid);
	else
		snprintf(l->app.reload, sizeof(l->app.reload),
			 "haproxy -f %s -sf %d (a new process takes over)", conf, (int)p->pid);
	l->app.fd_need = base_fds(c, threads);
	l->app.per = c->splice_unlimited ? 1 : 0; /* a pipe per four connections */
	/* ulimit-n caps the fds whatever maxconn says: the fix raises it too. */
	l->app.fd_soft = c->ulimit_n.set && c->ulimit_n.value > 0 ? c->ulimit_n.value : LAYER_NONE;
	l->app.root_owned = p->uid_known && p->uid == 0;
	/* HAProxy sets its own fd limit at start-up, up to its hard limit
	 * only without CAP_SYS_RESOURCE (app-fix.c, src/linux/fix-restart.c). */
	l->app.fd_hard = p->nofile_hard;
	l->app.fd_hard_final = !p->cap_sys_resource;
	l->app.takeover = l->unit_name[0] == '\0' && !c->master_worker;
}

int
app_haproxy_assess(const struct app_proc *p, struct layer *l)
{
	struct haproxy_conf *c = malloc(sizeof(*c));
	char cause[768];
	struct cmdline cl;
	int64_t threads, global;
	size_t i;
	int err = 0;

	if (c == NULL)
		return -ENOMEM;
	haproxy_conf_init(c);
	read_cmdline(p, &cl);
	c->master_worker = cl.master_worker;
	if (cl.nfiles == 0)
		cl.files[cl.nfiles++] = HAPROXY_DEFAULT_CONF;
	for (i = 0; i < cl.nfiles && err == 0; i++) {
		if (cl.files[i][0] != '/') {
			char path[APP_PATH_MAX];

			if (p->cwd[0] == '\0' ||
			    appconf_join(p->cwd, cl.files[i], path, sizeof(path)) < 0) {
				layer_unknown(l,
					      "-f %s: relative, and the working directory of pid "
					      "%d is unreadable",
					      cl.files[i], (int)p->pid);
				free(c);
				return 0;
			}
			err = haproxy_parse_path(c, path, cause, sizeof(cause));
		} else {
			err = haproxy_parse_path(c, cl.files[i], cause, sizeof(cause));
		}
	}
	if (err < 0) {
		layer_unknown(l, "%s", cause);
		free(c);
		return 0;
	}
	threads = c->nbthread.set && c->nbthread.value > 0 ? c->nbthread.value
		  : p->ncpus > 0			   ? (p->ncpus < 64 ? p->ncpus : 64)
							   : 1;
	global = global_maxconn(p, c, &cl, threads, l);
	if (global == LAYER_NONE) {
		layer_unknown(l,
			      "no global maxconn, and the nofile limit of pid %d, which "
			      "HAProxy derives it from, is unreadable",
			      (int)p->pid);
		free(c);
		return 0;
	}
	l->limit = fd_cap(p, c, frontend_cap(c, global, l), threads, l);
	layer_note(l, "strict-limits %s: %s",
		   c->strict_limits.set && c->strict_limits.value == 0 ? "off" : "on",
		   c->strict_limits.set && c->strict_limits.value == 0
		       ? "HAProxy starts even when it cannot raise its fd limit"
		       : "HAProxy refuses to start when it cannot raise its fd limit");
	if (c->conditional)
		layer_note(l, "conditional blocks (.if) were read as if true");
	layer_note(l, "configuration %s%s", cl.files[0], cl.nfiles > 1 ? " and more -f files" : "");
	set_fix(l, p, c, &cl, cl.files[0], threads);
	free(c);
	return 0;
}
