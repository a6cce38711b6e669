/*
 * test-limitsconf.c: pam_limits' resolution of limits.conf for one user,
 * the lint of every mistake it reports, and the PAM stack detection on a
 * temporary root.
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

#include "limitsconf.h"
#include "rootfs.h"
#include "tmptree.h"

#define NR_OPEN 1048576

/* alice: uid 1000, primary group alice (1000), also in "loadtest" (2000). */
static const struct limitsconf_user alice = {
    .name = "alice",
    .uid = 1000,
    .gid = 1000,
    .ngroups = 2,
    .groups = (char *[]){"alice", "loadtest"},
    .gids = (gid_t[]){1000, 2000},
};

static void
feed(struct limitsconf *lc, const char *file, const char *text)
{
	limitsconf_feed(lc, &alice, file, text, NR_OPEN);
}

/* Resolve one file's text for alice, lint included. */
static void
resolve(struct limitsconf *lc, const char *text)
{
	limitsconf_init(lc);
	feed(lc, "limits.conf", text);
	limitsconf_finish(lc);
}

/* The lint message containing needle, or NULL. */
static const struct limitsconf_lint *
lint_with(const struct limitsconf *lc, const char *needle)
{
	size_t i;

	for (i = 0; i < lc->nlint; i++) {
		if (strstr(lc->lint[i].msg, needle) != NULL)
			return &lc->lint[i];
	}
	return NULL;
}

static void
nothing_set(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "# comments only\n\n   \n");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	assert_true(lc.nofile_hard.value == LAYER_NONE);
	assert_true(lc.nproc_soft.value == LAYER_NONE);
	assert_false(lc.no_limits);
	assert_int_equal(lc.nlint, 0);
	assert_int_equal(lc.files, 1);
}

static void
user_beats_group_beats_default(void **state)
{
	struct limitsconf lc;

	(void)state;
	/* The user line comes first: a later, less specific line must not win. */
	resolve(&lc, "alice soft nofile 3000\n"
		     "@loadtest soft nofile 2000\n"
		     "* soft nofile 1000\n"
		     "@loadtest hard nofile 20000\n"
		     "* hard nofile 10000\n");
	assert_int_equal(lc.nofile_soft.value, 3000);
	assert_string_equal(lc.nofile_soft.where, "limits.conf:1");
	assert_int_equal(lc.nofile_hard.value, 20000);
	assert_string_equal(lc.nofile_hard.where, "limits.conf:4");
	/* Reversed order: same result. */
	resolve(&lc, "* soft nofile 1000\n@loadtest soft nofile 2000\nalice soft nofile 3000\n");
	assert_int_equal(lc.nofile_soft.value, 3000);
	resolve(&lc, "* soft nofile 1000\n@loadtest soft nofile 2000\n");
	assert_int_equal(lc.nofile_soft.value, 2000);
}

static void
other_domains_ignored(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "bob soft nofile 9000\n"
		     "@wheel soft nofile 8000\n"
		     "@:3000 soft nofile 7000\n"
		     "2000:2999 soft nofile 6000\n"
		     "%loadtest soft nofile 5000\n");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	assert_int_equal(lc.nlint, 0);
}

static void
later_same_rank_wins(void **state)
{
	struct limitsconf lc;

	(void)state;
	limitsconf_init(&lc);
	feed(&lc, "/etc/security/limits.conf", "* soft nofile 1024\n* hard nofile 4096\n");
	feed(&lc, "/etc/security/limits.d/90-load.conf", "* soft nofile 65536\n");
	limitsconf_finish(&lc);
	assert_int_equal(lc.nofile_soft.value, 65536);
	assert_string_equal(lc.nofile_soft.where, "/etc/security/limits.d/90-load.conf:1");
	assert_int_equal(lc.nofile_hard.value, 4096);
	assert_int_equal(lc.files, 2);
	/* A later default never beats an earlier user entry. */
	limitsconf_init(&lc);
	feed(&lc, "a.conf", "alice soft nofile 2048\n");
	feed(&lc, "b.conf", "* soft nofile 65536\n");
	assert_int_equal(lc.nofile_soft.value, 2048);
}

