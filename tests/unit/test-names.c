/*
 * test-names.c: the one name validator (src/names.c): unit names as
 * systemd accepts them, user and group names as shadow-utils does,
 * limits.conf domains, sysctl keys, and quoting of what is refused.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "names.h"

static char cause[512];

#define OK(fn, s)  assert_int_equal(fn(s, cause, sizeof(cause)), 0)
#define BAD(fn, s) assert_int_equal(fn(s, cause, sizeof(cause)), -EINVAL)

static void
test_unit(void **state)
{
	char big[300];

	(void)state;
	OK(names_check_unit, "nginx.service");
	OK(names_check_unit, "getty@tty1.service");
	OK(names_check_unit, "foo@.service");
	OK(names_check_unit, "systemd-fsck@dev-disk-by\\x2duuid-1.service");
	OK(names_check_unit, "a:b_c-d.e.service");
	BAD(names_check_unit, "");
	BAD(names_check_unit, "nginx");
	BAD(names_check_unit, "nginx.socket");
	BAD(names_check_unit, ".service");
	BAD(names_check_unit, "@x.service");
	BAD(names_check_unit, ".hidden.service");
	BAD(names_check_unit, "a@b@c.service");
	BAD(names_check_unit, "nginx.service php-fpm.service");
	assert_non_null(strstr(cause, "is not a unit name"));
	BAD(names_check_unit, "nginx.service\nx.service");
	assert_null(strchr(cause, '\n'));
	BAD(names_check_unit, "../etc/passwd.service");
	BAD(names_check_unit, "a/b.service");
	memset(big, 'a', sizeof(big));
	strcpy(big + sizeof(big) - 9, ".service");
	BAD(names_check_unit, big);
	assert_non_null(strstr(cause, "longer than 255"));
	assert_true(strlen(cause) < 200); /* quoted short */
}

static void
test_user_group(void **state)
{
	(void)state;
	OK(names_check_user, "alice");
	OK(names_check_user, "_apt");
	OK(names_check_user, "www-data");
	OK(names_check_user, "first.last");
	OK(names_check_user, "machine$");
	OK(names_check_user, "u1");
	OK(names_check_user, "abcdefghijabcdefghijabcdefghij12"); /* 32 */
	BAD(names_check_user, "abcdefghijabcdefghijabcdefghij123");
	BAD(names_check_user, "");
	BAD(names_check_user, "Alice");
	BAD(names_check_user, "1alice");
	BAD(names_check_user, "-alice");
	BAD(names_check_user, "al ice");
	BAD(names_check_user, "alice\n* hard nofile 0");
	assert_null(strchr(cause, '\n'));
	assert_non_null(strstr(cause, "\\x0a"));
	BAD(names_check_user, "$");
	BAD(names_check_user, "a$b");
	BAD(names_check_user, "root;rm");
	OK(names_check_group, "wheel");
	BAD(names_check_group, "Wheel");
	BAD(names_check_group, "");
}

static void
test_domain(void **state)
{
	(void)state;
	OK(names_check_limits_domain, "*");
	OK(names_check_limits_domain, "alice");
	OK(names_check_limits_domain, "@wheel");
	BAD(names_check_limits_domain, "@");
	BAD(names_check_limits_domain, "@@wheel");
	BAD(names_check_limits_domain, "**");
	BAD(names_check_limits_domain, "%wheel");
	BAD(names_check_limits_domain, "1000:2000");
}

static void
test_sysctl(void **state)
{
	char big[300];

	(void)state;
	OK(names_check_sysctl_key, "net.core.somaxconn");
	OK(names_check_sysctl_key, "net.ipv4.conf.eth0-1.rp_filter");
	BAD(names_check_sysctl_key, "net/core/somaxconn");
	BAD(names_check_sysctl_key, "net..core");
	BAD(names_check_sysctl_key, ".net.core");
	BAD(names_check_sysctl_key, "net.core.");
	BAD(names_check_sysctl_key, "somaxconn");
	BAD(names_check_sysctl_key, "Net.Core.Somaxconn");
	assert_non_null(strstr(cause, "holds 'N'"));
	BAD(names_check_sysctl_key, "net.core.somaxconn x");
	BAD(names_check_sysctl_key, "net.core.somaxconn\n");
	assert_null(strchr(cause, '\n'));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[10] = '.';
	BAD(names_check_sysctl_key, big);
}

static void
test_quote(void **state)
{
	char out[80], big[200];

	(void)state;
	names_quote("a\tb\\c", out, sizeof(out));
	assert_string_equal(out, "a\\x09b\\x5cc");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	names_quote(big, out, sizeof(out));
	assert_int_equal(strlen(out), 63);
	assert_string_equal(out + 60, "...");
	names_quote("abc", out, 3);
	assert_true(strlen(out) < 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unit),   cmocka_unit_test(test_user_group),
	    cmocka_unit_test(test_domain), cmocka_unit_test(test_sysctl),
	    cmocka_unit_test(test_quote),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
