/*
 * verify-cause.c: from a verify result to the layer that stopped it, and
 * the comparison with check's prediction.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "verify-cause.h"

#define CASE_FIND_MAX 256

static int64_t
delta(int64_t before, int64_t after)
{
	return before >= 0 && after >= before ? after - before : 0;
}

/* A refused or timed-out connect: the listen queue counters tell why. */
static enum layer_kind
backlog_cause(const struct verify_result *res, char *why, size_t whylen)
{
	int64_t overflows = delta(res->before.listen_overflows, res->peak.listen_overflows);
	int64_t drops = delta(res->before.listen_drops, res->peak.listen_drops);
	int64_t syn = delta(res->before.syn_drops, res->peak.syn_drops);

	if (overflows > 0) {
		snprintf(why, whylen,
			 "the accept queue overflowed %lld times (ListenOverflows): the server "
			 "did not accept as fast as clients connected",
			 (long long)overflows);
		return LAYER_BACKLOG_SOMAXCONN;
	}
	if (drops > 0 || syn > 0) {
		snprintf(why, whylen,
			 "the listener dropped %lld handshakes (ListenDrops, %lld with the SYN "
			 "queue full)",
			 (long long)drops, (long long)syn);
		return LAYER_BACKLOG_SYN;
	}
	snprintf(why, whylen,
		 "no listen-queue drops were counted: the server did not answer (is it running "
		 "and accepting?)");
	return LAYER_KIND_NONE;
}

/* Case-insensitive search in the first bytes of a reply (not a C string). */
static bool
reply_has(const char *buf, size_t len, const char *word)
{
	size_t n = strlen(word), i, j;

	if (len > CASE_FIND_MAX)
		len = CASE_FIND_MAX;
	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++) {
			char c = buf[i + j];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != word[j])
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

static bool
starts(const char *buf, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(buf, prefix, n) == 0;
}

bool
verify_reply_is_error(const char *buf, size_t len)
{
	if (len == 0)
		return false;
	/* RESP errors start with '-'; memcached's with ERROR, SERVER_ERROR,
	 * CLIENT_ERROR; a MySQL packet is an error when byte 4 is 0xff. */
	if (buf[0] == '-' || starts(buf, len, "ERROR") || starts(buf, len, "SERVER_ERROR") ||
	    starts(buf, len, "CLIENT_ERROR") || (len > 4 && (unsigned char)buf[4] == 0xff))
		return true;
	if (starts(buf, len, "HTTP/") && len >= 12 && buf[8] == ' ' &&
	    (buf[9] == '4' || buf[9] == '5'))
		return true;
	return reply_has(buf, len, "too many") || reply_has(buf, len, "max number of clients");
}

int64_t
verify_dropped(const struct verify_result *res)
{
	return res->drops.closed + res->drops.reset;
}

bool
verify_rejected(const struct verify_result *res)
{
	return verify_dropped(res) > 0 || res->drops.error_replies > 0 || res->drops.unanswered > 0;
}

void
verify_cause_drops_apply(struct verify_result *res)
{
	struct verify_drops *dr = &res->drops;
	int64_t d = verify_dropped(res);

	/* Up, never dropped, never answered the probe: a connection the
	 * server has not accepted (its kernel finished the handshake). */
	if (dr->probed && res->stop == VERIFY_STOP_COMPLETE) {
		dr->unanswered = res->connected - dr->replies - dr->silent_drops;
		if (dr->unanswered < 0)
			dr->unanswered = 0;
	}

	res->established = res->established > d ? res->established - d : 0;
	if (res->stop == VERIFY_STOP_COMPLETE && verify_rejected(res)) {
		/* Every handshake was done: the failure is what came after. */
		snprintf(res->failure.op, sizeof(res->failure.op), "hold");
		snprintf(res->failure.where, sizeof(res->failure.where), "the server");
		res->failure.at = res->established;
	}
}

/* A server's own cap, from the words of its reply. */
static enum layer_kind
reply_app(const struct verify_drops *d, const char **what)
{
	const char *b = d->sample;
	size_t n = d->sample_len;

	if (reply_has(b, n, "too many open connections")) {
		*what = "memcached's connection cap (-c), which it answers with 'ERROR Too many "
			"open connections' and a close";
		return LAYER_APP_MEMCACHED;
	}
	if (reply_has(b, n, "max number of clients")) {
		*what = "Redis's maxclients as in effect (Redis lowers it to its nofile limit "
			"minus 32 at start-up)";
		return LAYER_APP_REDIS;
	}
	if (reply_has(b, n, "too many clients")) {
		*what = "PostgreSQL's max_connections";
		return LAYER_APP_POSTGRESQL;
	}
	if (reply_has(b, n, "too many connections")) {
		*what = "MySQL's max_connections";
		return LAYER_APP_MYSQL;
	}
	*what = NULL;
	return LAYER_KIND_NONE;
}

