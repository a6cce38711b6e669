/*
 * appconf.h: what every server's configuration reader needs: reading a
 * configuration file through rootfs (regular files only, whole, refusing
 * one too large instead of cutting it), expanding an include glob or an
 * include directory in the order the server reads them, joining relative
 * paths, and recording where a setting was found.
 */
#ifndef APPCONF_H
#define APPCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"

/* A setting's value and where it was set (file "" and line 0: the default). */
struct app_setting {
	int64_t value;
	bool set;
	char file[APP_PATH_MAX];
	int line;
};

void appconf_setting(struct app_setting *s, int64_t value, const char *file, int line);

/* Read a whole configuration file (malloc'd, NUL-terminated) under the root.
 * 0, or -errno with cause "FILE: reason": -EISDIR / -EINVAL for what is not
 * a regular file, -EFBIG for one over APP_FILE_MAX. */
int appconf_read(const char *path, char **text, char *cause, size_t causelen);

/* appconf_read for one more file of a configuration that includes others:
 * refused with -E2BIG past APP_FILES_MAX files (*nfiles counts those read),
 * so an include loop or a glob of thousands ends with a cause. */
int appconf_read_included(const char *path, int *nfiles, char **text, char *cause, size_t causelen);

/* A sorted list of paths. */
struct appconf_list {
	char **v;
	size_t n;
};

void appconf_list_free(struct appconf_list *l);

/* The paths matching a glob (* ? [..] in any component; a leading '.' is
 * matched only by a pattern that names it), sorted as glob(3) sorts.
 * A pattern without wildcards yields itself whether or not it exists.
 * 0 or -errno (-ENOMEM; an unreadable directory: cause). */
int appconf_glob(const char *pattern, struct appconf_list *out, char *cause, size_t causelen);

/* The regular files of a directory whose names end in suffix ("" any),
 * not starting with '.', sorted. 0 or -errno with cause. */
int appconf_dir(const char *dir, const char *suffix, struct appconf_list *out, char *cause,
		size_t causelen);

/* dir/rel, or rel when it is absolute. -ENAMETOOLONG when it does not fit. */
int appconf_join(const char *dir, const char *rel, char *out, size_t size);
/* The directory of a file path ("/etc/nginx/nginx.conf" -> "/etc/nginx"). */
void appconf_dirname(const char *path, char *out, size_t size);
/* The last component of a path. */
const char *appconf_basename(const char *path);

/* Whether s holds a glob character. */
bool appconf_has_glob(const char *s);

#endif
