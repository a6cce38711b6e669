/*
 * cmd.h: the command table. Each command is one entry (name, usage,
 * summary, its options as data, exec) in its own cmd-NAME.c; only
 * commands print and exit.
 *
 * Options are declared, not coded (tmux's .args template and util-linux's
 * option tables are the models): each command lists its options in a
 * table of struct cmd_option, one generic parser (cmd-options.c) reads the
 * command line against it and the command's --help is printed from it, so
 * a range, an exit status or a message is the same in every command and
 * the help cannot drift from the parser.
 */
#ifndef CMD_H
#define CMD_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "headroom.h"
#include "plan.h"  /* PLAN_TARGET_MAX */
#include "probe.h" /* PROBE_PIDS_MAX */

/* What an option takes. */
enum cmd_arg {
	CMD_ARG_NONE,	 /* a flag */
	CMD_ARG_INT,	 /* a whole number in [min, max] (parse_i64) */
	CMD_ARG_LIMIT,	 /* a number in [min, max], or `max` */
	CMD_ARG_SECONDS, /* seconds, fractions allowed; min and max in milliseconds */
	CMD_ARG_WORD,	 /* one of words */
	CMD_ARG_STRING,	 /* any text: a path, a name, a pattern */
};

struct cmd_option {
	const char *name;	  /* long name, without the dashes; NULL ends a table */
	char letter;		  /* short letter, or 0 */
	enum cmd_arg arg;	  /* what it takes */
	bool optional;		  /* the argument may be left out; given only as
				     --name=ARG (or -xARG), as with getopt */
	const char *metavar;	  /* the argument in --help: N, PID, FILE */
	int64_t min, max;	  /* INT, LIMIT and SECONDS (milliseconds) */
	const char *const *words; /* WORD: the choices, NULL-terminated */
	unsigned repeat;	  /* 0: once (a later one overrides); else at most this many */
	int bad_status;		  /* exit status for a bad value: EXIT_DATAERR for data
				     (a number, a name), EXIT_USAGE for a word not listed */
	const char *help;	  /* --help text; '\n' continues it on the next line */
	int id;			  /* passed to the command's cmd_set_fn */
};

/* A parsed value; which field holds it follows the option's arg. */
struct cmd_value {
	const char *text; /* the argument as given; NULL for a flag or a left-out one */
	int64_t num;	  /* INT, LIMIT */
	bool max;	  /* LIMIT: `max` was given */
	double seconds;	  /* SECONDS */
	int word;	  /* WORD: the index in words */
};

/* struct cmd_entry flags */
enum {
	/* Options end at the first operand: what follows is a command line of
	 * its own (exec's COMMAND [ARG]...). */
	CMD_STOP_AT_OPERAND = 1 << 0,
	/* Text pasted as it is: an argument that starts with '-', holds a blank
	 * or a ':' and is not --NAME=VALUE of an option is an operand (explain's
	 * '-bash: ulimit: open files: cannot modify limit'). */
	CMD_DASH_TEXT = 1 << 1,
};

#define CMD_OPERANDS_ANY (-1)

struct cmd_entry {
	const char *name;
	const char *usage;		  /* the synopsis after "headroom NAME" */
	const char *summary;		  /* one line for `headroom --help` */
	const char *about;		  /* --help: text before the option list, or NULL */
	const struct cmd_option *options; /* the command's options, or NULL */
	const char *footer;		  /* --help: text after the options (notes, examples) */
	unsigned flags;			  /* CMD_STOP_AT_OPERAND, CMD_DASH_TEXT */
	int max_operands;		  /* CMD_OPERANDS_ANY: no limit */
	int (*exec)(int argc, char **argv);
};

/*
 * A table row starts with one of these, then adds its id and help:
 *   {CMD_INT("margin", 'm', "PCT", 0, 90), .id = OPT_MARGIN, .help = "..."},
 * They carry the exit-status rule (headroom(1), EXIT STATUS): a value
 * that is wrong as data (a number, a count, seconds) is EXIT_DATAERR; a
 * word that is not one of an option's choices is EXIT_USAGE, like an
 * unknown option or a missing argument.
 */
#define CMD_FLAG(name_, letter_) .name = (name_), .letter = (letter_), .arg = CMD_ARG_NONE
#define CMD_TEXT(name_, letter_, meta_)                                                            \
	.name = (name_), .letter = (letter_), .arg = CMD_ARG_STRING, .metavar = (meta_)
#define CMD_INT(name_, letter_, meta_, min_, max_)                                                 \
	.name = (name_), .letter = (letter_), .arg = CMD_ARG_INT, .metavar = (meta_),              \
	.min = (min_), .max = (max_), .bad_status = EXIT_DATAERR
