/*
 * cmd.c: helpers shared by the commands: global options, errors, numbers.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "plan.h"
#include "probe.h"
#include "rootfs.h"

struct cmd_globals cmd_globals = {.root = NULL, .quiet = false, .color = false};

static void
print_command_help(const struct cmd_entry *entry)
{
	printf("usage: headroom %s %s\n\n%s\n", entry->name, entry->usage, entry->summary);
	if (entry->help != NULL && entry->help[0] != '\0')
		printf("\n%s", entry->help);
	printf("\nGlobal options: --root DIR, -q/--quiet, --help. See headroom(1).\n");
}

int
cmd_global_option(const struct cmd_entry *entry, int opt, const char *arg)
{
	switch (opt) {
	case CMD_OPT_ROOT:
		cmd_globals.root = arg;
		return 1;
	case 'q':
		cmd_globals.quiet = true;
		return 1;
	case 'h':
		print_command_help(entry);
		exit(EXIT_OK);
	default:
		return 0;
	}
}

int
cmd_options(const struct cmd_entry *entry, int argc, char **argv, const char *shortopts,
	    const struct option *longopts, cmd_option_fn parse, void *ctx)
{
	int opt, ret;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (cmd_global_option(entry, opt, optarg) == 1)
			continue;
		if (opt == '?' || opt == ':')
			return cmd_bad_option(entry, argc, argv);
		ret = parse(ctx, opt, optarg);
		if (ret < 0)
			return cmd_bad_option(entry, argc, argv);
		if (ret > 0)
			return ret;
	}
	return 0;
}

int
cmd_error(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("headroom: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int
cmd_usage_error(const struct cmd_entry *entry, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "headroom %s: ", entry->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: headroom %s %s\n", entry->name, entry->usage);
	return EXIT_USAGE;
}

int
cmd_bad_option(const struct cmd_entry *entry, int argc, char **argv)
{
	extern int optind, optopt;
	const char *arg = optind - 1 < argc ? argv[optind - 1] : "?";

	if (optopt != 0 && optopt < 0x100)
		return cmd_usage_error(entry, "bad option or missing argument: -%c", optopt);
	return cmd_usage_error(entry, "bad option or missing argument: %s", arg);
}

int
cmd_parse_i64(const char *what, const char *s, long long min, long long max, long long *out,
	      char *cause, size_t causelen)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0') {
		snprintf(cause, causelen, "%s: not a number: '%s'", what, s);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		snprintf(cause, causelen, "%s: %s is out of range (%lld..%lld)", what, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
cmd_parse_target(const char *arg, int64_t *out)
{
	char cause[CAUSE_MAX];
	long long v;

	if (cmd_parse_i64("--target", arg, 1, PLAN_TARGET_MAX, &v, cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_DATAERR, "%s", cause);
	*out = v;
	return 0;
}

int
cmd_add_pid(const char *arg, pid_t *pids, size_t *npids)
{
	char cause[CAUSE_MAX];
	long long v;

	if (cmd_parse_i64("--pid", arg, 1, INT_MAX, &v, cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_DATAERR, "%s", cause);
	if (*npids >= PROBE_PIDS_MAX)
		return cmd_error(EXIT_USAGE, "--pid: at most %d processes", PROBE_PIDS_MAX);
	pids[(*npids)++] = (pid_t)v;
	return 0;
}

const char *
cmd_session_user(char *user, size_t size)
{
	const char *sudo_user = getenv("SUDO_USER");
	const struct passwd *pw;

	if (user[0] == '\0' && sudo_user != NULL && sudo_user[0] != '\0')
		snprintf(user, size, "%s", sudo_user);
	if (user[0] == '\0' && (pw = getpwuid(getuid())) != NULL)
		snprintf(user, size, "%s", pw->pw_name);
	return user[0] != '\0' ? user : NULL;
}

void
cmd_detect_color(void)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	cmd_globals.color = isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0') &&
			    term != NULL && strcmp(term, "dumb") != 0;
}

int
cmd_apply_root(void)
{
	int err;

	if (cmd_globals.root == NULL)
		return 0;
	err = rootfs_init(cmd_globals.root);
	if (err < 0)
		return cmd_error(EXIT_USAGE, "--root %s: %s", cmd_globals.root, strerror(-err));
	return 0;
}
