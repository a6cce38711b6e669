/*
 * test-profile.c: the profile parser (lines, sections, includes, errors
 * with file:line), validation, and profiles generated from a plan.
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
#include <unistd.h>

#include <cmocka.h>

#include "headroom.h"
#include "layer.h"
#include "profile.h"

static char dir[64];
static struct profile prof;
static char cause[CAUSE_MAX];

static void
write_file(const char *name, const char *text, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static void
write_text(const char *name, const char *text)
{
	write_file(name, text, strlen(text));
}

static int
load(const char *name)
{
	char path[128];

	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cause[0] = '\0';
	err = profile_load(&prof, path, 0, cause, sizeof(cause));
	if (err < 0)
		print_message("load %s: %s\n", name, cause);
	return err;
}

static int
validate(int64_t nr_open, unsigned flags)
{
	struct profile_system sys = {.nr_open = nr_open};

	cause[0] = '\0';
	return profile_validate(&prof, &sys, flags, cause, sizeof(cause));
}

/* cause ends with the expected message and names file:line. */
static void
assert_cause(const char *file, int line, const char *msg)
{
	char want[512];

	snprintf(want, sizeof(want), "%s/%s:%d: %s", dir, file, line, msg);
	assert_string_equal(cause, want);
}

static const struct profile_item *
item(enum profile_section s, const char *key)
{
	int i;

	for (i = 0; i < prof.nitems; i++) {
		if (prof.items[i].section == s && strcmp(prof.items[i].key, key) == 0)
			return &prof.items[i];
	}
	return NULL;
}

static void
test_parse_sections(void **state)
{
	const struct profile_item *it;

	(void)state;
	write_text("a.conf", "# comment\n; also a comment\n\n[profile]\ndescription = a test\n"
			     "[limits]\n  nofile =  4096 8192  \n[sysctl]\n"
			     "net.ipv4.ip_local_port_range = 1024\t65535\r\n");
	assert_int_equal(load("a.conf"), 0);
	assert_string_equal(prof.name, "a");
	it = item(PSEC_LIMITS, "nofile");
	assert_non_null(it);
	assert_string_equal(it->value, "4096 8192");
	assert_int_equal(it->line, 7);
	assert_int_equal(validate(1048576, 0), 0);
	assert_int_equal(prof.nofile.soft, 4096);
	assert_int_equal(prof.nofile.hard, 8192);
	/* sysctl values are normalised: tabs and CR gone */
	assert_string_equal(item(PSEC_SYSCTL, "net.ipv4.ip_local_port_range")->value, "1024 65535");
	assert_string_equal(prof.description, "a test");
}

static void
test_include_override(void **state)
{
	const struct profile_item *it;

	(void)state;
	write_text("base.conf", "[sysctl]\nnet.core.somaxconn = 1024\nfs.file-max = 100000\n");
	write_text("top.conf", "[profile]\ninclude = base\n[sysctl]\nnet.core.somaxconn = 8192\n");
	assert_int_equal(load("top.conf"), 0);
	assert_int_equal(prof.nfiles, 2);
	it = item(PSEC_SYSCTL, "net.core.somaxconn");
	assert_string_equal(it->value, "8192"); /* later overrides earlier */
	assert_int_equal(it->file, 0);
	assert_int_equal(it->line, 4);
	it = item(PSEC_SYSCTL, "fs.file-max");
	assert_string_equal(it->value, "100000");
	assert_int_equal(it->file, 1); /* origin stays the included file */
	/* include by relative path */
	write_text("rel.conf", "[profile]\ninclude = ./base.conf\n");
	assert_int_equal(load("rel.conf"), 0);
	assert_non_null(item(PSEC_SYSCTL, "fs.file-max"));
}

