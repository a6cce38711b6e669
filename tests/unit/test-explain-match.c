/*
 * test-explain-match.c: the pattern language, the literal prefilter, and
 * the engine's agreement with trying every pattern on every line.
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

#include "explain.h"
#include "headroom.h"

static bool
matches(const char *pattern, const char *text)
{
	struct explain_pattern p;
	char cause[CAUSE_MAX];

	if (explain_pattern_compile(&p, pattern, cause, sizeof(cause)) != 0)
		fail_msg("%s", cause);
	return explain_pattern_match(&p, text, strlen(text));
}

static void
test_pattern_language(void **state)
{
	static const struct {
		const char *pattern, *text;
		bool want;
	} cases[] = {
	    {"too many open files", "accept: Too Many Open Files", true},
	    {"too many open files", "too many open file", false},
	    {"limit # reached", "limit 1048576 reached", true},
	    {"limit # reached", "limit  reached", false},
	    {"limit # reached", "limit 12a reached", false},
	    {"lookup @: no such host", "dial tcp: lookup localhost: no such host", true},
	    {"lookup @: no such host", "lookup a.b on 10.0.0.2:53: no such host", false},
	    {"lookup @: no such host", "lookup : no such host", false},
	    {"accept*: too many open files; retrying",
	     "accept tcp [::]:8080: accept4: too many open files; retrying in 5ms", true},
	    {"accept*: too many open files; retrying", "accept: too many open files; retrying",
	     true},
	    {"accept*: too many open files; retrying", "too many open files; retrying accept",
	     false},
	    {"~EMFILE~", "EMFILE", true},
	    {"~EMFILE~", "code: 'EMFILE'", true},
	    {"~EMFILE~", "GENFILE EMFILES", false},
	    {"~EMFILE~", "x_emfile", false},
	    {"\\*\\#\\@\\~ literal", "*#@~ literal", true},
	    {"\\*\\#\\@\\~ literal", "x#@~ literal", false},
	    {"trailing star anchor*", "trailing star anchor", true},
	    {"Socket errors: connect 0, read #", "Socket errors: connect 0, read 12", true},
	    {"Socket errors: connect 0, read #", "Socket errors: connect 10, read 12", false},
	    {"@ token end", "x token end", true},
	    {"token @", "token \n", false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		if (matches(cases[i].pattern, cases[i].text) != cases[i].want)
			fail_msg("'%s' on '%s': want %d", cases[i].pattern, cases[i].text,
				 cases[i].want);
	}
}

static void
test_pattern_errors(void **state)
{
	static const char *const bad[] = {
	    "",
	    "abc\\",
	    "#@#",
	    "ab*cd",
	    "*",
	    "~x~",
	    "0123456789012345678901234567890123456789012345678901234567890123456789",
	};
	struct explain_pattern p;
	char cause[CAUSE_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < nitems(bad); i++) {
		cause[0] = '\0';
		assert_int_equal(explain_pattern_compile(&p, bad[i], cause, sizeof(cause)),
				 -EINVAL);
		assert_true(strstr(cause, "pattern") != NULL);
	}
}

static void
test_ere(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(explain_pattern_to_ere("a.b [Errno #] @ *(x)", out, sizeof(out)), 0);
	assert_string_equal(out, "a\\.b \\[Errno [0-9]+\\] [^ \t]+ .*\\(x\\)");
	assert_int_equal(explain_pattern_to_ere("~E~", out, sizeof(out)), 0);
	assert_string_equal(out, "([^[:alnum:]_]|^|$)E([^[:alnum:]_]|^|$)");
	assert_int_equal(explain_pattern_to_ere("abcdef", out, 4), -ENOSPC);
}

static void
test_ac_overlapping_keys(void **state)
{
	static const char *const keys[] = {"he", "she", "his", "hers", "is"};
	struct explain_ac ac;
	struct explain_ac_hits hits;

	(void)state;
	assert_int_equal(explain_ac_build(&ac, keys, nitems(keys)), 0);
	memset(&hits, 0, sizeof(hits));
	assert_true(explain_ac_scan(&ac, "USHERS", 6, &hits));
	assert_int_equal(hits.w[0], (1u << 0) | (1u << 1) | (1u << 3)); /* he she hers */
	memset(&hits, 0, sizeof(hits));
	assert_true(explain_ac_scan(&ac, "this", 4, &hits));
	assert_int_equal(hits.w[0], (1u << 2) | (1u << 4)); /* his is */
	memset(&hits, 0, sizeof(hits));
	assert_false(explain_ac_scan(&ac, "xyz\0h", 5, &hits));
	explain_ac_free(&ac);
}