static void
uid_and_gid_ranges(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "1000:1999 soft nofile 4000\n");
	assert_int_equal(lc.nofile_soft.value, 4000);
	resolve(&lc, "1001:1999 soft nofile 4000\n");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	resolve(&lc, "1000: soft nofile 4001\n"); /* uid >= 1000 */
	assert_int_equal(lc.nofile_soft.value, 4001);
	resolve(&lc, ":1000 soft nofile 4002\n"); /* exactly uid 1000 */
	assert_int_equal(lc.nofile_soft.value, 4002);
	resolve(&lc, ":1001 soft nofile 4003\n");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	/* A uid range ranks as a user entry: it beats a group entry. */
	resolve(&lc, "1000:1000 soft nofile 4004\n@loadtest soft nofile 9\n");
	assert_int_equal(lc.nofile_soft.value, 4004);
	/* @min:max tests the primary gid, @:gid membership of any group. */
	resolve(&lc, "@1000:1500 soft nofile 5000\n");
	assert_int_equal(lc.nofile_soft.value, 5000);
	resolve(&lc, "@1500:2500 soft nofile 5001\n");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	resolve(&lc, "@:2000 soft nofile 5002\n");
	assert_int_equal(lc.nofile_soft.value, 5002);
	/* Group entries rank below the user's own. */
	resolve(&lc, "alice soft nofile 1\n@:2000 soft nofile 5003\n");
	assert_int_equal(lc.nofile_soft.value, 1);
}

static void
bad_range_linted(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "10x0:2000 soft nofile 4000\n@: hard nofile 5\n");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	assert_true(lc.nofile_hard.value == LAYER_NONE);
	assert_non_null(lint_with(&lc, "limits.conf:1: invalid uid/gid range '10x0:2000'"));
	assert_non_null(lint_with(&lc, "limits.conf:2: invalid uid/gid range '@:'"));
}

static void
dash_type_sets_both(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "alice - nofile 50000\nalice - nproc 4096\n");
	assert_int_equal(lc.nofile_soft.value, 50000);
	assert_int_equal(lc.nofile_hard.value, 50000);
	assert_int_equal(lc.nproc_soft.value, 4096);
	assert_int_equal(lc.nproc_hard.value, 4096);
	/* Types and items are case-insensitive, as pam_limits reads them. */
	resolve(&lc, "alice SOFT NoFile 777\n");
	assert_int_equal(lc.nofile_soft.value, 777);
	assert_true(lc.nofile_hard.value == LAYER_NONE);
}

static void
unlimited_values(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "alice hard nofile unlimited\nalice soft nproc -1\n"
		     "alice hard nproc infinity\n");
	assert_true(lc.nofile_hard.value == LAYER_UNLIMITED);
	assert_true(lc.nproc_soft.value == LAYER_UNLIMITED);
	assert_true(lc.nproc_hard.value == LAYER_UNLIMITED);
	/* Unlimited is not "above fs.nr_open": pam_limits maps it to nr_open. */
	assert_null(lint_with(&lc, "nr_open"));
}

static void
no_limits_line(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "alice -\n* soft nofile 1024\n");
	assert_true(lc.no_limits);
	resolve(&lc, "@loadtest -\n");
	assert_true(lc.no_limits);
	resolve(&lc, "bob -\n* soft nofile 1024\n");
	assert_false(lc.no_limits);
	assert_int_equal(lc.nofile_soft.value, 1024);
}

static void
lint_core_meant_for_nofile(void **state)
{
	struct limitsconf lc;
	const struct limitsconf_lint *l;

	(void)state;
	resolve(&lc, "# the classic\n* hard core 100000\n");
	l = lint_with(&lc, "did you mean nofile?");
	assert_non_null(l);
	assert_int_equal(l->severity, VERDICT_WARN);
	assert_non_null(strstr(l->msg, "limits.conf:2: "));
	assert_non_null(strstr(l->msg, "'* hard core 100000'"));
	assert_true(lc.nofile_hard.value == LAYER_NONE);
	/* Disabling core dumps or allowing them is not a mistake. */
	resolve(&lc, "* hard core 0\n* soft core unlimited\n");
	assert_int_equal(lc.nlint, 0);
}

static void
lint_soft_above_hard(void **state)
{
	struct limitsconf lc;
	const struct limitsconf_lint *l;

	(void)state;
	resolve(&lc, "* hard nofile 4096\n* soft nofile 65536\n");
	l = lint_with(&lc, "soft nofile 65536 is above the hard limit 4096");
	assert_non_null(l);
	assert_non_null(strstr(l->msg, "limits.conf:2: "));
	assert_non_null(strstr(l->msg, "(limits.conf:1)"));
	resolve(&lc, "* hard nproc 100\n* soft nproc unlimited\n");
	assert_non_null(lint_with(&lc, "soft nproc unlimited is above the hard limit 100"));
	/* Judged on the resolved values: alice's own hard limit covers it. */
	resolve(&lc, "* hard nofile 4096\n* soft nofile 65536\nalice hard nofile 65536\n");
	assert_null(lint_with(&lc, "above the hard limit"));
}

