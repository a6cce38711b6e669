/*
 * verify-kstat.c: sample the kernel counters verify reports on.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#include "parse.h"
#include "rootfs.h"
#include "verify-kstat.h"

/* Store a parsed field, or -1 and remember that something was missing.
 * value is read through a pointer: the parser call fills it first. */
static void
field(int rc, const int64_t *value, int64_t scale, int64_t *out, int *missing)
{
	if (rc == 0) {
		*out = *value * scale;
	} else {
		*out = -1;
		(*missing)++;
	}
}

static void
parse_meminfo(struct verify_kstat *k, const char *text, int *missing)
{
	int64_t v = 0;

	field(parse_keyed_i64(text, "MemAvailable", &v), &v, 1024, &k->mem_available, missing);
	field(parse_keyed_i64(text, "Slab", &v), &v, 1024, &k->slab, missing);
}

static void
parse_sockets(struct verify_kstat *k, const char *v4, const char *v6, int *missing)
{
	int64_t v = 0, inuse6 = 0;

	field(parse_sockstat(v4, "TCP", "inuse", &v), &v, 1, &k->tcp_inuse, missing);
	field(parse_sockstat(v4, "TCP", "tw", &v), &v, 1, &k->tcp_tw, missing);
	field(parse_sockstat(v4, "TCP", "mem", &v), &v, 1, &k->tcp_mem_pages, missing);
	/* sockstat6 has TCP6 inuse only; tw and mem are shared with IPv4. */
	if (v6 != NULL && k->tcp_inuse >= 0 && parse_sockstat(v6, "TCP6", "inuse", &inuse6) == 0)
		k->tcp_inuse += inuse6;
}

static void
parse_listen(struct verify_kstat *k, const char *text, int *missing)
{
	int64_t v = 0;

	field(parse_netstat(text, "TcpExt", "ListenOverflows", &v), &v, 1, &k->listen_overflows,
	      missing);
	field(parse_netstat(text, "TcpExt", "ListenDrops", &v), &v, 1, &k->listen_drops, missing);
	field(parse_netstat(text, "TcpExt", "TCPReqQFullDrop", &v), &v, 1, &k->syn_drops, missing);
}

int
verify_kstat_parse(struct verify_kstat *k, const char *meminfo, const char *sockstat,
		   const char *sockstat6, const char *netstat)
{
	int missing = 0, ignored = 0;
	struct verify_kstat none = {-1, -1, -1, -1, -1, -1, -1, -1};

	*k = none;
	if (meminfo != NULL)
		parse_meminfo(k, meminfo, &missing);
	if (sockstat != NULL)
		parse_sockets(k, sockstat, sockstat6, &missing);
	if (netstat != NULL)
		parse_listen(k, netstat, &ignored);
	/* TCPReqQFullDrop is missing on old kernels; the rest must be there. */
	if (k->listen_overflows < 0 || k->listen_drops < 0)
		missing++;
	return missing == 0 ? 0 : -ENOENT;
}

int
verify_kstat_read(struct verify_kstat *k)
{
	static char meminfo[8192], sockstat[2048], sockstat6[2048], netstat[16384];
	const char *m, *s, *s6, *n;

	m = rootfs_read("/proc/meminfo", meminfo, sizeof(meminfo)) > 0 ? meminfo : NULL;
	s = rootfs_read("/proc/net/sockstat", sockstat, sizeof(sockstat)) > 0 ? sockstat : NULL;
	s6 =
	    rootfs_read("/proc/net/sockstat6", sockstat6, sizeof(sockstat6)) > 0 ? sockstat6 : NULL;
	n = rootfs_read("/proc/net/netstat", netstat, sizeof(netstat)) > 0 ? netstat : NULL;
	if (verify_kstat_parse(k, m, s, s6, n) < 0 || m == NULL || s == NULL || n == NULL)
		return -ENOENT;
	return 0;
}

int64_t
verify_kstat_bytes_per_conn(const struct verify_kstat *before, const struct verify_kstat *peak,
			    int64_t conns)
{
	int64_t grown;

	if (conns <= 0 || before->slab < 0 || peak->slab < 0)
		return -1;
	grown = peak->slab - before->slab;
	if (before->tcp_mem_pages >= 0 && peak->tcp_mem_pages >= before->tcp_mem_pages)
		grown += (peak->tcp_mem_pages - before->tcp_mem_pages) * sysconf(_SC_PAGESIZE);
	if (grown <= 0)
		return -1;
	return grown / conns;
}
