/*
 * test-top-render.c: the text of `headroom top` from hand-made samples:
 * number, rate and duration formats, bars, and the rows of layers and
 * processes at the narrowest and a wide width.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "top-render.h"

static struct top_sample sample;

static void
test_values(void **state)
{
	char buf[32];

	(void)state;
	top_fmt_value(LAYER_NONE, UNIT_COUNT, buf, sizeof(buf));
	assert_string_equal(buf, "-");
	top_fmt_value(LAYER_UNLIMITED, UNIT_COUNT, buf, sizeof(buf));
	assert_string_equal(buf, "unlimited");
	top_fmt_value(1048576, UNIT_COUNT, buf, sizeof(buf));
	assert_string_equal(buf, "1048576");
	top_fmt_value(99999999, UNIT_COUNT, buf, sizeof(buf));
	assert_string_equal(buf, "99999999");
	top_fmt_value(9223372036854775806LL, UNIT_COUNT, buf, sizeof(buf));
	assert_string_equal(buf, "9.2E");
	top_fmt_value(512, UNIT_BYTES, buf, sizeof(buf));
	assert_string_equal(buf, "512B");
	top_fmt_value(3 * 1024 * 1024 + 512 * 1024, UNIT_BYTES, buf, sizeof(buf));
	assert_string_equal(buf, "3.5MiB");
	/* tcp_mem counts 4 KiB pages */
	top_fmt_value(256, UNIT_PAGES, buf, sizeof(buf));
	assert_string_equal(buf, "1.0MiB");
}

static void
test_rates_and_durations(void **state)
{
	char buf[32];

	(void)state;
	top_fmt_rate(0.01, true, buf, sizeof(buf));
	assert_string_equal(buf, "0/s");
	top_fmt_rate(2.5, true, buf, sizeof(buf));
	assert_string_equal(buf, "+2.5/s");
	top_fmt_rate(-35.2, true, buf, sizeof(buf));
	assert_string_equal(buf, "-35/s");
	top_fmt_rate(35.2, false, buf, sizeof(buf));
	assert_string_equal(buf, "35/s");
	top_fmt_rate(250000.0, false, buf, sizeof(buf));
	assert_string_equal(buf, "250k/s");
	top_fmt_duration(41.2, buf, sizeof(buf));
	assert_string_equal(buf, "41 s");
	top_fmt_duration(99.6, buf, sizeof(buf));
	assert_string_equal(buf, "2 min");
	top_fmt_duration(170.0, buf, sizeof(buf));
	assert_string_equal(buf, "3 min");
	top_fmt_duration(3.0 * 3600, buf, sizeof(buf));
	assert_string_equal(buf, "3 h");
	top_fmt_duration(5.0 * 86400, buf, sizeof(buf));
	assert_string_equal(buf, "5 days");
}

static void
test_bars(void **state)
{
	char buf[64];

	(void)state;
	/* 10 cells: half used, need at 80% */
	top_fmt_bar(buf, 12, 50, 100, 80, '#');
	assert_string_equal(buf, "[#####...|.]");
	/* any use shows one cell; only a full value fills every cell */
	top_fmt_bar(buf, 12, 1, 1000000, LAYER_NONE, '#');
	assert_string_equal(buf, "[#.........]");
	top_fmt_bar(buf, 12, 999, 1000, LAYER_NONE, '#');
	assert_string_equal(buf, "[#########.]");
	/* need past the limit: '>' closes the bar */
	top_fmt_bar(buf, 12, 10, 100, 500, '#');
	assert_string_equal(buf, "[#.........>");
	/* use past the limit (a soft limit lowered under use) */
	top_fmt_bar(buf, 12, 150, 100, LAYER_NONE, '#');
	assert_string_equal(buf, "[##########>");
	/* no limit: nothing to fill */
	top_fmt_bar(buf, 12, 150, LAYER_UNLIMITED, 10, '#');
	assert_string_equal(buf, "[..........]");
}

static void
sample_init(void)
{
	struct layer *l;

	memset(&sample, 0, sizeof(sample));
	snprintf(sample.host, sizeof(sample.host), "web-1");
	snprintf(sample.kernel, sizeof(sample.kernel), "6.1.0");
	sample.t = 3723.4;
	sample.layers_t = sample.t;
	target_init(&sample.target);
	sample.target.conns = 10000;
	layer_set_init(&sample.layers);

	l = layer_add(&sample.layers, LAYER_FS_NR_OPEN);
	l->limit = 1048576;
	l->need = 10016;
	l = layer_add(&sample.layers, LAYER_NOFILE_SOFT);
	l->limit = 1024;
	l->use = 812;
	l->need = 10016;
	l->verdict = VERDICT_FAIL;
	l->pid = 4242;
	l = layer_add(&sample.layers, LAYER_CONNTRACK);
	layer_unknown(l, "nf_conntrack is not loaded\nsecond line");
	sample.plan.verdict = VERDICT_FAIL;
	sample.plan.max_supported = 1008;
	sample.plan.bottleneck = &sample.layers.v[1];
}