static void
lint_above_nr_open(void **state)
{
	struct limitsconf lc;
	const struct limitsconf_lint *l;

	(void)state;
	resolve(&lc, "* - nofile 2000000\n");
	l = lint_with(&lc, "nofile 2000000 is above fs.nr_open (1048576)");
	assert_non_null(l);
	assert_int_equal(l->severity, VERDICT_FAIL);
	assert_non_null(strstr(l->msg, "limits.conf:1: "));
	/* Exactly nr_open is allowed; other users' lines are linted too. */
	resolve(&lc, "* - nofile 1048576\nbob - nofile 1048577\n");
	assert_int_equal(lc.nlint, 1);
	assert_non_null(lint_with(&lc, "limits.conf:2: nofile 1048577"));
	/* Without a known nr_open (0) nothing is checked. */
	limitsconf_init(&lc);
	limitsconf_feed(&lc, &alice, "x.conf", "* - nofile 2000000\n", 0);
	assert_int_equal(lc.nlint, 0);
}

static void
lint_unknown_item(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "* soft nofiles 65536\n* soft openfiles 65536\n* soft maxfiles 65536\n");
	assert_int_equal(lc.nlint, 3);
	assert_non_null(
	    lint_with(&lc, "limits.conf:1: unknown item 'nofiles' (did you mean nofile?)"));
	assert_non_null(
	    lint_with(&lc, "limits.conf:2: unknown item 'openfiles' (did you mean nofile?)"));
	assert_string_equal(lc.lint[2].msg, "limits.conf:3: unknown item 'maxfiles'");
	assert_true(lc.nofile_soft.value == LAYER_NONE);
}

static void
lint_unknown_type(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "alice sotf nofile 65536\n");
	assert_non_null(lint_with(&lc, "limits.conf:1: unknown type 'sotf' (soft, hard or -)"));
	assert_true(lc.nofile_soft.value == LAYER_NONE);
}

static void
lint_bad_value(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "alice soft nofile 64k\nalice hard nofile -5\n");
	assert_int_equal(lc.nlint, 2);
	assert_non_null(lint_with(&lc, "limits.conf:1: bad value '64k' for nofile"));
	assert_non_null(lint_with(&lc, "limits.conf:2: bad value '-5' for nofile"));
	assert_true(lc.nofile_soft.value == LAYER_NONE);
	assert_true(lc.nofile_hard.value == LAYER_NONE);
}

static void
lint_malformed(void **state)
{
	struct limitsconf lc;

	(void)state;
	resolve(&lc, "alice soft nofile\n"
		     "alice soft nofile 100 200\n"
		     "alice\n"
		     "alice soft nofile 300 # a comment is fine\n");
	assert_int_equal(lc.nlint, 3);
	assert_non_null(lint_with(&lc, "limits.conf:1: malformed line"));
	assert_non_null(lint_with(&lc, "limits.conf:2: malformed line"));
	assert_non_null(lint_with(&lc, "limits.conf:3: malformed line"));
	assert_int_equal(lc.nofile_soft.value, 300);
	assert_string_equal(lc.nofile_soft.where, "limits.conf:4");
}

static void
lint_long_line(void **state)
{
	char text[3000];
	struct limitsconf lc;

	(void)state;
	memset(text, 'x', 2000);
	snprintf(text + 2000, sizeof(text) - 2000, "\nalice soft nofile 4242\n");
	resolve(&lc, text);
	assert_int_equal(lc.nlint, 1);
	assert_non_null(lint_with(&lc, "limits.conf:1: line too long"));
	/* The line after it is still read, with its own number. */
	assert_int_equal(lc.nofile_soft.value, 4242);
	assert_string_equal(lc.nofile_soft.where, "limits.conf:2");
}

static void
lint_overflow_counted(void **state)
{
	char text[4096] = "";
	struct limitsconf lc;
	int i;

	(void)state;
	for (i = 0; i < LIMITSCONF_LINT_MAX + 5; i++)
		strcat(text, "* soft nofilez 1\n");
	resolve(&lc, text);
	assert_int_equal(lc.nlint, LIMITSCONF_LINT_MAX);
	assert_int_equal(lc.lint_omitted, 5);
}

static void
pam_detection(void **state)
{
	char where[256];

	(void)state;
	assert_non_null(tmptree_make());
	assert_false(limitsconf_pam_enabled(where, sizeof(where)));
	assert_non_null(strstr(where, "no PAM session stack"));
	/* Commented out, or only in the auth stack: not applied. */
	assert_int_equal(tmptree_write("/etc/pam.d/common-session",
				       "session [default=1] pam_permit.so\n"
				       "#session required pam_limits.so\n"
				       "auth required pam_limits.so\n"),
			 0);
	assert_false(limitsconf_pam_enabled(where, sizeof(where)));
	assert_string_equal(where, "/etc/pam.d/common-session");
	/* Found in a later stack. */
	assert_int_equal(tmptree_write("/etc/pam.d/sshd",
				       "@include common-auth\n"
				       "session    required     pam_limits.so\n"),
			 0);
	assert_true(limitsconf_pam_enabled(where, sizeof(where)));
	assert_string_equal(where, "/etc/pam.d/sshd");
	/* The distro's main stack is named first when it has it. */
	assert_int_equal(tmptree_write("/etc/pam.d/common-session",
				       "session required pam_unix.so\n"
				       "\tsession\trequired\tpam_limits.so\n"),
			 0);
	assert_true(limitsconf_pam_enabled(where, sizeof(where)));
	assert_string_equal(where, "/etc/pam.d/common-session");
	tmptree_remove();
}

