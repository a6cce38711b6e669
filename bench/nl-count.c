/*
 * nl-count.c: the reference for bench/census.sh. A bare NETLINK_SOCK_DIAG
 * dump of TCP sockets that only counts the messages: the same request as
 * the census (the legacy TCPDIAG_GETSOCK one, both families in one dump;
 * with -2, SOCK_DIAG_BY_FAMILY per family, IPv4 then IPv6), the same
 * states, no extensions, the census's receive buffer size. What the census
 * costs beyond this is its own work. Prints the number of sockets.
 */
#include "config.h"

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "census.h"

static _Alignas(struct nlmsghdr) unsigned char buf[CENSUS_RECV_BUFFER];

static int
send_request(int fd, int family, unsigned int seq)
{
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	struct {
		struct nlmsghdr nlh;
		union {
			struct inet_diag_req legacy;
			struct inet_diag_req_v2 v2;
		} req;
	} msg = {
	    .nlh = {.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = seq},
	};

	if (family == AF_UNSPEC) {
		msg.nlh.nlmsg_type = TCPDIAG_GETSOCK;
		msg.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(msg.req.legacy));
		msg.req.legacy.idiag_family = AF_INET;
		msg.req.legacy.idiag_states = CENSUS_ALL_STATES;
	} else {
		msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
		msg.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(msg.req.v2));
		msg.req.v2.sdiag_family = (__u8)family;
		msg.req.v2.sdiag_protocol = IPPROTO_TCP;
		msg.req.v2.idiag_states = CENSUS_ALL_STATES;
	}
	return (int)sendto(fd, &msg, msg.nlh.nlmsg_len, 0, (struct sockaddr *)&kernel,
			   sizeof(kernel));
}

/* Messages of one dump, or -1 on error. */
static long
dump(int fd, int family, unsigned int seq)
{
	long count = 0;
	ssize_t n;

	if (send_request(fd, family, seq) < 0)
		return -1;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return count;
			if (h->nlmsg_type == NLMSG_ERROR) {
				errno = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
				return -1;
			}
			count++;
		}
	}
}

int
main(int argc, char **argv)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	int per_family = argc == 2 && strcmp(argv[1], "-2") == 0;
	long v4, v6 = 0;

	if (argc > 1 && !per_family) {
		fprintf(stderr, "usage: nl-count [-2]\n");
		return 64;
	}
	if (fd < 0) {
		perror("nl-count: socket");
		return 1;
	}
	v4 = dump(fd, per_family ? AF_INET : AF_UNSPEC, 1);
	if (v4 >= 0 && per_family)
		v6 = dump(fd, AF_INET6, 2);
	if (v4 < 0 || v6 < 0) {
		perror("nl-count: dump");
		return 1;
	}
	printf("%ld\n", v4 + v6);
	close(fd);
	return 0;
}
