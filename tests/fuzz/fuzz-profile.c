/*
 * fuzz-profile: a profile's text (profile_load_text), then validation
 * against a system with and without a known fs.nr_open, and with
 * --allow-any-sysctl. Relative includes resolve in the scratch root,
 * where nothing is: the include error paths run, nothing outside is read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "profile.h"

static struct profile prof;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned flags[] = {0, PROFILE_ALLOW_ANY_SYSCTL};
	struct profile_system sys;
	char file[512], cause[512];
	size_t i;

	snprintf(file, sizeof(file), "%s/profiles/fuzz.conf", fuzz_root());
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		profile_init(&prof, "fuzz");
		if (profile_load_text(&prof, file, (const char *)data, size, flags[i], cause,
				      sizeof(cause)) < 0)
			return 0;
		sys.nr_open = i == 0 ? 1048576 : PROFILE_UNSET;
		profile_validate(&prof, &sys, flags[i], cause, sizeof(cause));
	}
	return 0;
}
