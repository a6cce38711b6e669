/*
 * census.h: the socket census. Counts TCP sockets (IPv4 and IPv6) by
 * state, counts local ports in use inside the ephemeral range, and lists
 * listeners with their accept queue. Taking one is the platform's
 * (census_collect in platform.h): on Linux a NETLINK_SOCK_DIAG dump with
 * libmnl (src/linux/census.c), which can be recorded to a file and
 * replayed (as ss does), so tests run without a live kernel. The caller
 * owns the struct: nothing is allocated per call, and the netlink socket
 * stays open between calls so the census keeps working when the process
 * is out of descriptors.
 *
 * Not reentrant: the kept socket and the receive buffer are static, so one
 * thread runs the census at a time.
 */
#ifndef CENSUS_H
#define CENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kernel TCP states (include/net/tcp_states.h); the index into states[]. */
enum census_state {
	CENSUS_UNKNOWN = 0, /* a state number this build does not know */
	CENSUS_ESTABLISHED = 1,
	CENSUS_SYN_SENT,
	CENSUS_SYN_RECV,
	CENSUS_FIN_WAIT1,
	CENSUS_FIN_WAIT2,
	CENSUS_TIME_WAIT,
	CENSUS_CLOSE, /* never counted: a dump lists closed sockets only when bound */
	CENSUS_CLOSE_WAIT,
	CENSUS_LAST_ACK,
	CENSUS_LISTEN,
	CENSUS_CLOSING,
	CENSUS_NEW_SYN_RECV,   /* never reported: request sockets show as SYN_RECV */
	CENSUS_BOUND_INACTIVE, /* bound, not listening nor connected (Linux >= 6.5);
				  the kernel reports them as CLOSE */
	CENSUS_STATES
};

#define CENSUS_LISTENERS_MAX 128

/*
 * Bits for census_opts.state_mask: CENSUS_STATE_BIT(CENSUS_ESTABLISHED)...
 * "All" is every state that ss -a shows. BOUND-INACTIVE is counted only
 * when asked for: the kernel finds those sockets with one more walk, of
 * its bind hash, which costs about 15% more at 200,000 sockets.
 */
#define CENSUS_STATE_BIT(s) (1u << (s))
#define CENSUS_ALL_STATES                                                                          \
	(((1u << CENSUS_STATES) - 1u) &                                                            \
	 ~(CENSUS_STATE_BIT(CENSUS_UNKNOWN) | CENSUS_STATE_BIT(CENSUS_BOUND_INACTIVE)))

/*
 * Bytes of the receive buffer. The kernel fills one datagram of at most
 * 32 KiB per read of a dump, whatever the buffer; bench/nl-count.c, the
 * benchmark's reference, reads with the same size.
 */
#define CENSUS_RECV_BUFFER (64 * 1024)

struct census_listener {
	int family;    /* AF_INET or AF_INET6 */
	char addr[48]; /* numeric local address, "0.0.0.0" or "::" for any */
	uint16_t port;
	uint32_t queue;	  /* connections waiting in the accept queue now */
	uint32_t backlog; /* the accept queue's maximum */
	uint32_t inode;	  /* the socket's inode: /proc/PID/fd/N -> socket:[inode] */
};

struct census_opts {
	/* States to count; 0 means all. The kernel filters too, so a narrow
	 * mask is also a cheaper dump. Ports and listeners are counted among
	 * the selected states only. */
	uint32_t state_mask;
	uint16_t port_lo, port_hi; /* ephemeral range whose ports are counted */
	const char *replay;	   /* read this recorded dump instead of the kernel */
	const char *record;	   /* also write the raw dump to this file */
};

struct census {
	uint64_t sockets;		/* sockets seen */
	uint64_t sockets_ipv6;		/* of which IPv6 */
	uint64_t states[CENSUS_STATES]; /* by TCP state */
	uint32_t ports_in_range;	/* distinct local ports in [port_lo, port_hi] in use */
	size_t nlisteners;
	size_t listeners_omitted; /* listeners beyond CENSUS_LISTENERS_MAX */
	/* The CENSUS_LISTENERS_MAX fullest listeners, in no set order. */
	struct census_listener listeners[CENSUS_LISTENERS_MAX];
	/* The listener whose accept queue is fullest (queue / backlog; on a
	 * tie the smaller backlog), or -1 when there is none. */
	int fullest;
	uint8_t port_seen[65536 / 8]; /* scratch bitmap for distinct ports */
};

/* Is a's accept queue fuller than b's (queue / backlog, no division)? */
static inline bool
census_listener_fuller(const struct census_listener *a, const struct census_listener *b)
{
	uint64_t fa = (uint64_t)a->queue * b->backlog, fb = (uint64_t)b->queue * a->backlog;

	if (fa != fb)
		return fa > fb;
	/* Equal fill (often both empty): the smaller queue overflows first. */
	return a->backlog < b->backlog;
}

/* qsort comparator for struct census_listener: fullest accept queue first
 * (on equal fill, the smaller backlog), then by port, family, address. */
int census_listener_cmp(const void *a, const void *b);

/* "ESTABLISHED", "TIME-WAIT", ... as ss(8) prints them; "UNKNOWN" out of range. */
const char *census_state_name(int state);

/* The state named (case-insensitive, '_' or '-', ss(8) names), or -1.
 * "close", "closed" and "unconn" name BOUND-INACTIVE; "new-syn-recv"
 * names SYN-RECV (the kernel lists request sockets under it). */
int census_state_parse(const char *name);

#endif
