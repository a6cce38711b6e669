/*
 * verify-report-net.c: the parts of verify's report for runs across
 * hosts: what a server did to --connect's connections after the
 * handshakes (drops, replies), and --serve's side.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "report.h"
#include "verify-report.h"

#define FIG 32

static const char *
fig(char *buf, int64_t v)
{
	return report_figure(buf, FIG, v, UNIT_COUNT);
}

/* A reply's first bytes as text: \r \n \t and \xNN for the rest. */
static const char *
sample_text(const struct verify_drops *d, char *buf, size_t len)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < d->sample_len && o + 5 < len; i++) {
		unsigned char c = (unsigned char)d->sample[i];

		if (c == '\r' || c == '\n' || c == '\t')
			o += (size_t)snprintf(buf + o, len - o, "\\%c",
					      c == '\r'	  ? 'r'
					      : c == '\n' ? 'n'
							  : 't');
		else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
		else
			buf[o++] = (char)c, buf[o] = '\0';
	}
	return buf;
}

/* --connect: what the server did after the handshakes. */
void
verify_report_watch_text(FILE *f, const struct verify_report *r)
{
	const struct verify_drops *d = &r->res->drops;
	char a[FIG], b[FIG], sample[VERIFY_SAMPLE_MAX * 4 + 8];

	if (!r->opts->watch || r->res->stop == VERIFY_STOP_INTERRUPTED)
		return;
	if (verify_dropped(r->res) == 0 && r->res->stop == VERIFY_STOP_COMPLETE)
		fprintf(f, "watched:  the server closed or reset none of them (%.1f s held)\n",
			r->res->held);
	if (d->replies > 0)
		fprintf(
		    f,
		    "replies:  %s connection%s got bytes from the server%s, %s of them an error; "
		    "%s: \"%s\"\n",
		    fig(a, d->replies), d->replies == 1 ? "" : "s",
		    r->opts->send != NULL ? " (after --send)" : " unasked",
		    fig(b, d->error_replies), d->sample_error ? "first error" : "first reply",
		    sample_text(d, sample, sizeof(sample)));
}

void
verify_report_watch_json(FILE *f, const struct verify_report *r)
{
	const struct verify_drops *d = &r->res->drops;
	char sample[VERIFY_SAMPLE_MAX * 4 + 8];

	if (!r->opts->watch) {
		fputs("null", f);
		return;
	}
	fprintf(f,
		"{\"dropped\": %" PRId64 ", \"closed\": %" PRId64 ", \"reset\": %" PRId64
		", \"during_hold\": %" PRId64 ", \"first_seconds\": %.3f, \"last_seconds\": %.3f"
		", \"replies\": %" PRId64 ", \"error_replies\": %" PRId64
		", \"unanswered\": %" PRId64 ", \"sample\": ",
		verify_dropped(r->res), d->closed, d->reset, d->during_hold, d->first, d->last,
		d->replies, d->error_replies, d->unanswered);
	json_string(f, d->sample_len > 0 ? sample_text(d, sample, sizeof(sample)) : NULL);
	fprintf(f, ", \"sample_is_error\": %s}", d->sample_error ? "true" : "false");
}

/* --serve: how the clients ended it. */
void
verify_report_serve_text(FILE *f, const struct verify_report *r)
{
	const struct verify_result *res = r->res;
	char a[FIG], b[FIG];

	if (!r->opts->serve || res->stop == VERIFY_STOP_INTERRUPTED)
		return;
	if (res->accepted > 0 && res->closed_by_peer >= res->accepted)
		fprintf(f, "clients:  closed all %s connections they opened%s\n",
			fig(a, res->accepted),
			res->stop == VERIFY_STOP_COMPLETE ? "; their test is over" : "");
	else
		fprintf(f, "clients:  closed %s of the %s accepted when %s ended the run\n",
			fig(a, res->closed_by_peer), fig(b, res->accepted),
			res->stop == VERIFY_STOP_COMPLETE || res->stop == VERIFY_STOP_TIMEOUT
			    ? "--timeout"
			    : "the failure");
}

/* verify's rate against a bare loop's on this host. */
void
verify_report_bare_text(FILE *f, const struct verify_report *r)
{
	const struct verify_bare *b = &r->res->bare;
	char a[FIG], c[FIG], d[FIG];

	if (b->connections == 0 || b->rate <= 0)
		return;
	fprintf(f,
		"machine:  a bare connect/accept loop in one process made %s/s here (%s "
		"connections, %s held at a time); verify reached %.2fx of it\n",
		fig(a, (int64_t)b->rate), fig(c, b->connections), fig(d, b->held),
		r->res->rate / b->rate);
}

void
verify_report_bare_json(FILE *f, const struct verify_report *r)
{
	const struct verify_bare *b = &r->res->bare;

	if (b->connections == 0 || b->rate <= 0) {
		fputs("null", f);
		return;
	}
	fprintf(f,
		"{\"rate\": %.1f, \"connections\": %" PRId64
		", \"held\": %d, \"seconds\": %.4f, \"ratio\": %.3f}",
		b->rate, b->connections, b->held, b->seconds, r->res->rate / b->rate);
}
