/*
 * app-redis.c: Redis's own cap, maxclients. Redis reads it from the
 * configuration file given as its first argument (with `include` globs
 * and `--option value` arguments after it), and at start-up lowers it to
 * what its fd limit allows: maxclients + 32 reserved fds, else
 * nofile - 32. A later raise of the limit does not lift it; only CONFIG
 * SET maxclients or a restart does. The effective value is asked of the
 * server (INFO, CONFIG GET over loopback, by the platform glue) where it
 * can be, else computed from the fd limit and said to be computed.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app-parsers.h"
#include "parse.h"

#define ARGS_MAX 16
#define ARG_MAX	 512

struct args {
	char v[ARGS_MAX][ARG_MAX];
	int n;
};

void
redis_conf_init(struct redis_conf *c, const char *cwd)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->cwd, sizeof(c->cwd), "%s", cwd);
	snprintf(c->bind, sizeof(c->bind), "*"); /* no bind: every address */
}

/* sdssplitargs: blanks separate; "..." with C escapes and \xHH, '...'
 * with \' only; a closing quote must be followed by a blank. */
static int
split(const char *s, size_t len, struct args *a)
{
	size_t i = 0, n;

	a->n = 0;
	for (;;) {
		char quote = 0;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i >= len)
			return 0;
		if (a->n >= ARGS_MAX)
			return -E2BIG;
		n = 0;
		if (s[i] == '"' || s[i] == '\'')
			quote = s[i++];
		for (;;) {
			char c;

			if (i >= len) {
				if (quote)
					return -EBADMSG; /* unbalanced quotes */
				break;
			}
			c = s[i];
			if (!quote && (c == ' ' || c == '\t' || c == '\r'))
				break;
			if (quote && c == quote) {
				i++;
				if (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
					return -EBADMSG;
				break;
			}
			if (quote == '"' && c == '\\' && i + 3 < len && s[i + 1] == 'x' &&
			    parse_hex_digit(s[i + 2]) >= 0 && parse_hex_digit(s[i + 3]) >= 0) {
				c = (char)(parse_hex_digit(s[i + 2]) * 16 +
					   parse_hex_digit(s[i + 3]));
				i += 3;
			} else if (quote == '"' && c == '\\' && i + 1 < len) {
				char e = s[++i];
				c = e == 'n'   ? '\n'
				    : e == 'r' ? '\r'
				    : e == 't' ? '\t'
				    : e == 'b' ? '\b'
				    : e == 'a' ? '\a'
					       : e;
			} else if (quote == '\'' && c == '\\' && i + 1 < len && s[i + 1] == '\'') {
				c = s[++i];
			}
			if (n + 1 >= ARG_MAX)
				return -E2BIG;
			a->v[a->n][n++] = c;
			i++;
		}
		a->v[a->n][n] = '\0';
		a->n++;
	}
}

static int parse_file(struct redis_conf *c, const char *file, int depth, char *cause,
		      size_t causelen);

static int
include(struct redis_conf *c, const char *pattern, const char *file, int line, int depth,
	char *cause, size_t causelen)
{
	char path[APP_PATH_MAX], dir[APP_PATH_MAX], sub[512];
	struct appconf_list files;
	size_t i;
	int err;

	if (depth >= APP_DEPTH_MAX) {
		snprintf(cause, causelen, "%s:%d: include nesting too deep (a loop?)", file, line);
		return -EBADMSG;
	}
	/* A relative include is relative to the server's working directory. */
	if (c->cwd[0] != '\0')
		snprintf(dir, sizeof(dir), "%s", c->cwd);
	else
		appconf_dirname(file, dir, sizeof(dir));
	if (appconf_join(dir, pattern, path, sizeof(path)) < 0) {
		snprintf(cause, causelen, "%s:%d: include path too long", file, line);
		return -ENAMETOOLONG;
	}
	err = appconf_glob(path, &files, cause, causelen);
	for (i = 0; err == 0 && i < files.n; i++) {
		err = parse_file(c, files.v[i], depth + 1, sub, sizeof(sub));
		if (err < 0 && err != -EBADMSG)
			snprintf(cause, causelen, "%s (included from %s:%d)", sub, file, line);
		else if (err < 0)
			snprintf(cause, causelen, "%s", sub);
	}
	appconf_list_free(&files);
	return err;
}

