/*
 * cmd-pids.c: --pid and --name as people type them. One --pid may hold
 * several pids and names, separated by commas or blanks, as
 * `--pid "$(pidof nginx)"` gives them; a name (or --name NAME) stands for
 * every process of that name, and the command says which ones it took.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "parse.h"
#include "platform.h"

void
cmd_pidspecs_add(struct cmd_pidspecs *s, bool name, const char *text)
{
	if (s->n < CMD_PIDSPECS_MAX) {
		s->v[s->n].name = name;
		s->v[s->n].text = text;
		s->n++;
	}
}

struct pid_list {
	pid_t *pids;
	size_t max, n;
	size_t wanted; /* pids asked for, duplicates once; may exceed max */
};

static void
list_add(struct pid_list *l, pid_t pid)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->pids[i] == pid)
			return;
	if (l->n < l->max)
		l->pids[l->n++] = pid;
	l->wanted++;
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Every process called name; says which ones unless -q. */
static int
add_named(const struct cmd_entry *e, const char *opt, const char *name, struct pid_list *l)
{
	pid_t found[PROBE_PIDS_MAX * 4];
	size_t max = sizeof(found) / sizeof(found[0]), i;
	int n;

	if (strchr(name, '/') != NULL || name[0] == '-')
		return cmd_arg_error(e, EXIT_DATAERR, "--%s: '%s' is not a pid or a process name",
				     opt, name);
	n = platform_pids_named(name, found, max);
	if (n == -ENOSYS)
		return cmd_arg_error(e, EXIT_UNKNOWN,
				     "--%s %s: finding processes by name is not implemented on "
				     "%s: give their pids",
				     opt, name, platform_name());
	if (n < 0)
		return cmd_arg_error(e, EXIT_UNKNOWN, "--%s %s: cannot list processes: %s", opt,
				     name, strerror(-n));
	if (n == 0)
		return cmd_arg_error(e, EXIT_DATAERR, "--%s: no process named '%s'", opt, name);
	if ((size_t)n > max)
		return cmd_arg_error(e, EXIT_USAGE,
				     "--%s %s: %d processes, at most %d can be watched", opt, name,
				     n, PROBE_PIDS_MAX);
	if (!cmd_globals.quiet) {
		fprintf(stderr, "headroom %s: --%s %s: %d process%s:", e->name, opt, name, n,
			n == 1 ? "" : "es");
		for (i = 0; i < (size_t)n; i++)
			fprintf(stderr, " %d", (int)found[i]);
		fputc('\n', stderr);
	}
	for (i = 0; i < (size_t)n; i++)
		list_add(l, found[i]);
	return 0;
}

static int
add_token(const struct cmd_entry *e, const char *tok, struct pid_list *l)
{
	char cause[160];
	long long v;

	if (!all_digits(tok))
		return add_named(e, "pid", tok, l);
	if (cmd_parse_i64("--pid", tok, 1, INT32_MAX, &v, cause, sizeof(cause)) < 0)
		return cmd_arg_error(e, EXIT_DATAERR, "%s", cause);
	list_add(l, (pid_t)v);
	return 0;
}

/* One --pid argument: pids and names separated by commas or blanks. */
static int
add_pid_arg(const struct cmd_entry *e, const char *text, struct pid_list *l)
{
	char tok[256];
	const char *p = text;
	size_t len, ntok = 0;
	int ret;

	for (;;) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, ", \t\n\r\v\f");
		if (len >= sizeof(tok))
			return cmd_arg_error(e, EXIT_DATAERR, "--pid: '%.*s...' is too long", 32,
					     p);
		memcpy(tok, p, len);
		tok[len] = '\0';
		p += len;
		ntok++;
		ret = add_token(e, tok, l);
		if (ret != 0)
			return ret;
	}
	if (ntok == 0)
		return cmd_arg_error(e, EXIT_DATAERR, "--pid: '%s' holds no pid or process name",
				     text);
	return 0;
}

int
cmd_pidspecs_resolve(const struct cmd_entry *e, const struct cmd_pidspecs *s, pid_t *pids,
		     size_t max, size_t *npids)
{
	struct pid_list l = {.pids = pids, .max = max};
	size_t i;
	int ret;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].name)
			ret = s->v[i].text[0] == '\0'
				  ? cmd_arg_error(e, EXIT_DATAERR, "--name: empty")
				  : add_named(e, "name", s->v[i].text, &l);
		else
			ret = add_pid_arg(e, s->v[i].text, &l);
		if (ret != 0)
			return ret;
	}
	if (l.wanted > max)
		return cmd_arg_error(e, EXIT_USAGE,
				     "--pid: %zu processes, at most %zu can be watched", l.wanted,
				     max);
	*npids = l.n;
	return 0;
}
