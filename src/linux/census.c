/*
 * census.c: the Linux socket census: counting sock_diag messages, and
 * replaying recorded dumps. census-netlink.c gets the messages from the
 * kernel; census-model.c holds what other platforms share.
 *
 * The kernel is asked for TCP sockets in the selected states with no
 * extensions, so each socket is one small message (an nlmsghdr, an
 * inet_diag_msg and a few attributes, about 120 bytes). Counting is a few
 * stores per message; the kernel's walk of its socket tables is the cost,
 * which bench/census.sh measures against bench/nl-count.c.
 *
 * Recorded dump format (--record FILE, --replay FILE): the datagrams the
 * kernel sent, byte for byte and concatenated. That is one dump of both
 * families (the legacy TCPDIAG_GETSOCK request) or, from a kernel without
 * it, an IPv4 dump then an IPv6 dump (SOCK_DIAG_BY_FAMILY). Each dump ends
 * with an NLMSG_DONE message (or an NLMSG_ERROR one), so a reader walks the
 * file one nlmsghdr at a time with NLMSG_ALIGN'ed steps, as for a netlink
 * receive buffer. Data messages carry an inet_diag_msg (host byte order,
 * ports and addresses in network order, as the kernel wrote them). ss(8)
 * writes the same with --diag=FILE, so its dumps replay here as well.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "census-int.h"

/* A replay reads the file through this, a few datagrams' worth at a time. */
static _Alignas(struct nlmsghdr) uint8_t replay_buf[CENSUS_RECV_BUFFER];

static size_t
least_full_listener(const struct census *c)
{
	size_t i, least = 0;

	for (i = 1; i < c->nlisteners; i++) {
		if (census_listener_fuller(&c->listeners[least], &c->listeners[i]))
			least = i;
	}
	return least;
}

static void
add_listener(struct census *c, const struct inet_diag_msg *m)
{
	struct census_listener l = {
	    .family = m->idiag_family,
	    .port = ntohs(m->id.idiag_sport),
	    .queue = m->idiag_rqueue,
	    .backlog = m->idiag_wqueue,
	    .inode = m->idiag_inode,
	};
	size_t slot;

	if (c->nlisteners < CENSUS_LISTENERS_MAX) {
		slot = c->nlisteners++;
	} else {
		/* Keep the fullest: they are the ones an overflow comes from. */
		c->listeners_omitted++;
		slot = least_full_listener(c);
		if (!census_listener_fuller(&l, &c->listeners[slot]))
			return;
	}
	if (inet_ntop(l.family, m->id.idiag_src, l.addr, sizeof(l.addr)) == NULL)
		snprintf(l.addr, sizeof(l.addr), "?");
	c->listeners[slot] = l;
}

static int
fullest_listener(const struct census *c)
{
	size_t i, best = 0;

	if (c->nlisteners == 0)
		return -1;
	for (i = 1; i < c->nlisteners; i++) {
		if (census_listener_fuller(&c->listeners[i], &c->listeners[best]))
			best = i;
	}
	return (int)best;
}

static void
count_port(struct census_run *run, uint16_t port)
{
	struct census *c = run->c;
	uint8_t bit = (uint8_t)(1u << (port & 7));

	if (port < run->port_lo || port > run->port_hi)
		return;
	if (!(c->port_seen[port >> 3] & bit)) {
		c->port_seen[port >> 3] |= bit;
		c->ports_in_range++;
	}
}

