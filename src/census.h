/*
 * census.h: the socket census. Dumps TCP sockets (IPv4 and IPv6) over
 * NETLINK_SOCK_DIAG with libmnl, counts them by state, counts local ports
 * in use inside the ephemeral range, and lists listeners with their accept
 * queue. A dump can be recorded to a file and replayed (as ss does), so
 * tests run without a live kernel. The caller owns the struct: nothing is
 * allocated per call, and the netlink socket stays open between calls so
 * the census keeps working when the process is out of descriptors.
 */
#ifndef CENSUS_H
#define CENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CENSUS_STATES	    13 /* index = kernel TCP state (TCP_ESTABLISHED = 1 ...) */
#define CENSUS_LISTENERS_MAX 128

/* Bits for census_opts.state_mask (1 << TCP state). */
#define CENSUS_ALL_STATES 0xfffu

struct census_listener {
	int family; /* AF_INET or AF_INET6 */
	char addr[48];
	uint16_t port;
	uint32_t queue;	  /* connections waiting in the accept queue now */
	uint32_t backlog; /* the accept queue's maximum */
};

struct census_opts {
	uint32_t state_mask;	   /* states to dump; 0 means all */
	uint16_t port_lo, port_hi; /* ephemeral range whose ports are counted */
	const char *replay;	   /* read this recorded dump instead of the kernel */
	const char *record;	   /* also write the raw dump to this file */
};

struct census {
	uint64_t sockets;		  /* sockets seen */
	uint64_t states[CENSUS_STATES]; /* by TCP state */
	uint32_t ports_in_range; /* distinct local ports in [port_lo, port_hi] in use */
	size_t nlisteners;
	size_t listeners_omitted; /* listeners beyond CENSUS_LISTENERS_MAX */
	struct census_listener listeners[CENSUS_LISTENERS_MAX];
	/* The listener whose accept queue is fullest (index), or -1. */
	int fullest;
	uint8_t port_seen[65536 / 8]; /* scratch bitmap for distinct ports */
};

/* Run a census. Returns 0 or -errno with cause filled. */
int census_collect(struct census *c, const struct census_opts *opts, char *cause, size_t causelen);

/* Close the kept netlink socket (at exit; optional). */
void census_close(void);

const char *census_state_name(int state);

#endif