static void
test_include_cycle_and_depth(void **state)
{
	char name[32], text[64];
	int i;

	(void)state;
	write_text("c1.conf", "[profile]\ninclude = c2\n");
	write_text("c2.conf", "[profile]\ninclude = c1\n");
	assert_int_equal(load("c1.conf"), -EINVAL);
	assert_non_null(strstr(cause, "c2.conf:2: include cycle:"));
	write_text("self.conf", "[profile]\ninclude = self\n");
	assert_int_equal(load("self.conf"), -EINVAL);
	assert_non_null(strstr(cause, "self.conf:2: include cycle"));
	for (i = 0; i <= PROFILE_INCLUDE_DEPTH + 1; i++) {
		snprintf(name, sizeof(name), "d%d.conf", i);
		snprintf(text, sizeof(text), "[profile]\ninclude = d%d\n", i + 1);
		write_text(name, text);
	}
	write_text("d10.conf", "[limits]\nnofile = 1024\n");
	assert_int_equal(load("d0.conf"), -EINVAL);
	assert_non_null(strstr(cause, "d8.conf:2: include: nested deeper than 8 levels"));
	/* exactly the limit is fine */
	write_text("d8.conf", "[limits]\nnofile = 1024\n");
	assert_int_equal(load("d0.conf"), 0);
}

static void
test_line_errors(void **state)
{
	char big[PROFILE_LINE_MAX + 40];
	static const char nul[] = "[limits]\nnofile = 10\0 24\n";

	(void)state;
	write_file("nul.conf", nul, sizeof(nul) - 1);
	assert_int_equal(load("nul.conf"), -EINVAL);
	assert_cause("nul.conf", 2, "NUL byte in line");
	memset(big, 'x', sizeof(big));
	memcpy(big, "[profile]\ndescription = ", 24);
	big[sizeof(big) - 1] = '\n';
	write_file("long.conf", big, sizeof(big));
	assert_int_equal(load("long.conf"), -EINVAL);
	assert_cause("long.conf", 2, "line longer than 1024 bytes");
	write_text("ctl.conf", "[limits]\nnofile = 1\x01\n");
	assert_int_equal(load("ctl.conf"), -EINVAL);
	assert_cause("ctl.conf", 2, "control character 0x01 in line");
	write_text("dup.conf", "[limits]\nnofile = 1\n\nnofile = 2\n");
	assert_int_equal(load("dup.conf"), -EINVAL);
	assert_cause("dup.conf", 4, "duplicate key 'nofile' (first set on line 2)");
	write_text("out.conf", "nofile = 1\n");
	assert_int_equal(load("out.conf"), -EINVAL);
	assert_cause(
	    "out.conf", 1,
	    "not a profile: expected '[section]' before any 'key = value' (the line is not shown)");
	write_text("sec.conf", "[network]\n");
	assert_int_equal(load("sec.conf"), -EINVAL);
	assert_cause("sec.conf", 1,
		     "unknown section [network] (expected profile, limits, sysctl, systemd or "
		     "launchd)");
	write_text("noeq.conf", "[limits]\nnofile 1024\n");
	assert_int_equal(load("noeq.conf"), -EINVAL);
	assert_cause("noeq.conf", 2, "expected 'key = value' or '[section]', got 'nofile 1024'");
}

