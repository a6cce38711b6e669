/*
 * test-launchd.c: the macOS pure functions on recorded command outputs in
 * tests/fixtures/darwin: launchctl limit, sysctl, the ceilings, the plist.
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

#include "headroom.h"
#include "launchd.h"

static char *
fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	static char buf[8192];
	char path[512];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/fixtures/darwin/%s", top ? top : ".", name);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void
test_parse_limit(void **state)
{
	struct launchd_limit l;

	(void)state;
	assert_int_equal(launchd_parse_limit(fixture("launchctl-limit.txt"), "maxfiles", &l), 0);
	assert_int_equal(l.soft, 256);
	assert_true(l.hard == LAUNCHD_UNLIMITED);
	assert_int_equal(launchd_parse_limit(fixture("launchctl-limit.txt"), "maxproc", &l), 0);
	assert_int_equal(l.soft, 2666);
	assert_int_equal(l.hard, 4000);
	/* "maxfile" must not match the "maxfiles" row */
	assert_int_equal(launchd_parse_limit(fixture("launchctl-limit.txt"), "maxfile", &l),
			 -ENOENT);
	assert_int_equal(
	    launchd_parse_limit(fixture("launchctl-limit-maxfiles.txt"), "maxfiles", &l), 0);
	assert_int_equal(l.soft, 65536);
	assert_int_equal(l.hard, 262144);
	assert_int_equal(launchd_parse_limit("\tmaxfiles    lots   unlimited\n", "maxfiles", &l),
			 -EINVAL);
}

static void
test_parse_sysctl(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(launchd_parse_sysctl(fixture("sysctl-kern.txt"), "kern.maxfiles", &v), 0);
	assert_int_equal(v, 245760);
	assert_int_equal(
	    launchd_parse_sysctl(fixture("sysctl-kern.txt"), "kern.maxfilesperproc", &v), 0);
	assert_int_equal(v, 122880);
	assert_int_equal(launchd_parse_sysctl(fixture("sysctl-kern.txt"), "kern.maxproc", &v),
			 -ENOENT);
	assert_int_equal(launchd_parse_sysctl(fixture("sysctl-n-maxfilesperproc.txt"), NULL, &v),
			 0);
	assert_int_equal(v, 122880);
	assert_int_equal(launchd_parse_sysctl("kern.maxfiles=524288\n", "kern.maxfiles", &v), 0);
	assert_int_equal(v, 524288);
}

static void
test_ceilings(void **state)
{
	struct launchd_limit l = {65536, 262144};
	char cause[CAUSE_MAX];

	(void)state;
	assert_int_equal(launchd_check_maxfiles(&l, 262144, 524288, cause, sizeof(cause)), 0);
	/* above kern.maxfilesperproc: macOS would clamp silently */
	assert_int_equal(launchd_check_maxfiles(&l, 122880, 245760, cause, sizeof(cause)), -ERANGE);
	assert_non_null(strstr(cause, "exceeds kern.maxfilesperproc 122880"));
	l.soft = LAUNCHD_UNLIMITED;
	l.hard = LAUNCHD_UNLIMITED;
	assert_int_equal(
	    launchd_check_maxfiles(&l, LAUNCHD_UNKNOWN, LAUNCHD_UNKNOWN, cause, sizeof(cause)),
	    -ERANGE);
	assert_non_null(strstr(cause, "cannot be unlimited"));
	/* OPEN_MAX with an unlimited hard limit */
	l.soft = 10240;
	assert_int_equal(
	    launchd_check_maxfiles(&l, LAUNCHD_UNKNOWN, LAUNCHD_UNKNOWN, cause, sizeof(cause)), 0);
	l.soft = 10241;
	assert_int_equal(
	    launchd_check_maxfiles(&l, LAUNCHD_UNKNOWN, LAUNCHD_UNKNOWN, cause, sizeof(cause)),
	    -ERANGE);
	assert_non_null(strstr(cause, "OPEN_MAX 10240"));
	l.soft = 5000;
	l.hard = 4000;
	assert_int_equal(
	    launchd_check_maxfiles(&l, LAUNCHD_UNKNOWN, LAUNCHD_UNKNOWN, cause, sizeof(cause)),
	    -ERANGE);
	assert_int_equal(launchd_check_kern(600000, 524288, cause, sizeof(cause)), -ERANGE);
	assert_non_null(strstr(cause, "exceeds kern.maxfiles 524288"));
}

static void
test_plist_and_command(void **state)
{
	struct launchd_limit l = {65536, 262144};
	char buf[2048], cmd[128], *want;
	int n;

	(void)state;
	n = launchd_plist(&l, buf, sizeof(buf));
	assert_true(n > 0);
	want = fixture("limit.maxfiles-65536-262144.plist");
	assert_string_equal(buf, want);
	assert_int_equal(launchd_plist(&l, buf, 100), -ENOSPC);
	launchd_limit_command(&l, cmd, sizeof(cmd));
	assert_string_equal(cmd, "launchctl limit maxfiles 65536 262144");
	l.hard = LAUNCHD_UNLIMITED;
	launchd_limit_command(&l, cmd, sizeof(cmd));
	assert_string_equal(cmd, "launchctl limit maxfiles 65536 unlimited");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_limit),
	    cmocka_unit_test(test_parse_sysctl),
	    cmocka_unit_test(test_ceilings),
	    cmocka_unit_test(test_plist_and_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
