/*
 * test-tune-text.c: the text-level pieces of tuning: the sysctl
 * allow-list and its ranges, merging into managed files, the unified
 * diff of --dry-run, and the rlimit decisions of exec and raise.
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
#include "layer.h"
#include "persist.h"
#include "rlimits.h"
#include "sysctlkey.h"
#include "udiff.h"

static char cause[CAUSE_MAX];

static int
check(const char *key, const char *value, char *norm)
{
	return sysctlkey_check_value(sysctlkey_find(key), value, norm, 64, cause, sizeof(cause));
}

static void
test_sysctl_names(void **state)
{
	(void)state;
	assert_int_equal(sysctlkey_check_name("net.core.somaxconn", cause, sizeof(cause)), 0);
	assert_int_equal(sysctlkey_check_name("net/core/somaxconn", cause, sizeof(cause)), -EINVAL);
	assert_int_equal(sysctlkey_check_name("net..core", cause, sizeof(cause)), -EINVAL);
	assert_int_equal(sysctlkey_check_name("Net.Core", cause, sizeof(cause)), -EINVAL);
	assert_int_equal(sysctlkey_check_name("net.core.somaxconn ", cause, sizeof(cause)),
			 -EINVAL);
	assert_int_equal(sysctlkey_check_name("somaxconn", cause, sizeof(cause)), -EINVAL);
	assert_int_equal(sysctlkey_check_name(".net.core", cause, sizeof(cause)), -EINVAL);
	assert_null(sysctlkey_find("kernel.core_pattern"));
	assert_null(sysctlkey_find("kernel.modprobe"));
	assert_true(sysctlkey_os_of("kern.maxfiles") == SYSCTLKEY_DARWIN);
	assert_true(sysctlkey_os_of("fs.nr_open") == SYSCTLKEY_LINUX);
}

static void
test_sysctl_values(void **state)
{
	char norm[64];

	(void)state;
	assert_int_equal(check("net.ipv4.ip_local_port_range", "1024\t 65535", norm), 0);
	assert_string_equal(norm, "1024 65535");
	assert_int_equal(check("net.ipv4.ip_local_port_range", "0 65535", norm), -ERANGE);
	assert_int_equal(check("net.ipv4.ip_local_port_range", "1024 65536", norm), -ERANGE);
	assert_int_equal(check("net.ipv4.ip_local_port_range", "1024", norm), -EINVAL);
	assert_int_equal(check("net.ipv4.tcp_mem", "3 2 1", norm), -ERANGE);
	assert_int_equal(check("net.core.somaxconn", "-1", norm), -EINVAL);
	assert_int_equal(check("net.core.somaxconn", "2147483648", norm), -ERANGE);
	assert_int_equal(check("net.core.somaxconn", "99999999999999999999", norm), -EINVAL);
	assert_int_equal(check("net.core.somaxconn", "0x100", norm), -EINVAL);
	assert_int_equal(check("fs.nr_open", "63", norm), -ERANGE);
	assert_int_equal(check("fs.nr_open", "2147483584", norm), 0);
	assert_int_equal(check("kernel.pid_max", "4194305", norm), -ERANGE);
	assert_int_equal(check("net.ipv4.tcp_tw_reuse", "3", norm), -ERANGE);
	assert_true(sysctlkey_meets(sysctlkey_find("fs.file-max"), "9223372036854775807", "1000"));
	assert_false(sysctlkey_meets(sysctlkey_find("fs.file-max"), "999", "1000"));
	assert_true(sysctlkey_meets(sysctlkey_find("net.ipv4.ip_local_port_range"), "1024 65535",
				    "10240 65535"));
	assert_false(sysctlkey_meets(sysctlkey_find("net.ipv4.ip_local_port_range"), "32768 60999",
				     "10240 65535"));
	assert_false(sysctlkey_meets(sysctlkey_find("net.ipv4.tcp_tw_reuse"), "2", "1"));
	assert_false(sysctlkey_meets(sysctlkey_find("net.ipv4.tcp_mem"), "10 20 30", "10 21 30"));
}

/* Nothing apply cannot parse is dropped from a file it merges into
 * (issue 14, defect 21): comments, "alice -", a line of 600 bytes, and
 * more lines than the merge used to hold (64 beyond the new ones). A
 * second line of a key it sets goes (it would override the new value). */
