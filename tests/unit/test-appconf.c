/*
 * test-appconf.c: the include globs of the server parsers (src/appconf.c)
 * on inputs the fuzzer found (tests/fuzz/fuzz-appconf.c): a pattern that
 * climbs with ".." between wildcards is refused once it has read too many
 * directories instead of hanging the check, and a path that grows past
 * the buffer is an error, not a quietly cut name. The tree is under /c:
 * under a root, a wildcard in the first component finds nothing
 * (rootfs_open("/") opens "" relative to the root), a separate bug.
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

#include "appconf.h"
#include "tmptree.h"

static char cause[512];

static int
setup(void **state)
{
	char path[64];
	int i;

	(void)state;
	if (tmptree_make() == NULL)
		return -1;
	for (i = 0; i < 8; i++) {
		snprintf(path, sizeof(path), "/c/d%d/x.conf", i);
		if (tmptree_write(path, "x\n") < 0)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tmptree_remove();
	return 0;
}

static void
test_glob_matches(void **state)
{
	struct appconf_list l;

	(void)state;
	assert_int_equal(appconf_glob("/c/d*/x.conf", &l, cause, sizeof(cause)), 0);
	assert_int_equal(l.n, 8);
	assert_string_equal(l.v[0], "/c/d0/x.conf");
	assert_string_equal(l.v[7], "/c/d7/x.conf");
	appconf_list_free(&l);
	/* Climbing back once is what a real include might do: still fine. */
	assert_int_equal(appconf_glob("/c/d*/../d1/x.conf", &l, cause, sizeof(cause)), 0);
	assert_int_equal(l.n, 8);
	appconf_list_free(&l);
}

/* 8 directories, six wildcards with ".." between: 8^6 directory reads. */
static void
test_glob_climbing_refused(void **state)
{
	struct appconf_list l;

	(void)state;
	assert_int_equal(
	    appconf_glob("/c/d*/../d*/../d*/../d*/../d*/../d*/none", &l, cause, sizeof(cause)),
	    -ELOOP);
	assert_non_null(strstr(cause, "/c/d*/../d*/"));
	assert_non_null(strstr(cause, "reads more than"));
	assert_null(l.v);
}

/* A name that does not fit the path buffer is an error naming where. */
static void
test_glob_long_path(void **state)
{
	char pattern[1024];
	struct appconf_list l;

	(void)state;
	snprintf(pattern, sizeof(pattern), "/c/d*/%0200d/%0200d/%0200d", 0, 0, 0);
	assert_int_equal(appconf_glob(pattern, &l, cause, sizeof(cause)), -ENAMETOOLONG);
	assert_non_null(strstr(cause, "/c/d"));
	assert_non_null(strstr(cause, strerror(ENAMETOOLONG)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_glob_matches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_glob_climbing_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_glob_long_path, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
