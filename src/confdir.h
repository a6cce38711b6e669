/*
 * confdir.h: the *.conf files of drop-in directories (limits.d,
 * system.conf.d, the profile directories), in the order the programs that
 * read them use: by file name, a later directory's file hiding a file of
 * the same name in an earlier one, hidden files left out.
 */
#ifndef CONFDIR_H
#define CONFDIR_H

#include <dirent.h>
#include <stddef.h>

struct confdir_file {
	char name[256]; /* "90-headroom.conf" */
	size_t dir;	/* index of its directory in the list given */
};

/*
 * List the *.conf files of dirs into out, sorted by name, one per name
 * (the last directory's). open_dir opens a directory: rootfs_opendir for
 * the system under --root, opendir(3) for headroom's own files; a
 * directory it cannot open is skipped. Returns how many files, or
 * CONFDIR_TOO_MANY when they hold more than max: the ones kept would be
 * whichever readdir gave first, so none is a fair answer and the caller
 * says so.
 */
#define CONFDIR_TOO_MANY ((size_t)-1)
size_t confdir_list(const char *const *dirs, size_t ndirs, DIR *(*open_dir)(const char *),
		    struct confdir_file *out, size_t max);

#endif
