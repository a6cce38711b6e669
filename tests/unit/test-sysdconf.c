/*
 * test-sysdconf.c: systemd's LimitNOFILE= values, sections and file order,
 * and the unit a process runs in from /proc/PID/cgroup.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "layer.h"
#include "sysdconf.h"
#include "tmptree.h"

static void
values(void **state)
{
	struct rlimit_pair r;

	(void)state;
	assert_int_equal(sysdconf_parse_value("1024:524288", &r), 0);
	assert_int_equal(r.soft, 1024);
	assert_int_equal(r.hard, 524288);
	assert_int_equal(sysdconf_parse_value("65536", &r), 0);
	assert_int_equal(r.soft, 65536);
	assert_int_equal(r.hard, 65536);
	assert_int_equal(sysdconf_parse_value("infinity", &r), 0);
	assert_true(r.soft == LAYER_UNLIMITED && r.hard == LAYER_UNLIMITED);
	assert_int_equal(sysdconf_parse_value("4096:infinity", &r), 0);
	assert_int_equal(r.soft, 4096);
	assert_true(r.hard == LAYER_UNLIMITED);
	/* The value ends at white space or the end of the line. */
	assert_int_equal(sysdconf_parse_value("8192:16384 \n", &r), 0);
	assert_int_equal(r.hard, 16384);
	assert_int_equal(sysdconf_parse_value("8192\r\n", &r), 0);
	assert_int_equal(r.soft, 8192);
}

static void
bad_values(void **state)
{
	static const char *const bad[] = {
	    "",
	    "lots",
	    "1024:",
	    ":1024",
	    "-1",
	    "1024:-1",
	    "2048:1024",
	    "10k",
	    "1024:5x",
	    "infinity:1024",
	    "99999999999999999999999",
	};
	struct rlimit_pair r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (sysdconf_parse_value(bad[i], &r) != -EINVAL)
			fail_msg("'%s' was accepted", bad[i]);
	}
}

static void
sections(void **state)
{
	struct sysdconf_limit lim = {0};

	(void)state;
	assert_int_equal(sysdconf_feed(&lim, "system.conf",
				       "[Journal]\nDefaultLimitNOFILE=1:1\n"
				       "[ManagerX]\nDefaultLimitNOFILE=2:2\n"
				       "[Manager]\n#DefaultLimitNOFILE=3:3\n"
				       "DefaultLimitNOFILESoft=4:4\n"
				       "  DefaultLimitNOFILE = 4096:65536\n"
				       "[Service]\nDefaultLimitNOFILE=5:5\n",
				       "Manager", "DefaultLimitNOFILE"),
			 0);
	assert_true(lim.set);
	assert_int_equal(lim.nofile.soft, 4096);
	assert_int_equal(lim.nofile.hard, 65536);
	assert_string_equal(lim.where, "system.conf:8");
}

static void
key_without_value(void **state)
{
	struct sysdconf_limit lim = {0};

	(void)state;
	/* The '=' of the next line does not belong to this key. */
	sysdconf_feed(&lim, "system.conf", "[Manager]\nDefaultLimitNOFILE \nLogLevel=7\n",
		      "Manager", "DefaultLimitNOFILE");
	assert_false(lim.set);
}

static void
later_setting_wins(void **state)
{
	struct sysdconf_limit lim = {0};

	(void)state;
	sysdconf_feed(&lim, "/etc/systemd/system.conf", "[Manager]\nDefaultLimitNOFILE=1024:4096\n",
		      "Manager", "DefaultLimitNOFILE");
	sysdconf_feed(&lim, "/etc/systemd/system.conf.d/50-x.conf",
		      "[Manager]\nDefaultLimitNOFILE=65536\n", "Manager", "DefaultLimitNOFILE");
	assert_true(lim.set);
	assert_int_equal(lim.nofile.soft, 65536);
	assert_string_equal(lim.where, "/etc/systemd/system.conf.d/50-x.conf:2");
	/* A bad value is reported and leaves the value in force alone. */
	assert_int_equal(sysdconf_feed(&lim, "60-bad.conf", "[Manager]\nDefaultLimitNOFILE=lots\n",
				       "Manager", "DefaultLimitNOFILE"),
			 -EINVAL);
	assert_int_equal(lim.nofile.soft, 65536);
	/* An empty assignment resets to the default. */
	sysdconf_feed(&lim, "70-reset.conf", "[Manager]\nDefaultLimitNOFILE=\n", "Manager",
		      "DefaultLimitNOFILE");
	assert_false(lim.set);
}