static int
directive(struct redis_conf *c, const struct args *a, const char *file, int line, int depth,
	  char *cause, size_t causelen)
{
	int64_t v;

	if (strcasecmp(a->v[0], "include") == 0 && a->n == 2)
		return include(c, a->v[1], file, line, depth, cause, causelen);
	if (strcasecmp(a->v[0], "maxclients") == 0 || strcasecmp(a->v[0], "port") == 0) {
		bool port = strcasecmp(a->v[0], "port") == 0;

		if (a->n != 2 ||
		    parse_i64(a->v[1], port ? 0 : 1, port ? 65535 : INT32_MAX, &v) < 0) {
			snprintf(cause, causelen, "%s:%d: invalid %s \"%s\"", file, line, a->v[0],
				 a->n > 1 ? a->v[1] : "");
			return -EBADMSG;
		}
		appconf_setting(port ? &c->port : &c->maxclients, v, file, line);
	} else if (strcasecmp(a->v[0], "bind") == 0 && a->n >= 2) {
		int i;

		c->bind[0] = '\0';
		for (i = 1; i < a->n; i++) {
			if (i > 1)
				strncat(c->bind, " ", sizeof(c->bind) - strlen(c->bind) - 1);
			strncat(c->bind, a->v[i], sizeof(c->bind) - strlen(c->bind) - 1);
		}
	} else if (strcasecmp(a->v[0], "unixsocket") == 0 && a->n == 2) {
		if (strlen(a->v[1]) >= sizeof(c->unixsocket)) {
			snprintf(cause, causelen, "%s:%d: unixsocket path too long", file, line);
			return -EBADMSG;
		}
		memcpy(c->unixsocket, a->v[1], strlen(a->v[1]) + 1);
	}
	return 0;
}

static int
parse_text(struct redis_conf *c, const char *name, const char *text, int depth, char *cause,
	   size_t causelen)
{
	struct args *a = malloc(sizeof(*a));
	const char *p = text;
	int line = 0, err = 0;

	if (a == NULL)
		return -ENOMEM;
	while (*p != '\0' && err == 0) {
		size_t len = strcspn(p, "\n");
		const char *s = p;

		line++;
		p += len + (p[len] == '\n');
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		if (len == 0 || *s == '#')
			continue;
		err = split(s, len, a);
		if (err < 0) {
			snprintf(cause, causelen, "%s:%d: %s", name, line,
				 err == -E2BIG ? "line too long" : "unbalanced quotes");
			err = -EBADMSG;
		} else if (a->n > 0) {
			err = directive(c, a, name, line, depth, cause, causelen);
		}
	}
	free(a);
	return err;
}

int
redis_parse_text(struct redis_conf *c, const char *name, const char *text, char *cause,
		 size_t causelen)
{
	return parse_text(c, name, text, 0, cause, causelen);
}

static int
parse_file(struct redis_conf *c, const char *file, int depth, char *cause, size_t causelen)
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
redis_parse_file(struct redis_conf *c, const char *file, char *cause, size_t causelen)
{
	return parse_file(c, file, 0, cause, causelen);
}

/* ---- the server, its command line and its replies ---- */

/* Redis 7 writes a title over its argv ("/usr/bin/redis-server
 * 127.0.0.1:6379"): then the command line no longer names the file. */
static const char *
title_addr(const struct app_proc *p)
{
	const char *sp;

	if (p->argc != 1 || (sp = strchr(p->argv[0], ' ')) == NULL)
		return NULL;
	return sp + 1;
}

