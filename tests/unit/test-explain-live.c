/*
 * test-explain-live.c: text as it is pasted (colour codes, JSON escapes),
 * the /dev/kmsg line filter, and the ranking of an ambiguous line's
 * candidates by what the live state shows.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain-clean.h"
#include "explain-output.h"
#include "explain-source.h"
#include "explain.h"
#include "headroom.h"

static void
check_clean(const char *in, const char *want)
{
	char out[1024];
	size_t n;

	assert_true(strlen(in) < sizeof(out));
	n = explain_clean(in, strlen(in), out);
	assert_true(n <= strlen(in));
	out[n] = '\0';
	if (strcmp(out, want) != 0)
		fail_msg("clean '%s': got '%s', want '%s'", in, out, want);
}

static void
test_clean(void **state)
{
	(void)state;
	assert_false(explain_clean_wanted("plain text: too many open files", 31));
	assert_true(explain_clean_wanted("a \\\"quoted\\\" one", 16));
	assert_true(explain_clean_wanted("\033[31mred", 8));
	check_clean("\033[31mERRO\033[0m[0001] dial: \033[1;33msocket\033[0m",
		    "ERRO[0001] dial: socket");
	check_clean("\033]0;title\007after", "after");
	check_clean("{\"msg\":\"forbidden sysctl: \\\"net.core.somaxconn\\\" not allowlisted\"}",
		    "{\"msg\":\"forbidden sysctl: \"net.core.somaxconn\" not allowlisted\"}");
	/* a record logged inside another one: escaped twice */
	check_clean("{\"log\":\"{\\\"msg\\\":\\\\\\\"x\\\\\\\"}\"}",
		    "{\"log\":\"{\"msg\":\"x\"}\"}");
	check_clean("line\\nnext\\ttab", "line next tab");
	check_clean("\\u001b[31mred\\u001b[0m \\u00e9", "red \xc3\xa9");
	check_clean("\\x1b[32mgreen\\x1b[0m", "green");
	/* unknown escapes stay: most of a Windows path survives */
	check_clean("C:\\Users\\load\\data.log", "C:\\Users\\load\\data.log");
	check_clean("ends with \\", "ends with \\");
}

static void
test_clean_matches(void **state)
{
	static const struct {
		const char *line, *id;
	} cases[] = {
	    {"\033[31mERRO\033[0m dial tcp 127.0.0.1:80: socket: too many open \033[1mfiles\033[0m",
	     "go.socket-emfile"},
	    {"{\"log\":\"*** uWSGI listen queue of socket \\\":8019\\\" (fd: 3) full !!! "
	     "(101/100) ***\\n\",\"stream\":\"stderr\"}",
	     "uwsgi.listen-queue"},
	    {"{\"error\":\"Data source rejected establishment of connection,  message from "
	     "server: \\\"Too many connections\\\"\"}",
	     "mysql.too-many-connections"},
	};
	struct explain_engine *e = malloc(sizeof(*e));
	char cause[CAUSE_MAX];
	size_t i;

	(void)state;
	assert_non_null(e);
	assert_int_equal(explain_engine_init(e, cause, sizeof(cause)), 0);
	for (i = 0; i < nitems(cases); i++) {
		int fast = explain_match(e, cases[i].line, strlen(cases[i].line));
		int slow = explain_match_slow(e, cases[i].line, strlen(cases[i].line));

		assert_int_equal(fast, slow);
		if (fast < 0 || strcmp(explain_entry((size_t)fast)->id, cases[i].id) != 0)
			fail_msg("'%s': got %s, want %s", cases[i].line,
				 fast < 0 ? "(none)" : explain_entry((size_t)fast)->id,
				 cases[i].id);
	}
	explain_engine_free(e);
	free(e);
}

/* ---- /dev/kmsg records ---- */