/* The per-socket path: one call per data message. */
static int
on_data(const struct nlmsghdr *nlh, void *data)
{
	struct census_run *run = data;
	const struct inet_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	struct census *c = run->c;
	unsigned int state;

	/* TCPDIAG_GETSOCK: dumps of the legacy request (older ss --diag). */
	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY && nlh->nlmsg_type != TCPDIAG_GETSOCK) {
		run->bad = "not a sock_diag message";
		return MNL_CB_ERROR;
	}
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*m)) {
		run->bad = "message shorter than an inet_diag_msg";
		return MNL_CB_ERROR;
	}
	state = m->idiag_state < CENSUS_STATES ? m->idiag_state : CENSUS_UNKNOWN;
	if (state == CENSUS_CLOSE)
		state = CENSUS_BOUND_INACTIVE; /* the only closed sockets a dump lists */
	if (!(run->mask & CENSUS_STATE_BIT(state)))
		return MNL_CB_OK; /* the kernel filters too; a replay does not */
	c->sockets++;
	c->states[state]++;
	if (m->idiag_family == AF_INET6)
		c->sockets_ipv6++;
	count_port(run, ntohs(m->id.idiag_sport));
	if (state == CENSUS_LISTEN)
		add_listener(c, m);
	return MNL_CB_OK;
}

static const char *
dump_name(const struct census_run *run)
{
	if (!run->per_family)
		return "sock_diag dump";
	return run->dumps_done == 0 ? "sock_diag IPv4 dump" : "sock_diag IPv6 dump";
}

/*
 * After mnl_cb_run over part of a dump: 1 when that dump has ended, 0 when
 * more is to come, or -errno with cause.
 */
static int
dump_result(struct census_run *run, int ret, char *cause, size_t causelen)
{
	int err = errno;

	if (ret == MNL_CB_STOP) {
		run->dumps_done++;
		return 1;
	}
	if (ret != MNL_CB_ERROR)
		return 0;
	if (run->bad != NULL) {
		snprintf(cause, causelen, "%s", run->bad);
		return -EBADMSG;
	}
	if (err == ENOENT && run->dumps_done == 1) {
		/* No inet6_diag in this kernel (IPv6 disabled): no IPv6 sockets. */
		run->dumps_done++;
		return 1;
	}
	/* errno came from the message: a bogus one (0, INT_MIN) is a protocol error */
	if (err <= 0 || err > 4095)
		err = EPROTO;
	if (err == EINTR)
		snprintf(cause, causelen, "%s interrupted: sockets changed, try again",
			 dump_name(run));
	else
		snprintf(cause, causelen, "%s: %s", dump_name(run), strerror(err));
	return -err;
}

int
census_feed(struct census_run *run, const void *buf, size_t len, unsigned int seq,
	    unsigned int portid, char *cause, size_t causelen)
{
	return dump_result(run, mnl_cb_run(buf, len, seq, portid, on_data, run), cause, causelen);
}

/*
 * A recorded dump is data: an error or an interrupted dump in it is bad
 * data at a byte offset, never "try again" (a file does not change).
 * Only the ENOENT that ends the IPv6 dump of a kernel without inet6_diag
 * is part of a good recording.
 */
static int
replay_check(const struct census_run *run, const struct nlmsghdr *nlh, size_t at, char *cause,
	     size_t causelen)
{
	const struct nlmsgerr *e = (const struct nlmsgerr *)(nlh + 1);

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
		snprintf(cause, causelen, "an interrupted dump (NLM_F_DUMP_INTR) at byte %zu", at);
		return -EBADMSG;
	}
	if (nlh->nlmsg_type != NLMSG_ERROR)
		return 0;
	if (nlh->nlmsg_len >= sizeof(*nlh) + sizeof(e->error) && e->error == -ENOENT &&
	    run->dumps_done == 1)
		return 0;
	snprintf(cause, causelen, "an NLMSG_ERROR message (a failed dump) at byte %zu", at);
	return -EBADMSG;
}

/*
 * Walk the whole messages in replay_buf[0, *have); keep the unfinished
 * tail at the front for the next read. At EOF the last message may lack
 * its alignment padding. Returns 0 or -errno with cause.
 */
