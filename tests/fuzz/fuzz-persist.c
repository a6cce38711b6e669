/*
 * fuzz-persist: the files apply rewrites: an existing file (part 0)
 * merged with settings (part 1, one "key=value" a line; a limits key is
 * "domain<TAB>type<TAB>item") in each format (sysctl.d, the marked block
 * of macOS /etc/sysctl.conf, limits.d); and part 0's first line as a
 * drop-in path and as a unit name.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "persist.h"

#define SETTINGS_MAX 16

static size_t
settings(const char *text, struct persist_line *set)
{
	const char *line = text;
	size_t n = 0;

	while (*line != '\0' && n < SETTINGS_MAX) {
		size_t len = strcspn(line, "\n"), klen = strcspn(line, "=\n");

		if (klen < len) {
			snprintf(set[n].key, sizeof(set[n].key), "%.*s", (int)klen, line);
			snprintf(set[n].value, sizeof(set[n].value), "%.*s", (int)(len - klen - 1),
				 line + klen + 1);
			n++;
		}
		line += len + (line[len] == '\n');
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum persist_format fmts[] = {PERSIST_SYSCTL, PERSIST_SYSCTL_DARWIN,
						   PERSIST_LIMITS};
	static struct persist_line set[SETTINGS_MAX];
	char first[512], buf[1024], *out;
	struct fuzz_parts p;
	size_t i, n, outlen, len;

	fuzz_split(data, size, &p);
	n = settings(fuzz_part(&p, 1), set);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		out = NULL;
		if (persist_merge(fmts[i], p.part[0], set, n, &out, &outlen) == 0 &&
		    strlen(out) != outlen)
			abort(); /* the text and its length disagree */
		free(out);
	}
	len = strcspn(p.part[0], "\n");
	snprintf(first, sizeof(first), "%.*s", (int)(len < 511 ? len : 511), p.part[0]);
	persist_dropin_unit(first, buf, sizeof(buf));
	persist_dropin_unit(first, buf, 8);
	persist_unit_dropin_path(first, buf, sizeof(buf));
	persist_systemd_dropin(first, "65536", buf, sizeof(buf));
	persist_systemd_dropin(NULL, first, buf, sizeof(buf));
	fuzz_parts_free(&p);
	return 0;
}