static void
load_from_root(void **state)
{
	struct limitsconf_user u;
	struct limitsconf lc;
	char cause[256];

	(void)state;
	assert_non_null(tmptree_make());
	assert_int_equal(tmptree_write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"
						      "alice:x:1000:1000::/home/alice:/bin/bash\n"),
			 0);
	assert_int_equal(tmptree_write("/etc/group", "root:x:0:\nalice:x:1000:\n"
						     "loadtest:x:2000:bob,alice\n"
						     "alicex:x:3000:alicexx\n"),
			 0);
	assert_int_equal(tmptree_write("/etc/security/limits.conf", "* soft nofile 1024\n"), 0);
	assert_int_equal(tmptree_write("/etc/security/limits.d/20-b.conf", "* soft nofile 3000\n"),
			 0);
	assert_int_equal(tmptree_write("/etc/security/limits.d/10-a.conf",
				       "* soft nofile 2000\n"
				       "@loadtest hard nofile 9000\n"),
			 0);
	/* Not a .conf, or hidden: pam_limits skips them. */
	assert_int_equal(tmptree_write("/etc/security/limits.d/99-z.conf.bak", "* soft nofile 5\n"),
			 0);
	assert_int_equal(tmptree_write("/etc/security/limits.d/.99-h.conf", "* soft nofile 6\n"),
			 0);

	assert_int_equal(limitsconf_lookup_user("alice", &u, cause, sizeof(cause)), 0);
	assert_int_equal(u.uid, 1000);
	assert_int_equal(u.gid, 1000);
	assert_int_equal(u.ngroups, 2);
	assert_string_equal(u.groups[0], "alice");
	assert_string_equal(u.groups[1], "loadtest");
	assert_int_equal(u.gids[1], 2000);

	limitsconf_init(&lc);
	assert_int_equal(limitsconf_load(&lc, &u, NR_OPEN), 0);
	assert_int_equal(lc.files, 3);
	/* limits.conf, then limits.d in name order: 20-b.conf is read last. */
	assert_int_equal(lc.nofile_soft.value, 3000);
	assert_string_equal(lc.nofile_soft.where, "/etc/security/limits.d/20-b.conf:1");
	assert_int_equal(lc.nofile_hard.value, 9000);

	limitsconf_user_free(&u);
	assert_int_equal(limitsconf_lookup_user("mallory", &u, cause, sizeof(cause)), -ENOENT);
	assert_string_equal(cause, "user 'mallory' is not in /etc/passwd");
	tmptree_remove();
}

/* On the live system the user comes from libc (NSS), groups and all. */
static void
lookup_live(void **state)
{
	struct limitsconf_user u;
	char cause[256];
	bool root_group = false;

	assert_int_equal(rootfs_init("/"), 0);
	assert_int_equal(limitsconf_lookup_user("root", &u, cause, sizeof(cause)), 0);
	assert_int_equal(u.uid, 0);
	for (size_t i = 0; i < u.ngroups; i++)
		root_group = root_group || u.gids[i] == 0;
	assert_true(root_group);
	limitsconf_user_free(&u);
	assert_int_equal(limitsconf_lookup_user("no-such-user-here", &u, cause, sizeof(cause)),
			 -ENOENT);
	assert_string_equal(cause, "user 'no-such-user-here' does not exist");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(nothing_set),
	    cmocka_unit_test(user_beats_group_beats_default),
	    cmocka_unit_test(other_domains_ignored),
	    cmocka_unit_test(later_same_rank_wins),
	    cmocka_unit_test(uid_and_gid_ranges),
	    cmocka_unit_test(bad_range_linted),
	    cmocka_unit_test(dash_type_sets_both),
	    cmocka_unit_test(unlimited_values),
	    cmocka_unit_test(no_limits_line),
	    cmocka_unit_test(lint_core_meant_for_nofile),
	    cmocka_unit_test(lint_soft_above_hard),
	    cmocka_unit_test(lint_above_nr_open),
	    cmocka_unit_test(lint_unknown_item),
	    cmocka_unit_test(lint_unknown_type),
	    cmocka_unit_test(lint_bad_value),
	    cmocka_unit_test(lint_malformed),
	    cmocka_unit_test(lint_long_line),
	    cmocka_unit_test(lint_overflow_counted),
	    cmocka_unit_test(pam_detection),
	    cmocka_unit_test(load_from_root),
	    cmocka_unit_test(lookup_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
