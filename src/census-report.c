/*
 * census-report.c: headroom census's text and JSON (see census-report.h).
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/socket.h>

#include "census-report.h"
#include "json.h"

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
print_json_filter(FILE *f, uint32_t mask)
{
	const char *sep = "";
	char key[32];
	int s;

	if (mask == 0) {
		fprintf(f, ",\"state_filter\":null");
		return;
	}
	fprintf(f, ",\"state_filter\":[");
	for (s = 0; s < CENSUS_STATES; s++) {
		if (mask & CENSUS_STATE_BIT(s)) {
			state_key(s, key, sizeof(key));
			fprintf(f, "%s\"%s\"", sep, key);
			sep = ",";
		}
	}
	fprintf(f, "]");
}

void
census_report_json(FILE *f, const struct census_report *r)
{
	const struct census *c = r->census;
	const struct census_listener *l = r->listeners;
	char key[32];
	size_t i;
	int s;

	json_doc_begin(f, "census", 1);
	fprintf(f, ",\"source\":\"%s\",\"sockets\":%" PRIu64 ",\"sockets_ipv6\":%" PRIu64,
		r->replay ? "replay" : "kernel", c->sockets, c->sockets_ipv6);
	print_json_filter(f, r->state_mask);
	fprintf(f, ",\"states\":{");
	for (s = 0; s < CENSUS_STATES; s++) {
		if (!state_counted(s))
			continue;
		state_key(s, key, sizeof(key));
		fprintf(f, "%s\"%s\":%" PRIu64, s > 0 ? "," : "", key, c->states[s]);
	}
	fprintf(f, "},\"ports\":{\"range\":[%u,%u],\"range_source\":\"%s\",\"in_use\":%" PRIu32 "}",
		r->port_lo, r->port_hi, r->range_default ? "default" : "sysctl", c->ports_in_range);
	fprintf(f, ",\"listeners\":[");
	for (i = 0; i < c->nlisteners; i++)
		fprintf(f,
			"%s{\"family\":\"%s\",\"address\":\"%s\",\"port\":%u,\"queue\":%" PRIu32
			",\"backlog\":%" PRIu32 "}",
			i > 0 ? "," : "", family_name(l[i].family), l[i].addr, l[i].port,
			l[i].queue, l[i].backlog);
	fprintf(f, "],\"listeners_omitted\":%zu", c->listeners_omitted);
	if (r->range_default) {
		fprintf(f, ",\"note\":");
		json_string(f, r->range_note);
	}
	fprintf(f, "}\n");
}

static void
print_listener(FILE *f, const struct census_listener *l)
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
	fprintf(f, "  %-40s %8" PRIu32 " %8" PRIu32 " %6s\n", where, l->queue, l->backlog, fill);
}

static void
print_listeners(FILE *f, const struct census_report *r)
{
	const struct census *c = r->census;
	const struct census_listener *l = r->listeners;
	size_t i, total = c->nlisteners + c->listeners_omitted;
	size_t shown = r->listeners_shown < c->nlisteners ? r->listeners_shown : c->nlisteners;

	if (!(r->state_mask == 0 || r->state_mask & CENSUS_STATE_BIT(CENSUS_LISTEN)))
		return;
	fprintf(f, "Listeners: %zu%s\n", total, shown > 0 ? ", fullest accept queue first" : "");
	if (shown == 0)
		return;
	fprintf(f, "  %-40s %8s %8s %6s\n", "LOCAL ADDRESS:PORT", "QUEUE", "BACKLOG", "FILL");
	for (i = 0; i < shown; i++)
		print_listener(f, &l[i]);
	if (total > shown)
		fprintf(f, "  ... %zu more (--listeners N, or --format json)\n", total - shown);
}

void
census_report_text(FILE *f, const struct census_report *r)
{
	const struct census *c = r->census;
	bool filtered = r->state_mask != 0;
	int s;

	fprintf(f, "TCP sockets%s: %" PRIu64 " (IPv4 %" PRIu64 ", IPv6 %" PRIu64 ")\n",
		filtered ? " in the selected states" : "", c->sockets, c->sockets - c->sockets_ipv6,
		c->sockets_ipv6);
	if (r->quiet)
		return;
	for (s = 0; s < CENSUS_STATES; s++) {
		if (filtered ? (r->state_mask & CENSUS_STATE_BIT(s)) != 0 : c->states[s] > 0)
			fprintf(f, "  %-16s %10" PRIu64 "\n", census_state_name(s), c->states[s]);
	}
	fprintf(f, "Ephemeral ports in use: %" PRIu32 " of %u (%u-%u)%s\n", c->ports_in_range,
		r->port_hi - r->port_lo + 1u, r->port_lo, r->port_hi,
		filtered ? ", among the selected states" : "");
	if (r->range_default)
		fprintf(f, "  note: %s\n", r->range_note);
	print_listeners(f, r);
}