static void
test_header(void **state)
{
	struct top_line out[TOP_HEADER_LINES];

	(void)state;
	sample_init();
	top_render_header(&sample, 80, true, out);
	assert_string_equal(out[0].text,
			    "headroom top  host web-1  kernel 6.1.0  up 1:02:03  FROZEN");
	assert_string_equal(out[1].text, "target 10000 both  verdict FAIL  supports 1008  "
					 "bottleneck nofile.soft:4242");
	/* the verdict word is painted with the fail style */
	assert_int_equal(out[1].nspans, 1);
	assert_int_equal(out[1].spans[0].style, TOP_STYLE_FAIL);
	assert_memory_equal(out[1].text + out[1].spans[0].start, "FAIL", 4);

	/* layers from an older probe say how old */
	sample.layers_t = sample.t - 30.0;
	top_render_header(&sample, 80, false, out);
	assert_non_null(strstr(out[0].text, "  probed 30 s ago"));
	/* narrow: cut at the width */
	top_render_header(&sample, 20, false, out);
	assert_int_equal(strlen(out[0].text), 20);
}

static void
test_rows(void **state)
{
	struct top_row rows[TOP_BODY_ROWS_MAX];
	struct top_line line;
	size_t n;

	(void)state;
	sample_init();
	n = top_render_rows(&sample, rows);
	/* no process watched: the layers title, then fail, unknown, ok */
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].kind, TOP_ROW_LAYERS_TITLE);
	assert_int_equal(rows[1].index, 1);
	assert_int_equal(rows[2].index, 2);
	assert_int_equal(rows[3].index, 0);

	top_render_row(&sample, &rows[1], 80, &line);
	/* 812/1024 fills 11 of 15 cells; the need is past the limit: '>' */
	assert_string_equal(line.text,
			    "nofile.soft:4242    [###########....>       812/1024      10016"
			    "          fail");
	top_render_row(&sample, &rows[3], TOP_MIN_COLS, &line);
	assert_string_equal(line.text,
			    "fs.nr_open          [=......]         -/1048576   10016     "
			    "     ok");
	/* unknown: the first line of the reason instead of figures */
	top_render_row(&sample, &rows[2], 80, &line);
	assert_string_equal(line.text, "conntrack           ? nf_conntrack is not loaded         "
				       "                unknown");
	assert_int_equal(line.spans[0].style, TOP_STYLE_UNKNOWN);
}

static void
test_process_rows(void **state)
{
	struct top_row rows[TOP_BODY_ROWS_MAX];
	struct top_proc *p = &sample.procs[0];
	struct top_line line;
	size_t n;

	(void)state;
	sample_init();
	sample.nprocs = 1;
	p->pid = 4242;
	snprintf(p->comm, sizeof(p->comm), "a-very-long-server-name");
	p->fds = 812;
	p->soft = 1024;
	p->has_rate = true;
	p->fds_per_sec = 5.0;
	n = top_render_rows(&sample, rows);
	assert_int_equal(n, 6);
	assert_int_equal(rows[0].kind, TOP_ROW_PROCS_TITLE);
	assert_int_equal(rows[1].kind, TOP_ROW_PROC);
	/* 212 fds left at 5 a second: 42.4 s */
	top_render_row(&sample, &rows[1], 80, &line);
	assert_string_equal(line.text, "a-very-long-se 4242 [###########....]     812/1024     "
				       "+5.0/s  EMFILE in ~42 s");
	assert_int_equal(line.spans[0].style, TOP_STYLE_WARN);

	p->fds = 1024;
	top_render_row(&sample, &rows[1], 80, &line);
	assert_non_null(strstr(line.text, "at limit: EMFILE"));
	assert_int_equal(line.spans[0].style, TOP_STYLE_FAIL);

	p->state = TOP_PROC_GONE;
	p->gone_at = 75.0;
	top_render_row(&sample, &rows[1], 80, &line);
	assert_string_equal(line.text,
			    "a-very-long-se 4242 gone: exited by 0:01:15, last 1024/1024 fds");
	assert_int_equal(line.spans[0].style, TOP_STYLE_GONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_values), cmocka_unit_test(test_rates_and_durations),
	    cmocka_unit_test(test_bars),   cmocka_unit_test(test_header),
	    cmocka_unit_test(test_rows),   cmocka_unit_test(test_process_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
