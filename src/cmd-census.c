/*
 * cmd-census.c: headroom census. Counts TCP sockets by state, the local
 * ports in use inside the ephemeral range, and lists listeners with their
 * accept queue, from the kernel (sock_diag) or a recorded dump.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "census.h"
#include "cmd.h"
#include "headroom.h"
#include "json.h"
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

/* States a dump never reports (see census.h): left out of the output. */
static bool
state_counted(int state)
{
	return state != CENSUS_CLOSE && state != CENSUS_NEW_SYN_RECV;
}

/* The JSON key of a state: "time_wait" for "TIME-WAIT". */
static void
state_key(int state, char *out, size_t size)
{
	const char *name = census_state_name(state);
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < size; i++)
		out[i] = name[i] == '-' ? '_' : (char)tolower((unsigned char)name[i]);
	out[i] = '\0';
}

static const char *
family_name(int family)
{
	return family == AF_INET6 ? "ipv6" : "ipv4";
}

/* "state_filter": null, or the states asked for with --state. */
static void
print_json_filter(uint32_t mask)
{
	const char *sep = "";
	char key[32];
	int s;

	if (mask == 0) {
		printf(",\"state_filter\":null");
		return;
	}
	printf(",\"state_filter\":[");
	for (s = 0; s < CENSUS_STATES; s++) {
		if (mask & CENSUS_STATE_BIT(s)) {
			state_key(s, key, sizeof(key));
			printf("%s\"%s\"", sep, key);
			sep = ",";
		}
	}
	printf("]");
}

static void
print_json(const struct census_cmd *cmd, const struct census *c, const struct census_listener *l)
{
	char key[32];
	size_t i;
	int s;

	json_doc_begin(stdout, "census", 1);
	printf(",\"source\":\"%s\",\"sockets\":%" PRIu64 ",\"sockets_ipv6\":%" PRIu64,
	       cmd->opts.replay != NULL ? "replay" : "kernel", c->sockets, c->sockets_ipv6);
	print_json_filter(cmd->opts.state_mask);
	printf(",\"states\":{");
	for (s = 0; s < CENSUS_STATES; s++) {
		if (!state_counted(s))
			continue;
		state_key(s, key, sizeof(key));
		printf("%s\"%s\":%" PRIu64, s > 0 ? "," : "", key, c->states[s]);
	}
	printf("},\"ports\":{\"range\":[%u,%u],\"range_source\":\"%s\",\"in_use\":%" PRIu32 "}",
	       cmd->opts.port_lo, cmd->opts.port_hi, cmd->range_default ? "default" : "sysctl",
	       c->ports_in_range);
	printf(",\"listeners\":[");
	for (i = 0; i < c->nlisteners; i++)
		printf("%s{\"family\":\"%s\",\"address\":\"%s\",\"port\":%u,\"queue\":%" PRIu32
		       ",\"backlog\":%" PRIu32 "}",
		       i > 0 ? "," : "", family_name(l[i].family), l[i].addr, l[i].port, l[i].queue,
		       l[i].backlog);
	printf("],\"listeners_omitted\":%zu", c->listeners_omitted);
	if (cmd->range_default) {
		printf(",\"note\":");
		json_string(stdout, cmd->range_note);
	}
	printf("}\n");
}

static void
print_listener(const struct census_listener *l)
{
	char where[64];
	char fill[16];

	snprintf(where, sizeof(where), l->family == AF_INET6 ? "[%s]:%u" : "%s:%u", l->addr,
		 l->port);
	if (l->backlog == 0)
		snprintf(fill, sizeof(fill), "%s", l->queue > 0 ? "full" : "-");
	else if (l->queue > 0 && (uint64_t)l->queue * 100 < l->backlog)
		snprintf(fill, sizeof(fill), "<1%%");
	else
		snprintf(fill, sizeof(fill), "%" PRIu64 "%%",
			 (uint64_t)l->queue * 100 / l->backlog);
	printf("  %-40s %8" PRIu32 " %8" PRIu32 " %6s\n", where, l->queue, l->backlog, fill);
}

static void
print_listeners(const struct census_cmd *cmd, const struct census *c,
		const struct census_listener *l)
{
	size_t i, total = c->nlisteners + c->listeners_omitted;
	size_t shown = (size_t)cmd->listeners_shown < c->nlisteners ? (size_t)cmd->listeners_shown
								    : c->nlisteners;

	if (!(cmd->opts.state_mask == 0 || cmd->opts.state_mask & CENSUS_STATE_BIT(CENSUS_LISTEN)))
		return;
	printf("Listeners: %zu%s\n", total, shown > 0 ? ", fullest accept queue first" : "");
	if (shown == 0)
		return;
	printf("  %-40s %8s %8s %6s\n", "LOCAL ADDRESS:PORT", "QUEUE", "BACKLOG", "FILL");
	for (i = 0; i < shown; i++)
		print_listener(&l[i]);
	if (total > shown)
		printf("  ... %zu more (--listeners N, or --format json)\n", total - shown);
}

static void
print_text(const struct census_cmd *cmd, const struct census *c, const struct census_listener *l)
{
	bool filtered = cmd->opts.state_mask != 0;
	int s;

	printf("TCP sockets%s: %" PRIu64 " (IPv4 %" PRIu64 ", IPv6 %" PRIu64 ")\n",
	       filtered ? " in the selected states" : "", c->sockets, c->sockets - c->sockets_ipv6,
	       c->sockets_ipv6);
	if (cmd_globals.quiet)
		return;
	for (s = 0; s < CENSUS_STATES; s++) {
		if (filtered ? (cmd->opts.state_mask & CENSUS_STATE_BIT(s)) != 0 : c->states[s] > 0)
			printf("  %-16s %10" PRIu64 "\n", census_state_name(s), c->states[s]);
	}
	printf("Ephemeral ports in use: %" PRIu32 " of %u (%u-%u)%s\n", c->ports_in_range,
	       cmd->opts.port_hi - cmd->opts.port_lo + 1u, cmd->opts.port_lo, cmd->opts.port_hi,
	       filtered ? ", among the selected states" : "");
	if (cmd->range_default)
		printf("  note: %s\n", cmd->range_note);
	print_listeners(cmd, c, l);
}

static int
cmd_census_exec(int argc, char **argv)
{
	struct census_cmd cmd = {.listeners_shown = LISTENERS_SHOWN};
	struct census_listener sorted[CENSUS_LISTENERS_MAX];
	struct census *c = &census_result;
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
	if (cmd.json)
		print_json(&cmd, c, sorted);
	else
		print_text(&cmd, c, sorted);
	return EXIT_OK;
}
