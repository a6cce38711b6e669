/*
 * test-verify.c: verify's pure parts: the kernel counters on recorded
 * files, the layout (processes, sources, ports, bad requests), HOST:PORT,
 * errno to layer, and the comparison with check's prediction.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "verify-cause.h"
#include "verify-report.h"
#include "verify.h"

static const char meminfo[] = "MemTotal:       24576000 kB\n"
			      "MemFree:        20000000 kB\n"
			      "MemAvailable:   23000000 kB\n"
			      "Buffers:            1000 kB\n"
			      "Slab:              86356 kB\n"
			      "SReclaimable:      30000 kB\n";
static const char sockstat[] = "sockets: used 120\n"
			       "TCP: inuse 7 orphan 0 tw 3 alloc 9 mem 178\n"
			       "UDP: inuse 1 mem 2\n";
static const char sockstat6[] = "TCP6: inuse 2\nUDP6: inuse 0\n";
static const char netstat[] = "TcpExt: SyncookiesSent ListenOverflows ListenDrops TCPReqQFullDrop\n"
			      "TcpExt: 0 11 13 2\n"
			      "IpExt: InNoRoutes\n"
			      "IpExt: 0\n";

/* What a terminal shows of text with carriage returns: the last line. */
static void
screen_line(const char *raw, char *out, size_t size)
{
	size_t col = 0, len = 0;

	memset(out, 0, size);
	for (; *raw != '\0'; raw++) {
		if (*raw == '\r') {
			col = 0;
		} else if (col + 1 < size) {
			out[col++] = *raw;
			len = col > len ? col : len;
		}
	}
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
}

/* verify's progress line: figures, rate and ETA; the bar fits the
 * terminal; a shorter line (the hold) leaves nothing of the longer one;
 * the end clears it. */
static void
test_progress_line(void **state)
{
	struct verify_result now = {.established = 500};
	struct verify_progress p = {.elapsed = 2.0, .width = 80};
	char *buf = NULL, shown[256];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	verify_report_progress(f, &now, 1000, &p);
	fflush(f);
	screen_line(buf, shown, sizeof(shown));
	assert_string_equal(shown, "[###############               ] 500/1,000  250/s  ETA 2 s");
	now.established = 1000;
	now.held = 3.2;
	verify_report_progress(f, &now, 1000, &p);
	fflush(f);
	screen_line(buf, shown, sizeof(shown));
	assert_string_equal(shown, "holding 1,000 for 3 s");
	verify_report_progress_end(f, &p);
	fflush(f);
	screen_line(buf, shown, sizeof(shown));
	assert_string_equal(shown, "");
	fclose(f);
	free(buf);

	/* 40 columns: a shorter bar; 20: the figures alone. */
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	now = (struct verify_result){.established = 500};
	p = (struct verify_progress){.elapsed = 2.0, .width = 40};
	verify_report_progress(f, &now, 1000, &p);
	fflush(f);
	screen_line(buf, shown, sizeof(shown));
	assert_true(strlen(shown) <= 39);
	assert_non_null(strstr(shown, "] 500/1,000  250/s  ETA 2 s"));
	p.width = 20;
	verify_report_progress(f, &now, 1000, &p);
	fflush(f);
	screen_line(buf, shown, sizeof(shown));
	assert_string_equal(shown, "500/1,000  250/s  ETA 2 s");
	fclose(f);
	free(buf);
}

static void
test_kstat_parse(void **state)
{
	struct verify_kstat k;

	(void)state;
	assert_int_equal(verify_kstat_parse(&k, meminfo, sockstat, sockstat6, netstat), 0);
	assert_int_equal(k.mem_available, 23000000LL * 1024);
	assert_int_equal(k.slab, 86356LL * 1024);
	assert_int_equal(k.tcp_inuse, 9);
	assert_int_equal(k.tcp_tw, 3);
	assert_int_equal(k.tcp_mem_pages, 178);
	assert_int_equal(k.listen_overflows, 11);
	assert_int_equal(k.listen_drops, 13);
	assert_int_equal(k.syn_drops, 2);
}

static void
test_kstat_missing(void **state)
{
	struct verify_kstat k;

	(void)state;
	assert_int_equal(verify_kstat_parse(&k, "MemTotal: 1 kB\n", sockstat, NULL, netstat),
			 -ENOENT);
	assert_int_equal(k.slab, -1);
	assert_int_equal(verify_kstat_parse(&k, meminfo, sockstat, NULL, "IpExt: a\nIpExt: 1\n"),
			 -ENOENT);
	assert_int_equal(k.listen_overflows, -1);
}

