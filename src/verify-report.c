/*
 * verify-report.c: the layout and the result of a verify run, as text
 * and JSON (the progress line: verify-progress.c).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "platform.h"
#include "report.h"
#include "verify-report.h"

#define FIG 32
/* Below this many, other activity on the machine swamps the slab growth. */
#define KSTAT_MIN_CONNS 1000

static const char *
fig(char *buf, int64_t v)
{
	return report_figure(buf, FIG, v, UNIT_COUNT);
}

static const char *
bytes(char *buf, int64_t v)
{
	const char *sign = v < 0 ? "-" : "";
	double a = v < 0 ? -(double)v : (double)v;

	if (a < 1024)
		snprintf(buf, FIG, "%s%.0f B", sign, a);
	else if (a < 1024.0 * 1024)
		snprintf(buf, FIG, "%s%.1f KiB", sign, a / 1024);
	else if (a < 1024.0 * 1024 * 1024)
		snprintf(buf, FIG, "%s%.1f MiB", sign, a / (1024 * 1024));
	else
		snprintf(buf, FIG, "%s%.1f GiB", sign, a / (1024.0 * 1024 * 1024));
	return buf;
}

static const char *
what_name(const struct verify_opts *o)
{
	switch (o->what) {
	case VERIFY_FDS:
		return "file descriptors";
	case VERIFY_SOCKETS:
		return "sockets";
	case VERIFY_CONNECTIONS:
		break;
	}
	return "connections";
}

static const char *
unit_name(const struct verify_opts *o)
{
	switch (o->what) {
	case VERIFY_FDS:
		return "descriptor";
	case VERIFY_SOCKETS:
		return "socket";
	case VERIFY_CONNECTIONS:
		break;
	}
	return "connection";
}

const char *
verify_report_verdict(const struct verify_result *res)
{
	switch (res->stop) {
	case VERIFY_STOP_COMPLETE:
		return verify_rejected(res) ? "fail" : "ok";
	case VERIFY_STOP_INTERRUPTED:
	case VERIFY_STOP_NONE:
		return "interrupted";
	case VERIFY_STOP_FAILED:
	case VERIFY_STOP_TIMEOUT:
		break;
	}
	return "fail";
}

static const char *
stop_name(enum verify_stop st)
{
	static const char *const names[] = {"running", "complete", "failed", "timeout",
					    "interrupted"};

	return names[st];
}

/* "127.0.0.1" or "127.0.0.1-127.0.0.4" */
static void
sources_text(const struct verify_report *r, char *buf, size_t len)
{
	struct in_addr last = {.s_addr = htonl(INADDR_LOOPBACK + (uint32_t)r->lay->sources - 1)};
	char tail[INET_ADDRSTRLEN];

	if (r->opts->ipv6) {
		snprintf(buf, len, "::1");
		return;
	}
	if (r->lay->sources == 1) {
		snprintf(buf, len, r->connect != NULL ? "chosen by the kernel" : "127.0.0.1");
		return;
	}
	inet_ntop(AF_INET, &last, tail, sizeof(tail));
	snprintf(buf, len, "127.0.0.1-%s", tail);
}

static void
layout_nofile(FILE *f, const struct verify_report *r)
{
	int64_t need = verify_layout_need(r->lay);
	char a[FIG], b[FIG], c[FIG];

	if (r->soft_after > r->soft_before)
		fprintf(f,
			"  nofile:  raised the soft limit %s -> %s (hard %s) for verify and its "
			"processes",
			fig(a, r->soft_before), fig(b, r->soft_after), fig(c, r->hard));
	else if (r->soft_before >= need)
		fprintf(f, "  nofile:  soft limit %s is enough, left as it is",
			fig(a, r->soft_before));
	else
		fprintf(f, "  nofile:  soft limit %s, hard %s", fig(a, r->soft_before),
			fig(b, r->hard));
	if (r->soft_after < need)
		fprintf(f, ": a process holds about %s, less than its share (expect EMFILE)",
			fig(a, r->soft_after - r->lay->proc_overhead));
	fputc('\n', f);
}

static void
layout_side(FILE *f, const struct verify_report *r, const char *name, int n, int at_once,
	    int64_t share, bool spread, const char *how)
{
	char a[FIG], b[FIG], c[FIG];

	fprintf(f, "  %s %d process%s, up to %s each", name, n, n == 1 ? "" : "es", fig(a, share));
	if (at_once < n)
		fprintf(f, ", %d at a time", at_once);
	fputs(how, f);
	if (spread)
		fprintf(f, " (spread: one process holds at most %s, its hard nofile limit %s)",
			fig(b, r->hard - r->lay->proc_overhead), fig(c, r->hard));
	fputc('\n', f);
}

