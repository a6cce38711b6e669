/*
 * test-explain-scan.c: reading a log: any split of the input gives the same
 * counts, long lines are matched on their head and tail in bounded memory,
 * line numbers stay right, odd bytes are just bytes.
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
#include <unistd.h>

#include <cmocka.h>

#include "explain.h"
#include "headroom.h"

static struct explain_engine engine;
static struct explain_scan scan;

static int
setup(void **state)
{
	char cause[CAUSE_MAX];

	(void)state;
	return explain_engine_init(&engine, cause, sizeof(cause));
}

static int
teardown(void **state)
{
	(void)state;
	explain_engine_free(&engine);
	return 0;
}

static int
index_of(const char *id)
{
	int i = explain_entry_index(id);

	assert_true(i >= 0);
	return i;
}

static const char log_text[] =
    "2024/05/01 12:00:00 dial tcp 127.0.0.1:8080: socket: too many open files\n"
    "INFO all good\r\n"
    "\n"
    "Nov 24 08:12:01 srv kernel: nf_conntrack: table full, dropping packet\r\n"
    "binary \0\xff\xfe socket: too many open files\n"
    "2024/05/01 12:00:01 dial tcp 10.0.0.9:80: socket: too many open files\n"
    "last line without newline: [Errno 24] Too many open files";

static void
scan_in_chunks(size_t chunk)
{
	size_t off = 0, len = sizeof(log_text) - 1;

	assert_int_equal(explain_scan_init(&scan, &engine), 0);
	while (off < len) {
		size_t n = len - off < chunk ? len - off : chunk;

		explain_scan_feed(&scan, log_text + off, n);
		off += n;
	}
	explain_scan_finish(&scan);
}

static void
check_log_counts(void)
{
	const struct explain_stat *go = &scan.stat[index_of("go.socket-emfile")];
	const struct explain_stat *ct = &scan.stat[index_of("kernel.conntrack")];
	const struct explain_stat *py = &scan.stat[index_of("py.emfile")];

	assert_int_equal(scan.lines, 7);
	assert_int_equal(scan.matched, 5);
	assert_int_equal(go->count, 3);
	assert_int_equal(go->first_line, 1);
	assert_int_equal(go->last_line, 6);
	assert_int_equal(ct->count, 1);
	assert_int_equal(ct->first_line, 4);
	/* The example keeps the line as it was, minus the line end. */
	assert_int_equal(ct->example_len, strlen("Nov 24 08:12:01 srv kernel: nf_conntrack: "
						 "table full, dropping packet"));
	assert_int_equal(py->count, 1);
	assert_int_equal(py->last_line, 7);
	assert_int_equal(scan.bytes, sizeof(log_text) - 1);
}

static void
test_any_split_same_counts(void **state)
{
	static const size_t chunks[] = {1, 2, 3, 7, 64, 4096};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(chunks); i++) {
		scan_in_chunks(chunks[i]);
		check_log_counts();
		explain_scan_free(&scan);
	}
}

static void
test_empty_input(void **state)
{
	(void)state;
	assert_int_equal(explain_scan_init(&scan, &engine), 0);
	explain_scan_finish(&scan);
	assert_int_equal(scan.lines, 0);
	assert_int_equal(scan.matched, 0);
	explain_scan_feed(&scan, "\n\n", 2);
	explain_scan_finish(&scan);
	assert_int_equal(scan.lines, 2);
	explain_scan_free(&scan);
}

/* Feed a line of `len` bytes of filler with `head` at its start and `tail`
 * at its end, in pieces, as a pipe would deliver it. */
static void
feed_long_line(const char *head, size_t len, const char *tail)
{
	static char filler[65536];
	size_t done = 0;

	memset(filler, 'x', sizeof(filler));
	explain_scan_feed(&scan, head, strlen(head));
	done += strlen(head);
	while (done + strlen(tail) < len) {
		size_t n = len - strlen(tail) - done;

		if (n > sizeof(filler))
			n = sizeof(filler);
		explain_scan_feed(&scan, filler, n);
		done += n;
	}
	explain_scan_feed(&scan, tail, strlen(tail));
	explain_scan_feed(&scan, "\n", 1);
}

