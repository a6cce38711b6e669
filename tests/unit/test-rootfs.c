/*
 * test-rootfs.c: reading through the root: one integer per file, the
 * ephemeral port range with its validation and fallback, and the *.conf
 * files of drop-in directories in the order systemd and pam_limits read
 * them.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "confdir.h"
#include "rootfs.h"
#include "tmptree.h"

#define RANGE_FILE "/proc/sys/net/ipv4/ip_local_port_range"

static int
setup(void **state)
{
	(void)state;
	return tmptree_make() != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	tmptree_remove();
	return 0;
}

static void
test_read_i64(void **state)
{
	static const char *const bad[] = {"",	"x",	"12x", "+5",
					  " 5", "0x10", "1 2", "99999999999999999999"};
	int64_t v = 7;
	size_t i;

	(void)state;
	assert_int_equal(tmptree_write("/proc/sys/fs/nr_open", "1048576\n"), 0);
	assert_int_equal(rootfs_read_sysctl_i64("fs.nr_open", &v), 0);
	assert_int_equal(v, 1048576);
	assert_int_equal(tmptree_write("/sys/x", "-3"), 0);
	assert_int_equal(rootfs_read_i64("/sys/x", &v), 0);
	assert_int_equal(v, -3);
	assert_int_equal(rootfs_read_i64("/sys/missing", &v), -ENOENT);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 7;
		assert_int_equal(tmptree_write("/sys/x", bad[i]), 0);
		if (rootfs_read_i64("/sys/x", &v) == 0)
			fail_msg("'%s' read as %lld", bad[i], (long long)v);
		assert_int_equal(v, 7);
	}
}

static void
test_port_range(void **state)
{
	static const char *const bad[] = {"60999 32768\n", "0 65535\n", "1024 65536\n",
					  "1024\n",	   "",		"a b\n"};
	char cause[160];
	int64_t lo, hi;
	size_t i;

	(void)state;
	assert_int_equal(tmptree_write(RANGE_FILE, "1024\t65535\n"), 0);
	assert_int_equal(rootfs_read_port_range(&lo, &hi, cause, sizeof(cause)), 0);
	assert_int_equal(lo, 1024);
	assert_int_equal(hi, 65535);
	assert_int_equal(tmptree_write(RANGE_FILE, "40000 40000\n"), 0);
	assert_int_equal(rootfs_read_port_range(&lo, &hi, cause, sizeof(cause)), 0);
	assert_int_equal(hi - lo, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(tmptree_write(RANGE_FILE, bad[i]), 0);
		assert_int_equal(rootfs_read_port_range(&lo, &hi, cause, sizeof(cause)), -EINVAL);
		assert_int_equal(lo, ROOTFS_PORT_LO_DEFAULT);
		assert_int_equal(hi, ROOTFS_PORT_HI_DEFAULT);
		assert_string_equal(cause, "net.ipv4.ip_local_port_range unreadable (not two "
					   "ports, low then high, in 1..65535): kernel default "
					   "32768-60999");
	}
	assert_int_equal(tmptree_write(RANGE_FILE, "1024 2048 4096\n"), 0);
	assert_int_equal(rootfs_read_port_range(&lo, &hi, cause, sizeof(cause)), 0);
	assert_int_equal(hi, 2048);
}

static void
test_port_range_missing(void **state)
{
	char cause[160];
	int64_t lo = 0, hi = 0;

	(void)state;
	assert_int_equal(rootfs_read_port_range(&lo, &hi, cause, sizeof(cause)), -ENOENT);
	assert_int_equal(lo, 32768);
	assert_int_equal(hi, 60999);
	assert_string_equal(cause, "net.ipv4.ip_local_port_range unreadable (No such file or "
				   "directory): kernel default 32768-60999");
}

static void
test_confdir(void **state)
{
	static const char *const dirs[] = {"/usr/lib/d", "/run/d", "/etc/d", "/nowhere"};
	struct confdir_file f[8];
	size_t n;

	(void)state;
	assert_int_equal(tmptree_write("/usr/lib/d/20-b.conf", "x"), 0);
	assert_int_equal(tmptree_write("/usr/lib/d/50-same.conf", "x"), 0);
	assert_int_equal(tmptree_write("/etc/d/50-same.conf", "x"), 0);
	assert_int_equal(tmptree_write("/run/d/50-same.conf", "x"), 0);
	assert_int_equal(tmptree_write("/run/d/10-a.conf", "x"), 0);
	assert_int_equal(tmptree_write("/etc/d/.hidden.conf", "x"), 0);
	assert_int_equal(tmptree_write("/etc/d/notes.txt", "x"), 0);
	assert_int_equal(tmptree_write("/etc/d/.conf", "x"), 0);
	assert_int_equal(tmptree_write("/etc/d/x.conf.bak", "x"), 0);
	n = confdir_list(dirs, 4, rootfs_opendir, f, 8);
	assert_int_equal(n, 3);
	assert_string_equal(f[0].name, "10-a.conf");
	assert_int_equal(f[0].dir, 1);
	assert_string_equal(f[1].name, "20-b.conf");
	assert_int_equal(f[1].dir, 0);
	/* /etc, the last directory, hides the same name in /run and /usr/lib. */
	assert_string_equal(f[2].name, "50-same.conf");
	assert_int_equal(f[2].dir, 2);
	/* More than max files: none is a fair answer, and the caller says so. */
	n = confdir_list(dirs, 4, rootfs_opendir, f, 1);
	assert_true(n == CONFDIR_TOO_MANY);
	assert_int_equal(confdir_list(dirs, 4, rootfs_opendir, f, 5), 3);
	assert_int_equal(confdir_list(dirs + 3, 1, rootfs_opendir, f, 8), 0);
}