static void
layout_connections(FILE *f, const struct verify_report *r)
{
	const struct verify_layout *lay = r->lay;
	char src[64], a[FIG];

	if (lay->clients > 0)
		layout_side(f, r, "clients:", lay->clients, lay->clients_at_once, lay->client_share,
			    lay->clients_spread, ", non-blocking connect + epoll");
	if (lay->servers > 0)
		layout_side(f, r, "servers:", lay->servers, lay->servers_at_once, lay->server_share,
			    lay->servers_spread,
			    lay->ports == 1 ? ", sharing one listener" : ", sharing the listeners");
	if (lay->serve)
		return;
	sources_text(r, src, sizeof(src));
	fprintf(f, "  sources: %d address%s %s, %s ports each%s\n", lay->sources,
		lay->sources == 1 ? "" : "es", src, fig(a, lay->ports_per_source),
		lay->sources_auto ? " (chosen from the target and the port range)" : "");
	if (lay->ports > 1)
		fprintf(f, "  ports:   %d listener ports\n", lay->ports);
}

void
verify_report_layout(FILE *f, const struct verify_report *r)
{
	const struct verify_opts *o = r->opts;
	char a[FIG];

	if (r->quiet)
		return;
	fprintf(f, "verify: %s %s", fig(a, o->target), what_name(o));
	if (o->what == VERIFY_CONNECTIONS && r->connect != NULL)
		fprintf(f, " to %s (client side only)\n", r->connect);
	else if (r->serve != NULL)
		fprintf(f, " served on %s for clients on other hosts (server side only)\n",
			r->serve);
	else if (o->what == VERIFY_CONNECTIONS)
		fprintf(f, " on %s loopback, client and server on this host\n",
			o->ipv6 ? "IPv6" : "IPv4");
	else
		fprintf(f, " in %s\n", r->lay->clients == 1 ? "one process" : "several processes");
	layout_nofile(f, r);
	if (o->what == VERIFY_CONNECTIONS)
		layout_connections(f, r);
	else if (r->lay->clients > 1)
		fprintf(f, "  processes: %d, up to %s each\n", r->lay->clients,
			fig(a, r->lay->client_share));
	fprintf(f, "  timeout: %.0f s%s", r->lay->timeout,
		o->timeout > 0 ? "" : " (default for this target)");
	if (o->hold > 0)
		fprintf(f, ", then hold for %.0f s", o->hold);
	if (o->serve)
		fprintf(f, ", or until the clients close every connection");
	fputc('\n', f);
}

static void
text_failure(FILE *f, const struct verify_report *r)
{
	const struct verify_result *res = r->res;
	const struct verify_failure *fl = &res->failure;
	const struct layer *l = r->layer;

	if (res->stop == VERIFY_STOP_TIMEOUT)
		fprintf(f, "timed out after %.0f s (--timeout)\n", r->lay->timeout);
	else if (fl->err != 0)
		fprintf(f, "%s: %s (%s) in %s\n", fl->op, strerror(fl->err),
			platform_errno_name(fl->err) ? platform_errno_name(fl->err) : "?",
			fl->where);
	else
		fprintf(f, "%s\n", r->why);
	if (r->cause != LAYER_KIND_NONE)
		fprintf(f, "  stopped by: %s: %s\n", layer_kind_id(r->cause), r->why);
	else if (fl->err != 0 || res->stop == VERIFY_STOP_TIMEOUT)
		fprintf(f, "  cause: %s\n", r->why);
	if (l == NULL)
		return;
	if (l->fix.live[0] != '\0')
		fprintf(f, "  %s now:     %s\n", l->fix.needs_root ? "#" : " ", l->fix.live);
	if (l->fix.persist[0] != '\0')
		fprintf(f, "  %s persist: %s\n", l->fix.needs_root ? "#" : " ", l->fix.persist);
}

static int64_t
mem_allows(const struct verify_result *res, int64_t per)
{
	if (per <= 0 || res->before.mem_available < 0)
		return LAYER_NONE;
	return res->before.mem_available / per;
}