/* The --option value arguments after the file, as configuration text. */
static void
cmdline_options(const struct app_proc *p, size_t from, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = from; i < p->argc; i++) {
		const char *a = p->argv[i];
		int n;

		if (strncmp(a, "--", 2) == 0)
			n = snprintf(out + len, size - len, "%s%s", len > 0 ? "\n" : "", a + 2);
		else
			n = snprintf(out + len, size - len, " \"%s\"", a);
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

/* An assumed file is not the server's when it names another port than
 * the one the title shows: -ESRCH with cause then. */
static int
check_assumed(const struct app_proc *p, const struct redis_conf *c, const char *conf, char *cause,
	      size_t causelen)
{
	const char *colon = strrchr(title_addr(p), ':');
	int64_t port = c->port.set ? c->port.value : REDIS_DEFAULT_PORT, shown;

	if (colon == NULL || sscanf(colon + 1, "%" SCNd64, &shown) != 1 || shown == port)
		return 0;
	snprintf(cause, causelen,
		 "its process title hides its configuration file, and %s is not it (port %lld, "
		 "it listens on %lld)",
		 conf, (long long)port, (long long)shown);
	return -ESRCH;
}

/* Find and read the configuration: 0, or -errno with cause. */
static int
read_conf(const struct app_proc *p, const struct app_live *live, struct redis_conf *c, char *conf,
	  size_t size, char *how, size_t howlen, char *cause, size_t causelen)
{
	char opts[1024], path[APP_PATH_MAX];
	size_t first = 1;
	int err;

	redis_conf_init(c, p->cwd);
	conf[0] = '\0';
	if (title_addr(p) != NULL) {
		if (live != NULL && live->known) {
			snprintf(conf, size, "%s", live->config_file);
			snprintf(how, howlen, "config_file in the server's INFO");
		} else {
			snprintf(conf, size, "%s", REDIS_DEFAULT_CONF);
			snprintf(how, howlen,
				 "the process title hides the command line: assumed "
				 "Debian's path");
		}
	} else if (p->argc > 1 && strncmp(p->argv[1], "--", 2) != 0) {
		first = 2;
		if (strcmp(p->argv[1], "-") == 0) {
			snprintf(cause, causelen, "configuration read from standard input");
			return -ENOENT;
		}
		if (appconf_join(p->cwd[0] != '\0' ? p->cwd : "/", p->argv[1], path, sizeof(path)) <
		    0)
			return -ENAMETOOLONG;
		snprintf(conf, size, "%s", path);
		snprintf(how, howlen, "the first argument on its command line");
	} else {
		snprintf(how, howlen, "no configuration file on its command line");
	}
	if (conf[0] != '\0') {
		err = redis_parse_file(c, conf, cause, causelen);
		if (err < 0)
			return err;
	}
	if (title_addr(p) != NULL && (live == NULL || !live->known))
		return check_assumed(p, c, conf, cause, causelen);
	cmdline_options(p, first, opts, sizeof(opts));
	return opts[0] != '\0' ? redis_parse_text(c, "the command line", opts, cause, causelen) : 0;
}

static bool
loopback_or_any(const char *a)
{
	if (*a == '-')
		a++; /* "-::1": optional address */
	return strncmp(a, "127.", 4) == 0 || strcmp(a, "localhost") == 0 || strcmp(a, "*") == 0 ||
	       strcmp(a, "0.0.0.0") == 0;
}

int
app_redis_endpoint(const struct app_proc *p, struct app_endpoint *ep, char *why, size_t len)
{
	struct redis_conf *c = malloc(sizeof(*c));
	char conf[APP_PATH_MAX], how[96], cause[512], word[64];
	const char *t = title_addr(p), *b;
	int err;

	if (c == NULL)
		return -ENOMEM;
	memset(ep, 0, sizeof(*ep));
	if (t != NULL && sscanf(t, "%63[^ :]:%d", word, &ep->port) == 2 && ep->port > 0 &&
	    loopback_or_any(word)) {
		snprintf(ep->host, sizeof(ep->host), "127.0.0.1");
		free(c);
		return 0;
	}
	err = read_conf(p, NULL, c, conf, sizeof(conf), how, sizeof(how), cause, sizeof(cause));
	if (err < 0) {
		snprintf(why, len, "%s", cause);
		free(c);
		return -ENOENT;
	}
	if (c->unixsocket[0] != '\0') {
		snprintf(ep->unix_path, sizeof(ep->unix_path), "%s", c->unixsocket);
		free(c);
		return 0;
	}
	ep->port = c->port.set ? (int)c->port.value : REDIS_DEFAULT_PORT;
	for (b = c->bind; ep->port > 0 && sscanf(b, "%63s", word) == 1;
	     b += strcspn(b, " ") + (b[strcspn(b, " ")] == ' ')) {
		if (loopback_or_any(word)) {
			snprintf(ep->host, sizeof(ep->host), "127.0.0.1");
			break;
		}
		if (strcmp(word, "::1") == 0 || strcmp(word, "-::1") == 0 ||
		    strcmp(word, "::") == 0) {
			snprintf(ep->host, sizeof(ep->host), "::1");
			break;
		}
	}
	if (ep->host[0] == '\0') {
		snprintf(why, len, "it listens on no loopback address (bind %s)", c->bind);
		err = -ENOENT;
	}
	free(c);
	return err;
}

static bool
info_field(const char *reply, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	const char *p = reply;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == reply || p[-1] == '\n') && p[klen] == ':') {
			size_t n = strcspn(p + klen + 1, "\r\n");
			snprintf(out, size, "%.*s", (int)n, p + klen + 1);
			return true;
		}
		p += klen;
	}
	return false;
}