static void
default_from_root(void **state)
{
	struct sysdconf_limit lim;

	(void)state;
	assert_non_null(tmptree_make());
	sysdconf_load_default(&lim);
	assert_false(lim.set);
	assert_false(sysdconf_booted());
	assert_int_equal(tmptree_write("/run/systemd/system/.keep", ""), 0);
	assert_true(sysdconf_booted());
	assert_int_equal(
	    tmptree_write("/etc/systemd/system.conf", "[Manager]\nDefaultLimitNOFILE=1024:4096\n"),
	    0);
	/* Drop-ins in name order across directories; a same-named one in
	 * /etc masks the vendor's. */
	assert_int_equal(tmptree_write("/usr/lib/systemd/system.conf.d/10-vendor.conf",
				       "[Manager]\nDefaultLimitNOFILE=2000:8000\n"),
			 0);
	assert_int_equal(tmptree_write("/usr/lib/systemd/system.conf.d/90-last.conf",
				       "[Manager]\nDefaultLimitNOFILE=3000:9000\n"),
			 0);
	assert_int_equal(tmptree_write("/etc/systemd/system.conf.d/90-last.conf",
				       "[Manager]\nDefaultLimitNOFILE=65536:524288\n"),
			 0);
	assert_int_equal(tmptree_write("/etc/systemd/system.conf.d/20-notconf.txt",
				       "[Manager]\nDefaultLimitNOFILE=1:1\n"),
			 0);
	sysdconf_load_default(&lim);
	assert_true(lim.set);
	assert_int_equal(lim.nofile.soft, 65536);
	assert_int_equal(lim.nofile.hard, 524288);
	assert_string_equal(lim.where, "/etc/systemd/system.conf.d/90-last.conf:2");
	tmptree_remove();
}

static void
unit_from_root(void **state)
{
	struct sysdconf_limit lim;

	(void)state;
	assert_non_null(tmptree_make());
	sysdconf_load_unit(&lim, "nginx.service");
	assert_false(lim.set);
	assert_int_equal(tmptree_write("/lib/systemd/system/nginx.service",
				       "[Unit]\nDescription=nginx\n[Service]\nLimitNOFILE=8192\n"),
			 0);
	sysdconf_load_unit(&lim, "nginx.service");
	assert_true(lim.set);
	assert_int_equal(lim.nofile.soft, 8192);
	assert_string_equal(lim.where, "/lib/systemd/system/nginx.service:4");
	/* A unit file in /etc replaces the vendor's; drop-ins apply on top. */
	assert_int_equal(tmptree_write("/etc/systemd/system/nginx.service",
				       "[Service]\nExecStart=/usr/sbin/nginx\n"),
			 0);
	sysdconf_load_unit(&lim, "nginx.service");
	assert_false(lim.set);
	assert_int_equal(tmptree_write("/etc/systemd/system/nginx.service.d/90-headroom.conf",
				       "[Service]\nLimitNOFILE=100000:200000\n"),
			 0);
	sysdconf_load_unit(&lim, "nginx.service");
	assert_true(lim.set);
	assert_int_equal(lim.nofile.hard, 200000);
	assert_string_equal(lim.where, "/etc/systemd/system/nginx.service.d/90-headroom.conf:2");
	tmptree_remove();
}

static void
unit_of_process(void **state)
{
	char unit[128];

	(void)state;
	assert_true(sysdconf_unit_of("0::/system.slice/nginx.service\n", unit, sizeof(unit)));
	assert_string_equal(unit, "nginx.service");
	/* The deepest service names the unit (a service's own sub-cgroups). */
	assert_true(sysdconf_unit_of("0::/system.slice/containerd.service/kubepods/x\n", unit,
				     sizeof(unit)));
	assert_string_equal(unit, "containerd.service");
	/* cgroup v1: the name=systemd hierarchy, among the controllers. */
	assert_true(sysdconf_unit_of("12:pids:/system.slice/redis-server.service\n"
				     "4:memory:/system.slice/redis-server.service\n"
				     "1:name=systemd:/system.slice/redis-server.service\n",
				     unit, sizeof(unit)));
	assert_string_equal(unit, "redis-server.service");
	/* Login sessions, containers and the root are not services. */
	assert_false(sysdconf_unit_of("0::/user.slice/user-1000.slice/session-3.scope\n", unit,
				      sizeof(unit)));
	assert_false(sysdconf_unit_of("0::/\n", unit, sizeof(unit)));
	assert_false(sysdconf_unit_of("12:pids:/system.slice/x.service\n", unit, sizeof(unit)));
	assert_false(sysdconf_unit_of("0::/system.slice/.service\n", unit, sizeof(unit)));
	assert_false(sysdconf_unit_of("", unit, sizeof(unit)));
	/* A name that does not fit is not cut short. */
	assert_false(sysdconf_unit_of("0::/system.slice/a-very-long-name.service\n", unit, 8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(values),
	    cmocka_unit_test(bad_values),
	    cmocka_unit_test(sections),
	    cmocka_unit_test(key_without_value),
	    cmocka_unit_test(later_setting_wins),
	    cmocka_unit_test(default_from_root),
	    cmocka_unit_test(unit_from_root),
	    cmocka_unit_test(unit_of_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