static void
text_kernel(FILE *f, const struct verify_report *r)
{
	const struct verify_result *res = r->res;
	int64_t per = verify_kstat_bytes_per_conn(&res->before, &res->peak, res->established);
	char a[FIG], b[FIG], c[FIG], d[FIG];

	if (!res->kstat_ok)
		return;
	if (per > 0 && res->established >= KSTAT_MIN_CONNS)
		fprintf(f,
			"kernel:   %s per %s (Slab %s at the peak); MemAvailable %s allows "
			"about %s at this rate\n",
			bytes(a, per), unit_name(r->opts),
			bytes(b, res->peak.slab - res->before.slab),
			bytes(c, res->before.mem_available), fig(d, mem_allows(res, per)));
	if (r->opts->what == VERIFY_CONNECTIONS && r->lay->servers > 0) {
		int64_t overflows = res->peak.listen_overflows - res->before.listen_overflows;

		fprintf(
		    f,
		    "listen:   port %d, ListenOverflows +%" PRId64 ", ListenDrops +%" PRId64 "%s\n",
		    res->listen_port, overflows, res->peak.listen_drops - res->before.listen_drops,
		    overflows > 0 && res->stop == VERIFY_STOP_COMPLETE
			? " (the servers fell behind; those handshakes were retried after 1 s, "
			  "which slows the rate: see backlog.somaxconn)"
			: "");
	}
	fprintf(f, "teardown: reset in %.2f s, TIME_WAIT %+" PRId64 "%s\n", res->teardown_seconds,
		res->after.tcp_tw - res->before.tcp_tw,
		res->children_killed > 0 ? ", some workers had to be killed"
					 : ", every worker exited");
}

static const char *
limit_name(enum layer_kind kind)
{
	return kind != LAYER_KIND_NONE ? layer_kind_id(kind) : "no limit";
}

static void
text_prediction(FILE *f, const struct verify_report *r)
{
	const struct verify_prediction *p = r->pred;
	char a[FIG], b[FIG], c[FIG];

	if (p == NULL || !p->have)
		return;
	fprintf(f, "check:    predicted a maximum of %s (%s)", fig(a, p->check_max),
		limit_name(p->check_bottleneck));
	if (p->layout_max != p->check_max && p->spread)
		fprintf(f,
			"; with processes added as needed (per-process limits do not cap "
			"verify): %s (%s)",
			fig(b, p->layout_max), limit_name(p->layout_bottleneck));
	else if (p->layout_max != p->check_max)
		fprintf(f, "; for verify's processes: %s (%s)", fig(b, p->layout_max),
			limit_name(p->layout_bottleneck));
	fprintf(f, "; verify reached %s", fig(c, r->res->established));
	switch (p->agreement) {
	case AGREE_NONE:
		fprintf(f, "%s%s\n", p->note[0] ? "\n  note: " : "", p->note);
		break;
	case AGREE_YES:
		fprintf(f, ": they agree%s%s\n", p->note[0] ? "; " : "", p->note);
		break;
	default:
		fprintf(f, "\n  DISAGREE: %s\n", p->note);
	}
}

/* What the server did after the handshakes, in a few words. */
static const char *
rejected_how(const struct verify_result *res, char *buf)
{
	char n[FIG];
	const struct verify_drops *d = &res->drops;

	if (verify_dropped(res) > 0)
		snprintf(buf, FIG * 2, "the server dropped %s", fig(n, verify_dropped(res)));
	else if (d->error_replies > 0)
		snprintf(buf, FIG * 2, "the server answered %s with an error",
			 fig(n, d->error_replies));
	else
		snprintf(buf, FIG * 2, "%s never answered --send", fig(n, d->unanswered));
	return buf;
}

