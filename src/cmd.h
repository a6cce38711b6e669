/*
 * cmd.h: the command table. Each command is one entry (name, usage,
 * summary, exec) in its own cmd-NAME.c; only commands print and exit.
 */
#ifndef CMD_H
#define CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct cmd_entry {
	const char *name;
	const char *usage;   /* the synopsis after "headroom NAME" */
	const char *summary; /* one line for `headroom --help` */
	const char *help;    /* full option list for `headroom NAME --help` */
	int (*exec)(int argc, char **argv);
};

/* Global options, accepted before the command and after it. */
struct cmd_globals {
	const char *root; /* --root DIR */
	bool quiet;	  /* -q */
	bool color;	  /* stdout is a colour terminal and NO_COLOR unset */
};
extern struct cmd_globals cmd_globals;

enum {
	CMD_OPT_ROOT = 0x1000,
	CMD_OPT_HELP,
	CMD_OPT_FIRST_LOCAL = 0x1100, /* commands number their options from here */
};

/* Long options every command accepts; put this first in each table. */
#define CMD_GLOBAL_LONGOPTS                                                                        \
	{"root", required_argument, NULL, CMD_OPT_ROOT}, {"help", no_argument, NULL, 'h'},         \
	{                                                                                          \
		"quiet", no_argument, NULL, 'q'                                                    \
	}

/*
 * Handle a global option returned by getopt_long inside a command.
 * Returns 1 when handled, 0 when opt is not global; --help prints the
 * command's help and exits 0.
 */
int cmd_global_option(const struct cmd_entry *entry, int opt, const char *arg);

/*
 * A command's own option: 0 when taken, an exit status (> 0) to stop
 * with, or -1 when opt is not one of the command's options.
 */
typedef int (*cmd_option_fn)(void *ctx, int opt, const char *arg);

/*
 * Run getopt_long over a command's arguments: global options are handled
 * here, bad ones reported, the rest passed to parse. Returns 0 with optind
 * at the first operand, or the exit status to return.
 */
int cmd_options(const struct cmd_entry *entry, int argc, char **argv, const char *shortopts,
		const struct option *longopts, cmd_option_fn parse, void *ctx);

/* Print "headroom: msg" to stderr (printf-style) and return status. */
int cmd_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a usage error naming the command and return EXIT_USAGE. */
int cmd_usage_error(const struct cmd_entry *entry, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The argument that getopt rejected: print it as a usage error. */
int cmd_bad_option(const struct cmd_entry *entry, int argc, char **argv);

/* Parse a decimal integer in [min, max]; on error fill cause, return -1. */
int cmd_parse_i64(const char *what, const char *s, long long min, long long max, long long *out,
		  char *cause, size_t causelen);

/*
 * The user whose next login session limits.conf describes, into user
 * (size bytes): an explicit --user when user is already set, else who
 * ran sudo, else the invoking user. Returns user, or NULL when unknown.
 */
const char *cmd_session_user(char *user, size_t size);

/* Colour on when stdout is a terminal, TERM is not dumb and NO_COLOR is unset. */
void cmd_detect_color(void);

/* --target N (1..2^31): 0, or EXIT_DATAERR after printing why. */
int cmd_parse_target(const char *arg, int64_t *out);

/* --pid PID appended to pids (at most PROBE_PIDS_MAX): 0, or the exit
 * status after printing why (EXIT_DATAERR, EXIT_USAGE when full). */
int cmd_add_pid(const char *arg, pid_t *pids, size_t *npids);

/* Apply --root once options are parsed; returns 0 or an exit status. */
int cmd_apply_root(void);

extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_census_entry;
extern const struct cmd_entry cmd_verify_entry;
extern const struct cmd_entry cmd_exec_entry;
extern const struct cmd_entry cmd_raise_entry;
extern const struct cmd_entry cmd_apply_entry;
extern const struct cmd_entry cmd_revert_entry;
extern const struct cmd_entry cmd_history_entry;
extern const struct cmd_entry cmd_profiles_entry;
extern const struct cmd_entry cmd_explain_entry;
extern const struct cmd_entry cmd_top_entry;

#endif
