/*
 * instdirs.c: where this program's own files are, found from where the
 * binary runs; no path of the build tree is compiled in, so the installed
 * binary is the same whatever directory it was built in (reproducible
 * builds) and a staged install finds its own files.
 *
 *   installed   the binary is in the configured bindir (or pkglibexecdir
 *               for headroom-top): the configured directories as they are.
 *   staged      the binary is in STAGE/bindir: STAGE + each configured
 *               directory (DESTDIR installs, package builds).
 *   build tree  make writes src/headroom.uninstalled beside the binary,
 *               naming the source tree; profiles are read from there.
 *
 * The administrator's files (sysconfdir) and the journal (localstatedir,
 * under --root) belong to the system the binary manages, not to the
 * binary: they are never relocated.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instdirs.h"
#include "platform.h"

/* The directory this binary runs from, or -errno. */
static int
self_dir(char *dir, size_t size)
{
	char *slash;
	int err = platform_self_exe(dir, size);

	if (err < 0)
		return err;
	slash = strrchr(dir, '/');
	if (slash == NULL)
		return -ENOENT;
	*slash = '\0';
	return 0;
}

/* DIR is the configured directory INST (as written, or its real path). */
static bool
same_dir(const char *dir, const char *inst)
{
	char real[PATH_MAX];

	if (strcmp(dir, inst) == 0)
		return true;
	return realpath(inst, real) != NULL && strcmp(dir, real) == 0;
}

/*
 * The length of STAGE when DIR is STAGE + INST (INST absolute), else -1.
 * DIR, from /proc/self/exe, has no symlinks; INST is as configured.
 */
static int
stage_len(const char *dir, const char *inst)
{
	size_t dl = strlen(dir), il = strlen(inst);

	if (inst[0] != '/' || dl <= il || strcmp(dir + dl - il, inst) != 0)
		return -1;
	return (int)(dl - il);
}

int
instdirs_resolve(const char *configured, char *out, size_t size)
{
	static const char *const own[] = {HEADROOM_BINDIR, HEADROOM_PKGLIBEXECDIR};
	char dir[PATH_MAX];
	size_t i;
	int len = -1;

	dir[0] = '\0';
	if (self_dir(dir, sizeof(dir)) == 0) {
		for (i = 0; i < sizeof(own) / sizeof(own[0]) && len < 0; i++) {
			if (same_dir(dir, own[i]))
				break;
			len = stage_len(dir, own[i]);
		}
	}
	if (len < 0)
		len = 0;
	if (snprintf(out, size, "%.*s%s", len, dir, configured) >= (int)size)
		return -ENAMETOOLONG;
	return 0;
}

int
instdirs_source_tree(char *out, size_t size)
{
	char dir[PATH_MAX], path[PATH_MAX + sizeof(INSTDIRS_MARKER) + 1];
	FILE *f;
	size_t n;
	int err = self_dir(dir, sizeof(dir));

	if (err < 0)
		return err;
	snprintf(path, sizeof(path), "%s/%s", dir, INSTDIRS_MARKER);
	f = fopen(path, "r");
	if (f == NULL)
		return -ENOENT;
	if (fgets(out, (int)size, f) == NULL)
		out[0] = '\0';
	fclose(f);
	n = strcspn(out, "\n");
	out[n] = '\0';
	return out[0] == '/' ? 0 : -ENOENT;
}
