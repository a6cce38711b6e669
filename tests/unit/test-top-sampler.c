/*
 * test-top-sampler.c: the sampler of `headroom top` on a root built in a
 * temporary directory: counters and their rates, reset, a watched process
 * whose descriptors grow, that becomes a zombie, or whose pid is reused.
 * Files are rewritten in place, as /proc regenerates them, so the kept
 * descriptors see the new content.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "rootfs.h"
#include "top-sampler.h"

static char root[64];
static struct top_sampler sampler;

static void
put(const char *rel, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	f = fopen(path, "w"); /* truncates in place: same inode */
	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static void
mkdirs(const char *rel)
{
	char path[256], *p;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

static void
put_counters(long estab, long fails, long tw, long overflows)
{
	put("/proc/net/snmp",
	    "Tcp: RtoAlgorithm ActiveOpens AttemptFails CurrEstab\n"
	    "Tcp: 1 10 %ld %ld\n",
	    fails, estab);
	put("/proc/net/sockstat", "sockets: used 1\nTCP: inuse 1 orphan 3 tw %ld alloc 1 mem 1\n",
	    tw);
	put("/proc/net/netstat", "TcpExt: ListenOverflows ListenDrops\nTcpExt: %ld %ld\n",
	    overflows, overflows);
}

static void
put_process(int pid, char state, unsigned long long start, int fds)
{
	char rel[64];
	int i;

	snprintf(rel, sizeof(rel), "/proc/%d/fd", pid);
	mkdirs(rel);
	snprintf(rel, sizeof(rel), "/proc/%d/stat", pid);
	put(rel, "%d (my server) %c 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 %llu 1000 10 0\n", pid,
	    state, start);
	snprintf(rel, sizeof(rel), "/proc/%d/limits", pid);
	put(rel, "Limit                     Soft Limit           Hard Limit           Units\n"
		 "Max open files            100                  4096                 files\n");
	for (i = 0; i < fds; i++) {
		snprintf(rel, sizeof(rel), "/proc/%d/fd/%d", pid, i);
		put(rel, "");
	}
}

static int
setup(void **state)
{
	struct target t;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/test-top-sampler.XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	mkdirs("/proc/net");
	mkdirs("/proc/sys/kernel");
	mkdirs("/proc/sys/net/ipv4");
	mkdirs("/proc/sys/fs");
	put("/proc/sys/net/ipv4/tcp_max_tw_buckets", "4096\n");
	put("/proc/sys/fs/file-max", "100000\n");
	put("/proc/sys/fs/file-nr", "2000\t0\t100000\n");
	put("/proc/sys/kernel/hostname", "fixture-host\n");
	put("/proc/sys/kernel/osrelease", "6.1.0-test\n");
	put_counters(100, 5, 7, 2);
	put_process(77, 'S', 1234, 10);
	if (rootfs_init(root) < 0)
		return -1;
	target_init(&t);
	t.conns = 1000;
	top_sampler_init(&sampler, &t);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	top_sampler_close(&sampler);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_parse_stat(void **state)
{
	unsigned long long start;
	char comm[32], st;

	(void)state;
	assert_int_equal(top_parse_stat("12 (a) b) c) R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 "
					"18 99 20",
					comm, sizeof(comm), &st, &start),
			 0);
	assert_string_equal(comm, "a) b) c");
	assert_int_equal(st, 'R');
	assert_int_equal(start, 99);
	assert_int_equal(top_parse_stat("12 no-parens S 1", comm, sizeof(comm), &st, &start),
			 -EINVAL);
	assert_int_equal(top_parse_stat("12 (x) S 1 2", comm, sizeof(comm), &st, &start), -EINVAL);
}

static void
test_eta(void **state)
{
	struct top_proc p = {.state = TOP_PROC_LIVE, .fds = 500, .soft = 1000, .has_rate = true};

	(void)state;
	p.fds_per_sec = 50.0;
	assert_true(top_proc_eta(&p) > 9.99 && top_proc_eta(&p) < 10.01);
	p.fds_per_sec = -3.0;
	assert_true(top_proc_eta(&p) < 0.0);
	p.fds = 1000;
	assert_true(top_proc_eta(&p) == 0.0);
	p.soft = LAYER_UNLIMITED;
	assert_true(top_proc_eta(&p) < 0.0);
}

static void
test_counters(void **state)
{
	struct top_sample *s = &sampler.s;

	(void)state;
	top_sampler_refresh(&sampler);
	assert_string_equal(s->host, "fixture-host");
	assert_string_equal(s->kernel, "6.1.0-test");
	assert_int_equal(s->frame, 1);
	assert_true(s->counters[TOP_ESTABLISHED].known);
	assert_int_equal(s->counters[TOP_ESTABLISHED].value, 100);
	assert_false(s->counters[TOP_ESTABLISHED].has_rate);
	assert_int_equal(s->counters[TOP_ATTEMPT_FAILS].value, 5);
	assert_int_equal(s->counters[TOP_TIME_WAIT].value, 7);
	assert_int_equal(s->counters[TOP_ORPHANS].value, 3);
	assert_int_equal(s->counters[TOP_LISTEN_DROPS].value, 2);
	assert_false(s->counters[TOP_CONNTRACK].known); /* module not loaded here */

	put_counters(160, 9, 4, 12);
	usleep(20000);
	top_sampler_refresh(&sampler);
	assert_true(s->dt > 0.015);
	assert_true(s->counters[TOP_ESTABLISHED].has_rate);
	assert_int_equal(s->counters[TOP_ESTABLISHED].value, 160);
	assert_true(s->counters[TOP_ESTABLISHED].per_sec > 59.0 / s->dt &&
		    s->counters[TOP_ESTABLISHED].per_sec < 61.0 / s->dt);
	assert_true(s->counters[TOP_TIME_WAIT].per_sec < 0.0);
	/* totals count from the start, then from the reset */
	assert_int_equal(
	    s->counters[TOP_LISTEN_OVERFLOWS].value - s->counters[TOP_LISTEN_OVERFLOWS].base, 10);
	top_sampler_reset(&sampler);
	assert_int_equal(
	    s->counters[TOP_LISTEN_OVERFLOWS].value - s->counters[TOP_LISTEN_OVERFLOWS].base, 0);
	/* the layers follow: from a new probe, or patched between probes */
	assert_int_equal(layer_find(&s->layers, LAYER_TCP_TW, 0)->use, 4);
	assert_int_equal(layer_find(&s->layers, LAYER_TCP_TW, 0)->verdict, VERDICT_OK);
	put_counters(160, 9, 4000, 12);
	put("/proc/sys/fs/file-nr", "3500\t0\t100000\n");
	top_sampler_refresh(&sampler);
	assert_int_equal(layer_find(&s->layers, LAYER_TCP_TW, 0)->use, 4000);
	/* and judged again: 4000 of 4096 is inside the margin */
	assert_int_not_equal(layer_find(&s->layers, LAYER_TCP_TW, 0)->verdict, VERDICT_OK);
	assert_int_equal(layer_find(&s->layers, LAYER_FS_FILE_MAX, 0)->use, 3500);
	/* no census under a --root tree: said, not guessed */
	assert_false(s->listener.known);
	assert_string_equal(s->census_cause, "n/a under --root");
}

static void
test_target(void **state)
{
	struct target t;

	(void)state;
	top_sampler_refresh(&sampler);
	t = sampler.s.target;
	t.conns = 12345;
	top_sampler_set_target(&sampler, &t);
	assert_int_equal(sampler.s.target.conns, 12345);
}

static void
test_process(void **state)
{
	struct top_sample *s = &sampler.s;
	char cause[CAUSE_MAX];

	(void)state;
	assert_int_equal(top_sampler_add_pid(&sampler, 78, cause, sizeof(cause)), -ESRCH);
	assert_string_equal(cause, "pid 78: no such process");
	assert_int_equal(top_sampler_add_pid(&sampler, 77, cause, sizeof(cause)), 0);
	assert_int_equal(top_sampler_add_pid(&sampler, 77, cause, sizeof(cause)), -EEXIST);
	assert_int_equal(s->nprocs, 1);

	top_sampler_refresh(&sampler);
	assert_string_equal(s->procs[0].comm, "my server");
	assert_int_equal(s->procs[0].state, TOP_PROC_LIVE);
	assert_int_equal(s->procs[0].fds, 10);
	assert_int_equal(s->procs[0].soft, 100);
	assert_int_equal(s->procs[0].hard, 4096);
	assert_false(s->procs[0].has_rate);

	put_process(77, 'S', 1234, 30);
	usleep(20000);
	top_sampler_refresh(&sampler);
	assert_int_equal(s->procs[0].fds, 30);
	assert_true(s->procs[0].has_rate && s->procs[0].fds_per_sec > 0.0);
	assert_true(top_proc_eta(&s->procs[0]) > 0.0);

	/* a zombie has exited: gone, with its last figures kept */
	put_process(77, 'Z', 1234, 0);
	top_sampler_refresh(&sampler);
	assert_int_equal(s->procs[0].state, TOP_PROC_GONE);
	assert_int_equal(s->procs[0].fds, 30);
	assert_true(s->procs[0].gone_at > 0.0);

	/* the same pid again, then reused by another process: gone too */
	put_process(77, 'S', 1234, 3);
	assert_int_equal(top_sampler_add_pid(&sampler, 77, cause, sizeof(cause)), 0);
	top_sampler_refresh(&sampler);
	assert_int_equal(s->procs[1].state, TOP_PROC_LIVE);
	put_process(77, 'S', 999999, 3);
	top_sampler_refresh(&sampler);
	assert_int_equal(s->procs[1].state, TOP_PROC_GONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_stat), cmocka_unit_test(test_eta),
	    cmocka_unit_test(test_counters),   cmocka_unit_test(test_target),
	    cmocka_unit_test(test_process),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