static void
test_bytes_per_conn(void **state)
{
	struct verify_kstat a = {.slab = 1000000, .tcp_mem_pages = 10};
	struct verify_kstat b = {.slab = 1000000 + 8000 * 1000, .tcp_mem_pages = 10};

	(void)state;
	assert_int_equal(verify_kstat_bytes_per_conn(&a, &b, 1000), 8000);
	assert_int_equal(verify_kstat_bytes_per_conn(&a, &b, 0), -1);
	assert_int_equal(verify_kstat_bytes_per_conn(&b, &a, 1000), -1); /* shrank: no figure */
}

/* This machine: hard nofile 20000, 28,232 ports, 24 GiB. */
static const struct verify_env env = {
    .nofile_soft = 1024,
    .nofile_hard = 20000,
    .port_lo = 32768,
    .port_hi = 60999,
    .mem_total = 24LL << 30,
};

static struct verify_opts
opts_for(int64_t target)
{
	struct verify_opts o;

	memset(&o, 0, sizeof(o));
	o.what = VERIFY_CONNECTIONS;
	o.target = target;
	o.window = VERIFY_WINDOW_DEFAULT;
	return o;
}

static void
test_layout_spreads(void **state)
{
	struct verify_opts o = opts_for(100000);
	struct verify_layout lay;
	char cause[256];

	(void)state;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	/* 19,984 per process: 100,000 needs 6 on each side. */
	assert_int_equal(lay.clients, 6);
	assert_int_equal(lay.servers, 6);
	assert_true(lay.clients_spread && lay.servers_spread);
	assert_int_equal(lay.client_share, 16667);
	/* Each source filled to at most 40% of 28,232 ports. */
	assert_int_equal(lay.sources, 9);
	assert_true(lay.sources_auto);
	assert_int_equal(lay.ports, 1);
	assert_int_equal(lay.soft_wanted, 16667 + 16);
	assert_true(lay.timeout >= 30.0);
}

/* The relay: a few workers of a side at once, when it has more. */
static void
test_layout_relay(void **state)
{
	struct verify_opts o = opts_for(1000000);
	struct verify_layout lay;
	char cause[256];

	(void)state;
	unsetenv(VERIFY_RELAY_ACTIVE_ENV);
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients, 51);
	assert_int_equal(lay.clients_at_once, VERIFY_RELAY_ACTIVE);
	assert_int_equal(lay.servers_at_once, VERIFY_RELAY_ACTIVE);
	setenv(VERIFY_RELAY_ACTIVE_ENV, "0", 1); /* off: all at once */
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients_at_once, 51);
	setenv(VERIFY_RELAY_ACTIVE_ENV, "1000", 1); /* clamped, then more than it has */
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients_at_once, 51);
	setenv(VERIFY_RELAY_ACTIVE_ENV, "1", 1);
	o.external = true; /* --connect: the other side is not ours to pace */
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients_at_once, lay.clients);
	unsetenv(VERIFY_RELAY_ACTIVE_ENV);
	o = opts_for(5000); /* one process a side: nothing to relay */
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients_at_once, 1);
	assert_int_equal(lay.servers_at_once, 1);
}

static void
test_layout_small(void **state)
{
	struct verify_opts o = opts_for(5000);
	struct verify_layout lay;
	char cause[256];

	(void)state;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients, 1);
	assert_int_equal(lay.servers, 1);
	assert_int_equal(lay.sources, 1);
	assert_false(lay.clients_spread);
	o.what = VERIFY_FDS;
	o.target = 50000;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.clients, 1); /* fds: one process, to prove its limit */
	assert_int_equal(lay.servers, 0);
	assert_int_equal(lay.soft_wanted, 20000); /* up to the hard limit, no further */
	assert_true(verify_layout_need(&lay) > lay.soft_wanted);
}

static void
test_layout_asked(void **state)
{
	struct verify_opts o = opts_for(3000);
	struct verify_layout lay;
	char cause[256];

	(void)state;
	o.sources = 1;
	o.clients = 1;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.sources, 1);
	assert_false(lay.sources_auto);
	o = opts_for(200000);
	o.ipv6 = true;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	assert_int_equal(lay.sources, 1); /* ::1 only: spread over ports instead */
	assert_int_equal(lay.ports, 18);
}

