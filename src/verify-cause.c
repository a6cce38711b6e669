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
	switch (res->stop) {
	case VERIFY_STOP_COMPLETE:
	case VERIFY_STOP_NONE:
		return LAYER_KIND_NONE;
	case VERIFY_STOP_INTERRUPTED:
		snprintf(why, whylen, "interrupted by a signal");
		return LAYER_KIND_NONE;
	case VERIFY_STOP_TIMEOUT:
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
