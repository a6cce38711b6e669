/*
 * test-parse.c: the /proc parsers on recorded files and on broken ones.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layer.h"
#include "parse.h"

/* /proc/self/limits of a Debian 12 login shell. */
static const char limits_text[] =
    "Limit                     Soft Limit           Hard Limit           Units     \n"
    "Max cpu time              unlimited            unlimited            seconds   \n"
    "Max file size             unlimited            unlimited            bytes     \n"
    "Max core file size        0                    unlimited            bytes     \n"
    "Max processes             63395                63395                processes \n"
    "Max open files            1024                 524288               files     \n"
    "Max locked memory         8388608              8388608              bytes     \n"
    "Max address space         unlimited            unlimited            bytes     \n"
    "Max pending signals       63395                63395                signals   \n"
    "Max realtime timeout      unlimited            unlimited            us        \n";

static void
limits_rows(void **state)
{
	struct rlimit_pair r;

	(void)state;
	assert_int_equal(parse_proc_limits(limits_text, "Max open files", &r), 0);
	assert_int_equal(r.soft, 1024);
	assert_int_equal(r.hard, 524288);
	assert_int_equal(parse_proc_limits(limits_text, "Max processes", &r), 0);
	assert_int_equal(r.soft, 63395);
	assert_int_equal(r.hard, 63395);
	/* "Max core file size": a zero soft limit is a value, not a miss. */
	assert_int_equal(parse_proc_limits(limits_text, "Max core file size", &r), 0);
	assert_int_equal(r.soft, 0);
	assert_true(r.hard == LAYER_UNLIMITED);
}

static void
limits_unlimited(void **state)
{
	const char text[] =
	    "Max open files            unlimited            unlimited            files\n";
	const char mixed[] =
	    "Max open files            4096                 unlimited            files\n";
	struct rlimit_pair r;

	(void)state;
	assert_int_equal(parse_proc_limits(text, "Max open files", &r), 0);
	assert_true(r.soft == LAYER_UNLIMITED && r.hard == LAYER_UNLIMITED);
	assert_int_equal(parse_proc_limits(mixed, "Max open files", &r), 0);
	assert_int_equal(r.soft, 4096);
	assert_true(r.hard == LAYER_UNLIMITED);
}

static void
limits_malformed(void **state)
{
	struct rlimit_pair r = {7, 7};

	(void)state;
	assert_int_equal(parse_proc_limits("", "Max open files", &r), -ENOENT);
	assert_int_equal(parse_proc_limits(limits_text, "Max sockets", &r), -ENOENT);
	/* The row name must start a line: a mention inside a line is no row. */
	assert_int_equal(parse_proc_limits("x Max open files 1 2\n", "Max open files", &r),
			 -ENOENT);
	assert_int_equal(
	    parse_proc_limits("Max open files   lots  more   files\n", "Max open files", &r),
	    -EINVAL);
	/* A row cut after the soft limit has no hard limit. */
	assert_int_equal(parse_proc_limits("Max open files            1024", "Max open files", &r),
			 -EINVAL);
	assert_int_equal(
	    parse_proc_limits("Max open files            1024   \n", "Max open files", &r),
	    -EINVAL);
}