static void
test_layout_bad(void **state)
{
	struct verify_opts o = opts_for(0);
	struct verify_layout lay;
	char cause[256];

	(void)state;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), -EDOM);
	o = opts_for(2000000000);
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), -EDOM);
	assert_non_null(strstr(cause, "more than this machine could ever hold"));
	o = opts_for(1000);
	o.sources = VERIFY_SOURCES_MAX + 1;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), -EINVAL);
	assert_non_null(strstr(cause, "127.255.255.254"));
	o.sources = VERIFY_SOURCES_MAX;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), 0);
	o = opts_for(1000);
	o.ipv6 = true;
	o.sources = 2;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), -EINVAL);
	o = opts_for(10);
	o.clients = 11;
	assert_int_equal(verify_layout_plan(&o, &env, &lay, cause, sizeof(cause)), -EINVAL);
}

static void
test_hostport(void **state)
{
	char host[64], port[16];

	(void)state;
	assert_int_equal(verify_split_hostport("127.0.0.1:8080", host, 64, port, 16), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_string_equal(port, "8080");
	assert_int_equal(verify_split_hostport("[::1]:443", host, 64, port, 16), 0);
	assert_string_equal(host, "::1");
	assert_string_equal(port, "443");
	assert_int_equal(verify_split_hostport("localhost", host, 64, port, 16), -EINVAL);
	assert_int_equal(verify_split_hostport(":80", host, 64, port, 16), -EINVAL);
	assert_int_equal(verify_split_hostport("host:", host, 64, port, 16), -EINVAL);
	assert_int_equal(verify_split_hostport("::1:80", host, 64, port, 16), -EINVAL);
}

static struct verify_result
failed_with(int err, const char *op)
{
	struct verify_result r;

	memset(&r, 0, sizeof(r));
	r.stop = VERIFY_STOP_FAILED;
	r.failure.err = err;
	strcpy(r.failure.op, op);
	strcpy(r.failure.where, "client worker 1");
	return r;
}

static void
test_cause_errno(void **state)
{
	struct verify_layout lay = {.soft_wanted = 256, .proc_overhead = 16, .client_share = 1000};
	struct verify_result r;
	char why[256];

	(void)state;
	r = failed_with(EMFILE, "socket");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_NOFILE_SOFT);
	assert_non_null(strstr(why, "hard limit"));
	r = failed_with(ENFILE, "socket");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_FS_FILE_MAX);
	r = failed_with(EADDRNOTAVAIL, "connect");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_PORTS_EPHEMERAL);
	r = failed_with(ENOBUFS, "socket");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_TCP_MEM);
	r = failed_with(EAGAIN, "fork");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_NPROC);
	r = failed_with(EPERM, "bind");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_KIND_NONE);
	assert_non_null(strstr(why, "bind"));
}

static void
test_cause_backlog(void **state)
{
	struct verify_layout lay = {.soft_wanted = 20000};
	struct verify_result r = failed_with(ECONNREFUSED, "connect");
	char why[256];

	(void)state;
	r.peak.listen_overflows = 5;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_BACKLOG_SOMAXCONN);
	r.peak.listen_overflows = 0;
	r.peak.listen_drops = 3;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_BACKLOG_SYN);
	r.peak.listen_drops = 0;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)),
			 LAYER_KIND_NONE); /* nobody there */
	r.stop = VERIFY_STOP_TIMEOUT;
	r.peak.listen_overflows = 1;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_BACKLOG_SOMAXCONN);
	r.stop = VERIFY_STOP_COMPLETE;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_KIND_NONE);
}

static void
test_predict_scales(void **state)
{
	static struct layer_set set;
	struct plan_result plan = {0};
	struct verify_opts o = opts_for(100000);
	struct verify_layout lay = {.clients = 6, .servers = 6, .proc_overhead = 16};
	struct verify_prediction p;
	struct layer *l;

	(void)state;
	layer_set_init(&set);
	l = layer_add(&set, LAYER_NOFILE_SOFT);
	l->supports = 19984;
	l = layer_add(&set, LAYER_FS_FILE_MAX);
	l->supports = 1200000;
	l = layer_add(&set, LAYER_LIMITS_CONF);
	l->supports = 1000;
	plan.max_supported = 19984;
	plan.bottleneck = &set.v[0];
	verify_predict(&set, &plan, &o, &lay, &p);
	assert_int_equal(p.check_max, 19984);
	assert_int_equal(p.check_bottleneck, LAYER_NOFILE_SOFT);
	/* Processes are added as needed: the system-wide limit is what caps. */
	assert_true(p.spread);
	assert_int_equal(p.layout_max, 1200000);
	assert_int_equal(p.layout_bottleneck, LAYER_FS_FILE_MAX);
	/* Six processes asked for per side each hold 19,984. */
	o.clients = 6;
	o.servers = 6;
	verify_predict(&set, &plan, &o, &lay, &p);
	assert_false(p.spread);
	assert_int_equal(p.layout_max, 6 * 19984);
	assert_int_equal(p.layout_bottleneck, LAYER_NOFILE_SOFT);
}

