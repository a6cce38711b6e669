/*
 * cmd.c: helpers shared by the commands: errors, numbers, the session user,
 * colour, --root. The option parser is cmd-options.c.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "limitsconf.h"
#include "names.h"
#include "parse.h"
#include "platform.h"
#include "rootfs.h"

struct cmd_globals cmd_globals = {.root = NULL, .quiet = false, .color = false};

_Static_assert(ROLE_CLIENT == 0 && ROLE_SERVER == 1 && ROLE_BOTH == 2,
	       "cmd_role_words lists the roles in enum role's order");
const char *const cmd_role_words[] = {"client", "server", "both", NULL};
const char *const cmd_format_text_json[] = {"text", "json", NULL};

static char last_error[512];

const char *
cmd_last_error(void)
{
	return last_error;
}

void
cmd_keep_error(const char *fmt, va_list ap)
{
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
}

int
cmd_error(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_keep_error(fmt, ap);
	va_end(ap);
	fprintf(stderr, "headroom: %s\n", last_error);
	return status;
}

void
cmd_number_cause(const char *what, const char *s, int err, int64_t min, int64_t max, char *cause,
		 size_t causelen)
{
	if (err == -ERANGE)
		snprintf(cause, causelen, "%s: %s is out of range (%" PRId64 "..%" PRId64 ")", what,
			 s, min, max);
	else
		snprintf(cause, causelen, "%s: not a number: '%s'", what, s);
}

int
cmd_parse_i64(const char *what, const char *s, long long min, long long max, long long *out,
	      char *cause, size_t causelen)
{
	int64_t v;
	int err = parse_i64(s, min, max, &v);

	if (err < 0) {
		cmd_number_cause(what, s, err, min, max, cause, causelen);
		return -1;
	}
	*out = v;
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

int
cmd_user_set(const struct cmd_entry *e, const char *name, char *user, size_t size)
{
	char cause[CAUSE_MAX];

	if (names_check_user(name, cause, sizeof(cause)) < 0)
		return cmd_arg_error(e, EXIT_DATAERR, "--user: %s", cause);
	snprintf(user, size, "%s", name);
	return 0;
}

int
cmd_user_exists(const struct cmd_entry *e, const char *user)
{
	struct limitsconf_user u;
	char cause[CAUSE_MAX];
	int err;

	if (user[0] == '\0')
		return 0;
	err = limitsconf_lookup_user(user, &u, cause, sizeof(cause));
	limitsconf_user_free(&u);
	if (err == -ENOENT)
		return cmd_error(EXIT_DATAERR, "%s --user: %s", e->name, cause);
	return 0;
}

void
cmd_detect_color(void)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	const char *columns = getenv("COLUMNS");
	int64_t n;

	cmd_globals.color = isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0') &&
			    term != NULL && strcmp(term, "dumb") != 0;
	cmd_globals.width = 0;
	if (columns != NULL && parse_i64(columns, 20, 10000, &n) == 0)
		cmd_globals.width = (int)n;
	else if (platform_term_width(STDOUT_FILENO) >= 20)
		cmd_globals.width = platform_term_width(STDOUT_FILENO);
}

void
cmd_set_color(const char *when)
{
	if (when == NULL || strcmp(when, "always") == 0)
		cmd_globals.color = true; /* an explicit request overrides NO_COLOR */
	else if (strcmp(when, "never") == 0)
		cmd_globals.color = false;
	else
		cmd_detect_color();
}

int
cmd_apply_root(void)
{
	int err;

	if (cmd_globals.root == NULL)
		return 0;
	err = rootfs_init(cmd_globals.root);
	if (err < 0)
		return cmd_error(EXIT_DATAERR, "--root %s: %s", cmd_globals.root, strerror(-err));
	return 0;
}

/* util-linux's close_stream: whether a stream lost output, errno saying
 * why (EPIPE: the reader went away). */
static int
close_stream(FILE *f)
{
	bool prev_fail = ferror(f) != 0;
	bool close_fail = fclose(f) != 0;

	/* (EBADF: the stream was closed already, nothing of ours was lost;
	 * util-linux also asks __fpending, which is not portable) */
	if (prev_fail || (close_fail && errno != EBADF)) {
		if (!close_fail && errno != EPIPE)
			errno = 0;
		return EOF;
	}
	return 0;
}

int
cmd_close_std(int status)
{
	int err = 0;

	/* flushed first, so errno still tells why */
	errno = 0;
	if (fflush(stdout) != 0)
		err = errno;
	if (close_stream(stdout) != 0 && (err != 0 ? err : (err = errno)) != EPIPE) {
		/* a verdict whose output is lost is no verdict */
		if (err != 0)
			fprintf(stderr, "headroom: write error on standard output: %s\n",
				strerror(err));
		else
			fprintf(stderr, "headroom: write error on standard output\n");
		status = EXIT_UNKNOWN;
	}
	errno = 0;
	if (close_stream(stderr) != 0 && errno != EPIPE)
		status = EXIT_UNKNOWN;
	return status;
}