void
verify_report_text(FILE *f, const struct verify_report *r)
{
	const struct verify_result *res = r->res;
	char a[FIG], b[FIG], c[FIG * 2];

	if (r->quiet) {
		fprintf(f, "verify: %s: %s/%s %s%s%s\n", verify_report_verdict(res),
			fig(a, res->established), fig(b, r->opts->target), what_name(r->opts),
			r->cause != LAYER_KIND_NONE ? ", stopped by " : "",
			r->cause != LAYER_KIND_NONE ? layer_kind_id(r->cause) : "");
		return;
	}
	if (res->stop == VERIFY_STOP_COMPLETE && verify_rejected(res)) {
		fprintf(f,
			"result:   FAILED at %s/%s %s held: all handshakes done in %.2f s, then "
			"%s\n",
			fig(a, res->established), fig(b, r->opts->target), what_name(r->opts),
			res->seconds, rejected_how(res, c));
		fprintf(f, "  %s: %s%s%s\n", r->cause != LAYER_KIND_NONE ? "stopped by" : "cause",
			r->cause != LAYER_KIND_NONE ? layer_kind_id(r->cause) : "",
			r->cause != LAYER_KIND_NONE ? ": " : "", r->why);
	} else if (res->stop == VERIFY_STOP_COMPLETE) {
		fprintf(f, "result:   %s/%s %s %s in %.2f s (%s/s)\n", fig(a, res->established),
			fig(b, r->opts->target), what_name(r->opts),
			r->opts->serve ? "accepted" : "established", res->seconds,
			fig(c, (int64_t)res->rate));
	} else {
		fprintf(f, "result:   %s at %s/%s %s after %.2f s: ",
			res->stop == VERIFY_STOP_INTERRUPTED ? "INTERRUPTED" : "FAILED",
			fig(a, res->established), fig(b, r->opts->target), what_name(r->opts),
			res->seconds);
		text_failure(f, r);
	}
	if (r->lay->servers > 0 && r->lay->clients > 0 && res->connected != res->accepted)
		fprintf(f, "          clients connected %s, servers accepted %s\n",
			fig(a, res->connected), fig(b, res->accepted));
	verify_report_watch_text(f, r);
	verify_report_serve_text(f, r);
	verify_report_bare_text(f, r);
	text_kernel(f, r);
	fprintf(f, "memory:   verify's %d processes peaked at %s RSS in all\n", res->nprocs + 1,
		bytes(a, res->peak_rss_bytes));
	if (res->held > 0)
		fprintf(f, "held:     %.1f s\n", res->held);
	text_prediction(f, r);
	fprintf(f, "verdict:  %s\n", verify_report_verdict(res));
}

static void
json_key(FILE *f, const char *key, bool *first)
{
	fprintf(f, "%s\n  \"%s\": ", *first ? "" : ",", key);
	*first = false;
}

static void
json_i64(FILE *f, const char *key, int64_t v, bool *first)
{
	json_key(f, key, first);
	json_figure(f, v);
}

static void
json_str(FILE *f, const char *key, const char *v, bool *first)
{
	json_key(f, key, first);
	json_string(f, v);
}

static void
json_layout(FILE *f, const struct verify_report *r)
{
	const struct verify_layout *lay = r->lay;

	fprintf(f,
		"{\"clients\": %d, \"servers\": %d, \"clients_at_once\": %d, "
		"\"servers_at_once\": %d, \"sources\": %d, \"ports\": %d, "
		"\"listen_port\": %d, \"client_share\": %" PRId64 ", \"server_share\": %" PRId64
		", \"ports_per_source\": %" PRId64 ", \"timeout\": %.1f, \"hold\": %.1f, "
		"\"window\": %d, \"ipv6\": %s, \"connect\": ",
		lay->clients, lay->servers, lay->clients_at_once, lay->servers_at_once,
		lay->sources, lay->ports, r->res->listen_port, lay->client_share, lay->server_share,
		lay->ports_per_source, lay->timeout, r->opts->hold, r->opts->window,
		r->opts->ipv6 ? "true" : "false");
	json_string(f, r->connect);
	fputs(", \"serve\": ", f);
	json_string(f, r->serve);
	fprintf(f, ", \"closed_by_clients\": %" PRId64, r->res->closed_by_peer);
	fprintf(f,
		", \"nofile_soft_before\": %" PRId64 ", \"nofile_soft\": %" PRId64
		", \"nofile_hard\": %" PRId64 "}",
		r->soft_before, r->soft_after, r->hard);
}

static void
json_failure(FILE *f, const struct verify_report *r)
{
	const struct verify_failure *fl = &r->res->failure;
	const struct layer *l = r->layer;
	const char *name = fl->err != 0 ? platform_errno_name(fl->err) : NULL;

	if (r->res->stop != VERIFY_STOP_FAILED && r->res->stop != VERIFY_STOP_TIMEOUT &&
	    !(r->res->stop == VERIFY_STOP_COMPLETE && verify_rejected(r->res))) {
		fputs("null", f);
		return;
	}
	fputs("{\"op\": ", f);
	json_string(f, fl->op);
	fputs(", \"errno\": ", f);
	json_string(f, name);
	fputs(", \"message\": ", f);
	json_string(f, fl->err != 0 ? strerror(fl->err) : NULL);
	fputs(", \"where\": ", f);
	json_string(f, fl->where);
	fprintf(f, ", \"held\": %" PRId64 ", \"signal\": %d, \"layer\": ", fl->at, fl->signo);
	json_string(f, layer_kind_id(r->cause));
	fputs(", \"why\": ", f);
	json_string(f, r->why);
	fputs(", \"fix\": ", f);
	if (l == NULL) {
		fputs("null}", f);
		return;
	}
	fputs("{\"live\": ", f);
	json_string(f, l->fix.live[0] ? l->fix.live : NULL);
	fputs(", \"persist\": ", f);
	json_string(f, l->fix.persist[0] ? l->fix.persist : NULL);
	fprintf(f, ", \"needs_root\": %s}}", l->fix.needs_root ? "true" : "false");
}

