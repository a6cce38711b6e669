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
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app.h" /* APP_FILE_MAX */
#include "appconf.h"
#include "fsutil.h"
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

/* fsutil_read_all, the one read-to-the-end of appconf and fsutil: a file
 * of exactly max bytes is read whole, one byte more is -EFBIG (at a
 * power of two, where the buffer doubles, and between two). */
static int
read_size(size_t size, size_t max, size_t *len)
{
	FILE *f = tmpfile();
	char *data = NULL;
	size_t i;
	int err;

	assert_non_null(f);
	for (i = 0; i < size; i++)
		fputc('a' + (int)(i % 26), f);
	fflush(f);
	rewind(f);
	err = fsutil_read_all(fileno(f), max, &data, len);
	fclose(f);
	if (err == 0) {
		assert_int_equal(strlen(data), *len); /* NUL-terminated, no NUL inside */
		assert_int_equal(data[*len - (*len > 0)],
				 *len > 0 ? 'a' + (int)((*len - 1) % 26) : 0);
	} else {
		assert_null(data);
	}
	free(data);
	return err;
}

static void
test_read_all_bounds(void **state)
{
	static const size_t maxes[] = {8192, 10000, APP_FILE_MAX};
	size_t i, len = 99;

	(void)state;
	assert_int_equal(read_size(0, 8192, &len), 0);
	assert_int_equal(len, 0);
	for (i = 0; i < sizeof(maxes) / sizeof(maxes[0]); i++) {
		assert_int_equal(read_size(maxes[i], maxes[i], &len), 0);
		assert_int_equal(len, maxes[i]);
		assert_int_equal(read_size(maxes[i] + 1, maxes[i], &len), -EFBIG);
		assert_int_equal(read_size(maxes[i] * 2, maxes[i], &len), -EFBIG);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_read_all_bounds),
	    cmocka_unit_test_setup_teardown(test_glob_matches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_glob_climbing_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_glob_long_path, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