int
app_redis_parse_reply(const char *reply, pid_t pid, struct app_live *live)
{
	char v[APP_PATH_MAX];
	const char *cg;
	int64_t n;

	live->known = false;
	live->maxclients = live->clients = LAYER_NONE;
	live->config_file[0] = '\0';
	if (strncmp(reply, "-NOAUTH", 7) == 0 || strstr(reply, "\n-NOAUTH") != NULL)
		return -EPERM;
	if (reply[0] != '$' || !info_field(reply, "process_id", v, sizeof(v)))
		return -EBADMSG;
	if (parse_i64(v, 1, INT32_MAX, &n) < 0 || n != pid)
		return -ESRCH; /* another server answers there */
	if (info_field(reply, "connected_clients", v, sizeof(v)) &&
	    parse_i64(v, 0, INT64_MAX, &n) == 0)
		live->clients = n;
	if (info_field(reply, "maxclients", v, sizeof(v)) && parse_i64(v, 0, INT64_MAX, &n) == 0)
		live->maxclients = n;
	if (info_field(reply, "config_file", v, sizeof(v)))
		snprintf(live->config_file, sizeof(live->config_file), "%s", v);
	/* CONFIG GET maxclients: *2 $10 maxclients $N value */
	cg = strstr(reply, "\r\nmaxclients\r\n$");
	if (cg != NULL) {
		cg += strlen("\r\nmaxclients\r\n$");
		cg += strcspn(cg, "\r\n");
		if (cg[0] == '\r' && cg[1] == '\n' && sscanf(cg + 2, "%255[0-9]", v) == 1 &&
		    parse_i64(v, 0, INT64_MAX, &n) == 0)
			live->maxclients = n;
	}
	live->known = live->maxclients != LAYER_NONE;
	return live->known ? 0 : -EBADMSG;
}

/* ---- the layer ---- */

static int64_t
effective(const struct app_proc *p, const struct app_live *live, int64_t configured,
	  struct layer *l)
{
	int64_t soft = p->nofile_soft;

	if (live != NULL && live->known) {
		layer_note(l, "maxclients %lld in effect (asked the server)",
			   (long long)live->maxclients);
		if (live->maxclients < configured)
			layer_note(l,
				   "Redis lowered it from %lld at start-up to fit its fd limit "
				   "(maxclients + %d reserved fds)",
				   (long long)configured, REDIS_RESERVED_FDS);
		return live->maxclients;
	}
	if (live != NULL && live->why[0] != '\0')
		layer_note(l, "could not ask the server: %s", live->why);
	if (soft == LAYER_NONE || soft == LAYER_UNLIMITED ||
	    soft >= configured + REDIS_RESERVED_FDS) {
		layer_note(l,
			   "as configured: not asked, so a CONFIG SET since start-up is not seen");
		return configured;
	}
	layer_note(l,
		   "computed, not asked: Redis lowers maxclients at start-up to its fd limit "
		   "minus %d (nofile %lld now: %lld); a raise after start-up does not lift it",
		   REDIS_RESERVED_FDS, (long long)soft, (long long)(soft - REDIS_RESERVED_FDS));
	return soft > REDIS_RESERVED_FDS ? soft - REDIS_RESERVED_FDS : 0;
}

