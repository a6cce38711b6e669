/*
 * accounts.c (generic): users and groups for limits.conf (platform.h) from
 * POSIX libc: getpwnam_r, then the primary group and every group listing
 * the user as a member (getgrent, XSI), as pam_limits matches @group. A
 * tree under --root has no libc parser outside glibc (fgetpwent), and
 * limits.conf is Linux's (pam_limits), so there it says so.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* getgrent; before any header */
#endif
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limitsconf.h"
#include "platform.h"
#include "rootfs.h"

static int
user_ids(const char *name, struct limitsconf_user *u, char *cause, size_t causelen)
{
	struct passwd pw, *found = NULL;
	size_t size = 4096;
	char *buf = NULL, *more;
	int err;

	do {
		size *= 2;
		more = size <= (16u << 20) ? realloc(buf, size) : NULL;
		if (more == NULL) {
			free(buf);
			snprintf(cause, causelen, "user '%s': %s", name, strerror(ENOMEM));
			return -ENOMEM;
		}
		buf = more;
		err = getpwnam_r(name, &pw, buf, size, &found);
	} while (err == ERANGE);
	if (found != NULL) {
		u->uid = pw.pw_uid;
		u->gid = pw.pw_gid;
	}
	free(buf);
	if (found != NULL)
		return 0;
	snprintf(cause, causelen, "user '%s' does not exist", name);
	return -ENOENT;
}

static int
user_groups(struct limitsconf_user *u)
{
	struct group *gr;
	char **m;
	int err = 0;

	setgrent();
	while (err == 0 && (gr = getgrent()) != NULL) {
		bool in = gr->gr_gid == u->gid;

		for (m = gr->gr_mem; !in && m != NULL && *m != NULL; m++)
			in = strcmp(*m, u->name) == 0;
		if (in)
			err = limitsconf_user_add_group(u, gr->gr_name, gr->gr_gid);
	}
	endgrent();
	return err;
}

int
platform_user_lookup(const char *name, struct limitsconf_user *u, char *cause, size_t causelen)
{
	int err;

	snprintf(u->name, sizeof(u->name), "%s", name);
	if (!rootfs_is_live()) {
		snprintf(cause, causelen,
			 "users under --root are read on Linux only (limits.conf is pam_limits')");
		return -ENOSYS;
	}
	err = user_ids(name, u, cause, causelen);
	if (err == 0 && (err = user_groups(u)) < 0)
		snprintf(cause, causelen, "groups of '%s': %s", name, strerror(-err));
	return err;
}