static void
test_long_lines(void **state)
{
	(void)state;
	assert_int_equal(explain_scan_init(&scan, &engine), 0);
	/* 1: head matches; 2: only the tail does; 3: the message sits in the
	 * middle of 10 MB and is out of both windows; 4: a short line after. */
	feed_long_line("socket: too many open files ", 10 * 1024 * 1024, "");
	feed_long_line("", 10 * 1024 * 1024, " TCP: too many orphaned sockets");
	feed_long_line("", 5 * 1024 * 1024, "");
	feed_long_line("[Errno 24]", 5 * 1024 * 1024, "");
	explain_scan_feed(&scan, "VFS: file-max limit 10 reached\n", 31);
	explain_scan_finish(&scan);
	assert_int_equal(scan.lines, 5);
	assert_int_equal(scan.long_lines, 4);
	assert_int_equal(scan.matched, 4);
	assert_int_equal(scan.stat[index_of("go.socket-emfile")].first_line, 1);
	assert_int_equal(scan.stat[index_of("kernel.orphans")].first_line, 2);
	assert_int_equal(scan.stat[index_of("py.emfile")].first_line, 4);
	assert_int_equal(scan.stat[index_of("kernel.file-max")].first_line, 5);
	/* The example of a long line is cut to the kept size. */
	assert_true(scan.stat[index_of("go.socket-emfile")].example_cut);
	assert_int_equal(scan.stat[index_of("go.socket-emfile")].example_len, EXPLAIN_EXAMPLE_MAX);
	explain_scan_free(&scan);
}

/* A line just over the limit, whole in the buffer, matched on its tail. */
static void
test_long_line_in_buffer(void **state)
{
	size_t len = EXPLAIN_LINE_MAX + 100;
	char *line = malloc(len + 1);
	const char *msg = "apr_socket_recv: Connection reset by peer (104)";

	(void)state;
	assert_non_null(line);
	memset(line, 'y', len);
	memcpy(line + len - strlen(msg), msg, strlen(msg));
	line[len] = '\n';
	assert_int_equal(explain_scan_init(&scan, &engine), 0);
	explain_scan_feed(&scan, line, len + 1);
	explain_scan_finish(&scan);
	assert_int_equal(scan.long_lines, 1);
	assert_int_equal(scan.stat[index_of("ab.econnreset")].count, 1);
	explain_scan_free(&scan);
	free(line);
}

static void
test_read_fd(void **state)
{
	FILE *f = tmpfile();
	char cause[CAUSE_MAX];

	(void)state;
	assert_non_null(f);
	assert_int_equal(fwrite(log_text, 1, sizeof(log_text) - 1, f), sizeof(log_text) - 1);
	fflush(f);
	rewind(f);
	assert_int_equal(explain_scan_init(&scan, &engine), 0);
	assert_int_equal(explain_scan_fd(&scan, fileno(f), "tmp", cause, sizeof(cause)), 0);
	explain_scan_finish(&scan);
	check_log_counts();
	explain_scan_free(&scan);
	fclose(f);

	/* A descriptor that cannot be read gives -errno and a cause naming it. */
	assert_int_equal(explain_scan_init(&scan, &engine), 0);
	assert_int_equal(explain_scan_fd(&scan, -1, "the log", cause, sizeof(cause)), -EBADF);
	assert_non_null(strstr(cause, "the log"));
	explain_scan_free(&scan);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_any_split_same_counts),
	    cmocka_unit_test(test_empty_input),
	    cmocka_unit_test(test_long_lines),
	    cmocka_unit_test(test_long_line_in_buffer),
	    cmocka_unit_test(test_read_fd),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