/* A file larger than the buffer is -EFBIG, never a quiet part; the head
 * read is the one that cuts, and says so by its name. */
static void
test_never_cut(void **state)
{
	char buf[8], *all = NULL;

	(void)state;
	assert_int_equal(tmptree_write("/f7", "1234567"), 0);
	assert_int_equal(tmptree_write("/f8", "12345678"), 0);
	assert_int_equal(rootfs_read("/f7", buf, sizeof(buf)), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(rootfs_read("/f8", buf, sizeof(buf)), -EFBIG);
	assert_string_equal(buf, "");
	assert_int_equal(rootfs_read_whole("/f8", buf, sizeof(buf)), -EFBIG);
	assert_int_equal(rootfs_read_head("/f8", buf, sizeof(buf)), 7);
	assert_string_equal(buf, "1234567");
	assert_int_equal(rootfs_read_alloc("/f8", &all, 1 << 20), 8);
	assert_string_equal(all, "12345678");
	free(all);
	assert_int_equal(rootfs_read_alloc("/f8", &all, 4), -EFBIG);
	assert_null(all);
	/* /proc regenerates its files: the probe for more works there too */
	assert_int_equal(rootfs_init("/"), 0);
	assert_int_equal(rootfs_read("/proc/self/status", buf, sizeof(buf)), -EFBIG);
}

/* Under --root nothing outside the tree is read: not through "..", not
 * through a symlink, absolute or relative; "/" is the tree itself. */
static void
test_confined(void **state)
{
	char outside[] = "/tmp/test-rootfs-outside.XXXXXX", path[PATH_MAX], buf[64];
	struct stat tree, opened;
	ssize_t n;
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(outside));
	snprintf(path, sizeof(path), "%s/secret", outside);
	assert_non_null(f = fopen(path, "w"));
	fputs("7\n", f);
	fclose(f);
	fd = rootfs_open("/", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &opened), 0);
	close(fd);
	assert_int_equal(stat(rootfs_dir(), &tree), 0);
	assert_int_equal(opened.st_ino, tree.st_ino);

	assert_int_equal(tmptree_write("/etc/real/x", "in-tree\n"), 0);
	snprintf(path, sizeof(path), "/etc/../../../../../../..%s/secret", outside);
	assert_int_equal(rootfs_read(path, buf, sizeof(buf)), -EXDEV);
	assert_int_equal(rootfs_read("/etc/../../etc/real/x", buf, sizeof(buf)), -EXDEV);
	/* ".." inside the tree (an include may take it) stays inside */
	assert_int_equal(rootfs_read("/etc/real/../real/x", buf, sizeof(buf)), 8);
	assert_int_equal(tmptree_symlink(outside, "/abs"), 0);
	assert_true(rootfs_read("/abs/secret", buf, sizeof(buf)) < 0);
	snprintf(path, sizeof(path), "../../../../../../../../../..%s", outside);
	assert_int_equal(tmptree_symlink(path, "/rel"), 0);
	assert_true(rootfs_read("/rel/secret", buf, sizeof(buf)) < 0);
	/* a link that stays in the tree: followed inside it, or refused */
	assert_int_equal(tmptree_symlink("/etc/real", "/etc/alt"), 0);
	n = rootfs_read("/etc/alt/x", buf, sizeof(buf));
	assert_true(n == -ELOOP || (n > 0 && strcmp(buf, "in-tree\n") == 0));
	snprintf(path, sizeof(path), "%s/secret", outside);
	unlink(path);
	rmdir(outside);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_read_i64, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_port_range, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_port_range_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_confdir, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_confined, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_never_cut, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