static void
merge_keeps_everything(void)
{
	const struct persist_line lim[] = {{"*\thard\tnofile", "4096"}};
	char old[40000], longline[601], *out, *again;
	size_t len, off = 0;
	int i;

	memset(longline, 'x', 600);
	longline[600] = '\0';
	off += (size_t)snprintf(old + off, sizeof(old) - off,
				"# my note\nalice -\n%s\n* hard nofile 1024\n", longline);
	for (i = 0; i < 100; i++)
		off += (size_t)snprintf(old + off, sizeof(old) - off, "u%d soft nofile %d\n", i,
					1000 + i);
	snprintf(old + off, sizeof(old) - off, "* hard nofile 2048\n");
	assert_int_equal(persist_merge(PERSIST_LIMITS, old, lim, 1, &out, &len), 0);
	assert_non_null(strstr(out, "\n# my note\nalice -\n"));
	assert_non_null(strstr(out, longline));
	assert_non_null(strstr(out, "\nu0 soft nofile 1000\n"));
	assert_non_null(strstr(out, "\nu99 soft nofile 1099\n"));
	assert_non_null(strstr(out, "*\thard\tnofile\t4096\n"));
	assert_null(strstr(out, "* hard nofile 1024"));
	assert_null(strstr(out, "* hard nofile 2048"));
	/* merging again changes nothing: no header piles up */
	assert_int_equal(persist_merge(PERSIST_LIMITS, out, lim, 1, &again, &len), 0);
	assert_string_equal(again, out);
	free(again);
	free(out);
}

static void
test_merge(void **state)
{
	const struct persist_line set[] = {{"b", "20"}, {"c", "3"}};
	const struct persist_line lim[] = {{"*\thard\tnofile", "4096"}};
	char *out;
	size_t len;

	(void)state;
	assert_int_equal(
	    persist_merge(PERSIST_SYSCTL, "# old header\na = 1\nb=2\n", set, 2, &out, &len), 0);
	assert_non_null(strstr(out, "\na = 1\nb = 20\nc = 3\n"));
	assert_int_equal(len, strlen(out));
	free(out);
	assert_int_equal(persist_merge(PERSIST_LIMITS, "*  hard  nofile  1024\n@g soft nproc 5\n",
				       lim, 1, &out, &len),
			 0);
	/* the line of the key it sets is replaced; other lines stay as they were */
	assert_non_null(strstr(out, "*\thard\tnofile\t4096\n@g soft nproc 5\n"));
	free(out);
	merge_keeps_everything();
	/* darwin: only the marked block is ours, the rest stays byte for byte */
	assert_int_equal(
	    persist_merge(PERSIST_SYSCTL_DARWIN, "x=1\nno newline", set, 1, &out, &len), 0);
	assert_string_equal(out, "x=1\nno newline\n# BEGIN headroom (managed by headroom apply; "
				 "undo with headroom revert)\nb=20\n# END headroom\n");
	char *again;

	assert_int_equal(persist_merge(PERSIST_SYSCTL_DARWIN, out, set + 1, 1, &again, &len), 0);
	assert_string_equal(again, "x=1\nno newline\n# BEGIN headroom (managed by headroom "
				   "apply; undo with headroom revert)\nb=20\nc=3\n# END "
				   "headroom\n");
	free(out);
	free(again);
}

