/*
 * verify-kstat.h: the kernel's counters verify samples before the run, at
 * its peak and after teardown: slab and available memory, TCP socket and
 * TIME_WAIT counts, and the listen-queue overflow counters that tell a
 * backlog failure from a slow network.
 */
#ifndef VERIFY_KSTAT_H
#define VERIFY_KSTAT_H

#include <stdint.h>

struct verify_kstat {
	int64_t mem_available; /* bytes */
	int64_t slab;	       /* bytes (Slab: reclaimable + unreclaimable) */
	int64_t tcp_inuse;     /* sockets, IPv4 and IPv6 */
	int64_t tcp_tw;	       /* TIME_WAIT */
	int64_t tcp_mem_pages; /* pages charged to TCP (tcp_mem units) */
	int64_t listen_overflows;
	int64_t listen_drops;
	int64_t syn_drops; /* TCPReqQFullDrop: SYN queue full, no cookies */
};

/* Parse the three files' contents (any may be NULL: its fields stay -1).
 * Returns 0 when every given file had every field, -ENOENT otherwise. */
int verify_kstat_parse(struct verify_kstat *k, const char *meminfo, const char *sockstat,
		       const char *sockstat6, const char *netstat);

/* Read /proc/meminfo, /proc/net/sockstat{,6}, /proc/net/netstat (via rootfs). */
int verify_kstat_read(struct verify_kstat *k);

/* Kernel bytes per connection between two snapshots (slab growth plus TCP
 * buffer pages); -1 when it cannot be told (no growth measured, no conns). */
int64_t verify_kstat_bytes_per_conn(const struct verify_kstat *before,
				    const struct verify_kstat *peak, int64_t conns);

#endif
