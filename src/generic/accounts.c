/*
 * accounts.c (generic): users and groups for limits.conf (platform.h) from
 * POSIX libc: getpwnam_r (userdb.c), then the primary group and every
 * group listing the user as a member (getgrent, XSI), as pam_limits
 * matches @group. A
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
#include <string.h>

#include "limitsconf.h"
#include "platform.h"
#include "rootfs.h"
#include "userdb.h"

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
	err = userdb_live_ids(name, u, cause, causelen);
	if (err == 0 && (err = user_groups(u)) < 0)
		snprintf(cause, causelen, "groups of '%s': %s", name, strerror(-err));
	return err;
}