static void
test_kmsg_filter(void **state)
{
	static const char kmsg[] =
	    "6,1201,2290290217,-;TCP: request_sock_TCP: Possible SYN flooding on port 80. "
	    "Sending cookies.\n"
	    " SUBSYSTEM=net\n"
	    " DEVICE=+net:lo\n"
	    "4,1202,5000001,c;nf_conntrack: table full, dropping packet\n"
	    "[   12.000001] dmesg text passes as it is\n"
	    "6,1203,7,-;VFS: file-max limit 65536 reached";
	struct explain_engine *e = malloc(sizeof(*e));
	struct explain_scan *s = malloc(sizeof(*s));
	struct explain_kmsg k;
	char cause[CAUSE_MAX];
	size_t i;

	(void)state;
	assert_non_null(e);
	assert_non_null(s);
	assert_int_equal(explain_engine_init(e, cause, sizeof(cause)), 0);
	assert_int_equal(explain_scan_init(s, e), 0);
	explain_kmsg_init(&k, s);
	/* byte by byte: records may be split anywhere */
	for (i = 0; i < sizeof(kmsg) - 1; i++)
		explain_kmsg_feed(&k, kmsg + i, 1);
	explain_kmsg_finish(&k);
	explain_scan_finish(s);
	assert_int_equal(s->lines, 4); /* dictionary lines dropped */
	assert_int_equal(s->matched, 3);
	i = (size_t)explain_entry_index("kernel.syn-flood");
	assert_int_equal(s->stat[i].first_line, 1);
	assert_memory_equal(s->stat[i].example, "[ 2290.290217] TCP:", 19);
	i = (size_t)explain_entry_index("kernel.file-max");
	assert_memory_equal(s->stat[i].example, "[    0.000007] VFS:", 19);
	explain_scan_free(s);
	explain_engine_free(e);
	free(s);
	free(e);
}

/* ---- ranking candidates by what is seen now ---- */

static struct layer_set set;

static struct explain_report
report_with(int64_t overflows_before, int64_t overflows_after)
{
	struct explain_report r;

	memset(&r, 0, sizeof(r));
	r.set = &set;
	r.before = (struct explain_counters){overflows_before, 0};
	r.after = (struct explain_counters){overflows_after, 0};
	return r;
}

static struct layer *
add(enum layer_kind kind, int64_t use, int64_t limit, pid_t pid)
{
	struct layer *l = layer_add(&set, kind);

	assert_non_null(l);
	l->use = use;
	l->limit = limit;
	l->pid = pid;
	snprintf(l->comm, sizeof(l->comm), "srv");
	return l;
}

static const char *
first(const struct explain_report *r, const char *id, char *live, size_t len)
{
	static struct explain_ranked rk[EXPLAIN_CANDIDATES_PER_ENTRY];
	size_t n = explain_ranked_candidates(r, explain_entry_find(id), rk);

	assert_true(n > 0);
	snprintf(live, len, "%s", rk[0].live);
	return rk[0].c.cause;
}

static void
test_ranking(void **state)
{
	struct explain_report r;
	pid_t pid = 4242;
	char live[160];

	(void)state;
	/* No live check: the catalogue's order. */
	memset(&r, 0, sizeof(r));
	assert_string_equal(first(&r, "sys.econnreset", live, sizeof(live)), "backlog.somaxconn");
	assert_string_equal(live, "");

	/* Everything fine now: nothing moves (and nothing is demoted). */
	layer_set_init(&set);
	add(LAYER_BACKLOG_SOMAXCONN, 0, 4096, 0);
	add(LAYER_NOFILE_SOFT, 10, 1024, pid);
	add(LAYER_PORTS_EPHEMERAL, 100, 28232, 0);
	r = report_with(5, 5);
	r.pids = &pid;
	r.npids = 1;
	assert_string_equal(first(&r, "sys.econnreset", live, sizeof(live)), "backlog.somaxconn");
	assert_non_null(strstr(live, "none during this check"));
	assert_string_equal(first(&r, "sys.eaddrinuse", live, sizeof(live)), "app.port-in-use");

	/* The watched server at its fd limit: its nofile moves first. */
	set.v[1].use = 1020;
	assert_string_equal(first(&r, "sys.econnreset", live, sizeof(live)), "nofile.soft");
	assert_string_equal(live, "pid 4242 (srv): 1,020 of 1,024 open");

	/* Overflows rising during the check: the queue is back first. */
	r = report_with(100, 112);
	r.pids = &pid;
	r.npids = 1;
	assert_string_equal(first(&r, "sys.econnreset", live, sizeof(live)), "backlog.somaxconn");
	assert_string_equal(live, "ListenOverflows +12 during this check: it is happening now");

	/* Local ports nearly all used: a bind failure is the client's. */
	set.v[2].use = 27000;
	assert_string_equal(first(&r, "sys.eaddrinuse", live, sizeof(live)), "ports.ephemeral");
	assert_string_equal(live, "27,000 of 28,232 in use now");

	/* Without --pid, a process layer is not evidence about the server. */
	r.npids = 0;
	r.after = r.before;
	assert_string_equal(first(&r, "sys.econnreset", live, sizeof(live)), "backlog.somaxconn");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_clean_matches),
	    cmocka_unit_test(test_kmsg_filter),
	    cmocka_unit_test(test_ranking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
