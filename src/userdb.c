/*
 * userdb.c: the live user database through POSIX libc (userdb.h).
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limitsconf.h"
#include "userdb.h"

char *
userdb_grow(char *buf, size_t *size)
{
	char *more;

	if (*size >= 16u << 20) {
		free(buf);
		return NULL;
	}
	*size = *size == 0 ? 4096 : *size * 2;
	more = realloc(buf, *size);
	if (more == NULL)
		free(buf);
	return more;
}

int
userdb_live_ids(const char *name, struct limitsconf_user *u, char *cause, size_t causelen)
{
	struct passwd pw, *found = NULL;
	size_t size = 0;
	char *buf = NULL;
	int err;

	do {
		buf = userdb_grow(buf, &size);
		if (buf == NULL) {
			snprintf(cause, causelen, "user '%s': %s", name, strerror(ENOMEM));
			return -ENOMEM;
		}
		err = getpwnam_r(name, &pw, buf, size, &found);
	} while (err == ERANGE);
	if (found != NULL) {
		u->uid = pw.pw_uid;
		u->gid = pw.pw_gid;
	}
	free(buf);
	if (found != NULL)
		return 0;
	/* "not found" may come back as 0, ENOENT, ESRCH, EBADF or EPERM */
	if (err == 0 || err == ENOENT || err == ESRCH || err == EBADF || err == EPERM) {
		snprintf(cause, causelen, "user '%s' does not exist", name);
		return -ENOENT;
	}
	snprintf(cause, causelen, "user '%s': %s", name, strerror(err));
	return -err;
}