static void
test_compare(void **state)
{
	struct verify_layout lay = {.clients = 1, .servers = 1, .proc_overhead = 16};
	struct verify_prediction p = {.have = true, .layout_max = 1000};
	struct verify_result r = failed_with(EADDRNOTAVAIL, "connect");

	(void)state;
	p.layout_bottleneck = LAYER_PORTS_EPHEMERAL;
	r.established = 990;
	verify_compare(&p, &r, &lay, 3000, LAYER_PORTS_EPHEMERAL);
	assert_int_equal(p.agreement, AGREE_YES);
	r.established = 500;
	verify_compare(&p, &r, &lay, 3000, LAYER_PORTS_EPHEMERAL);
	assert_int_equal(p.agreement, AGREE_CHECK_HIGH);
	assert_non_null(strstr(p.note, "bug in check"));
	r.stop = VERIFY_STOP_COMPLETE;
	r.established = 3000;
	verify_compare(&p, &r, &lay, 3000, LAYER_KIND_NONE);
	assert_int_equal(p.agreement, AGREE_CHECK_LOW);
	r.stop = VERIFY_STOP_TIMEOUT;
	r.established = 10;
	p.layout_max = 100000;
	verify_compare(&p, &r, &lay, 3000, LAYER_KIND_NONE);
	assert_int_equal(p.agreement, AGREE_VERIFY_LOW);
	assert_non_null(strstr(p.note, "bug in verify"));
	verify_compare(&p, &r, &lay, 3000, LAYER_BACKLOG_SOMAXCONN);
	assert_int_equal(p.agreement, AGREE_NONE); /* a burst limit has no count */
}

static void
test_reply_error(void **state)
{
	static const char mysql_err[] = "\x17\0\0\0\xff\x10\x04Too many connections";

	(void)state;
	assert_true(verify_reply_is_error("ERROR Too many open connections\r\n", 33));
	assert_true(verify_reply_is_error("-ERR max number of clients reached\r\n", 36));
	assert_true(verify_reply_is_error("SERVER_ERROR out of memory\r\n", 28));
	assert_true(verify_reply_is_error("HTTP/1.1 503 Service Unavailable\r\n", 34));
	assert_true(verify_reply_is_error(mysql_err, sizeof(mysql_err) - 1));
	assert_true(verify_reply_is_error("FATAL: sorry, too many clients already", 38));
	assert_false(verify_reply_is_error("+PONG\r\n", 7));
	assert_false(verify_reply_is_error("VERSION 1.6.18\r\n", 16));
	assert_false(verify_reply_is_error("HTTP/1.1 200 OK\r\n", 17));
	assert_false(verify_reply_is_error("", 0));
}

static void
test_unescape_port(void **state)
{
	char out[8];
	size_t n = 0, bad = 0;

	(void)state;
	assert_int_equal(verify_unescape("PING\\r\\n", out, sizeof(out), &n, &bad), 0);
	assert_int_equal(n, 6);
	assert_memory_equal(out, "PING\r\n", 6);
	assert_int_equal(verify_unescape("a\\x00\\\\", out, sizeof(out), &n, &bad), 0);
	assert_int_equal(n, 3);
	assert_memory_equal(out, "a\0\\", 3);
	assert_int_equal(verify_unescape("ab\\q", out, sizeof(out), &n, &bad), -EINVAL);
	assert_int_equal(bad, 2);
	assert_int_equal(verify_unescape("\\x4", out, sizeof(out), &n, &bad), -EINVAL);
	assert_int_equal(verify_unescape("123456789", out, sizeof(out), &n, &bad), -E2BIG);
	assert_int_equal(verify_port_check("80"), 0);
	assert_int_equal(verify_port_check("65535"), 0);
	assert_int_equal(verify_port_check("memcache"), 0);
	assert_int_equal(verify_port_check("99999"), -ERANGE);
	assert_int_equal(verify_port_check("0"), -ERANGE);
	assert_int_equal(verify_port_check("0000000080"), -ERANGE);
	assert_int_equal(verify_port_check(" 12"), -ERANGE);
	assert_int_equal(verify_port_check("+5"), -ERANGE);
	assert_int_equal(verify_port_check("0x10"), -ERANGE);
	assert_int_equal(verify_port_check("mem cache"), -EINVAL);
}