static void
json_kernel(FILE *f, const struct verify_report *r)
{
	const struct verify_result *res = r->res;
	int64_t per = verify_kstat_bytes_per_conn(&res->before, &res->peak, res->established);

	if (!res->kstat_ok) {
		fputs("null", f);
		return;
	}
	fprintf(f,
		"{\"slab_delta\": %" PRId64 ", \"tcp_mem_pages_delta\": %" PRId64
		", \"bytes_per_conn\": ",
		res->peak.slab - res->before.slab,
		res->peak.tcp_mem_pages - res->before.tcp_mem_pages);
	json_figure(f, per > 0 ? per : LAYER_NONE);
	fprintf(f, ", \"mem_available\": %" PRId64 ", \"mem_allows\": ", res->before.mem_available);
	json_figure(f, mem_allows(res, per));
	fprintf(f,
		", \"listen_overflows\": %" PRId64 ", \"listen_drops\": %" PRId64
		", \"time_wait_left\": %" PRId64 "}",
		res->peak.listen_overflows - res->before.listen_overflows,
		res->peak.listen_drops - res->before.listen_drops,
		res->after.tcp_tw - res->before.tcp_tw);
}

static void
json_prediction(FILE *f, const struct verify_prediction *p)
{
	static const char *const agree[] = {"none", "yes", "check_low", "check_high", "verify_low"};

	if (p == NULL || !p->have) {
		fputs("null", f);
		return;
	}
	fputs("{\"check_max\": ", f);
	json_figure(f, p->check_max);
	fputs(", \"check_bottleneck\": ", f);
	json_string(f, layer_kind_id(p->check_bottleneck));
	fputs(", \"layout_max\": ", f);
	json_figure(f, p->layout_max);
	fputs(", \"layout_bottleneck\": ", f);
	json_string(f, layer_kind_id(p->layout_bottleneck));
	fprintf(f, ", \"agree\": \"%s\", \"note\": ", agree[p->agreement]);
	json_string(f, p->note[0] ? p->note : NULL);
	fputc('}', f);
}

void
verify_report_json(FILE *f, const struct verify_report *r)
{
	const struct verify_result *res = r->res;
	bool first = true;

	json_doc_begin(f, "verify", REPORT_SCHEMA);
	first = false;
	json_str(f, "command", "verify", &first);
	json_str(f, "what",
		 r->opts->what == VERIFY_FDS	   ? "fds"
		 : r->opts->what == VERIFY_SOCKETS ? "sockets"
						   : "connections",
		 &first);
	json_i64(f, "target", r->opts->target, &first);
	json_str(f, "verdict", verify_report_verdict(res), &first);
	json_str(f, "stop", stop_name(res->stop), &first);
	json_i64(f, "established", res->established, &first);
	json_i64(f, "connected", res->connected, &first);
	json_i64(f, "accepted", res->accepted, &first);
	json_key(f, "seconds", &first);
	fprintf(f, "%.4f", res->seconds);
	json_key(f, "rate", &first);
	fprintf(f, "%.1f", res->rate);
	json_str(f, "bottleneck", layer_kind_id(r->cause), &first);
	json_key(f, "layout", &first);
	json_layout(f, r);
	json_key(f, "failure", &first);
	json_failure(f, r);
	json_key(f, "bare_loop", &first);
	verify_report_bare_json(f, r);
	json_key(f, "server_drops", &first);
	verify_report_watch_json(f, r);
	json_key(f, "kernel", &first);
	json_kernel(f, r);
	json_key(f, "memory", &first);
	fprintf(f, "{\"processes\": %d, \"peak_rss_bytes\": %" PRId64 "}", res->nprocs + 1,
		res->peak_rss_bytes);
	json_key(f, "teardown", &first);
	fprintf(f, "{\"seconds\": %.3f, \"killed\": %" PRId64 "}", res->teardown_seconds,
		res->children_killed);
	json_key(f, "held", &first);
	fprintf(f, "%.1f", res->held);
	json_key(f, "prediction", &first);
	json_prediction(f, r->pred);
	fputs("\n}\n", f);
}
