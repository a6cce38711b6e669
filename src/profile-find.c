/*
 * profile-find.c: where profiles are looked up by name.
 *
 * Local overrides in SYSCONFDIR/headroom/profiles come first. Then the
 * shipped profiles: from the source tree when this binary is the one in
 * the build tree (the README runs src/headroom before any install), else
 * from DATADIR/profiles where `make install` put them (under the stage of
 * a staged install): instdirs.c.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform.h"
#include "profile.h"
#include "instdirs.h"

int
profile_dirs(const char **dirs, int max)
{
	static char shipped[PATH_MAX];
	char src[PATH_MAX - 16];
	int n = 0;

	if (shipped[0] == '\0') {
		if (instdirs_source_tree(src, sizeof(src)) == 0)
			snprintf(shipped, sizeof(shipped), "%s/profiles", src);
		else if (instdirs_resolve(HEADROOM_DATADIR "/profiles", shipped, sizeof(shipped)) <
			 0)
			snprintf(shipped, sizeof(shipped), "%s", HEADROOM_DATADIR "/profiles");
	}
	if (n < max)
		dirs[n++] = HEADROOM_SYSCONFDIR "/headroom/profiles";
	if (n < max)
		dirs[n++] = shipped;
	return n;
}

static bool
valid_profile_name(const char *name)
{
	const char *s;

	if (name[0] == '\0' || name[0] == '.' || strlen(name) >= 64)
		return false;
	for (s = name; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	}
	return true;
}

int
profile_find(const char *name, char *path, size_t size, char *cause, size_t causelen)
{
	const char *dirs[4];
	int n, i, len;

	if (!valid_profile_name(name)) {
		snprintf(cause, causelen, "'%s' is not a profile name", name);
		return -EINVAL;
	}
	n = profile_dirs(dirs, 4);
	for (i = 0; i < n; i++) {
		len = snprintf(path, size, "%s/%s.conf", dirs[i], name);
		if (len > 0 && (size_t)len < size && access(path, F_OK) == 0)
			return 0;
	}
	snprintf(cause, causelen, "no profile named '%s' in %s or %s (see headroom profiles)", name,
		 dirs[0], n > 1 ? dirs[1] : "");
	return -ENOENT;
}