/* The server took the handshakes and then dropped clients or answered
 * with errors: its own cap or its nofile limit, not this host's. */
static enum layer_kind
drop_cause(const struct verify_result *res, char *why, size_t whylen)
{
	const struct verify_drops *d = &res->drops;
	const char *what = NULL;
	enum layer_kind kind = d->sample_error ? reply_app(d, &what) : LAYER_KIND_NONE;
	int64_t dropped = verify_dropped(res);
	int len;

	if (dropped == 0 && d->error_replies == 0 && d->unanswered > 0) {
		snprintf(why, whylen,
			 "%lld connections never answered --send while held: the server has not "
			 "accepted them (its kernel completed the handshake, but its accept queue "
			 "is full: it stopped accepting or accepts too slowly; headroom verify "
			 "--serve there reports ListenOverflows), or it is too slow to answer, or "
			 "the probe is not its protocol",
			 (long long)d->unanswered);
		return LAYER_KIND_NONE;
	}
	if (dropped > 0)
		len = snprintf(why, whylen,
			       "the server dropped %lld connections after the handshake (%lld "
			       "closed, %lld reset; the first after %.2f s, the last after %.2f "
			       "s%s): ",
			       (long long)dropped, (long long)d->closed, (long long)d->reset,
			       d->first, d->last,
			       d->during_hold > 0 ? ", some while all were held" : "");
	else
		len = snprintf(why, whylen,
			       "the server answered %lld connections with an error and kept them "
			       "open: if the reply is about the probe, --send is not this server's "
			       "protocol; else ",
			       (long long)d->error_replies);
	if (len < 0 || (size_t)len >= whylen)
		return kind;
	if (what != NULL)
		snprintf(why + len, whylen - (size_t)len,
			 "%s; on the server host, headroom check --pid <its pid> shows it", what);
	else
		snprintf(why + len, whylen - (size_t)len,
			 "likely the server's own connection cap (nginx worker_connections, "
			 "HAProxy maxconn, Redis maxclients, memcached -c, a pool size) or its "
			 "nofile limit (an accept that fails with EMFILE); on the server host, "
			 "headroom check --pid <its pid> shows both");
	return kind;
}

/*
 * --connect to another host: what the client can tell from its side. Its
 * own ports and fds fail at once with their own errno; what is left are
 * SYNs nobody answers (a full accept queue on the server drops them, and
 * so does a stateful middlebox whose conntrack table is full) and resets
 * (nothing listens, a firewall rejects).
 */
static enum layer_kind
remote_cause(const struct verify_result *res, char *why, size_t whylen)
{
	const struct verify_failure *f = &res->failure;

	if (f->err == ECONNREFUSED) {
		snprintf(why, whylen,
			 "refused after %lld were up (a reset to the SYN): the server stopped "
			 "listening (did it die? see its log), or a firewall between rejects new "
			 "flows; not this host's ports or fds (those fail with EADDRNOTAVAIL / "
			 "EMFILE)",
			 (long long)res->established);
		return LAYER_KIND_NONE;
	}
	snprintf(why, whylen,
		 "stalled at %lld: new connects went unanswered (SYNs dropped, no reset), so "
		 "not this host's ports or fds (those fail at once with EADDRNOTAVAIL / EMFILE). "
		 "Candidates: the server's accept queue is full (it stopped accepting: its "
		 "nofile, a slow accept loop; headroom verify --serve there reports "
		 "ListenOverflows) or a stateful middlebox between the hosts drops new flows "
		 "(a firewall's or NAT's conntrack table is full: conntrack -S, 'nf_conntrack: "
		 "table full' in its kernel log); a table or queue of about %lld",
		 (long long)res->established, (long long)res->established);
	return LAYER_KIND_NONE;
}

