/*
 * fuzz-launchd: recorded macOS output: `launchctl limit [maxfiles]` and
 * `sysctl kern.*` / `sysctl -n`, then the checks and the plist built
 * from what was parsed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "launchd.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct launchd_limit lim = {256, LAUNCHD_UNLIMITED};
	int64_t perproc = LAUNCHD_UNKNOWN, maxfiles = LAUNCHD_UNKNOWN, bare;
	char *text = malloc(size + 1), cause[256], buf[4096];

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	launchd_parse_limit(text, "maxfiles", &lim);
	launchd_parse_limit(text, "maxproc", &lim);
	launchd_parse_sysctl(text, "kern.maxfilesperproc", &perproc);
	launchd_parse_sysctl(text, "kern.maxfiles", &maxfiles);
	launchd_parse_sysctl(text, NULL, &bare);
	launchd_check_maxfiles(&lim, perproc, maxfiles, cause, sizeof(cause));
	launchd_check_kern(perproc, maxfiles, cause, sizeof(cause));
	launchd_plist(&lim, buf, sizeof(buf));
	launchd_plist(&lim, buf, 64);
	launchd_limit_command(&lim, buf, sizeof(buf));
	free(text);
	return 0;
}