/* ---- the engine against every pattern tried alone ---- */

static unsigned rng = 12345;

static unsigned
next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 16) & 0x7fff;
}

/* Write a text the pattern is meant for, wildcards filled with plausible
 * values and letters in random case; a third of them then damaged (one byte
 * changed, dropped or inserted) to make near misses. */
static size_t
instantiate(const char *pattern, char *out, size_t size)
{
	static const char *const token[] = {"127.0.0.1:8080", "x", "api.example.com", "\xff\xfe"};
	static const char *const any[] = {"", " on 10.0.0.2:53", "tcp [::]:80: ", "\x1b[0m"};
	size_t n = 0, at;
	const char *s;

	for (s = pattern; *s != '\0' && n + 32 < size; s++) {
		const char *piece;
		char one[2] = {*s, '\0'};

		if (*s == '#')
			piece = next_rand() % 2 ? "24" : "1048576";
		else if (*s == '@')
			piece = token[next_rand() % nitems(token)];
		else if (*s == '*')
			piece = any[next_rand() % nitems(any)];
		else if (*s == '~')
			piece = next_rand() % 4 ? " " : "_";
		else {
			if (*s == '\\' && s[1] != '\0')
				one[0] = *++s;
			if (next_rand() % 3 == 0 && one[0] >= 'a' && one[0] <= 'z')
				one[0] = (char)(one[0] - 32);
			piece = one;
		}
		memcpy(out + n, piece, strlen(piece));
		n += strlen(piece);
	}
	if (n == 0 || next_rand() % 3 != 0)
		return n;
	at = next_rand() % n;
	switch (next_rand() % 3) {
	case 0:
		out[at] = (char)(next_rand() % 256);
		break;
	case 1:
		memmove(out + at, out + at + 1, n - at - 1);
		n--;
		break;
	default:
		memmove(out + at + 1, out + at, n - at);
		out[at] = (char)(next_rand() % 256);
		n++;
		break;
	}
	return n;
}

static void
test_prefilter_agrees(void **state)
{
	struct explain_engine *e = malloc(sizeof(*e));
	char cause[CAUSE_MAX], line[1024];
	unsigned round, hits = 0;

	(void)state;
	assert_non_null(e);
	assert_int_equal(explain_engine_init(e, cause, sizeof(cause)), 0);
	for (round = 0; round < 50000; round++) {
		size_t k = next_rand() % e->npatterns, n;
		int fast, slow;

		n = (size_t)snprintf(line, sizeof(line), "%u ", next_rand());
		n += instantiate(e->pattern_text[k], line + n, sizeof(line) - n);
		fast = explain_match(e, line, n);
		slow = explain_match_slow(e, line, n);
		if (fast != slow)
			fail_msg("line '%.*s': prefilter %d, patterns %d", (int)n, line, fast,
				 slow);
		hits += fast >= 0;
	}
	/* Undamaged instances are recognised (by their entry or a more
	 * specific one); damaged ones mostly not. */
	assert_true(hits > 30000);
	assert_true(hits < 45000);
	explain_engine_free(e);
	free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pattern_language),
	    cmocka_unit_test(test_pattern_errors),
	    cmocka_unit_test(test_ere),
	    cmocka_unit_test(test_ac_overlapping_keys),
	    cmocka_unit_test(test_prefilter_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
