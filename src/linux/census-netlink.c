/*
 * census-netlink.c: the census's side of NETLINK_SOCK_DIAG (libmnl): the
 * socket kept open between calls, the dump requests, and recording.
 *
 * The first request is the legacy TCPDIAG_GETSOCK one: the kernel answers
 * it with a single walk of its socket tables for IPv4 and IPv6 together
 * (the address family it asks for is ignored), where SOCK_DIAG_BY_FAMILY
 * (inet_diag_req_v2) takes one full walk per family. At 200,000 sockets
 * the second walk is 10% of the time on an idle machine and close to 20%
 * on a loaded one, all of it cache misses. A kernel that refuses the legacy
 * request gets the per-family ones, IPv4 then IPv6, from then on.
 */
#include "config.h"

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
#include "fsutil.h"

/* Kept between calls: the socket, the sequence number, the buffer. */
static struct mnl_socket *census_nl;
static unsigned int census_seq;
static bool census_legacy = true; /* false once the kernel refused it */
static _Alignas(struct nlmsghdr) uint8_t nl_buf[CENSUS_RECV_BUFFER];

void
census_set_legacy_request(bool legacy)
{
	census_legacy = legacy;
}

static const char *
open_hint(int err)
{
	switch (err) {
	case EPERM:
	case EACCES:
	case EAFNOSUPPORT:
	case EPROTONOSUPPORT:
		return " (netlink sock_diag is not permitted here: a sandbox or seccomp filter?)";
	case EMFILE:
	case ENFILE:
		return " (out of file descriptors; once open, the census keeps its socket)";
	default:
		return "";
	}
}

static int
census_open(char *cause, size_t causelen)
{
	int err;

	if (census_nl != NULL)
		return 0;
	census_nl = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC);
	if (census_nl == NULL) {
		err = errno;
		snprintf(cause, causelen, "netlink sock_diag socket: %s%s", strerror(err),
			 open_hint(err));
		return -err;
	}
	if (mnl_socket_bind(census_nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = errno;
		snprintf(cause, causelen, "netlink sock_diag bind: %s%s", strerror(err),
			 open_hint(err));
		census_close();
		return -err;
	}
	return 0;
}

void
census_close(void)
{
	if (census_nl != NULL)
		mnl_socket_close(census_nl);
	census_nl = NULL;
}

/* family AF_UNSPEC: the legacy request, both families in one walk. */
static struct nlmsghdr *
build_request(int family, uint32_t states, unsigned int seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl_buf);

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	if (family == AF_UNSPEC) {
		struct inet_diag_req *req = mnl_nlmsg_put_extra_header(nlh, sizeof(*req));

		nlh->nlmsg_type = TCPDIAG_GETSOCK;
		req->idiag_family = AF_INET; /* the kernel dumps both */
		req->idiag_ext = 0;	     /* no extensions: one small message a socket */
		req->idiag_states = states;
	} else {
		struct inet_diag_req_v2 *req = mnl_nlmsg_put_extra_header(nlh, sizeof(*req));

		nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
		req->sdiag_family = (uint8_t)family;
		req->sdiag_protocol = IPPROTO_TCP;
		req->idiag_ext = 0;
		req->idiag_states = states;
	}
	return nlh;
}

/* One dump from the kernel: the request, then every datagram to its end. */
static int
dump(struct census_run *run, int family, uint32_t states, char *cause, size_t causelen)
{
	unsigned int seq = ++census_seq, portid = mnl_socket_get_portid(census_nl);
	struct nlmsghdr *nlh = build_request(family, states, seq);
	ssize_t n;
	int err;

	if (mnl_socket_sendto(census_nl, nlh, nlh->nlmsg_len) < 0) {
		err = errno;
		snprintf(cause, causelen, "sock_diag request: %s%s", strerror(err), open_hint(err));
		return -err;
	}
	for (;;) {
		n = mnl_socket_recvfrom(census_nl, nl_buf, sizeof(nl_buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			snprintf(cause, causelen, "sock_diag dump: receive: %s", strerror(-err));
			return err;
		}
		if (run->record_fd >= 0) {
			err = fsutil_write_all(run->record_fd, nl_buf, (size_t)n);
			if (err < 0) {
				snprintf(cause, causelen, "record: write: %s", strerror(-err));
				return err;
			}
		}
		err = census_feed(run, nl_buf, (size_t)n, seq, portid, cause, causelen);
		if (err != 0)
			return err < 0 ? err : 0;
	}
}

/* Did the kernel refuse the legacy request itself (nothing counted yet)? */
static bool
legacy_refused(const struct census_run *run, int err)
{
	return (err == -EOPNOTSUPP || err == -EINVAL || err == -ENOENT) && run->c->sockets == 0 &&
	       run->bad == NULL;
}

static int
collect_kernel(struct census_run *run, uint32_t states, char *cause, size_t causelen)
{
	int err;

	err = census_open(cause, causelen);
	if (err < 0)
		return err;
	if (census_legacy) {
		err = dump(run, AF_UNSPEC, states, cause, causelen);
		if (!legacy_refused(run, err))
			goto out;
		census_legacy = false;
		/* Record only the dumps that count. */
		if (run->record_fd >= 0 &&
		    (ftruncate(run->record_fd, 0) < 0 || lseek(run->record_fd, 0, SEEK_SET) < 0)) {
			err = -errno;
			snprintf(cause, causelen, "record: %s", strerror(-err));
			goto out;
		}
	}
	run->per_family = true;
	err = dump(run, AF_INET, states, cause, causelen);
	if (err == 0)
		err = dump(run, AF_INET6, states, cause, causelen);
out:
	if (err < 0) {
		/* A dump may have stopped half-read: its rest would meet the
		 * next request, so start again on a fresh socket. */
		census_close();
	}
	return err;
}

int
census_collect_live(struct census_run *run, uint32_t states, const char *record, char *cause,
		    size_t causelen)
{
	int err;

	if (record != NULL) {
		run->record_fd = open(record, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (run->record_fd < 0) {
			err = -errno;
			snprintf(cause, causelen, "record: %s: %s", record, strerror(-err));
			return err;
		}
	}
	err = collect_kernel(run, states, cause, causelen);
	if (run->record_fd < 0)
		return err;
	if (close(run->record_fd) < 0 && err == 0) {
		err = -errno;
		snprintf(cause, causelen, "record: %s: %s", record, strerror(-err));
	}
	if (err < 0)
		unlink(record); /* a partial dump would only replay as truncated */
	return err;
}
