/*
 * census-int.h: what the Linux census's own files share (census.c counts
 * and replays; census-netlink.c talks to the kernel). Not for other
 * modules; the Linux tests use census_set_legacy_request.
 */
#ifndef CENSUS_INT_H
#define CENSUS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "census.h"
#include "platform.h"

/* One census in progress. */
struct census_run {
	struct census *c;
	uint32_t mask;		   /* states counted (bit per state) */
	uint16_t port_lo, port_hi; /* empty when lo > hi */
	size_t dumps_done;	   /* dumps that reached their end */
	bool per_family;	   /* dumps are one per family, IPv4 first */
	const char *bad;	   /* why a message was refused (a corrupt dump) */
	int record_fd;		   /* -1, or where the raw datagrams go */
};

/*
 * Count the messages in buf (a datagram, or one message of a replay) with
 * mnl_cb_run; seq and portid 0 check nothing. Returns 1 when a dump has
 * ended, 0 when more is to come, or -errno with cause (-EBADMSG when a
 * message is malformed, run->bad saying how).
 */
int census_feed(struct census_run *run, const void *buf, size_t len, unsigned int seq,
		unsigned int portid, char *cause, size_t causelen);

/*
 * The request a live census sends: true (the default) for one legacy
 * TCPDIAG_GETSOCK dump of both families, a single walk of the kernel's
 * tables; false for one SOCK_DIAG_BY_FAMILY dump per family. The census
 * falls back to the latter by itself on a kernel that refuses the former;
 * tests and the benchmark set it to compare the two.
 */
void census_set_legacy_request(bool legacy);

/* A census of the kernel's sockets in states; the raw datagrams also go to
 * record when it is not NULL. Returns 0 or -errno with cause. */
int census_collect_live(struct census_run *run, uint32_t states, const char *record, char *cause,
			size_t causelen);

#endif
