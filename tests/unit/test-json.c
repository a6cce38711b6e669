/*
 * test-json.c: JSON strings stay valid JSON whatever bytes come in
 * (escapes, control characters, invalid UTF-8), and layer figures.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "json.h"
#include "layer.h"

static char out[1024];

/* What json_string writes for s. */
static const char *
js(const char *s)
{
	FILE *f = fmemopen(out, sizeof(out), "w");

	assert_non_null(f);
	json_string(f, s);
	fclose(f);
	return out;
}

static const char *
figure(int64_t v)
{
	FILE *f = fmemopen(out, sizeof(out), "w");

	assert_non_null(f);
	json_figure(f, v);
	fclose(f);
	return out;
}

static void
plain_and_escaped(void **state)
{
	(void)state;
	assert_string_equal(js("nofile.soft"), "\"nofile.soft\"");
	assert_string_equal(js(""), "\"\"");
	assert_string_equal(js(NULL), "null");
	assert_string_equal(js("say \"hi\""), "\"say \\\"hi\\\"\"");
	assert_string_equal(js("C:\\path"), "\"C:\\\\path\"");
	assert_string_equal(js("a/b"), "\"a/b\"");
	assert_string_equal(js("line1\nline2\ttab"), "\"line1\\nline2\\ttab\"");
}

static void
control_characters(void **state)
{
	(void)state;
	assert_string_equal(js("\r"), "\"\\u000d\"");
	assert_string_equal(js("\x01\x1f"), "\"\\u0001\\u001f\"");
	assert_string_equal(js("bell\a"), "\"bell\\u0007\"");
	assert_string_equal(js("esc\x1b[0m"), "\"esc\\u001b[0m\"");
	assert_string_equal(js("del\x7f"), "\"del\\u007f\"");
}

static void
valid_utf8_kept(void **state)
{
	(void)state;
	assert_string_equal(js("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
	assert_string_equal(js("\xe2\x82\xac 5"), "\"\xe2\x82\xac 5\"");
	assert_string_equal(js("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
	assert_string_equal(js("\xf4\x8f\xbf\xbf"), "\"\xf4\x8f\xbf\xbf\""); /* U+10FFFF */
}

static void
invalid_utf8_replaced(void **state)
{
	(void)state;
	/* A stray continuation byte and a bare high byte. */
	assert_string_equal(js("a\x80z"), "\"a\\ufffdz\"");
	assert_string_equal(js("\xff"), "\"\\ufffd\"");
	/* A sequence cut by the end of the string or by ASCII. */
	assert_string_equal(js("\xe2\x82"), "\"\\ufffd\\ufffd\"");
	assert_string_equal(js("\xc3z"), "\"\\ufffdz\"");
	/* Overlong encodings of '/' and NUL. */
	assert_string_equal(js("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
	assert_string_equal(js("\xe0\x80\xaf"), "\"\\ufffd\\ufffd\\ufffd\"");
	/* A UTF-16 surrogate and a code point above U+10FFFF. */
	assert_string_equal(js("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
	assert_string_equal(js("\xf4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	assert_string_equal(js("\xf5\x80"), "\"\\ufffd\\ufffd\"");
	/* Valid text after a bad byte is kept. */
	assert_string_equal(js("\xff\xc3\xa9"), "\"\\ufffd\xc3\xa9\"");
}

static void
figures(void **state)
{
	(void)state;
	assert_string_equal(figure(0), "0");
	assert_string_equal(figure(1048576), "1048576");
	assert_string_equal(figure(INT64_MAX - 1), "9223372036854775806");
	assert_string_equal(figure(LAYER_UNLIMITED), "\"unlimited\"");
	assert_string_equal(figure(LAYER_NONE), "null");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plain_and_escaped), cmocka_unit_test(control_characters),
	    cmocka_unit_test(valid_utf8_kept),	 cmocka_unit_test(invalid_utf8_replaced),
	    cmocka_unit_test(figures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
