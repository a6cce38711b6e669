/*
 * test-plan.c: what a target needs of each layer per role, how many
 * connections each layer supports, verdicts with the margin, the
 * bottleneck and max_supported, and the recommended values.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "layer.h"
#include "plan.h"

static struct layer_set set;

static struct layer *
add(enum layer_kind kind, int64_t limit, int64_t use)
{
	struct layer *l = layer_add(&set, kind);

	assert_non_null(l);
	l->limit = limit;
	l->use = use;
	return l;
}

static struct target
target(int64_t conns, enum role role)
{
	struct target t;

	target_init(&t);
	t.conns = conns;
	t.role = role;
	return t;
}

/* One layer alone, evaluated for a target. */
static const struct layer *
eval_one(enum layer_kind kind, int64_t limit, int64_t use, const struct target *t)
{
	struct plan_result res;
	struct layer *l;

	layer_set_init(&set);
	l = add(kind, limit, use);
	plan_eval(&set, t, &res);
	return l;
}

static void
defaults(void **state)
{
	struct target t;
	enum role r;

	(void)state;
	target_init(&t);
	assert_int_equal(t.conns, 0);
	assert_int_equal(t.role, ROLE_BOTH);
	assert_int_equal(t.sources, 1);
	assert_true(t.margin > 0.19 && t.margin < 0.21);
	assert_int_equal(role_parse("client", &r), 0);
	assert_int_equal(r, ROLE_CLIENT);
	assert_int_equal(role_parse("server", &r), 0);
	assert_int_equal(r, ROLE_SERVER);
	assert_int_equal(role_parse("both", &r), 0);
	assert_int_equal(r, ROLE_BOTH);
	assert_int_equal(role_parse("Server", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_string_equal(role_name(ROLE_SERVER), "server");
	assert_int_equal(plan_sockets_per_conn(ROLE_CLIENT), 1);
	assert_int_equal(plan_sockets_per_conn(ROLE_BOTH), 2);
}

static void
nofile_one_fd_per_conn_every_role(void **state)
{
	static const enum role roles[] = {ROLE_CLIENT, ROLE_SERVER, ROLE_BOTH};
	static const enum layer_kind kinds[] = {LAYER_NOFILE_SOFT, LAYER_NOFILE_HARD,
						LAYER_FS_NR_OPEN, LAYER_LIMITS_CONF,
						LAYER_SYSTEMD_DEFAULT};
	size_t r, i;

	(void)state;
	for (r = 0; r < 3; r++) {
		struct target t = target(10000, roles[r]);
		for (i = 0; i < 5; i++) {
			const struct layer *l = eval_one(kinds[i], 1048576, 3, &t);
			assert_int_equal(l->need, 10000 + PLAN_OVERHEAD_FDS);
			assert_int_equal(l->supports, 1048576 - PLAN_OVERHEAD_FDS);
		}
	}
}

static void
nofile_watched_pid_counts_its_fds(void **state)
{
	struct target t = target(10000, ROLE_SERVER);
	struct plan_result res;
	struct layer *l;

	(void)state;
	layer_set_init(&set);
	l = add(LAYER_NOFILE_SOFT, 65536, 500);
	l->pid = 4242;
	plan_eval(&set, &t, &res);
	/* A running server already holds 500 descriptors. */
	assert_int_equal(l->need, 10500);
	assert_int_equal(l->supports, 65036);
	/* Fewer than the overhead: the overhead still counts. */
	l->use = 4;
	plan_eval(&set, &t, &res);
	assert_int_equal(l->need, 10000 + PLAN_OVERHEAD_FDS);
}

static void
file_max_two_per_conn_for_both(void **state)
{
	struct target both = target(10000, ROLE_BOTH), client = target(10000, ROLE_CLIENT),
		      server = target(10000, ROLE_SERVER);
	const struct layer *l;

	(void)state;
	l = eval_one(LAYER_FS_FILE_MAX, 1000000, 2000, &both);
	assert_int_equal(l->need, 2000 + 20000);
	assert_int_equal(l->supports, (1000000 - 2000) / 2);
	l = eval_one(LAYER_FS_FILE_MAX, 1000000, 2000, &client);
	assert_int_equal(l->need, 2000 + 10000);
	assert_int_equal(l->supports, 1000000 - 2000);
	l = eval_one(LAYER_FS_FILE_MAX, 1000000, 2000, &server);
	assert_int_equal(l->need, 12000);
}

static void
ports_by_role_and_sources(void **state)
{
	struct target t = target(50000, ROLE_CLIENT);
	const struct layer *l;

	(void)state;
	l = eval_one(LAYER_PORTS_EPHEMERAL, 28232, 100, &t);
	assert_int_equal(l->need, 50100);
	assert_int_equal(l->supports, 28132);
	assert_int_equal(l->verdict, VERDICT_FAIL);
	/* Two source addresses: half the ports each (rounded up). */
	t.sources = 2;
	l = eval_one(LAYER_PORTS_EPHEMERAL, 28232, 100, &t);
	assert_int_equal(l->need, 100 + 25000);
	assert_int_equal(l->supports, 28132 * 2);
	t.sources = 3;
	t.conns = 10001;
	l = eval_one(LAYER_PORTS_EPHEMERAL, 28232, 0, &t);
	assert_int_equal(l->need, 3334);
	/* A server takes no ephemeral ports at all. */
	t = target(50000, ROLE_SERVER);
	l = eval_one(LAYER_PORTS_EPHEMERAL, 28232, 100, &t);
	assert_int_equal(l->need, LAYER_NONE);
	assert_true(l->supports == LAYER_UNLIMITED);
	assert_int_equal(l->verdict, VERDICT_OK);
	t = target(20000, ROLE_BOTH);
	l = eval_one(LAYER_PORTS_EPHEMERAL, 28232, 0, &t);
	assert_int_equal(l->need, 20000);
}

static void
margin_warns_excess_fails(void **state)
{
	struct target t = target(1000, ROLE_CLIENT);
	const struct layer *l;

	(void)state;
	/* need 1016: ok below 80% of the limit, warn above, fail past it. */
	l = eval_one(LAYER_NOFILE_SOFT, 1271, 0, &t);
	assert_int_equal(l->verdict, VERDICT_OK);
	assert_int_equal(l->recommend, LAYER_NONE);
	l = eval_one(LAYER_NOFILE_SOFT, 1269, 0, &t);
	assert_int_equal(l->verdict, VERDICT_WARN);
	assert_int_equal(l->recommend, plan_recommend(1016, t.margin));
	l = eval_one(LAYER_NOFILE_SOFT, 1016, 0, &t);
	assert_int_equal(l->verdict, VERDICT_WARN);
	l = eval_one(LAYER_NOFILE_SOFT, 1015, 0, &t);
	assert_int_equal(l->verdict, VERDICT_FAIL);
	assert_int_equal(l->supports, 1015 - PLAN_OVERHEAD_FDS);
	/* A margin of zero warns only at the limit itself. */
	t.margin = 0;
	l = eval_one(LAYER_NOFILE_SOFT, 1017, 0, &t);
	assert_int_equal(l->verdict, VERDICT_OK);
	/* Unlimited never fails. */
	t.margin = PLAN_MARGIN_DEFAULT;
	t.conns = PLAN_TARGET_MAX;
	l = eval_one(LAYER_NOFILE_SOFT, LAYER_UNLIMITED, 0, &t);
	assert_int_equal(l->verdict, VERDICT_OK);
	assert_true(l->supports == LAYER_UNLIMITED);
}

static void
limit_below_base_supports_nothing(void **state)
{
	struct target t = target(100, ROLE_BOTH);
	const struct layer *l;

	(void)state;
	l = eval_one(LAYER_NOFILE_SOFT, 10, 3, &t);
	assert_int_equal(l->supports, 0);
	assert_int_equal(l->verdict, VERDICT_FAIL);
	l = eval_one(LAYER_FS_FILE_MAX, 5000, 6000, &t);
	assert_int_equal(l->supports, 0);
	assert_int_equal(l->verdict, VERDICT_FAIL);
}

static void
bottleneck_is_lowest_supports(void **state)
{
	struct target t = target(10000, ROLE_BOTH);
	struct plan_result res;
	struct layer *soft, *filemax, *ports, *limitsconf;

	(void)state;
	layer_set_init(&set);
	soft = add(LAYER_NOFILE_SOFT, 20000, 5);	       /* supports 19984 */
	filemax = add(LAYER_FS_FILE_MAX, 25000, 1000);	       /* supports 12000: warns */
	ports = add(LAYER_PORTS_EPHEMERAL, 28232, 0);	       /* supports 28232 */
	limitsconf = add(LAYER_LIMITS_CONF, 1024, LAYER_NONE); /* supports 1008, next login */
	assert_false(limitsconf->caps_now);		       /* scope session: from its row */
	add(LAYER_FS_NR_OPEN, 1048576, LAYER_NONE);
	plan_eval(&set, &t, &res);
	assert_ptr_equal(res.bottleneck, filemax);
	assert_int_equal(res.max_supported, 12000);
	assert_int_equal(filemax->verdict, VERDICT_WARN);
	assert_int_equal(soft->verdict, VERDICT_OK);
	assert_int_equal(ports->verdict, VERDICT_OK);
	/* The next session's limit warns but does not fail, and does not
	 * count toward what the host supports now. */
	assert_int_equal(limitsconf->verdict, VERDICT_WARN);
	assert_int_equal(limitsconf->supports, 1008);
	assert_int_equal(res.verdict, VERDICT_WARN);
	assert_ptr_equal(res.first_fix, filemax);

	/* Lower the soft limit: it becomes the bottleneck and fails. */
	soft->limit = 1024;
	plan_eval(&set, &t, &res);
	assert_ptr_equal(res.bottleneck, soft);
	assert_int_equal(res.max_supported, 1008);
	assert_int_equal(res.verdict, VERDICT_FAIL);
	assert_ptr_equal(res.first_fix, soft);
}

/* A fresh set for each evaluation: plan_eval keeps the verdict a layer
 * comes with (the probe's) as a floor. */
static struct layer *
burst_set(void)
{
	layer_set_init(&set);
	add(LAYER_NOFILE_SOFT, 1048576, 5);
	add(LAYER_BACKLOG_SYN, 8192, 0);
	return add(LAYER_BACKLOG_SOMAXCONN, 128, 0);
}

static void
burst_layers_warn_only(void **state)
{
	struct target t = target(10000, ROLE_BOTH);
	struct plan_result res;
	struct layer *somaxconn;

	(void)state;
	somaxconn = burst_set();
	plan_eval(&set, &t, &res);
	/* The accept queue shapes a connect burst; it does not cap how many
	 * connections are held. */
	assert_int_equal(somaxconn->need, 4096);
	assert_int_equal(somaxconn->verdict, VERDICT_WARN);
	assert_int_equal(somaxconn->recommend, plan_recommend(4096, t.margin));
	assert_int_equal(set.v[1].verdict, VERDICT_OK);
	assert_int_equal(res.bottleneck->kind, LAYER_NOFILE_SOFT);
	assert_int_equal(res.verdict, VERDICT_WARN);
	/* A small target needs only its own size of queue. */
	t.conns = 100;
	somaxconn = burst_set();
	plan_eval(&set, &t, &res);
	assert_int_equal(somaxconn->need, 100);
	assert_int_equal(somaxconn->verdict, VERDICT_OK);
	/* A client needs no accept queue. */
	t = target(10000, ROLE_CLIENT);
	somaxconn = burst_set();
	plan_eval(&set, &t, &res);
	assert_int_equal(somaxconn->need, LAYER_NONE);
	assert_int_equal(somaxconn->verdict, VERDICT_OK);
}

static void
time_wait_churn_warns(void **state)
{
	struct target t = target(10000, ROLE_CLIENT);
	const struct layer *l;

	(void)state;
	l = eval_one(LAYER_TCP_TW, 4096, 100, &t);
	assert_int_equal(l->need, 10100);
	assert_int_equal(l->verdict, VERDICT_WARN);
	t.role = ROLE_SERVER;
	l = eval_one(LAYER_TCP_TW, 4096, 100, &t);
	assert_int_equal(l->verdict, VERDICT_OK);
}

static void
thread_layers_need_headroom(void **state)
{
	struct target t = target(10000, ROLE_BOTH);
	const struct layer *l;

	(void)state;
	l = eval_one(LAYER_NPROC, 4096, 1000, &t);
	assert_int_equal(l->need, 1256);
	assert_int_equal(l->verdict, VERDICT_OK);
	l = eval_one(LAYER_CGROUP_PIDS, 300, 100, &t);
	assert_int_equal(l->verdict, VERDICT_FAIL);
}

static void
per_socket_cost(void **state)
{
	struct target t = target(1000, ROLE_BOTH);
	struct plan_result res;
	struct layer *mem;

	(void)state;
	layer_set_init(&set);
	mem = add(LAYER_MEM_PER_CONN, 100LL * 1024 * 1024, LAYER_NONE);
	mem->unit = UNIT_BYTES;
	mem->unit_cost = 4000;
	plan_eval(&set, &t, &res);
	/* Two sockets per connection for both, 4000 bytes each. */
	assert_int_equal(mem->need, 8000000);
	assert_int_equal(mem->supports, 100LL * 1024 * 1024 / 8000);
	assert_int_equal(res.max_supported, 100LL * 1024 * 1024 / 8000);
}

static void
unknown_layers_excluded(void **state)
{
	struct target t = target(10000, ROLE_BOTH);
	struct plan_result res;
	struct layer *soft, *unreadable, *nolimit, *caps;

	(void)state;
	layer_set_init(&set);
	soft = add(LAYER_NOFILE_SOFT, 65536, 5);
	unreadable = add(LAYER_FS_FILE_MAX, 100, 0);
	layer_unknown(unreadable, "cannot read fs.file-max");
	nolimit = add(LAYER_TCP_MEM, LAYER_NONE, LAYER_NONE);
	caps = add(LAYER_CAPS, LAYER_NONE, LAYER_NONE);
	plan_eval(&set, &t, &res);
	assert_ptr_equal(res.bottleneck, soft);
	assert_int_equal(res.max_supported, 65536 - PLAN_OVERHEAD_FDS);
	assert_int_equal(unreadable->verdict, VERDICT_UNKNOWN);
	assert_int_equal(unreadable->need, LAYER_NONE);
	/* A limit the probe left unset is unknown, not zero. */
	assert_int_equal(nolimit->verdict, VERDICT_UNKNOWN);
	assert_true(nolimit->supports == LAYER_UNLIMITED);
	/* The caps layer has no figure; its verdict is the probe's. */
	assert_int_equal(caps->verdict, VERDICT_OK);
	assert_int_equal(res.verdict, VERDICT_UNKNOWN);
	assert_int_equal(verdict_exit_status(res.verdict), 3);
}

static void
probe_verdict_is_a_floor(void **state)
{
	struct target t = target(100, ROLE_BOTH);
	struct plan_result res;
	struct layer *lc;

	(void)state;
	/* limits.conf lint found a failure: plenty of room does not hide it. */
	layer_set_init(&set);
	lc = add(LAYER_LIMITS_CONF, 1048576, LAYER_NONE);
	assert_false(lc->caps_now);
	lc->floor = VERDICT_FAIL;
	plan_eval(&set, &t, &res);
	assert_int_equal(lc->verdict, VERDICT_FAIL);
	assert_int_equal(res.verdict, VERDICT_FAIL);
	/* Nothing caps now, so there is no bottleneck. */
	assert_null(res.bottleneck);
	assert_true(res.max_supported == LAYER_UNLIMITED);
	assert_ptr_equal(res.first_fix, lc);
}

static void
no_target_judges_current_use(void **state)
{
	struct target t = target(0, ROLE_BOTH);
	const struct layer *l;

	(void)state;
	l = eval_one(LAYER_FS_FILE_MAX, 1000, 900, &t);
	assert_int_equal(l->need, 900);
	assert_int_equal(l->verdict, VERDICT_WARN);
	l = eval_one(LAYER_NOFILE_SOFT, 1024, 3, &t);
	assert_int_equal(l->need, PLAN_OVERHEAD_FDS);
	assert_int_equal(l->verdict, VERDICT_OK);
	assert_int_equal(l->supports, 1024 - PLAN_OVERHEAD_FDS);
}

static void
recommend_rounding(void **state)
{
	(void)state;
	/* need / (1 - margin), up to a multiple of 256 up to 4096, of 1024 above. */
	assert_int_equal(plan_recommend(1000, 0.20), 1280);
	assert_int_equal(plan_recommend(1016, 0.20), 1280);
	assert_int_equal(plan_recommend(1067, 0.20), 1536);
	assert_int_equal(plan_recommend(3276, 0.20), 4096);
	assert_int_equal(plan_recommend(3277, 0.20), 5120);
	assert_int_equal(plan_recommend(10016, 0.20), 13312);
	assert_int_equal(plan_recommend(100016, 0.20), 125952);
	assert_int_equal(plan_recommend(256, 0), 256);
	assert_int_equal(plan_recommend(257, 0), 512);
	assert_int_equal(plan_recommend(0, 0.20), 0);
	assert_true(plan_recommend(LAYER_UNLIMITED - 1, 0.20) == LAYER_UNLIMITED);
	assert_true(plan_recommend(100, 1.0) == LAYER_UNLIMITED);
}

static void
recommend_bytes(void **state)
{
	struct target t = target(100000, ROLE_SERVER);
	struct plan_result res;
	struct layer *l;
	int64_t plain, step = 1;

	(void)state;
	/* A cgroup's memory: 1/32 over the plain value, up to a power-of-two
	 * step of 1 MiB or more, between 1/32 and 1/16 of it. */
	layer_set_init(&set);
	l = add(LAYER_CGROUP_MEMORY, 64LL << 20, 8LL << 20);
	l->unit_cost = 4096;
	plan_eval(&set, &t, &res);
	assert_int_equal(l->verdict, VERDICT_FAIL);
	plain = plan_recommend(l->need, t.margin);
	assert_true(l->recommend >= plain + plain / 32);
	while (step < l->recommend && l->recommend % (step * 2) == 0)
		step *= 2;
	assert_true(step >= 1LL << 20);
	assert_true(step <= (plain + plain / 32) / 16 * 2);
	assert_true(l->recommend - (plain + plain / 32) < step);
}

static void
recommend_passes_margin(void **state)
{
	static const double margins[] = {0, 0.1, 0.2, 0.5, 0.9};
	size_t m;
	int64_t need;

	(void)state;
	/* Set to the recommended value, a layer is ok next time: the need is
	 * within the limit less the margin. */
	for (m = 0; m < sizeof(margins) / sizeof(margins[0]); m++) {
		for (need = 1; need < 3000000; need = need * 3 + 7) {
			struct target t =
			    target(need - PLAN_OVERHEAD_FDS > 0 ? need - PLAN_OVERHEAD_FDS : 0,
				   ROLE_CLIENT);
			int64_t rec = plan_recommend(need, margins[m]);
			const struct layer *l;

			assert_true(rec >= need);
			t.margin = margins[m];
			l = eval_one(LAYER_NOFILE_SOFT, rec, 0, &t);
			if (l->need == need && l->verdict != VERDICT_OK)
				fail_msg("need %lld, margin %.1f: recommended %lld is %s",
					 (long long)need, margins[m], (long long)rec,
					 verdict_name(l->verdict));
		}
	}
}

/* The live view plans the same set again when the user types a new target:
 * no verdict of the earlier plan may survive. */
static void
replanning_forgets_old_verdicts(void **state)
{
	struct target big = target(10000, ROLE_BOTH), small = target(100, ROLE_BOTH);
	struct plan_result res;
	struct layer *soft, *caps, *hard;

	(void)state;
	layer_set_init(&set);
	soft = add(LAYER_NOFILE_SOFT, 1024, 4);
	hard = add(LAYER_NOFILE_HARD, 4096, 4);
	caps = add(LAYER_CAPS, LAYER_NONE, LAYER_NONE);
	caps->cannot_raise = true;
	plan_eval(&set, &big, &res);
	assert_int_equal(soft->verdict, VERDICT_FAIL);
	assert_int_equal(hard->verdict, VERDICT_FAIL);
	assert_int_equal(caps->verdict, VERDICT_WARN);
	assert_int_equal(res.verdict, VERDICT_FAIL);
	plan_eval(&set, &small, &res);
	assert_int_equal(soft->verdict, VERDICT_OK);
	assert_int_equal(hard->verdict, VERDICT_OK);
	assert_int_equal(caps->verdict, VERDICT_OK);
	assert_int_equal(res.verdict, VERDICT_OK);
	assert_int_equal(res.max_supported, 1024 - PLAN_OVERHEAD_FDS);
}

/* tcp_mem fills with traffic, not with held connections: it warns when a
 * busy target would cross it, but never becomes the bottleneck. */
static void
tcp_mem_warns_never_caps(void **state)
{
	struct target t = target(300000, ROLE_BOTH);
	struct plan_result res;
	struct layer *mem, *files;

	(void)state;
	layer_set_init(&set);
	files = add(LAYER_FS_FILE_MAX, 10000000, 1000);
	mem = add(LAYER_TCP_MEM, 575802, 178);
	plan_eval(&set, &t, &res);
	assert_int_equal(mem->need, 178 + 600000);
	assert_int_equal(mem->verdict, VERDICT_WARN);
	assert_ptr_equal(res.bottleneck, files);
	assert_int_equal(res.verdict, VERDICT_WARN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults),
	    cmocka_unit_test(nofile_one_fd_per_conn_every_role),
	    cmocka_unit_test(nofile_watched_pid_counts_its_fds),
	    cmocka_unit_test(file_max_two_per_conn_for_both),
	    cmocka_unit_test(ports_by_role_and_sources),
	    cmocka_unit_test(margin_warns_excess_fails),
	    cmocka_unit_test(limit_below_base_supports_nothing),
	    cmocka_unit_test(bottleneck_is_lowest_supports),
	    cmocka_unit_test(burst_layers_warn_only),
	    cmocka_unit_test(time_wait_churn_warns),
	    cmocka_unit_test(thread_layers_need_headroom),
	    cmocka_unit_test(per_socket_cost),
	    cmocka_unit_test(unknown_layers_excluded),
	    cmocka_unit_test(probe_verdict_is_a_floor),
	    cmocka_unit_test(no_target_judges_current_use),
	    cmocka_unit_test(recommend_rounding),
	    cmocka_unit_test(recommend_bytes),
	    cmocka_unit_test(recommend_passes_margin),
	    cmocka_unit_test(replanning_forgets_old_verdicts),
	    cmocka_unit_test(tcp_mem_warns_never_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
