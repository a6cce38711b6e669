/*
 * test-cgroup.c: the cgroup of a process (v1 and v2) and the tightest pids
 * and memory limit along its path, on temporary cgroup trees.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cgroup.h"
#include "layer.h"
#include "tmptree.h"

static const char v1_text[] = "12:pids:/user.slice/user-1000.slice/session-2.scope\n"
			      "11:cpu,cpuacct:/user.slice\n"
			      "7:net_cls,net_prio:/\n"
			      "4:memory:/user.slice/user-1000.slice\n"
			      "1:name=systemd:/user.slice/user-1000.slice/session-2.scope\n";

static void
path_v2(void **state)
{
	char path[256];
	int version = 0;

	(void)state;
	assert_int_equal(cgroup_path_of("0::/system.slice/app.service\n", CGROUP_PIDS, path,
					sizeof(path), &version),
			 0);
	assert_string_equal(path, "/system.slice/app.service");
	assert_int_equal(version, 2);
	assert_int_equal(cgroup_path_of("0::/\n", CGROUP_MEMORY, path, sizeof(path), &version), 0);
	assert_string_equal(path, "/");
	/* Without a trailing newline too. */
	assert_int_equal(cgroup_path_of("0::/a/b", CGROUP_MEMORY, path, sizeof(path), &version), 0);
	assert_string_equal(path, "/a/b");
}

static void
path_v1(void **state)
{
	char path[256];
	int version = 0;

	(void)state;
	assert_int_equal(cgroup_path_of(v1_text, CGROUP_PIDS, path, sizeof(path), &version), 0);
	assert_string_equal(path, "/user.slice/user-1000.slice/session-2.scope");
	assert_int_equal(version, 1);
	assert_int_equal(cgroup_path_of(v1_text, CGROUP_MEMORY, path, sizeof(path), &version), 0);
	assert_string_equal(path, "/user.slice/user-1000.slice");
	assert_int_equal(version, 1);
	/* Hybrid: the v1 controller wins over the unified line. */
	assert_int_equal(cgroup_path_of("0::/unified\n5:pids:/v1path\n", CGROUP_PIDS, path,
					sizeof(path), &version),
			 0);
	assert_string_equal(path, "/v1path");
	assert_int_equal(version, 1);
	/* A controller co-mounted with another. */
	assert_int_equal(
	    cgroup_path_of("6:hugetlb,pids:/shared\n", CGROUP_PIDS, path, sizeof(path), &version),
	    0);
	assert_string_equal(path, "/shared");
}

/* A ".." component is refused: it would climb out of /sys/fs/cgroup. A
 * name that merely holds two dots is a name. */
static void
path_dotdot(void **state)
{
	char path[256];
	int version;

	(void)state;
	assert_int_equal(
	    cgroup_path_of("0::/../../etc\n", CGROUP_PIDS, path, sizeof(path), &version), -EXDEV);
	assert_int_equal(cgroup_path_of("0::/a/..\n", CGROUP_PIDS, path, sizeof(path), &version),
			 -EXDEV);
	assert_int_equal(
	    cgroup_path_of("12:pids:/x/../../y\n", CGROUP_PIDS, path, sizeof(path), &version),
	    -EXDEV);
	assert_int_equal(
	    cgroup_path_of("0::/a..b/..c\n", CGROUP_PIDS, path, sizeof(path), &version), 0);
	assert_string_equal(path, "/a..b/..c");
}

static void
path_missing(void **state)
{
	char path[8];
	int version = 0;

	(void)state;
	assert_int_equal(cgroup_path_of("", CGROUP_PIDS, path, sizeof(path), &version), -ENOENT);
	/* v1 without the controller and no unified line. */
	assert_int_equal(cgroup_path_of("11:cpu,cpuacct:/x\n1:name=systemd:/x\n", CGROUP_MEMORY,
					path, sizeof(path), &version),
			 -ENOENT);
	assert_int_equal(
	    cgroup_path_of("0::/a-long-cgroup-path\n", CGROUP_PIDS, path, sizeof(path), &version),
	    -ENAMETOOLONG);
}

static void
write_level(const char *dir, const char *file, const char *value)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	assert_int_equal(tmptree_write(path, value), 0);
}