static void
keyed_values(void **state)
{
	const char meminfo[] = "MemTotal:       24576000 kB\n"
			       "MemFree:         1000000 kB\n"
			       "MemAvailable:   20000000 kB\n";
	const char status[] = "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\n"
			      "Uid:\t1000\t1000\t1000\t1000\nThreads:\t4\n";
	int64_t v = 0;

	(void)state;
	assert_int_equal(parse_keyed_i64(meminfo, "MemAvailable", &v), 0);
	assert_int_equal(v, 20000000);
	assert_int_equal(parse_keyed_i64(meminfo, "MemTotal", &v), 0);
	assert_int_equal(v, 24576000);
	assert_int_equal(parse_keyed_i64(status, "Uid", &v), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(parse_keyed_i64(status, "Threads", &v), 0);
	assert_int_equal(v, 4);
	/* "Mem" is a prefix of three keys but not itself a key. */
	assert_int_equal(parse_keyed_i64(meminfo, "Mem", &v), -ENOENT);
	assert_int_equal(parse_keyed_i64(meminfo, "SwapTotal", &v), -ENOENT);
	assert_int_equal(parse_keyed_i64("Threads:\tmany\n", "Threads", &v), -EINVAL);
	assert_int_equal(parse_keyed_i64("", "Threads", &v), -ENOENT);
}

static const char netstat_text[] =
    "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops TCPTimeouts\n"
    "TcpExt: 0 0 17 21 3\n"
    "IpExt: InNoRoutes InTruncatedPkts\n"
    "IpExt: 0 5\n"
    "MPTcpExt: MPCapableSYNRX ListenOverflows\n"
    "MPTcpExt: 1 99\n";

static void
netstat_fields(void **state)
{
	int64_t v = -1;

	(void)state;
	assert_int_equal(parse_netstat(netstat_text, "TcpExt", "ListenOverflows", &v), 0);
	assert_int_equal(v, 17);
	assert_int_equal(parse_netstat(netstat_text, "TcpExt", "ListenDrops", &v), 0);
	assert_int_equal(v, 21);
	/* First and last columns. */
	assert_int_equal(parse_netstat(netstat_text, "TcpExt", "SyncookiesSent", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_netstat(netstat_text, "TcpExt", "TCPTimeouts", &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(parse_netstat(netstat_text, "IpExt", "InTruncatedPkts", &v), 0);
	assert_int_equal(v, 5);
	/* "MPTcpExt:" must not be read as "TcpExt:". */
	assert_int_equal(parse_netstat(netstat_text, "MPTcpExt", "ListenOverflows", &v), 0);
	assert_int_equal(v, 99);
}

static void
netstat_missing(void **state)
{
	int64_t v = -1;

	(void)state;
	/* A counter an older kernel does not have is missing, not malformed. */
	assert_int_equal(parse_netstat(netstat_text, "TcpExt", "TCPMigrateReqSuccess", &v),
			 -ENOENT);
	assert_int_equal(parse_netstat(netstat_text, "IpExt", "ListenDrops", &v), -ENOENT);
	assert_int_equal(parse_netstat(netstat_text, "Udp", "InDatagrams", &v), -ENOENT);
	/* "Listen" is a prefix of a name, not a name. */
	assert_int_equal(parse_netstat(netstat_text, "TcpExt", "Listen", &v), -ENOENT);
	/* A header without its value line, or a value line of another proto. */
	assert_int_equal(parse_netstat("TcpExt: ListenDrops\n", "TcpExt", "ListenDrops", &v),
			 -EINVAL);
	assert_int_equal(parse_netstat("TcpExt: ListenDrops", "TcpExt", "ListenDrops", &v),
			 -EINVAL);
	assert_int_equal(
	    parse_netstat("TcpExt: ListenDrops\nIpExt: 4\n", "TcpExt", "ListenDrops", &v), -EINVAL);
	/* A value line shorter than its header. */
	assert_int_equal(parse_netstat("TcpExt: A B C\nTcpExt: 1\n", "TcpExt", "C", &v), -EINVAL);
	assert_int_equal(v, -1);
}

static void
sockstat_fields(void **state)
{
	const char text[] = "sockets: used 290\n"
			    "TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1\n"
			    "TCP6: inuse 9 tw 8\n"
			    "UDP: inuse 3 mem 4\n";
	int64_t v = -1;

	(void)state;
	assert_int_equal(parse_sockstat(text, "TCP", "inuse", &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(parse_sockstat(text, "TCP", "tw", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(parse_sockstat(text, "TCP", "mem", &v), 0);
	assert_int_equal(v, 1);
	/* "TCP6:" is a line of its own; "UDP: mem" is not "TCP: mem". */
	assert_int_equal(parse_sockstat(text, "TCP6", "tw", &v), 0);
	assert_int_equal(v, 8);
	assert_int_equal(parse_sockstat(text, "UDP", "mem", &v), 0);
	assert_int_equal(v, 4);
	assert_int_equal(parse_sockstat(text, "TCP", "orphans", &v), -ENOENT);
	assert_int_equal(parse_sockstat(text, "RAW", "inuse", &v), -ENOENT);
	assert_int_equal(parse_sockstat("TCP: inuse lots\n", "TCP", "inuse", &v), -EINVAL);
	/* A name at the end of the line without a value is not there. */
	assert_int_equal(parse_sockstat("TCP: inuse 5 mem\n", "TCP", "mem", &v), -ENOENT);
}

static void
slab_objsize(void **state)
{
	const char text[] =
	    "slabinfo - version: 2.1\n"
	    "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>\n"
	    "TCPv6                 26     26   2496   13    8 : tunables    0    0    0\n"
	    "TCP                   42     42   2304   14    8 : tunables    0    0    0\n"
	    "sock_inode_cache     920    920    832   19    4 : tunables    0    0    0\n"
	    "filp                4096   4096    256   16    1 : tunables    0    0    0\n";
	int64_t v = -1;

	(void)state;
	assert_int_equal(parse_slab_objsize(text, "TCP", &v), 0);
	assert_int_equal(v, 2304);
	assert_int_equal(parse_slab_objsize(text, "TCPv6", &v), 0);
	assert_int_equal(v, 2496);
	assert_int_equal(parse_slab_objsize(text, "filp", &v), 0);
	assert_int_equal(v, 256);
	/* A merged cache is not listed. */
	assert_int_equal(parse_slab_objsize(text, "eventpoll_epi", &v), -ENOENT);
	assert_int_equal(parse_slab_objsize("TCP  1 2\n", "TCP", &v), -EINVAL);
	assert_int_equal(parse_slab_objsize("", "TCP", &v), -ENOENT);
}

static void
i64_lists(void **state)
{
	int64_t v[4] = {0};

	(void)state;
	assert_int_equal(parse_i64_list("32768\t60999\n", v, 2), 2);
	assert_int_equal(v[0], 32768);
	assert_int_equal(v[1], 60999);
	assert_int_equal(parse_i64_list("188319\t251092\t376638\n", v, 3), 3);
	assert_int_equal(v[2], 376638);
	/* Fewer values than asked for: the count says so. */
	assert_int_equal(parse_i64_list("1024\n", v, 3), 1);
	assert_int_equal(parse_i64_list("", v, 3), 0);
	assert_int_equal(parse_i64_list("  \n", v, 3), 0);
	/* More values than room: stops at max, writes nothing past it. */
	v[2] = 77;
	assert_int_equal(parse_i64_list("1 2 3 4\n", v, 2), 2);
	assert_int_equal(v[2], 77);
	assert_int_equal(parse_i64_list("1 two 3\n", v, 3), -EINVAL);
	assert_int_equal(parse_i64_list("99999999999999999999\n", v, 3), -EINVAL);
}

static void
reserved_ports(void **state)
{
	(void)state;
	assert_int_equal(parse_reserved_ports("", 32768, 60999), 0);
	assert_int_equal(parse_reserved_ports("\n", 32768, 60999), 0);
	assert_int_equal(parse_reserved_ports("40000\n", 32768, 60999), 1);
	assert_int_equal(parse_reserved_ports("40000-40009\n", 32768, 60999), 10);
	assert_int_equal(parse_reserved_ports("8080,40000-40009,50000\n", 32768, 60999), 11);
	/* Outside the range: not counted; straddling: only the inside part. */
	assert_int_equal(parse_reserved_ports("8080,9000-9010\n", 32768, 60999), 0);
	assert_int_equal(parse_reserved_ports("32760-32769\n", 32768, 60999), 2);
	assert_int_equal(parse_reserved_ports("60990-61010\n", 32768, 60999), 10);
	assert_int_equal(parse_reserved_ports("1-65535\n", 32768, 60999), 60999 - 32768 + 1);
	/* Overlapping and repeated entries reserve each port once. */
	assert_int_equal(parse_reserved_ports("40000-40009,40005-40014\n", 32768, 60999), 15);
	assert_int_equal(parse_reserved_ports("40000,40000,40000\n", 32768, 60999), 1);
	assert_int_equal(parse_reserved_ports("40000-40100,40050\n", 32768, 60999), 101);
}

static void
reserved_ports_garbage(void **state)
{
	(void)state;
	assert_int_equal(parse_reserved_ports("http\n", 32768, 60999), -EINVAL);
	assert_int_equal(parse_reserved_ports("40000;40001\n", 32768, 60999), -EINVAL);
	assert_int_equal(parse_reserved_ports("40000-\n", 32768, 60999), -EINVAL);
	assert_int_equal(parse_reserved_ports("40010-40000\n", 32768, 60999), -EINVAL);
	assert_int_equal(parse_reserved_ports("40000-40010x\n", 32768, 60999), -EINVAL);
	assert_int_equal(parse_reserved_ports("70000\n", 32768, 60999), -EINVAL);
}

static void
limit_values(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(parse_limit_value("max\n", &v), 0);
	assert_true(v == LAYER_UNLIMITED);
	assert_int_equal(parse_limit_value("infinity", &v), 0);
	assert_true(v == LAYER_UNLIMITED);
	assert_int_equal(parse_limit_value(" 4096\n", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(parse_limit_value("", &v), -EINVAL);
	assert_int_equal(parse_limit_value("none", &v), -EINVAL);
}

static void
whole_numbers(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(parse_i64("12", 1, 100, &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(parse_i64("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(parse_i64("9223372036854775807", 0, INT64_MAX, &v), 0);
	assert_true(v == INT64_MAX);
	/* Loose forms strtoll alone would take. */
	assert_int_equal(parse_i64(" 12", 1, 100, &v), -EINVAL);
	assert_int_equal(parse_i64("+5", 1, 100, &v), -EINVAL);
	assert_int_equal(parse_i64("0x10", 0, 100, &v), -EINVAL);
	assert_int_equal(parse_i64("12 ", 1, 100, &v), -EINVAL);
	assert_int_equal(parse_i64("", 1, 100, &v), -EINVAL);
	assert_int_equal(parse_i64("-", -1, 100, &v), -EINVAL);
	/* Out of range, including past int64. */
	assert_int_equal(parse_i64("101", 1, 100, &v), -ERANGE);
	assert_int_equal(parse_i64("0", 1, 100, &v), -ERANGE);
	assert_int_equal(parse_i64("99999999999999999999", 0, INT64_MAX, &v), -ERANGE);
	assert_true(v == INT64_MAX); /* untouched by the failures */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(limits_rows),
	    cmocka_unit_test(limits_unlimited),
	    cmocka_unit_test(limits_malformed),
	    cmocka_unit_test(keyed_values),
	    cmocka_unit_test(netstat_fields),
	    cmocka_unit_test(netstat_missing),
	    cmocka_unit_test(sockstat_fields),
	    cmocka_unit_test(slab_objsize),
	    cmocka_unit_test(i64_lists),
	    cmocka_unit_test(reserved_ports),
	    cmocka_unit_test(reserved_ports_garbage),
	    cmocka_unit_test(limit_values),
	    cmocka_unit_test(whole_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
