/*
 * fuzz-names: the shared name validator (src/names.c) on one name (part
 * 0): unit, user, group, limits.conf domain and sysctl key, and the quoting
 * of names in messages at every buffer size up to 96. A name the validator
 * accepts reaches a file path or a journal line, so beyond "no crash" the
 * harness aborts when an accepted name could break out of either (a slash,
 * a blank, a control byte, too long), or when a quote is not a printable,
 * terminated string within its buffer.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "names.h"

/* Nothing a path or a journal line could split on. */
static bool
harmless(const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len == 0 || len > max || strchr(s, '/') != NULL)
		return false;
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	}
	return true;
}

static void
check_quote(const char *name)
{
	char out[96];
	size_t size, len;

	for (size = 0; size <= sizeof(out); size++) {
		memset(out, 'Z', sizeof(out));
		names_quote(name, out, size);
		if (size == 0)
			continue;
		len = strnlen(out, size);
		if (len == size)
			abort(); /* not terminated inside its buffer */
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
				abort(); /* a control byte reached a message */
		}
	}
}

static void
check_accepted(const char *name)
{
	char cause[256], small[8];

	if (names_check_unit(name, cause, sizeof(cause)) == 0 &&
	    (!harmless(name, NAMES_UNIT_MAX) || strcmp(name, ".service") == 0))
		abort();
	if (names_check_user(name, cause, sizeof(cause)) == 0 &&
	    (!harmless(name, NAMES_USER_MAX) || strchr(name, ':') != NULL))
		abort();
	if (names_check_group(name, cause, sizeof(cause)) == 0 && !harmless(name, NAMES_USER_MAX))
		abort();
	if (names_check_limits_domain(name, cause, sizeof(cause)) == 0 &&
	    !harmless(name, NAMES_USER_MAX + 1))
		abort();
	if (names_check_sysctl_key(name, cause, sizeof(cause)) == 0 &&
	    (!harmless(name, NAMES_SYSCTL_MAX) || strstr(name, "..") != NULL))
		abort();
	/* a cause buffer too small for the message is cut, never overrun */
	names_check_unit(name, small, sizeof(small));
	names_check_sysctl_key(name, small, sizeof(small));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_parts p;

	fuzz_split(data, size, &p);
	check_accepted(p.part[0]);
	check_quote(p.part[0]);
	fuzz_parts_free(&p);
	return 0;
}