/* A server that took every handshake and then dropped some: fail, its cap
 * named from its reply, the dropped ones not counted as held. */
static void
test_cause_drops(void **state)
{
	struct verify_layout lay = {.soft_wanted = 20000};
	struct verify_result r;
	char why[512];

	(void)state;
	memset(&r, 0, sizeof(r));
	r.stop = VERIFY_STOP_COMPLETE;
	r.established = 1500;
	assert_false(verify_rejected(&r));
	r.drops.closed = 500;
	r.drops.reset = 26;
	r.drops.error_replies = 500;
	r.drops.sample_error = true;
	memcpy(r.drops.sample, "ERROR Too many open connections\r\n", 33);
	r.drops.sample_len = 33;
	assert_true(verify_rejected(&r));
	verify_cause_drops_apply(&r);
	assert_int_equal(r.established, 974);
	assert_string_equal(r.failure.op, "hold");
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_APP_MEMCACHED);
	assert_non_null(strstr(why, "dropped 526"));
	memcpy(r.drops.sample, "-ERR max number of clients reached", 34);
	r.drops.sample_len = 34;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_APP_REDIS);
	r.drops.sample_error = false;
	assert_int_equal(verify_cause_layer(&r, &lay, why, sizeof(why)), LAYER_KIND_NONE);
	assert_non_null(strstr(why, "nofile"));
}

/* Across hosts: the client names what it can tell apart from its side;
 * --serve says whether the clients reached it. */
static void
test_cause_remote(void **state)
{
	struct verify_layout remote = {.soft_wanted = 20000, .remote = true};
	struct verify_layout serve = {.soft_wanted = 20000, .serve = true};
	struct verify_result r;
	char why[768];

	(void)state;
	memset(&r, 0, sizeof(r));
	r.stop = VERIFY_STOP_TIMEOUT;
	r.established = 200;
	r.failure.err = ETIMEDOUT;
	/* Local counters rose, but the server is elsewhere: not the backlog here. */
	r.peak.listen_overflows = 5;
	assert_int_equal(verify_cause_layer(&r, &remote, why, sizeof(why)), LAYER_KIND_NONE);
	assert_non_null(strstr(why, "stalled at 200"));
	assert_non_null(strstr(why, "conntrack table"));
	assert_non_null(strstr(why, "accept queue"));
	r.stop = VERIFY_STOP_FAILED;
	r.failure.err = ECONNREFUSED;
	snprintf(r.failure.op, sizeof(r.failure.op), "connect");
	assert_int_equal(verify_cause_layer(&r, &remote, why, sizeof(why)), LAYER_KIND_NONE);
	assert_non_null(strstr(why, "refused"));

	memset(&r, 0, sizeof(r));
	r.stop = VERIFY_STOP_TIMEOUT;
	r.accepted = 200;
	assert_int_equal(verify_cause_layer(&r, &serve, why, sizeof(why)), LAYER_KIND_NONE);
	assert_non_null(strstr(why, "never reached this host"));
	r.peak.listen_overflows = 30;
	assert_int_equal(verify_cause_layer(&r, &serve, why, sizeof(why)), LAYER_BACKLOG_SOMAXCONN);
	r.stop = VERIFY_STOP_FAILED;
	r.failure.err = EMFILE;
	snprintf(r.failure.op, sizeof(r.failure.op), "accept");
	assert_int_equal(verify_cause_layer(&r, &serve, why, sizeof(why)), LAYER_NOFILE_SOFT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kstat_parse),	   cmocka_unit_test(test_kstat_missing),
	    cmocka_unit_test(test_bytes_per_conn), cmocka_unit_test(test_layout_spreads),
	    cmocka_unit_test(test_layout_relay),   cmocka_unit_test(test_layout_small),
	    cmocka_unit_test(test_layout_asked),   cmocka_unit_test(test_layout_bad),
	    cmocka_unit_test(test_hostport),	   cmocka_unit_test(test_cause_errno),
	    cmocka_unit_test(test_cause_backlog),  cmocka_unit_test(test_predict_scales),
	    cmocka_unit_test(test_compare),	   cmocka_unit_test(test_progress_line),
	    cmocka_unit_test(test_reply_error),	   cmocka_unit_test(test_unescape_port),
	    cmocka_unit_test(test_cause_drops),	   cmocka_unit_test(test_cause_remote),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