static int
replay_walk(struct census_run *run, size_t *have, size_t *base, bool eof, bool *ended, char *cause,
	    size_t causelen)
{
	size_t off = 0, left, len;
	const struct nlmsghdr *nlh;
	int err;

	while ((left = *have - off) >= sizeof(*nlh)) {
		nlh = (const struct nlmsghdr *)(replay_buf + off);
		len = nlh->nlmsg_len;
		if (len < sizeof(*nlh) || len > sizeof(replay_buf)) {
			snprintf(cause, causelen, "bad message length %zu at byte %zu", len,
				 *base + off);
			return -EBADMSG;
		}
		if (len > left || (MNL_ALIGN(len) > left && !eof))
			break; /* the rest is in the next read */
		err = replay_check(run, nlh, *base + off, cause, causelen);
		if (err == 0)
			err = census_feed(run, nlh, len, 0, 0, cause, causelen);
		if (err < 0) {
			if (run->bad != NULL)
				snprintf(cause, causelen, "%s at byte %zu", run->bad, *base + off);
			return err;
		}
		*ended = err == 1;
		off += MNL_ALIGN(len) < left ? MNL_ALIGN(len) : left;
	}
	memmove(replay_buf, replay_buf + off, *have - off);
	*have -= off;
	*base += off;
	return 0;
}

static int
replay_fd(struct census_run *run, int fd, char *cause, size_t causelen)
{
	size_t have = 0, base = 0;
	bool ended = false;
	ssize_t n;
	int err;

	for (;;) {
		n = read(fd, replay_buf + have, sizeof(replay_buf) - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			snprintf(cause, causelen, "read: %s", strerror(-err));
			return err;
		}
		have += (size_t)n;
		err = replay_walk(run, &have, &base, n == 0, &ended, cause, causelen);
		if (err < 0)
			return err;
		if (n == 0)
			break;
	}
	if (base == 0 && have == 0) {
		snprintf(cause, causelen, "empty file, not a recorded dump");
		return -EBADMSG;
	}
	if (have > 0 || !ended) {
		snprintf(cause, causelen, "truncated at byte %zu: the dump ends %s", base + have,
			 have > 0 ? "inside a message" : "before its NLMSG_DONE");
		return -EBADMSG;
	}
	return 0;
}

static int
collect_replay(struct census_run *run, const char *path, char *cause, size_t causelen)
{
	char why[256];
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		snprintf(cause, causelen, "%s: %s", path, strerror(-err));
		return err;
	}
	err = replay_fd(run, fd, why, sizeof(why));
	close(fd);
	if (err < 0)
		snprintf(cause, causelen, "%s: %s", path, why);
	return err;
}

static void
run_init(struct census_run *run, struct census *c, const struct census_opts *opts)
{
	memset(c, 0, sizeof(*c));
	c->fullest = -1;
	*run = (struct census_run){.c = c, .record_fd = -1, .port_lo = 1, .port_hi = 0};
	/* Counting "all" keeps states this build does not know, as UNKNOWN. */
	run->mask = CENSUS_ALL_STATES | CENSUS_STATE_BIT(CENSUS_UNKNOWN);
	if (opts->state_mask != 0)
		run->mask = opts->state_mask;
	if (opts->port_lo <= opts->port_hi && opts->port_hi != 0) {
		run->port_lo = opts->port_lo > 0 ? opts->port_lo : 1;
		run->port_hi = opts->port_hi;
	}
}

int
census_collect(struct census *c, const struct census_opts *opts, char *cause, size_t causelen)
{
	static const struct census_opts defaults;
	struct census_run run;
	int err;

	if (opts == NULL)
		opts = &defaults;
	run_init(&run, c, opts);
	if (opts->replay != NULL)
		err = collect_replay(&run, opts->replay, cause, causelen);
	else
		err = census_collect_live(&run, run.mask & ~CENSUS_STATE_BIT(CENSUS_UNKNOWN),
					  opts->record, cause, causelen);
	if (err < 0)
		return err;
	c->fullest = fullest_listener(c);
	return 0;
}