/* --serve timed out short of the target: did the clients reach us? */
static enum layer_kind
serve_cause(const struct verify_result *res, char *why, size_t whylen)
{
	int64_t overflows = delta(res->before.listen_overflows, res->peak.listen_overflows);
	int64_t drops = delta(res->before.listen_drops, res->peak.listen_drops);

	if (overflows > 0 || drops > 0)
		return backlog_cause(res, why, whylen);
	snprintf(why, whylen,
		 "accepted %lld and no listen-queue drops here (ListenOverflows +0, ListenDrops "
		 "+0): the missing connections never reached this host. Look at the clients "
		 "(their ports, fds: headroom verify --connect reports them) or between the "
		 "hosts (a firewall's or NAT's conntrack table, a load balancer's limit)",
		 (long long)res->accepted);
	return LAYER_KIND_NONE;
}

static enum layer_kind
errno_cause(const struct verify_result *res, const struct verify_layout *lay, char *why,
	    size_t whylen)
{
	const struct verify_failure *f = &res->failure;

	switch (f->err) {
	case EMFILE:
		snprintf(why, whylen,
			 "%s ran out of descriptors holding %lld: its nofile limit is %lld%s",
			 f->where, (long long)f->at, (long long)lay->soft_wanted,
			 lay->soft_wanted < verify_layout_need(lay)
			     ? ", already the hard limit: raise nofile.hard too"
			     : "");
		return LAYER_NOFILE_SOFT;
	case ENFILE:
		snprintf(why, whylen, "the system ran out of open files (fs.file-max)");
		return LAYER_FS_FILE_MAX;
	case EADDRNOTAVAIL:
	case EADDRINUSE:
		snprintf(why, whylen,
			 "no ephemeral port left: %lld ports per source address x %d source%s x "
			 "%d listener port%s",
			 (long long)lay->ports_per_source, lay->sources,
			 lay->sources == 1 ? "" : "s", lay->ports, lay->ports == 1 ? "" : "s");
		return LAYER_PORTS_EPHEMERAL;
	case ENOBUFS:
		snprintf(why, whylen, "TCP ran out of buffer memory (net.ipv4.tcp_mem)");
		return LAYER_TCP_MEM;
	case ENOMEM:
		snprintf(why, whylen, "the kernel ran out of memory for sockets");
		return LAYER_MEM_PER_CONN;
	case EAGAIN:
		if (strcmp(f->op, "fork") == 0) {
			snprintf(why, whylen, "fork failed: the process limit (RLIMIT_NPROC)");
			return LAYER_NPROC;
		}
		break;
	case ECONNREFUSED:
	case ECONNRESET:
	case ETIMEDOUT:
		if (lay->remote)
			return remote_cause(res, why, whylen);
		return backlog_cause(res, why, whylen);
	}
	snprintf(why, whylen, "%s: %s", f->op, strerror(f->err));
	return LAYER_KIND_NONE;
}

enum layer_kind
verify_cause_layer(const struct verify_result *res, const struct verify_layout *lay, char *why,
		   size_t whylen)
{
	const struct verify_failure *f = &res->failure;

	why[0] = '\0';
	if (verify_rejected(res) && res->stop != VERIFY_STOP_INTERRUPTED)
		return drop_cause(res, why, whylen);
	switch (res->stop) {
	case VERIFY_STOP_COMPLETE:
	case VERIFY_STOP_NONE:
		return LAYER_KIND_NONE;
	case VERIFY_STOP_INTERRUPTED:
		snprintf(why, whylen, "interrupted by a signal");
		return LAYER_KIND_NONE;
	case VERIFY_STOP_TIMEOUT:
		if (lay->remote)
			return remote_cause(res, why, whylen);
		if (lay->serve)
			return serve_cause(res, why, whylen);
		return backlog_cause(res, why, whylen);
	case VERIFY_STOP_FAILED:
		break;
	}
	if (strcmp(f->op, "exit") == 0) {
		if (f->signo == SIGKILL)
			snprintf(why, whylen, "%s was killed (SIGKILL: the OOM killer?)", f->where);
		else if (f->signo != 0)
			snprintf(why, whylen, "%s died of signal %d", f->where, f->signo);
		else
			snprintf(why, whylen, "%s exited unexpectedly", f->where);
		return LAYER_KIND_NONE;
	}
	return errno_cause(res, lay, why, whylen);
}

static int64_t
scaled(int64_t supports, int64_t procs)
{
	if (supports == LAYER_UNLIMITED || supports == LAYER_NONE || procs <= 1)
		return supports;
	if (supports > INT64_MAX / procs)
		return LAYER_UNLIMITED;
	return supports * procs;
}

/*
 * How many processes carry a per-process limit for this layout: the fewer
 * of the two sides; LAYER_UNLIMITED when every side adds processes as it
 * needs them (then no per-process limit caps the run).
 */