/* min_ms and max_ms in milliseconds: --timeout 0.1 is 100 */
#define CMD_SECONDS(name_, letter_, min_ms_, max_ms_)                                              \
	.name = (name_), .letter = (letter_), .arg = CMD_ARG_SECONDS, .metavar = "SEC",            \
	.min = (min_ms_), .max = (max_ms_), .bad_status = EXIT_DATAERR
#define CMD_WORDS(name_, letter_, meta_, words_)                                                   \
	.name = (name_), .letter = (letter_), .arg = CMD_ARG_WORD, .metavar = (meta_),             \
	.words = (words_), .bad_status = EXIT_USAGE
/* A resource limit (exec, raise): a count, or `max` for the hard limit. */
#define CMD_RLIMIT(name_)                                                                          \
	.name = (name_), .arg = CMD_ARG_LIMIT, .metavar = "N", .min = 1, .max = INT64_MAX - 1,     \
	.bad_status = EXIT_DATAERR

/*
 * The options several commands share, each defined once (name, letter,
 * argument, range, exit status), so every command takes and refuses them
 * alike: {CMD_OPTION_TARGET, .id = OPT_TARGET, .help = "..."}.
 */
#define CMD_OPTION_TARGET CMD_INT("target", 'n', "N", 1, PLAN_TARGET_MAX)
/* --pid: pids and process names, comma or blank separated (cmd-pids.c);
 * checked once --root is applied, by cmd_pidspecs_resolve */
#define CMD_OPTION_PID CMD_TEXT("pid", 'p', "PID"), .bad_status = EXIT_DATAERR
/* --pid to watch several processes: repeatable, as many as a probe takes */
#define CMD_OPTION_PIDS CMD_OPTION_PID, .repeat = PROBE_PIDS_MAX
/* --name NAME: every process of that name */
#define CMD_OPTION_NAME                                                                            \
	CMD_TEXT("name", 0, "NAME"), .bad_status = EXIT_DATAERR, .repeat = PROBE_PIDS_MAX
#define CMD_OPTION_ROLE CMD_WORDS("role", 'r', "ROLE", cmd_role_words)
/* words: cmd_format_text_json, or a command's own list */
#define CMD_OPTION_FORMAT(words_) CMD_WORDS("format", 'f', "FMT", words_)
#define CMD_OPTION_USER		  CMD_TEXT("user", 'u', "NAME")
/* Source addresses: at most the hosts of one /8, as 127.0.0.0/8 has. */
#define CMD_OPTION_SOURCES CMD_INT("sources", 's', "K", 1, 16777214)
#define CMD_OPTION_NOFILE  CMD_RLIMIT("nofile")

extern const char *const cmd_role_words[];	 /* client server both: enum role's order */
extern const char *const cmd_format_text_json[]; /* text json */

/* Global options, accepted before the command and among its arguments. */
struct cmd_globals {
	const char *root; /* --root DIR */
	bool quiet;	  /* -q: only the result; see headroom(1) */
	bool color;	  /* --color, or auto: stdout is a colour terminal, NO_COLOR unset */
	int width;	  /* columns tables fit in: $COLUMNS, else the terminal's; 0: any */
};
extern struct cmd_globals cmd_globals;

/*
 * A command's option, parsed and checked against its table: store it.
 * Returns 0, or an exit status to stop with after printing why.
 */
typedef int (*cmd_set_fn)(void *ctx, const struct cmd_option *opt, const struct cmd_value *v);

/* cmd_parse's return when the command should go on. */
#define CMD_PARSED (-1)

/*
 * Read a command's arguments (argv[0] is its name) against its option
 * table, GNU style: options anywhere among the operands, `--` ends them.
 * Global options are handled here, --help prints the command's help.
 * Bad ones are reported with the long option's name and a
 * "Try 'headroom CMD --help'." line. On success returns CMD_PARSED with
 * the operands moved to argv[1..1 + *noperands), in order; otherwise the
 * exit status to return (0 after --help).
 */
int cmd_parse(const struct cmd_entry *entry, int argc, char **argv, cmd_set_fn set, void *ctx,
	      int *noperands);

/*
 * The main program's own arguments: global options before the command
 * (and --version). Returns CMD_PARSED with the command name and its
 * arguments moved to argv[1..1 + *noperands), or an exit status (0 after
 * --help or --version). usage prints the main --help.
 */
int cmd_parse_globals(int argc, char **argv, void (*usage)(FILE *), int *noperands);

/*
 * The hidden argument that lists options and commands for the shell
 * completions (cmd-complete.c): `headroom --list-options`, `headroom CMD
 * --list-options`, matched only whole and only alone.
 */