static void
v2_ancestor_tightest(void **state)
{
	struct cgroup_limit cl;

	(void)state;
	assert_non_null(tmptree_make());
	/* The process's own level has room for 95; its parent only for 10. */
	write_level("/sys/fs/cgroup/kubepods/pod1/ctr", "pids.max", "100\n");
	write_level("/sys/fs/cgroup/kubepods/pod1/ctr", "pids.current", "5\n");
	write_level("/sys/fs/cgroup/kubepods/pod1", "pids.max", "100\n");
	write_level("/sys/fs/cgroup/kubepods/pod1", "pids.current", "90\n");
	write_level("/sys/fs/cgroup/kubepods", "pids.max", "max\n");
	write_level("/sys/fs/cgroup/kubepods", "pids.current", "300\n");
	assert_int_equal(cgroup_read("0::/kubepods/pod1/ctr\n", CGROUP_PIDS, &cl), 0);
	assert_int_equal(cl.version, 2);
	assert_int_equal(cl.limit, 100);
	assert_int_equal(cl.use, 90);
	assert_string_equal(cl.where, "/sys/fs/cgroup/kubepods/pod1");

	/* Memory: the leaf is unlimited, the grandparent bites. */
	write_level("/sys/fs/cgroup/kubepods/pod1/ctr", "memory.max", "max\n");
	write_level("/sys/fs/cgroup/kubepods/pod1/ctr", "memory.current", "1048576\n");
	write_level("/sys/fs/cgroup/kubepods/pod1", "memory.max", "max\n");
	write_level("/sys/fs/cgroup/kubepods/pod1", "memory.current", "2097152\n");
	write_level("/sys/fs/cgroup/kubepods", "memory.max", "536870912\n");
	write_level("/sys/fs/cgroup/kubepods", "memory.current", "268435456\n");
	assert_int_equal(cgroup_read("0::/kubepods/pod1/ctr\n", CGROUP_MEMORY, &cl), 0);
	assert_int_equal(cl.limit, 536870912);
	assert_int_equal(cl.use, 268435456);
	assert_string_equal(cl.where, "/sys/fs/cgroup/kubepods");
	tmptree_remove();
}

static void
v2_unlimited_everywhere(void **state)
{
	struct cgroup_limit cl;

	(void)state;
	assert_non_null(tmptree_make());
	write_level("/sys/fs/cgroup/user.slice", "pids.max", "max\n");
	write_level("/sys/fs/cgroup/user.slice", "pids.current", "42\n");
	assert_int_equal(cgroup_read("0::/user.slice\n", CGROUP_PIDS, &cl), 0);
	assert_true(cl.limit == LAYER_UNLIMITED);
	/* The use of the process's own level is still reported. */
	assert_int_equal(cl.use, 42);
	assert_string_equal(cl.where, "");
	/* No limit file anywhere: the controller is not there. */
	assert_int_equal(cgroup_read("0::/user.slice\n", CGROUP_MEMORY, &cl), -ENOENT);
	assert_int_equal(cl.version, 0);
	/* A garbled limit is not taken as a figure. */
	write_level("/sys/fs/cgroup/user.slice", "memory.max", "lots\n");
	assert_int_equal(cgroup_read("0::/user.slice\n", CGROUP_MEMORY, &cl), -ENOENT);
	tmptree_remove();
}

static void
v1_memory_unlimited_and_pids(void **state)
{
	struct cgroup_limit cl;

	(void)state;
	assert_non_null(tmptree_make());
	/* v1 says "no limit" with a page-rounded LONG_MAX. */
	write_level("/sys/fs/cgroup/memory/user.slice/user-1000.slice", "memory.limit_in_bytes",
		    "9223372036854771712\n");
	write_level("/sys/fs/cgroup/memory/user.slice/user-1000.slice", "memory.usage_in_bytes",
		    "4096000\n");
	write_level("/sys/fs/cgroup/memory/user.slice", "memory.limit_in_bytes",
		    "9223372036854771712\n");
	write_level("/sys/fs/cgroup/memory", "memory.limit_in_bytes", "9223372036854771712\n");
	assert_int_equal(cgroup_read(v1_text, CGROUP_MEMORY, &cl), 0);
	assert_int_equal(cl.version, 1);
	assert_true(cl.limit == LAYER_UNLIMITED);
	assert_int_equal(cl.use, 4096000);

	write_level("/sys/fs/cgroup/pids/user.slice/user-1000.slice/session-2.scope", "pids.max",
		    "max\n");
	write_level("/sys/fs/cgroup/pids/user.slice/user-1000.slice/session-2.scope",
		    "pids.current", "3\n");
	write_level("/sys/fs/cgroup/pids/user.slice/user-1000.slice", "pids.max", "10813\n");
	write_level("/sys/fs/cgroup/pids/user.slice/user-1000.slice", "pids.current", "17\n");
	assert_int_equal(cgroup_read(v1_text, CGROUP_PIDS, &cl), 0);
	assert_int_equal(cl.limit, 10813);
	assert_int_equal(cl.use, 17);
	assert_string_equal(cl.where, "/sys/fs/cgroup/pids/user.slice/user-1000.slice");
	tmptree_remove();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(path_v2),
	    cmocka_unit_test(path_v1),
	    cmocka_unit_test(path_missing),
	    cmocka_unit_test(path_dotdot),
	    cmocka_unit_test(v2_ancestor_tightest),
	    cmocka_unit_test(v2_unlimited_everywhere),
	    cmocka_unit_test(v1_memory_unlimited_and_pids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
