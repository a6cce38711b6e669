/*
 * cmd-census.c: headroom census. Counts TCP sockets by state, the local
 * ports in use inside the ephemeral range, and lists listeners with their
 * accept queue, from the kernel (sock_diag) or a recorded dump.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "census-report.h"
#include "census.h"
#include "cmd.h"
#include "headroom.h"
#include "platform.h"
#include "rootfs.h"

#define LISTENERS_SHOWN 10

static int cmd_census_exec(int argc, char **argv);

enum {
	OPT_STATE,
	OPT_FORMAT,
	OPT_LISTENERS,
	OPT_RECORD,
	OPT_REPLAY,
};

/* --state's names, for the completions (census_state_parse reads them,
 * ss(8)'s names too; tests/completion/bash.sh checks each is taken). */
static const char *const state_words[] = {
    "established", "syn-sent", "syn-recv", "fin-wait-1", "fin-wait-2",	   "time-wait",
    "close-wait",  "last-ack", "listen",   "closing",	 "bound-inactive", NULL};

static const struct cmd_option census_options[] = {
    {CMD_TEXT("state", 0, "STATE"), .words = state_words, .id = OPT_STATE,
     .help = "count only sockets in STATE; repeat for more. STATE is one of "
	     "established syn-sent syn-recv fin-wait-1 fin-wait-2 "
	     "time-wait close-wait last-ack listen closing "
	     "bound-inactive (bound, not connected: only counted when "
	     "asked for); ss(8) names such as estab also work\n"
	     "e.g. headroom census --state time-wait --state close-wait"},
    {CMD_OPTION_FORMAT(cmd_format_text_json), .id = OPT_FORMAT,
     .help = "text (default) or json (one object, schema 1)\n"
	     "e.g. headroom census --format json | jq .states"},
    {CMD_INT("listeners", 0, "N", 0, CENSUS_LISTENERS_MAX), .id = OPT_LISTENERS,
     .help = "list at most N listeners in text, fullest first\n"
	     "(default 10; 0 for none)\ne.g. --listeners 50"},
    {CMD_TEXT("record", 0, "FILE"), .id = OPT_RECORD,
     .help = "also write the raw netlink dump to FILE\n"
	     "e.g. headroom census --record /tmp/host.nl"},
    {CMD_TEXT("replay", 0, "FILE"), .id = OPT_REPLAY,
     .help = "read a recorded dump instead of the kernel\n"
	     "e.g. headroom census --replay /tmp/host.nl --format json"},
    {.name = NULL},
};

const struct cmd_entry cmd_census_entry = {
    .name = "census",
    .usage = "[--state STATE]... [--format text|json] [--listeners N] "
	     "[--record FILE | --replay FILE]",
    .summary = "count TCP sockets by state, ephemeral ports in use, accept queues",
    .options = census_options,
    .footer = "\nEphemeral ports are counted inside net.ipv4.ip_local_port_range (read under\n"
	      "--root; 32768-60999 when unreadable). Exit status: 0 ok, 3 the dump failed,\n"
	      "64 bad option, 65 a bad value or a replayed file that is not a whole\n"
	      "recorded dump.\n",
    .max_operands = 0,
    .exec = cmd_census_exec,
};

struct census_cmd {
	struct census_opts opts;
	bool json;
	long long listeners_shown;
	bool range_default; /* the sysctl was unreadable: the kernel default is used */
	char range_note[160];
};

/* The census struct is large (bitmap, listeners): keep it off the stack. */
static struct census census_result;

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct census_cmd *cmd = ctx;
	int state;

	switch (o->id) {
	case OPT_STATE:
		state = census_state_parse(v->text);
		if (state < 0)
			return cmd_usage_error(&cmd_census_entry,
					       "--state: unknown TCP state '%s' (see --help)",
					       v->text);
		cmd->opts.state_mask |= CENSUS_STATE_BIT(state);
		break;
	case OPT_FORMAT:
		cmd->json = strcmp(v->text, "json") == 0;
		break;
	case OPT_LISTENERS:
		cmd->listeners_shown = v->num;
		break;
	case OPT_RECORD:
		cmd->opts.record = v->text;
		break;
	case OPT_REPLAY:
		cmd->opts.replay = v->text;
		break;
	}
	return 0;
}

static int
parse_args(struct census_cmd *cmd, int argc, char **argv)
{
	int n, ret;

	ret = cmd_parse(&cmd_census_entry, argc, argv, set_option, cmd, &n);
	if (ret != CMD_PARSED)
		return ret;
	if (cmd->opts.record != NULL && cmd->opts.replay != NULL)
		return cmd_usage_error(&cmd_census_entry,
				       "--record and --replay exclude each other");
	return CMD_PARSED;
}

/* The ephemeral range from the sysctl, or the kernel default with a note. */
static void
read_port_range(struct census_cmd *cmd)
{
	int64_t lo, hi;

	cmd->range_default =
	    rootfs_read_port_range(&lo, &hi, cmd->range_note, sizeof(cmd->range_note)) < 0;
	cmd->opts.port_lo = (uint16_t)lo;
	cmd->opts.port_hi = (uint16_t)hi;
}

static int
cmd_census_exec(int argc, char **argv)
{
	struct census_cmd cmd = {.listeners_shown = LISTENERS_SHOWN};
	struct census_listener sorted[CENSUS_LISTENERS_MAX];
	struct census *c = &census_result;
	struct census_report report;
	char cause[CAUSE_MAX];
	int ret;

	ret = parse_args(&cmd, argc, argv);
	if (ret != CMD_PARSED)
		return ret;
	ret = cmd_apply_root();
	if (ret != 0)
		return ret;
	read_port_range(&cmd);
	ret = census_collect(c, &cmd.opts, cause, sizeof(cause));
	census_close();
	if (ret < 0)
		return cmd_error(ret == -EBADMSG && cmd.opts.replay != NULL ? EXIT_DATAERR
									    : EXIT_UNKNOWN,
				 "census: %s", cause);
	memcpy(sorted, c->listeners, c->nlisteners * sizeof(sorted[0]));
	qsort(sorted, c->nlisteners, sizeof(sorted[0]), census_listener_cmp);
	report = (struct census_report){
	    .census = c,
	    .listeners = sorted,
	    .state_mask = cmd.opts.state_mask,
	    .port_lo = cmd.opts.port_lo,
	    .port_hi = cmd.opts.port_hi,
	    .range_default = cmd.range_default,
	    .range_note = cmd.range_note,
	    .replay = cmd.opts.replay != NULL,
	    .listeners_shown = (size_t)cmd.listeners_shown,
	    .quiet = cmd_globals.quiet,
	};
	if (cmd.json)
		census_report_json(stdout, &report);
	else
		census_report_text(stdout, &report);
	return EXIT_OK;
}
