/*
 * profile-find.c: where profiles are looked up by name.
 *
 * Local overrides in SYSCONFDIR/headroom/profiles come first. Then the
 * shipped profiles: from the source tree when this binary is the one in
 * the build tree (the README runs src/headroom before any install), else
 * from DATADIR/profiles where `make install` put them.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profile.h"
#include "tune-build.h" /* generated: HEADROOM_BUILD_TOP, HEADROOM_SOURCE_TOP */

static bool
running_from_build_tree(void)
{
	char exe[PATH_MAX], built[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	if (realpath(HEADROOM_BUILD_TOP "/src", built) == NULL)
		return false;
	return strcmp(exe, built) == 0;
}

int
profile_dirs(const char **dirs, int max)
{
	static bool from_build, checked;
	int n = 0;

	if (!checked) {
		from_build = running_from_build_tree();
		checked = true;
	}
	if (n < max)
		dirs[n++] = HEADROOM_SYSCONFDIR "/headroom/profiles";
	if (n < max)
		dirs[n++] = from_build ? HEADROOM_SOURCE_TOP "/profiles"
				       : HEADROOM_DATADIR "/profiles";
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