static void
test_validate_ranges(void **state)
{
	(void)state;
	write_text("v1.conf", "[limits]\nnofile = 2000000\n");
	assert_int_equal(load("v1.conf"), 0);
	assert_int_equal(validate(1048576, 0), -EINVAL);
	assert_non_null(strstr(cause, "v1.conf:2: nofile = 2000000: exceeds fs.nr_open 1048576"));
	/* raising fs.nr_open in the same profile lifts the ceiling */
	write_text("v2.conf", "[limits]\nnofile = 2000000\n[sysctl]\nfs.nr_open = 2097152\n");
	assert_int_equal(load("v2.conf"), 0);
	assert_int_equal(validate(1048576, 0), 0);
	write_text("v3.conf", "[sysctl]\nnet.ipv4.ip_local_port_range = 60999 32768\n");
	assert_int_equal(load("v3.conf"), 0);
	assert_int_equal(validate(1048576, 0), -EINVAL);
	assert_cause("v3.conf", 2,
		     "net.ipv4.ip_local_port_range = 60999 32768: values must not decrease");
	write_text("v4.conf", "[sysctl]\nkernel.core_pattern = |/tmp/x\n");
	assert_int_equal(load("v4.conf"), 0);
	assert_int_equal(validate(1048576, 0), -EINVAL);
	assert_non_null(strstr(cause, "is not on the allow-list"));
	assert_int_equal(validate(1048576, PROFILE_ALLOW_ANY_SYSCTL), 0);
	/* path tricks are refused even with --allow-any-sysctl */
	write_text("v5.conf", "[sysctl]\nnet/../../etc/shadow = 1\n");
	assert_int_equal(load("v5.conf"), 0);
	assert_int_equal(validate(1048576, PROFILE_ALLOW_ANY_SYSCTL), -EINVAL);
	assert_non_null(strstr(cause, "holds '/' or '..': refused"));
	write_text("v6.conf", "[systemd]\nDefaultLimitNOFILE = 4096:1024\n");
	assert_int_equal(load("v6.conf"), 0);
	assert_int_equal(validate(1048576, 0), -EINVAL);
	assert_cause("v6.conf", 2,
		     "DefaultLimitNOFILE = 4096:1024: the soft limit exceeds the hard limit");
	write_text("v7.conf", "[launchd]\nmaxfiles = unlimited unlimited\n");
	assert_int_equal(load("v7.conf"), 0);
	assert_int_equal(validate(PROFILE_UNSET, 0), -EINVAL);
	assert_non_null(strstr(cause, "maxfiles soft limit cannot be unlimited"));
}

static void
test_from_plan(void **state)
{
	struct layer_set *set = calloc(1, sizeof(*set));
	struct target t;
	struct layer *l;
	char skipped[128];

	(void)state;
	layer_set_init(set);
	target_init(&t);
	t.conns = 50000;
	l = layer_add(set, LAYER_NOFILE_SOFT);
	l->verdict = VERDICT_FAIL;
	l->recommend = 60416;
	l = layer_add(set, LAYER_NOFILE_HARD);
	l->verdict = VERDICT_OK; /* fine: not raised */
	l->recommend = LAYER_NONE;
	l = layer_add(set, LAYER_BACKLOG_SOMAXCONN);
	l->verdict = VERDICT_WARN;
	l->recommend = 5120;
	l = layer_add(set, LAYER_PORTS_EPHEMERAL);
	l->verdict = VERDICT_FAIL;
	l->recommend = 60416;
	l = layer_add(set, LAYER_MEM_PER_CONN);
	l->verdict = VERDICT_WARN;
	l->recommend = 4096;
	profile_init(&prof, "target-50000");
	assert_int_equal(profile_from_plan(&prof, set, &t, skipped, sizeof(skipped)), 3);
	assert_string_equal(skipped, "mem.per-conn");
	assert_int_equal(validate(1048576, 0), 0);
	assert_int_equal(prof.nofile.soft, 60416);
	assert_int_equal(prof.nofile.hard, 60416);
	assert_string_equal(item(PSEC_SYSCTL, "net.core.somaxconn")->value, "5120");
	assert_string_equal(item(PSEC_SYSCTL, "net.ipv4.ip_local_port_range")->value, "5120 65535");
	assert_int_equal(prof.target, 50000);
	free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_sections),	    cmocka_unit_test(test_include_override),
	    cmocka_unit_test(test_include_cycle_and_depth), cmocka_unit_test(test_line_errors),
	    cmocka_unit_test(test_validate_ranges),	    cmocka_unit_test(test_from_plan),
	};
	char cmd[96];
	int rc;

	snprintf(dir, sizeof(dir), "/tmp/headroom-test-profile.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