static int64_t
layout_processes(const struct verify_opts *opts, const struct verify_layout *lay)
{
	int64_t clients =
	    opts->clients > 0 || opts->what != VERIFY_CONNECTIONS ? lay->clients : LAYER_UNLIMITED;
	int64_t servers = opts->servers > 0 ? lay->servers : LAYER_UNLIMITED;

	if (lay->servers == 0)
		return clients;
	return clients < servers ? clients : servers;
}

void
verify_predict(const struct layer_set *set, const struct plan_result *plan,
	       const struct verify_opts *opts, const struct verify_layout *lay,
	       struct verify_prediction *p)
{
	int64_t procs = layout_processes(opts, lay), sup;
	size_t i;

	memset(p, 0, sizeof(*p));
	p->have = true;
	p->check_max = plan->max_supported;
	p->spread = procs == LAYER_UNLIMITED;
	if (plan->bottleneck != NULL)
		p->check_bottleneck = plan->bottleneck->kind;
	p->layout_max = LAYER_UNLIMITED;
	for (i = 0; i < set->n; i++) {
		const struct layer *l = &set->v[i];
		const struct layer_desc *d = &layer_descs[l->kind];

		if (!l->caps_now || l->pid != 0 || l->verdict == VERDICT_UNKNOWN ||
		    l->supports == LAYER_NONE)
			continue;
		if (opts->what != VERIFY_CONNECTIONS && !d->fds)
			continue;
		if (d->per_process && procs == LAYER_UNLIMITED)
			continue;
		sup = d->per_process ? scaled(l->supports, procs) : l->supports;
		if (sup < p->layout_max) {
			p->layout_max = sup;
			p->layout_bottleneck = l->kind;
		}
	}
}

static int64_t
tolerance(int64_t predicted, const struct verify_layout *lay)
{
	int64_t tol = predicted / 50; /* 2% */
	int64_t fixed = lay->proc_overhead * (lay->clients + lay->servers);

	if (tol < fixed)
		tol = fixed;
	return tol < 64 ? 64 : tol;
}

void
verify_compare(struct verify_prediction *p, const struct verify_result *res,
	       const struct verify_layout *lay, int64_t target, enum layer_kind cause)
{
	const char *layer = layer_kind_id(cause), *blamed = layer_kind_id(p->layout_bottleneck);
	int64_t pred = p->layout_max, got = res->established;
	int64_t tol = tolerance(pred == LAYER_UNLIMITED ? target : pred, lay);
	bool complete = res->stop == VERIFY_STOP_COMPLETE;

	p->agreement = AGREE_NONE;
	if (!p->have || res->stop == VERIFY_STOP_INTERRUPTED || res->stop == VERIFY_STOP_NONE)
		return;
	if (verify_rejected(res)) {
		snprintf(p->note, sizeof(p->note),
			 "the server's own limits are not this host's: check here has no count "
			 "for them (run it on the server host with --pid)");
		return;
	}
	if (cause == LAYER_BACKLOG_SOMAXCONN || cause == LAYER_BACKLOG_SYN) {
		/* check judges the backlog against a burst, not a count. */
		snprintf(p->note, sizeof(p->note),
			 "the accept backlog does not bound how many connections are held, so "
			 "check has no count for it: the server accepted too slowly for its queue");
		return;
	}
	if (complete ? pred >= target - tol
		     : (pred < target && (got > pred ? got - pred : pred - got) <= tol)) {
		p->agreement = AGREE_YES;
		if (!complete && cause != LAYER_KIND_NONE && cause != p->layout_bottleneck)
			snprintf(p->note, sizeof(p->note),
				 "same count, but check blames %s where verify hit %s",
				 blamed != NULL ? blamed : "", layer);
		return;
	}
	if (got > pred) {
		p->agreement = AGREE_CHECK_LOW;
		snprintf(p->note, sizeof(p->note),
			 "verify held more than check allows: check underestimates %s (a bug in "
			 "check, or the limit changed during the run)",
			 blamed != NULL ? blamed : "");
	} else if (cause != LAYER_KIND_NONE) {
		p->agreement = AGREE_CHECK_HIGH;
		snprintf(p->note, sizeof(p->note),
			 "verify hit %s below check's figure: check overestimates %s (a bug in "
			 "check)",
			 layer, layer);
	} else {
		p->agreement = AGREE_VERIFY_LOW;
		snprintf(p->note, sizeof(p->note),
			 "verify stopped early with no limit to blame: a bug in verify, or the "
			 "machine was too busy for the timeout");
	}
}