/* The unit drop-in path and back: apply --restart restarts that unit. */
static void
test_dropin_unit(void **state)
{
	char path[256], unit[64];

	(void)state;
	assert_int_equal(persist_unit_dropin_path("nginx.service", path, sizeof(path)), 0);
	assert_string_equal(path, "/etc/systemd/system/nginx.service.d/90-headroom.conf");
	assert_int_equal(persist_dropin_unit(path, unit, sizeof(unit)), 0);
	assert_string_equal(unit, "nginx.service");
	assert_int_equal(persist_dropin_unit(PERSIST_SYSTEM_CONF, unit, sizeof(unit)), -EINVAL);
	assert_int_equal(
	    persist_dropin_unit("/etc/systemd/system/a/b.d/90-headroom.conf", unit, sizeof(unit)),
	    -EINVAL);
	assert_int_equal(
	    persist_dropin_unit("/etc/systemd/system/x.service.d/other.conf", unit, sizeof(unit)),
	    -EINVAL);
	assert_int_equal(
	    persist_dropin_unit("/etc/systemd/system/.d/90-headroom.conf", unit, sizeof(unit)),
	    -EINVAL);
	assert_int_equal(persist_dropin_unit(path, unit, 5), -ENAMETOOLONG);
}

static void
assert_diff(const char *a, const char *b, const char *want)
{
	char *out;

	assert_int_equal(udiff(a, a ? strlen(a) : 0, b, strlen(b), "old", "new", &out), 0);
	assert_string_equal(out, want);
	free(out);
}

static void
test_udiff(void **state)
{
	(void)state;
	assert_diff("a\nb\n", "a\nb\n", "");
	assert_diff(NULL, "x\ny\n", "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+x\n+y\n");
	/* outputs checked against GNU diff -u */
	assert_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n",
		    "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
	assert_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
		    "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n",
		    "--- old\n+++ new\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n@@ -9,4 +10,3 @@\n 9\n"
		    " 10\n 11\n-12\n");
}

static void
test_rlimits(void **state)
{
	struct rlimits_want w = {.name = "nofile", .ceiling = 1048576};
	struct rlimit_pair cur = {1024, 20000}, out;

	(void)state;
	w.value = 15000;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), 0);
	assert_int_equal(out.soft, 15000);
	assert_int_equal(out.hard, 20000);
	w.value = 30000;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), -EPERM);
	assert_non_null(strstr(cause, "exceeds the hard limit 20000"));
	assert_non_null(strstr(cause, "CAP_SYS_RESOURCE"));
	w.can_raise_hard = true;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), 0);
	assert_int_equal(out.hard, 30000);
	w.value = 2000000;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), -ERANGE);
	assert_non_null(strstr(cause, "exceeds fs.nr_open 1048576"));
	w.value = 512;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), -ERANGE);
	w.allow_lower = true;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), 0);
	assert_int_equal(out.soft, 512);
	w.value = RLIMITS_MAX;
	assert_int_equal(rlimits_plan(&w, &cur, &out, cause, sizeof(cause)), 0);
	assert_int_equal(out.soft, 20000);
}

static void
test_rlimits_parse(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(rlimits_parse("--nofile", "65536", &v, cause, sizeof(cause)), 0);
	assert_int_equal(v, 65536);
	assert_int_equal(rlimits_parse("--nofile", "max", &v, cause, sizeof(cause)), 0);
	assert_int_equal(v, RLIMITS_MAX);
	assert_int_equal(rlimits_parse("--nofile", "lots", &v, cause, sizeof(cause)), -EINVAL);
	assert_string_equal(cause, "--nofile: not a number: 'lots'");
	assert_int_equal(rlimits_parse("--nproc", "0", &v, cause, sizeof(cause)), -EINVAL);
	assert_string_equal(cause, "--nproc: 0 is out of range (1..9223372036854775806)");
	assert_int_equal(rlimits_parse("--nofile", "+5", &v, cause, sizeof(cause)), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sysctl_names),  cmocka_unit_test(test_sysctl_values),
	    cmocka_unit_test(test_merge),	  cmocka_unit_test(test_udiff),
	    cmocka_unit_test(test_rlimits),	  cmocka_unit_test(test_dropin_unit),
	    cmocka_unit_test(test_rlimits_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