static void
set_fix(struct layer *l, const struct app_proc *p, const struct redis_conf *c, const char *conf)
{
	struct app_endpoint ep;
	char why[64];

	l->app.app = APP_REDIS;
	if (c->maxclients.set) {
		snprintf(l->app.file, sizeof(l->app.file), "%s", c->maxclients.file);
		l->app.line = c->maxclients.line;
	} else {
		snprintf(l->app.file, sizeof(l->app.file), "%s", conf); /* "": unknown */
	}
	if (app_redis_endpoint(p, &ep, why, sizeof(why)) == 0 && ep.unix_path[0] != '\0')
		snprintf(l->app.reload, sizeof(l->app.reload), "redis-cli -s %s", ep.unix_path);
	else if (ep.host[0] != '\0')
		snprintf(l->app.reload, sizeof(l->app.reload), "redis-cli -h %s -p %d", ep.host,
			 ep.port);
	else
		snprintf(l->app.reload, sizeof(l->app.reload), "redis-cli");
	l->app.fd_soft = p->nofile_hard; /* CONFIG SET raises the soft limit up to it */
	l->app.fd_need = REDIS_RESERVED_FDS;
	l->app.root_owned = p->uid_known && p->uid == 0;
}

int
app_redis_assess(const struct app_proc *p, const struct app_live *live, struct layer *l)
{
	struct redis_conf *c = malloc(sizeof(*c));
	char conf[APP_PATH_MAX], how[96], cause[768];
	int64_t configured;
	int err;

	if (c == NULL)
		return -ENOMEM;
	err = read_conf(p, live, c, conf, sizeof(conf), how, sizeof(how), cause, sizeof(cause));
	if (err == -ESRCH && p->nofile_soft > REDIS_RESERVED_FDS &&
	    p->nofile_soft != LAYER_UNLIMITED) {
		/* Redis keeps maxclients + 32 within its fd limit, whatever it is. */
		l->limit = p->nofile_soft - REDIS_RESERVED_FDS;
		layer_note(l, "%s", cause);
		if (live != NULL && live->why[0] != '\0')
			layer_note(l, "could not ask the server: %s", live->why);
		layer_note(l,
			   "at most %lld: Redis keeps maxclients + %d within its fd limit (%lld)",
			   (long long)l->limit, REDIS_RESERVED_FDS, (long long)p->nofile_soft);
		redis_conf_init(c, p->cwd);
		set_fix(l, p, c, "");
		free(c);
		return 0;
	}
	if (err < 0 && (live == NULL || !live->known)) {
		layer_unknown(l, "%s (configuration from %s)", cause, how);
		if (live != NULL && live->why[0] != '\0')
			layer_note(l, "could not ask the server: %s", live->why);
		free(c);
		return 0;
	}
	if (err < 0) {
		layer_note(l, "cannot read the configuration: %s", cause);
		redis_conf_init(c, p->cwd);
	}
	configured = c->maxclients.set ? c->maxclients.value : REDIS_DEFAULT_MAXCLIENTS;
	l->limit = effective(p, live, configured, l);
	if (live != NULL && live->known && live->clients != LAYER_NONE)
		l->use = live->clients;
	if (c->maxclients.set)
		layer_note(l, "maxclients %lld configured (%s:%d)", (long long)configured,
			   c->maxclients.file, c->maxclients.line);
	else
		layer_note(l, "maxclients not set: %d (Redis's default)", REDIS_DEFAULT_MAXCLIENTS);
	if (conf[0] != '\0')
		layer_note(l, "configuration %s (%s)", conf, how);
	set_fix(l, p, c, conf);
	free(c);
	return 0;
}
