/*
 * cmd-top-exec.c: `headroom top` in the main program. The live view is a
 * program of its own, headroom-top, so that only it links ncurses and
 * `headroom check` starts without loading it. This entry execs it in place
 * (the same pid, so signals and prlimit --pid reach the view), passing the
 * global options on.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "instdirs.h"
#include "platform.h"
#include "top-entry.h"

#define TOP_ARGS_MAX 256

static int cmd_top_exec(int argc, char **argv);

const struct cmd_entry cmd_top_entry = {
    .name = "top",
    .usage = TOP_USAGE,
    .summary = TOP_SUMMARY,
    .exec = cmd_top_exec,
};

/*
 * Beside this program first (the build tree), then where it is installed
 * (under the stage of a staged install: instdirs.c).
 */
static int
find_view(char *path, size_t size)
{
	char self[PATH_MAX];
	char *slash;

	if (platform_self_exe(self, sizeof(self)) == 0) {
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (snprintf(path, size, "%s/%s", self, TOP_PROGRAM) < (int)size &&
			    access(path, X_OK) == 0)
				return 0;
		}
	}
	if (instdirs_resolve(HEADROOM_PKGLIBEXECDIR "/" TOP_PROGRAM, path, size) < 0)
		return -ENAMETOOLONG;
	return access(path, X_OK) == 0 ? 0 : -errno;
}

static int
cmd_top_exec(int argc, char **argv)
{
	char *args[TOP_ARGS_MAX + 5];
	char path[PATH_MAX];
	int i, n = 0, err;

	if (argc > TOP_ARGS_MAX)
		return cmd_usage_error(&cmd_top_entry, "too many arguments");
	err = find_view(path, sizeof(path));
	if (err < 0)
		return cmd_error(EXIT_UNKNOWN, "top: cannot find %s (%s): %s", TOP_PROGRAM, path,
				 strerror(-err));
	args[n++] = path;
	if (cmd_globals.root != NULL) {
		args[n++] = (char *)"--root";
		args[n++] = (char *)cmd_globals.root;
	}
	if (cmd_globals.quiet)
		args[n++] = (char *)"-q";
	for (i = 1; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	execv(path, args);
	return cmd_error(EXIT_UNKNOWN, "top: cannot run %s: %s", path, strerror(errno));
}