#define CMD_LIST_OPTIONS "--list-options"
/* One "option" line per row of table (cmd-complete.c has the format). */
void cmd_list_options(FILE *f, const struct cmd_option *table);
/* One "command" line per entry. */
void cmd_list_commands(FILE *f, const struct cmd_entry *const *table, size_t n);
/* The main program's options and the global ones, as cmd_list_options. */
void cmd_list_main_options(FILE *f);

/* How many options a table holds (0 for NULL). */
size_t cmd_option_count(const struct cmd_option *table);

/* Print a command's --help to f, the option list made from its table. */
void cmd_print_help(FILE *f, const struct cmd_entry *entry);

/* The candidate nearest to word by edit distance when it is near enough
 * to be a likely typo, else NULL. candidates may hold NULLs (skipped). */
const char *cmd_did_you_mean(const char *word, const char *const *candidates, size_t n);

/* The last message cmd_error, cmd_usage_error or cmd_arg_error printed
 * (without the prefix), "" if none: check --format nagios repeats it on
 * its status line. */
const char *cmd_last_error(void);
/* Keep a message as the last error (cmd-options.c's errors). */
void cmd_keep_error(const char *fmt, va_list ap);

/* At the end of every command: close stdout and stderr as util-linux's
 * closestream does. A write error (a full disk, /dev/full) is reported
 * and makes the status EXIT_UNKNOWN; a reader gone away (EPIPE) is quiet.
 * Returns the status to exit with. */
int cmd_close_std(int status);

/* Print "headroom: msg" to stderr (printf-style) and return status. */
int cmd_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "headroom CMD: msg" and "Try 'headroom CMD --help'." and return
 * EXIT_USAGE: a command line that cannot be right. */
int cmd_usage_error(const struct cmd_entry *entry, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same for a bad value on the command line, with its exit status. */
int cmd_arg_error(const struct cmd_entry *entry, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The message for a number parse_i64 refused (err -EINVAL or -ERANGE):
 * "what: not a number: 's'" or "what: s is out of range (min..max)". */
void cmd_number_cause(const char *what, const char *s, int err, int64_t min, int64_t max,
		      char *cause, size_t causelen);

/* parse_i64 with cmd_number_cause's message; -1 on error. For library code
 * that predates the option tables (rlimits_parse). */
int cmd_parse_i64(const char *what, const char *s, long long min, long long max, long long *out,
		  char *cause, size_t causelen);

/*
 * The user whose next login session limits.conf describes, into user
 * (size bytes): an explicit --user when user is already set, else who
 * ran sudo, else the invoking user. Returns user, or NULL when unknown.
 */
const char *cmd_session_user(char *user, size_t size);

/*
 * --user NAME of the commands that describe a user's next login session
 * (check, top), alike in each: cmd_user_set stores a valid name when the
 * option is read (EXIT_DATAERR for one that cannot be a user name);
 * cmd_user_exists, once --root is applied, refuses a user the root does
 * not know (EXIT_DATAERR, "CMD --user: user 'NAME' does not exist"), 0
 * for an empty user or one that exists.
 */
int cmd_user_set(const struct cmd_entry *e, const char *name, char *user, size_t size);
int cmd_user_exists(const struct cmd_entry *e, const char *user);

/*
 * --pid and --name arguments as given, resolved to pids once options are
 * parsed and --root applied (a name is looked up in the root's /proc).
 */
#define CMD_PIDSPECS_MAX (2 * PROBE_PIDS_MAX)
struct cmd_pidspecs {
	struct {
		bool name; /* --name NAME; else a --pid argument */
		const char *text;
	} v[CMD_PIDSPECS_MAX];
	size_t n;
};
void cmd_pidspecs_add(struct cmd_pidspecs *s, bool name, const char *text);
/*
 * Resolve them into at most max distinct pids: each --pid argument holds
 * pids and names separated by commas or blanks (`--pid "$(pidof nginx)"`),
 * a name is every process of that name (said on stderr unless -q).
 * Returns 0, or the exit status after printing the bad token: 65 for a bad
 * pid or an unknown name, 64 for more processes than max.
 */
int cmd_pidspecs_resolve(const struct cmd_entry *e, const struct cmd_pidspecs *s, pid_t *pids,
			 size_t max, size_t *npids);

/* Colour on when stdout is a terminal, TERM is not dumb and NO_COLOR is
 * unset (--color=auto); the width tables fit in: $COLUMNS when it is a
 * number, else the terminal's on stdout, else 0 (no limit: a pipe). */
void cmd_detect_color(void);

/* --color=WHEN: "always" (also --color alone), "never" or "auto". */
void cmd_set_color(const char *when);

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
